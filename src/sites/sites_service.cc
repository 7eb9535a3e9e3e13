#include "sites/sites_service.h"

#include <algorithm>
#include <string>

namespace anju::sites {

Result<std::vector<SiteFigures>> SitesService::ListSites(const Actor& actor, Date as_of) {
  return repo_.ListSites(actor.scope, as_of);
}

Result<SiteDetail> SitesService::GetSite(const Actor& actor, int64_t id, Date as_of) {
  auto site = repo_.GetSite(actor.scope, id, as_of);
  if (!site) return std::unexpected(site.error());
  if (!*site) return NotFound("no site with this id in your scope", "id", std::to_string(id), "安置点不存在");
  SiteDetail d;
  d.figures = std::move(**site);
  auto grids = repo_.ListGrids(id);
  if (!grids) return std::unexpected(grids.error());
  d.grids = std::move(*grids);
  auto parks = repo_.ListParks();
  if (!parks) return std::unexpected(parks.error());
  for (auto& p : *parks) {
    bool shared = std::find(p.shared_with_site_ids.begin(), p.shared_with_site_ids.end(), id) !=
                  p.shared_with_site_ids.end();
    if (p.site_id == id || shared) d.parks.push_back(std::move(p));
  }
  return d;
}

Result<std::vector<HousingUnit>> SitesService::ListHousingUnits(const Actor& actor,
                                                                const HousingUnitFilter& filter,
                                                                Date as_of) {
  if (actor.scope.level != AccessScope::Level::kCounty) {
    bool visible = false;
    if (filter.site_id) {
      auto site = repo_.GetSite(actor.scope, *filter.site_id, as_of);
      if (!site) return std::unexpected(site.error());
      visible = site->has_value();
    }
    if (!visible) {
      return InvalidArgument("site_id is required for your scope and must be a site you can see", "site_id",
                             filter.site_id ? std::to_string(*filter.site_id) : "", "请选择您权限内的安置点");
    }
  }
  return repo_.ListHousingUnits(filter);
}

}  // namespace anju::sites
