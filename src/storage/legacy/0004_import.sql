-- 0004: spreadsheet imports (issue #7). One row per file committed by `anju import` or the web
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
