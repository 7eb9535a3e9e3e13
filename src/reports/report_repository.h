// ReportRepository: the rows the county report is computed from, read from storage.
//
// The report module owns the rules (who counts as working age, which household is excluded,
// what a defect is); the repository only reads records: small tables as vectors, the two big
// tables (households, persons: ≈3.2 M and 9.6 M rows on a `--scale 240` database) as streams
// through a callback so that nothing is copied per row. The SQLite implementation is
// reports/storage/sqlite_report_repository.h.
//
// Thread-safety: an instance is used by one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace anju::reports {

/// Facts about the database (table meta). Missing keys are empty / nullopt.
struct ReportMeta {
  std::string county_code;
  std::string county_name;
  std::optional<std::string> statistics_date;  // 'YYYY-MM-DD' as stored, unvalidated
  bool is_demo = false;
};

/// A resettlement site with the name of its township.
struct SiteRecord {
  int64_t id = 0;
  std::string name;
  std::string mode;
  std::string township_code;
  std::string township_name;  // divisions.name; empty when the code is not in divisions
  std::optional<int64_t> planned_capacity;  // persons
};

/// An origin village with its township.
struct OriginVillageRecord {
  int64_t id = 0;
  std::string township_code;
  std::string township_name;
  bool whole_village = false;  // relocation_type: whole_village (true) or scattered (false)
};

/// One households row, plus the floor area of its housing unit. The string_view members point
/// into storage memory that is valid only during the callback.
struct HouseholdRecord {
  int64_t id = 0;
  bool registered_poor = false;  // category: registered_poor (true) or co_relocated (false)
  int64_t origin_village_id = 0;
  int64_t site_id = 0;
  std::string_view move_in_date;  // 'YYYY-MM-DD'
  bool convention_signed = false;
  std::optional<int64_t> floor_area_dm2;  // housing_units.floor_area_dm2 (0.01 m²), if housed
  int64_t grid_id = 0;                    // grids.id; 0 when the household has no grid
  std::string_view formed_on;  // 'YYYY-MM-DD' a split formed it; empty: since move_in_date
  std::string_view ended_on;   // 'YYYY-MM-DD' merged away / no members left; empty: open
};

/// One earlier placement of a household (placement_history, docs/living-register.md): valid
/// from start_date (empty: the household's start) up to the day before end_date.
struct PlacementRecord {
  int64_t household_id = 0;
  int64_t site_id = 0;
  int64_t origin_village_id = 0;
  int64_t grid_id = 0;                    // 0: no grid
  std::optional<int64_t> floor_area_dm2;  // of that placement's housing unit, if any
  std::string start_date;                 // 'YYYY-MM-DD' or empty
  std::string end_date;                   // 'YYYY-MM-DD'
};

/// One persons row. The string_view members are valid only during the callback.
struct PersonRecord {
  int64_t id = 0;                // persons.id
  int64_t household_id = 0;
  std::string_view resident_id;  // as stored
  std::string_view sex;          // 'male' / 'female'
  std::string_view birth_date;   // 'YYYY-MM-DD' as stored
  bool is_head = false;          // relationship = 'head'
  bool able_to_work = false;
  bool wants_work = false;
  /// Employed on the report day: a current, not voided job on as_of (the `jobs` table,
  /// docs/industry.md "Employed on D") after LoadEmployment(as_of); without a jobs table (a
  /// database without the industry module) the employment_kind cache other than 'none'.
  bool employed = false;
  /// The membership period (docs/living-register.md "Counted on day D"): member from this day
  /// (empty: since the household's start) until the day before member_until (empty: still).
  std::string_view member_from;
  std::string_view member_until;
  /// Bit c (last: the fakes' positional initialisers end before it): a current, not voided job of channel kJobChannels[c] on as_of. Filled after
  /// LoadEmployment; 0 otherwise.
  uint16_t job_mask = 0;
};

struct ParkRecord {
  int64_t id = 0;
  int64_t site_id = 0;
  bool planned = false;  // status 'planned' (拟新建), else 'built'
};

struct WorkshopRecord {
  int64_t site_id = 0;
  std::optional<std::string> opened_on;  // 'YYYY-MM-DD' or unknown
};

struct LandContractRecord {
  bool custody = false;  // kind 'custody' (农业生产托管), else 'land_transfer' (土地流转)
  int64_t area_centimu = 0;
  std::string start_date;
  std::optional<std::string> end_date;
};

/// A training certificate issued on or before the report day and not voided (table
/// training_certificates of the industry module, read by its documented schema).
struct CertificateRecord {
  int64_t household_id = 0;  // the holder's persons.household_id
  int kind = 0;              // index in kCertificateKinds (reports/county_report.h)
};

/// A workshop's recognition on the report day, by the places area's rule.
struct WorkshopRecognitionRecord {
  int64_t site_id = 0;
  bool recognised = false;  // industry::CountsAsRecognised on as_of
};

struct CommunityRecord {
  int64_t site_id = 0;
  std::optional<std::string> party_branch_founded;  // 'YYYY-MM-DD' or none
  bool party_organisation = false;
};

/// Read access to the records the county report sums. Every method returns kUnavailable when
/// the database is busy and kInternal on an unexpected storage failure.
class ReportRepository {
 public:
  virtual ~ReportRepository() = default;

