#include "industry/cli/commands.h"

#include "industry/cli/service_commands.h"

namespace anju::industry {

void AddCommands(CLI::App& app, cli::Runner& run) {
  AddServiceCommands(app, run);
}

}  // namespace anju::industry
