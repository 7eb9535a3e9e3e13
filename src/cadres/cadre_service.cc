#include "cadres/cadre_service.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/try.h"

namespace anju::cadres {

namespace {

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) continue;
    out += c;
  }
  return out + "\"";
}

Error Fault(std::string field, std::string value, std::string en, std::string zh) {
  Error e;
  e.code = ErrorCode::kInvalidArgument;
  e.field = std::move(field);
  e.value = std::move(value);
  e.message = std::move(en);
  e.message_zh = std::move(zh);
  return e;
}

// Validates and cleans the text fields of `in` into `c`; faults appended.
void ApplyInput(const CadreInput& in, Cadre& c, std::vector<Error>& faults) {
  if (in.name) {
    std::string n = *in.name;
    n.erase(0, n.find_first_not_of(" \t"));
    n.erase(n.find_last_not_of(" \t") + 1);
    if (n.empty() || n.size() > 192)
      faults.push_back(Fault("name", *in.name, "give the cadre's name (1–64 characters)",
                             "请填写帮扶责任人姓名（1–64 个字）"));
    c.name = n;
  }
  if (in.unit) c.unit = *in.unit;
  if (in.title) c.title = *in.title;
  if (in.note) c.note = *in.note;
  if (in.phone) {
    if (in.phone->empty()) {
      c.phone.clear();
    } else if (auto p = CleanPhoneText(*in.phone)) {
      c.phone = *p;
    } else {
      faults.push_back(Fault("phone", *in.phone,
                             "not a phone number: give 7–12 digits (spaces, dashes and +86 are removed)",
                             "联系电话格式不正确：应为 7–12 位数字（空格、横线、+86 可省略）"));
    }
  }
  if (in.township_code) {
    const std::string& t = *in.township_code;
    if (!t.empty() && (t.size() != 9 || !std::all_of(t.begin(), t.end(), [](char ch) { return ch >= '0' && ch <= '9'; })))
      faults.push_back(Fault("township_code", t, "give the township's 9-digit division code, or leave it empty",
                             "乡镇代码应为 9 位统计用区划代码，或留空"));
    else
      c.township_code = t;
  }
  for (auto [field, v] : {std::pair{"unit", &c.unit}, std::pair{"title", &c.title}, std::pair{"note", &c.note}})
    if (v->size() > 600)
      faults.push_back(Fault(field, v->substr(0, 30) + "…", "too long (at most 200 characters)", "内容过长（最多 200 字）"));
}

}  // namespace

std::optional<std::string> CleanPhoneText(std::string_view text) {
  std::string d;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') d += c;
    else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '\t') continue;
    else if (c == '+' && d.empty()) continue;
    else if (static_cast<unsigned char>(c) == 0xE3 && i + 2 < text.size() &&
             static_cast<unsigned char>(text[i + 1]) == 0x80 && static_cast<unsigned char>(text[i + 2]) == 0x80)
      i += 2;  // U+3000 ideographic space
    else return std::nullopt;
  }
  if (d.starts_with("0086")) d.erase(0, 4);
  else if (d.starts_with("86") && d.size() == 13) d.erase(0, 2);
  if (d.size() < 7 || d.size() > 12) return std::nullopt;
  return d;
}

Status CadreService::CheckManage(const Actor& actor) const {
  if (actor.CanManageCadres()) return {};
  return PermissionDenied(
      fmt::format("role {} may not change cadres or their assignments; the county office does",
                  RoleName(actor.role)),
      "本账号无权调整帮扶责任人或结对关系，请由县级办公室办理");
}

Result<std::vector<CadreListRow>> CadreService::List(const Actor& actor, const CadreFilter& f) {
  return repo_.ListCadres(actor.scope, f);
}

Result<CadreDetail> CadreService::Get(const Actor& actor, int64_t id) {
  ANJU_TRY(c, repo_.FindCadre(id));
  ANJU_TRY(visible, repo_.CadreVisible(actor.scope, id));
  if (!c || !visible) return NotFound("no such cadre in your scope", "cadre_id", std::to_string(id), "帮扶责任人不存在");
  CadreDetail d;
  d.cadre = std::move(*c);
  ANJU_TRY(all, repo_.AssignmentsOfCadre(actor.scope, id));
  for (auto& a : all) (a.until ? d.former : d.current).push_back(std::move(a));
  return d;
}

Result<Cadre> CadreService::Create(const Actor& actor, const CadreInput& in, const std::string& source) {
  ANJU_CHECK(CheckManage(actor));
  Cadre c;
  std::vector<Error> faults;
  CadreInput need = in;
  if (!need.name) need.name = "";
  ApplyInput(need, c, faults);
  if (in.ended_on || in.end_reason)
    faults.push_back(Fault("ended_on", "", "a new cadre cannot be ended; change it afterwards", "新建时不能停用"));
  if (!faults.empty()) return AllFaults(std::move(faults));
  AuditEntry e{"create", "cadre", "",
               fmt::format(R"({{"name":[null,{}],"unit":[null,{}],"title":[null,{}],"phone":[null,{}]}})",
                           Quote(c.name), Quote(c.unit), Quote(c.title), Quote(c.phone)),
               source};
  ANJU_TRY(id, repo_.InsertCadre(c, actor, e));
  ANJU_TRY(stored, repo_.FindCadre(id));
  return std::move(*stored);
}

