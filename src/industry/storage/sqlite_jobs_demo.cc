// The industry demo's jobs (storage/industry_demo.h): one current job per current demo member
// whose employment_kind says employed (channel = employment_kind, employer = persons.employer),
// from the day the person joined the household (member_from, else its move-in day) or turned 18 if
// later — the figures read jobs and `anju jobs refresh` (run by `anju serve`) rewrites the
// employment_kind cache from them, so without these rows the demo would show nobody employed.
#include "industry/storage/industry_demo.h"

#include "core/try.h"

namespace anju::storage {

Status AddDemoJobs(Connection& db, uint64_t, Date, IndustryDemoSummary& sum) {
  ANJU_TRY(st, db.Prepare(
                   "INSERT INTO jobs (person_id, channel, employer, started_on, source, note) "
                   "SELECT p.id, p.employment_kind, coalesce(p.employer, ''), "
                   "max(coalesce(p.member_from, h.move_in_date), date(p.birth_date, '+18 years')), 'entered', "
                   "'demo' FROM persons p JOIN households h ON h.id = p.household_id "
                   "WHERE p.employment_kind <> 'none' AND p.member_until IS NULL "
                   "AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.person_id = p.id AND j.voided_at IS NULL)"));
  ANJU_TRY(done, st.Step());
  (void)done;
  sum.jobs += db.Changes();
  return {};
}

}  // namespace anju::storage
