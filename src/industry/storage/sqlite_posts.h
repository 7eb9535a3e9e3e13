// Public-welfare posts on SQLite (docs/industry.md "Posts"; rules in industry/posts.h): the post
// kinds catalogue, quotas per site and kind, holdings with their jobs row, monthly attendance,
// candidates. Every write checks the actor (CanManageIndustry: 403), the scope of the holder's
// household or the quota's site (404 outside, like the registry), runs the rules with the
// county's settings (casework_settings), and writes its rows, the holding's jobs row
// (channel welfare_post, source post, post_holding_id, place township, employer = the kind's
// name), the persons.employment_kind cache and the audit entry in one transaction (a savepoint
// inside the caller's). A refused write changes nothing.
//
// Thread-safety: as the Connection (one per thread).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/benefit.h"
#include "industry/posts.h"
#include "storage/connection.h"

namespace anju::industry {

/// A post_kinds row.
struct PostKind {
  int64_t id = 0;
  std::string name;
  PostLevel level = PostLevel::kVillage;
  std::string funding;
  int64_t monthly_subsidy_fen = 0;
  std::string note;
  int64_t version = 1;
};

/// A post_quotas row with its use on the day asked (holdings of the kind at the site current then).
struct PostQuota {
  int64_t id = 0;
  int64_t site_id = 0;
  std::string site_name;
  int64_t kind_id = 0;
  std::string kind_name;
  int64_t quota = 0;
  Date valid_from{};
  std::optional<Date> valid_until;
  std::string note;
  int64_t used = 0;
  int64_t version = 1;
};

/// One month of a holding (post_months).
struct PostMonth {
  std::string month;  // "YYYY-MM"
  int64_t days_worked = 0;
  std::optional<Assessment> assessment;
  std::optional<int64_t> paid_fen;
  std::string note;
  std::string recorded_by, recorded_at;
};

/// A post_holdings row with its person, household, kind, site and job.
struct PostHolding {
  int64_t id = 0;
  int64_t person_id = 0;
  std::string person_name;
  int64_t household_id = 0;
  std::string household_no;
  std::string category;  // households.category: registered_poor / co_relocated
  int64_t kind_id = 0;
  std::string kind_name;
  int64_t site_id = 0;
  std::string site_name;
  Date contract_from{}, contract_until{}, publicity_from{}, publicity_until{};
  int64_t monthly_subsidy_fen = 0;
  std::optional<Date> ended_on;
  std::string end_reason, note, recorded_by, recorded_at;
  std::optional<int64_t> job_id;
  int64_t version = 1;
  std::vector<PostMonth> months;  // GetHolding only, by month
  /// Current on `d`: contract_from <= d < contract_until and not ended by d.
  bool CurrentOn(Date d) const { return contract_from <= d && d < contract_until && (!ended_on || *ended_on > d); }
};

struct NewPostKind {
  std::string name;
  PostLevel level = PostLevel::kVillage;
  std::string funding;
  int64_t monthly_subsidy_fen = 0;
  std::string note;
};
struct NewPostQuota {
  int64_t site_id = 0, kind_id = 0, quota = 0;
  Date valid_from{};
  std::optional<Date> valid_until;
  std::string note;
};
struct NewPostHolding {
  int64_t person_id = 0, kind_id = 0;
  std::optional<int64_t> site_id;  // default: the person's household's site
  Date contract_from{}, contract_until{}, publicity_from{}, publicity_until{};
  std::optional<int64_t> monthly_subsidy_fen;  // default: the kind's
  std::string note;
};
/// PATCH: the fields given change.
struct PostHoldingPatch {
  std::optional<Date> contract_until;
  std::optional<int64_t> monthly_subsidy_fen;
  std::optional<std::string> note;
};
struct PostMonthInput {
  int64_t days_worked = 0;
  std::optional<Assessment> assessment;
  std::optional<int64_t> paid_fen;
  std::string note;
};
struct HoldingFilter {
  std::optional<int64_t> site_id, kind_id, person_id, household_id;
  std::optional<Date> current_on;  // only holdings current on the day
};
/// A person who could be given a post at a site (GET /api/v1/posts/candidates).
struct PostCandidate {
  int64_t person_id = 0;
  std::string name;
  int64_t household_id = 0;
  std::string household_no;
  std::string category;
  int age = 0;
  bool able_to_work = false;
  bool age_warning = false;  // above posts.age_max
};

class SqlitePosts {
 public:
  explicit SqlitePosts(storage::Connection& db) : db_(db) {}

  Result<std::vector<PostKind>> Kinds();
  /// Errors: 403 unless a county-level CanManageIndustry actor; kConflict for a name taken.
  Result<PostKind> CreateKind(const Actor& actor, const NewPostKind& in);

  /// Quotas of sites in scope, with their use on `on`.
  Result<std::vector<PostQuota>> Quotas(const Actor& actor, std::optional<int64_t> site_id, Date on);
  /// Errors: 403; 404 site outside scope or unknown kind; kConflict when the period overlaps
  /// another quota of the site and kind.
  Result<PostQuota> CreateQuota(const Actor& actor, const NewPostQuota& in);

  Result<std::vector<PostHolding>> Holdings(const Actor& actor, const HoldingFilter& f);
  /// With its months. Errors: 404 unknown or outside scope.
  Result<PostHolding> Holding(const Actor& actor, int64_t id);
  /// Assigns a post (the rules of posts.h as of the contract) and makes its job. Errors: 403,
  /// 404 person/kind/site, the named refusals of CheckAssignment.
  Result<std::pair<PostHolding, std::vector<PostWarning>>> Assign(const Actor& actor, const NewPostHolding& in,
                                                                   Date today);
  /// Errors: 403, 404, 409 stale version, 422 contract_until not after contract_from or a
  /// changed contract_until that now overlaps the person's next holding.
  Result<PostHolding> Patch(const Actor& actor, int64_t id, int64_t version, const PostHoldingPatch& p, Date today);
  /// Ends the holding and its job on `ended_on` (after contract_from, not after contract_until).
  Result<PostHolding> End(const Actor& actor, int64_t id, int64_t version, Date ended_on, const std::string& reason,
                          Date today);
  /// Records month `month` (its first day) of the holding: within the holding's period.
  Result<PostHolding> PutMonth(const Actor& actor, int64_t id, Date month, const PostMonthInput& in);
  /// Persons of counted households at the site who may be given a post on `on`: aged
  /// posts.age_min … posts.age_block-1, no current post, household under posts.per_household,
  /// no current 县外 job; formerly poor (registered_poor) households first, then by age, name.
  Result<std::vector<PostCandidate>> Candidates(const Actor& actor, int64_t site_id, Date on);

 private:
  Result<PostRules> Rules();
  Result<std::optional<PostHolding>> Load(int64_t id);
  Result<PostHolding> LoadInScope(const Actor& actor, int64_t id);
  Status RefreshEmploymentCache(int64_t person_id, Date today);
  storage::Connection& db_;
};

/// The benefits lines of a household (module benefits, core/benefit.h): one per post holding of
/// a member that began by `as_of` and is not voided.
Result<std::vector<Benefit>> PostBenefits(storage::Connection& db, int64_t household_id, Date as_of);

}  // namespace anju::industry
