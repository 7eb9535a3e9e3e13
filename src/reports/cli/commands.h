// The `anju` subcommands of the reports module (the county report).
// main.cc adds them through AddCommands (one call per module, all in one place); one
// cmd_<name>.cc per command.
#pragma once

#include "cli/command.h"

namespace anju::reports {

/// Adds this module's subcommands (report) to `app`; the chosen one stores its
/// code in `run` (cli/command.h).
void AddCommands(CLI::App& app, cli::Runner& run);

/// `anju report` (cmd_report.cc).
void RegisterReportCommand(CLI::App& app, cli::Runner& run);

}  // namespace anju::reports
