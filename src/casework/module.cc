// The casework module's descriptor: its one entry in modules::AllModules() (src/modules/modules.cc).
#include "modules/module.h"

namespace anju::casework {

const modules::Module& ModuleDef() {
  static const modules::Module kModule{
      .name = "casework",
      .depends = {"sites", "registry", "cadres", "auth"},
      .migrations = storage::ModuleMigrations("casework"),
  };
  return kModule;
}

}  // namespace anju::casework
