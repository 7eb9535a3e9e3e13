// The importer module's `anju` subcommands: `anju import`, `anju export`.
//
// Thread-safety: AddCommands runs once in main, before parsing.
#pragma once

#include "cli/command.h"

namespace anju::importer {

/// Adds the importer module's subcommands to `app`; the chosen one stores its code in `run`
/// (modules::AddAllCommands calls it).
void AddCommands(CLI::App& app, cli::Runner& run);

}  // namespace anju::importer
