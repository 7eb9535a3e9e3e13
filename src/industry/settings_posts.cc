// The industry posts settings (industry/settings.h): the public-welfare post rules of
// industry/posts.h, each with its default and source (programme-facts §2).
#include "industry/settings.h"

namespace anju::industry {

namespace {

// The Chinese source (the settings page in zh).
constexpr const char* kRangerZh =
    "项目资料第2节：桐城市2022、2024年生态护林员选聘公告（18至65周岁，可放宽至70周岁；一个家庭至多安排一人；公示不少于7天）";

casework::SettingSpec Years(std::string key, std::string def, std::string source, std::string zh, std::string en,
                            int64_t min, int64_t max, std::string unit = "years",
                            std::string source_zh = kRangerZh) {
  return {.key = std::move(key),
          .type = casework::SettingType::kInteger,
          .default_value = std::move(def),
          .unit = std::move(unit),
          .source = std::move(source),
          .source_zh = std::move(source_zh),
          .label_zh = std::move(zh),
          .label_en = std::move(en),
          .min = min,
          .max = max};
}

}  // namespace

std::vector<casework::SettingSpec> PostSettings() {
  constexpr const char* kRanger =
      "programme-facts §2: ecological forest ranger selection, Tongcheng (Anhui) 2022/2024 notices (age 18–65, relaxed to 70; at most one per household; publicity ≥ 7 days)";
  return {
      Years("posts.per_household", "1", kRanger, "每户公益岗上限", "Welfare posts per household at a time", 1, 10,
            "posts"),
      Years("posts.age_min", "18", kRanger, "公益岗最低年龄", "Welfare post minimum age", 16, 30),
      Years("posts.age_max", "65", kRanger, "公益岗年龄上限（超过提示）", "Welfare post age above which a warning is shown",
            40, 80),
      Years("posts.age_block", "70", std::string(kRanger) + "; national validator flags holders aged ≥70 (1.2)",
            "公益岗禁止年龄（达到即拒绝）", "Welfare post age from which a holding is refused", 40, 90, "years",
            std::string(kRangerZh) + "；国家防返贫系统校验规则对70周岁及以上在岗人员预警（第1.2节）"),
      Years("posts.publicity_days", "7", kRanger, "公益岗公示最少天数", "Days of publicity (公示) before a contract", 0,
            60, "days"),
  };
}

}  // namespace anju::industry
