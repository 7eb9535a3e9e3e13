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
//   system         the local CLI run by the operator of the machine (init, demo, import from
//                  the shell): full rights, recorded as "cli:<os user>".
//
// Thread-safety: value types.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"

namespace anju {

enum class Role {
  kCountyAdmin,
  kCountyStaff,
  kTownshipStaff,
  kSiteManager,
  kGridWorker,
  kAuditor,
  kSystem,
};

/// "county_admin", "county_staff", "township_staff", "site_manager", "grid_worker", "auditor",
/// "system".
std::string_view RoleName(Role r);
/// Errors: kInvalidArgument naming the value and listing the roles.
Result<Role> ParseRole(std::string_view name);

/// The part of the registry a user may see. Lists filter by it in SQL; single-record reads of
/// something outside it answer kNotFound (never kPermissionDenied, so existence does not leak).
struct AccessScope {
  enum class Level { kCounty, kTownship, kSite, kGrid };
  Level level = Level::kCounty;
  std::string township_code;  // kTownship: 9-digit statistical division code
  int64_t site_id = 0;        // kSite: sites.id
  int64_t grid_id = 0;        // kGrid: grids.id
};

/// The acting user. `client` is the client address ("127.0.0.1") or "cli".
struct Actor {
  int64_t user_id = 0;  // users.id; 0 for the system actor
  std::string username;
  Role role = Role::kSystem;
  AccessScope scope;
  std::string client;

  /// May create, change or delete registry records (everyone but the auditor).
  bool CanWrite() const { return role != Role::kAuditor; }
  /// May read the audit trail (auditor, county_admin, system).
  bool CanReadAudit() const {
    return role == Role::kAuditor || role == Role::kCountyAdmin || role == Role::kSystem;
  }
  /// May manage user accounts (county_admin, system).
  bool CanManageUsers() const { return role == Role::kCountyAdmin || role == Role::kSystem; }
  /// May see whole resident ids and phones in exports and lists (county roles and system);
  /// everyone sees them whole on a detail view within scope, which is itself audited.
  bool PrivilegedExports() const {
    return role == Role::kCountyAdmin || role == Role::kCountyStaff || role == Role::kSystem;
  }
};

/// The actor for local CLI commands: role system, county scope, username "cli:<$USER>"; without
/// $USER the passwd name of the real uid, else "cli:uid:<n>" (never "cli:unknown").
Actor SystemActor();

}  // namespace anju
