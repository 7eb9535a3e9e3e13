// The land module's descriptor: its one entry in modules::AllModules() (src/modules/modules.cc).
#include "modules/module.h"

#include "land/figures.h"

namespace anju::land {

const modules::Module& ModuleDef() {
  static const modules::Module kModule{
      .name = "land",
      .depends = {"registry"},
      .migrations = storage::ModuleMigrations("land"),
      .figures = Figures,
  };
  return kModule;
}

}  // namespace anju::land
