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
  return cmd
      ->add_option("--db", target, "SQLite database file (default: $ANJU_DB, else ./anju.db)")
      ->check(NonBlank("omit --db to use $ANJU_DB or ./anju.db",
                       "不加 --db 则使用 $ANJU_DB 或 ./anju.db"));
}

CLI::Validator NonBlank(std::string omit_hint, std::string omit_hint_zh) {
  return CLI::Validator(
      [omit_hint, omit_hint_zh](std::string& value) -> std::string {
        std::string_view v = value;
        while (!v.empty()) {
          if (v.front() == ' ' || v.front() == '\t' || v.front() == '\r' || v.front() == '\n') {
            v.remove_prefix(1);
          } else if (v.starts_with("\xE3\x80\x80")) {  // U+3000 ideographic space
            v.remove_prefix(3);
          } else {
            return {};
          }
        }
        return fmt::format("the value is empty; {} (值为空；{})", omit_hint, omit_hint_zh);
      },
      "NOT EMPTY", "NonBlank");
}

int ReportError(const Error& e) {
  fmt::print(stderr, "anju: {}\n", e.ToString());
  if (!e.message_zh.empty()) fmt::print(stderr, "anju: {}\n", e.message_zh);
  return ExitCodeFor(e.code);
}

}  // namespace anju::cli
