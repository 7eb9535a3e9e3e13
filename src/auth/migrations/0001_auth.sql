-- auth 0001 (baseline): user accounts, login sessions, failed logins (legacy 0003).
-- anju-baseline: schema 6
-- Exactly the schema-6 state of these tables and their indexes (the previous release's global
-- migrations, frozen in storage/legacy/). A database made by that release records this file as
-- applied without running it (storage/migrate.h); a new database runs it. Never edit it: add
-- the next NNNN_*.sql of this folder instead.
-- Units: floor areas in dm² (0.01 m²), land areas in centimu (0.01 mu), money in fen, dates as
-- ISO text 'YYYY-MM-DD' (civil dates, no time zone), timestamps as ISO-8601 UTC text.

-- (legacy 0003) user accounts with a role bound to a scope, login sessions and failed-login records
-- (issue 5). Grids (the scope of grid workers) are in 0001. Roles and scopes: core/actor.h.

-- Accounts. The scope column that is set follows the role (CHECKs below): township_code for
-- township_staff, site_id for site_manager, grid_id for grid_worker, none for the county roles.
CREATE TABLE users (
  id                   INTEGER PRIMARY KEY,
  username             TEXT NOT NULL UNIQUE COLLATE NOCASE,  -- [a-z0-9_.-], 3–32
  display_name         TEXT NOT NULL DEFAULT '',
  role                 TEXT NOT NULL CHECK (role IN ('county_admin','county_staff','township_staff',
                                                     'site_manager','grid_worker','auditor')),
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
  CHECK ((role = 'township_staff') = (township_code IS NOT NULL)),
  CHECK ((role = 'site_manager') = (site_id IS NOT NULL)),
  CHECK ((role = 'grid_worker') = (grid_id IS NOT NULL))
);

-- Login sessions. Only the SHA-256 of the session token is kept, so a copy of this file does
-- not let anyone resume a session. Times are unix seconds (UTC).
CREATE TABLE sessions (
  id                  INTEGER PRIMARY KEY,
  token_hash          TEXT NOT NULL UNIQUE,     -- hex SHA-256 of the 32-byte token
  user_id             INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token          TEXT NOT NULL,            -- sent back in X-CSRF-Token; useless without the cookie
  client              TEXT NOT NULL,            -- client address at the last request
  created_at          INTEGER NOT NULL,
  last_seen_at        INTEGER NOT NULL,         -- idle expiry counts from here
  absolute_expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Failed logins, for throttling per account and per client address. The username is kept
-- only as a SHA-256 (people sometimes type their password into the username field).
CREATE TABLE login_failures (
  id            INTEGER PRIMARY KEY,
  at            INTEGER NOT NULL,               -- unix seconds
  username_hash TEXT NOT NULL,                  -- hex SHA-256 of the lowercased username
  client        TEXT NOT NULL
);
CREATE INDEX login_failures_user ON login_failures(username_hash, at);
CREATE INDEX login_failures_client ON login_failures(client, at);
