// The cadres module's descriptor: its one entry in modules::AllModules() (src/modules/modules.cc).
#include "modules/module.h"

#include "cadres/cli/commands.h"
#include "cadres/http/routes.h"

namespace anju::cadres {

const modules::Module& ModuleDef() {
  static const modules::Module kModule{
      .name = "cadres",
      .depends = {"sites", "registry"},
      .migrations = storage::ModuleMigrations("cadres"),
      .add_routes = AddRoutes,
      .add_commands = AddCommands,
  };
  return kModule;
}

}  // namespace anju::cadres
