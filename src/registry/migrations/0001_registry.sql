-- registry 0001 (baseline): origin villages, households, persons, and the county report's covering
-- index on persons (legacy 0006).
-- anju-baseline: schema 6
-- Exactly the schema-6 state of these tables and their indexes (the previous release's global
-- migrations, frozen in storage/legacy/). A database made by that release records this file as
-- applied without running it (storage/migrate.h); a new database runs it. Never edit it: add
-- the next NNNN_*.sql of this folder instead.
-- Units: floor areas in dm² (0.01 m²), land areas in centimu (0.01 mu), money in fen, dates as
-- ISO text 'YYYY-MM-DD' (civil dates, no time zone), timestamps as ISO-8601 UTC text.

-- Origin villages (迁出村): real villages of the division list, with the relocation type.
CREATE TABLE origin_villages (
  id              INTEGER PRIMARY KEY,
  division_code   TEXT UNIQUE REFERENCES divisions(code),  -- NULL for a legacy village not in the list
  name            TEXT NOT NULL,
  township_code   TEXT NOT NULL REFERENCES divisions(code),
  relocation_type TEXT NOT NULL CHECK (relocation_type IN ('whole_village','scattered')),
  legacy_name     TEXT                        -- name used in 2016-2020 records, if it differs
);

-- Relocated households (搬迁户).
CREATE TABLE households (
  id                 INTEGER PRIMARY KEY,
  household_no       TEXT NOT NULL UNIQUE,    -- 户编号, e.g. LX-000001 (county prefix + serial)
  category           TEXT NOT NULL CHECK (category IN ('registered_poor','co_relocated')),
  origin_village_id  INTEGER NOT NULL REFERENCES origin_villages(id),
  site_id            INTEGER NOT NULL REFERENCES sites(id),
  housing_unit_id    INTEGER UNIQUE REFERENCES housing_units(id),
  grid_id            INTEGER REFERENCES grids(id),
  move_in_date       TEXT NOT NULL,           -- YYYY-MM-DD
  convention_signed  INTEGER NOT NULL DEFAULT 0 CHECK (convention_signed IN (0,1)),  -- 居民公约
  version            INTEGER NOT NULL DEFAULT 1,   -- optimistic concurrency (ETag)
  created_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX households_site ON households(site_id);
CREATE INDEX households_origin ON households(origin_village_id);
CREATE INDEX households_grid ON households(grid_id);

-- Relocated persons (搬迁人口). relationship: canonical identifiers (registry/relationship.h maps
-- them to GB/T 4761-2008 codes): head, spouse, child, daughter_in_law, son_in_law, grandchild,
-- parent, sibling, other.
CREATE TABLE persons (
  id                INTEGER PRIMARY KEY,
  household_id      INTEGER NOT NULL REFERENCES households(id),
  resident_id       TEXT NOT NULL,            -- 18 characters, GB 11643-1999; unique (index below)
  name              TEXT NOT NULL,
  name_initials     TEXT NOT NULL DEFAULT '', -- pinyin initials of name, 'zhm' for 张海明 (registry::NameInitials)
  sex               TEXT NOT NULL CHECK (sex IN ('male','female')),
  birth_date        TEXT NOT NULL,            -- YYYY-MM-DD, agrees with resident_id
  relationship      TEXT NOT NULL CHECK (relationship IN ('head','spouse','child','daughter_in_law','son_in_law','grandchild','parent','sibling','other')),
  ethnicity         TEXT,                     -- e.g. 汉族
  phone             TEXT,
  education         TEXT,                     -- e.g. 小学, 初中, 高中, 大专及以上, 文盲
  health            TEXT CHECK (health IS NULL OR health IN ('healthy','chronic_illness','serious_illness','disabled')),
  disability_grade  INTEGER CHECK (disability_grade IS NULL OR disability_grade BETWEEN 1 AND 4),
  able_to_work      INTEGER NOT NULL DEFAULT 0 CHECK (able_to_work IN (0,1)),
  wants_work        INTEGER NOT NULL DEFAULT 0 CHECK (wants_work IN (0,1)),
  -- Employment (就业): 'none' = not employed; any other kind counts as employed or self-employed.
  employment_kind   TEXT NOT NULL DEFAULT 'none' CHECK (employment_kind IN ('workshop','park','welfare_post','enterprise','migrant_work','self_employed','none')),
  employer          TEXT,
  version           INTEGER NOT NULL DEFAULT 1,
  created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
-- A resident id at most once in the registry. (A named index rather than an inline UNIQUE so the
-- demo generator can build it after bulk loading.)
CREATE UNIQUE INDEX persons_resident_id ON persons(resident_id);
CREATE INDEX persons_household ON persons(household_id);
CREATE INDEX persons_name ON persons(name);
CREATE INDEX persons_initials ON persons(name_initials);
-- Search by the id's last 4–6 characters: WHERE substr(resident_id, 15, 4) = ? uses this index.
CREATE INDEX persons_id_tail ON persons(substr(resident_id, 15, 4));
-- Exactly one head per household: at most one enforced here, at least one by the service.
CREATE UNIQUE INDEX persons_one_head ON persons(household_id) WHERE relationship = 'head';

-- (legacy 0006, issue #4, county report): a covering index for the report's scan of persons.
--
-- The county report reads every person once: household, birth date, resident id and five
-- yes/no facts (head of household, able to work, wants work, employed, female). Read from the
-- table, SQLite decodes a 20-column row and evaluates three text comparisons per person; at the
-- national scale (9.6 M persons) that was 3.4 s of the report's ≈ 6 s of CPU. This index holds
-- exactly what the report reads, the five facts packed into one integer (bit 0 head, 1 able to
-- work, 2 wants work, 3 employed, 4 female), in household order: the scan reads 0.42 GB
-- instead of 1.6 GB and takes half the time. storage/sqlite_report_repository.cc must use the
-- same expression, character for character, for SQLite to take it from the index (a test
-- checks the query plan). Cost: ≈ 45 bytes per person and one more index entry per write.
CREATE INDEX persons_report ON persons(
  household_id, birth_date, resident_id,
  (relationship = 'head') | (able_to_work << 1) | (wants_work << 2) | ((employment_kind <> 'none') << 3) | ((sex = 'female') << 4));
