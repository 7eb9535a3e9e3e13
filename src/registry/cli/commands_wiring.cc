// Until cli/cmd_*.cc move into src/<m>/cli/ (issue #13), the registry module's commands are today's
// Register*Command functions. Replaced at the merge.
#include "registry/cli/commands.h"

namespace anju::registry {

void AddCommands(CLI::App& app, cli::Runner& run) {
  cli::RegisterIdcheckCommand(app, run);
  cli::RegisterDemoCommand(app, run);
  cli::RegisterHouseholdCommand(app, run);
  cli::RegisterPersonCommand(app, run);
}

}  // namespace anju::registry
