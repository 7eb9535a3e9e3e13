// The auth module's descriptor: its one entry in modules::AllModules() (src/modules/modules.cc).
#include "modules/module.h"

#include "auth/http/routes.h"
#include "auth/cli/commands.h"

namespace anju::auth {

const modules::Module& ModuleDef() {
  static const modules::Module kModule{
      .name = "auth",
      .depends = {"sites", "cadres"},
      .migrations = storage::ModuleMigrations("auth"),
      .add_routes = AddRoutes,
      .add_commands = AddCommands,
  };
  return kModule;
}

}  // namespace anju::auth
