#include "industry/http/field_names.h"

#include <array>
#include <string>

#include <fmt/format.h>

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
    FieldName{"drop_reason", "退学原因", "why the person left the class"},
    FieldName{"dropped_on", "退学日期", "the day the person left the class (YYYY-MM-DD)"},
    FieldName{"employer", "用工单位", "the employer's name"},
    FieldName{"end_reason", "离职原因", "why the job ended"},
    FieldName{"ended_on", "结束日期", "the last day (YYYY-MM-DD)"},
    FieldName{"enrolled_on", "报名日期", "the day of enrolment (YYYY-MM-DD)"},
    FieldName{"enterprise", "运营企业", "the enterprise's name"},
    FieldName{"from", "开班日期", "the first day of the class (YYYY-MM-DD)"},
    FieldName{"funding", "资金来源", "where the money comes from"},
    FieldName{"given_on", "服务日期", "the day of the service (YYYY-MM-DD)"},
    FieldName{"head_count", "存栏头数", "the livestock head, 0 or more"},
    FieldName{"hours", "学时", "the class's hours, 1 or more"},
    FieldName{"incentive_note", "优惠政策说明", "the incentives as text"},
    FieldName{"issued_on", "发证日期", "the day of issue (YYYY-MM-DD)"},
    FieldName{"issuer", "发证机构", "the issuing body"},
    FieldName{"kind", "类型", "a kind from the list"},
    FieldName{"kind_id", "岗位类型", "a post kind from the list"},
    FieldName{"level", "级别", "a level from the list"},
    FieldName{"min_pay_fen", "期望最低月薪", "the lowest monthly pay wanted, in fen"},
    FieldName{"monthly_income_fen", "月收入", "the monthly income in fen, 0 or more"},
    FieldName{"monthly_pay_fen", "月薪", "the monthly pay in fen, 0 or more"},
    FieldName{"monthly_subsidy_fen", "月补贴", "the monthly subsidy in fen, 0 or more"},
    FieldName{"months_per_year", "每年务工月数", "the months worked a year, 0 to 12"},
    FieldName{"name", "名称", "a name"},
    FieldName{"name_en", "英文名称", "the English name"},
    FieldName{"note", "备注", "the note as text"},
    FieldName{"number", "证书编号", "the certificate's number"},
    FieldName{"occupation", "职业（工种）", "the occupation"},
    FieldName{"open_from", "开始招聘日期", "the first day of hiring (YYYY-MM-DD)"},
    FieldName{"open_until", "截止招聘日期", "the day hiring ends (YYYY-MM-DD)"},
    FieldName{"opened_on", "投产日期", "the day it opened (YYYY-MM-DD)"},
    FieldName{"openings", "招聘人数", "the number of openings, 1 or more"},
    FieldName{"operator", "经营主体", "the operator's name"},
    FieldName{"operator_kind", "经营主体类型", "cooperative, enterprise or village collective"},
    FieldName{"outcome", "服务结果", "an outcome from the list"},
    FieldName{"paid_fen", "发放金额", "the amount paid in fen, 0 or more"},
    FieldName{"park_id", "园区", "a park from the list"},
    FieldName{"person_id", "人员", "a person from the register"},
    FieldName{"place", "工作地点", "a place from the list"},
    FieldName{"planned_on", "计划建成日期", "the day it is planned to be built (YYYY-MM-DD)"},
    FieldName{"post", "岗位名称", "the post's name"},
    FieldName{"products", "主要产品", "the products as text"},
    FieldName{"provider", "培训机构", "the training provider"},
    FieldName{"publicity_from", "公示开始日期", "the first day of the public notice (YYYY-MM-DD)"},
    FieldName{"publicity_until", "公示结束日期", "the last day of the public notice (YYYY-MM-DD)"},
    FieldName{"quota", "岗位数", "the number of posts, 0 or more"},
    FieldName{"reason", "原因", "the reason as text"},
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
    FieldName{"wishes", "求职意向", "the wishes as text"},
    FieldName{"work_county", "务工县（区）", "the county worked in"},
    FieldName{"workshop_id", "车间", "a workshop from the list"},
};

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

void NameFields(Error& e) {
  if (!e.field.empty()) NameOne(e);
  for (Error& d : e.details) NameFields(d);
}

}  // namespace anju::industry
