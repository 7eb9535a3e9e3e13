#include "casework/case_service.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/try.h"

namespace anju::casework {
namespace {

using Level = AccessScope::Level;

int Rank(Level l) {
  switch (l) {
    // A cadre (kAssigned, cw-cadres) holds cases by assignee, below the grid (merge of
    // cw-cadres with cw-cases on cw-visits; the casework helper may refine it).
    case Level::kAssigned: return 0;
    case Level::kGrid: return 0;
    case Level::kSite: return 1;
    case Level::kTownship: return 2;
    case Level::kCounty: return 3;
  }
  return 3;
}
int Rank(std::string_view level) {
  auto l = ParseLevel(level);
  return l ? Rank(*l) : 3;
}

bool IsCountyRole(const Actor& a) {
  return a.role == Role::kCountyAdmin || a.role == Role::kCountyStaff;
}

EvidenceCheck& EvidenceSlot() {
  static EvidenceCheck check;
  return check;
}

// The lowest level of `levels` the place has (a grid, a site, a township), else the last.
std::string InitialHolder(const Place& p, const std::vector<std::string>& levels) {
  for (const auto& l : levels) {
    if (l == "grid" && p.grid_id > 0) return l;
    if (l == "site" && p.site_id > 0) return l;
    if (l == "township" && (!p.origin_township_code.empty() || !p.site_township_code.empty()))
      return l;
    if (l == "county") return l;
  }
  return levels.empty() ? "county" : levels.back();
}

// A level's name in Chinese for notes and notices ("township" → "乡镇").
std::string LevelZh(std::string_view level) {
  if (level == "grid") return "网格";
  if (level == "site") return "安置点";
  if (level == "township") return "乡镇";
  if (level == "county") return "县";
  return std::string(level);
}

// The next level above `holder` in `levels`, or "" at the top.
std::string NextLevel(std::string_view holder, const std::vector<std::string>& levels) {
  for (const auto& l : levels)
    if (Rank(l) > Rank(holder)) return l;
  return "";
}

const TransitionSpec* FindTransition(const CaseType& t, std::string_view name,
                                     std::string_view from) {
  for (const auto& tr : t.transitions)
    if (tr.name == name && tr.from == from) return &tr;
  return nullptr;
}

const StateSpec* FindState(const CaseType& t, std::string_view name) {
  for (const auto& s : t.states)
    if (s.name == name) return &s;
  return nullptr;
}

std::string Changes(std::initializer_list<std::pair<const char*, nlohmann::json>> kv) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : kv) j[k] = v;
  return j.dump();
}

nlohmann::json OptDate(const std::optional<Date>& d) {
  return d ? nlohmann::json(FormatIsoDate(*d)) : nlohmann::json(nullptr);
}

}  // namespace

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kAssigned: return "grid";  // the nearest supervising level (see Rank)
    case Level::kGrid: return "grid";
    case Level::kSite: return "site";
    case Level::kTownship: return "township";
    case Level::kCounty: return "county";
  }
  return "county";
}

std::optional<Level> ParseLevel(std::string_view name) {
  if (name == "grid") return Level::kGrid;
  if (name == "site") return Level::kSite;
  if (name == "township") return Level::kTownship;
  if (name == "county") return Level::kCounty;
  return std::nullopt;
}

void SetEvidenceCheck(EvidenceCheck check) { EvidenceSlot() = std::move(check); }

Result<bool> CaseRepository::HasEvidence(const Case& c) {
  if (!EvidenceSlot()) return false;
  return EvidenceSlot()(c);
}

