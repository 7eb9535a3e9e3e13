#include <fmt/format.h>

#include <vector>

#include "auth/auth_service.h"

namespace anju::auth {

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

  struct Demo {
    const char* name;
    const char* display;
    Grant grant;
  };
  const Demo demos[] = {
      {"demo_admin", "演示县级管理员", {Role::kCountyAdmin, "", "", 0}},
      {"demo_staff", "演示县级工作人员", {Role::kCountyStaff, "", "", 0}},
      {"demo_township", "演示临泉镇工作人员", {Role::kTownshipStaff, std::string(kTownship), "", 0}},
      {"demo_site", "演示城北安置点管理员", {Role::kSiteManager, "", std::to_string(**site), 0}},
      {"demo_grid", "演示网格员", {Role::kGridWorker, "", "", *grid}},
      {"demo_auditor", "演示审计员", {Role::kAuditor, "", "", 0}},
  };
  std::vector<Demo> all(std::begin(demos), std::end(demos));
  // A cadre account (帮扶责任人, issue #15) for the first demo cadre when `anju demo` made them
  // (cadres/storage/sqlite_demo_cadres.h: cadre 1 of a new demo database).
  auto cadre = repo.CadreExists(1);
  if (!cadre) return std::unexpected(cadre.error());
  if (*cadre) all.push_back({"demo_cadre", "演示帮扶责任人", {Role::kCadre, "", "", 0, 1}});
  for (const Demo& d : all) {
    auto existing = repo.FindUserByName(d.name);
    if (!existing) return std::unexpected(existing.error());
    if (*existing) continue;
    NewUser nu;
    nu.username = d.name;
    nu.display_name = d.display;
    nu.grant = d.grant;
    nu.password = std::string(kDemoPassword);
    auto made = service.InsertAccount(actor, nu, /*check_rules=*/false, /*is_demo=*/true, "demo");
    if (!made) return std::unexpected(made.error());
  }
  return repo.SetMeta("is_demo", "1", actor,
                      AuditEntry{"demo", "meta", "is_demo", R"({"is_demo":[null,"1"]})",
                                 "demo accounts"});
}

}  // namespace anju::auth
