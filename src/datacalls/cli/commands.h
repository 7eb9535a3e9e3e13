// The `anju datacalls` subcommands (docs/casework.md "datacalls"): list the calls with their
// completion, write a call's merged table.
#pragma once

#include "cli/command.h"

namespace anju::datacalls {

/// Adds `anju datacalls list` and `anju datacalls merged ID --out F.xlsx|F.csv` to `app`.
void AddCommands(CLI::App& app, cli::Runner& run);

}  // namespace anju::datacalls
