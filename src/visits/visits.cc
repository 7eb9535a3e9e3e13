#include "visits/visits.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/try.h"

namespace anju::visits {

namespace {

struct PurposeInfo {
  Purpose p;
  std::string_view name, zh, en;
};
constexpr PurposeInfo kPurposes[] = {
    {Purpose::kRoutine, "routine", "走访", "Routine visit"},
    {Purpose::kPolicy, "policy", "政策宣传", "Policy information"},
    {Purpose::kEmployment, "employment", "就业帮扶", "Employment support"},
    {Purpose::kHardship, "hardship", "困难排查", "Hardship check"},
    {Purpose::kFollowUp, "follow_up", "回访", "Follow-up visit"},
    {Purpose::kOther, "other", "其他", "Other"},
};
const PurposeInfo& Info(Purpose p) {
  for (const PurposeInfo& i : kPurposes)
    if (i.p == p) return i;
  return kPurposes[0];
}

Error Fault(std::string field, std::string value, std::string en, std::string zh) {
  return InvalidArgument(std::move(en), std::move(field), std::move(value), std::move(zh)).error();
}

}  // namespace

std::string_view PurposeName(Purpose p) { return Info(p).name; }
std::string_view PurposeLabelZh(Purpose p) { return Info(p).zh; }
std::string_view PurposeLabelEn(Purpose p) { return Info(p).en; }

Result<Purpose> ParsePurpose(std::string_view name) {
  for (const PurposeInfo& i : kPurposes)
    if (i.name == name) return i.p;
  return InvalidArgument(
      fmt::format("unknown purpose '{}': use routine, policy, employment, hardship, follow_up or other", name),
      "purpose", std::string(name),
      fmt::format("走访目的“{}”无效：请用 routine（走访）、policy（政策宣传）、employment（就业帮扶）、"
                  "hardship（困难排查）、follow_up（回访）或 other（其他）", name));
}

Status CheckNewVisit(const NewVisit& v, const HouseholdFacts& h, Date today,
                     const std::vector<int64_t>& members_on_day) {
  std::vector<Error> faults;
  const std::string day = FormatIsoDate(v.visited_on);
  const Date start = h.formed_on && *h.formed_on > h.move_in ? *h.formed_on : h.move_in;
  if (v.visited_on > today) {
    faults.push_back(Fault("visited_on", day,
                           fmt::format("the visit day {} is in the future (today is {}): enter the day the visit took place",
                                       day, FormatIsoDate(today)),
                           fmt::format("走访日期 {} 晚于今天（{}）：请填写实际走访的日期", day, FormatIsoDate(today))));
  } else if (v.visited_on < start) {
    faults.push_back(Fault("visited_on", day,
                           fmt::format("the visit day {} is before the household's move-in on {}: check the date",
                                       day, FormatIsoDate(start)),
                           fmt::format("走访日期 {} 早于该户入住日期 {}：请核对日期", day, FormatIsoDate(start))));
  } else if (h.ended_on && *h.ended_on <= v.visited_on) {
    faults.push_back(Fault("visited_on", day,
                           fmt::format("the household ended on {} (merged or no members left): a visit on {} cannot be recorded on it",
                                       FormatIsoDate(*h.ended_on), day),
                           fmt::format("该户已于 {} 注销（合户或无成员），不能记录 {} 的走访", FormatIsoDate(*h.ended_on), day)));
  }
  const bool has_lat = v.latitude.has_value(), has_lon = v.longitude.has_value();
  if ((has_lat || has_lon) && !v.location_consent) {
    faults.push_back(Fault("location_consent", "false",
                           "a location was sent without consent for this visit: the location is stored only when "
                           "\"record my location\" is ticked (PIPL art. 13/14); tick it or send no coordinates",
                           "未勾选“记录我的位置”却提交了位置：只有本次走访同意记录位置时才保存位置（《个人信息保护法》"
                           "第十三、十四条）；请勾选或不提交坐标"));
  } else if (has_lat != has_lon) {
    faults.push_back(Fault(has_lat ? "longitude" : "latitude", "",
                           "latitude and longitude go together: send both or neither",
                           "纬度和经度须同时提供或都不提供"));
  }
  if (has_lat && (*v.latitude < -90 || *v.latitude > 90))
    faults.push_back(Fault("latitude", fmt::format("{}", *v.latitude),
                           "latitude must be between -90 and 90 degrees", "纬度须在 -90 到 90 度之间"));
  if (has_lon && (*v.longitude < -180 || *v.longitude > 180))
    faults.push_back(Fault("longitude", fmt::format("{}", *v.longitude),
                           "longitude must be between -180 and 180 degrees", "经度须在 -180 到 180 度之间"));
  for (int64_t p : v.people)
    if (std::find(members_on_day.begin(), members_on_day.end(), p) == members_on_day.end())
      faults.push_back(Fault("people", std::to_string(p),
                             fmt::format("person {} was not a member of the household on {}: pick who was met from its members",
                                         p, day),
                             fmt::format("人员 {} 在 {} 不是该户成员：请从该户成员中选择见到的人", p, day)));
  if (faults.empty()) return {};
  return AllFaults(std::move(faults));
}

bool VisitService::MayRecord(const Actor& actor, const Place& place) {
  // The `cadre` role (docs/casework.md) cannot write the registry but may record visits on its
  // assigned households, which its scope covers (Place::household_id).
  return actor.CanRecordVisits() && ScopeCovers(actor.scope, place);
}

namespace {
std::unexpected<Error> NoHousehold(int64_t id) {
  return NotFound(fmt::format("no household {}", id), "household_id", std::to_string(id),
                  fmt::format("没有编号为 {} 的户", id));
}
std::unexpected<Error> NoVisit(int64_t id) {
  return NotFound(fmt::format("no visit {}", id), "id", std::to_string(id), fmt::format("没有编号为 {} 的走访记录", id));
}
std::unexpected<Error> MayNotRecord(const Actor& actor) {
  return PermissionDenied(fmt::format("role {} may not record or void visits", RoleName(actor.role)),
                          fmt::format("角色 {} 不能记录或作废走访", RoleName(actor.role)));
}
}  // namespace

Result<Visit> VisitService::Record(const Actor& actor, int64_t household_id, const NewVisit& v, Date today) {
  ANJU_TRY(h, repo_.Household(household_id));
  if (!h || !ScopeCovers(actor.scope, h->place)) return NoHousehold(household_id);
  if (!MayRecord(actor, h->place)) return MayNotRecord(actor);
  ANJU_TRY(members, repo_.MembersOn(household_id, v.visited_on));
  ANJU_CHECK(CheckNewVisit(v, *h, today, members));
  ANJU_TRY(cadre, repo_.VisitorCadre(actor.user_id, household_id, v.visited_on));
  ANJU_TRY(id, repo_.Insert(actor, household_id, v, cadre));
  return Get(actor, id);
}

Result<Visit> VisitService::Get(const Actor& actor, int64_t id) {
  ANJU_TRY(v, repo_.Get(id));
  if (!v) return NoVisit(id);
  ANJU_TRY(h, repo_.Household(v->household_id));
  if (!h || !ScopeCovers(actor.scope, h->place)) return NoVisit(id);
  return std::move(*v);
}

Result<Page<Visit>> VisitService::List(const Actor& actor, const VisitFilter& f, const PageRequest& page) {
  if (f.from && f.to && *f.from > *f.to)
    return InvalidArgument(fmt::format("from {} is after to {}", FormatIsoDate(*f.from), FormatIsoDate(*f.to)), "from",
                           FormatIsoDate(*f.from),
                           fmt::format("起始日期 {} 晚于截止日期 {}", FormatIsoDate(*f.from), FormatIsoDate(*f.to)));
  return repo_.List(actor.scope, f, page);
}

Result<Visit> VisitService::Void(const Actor& actor, int64_t id, const std::string& reason, Date today) {
  ANJU_TRY(v, Get(actor, id));
  ANJU_TRY(h, repo_.Household(v.household_id));
  if (!h || !MayRecord(actor, h->place)) return MayNotRecord(actor);
  std::string trimmed = reason;
  trimmed.erase(0, trimmed.find_first_not_of(" \t\r\n"));
  if (trimmed.empty())
    return InvalidArgument("a reason is required to void a visit", "reason", reason, "作废走访记录须填写原因");
  if (v.voided_on)
    return Conflict(fmt::format("visit {} was already voided on {}", id, FormatIsoDate(*v.voided_on)), "id",
                    std::to_string(id), fmt::format("走访记录 {} 已于 {} 作废", id, FormatIsoDate(*v.voided_on)));
  ANJU_CHECK(repo_.Void(actor, id, today, reason));
  return Get(actor, id);
}

Result<std::vector<StatsRow>> VisitService::Stats(const Actor& actor, StatsBy by, Date from, Date to) {
  if (from > to)
    return InvalidArgument(fmt::format("from {} is after to {}", FormatIsoDate(from), FormatIsoDate(to)), "from",
                           FormatIsoDate(from), fmt::format("起始日期 {} 晚于截止日期 {}", FormatIsoDate(from), FormatIsoDate(to)));
  return repo_.Stats(actor.scope, by, from, to);
}

}  // namespace anju::visits
