#include "core/actor.h"

#include <cstdlib>

namespace anju {

std::string_view RoleName(Role r) {
  switch (r) {
    case Role::kCountyAdmin: return "county_admin";
    case Role::kCountyStaff: return "county_staff";
    case Role::kTownshipStaff: return "township_staff";
    case Role::kSiteManager: return "site_manager";
    case Role::kGridWorker: return "grid_worker";
    case Role::kAuditor: return "auditor";
    case Role::kSystem: return "system";
  }
  return "system";
}

Result<Role> ParseRole(std::string_view n) {
  for (Role r : {Role::kCountyAdmin, Role::kCountyStaff, Role::kTownshipStaff, Role::kSiteManager,
                 Role::kGridWorker, Role::kAuditor, Role::kSystem})
    if (RoleName(r) == n) return r;
  return InvalidArgument(
      "unknown role; use county_admin, county_staff, township_staff, site_manager, grid_worker "
      "or auditor",
      "role", std::string(n), "角色不存在");
}

Actor SystemActor() {
  Actor a;
  const char* user = std::getenv("USER");
  a.username = std::string("cli:") + (user && *user ? user : "unknown");
  a.role = Role::kSystem;
  a.client = "cli";
  return a;
}

}  // namespace anju
