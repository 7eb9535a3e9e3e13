// SitesService: what the site pages and the housing-unit pickers read about resettlement
// sites (安置点), over a SitesRepository. Every read takes the acting user: a township actor
// sees the sites in its township or receiving its households, a site manager their site, a
// grid worker the site of their grid (scope applied by the repository in SQL); a site outside
// the scope reads as absent (kNotFound), never kPermissionDenied.
//
// Thread-safety: as the repository (one thread at a time).
#pragma once

#include <cstdint>
#include <vector>

#include "core/actor.h"
#include "core/date.h"
#include "core/error.h"
#include "sites/sites.h"
#include "sites/sites_repository.h"

namespace anju::sites {

/// A site with its figures, grids and the parks built for it or shared with it.
struct SiteDetail {
  SiteFigures figures;
  std::vector<Grid> grids;
  std::vector<Park> parks;  // park.site_id == site or the site among shared_with_site_ids
};

class SitesService {
 public:
  /// `repo` must outlive the service.
  explicit SitesService(SitesRepository& repo) : repo_(repo) {}

  /// Sites within the actor's scope with figures counted within the scope; working age
  /// (18–60 周岁) on `as_of`. Ordered by site id. Errors: the repository's.
  Result<std::vector<SiteFigures>> ListSites(const Actor& actor, Date as_of);
  /// One site with figures, grids and parks. Errors: kNotFound (field "id") when absent or
  /// outside the scope.
  Result<SiteDetail> GetSite(const Actor& actor, int64_t id, Date as_of);
  /// Housing units (not personal data). A county-scope actor may list any site's units or all
  /// of them; everyone else must name a site within their scope (kInvalidArgument, field
  /// "site_id", otherwise). Paging as HousingUnitFilter (limit, after_id).
  Result<std::vector<HousingUnit>> ListHousingUnits(const Actor& actor,
                                                    const HousingUnitFilter& filter,
                                                    Date as_of);

 private:
  SitesRepository& repo_;
};

}  // namespace anju::sites
