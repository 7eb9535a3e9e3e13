// The datacalls module's descriptor: its one entry in modules::AllModules() (src/modules/modules.cc).
#include "modules/module.h"

namespace anju::datacalls {

const modules::Module& ModuleDef() {
  static const modules::Module kModule{
      .name = "datacalls",
      .depends = {"sites", "registry", "auth", "casework", "importer"},
      .migrations = storage::ModuleMigrations("datacalls"),
  };
  return kModule;
}

}  // namespace anju::datacalls
