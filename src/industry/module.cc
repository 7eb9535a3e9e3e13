// The industry module's descriptor: its one entry in modules::AllModules() (src/modules/modules.cc).
#include "modules/module.h"


namespace anju::industry {

const modules::Module& ModuleDef() {
  static const modules::Module kModule{
      .name = "industry",
      .depends = {"sites"},
      .migrations = storage::ModuleMigrations("industry"),
  };
  return kModule;
}

}  // namespace anju::industry
