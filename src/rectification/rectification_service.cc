#include "rectification/rectification.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/try.h"
#include "rectification/finding_type.h"

namespace anju::rectification {

namespace {

constexpr InspectionKindInfo kKinds[] = {
    {"county_check", "县级自查", "County self-inspection"},
    {"city", "市级督查", "City inspection"},
    {"province", "省级督查", "Provincial inspection"},
    {"national_assessment", "国家考核（后评估）", "National assessment"},
    {"audit", "审计", "Audit"},
    {"other", "其他", "Other"},
};

// Longest texts accepted (characters): a finding's description in a feedback letter runs to a
// paragraph; measures and progress to a page.
constexpr size_t kMaxName = 200, kMaxUnit = 100, kMaxDescription = 2000, kMaxMeasures = 4000;

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string Trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  return std::string(s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1));
}

// A required text field: not empty, at most `max` characters.
void CheckText(std::vector<Error>& faults, std::string_view field, const std::string& v, size_t max, bool required,
               std::string_view zh) {
  if (required && v.empty()) {
    faults.push_back(InvalidArgument(fmt::format("{} is required", field), std::string(field), "",
                                     fmt::format("请填写{}", zh))
                         .error());
    return;
  }
  if (CodePoints(v) > max)
    faults.push_back(InvalidArgument(fmt::format("{} has {} characters; at most {} are accepted: shorten it", field,
                                                 CodePoints(v), max),
                                     std::string(field), v.substr(0, 60),
                                     fmt::format("{}共 {} 个字，最多 {} 个字，请精简", zh, CodePoints(v), max))
                         .error());
}

Status RequireCountyWriter(const Actor& actor) {
  if (!actor.CanWrite()) return PermissionDenied("this account may not change records", "该账号无权修改数据");
  if (actor.scope.level != AccessScope::Level::kCounty)
    return PermissionDenied(
        fmt::format("inspections and their findings are recorded by the county office; your scope is {}",
                    DescribeScope(actor.scope)),
        "检查（考核）及其问题清单由县级录入，您的管辖范围不能录入");
  return {};
}

std::string Json(const nlohmann::json& j) { return j.dump(); }

nlohmann::json DateJson(const std::optional<Date>& d) {
  return d ? nlohmann::json(FormatIsoDate(*d)) : nlohmann::json(nullptr);
}

}  // namespace

std::span<const InspectionKindInfo> InspectionKinds() { return kKinds; }

bool IsInspectionKind(std::string_view code) {
  for (const auto& k : kKinds)
    if (k.code == code) return true;
  return false;
}

RectificationService::RectificationService(std::unique_ptr<RectificationRepository> repo, casework::CaseService& cases,
                                           Date today)
    : repo_(std::move(repo)), cases_(cases), today_(today) {}

// ---- inspections ---------------------------------------------------------------------------

