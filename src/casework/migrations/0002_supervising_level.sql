-- Escalation supervises, it does not take the case away (docs/casework.md "Escalation", tester of
-- session 8): the holder (holder_level, or the assignee) keeps the case; each overdue sweep adds
-- the next level above as supervisor. NULL: not escalated. Cases escalated before this migration
-- had their holder_level moved up; they keep it (no data is guessed back).
ALTER TABLE cases ADD COLUMN supervising_level TEXT
  CHECK (supervising_level IS NULL OR supervising_level IN ('site','township','county'));
