// Shared plumbing for `anju` subcommands (CLI11).
//
// Each command lives in its own cmd_<name>.cc and exposes a Register<Name>Command function that
// adds a CLI11 subcommand to `app` and, when that subcommand is chosen, stores the code to run
// in `run`. A module's commands are in src/<m>/cli/ (its AddCommands in commands.h calls its
// Register functions); the platform's (init, idcheck, demo, serve) are here. main.cc adds both,
// parses, and runs what was chosen.
// Exit codes (core/error.h): 0 ok, 1 invalid input or failed check, 2 usage, 3 internal.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

#include "core/error.h"

namespace anju::cli {

/// The command chosen on the command line; returns the process exit code.
using Runner = std::function<int()>;

/// The database path: the --db value if given, else $ANJU_DB, else "./anju.db".
std::string ResolveDbPath(const std::string& flag_value);

/// Adds the common `--db PATH` option to a subcommand, writing into `target`.
CLI::Option* AddDbOption(CLI::App* cmd, std::string& target);

/// A CLI11 check refusing an empty or blank value (spaces, also U+3000): `--site ""` must not
/// quietly mean "no filter". The usage error (exit 2) reads "--site: … is empty; <omit_hint>"
/// in English and Chinese, e.g. NonBlank("omit --site for the whole county", "不加 --site 即为全县").
CLI::Validator NonBlank(std::string omit_hint, std::string omit_hint_zh);

/// Prints "anju: <message>" (and the Chinese message) to stderr; returns ExitCodeFor(e.code).
int ReportError(const Error& e);

// The platform commands (whole-database or module-free), defined in src/cli/cmd_<name>.cc.
void RegisterInitCommand(CLI::App& app, Runner& run);
void RegisterIdcheckCommand(CLI::App& app, Runner& run);
void RegisterDemoCommand(CLI::App& app, Runner& run);
void RegisterServeCommand(CLI::App& app, Runner& run);

}  // namespace anju::cli
