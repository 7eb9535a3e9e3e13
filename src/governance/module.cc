// The governance module's descriptor: its one entry in modules::AllModules() (src/modules/modules.cc).
#include "modules/module.h"

#include "governance/figures.h"

namespace anju::governance {

const modules::Module& ModuleDef() {
  static const modules::Module kModule{
      .name = "governance",
      .depends = {"sites"},
      .migrations = storage::ModuleMigrations("governance"),
      .figures = Figures,
  };
  return kModule;
}

}  // namespace anju::governance