Result<Inspection> RectificationService::CreateInspection(const Actor& actor, const NewInspection& raw) {
  ANJU_CHECK(RequireCountyWriter(actor));
  NewInspection in = raw;
  in.name = Trim(in.name);
  in.source = Trim(in.source);
  std::vector<Error> faults;
  CheckText(faults, "name", in.name, kMaxName, true, "检查名称");
  CheckText(faults, "source", in.source, kMaxName, false, "来源（文号）");
  CheckText(faults, "note", in.note, kMaxMeasures, false, "备注");
  if (!IsInspectionKind(in.kind)) {
    std::string list;
    for (const auto& k : kKinds) list += fmt::format("{}{} ({})", list.empty() ? "" : ", ", k.code, k.zh);
    faults.push_back(InvalidArgument(fmt::format("kind '{}' is not a kind of inspection; use one of: {}", in.kind, list),
                                     "kind", in.kind, fmt::format("检查类别“{}”无效，可选：{}", in.kind, list))
                         .error());
  }
  if (!in.held_on)
    faults.push_back(InvalidArgument("held_on is required: the day of the inspection or of its feedback (YYYY-MM-DD)",
                                     "held_on", "", "请填写检查（反馈）日期")
                         .error());
  else if (*in.held_on > today_)
    faults.push_back(InvalidArgument(fmt::format("held_on {} lies after today ({})", FormatIsoDate(*in.held_on),
                                                 FormatIsoDate(today_)),
                                     "held_on", FormatIsoDate(*in.held_on),
                                     fmt::format("检查日期 {} 晚于今天", FormatIsoDate(*in.held_on)))
                         .error());
  if (!faults.empty()) return AllFaults(std::move(faults));
  int64_t id = 0;
  Status done = repo_->Atomically([&]() -> Status {
    ANJU_TRY(new_id, repo_->InsertInspection(in, actor.user_id));
    id = new_id;
    nlohmann::json ch = {{"name", {nullptr, in.name}},
                         {"kind", {nullptr, in.kind}},
                         {"held_on", {nullptr, FormatIsoDate(*in.held_on)}},
                         {"source", {nullptr, in.source}}};
    return repo_->Audit(actor, {"create", "inspection", std::to_string(id), Json(ch), "api"});
  });
  ANJU_CHECK(done);
  ANJU_TRY(found, repo_->FindInspection(id, actor.scope, today_));
  if (!found) return Internal("inspection vanished after its insert");
  return std::move(*found);
}

Result<std::vector<Inspection>> RectificationService::ListInspections(const Actor& actor) {
  return repo_->ListInspections(actor.scope, today_);
}

Result<InspectionDetail> RectificationService::GetInspection(const Actor& actor, int64_t id) {
  ANJU_TRY(found, repo_->FindInspection(id, actor.scope, today_));
  if (!found) return NotFound(fmt::format("no inspection {}", id), "id", std::to_string(id), "找不到该检查");
  InspectionDetail d{std::move(*found), {}};
  FindingFilter f;
  f.inspection_id = id;
  f.limit = 100000;
  ANJU_TRY(list, ListFindings(actor, f));
  d.findings = std::move(list);
  return d;
}

// ---- findings ------------------------------------------------------------------------------

Status RectificationService::CheckFinding(const FindingInput& in) {
  std::vector<Error> faults;
  CheckText(faults, "responsible_unit", in.responsible_unit, kMaxUnit, true, "责任单位");
  CheckText(faults, "description", in.description, kMaxDescription, true, "问题描述");
  CheckText(faults, "measures", in.measures, kMaxMeasures, false, "整改措施");
  if (in.seq_no < 0)
    faults.push_back(InvalidArgument(fmt::format("seq_no {} must be a positive number", in.seq_no), "seq_no",
                                     std::to_string(in.seq_no), "序号须为正整数")
                         .error());
  std::optional<std::string> site_township;
  if (in.site_id) {
    ANJU_TRY(t, repo_->SiteTownship(*in.site_id));
    if (!t)
      faults.push_back(InvalidArgument(fmt::format("site_id {} names no site", *in.site_id), "site_id",
                                       std::to_string(*in.site_id), "安置点不存在，请从列表中选择")
                           .error());
    site_township = t;
  }
  if (!in.township_code.empty()) {
    ANJU_TRY(name, repo_->TownshipName(in.township_code));
    if (!name)
      faults.push_back(InvalidArgument(fmt::format("township_code '{}' is not a township of the county", in.township_code),
                                       "township_code", in.township_code, "乡镇代码不是本县的乡镇，请从列表中选择")
                           .error());
    else if (site_township && *site_township != in.township_code)
      faults.push_back(InvalidArgument(fmt::format("site {} lies in township {}, not in {}: correct the township or the site",
                                                   *in.site_id, *site_township, in.township_code),
                                       "site_id", std::to_string(*in.site_id),
                                       fmt::format("该安置点属于乡镇 {}，与所填乡镇 {} 不符", *site_township, in.township_code))
                           .error());
  }
  if (in.deadline && in.deadline->year() < std::chrono::year{2000})
    faults.push_back(InvalidArgument(fmt::format("deadline {} lies before 2000", FormatIsoDate(*in.deadline)), "deadline",
                                     FormatIsoDate(*in.deadline), "整改时限早于 2000 年，请核对")
                         .error());
  if (!faults.empty()) return AllFaults(std::move(faults));
  return {};
}

