-- importer 0001 (baseline): the record of committed imports (legacy 0004).
-- anju-baseline: schema 6
-- Exactly the schema-6 state of these tables and their indexes (the previous release's global
-- migrations, frozen in storage/legacy/). A database made by that release records this file as
-- applied without running it (storage/migrate.h); a new database runs it. Never edit it: add
-- the next NNNN_*.sql of this folder instead.
-- Units: floor areas in dm² (0.01 m²), land areas in centimu (0.01 mu), money in fen, dates as
-- ISO text 'YYYY-MM-DD' (civil dates, no time zone), timestamps as ISO-8601 UTC text.

-- (legacy 0004) spreadsheet imports (issue #7). One row per file committed by `anju import` or the web
-- import: who, when, which file (its SHA-256, so the same file sent twice is recognisable), the
-- mode, and what it did. The rows themselves are in the audit trail (source "import FILE row N").
CREATE TABLE import_batches (
  id                 INTEGER PRIMARY KEY,
  at                 TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),  -- UTC
  username           TEXT NOT NULL,
  file_name          TEXT NOT NULL,
  sha256             TEXT NOT NULL,           -- hex SHA-256 of the file's bytes
  mode               TEXT NOT NULL CHECK (mode IN ('insert','upsert')),
  all_or_nothing     INTEGER NOT NULL CHECK (all_or_nothing IN (0,1)),
  rows_read          INTEGER NOT NULL,        -- data rows (blank and footer rows not counted)
  rows_imported      INTEGER NOT NULL,
  rows_rejected      INTEGER NOT NULL,
  persons_created    INTEGER NOT NULL,
  persons_updated    INTEGER NOT NULL,
  households_created INTEGER NOT NULL,
  households_updated INTEGER NOT NULL
);
CREATE INDEX import_batches_sha ON import_batches(sha256);
