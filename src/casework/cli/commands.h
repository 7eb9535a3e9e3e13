// casework's `anju` subcommands:
//   anju calendar import FILE [--db PATH]   add/replace listed days from a CSV/xlsx of
//                                           date, kind (holiday|workday|休|班), name
//   anju calendar list YEAR [--db PATH]     the listed days of YEAR and their sources
//   anju cases escalate [--as-of D] [--db PATH]   the escalation sweep (idempotent per day)
#pragma once

#include "cli/command.h"

namespace anju::casework {

void AddCommands(CLI::App& app, cli::Runner& run);

}  // namespace anju::casework