Result<int64_t> RectificationService::AddFindingIn(const Actor& actor, int64_t inspection_id, FindingInput in) {
  in.responsible_unit = Trim(in.responsible_unit);
  in.description = Trim(in.description);
  in.measures = Trim(in.measures);
  ANJU_CHECK(CheckFinding(in));
  if (in.township_code.empty() && in.site_id) {
    ANJU_TRY(t, repo_->SiteTownship(*in.site_id));
    in.township_code = t.value_or("");
  }
  if (in.seq_no == 0) {
    ANJU_TRY(last, repo_->LastSeqNo(inspection_id));
    in.seq_no = last + 1;
  } else {
    ANJU_TRY(taken, repo_->FindingBySeq(inspection_id, in.seq_no));
    if (taken)
      return Conflict(fmt::format("the inspection already has finding 序号 {}", in.seq_no), "seq_no",
                      std::to_string(in.seq_no), fmt::format("该检查已有序号为 {} 的问题", in.seq_no));
  }
  ANJU_TRY(id, repo_->InsertFinding(inspection_id, in, actor.user_id));
  casework::OpenCase o;
  o.kind = std::string(kFindingKind);
  o.subject_entity = "finding";
  o.subject_id = id;
  o.place = Place{.origin_township_code = in.township_code, .site_id = in.site_id.value_or(0),
                  .site_township_code = in.site_id ? in.township_code : "", .grid_id = 0};
  o.title = in.description.substr(0, 240);
  // A deadline already past when the list arrives (feedback letters come late) is still the
  // finding's clock: the engine opens only future clocks, so it is set after opening (overdue
  // at once, escalated by the next sweep).
  const bool past = in.deadline && *in.deadline < today_;
  if (!past) o.due_on = in.deadline;
  ANJU_TRY(c, cases_.Open(actor, o));
  ANJU_CHECK(repo_->SetCaseId(id, c.id));
  if (past) ANJU_CHECK(KeepDeadline(actor, in.deadline, c.id, c.state, c.due_on));
  nlohmann::json ch = {{"inspection_id", {nullptr, inspection_id}},
                       {"seq_no", {nullptr, in.seq_no}},
                       {"township_code", {nullptr, in.township_code}},
                       {"site_id", {nullptr, in.site_id ? nlohmann::json(*in.site_id) : nlohmann::json(nullptr)}},
                       {"responsible_unit", {nullptr, in.responsible_unit}},
                       {"description", {nullptr, in.description}},
                       {"measures", {nullptr, in.measures}},
                       {"deadline", {nullptr, DateJson(in.deadline)}},
                       {"case_id", {nullptr, c.id}}};
  ANJU_CHECK(repo_->Audit(actor, {"create", "finding", std::to_string(id), Json(ch), "api"}));
  return id;
}

Result<Finding> RectificationService::AddFinding(const Actor& actor, int64_t inspection_id, const FindingInput& in) {
  ANJU_CHECK(RequireCountyWriter(actor));
  ANJU_TRY(insp, repo_->FindInspection(inspection_id, actor.scope, today_));
  if (!insp)
    return NotFound(fmt::format("no inspection {}", inspection_id), "inspection_id", std::to_string(inspection_id),
                    "找不到该检查");
  int64_t id = 0;
  Status done = repo_->Atomically([&]() -> Status {
    ANJU_TRY(new_id, AddFindingIn(actor, inspection_id, in));
    id = new_id;
    return {};
  });
  ANJU_CHECK(done);
  return Load(actor, id);
}

