-- The app lock: one password the bureau sets, kept only as a salted scrypt hash (parameters inside the text), and
-- a one-time recovery code, likewise hashed. No row means no password: the app opens as before.

CREATE TABLE app_lock (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  password_hash TEXT NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
  recovery_hash TEXT NOT NULL CHECK (recovery_hash LIKE 'scrypt$%'),
  set_at TEXT NOT NULL,
  set_by TEXT NOT NULL
);
