-- 0001: reference data, resettlement sites, origin villages, households, persons, housing,
-- parks, workshops, land contracts, communities. Names follow ../shared/GLOSSARY.md.
-- Units: floor areas in dm² (0.01 m²), land areas in centimu (0.01 mu), money in fen, dates as
-- ISO text 'YYYY-MM-DD' (civil dates, no time zone), timestamps as ISO-8601 UTC text.

-- Key/value facts about this database: county_code, county_name, statistics_date (the day the
-- registry's figures are stated as of), is_demo ('1' for a demo database), demo_seed, demo_scale.
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- Statistical division codes (NBS 统计用区划代码) of the county, its townships and villages.
CREATE TABLE divisions (
  code             TEXT PRIMARY KEY,          -- prefix form: 6 county, 9 township, 12 village
  name             TEXT NOT NULL,
  level            TEXT NOT NULL CHECK (level IN ('province','city','county','township','village')),
  parent_code      TEXT REFERENCES divisions(code),
  urban_rural_code TEXT                       -- NBS 城乡分类代码, when known
) WITHOUT ROWID;
CREATE INDEX divisions_parent ON divisions(parent_code);

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

-- Origin villages (迁出村): real villages of the division list, with the relocation type.
CREATE TABLE origin_villages (
  id              INTEGER PRIMARY KEY,
  division_code   TEXT UNIQUE REFERENCES divisions(code),  -- NULL for a legacy village not in the list
  name            TEXT NOT NULL,
  township_code   TEXT NOT NULL REFERENCES divisions(code),
  relocation_type TEXT NOT NULL CHECK (relocation_type IN ('whole_village','scattered')),
  legacy_name     TEXT                        -- name used in 2016-2020 records, if it differs
);

-- Resettlement housing units (安置房): building, entrance, room at a site.
CREATE TABLE housing_units (
  id              INTEGER PRIMARY KEY,
  site_id         INTEGER NOT NULL REFERENCES sites(id),
  building        TEXT NOT NULL,              -- 楼栋
  entrance        TEXT NOT NULL,              -- 单元
  room            TEXT NOT NULL,              -- 室
  floor_area_dm2  INTEGER NOT NULL CHECK (floor_area_dm2 > 0),  -- 0.01 m²
  UNIQUE (site_id, building, entrance, room)
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

-- Communities (社区) of the sites and their party organisations (governance module grows this).
CREATE TABLE communities (
  id                   INTEGER PRIMARY KEY,
  site_id              INTEGER NOT NULL UNIQUE REFERENCES sites(id),
  name                 TEXT NOT NULL,
  division_code        TEXT REFERENCES divisions(code),
  party_branch_founded TEXT,                  -- YYYY-MM-DD the 支部委员会 was set up, NULL if none
  party_organisation   INTEGER NOT NULL DEFAULT 0 CHECK (party_organisation IN (0,1))  -- 新设党组织
);

-- Kinds named by the article: training courses, certificates, public-welfare posts.
CREATE TABLE reference_kinds (
  category TEXT NOT NULL CHECK (category IN ('training_course','certificate','welfare_post','facility')),
  code     TEXT NOT NULL,
  name_zh  TEXT NOT NULL,
  name_en  TEXT NOT NULL,
  PRIMARY KEY (category, code)
) WITHOUT ROWID;
