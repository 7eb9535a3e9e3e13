// The industry module's settings of local policy (docs/industry.md "Settings"): declared here
// with default, unit and source, overridden by the county on the settings page (casework/settings.h,
// GET/PUT /api/v1/settings). One function per area, each in its own file (settings_<area>.cc);
// Settings() joins them for the module descriptor.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "casework/settings.h"

namespace anju::industry {

/// Every industry setting (the descriptor's `settings`).
std::vector<casework::SettingSpec> Settings();

/// How a Chinese message names the industry setting `key`, so a clerk reads its label and support
/// staff still find the key: "设置“公益岗最低年龄”（posts.age_min）" — the label_zh of its
/// SettingSpec without a trailing explanation in full-width parentheses. An unknown key (a
/// programming error) gives "设置（<key>）".
std::string SettingNameZh(std::string_view key);

std::vector<casework::SettingSpec> JobSettings();       // labor.* (settings_jobs.cc)
std::vector<casework::SettingSpec> PlaceSettings();     // workshop.* (settings_places.cc)
std::vector<casework::SettingSpec> PostSettings();      // posts.* (settings_posts.cc)
std::vector<casework::SettingSpec> ServiceSettings();   // zero_employment.*, services.* (settings_services.cc)
std::vector<casework::SettingSpec> TrainingSettings();  // training.* (settings_training.cc)

}  // namespace anju::industry
