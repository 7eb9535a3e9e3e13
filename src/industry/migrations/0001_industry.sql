-- industry 0001 (baseline): industrial parks, the further sites a park serves, workshops.
-- anju-baseline: schema 6
-- Exactly the schema-6 state of these tables and their indexes (the previous release's global
-- migrations, frozen in storage/legacy/). A database made by that release records this file as
-- applied without running it (storage/migrate.h); a new database runs it. Never edit it: add
-- the next NNNN_*.sql of this folder instead.
-- Units: floor areas in dm² (0.01 m²), land areas in centimu (0.01 mu), money in fen, dates as
-- ISO text 'YYYY-MM-DD' (civil dates, no time zone), timestamps as ISO-8601 UTC text.

-- Industrial parks (产业园区) built or planned for sites.
CREATE TABLE parks (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  site_id       INTEGER NOT NULL REFERENCES sites(id),   -- the site it was built for
  kind          TEXT NOT NULL,                -- e.g. shiitake, vegetable_greenhouse, e_commerce
  area_centimu  INTEGER,                      -- 0.01 mu; NULL when the article gives none
  head_count    INTEGER,                      -- livestock capacity, for breeding bases
  operator      TEXT,                         -- leading cooperative or enterprise
  status        TEXT NOT NULL CHECK (status IN ('built','planned')),
  note          TEXT
);
-- Further sites a park serves (锦绣生态农业园区 is shared with 文苑寨).
CREATE TABLE park_sites (
  park_id INTEGER NOT NULL REFERENCES parks(id) ON DELETE CASCADE,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  PRIMARY KEY (park_id, site_id)
) WITHOUT ROWID;

-- Poverty-alleviation workshops (扶贫车间).
CREATE TABLE workshops (
  id        INTEGER PRIMARY KEY,
  site_id   INTEGER NOT NULL REFERENCES sites(id),
  name      TEXT NOT NULL,
  kind      TEXT,                             -- e.g. small_appliance
  opened_on TEXT,                             -- YYYY-MM-DD
  rent_free_years INTEGER                     -- 3–5 years under the county's ten policies
);
CREATE INDEX workshops_site ON workshops(site_id);
