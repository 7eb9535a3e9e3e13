// The services area's settings (industry/settings.h): zero_employment.*.
#include "industry/settings.h"

namespace anju::industry {

std::vector<casework::SettingSpec> ServiceSettings() {
  using casework::SettingType;
  return {
      {.key = "zero_employment.refusals",
       .type = SettingType::kInteger,
       .default_value = "3",
       .unit = "offers",
       .source = "issue #16 item 4 / programme-facts §1.3: a household may be cleared after refusing 3 "
                 "recommended jobs; local practice, unverified for Lin County",
       .source_zh = "项目资料第1.3节：拒绝3次推荐岗位可退出（外地做法，临县口径待核实）",
       .label_zh = "零就业清零：拒绝推荐岗位次数",
       .label_en = "Zero employment: refused job offers needed to clear",
       .min = 1,
       .max = 20},
      {.key = "zero_employment.lost_contact_months",
       .type = SettingType::kInteger,
       .default_value = "3",
       .unit = "months",
       .source = "issue #16 item 4 / programme-facts §1.3: lost contact for 3 months; local "
                 "practice, unverified for Lin County",
       .source_zh = "项目资料第1.3节：连续3个月无法联系可退出（外地做法，临县口径待核实）",
       .label_zh = "零就业清零：失联月数",
       .label_en = "Zero employment: months of failed contacts needed to clear",
       .min = 1,
       .max = 24},
      {.key = "zero_employment.clearing_valid_months",
       .type = SettingType::kInteger,
       .default_value = "12",
       .unit = "months",
       .source = "local rule (anju, issue #16): a clearing for a non-employment reason is reviewed "
                 "yearly; after it the sweep opens a new follow-up if the rule still holds",
       .source_zh = "本系统规则（动态管理）：非就业原因清零每年复核，到期仍符合条件的重新跟进",
       .label_zh = "零就业清零（非就业原因）有效月数",
       .label_en = "Zero employment: months a non-employment clearing holds",
       .min = 1,
       .max = 60},
  };
}

}  // namespace anju::industry