Status RectificationService::Decorate(std::vector<Finding>& fs) {
  if (!clock_) {
    ANJU_TRY(c, repo_->Clock());
    clock_ = std::move(c);
  }
  for (Finding& f : fs) {
    f.overdue = f.state != kSignedOff && f.due_on && *f.due_on < today_;
    f.near = f.state != kSignedOff && f.due_on && !f.overdue &&
             clock_->calendar.WorkingDaysBetween(today_, *f.due_on) <= clock_->near_days;
  }
  return {};
}

Result<Finding> RectificationService::Load(const Actor& actor, int64_t id) {
  ANJU_TRY(found, repo_->FindFinding(id));
  if (!found || !ScopeCovers(actor.scope, found->place()))
    return NotFound(fmt::format("no finding {}", id), "id", std::to_string(id), "找不到该问题");
  std::vector<Finding> one{std::move(*found)};
  ANJU_CHECK(Decorate(one));
  return std::move(one.front());
}

Result<std::vector<Finding>> RectificationService::ListFindings(const Actor& actor, const FindingFilter& f) {
  if (!f.state.empty() && FindingStateZh(f.state).empty())
    return InvalidArgument(fmt::format("state '{}' is not a state of a finding: open, rectifying, submitted, signed_off",
                                       f.state),
                           "state", f.state, "状态无效，可选：open、rectifying、submitted、signed_off");
  ANJU_TRY(list, repo_->ListFindings(actor.scope, f, today_));
  ANJU_CHECK(Decorate(list));
  return list;
}

Result<std::vector<TownshipSummary>> RectificationService::Summary(const Actor& actor,
                                                                    std::optional<int64_t> inspection_id) {
  return repo_->Summary(actor.scope, today_, inspection_id);
}

Result<FindingDetail> RectificationService::GetFinding(const Actor& actor, int64_t id) {
  ANJU_TRY(f, Load(actor, id));
  FindingDetail d;
  d.finding = std::move(f);
  if (d.finding.case_id) {
    auto c = cases_.Get(actor, d.finding.case_id);
    if (c) {
      d.transitions = std::move(c->transitions);
      d.actions = std::move(c->actions);
    } else if (c.error().code != ErrorCode::kNotFound) {
      return std::unexpected(c.error());
    }
  }
  ANJU_TRY(ev, repo_->HasEvidence(id));
  d.has_evidence = ev;
  return d;
}

