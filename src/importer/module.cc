// The importer module's descriptor: its one entry in modules::AllModules() (src/modules/modules.cc).
#include "modules/module.h"

#include "importer/http/routes.h"
#include "importer/cli/commands.h"

namespace anju::importer {

const modules::Module& ModuleDef() {
  static const modules::Module kModule{
      .name = "importer",
      .depends = {"sites", "registry"},
      .migrations = storage::ModuleMigrations("importer"),
      .add_routes = AddRoutes,
      .add_commands = AddCommands,
  };
  return kModule;
}

}  // namespace anju::importer
