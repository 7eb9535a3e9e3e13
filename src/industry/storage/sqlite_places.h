// The SQL of the places area (docs/industry.md "Places"): parks with the sites they serve,
// workshops, and what the jobs table says about them on a day D (a job is current on D when
// started_on <= D AND (ended_on IS NULL OR ended_on > D) and not voided). Writes append their audit
// entry in the same transaction (storage/audit_log.h) and check the row's version (If-Match).
//
// Thread-safety: as the connection (one per server worker).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/audit.h"
#include "core/error.h"
#include "industry/places.h"
#include "storage/connection.h"

namespace anju::storage {

/// A site as the places rules need it.
struct PlaceSite {
  int64_t id = 0;
  std::string name;
  std::string township_code;
};

/// One current job at a park or workshop on D, with its person (in the reader's scope).
struct PlaceJob {
  int64_t job_id = 0;
  int64_t person_id = 0;
  std::string person_name;
  int64_t household_id = 0;
  std::string household_no;
  std::string category;  // registered_poor | co_relocated
  std::string channel;
  std::string started_on;
  std::string site_name;  // the person's household's site
};

/// A workshop with its worker count on D (the list).
struct WorkshopRow {
  industry::Workshop workshop;
  int64_t workers = 0;
};

class SqlitePlaces {
 public:
  explicit SqlitePlaces(Connection& db) : db_(db) {}

  /// The site, or nullopt.
  Result<std::optional<PlaceSite>> Site(int64_t id);

  /// Parks the scope sees (one of its sites, own or served, is seen: SiteScopeSql), by id.
  Result<std::vector<industry::Park>> ListParks(const AccessScope& scope);
  /// The park, or nullopt (no scope check).
  Result<std::optional<industry::Park>> FindPark(int64_t id);
  Result<bool> ParkVisible(const AccessScope& scope, int64_t id);
  /// Current jobs with park_id = id on `d`: the count over all persons, and the rows of persons
  /// in `scope`.
  Result<int64_t> CountParkJobs(int64_t id, Date d);
  Result<std::vector<PlaceJob>> ParkJobs(const AccessScope& scope, int64_t id, Date d);
  /// Inserts the park (and its park_sites) with `audit`; returns the id. kConflict for a taken
  /// name.
  Result<int64_t> InsertPark(const industry::Park& p, const Actor& actor, AuditEntry audit);
  /// Writes the park where id and version match (bumping version), replacing its park_sites.
  /// kConflict when stale or the name is taken.
  Status UpdatePark(const industry::Park& p, const Actor& actor, const AuditEntry& audit);

  /// Workshops the scope sees (their site is seen), with workers on `d`; `site_id` 0 = all;
  /// closed ones (closed_on <= d) only when include_closed.
  Result<std::vector<WorkshopRow>> ListWorkshops(const AccessScope& scope, int64_t site_id, bool include_closed, Date d);
  Result<std::optional<industry::Workshop>> FindWorkshop(int64_t id);
  Result<bool> WorkshopVisible(const AccessScope& scope, int64_t id);
  /// Workers on `d`: distinct persons of relocated households (category registered_poor or
  /// co_relocated — every household of the registry) with a current job with workshop_id = id.
  Result<int64_t> CountWorkers(int64_t id, Date d);
  /// Those workers' jobs, persons in `scope` only.
  Result<std::vector<PlaceJob>> Workers(const AccessScope& scope, int64_t id, Date d);
  /// Whether another workshop of the site has this name.
  Result<bool> WorkshopNameTaken(int64_t site_id, const std::string& name, int64_t except_id);
  Result<int64_t> InsertWorkshop(const industry::Workshop& w, const Actor& actor, AuditEntry audit);
  /// Writes every column of `w` where id and version match (bumping version). kConflict when stale.
  Status UpdateWorkshop(const industry::Workshop& w, const Actor& actor, const AuditEntry& audit);

 private:
  Connection& db_;
};

/// Every workshop the scope sees (closed ones too) with its recognition on `d`: the places
/// area's rule (industry::EvaluateRecognition) with its workers on d and the setting
/// workshop.recognition_min_workers in force; by site, then id. For the report's
/// industry.workshops_recognised and its drill-down. Errors: SQLite; kInternal when the setting
/// is not declared (modules::Install not run).
struct WorkshopRecognitionRow {
  industry::Workshop workshop;
  industry::Recognition recognition;
};
Result<std::vector<WorkshopRecognitionRow>> WorkshopRecognitions(Connection& db, const AccessScope& scope, Date d);

}  // namespace anju::storage
