// The visits module's descriptor: its one entry in modules::AllModules() (src/modules/modules.cc).
#include "modules/module.h"

namespace anju::visits {

const modules::Module& ModuleDef() {
  static const modules::Module kModule{
      .name = "visits",
      .depends = {"sites", "registry", "cadres", "auth", "casework", "attachments"},
      .migrations = storage::ModuleMigrations("visits"),
  };
  return kModule;
}

}  // namespace anju::visits
