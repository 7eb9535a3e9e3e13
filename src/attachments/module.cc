// The attachments module's descriptor: its one entry in modules::AllModules() (src/modules/modules.cc).
#include "modules/module.h"

#include "attachments/cli/commands.h"
#include "attachments/http/routes.h"

namespace anju::attachments {

const modules::Module& ModuleDef() {
  static const modules::Module kModule{
      .name = "attachments",
      .depends = {"sites", "registry", "auth", "casework"},
      .migrations = storage::ModuleMigrations("attachments"),
      .add_routes = AddRoutes,
      .add_commands = AddCommands,
  };
  return kModule;
}

}  // namespace anju::attachments
