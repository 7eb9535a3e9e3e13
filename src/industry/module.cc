// The industry module's descriptor: its one entry in modules::AllModules() (src/modules/modules.cc).
#include "modules/module.h"

#include "industry/cli/commands.h"
#include "industry/figures.h"
#include "industry/http/routes.h"
#include "industry/parts.h"
#include "industry/settings.h"
#include "industry/storage/sqlite_posts.h"
#include "industry/storage/sqlite_employer_roster.h"
#include "industry/storage/sqlite_migrant_roster.h"
#include "industry/workshop_table.h"

namespace anju::industry {

const modules::Module& ModuleDef() {
  static const modules::Module kModule{
      .name = "industry",
      .depends = {"sites", "registry", "cadres", "auth", "importer", "casework", "attachments"},
      .migrations = storage::ModuleMigrations("industry"),
      .add_routes = AddRoutes,
      .add_commands = AddCommands,
      .figures = Figures,
      .tables =
          [] {
            // The migrant and employer rosters' rows become jobs through the jobs storage (its writer).
            static const bool installed = (MigrantRosterSpec().writer = &storage::MigrantRosterWriter,
                                           EmployerRosterSpec().writer = &storage::EmployerRosterWriter, true);
            (void)installed;
            std::vector<const importer::TableSpec*> t{&WorkshopTableSpec()};
            for (const importer::TableSpec* j : JobTables()) t.push_back(j);
            return t;
          },
      .case_types = ServiceCaseTypes,
      .settings = Settings,
      .benefits = PostBenefits,
  };
  return kModule;
}

}  // namespace anju::industry
