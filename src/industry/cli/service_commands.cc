#include "industry/cli/service_commands.h"

#include <fmt/format.h>

#include "industry/storage/sqlite_services.h"
#include "storage/migrate.h"

namespace anju::industry {

using cli::AddDbOption;
using cli::ReportError;
using cli::ResolveDbPath;
using cli::Runner;

void AddServiceCommands(CLI::App& app, Runner& run) {
  CLI::App* jobs = nullptr;
  for (CLI::App* sub : app.get_subcommands([](CLI::App* a) { return a->get_name() == "jobs"; })) jobs = sub;
  if (!jobs) {
    jobs = app.add_subcommand("jobs", "Jobs of persons and the zero-employment follow-up");
    jobs->require_subcommand(1);
  }
  struct Opts {
    std::string db, as_of;
  };
  auto o = std::make_shared<Opts>();
  auto* sweep = jobs->add_subcommand(
      "sweep", "Open a zero-employment follow-up for every household in the rule; clear those that left it");
  sweep->add_option("--as-of", o->as_of, "the day, YYYY-MM-DD (default today in China)");
  AddDbOption(sweep, o->db);
  sweep->callback([&run, o] {
    run = [o] {
      Date as_of = TodayInChina();
      if (!o->as_of.empty()) {
        auto d = ParseIsoDate(o->as_of, "as_of");
        if (!d) return ReportError(d.error());
        as_of = *d;
      }
      auto db = storage::OpenAndMigrate(ResolveDbPath(o->db), true);
      if (!db) return ReportError(db.error());
      auto r = storage::SweepZeroEmployment(**db, as_of);
      if (!r) return ReportError(r.error());
      auto open = storage::CountOpenZeroEmployment(**db, as_of);
      if (!open) return ReportError(open.error());
      fmt::print("{}: {} zero-employment follow-ups opened, {} cleared; {} households open\n", FormatIsoDate(as_of),
                 r->opened, r->cleared, *open);
      return kExitOk;
    };
  });
}

}  // namespace anju::industry
