// The industry places settings (industry/settings.h): workshop.*.
#include "industry/settings.h"

namespace anju::industry {

std::vector<casework::SettingSpec> PlaceSettings() {
  return {casework::SettingSpec{
      .key = "workshop.recognition_min_workers",
      .type = casework::SettingType::kInteger,
      .default_value = "5",
      .unit = "persons",
      .source = "programme-facts §1.5: Guangxi's rule for employment-assistance workshops, ≥ 5 formerly poor workers (monitored persons "
                "count); Shanxi's own threshold not found (unverified). Counted: persons of relocated "
                "households (registered_poor or co_relocated) with a current job at the workshop",
      .source_zh = "项目资料第1.5节：广西就业帮扶车间认定须吸纳脱贫人口5人以上（监测对象计入）；山西标准未找到，"
                   "待核实。计数：在该车间有在岗工作的搬迁户（脱贫户或同步搬迁户）人员",
      .label_zh = "就业帮扶车间认定最少搬迁（脱贫）务工人数",
      .label_en = "workshop recognition: minimum relocated (formerly poor) workers",
      .min = 1,
      .max = 1000,
  }};
}

}  // namespace anju::industry
