-- attachments 0001: files attached to any record (issue #15 item 3, docs/casework.md).
-- The bytes live beside the database in a content-addressed store `<db>.files/sha256/ab/<hex>`
-- (attachments/storage/content_store.h); a row names the content by its SHA-256. Rows are
-- never deleted: a withdrawn file keeps its row with who withdrew it, when and why.
-- Units: size in bytes; timestamps ISO-8601 UTC text; withdrawn_on a civil date 'YYYY-MM-DD'.
CREATE TABLE attachments (
  id               INTEGER PRIMARY KEY,
  owner_kind       TEXT NOT NULL,              -- attachments::OwnerKind::kind: household, person, visit, …
  owner_id         INTEGER NOT NULL,           -- the owner record's id in its module's table
  sha256           TEXT NOT NULL CHECK (length(sha256) = 64),  -- lower-case hex of the content
  size             INTEGER NOT NULL CHECK (size > 0),          -- bytes
  mime             TEXT NOT NULL,              -- found from the content's magic bytes, not declared
  filename         TEXT NOT NULL,              -- as uploaded (display only; never a path)
  caption          TEXT NOT NULL DEFAULT '',
  uploaded_by      TEXT NOT NULL,              -- username
  uploaded_at      TEXT NOT NULL,
  withdrawn_on     TEXT,                       -- 撤回: NULL while current
  withdrawn_by     TEXT,
  withdrawn_reason TEXT
);
CREATE INDEX attachments_owner ON attachments(owner_kind, owner_id);
CREATE INDEX attachments_sha256 ON attachments(sha256);
