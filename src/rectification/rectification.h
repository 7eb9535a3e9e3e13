// Rectification ledgers (整改台账, issue #15 item 6, docs/casework.md "rectification"): the
// inspections and assessments a county faces (县级自查, 市级/省级督查, 国家考核/后评估, 审计)
// and the findings each leaves (问题清单), every finding a case of type `finding`
// (finding_type.h) that the township rectifies (整改措施, 进展, evidence) and a supervisor signs
// off (销号).
//
// Who may do what (decided here; the contract was silent on creation):
//   - inspections and their findings are recorded by county-scope writing users (the county
//     office receives the feedback and hands each finding to a township or site);
//   - a finding's place is its township (and site, when given): Place{township, site, site's
//     township, 0}; reads outside the scope answer kNotFound, lists show what the scope covers
//     (a township sees its own, a site its own);
//   - measures, progress, the rectified day and evidence are written by any writing user whose
//     scope covers the finding, until it is signed off; a signed-off finding cannot change
//     (kConflict, field "state");
//   - transitions go through casework's engine (casework::CaseService), who may take each is
//     the type's Who rule; a finding with its own 整改时限 keeps that day as due_on while open or
//     rectifying.
// Every write: rows + audit entry in one transaction.
//
// Thread-safety: one service per connection and thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "casework/case_service.h"
#include "core/actor.h"
#include "core/audit.h"
#include "core/date.h"
#include "core/error.h"

namespace anju::rectification {

/// Kinds of inspection (wire code, Chinese, English).
struct InspectionKindInfo {
  std::string_view code, zh, en;
};
/// county_check 县级自查, city 市级督查, province 省级督查, national_assessment 国家考核(后评估),
/// audit 审计, other 其他.
std::span<const InspectionKindInfo> InspectionKinds();
/// Whether `code` is one of InspectionKinds().
bool IsInspectionKind(std::string_view code);

/// Finding counts of an inspection or a township, in the reader's scope.
struct FindingCounts {
  int64_t total = 0;
  int64_t open = 0;        // not signed off (open, rectifying, submitted)
  int64_t overdue = 0;     // open and due_on < today
  int64_t signed_off = 0;  // 已销号
};

/// One inspection (a row of inspections).
struct Inspection {
  int64_t id = 0;
  std::string name;
  std::string kind;  // InspectionKinds() code
  Date held_on{};
  std::string source;  // the feedback document (文号) or who inspected
  std::string note;
  int64_t created_by = 0;
  std::string created_at;
  FindingCounts counts;  // of its findings the reader's scope covers
};

/// POST /api/v1/inspections.
struct NewInspection {
  std::string name, kind, source, note;
  std::optional<Date> held_on;
};

/// A finding as given by a user or a list's row (POST …/findings, the import).
struct FindingInput {
  int64_t seq_no = 0;  // 序号; 0: the next after the inspection's last
  std::string township_code;       // 9-digit; "" with a site: the site's township
  std::optional<int64_t> site_id;  // the finding concerns one site
  std::string responsible_unit;    // 责任单位
  std::string description;         // 问题描述
  std::string measures;            // 整改措施 (may come later)
  std::optional<Date> deadline;    // 整改时限
};

/// One finding with its case as the reader sees it today.
struct Finding {
  int64_t id = 0;
  int64_t case_id = 0;
  int64_t inspection_id = 0;
  std::string inspection_name;
  int64_t seq_no = 0;
  std::string township_code, township_name;
  std::optional<int64_t> site_id;
  std::string site_name, site_township_code;
  std::string responsible_unit, description, measures, progress;
  std::optional<Date> deadline, rectified_on;
  std::string created_at, updated_at;
  int64_t version = 1;  // the finding row's version (PATCH If-Match)
  // From its case (casework):
  std::string state;  // open | rectifying | submitted | signed_off
  std::optional<Date> due_on;
  std::optional<Date> signed_off_on;  // the case's closed_on (销号日期)
  int64_t case_version = 1;           // transitions' If-Match
  int escalation_level = 0;
  bool overdue = false;  // not signed off and due_on < today
  bool near = false;     // not overdue, due within inbox.deadline_near_days working days

