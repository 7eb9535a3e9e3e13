#include "modules/module.h"

#include <mutex>

#include "core/try.h"

#include "importer/cli/table_commands.h"
#include "importer/table_import.h"

#include "attachments/owner_kind.h"
#include "attachments/storage/sqlite_attachments.h"
#include "casework/case_type.h"
#include "casework/settings.h"
#include "casework/storage/sqlite_casework.h"
#include "http/api_routes.h"
#include "industry/storage/sqlite_jobs.h"
#include "registry/storage/sqlite_registry_repository.h"
#include "modules/benefit_routes.h"
#include "http/router.h"
#include "reports/figure_spec.h"
#include "reports/storage/labour_spans.h"

// THE module list: one line per module, in dependency order (docs/modules.md "Adding a
// module"). Each X(m) declares anju::m::ModuleDef() (src/m/module.cc) and lists it.
#define ANJU_MODULE_LIST(X) \
  X(sites)                  \
  X(registry)               \
  X(cadres)                 \
  X(auth)                   \
  X(importer)               \
  X(casework)               \
  X(attachments)            \
  X(visits)                 \
  X(rectification)          \
  X(datacalls)              \
  X(industry)               \
  X(land)                   \
  X(governance)             \
  X(reports)

#define ANJU_DECLARE_MODULE(m) \
  namespace anju::m {          \
  const modules::Module& ModuleDef(); \
  }
ANJU_MODULE_LIST(ANJU_DECLARE_MODULE)
#undef ANJU_DECLARE_MODULE

namespace anju::modules {

const std::vector<const Module*>& AllModules() {
#define ANJU_LIST_MODULE(m) &anju::m::ModuleDef(),
  static const std::vector<const Module*> kModules = {ANJU_MODULE_LIST(ANJU_LIST_MODULE)};
#undef ANJU_LIST_MODULE
  return kModules;
}

const Module* FindModule(std::string_view name) {
  for (const Module* m : AllModules())
    if (m->name == name) return m;
  return nullptr;
}

void AddAllRoutes(http::Router& router) {
  http::AddPlatformRoutes(router);
  for (const Module* m : AllModules())
    if (m->add_routes) m->add_routes(router);
  AddBenefitRoutes(router);
}

void InstallFigures() {
  static std::once_flag once;
  std::call_once(once, [] {
    std::vector<reports::FigureModule> all;
    for (const Module* m : AllModules()) {
      if (!m->figures) continue;
      reports::FigureModule f = m->figures();
      f.module = std::string(m->name);
      all.push_back(std::move(f));
    }
    reports::SetFigureModules(std::move(all));
  });
}

void Install() {
  InstallFigures();
  static std::once_flag once;
  std::call_once(once, [] {
    std::vector<const casework::CaseType*> types;
    std::vector<const attachments::OwnerKind*> owners;
    std::vector<casework::SettingSpec> settings;
    for (const Module* m : AllModules()) {
      if (m->case_types)
        for (const casework::CaseType* t : m->case_types()) types.push_back(t);
      if (m->attachment_owners)
        for (const attachments::OwnerKind* k : m->attachment_owners()) owners.push_back(k);
      if (m->settings)
        for (casework::SettingSpec& spec : m->settings()) settings.push_back(std::move(spec));
    }
    casework::SetCaseTypes(std::move(types));
    casework::SetModuleSettings(std::move(settings));
    // A case step that needs evidence (a finding's sign-off) asks the attachments store.
    casework::SetEvidenceQuery(&storage::HasLiveAttachment);
    attachments::SetOwnerKinds(std::move(owners));
    // A person's employment_kind given to the registry becomes jobs (industry, docs/industry.md).
    registry::SetEmploymentRecorder(&storage::RecordRegistryEmployment);
    // A person removed as entered in error: their jobs and post holdings are voided (industry).
    registry::SetPersonVoider(&storage::VoidRecordsOfPerson);
    // Every write folds the persons it changed into the labour day totals before its commit
    // (reports migration 0001, docs/industry.md "Employed on D, fast").
    storage::SetBeforeCommitHook(&storage::FoldLabourSpansBeforeCommit);
  });
}

Result<std::vector<Benefit>> HouseholdBenefits(storage::Connection& db, int64_t household_id,
                                               Date as_of) {
  std::vector<Benefit> all;
  for (const Module* m : AllModules()) {
    if (!m->benefits) continue;
    ANJU_TRY(lines, m->benefits(db, household_id, as_of));
    for (Benefit& b : lines) {
      b.module = std::string(m->name);
      all.push_back(std::move(b));
    }
  }
  return all;
}

void AddAllCommands(CLI::App& app, cli::Runner& run) {
  for (const Module* m : AllModules())
    if (m->add_commands) m->add_commands(app, run);
}

}  // namespace anju::modules

namespace anju::cli {

const importer::TableSpec* FindTableSpec(std::string_view name) {
  for (const modules::Module* m : modules::AllModules())
    if (m->tables)
      for (const importer::TableSpec* t : m->tables())
        if (t->table == name) return t;
  return nullptr;
}

std::string TableSpecNames() {
  std::string out;
  for (const modules::Module* m : modules::AllModules())
    if (m->tables)
      for (const importer::TableSpec* t : m->tables()) out += (out.empty() ? "" : ", ") + t->table;
  return out;
}

}  // namespace anju::cli