  /// Starts a read snapshot so that every following read sees the same state of the records
  /// (no-op if the connection is already inside a transaction). EndSnapshot() ends it; the
  /// report service calls both, also when it stops early on an error.
  virtual Status BeginSnapshot() = 0;
  virtual void EndSnapshot() = 0;

  virtual Result<ReportMeta> Meta() = 0;
  virtual Result<std::vector<SiteRecord>> Sites() = 0;
  /// site_aliases: other name -> sites.id.
  virtual Result<std::map<std::string, int64_t>> SiteAliases() = 0;
  virtual Result<std::vector<OriginVillageRecord>> OriginVillages() = 0;
  virtual Result<std::vector<ParkRecord>> Parks() = 0;
  virtual Result<std::vector<WorkshopRecord>> Workshops() = 0;
  virtual Result<std::vector<LandContractRecord>> LandContracts() = 0;
  virtual Result<std::vector<CommunityRecord>> Communities() = 0;

  /// Reads who is employed on `as_of` ('YYYY-MM-DD') for the following ScanPersons (each
  /// PersonRecord::employed): the persons with a job current on as_of and not voided, one pass
  /// over the jobs table's period index (docs/industry.md). Without a jobs table it keeps the
  /// employment_kind cache. Default: nothing to load (fakes set `employed` themselves).
  virtual Status LoadEmployment(std::string_view as_of) {
    (void)as_of;
    return {};
  }

  /// The county's labor.working_age and labor.employed on `as_of` from kept day totals
  /// (reports/storage/labour_spans.h), equal by construction to what the scans give for the
  /// whole county; nullopt when the storage keeps none or cannot answer (the caller scans).
  /// Default: nullopt (fakes).
  struct LabourTotals {
    int64_t working_age = 0;
    int64_t employed = 0;
  };
  virtual Result<std::optional<LabourTotals>> LabourDayTotals(std::string_view as_of) {
    (void)as_of;
    return std::optional<LabourTotals>{};
  }

  /// Which of the tables LoadEmployment reads exist (false: no industry module; fakes).
  struct EmploymentTables {
    bool jobs = false;
  };
  virtual EmploymentTables LoadedEmploymentTables() const { return {}; }

  /// The certificates issued on or before `as_of` ('YYYY-MM-DD') and not voided; nullopt
  /// without a training_certificates table (no industry module; the default, for fakes).
  virtual Result<std::optional<std::vector<CertificateRecord>>> Certificates(std::string_view as_of) {
    (void)as_of;
    return std::optional<std::vector<CertificateRecord>>{};
  }
  /// The households with a zero-employment clearing for a non-employment reason valid on
  /// `as_of` (zero_employment_clearings: reason <> 'employed', cleared_on <= as_of and
  /// valid_until NULL or > as_of), in any order; nullopt without that table (the default).
  virtual Result<std::optional<std::vector<int64_t>>> ZeroEmploymentCleared(std::string_view as_of) {
    (void)as_of;
    return std::optional<std::vector<int64_t>>{};
  }

  /// Every workshop with whether it counts as recognised on `as_of` (docs/industry.md
  /// "Places": recognised_on <= as_of, open, workers >= workshop.recognition_min_workers);
  /// empty when there are none (the default).
  virtual Result<std::vector<WorkshopRecognitionRecord>> WorkshopRecognitions(std::string_view as_of) {
    (void)as_of;
    return std::vector<WorkshopRecognitionRecord>{};
  }

  /// The largest households.id (0 when empty), to size per-household tables.
  virtual Result<int64_t> MaxHouseholdId() = 0;
  /// How many workers ScanHouseholds/ScanPersons(site_id, …) use (at least 1).
  virtual int ScanWorkers(std::optional<int64_t> site_id) = 0;
  /// Calls fn(worker, household) for every household (of site `site_id` only, when given: those
  /// placed there now or by a placement_history row).
  /// Workers as for ScanPersons; within a worker, rows come in id order.
  virtual Status ScanHouseholds(
      std::optional<int64_t> site_id,
      const std::function<void(int worker, const HouseholdRecord&)>& fn) = 0;
  /// Every earlier placement (placement_history; a few rows: households that changed site,
  /// unit, grid or origin village).
  virtual Result<std::vector<PlacementRecord>> Placements() = 0;
  /// Calls fn(worker, person) for every membership: each persons row (its latest membership),
  /// then each membership_history row as a PersonRecord of that household, relationship and
  /// period (with `site_id`: those of households placed there now or earlier); the history
  /// rows come last, on the last worker, after the others finished. With more than one worker,
  /// `fn` is called concurrently from that many threads, each passing its own index in [0, ScanWorkers(site_id)), so `fn` must only touch state of
  /// its worker (or shared state read-only). Worker k reads rows stored before those of worker
  /// k+1. All workers read the snapshot of BeginSnapshot().
  virtual Status ScanPersons(std::optional<int64_t> site_id,
                             const std::function<void(int worker, const PersonRecord&)>& fn) = 0;
  /// household_no of each of `ids` (at most a few dozen: used to name examples).
  virtual Result<std::map<int64_t, std::string>> HouseholdNumbers(
      const std::vector<int64_t>& ids) = 0;
};

}  // namespace anju::reports
