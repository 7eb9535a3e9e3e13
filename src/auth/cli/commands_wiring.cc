// Until cli/cmd_*.cc move into src/<m>/cli/ (issue #13), the auth module's commands are today's
// Register*Command functions. Replaced at the merge.
#include "auth/cli/commands.h"

namespace anju::auth {

void AddCommands(CLI::App& app, cli::Runner& run) {
  cli::RegisterUserCommand(app, run);
  cli::RegisterAuditCommand(app, run);
}

}  // namespace anju::auth
