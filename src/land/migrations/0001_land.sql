-- land 0001 (baseline): land contracts in the origin areas.
-- anju-baseline: schema 6
-- Exactly the schema-6 state of these tables and their indexes (the previous release's global
-- migrations, frozen in storage/legacy/). A database made by that release records this file as
-- applied without running it (storage/migrate.h); a new database runs it. Never edit it: add
-- the next NNNN_*.sql of this folder instead.
-- Units: floor areas in dm² (0.01 m²), land areas in centimu (0.01 mu), money in fen, dates as
-- ISO text 'YYYY-MM-DD' (civil dates, no time zone), timestamps as ISO-8601 UTC text.

-- Land contracts in the origin areas: agricultural custody (农业生产托管) and land transfer
-- (土地流转). The land module will grow this; the county report sums it.
CREATE TABLE land_contracts (
  id                INTEGER PRIMARY KEY,
  kind              TEXT NOT NULL CHECK (kind IN ('custody','land_transfer')),
  origin_village_id INTEGER NOT NULL REFERENCES origin_villages(id),
  operator          TEXT NOT NULL,            -- cooperative, enterprise or family farm
  area_centimu      INTEGER NOT NULL CHECK (area_centimu > 0),
  start_date        TEXT NOT NULL,
  end_date          TEXT
);
