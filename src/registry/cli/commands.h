// The registry module's `anju` subcommands: `anju idcheck`, `anju demo`, `anju household`, `anju person`.
//
// Thread-safety: AddCommands runs once in main, before parsing.
#pragma once

#include "cli/command.h"

namespace anju::registry {

/// Adds the registry module's subcommands to `app`; the chosen one stores its code in `run`
/// (modules::AddAllCommands calls it).
void AddCommands(CLI::App& app, cli::Runner& run);

}  // namespace anju::registry
