-- The registry's first shape: division tree, category dictionary, children, supervisors, directors, audit trail.

CREATE TABLE divisions (
  code TEXT PRIMARY KEY CHECK (length(code) = 12),
  name TEXT NOT NULL CHECK (length(name) > 0),
  level TEXT NOT NULL CHECK (level IN ('district', 'township', 'village')),
  parent_code TEXT REFERENCES divisions(code),
  code_generated INTEGER NOT NULL DEFAULT 0,
  retired_on TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((level = 'district') = (parent_code IS NULL))
);
CREATE INDEX divisions_parent ON divisions(parent_code);

CREATE TABLE categories (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  dimension TEXT NOT NULL CHECK (dimension IN ('self', 'family', 'guardianship', 'other')),
  aliases TEXT NOT NULL DEFAULT '[]',
  builtin INTEGER NOT NULL DEFAULT 0,
  sort_order INTEGER NOT NULL DEFAULT 100
);

CREATE TABLE children (
  id INTEGER PRIMARY KEY,
  id_number TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_pinyin TEXT NOT NULL,
  name_initials TEXT NOT NULL,
  sex TEXT NOT NULL CHECK (sex IN ('M', 'F')),
  birth_date TEXT NOT NULL,
  village_code TEXT NOT NULL REFERENCES divisions(code),
  address TEXT NOT NULL DEFAULT '',
  guardian_name TEXT NOT NULL DEFAULT '',
  guardian_relation TEXT NOT NULL DEFAULT '',
  guardian_phone TEXT NOT NULL DEFAULT '',
  bank_account TEXT NOT NULL DEFAULT '',
  registered_on TEXT,
  notes TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'exited')),
  exit_reason TEXT,
  exit_date TEXT,
  last_reviewed_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX children_village ON children(village_code, status);
CREATE INDEX children_status ON children(status);
-- The list walks children in this order (village, then name) and stops at the page it shows.
CREATE INDEX children_list_order ON children(status, village_code, name_pinyin, id);

CREATE TABLE child_categories (
  child_id INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
  category_code TEXT NOT NULL REFERENCES categories(code),
  since TEXT,
  until TEXT,
  PRIMARY KEY (child_id, category_code, since)
);
CREATE INDEX child_categories_category ON child_categories(category_code, child_id);

CREATE TABLE supervisors (
  id INTEGER PRIMARY KEY,
  township_code TEXT NOT NULL REFERENCES divisions(code),
  name TEXT NOT NULL,
  sex TEXT NOT NULL CHECK (sex IN ('M', 'F')),
  birth_date TEXT,
  phone TEXT NOT NULL DEFAULT '',
  part_time INTEGER NOT NULL DEFAULT 1,
  concurrent_post TEXT NOT NULL DEFAULT '',
  trained INTEGER NOT NULL DEFAULT 0,
  start_date TEXT,
  end_date TEXT,
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX supervisors_township ON supervisors(township_code);

CREATE TABLE directors (
  id INTEGER PRIMARY KEY,
  village_code TEXT NOT NULL REFERENCES divisions(code),
  name TEXT NOT NULL,
  sex TEXT NOT NULL CHECK (sex IN ('M', 'F')),
  birth_date TEXT,
  phone TEXT NOT NULL DEFAULT '',
  part_time INTEGER NOT NULL DEFAULT 1,
  concurrent_post TEXT NOT NULL DEFAULT '',
  trained INTEGER NOT NULL DEFAULT 0,
  start_date TEXT,
  end_date TEXT,
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX directors_village ON directors(village_code);

-- Append-only: no code path updates or deletes these rows (triggers make sure).
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  before TEXT,
  after TEXT
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_at ON audit_log(at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, '操作日志不可修改'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, '操作日志不可删除'); END;
