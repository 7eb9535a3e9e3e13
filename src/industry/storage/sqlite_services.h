// The services area's SQL (docs/industry.md "Services"): zero-employment households as of a
// day, their follow-up (case type zero_employment on casework's engine, the sweep, clearing),
// vacancies, job seekers and the services given to them. Every write: rows + audit entry in one
// transaction (WriteScope: the caller's when one is open). Rules: industry/services.h.
//
// Figures (for the figures area; both count the whole county, no scope):
//   CountZeroEmploymentHouseholds(db, D)  households in the rule on D
//   CountOpenZeroEmployment(db, D)        of those, without a clearing for a documented
//                                         non-employment reason valid on D (the report's "open")
//
// Thread-safety: as Connection (one thread per connection).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/date.h"
#include "core/error.h"
#include "industry/services.h"
#include "storage/connection.h"

namespace anju::storage {

/// The labour age band in force (settings labor.age_min/labor.age_max; the article's 18–60 when
/// they are not declared).
Result<industry::AgeBand> LabourAgeBand(Connection& db);

/// Households in the rule on `as_of` (county-wide). Errors: storage.
Result<int64_t> CountZeroEmploymentHouseholds(Connection& db, Date as_of);
/// Households in the rule on `as_of` without a valid non-employment clearing (county-wide).
Result<int64_t> CountOpenZeroEmployment(Connection& db, Date as_of);

/// A member of an alert household, with what was offered to them.
struct ZeroMember {
  int64_t person_id = 0;
  std::string name, relationship;
  int age = 0;
  bool able_to_work = false, wants_work = false, labour_age = false;
  std::optional<int64_t> seeker_id;  // their current job-seeker registration
  industry::ServiceTally tally;      // services given (not voided) up to as_of
};

/// One row of the alert list.
struct ZeroAlert {
  int64_t household_id = 0;
  std::string household_no, head_name;
  int64_t site_id = 0;
  std::string site_name;
  int64_t grid_id = 0;  // 0: none
  std::string grid_name;
  int candidates = 0;  // labour-age members able and willing to work
  // The follow-up: the latest zero_employment case of the household (0: none yet).
  int64_t case_id = 0;
  std::string case_state;  // open | following_up | cleared
  std::optional<Date> due_on;
  int64_t case_version = 0;
  std::string clear_reason;           // the valid clearing's reason ('' none)
  std::optional<Date> cleared_on;
  bool open = true;                   // counted by CountOpenZeroEmployment
  std::vector<ZeroMember> members;    // filled by ZeroEmploymentHousehold only
};

struct ZeroFilter {
  std::optional<int64_t> site_id, grid_id;
};

/// The alert list on `as_of` in the actor's scope (a grid worker: its grid), by site, grid,
/// household number. Errors: storage.
Result<std::vector<ZeroAlert>> ZeroEmploymentAlerts(Connection& db, const Actor& actor, Date as_of,
                                                     const ZeroFilter& f);
/// One household's alert with its members and what was offered to them (also when the household
/// is not in the rule on as_of: `candidates` 0). Errors: kNotFound (absent or out of scope).
Result<ZeroAlert> ZeroEmploymentHousehold(Connection& db, const Actor& actor, int64_t household_id,
                                          Date as_of);

struct ZeroSweepResult {
  int opened = 0;   // new follow-ups
  int cleared = 0;  // closed because the household left the rule
};
/// The daily sweep as of `as_of` (system actor): opens a follow-up for every household in the
/// rule without an open one and without a valid non-employment clearing; clears every open one
/// whose household left the rule (reason employed when a counted member is employed on as_of,
/// else no_longer_able with a note saying so). One transaction. Idempotent for a day.
Result<ZeroSweepResult> SweepZeroEmployment(Connection& db, Date as_of);

/// Clears case `case_id` for `reason` on `on` (a user: jobs.record and the household in scope;
/// the rule of industry::CheckClearing with the settings in force). `expected_version`: the
/// case's (If-Match). Writes the case transition (the user's name on it), a
/// zero_employment_clearings row and the audit entries in one transaction. Errors: kNotFound,
/// kPermissionDenied, kInvalidArgument/kConflict naming reason/note/version.
Result<int64_t> ClearZeroEmployment(Connection& db, const Actor& actor, int64_t case_id,
                                    industry::ClearReason reason, Date on, const std::string& note,
                                    std::optional<int64_t> expected_version);

// ---- job services --------------------------------------------------------------------------

struct Vacancy {
  int64_t id = 0;
  industry::NewVacancy v;
  std::string site_name;
  std::string recorded_by;
  int64_t version = 1;
  int64_t services = 0;  // services naming it
};
/// Creates a vacancy (industry.manage; a site in scope, else the actor's township, else county).
/// Errors: kPermissionDenied, kInvalidArgument (CheckVacancy; site_id unknown), kNotFound.
Result<int64_t> CreateVacancy(Connection& db, const Actor& actor, const industry::NewVacancy& v);
/// Vacancies open on `as_of` (open_from <= as_of < open_until, not voided), or every one when
/// `all`; readable by every role (job ads are public). By open_from descending.
Result<std::vector<Vacancy>> ListVacancies(Connection& db, Date as_of, std::optional<int64_t> site_id, bool all);
Result<std::optional<Vacancy>> GetVacancy(Connection& db, int64_t id);

struct Seeker {
  int64_t id = 0;
  int64_t person_id = 0, household_id = 0;
  std::string name, household_no, site_name;
  int age = 0;
  Date registered_on{};
  std::optional<Date> ended_on;
  std::string wishes;
  std::optional<std::string> wanted_place;
  std::optional<int64_t> min_pay_fen;
  bool employed = false;  // has a current job on as_of
  industry::ServiceTally tally;
};
struct NewSeeker {
  int64_t person_id = 0;
  Date registered_on{};
  std::string wishes;
  std::optional<std::string> wanted_place;
  std::optional<int64_t> min_pay_fen;
};
/// Registers a person as a seeker (jobs.record; the household in scope; one open registration
/// per person: kConflict naming person_id). Errors: kNotFound, kInvalidArgument.
Result<int64_t> RegisterSeeker(Connection& db, const Actor& actor, const NewSeeker& s);
/// Seekers registered on `as_of` in scope (site filter optional), by household number.
Result<std::vector<Seeker>> ListSeekers(Connection& db, const Actor& actor, Date as_of,
                                        std::optional<int64_t> site_id);
Result<Seeker> GetSeeker(Connection& db, const Actor& actor, int64_t id, Date as_of);

struct Service {
  int64_t id = 0, seeker_id = 0, person_id = 0;
  std::string kind;
  std::optional<int64_t> vacancy_id;
  std::string vacancy_label;  // "employer · post"
  Date given_on{};
  std::string outcome, note, by_name;
};
struct NewService {
  std::string kind, outcome = "pending";
  std::optional<int64_t> vacancy_id;
  Date given_on{};
  std::string note;
};
/// Records a service to seeker `seeker_id` (jobs.record, in scope; given_on not after today nor
/// before the registration; vacancy must exist). A household in the zero-employment rule on
/// `today` without a follow-up gets one (as the sweep would), and an open follow-up of the
/// household moves to following_up. Errors: kNotFound, kInvalidArgument.
Result<int64_t> AddService(Connection& db, const Actor& actor, int64_t seeker_id, const NewService& s,
                           Date today);
/// As AddService for person `person_id`, registering them as a seeker on given_on first when
/// they have no open registration (the zero-employment page).
Result<int64_t> AddServiceToPerson(Connection& db, const Actor& actor, int64_t person_id,
                                   const NewService& s, Date today);
/// The services of a seeker, by given_on. Errors: kNotFound.
Result<std::vector<Service>> SeekerServices(Connection& db, const Actor& actor, int64_t seeker_id);

/// Seekers that fit vacancy `id` on `as_of`, in the actor's scope: registered on as_of, not
/// employed on as_of, age within the vacancy's band, living at its site (when it has one), the
/// wanted place (when given) = the vacancy's place, the minimum pay (when given) <= its pay.
/// Members of zero-employment households first. Errors: kNotFound.
Result<std::vector<Seeker>> VacancyMatches(Connection& db, const Actor& actor, int64_t id, Date as_of);

}  // namespace anju::storage
