// The attachments module's descriptor: its one entry in modules::AllModules() (src/modules/modules.cc).
#include "modules/module.h"

namespace anju::attachments {

const modules::Module& ModuleDef() {
  static const modules::Module kModule{
      .name = "attachments",
      .depends = {"sites", "registry", "auth"},
      .migrations = storage::ModuleMigrations("attachments"),
  };
  return kModule;
}

}  // namespace anju::attachments
