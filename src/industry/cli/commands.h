// industry's `anju` subcommands:
//   anju jobs refresh [--as-of D] [--db PATH]   rewrite persons.employment_kind (the registry's
//                                               cache) from the jobs current on D (default today
//                                               in China): jobs ended by date; idempotent.
//   anju jobs sweep [--as-of D] [--db PATH]     zero-employment follow-ups (cli/service_commands.h)
#pragma once

#include "cli/command.h"

namespace anju::industry {

void AddCommands(CLI::App& app, cli::Runner& run);

}  // namespace anju::industry
