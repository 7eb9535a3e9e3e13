// The casework module's descriptor: its one entry in modules::AllModules() (src/modules/modules.cc).
#include "modules/module.h"

#include "casework/cli/commands.h"
#include "casework/http/routes.h"
#include "casework/service_request.h"

namespace anju::casework {

namespace {
std::vector<const CaseType*> CaseTypes() { return {&ServiceRequestType()}; }
}  // namespace

const modules::Module& ModuleDef() {
  static const modules::Module kModule{
      .name = "casework",
      .depends = {"sites", "registry", "cadres", "auth", "importer"},
      .migrations = storage::ModuleMigrations("casework"),
      .add_routes = AddRoutes,
      .add_commands = AddCommands,
      .case_types = CaseTypes,
  };
  return kModule;
}

}  // namespace anju::casework
