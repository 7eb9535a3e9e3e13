// The industry settings, joined (industry/settings.h).
#include "industry/settings.h"

#include <fmt/format.h>

namespace anju::industry {

std::vector<casework::SettingSpec> Settings() {
  std::vector<casework::SettingSpec> all;
  for (auto area : {&JobSettings, &PlaceSettings, &PostSettings, &ServiceSettings, &TrainingSettings})
    for (casework::SettingSpec& s : area()) all.push_back(std::move(s));
  return all;
}

std::string SettingNameZh(std::string_view key) {
  for (const casework::SettingSpec& s : Settings()) {
    if (s.key != key) continue;
    std::string_view label = s.label_zh;
    // "公益岗年龄上限（超过提示）" -> "公益岗年龄上限": the explanation belongs on the settings page.
    if (label.ends_with("）"))
      if (size_t open = label.rfind("（"); open != std::string_view::npos && open > 0) label = label.substr(0, open);
    return fmt::format("设置“{}”（{}）", label, key);
  }
  return fmt::format("设置（{}）", key);
}

}  // namespace anju::industry
