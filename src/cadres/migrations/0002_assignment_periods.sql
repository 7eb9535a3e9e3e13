-- cadres 0002: an assignment period is never empty (fresh-clone tester: parallel reassignments
-- on one day left periods with from_date = until_date). 0001's CHECK allows until_date =
-- from_date and SQLite cannot change a CHECK without rebuilding the table, so two triggers
-- refuse a write that would end a period on or before its start. Rows stored before this
-- migration are left as they are (nothing is deleted; an empty period covers no day).
CREATE TRIGGER cadre_assignments_period_insert BEFORE INSERT ON cadre_assignments
  WHEN NEW.until_date IS NOT NULL AND NEW.until_date <= NEW.from_date
BEGIN
  SELECT RAISE(ABORT, 'CHECK constraint failed: cadre_assignments period until_date > from_date');
END;
CREATE TRIGGER cadre_assignments_period_update BEFORE UPDATE OF from_date, until_date ON cadre_assignments
  WHEN NEW.until_date IS NOT NULL AND NEW.until_date <= NEW.from_date
BEGIN
  SELECT RAISE(ABORT, 'CHECK constraint failed: cadre_assignments period until_date > from_date');
END;
