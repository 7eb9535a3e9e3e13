#include "cli/command.h"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>

namespace anju::cli {

std::string ResolveDbPath(const std::string& flag_value) {
  if (!flag_value.empty()) return flag_value;
  if (const char* env = std::getenv("ANJU_DB"); env && *env) return env;
  return "anju.db";
}

CLI::Option* AddDbOption(CLI::App* cmd, std::string& target) {
  return cmd->add_option("--db", target,
                         "SQLite database file (default: $ANJU_DB, else ./anju.db)");
}

int ReportError(const Error& e) {
  fmt::print(stderr, "anju: {}\n", e.ToString());
  if (!e.message_zh.empty()) fmt::print(stderr, "anju: {}\n", e.message_zh);
  return ExitCodeFor(e.code);
}

}  // namespace anju::cli
