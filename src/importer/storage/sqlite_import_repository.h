// SQLite implementation of importer::ImportRepository and importer::ExportRepository.
//
// Imports run in one BEGIN IMMEDIATE transaction (Begin … Commit/Rollback); statements are
// prepared once and reused, and the audit trail is appended with the chain head kept in memory
// for the length of the transaction (the same rows and hashes as storage/audit_log.h's
// AppendAudit, which would re-read the chain head for every entry). An import into an empty
// registry drops the non-unique indexes of persons and households at Begin and builds them at
// Commit (unique indexes stay, so constraints are checked per row) and verifies the tables'
// CHECK constraints once at Commit (PRAGMA quick_check) instead of per INSERT. Exports stream rows with
// the actor's scope applied in SQL.
//
// Thread-safety: one thread at a time (as Database).
#pragma once

#include <memory>
#include <optional>

#include "importer/import_repository.h"
#include "storage/sqlite.h"

namespace anju::storage {

class SqliteImportRepository : public importer::ImportRepository, public importer::ExportRepository {
 public:
  /// `db` must outlive the repository and have the schema migrated.
  explicit SqliteImportRepository(Database& db);
  ~SqliteImportRepository() override;

  Result<importer::ReferenceNames> LoadReference() override;
  Result<bool> RegistryIsEmpty() override;
  Result<std::optional<importer::FoundHousingUnit>> FindHousingUnit(int64_t site_id, const std::string& building,
                                                                   const std::string& entrance,
                                                                   const std::string& room) override;
  Result<std::optional<registry::Household>> FindHouseholdByNo(const std::string& household_no) override;
  Result<std::optional<importer::RegisteredPerson>> FindPersonByResidentId(const std::string& resident_id) override;
  Result<std::string> NextHouseholdNo() override;
  Result<std::optional<registry::Person>> FindCurrentHead(int64_t household_id) override;
  Result<std::optional<registry::Person>> FindPendingMember(int64_t household_id, const std::string& name, Sex sex,
                                                            Date birth_date) override;
  Result<int64_t> RecordMemberAdded(const registry::RegisterEvent& e) override;
  Status Begin() override;
  Result<int64_t> InsertHousehold(const registry::Household& h) override;
  Status UpdateHousehold(const registry::Household& h) override;
  Result<int64_t> InsertPerson(const registry::Person& p) override;
  Status UpdatePerson(const registry::Person& p) override;
  Result<int64_t> InsertOriginVillage(const registry::OriginVillage& v) override;
  Result<int64_t> InsertHousingUnit(int64_t site_id, const std::string& building, const std::string& entrance,
                                    const std::string& room, std::optional<int64_t> floor_area_dm2) override;
  Status UpdateHousingUnitArea(int64_t unit_id, int64_t floor_area_dm2) override;
  Result<int64_t> InsertGrid(int64_t site_id, const std::string& name) override;
  Status RecordEmployment(const Actor& actor, int64_t person_id, registry::EmploymentKind kind, const std::string& employer,
                          Date today) override;
  Status MarkGroup() override;
  Status ReleaseGroup() override;
  Status UndoGroup() override;
  Status Audit(const Actor& actor, const AuditEntry& entry) override;
  Status RecordBatch(const Actor& actor, const importer::ImportBatchRecord& batch) override;
  Status Commit() override;
  void Rollback() override;

  Status ForEachPerson(const AccessScope& scope, std::optional<int64_t> site_id,
                       const std::function<Status(const importer::ExportPersonRow&)>& fn) override;
  Status ForEachHousehold(const AccessScope& scope, std::optional<int64_t> site_id,
                          const std::function<Status(const importer::ExportHouseholdRow&)>& fn) override;
  Status ForEachSite(const AccessScope& scope, const std::function<Status(const importer::ExportSiteRow&)>& fn) override;
  Result<std::optional<int64_t>> SiteIdByName(const std::string& name) override;

 private:
  /// The cached statement `key` (prepared from `sql` on first use), reset but with its old
  /// bindings: every caller binds all of its parameters before stepping.
  Result<Statement*> Stmt(int key, std::string_view sql);
  /// Now as the audit trail's `at` text, "YYYY-MM-DDTHH:MM:SS.mmmZ" (UTC); formatted again only
  /// when the millisecond changed (an import writes several entries per millisecond).
  const std::string& NowUtcMillis();
  /// Now as the tables' created_at/updated_at text, "YYYY-MM-DDTHH:MM:SSZ" (UTC), the value
  /// their DEFAULT strftime('%Y-%m-%dT%H:%M:%SZ','now') would give, without SQLite formatting
  /// it twice per row.
  const std::string& NowUtcSeconds();
  Database& db_;
  std::optional<Transaction> tx_;
  std::vector<std::unique_ptr<Statement>> stmts_;
  int64_t audit_seq_ = -1;   // last seq in this transaction; -1 = not read yet
  std::string audit_hash_;
  int64_t at_ms_ = -1;  // the millisecond (since 1970) that at_ shows; -1 = none yet
  std::string at_;
  std::string stamp_;   // at_ to the second, as NowUtcSeconds returns it
  std::string next_prefix_;
  int64_t next_serial_ = -1;
  std::vector<std::string> deferred_indexes_;  // CREATE INDEX statements to run at Commit
  bool checks_deferred_ = false;               // ignore_check_constraints on until Commit/Rollback
};

/// The expressions of the CHECK constraints in a CREATE TABLE statement as sqlite_master keeps
/// it (column and table constraints, in order; comments, string literals and quoted names
/// skipped), e.g. "sex IN ('male','female')". Used to verify a bulk load's rows at commit.
std::vector<std::string> CheckConstraints(std::string_view create_sql);

}  // namespace anju::storage
