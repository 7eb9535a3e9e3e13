#include "industry/posts.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/try.h"
#include "industry/settings.h"

namespace anju::industry {

Result<PostRules> PostRulesFrom(const casework::Settings& s) {
  PostRules r;
  ANJU_TRY(per_household, s.Integer("posts.per_household"));
  ANJU_TRY(age_min, s.Integer("posts.age_min"));
  ANJU_TRY(age_max, s.Integer("posts.age_max"));
  ANJU_TRY(age_block, s.Integer("posts.age_block"));
  ANJU_TRY(publicity_days, s.Integer("posts.publicity_days"));
  r.per_household = per_household, r.age_min = age_min, r.age_max = age_max, r.age_block = age_block;
  r.publicity_days = publicity_days;
  return r;
}

std::string_view PostLevelName(PostLevel l) {
  switch (l) {
    case PostLevel::kDepartment: return "department";
    case PostLevel::kTownship: return "township";
    case PostLevel::kVillage: return "village";
  }
  return "village";
}
std::string_view PostLevelLabelZh(PostLevel l) {
  switch (l) {
    case PostLevel::kDepartment: return "行业部门";
    case PostLevel::kTownship: return "乡镇";
    case PostLevel::kVillage: return "村级";
  }
  return "村级";
}
Result<PostLevel> ParsePostLevel(std::string_view text) {
  for (PostLevel l : {PostLevel::kDepartment, PostLevel::kTownship, PostLevel::kVillage})
    if (text == PostLevelName(l)) return l;
  return InvalidArgument(fmt::format("level must be department, township or village, not '{}'", text), "level",
                         std::string(text),
                         fmt::format("岗位级别须为 department（行业部门）、township（乡镇）或 village（村级），而不是“{}”", text));
}

std::string_view AssessmentName(Assessment a) {
  switch (a) {
    case Assessment::kExcellent: return "excellent";
    case Assessment::kPass: return "pass";
    case Assessment::kFail: return "fail";
  }
  return "pass";
}
std::string_view AssessmentLabelZh(Assessment a) {
  switch (a) {
    case Assessment::kExcellent: return "优秀";
    case Assessment::kPass: return "合格";
    case Assessment::kFail: return "不合格";
  }
  return "合格";
}
Result<Assessment> ParseAssessment(std::string_view text) {
  for (Assessment a : {Assessment::kExcellent, Assessment::kPass, Assessment::kFail})
    if (text == AssessmentName(a)) return a;
  return InvalidArgument(fmt::format("assessment must be excellent, pass or fail, not '{}'", text), "assessment",
                         std::string(text),
                         fmt::format("考核结果须为优秀（excellent）、合格（pass）或不合格（fail），而不是“{}”", text));
}

Result<Date> ParseMonth(std::string_view text, std::string_view field) {
  auto bad = [&] {
    return InvalidArgument(fmt::format("{} must be a month YYYY-MM, not '{}'", field, text), std::string(field),
                           std::string(text), fmt::format("月份（{}）须为 YYYY-MM（如 2024-03），而不是“{}”", field, text));
  };
  if (text.size() != 7 || text[4] != '-') return bad();
  auto d = ParseIsoDate(fmt::format("{}-01", text), field);
  if (!d || d->year() < std::chrono::year{1900}) return bad();
  return *d;
}

std::string FormatMonth(Date d) { return FormatIsoDate(d).substr(0, 7); }

namespace {

Error Refusal(ErrorCode code, std::string rule, std::string field, std::string value, std::string en, std::string zh) {
  Error e;
  e.code = code;
  e.field = std::move(field);
  e.value = std::move(value);
  e.message = fmt::format("{} ({})", en, rule);
  // A message naming its setting ("设置“公益岗最低年龄”（posts.age_min）") already shows the key.
  e.message_zh = zh.find(rule) == std::string::npos ? fmt::format("{}（规则 {}）", zh, rule) : std::move(zh);
  return e;
}

std::string Ids(const std::vector<int64_t>& ids) { return fmt::format("{}", fmt::join(ids, ",")); }

}  // namespace

Result<std::vector<PostWarning>> CheckAssignment(const AssignmentFacts& f, const PostRules& rules) {
  std::vector<Error> faults;
  std::vector<PostWarning> warnings;
  const std::string from = FormatIsoDate(f.contract_from);

  if (f.contract_until <= f.contract_from)
    faults.push_back(Refusal(ErrorCode::kInvalidArgument, "posts.contract", "contract_until", FormatIsoDate(f.contract_until),
                             fmt::format("the contract must end after it starts ({}); give contract_until after contract_from", from),
                             fmt::format("合同止于日期须晚于开始日期（{}）；请改正合同止于日期", from)));

  // 公示 ≥ N days, ended by the contract's first day.
  const int publicity = DaysSinceEpoch(f.publicity_until) - DaysSinceEpoch(f.publicity_from);
  if (publicity < rules.publicity_days)
    faults.push_back(Refusal(
        ErrorCode::kInvalidArgument, "posts.publicity_days", "publicity_until", FormatIsoDate(f.publicity_until),
        fmt::format("the publicity (公示) lasted {} days, at least {} are required (setting posts.publicity_days); "
                    "publicise from {} until at least {}",
                    publicity, rules.publicity_days, FormatIsoDate(f.publicity_from),
                    FormatIsoDate(FromDaysSinceEpoch(DaysSinceEpoch(f.publicity_from) + static_cast<int>(rules.publicity_days)))),
        fmt::format("公示{}天，至少须{}天，见{}；请公示满{}天后再签合同", publicity, rules.publicity_days,
                    SettingNameZh("posts.publicity_days"), rules.publicity_days)));
  if (f.publicity_until > f.contract_from)
    faults.push_back(Refusal(ErrorCode::kInvalidArgument, "posts.publicity_days", "publicity_until",
                             FormatIsoDate(f.publicity_until),
                             fmt::format("the publicity (公示) must end before the contract starts on {}; "
                                         "move the contract start to {} or later",
                                         from, FormatIsoDate(f.publicity_until)),
                             fmt::format("公示须在合同开始（{}）前结束；请将合同开始日期改为{}或以后", from,
                                         FormatIsoDate(f.publicity_until))));

  // Age on the contract's first day.
  const int age = AgeInCompletedYears(f.birth, f.contract_from);
  if (age < rules.age_min)
    faults.push_back(Refusal(ErrorCode::kInvalidArgument, "posts.age_min", "person_id", std::to_string(age),
                             fmt::format("the person is {} on {}, under the minimum age {} (setting posts.age_min); "
                                         "choose a person aged {} or more",
                                         age, from, rules.age_min, rules.age_min),
                             fmt::format("此人在{}时{}周岁，未满{}周岁，下限见{}；请选择年满{}周岁的人员", from, age,
                                         rules.age_min, SettingNameZh("posts.age_min"), rules.age_min)));
  else if (age >= rules.age_block)
    faults.push_back(Refusal(ErrorCode::kInvalidArgument, "posts.age_block", "person_id", std::to_string(age),
                             fmt::format("the person is {} on {}; posts are refused from age {} (setting posts.age_block); "
                                         "choose a younger member",
                                         age, from, rules.age_block),
                             fmt::format("此人在{}时{}周岁，年满{}周岁不得安排公益岗，见{}；请选择其他人员", from,
                                         age, rules.age_block, SettingNameZh("posts.age_block"))));
  else if (age > rules.age_max)
    warnings.push_back({"posts.age_max", "person_id", std::to_string(age),
                        fmt::format("the person is {}, above the usual maximum age {} (setting posts.age_max): "
                                    "allowed for a healthy, willing person",
                                    age, rules.age_max),
                        fmt::format("此人{}周岁，超过一般上限{}周岁：身体健康、本人自愿的可放宽；上限见{}", age,
                                    rules.age_max, SettingNameZh("posts.age_max"))});

  // No 双岗.
  if (!f.own_holdings.empty())
    faults.push_back(Refusal(ErrorCode::kConflict, "posts.one_per_person", "person_id", Ids(f.own_holdings),
                             fmt::format("the person already holds a post in this period (holding {}); one post per "
                                         "person (no 双岗): end that holding first",
                                         Ids(f.own_holdings)),
                             fmt::format("此人在该期间已有公益岗（岗位记录 {}），不得双岗；请先终止原岗位", Ids(f.own_holdings))));

  // Household cap.
  if (f.household_holdings >= rules.per_household)
    faults.push_back(Refusal(ErrorCode::kConflict, "posts.per_household", "person_id", std::to_string(f.household_holdings),
                             fmt::format("the household already has {} post(s) in this period, at most {} (setting "
                                         "posts.per_household); choose a person of another household",
                                         f.household_holdings, rules.per_household),
                             fmt::format("该户在该期间已有{}个公益岗，每户至多{}个，见{}；请选择其他户的人员",
                                         f.household_holdings, rules.per_household, SettingNameZh("posts.per_household"))));

  // Not while working outside the county.
  if (!f.outside_county_jobs.empty())
    faults.push_back(Refusal(ErrorCode::kInvalidArgument, "posts.outside_county", "person_id", Ids(f.outside_county_jobs),
                             fmt::format("the person has a job outside the county (县外) in this period (job {}); end "
                                         "that job before assigning a post",
                                         Ids(f.outside_county_jobs)),
                             fmt::format("此人在该期间有县外务工记录（就业记录 {}），不得同时安排公益岗；请先结束县外务工",
                                         Ids(f.outside_county_jobs))));

  // Quota of the site and kind.
  if (!f.quota)
    faults.push_back(Refusal(ErrorCode::kConflict, "posts.quota", "kind_id", f.kind_name,
                             fmt::format("the site has no quota of {} on {}; set a quota for the site and kind first",
                                         f.kind_name, from),
                             fmt::format("该安置点在{}没有“{}”岗位指标；请先设置岗位指标", from, f.kind_name)));
  else if (f.quota_used >= *f.quota)
    faults.push_back(Refusal(ErrorCode::kConflict, "posts.quota", "kind_id", f.kind_name,
                             fmt::format("the site's quota of {} is full on {} ({} of {}); end a holding or raise the quota",
                                         f.kind_name, from, f.quota_used, *f.quota),
                             fmt::format("该安置点“{}”岗位指标已满（{}/{}，{}）；请先终止一个岗位或调整指标", f.kind_name,
                                         f.quota_used, *f.quota, from)));

  if (!faults.empty()) return AllFaults(std::move(faults));
  return warnings;
}

}  // namespace anju::industry
