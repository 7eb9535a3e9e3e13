// The `anju` subcommands of the importer module (spreadsheets in and out).
// main.cc adds them through AddCommands (one call per module, all in one place); one
// cmd_<name>.cc per command.
#pragma once

#include "cli/command.h"

namespace anju::importer {

/// Adds this module's subcommands (import, export) to `app`; the chosen one stores its
/// code in `run` (cli/command.h).
void AddCommands(CLI::App& app, cli::Runner& run);

/// `anju import FILE` (cmd_import.cc).
void RegisterImportCommand(CLI::App& app, cli::Runner& run);
/// `anju export` (cmd_export.cc).
void RegisterExportCommand(CLI::App& app, cli::Runner& run);

}  // namespace anju::importer
