// Visits 走访纪实 (issue #15 item 2, docs/casework.md "visits"): a cadre's or grid worker's visit
// to a household — day, purpose, who was met, findings, follow-ups, photos (attachments of owner
// kind "visit") and, only when the visitor ticked consent for that visit, the location.
//
// Rules (each checked by VisitService::Record, every fault at once):
//   visited_on  not after today (China) and not before the household's move-in (or its split
//               day, formed_on); the household counted on that day (not ended on or before it,
//               docs/living-register.md)
//   location    latitude/longitude only with location_consent = true (个人信息保护法 art. 13/14:
//               personal information needs the person's consent; default off). Both or neither;
//               latitude in [-90, 90], longitude in [-180, 180] (WGS-84 degrees)
//   people      persons who were members of the household on the day
//   who         any account that may record visits (Actor::CanRecordVisits: the writing roles
//               and the `cadre` role) in the household's scope — for a cadre, its assigned
//               households (VisitService::MayRecord)
// A visit is never deleted: Void sets voided_on with a reason (required).
//
// Thread-safety: values and a service over one repository (one per request).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.h"
#include "core/date.h"
#include "core/error.h"
#include "core/page.h"

namespace anju::visits {

/// Why the visit was made. Wire names: routine, policy, employment, hardship, follow_up, other.
enum class Purpose { kRoutine, kPolicy, kEmployment, kHardship, kFollowUp, kOther };
inline constexpr Purpose kAllPurposes[] = {Purpose::kRoutine,  Purpose::kPolicy,
                                           Purpose::kEmployment, Purpose::kHardship,
                                           Purpose::kFollowUp, Purpose::kOther};
std::string_view PurposeName(Purpose p);
/// 走访, 政策宣传, 就业帮扶, 困难排查, 回访, 其他.
std::string_view PurposeLabelZh(Purpose p);
std::string_view PurposeLabelEn(Purpose p);
/// Errors: kInvalidArgument naming field "purpose" and the value, listing the names.
Result<Purpose> ParsePurpose(std::string_view name);

/// What the visitor enters.
struct NewVisit {
  Date visited_on{};
  Purpose purpose = Purpose::kRoutine;
  std::vector<int64_t> people;  // persons.id met (optional)
  std::string findings;
  std::string follow_ups;
  bool location_consent = false;
  std::optional<double> latitude, longitude;  // degrees WGS-84; only with consent
};

/// A stored visit, as the API shows it.
struct Visit {
  int64_t id = 0;
  int64_t household_id = 0;
  std::string household_no;
  int64_t site_id = 0;
  std::string site_name;
  Date visited_on{};
  int64_t visitor_user_id = 0;
  std::string visitor_name;
  std::optional<int64_t> cadre_id;
  Purpose purpose = Purpose::kRoutine;
  std::string findings, follow_ups;
  bool location_consent = false;
  std::optional<double> latitude, longitude;
  std::string recorded_at;
  std::optional<Date> voided_on;
  std::string voided_by, void_reason;
  struct Met {
    int64_t person_id = 0;
    std::string name;
  };
  std::vector<Met> people;
};

/// The household facts the rules need (registry's tables, read by the visits storage).
struct HouseholdFacts {
  int64_t id = 0;
  Place place;
  Date move_in{};
  std::optional<Date> formed_on, ended_on;
};

/// Filters of GET /api/v1/visits (all optional; `from`/`to` inclusive on visited_on).
struct VisitFilter {
  std::optional<int64_t> household_id, cadre_id, site_id;
  std::optional<Date> from, to;
  bool include_voided = false;
};

/// One row of the statistics: a site or a cadre. Voided visits are not counted.
struct StatsRow {
  int64_t key_id = 0;     // sites.id / cadres.id (0: visits by no cadre)
  std::string name;
  int64_t visits = 0;                 // visits in [from, to]
  int64_t households_visited = 0;     // distinct households among them
  int64_t households_in_scope = 0;    // households counted on `to` (site) / assigned (cadre)
  int64_t households_not_visited = 0; // in scope, no visit in [from, to]
};
enum class StatsBy { kSite, kCadre };

/// The pure rules on a new visit for a household (above); `today` is the day in China.
/// `members_on_day` = person ids who were members on visited_on. Every fault at once.
Status CheckNewVisit(const NewVisit& v, const HouseholdFacts& h, Date today,
                     const std::vector<int64_t>& members_on_day);

/// The storage side (visits/storage/sqlite_visits_repository.cc).
class VisitRepository {
 public:
  virtual ~VisitRepository() = default;
  /// The household, or nullopt when no household has this id.
  virtual Result<std::optional<HouseholdFacts>> Household(int64_t id) = 0;
  virtual Result<std::vector<int64_t>> MembersOn(int64_t household_id, Date day) = 0;
  /// The cadre assigned to the household on `day` when `user_id`'s account is linked to that
  /// cadre (users.cadre_id), else nullopt.
  virtual Result<std::optional<int64_t>> VisitorCadre(int64_t user_id, int64_t household_id,
                                                      Date day) = 0;
  /// Stores the visit and its people with one audit entry, in one transaction; the new id.
  virtual Result<int64_t> Insert(const Actor& actor, int64_t household_id, const NewVisit& v,
                                 std::optional<int64_t> cadre_id) = 0;
  virtual Result<std::optional<Visit>> Get(int64_t id) = 0;
  virtual Result<Page<Visit>> List(const AccessScope& scope, const VisitFilter& f,
                                   const PageRequest& page) = 0;
  /// Sets voided_on/by/reason with one audit entry, in one transaction.
  virtual Status Void(const Actor& actor, int64_t id, Date on, const std::string& reason) = 0;
  virtual Result<std::vector<StatsRow>> Stats(const AccessScope& scope, StatsBy by, Date from,
                                              Date to) = 0;
};

/// The rules and scope over a repository. Reads outside the scope: kNotFound; writes by an
/// account that may not record: kPermissionDenied.
class VisitService {
 public:
  explicit VisitService(VisitRepository& repo) : repo_(repo) {}

  /// Whether `actor` may record a visit on a household at `place`: CanRecordVisits and in scope
  /// (the `cadre` role on its assigned households, docs/casework.md).
  static bool MayRecord(const Actor& actor, const Place& place);

  /// Records a visit. Errors: kNotFound (household absent or outside the scope), 403 (auditor),
  /// kInvalidArgument with every fault (CheckNewVisit). `today`: TodayInChina() in production.
  Result<Visit> Record(const Actor& actor, int64_t household_id, const NewVisit& v, Date today);
  /// A visit of a household in the actor's scope. Errors: kNotFound.
  Result<Visit> Get(const Actor& actor, int64_t id);
  Result<Page<Visit>> List(const Actor& actor, const VisitFilter& f, const PageRequest& page);
  /// Voids a visit (reason required; already voided: kConflict). Errors as Record.
  Result<Visit> Void(const Actor& actor, int64_t id, const std::string& reason, Date today);
  /// Statistics per site or cadre over [from, to] (from ≤ to, else kInvalidArgument naming "from").
  Result<std::vector<StatsRow>> Stats(const Actor& actor, StatsBy by, Date from, Date to);

 private:
  VisitRepository& repo_;
};

}  // namespace anju::visits
