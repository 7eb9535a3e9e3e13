// The rectification module's descriptor: its one entry in modules::AllModules() (src/modules/modules.cc).
#include "modules/module.h"

namespace anju::rectification {

const modules::Module& ModuleDef() {
  static const modules::Module kModule{
      .name = "rectification",
      .depends = {"sites", "registry", "auth", "casework", "attachments", "importer"},
      .migrations = storage::ModuleMigrations("rectification"),
  };
  return kModule;
}

}  // namespace anju::rectification