Result<Cadre> CadreService::Update(const Actor& actor, int64_t id, const CadreInput& in, int64_t expected_version) {
  ANJU_CHECK(CheckManage(actor));
  ANJU_TRY(found, repo_.FindCadre(id));
  if (!found) return NotFound("no such cadre", "cadre_id", std::to_string(id), "帮扶责任人不存在");
  if (found->version != expected_version)
    return Conflict(fmt::format("the cadre was changed meanwhile (version {}, yours {}); reload and try again",
                                found->version, expected_version),
                    "version", std::to_string(expected_version), "该记录已被他人修改，请刷新后重试");
  Cadre c = *found;
  std::vector<Error> faults;
  ApplyInput(in, c, faults);
  if (in.ended_on) {
    if (found->ended_on)
      faults.push_back(Fault("ended_on", FormatIsoDate(*in.ended_on), "the cadre has already ended", "该帮扶责任人已停用"));
    if (*in.ended_on > today_())
      faults.push_back(Fault("ended_on", FormatIsoDate(*in.ended_on), "a date in the future; give today or earlier",
                             "日期不能晚于今天"));
    if (!in.end_reason || in.end_reason->empty())
      faults.push_back(Fault("end_reason", "", "give the reason the cadre ends (e.g. transferred)", "请填写停用原因（如：工作调动）"));
    ANJU_TRY(mine, repo_.AssignmentsOfCadre(AccessScope{}, id));
    if (std::any_of(mine.begin(), mine.end(), [](const Assignment& a) { return !a.until; }))
      faults.push_back(Fault("ended_on", FormatIsoDate(*in.ended_on),
                             "the cadre still has current households; reassign or end them first",
                             "该帮扶责任人仍有结对户，请先调整或结束结对"));
    c.ended_on = in.ended_on;
    c.end_reason = in.end_reason.value_or("");
  } else if (in.end_reason) {
    faults.push_back(Fault("end_reason", *in.end_reason, "give ended_on with end_reason", "请同时填写停用日期"));
  }
  if (!faults.empty()) return AllFaults(std::move(faults));
  std::vector<std::string> ch;
  auto diff = [&](std::string_view f, const std::string& a, const std::string& b) {
    if (a != b) ch.push_back(fmt::format("{}:[{},{}]", Quote(f), Quote(a), Quote(b)));
  };
  diff("name", found->name, c.name);
  diff("unit", found->unit, c.unit);
  diff("title", found->title, c.title);
  diff("phone", found->phone, c.phone);
  diff("township_code", found->township_code, c.township_code);
  diff("note", found->note, c.note);
  if (c.ended_on) diff("ended_on", "", FormatIsoDate(*c.ended_on));
  diff("end_reason", found->end_reason, c.end_reason);
  if (ch.empty()) return *found;
  std::string joined;
  for (const auto& x : ch) joined += (joined.empty() ? "" : ",") + x;
  AuditEntry e{"update", "cadre", std::to_string(id), "{" + joined + "}", "api"};
  ANJU_CHECK(repo_.UpdateCadre(c, actor, e));
  ANJU_TRY(stored, repo_.FindCadre(id));
  return std::move(*stored);
}

Result<HouseholdFacts> CadreService::HouseholdInScope(const Actor& actor, int64_t household_id) {
  ANJU_TRY(h, repo_.Household(household_id));
  if (!h || !ScopeCovers(actor.scope, h->place))
    return NotFound("no such household in your scope", "household_id", std::to_string(household_id), "该户不存在");
  return std::move(*h);
}

Result<HouseholdCadres> CadreService::OfHousehold(const Actor& actor, int64_t household_id) {
  ANJU_CHECK(HouseholdInScope(actor, household_id));
  ANJU_TRY(all, repo_.AssignmentsOfHousehold(household_id));
  HouseholdCadres out;
  for (auto& a : all) {
    if (!a.until) out.current = std::move(a);
    else out.history.push_back(std::move(a));
  }
  return out;
}

