// The land module's descriptor: its one entry in modules::AllModules() (src/modules/modules.cc).
#include "modules/module.h"


namespace anju::land {

const modules::Module& ModuleDef() {
  static const modules::Module kModule{
      .name = "land",
      .depends = {"registry"},
      .migrations = storage::ModuleMigrations("land"),
  };
  return kModule;
}

}  // namespace anju::land
