// The `anju` subcommands of the registry module (households and persons).
// main.cc adds them through AddCommands (one call per module, all in one place); one
// cmd_<name>.cc per command.
#pragma once

#include "cli/command.h"

namespace anju::registry {

/// Adds this module's subcommands (household, person) to `app`; the chosen one stores its
/// code in `run` (cli/command.h).
void AddCommands(CLI::App& app, cli::Runner& run);

/// `anju household show` (cmd_household.cc).
void RegisterHouseholdCommand(CLI::App& app, cli::Runner& run);
/// `anju person find` (cmd_person.cc).
void RegisterPersonCommand(CLI::App& app, cli::Runner& run);

}  // namespace anju::registry
