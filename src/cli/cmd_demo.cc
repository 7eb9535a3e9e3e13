// `anju demo [--db PATH] [--seed N] [--scale F]`: fills a new database with the fictitious demo
// registry calibrated to the published Lin County figures (registry/demo_generator.h), and the
// demo accounts of the access-control issue (password anju-demo).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>

#include "auth/auth_service.h"
#include "cli/command.h"
#include "registry/demo_generator.h"
#include "sites/reference_data.h"
#include "storage/migrate.h"
#include "auth/storage/sqlite_auth_repository.h"
#include "registry/storage/sqlite_registry_demo.h"
#include "cadres/storage/sqlite_demo_cadres.h"
#include "industry/storage/industry_demo.h"

namespace anju::cli {

void RegisterDemoCommand(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand("demo", "Fill a new database with the fictitious Lin County demo registry");
  struct Opts {
    std::string db;
    uint64_t seed = 1;
    double scale = 1.0;
    bool no_accounts = false;
    bool timings = false;
  };
  auto o = std::make_shared<Opts>();
  AddDbOption(cmd, o->db);
  cmd->add_option("--seed", o->seed, "random seed (same seed -> identical rows)")->capture_default_str();
  cmd->add_option("--scale", o->scale, "population multiplier (1 = Lin County's figures; 240 ≈ 9.6 M persons)")
      ->capture_default_str();
  cmd->add_flag("--no-accounts", o->no_accounts, "do not create the demo accounts");
  cmd->add_flag("--timings", o->timings, "print wall and CPU seconds of each step (generation, each index, commit)");
  cmd->callback([&run, o] {
    run = [o] {
      auto t0 = std::chrono::steady_clock::now();
      std::string path = ResolveDbPath(o->db);
      auto db = storage::OpenAndMigrate(path, false);
      if (!db) return ReportError(db.error());
      auto ref = sites::LoadReferenceFiles("");
      if (!ref) return ReportError(ref.error());
      registry::DemoOptions opts;
      opts.seed = o->seed;
      opts.scale = o->scale;
      auto sum = storage::RunDemo(**db, SystemActor(), opts, *ref);
      if (!sum) return ReportError(sum.error());
      auto cadres = storage::AddDemoCadres(**db, SystemActor());
      if (!cadres) return ReportError(cadres.error());
      auto industry = storage::AddIndustryDemo(**db, SystemActor(), opts.seed, opts.statistics_date);
      if (!industry) return ReportError(industry.error());
      if (!o->no_accounts) {
        storage::SqliteAuthRepository repo(**db);
        auth::AuthService auth_service(repo);
        if (auto s = auth::CreateDemoAccounts(auth_service, SystemActor()); !s) return ReportError(s.error());
      }
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      fmt::print("demo registry in {}: {} sites, {} households, {} persons ({} aged 18-60 on {}, {} employed)\n", path,
                 sum->sites, sum->households, sum->persons, sum->working_age, FormatIsoDate(opts.statistics_date),
                 sum->employed);
      fmt::print("demo industry: {} jobs, {} welfare-post holdings, {} training classes, {} certificates, {} vacancies\n",
                 industry->jobs, industry->post_holdings, industry->classes, industry->certificates,
                 industry->vacancies);
      if (*cadres > 0) fmt::print("demo cadres: {} (帮扶责任人, one per 5 households)\n", *cadres);
      fmt::print("generated in {:.2f} s ({:.0f} persons/s)\n", secs, static_cast<double>(sum->persons) / secs);
      if (o->timings)
        for (const auto& p : sum->phases)
          fmt::print("  {:<32} wall {:7.2f} s  cpu {:7.2f} s\n", p.name, p.wall_s, p.cpu_s);
      if (!o->no_accounts) {
        std::vector<std::string_view> names;
        for (const auth::DemoAccount& d : auth::DemoAccounts())
          if (d.role != Role::kCadre || *cadres > 0) names.push_back(d.username);
        fmt::print("demo accounts: {} (password {})\n", fmt::join(names, " "), auth::kDemoPassword);
      }
      return kExitOk;
    };
  });
}

}  // namespace anju::cli
