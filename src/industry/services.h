// The services area of the industry module (issue #16 items 4 and 7, docs/industry.md
// "Services"): the zero-employment rule, the follow-up's clearing rules and the job-service code
// lists. Pure rules, no SQL: storage (industry/storage/sqlite_services.h) gathers the facts.
//
// Zero-employment household on D (零就业家庭, programme-facts §1.3): the household is counted on
// D (living register), at least one counted member of labour age (labor.age_min … labor.age_max
// completed years on D, inclusive) is able and willing to work, and no counted member (of any
// age) is employed on D (has a current, not voided job: started_on <= D < ended_on).
//
// Thread-safety: pure functions and immutable statics.
#pragma once

#include "industry/calendar_months.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "casework/case_type.h"
#include "core/date.h"
#include "core/error.h"

namespace anju::industry {

/// The labour age band in completed years (周岁), both ends included (settings labor.age_min,
/// labor.age_max; the article's 18–60).
struct AgeBand {
  int min = 18;
  int max = 60;
};

/// One counted member of a household on D, as the rule needs it.
struct MemberFacts {
  Date birth_date{};
  bool able_to_work = false;
  bool wants_work = false;
  bool employed = false;  // has a current, not voided job on D
};

/// Whether the member is of labour age on `on`.
bool OfLabourAge(const MemberFacts& m, Date on, AgeBand band);
/// The rule above over the household's counted members on `on` (an empty list: false).
bool IsZeroEmployment(std::span<const MemberFacts> members, Date on, AgeBand band);

// ---- follow-up (case type zero_employment) --------------------------------------------------

inline constexpr std::string_view kZeroEmploymentKind = "zero_employment";
inline constexpr std::string_view kZeOpen = "open";
inline constexpr std::string_view kZeFollowingUp = "following_up";
inline constexpr std::string_view kZeCleared = "cleared";

/// The case type: open → following_up → cleared (terminal). `start` by the holder; the clearing
/// steps (clear_<reason>, from open or following_up) only by the module's own service (the
/// route checks the reason's rule, see CheckClearing; `employed` by the sweep).
const casework::CaseType& ZeroEmploymentType();

enum class ClearReason { kEmployed, kRefusedOffers, kLostContact, kNoLongerAble };
std::string_view ClearReasonName(ClearReason r);
std::string_view ClearReasonZh(ClearReason r);
/// Errors: kInvalidArgument naming field "reason" and the value, with the accepted names.
Result<ClearReason> ParseClearReason(std::string_view name);
/// The case transition that clears for `r`: "clear_<reason>".
std::string ClearTransition(ClearReason r);

/// What the household's record shows when a user clears with a documented reason.
struct ClearingFacts {
  Date on{};                          // the clearing day
  bool zero_employment_on = true;     // the household is still in the rule on `on`
  int refused_offers = 0;             // job_offer services refused, given on or before `on`
  std::optional<Date> first_failed_contact;  // the earliest no_answer contact not followed by an
                                             // answered one, on or before `on`
  std::string note;
};

/// Clearing limits (settings zero_employment.refusals, zero_employment.lost_contact_months).
struct ClearingRules {
  int refusals = 3;
  int lost_contact_months = 3;
};

/// Checks a user's clearing: reason employed is refused while the household is in the rule (it
/// clears by itself when a member's job is recorded; kConflict field "reason"); refused_offers
/// needs facts.refused_offers >= rules.refusals; lost_contact needs a failed contact at least
/// rules.lost_contact_months months before `on` (first_failed_contact + months <= on);
/// no_longer_able needs a note. Every fault at once, en + zh, naming field and value.
Status CheckClearing(ClearReason r, const ClearingFacts& facts, const ClearingRules& rules);


// ---- job services --------------------------------------------------------------------------

/// job_services.kind: introduction 职业介绍, job_offer 岗位推荐, training_offer 培训推荐,
/// follow_up 跟踪回访, return_home_follow_up 返乡回访.
Result<std::string> ParseServiceKind(std::string_view name);
/// job_services.outcome: pending, accepted, refused, no_answer.
Result<std::string> ParseServiceOutcome(std::string_view name);
/// jobs/vacancies channel (the jobs table's list).
Result<std::string> ParseChannel(std::string_view name, std::string_view field = "channel");
/// place: township, county, province, outside.
Result<std::string> ParsePlace(std::string_view name, std::string_view field = "place");

/// A new vacancy (POST /api/v1/vacancies). Checked by CheckVacancy.
struct NewVacancy {
  std::string employer, post, channel = "enterprise";
  std::optional<int64_t> monthly_pay_fen;
  std::optional<std::string> place;
  int64_t openings = 1;
  Date open_from{};
  std::optional<Date> open_until;
  std::optional<int64_t> site_id;
  std::optional<int> age_min, age_max;
  std::string note;
};
/// Every fault at once (employer, post required; openings >= 1; pay >= 0; open_until after
/// open_from; age_min <= age_max within 16..80), en + zh naming field and value.
Status CheckVacancy(const NewVacancy& v);

/// "1 introduction, 3 job offers, 1 training offer" — the services given per kind.
struct ServiceTally {
  int introduction = 0, job_offer = 0, training_offer = 0, follow_up = 0, return_home_follow_up = 0;
};
/// Text of a tally: en "1 introduction, 3 job offers, 1 training offer" (kinds with 0 left out);
/// zh "职业介绍1次、岗位推荐3次、培训推荐1次".
std::string TallyEn(const ServiceTally& t);
std::string TallyZh(const ServiceTally& t);

}  // namespace anju::industry
