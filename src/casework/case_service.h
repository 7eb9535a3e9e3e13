// Cases with clocks (issue #15 item 4, docs/casework.md "Cases", "Escalation", "Queue"): one
// engine for every module's case types (casework/case_type.h).
//
// A case is opened by a module's service (in that module's own transaction: the repository
// runs on the caller's storage::Connection and joins a transaction already open) or by a user
// for types with manual_open (POST /api/v1/cases). Each transition, in one transaction:
//   - the type must allow it from the current state (else kConflict, field "transition");
//   - the actor must be allowed (Who: MayTake below; else kPermissionDenied, 403);
//   - a note when note_required (kInvalidArgument, field "note"), evidence when
//     evidence_required (the evidence hook, SetEvidenceCheck; kInvalidArgument field
//     "evidence");
//   - the expected version, when given, must be the case's (else kConflict, field "version");
//   - one case_transitions row, one audit entry (action "case.<transition>", entity "case"),
//     the new due_on = WorkCalendar::AddWorkingDays(today, Settings::DeadlineDays(kind, new
//     state)) (none when 0 or terminal), version + 1, and a notification to whoever acts
//     next: the new holder, or the opener when every step out of the new state is the
//     opener's (e.g. service_request "resolved").
// A case outside the actor's scope answers kNotFound (reads and writes: existence does not
// leak), except to its assignee.
//
// Escalation (Sweep): every open case with due_on < as_of gets the next supervising level (the
// next of setting escalation.levels above supervising_level, or above holder_level the first
// time) and escalation_level + 1, once per day (a case with an `escalate` transition on as_of
// is skipped), with one transition row `escalate`, one audit entry and a notification
// (overdue_escalated) to every active user of the new level whose scope covers the case; a case
// supervised by the top level is not moved again. The holder keeps the case (holder_level and
// the assignee do not change); the supervisors have it in their queues (CaseView::supervised)
// and may take the holder's steps (MayTake). Open cases due
// within inbox.deadline_near_days working days get one deadline_near notice per state.
//
// Thread-safety: one service per connection and thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "casework/case_type.h"
#include "casework/inbox.h"
#include "casework/settings.h"
#include "casework/work_calendar.h"
#include "core/actor.h"
#include "core/audit.h"
#include "core/date.h"
#include "core/error.h"

