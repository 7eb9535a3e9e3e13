// Jobs per person over time (issue #16 item 3, docs/industry.md "Jobs"): channel, employer, place,
// half-open period [started_on, ended_on), income in fen. "Employed on D" is derived (a job not
// voided and current on D), never stored; persons.employment_kind is only a cache of today's
// channel written by the jobs storage (CacheChannel).
//
// Rules (CheckJob, every fault at once, each naming field and value with a fix in zh + en):
//   started_on   not after today (China); not before birth + labor.age_min years (setting, 18)
//   ended_on     after started_on (the first day without the job)
//   place        a 县外 job (province / outside) may not have channel welfare_post or workshop
//                (national rule 5_01_003: 公益岗 and 车间 jobs are local)
//   overlap      not two jobs of the same channel and employer whose periods overlap
//   income       monthly_income_fen >= 0; months_per_year 0..12
// Who: Actor::CanRecordJobs (writers and the cadre) in the person's household's scope; reads in
// scope; outside the scope kNotFound like the registry.
//
// Thread-safety: values and a service over one repository (one per request).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.h"
#include "core/date.h"
#include "core/error.h"
#include "core/page.h"

namespace anju::industry {

/// 就业渠道 (programme-facts §1.4 plus 灵活就业 and 其他). Wire names as the jobs.channel CHECK.
enum class Channel { kWorkshop, kPark, kWelfarePost, kEnterprise, kMigrantWork, kSelfEmployed, kFlexible, kOther };
inline constexpr Channel kAllChannels[] = {Channel::kWorkshop,    Channel::kPark,        Channel::kWelfarePost,
                                           Channel::kEnterprise,  Channel::kMigrantWork, Channel::kSelfEmployed,
                                           Channel::kFlexible,    Channel::kOther};
std::string_view ChannelName(Channel c);     // "workshop" …
std::string_view ChannelLabelZh(Channel c);  // 就业帮扶车间 …
std::string_view ChannelLabelEn(Channel c);
/// Accepts the wire name or the Chinese label (and 扶贫车间, 公益岗, 外出务工 …). Errors:
/// kInvalidArgument, field "channel", the value, listing the channels.
Result<Channel> ParseChannel(std::string_view text);

/// 务工地点: 乡（镇）内, 乡（镇）外县内, 县外省内, 省外.
enum class WorkPlace { kTownship, kCounty, kProvince, kOutside };
std::string_view WorkPlaceName(WorkPlace p);  // township, county, province, outside
std::string_view WorkPlaceLabelZh(WorkPlace p);
std::string_view WorkPlaceLabelEn(WorkPlace p);
/// Wire name or label (乡镇内, 县内, 县外省内, 省内, 省外 …). Errors: field "place".
Result<WorkPlace> ParseWorkPlace(std::string_view text);
/// True for 县外 (province, outside).
inline bool OutsideCounty(WorkPlace p) { return p == WorkPlace::kProvince || p == WorkPlace::kOutside; }

/// What is entered for a job (record and the values a patch produces).
struct JobInput {
  Channel channel = Channel::kOther;
  std::string employer;
  std::optional<int64_t> workshop_id, park_id;
  std::optional<WorkPlace> place;   // nullopt: not recorded
  std::string work_county;          // 务工所在县
  Date started_on{};
  std::optional<Date> ended_on;     // first day without it
  std::string end_reason;
  std::optional<int64_t> monthly_income_fen;
  std::optional<int> months_per_year;
  std::string note;
};

/// A stored job as the API shows it.
struct Job {
  int64_t id = 0;
  int64_t person_id = 0;
  std::string person_name;
  int64_t household_id = 0;
  std::string household_no;
  int64_t site_id = 0;
  JobInput in;
  std::optional<int64_t> post_holding_id;
  std::string source;  // entered, import, migrated, post, registry
  std::string recorded_by, recorded_at;
  std::string voided_at, void_reason;  // voided_at "" = not voided
  int64_t version = 1;

