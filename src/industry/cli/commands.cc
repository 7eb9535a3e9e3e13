#include "industry/cli/commands.h"

#include <fmt/format.h>

#include <memory>

#include "industry/cli/service_commands.h"
#include "industry/storage/sqlite_jobs.h"
#include "storage/migrate.h"

namespace anju::industry {

void AddCommands(CLI::App& app, cli::Runner& run) {
  auto* jobs = app.add_subcommand("jobs", "Persons' jobs (industry): refresh the employment cache");
  jobs->require_subcommand(1);
  struct Opts {
    std::string as_of, db;
  };
  auto o = std::make_shared<Opts>();
  auto* refresh = jobs->add_subcommand(
      "refresh", "Rewrite persons.employment_kind from the jobs current today (jobs ended by date)");
  refresh->add_option("--as-of", o->as_of, "the day, YYYY-MM-DD (default today in China)");
  cli::AddDbOption(refresh, o->db);
  refresh->callback([&run, o] {
    run = [o] {
      Date as_of = TodayInChina();
      if (!o->as_of.empty()) {
        auto d = ParseIsoDate(o->as_of, "as_of");
        if (!d) return cli::ReportError(d.error());
        as_of = *d;
      }
      auto db = storage::OpenAndMigrate(cli::ResolveDbPath(o->db), true);
      if (!db) return cli::ReportError(db.error());
      storage::SqliteJobRepository repo(**db);
      auto r = repo.RefreshCaches(SystemActor(), as_of);
      if (!r) return cli::ReportError(r.error());
      fmt::print("{}: {} persons' employment_kind updated from their jobs\n", FormatIsoDate(as_of), *r);
      return kExitOk;
    };
  });
  AddServiceCommands(app, run);  // anju jobs sweep (zero-employment follow-ups)
}

}  // namespace anju::industry
