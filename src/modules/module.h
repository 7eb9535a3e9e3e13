// The module descriptor (issue #13, docs/modules.md): what one folder src/<m>/ contributes to
// the application. Each module defines exactly one, `const modules::Module& <m>::ModuleDef()` in
// src/<m>/module.cc; modules::AllModules() (modules.cc) is THE list of them.
//
// Thread-safety: descriptors are immutable statics; the functions they point to run once at
// start (routes, commands) or are pure (figures).
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include <functional>

#include "core/benefit.h"
#include "core/date.h"
#include "core/error.h"
#include "storage/migrate.h"

namespace CLI {
class App;  // CLI11 (its header is heavy and trips GCC 12's -Wnull-dereference in test TUs)
}
namespace anju::cli {
using Runner = std::function<int()>;  // as in cli/command.h
}
namespace anju::http {
class Router;
}
namespace anju::importer {
struct TableSpec;  // importer/table_import.h: a plain ledger table for the generic import/export
}
namespace anju::casework {
struct CaseType;  // casework/case_type.h (issue #15): a module's workflow for its cases
struct SettingSpec;  // casework/settings.h: a declared setting of local policy (issue #16)
}
namespace anju::attachments {
struct OwnerKind;  // attachments/owner_kind.h (issue #15): records files may be attached to
}
namespace anju::storage {
class Connection;
}
namespace anju::reports {
struct FigureModule;  // reports/figure_spec.h (issue #13 item 4): a module's report figures
}

namespace anju::modules {

struct Module {
  /// The folder name under src/ and the module's name in schema_migrations: "sites".
  std::string_view name;
  /// Modules it needs (their tables, domain or storage): each is listed before it.
  std::vector<std::string_view> depends;
  /// Its migrations, src/<m>/migrations/NNNN_*.sql embedded at build time:
  /// storage::ModuleMigrations(name) (empty for a module without tables).
  std::span<const storage::Migration> migrations;
  /// Adds its HTTP routes, <m>::AddRoutes (src/<m>/http/routes.h); nullptr: no routes.
  void (*add_routes)(http::Router&) = nullptr;
  /// Adds its `anju` subcommands, <m>::AddCommands (src/<m>/cli/commands.h); nullptr: none.
  void (*add_commands)(CLI::App&, cli::Runner&) = nullptr;
  /// The county-report figures and sections it declares, <m>::Figures (src/<m>/figures.h, in
  /// anju_<m>_module); nullptr: none. InstallFigures() hands them to the reports.
  reports::FigureModule (*figures)() = nullptr;
  /// Its ledgers (台账) for the generic table import/export (`anju import --table NAME`,
  /// `anju export NAME`): importer/table_import.h specs; nullptr: none.
  std::vector<const importer::TableSpec*> (*tables)() = nullptr;
  /// Its case types (workflows run by casework's one engine, docs/casework.md); nullptr: none.
  std::vector<const casework::CaseType*> (*case_types)() = nullptr;
  /// The kinds of its records files may be attached to; nullptr: none.
  std::vector<const attachments::OwnerKind*> (*attachment_owners)() = nullptr;
  /// Its settings of local policy (ages, thresholds, quotas, time limits): declarations with
  /// default, unit, source (casework/settings.h SettingSpec); read through casework::Settings,
  /// overridden by the county on the settings page; nullptr: none.
  std::vector<casework::SettingSpec> (*settings)() = nullptr;
  /// What household `household_id` has received from this module as of `as_of` (the household
  /// page's benefits list, core/benefit.h); nullptr: none. Errors: storage.
  Result<std::vector<Benefit>> (*benefits)(storage::Connection& db, int64_t household_id,
                                           Date as_of) = nullptr;
};

/// Every module, in dependency order (a module after those it depends on); the same order as
/// ANJU_MODULES in src/CMakeLists.txt, which orders the migrations (modules_test checks both).
const std::vector<const Module*>& AllModules();

/// The module named `name`, or nullptr.
const Module* FindModule(std::string_view name);

/// The platform's routes (health, OpenAPI), then each module's add_routes in list order.
void AddAllRoutes(http::Router& router);

/// Hands every module's `figures`, in list order (each named after its module), to
/// reports::SetFigureModules — THE list of report figures (reports cannot include modules/).
/// Call once at start of every program that reads the figures (main.cc; tests that render or
/// drill into the report, in their setup) before other threads start; later calls do nothing.
void InstallFigures();

/// Everything modules declare for other modules at start, once: InstallFigures(), every
/// module's case_types to casework::SetCaseTypes, every attachment_owners to
/// attachments::SetOwnerKinds, every settings to casework::SetModuleSettings. Call where InstallFigures() is called (main.cc, test setups).
void Install();

/// Every module's benefits for a household as of a day, in module order (the household page).
Result<std::vector<Benefit>> HouseholdBenefits(storage::Connection& db, int64_t household_id,
                                               Date as_of);

/// Each module's add_commands in list order (main.cc adds the platform's init and serve).
void AddAllCommands(CLI::App& app, cli::Runner& run);

}  // namespace anju::modules
