// The `anju` subcommands of the auth module (accounts and the audit trail).
// main.cc adds them through AddCommands (one call per module, all in one place); one
// cmd_<name>.cc per command.
#pragma once

#include "cli/command.h"

namespace anju::auth {

/// Adds this module's subcommands (user, audit) to `app`; the chosen one stores its
/// code in `run` (cli/command.h).
void AddCommands(CLI::App& app, cli::Runner& run);

/// `anju user add|list|passwd|disable|enable|grant` (cmd_user.cc).
void RegisterUserCommand(CLI::App& app, cli::Runner& run);
/// `anju audit verify|log` (cmd_audit.cc).
void RegisterAuditCommand(CLI::App& app, cli::Runner& run);

}  // namespace anju::auth