Result<Finding> RectificationService::UpdateFinding(const Actor& actor, int64_t id, int64_t expected_version,
                                                    const FindingPatch& raw) {
  if (!actor.CanWrite()) return PermissionDenied("this account may not change records", "该账号无权修改数据");
  ANJU_TRY(cur, Load(actor, id));
  if (cur.state == kSignedOff)
    return Conflict(fmt::format("finding {} is signed off (销号) and can no longer change", id), "state",
                    std::string(kSignedOff), "该问题已销号，不能再修改");
  if (cur.version != expected_version)
    return Conflict(fmt::format("finding {} was changed by someone else (version {} now, you sent {}): reload it", id,
                                cur.version, expected_version),
                    "version", std::to_string(expected_version), "该问题已被他人修改，请刷新后重试");
  FindingPatch p = raw;
  std::vector<Error> faults;
  auto text = [&](std::optional<std::string>& v, std::string_view field, size_t max, bool required, std::string_view zh) {
    if (!v) return;
    *v = Trim(*v);
    CheckText(faults, field, *v, max, required, zh);
  };
  text(p.measures, "measures", kMaxMeasures, false, "整改措施");
  text(p.progress, "progress", kMaxMeasures, false, "整改进展");
  text(p.responsible_unit, "responsible_unit", kMaxUnit, true, "责任单位");
  text(p.description, "description", kMaxDescription, true, "问题描述");
  // What the inspection decided (its words, the unit it named, its deadline) is the county's.
  if ((p.description || p.responsible_unit || p.deadline || p.clear_deadline) &&
      actor.scope.level != AccessScope::Level::kCounty)
    faults.push_back(InvalidArgument("description, responsible_unit and deadline are set by the county office",
                                     p.description ? "description" : p.responsible_unit ? "responsible_unit" : "deadline",
                                     "", "问题描述、责任单位和整改时限由县级填写")
                         .error());
  if (p.rectified_on && *p.rectified_on > today_)
    faults.push_back(InvalidArgument(fmt::format("rectified_on {} lies after today", FormatIsoDate(*p.rectified_on)),
                                     "rectified_on", FormatIsoDate(*p.rectified_on), "整改完成日期晚于今天")
                         .error());
  if (!faults.empty()) return AllFaults(std::move(faults));
  nlohmann::json ch = nlohmann::json::object();
  auto diff = [&](std::string_view k, const std::string& before, const std::optional<std::string>& after) {
    if (after && *after != before) ch[std::string(k)] = {before, *after};
  };
  diff("measures", cur.measures, p.measures);
  diff("progress", cur.progress, p.progress);
  diff("responsible_unit", cur.responsible_unit, p.responsible_unit);
  diff("description", cur.description, p.description);
  auto ddiff = [&](std::string_view k, const std::optional<Date>& before, const std::optional<Date>& after, bool clear) {
    std::optional<Date> next = clear ? std::nullopt : after ? after : before;
    if (next != before) ch[std::string(k)] = {DateJson(before), DateJson(next)};
  };
  ddiff("deadline", cur.deadline, p.deadline, p.clear_deadline);
  ddiff("rectified_on", cur.rectified_on, p.rectified_on, p.clear_rectified_on);
  if (ch.empty()) return cur;
  Status done = repo_->Atomically([&]() -> Status {
    ANJU_CHECK(repo_->UpdateFinding(id, expected_version, p));
    ANJU_CHECK(repo_->Audit(actor, {"update", "finding", std::to_string(id), Json(ch), "api"}));
    if (ch.contains("deadline") && cur.case_id)
      return KeepDeadline(actor, p.clear_deadline ? std::nullopt : p.deadline, cur.case_id, cur.state, cur.due_on);
    return {};
  });
  ANJU_CHECK(done);
  return Load(actor, id);
}

Result<Finding> RectificationService::Transition(const Actor& actor, int64_t id, const std::string& transition,
                                                 const std::string& note, std::optional<int64_t> expected_case_version) {
  ANJU_TRY(cur, Load(actor, id));
  if (!cur.case_id) return Internal(fmt::format("finding {} has no case", id));
  // 销号 is the county's (docs/casework.md: "a supervisor (county roles)"); the engine's Who
  // rule alone would let a township sign off a finding held by one of its sites.
  if (transition == kSignOff && actor.role != Role::kSystem && actor.scope.level != AccessScope::Level::kCounty)
    return PermissionDenied(fmt::format("sign-off (销号) is the county office's; your scope is {}",
                                        DescribeScope(actor.scope)),
                            "销号须由县级审核确认，您的管辖范围不能销号");
  Status done = repo_->Atomically([&]() -> Status {
    casework::TakeTransition t;
    t.case_id = cur.case_id;
    t.transition = transition;
    t.note = note;
    t.expected_version = expected_case_version;
    ANJU_TRY(c, cases_.Transition(actor, t));
    return KeepDeadline(actor, cur.deadline, c.id, c.state, c.due_on);
  });
  ANJU_CHECK(done);
  return Load(actor, id);
}

Status RectificationService::KeepDeadline(const Actor& actor, const std::optional<Date>& deadline, int64_t case_id,
                                          const std::string& state, const std::optional<Date>& due_on) {
  if (!deadline || (state != kOpen && state != kRectifying) || due_on == deadline) return {};
  ANJU_CHECK(repo_->SetCaseDue(case_id, *deadline));
  nlohmann::json ch = {{"due_on", {DateJson(due_on), DateJson(deadline)}}};
  return repo_->Audit(actor, {"update", "case", std::to_string(case_id), Json(ch), "the finding's own deadline (整改时限)"});
}

}  // namespace anju::rectification
