#include "industry/services.h"

#include <fmt/format.h>

#include <array>

#include "industry/settings.h"

namespace anju::industry {

namespace {
using std::chrono::day;
using std::chrono::last;
using std::chrono::month;
using std::chrono::months;
using std::chrono::year_month;
using std::chrono::year_month_day_last;

Error Fault(std::unexpected<Error> e) { return std::move(e).error(); }

template <size_t N>
Result<std::string> OneOf(std::string_view name, std::string_view field,
                          const std::array<std::string_view, N>& allowed, std::string_view what_zh) {
  for (std::string_view a : allowed)
    if (a == name) return std::string(a);
  std::string list;
  for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  return InvalidArgument(fmt::format("{} must be one of: {}", field, list), std::string(field),
                         std::string(name), fmt::format("{}应为以下之一：{}", what_zh, list));
}
}  // namespace

bool OfLabourAge(const MemberFacts& m, Date on, AgeBand band) {
  const int age = AgeInCompletedYears(m.birth_date, on);
  return age >= band.min && age <= band.max;
}

bool IsZeroEmployment(std::span<const MemberFacts> members, Date on, AgeBand band) {
  bool candidate = false;
  for (const MemberFacts& m : members) {
    if (m.employed) return false;
    if (m.able_to_work && m.wants_work && OfLabourAge(m, on, band)) candidate = true;
  }
  return candidate;
}

std::string_view ClearReasonName(ClearReason r) {
  switch (r) {
    case ClearReason::kEmployed: return "employed";
    case ClearReason::kRefusedOffers: return "refused_offers";
    case ClearReason::kLostContact: return "lost_contact";
    case ClearReason::kNoLongerAble: return "no_longer_able";
  }
  return "";
}

std::string_view ClearReasonZh(ClearReason r) {
  switch (r) {
    case ClearReason::kEmployed: return "已就业";
    case ClearReason::kRefusedOffers: return "多次拒绝推荐岗位";
    case ClearReason::kLostContact: return "长期失联";
    case ClearReason::kNoLongerAble: return "已无劳动能力或意愿";
  }
  return "";
}

Result<ClearReason> ParseClearReason(std::string_view name) {
  for (ClearReason r : {ClearReason::kEmployed, ClearReason::kRefusedOffers, ClearReason::kLostContact,
                        ClearReason::kNoLongerAble})
    if (ClearReasonName(r) == name) return r;
  return InvalidArgument("reason must be one of: employed, refused_offers, lost_contact, no_longer_able",
                         "reason", std::string(name),
                         "清零原因应为以下之一：已就业（employed）、拒绝推荐岗位（refused_offers）、"
                         "失联（lost_contact）、无劳动能力或意愿（no_longer_able）");
}

std::string ClearTransition(ClearReason r) { return "clear_" + std::string(ClearReasonName(r)); }

Status CheckClearing(ClearReason r, const ClearingFacts& f, const ClearingRules& rules) {
  std::vector<Error> faults;
  switch (r) {
    case ClearReason::kEmployed:
      if (f.zero_employment_on)
        faults.push_back(Fault(Conflict(
            "no member of the household is employed on " + FormatIsoDate(f.on) +
                ": record the member's job (the follow-up then clears by itself)",
            "reason", "employed",
            "该户在" + FormatIsoDate(f.on) + "仍无成员就业：请先登记成员的就业信息（预警随之自动清零）")));
      break;
    case ClearReason::kRefusedOffers:
      if (f.refused_offers < rules.refusals)
        faults.push_back(Fault(InvalidArgument(
            fmt::format("{} refused job offers are recorded; clearing for refused offers needs at least {} "
                        "(zero_employment.refusals): record each offer and its refusal as a service first",
                        f.refused_offers, rules.refusals),
            "reason", "refused_offers",
            fmt::format("已记录被拒绝的岗位推荐{}次，以“拒绝推荐岗位”清零至少需要{}次，见{}："
                        "请先逐次登记推荐及拒绝情况",
                        f.refused_offers, rules.refusals, SettingNameZh("zero_employment.refusals")))));
      break;
    case ClearReason::kLostContact:
      if (!f.first_failed_contact || AddMonths(*f.first_failed_contact, rules.lost_contact_months) > f.on)
        faults.push_back(Fault(InvalidArgument(
            fmt::format("clearing for lost contact needs failed contacts over at least {} months "
                        "(zero_employment.lost_contact_months); {}",
                        rules.lost_contact_months,
                        f.first_failed_contact ? "the first unanswered contact is of " + FormatIsoDate(*f.first_failed_contact)
                                               : "no unanswered contact is recorded"),
            "reason", "lost_contact",
            fmt::format("以“失联”清零须有连续至少{}个月联系不上的记录，见{}；{}",
                        rules.lost_contact_months, SettingNameZh("zero_employment.lost_contact_months"),
                        f.first_failed_contact ? "首次联系不上为" + FormatIsoDate(*f.first_failed_contact)
                                               : "尚无联系不上的记录"))));
      break;
    case ClearReason::kNoLongerAble:
      break;
  }
  if (f.note.find_first_not_of(" \t\r\n") == std::string::npos)
    faults.push_back(Fault(InvalidArgument("a note documenting the clearing is required", "note", "",
                                           "须填写清零说明")));
  if (!faults.empty()) return AllFaults(std::move(faults));
  return {};
}

Result<std::string> ParseServiceKind(std::string_view name) {
  static constexpr std::array<std::string_view, 5> k{"introduction", "job_offer", "training_offer", "follow_up",
                                                     "return_home_follow_up"};
  return OneOf(name, "kind", k, "服务类型");
}

Result<std::string> ParseServiceOutcome(std::string_view name) {
  static constexpr std::array<std::string_view, 4> k{"pending", "accepted", "refused", "no_answer"};
  return OneOf(name, "outcome", k, "结果");
}

Result<std::string> ParseChannel(std::string_view name, std::string_view field) {
  static constexpr std::array<std::string_view, 8> k{"workshop", "park", "welfare_post", "enterprise",
                                                     "migrant_work", "self_employed", "flexible", "other"};
  return OneOf(name, field, k, "就业渠道");
}

Result<std::string> ParsePlace(std::string_view name, std::string_view field) {
  static constexpr std::array<std::string_view, 4> k{"township", "county", "province", "outside"};
  return OneOf(name, field, k, "务工地点");
}

Status CheckVacancy(const NewVacancy& v) {
  std::vector<Error> faults;
  auto blank = [](const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; };
  if (blank(v.employer))
    faults.push_back(Fault(InvalidArgument("employer is required", "employer", v.employer, "须填写用工单位")));
  if (blank(v.post)) faults.push_back(Fault(InvalidArgument("post is required", "post", v.post, "须填写岗位名称")));
  if (auto c = ParseChannel(v.channel); !c) faults.push_back(c.error());
  if (v.place)
    if (auto p = ParsePlace(*v.place); !p) faults.push_back(p.error());
  if (v.openings < 1 || v.openings > 100000)
    faults.push_back(Fault(InvalidArgument("openings must be 1 to 100000", "openings",
                                           std::to_string(v.openings), "招聘人数应为1至100000")));
  if (v.monthly_pay_fen && *v.monthly_pay_fen < 0)
    faults.push_back(Fault(InvalidArgument("monthly_pay_fen must not be negative (fen)", "monthly_pay_fen",
                                           std::to_string(*v.monthly_pay_fen), "月薪（分）不能为负数")));
  if (v.open_until && *v.open_until <= v.open_from)
    faults.push_back(Fault(InvalidArgument("open_until (the first day no longer offered) must be after open_from",
                                           "open_until", FormatIsoDate(*v.open_until),
                                           "截止日期（不含当日）应晚于开始日期")));
  for (auto [val, field] : {std::pair{v.age_min, "age_min"}, std::pair{v.age_max, "age_max"}})
    if (val && (*val < 16 || *val > 80))
      faults.push_back(Fault(InvalidArgument(std::string(field) + " must be 16 to 80 (years)", field,
                                             std::to_string(*val), "年龄限制应为16至80周岁")));
  if (v.age_min && v.age_max && *v.age_min > *v.age_max)
    faults.push_back(Fault(InvalidArgument("age_min must not exceed age_max", "age_min", std::to_string(*v.age_min),
                                           "最低年龄不能大于最高年龄")));
  if (!faults.empty()) return AllFaults(std::move(faults));
  return {};
}

std::string TallyEn(const ServiceTally& t) {
  std::string out;
  auto add = [&](int n, std::string_view one, std::string_view many) {
    if (n == 0) return;
    out += (out.empty() ? "" : ", ") + fmt::format("{} {}", n, n == 1 ? one : many);
  };
  add(t.introduction, "introduction", "introductions");
  add(t.job_offer, "job offer", "job offers");
  add(t.training_offer, "training offer", "training offers");
  add(t.follow_up, "follow-up", "follow-ups");
  add(t.return_home_follow_up, "return-home follow-up", "return-home follow-ups");
  return out;
}

std::string TallyZh(const ServiceTally& t) {
  std::string out;
  auto add = [&](int n, std::string_view what) {
    if (n == 0) return;
    out += (out.empty() ? "" : "、") + fmt::format("{}{}次", what, n);
  };
  add(t.introduction, "职业介绍");
  add(t.job_offer, "岗位推荐");
  add(t.training_offer, "培训推荐");
  add(t.follow_up, "跟踪回访");
  add(t.return_home_follow_up, "返乡回访");
  return out;
}

}  // namespace anju::industry
