// The datacalls module's descriptor: its one entry in modules::AllModules() (src/modules/modules.cc).
#include "modules/module.h"

#include "datacalls/cli/commands.h"
#include "datacalls/datacalls.h"
#include "datacalls/http/routes.h"

namespace anju::datacalls {

const modules::Module& ModuleDef() {
  static const modules::Module kModule{
      .name = "datacalls",
      .depends = {"sites", "registry", "auth", "casework", "importer"},
      .migrations = storage::ModuleMigrations("datacalls"),
      .add_routes = AddRoutes,
      .add_commands = AddCommands,
      .case_types = [] { return std::vector<const casework::CaseType*>{&DataCallReplyType()}; },
  };
  return kModule;
}

}  // namespace anju::datacalls
