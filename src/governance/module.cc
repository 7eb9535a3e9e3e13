// The governance module's descriptor: its one entry in modules::AllModules() (src/modules/modules.cc).
#include "modules/module.h"


namespace anju::governance {

const modules::Module& ModuleDef() {
  static const modules::Module kModule{
      .name = "governance",
      .depends = {"sites"},
      .migrations = storage::ModuleMigrations("governance"),
  };
  return kModule;
}

}  // namespace anju::governance
