// SQLite implementation of reports::ReportRepository (reports/report_repository.h).
//
// Small tables are read with ordinary statements; households (by id) and persons (by household,
// from the covering index persons_report of migration 0006) are streamed with the raw sqlite3
// column API so that no string is copied per row (the
// `--scale 240` database has ≈9.6 M persons; see bench/run_report.sh).
//
// Parallel scan: for a file database with at least `min_rows_for_parallel` persons (default
// 500,000; below that one thread scans in a few tens of ms), BeginSnapshot() opens
// `max_workers - 1` extra read-only connections and starts the same read snapshot on all of
// them. To make the snapshots identical it briefly holds the write lock on one more connection
// (BEGIN IMMEDIATE, released as soon as every reader has started: a few milliseconds, so
// writers wait at most that long). If the write lock is not free within 200 ms (a long import is committing), the
// scan runs on the one connection instead. ScanHouseholds and ScanPersons then split the
// household ids into ranges, one thread per connection.
//
// Thread-safety: like Database, one thread at a time (the worker threads are internal).
#pragma once

#include <memory>
#include <vector>

#include "reports/report_repository.h"
#include "storage/sqlite.h"

namespace anju::storage {

class SqliteReportRepository : public reports::ReportRepository {
 public:
  /// `db` must outlive the repository and be migrated (0001 at least). `max_workers` threads
  /// scan persons in parallel (1 = no extra threads; default: 2, the CI machine's cores) when
  /// the persons table has at least `min_rows_for_parallel` rows.
  explicit SqliteReportRepository(Database& db, int max_workers = 2,
                                  int64_t min_rows_for_parallel = 500'000);
  ~SqliteReportRepository() override;

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
  int ScanWorkers(std::optional<int64_t> site_id) override;
  Status ScanHouseholds(std::optional<int64_t> site_id,
                        const std::function<void(int, const reports::HouseholdRecord&)>& fn) override;
  Result<std::vector<reports::PlacementRecord>> Placements() override;
  /// One pass over jobs_current (industry 0007: the jobs not voided, covering started_on,
  /// ended_on, person_id, channel) into a bitset by person id, split by started_on over the
  /// snapshot's connections (one thread each, bitsets OR-ed); the person scans read p.id from
  /// persons_report's rowid.
  Status LoadEmployment(std::string_view as_of) override;
  EmploymentTables LoadedEmploymentTables() const override { return tables_; }
  /// storage::ReadLabourDayTotals on this connection's snapshot (nullopt: never folded, or more
  /// than 100,000 persons changed outside anju since).
  Result<std::optional<LabourTotals>> LabourDayTotals(std::string_view as_of) override;
  /// What the following scans must fill in. A narrow report (reports/labour_figures.h) reads
  /// no floor area and no job channels: without floor_area the household scan skips its join
  /// of housing_units (HouseholdRecord::floor_area_dm2 empty); without job_channels the jobs
  /// pass reads person_id only (PersonRecord::job_mask 0); without resident_id the person scan
  /// does not decode it (empty). Default: everything.
  struct ScanNeeds {
    bool floor_area = true;
    bool job_channels = true;
    bool resident_id = true;  // PersonRecord::resident_id (data quality only; else empty)
  };
  void SetScanNeeds(ScanNeeds needs) { needs_ = needs; }
  /// The SQL of the jobs pass (?1 = the day; ?2, ?3: one worker's part of started_on,
  /// [?2, ?3)), with or without the channel column, for the
  /// test that checks SQLite answers it from the partial index jobs_current alone.
  static std::string_view JobsPassSql(bool with_channels);
  Status ScanPersons(std::optional<int64_t> site_id,
                     const std::function<void(int, const reports::PersonRecord&)>& fn) override;
  Result<std::map<int64_t, std::string>> HouseholdNumbers(const std::vector<int64_t>& ids) override;
  /// training_certificates by its documented schema (docs/industry.md "Training").
  Result<std::optional<std::vector<reports::CertificateRecord>>> Certificates(std::string_view as_of) override;
  /// The places area's storage::WorkshopRecognitions (industry/storage/sqlite_places.h).
  Result<std::vector<reports::WorkshopRecognitionRecord>> WorkshopRecognitions(std::string_view as_of) override;
  /// zero_employment_clearings by its documented schema (docs/industry.md "Services").
  Result<std::optional<std::vector<int64_t>>> ZeroEmploymentCleared(std::string_view as_of) override;

  /// The SQL of the person scan (of one site, parameter ?1 = site id; or of a household-id
  /// range ?1..?2), for the test that checks SQLite answers it from persons_report alone.
  static std::string_view PersonScanSql(bool of_site);
  /// The SQL of the persons of households placed at site ?1 earlier and elsewhere now (same
  /// covering-index rule).
  static std::string_view EarlierOfSitePersonScanSql();

 private:
  void CloseWorkers();
  /// Whether the schema has the living register (registry 0002); cached.
  Result<bool> LivingRegister();
  /// Splits the range of household ids into one part per connection and calls
  /// run(connection, worker, first_id, last_id) on one thread per connection (households are
  /// read by id, persons by household_id through persons_report).
  Status RunSplit(const std::function<Status(Database&, int, int64_t, int64_t)>& run);

  Database& db_;
  int max_workers_;
  int64_t min_rows_;
  bool own_transaction_ = false;
  std::vector<std::unique_ptr<Database>> workers_;  // extra connections inside the snapshot
  std::optional<bool> living_register_;
  // Employed on the report day by person id (LoadEmployment); empty: use the cache flag.
  std::vector<uint64_t> employed_;
  bool employment_from_jobs_ = false;
  // PersonRecord::job_mask by person id (LoadEmployment); empty without a jobs table.
  std::vector<uint16_t> job_masks_;
  EmploymentTables tables_;
  ScanNeeds needs_;
};

}  // namespace anju::storage
