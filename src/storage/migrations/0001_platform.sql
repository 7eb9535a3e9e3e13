-- platform 0001 (baseline): facts about the database (meta), the statistical division list, the
-- kinds named by the article, the audit trail. Owned by the platform (storage/), not by a module:
-- every module reads them.
-- anju-baseline: schema 6
-- Exactly the schema-6 state of these tables and their indexes (the previous release's global
-- migrations, frozen in storage/legacy/). A database made by that release records this file as
-- applied without running it (storage/migrate.h); a new database runs it. Never edit it: add
-- the next NNNN_*.sql of this folder instead.
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

-- Kinds named by the article: training courses, certificates, public-welfare posts.
CREATE TABLE reference_kinds (
  category TEXT NOT NULL CHECK (category IN ('training_course','certificate','welfare_post','facility')),
  code     TEXT NOT NULL,
  name_zh  TEXT NOT NULL,
  name_en  TEXT NOT NULL,
  PRIMARY KEY (category, code)
) WITHOUT ROWID;

-- The audit trail (legacy 0002). Append-only (triggers refuse UPDATE and DELETE) and hash-chained:
-- hash = SHA-256 over prev_hash and every other column (storage/audit_log.cc, AuditHash), so
-- `anju audit verify` finds an edited, deleted or reordered entry even if the triggers were
-- dropped by someone with direct access to the file.
CREATE TABLE audit_log (
  seq        INTEGER PRIMARY KEY,             -- 1, 2, 3 … without gaps
  at         TEXT NOT NULL,                   -- UTC, YYYY-MM-DDTHH:MM:SS.mmmZ
  user_id    INTEGER,                         -- users.id; NULL for the system actor
  username   TEXT NOT NULL,
  role       TEXT NOT NULL,
  client     TEXT NOT NULL,                   -- client address or 'cli'
  action     TEXT NOT NULL,
  entity     TEXT NOT NULL,
  entity_id  TEXT NOT NULL,
  changes    TEXT NOT NULL,                   -- JSON
  source     TEXT NOT NULL,
  prev_hash  TEXT NOT NULL,                   -- hash of entry seq-1; 64 zeros for the first
  hash       TEXT NOT NULL                    -- hex SHA-256
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_user ON audit_log(username);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
