// Storage interface of resettlement sites, grids, housing units and parks. Implemented in
// sites/storage/sqlite_sites_repository.cc.
//
// Scope: ListSites/GetSite show a township actor the sites in its township or receiving
// households from it, a site manager their site, a grid worker the site of their grid; figures
// count only the households within the scope.
//
// Thread-safety: an implementation object is used by one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/date.h"
#include "core/error.h"
#include "sites/sites.h"

namespace anju::sites {

/// Filters of the housing-unit list.
struct HousingUnitFilter {
  std::optional<int64_t> site_id;
  std::string building;          // "" = any
  std::optional<bool> vacant;    // true: no household lives there
  int limit = 500;
  int64_t after_id = 0;          // keyset paging: units with id > after_id
};

class SitesRepository {
 public:
  virtual ~SitesRepository() = default;
  /// Sites within scope with figures computed from the records (site_persons, and so the size
  /// class, over all the site's households whatever the scope); working age is counted on
  /// `as_of` (18–60 周岁). Ordered by site id.
  virtual Result<std::vector<SiteFigures>> ListSites(const AccessScope& scope, Date as_of) = 0;
  /// One site with its aliases and figures. nullopt when absent or outside scope.
  virtual Result<std::optional<SiteFigures>> GetSite(const AccessScope& scope, int64_t id,
                                                     Date as_of) = 0;
  /// The site named `name_or_alias` (exact site name or one of its aliases).
  virtual Result<std::optional<Site>> FindSiteByName(const std::string& name_or_alias) = 0;
  virtual Result<std::vector<Grid>> ListGrids(int64_t site_id) = 0;
  virtual Result<std::vector<HousingUnit>> ListHousingUnits(const HousingUnitFilter& filter) = 0;
  /// Parks, each with the sites it is shared with. Ordered by id.
  virtual Result<std::vector<Park>> ListParks() = 0;
};

}  // namespace anju::sites
