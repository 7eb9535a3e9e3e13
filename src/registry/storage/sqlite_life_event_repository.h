// SQLite implementation of registry::LifeEventRepository (issue #14): memberships, household
// ends and register events on the registry's connection. Every value is bound.
//
// Thread-safety: as Connection (one thread at a time).
#pragma once

#include "registry/life_event_repository.h"
#include "storage/connection.h"

namespace anju::storage {

class SqliteLifeEventRepository : public registry::LifeEventRepository {
 public:
  /// `db` must outlive the repository.
  explicit SqliteLifeEventRepository(Connection& db) : db_(db) {}

  Result<int64_t> InsertEvent(const registry::RegisterEvent& e) override;
  Result<std::optional<registry::RegisterEvent>> FindEvent(int64_t id) override;
  Result<std::optional<registry::RegisterEvent>> LatestPersonEvent(int64_t person_id) override;
  Result<std::optional<registry::RegisterEvent>> LatestHouseholdEvent(int64_t household_id) override;
  Result<std::vector<registry::RegisterEvent>> HouseholdEvents(int64_t household_id) override;
  Result<std::vector<registry::RegisterEvent>> PersonEvents(int64_t person_id) override;
  Status VoidEvent(int64_t id, Date on, const std::string& by, const std::string& reason) override;
  Result<registry::MembershipPeriod> PeriodOf(int64_t person_id) override;
  Status SetPeriod(int64_t person_id, const registry::MembershipPeriod& p) override;
  Status StartMembership(int64_t person_id, Date from) override;
  Status SetHousehold(int64_t person_id, int64_t household_id, registry::Relationship relationship) override;
  Status SetResidentId(int64_t person_id, const std::string& resident_id) override;
  Result<int64_t> ArchiveMembership(int64_t person_id, int64_t household_id, registry::Relationship relationship,
                                    std::optional<Date> start, Date end, std::optional<int64_t> end_event_id) override;
  Result<std::optional<registry::Membership>> LatestArchivedMembership(int64_t person_id) override;
  Status UnarchiveLatestMembership(int64_t person_id) override;
  Result<std::vector<registry::Membership>> MembershipsOfHousehold(int64_t household_id) override;
  Result<std::vector<registry::Membership>> MembershipsOfPerson(int64_t person_id) override;
  Result<std::vector<registry::FormerMember>> FormerMembers(int64_t household_id) override;
  Result<registry::HouseholdPeriod> HouseholdPeriodOf(int64_t household_id) override;
  Status SetHouseholdEnd(int64_t household_id, std::optional<Date> ended_on,
                         std::optional<int64_t> end_event_id) override;
  Status TouchHousehold(int64_t household_id) override;

 private:
  Connection& db_;
};

}  // namespace anju::storage
