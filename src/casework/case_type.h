// A case type (issue #15 item 4, docs/casework.md): the workflow a module declares for its
// cases — states, the transitions between them, and each state's clock in working days.
// casework's one engine (casework::CaseService) runs every type; a module lists its types in
// its descriptor (modules::Module::case_types) and modules::Install() hands them here.
//
// Thread-safety: types are immutable statics; SetCaseTypes is called once at start before
// other threads run, the readers after it.
#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace anju::casework {

/// Who may take a transition.
enum class Who {
  kHolder,      // the user holding the case: its assignee, or (no assignee) any writing user
                // whose scope level is the case's holder_level and whose scope covers its place
  kSupervisor,  // a user whose scope covers the case's place at a level above holder_level
                // (township above site/grid, county above all), and county roles
  kOpener,      // the user who opened it (or a supervisor)
  kSystem,      // only the engine itself (escalate) or the module's own service
};

/// One state. A state with deadline_working_days > 0 runs a clock: due_on =
/// WorkCalendar::AddWorkingDays(day entered, n), overridable by the setting
/// "deadline.<kind>.<state>" (casework_settings).
struct StateSpec {
  std::string_view name;      // wire name, e.g. "open"
  std::string_view label_zh;  // "待受理"
  std::string_view label_en;  // "Open"
  int deadline_working_days = 0;     // 0: no clock in this state
  std::string_view deadline_source;  // where the default comes from (document, local rule),
                                     // English; required with a clock, as is deadline_source_zh
  bool terminal = false;             // closed: no clock, leaves the queue
  std::string_view deadline_source_zh = {};  // the same source in Chinese (settings page, zh)
};

/// One allowed move between states.
struct TransitionSpec {
  std::string_view name;  // wire name, e.g. "accept", "return", "sign_off"
  std::string_view from;  // a state name of the type
  std::string_view to;
  std::string_view label_zh;
  std::string_view label_en;
  Who who = Who::kHolder;
  bool note_required = false;      // e.g. returning for correction needs the reason
  bool evidence_required = false;  // an attachment on the case's subject must exist (销号)
};

/// A module's workflow.
struct CaseType {
  std::string_view kind;    // wire name, unique over all modules: "service_request", "finding"
  std::string_view module;  // the declaring module's folder name
  std::string_view label_zh;
  std::string_view label_en;
  std::string_view initial_state;
  bool manual_open = false;  // users may open one by POST /api/v1/cases (else only the module)
  /// When set, users take this type's steps only on the module's own route (which adds its own
  /// rules, e.g. a finding's sign-off by the county): the generic POST /api/v1/cases/{id}/
  /// transitions refuses (409 naming it) and GET /api/v1/cases/{id} lists no actions but names
  /// it in `own_route`. Example: "/api/v1/findings/{id}/transitions".
  std::string_view own_route = {};
  std::vector<StateSpec> states;
  std::vector<TransitionSpec> transitions;
};

/// Installs every module's case types (modules::Install, once at start). Later calls replace.
void SetCaseTypes(std::vector<const CaseType*> types);
/// Every installed type, in module order.
std::span<const CaseType* const> AllCaseTypes();
/// The type of `kind`, or nullptr.
const CaseType* FindCaseType(std::string_view kind);

}  // namespace anju::casework
