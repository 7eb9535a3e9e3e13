// The reports module's descriptor: its one entry in modules::AllModules() (src/modules/modules.cc).
#include "modules/module.h"

#include "reports/http/routes.h"
#include "reports/cli/commands.h"

namespace anju::reports {

const modules::Module& ModuleDef() {
  static const modules::Module kModule{
      .name = "reports",
      .depends = {"sites", "registry", "industry", "land", "governance"},
      .migrations = storage::ModuleMigrations("reports"),
      .add_routes = AddRoutes,
      .add_commands = AddCommands,
  };
  return kModule;
}

}  // namespace anju::reports
