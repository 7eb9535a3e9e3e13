// The industry places settings (industry/settings.h): workshop.*.
#include "industry/settings.h"

namespace anju::industry {

std::vector<casework::SettingSpec> PlaceSettings() {
  return {casework::SettingSpec{
      .key = "workshop.recognition_min_workers",
      .type = casework::SettingType::kInteger,
      .default_value = "5",
      .unit = "persons",
      .source = "programme-facts §1.5: Guangxi's rule for 就业帮扶车间, ≥5 脱贫人口 workers (监测对象 "
                "count); Shanxi's own threshold not found (unverified). Counted: persons of relocated "
                "households (registered_poor or co_relocated) with a current job at the workshop",
      .source_zh = "项目资料第1.5节（广西就业帮扶车间认定：吸纳脱贫人口务工不少于5人；山西本地标准未找到，待核实）。"
                   "计数：在车间有在岗工作的搬迁户（脱贫户或同步搬迁户）人员",
      .label_zh = "就业帮扶车间认定最少搬迁（脱贫）务工人数",
      .label_en = "workshop recognition: minimum relocated (formerly poor) workers",
      .min = 1,
      .max = 1000,
  }};
}

}  // namespace anju::industry
