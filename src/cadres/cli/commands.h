// `anju cadres …` (src/cadres/README.md):
//   anju cadres list [--q TEXT] [--all] [--full] [--db PATH]   the cadres with their current households
//   anju cadres import FILE [--dry-run] [--sheet NAME] [--db PATH]  the pairing roster (结对帮扶花名册)
// Phones are masked unless --full.
//
// Thread-safety: AddCommands runs once at start.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/command.h"

namespace anju::cadres {

/// Adds `anju cadres` to `app`; the chosen subcommand stores its code in `run`.
void AddCommands(CLI::App& app, cli::Runner& run);

}  // namespace anju::cadres
