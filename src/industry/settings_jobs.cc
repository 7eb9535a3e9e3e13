// The industry jobs settings (industry/settings.h). Skeleton from the lead's contract commit: the
// helper building this area declares its settings here.
#include "industry/settings.h"

namespace anju::industry {

std::vector<casework::SettingSpec> JobSettings() { return {}; }

}  // namespace anju::industry
