// The reports module's `anju` subcommands: `anju report`.
//
// Thread-safety: AddCommands runs once in main, before parsing.
#pragma once

#include "cli/command.h"

namespace anju::reports {

/// Adds the reports module's subcommands to `app`; the chosen one stores its code in `run`
/// (modules::AddAllCommands calls it).
void AddCommands(CLI::App& app, cli::Runner& run);

}  // namespace anju::reports
