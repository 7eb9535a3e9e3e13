// Until cli/cmd_*.cc move into src/<m>/cli/ (issue #13), the reports module's commands are today's
// Register*Command functions. Replaced at the merge.
#include "reports/cli/commands.h"

namespace anju::reports {

void AddCommands(CLI::App& app, cli::Runner& run) {
  cli::RegisterReportCommand(app, run);
}

}  // namespace anju::reports
