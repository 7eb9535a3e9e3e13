// Who is acting, in which role and scope: passed to every service call that reads or changes
// records, so that scope checks and the audit trail have one source.
//
// Roles and scopes (issue "Users, roles scoped to county / township / site / grid"):
//   county_admin   everything, manages users          scope county
//   county_staff   read/write all records             scope county
//   township_staff records of households from (origin village) or resettled in (site) their
//                  township                           scope township (9-digit division code)
//   site_manager   their site                         scope site (sites.id)
//   grid_worker    households of their grid           scope grid (grids.id)
//   auditor        read-only everything + audit trail scope county
//   cadre          帮扶责任人 account: the households currently assigned to its cadre record
//                  (users.cadre_id); may record visits and act on cases it holds, no registry
//                  writes                            scope assigned (docs/casework.md "Roles")
//   system         the local CLI run by the operator of the machine (init, demo, import from
//                  the shell): full rights, recorded as "cli:<os user>".
//
// Thread-safety: value types.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace anju {

enum class Role {
  kCountyAdmin,
  kCountyStaff,
  kTownshipStaff,
  kSiteManager,
  kGridWorker,
  kAuditor,
  kCadre,
  kSystem,
};

/// "county_admin", "county_staff", "township_staff", "site_manager", "grid_worker", "auditor",
/// "cadre", "system".
std::string_view RoleName(Role r);
/// Errors: kInvalidArgument naming the value and listing the roles.
Result<Role> ParseRole(std::string_view name);

/// The part of the registry a user may see. Lists filter by it in SQL; single-record reads of
/// something outside it answer kNotFound (never kPermissionDenied, so existence does not leak).
/// kAssigned (the cadre role) sees only `assigned_household_ids`; any other level sees its
/// own place PLUS those households when the account is linked to a cadre record
/// (users.cadre_id; docs/casework.md "Roles"). auth fills the list when it resolves a session:
/// the households of the cadre's current assignments (cadre_assignments.until_date IS NULL).
struct AccessScope {
  enum class Level { kCounty, kTownship, kSite, kGrid, kAssigned };
  Level level = Level::kCounty;
  std::string township_code;  // kTownship: 9-digit statistical division code
  int64_t site_id = 0;        // kSite: sites.id
  int64_t grid_id = 0;        // kGrid: grids.id
  std::vector<int64_t> assigned_household_ids;  // households.id; any level
};

/// Where a record lies, as the scope rule reads it. A household's place is its origin
/// village's township, its site (with the site's township) and its grid; a person's is their
/// household's; a housing unit's or a grid's is its site alone (origin_township_code "",
/// grid_id 0). An empty code or a 0 id means "none" and matches no scope but the county.
struct Place {
  std::string origin_township_code;  // 9-digit code of the origin village's township
  int64_t site_id = 0;               // sites.id
  std::string site_township_code;    // 9-digit code of the site's township
  int64_t grid_id = 0;               // grids.id
  int64_t household_id = 0;          // households.id when the place is a household's (or of a
                                     // record about one); 0 otherwise
};

/// THE scope rule: whether `scope` covers `place`. Every write checks the record's current
/// place and its target place with it (registry/registry_service.cc, importer/importer.cc),
/// and the report filters its scan with it; every SQL read (lists, totals, exports, sites)
/// takes its clause from the one builder storage/scope_sql.h, which states the same rule
/// (auth/scope_reads_test.cc checks they agree for every read and every scope). A site is
/// seen when the scope covers the site itself (Place{"", id, its township, 0}) or a household
/// resettled there (src/auth/README.md).
///   county    every place
///   township  origin_township_code == the township OR site_township_code == the township
///             (households from the township or resettled in it, issue 5)
///   site      site_id == the site
///   grid      grid_id == the grid
///   assigned  nothing by itself
/// and, at every level, household_id in assigned_household_ids (a cadre's households).
bool ScopeCovers(const AccessScope& scope, const Place& place);

/// "county", "township 141124100", "site 3", "grid 7": for messages.
std::string DescribeScope(const AccessScope& scope);

/// The refusal of a write whose target place lies outside the actor's scope: kPermissionDenied
/// (HTTP 403) naming `field` (site_id, grid_id, origin_village_id, …) and `value`, in English
/// and Chinese. A record whose current place is outside the scope is kNotFound instead, as
/// for reads (existence does not leak).
std::unexpected<Error> TargetOutsideScope(const AccessScope& scope, std::string field,
                                          std::string value);

/// The acting user. `client` is the client address ("127.0.0.1") or "cli".
struct Actor {
  int64_t user_id = 0;  // users.id; 0 for the system actor
  std::string username;
  Role role = Role::kSystem;
  AccessScope scope;
  std::string client;

  /// May create, change or delete registry records (everyone but the auditor and the cadre).
  bool CanWrite() const { return role != Role::kAuditor && role != Role::kCadre; }
  /// May record visits (走访) on households in scope: every writer and the cadre
  /// (docs/casework.md "Roles").
  bool CanRecordVisits() const { return CanWrite() || role == Role::kCadre; }
  /// May take transitions of cases it holds (casework): every writer and the cadre.
  bool CanActOnCases() const { return CanWrite() || role == Role::kCadre; }
  /// May create and change cadre records and assignments (帮扶责任人; county roles and system:
  /// the pairing is decided by the county, src/cadres/README.md).
  /// May record, change and end persons' jobs and follow up zero-employment households (industry
  /// module, docs/industry.md): the writing roles and a paired cadre (in scope).
  bool CanRecordJobs() const { return CanWrite() || role == Role::kCadre; }
  /// May keep the industry ledgers (parks, workshops, welfare posts, training, vacancies)
  /// (docs/industry.md): county roles, township staff and site managers, in scope.
  bool CanManageIndustry() const {
    return role == Role::kCountyAdmin || role == Role::kCountyStaff ||
           role == Role::kTownshipStaff || role == Role::kSiteManager || role == Role::kSystem;
  }
  bool CanManageCadres() const {
    return role == Role::kCountyAdmin || role == Role::kCountyStaff || role == Role::kSystem;
  }
  /// May read the audit trail (auditor, county_admin, system).
  bool CanReadAudit() const {
    return role == Role::kAuditor || role == Role::kCountyAdmin || role == Role::kSystem;
  }
  /// May manage user accounts (county_admin, system).
  bool CanManageUsers() const { return role == Role::kCountyAdmin || role == Role::kSystem; }
  /// May see whole resident ids and phones in exports and lists, and on a detail view with
  /// full=true, which is itself audited (county roles and system); others see them masked.
  bool PrivilegedExports() const {
    return role == Role::kCountyAdmin || role == Role::kCountyStaff || role == Role::kSystem;
  }
};

/// The actor for local CLI commands: role system, county scope, username "cli:<$USER>"; without
/// $USER the passwd name of the real uid, else "cli:uid:<n>" (never "cli:unknown").
Actor SystemActor();

}  // namespace anju
