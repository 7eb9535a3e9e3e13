// SQLite implementation of registry::HouseholdChangeRepository (the living register's rows of the
// household changes: membership periods and history, placement history, households' life,
// register events). Every value is bound. Use over the same Connection as the
// SqliteRegistryRepository whose BeginWrite opens the transaction.
//
// Thread-safety: as Connection (one thread at a time).
#pragma once

#include "registry/household_change_repository.h"
#include "storage/connection.h"

namespace anju::storage {

class SqliteHouseholdChangeRepository : public registry::HouseholdChangeRepository {
 public:
  /// `db` must outlive the repository.
  explicit SqliteHouseholdChangeRepository(Connection& db) : db_(db) {}

  Result<std::vector<registry::CurrentMember>> CurrentMembers(int64_t household_id) override;
  Result<std::pair<std::optional<Date>, std::optional<Date>>> MembershipPeriod(int64_t person_id) override;
  Result<registry::HouseholdLife> LifeOf(int64_t household_id) override;
  Result<std::optional<Date>> LastPlacementChange(int64_t household_id) override;
  Result<std::string> NextHouseholdNo(const std::string& like) override;
  Result<int64_t> InsertEvent(const registry::RegisterEvent& e) override;
  Status InsertMembershipHistory(const registry::PastMembership& m) override;
  Status InsertPlacementHistory(const registry::PastPlacement& p) override;
  Status SetMembership(int64_t person_id, int64_t household_id, registry::Relationship relationship,
                       std::optional<Date> member_from) override;
  Status SetRelationship(int64_t person_id, registry::Relationship relationship) override;
  Status TouchHousehold(int64_t household_id, std::optional<int64_t> expected) override;
  Status EndHousehold(int64_t household_id, Date on, int64_t end_event_id,
                      std::optional<int64_t> merged_into_id) override;
  Status SetFormed(int64_t household_id, Date on, int64_t from) override;

 private:
  Connection& db_;
};

}  // namespace anju::storage
