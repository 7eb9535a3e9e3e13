// The storage interface of the cadres module (implemented in storage/sqlite_cadre_repository).
// Every method that changes something takes the actor and appends its audit entries in the
// same transaction (storage/audit_log.h).
//
// Thread-safety: as the underlying connection.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "cadres/cadres.h"
#include "core/audit.h"
#include "core/error.h"

namespace anju::cadres {

class CadreRepository {
 public:
  virtual ~CadreRepository() = default;

  /// The cadre, or nullopt.
  virtual Result<std::optional<Cadre>> FindCadre(int64_t id) = 0;
  /// The cadre named `name` with phone `phone` (exact), the oldest not ended; nullopt when none.
  virtual Result<std::optional<Cadre>> FindCadreByNamePhone(const std::string& name, const std::string& phone) = 0;
  /// Cadres the scope sees (county: all; else those with an assignment, current or past, to a
  /// household in scope, or working in the scope's township), ordered by name, id.
  virtual Result<std::vector<CadreListRow>> ListCadres(const AccessScope& scope, const CadreFilter& f) = 0;
  /// Whether the scope sees cadre `id` (the rule of ListCadres).
  virtual Result<bool> CadreVisible(const AccessScope& scope, int64_t id) = 0;
  /// Assignments of cadre `id` to households in `scope`: current ones, then ended ones newest
  /// first.
  virtual Result<std::vector<Assignment>> AssignmentsOfCadre(const AccessScope& scope, int64_t id) = 0;
  /// Every assignment of household `id`, newest from_date first.
  virtual Result<std::vector<Assignment>> AssignmentsOfHousehold(int64_t household_id) = 0;
  virtual Result<std::optional<Assignment>> FindAssignment(int64_t id) = 0;
  /// The household's facts, or nullopt.
  virtual Result<std::optional<HouseholdFacts>> Household(int64_t household_id) = 0;
  /// The household with that number (households.household_no) or whose current head has that
  /// resident id; nullopt when none.
  virtual Result<std::optional<int64_t>> HouseholdIdByNo(const std::string& household_no) = 0;
  virtual Result<std::optional<int64_t>> HouseholdIdByHeadId(const std::string& resident_id) = 0;

  /// Inserts the cadre (id/version ignored) with `audit` (entity_id set); returns the id.
  virtual Result<int64_t> InsertCadre(const Cadre& c, const Actor& actor, AuditEntry audit) = 0;
  /// Writes the cadre where id and version match, bumping version. kConflict when stale.
  virtual Status UpdateCadre(const Cadre& c, const Actor& actor, const AuditEntry& audit) = 0;
  /// In one transaction: ends the household's current assignment (if any) on `a.from` with
  /// `ended_reason`, inserts `a` as current, appends the audit entries. Returns the new id.
  /// kConflict when another writer made a current assignment meanwhile, or when the current
  /// assignment starts on or after `a.from` (a second assignment on the same day would leave an
  /// empty period; checked inside the transaction, so parallel requests get one winner; the
  /// message names the current cadre, "today" when `a.from` is `today`).
  virtual Result<int64_t> Reassign(const Assignment& a, const std::string& ended_reason, Date today,
                                   const Actor& actor, AuditEntry audit) = 0;
  /// Ends assignment `id` (still current) on `until` with `reason` and the audit entry.
  virtual Status EndAssignment(int64_t id, Date until, const std::string& reason, const Actor& actor,
                               const AuditEntry& audit) = 0;

  /// Transactions for a batch (the pairing import): everything between Begin and Commit is one
  /// write; Rollback undoes it. The methods above nest inside (savepoints).
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual void Rollback() = 0;
};

}  // namespace anju::cadres
