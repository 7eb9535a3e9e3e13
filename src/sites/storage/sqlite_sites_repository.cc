#include "sites/storage/sqlite_sites_repository.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

#include "storage/scope_sql.h"

namespace anju::storage {

namespace {

std::string YearsBefore(Date d, int y) {
  Date r{d.year() - std::chrono::years{y}, d.month(), d.day()};
  if (!r.ok()) r = Date{r.year(), r.month(), std::chrono::day{28}};
  return FormatIsoDate(r);
}

}  // namespace

Result<std::vector<sites::SiteFigures>> SqliteSitesRepository::ListSites(const AccessScope& scope, Date as_of) {
  // Figures per site over the households in scope; working age 18–60 周岁 on as_of means
  // birth_date in (as_of − 61 years, as_of − 18 years]. Households and sites in scope: the
  // one builder (storage/scope_sql.h); its `?`s follow ?1 and ?2.
  const ScopeClause households = HouseholdScopeSql(scope);
  auto fig = db_.Prepare(fmt::format(
      "SELECT h.site_id, count(DISTINCT h.id), count(p.id), "
      "sum(CASE WHEN p.id IS NOT NULL AND h.category = 'registered_poor' THEN 1 ELSE 0 END), "
      "sum(CASE WHEN p.id IS NOT NULL AND h.category = 'co_relocated' THEN 1 ELSE 0 END), "
      "sum(CASE WHEN p.birth_date <= ?1 AND p.birth_date > ?2 THEN 1 ELSE 0 END), "
      "sum(CASE WHEN p.birth_date <= ?1 AND p.birth_date > ?2 AND p.employment_kind <> 'none' THEN 1 ELSE 0 END) "
      "FROM households h JOIN origin_villages o ON o.id = h.origin_village_id "
      "LEFT JOIN persons p ON p.household_id = h.id AND p.member_until IS NULL "  // current members
      "WHERE h.ended_on IS NULL AND {} GROUP BY h.site_id", households.sql));
  if (!fig) return std::unexpected(fig.error());
  fig->Bind(1, YearsBefore(as_of, 18)).Bind(2, YearsBefore(as_of, 61));
  BindScope(*fig, households, 3);
  std::map<int64_t, std::array<int64_t, 6>> figures;
  for (;;) {
    auto row = fig->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    figures[fig->ColumnInt(0)] = {fig->ColumnInt(1), fig->ColumnInt(2), fig->ColumnInt(3), fig->ColumnInt(4), fig->ColumnInt(5),
                                  fig->ColumnInt(6)};
  }
  // Below the county, each site's resident persons whatever the scope (its size class, a fact
  // of the site), counted as `persons` is (current members of open households).
  std::map<int64_t, int64_t> site_persons;
  if (scope.level != AccessScope::Level::kCounty) {
    auto all = db_.Prepare(
        "SELECT h.site_id, count(p.id) FROM households h "
        "JOIN persons p ON p.household_id = h.id AND p.member_until IS NULL "
        "WHERE h.ended_on IS NULL GROUP BY h.site_id");
    if (!all) return std::unexpected(all.error());
    for (;;) {
      auto row = all->Step();
      if (!row) return std::unexpected(row.error());
      if (!*row) break;
      site_persons[all->ColumnInt(0)] = all->ColumnInt(1);
    }
  }
  const ScopeClause visible = SiteScopeSql(scope);
  auto st = db_.Prepare(fmt::format(
      "SELECT s.id, s.name, s.mode, s.township_code, coalesce(d.name, ''), coalesce(s.community_code, ''), s.planned_capacity, "
      "coalesce(s.facility_standard, ''), coalesce(s.note, '') FROM sites s LEFT JOIN divisions d ON d.code = s.township_code "
      "WHERE {} ORDER BY s.id", visible.sql));
  if (!st) return std::unexpected(st.error());
  BindScope(*st, visible);
  auto al = db_.Prepare("SELECT alias, reason FROM site_aliases WHERE site_id = ?1 ORDER BY alias");
  if (!al) return std::unexpected(al.error());
  std::vector<sites::SiteFigures> out;
  for (;;) {
    auto row = st->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    sites::SiteFigures f;
    f.site.id = st->ColumnInt(0);
    f.site.name = st->ColumnText(1);
    if (auto m = sites::ParseSiteMode(st->ColumnText(2))) f.site.mode = *m;
    f.site.township_code = st->ColumnText(3);
    f.site.township_name = st->ColumnText(4);
    f.site.community_code = st->ColumnText(5);
    f.site.planned_capacity = st->ColumnOptionalInt(6);
    f.site.facility_standard = st->ColumnText(7);
    f.site.note = st->ColumnText(8);
    auto it = figures.find(f.site.id);
    if (it != figures.end()) {
      f.households = it->second[0];
      f.persons = it->second[1];
      f.registered_poor_persons = it->second[2];
      f.co_relocated_persons = it->second[3];
      f.working_age = it->second[4];
      f.employed = it->second[5];
    }
    if (scope.level == AccessScope::Level::kCounty) {
      f.site_persons = f.persons;
    } else if (auto sp = site_persons.find(f.site.id); sp != site_persons.end()) {
      f.site_persons = sp->second;
    }
    al->Bind(1, f.site.id);
    for (;;) {
      auto a = al->Step();
      if (!a) return std::unexpected(a.error());
      if (!*a) break;
      f.site.aliases.push_back({al->ColumnText(0), al->ColumnText(1)});
    }
    al->Reset();
    out.push_back(std::move(f));
  }
  return out;
}

Result<std::optional<sites::SiteFigures>> SqliteSitesRepository::GetSite(const AccessScope& scope, int64_t id, Date as_of) {
  auto all = ListSites(scope, as_of);
  if (!all) return std::unexpected(all.error());
  for (auto& s : *all)
    if (s.site.id == id) return std::optional<sites::SiteFigures>(std::move(s));
  return std::optional<sites::SiteFigures>();
}

Result<std::optional<sites::Site>> SqliteSitesRepository::FindSiteByName(const std::string& name) {
  auto st = db_.Prepare("SELECT s.id FROM sites s WHERE s.name = ?1 UNION ALL "
                        "SELECT a.site_id FROM site_aliases a WHERE a.alias = ?1 LIMIT 1");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, name);
  auto row = st->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<sites::Site>();
  int64_t id = st->ColumnInt(0);
  AccessScope county;
  auto f = GetSite(county, id, Date{std::chrono::year{2000}, std::chrono::month{1}, std::chrono::day{1}});
  if (!f) return std::unexpected(f.error());
  if (!*f) return std::optional<sites::Site>();
  return std::optional<sites::Site>((*f)->site);
}

