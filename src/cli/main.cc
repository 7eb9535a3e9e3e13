// anju: the command-line entry point. Wires configuration -> storage -> services -> commands;
// no logic of its own. Commands come from the module list (modules/module.h).
#include <fmt/format.h>

#include <exception>

#include "cli/command.h"
#include "importer/clean.h"
#include "modules/module.h"

#ifndef ANJU_VERSION
#define ANJU_VERSION "0.0.0"
#endif

namespace {

// After a failed parse: when the words typed name no command (`anju serv`, `anju audit chek`),
// the usage error names the word and lists the commands, in English and Chinese. Returns
// false when the failure is something else (CLI11's own message then).
bool ReportUnknownCommand(CLI::App& app, int argc, char** argv) {
  CLI::App* cur = &app;
  std::string path = "anju";
  for (int i = 1; i < argc; ++i) {
    std::string word = argv[i];
    if (word.empty() || word[0] == '-') return false;
    auto subs = cur->get_subcommands([](CLI::App*) { return true; });
    if (subs.empty()) return false;
    CLI::App* next = nullptr;
    for (CLI::App* sub : subs)
      if (sub->check_name(word)) next = sub;
    if (!next) {
      std::string names, nearest;
      int best = 3;  // a typo of at most two letters, or a prefix (`serv` for serve)
      for (CLI::App* sub : subs) {
        const std::string& name = sub->get_name();
        names += (names.empty() ? "" : ", ") + name;
        int d = name.starts_with(word) ? 1 : anju::importer::EditDistance(word, name);
        if (d < best) best = d, nearest = name;
      }
      if (!nearest.empty())
        fmt::print(stderr, "anju: did you mean '{} {}'? / 是否应为 '{} {}'？\n", path, nearest, path, nearest);
      fmt::print(stderr,
                 "anju: unknown command '{}' for {}; the commands are: {} (see {} --help)\n"
                 "anju: 未知命令 '{}'；{} 的可用命令：{}（见 {} --help）\n",
                 word, path, names, path, word, path, names, path);
      return true;
    }
    cur = next;
    path += " " + word;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"anju (安居): follow-up support for poverty-alleviation relocation", "anju"};
  app.set_version_flag("--version", std::string("anju ") + ANJU_VERSION);
  app.require_subcommand(1);
  anju::cli::Runner run;
  anju::modules::Install();  // figures, case types, attachment owners: from the module list, before any thread
  // The platform's commands, then every module's (modules::AllModules, in list order).
  anju::cli::RegisterInitCommand(app, run);
  anju::cli::RegisterIdcheckCommand(app, run);
  anju::cli::RegisterDemoCommand(app, run);
  anju::modules::AddAllCommands(app, run);
  anju::cli::RegisterServeCommand(app, run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() != 0 && ReportUnknownCommand(app, argc, argv)) return anju::kExitUsage;
    int rc = app.exit(e);
    return rc == 0 ? anju::kExitOk : anju::kExitUsage;
  }
  try {
    return run ? run() : anju::kExitUsage;
  } catch (const std::exception& e) {  // last resort: a bug
    fmt::print(stderr, "anju: internal error: {}\n", e.what());
    return anju::kExitInternal;
  }
}
