#include "core/try.h"
#include "sites/storage/sqlite_sites_reference.h"

#include <fmt/format.h>

namespace anju::storage {

namespace {
}  // namespace

Result<ReferenceLoadSummary> LoadReferenceData(Connection& db, const sites::ReferenceData& ref) {
  ReferenceLoadSummary sum;
  auto tx = Transaction::Begin(db);
  if (!tx) return std::unexpected(tx.error());
  auto div = db.Prepare(
      "INSERT INTO divisions(code, name, level, parent_code, urban_rural_code) VALUES (?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT(code) DO UPDATE SET name = ?2, level = ?3, parent_code = ?4, urban_rural_code = ?5");
  if (!div) return std::unexpected(div.error());
  bool has_county = false;
  for (const auto& d : ref.divisions) has_county |= d.code == ref.county_code;
  if (!has_county && !ref.county_code.empty()) {
    // The NBS list starts at townships; add the county row they hang from.
    std::string name = ref.county_name.empty() ? (ref.county_code == "141124" ? "临县" : ref.county_code) : ref.county_name;
    div->Bind(1, ref.county_code).Bind(2, name).Bind(3, "county").BindNull(4).BindNull(5);
    ANJU_CHECK(div->Run());
  }
  for (const auto& d : ref.divisions) {
    div->Bind(1, d.code).Bind(2, d.name).Bind(3, d.level);
    if (d.parent_code.empty()) div->BindNull(4); else div->Bind(4, d.parent_code);
    if (d.urban_rural_code.empty()) div->BindNull(5); else div->Bind(5, d.urban_rural_code);
    ANJU_CHECK(div->Run());
    ++sum.divisions;
  }
  auto site = db.Prepare(
      "INSERT INTO sites(name, mode, township_code, community_code, planned_capacity, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
      "ON CONFLICT(name) DO UPDATE SET mode = ?2, township_code = ?3, community_code = ?4, planned_capacity = ?5, note = ?6");
  auto site_id = db.Prepare("SELECT id FROM sites WHERE name = ?1");
  auto alias = db.Prepare(
      "INSERT INTO site_aliases(alias, site_id, reason) VALUES (?1, ?2, ?3) "
      "ON CONFLICT(alias) DO UPDATE SET site_id = ?2, reason = ?3");
  if (!site) return std::unexpected(site.error());
  if (!site_id) return std::unexpected(site_id.error());
  if (!alias) return std::unexpected(alias.error());
  auto id_of = [&](const std::string& name) -> Result<int64_t> {
    site_id->Bind(1, name);
    auto row = site_id->Step();
    if (!row) return std::unexpected(row.error());
    int64_t id = *row ? site_id->ColumnInt(0) : 0;
    site_id->Reset();
    return id;
  };
  for (const auto& s : ref.sites) {
    site->Bind(1, s.site.name).Bind(2, sites::SiteModeName(s.site.mode)).Bind(3, s.site.township_code);
    if (s.site.community_code.empty()) site->BindNull(4); else site->Bind(4, s.site.community_code);
    site->Bind(5, s.site.planned_capacity);
    site->Bind(6, s.site.note);
    ANJU_CHECK(site->Run());
    ++sum.sites;
    auto id = id_of(s.site.name);
    if (!id) return std::unexpected(id.error());
    for (const auto& a : s.site.aliases) {
      alias->Bind(1, a.alias).Bind(2, *id).Bind(3, a.reason);
      ANJU_CHECK(alias->Run());
      ++sum.aliases;
    }
  }
  auto park = db.Prepare(
      "INSERT INTO parks(name, site_id, kind, area_centimu, head_count, operator, status, note) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(name) DO UPDATE SET site_id = ?2, kind = ?3, "
      "area_centimu = ?4, head_count = ?5, operator = ?6, status = ?7, note = ?8");
  auto park_id = db.Prepare("SELECT id FROM parks WHERE name = ?1");
  auto park_site = db.Prepare("INSERT INTO park_sites(park_id, site_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING");
  if (!park || !park_id || !park_site) return std::unexpected(Error{ErrorCode::kInternal, "prepare parks", "", "", "", {}});
  for (const auto& p : ref.parks) {
    auto sid = id_of(p.site_name);
    if (!sid) return std::unexpected(sid.error());
    if (*sid == 0)
      return InvalidArgument(fmt::format("parks.csv: park {} names site '{}', which is not in sites.csv; use a site name from sites.csv",
                                         p.park.name, p.site_name), "site", p.site_name);
    park->Bind(1, p.park.name).Bind(2, *sid).Bind(3, p.park.kind).Bind(4, p.park.area_centimu).Bind(5, p.park.head_count);
    if (p.park.operator_name.empty()) park->BindNull(6); else park->Bind(6, p.park.operator_name);
    park->Bind(7, p.park.planned ? "planned" : "built").Bind(8, p.park.note);
    ANJU_CHECK(park->Run());
    ++sum.parks;
    park_id->Bind(1, p.park.name);
    auto row = park_id->Step();
    if (!row) return std::unexpected(row.error());
    int64_t pid = park_id->ColumnInt(0);
    park_id->Reset();
    for (const auto& sn : p.shared_with_names) {
      auto other = id_of(sn);
      if (!other) return std::unexpected(other.error());
      if (*other == 0)
        return InvalidArgument(fmt::format("parks.csv: park {} is shared with '{}', which is not in sites.csv", p.park.name, sn),
                               "shared_with", sn);
      park_site->Bind(1, pid).Bind(2, *other);
      ANJU_CHECK(park_site->Run());
    }
  }
  auto kind = db.Prepare(
      "INSERT INTO reference_kinds(category, code, name_zh, name_en) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT(category, code) DO UPDATE SET name_zh = ?3, name_en = ?4");
  if (!kind) return std::unexpected(kind.error());
  for (const auto& k : ref.kinds) {
    kind->Bind(1, k.category).Bind(2, k.code).Bind(3, k.name_zh).Bind(4, k.name_en);
    ANJU_CHECK(kind->Run());
    ++sum.kinds;
  }
  auto meta = db.Prepare("INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2");
  if (!meta) return std::unexpected(meta.error());
  if (!ref.county_code.empty()) {
    meta->Bind(1, "county_code").Bind(2, ref.county_code);
    ANJU_CHECK(meta->Run());
    std::string name = ref.county_name.empty() ? (ref.county_code == "141124" ? "临县" : ref.county_code) : ref.county_name;
    meta->Bind(1, "county_name").Bind(2, name);
    ANJU_CHECK(meta->Run());
  }
  ANJU_CHECK(tx->Commit());
  return sum;
}

}  // namespace anju::storage
