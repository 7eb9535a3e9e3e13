// JSON of the sites module's routes (sites, housing units, grids, parks); see json.h. Moved
// from the former http/dto.cc (issue #13).
#include "sites/http/json.h"

#include "http/reply.h"
#include "reports/county_report.h"

namespace anju::sites {

using namespace anju::http;  // OptInt, OptText, Hundredths
using nlohmann::json;

json HousingUnitJson(const sites::HousingUnit& u) {
  return json{
      {"id", u.id},
      {"site_id", u.site_id},
      {"building", u.building},
      {"entrance", u.entrance},
      {"room", u.room},
      {"floor_area_m2", Hundredths(u.floor_area_dm2)},
      {"household_id", OptInt(u.household_id)},
  };
}

json SiteJson(const sites::SiteFigures& f) {
  const sites::Site& s = f.site;
  json aliases = json::array();
  for (const auto& a : s.aliases) aliases.push_back({{"alias", a.alias}, {"reason", a.reason}});
  json rate = nullptr;
  if (f.working_age > 0) {
    rate = static_cast<double>(f.employed) / static_cast<double>(f.working_age);
  }
  return json{
      {"id", s.id},
      {"name", s.name},
      {"mode", sites::SiteModeName(s.mode)},
      {"township_code", s.township_code},
      {"township_name", s.township_name},
      {"community_code", OptText(s.community_code)},
      {"planned_capacity", OptInt(s.planned_capacity)},
      {"facility_standard", OptText(s.facility_standard)},
      {"note", OptText(s.note)},
      {"aliases", std::move(aliases)},
      {"size_class", reports::SizeClassKey(f.size_class())},  // of the whole site, whatever the scope
      {"households", f.households},
      {"persons", f.persons},
      {"registered_poor_persons", f.registered_poor_persons},
      {"co_relocated_persons", f.co_relocated_persons},
      {"working_age", f.working_age},
      {"employed", f.employed},
      {"employment_rate", rate},
  };
}

json ParkJson(const sites::Park& p) {
  return json{
      {"id", p.id},
      {"name", p.name},
      {"site_id", p.site_id},
      {"shared_with_site_ids", p.shared_with_site_ids},
      {"kind", p.kind},
      {"area_mu", p.area_centimu ? Hundredths(*p.area_centimu) : json(nullptr)},
      {"head_count", OptInt(p.head_count)},
      {"operator", OptText(p.operator_name)},
      {"status", p.planned ? "planned" : "built"},
      {"note", OptText(p.note)},
  };
}

json GridJson(const sites::Grid& g) {
  return json{{"id", g.id}, {"site_id", g.site_id}, {"name", g.name},
              {"buildings", OptText(g.buildings)}};
}

}  // namespace anju::sites