Result<std::vector<sites::Grid>> SqliteSitesRepository::ListGrids(int64_t site_id) {
  auto st = db_.Prepare("SELECT id, site_id, name, coalesce(buildings, '') FROM grids WHERE site_id = ?1 ORDER BY id");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, site_id);
  std::vector<sites::Grid> out;
  for (;;) {
    auto row = st->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    out.push_back({st->ColumnInt(0), st->ColumnInt(1), st->ColumnText(2), st->ColumnText(3)});
  }
  return out;
}

sites::HousingUnit ReadHousingUnit(const Statement& st) {
  sites::HousingUnit u;
  u.id = st.ColumnInt(0);
  u.site_id = st.ColumnInt(1);
  u.building = st.ColumnText(2);
  u.entrance = st.ColumnText(3);
  u.room = st.ColumnText(4);
  u.floor_area_dm2 = st.ColumnInt(5);
  u.household_id = st.ColumnOptionalInt(6);
  return u;
}

Result<std::vector<sites::HousingUnit>> SqliteSitesRepository::ListHousingUnits(const sites::HousingUnitFilter& f) {
  auto st = db_.Prepare(
      "SELECT u.id, u.site_id, u.building, u.entrance, u.room, u.floor_area_dm2, h.id FROM housing_units u "
      "LEFT JOIN households h ON h.housing_unit_id = u.id WHERE u.id > ?1 AND (?2 IS NULL OR u.site_id = ?2) "
      "AND (?3 = '' OR u.building = ?3) AND (?4 IS NULL OR (?4 = 1) = (h.id IS NULL)) ORDER BY u.id LIMIT ?5");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, f.after_id).Bind(2, f.site_id).Bind(3, f.building);
  if (f.vacant) st->Bind(4, *f.vacant ? 1 : 0); else st->BindNull(4);
  st->Bind(5, std::clamp(f.limit, 1, 5000));
  std::vector<sites::HousingUnit> out;
  for (;;) {
    auto row = st->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    out.push_back(ReadHousingUnit(*st));
  }
  return out;
}

Result<std::vector<sites::Park>> SqliteSitesRepository::ListParks() {
  auto st = db_.Prepare("SELECT id, name, site_id, kind, area_centimu, head_count, coalesce(operator, ''), status, "
                        "coalesce(note, '') FROM parks ORDER BY id");
  auto sh = db_.Prepare("SELECT site_id FROM park_sites WHERE park_id = ?1 ORDER BY site_id");
  if (!st) return std::unexpected(st.error());
  if (!sh) return std::unexpected(sh.error());
  std::vector<sites::Park> out;
  for (;;) {
    auto row = st->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    sites::Park p;
    p.id = st->ColumnInt(0);
    p.name = st->ColumnText(1);
    p.site_id = st->ColumnInt(2);
    p.kind = st->ColumnText(3);
    p.area_centimu = st->ColumnOptionalInt(4);
    p.head_count = st->ColumnOptionalInt(5);
    p.operator_name = st->ColumnText(6);
    p.planned = st->ColumnText(7) == "planned";
    p.note = st->ColumnText(8);
    sh->Bind(1, p.id);
    for (;;) {
      auto r = sh->Step();
      if (!r) return std::unexpected(r.error());
      if (!*r) break;
      p.shared_with_site_ids.push_back(sh->ColumnInt(0));
    }
    sh->Reset();
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace anju::storage