namespace anju::casework {

/// Holder levels, lowest first: "grid", "site", "township", "county".
std::string_view LevelName(AccessScope::Level level);
std::optional<AccessScope::Level> ParseLevel(std::string_view name);

/// One case (a row of cases).
struct Case {
  int64_t id = 0;
  std::string kind, state, title;
  std::string subject_entity;  // "household", "finding", "data_call_recipient", …
  int64_t subject_id = 0;
  std::optional<int64_t> household_id;
  Place place;                 // scope of the case (docs/casework.md "Scope")
  std::string holder_level;    // "grid" | "site" | "township" | "county": who must act; does
                               // not change on escalation
  std::string supervising_level;  // "" or "site" | "township" | "county": the highest level
                                  // added as supervisor by escalation (above holder_level)
  std::optional<int64_t> assignee_user_id;
  Date opened_on{};
  int64_t opened_by = 0;       // users.id (0: system)
  Date state_since{};
  std::optional<Date> due_on;
  int escalation_level = 0;
  std::optional<Date> closed_on;
  std::string details = "{}";  // JSON object
  int64_t version = 1;
  // Labels read with the case (never written): the household's number, the opener's and the
  // assignee's names ("" when none) — the queue and case page show them.
  std::string household_no, opened_by_name, assignee_name;
};

/// One step in a case's history (a row of case_transitions).
struct CaseTransition {
  int64_t id = 0;
  int64_t case_id = 0;
  std::string transition, from_state, to_state;
  Date on_date{};
  std::string at;  // ISO-8601 UTC
  int64_t user_id = 0;
  std::string username, note;
  std::optional<Date> due_on;
};

/// A case with its clock as the reader sees it today.
struct CaseView {
  Case c;
  bool overdue = false;  // due_on < today
  bool near = false;     // not overdue, due within inbox.deadline_near_days working days
  bool supervised = false;  // Queue only: in the reader's queue as escalation's supervisor
                            // (the reader's level is above holder_level, up to
                            // supervising_level), not as its holder
};

/// GET /api/v1/cases/{id}: the case, its history and what the actor may do now.
struct CaseDetail {
  CaseView view;
  std::vector<CaseTransition> transitions;
  std::vector<const TransitionSpec*> actions;
};

/// What a module (or POST /api/v1/cases) opens.
struct OpenCase {
  std::string kind;
  std::string subject_entity;
  int64_t subject_id = 0;
  std::optional<int64_t> household_id;
  Place place;
  std::string title;
  std::string details = "{}";              // JSON object text
  std::optional<Date> due_on;              // overrides the clock of the initial state
  std::optional<int64_t> assignee_user_id;
  /// false: the holders are not told by the case (kind case_assigned) because the opening
  /// module sends its own notice of the same event (a data call: data_call_received) — one
  /// notice per event.
  bool notify_holders = true;
};

/// A transition asked for.
struct TakeTransition {
  int64_t case_id = 0;
  std::string transition;
  std::string note;
  std::optional<int64_t> expected_version;  // HTTP: If-Match (required there)
  std::optional<int64_t> assignee_user_id;  // assign (or reassign) with the move
};

/// Filters of GET /api/v1/cases (all optional, AND).
struct CaseFilter {
  std::string kind, state, township;
  std::optional<int64_t> household_id;
  std::optional<bool> overdue;   // due_on < today (open cases)
  std::optional<bool> open;      // closed_on IS NULL
  int limit = 100;
  int64_t after_id = 0;          // keyset paging by id
};

/// Result of one escalation sweep.
struct SweepResult {
  int escalated = 0;       // cases moved up a level
  int near_notified = 0;   // deadline_near notifications written
};

/// The evidence hook (attachments installs it): whether the case's subject has evidence
/// (an attachment). Without a hook, evidence-required transitions are refused.
using EvidenceCheck = std::function<Result<bool>(const Case&)>;

/// The case store; SqliteCaseRepository (casework/storage) implements it over the caller's
/// connection.
class CaseRepository {
 public:
  virtual ~CaseRepository() = default;
  /// Runs `body` in a transaction: a new one (committed when body succeeds) or, when the
  /// connection is already in one (a module's own), inside it.
  virtual Status Atomically(const std::function<Status()>& body) = 0;
  virtual Result<std::optional<Case>> Find(int64_t id) = 0;
  virtual Result<int64_t> Insert(const Case& c) = 0;
  /// Writes `c` (its version already bumped) where the stored version is `expected_version`;
  /// kConflict (field "version") when it is not.
  virtual Status Update(const Case& c, int64_t expected_version) = 0;
  virtual Result<int64_t> InsertTransition(const CaseTransition& t) = 0;
  virtual Result<std::vector<CaseTransition>> Transitions(int64_t case_id) = 0;
  virtual Status Audit(const Actor& actor, const AuditEntry& entry) = 0;
  /// Writes one notification per user (and calls the installed Notifier).
  virtual Status Notify(const std::vector<int64_t>& user_ids, const NewNotification& n) = 0;
  /// Active users whose own scope is at `level` and covers `place`.
  virtual Result<std::vector<int64_t>> UsersAt(AccessScope::Level level, const Place& place) = 0;
  /// Whether user `user_id` exists and is active.
  virtual Result<bool> UserActive(int64_t user_id) = 0;
  /// Cases in the actor's scope (or assigned to them) matching `f`, by id.
  virtual Result<std::vector<Case>> List(const Actor& actor, const CaseFilter& f, Date today) = 0;
  /// Open cases the actor holds: assigned to them, or unassigned at their scope level in scope.
  virtual Result<std::vector<Case>> Queue(const Actor& actor) = 0;
  /// Open cases with a due date on or before `until`.
  virtual Result<std::vector<Case>> OpenDueBy(Date until) = 0;
  /// Whether a deadline_near notification for the case exists created on or after `since`.
  virtual Result<bool> NearNoticeSent(int64_t case_id, Date since) = 0;
  /// Whether the case has a transition `transition` on `day`.
  virtual Result<bool> HasTransitionOn(int64_t case_id, std::string_view transition, Date day) = 0;
  virtual Result<WorkCalendar> Calendar() = 0;
  virtual Result<Settings> LoadSettings() = 0;
  /// Whether the case's subject has evidence (a live attachment of owner kind
  /// `c.subject_entity`, id `c.subject_id`). Default: the hook of SetEvidenceCheck, else false;
  /// the SQLite repository asks the attachments store over its own connection.
  virtual Result<bool> HasEvidence(const Case& c);
};

/// Installs the evidence hook (once at start). Not thread-safe against readers.
void SetEvidenceCheck(EvidenceCheck check);

/// Whether `actor` may take `t` on `c` now (the Who rule of case_type.h):
///   system actor: always; kSystem: only the system actor;
///   kHolder: the assignee; with no assignee, a writing user whose scope level is holder_level
///            and whose scope covers the place; county_admin/county_staff at holder "county";
///   (kHolder also: once escalated, any kSupervisor — the holder keeps the case)
///   kSupervisor: a writing user whose scope covers the place at a level above holder_level,
///            and county_admin/county_staff;
///   kOpener: the user who opened it, or a supervisor.
/// Hook for the cadre role (cw-cadres): a cadre holds the cases assigned to it (the assignee
/// rule) and `cases.act` in auth/capabilities gates the route; nothing else here.
bool MayTake(const Actor& actor, const Case& c, const TransitionSpec& t);

class CaseService {
 public:
  /// `today`: the civil day in China (tests pass their own).
  explicit CaseService(std::unique_ptr<CaseRepository> repo, Date today = TodayInChina());

