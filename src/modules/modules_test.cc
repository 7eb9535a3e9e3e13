// The module list (issue #13, docs/modules.md): it agrees with the CMake list that orders the
// migrations, every module comes after those it depends on, its routes are exactly the server's
// whole table and its commands are today's; and a demo database made the way the previous
// release made it (schema 6) upgrades in place with the same county report.
#include "modules/module.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <tuple>

#include "core/actor.h"
#include "core/date.h"
#include "http/api_routes.h"
#include "http/router.h"
#include "registry/storage/sqlite_registry_demo.h"
#include "reports/report_render.h"
#include "reports/report_service.h"
#include "reports/storage/sqlite_report_repository.h"
#include "sites/reference_data.h"
#include "storage/migrate.h"

namespace anju::modules {
namespace {

TEST(ModuleList, IsTheCMakeListThatOrdersTheMigrations) {
  std::vector<std::string_view> listed, schema;
  for (const Module* m : AllModules()) listed.push_back(m->name);
  for (const auto& s : storage::SchemaModules())
    if (s.name != "platform") schema.push_back(s.name);
  EXPECT_EQ(listed, schema);  // ANJU_MODULES in src/CMakeLists.txt
  EXPECT_EQ(listed, (std::vector<std::string_view>{"sites", "registry", "auth", "importer", "industry",
                                                   "land", "governance", "reports"}));
  for (const Module* m : AllModules()) {
    auto embedded = storage::ModuleMigrations(m->name);
    EXPECT_EQ(m->migrations.data(), embedded.data()) << m->name;
    EXPECT_EQ(m->migrations.size(), embedded.size()) << m->name;
    EXPECT_EQ(FindModule(m->name), m);
  }
  EXPECT_EQ(FindModule("points"), nullptr);
}

TEST(ModuleList, EveryModuleComesAfterItsDependencies) {
  std::set<std::string_view> seen;
  for (const Module* m : AllModules()) {
    for (std::string_view d : m->depends) EXPECT_TRUE(seen.contains(d)) << m->name << " needs " << d;
    seen.insert(m->name);
  }
}

// Each table belongs to exactly one owner: the tables of each module's baseline.
TEST(ModuleList, OwnersOfTheSchemaSixTables) {
  auto owner_tables = [](std::string_view owner) {
    auto db = std::move(*storage::Database::Open(":memory:"));
    for (const auto& m : storage::ModuleMigrations(owner)) EXPECT_TRUE(db->Exec(m.sql)) << owner;
    std::set<std::string> out;
    auto st = *db->Prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    while (*st.Step()) out.insert(st.ColumnText(0));
    return out;
  };
  using S = std::set<std::string>;
  EXPECT_EQ(owner_tables("platform"), (S{"audit_log", "divisions", "meta", "reference_kinds"}));
  EXPECT_EQ(owner_tables("sites"), (S{"grids", "housing_units", "site_aliases", "sites"}));
  EXPECT_EQ(owner_tables("registry"), (S{"households", "origin_villages", "persons"}));
  EXPECT_EQ(owner_tables("auth"), (S{"login_failures", "sessions", "users"}));
  EXPECT_EQ(owner_tables("importer"), (S{"import_batches"}));
  EXPECT_EQ(owner_tables("industry"), (S{"park_sites", "parks", "workshops"}));
  EXPECT_EQ(owner_tables("land"), (S{"land_contracts"}));
  EXPECT_EQ(owner_tables("governance"), (S{"communities"}));
  EXPECT_EQ(owner_tables("reports"), S{});
}

using RouteKey = std::tuple<std::string, std::string, int>;
std::multiset<RouteKey> Keys(const http::Router& r) {
  std::multiset<RouteKey> out;
  for (const auto& route : r.routes())
    out.emplace(route.method, route.pattern, static_cast<int>(route.access));
  return out;
}

TEST(ModuleList, RoutesOfTheModulesMakeTheServersTable) {
  http::Router from_modules;
  AddAllRoutes(from_modules);
  EXPECT_GE(from_modules.routes().size(), 30u);
  // No route twice (Router::Add's precondition).
  auto keys = Keys(from_modules);
  for (const auto& k : keys) EXPECT_EQ(keys.count(k), 1u) << std::get<0>(k) << " " << std::get<1>(k);
  // Every module of the five with an API adds some.
  for (std::string_view name : {"sites", "registry", "auth", "importer", "reports"}) {
    http::Router r;
    ASSERT_NE(FindModule(name)->add_routes, nullptr) << name;
    FindModule(name)->add_routes(r);
    EXPECT_FALSE(r.routes().empty()) << name;
  }
}

TEST(ModuleList, CommandsAreTodaysLessThePlatforms) {
  CLI::App app;
  cli::Runner run;
  AddAllCommands(app, run);
  std::set<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) names.insert(sub->get_name());
  // main.cc before the module list registered these and the platform's init, idcheck, demo and
  // serve (which build or serve a whole database across modules, src/cli/).
  EXPECT_EQ(names, (std::set<std::string>{"import", "export", "household", "person", "user", "audit",
                                          "report"}));
}

// A demo database as the previous release made it (its migrations 1-6, then `anju demo`'s
// loader), upgraded in place: same rows, integrity_check ok, and the same county report.
TEST(ModuleList, PreviousReleaseDemoDatabaseUpgradesWithTheSameReport) {
  auto db = std::move(*storage::Database::Open(":memory:"));
  for (const auto& m : storage::LegacyMigrations()) {
    ASSERT_TRUE(db->Exec(m.sql)) << m.name;
    ASSERT_TRUE(db->Exec("PRAGMA user_version = " + std::to_string(m.version)));
  }
  auto ref = sites::LoadReferenceFiles("");
  ASSERT_TRUE(ref) << ref.error().message;
  registry::DemoOptions opts;
  opts.seed = 7;
  opts.scale = 0.05;
  auto sum = storage::RunDemo(*db, SystemActor(), opts, *ref);
  ASSERT_TRUE(sum) << sum.error().message;
  const reports::ReportOptions ro{.today = *ParseIsoDate("2024-01-01")};
  auto report = [&] {
    storage::SqliteReportRepository repo(*db, 1);
    auto r = reports::BuildCountyReport(repo, ro);
    EXPECT_TRUE(r) << r.error().message;
    return r ? reports::RenderJson(*r) : std::string();
  };
  auto count = [&](const char* sql) {
    auto st = *db->Prepare(sql);
    EXPECT_TRUE(*st.Step());
    return st.ColumnText(0);
  };
  const std::string before = report();
  const std::string persons = count("SELECT count(*) || '/' || sum(length(name)) FROM persons");
  const std::string households = count("SELECT count(*) || '/' || sum(site_id) FROM households");
  ASSERT_GT(before.size(), 1000u);
  ASSERT_TRUE(storage::Migrate(*db));
  EXPECT_EQ(report(), before);
  EXPECT_EQ(count("SELECT count(*) || '/' || sum(length(name)) FROM persons"), persons);
  EXPECT_EQ(count("SELECT count(*) || '/' || sum(site_id) FROM households"), households);
  EXPECT_EQ(count("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(*storage::SchemaVersion(*db), storage::LatestSchemaVersion());
}

}  // namespace
}  // namespace anju::modules
