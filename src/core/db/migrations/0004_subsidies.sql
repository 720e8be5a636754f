-- Subsidy programmes with their standards, and the monthly disbursement rosters (发放花名册) computed from them.
-- A locked roster is a frozen copy: its lines keep names, numbers and amounts as they were, and triggers refuse
-- any change to it, whatever happens to the registry later.

CREATE TABLE programmes (
  code TEXT PRIMARY KEY CHECK (length(code) > 0),
  name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
  kind TEXT NOT NULL CHECK (kind IN ('child', 'director')),
  -- 'month': the standard is an amount per month; 'year': an amount per year, paid once a year
  period TEXT NOT NULL DEFAULT 'month' CHECK (period IN ('month', 'year')),
  categories TEXT NOT NULL DEFAULT '[]',
  excluded_by TEXT NOT NULL DEFAULT '[]',
  age_limit INTEGER,
  extension TEXT,
  start_rule TEXT NOT NULL CHECK (start_rule IN ('month-after-registration', 'month-of-registration')),
  end_rule TEXT NOT NULL CHECK (end_rule IN ('month-after-exit', 'month-of-exit')),
  builtin INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  sort_order INTEGER NOT NULL DEFAULT 100,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE standards (
  id INTEGER PRIMARY KEY,
  programme_code TEXT NOT NULL REFERENCES programmes(code),
  -- fen: integer money only
  amount_fen INTEGER NOT NULL CHECK (typeof(amount_fen) = 'integer' AND amount_fen >= 0),
  effective_from TEXT NOT NULL,
  effective_to TEXT,
  grp TEXT,
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
CREATE INDEX standards_programme ON standards(programme_code, effective_from);

CREATE TABLE rosters (
  id INTEGER PRIMARY KEY,
  programme_code TEXT NOT NULL REFERENCES programmes(code),
  -- frozen with the roster, so a renamed programme or district never changes a locked title
  programme_name TEXT NOT NULL,
  district_name TEXT NOT NULL DEFAULT '',
  first_month TEXT NOT NULL,
  months INTEGER NOT NULL CHECK (months BETWEEN 1 AND 12),
  last_month TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'locked')),
  generated_at TEXT NOT NULL,
  generated_by TEXT NOT NULL,
  locked_at TEXT,
  locked_by TEXT,
  backup_file TEXT,
  total_fen INTEGER NOT NULL CHECK (typeof(total_fen) = 'integer'),
  line_count INTEGER NOT NULL,
  excluded_count INTEGER NOT NULL,
  back_pay_lines INTEGER NOT NULL DEFAULT 0,
  -- locked rosters of the programme when this one was computed: if more are locked since, its back-pay and
  -- already-paid months may be stale, and it must be generated again before it can be locked
  locked_before INTEGER NOT NULL DEFAULT 0,
  CHECK ((status = 'locked') = (locked_at IS NOT NULL))
);
CREATE UNIQUE INDEX rosters_identity ON rosters(programme_code, first_month, months);
CREATE INDEX rosters_programme_status ON rosters(programme_code, status, first_month);

CREATE TABLE roster_lines (
  roster_id INTEGER NOT NULL REFERENCES rosters(id),
  seq INTEGER NOT NULL,
  child_id INTEGER,
  director_id INTEGER,
  township TEXT NOT NULL,
  village TEXT NOT NULL,
  name TEXT NOT NULL,
  id_number TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL,
  category_code TEXT NOT NULL DEFAULT '',
  standard_fen INTEGER NOT NULL,
  -- months paid on this line, back-pay included; the lists are comma-separated YYYY-MM
  months INTEGER NOT NULL,
  paid_months TEXT NOT NULL,
  back_pay_months TEXT NOT NULL DEFAULT '',
  back_pay_fen INTEGER NOT NULL DEFAULT 0,
  amount_fen INTEGER NOT NULL CHECK (typeof(amount_fen) = 'integer'),
  guardian TEXT NOT NULL DEFAULT '',
  bank_account TEXT NOT NULL DEFAULT '',
  rule TEXT NOT NULL,
  PRIMARY KEY (roster_id, seq),
  CHECK ((child_id IS NULL) <> (director_id IS NULL))
);
CREATE INDEX roster_lines_child ON roster_lines(child_id);

CREATE TABLE roster_excluded (
  roster_id INTEGER NOT NULL REFERENCES rosters(id),
  seq INTEGER NOT NULL,
  child_id INTEGER,
  director_id INTEGER,
  township TEXT NOT NULL,
  village TEXT NOT NULL,
  name TEXT NOT NULL,
  id_number TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL,
  -- what is owed but cannot be paid (e.g. no bank account); 0 when nothing is owed
  owed_fen INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (roster_id, seq)
);

CREATE TRIGGER rosters_locked_no_update BEFORE UPDATE ON rosters WHEN OLD.status = 'locked'
BEGIN SELECT RAISE(ABORT, '已锁定的发放花名册不可修改'); END;
CREATE TRIGGER rosters_locked_no_delete BEFORE DELETE ON rosters WHEN OLD.status = 'locked'
BEGIN SELECT RAISE(ABORT, '已锁定的发放花名册不可删除'); END;

CREATE TRIGGER roster_lines_locked_no_insert BEFORE INSERT ON roster_lines
WHEN (SELECT status FROM rosters WHERE id = NEW.roster_id) = 'locked'
BEGIN SELECT RAISE(ABORT, '已锁定的发放花名册不可修改'); END;
CREATE TRIGGER roster_lines_locked_no_update BEFORE UPDATE ON roster_lines
WHEN (SELECT status FROM rosters WHERE id = OLD.roster_id) = 'locked'
  OR (SELECT status FROM rosters WHERE id = NEW.roster_id) = 'locked'
BEGIN SELECT RAISE(ABORT, '已锁定的发放花名册不可修改'); END;
CREATE TRIGGER roster_lines_locked_no_delete BEFORE DELETE ON roster_lines
WHEN (SELECT status FROM rosters WHERE id = OLD.roster_id) = 'locked'
BEGIN SELECT RAISE(ABORT, '已锁定的发放花名册不可修改'); END;

CREATE TRIGGER roster_excluded_locked_no_insert BEFORE INSERT ON roster_excluded
WHEN (SELECT status FROM rosters WHERE id = NEW.roster_id) = 'locked'
BEGIN SELECT RAISE(ABORT, '已锁定的发放花名册不可修改'); END;
CREATE TRIGGER roster_excluded_locked_no_update BEFORE UPDATE ON roster_excluded
WHEN (SELECT status FROM rosters WHERE id = OLD.roster_id) = 'locked'
  OR (SELECT status FROM rosters WHERE id = NEW.roster_id) = 'locked'
BEGIN SELECT RAISE(ABORT, '已锁定的发放花名册不可修改'); END;
CREATE TRIGGER roster_excluded_locked_no_delete BEFORE DELETE ON roster_excluded
WHEN (SELECT status FROM rosters WHERE id = OLD.roster_id) = 'locked'
BEGIN SELECT RAISE(ABORT, '已锁定的发放花名册不可修改'); END;
