// SQLite implementation of cadres::CadreRepository (tables of migrations/0001_cadres.sql).
//
// Thread-safety: as Connection (one thread at a time).
#pragma once

#include "cadres/cadre_repository.h"
#include "storage/connection.h"

namespace anju::storage {

class SqliteCadreRepository : public cadres::CadreRepository {
 public:
  /// `db` must outlive the repository.
  explicit SqliteCadreRepository(Connection& db) : db_(db) {}
  Result<std::optional<cadres::Cadre>> FindCadre(int64_t id) override;
  Result<std::optional<cadres::Cadre>> FindCadreByNamePhone(const std::string& name, const std::string& phone) override;
  Result<std::vector<cadres::CadreListRow>> ListCadres(const AccessScope& scope, const cadres::CadreFilter& f) override;
  Result<bool> CadreVisible(const AccessScope& scope, int64_t id) override;
  Result<std::vector<cadres::Assignment>> AssignmentsOfCadre(const AccessScope& scope, int64_t id) override;
  Result<std::vector<cadres::Assignment>> AssignmentsOfHousehold(int64_t household_id) override;
  Result<std::optional<cadres::Assignment>> FindAssignment(int64_t id) override;
  Result<std::optional<cadres::HouseholdFacts>> Household(int64_t household_id) override;
  Result<std::optional<int64_t>> HouseholdIdByNo(const std::string& household_no) override;
  Result<std::optional<int64_t>> HouseholdIdByHeadId(const std::string& resident_id) override;
  Result<int64_t> InsertCadre(const cadres::Cadre& c, const Actor& actor, AuditEntry audit) override;
  Status UpdateCadre(const cadres::Cadre& c, const Actor& actor, const AuditEntry& audit) override;
  Result<int64_t> Reassign(const cadres::Assignment& a, const std::string& ended_reason, Date today, const Actor& actor,
                           AuditEntry audit) override;
  Status EndAssignment(int64_t id, Date until, const std::string& reason, const Actor& actor,
                       const AuditEntry& audit) override;
  Status Begin() override;
  Status Commit() override;
  void Rollback() override;

 private:
  Connection& db_;
};

}  // namespace anju::storage