  /// The finding's Place for the scope rule.
  Place place() const {
    return Place{.origin_township_code = township_code, .site_id = site_id.value_or(0),
                 .site_township_code = site_township_code, .grid_id = 0};
  }
};

/// GET /api/v1/findings filters (all optional, AND).
struct FindingFilter {
  std::string township;  // 9-digit code: findings of that township (or of its sites)
  std::string state;
  std::optional<bool> overdue;
  std::optional<int64_t> inspection_id;
  int limit = 200;
  int64_t after_id = 0;  // keyset paging by id
};

/// One row of the county's 整改台账 summary: a township's findings.
struct TownshipSummary {
  std::string township_code, township_name;  // "" / "县级": findings without a township
  FindingCounts counts;
};

/// PATCH /api/v1/findings/{id}: absent fields are kept. A null `clear_*` flag clears.
struct FindingPatch {
  std::optional<std::string> measures, progress, responsible_unit, description;
  std::optional<Date> deadline, rectified_on;
  bool clear_deadline = false, clear_rectified_on = false;
};

/// The clock as the reader sees it (casework's calendar and inbox.deadline_near_days).
struct ClockRule {
  casework::WorkCalendar calendar;
  int near_days = 2;
};

/// The store of inspections and findings (storage/sqlite_rectification_repository.h). Reads
/// filter by scope in SQL; writes run inside Atomically with their audit entry.
class RectificationRepository {
 public:
  virtual ~RectificationRepository() = default;
  /// Runs `body` in one transaction (joins one already open on the connection).
  virtual Status Atomically(const std::function<Status()>& body) = 0;
  virtual Status Audit(const Actor& actor, const AuditEntry& entry) = 0;
  /// The township name of a 9-digit code (a township of the county), or nullopt.
  virtual Result<std::optional<std::string>> TownshipName(std::string_view code) = 0;
  /// The township code of site `id`, or nullopt when no such site.
  virtual Result<std::optional<std::string>> SiteTownship(int64_t site_id) = 0;
  virtual Result<int64_t> InsertInspection(const NewInspection& in, int64_t created_by) = 0;
  /// Errors: none for absent (nullopt). Counts in `scope`.
  virtual Result<std::optional<Inspection>> FindInspection(int64_t id, const AccessScope& scope, Date today) = 0;
  virtual Result<std::vector<Inspection>> ListInspections(const AccessScope& scope, Date today) = 0;
  /// The inspection's largest seq_no (0 when none).
  virtual Result<int64_t> LastSeqNo(int64_t inspection_id) = 0;
  /// The finding of `seq_no` in the inspection, any scope, or nullopt.
  virtual Result<std::optional<int64_t>> FindingBySeq(int64_t inspection_id, int64_t seq_no) = 0;
  /// Inserts the row (no case yet); kConflict on a repeated seq_no.
  virtual Result<int64_t> InsertFinding(int64_t inspection_id, const FindingInput& in, int64_t created_by) = 0;
  virtual Status SetCaseId(int64_t finding_id, int64_t case_id) = 0;
  /// Writes the patched fields where the version is `expected_version` (bumping it);
  /// kConflict field "version" when stale.
  virtual Status UpdateFinding(int64_t id, int64_t expected_version, const FindingPatch& p) = 0;
  /// The finding with its case (any scope; the service checks it), or nullopt.
  virtual Result<std::optional<Finding>> FindFinding(int64_t id) = 0;
  /// Findings in `scope` matching `f`, by id; `today` decides overdue.
  virtual Result<std::vector<Finding>> ListFindings(const AccessScope& scope, const FindingFilter& f, Date today) = 0;
  /// Counts per township in `scope`, townships by code; `today` decides overdue.
  virtual Result<std::vector<TownshipSummary>> Summary(const AccessScope& scope, Date today,
                                                       std::optional<int64_t> inspection_id) = 0;
  /// Sets the due day of the finding's case (its own 整改时限, kept while open or rectifying).
  virtual Status SetCaseDue(int64_t case_id, Date due_on) = 0;
  /// casework's calendar and the near setting.
  virtual Result<ClockRule> Clock() = 0;
  /// Whether the finding has evidence (an attachment on owner kind `finding` not withdrawn).
  virtual Result<bool> HasEvidence(int64_t finding_id) = 0;
};

/// A finding, its case's history and the transitions the reader may take now.
struct FindingDetail {
  Finding finding;
  std::vector<casework::CaseTransition> transitions;
  std::vector<const casework::TransitionSpec*> actions;
  bool has_evidence = false;
};

/// An inspection and its findings in the reader's scope.
struct InspectionDetail {
  Inspection inspection;
  std::vector<Finding> findings;
};

class RectificationService {
 public:
  /// `cases` runs the findings' workflow on the same connection; `today` the civil day in China.
  RectificationService(std::unique_ptr<RectificationRepository> repo, casework::CaseService& cases,
                       Date today = TodayInChina());

