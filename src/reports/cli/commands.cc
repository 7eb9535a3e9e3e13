#include "reports/cli/commands.h"

namespace anju::reports {

void AddCommands(CLI::App& app, cli::Runner& run) {
  RegisterReportCommand(app, run);
}

}  // namespace anju::reports