  /// Opens a case of `o.kind` in its initial state. `manual`: asked by a user (the type must
  /// allow manual_open, the place must be in the actor's scope, actor.CanWrite()). Errors:
  /// kInvalidArgument naming kind/title/due_on/assignee_user_id; kPermissionDenied.
  Result<Case> Open(const Actor& actor, const OpenCase& o, bool manual = false);
  /// Takes a transition (rules in the header comment).
  Result<Case> Transition(const Actor& actor, const TakeTransition& t);
  /// A case with history and actions. Errors: kNotFound (absent or out of scope).
  Result<CaseDetail> Get(const Actor& actor, int64_t id);
  /// The "who must act now" queue, soonest due first (no due date last).
  Result<std::vector<CaseView>> Queue(const Actor& actor);
  Result<std::vector<CaseView>> List(const Actor& actor, const CaseFilter& f);
  /// The escalation sweep and deadline_near notices for `as_of` (system actor). Idempotent per
  /// day.
  Result<SweepResult> Sweep(const Actor& actor, Date as_of);

  /// The transitions of `c` the actor may take now.
  std::vector<const TransitionSpec*> ActionsFor(const Actor& actor, const Case& c) const;

 private:
  Result<CaseView> View(const Case& c);
  Result<std::vector<CaseView>> Views(std::vector<Case> cases);
  Result<bool> Visible(const Actor& actor, const Case& c) const;

  std::unique_ptr<CaseRepository> repo_;
  Date today_;
  std::optional<WorkCalendar> calendar_;
  std::optional<Settings> settings_;
  Result<const WorkCalendar*> Cal();
  Result<const Settings*> Set();
};

}  // namespace anju::casework
