// Until cli/cmd_*.cc move into src/<m>/cli/ (issue #13), the importer module's commands are today's
// Register*Command functions. Replaced at the merge.
#include "importer/cli/commands.h"

namespace anju::importer {

void AddCommands(CLI::App& app, cli::Runner& run) {
  cli::RegisterImportCommand(app, run);
  cli::RegisterExportCommand(app, run);
}

}  // namespace anju::importer
