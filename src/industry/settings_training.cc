// The industry training settings (industry/settings.h, docs/industry.md "Training").
#include "industry/settings.h"

namespace anju::industry {

std::vector<casework::SettingSpec> TrainingSettings() {
  std::vector<std::string> months;
  for (int m = 1; m <= 36; ++m) months.push_back(std::to_string(m));
  return {{.key = "training.followup_months",
           .type = casework::SettingType::kList,
           .default_value = "3,6,12",
           .unit = "months",
           .source = "programme-facts §3 (suggested design: employment in the 3 / 6 / 12 months after training; "
                     "no published rule found — unverified)",
           .source_zh = "项目资料第3节（建议做法：培训后第3、6、12个月查看就业情况；未找到正式规定，待核实）",
           .label_zh = "培训后就业跟踪月数（结业后第 N 个月查看是否在岗）",
           .label_en = "Training follow-up: months after a class's last day to check for a job",
           .allowed = months}};
}

}  // namespace anju::industry