Result<Assignment> CadreService::Assign(const Actor& actor, int64_t household_id, int64_t cadre_id, Date from,
                                        const std::string& reason, const std::string& source) {
  ANJU_CHECK(CheckManage(actor));
  ANJU_TRY(h, HouseholdInScope(actor, household_id));
  std::vector<Error> faults;
  const std::string fs = FormatIsoDate(from);
  if (h.ended_on)
    faults.push_back(Fault("household_id", std::to_string(household_id),
                           fmt::format("household {} ended on {} (merged or no members left); assign its current household",
                                       h.household_no, FormatIsoDate(*h.ended_on)),
                           fmt::format("户 {} 已于 {} 注销（合户或无成员），请为现户指定帮扶责任人", h.household_no,
                                       FormatIsoDate(*h.ended_on))));
  if (from > today_())
    faults.push_back(Fault("from", fs, "a date in the future; give the day the pairing started (today or earlier)",
                           "结对日期不能晚于今天"));
  if (from < h.start)
    faults.push_back(Fault("from", fs,
                           fmt::format("before the household moved in ({}); give a date on or after it", FormatIsoDate(h.start)),
                           fmt::format("结对日期早于该户入住日期（{}），请填写此后的日期", FormatIsoDate(h.start))));
  ANJU_TRY(c, repo_.FindCadre(cadre_id));
  if (!c)
    faults.push_back(Fault("cadre_id", std::to_string(cadre_id), "no such cadre; see GET /api/v1/cadres",
                           "帮扶责任人不存在"));
  else if (c->ended_on)
    faults.push_back(Fault("cadre_id", std::to_string(cadre_id),
                           fmt::format("cadre {} ended on {}; choose a current cadre", c->name, FormatIsoDate(*c->ended_on)),
                           fmt::format("帮扶责任人 {} 已于 {} 停用，请选择在职的帮扶责任人", c->name, FormatIsoDate(*c->ended_on))));
  ANJU_TRY(all, repo_.AssignmentsOfHousehold(household_id));
  const Assignment* current = nullptr;
  for (const auto& a : all)
    if (!a.until) current = &a;
  if (current && current->cadre_id == cadre_id)
    faults.push_back(Fault("cadre_id", std::to_string(cadre_id),
                           fmt::format("cadre {} is already the household's cadre (since {})", current->cadre_name,
                                       FormatIsoDate(current->from)),
                           fmt::format("该户的帮扶责任人已是 {}（自 {} 起）", current->cadre_name, FormatIsoDate(current->from))));
  else if (current && from < current->from)
    faults.push_back(Fault("from", fs,
                           fmt::format("before the current assignment started ({}); periods may not overlap",
                                       FormatIsoDate(current->from)),
                           fmt::format("早于现任帮扶责任人的结对日期（{}），结对期间不能重叠", FormatIsoDate(current->from))));
  // An ended assignment may not reach past the new start either (periods never overlap).
  for (const auto& a : all)
    if (a.until && *a.until > from) {
      faults.push_back(Fault("from", fs,
                             fmt::format("before an earlier assignment ended ({}); periods may not overlap",
                                         FormatIsoDate(*a.until)),
                             fmt::format("早于此前结对的结束日期（{}），结对期间不能重叠", FormatIsoDate(*a.until))));
      break;
    }
  if (!faults.empty()) return AllFaults(std::move(faults));
  Assignment a;
  a.household_id = household_id;
  a.cadre_id = cadre_id;
  a.from = from;
  a.reason = reason;
  a.recorded_by = actor.username;
  AuditEntry e{current ? "reassign" : "assign", "cadre_assignment", "",
               fmt::format(R"({{"household_id":[null,{}],"cadre_id":[{},{}],"from":[null,{}],"reason":[null,{}]}})",
                           household_id, current ? std::to_string(current->cadre_id) : std::string("null"),
                           cadre_id, Quote(fs), Quote(reason)),
               source};
  ANJU_TRY(id, repo_.Reassign(a, reason.empty() ? "reassigned" : reason, today_(), actor, e));
  ANJU_TRY(stored, repo_.FindAssignment(id));
  return std::move(*stored);
}

Result<Assignment> CadreService::End(const Actor& actor, int64_t assignment_id, Date date, const std::string& reason) {
  ANJU_CHECK(CheckManage(actor));
  ANJU_TRY(a, repo_.FindAssignment(assignment_id));
  if (!a) return NotFound("no such assignment", "assignment_id", std::to_string(assignment_id), "结对记录不存在");
  ANJU_CHECK(HouseholdInScope(actor, a->household_id));
  if (a->until)
    return Conflict(fmt::format("the assignment already ended on {}", FormatIsoDate(*a->until)), "assignment_id",
                    std::to_string(assignment_id), "该结对已结束");
  std::vector<Error> faults;
  const std::string ds = FormatIsoDate(date);
  if (date > today_())
    faults.push_back(Fault("date", ds, "a date in the future; give today or earlier", "结束日期不能晚于今天"));
  if (date <= a->from)  // periods are half-open [from, until): ending on the start day leaves an empty one
    faults.push_back(Fault("date", ds,
                           fmt::format("on or before the day the assignment started ({}); give a later day",
                                       FormatIsoDate(a->from)),
                           fmt::format("结束日期不能早于或等于结对日期（{}），请填写此后的日期", FormatIsoDate(a->from))));
  if (reason.empty())
    faults.push_back(Fault("reason", "", "give the reason the assignment ends (e.g. household moved away)",
                           "请填写结束原因（如：该户迁出）"));
  if (!faults.empty()) return AllFaults(std::move(faults));
  AuditEntry e{"end", "cadre_assignment", std::to_string(assignment_id),
               fmt::format(R"({{"until_date":[null,{}],"ended_reason":[null,{}]}})", Quote(ds), Quote(reason)), "api"};
  ANJU_CHECK(repo_.EndAssignment(assignment_id, date, reason, actor, e));
  ANJU_TRY(stored, repo_.FindAssignment(assignment_id));
  return std::move(*stored);
}

}  // namespace anju::cadres
