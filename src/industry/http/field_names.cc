#include "industry/http/field_names.h"

#include <array>
#include <cstdint>
#include <string>

#include <fmt/format.h>

#include "core/plausible.h"

namespace anju::industry {
namespace {

// Every body field of the industry write routes (docs/industry.md "Routes").
constexpr std::array kFields{
    FieldName{"age_max", "最高年龄", "the oldest age wanted, in years"},
    FieldName{"age_min", "最低年龄", "the youngest age wanted, in years"},
    FieldName{"area_mu", "面积（亩）", "the area in mu, e.g. 50 or 12.25"},
    FieldName{"assessment", "考核结果", "the month's assessment from the list"},
    FieldName{"attended_days", "出勤天数", "the days attended, 0 or more"},
    FieldName{"attended_hours", "出勤学时", "the hours attended, 0 or more"},
    FieldName{"built_on", "建成日期", "the day it was built (YYYY-MM-DD)"},
    FieldName{"capacity", "名额", "the places in the class, 1 or more"},
    FieldName{"channel", "就业渠道", "a channel from the list"},
    FieldName{"class_id", "培训班", "a training class from the list"},
    FieldName{"closed_on", "关闭日期", "the day it closed (YYYY-MM-DD)"},
    FieldName{"completed_on", "结业日期", "the day the course was completed (YYYY-MM-DD)"},
    FieldName{"contract_from", "聘用开始日期", "the first day of the contract (YYYY-MM-DD)"},
    FieldName{"contract_until", "聘用结束日期", "the last day of the contract (YYYY-MM-DD)"},
    FieldName{"course_id", "培训项目", "a course from the list"},
    FieldName{"date", "日期", "the day (YYYY-MM-DD)"},
    FieldName{"days_worked", "出勤天数", "the days worked in the month, 0 to 31"},
    FieldName{"drop_reason", "退学原因", "why the person left the class", kMaxLongTextChars, true},
    FieldName{"dropped_on", "退学日期", "the day the person left the class (YYYY-MM-DD)"},
    FieldName{"employer", "用工单位", "the employer's name", kMaxShortTextChars},
    FieldName{"end_reason", "离职原因", "why the job ended", kMaxLongTextChars, true},
    FieldName{"ended_on", "结束日期", "the last day (YYYY-MM-DD)"},
    FieldName{"enrolled_on", "报名日期", "the day of enrolment (YYYY-MM-DD)"},
    FieldName{"enterprise", "运营企业", "the enterprise's name", kMaxShortTextChars},
    FieldName{"from", "开班日期", "the first day of the class (YYYY-MM-DD)"},
    FieldName{"funding", "资金来源", "where the money comes from", kMaxShortTextChars},
    FieldName{"given_on", "服务日期", "the day of the service (YYYY-MM-DD)"},
    FieldName{"head_count", "存栏头数", "the livestock head, 0 or more"},
    FieldName{"hours", "学时", "the class's hours, 1 or more"},
    FieldName{"incentive_note", "优惠政策说明", "the incentives as text", kMaxLongTextChars, true},
    FieldName{"issued_on", "发证日期", "the day of issue (YYYY-MM-DD)"},
    FieldName{"issuer", "发证机构", "the issuing body", kMaxShortTextChars},
    FieldName{"kind", "类型", "a kind from the list"},
    FieldName{"kind_id", "岗位类型", "a post kind from the list"},
    FieldName{"level", "级别", "a level from the list"},
    FieldName{"min_pay_fen", "期望最低月薪", "the lowest monthly pay wanted, in fen"},
    FieldName{"monthly_income_fen", "月收入", "the monthly income in fen, 0 or more"},
    FieldName{"monthly_pay_fen", "月薪", "the monthly pay in fen, 0 or more"},
    FieldName{"monthly_subsidy_fen", "月补贴", "the monthly subsidy in fen, 0 or more"},
    FieldName{"months_per_year", "每年务工月数", "the months worked a year, 0 to 12"},
    FieldName{"name", "名称", "a name", kMaxShortTextChars},
    FieldName{"name_en", "英文名称", "the English name", kMaxShortTextChars},
    FieldName{"note", "备注", "the note as text", kMaxLongTextChars, true},
    FieldName{"number", "证书编号", "the certificate's number", kMaxShortTextChars},
    FieldName{"occupation", "职业（工种）", "the occupation", kMaxShortTextChars},
    FieldName{"open_from", "开始招聘日期", "the first day of hiring (YYYY-MM-DD)"},
    FieldName{"open_until", "截止招聘日期", "the day hiring ends (YYYY-MM-DD)"},
    FieldName{"opened_on", "投产日期", "the day it opened (YYYY-MM-DD)"},
    FieldName{"openings", "招聘人数", "the number of openings, 1 or more"},
    FieldName{"operator", "经营主体", "the operator's name", kMaxShortTextChars},
    FieldName{"operator_kind", "经营主体类型", "cooperative, enterprise or village collective"},
    FieldName{"outcome", "服务结果", "an outcome from the list"},
    FieldName{"paid_fen", "发放金额", "the amount paid in fen, 0 or more"},
    FieldName{"park_id", "园区", "a park from the list"},
    FieldName{"person_id", "人员", "a person from the register"},
    FieldName{"place", "工作地点", "a place from the list"},
    FieldName{"planned_on", "计划建成日期", "the day it is planned to be built (YYYY-MM-DD)"},
    FieldName{"post", "岗位名称", "the post's name", kMaxShortTextChars},
    FieldName{"products", "主要产品", "the products as text", kMaxLongTextChars, true},
    FieldName{"provider", "培训机构", "the training provider", kMaxShortTextChars},
    FieldName{"publicity_from", "公示开始日期", "the first day of the public notice (YYYY-MM-DD)"},
    FieldName{"publicity_until", "公示结束日期", "the last day of the public notice (YYYY-MM-DD)"},
    FieldName{"quota", "岗位数", "the number of posts, 0 or more"},
    FieldName{"reason", "原因", "the reason as text", kMaxLongTextChars, true},
    FieldName{"recognised_on", "认定日期", "the day of recognition (YYYY-MM-DD)"},
    FieldName{"registered_on", "登记日期", "the day of registration (YYYY-MM-DD)"},
    FieldName{"rent_free_years", "免租年限", "the rent-free years, 0 to 20"},
    FieldName{"served_site_ids", "服务的其他安置点", "a list of site ids, e.g. [3, 7]"},
    FieldName{"site_id", "安置点", "a site from the list"},
    FieldName{"started_on", "开始日期", "the first day (YYYY-MM-DD)"},
    FieldName{"status", "状态", "a status from the list"},
    FieldName{"subsidy_fen", "补贴金额", "the subsidy in fen, 0 or more"},
    FieldName{"type", "类别", "a type from the list"},
    FieldName{"until", "结业日期", "the last day of the class (YYYY-MM-DD)"},
    FieldName{"vacancy_id", "岗位", "a vacancy from the list"},
    FieldName{"valid_from", "生效日期", "the first day (YYYY-MM-DD)"},
    FieldName{"valid_until", "失效日期", "the last day (YYYY-MM-DD)"},
    FieldName{"wanted_place", "意向工作地点", "a place from the list"},
    FieldName{"wishes", "求职意向", "the wishes as text", kMaxLongTextChars, true},
    FieldName{"work_county", "务工县（区）", "the county worked in", kMaxShortTextChars},
    FieldName{"workshop_id", "车间", "a workshop from the list"},
};

// The first `n` characters of UTF-8 `text` and "…" when it is longer (the value shown in a fault).
std::string FirstChars(std::string_view text, size_t n) {
  size_t i = 0;
  for (size_t chars = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && chars++ == n) break;
  }
  return i < text.size() ? std::string(text.substr(0, i)) + "…" : std::string(text);
}

bool Has(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

void NameOne(Error& e) {
  const FieldName* n = IndustryField(e.field);
  if (n == nullptr) {
    if (e.message_zh == "未知字段")  // the reader's, for a field no route reads
      e.message_zh = fmt::format("未知字段“{}”：请删除该字段，或对照接口文档改正拼写", e.field);
    return;
  }
  const std::string zh = fmt::format("{}（{}）", n->zh, n->field);
  if (e.message_zh == "必填") {
    e.message_zh = fmt::format("{}必填：请填写{}", zh, n->zh);
    if (e.message == fmt::format("{} is required", n->field))
      e.message = fmt::format("{} is required: give {}", n->field, n->en);
  } else if (e.message_zh.starts_with("应为")) {  // the reader's type fault: "应为整数"
    e.message_zh = fmt::format("{}{}，请改正", zh, e.message_zh);
    e.message += fmt::format("; give {}", n->en);
  } else if (e.message_zh.empty()) {
    e.message_zh = fmt::format("{}有误：请填写{}", zh, n->zh);
  } else if (!Has(e.message_zh, n->zh) && !Has(e.message_zh, n->field)) {
    e.message_zh = fmt::format("{}：{}", zh, e.message_zh);
  }
  if (!Has(e.message, n->field)) e.message = fmt::format("{}: {}", n->field, e.message);
}

}  // namespace

const FieldName* IndustryField(std::string_view field) {
  for (const FieldName& n : kFields)
    if (n.field == field) return &n;
  return nullptr;
}

http::Field<std::string> Text(http::BodyReader& r, std::string_view name) {
  http::Field<std::string> f = r.String(name);
  if (!f.value) return f;
  const FieldName* n = IndustryField(name);
  const size_t max = n != nullptr && n->max_chars > 0 ? n->max_chars : kMaxShortTextChars;
  const bool multiline = n != nullptr && n->multiline;
  if (Status ok = ValidateFreeText(name, *f.value, SIZE_MAX, multiline); !ok) {
    r.Fault(ok.error());  // an invisible or control character, or not UTF-8
  } else if (const size_t chars = CountChars(*f.value); chars > max) {
    r.Fault(InvalidArgument(
                fmt::format("{} has {} characters; at most {} are allowed: shorten it", name, chars, max),
                std::string(name), FirstChars(*f.value, 60),
                fmt::format("长度为 {} 个字符，最多 {} 个字符：请删减", chars, max))
                .error());
  }
  return f;
}

http::Field<int64_t> MonthlyFen(http::BodyReader& r, std::string_view name) {
  http::Field<int64_t> f = r.Int(name);
  if (!f.value || (*f.value >= 0 && *f.value <= kMaxMonthlyFen)) return f;
  const FieldName* n = IndustryField(name);
  r.Fault(InvalidArgument(
              fmt::format("{} must be between 0 and {} fen ({} yuan) a month", name, kMaxMonthlyFen,
                          kMaxMonthlyFen / 100),
              std::string(name), std::to_string(*f.value),
              fmt::format("{}（{}）须在 0 到 {} 分（{} 万元）之间：请改正", n != nullptr ? n->zh : "该项", name,
                          kMaxMonthlyFen, kMaxMonthlyFen / 100 / 10000))
              .error());
  return {};  // as if not given: its fault speaks, and no "required" or clearing follows
}

void NameFields(Error& e) {
  if (!e.field.empty()) NameOne(e);
  for (Error& d : e.details) NameFields(d);
}

}  // namespace anju::industry
