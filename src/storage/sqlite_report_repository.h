// SQLite implementation of reports::ReportRepository (reports/report_repository.h).
//
// Small tables are read with ordinary statements; households and persons are streamed in
// rowid order with the raw sqlite3 column API so that no string is copied per row (the
// `--scale 240` database has ≈9.6 M persons; see bench/run_report.sh).
//
// Thread-safety: like Database, one thread at a time.
#pragma once

#include "reports/report_repository.h"
#include "storage/sqlite.h"

namespace anju::storage {

class SqliteReportRepository : public reports::ReportRepository {
 public:
  /// `db` must outlive the repository and be migrated (0001 at least).
  explicit SqliteReportRepository(Database& db) : db_(db) {}

  Status BeginSnapshot() override;
  void EndSnapshot() override;
  Result<reports::ReportMeta> Meta() override;
  Result<std::vector<reports::SiteRecord>> Sites() override;
  Result<std::map<std::string, int64_t>> SiteAliases() override;
  Result<std::vector<reports::OriginVillageRecord>> OriginVillages() override;
  Result<std::vector<reports::ParkRecord>> Parks() override;
  Result<std::vector<reports::WorkshopRecord>> Workshops() override;
  Result<std::vector<reports::LandContractRecord>> LandContracts() override;
  Result<std::vector<reports::CommunityRecord>> Communities() override;
  Result<int64_t> MaxHouseholdId() override;
  Status ScanHouseholds(std::optional<int64_t> site_id,
                        const std::function<void(const reports::HouseholdRecord&)>& fn) override;
  Status ScanPersons(std::optional<int64_t> site_id,
                     const std::function<void(const reports::PersonRecord&)>& fn) override;
  Result<std::map<int64_t, std::string>> HouseholdNumbers(const std::vector<int64_t>& ids) override;

 private:
  Database& db_;
  bool own_transaction_ = false;
};

}  // namespace anju::storage
