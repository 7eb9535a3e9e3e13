-- industry 0002: every person's jobs over time (issue #16 item 3, docs/industry.md "Jobs").
-- Replaces persons.employment_kind as the record of employment: whether a person is employed on
-- a day D is derived — some job not voided (voided_at IS NULL) with started_on <= D AND (ended_on IS NULL OR ended_on > D)
-- (the half-open period [started_on, ended_on) of the living register: ended_on is the first day
-- without that job). persons.employment_kind stays as the cache of "the channel of the person's
-- current job today", written only by the industry module (docs/industry.md "The registry seam").
-- Units: money in fen, dates 'YYYY-MM-DD' (civil, no time zone), timestamps ISO-8601 UTC text.

CREATE TABLE jobs (
  id                 INTEGER PRIMARY KEY,
  person_id          INTEGER NOT NULL REFERENCES persons(id),
  -- 就业渠道: the national relocation channel list plus 灵活就业 and 其他 (programme-facts §1.4).
  channel            TEXT NOT NULL CHECK (channel IN ('workshop','park','welfare_post','enterprise',
                       'migrant_work','self_employed','flexible','other')),
  employer           TEXT NOT NULL DEFAULT '',          -- 务工企业名称 / 雇主 (free text)
  workshop_id        INTEGER REFERENCES workshops(id),  -- channel workshop: which one (optional)
  park_id            INTEGER REFERENCES parks(id),      -- channel park: which one (optional)
  post_holding_id    INTEGER,                           -- channel welfare_post: the holding (industry posts)
  -- 务工地点 (programme-facts §1.4): 乡（镇）内 township, 乡（镇）外县内 county, 县外省内 province,
  -- 省外 outside; NULL = not recorded (rows migrated from employment_kind).
  place              TEXT CHECK (place IS NULL OR place IN ('township','county','province','outside')),
  work_county        TEXT NOT NULL DEFAULT '',          -- 务工所在县 (the 务工月监测 column)
  started_on         TEXT NOT NULL,                     -- first day of the job
  ended_on           TEXT,                              -- first day without it; NULL = current
  end_reason         TEXT NOT NULL DEFAULT '',
  monthly_income_fen INTEGER CHECK (monthly_income_fen IS NULL OR monthly_income_fen >= 0),
  months_per_year    INTEGER CHECK (months_per_year IS NULL OR months_per_year BETWEEN 0 AND 12),
  -- How the row came: entered (page/API), import (roster), migrated (from employment_kind by
  -- this migration), post (a welfare-post holding), registry (the household import's 就业 column).
  source             TEXT NOT NULL DEFAULT 'entered'
                       CHECK (source IN ('entered','import','migrated','post','registry')),
  note               TEXT NOT NULL DEFAULT '',
  recorded_by        TEXT NOT NULL DEFAULT '',          -- username
  recorded_at        TEXT NOT NULL DEFAULT '',          -- ISO-8601 UTC
  -- Entered in error: the row stays, voided with a reason (never deleted); not counted.
  voided_at          TEXT,
  void_reason        TEXT NOT NULL DEFAULT '',
  version            INTEGER NOT NULL DEFAULT 1,        -- optimistic concurrency (If-Match)
  CHECK (ended_on IS NULL OR ended_on > started_on)
);
CREATE INDEX jobs_person ON jobs(person_id, started_on);
-- The as-of scan: jobs current on a day, by period, with the person (covering).
CREATE INDEX jobs_period ON jobs(started_on, ended_on, person_id);
CREATE INDEX jobs_workshop ON jobs(workshop_id) WHERE workshop_id IS NOT NULL;
CREATE INDEX jobs_park ON jobs(park_id) WHERE park_id IS NOT NULL;

-- The single employment_kind of every person becomes one job from the day the person is known
-- to belong to the household (member_from, else the household's move-in day), place unknown.
INSERT INTO jobs (person_id, channel, started_on, source, note)
SELECT p.id, p.employment_kind, coalesce(p.member_from, h.move_in_date), 'migrated',
       'migrated from persons.employment_kind'
FROM persons p JOIN households h ON h.id = p.household_id
WHERE p.employment_kind <> 'none';
