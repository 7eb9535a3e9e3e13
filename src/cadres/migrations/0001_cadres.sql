-- cadres 0001: assigned cadres (帮扶责任人) and their households over time (issue #15,
-- docs/casework.md "cadres", src/cadres/README.md).
-- Dates are ISO text 'YYYY-MM-DD' (civil dates, China); timestamps ISO-8601 UTC text.

-- A cadre: a person of a unit (county bureau, township, village committee, enterprise) made
-- responsible for households. Never deleted: ended_on + end_reason when the cadre leaves.
CREATE TABLE cadres (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
  unit          TEXT NOT NULL DEFAULT '',        -- 工作单位
  unit_kind     TEXT,                            -- optional: county / township / village / enterprise / other
  title         TEXT NOT NULL DEFAULT '',        -- 职务
  phone         TEXT NOT NULL DEFAULT '',        -- digits only (cleaned), may be empty
  township_code TEXT REFERENCES divisions(code), -- the township the cadre works in, optional
  note          TEXT NOT NULL DEFAULT '',
  user_id       INTEGER,                         -- informational; the link is users.cadre_id
  created_at    TEXT NOT NULL,
  ended_on      TEXT,
  end_reason    TEXT NOT NULL DEFAULT '',
  version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX cadres_name_phone ON cadres(name, phone);

-- Who is responsible for a household from when to when. Periods are half-open
-- [from_date, until_date): a reassignment ends the old one on the day the new one starts, so
-- the periods of one household never overlap. One current (until_date NULL) per household.
CREATE TABLE cadre_assignments (
  id            INTEGER PRIMARY KEY,
  household_id  INTEGER NOT NULL REFERENCES households(id),
  cadre_id      INTEGER NOT NULL REFERENCES cadres(id),
  from_date     TEXT NOT NULL,
  until_date    TEXT CHECK (until_date IS NULL OR until_date >= from_date),
  reason        TEXT NOT NULL DEFAULT '',        -- why it started (结对, 调整, import …)
  ended_reason  TEXT NOT NULL DEFAULT '',        -- why it ended
  recorded_by   TEXT NOT NULL,                   -- username
  recorded_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX cadre_assignments_current ON cadre_assignments(household_id)
  WHERE until_date IS NULL;
CREATE INDEX cadre_assignments_cadre ON cadre_assignments(cadre_id, until_date);
CREATE INDEX cadre_assignments_household ON cadre_assignments(household_id, from_date);
