// SQLite implementation of sites::SitesRepository. Figures are computed from the rows.
//
// Thread-safety: as Connection (one thread at a time).
#pragma once

#include "sites/sites_repository.h"
#include "storage/connection.h"

namespace anju::storage {

/// The housing unit of the current row of `st`, whose columns (from 0) are: id, site_id,
/// building, entrance, room, floor_area_dm2 (dm²), the id of the household living there (NULL:
/// vacant). For every SELECT of housing units (this repository's and the registry's).
sites::HousingUnit ReadHousingUnit(const Statement& st);

class SqliteSitesRepository : public sites::SitesRepository {
 public:
  /// `db` must outlive the repository.
  explicit SqliteSitesRepository(Connection& db) : db_(db) {}
  Result<std::vector<sites::SiteFigures>> ListSites(const AccessScope& scope, Date as_of) override;
  Result<std::optional<sites::SiteFigures>> GetSite(const AccessScope& scope, int64_t id, Date as_of) override;
  Result<std::optional<sites::Site>> FindSiteByName(const std::string& name_or_alias) override;
  Result<std::vector<sites::Grid>> ListGrids(int64_t site_id) override;
  Result<std::vector<sites::HousingUnit>> ListHousingUnits(const sites::HousingUnitFilter& filter) override;
  Result<std::vector<sites::Park>> ListParks() override;

 private:
  Connection& db_;
};

}  // namespace anju::storage
