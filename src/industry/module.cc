// The industry module's descriptor: its one entry in modules::AllModules() (src/modules/modules.cc).
#include "modules/module.h"

#include "industry/figures.h"
#include "industry/workshop_table.h"

namespace anju::industry {

const modules::Module& ModuleDef() {
  static const modules::Module kModule{
      .name = "industry",
      .depends = {"sites", "importer"},
      .migrations = storage::ModuleMigrations("industry"),
      .figures = Figures,
      .tables = [] { return std::vector<const importer::TableSpec*>{&WorkshopTableSpec()}; },
  };
  return kModule;
}

}  // namespace anju::industry
