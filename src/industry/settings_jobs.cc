// The industry jobs settings (industry/settings.h): the labour age band (labor.*), read by the
// jobs rules (labor.age_min: no job before it) and the labour figures (working age, docs/industry.md).
#include "industry/settings.h"

namespace anju::industry {

std::vector<casework::SettingSpec> JobSettings() {
  constexpr const char* kSource =
      "Lin County article: 25,600 persons aged 18 to 60 (../shared/reference/linxian-figures.md, labour); "
      "relocation-site reports elsewhere use 16–60 (programme-facts §1.2, local practice)";
  constexpr const char* kSourceZh =
      "临县文章：18至60周岁劳动力2.56万人（linxian-figures.md 劳动力）；其他地区安置点报表用16至60周岁（项目资料第1.2节）";
  return {
      {.key = "labor.age_min",
       .type = casework::SettingType::kInteger,
       .default_value = "18",
       .unit = "years",
       .source = kSource,
       .source_zh = kSourceZh,
       .label_zh = "劳动年龄下限（周岁）",
       .label_en = "Labour age minimum (completed years)",
       .min = 14,
       .max = 30},
      {.key = "labor.age_max",
       .type = casework::SettingType::kInteger,
       .default_value = "60",
       .unit = "years",
       .source = kSource,
       .source_zh = kSourceZh,
       .label_zh = "劳动年龄上限（周岁）",
       .label_en = "Labour age maximum (completed years)",
       .min = 45,
       .max = 75},
  };
}

}  // namespace anju::industry
