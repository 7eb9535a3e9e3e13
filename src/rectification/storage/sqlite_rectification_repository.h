// SQLite implementation of rectification::RectificationRepository (tables of
// migrations/0001_rectification.sql, joined with casework's cases for each finding's state and
// clock), the `finding` owner kind's place for attachments, and the finding list import's
// table adapter (FindingListTable, for importer::ImportTable).
//
// Thread-safety: as Connection (one thread at a time).
#pragma once

#include <memory>
#include <optional>

#include "attachments/owner_kind.h"
#include "importer/table_import.h"
#include "rectification/rectification.h"
#include "storage/connection.h"

namespace anju::storage {

class SqliteRectificationRepository : public rectification::RectificationRepository {
 public:
  /// `db` must outlive the repository.
  explicit SqliteRectificationRepository(Connection& db) : db_(db) {}
  Status Atomically(const std::function<Status()>& body) override;
  Status Audit(const Actor& actor, const AuditEntry& entry) override;
  Result<std::optional<std::string>> TownshipName(std::string_view code) override;
  Result<std::optional<std::string>> SiteTownship(int64_t site_id) override;
  Result<int64_t> InsertInspection(const rectification::NewInspection& in, int64_t created_by) override;
  Result<std::optional<rectification::Inspection>> FindInspection(int64_t id, const AccessScope& scope,
                                                                   Date today) override;
  Result<std::vector<rectification::Inspection>> ListInspections(const AccessScope& scope, Date today) override;
  Result<int64_t> LastSeqNo(int64_t inspection_id) override;
  Result<std::optional<int64_t>> FindingBySeq(int64_t inspection_id, int64_t seq_no) override;
  Result<int64_t> InsertFinding(int64_t inspection_id, const rectification::FindingInput& in,
                                int64_t created_by) override;
  Status SetCaseId(int64_t finding_id, int64_t case_id) override;
  Status UpdateFinding(int64_t id, int64_t expected_version, const rectification::FindingPatch& p) override;
  Result<std::optional<rectification::Finding>> FindFinding(int64_t id) override;
  Result<std::vector<rectification::Finding>> ListFindings(const AccessScope& scope,
                                                           const rectification::FindingFilter& f, Date today) override;
  Result<std::vector<rectification::TownshipSummary>> Summary(const AccessScope& scope, Date today,
                                                              std::optional<int64_t> inspection_id) override;
  Status SetCaseDue(int64_t case_id, Date due_on) override;
  Result<rectification::ClockRule> Clock() override;
  Result<bool> HasEvidence(int64_t finding_id) override;

  /// The townships of the county (code, name), by code: the import's 乡镇 choices.
  Result<std::vector<std::pair<std::string, std::string>>> Townships();

 private:
  Connection& db_;
};

/// The `finding` owner kind's place (attachments): the finding's Place, nullopt when none.
Result<std::optional<Place>> FindingPlace(Connection& db, int64_t id);

/// The table adapter of the finding list import: importer::ImportTable reads, cleans and checks
/// the sheet by `spec` (rectification::FindingListSpec) and hands each row here; a new 序号
/// becomes a finding (its case opened by `service`), a 序号 already recorded is updated where
/// the file differs (text fields and deadline) unless signed off. All in the importer's one
/// transaction (all-or-nothing, dry run).
class FindingListTable : public importer::TableRepository {
 public:
  FindingListTable(Connection& db, rectification::RectificationService& service, int64_t inspection_id,
                   const Actor& actor)
      : db_(db), service_(service), inspection_id_(inspection_id), actor_(actor) {}
  Result<std::vector<importer::SiteName>> LoadSites() override;
  Status Begin() override;
  Result<std::optional<Stored>> FindByKey(const importer::TableSpec& spec,
                                          const std::vector<importer::TableValue>& key) override;
  Result<int64_t> Insert(const importer::TableSpec& spec, const importer::TableRow& values,
                         const std::vector<bool>& present) override;
  Status Update(const importer::TableSpec& spec, int64_t id, const importer::TableRow& values,
                const std::vector<bool>& present) override;
  /// Row entries are written by the service with the finding (dropped here); the batch entry
  /// ("import") is appended.
  Status Audit(const Actor& actor, const AuditEntry& entry) override;
  Status Commit() override;
  void Rollback() override;
  /// The inspection's findings (any scope: the import is the county's), by 序号.
  Status ForEachRow(const importer::TableSpec& spec,
                    const std::function<Status(int64_t id, const importer::TableRow&)>& fn) override;

 private:
  Connection& db_;
  rectification::RectificationService& service_;
  int64_t inspection_id_;
  const Actor& actor_;
};

}  // namespace anju::storage