bool MayTake(const Actor& actor, const Case& c, const TransitionSpec& t) {
  if (actor.role == Role::kSystem) return true;
  if (t.who == Who::kSystem) return false;
  if (!actor.CanWrite())
    // The cadre account (cases.act without CanWrite, core/actor.h CanActOnCases) takes the
    // holder's steps of the cases assigned to it, nothing else; the auditor none.
    return actor.CanActOnCases() && t.who == Who::kHolder && c.assignee_user_id &&
           *c.assignee_user_id == actor.user_id;
  const bool covers = ScopeCovers(actor.scope, c.place);
  const bool supervisor =
      IsCountyRole(actor) || (covers && Rank(actor.scope.level) > Rank(c.holder_level));
  const bool holder = c.assignee_user_id
                          ? *c.assignee_user_id == actor.user_id
                          : (covers && LevelName(actor.scope.level) == c.holder_level);
  // Once escalated (supervising_level set), the supervisors — the levels above the holder
  // whose scope covers the case, and county roles — may take the holder's steps too (and
  // reassign with them); the holder keeps the case.
  const bool escalated_supervisor = !c.supervising_level.empty() && supervisor;
  switch (t.who) {
    case Who::kHolder:
      return holder || escalated_supervisor || (c.holder_level == "county" && IsCountyRole(actor));
    case Who::kSupervisor: return supervisor;
    case Who::kOpener: return (c.opened_by != 0 && c.opened_by == actor.user_id) || supervisor;
    case Who::kSystem: return false;
  }
  return false;
}

CaseService::CaseService(std::unique_ptr<CaseRepository> repo, Date today)
    : repo_(std::move(repo)), today_(today) {}

Result<const WorkCalendar*> CaseService::Cal() {
  if (!calendar_) {
    ANJU_TRY(c, repo_->Calendar());
    calendar_ = std::move(c);
  }
  return &*calendar_;
}

Result<const Settings*> CaseService::Set() {
  if (!settings_) {
    ANJU_TRY(s, repo_->LoadSettings());
    settings_ = std::move(s);
  }
  return &*settings_;
}

Result<bool> CaseService::Visible(const Actor& actor, const Case& c) const {
  return actor.role == Role::kSystem || ScopeCovers(actor.scope, c.place) ||
         (c.assignee_user_id && *c.assignee_user_id == actor.user_id);
}

Result<CaseView> CaseService::View(const Case& c) {
  ANJU_TRY(cal, Cal());
  ANJU_TRY(set, Set());
  CaseView v{.c = c};
  if (c.due_on && !c.closed_on) {
    v.overdue = *c.due_on < today_;
    ANJU_TRY(near_days, set->Integer("inbox.deadline_near_days"));
    v.near = !v.overdue && cal->WorkingDaysBetween(today_, *c.due_on) <= near_days;
  }
  return v;
}

