-- 0002: the audit trail. Append-only (triggers refuse UPDATE and DELETE) and hash-chained:
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
