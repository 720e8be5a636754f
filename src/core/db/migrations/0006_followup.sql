-- Case follow-up (一人一档): quarterly reviews of each child's file, visits with risk flags, needs assessments, the
-- service catalogue and the services planned and delivered, documents on file, and a small key/value settings table.
-- The import pipeline learns two more kinds of sheet (reviews, visits): import_batches and import_batch_rows carry
-- their kinds in CHECK constraints, which SQLite cannot alter, so both are rebuilt here (foreign keys are off while a
-- migration runs, and checked before it commits).

CREATE TABLE IF NOT EXISTS settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE quarterly_reviews (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
  -- 'YYYY-Qn': the quarter the review is for (by default the quarter of its date)
  quarter TEXT NOT NULL CHECK (quarter GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
  reviewed_on TEXT NOT NULL,
  reviewer TEXT NOT NULL CHECK (length(reviewer) > 0),
  no_change INTEGER NOT NULL DEFAULT 0 CHECK (no_change IN (0, 1)),
  changes TEXT NOT NULL DEFAULT '',
  checked_at TEXT,
  checked_by TEXT,
  import_batch_id INTEGER,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (no_change = 1 OR length(changes) > 0)
);
CREATE INDEX quarterly_reviews_child ON quarterly_reviews(child_id, reviewed_on);
CREATE INDEX quarterly_reviews_quarter ON quarterly_reviews(quarter, child_id);

-- children.last_reviewed_at follows the reviews whatever writes them (forms, imports, undo).
CREATE TRIGGER quarterly_reviews_after_insert AFTER INSERT ON quarterly_reviews
BEGIN
  UPDATE children SET last_reviewed_at = (SELECT max(reviewed_on) FROM quarterly_reviews WHERE child_id = NEW.child_id)
   WHERE id = NEW.child_id;
END;
CREATE TRIGGER quarterly_reviews_after_update AFTER UPDATE OF reviewed_on, child_id ON quarterly_reviews
BEGIN
  UPDATE children SET last_reviewed_at = (SELECT max(reviewed_on) FROM quarterly_reviews WHERE child_id = children.id)
   WHERE id IN (OLD.child_id, NEW.child_id);
END;
CREATE TRIGGER quarterly_reviews_after_delete AFTER DELETE ON quarterly_reviews
BEGIN
  UPDATE children SET last_reviewed_at = (SELECT max(reviewed_on) FROM quarterly_reviews WHERE child_id = OLD.child_id)
   WHERE id = OLD.child_id;
END;
CREATE INDEX children_reviewed ON children(status, last_reviewed_at);
CREATE INDEX children_birth ON children(status, birth_date);

CREATE TABLE visits (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
  visited_on TEXT NOT NULL,
  visitor TEXT NOT NULL CHECK (length(visitor) > 0),
  kind TEXT NOT NULL CHECK (kind IN ('home', 'phone', 'school')),
  findings TEXT NOT NULL DEFAULT '',
  -- a risk flag raises the child on the dashboard until an action is recorded
  risk TEXT CHECK (risk IS NULL OR risk IN ('no-guardian', 'abuse-neglect', 'other')),
  resolved_on TEXT,
  resolved_by TEXT,
  resolution TEXT,
  import_batch_id INTEGER,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((resolved_on IS NULL) = (resolution IS NULL)),
  CHECK (risk IS NOT NULL OR resolved_on IS NULL)
);
CREATE INDEX visits_child ON visits(child_id, visited_on);
CREATE INDEX visits_on ON visits(visited_on);
CREATE INDEX visits_open_risk ON visits(visited_on) WHERE risk IS NOT NULL AND resolved_on IS NULL;

CREATE TABLE needs_assessments (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
  assessed_on TEXT NOT NULL,
  assessor TEXT NOT NULL CHECK (length(assessor) > 0),
  self_level TEXT CHECK (self_level IN ('general', 'key', 'urgent')),
  self_notes TEXT NOT NULL DEFAULT '',
  family_level TEXT CHECK (family_level IN ('general', 'key', 'urgent')),
  family_notes TEXT NOT NULL DEFAULT '',
  guardianship_level TEXT CHECK (guardianship_level IN ('general', 'key', 'urgent')),
  guardianship_notes TEXT NOT NULL DEFAULT '',
  -- catalogue codes the assessment found needed (JSON array); each becomes a planned service
  services TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX needs_assessments_child ON needs_assessments(child_id, assessed_on);

CREATE TABLE service_catalogue (
  code TEXT PRIMARY KEY CHECK (length(code) > 0),
  name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
  area TEXT NOT NULL CHECK (area IN ('safety', 'physical', 'mental', 'education', 'other')),
  dimension TEXT NOT NULL CHECK (dimension IN ('self', 'family', 'guardianship')),
  -- how often directors delivered it in the field study (source paper, Table 3), for comparison; null for the bureau's own
  reference_percent INTEGER,
  builtin INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  sort_order INTEGER NOT NULL DEFAULT 100,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

INSERT INTO service_catalogue (code, name, area, dimension, reference_percent, builtin, sort_order, created_at, updated_at) VALUES
  ('parent-guardianship', '确认父母履行监护责任', 'safety', 'guardianship', 100, 1, 10, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('appointed-guardian', '父母均无法监护时确定委托监护人', 'safety', 'guardianship', 98, 1, 20, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('temporary-care', '无人监护儿童临时照料', 'safety', 'guardianship', 32, 1, 30, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('holiday-day-care', '寒暑假日间照料', 'safety', 'guardianship', 17, 1, 40, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('guardian-awareness', '提高监护人儿童保护意识', 'safety', 'guardianship', 80, 1, 50, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('injury-medical-aid', '意外伤害医疗救助', 'physical', 'self', 95, 1, 60, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('serious-illness-aid', '大病医疗救助', 'physical', 'self', 95, 1, 70, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('counselling', '心理辅导', 'mental', 'self', 5, 1, 80, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('cognitive-activities', '认知发展活动', 'mental', 'self', 5, 1, 90, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('education-subsidy', '贫困学生教育资助', 'education', 'family', 71, 1, 100, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('fees-waived', '免除学杂费', 'education', 'family', 100, 1, 110, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('free-textbooks', '免费教科书', 'education', 'family', 100, 1, 120, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('lunch-subsidy', '营养午餐补助', 'education', 'family', 100, 1, 130, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('after-school', '课后学习辅导', 'education', 'self', 0, 1, 140, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('household-help', '家务帮扶', 'other', 'family', 14, 1, 150, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('holiday-events', '节日慰问活动', 'other', 'self', 14, 1, 160, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('outdoor-activities', '户外活动', 'other', 'self', 11, 1, 170, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('guardian-money', '给予监护人资金帮扶', 'other', 'family', 5, 1, 180, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('sponsors', '联系爱心人士资助', 'other', 'family', 3, 1, 190, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('household-registration', '协助办理户口登记', 'other', 'guardianship', 1, 1, 200, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');

CREATE TABLE child_services (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
  service_code TEXT NOT NULL REFERENCES service_catalogue(code),
  status TEXT NOT NULL CHECK (status IN ('planned', 'delivered')),
  planned_on TEXT NOT NULL,
  delivered_on TEXT,
  provider TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  assessment_id INTEGER REFERENCES needs_assessments(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((status = 'delivered') = (delivered_on IS NOT NULL))
);
CREATE INDEX child_services_child ON child_services(child_id, service_code);
CREATE INDEX child_services_period ON child_services(service_code, planned_on, delivered_on);

CREATE TABLE child_documents (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
  type TEXT NOT NULL CHECK (type IN ('school-enrolment', 'disability-certificate', 'medical', 'guardianship', 'identity', 'other')),
  title TEXT NOT NULL CHECK (length(title) > 0),
  issued_on TEXT,
  valid_until TEXT,
  notes TEXT NOT NULL DEFAULT '',
  added_at TEXT NOT NULL,
  added_by TEXT NOT NULL,
  removed_at TEXT,
  removed_by TEXT
);
CREATE INDEX child_documents_child ON child_documents(child_id, type, valid_until);

-- The import pipeline's two new kinds.
CREATE TABLE import_batches_0007 (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('divisions', 'supervisors', 'directors', 'children', 'reviews', 'visits')),
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
INSERT INTO import_batches_0007 (id, file_name, sha256, kind, township_code, sheets, new_count, changed_count,
    unchanged_count, rejected_count, actor, at, backup_file, undone_at, undone_by)
  SELECT id, file_name, sha256, kind, township_code, sheets, new_count, changed_count, unchanged_count, rejected_count,
         actor, at, backup_file, undone_at, undone_by FROM import_batches;
DROP TABLE import_batches;
ALTER TABLE import_batches_0007 RENAME TO import_batches;
CREATE INDEX import_batches_at ON import_batches(at);

CREATE TABLE import_batch_rows_0007 (
  batch_id INTEGER NOT NULL REFERENCES import_batches(id),
  entity TEXT NOT NULL CHECK (entity IN ('division', 'child', 'supervisor', 'director', 'review', 'visit')),
  entity_id TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('insert', 'update')),
  before TEXT,
  after_updated_at TEXT NOT NULL,
  PRIMARY KEY (batch_id, entity, entity_id)
);
INSERT INTO import_batch_rows_0007 (batch_id, entity, entity_id, action, before, after_updated_at)
  SELECT batch_id, entity, entity_id, action, before, after_updated_at FROM import_batch_rows ORDER BY rowid;
DROP TABLE import_batch_rows;
ALTER TABLE import_batch_rows_0007 RENAME TO import_batch_rows;
