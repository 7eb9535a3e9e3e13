// The registry module's descriptor: its one entry in modules::AllModules() (src/modules/modules.cc).
#include "modules/module.h"

#include "registry/figures.h"
#include "registry/http/routes.h"
#include "registry/cli/commands.h"
#include "registry/storage/sqlite_benefits.h"

namespace anju::registry {

const modules::Module& ModuleDef() {
  static const modules::Module kModule{
      .name = "registry",
      .depends = {"sites"},
      .migrations = storage::ModuleMigrations("registry"),
      .add_routes = AddRoutes,
      .add_commands = AddCommands,
      .figures = Figures,
      .benefits = storage::HousingBenefits,
  };
  return kModule;
}

}  // namespace anju::registry
