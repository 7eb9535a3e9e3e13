#include <fmt/format.h>

#include <vector>

#include "auth/auth_service.h"

namespace anju::auth {

const std::vector<DemoAccount>& DemoAccounts() {
  static const std::vector<DemoAccount> list = {
      {"demo_admin", "演示县级管理员", Role::kCountyAdmin, ""},
      {"demo_staff", "演示县级工作人员", Role::kCountyStaff, ""},
      {"demo_township", "演示临泉镇工作人员", Role::kTownshipStaff, "临泉镇"},
      {"demo_site", "演示城北安置点管理员", Role::kSiteManager, "城北安置点"},
      {"demo_grid", "演示网格员", Role::kGridWorker, ""},
      {"demo_auditor", "演示审计员", Role::kAuditor, ""},
      {"demo_cadre", "演示帮扶责任人", Role::kCadre, ""},
  };
  return list;
}

std::string DescribeDemoAccount(const DemoAccount& a) {
  if (a.scope_label.empty()) return fmt::format("{} ({})", a.username, RoleName(a.role));
  return fmt::format("{} ({}, {})", a.username, RoleName(a.role), a.scope_label);
}

Status CreateDemoAccounts(AuthService& service, const Actor& actor) {
  AuthRepository& repo = service.repo_;
  // The scopes named by issue 5: 临泉镇 (141124100) and 城北安置点, from the demo data.
  constexpr std::string_view kTownship = "141124100";
  constexpr std::string_view kSite = "城北安置点";
  auto town = repo.TownshipExists(kTownship);
  if (!town) return std::unexpected(town.error());
  if (!*town)
    return NotFound("township 141124100 (临泉镇) is not in divisions; load the reference data "
                    "before the demo accounts",
                    "township", std::string(kTownship), "缺少临泉镇区划，请先加载参考数据");
  auto site = repo.SiteIdByName(kSite);
  if (!site) return std::unexpected(site.error());
  if (!*site)
    return NotFound("site 城北安置点 is missing; load the demo sites before the demo accounts",
                    "site", std::string(kSite), "缺少城北安置点，请先加载演示安置点");
  auto grid = repo.EnsureGridOfSite(**site, "城北安置点第一网格", actor);
  if (!grid) return std::unexpected(grid.error());

  // The grant of each role of DemoAccounts(); the cadre account only when cadre 1 exists
  // (cadres/storage/sqlite_demo_cadres.h: cadre 1 of a new demo database, issue #15).
  auto cadre = repo.CadreExists(1);
  if (!cadre) return std::unexpected(cadre.error());
  auto grant_of = [&](Role role) -> Grant {
    switch (role) {
      case Role::kTownshipStaff: return {role, std::string(kTownship), "", 0};
      case Role::kSiteManager: return {role, "", std::to_string(**site), 0};
      case Role::kGridWorker: return {role, "", "", *grid};
      case Role::kCadre: return {role, "", "", 0, 1};
      default: return {role, "", "", 0};
    }
  };
  for (const DemoAccount& d : DemoAccounts()) {
    if (d.role == Role::kCadre && !*cadre) continue;
    auto existing = repo.FindUserByName(d.username);
    if (!existing) return std::unexpected(existing.error());
    if (*existing) continue;
    NewUser nu;
    nu.username = std::string(d.username);
    nu.display_name = std::string(d.display_name);
    nu.grant = grant_of(d.role);
    nu.password = std::string(kDemoPassword);
    auto made = service.InsertAccount(actor, nu, /*check_rules=*/false, /*is_demo=*/true, "demo");
    if (!made) return std::unexpected(made.error());
  }
  return repo.SetMeta("is_demo", "1", actor,
                      AuditEntry{"demo", "meta", "is_demo", R"({"is_demo":[null,"1"]})",
                                 "demo accounts"});
}

}  // namespace anju::auth
