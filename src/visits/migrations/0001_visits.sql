-- visits 0001 (issue #15 item 2, docs/casework.md "visits"): visits 走访纪实 by cadres and grid
-- workers, and who was met. Nothing is deleted: a visit entered in error is voided (voided_on,
-- voided_by, void_reason). Location (latitude/longitude, WGS-84 degrees as the phone gives them)
-- is stored only when location_consent = 1 for that visit (PIPL art. 13/14); the CHECK keeps it so.
-- Dates are ISO text 'YYYY-MM-DD' (civil, China); timestamps ISO-8601 UTC.
CREATE TABLE visits (
  id               INTEGER PRIMARY KEY,
  household_id     INTEGER NOT NULL REFERENCES households(id),
  visited_on       TEXT NOT NULL,
  visitor_user_id  INTEGER NOT NULL,          -- users.id of the account that recorded it
  visitor_name     TEXT NOT NULL,             -- its user name then (kept if the account goes)
  cadre_id         INTEGER,                   -- cadres.id: the household's cadre when the visitor is linked to it; NULL otherwise
  purpose          TEXT NOT NULL CHECK (purpose IN ('routine','policy','employment','hardship','follow_up','other')),
  findings         TEXT NOT NULL DEFAULT '',
  follow_ups       TEXT NOT NULL DEFAULT '',
  latitude         REAL,
  longitude        REAL,
  location_consent INTEGER NOT NULL DEFAULT 0 CHECK (location_consent IN (0,1)),
  recorded_at      TEXT NOT NULL,
  voided_on        TEXT,
  voided_by        TEXT,
  void_reason      TEXT,
  CHECK (location_consent = 1 OR (latitude IS NULL AND longitude IS NULL))
);
CREATE INDEX visits_household ON visits(household_id, visited_on);
CREATE INDEX visits_date ON visits(visited_on);
CREATE INDEX visits_cadre ON visits(cadre_id, visited_on) WHERE cadre_id IS NOT NULL;

-- Who was met (optional): members of the household on the day.
CREATE TABLE visit_people (
  visit_id  INTEGER NOT NULL REFERENCES visits(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  PRIMARY KEY (visit_id, person_id)
);
