#include "importer/cli/commands.h"

namespace anju::importer {

void AddCommands(CLI::App& app, cli::Runner& run) {
  RegisterImportCommand(app, run);
  RegisterExportCommand(app, run);
}

}  // namespace anju::importer
