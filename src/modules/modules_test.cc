// The module list (issue #13, docs/modules.md): it agrees with the CMake list that orders the
// migrations, every module comes after those it depends on, its routes are exactly the server's
// whole table and its commands are today's; and a demo database made the way the previous
// release made it (schema 6) upgrades in place with the same county report.
#include "modules/module.h"
#include "cli/command.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <tuple>

#include "core/actor.h"
#include "core/date.h"
#include "http/api_routes.h"
#include "http/router.h"
#include "registry/storage/sqlite_registry_demo.h"
#include "reports/figure_spec.h"
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
  EXPECT_EQ(listed, (std::vector<std::string_view>{
                        "sites", "registry", "cadres", "auth", "importer", "casework",
                        "attachments", "visits", "rectification", "datacalls", "industry", "land",
                        "governance", "reports"}));
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
  // The tables `owner`'s migrations create, on a database that already has `before`'s (a module
  // whose migration reads another's rows: industry 0002 turns persons' employment into jobs).
  auto owner_tables = [](std::string_view owner, std::vector<std::string_view> before = {}) {
    auto db = std::move(*storage::Database::Open(":memory:"));
    std::set<std::string> had;
    auto tables = [&db] {
      std::set<std::string> out;
      auto st = *db->Prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
      while (*st.Step()) out.insert(st.ColumnText(0));
      return out;
    };
    for (std::string_view b : before)
      for (const auto& m : storage::ModuleMigrations(b)) EXPECT_TRUE(db->Exec(m.sql)) << b << " " << m.name;
    had = tables();
    for (const auto& m : storage::ModuleMigrations(owner)) {
      // auth 0002 rebuilds users (foreign keys off around it, as storage::Migrate runs it).
      const bool fk_off = m.sql.find(storage::kForeignKeysOffMarker) != std::string_view::npos;
      if (fk_off) {
        EXPECT_TRUE(db->Exec("PRAGMA foreign_keys = OFF"));
      }
      EXPECT_TRUE(db->Exec(m.sql)) << owner << " " << m.name;
      if (fk_off) {
        EXPECT_TRUE(db->Exec("PRAGMA foreign_keys = ON"));
      }
    }
    std::set<std::string> out;
    for (const std::string& t : tables())
      if (!had.contains(t)) out.insert(t);
    return out;
  };
  using S = std::set<std::string>;
  EXPECT_EQ(owner_tables("platform"), (S{"audit_log", "divisions", "meta", "reference_kinds"}));
  EXPECT_EQ(owner_tables("sites"), (S{"grids", "housing_units", "site_aliases", "sites"}));
  EXPECT_EQ(owner_tables("registry"), (S{"households", "membership_history", "origin_villages", "persons",
                                          "placement_history", "register_events"}));
  EXPECT_EQ(owner_tables("auth"), (S{"login_failures", "sessions", "users"}));
  EXPECT_EQ(owner_tables("importer"), (S{"import_batches"}));
  EXPECT_EQ(owner_tables("industry", {"platform", "sites", "registry"}),
            (S{"job_seekers", "job_services", "jobs", "park_sites", "parks", "post_holdings",
               "post_kinds", "post_months", "post_quotas", "training_certificates", "training_classes",
               "training_courses", "training_enrolments", "vacancies", "workshops",
               "zero_employment_clearings"}));
  EXPECT_EQ(owner_tables("land"), (S{"land_contracts"}));
  EXPECT_EQ(owner_tables("governance"), (S{"communities"}));
  // The labour day totals (derived from persons, households and jobs by triggers on them).
  EXPECT_EQ(owner_tables("reports", {"platform", "sites", "registry", "industry"}),
            (S{"labour_day_deltas", "labour_dirty", "labour_spans"}));
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
  // Issue #15: attachments adds `backup` (the database with its stored files).
  EXPECT_EQ(names, (std::set<std::string>{"import", "export", "household", "person", "user", "audit",
                                          "report", "backup",      // attachments (issue #15)
                                          "calendar", "cases",     // casework (issue #15)
                                          "cadres", "datacalls",
                                          "jobs"}));  // industry (issue #16): refresh, sweep
}

// The report figures are the module list's (issue #13 items 1 and 4): the five modules that
// declare figures fill their descriptor's `figures`, and InstallFigures hands exactly those, in
// list order and named after their module, to the reports; nothing else adds a figure.
TEST(ModuleList, FiguresAreThoseTheModulesDeclare) {
  std::vector<std::string> declaring;
  size_t declared = 0;
  for (const Module* m : AllModules())
    if (m->figures) {
      declaring.emplace_back(m->name);
      declared += m->figures().figures.size();
    }
  EXPECT_EQ(declaring,
            (std::vector<std::string>{"sites", "registry", "industry", "land", "governance"}));

  InstallFigures();
  InstallFigures();  // a second call changes nothing
  std::vector<std::string> installed;
  for (const auto& f : reports::FigureModules()) installed.push_back(f.module);
  EXPECT_EQ(installed, declaring);
  EXPECT_EQ(reports::AllFigureSpecs().size(), declared);
  std::vector<std::string> sections;
  for (const auto& s : reports::AllSections()) sections.push_back(s.id);
  EXPECT_EQ(sections,
            (std::vector<std::string>{"population", "sites", "labor", "industry", "governance"}));
  std::set<std::string> keys;
  for (const auto& f : reports::AllFigureSpecs()) {
    EXPECT_TRUE(keys.insert(f.key).second) << "declared twice: " << f.key;
    EXPECT_TRUE(std::count(sections.begin(), sections.end(), f.section))
        << f.key << ": " << f.section;
  }
  // One figure of each module, found by key (land's is shown in industry's section).
  for (const char* k : {"households.total", "sites.total", "industry.parks", "industry.custody_mu",
                        "governance.sites_with_party_branch"})
    EXPECT_NE(reports::FindFigure(k), nullptr) << k;
}

// A demo database as the previous release made it (its migrations 1-6, then `anju demo`'s
// loader), upgraded in place: same rows, integrity_check ok, and the same county report.
TEST(ModuleList, PreviousReleaseDemoDatabaseUpgradesWithTheSameReport) {
  Install();  // the report's figures and the modules' settings (workshop recognition), as `anju` installs them at start
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
  // The same report, except the figures of the jobs table (docs/industry.md "Figures"): null
  // before (no jobs table), from the jobs the upgrade made of employment_kind after; likewise
  // those of the tables the upgrade adds (certificates, zero-employment clearings, workshop
  // recognition).
  auto without_jobs = [](const std::string& text, bool expect_null) {
    nlohmann::json j = nlohmann::json::parse(text);
    for (auto it = j.begin(); it != j.end();) {
      if (it.key().starts_with("labor.jobs.") || it.key() == "industry.welfare_posts_held" ||
          it.key().starts_with("industry.certificates_issued") || it.key() == "labor.zero_employment_open" ||
          it.key() == "industry.workshops_recognised") {
        EXPECT_EQ(it->is_null(), expect_null) << it.key();
        it = j.erase(it);
      } else {
        ++it;
      }
    }
    return j.dump(1);
  };
  EXPECT_EQ(without_jobs(report(), false), without_jobs(before, true));
  EXPECT_EQ(count("SELECT count(*) || '/' || sum(length(name)) FROM persons"), persons);
  EXPECT_EQ(count("SELECT count(*) || '/' || sum(site_id) FROM households"), households);
  EXPECT_EQ(count("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(*storage::SchemaVersion(*db), storage::LatestSchemaVersion());
}

}  // namespace
}  // namespace anju::modules
