-- auth 0002: accounts of assigned cadres (帮扶责任人, issue #15, docs/casework.md "Roles").
-- users gains cadre_id (the cadres record the account acts for: required for role 'cadre',
-- optional for any other role, which then also sees the cadre's assigned households) and the
-- role CHECK admits 'cadre'. A CHECK cannot be altered in SQLite, so the table is rebuilt
-- (sqlite.org/lang_altertable.html, "other kinds of table schema changes"): the runner turns
-- foreign keys off around this file (marker below) so that dropping the old users table does
-- not cascade into sessions, and runs PRAGMA foreign_key_check before the commit.
-- anju-migrate: foreign-keys-off

CREATE TABLE users_new (
  id                   INTEGER PRIMARY KEY,
  username             TEXT NOT NULL UNIQUE COLLATE NOCASE,  -- [a-z0-9_.-], 3–32
  display_name         TEXT NOT NULL DEFAULT '',
  role                 TEXT NOT NULL CHECK (role IN ('county_admin','county_staff','township_staff',
                                                     'site_manager','grid_worker','auditor','cadre')),
  township_code        TEXT REFERENCES divisions(code),   -- 9 digits
  site_id              INTEGER REFERENCES sites(id),
  grid_id              INTEGER REFERENCES grids(id),
  password_hash        TEXT NOT NULL,   -- libsodium crypto_pwhash_str, argon2id ($argon2id$v=19$…)
  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0,1)),
  disabled             INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0,1)),
  is_demo              INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0,1)),
  version              INTEGER NOT NULL DEFAULT 1,
  created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  cadre_id             INTEGER REFERENCES cadres(id),     -- the cadre record it acts for
  CHECK ((role = 'township_staff') = (township_code IS NOT NULL)),
  CHECK ((role = 'site_manager') = (site_id IS NOT NULL)),
  CHECK ((role = 'grid_worker') = (grid_id IS NOT NULL)),
  CHECK (role <> 'cadre' OR cadre_id IS NOT NULL)
);

INSERT INTO users_new (id, username, display_name, role, township_code, site_id, grid_id,
                       password_hash, must_change_password, disabled, is_demo, version,
                       created_at, updated_at)
  SELECT id, username, display_name, role, township_code, site_id, grid_id, password_hash,
         must_change_password, disabled, is_demo, version, created_at, updated_at FROM users;

DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
CREATE INDEX users_cadre ON users(cadre_id) WHERE cadre_id IS NOT NULL;
