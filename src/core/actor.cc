#include "core/actor.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>

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

namespace {
// The operating-system user running the CLI: $USER, else the passwd entry of the real uid
// (cron jobs, `env -i`, containers often have no $USER), else "uid:<n>".
std::string OsUserName() {
  if (const char* user = std::getenv("USER"); user && *user) return user;
  const uid_t uid = ::getuid();
  long size = ::sysconf(_SC_GETPW_R_SIZE_MAX);
  std::vector<char> buf(size > 0 ? static_cast<size_t>(size) : 16384);
  passwd pw{};
  passwd* found = nullptr;
  if (::getpwuid_r(uid, &pw, buf.data(), buf.size(), &found) == 0 && found && found->pw_name &&
      *found->pw_name) {
    return found->pw_name;
  }
  return "uid:" + std::to_string(uid);
}
}  // namespace

Actor SystemActor() {
  Actor a;
  a.username = "cli:" + OsUserName();
  a.role = Role::kSystem;
  a.client = "cli";
  return a;
}

}  // namespace anju
