#include "registry/cli/commands.h"

namespace anju::registry {

void AddCommands(CLI::App& app, cli::Runner& run) {
  RegisterHouseholdCommand(app, run);
  RegisterPersonCommand(app, run);
}

}  // namespace anju::registry
