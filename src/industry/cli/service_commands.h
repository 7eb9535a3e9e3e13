// The services area's `anju` subcommands (docs/industry.md "Services"):
//   anju jobs sweep [--as-of D] [--db PATH]   the zero-employment sweep: opens a follow-up for every
//                                             household in the rule on D without one, clears those
//                                             that left it (also run daily by `anju serve`)
#pragma once

#include "cli/command.h"

namespace anju::industry {

/// Adds `sweep` under `jobs` (creating `jobs` when no other area has).
void AddServiceCommands(CLI::App& app, cli::Runner& run);

}  // namespace anju::industry
