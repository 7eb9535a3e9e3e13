// The industry settings, joined (industry/settings.h).
#include "industry/settings.h"

namespace anju::industry {

std::vector<casework::SettingSpec> Settings() {
  std::vector<casework::SettingSpec> all;
  for (auto area : {&JobSettings, &PlaceSettings, &PostSettings, &ServiceSettings, &TrainingSettings})
    for (casework::SettingSpec& s : area()) all.push_back(std::move(s));
  return all;
}

}  // namespace anju::industry
