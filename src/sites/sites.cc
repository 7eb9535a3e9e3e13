#include "sites/sites.h"

#include <fmt/format.h>

namespace anju::sites {

std::string_view SiteModeName(SiteMode m) {
  switch (m) {
    case SiteMode::kCountyTown: return "county_town";
    case SiteMode::kTownshipSeat: return "township_seat";
    case SiteMode::kLargeVillage: return "large_village";
    case SiteMode::kDispersed: return "dispersed";
  }
  return "county_town";
}

std::string_view SiteModeNameZh(SiteMode m) {
  switch (m) {
    case SiteMode::kCountyTown: return "县城周边";
    case SiteMode::kTownshipSeat: return "乡镇所在地";
    case SiteMode::kLargeVillage: return "依托大村";
    case SiteMode::kDispersed: return "分散安置";
  }
  return "县城周边";
}

Result<SiteMode> ParseSiteMode(std::string_view text) {
  for (SiteMode m : {SiteMode::kCountyTown, SiteMode::kTownshipSeat, SiteMode::kLargeVillage,
                     SiteMode::kDispersed}) {
    if (text == SiteModeName(m) || text == SiteModeNameZh(m)) return m;
  }
  return InvalidArgument(
      "unknown site mode; use county_town, township_seat, large_village or dispersed "
      "(县城周边, 乡镇所在地, 依托大村, 分散安置)",
      "mode", std::string(text), "未知的安置模式");
}

std::string_view SizeClassName(SizeClass c) {
  switch (c) {
    case SizeClass::k3000Plus: return "3000_plus";
    case SizeClass::k800To2999: return "800_2999";
    case SizeClass::kUnder800: return "under_800";
  }
  return "under_800";
}

SizeClass SizeClassFor(int64_t persons) {
  if (persons >= 3000) return SizeClass::k3000Plus;
  if (persons >= 800) return SizeClass::k800To2999;
  return SizeClass::kUnder800;
}

}  // namespace anju::sites