  bool Voided() const { return !voided_at.empty(); }
  /// Current on `d`: not voided, started_on <= d < ended_on (docs/industry.md "Dates").
  bool CurrentOn(Date d) const {
    return !Voided() && in.started_on <= d && (!in.ended_on || *in.ended_on > d);
  }
};

/// The person facts the rules need (registry tables, read by the jobs storage).
struct PersonFacts {
  int64_t id = 0;
  std::string name;
  int64_t household_id = 0;
  Place place;
  Date birth_date{};
};

/// The day a person reaches `years` completed years (29 Feb births: 1 Mar in common years).
Date BirthdayAt(Date birth, int years);

/// The rules above on `job` for `person`; `others` = the person's other jobs (any state; voided
/// ones are ignored); `age_min` = setting labor.age_min. Every fault at once.
Status CheckJob(const JobInput& job, const PersonFacts& person, Date today, int age_min,
                const std::vector<Job>& others);

/// A welfare post's job (post_holding_id set) is changed, ended and voided through its post, so the
/// two stay together: 409 naming post_holding_id (en + zh) for such a job, else ok.
Status NotThroughPost(const Job& j);

/// The cache value of persons.employment_kind for a person's jobs on `today` (the registry seam):
/// "none" without a current job; else the channel of the current job first in this order —
/// workshop, park, welfare_post, enterprise, migrant_work, self_employed, flexible, other (local
/// and steadier channels first, the registry's former list order). persons.employment_kind cannot
/// hold flexible/other (registry CHECK), so those two are cached as self_employed (the registry's
/// 就业创业 bucket); the cache is a convenience only, figures read jobs.
std::string_view CacheChannel(const std::vector<Job>& jobs, Date today);

/// Filters of GET /api/v1/jobs (all optional).
struct JobFilter {
  std::optional<int64_t> site_id, person_id, household_id;
  std::optional<Channel> channel;
  std::optional<Date> as_of;  // only jobs current on that day
  bool include_voided = false;
};

/// A PATCH: only the present fields change (clear_* sets NULL).
struct JobPatch {
  std::optional<Channel> channel;
  std::optional<std::string> employer, work_county, note, end_reason;
  std::optional<int64_t> workshop_id, park_id, monthly_income_fen;
  std::optional<int> months_per_year;
  std::optional<WorkPlace> place;
  std::optional<Date> started_on, ended_on;
  bool clear_place = false, clear_ended_on = false, clear_income = false, clear_months = false,
       clear_workshop = false, clear_park = false;
  bool Empty() const;
};

/// Storage side (industry/storage/sqlite_jobs.cc). Writes refresh persons.employment_kind of the
/// person (CacheChannel on `today`) and append one audit entry, in one transaction (or savepoint).
class JobRepository {
 public:
  virtual ~JobRepository() = default;
  virtual Result<std::optional<PersonFacts>> Person(int64_t id) = 0;
  /// The household's place, nullopt when absent.
  virtual Result<std::optional<Place>> HouseholdPlace(int64_t id) = 0;
  /// Every job of the person (voided too), oldest start first.
  virtual Result<std::vector<Job>> OfPerson(int64_t person_id) = 0;
  /// Jobs of the household's members, current on `as_of` (not voided).
  virtual Result<std::vector<Job>> OfHousehold(int64_t household_id, Date as_of) = 0;
  virtual Result<std::optional<Job>> Get(int64_t id) = 0;
  virtual Result<Page<Job>> List(const AccessScope& scope, const JobFilter& f, const PageRequest& page) = 0;
  /// New row; `source` one of the jobs.source names. The new id.
  virtual Result<int64_t> Insert(const Actor& actor, int64_t person_id, const JobInput& in, std::string_view source,
                                 Date today) = 0;
  /// Replaces the entered values of job `id` at `version` (else kConflict); audit action `what`
  /// ("update", "end").
  virtual Status Update(const Actor& actor, int64_t id, int64_t version, const JobInput& in, std::string_view what,
                        Date today) = 0;
  virtual Status Void(const Actor& actor, int64_t id, int64_t version, const std::string& reason, Date today) = 0;
  /// Rewrites persons.employment_kind where it differs from CacheChannel on `today` (jobs ended
  /// or started by date); audited per person changed. The number of persons changed.
  virtual Result<int64_t> RefreshCaches(const Actor& actor, Date today) = 0;
};

/// Rules and scope over a repository. Errors: kNotFound outside the scope or absent;
/// kPermissionDenied for an actor without jobs.record; kInvalidArgument (CheckJob);
/// kConflict (stale version, already voided).
class JobService {
 public:
  JobService(JobRepository& repo, int age_min) : repo_(repo), age_min_(age_min) {}

  Result<std::vector<Job>> OfPerson(const Actor& actor, int64_t person_id);
  Result<std::vector<Job>> OfHousehold(const Actor& actor, int64_t household_id, Date as_of);
  Result<Job> Get(const Actor& actor, int64_t id);
  Result<Page<Job>> List(const Actor& actor, const JobFilter& f, const PageRequest& page);
  Result<Job> Record(const Actor& actor, int64_t person_id, const JobInput& in, Date today,
                     std::string_view source = "entered");
  Result<Job> Patch(const Actor& actor, int64_t id, int64_t version, const JobPatch& p, Date today);
  /// Ends the job on `ended_on` (first day without it) with a reason (required).
  Result<Job> End(const Actor& actor, int64_t id, std::optional<int64_t> version, Date ended_on,
                  const std::string& reason, Date today);
  /// Voids the job (entered in error; reason required).
  Result<Job> Void(const Actor& actor, int64_t id, std::optional<int64_t> version, const std::string& reason,
                   Date today);

 private:
  Result<PersonFacts> WritablePerson(const Actor& actor, int64_t person_id);
  JobRepository& repo_;
  int age_min_;
};

}  // namespace anju::industry
