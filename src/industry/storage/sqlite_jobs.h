// The jobs' SQL (industry/jobs.h JobRepository) over one connection. Reads the registry's
// persons, households, origin villages and sites (dependencies of the module); writes jobs, the
// persons.employment_kind cache of the person written (CacheChannel) and one audit entry, in one
// WriteScope (its own transaction, or a savepoint inside the caller's: the household import).
//
// Thread-safety: as the Connection (one per thread).
#pragma once

#include "industry/jobs.h"
#include "storage/connection.h"

namespace anju::storage {

class SqliteJobRepository final : public industry::JobRepository {
 public:
  explicit SqliteJobRepository(Connection& db) : db_(db) {}
  Result<std::optional<industry::PersonFacts>> Person(int64_t id) override;
  Result<std::optional<Place>> HouseholdPlace(int64_t id) override;
  Result<std::vector<industry::Job>> OfPerson(int64_t person_id) override;
  Result<std::vector<industry::Job>> OfHousehold(int64_t household_id, Date as_of) override;
  Result<std::optional<industry::Job>> Get(int64_t id) override;
  Result<Page<industry::Job>> List(const AccessScope& scope, const industry::JobFilter& f,
                                   const PageRequest& page) override;
  Result<int64_t> Insert(const Actor& actor, int64_t person_id, const industry::JobInput& in, std::string_view source,
                         Date today) override;
  Status Update(const Actor& actor, int64_t id, int64_t version, const industry::JobInput& in, std::string_view what,
                Date today) override;
  Status Void(const Actor& actor, int64_t id, int64_t version, const std::string& reason, Date today) override;
  Result<int64_t> RefreshCaches(const Actor& actor, Date today) override;

 private:
  /// Writes persons.employment_kind = CacheChannel(jobs of the person, today) when it differs,
  /// with an audit entry (entity person, source "jobs"). Inside the caller's write.
  Status RefreshCache(const Actor& actor, int64_t person_id, Date today);
  Connection& db_;
};

/// The registry seam's recorder (registry::SetEmploymentRecorder; installed by modules::Install):
/// makes the person's jobs say `channel` from `today` inside the caller's write. Unchanged when
/// the cache already says it. Otherwise every current job ends today (reason "登记表就业情况改为
/// …"; a job started today is voided instead, as its period would be empty), and for a channel
/// other than "none" one job of that channel and employer starts today (source "registry").
/// Errors: the job rules (CheckJob: labour age minimum …), storage.
Status RecordRegistryEmployment(Connection& db, const Actor& actor, int64_t person_id, std::string_view channel,
                                const std::string& employer, Date today);

/// The registry's hook for a person removed as entered in error (registry::SetPersonVoider;
/// installed by modules::Install), inside DeletePerson's write: the person's not voided
/// welfare-post holdings and jobs are voided with `reason`, each with its audit entry (a job
/// voided also refreshes the employment_kind cache). Errors: kConflict (field "post_holdings",
/// the ids) when a holding has a month with money paid: nothing changed; storage.
Status VoidRecordsOfPerson(Connection& db, const Actor& actor, int64_t person_id, const std::string& reason, Date today);

/// The labour age minimum in force (setting labor.age_min; the default when settings cannot be
/// read). Errors: storage.
Result<int> LaborAgeMin(Connection& db);

/// Refuses a person below the labour age minimum (setting labor.age_min) on `on` for `what`
/// (en/zh: "enrolled in training" / "参加培训"): 422 naming person_id with the age and the day,
/// en + zh. Training, certificates with a subsidy and job-seeker registration are for persons of
/// labour age, as jobs and welfare posts are (programme-facts §1). Errors: that, not found, storage.
Status CheckLabourAge(Connection& db, int64_t person_id, Date on, std::string_view what_en, std::string_view what_zh);

}  // namespace anju::storage
