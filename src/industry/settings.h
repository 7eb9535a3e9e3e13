// The industry module's settings of local policy (docs/industry.md "Settings"): declared here
// with default, unit and source, overridden by the county on the settings page (casework/settings.h,
// GET/PUT /api/v1/settings). One function per area, each in its own file (settings_<area>.cc);
// Settings() joins them for the module descriptor.
#pragma once

#include <vector>

#include "casework/settings.h"

namespace anju::industry {

/// Every industry setting (the descriptor's `settings`).
std::vector<casework::SettingSpec> Settings();

std::vector<casework::SettingSpec> JobSettings();       // labor.* (settings_jobs.cc)
std::vector<casework::SettingSpec> PlaceSettings();     // workshop.* (settings_places.cc)
std::vector<casework::SettingSpec> PostSettings();      // posts.* (settings_posts.cc)
std::vector<casework::SettingSpec> ServiceSettings();   // zero_employment.*, services.* (settings_services.cc)
std::vector<casework::SettingSpec> TrainingSettings();  // training.* (settings_training.cc)

}  // namespace anju::industry
