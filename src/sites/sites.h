// Resettlement sites (安置点), their other names, grids (网格), housing units (安置房) and the
// industrial parks (产业园区) built for them. Names follow ../shared/GLOSSARY.md and the
// columns of migration 0001.
//
// A site's size class is derived from the relocated persons resident there and is never
// stored (linxian-figures.md: "3000人以上" → ≥ 3,000; "800-3000人" → 800…2,999; "800人以下" → < 800).
//
// Thread-safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace anju::sites {

/// How a site was built (the article's four modes): near the county town (县城周边), at a
/// township seat (乡镇所在地), relying on a large village (依托大村), dispersed (分散安置).
enum class SiteMode { kCountyTown, kTownshipSeat, kLargeVillage, kDispersed };
std::string_view SiteModeName(SiteMode m);    // "county_town" … "dispersed"
std::string_view SiteModeNameZh(SiteMode m);  // 县城周边 … 分散安置
/// Accepts the identifier or the Chinese term. Errors: kInvalidArgument, field "mode".
Result<SiteMode> ParseSiteMode(std::string_view text);

/// Size class by resident relocated persons.
enum class SizeClass { k3000Plus, k800To2999, kUnder800 };
/// "3000_plus", "800_2999", "under_800": the keys of the report JSON and the API.
/// Boundaries as the article words them: "3000人以上" ≥ 3,000; "800-3000人" 800…2,999;
/// "800人以下" < 800.
std::string_view SizeClassName(SizeClass c);
/// ≥ 3,000 → k3000Plus; 800…2,999 → k800To2999; otherwise kUnder800 (persons ≥ 0).
SizeClass SizeClassFor(int64_t persons);

/// Another name of a site, with why it denotes the site (the article and spreadsheets vary).
struct SiteAlias {
  std::string alias;
  std::string reason;
};

/// A resettlement site.
struct Site {
  int64_t id = 0;
  std::string name;                    // as the article names it, e.g. 城北安置点
  SiteMode mode = SiteMode::kCountyTown;
  std::string township_code;           // 9-digit NBS code of the township it lies in
  std::string township_name;           // filled by reads
  std::string community_code;          // 12-digit 居委会 code it became ("" if not known)
  std::optional<int64_t> planned_capacity;  // persons
  std::string facility_standard;       // 五通六有 items met, comma-separated identifiers
  std::string note;
  std::vector<SiteAlias> aliases;      // filled by reads
};

/// A site with figures computed from the records (persons resident, by category, labour).
struct SiteFigures {
  Site site;
  int64_t households = 0;
  int64_t persons = 0;
  int64_t registered_poor_persons = 0;
  int64_t co_relocated_persons = 0;
  int64_t working_age = 0;  // 18–60 周岁 on the statistics date
  int64_t employed = 0;     // working-age persons with employment_kind != none
  /// All the site's resident persons, whatever the reader's scope (equal to `persons` for the
  /// county): its size class is a fact of the site. Not shown to a scoped reader.
  int64_t site_persons = 0;
  SizeClass size_class() const { return SizeClassFor(site_persons); }
};

/// A grid (网格) of a site: several buildings looked after by one grid worker.
struct Grid {
  int64_t id = 0;
  int64_t site_id = 0;
  std::string name;       // e.g. "第3网格"
  std::string buildings;  // comma-separated building numbers, informational
};

/// A resettlement housing unit: building (楼栋), entrance (单元), room (室) at a site.
struct HousingUnit {
  int64_t id = 0;
  int64_t site_id = 0;
  std::string building;
  std::string entrance;
  std::string room;
  int64_t floor_area_dm2 = 0;              // 0.01 m²
  std::optional<int64_t> household_id;     // filled by reads: the household living there
};

/// An industrial park (产业园区) built or planned for a site.
struct Park {
  int64_t id = 0;
  std::string name;
  int64_t site_id = 0;                     // the site it was built for
  std::vector<int64_t> shared_with_site_ids;  // further sites it serves (park_sites)
  std::string kind;                        // shiitake, vegetable_greenhouse, e_commerce, …
  std::optional<int64_t> area_centimu;     // 0.01 mu; none when the article gives no area
  std::optional<int64_t> head_count;       // livestock capacity of a breeding base
  std::string operator_name;               // leading cooperative or enterprise ("" unknown)
  bool planned = false;                    // status 'planned' (拟新建) vs 'built'
  std::string note;
};

}  // namespace anju::sites
