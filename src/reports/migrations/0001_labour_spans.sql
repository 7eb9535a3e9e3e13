-- reports 0001: the labour day totals (issue #16 benchmark, docs/industry.md "Employed on D,
-- fast"). labor.working_age and labor.employed of the county as of any day D are
--   SUM(working_age), SUM(employed) of labour_day_deltas WHERE day <= D
-- (a few thousand rows) instead of a pass over every person and job (18 M index entries at
-- --scale 240). Derived data, kept by anju (reports/storage/labour_spans.h), never entered:
-- * labour_spans: per person, the days on which they count as of working age (18–60 周岁, a
--   member of a household counted on the day, the report's rules) and, of those, employed (a job
--   not voided current on the day); one text row a person, e.g.
--   'w:2019-05-01:2031-03-02;e:2020-01-01:2022-10-01' (from inclusive, until exclusive, '' = open).
-- * labour_day_deltas: the sum of every person's span starts (+1) and ends (-1) per day.
-- * labour_dirty: persons whose records changed since their span was written. The triggers below
--   add them whatever writes (anju, an import, the sqlite3 shell); anju folds them back before
--   each commit of a write (the same transaction), and a reader corrects the totals for those
--   still listed (a write made outside anju), so the totals are never stale.
-- meta 'labour_spans' = 'v1' once every person has been folded (the first fold after this
-- migration reads them all: every person is listed below).
CREATE TABLE labour_spans (
  person_id INTEGER PRIMARY KEY,
  spans     TEXT NOT NULL
);
CREATE TABLE labour_day_deltas (
  day         TEXT PRIMARY KEY,   -- 'YYYY-MM-DD'; '' for a span open at its start
  working_age INTEGER NOT NULL DEFAULT 0,
  employed    INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE labour_dirty (
  person_id INTEGER PRIMARY KEY
);
INSERT INTO labour_dirty (person_id) SELECT id FROM persons;

-- What the spans read: a person's birth date and membership, their earlier memberships, their
-- households' days (moved in, formed, ended) and their jobs.
CREATE TRIGGER labour_dirty_person_insert AFTER INSERT ON persons
BEGIN INSERT OR IGNORE INTO labour_dirty (person_id) VALUES (NEW.id); END;
CREATE TRIGGER labour_dirty_person_update AFTER UPDATE OF id, household_id, birth_date, member_from, member_until ON persons
BEGIN INSERT OR IGNORE INTO labour_dirty (person_id) VALUES (OLD.id), (NEW.id); END;
CREATE TRIGGER labour_dirty_person_delete AFTER DELETE ON persons
BEGIN INSERT OR IGNORE INTO labour_dirty (person_id) VALUES (OLD.id); END;

CREATE TRIGGER labour_dirty_membership_insert AFTER INSERT ON membership_history
BEGIN INSERT OR IGNORE INTO labour_dirty (person_id) VALUES (NEW.person_id); END;
CREATE TRIGGER labour_dirty_membership_update AFTER UPDATE ON membership_history
BEGIN INSERT OR IGNORE INTO labour_dirty (person_id) VALUES (OLD.person_id), (NEW.person_id); END;
CREATE TRIGGER labour_dirty_membership_delete AFTER DELETE ON membership_history
BEGIN INSERT OR IGNORE INTO labour_dirty (person_id) VALUES (OLD.person_id); END;

CREATE TRIGGER labour_dirty_household_update AFTER UPDATE OF id, move_in_date, formed_on, ended_on, site_id ON households
BEGIN
  INSERT OR IGNORE INTO labour_dirty (person_id)
    SELECT id FROM persons WHERE household_id IN (OLD.id, NEW.id)
    UNION SELECT person_id FROM membership_history WHERE household_id IN (OLD.id, NEW.id);
END;
CREATE TRIGGER labour_dirty_household_delete AFTER DELETE ON households
BEGIN
  INSERT OR IGNORE INTO labour_dirty (person_id)
    SELECT id FROM persons WHERE household_id = OLD.id
    UNION SELECT person_id FROM membership_history WHERE household_id = OLD.id;
END;

CREATE TRIGGER labour_dirty_job_insert AFTER INSERT ON jobs
BEGIN INSERT OR IGNORE INTO labour_dirty (person_id) VALUES (NEW.person_id); END;
CREATE TRIGGER labour_dirty_job_update AFTER UPDATE OF person_id, started_on, ended_on, voided_at ON jobs
BEGIN INSERT OR IGNORE INTO labour_dirty (person_id) VALUES (OLD.person_id), (NEW.person_id); END;
CREATE TRIGGER labour_dirty_job_delete AFTER DELETE ON jobs
BEGIN INSERT OR IGNORE INTO labour_dirty (person_id) VALUES (OLD.person_id); END;
