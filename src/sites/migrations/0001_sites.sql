-- sites 0001 (baseline): resettlement sites, their other names, grids, housing units.
-- anju-baseline: schema 6
-- Exactly the schema-6 state of these tables and their indexes (the previous release's global
-- migrations, frozen in storage/legacy/). A database made by that release records this file as
-- applied without running it (storage/migrate.h); a new database runs it. Never edit it: add
-- the next NNNN_*.sql of this folder instead.
-- Units: floor areas in dm² (0.01 m²), land areas in centimu (0.01 mu), money in fen, dates as
-- ISO text 'YYYY-MM-DD' (civil dates, no time zone), timestamps as ISO-8601 UTC text.

-- Resettlement sites (安置点). Size class is derived from resident persons, never stored.
CREATE TABLE sites (
  id               INTEGER PRIMARY KEY,
  name             TEXT NOT NULL UNIQUE,      -- as the article names it, e.g. 城北安置点
  mode             TEXT NOT NULL CHECK (mode IN ('county_town','township_seat','large_village','dispersed')),
  township_code    TEXT NOT NULL REFERENCES divisions(code),
  community_code   TEXT REFERENCES divisions(code),  -- the 居委会 the site became, if known
  planned_capacity INTEGER CHECK (planned_capacity IS NULL OR planned_capacity >= 0),  -- persons
  facility_standard TEXT,                     -- '五通六有' items met, comma-separated identifiers
  note             TEXT
);
-- Other names of a site (the article and spreadsheets use several).
CREATE TABLE site_aliases (
  alias   TEXT PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  reason  TEXT NOT NULL                       -- why this name denotes the site
);

-- Grids (网格): areas of a site (a set of buildings) looked after by a grid worker.
CREATE TABLE grids (
  id        INTEGER PRIMARY KEY,
  site_id   INTEGER NOT NULL REFERENCES sites(id),
  name      TEXT NOT NULL,
  buildings TEXT,                             -- comma-separated building numbers, informational
  UNIQUE (site_id, name)
);

-- Resettlement housing units (安置房): building, entrance, room at a site.
CREATE TABLE housing_units (
  id              INTEGER PRIMARY KEY,
  site_id         INTEGER NOT NULL REFERENCES sites(id),
  building        TEXT NOT NULL,              -- 楼栋
  entrance        TEXT NOT NULL,              -- 单元
  room            TEXT NOT NULL,              -- 室
  floor_area_dm2  INTEGER CHECK (floor_area_dm2 IS NULL OR floor_area_dm2 > 0),  -- 0.01 m²; NULL: unknown
  UNIQUE (site_id, building, entrance, room)
);
