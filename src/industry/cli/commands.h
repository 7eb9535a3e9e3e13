// The industry module's `anju` subcommands: one function per area (docs/industry.md), joined
// here for the descriptor's add_commands.
#pragma once

#include "cli/command.h"

namespace anju::industry {

void AddCommands(CLI::App& app, cli::Runner& run);

}  // namespace anju::industry
