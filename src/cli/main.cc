// anju: the command-line entry point. Wires configuration -> storage -> services -> commands;
// no logic of its own.
#include <fmt/format.h>

#include <exception>

#include "cli/command.h"

#ifndef ANJU_VERSION
#define ANJU_VERSION "0.0.0"
#endif

int main(int argc, char** argv) {
  CLI::App app{"anju (安居): follow-up support for poverty-alleviation relocation", "anju"};
  app.set_version_flag("--version", std::string("anju ") + ANJU_VERSION);
  app.require_subcommand(1);
  anju::cli::Runner run;
  anju::cli::RegisterInitCommand(app, run);
  anju::cli::RegisterIdcheckCommand(app, run);
  anju::cli::RegisterImportCommand(app, run);
  anju::cli::RegisterExportCommand(app, run);
  anju::cli::RegisterDemoCommand(app, run);
  anju::cli::RegisterHouseholdCommand(app, run);
  anju::cli::RegisterPersonCommand(app, run);
  anju::cli::RegisterUserCommand(app, run);
  anju::cli::RegisterAuditCommand(app, run);
  anju::cli::RegisterServeCommand(app, run);
  anju::cli::RegisterReportCommand(app, run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? anju::kExitOk : anju::kExitUsage;
  }
  try {
    return run ? run() : anju::kExitUsage;
  } catch (const std::exception& e) {  // last resort: a bug
    fmt::print(stderr, "anju: internal error: {}\n", e.what());
    return anju::kExitInternal;
  }
}
