-- Imported files, what each batch wrote (so it can be undone), the mapping corrections a bureau made
-- per township, and the staff's education level that township lists carry.

CREATE TABLE import_batches (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('divisions', 'supervisors', 'directors', 'children')),
  township_code TEXT REFERENCES divisions(code),
  sheets TEXT NOT NULL,
  new_count INTEGER NOT NULL,
  changed_count INTEGER NOT NULL,
  unchanged_count INTEGER NOT NULL,
  rejected_count INTEGER NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL,
  backup_file TEXT,
  undone_at TEXT,
  undone_by TEXT
);
CREATE INDEX import_batches_at ON import_batches(at);

CREATE TABLE import_batch_rows (
  batch_id INTEGER NOT NULL REFERENCES import_batches(id),
  entity TEXT NOT NULL CHECK (entity IN ('division', 'child', 'supervisor', 'director')),
  entity_id TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('insert', 'update')),
  before TEXT,
  after_updated_at TEXT NOT NULL,
  PRIMARY KEY (batch_id, entity, entity_id)
);

CREATE TABLE import_problems (
  batch_id INTEGER NOT NULL REFERENCES import_batches(id),
  sheet TEXT NOT NULL,
  row INTEGER,
  column_name TEXT,
  message TEXT NOT NULL
);
CREATE INDEX import_problems_batch ON import_problems(batch_id);

CREATE TABLE import_mappings (
  township_code TEXT NOT NULL,
  kind TEXT NOT NULL,
  header TEXT NOT NULL,
  field TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (township_code, kind, header)
);

ALTER TABLE supervisors ADD COLUMN education TEXT NOT NULL DEFAULT '';
ALTER TABLE directors ADD COLUMN education TEXT NOT NULL DEFAULT '';
