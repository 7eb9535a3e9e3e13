// The sites module's descriptor: its one entry in modules::AllModules() (src/modules/modules.cc).
#include "modules/module.h"

#include "sites/figures.h"
#include "sites/http/routes.h"

namespace anju::sites {

const modules::Module& ModuleDef() {
  static const modules::Module kModule{
      .name = "sites",
      .depends = {},
      .migrations = storage::ModuleMigrations("sites"),
      .add_routes = AddRoutes,
      .figures = Figures,
  };
  return kModule;
}

}  // namespace anju::sites
