-- governance 0001 (baseline): communities of the sites and their party organisations.
-- anju-baseline: schema 6
-- Exactly the schema-6 state of these tables and their indexes (the previous release's global
-- migrations, frozen in storage/legacy/). A database made by that release records this file as
-- applied without running it (storage/migrate.h); a new database runs it. Never edit it: add
-- the next NNNN_*.sql of this folder instead.
-- Units: floor areas in dm² (0.01 m²), land areas in centimu (0.01 mu), money in fen, dates as
-- ISO text 'YYYY-MM-DD' (civil dates, no time zone), timestamps as ISO-8601 UTC text.

-- Communities (社区) of the sites and their party organisations (governance module grows this).
CREATE TABLE communities (
  id                   INTEGER PRIMARY KEY,
  site_id              INTEGER NOT NULL UNIQUE REFERENCES sites(id),
  name                 TEXT NOT NULL,
  division_code        TEXT REFERENCES divisions(code),
  party_branch_founded TEXT,                  -- YYYY-MM-DD the 支部委员会 was set up, NULL if none
  party_organisation   INTEGER NOT NULL DEFAULT 0 CHECK (party_organisation IN (0,1))  -- 新设党组织
);
