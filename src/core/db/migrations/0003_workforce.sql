-- The workforce beyond one person per post: a director who also serves villages without one of their own, and
-- the training each supervisor and director attended (date, course, hours).

CREATE TABLE director_villages (
  director_id INTEGER NOT NULL REFERENCES directors(id) ON DELETE CASCADE,
  village_code TEXT NOT NULL REFERENCES divisions(code),
  PRIMARY KEY (director_id, village_code)
);
CREATE INDEX director_villages_village ON director_villages(village_code);

CREATE TABLE staff_trainings (
  id INTEGER PRIMARY KEY,
  person_kind TEXT NOT NULL CHECK (person_kind IN ('supervisor', 'director')),
  person_id INTEGER NOT NULL,
  held_on TEXT NOT NULL,
  course TEXT NOT NULL CHECK (length(course) > 0),
  -- tenths of an hour: courses run 0.5 h, 1.5 h ... and hours are summed, so no floats
  hours_tenths INTEGER NOT NULL CHECK (hours_tenths > 0 AND hours_tenths <= 10000),
  created_at TEXT NOT NULL
);
CREATE INDEX staff_trainings_person ON staff_trainings(person_kind, person_id, held_on);
CREATE INDEX staff_trainings_held ON staff_trainings(held_on);

-- The staffing table reads people in post per division on a day.
CREATE INDEX supervisors_township_term ON supervisors(township_code, start_date, end_date);
CREATE INDEX directors_village_term ON directors(village_code, start_date, end_date);