  /// Records an inspection. Errors: kPermissionDenied below county scope or read-only;
  /// kInvalidArgument naming name/kind/held_on (every fault at once); kConflict when the same
  /// name and day exist.
  Result<Inspection> CreateInspection(const Actor& actor, const NewInspection& in);
  Result<std::vector<Inspection>> ListInspections(const Actor& actor);
  /// Errors: kNotFound.
  Result<InspectionDetail> GetInspection(const Actor& actor, int64_t id);

  /// Records a finding and opens its case (due on its deadline when given). Errors:
  /// kPermissionDenied as CreateInspection; kNotFound inspection; kInvalidArgument naming
  /// township_code/site_id/responsible_unit/description/deadline/seq_no; kConflict seq_no taken.
  Result<Finding> AddFinding(const Actor& actor, int64_t inspection_id, const FindingInput& in);
  /// The checks of AddFinding without writing (the import's row check); faults as AddFinding.
  Status CheckFinding(const FindingInput& in);

  Result<std::vector<Finding>> ListFindings(const Actor& actor, const FindingFilter& f);
  Result<std::vector<TownshipSummary>> Summary(const Actor& actor, std::optional<int64_t> inspection_id = {});
  /// Errors: kNotFound (absent or outside the scope).
  Result<FindingDetail> GetFinding(const Actor& actor, int64_t id);
  /// Changes measures/progress/…; `expected_version` the finding's version. Errors: kNotFound;
  /// kPermissionDenied read-only; kConflict signed off (field "state") or stale (field
  /// "version"); kInvalidArgument naming the field.
  Result<Finding> UpdateFinding(const Actor& actor, int64_t id, int64_t expected_version, const FindingPatch& p);
  /// Takes a transition of the finding's case through the engine (its rules: from state, Who,
  /// note, evidence, version = the case's), then keeps the finding's own deadline as due_on in
  /// open/rectifying. Errors: those of CaseService::Transition; kNotFound.
  Result<Finding> Transition(const Actor& actor, int64_t id, const std::string& transition, const std::string& note,
                             std::optional<int64_t> expected_case_version);

 private:
  Result<Finding> Load(const Actor& actor, int64_t id);
  Status Decorate(std::vector<Finding>& fs);
  Status KeepDeadline(const Actor& actor, const std::optional<Date>& deadline, int64_t case_id,
                      const std::string& state, const std::optional<Date>& due_on);

 public:
  /// AddFinding's work inside a transaction the caller holds (the list import), county check
  /// and inspection lookup done by the caller. Returns the finding's id.
  Result<int64_t> AddFindingIn(const Actor& actor, int64_t inspection_id, FindingInput in);

 private:

  std::unique_ptr<RectificationRepository> repo_;
  casework::CaseService& cases_;
  Date today_;
  std::optional<ClockRule> clock_;
};

}  // namespace anju::rectification