Result<std::vector<CaseView>> CaseService::Views(std::vector<Case> cases) {
  std::vector<CaseView> out;
  out.reserve(cases.size());
  for (auto& c : cases) {
    ANJU_TRY(v, View(c));
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<const TransitionSpec*> CaseService::ActionsFor(const Actor& actor,
                                                           const Case& c) const {
  std::vector<const TransitionSpec*> out;
  const CaseType* type = FindCaseType(c.kind);
  if (!type || c.closed_on) return out;
  for (const auto& t : type->transitions)
    if (t.from == c.state && t.who != Who::kSystem && MayTake(actor, c, t)) out.push_back(&t);
  return out;
}

namespace {
// The users to notify when `c` reaches its holder: the assignee, else the holder level's users.
Result<std::vector<int64_t>> Holders(CaseRepository& repo, const Case& c) {
  if (c.assignee_user_id) return std::vector<int64_t>{*c.assignee_user_id};
  auto level = ParseLevel(c.holder_level).value_or(Level::kCounty);
  return repo.UsersAt(level, c.place);
}

std::vector<int64_t> Without(std::vector<int64_t> ids, int64_t user) {
  std::erase(ids, user);
  return ids;
}
}  // namespace

Result<Case> CaseService::Open(const Actor& actor, const OpenCase& o, bool manual) {
  const CaseType* type = FindCaseType(o.kind);
  if (!type) {
    std::string kinds;
    for (const CaseType* t : AllCaseTypes()) kinds += (kinds.empty() ? "" : ", ") + std::string(t->kind);
    return InvalidArgument("unknown case kind; one of: " + kinds, "kind", o.kind,
                           "未知的事项类型；可选：" + kinds);
  }
  if (manual) {
    if (!actor.CanWrite())
      return PermissionDenied("this account may not open cases", "本账号不能登记事项");
    if (!type->manual_open)
      return InvalidArgument("cases of this kind are opened by their module, not by hand",
                             "kind", o.kind, "该类事项由所属模块生成，不能手工登记");
    if (!ScopeCovers(actor.scope, o.place)) {
      // Name the field the request gave (POST /api/v1/cases: household_id, site_id or
      // township_code).
      if (o.household_id)
        return TargetOutsideScope(actor.scope, "household_id", std::to_string(*o.household_id));
      if (o.subject_entity == "site")
        return TargetOutsideScope(actor.scope, "site_id", std::to_string(o.place.site_id));
      if (o.subject_entity == "township")
        return TargetOutsideScope(actor.scope, "township_code", o.place.site_township_code);
      return TargetOutsideScope(actor.scope, "place", "");
    }
  }
  std::vector<Error> faults;
  if (o.title.empty() || o.title.size() > 600)
    faults.push_back(InvalidArgument("title is required (at most 200 characters)", "title",
                                     o.title, "标题必填（不超过200字）").error());
  if (o.due_on && *o.due_on < today_)
    faults.push_back(InvalidArgument("due date lies in the past", "due_on",
                                     FormatIsoDate(*o.due_on), "办结期限早于今天").error());
  if (o.assignee_user_id) {
    ANJU_TRY(active, repo_->UserActive(*o.assignee_user_id));
    if (!active)
      faults.push_back(InvalidArgument("no active user with this id", "assignee_user_id",
                                       std::to_string(*o.assignee_user_id),
                                       "没有该编号的在用账号").error());
  }
  if (!faults.empty()) return AllFaults(std::move(faults));
  ANJU_TRY(cal, Cal());
  ANJU_TRY(set, Set());
  ANJU_TRY(levels, set->List("escalation.levels"));

  Case c;
  c.kind = std::string(type->kind);
  c.state = std::string(type->initial_state);
  c.title = o.title;
  c.subject_entity = o.subject_entity;
  c.subject_id = o.subject_id;
  c.household_id = o.household_id;
  c.place = o.place;
  c.holder_level = InitialHolder(o.place, levels);
  c.assignee_user_id = o.assignee_user_id;
  c.opened_on = today_;
  c.opened_by = actor.user_id;
  c.state_since = today_;
  if (o.due_on) {
    c.due_on = o.due_on;
  } else if (int days = set->DeadlineDays(c.kind, c.state); days > 0) {
    c.due_on = cal->AddWorkingDays(today_, days);
  }
  c.details = o.details.empty() ? "{}" : o.details;

  if (Status committed = repo_->Atomically([&]() -> Status {
    ANJU_TRY(id, repo_->Insert(c));
    c.id = id;
    ANJU_CHECK(repo_->InsertTransition({.case_id = id,
                                         .transition = "open",
                                         .from_state = "",
                                         .to_state = c.state,
                                         .on_date = today_,
                                         .user_id = actor.user_id,
                                         .username = actor.username,
                                         .due_on = c.due_on}));
    ANJU_CHECK(repo_->Audit(
        actor, {.action = "case.open",
                .entity = "case",
                .entity_id = std::to_string(id),
                .changes = Changes({{"kind", c.kind},
                                    {"state", c.state},
                                    {"title", c.title},
                                    {"subject", c.subject_entity + ":" + std::to_string(c.subject_id)},
                                    {"holder_level", c.holder_level},
                                    {"due_on", OptDate(c.due_on)}}),
                .source = ""}));
    if (!o.notify_holders) return Status{};
    ANJU_TRY(to, Holders(*repo_, c));
    return repo_->Notify(Without(std::move(to), actor.user_id),
                         {.kind = std::string(kNoticeCaseAssigned),
                          .title = "新事项：" + c.title,
                          .body = std::string(type->label_zh) +
                                  (c.due_on ? "，办理期限 " + FormatIsoDate(*c.due_on) : ""),
                          .entity = "case",
                          .entity_id = id});
  }); !committed)
    return std::unexpected(committed.error());
  return c;
}

Result<Case> CaseService::Transition(const Actor& actor, const TakeTransition& t) {
  ANJU_TRY(found, repo_->Find(t.case_id));
  if (!found || !*Visible(actor, *found))
    return NotFound("no such case", "id", std::to_string(t.case_id), "没有这个事项");
  Case c = *found;
  const CaseType* type = FindCaseType(c.kind);
  if (!type) return Internal("case " + std::to_string(c.id) + " has unknown kind " + c.kind);
  const TransitionSpec* spec = FindTransition(*type, t.transition, c.state);
  if (!spec) {
    std::string here, here_zh, state_zh = c.state;
    for (const auto& tr : type->transitions)
      if (tr.from == c.state) {
        here += (here.empty() ? "" : ", ") + std::string(tr.name);
        here_zh += (here_zh.empty() ? "" : "、") + std::string(tr.label_zh);
      }
    for (const auto& st : type->states)
      if (st.name == c.state) state_zh = std::string(st.label_zh);
    bool known = std::any_of(type->transitions.begin(), type->transitions.end(),
                             [&](const auto& tr) { return tr.name == t.transition; });
    std::string en = "the case is in state '" + c.state + "'; possible now: " +
                     (here.empty() ? "none" : here);
    std::string zh = "事项当前状态为“" + state_zh + "”；现在可做：" + (here_zh.empty() ? "无" : here_zh);
    if (known) return Conflict(en, "transition", t.transition, zh);
    return InvalidArgument("unknown transition; " + en, "transition", t.transition,
                           "未知的操作；" + zh);
  }
  if (!MayTake(actor, c, *spec))
    return PermissionDenied("you may not '" + std::string(spec->name) + "' this case (" +
                                std::string(spec->label_en) + ")",
                            "您无权对该事项执行“" + std::string(spec->label_zh) + "”");
  std::vector<Error> faults;
  if (spec->note_required && t.note.find_first_not_of(" \t\r\n") == std::string::npos)
    faults.push_back(InvalidArgument("a note is required for this step (the reason)", "note", "",
                                     "此操作须填写说明（原因）").error());
  if (t.note.size() > 6000)
    faults.push_back(InvalidArgument("note is too long (at most 2000 characters)", "note", "",
                                     "说明过长（不超过2000字）").error());
  if (spec->evidence_required) {
    ANJU_TRY(has, repo_->HasEvidence(c));
    if (!has)
      faults.push_back(InvalidArgument("evidence is required: attach a file to the record first",
                                       "evidence", "", "须先上传佐证材料（附件）").error());
  }
  if (t.assignee_user_id) {
    ANJU_TRY(active, repo_->UserActive(*t.assignee_user_id));
    if (!active)
      faults.push_back(InvalidArgument("no active user with this id", "assignee_user_id",
                                       std::to_string(*t.assignee_user_id),
                                       "没有该编号的在用账号").error());
  }
  if (t.expected_version && *t.expected_version != c.version)
    faults.push_back(Conflict("the case was changed meanwhile (version " +
                                  std::to_string(c.version) + "); reload and try again",
                              "version", std::to_string(*t.expected_version),
                              "事项已被他人修改（版本 " + std::to_string(c.version) +
                                  "），请刷新后重试").error());
  if (!faults.empty()) return AllFaults(std::move(faults));

  ANJU_TRY(cal, Cal());
  ANJU_TRY(set, Set());
  const StateSpec* to = FindState(*type, spec->to);
  const bool terminal = to && to->terminal;
  const Case before = c;
  c.state = std::string(spec->to);
  c.state_since = today_;
  c.due_on = std::nullopt;
  if (!terminal)
    if (int days = set->DeadlineDays(c.kind, c.state); days > 0)
      c.due_on = cal->AddWorkingDays(today_, days);
  c.closed_on = terminal ? std::optional<Date>(today_) : std::nullopt;
  if (t.assignee_user_id) c.assignee_user_id = t.assignee_user_id;
  c.version = before.version + 1;

  if (Status committed = repo_->Atomically([&]() -> Status {
    ANJU_CHECK(repo_->Update(c, before.version));
    ANJU_CHECK(repo_->InsertTransition({.case_id = c.id,
                                         .transition = std::string(spec->name),
                                         .from_state = before.state,
                                         .to_state = c.state,
                                         .on_date = today_,
                                         .user_id = actor.user_id,
                                         .username = actor.username,
                                         .note = t.note,
                                         .due_on = c.due_on}));
    nlohmann::json ch = nlohmann::json::object();
    ch["state"] = {before.state, c.state};
    ch["due_on"] = {OptDate(before.due_on), OptDate(c.due_on)};
    if (before.assignee_user_id != c.assignee_user_id)
      ch["assignee_user_id"] = {before.assignee_user_id ? nlohmann::json(*before.assignee_user_id)
                                                        : nlohmann::json(nullptr),
                                *c.assignee_user_id};
    if (!t.note.empty()) ch["note"] = t.note;
    ANJU_CHECK(repo_->Audit(actor, {.action = "case." + std::string(spec->name),
                                    .entity = "case",
                                    .entity_id = std::to_string(c.id),
                                    .changes = ch.dump(),
                                    .source = ""}));
    if (terminal) return Status{};
    // Who acts next is told: the opener when every step out of the new state is the opener's
    // (service_request "resolved": close or return), else the holder.
    bool opener_next = c.opened_by != 0, any_step = false;
    for (const auto& tr : type->transitions)
      if (tr.from == c.state && tr.who != Who::kSystem) {
        any_step = true;
        opener_next = opener_next && tr.who == Who::kOpener;
      }
    std::vector<int64_t> users{c.opened_by};
    if (!(opener_next && any_step)) {
      ANJU_TRY(holders, Holders(*repo_, c));
      users = std::move(holders);
    }
    const bool returned = spec->name == "return";
    const std::string_view kind =
        returned ? kNoticeReturned : (opener_next && any_step ? kNoticeCaseResolved : kNoticeCaseAssigned);
    return repo_->Notify(
        Without(std::move(users), actor.user_id),
        {.kind = std::string(kind),
         .title = (returned ? "退回：" : std::string(spec->label_zh) + "：") + c.title,
         .body = t.note + (c.due_on ? (t.note.empty() ? "" : "；") + std::string("办理期限 ") +
                                          FormatIsoDate(*c.due_on)
                                    : ""),
         .entity = "case",
         .entity_id = c.id});
  }); !committed)
    return std::unexpected(committed.error());
  return c;
}

Result<CaseDetail> CaseService::Get(const Actor& actor, int64_t id) {
  ANJU_TRY(found, repo_->Find(id));
  if (!found || !*Visible(actor, *found))
    return NotFound("no such case", "id", std::to_string(id), "没有这个事项");
  ANJU_TRY(v, View(*found));
  ANJU_TRY(tr, repo_->Transitions(id));
  return CaseDetail{.view = std::move(v), .transitions = std::move(tr),
                    .actions = ActionsFor(actor, *found)};
}

Result<std::vector<CaseView>> CaseService::Queue(const Actor& actor) {
  ANJU_TRY(cases, repo_->Queue(actor));
  std::stable_sort(cases.begin(), cases.end(), [](const Case& a, const Case& b) {
    if (a.due_on.has_value() != b.due_on.has_value()) return a.due_on.has_value();
    return a.due_on && *a.due_on < *b.due_on;
  });
  ANJU_TRY(views, Views(std::move(cases)));
  // In the queue as its holder (assignee, or unassigned at the user's level), else as the
  // supervisor escalation added.
  for (CaseView& v : views) {
    const Case& c = v.c;
    const bool held = c.assignee_user_id ? *c.assignee_user_id == actor.user_id
                                         : LevelName(actor.scope.level) == c.holder_level;
    v.supervised = !held;
  }
  return views;
}

Result<std::vector<CaseView>> CaseService::List(const Actor& actor, const CaseFilter& f) {
  ANJU_TRY(cases, repo_->List(actor, f, today_));
  return Views(std::move(cases));
}

Result<SweepResult> CaseService::Sweep(const Actor& actor, Date as_of) {
  if (actor.role != Role::kSystem && actor.role != Role::kCountyAdmin)
    return PermissionDenied("only the system or a county admin runs the escalation sweep",
                            "只有系统或县管理员可以执行逾期上报");
  ANJU_TRY(cal, Cal());
  ANJU_TRY(set, Set());
  ANJU_TRY(levels, set->List("escalation.levels"));
  ANJU_TRY(near_days, set->Integer("inbox.deadline_near_days"));
  const Date near_until = cal->AddWorkingDays(as_of, static_cast<int>(near_days));
  ANJU_TRY(due, repo_->OpenDueBy(near_until));
  SweepResult r;
  for (Case c : due) {
    if (*c.due_on < as_of) {
      ANJU_TRY(escalated_today, repo_->HasTransitionOn(c.id, "escalate", as_of));
      if (escalated_today) continue;
      // The holder keeps the case; the next level above the current supervisor (or above the
      // holder, the first time) is added as supervisor (docs/casework.md "Escalation").
      const std::string from =
          c.supervising_level.empty() ? c.holder_level : c.supervising_level;
      std::string next = NextLevel(from, levels);
      if (next.empty()) continue;  // at the top already
      const Case before = c;
      c.supervising_level = next;
      c.escalation_level = before.escalation_level + 1;
      c.version = before.version + 1;
      const int late = cal->WorkingDaysBetween(*c.due_on, as_of);
      if (Status committed = repo_->Atomically([&]() -> Status {
        ANJU_CHECK(repo_->Update(c, before.version));
        ANJU_CHECK(repo_->InsertTransition(
            {.case_id = c.id,
             .transition = "escalate",
             .from_state = c.state,
             .to_state = c.state,
             .on_date = as_of,
             .user_id = actor.user_id,
             .username = actor.username,
             .note = "逾期 " + std::to_string(late) + " 个工作日，由" + LevelZh(next) +
                     "督办 (overdue " + std::to_string(late) + " working days, supervised by the " +
                     next + ")",
             .due_on = c.due_on}));
        ANJU_CHECK(repo_->Audit(
            actor, {.action = "case.escalate",
                    .entity = "case",
                    .entity_id = std::to_string(c.id),
                    .changes = Changes({{"supervising_level",
                                         {before.supervising_level.empty()
                                              ? nlohmann::json(nullptr)
                                              : nlohmann::json(before.supervising_level),
                                          next}},
                                        {"holder_level", c.holder_level},
                                        {"escalation_level",
                                         {before.escalation_level, c.escalation_level}},
                                        {"due_on", OptDate(c.due_on)},
                                        {"as_of", FormatIsoDate(as_of)}}),
                    .source = "escalation sweep"}));
        ANJU_TRY(users, repo_->UsersAt(*ParseLevel(next), c.place));
        return repo_->Notify(users, {.kind = std::string(kNoticeOverdueEscalated),
                                     .title = "逾期督办：" + c.title,
                                     .body = "期限 " + FormatIsoDate(*c.due_on) + "，已逾期 " +
                                             std::to_string(late) + " 个工作日；承办层级：" +
                                             LevelZh(c.holder_level),
                                     .entity = "case",
                                     .entity_id = c.id});
      }); !committed)
        return std::unexpected(committed.error());
      ++r.escalated;
    } else {
      ANJU_TRY(sent, repo_->NearNoticeSent(c.id, c.state_since));
      if (sent) continue;
      if (Status committed = repo_->Atomically([&]() -> Status {
        ANJU_TRY(users, Holders(*repo_, c));
        return repo_->Notify(users, {.kind = std::string(kNoticeDeadlineNear),
                                     .title = "临期：" + c.title,
                                     .body = "办理期限 " + FormatIsoDate(*c.due_on),
                                     .entity = "case",
                                     .entity_id = c.id});
      }); !committed)
        return std::unexpected(committed.error());
      ++r.near_notified;
    }
  }
  return r;
}

}  // namespace anju::casework
