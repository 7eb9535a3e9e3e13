// The `anju` subcommands of the attachments module: `anju backup OUT_DIR` and
// `anju backup verify DIR` (storage/backup.h).
#pragma once

#include "cli/command.h"

namespace anju::attachments {

/// Adds `backup` to `app`.
void AddCommands(CLI::App& app, cli::Runner& run);

}  // namespace anju::attachments
