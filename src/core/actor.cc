#include "core/actor.h"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include <fmt/format.h>

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
    case Role::kCadre: return "cadre";
  }
  return "system";
}

Result<Role> ParseRole(std::string_view n) {
  for (Role r : {Role::kCountyAdmin, Role::kCountyStaff, Role::kTownshipStaff, Role::kSiteManager,
                 Role::kGridWorker, Role::kAuditor, Role::kCadre, Role::kSystem})
    if (RoleName(r) == n) return r;
  return InvalidArgument(
      "unknown role; use county_admin, county_staff, township_staff, site_manager, grid_worker, "
      "auditor or cadre",
      "role", std::string(n), "角色不存在");
}

bool ScopeCovers(const AccessScope& scope, const Place& place) {
  if (place.household_id != 0 &&
      std::find(scope.assigned_household_ids.begin(), scope.assigned_household_ids.end(),
                place.household_id) != scope.assigned_household_ids.end())
    return true;
  switch (scope.level) {
    case AccessScope::Level::kCounty: return true;
    case AccessScope::Level::kTownship:
      return !scope.township_code.empty() && (place.origin_township_code == scope.township_code ||
                                              place.site_township_code == scope.township_code);
    case AccessScope::Level::kSite: return scope.site_id != 0 && place.site_id == scope.site_id;
    case AccessScope::Level::kGrid: return scope.grid_id != 0 && place.grid_id == scope.grid_id;
    case AccessScope::Level::kAssigned: return false;
  }
  return false;
}

std::string DescribeScope(const AccessScope& scope) {
  switch (scope.level) {
    case AccessScope::Level::kCounty: return "county";
    case AccessScope::Level::kTownship: return "township " + scope.township_code;
    case AccessScope::Level::kSite: return "site " + std::to_string(scope.site_id);
    case AccessScope::Level::kGrid: return "grid " + std::to_string(scope.grid_id);
    case AccessScope::Level::kAssigned:
      return fmt::format("assigned households ({})", scope.assigned_household_ids.size());
  }
  return "county";
}

std::unexpected<Error> TargetOutsideScope(const AccessScope& scope, std::string field,
                                          std::string value) {
  Error e;
  e.code = ErrorCode::kPermissionDenied;
  e.message = fmt::format(
      "{} {} is outside your scope ({}): you may create or move records only within it; ask "
      "the county office to make this change",
      field, value.empty() ? "(none)" : value, DescribeScope(scope));
  // The field's Chinese name (the tester saw "grid_id（2）" in the zh message).
  const std::string_view field_zh = field == "site_id"             ? "安置点"
                                    : field == "grid_id"           ? "网格"
                                    : field == "origin_village_id" ? "迁出村"
                                    : field == "township_code"     ? "乡镇"
                                                                   : std::string_view(field);
  e.message_zh = fmt::format("{}（编号 {}）不在本账号的管辖范围内，无权在此新建或迁入记录，请由县级办公室办理",
                             field_zh, value.empty() ? "空" : value);
  if (value.empty())
    e.message_zh = fmt::format("未指定{}：本账号只能在其管辖范围内新建或迁入记录，请选择范围内的{}，或由县级办公室办理",
                               field_zh, field_zh);
  e.field = std::move(field);
  e.value = std::move(value);
  return std::unexpected(std::move(e));
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
