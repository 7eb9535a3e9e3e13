#include "auth/cli/commands.h"

namespace anju::auth {

void AddCommands(CLI::App& app, cli::Runner& run) {
  RegisterUserCommand(app, run);
  RegisterAuditCommand(app, run);
}

}  // namespace anju::auth
