// JSON of the sites module's routes (sites with their figures, housing units, grids, parks).
// Moved from the former http/dto.h (issue #13).
//
// Units on the wire: floor areas in m² (two decimals, from the stored dm²), land in mu (from
// centimu).
//
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include "sites/sites.h"

namespace anju::sites {

/// A site with its figures (size class with the report's keys: 3000_plus, 800_2999,
/// under_800; employment_rate null when nobody is of working age).
nlohmann::json SiteJson(const sites::SiteFigures& f);
nlohmann::json HousingUnitJson(const sites::HousingUnit& u);
nlohmann::json ParkJson(const sites::Park& p);
nlohmann::json GridJson(const sites::Grid& g);

}  // namespace anju::sites
