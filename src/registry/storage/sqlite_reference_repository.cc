#include "registry/storage/sqlite_reference_repository.h"

namespace anju::storage {

registry::OriginVillage ReadOriginVillage(const Statement& st, int c) {
  registry::OriginVillage v;
  v.id = st.ColumnInt(c);
  v.division_code = st.ColumnText(c + 1);
  v.name = st.ColumnText(c + 2);
  v.township_code = st.ColumnText(c + 3);
  v.township_name = st.ColumnText(c + 4);
  v.relocation_type = st.ColumnText(c + 5) == "whole_village" ? registry::RelocationType::kWholeVillage
                                                              : registry::RelocationType::kScattered;
  v.legacy_name = st.ColumnText(c + 6);
  return v;
}

Result<std::vector<registry::Division>> SqliteReferenceRepository::ListDivisions(
    const std::string& level, const std::string& parent_code) {
  auto st = db_.Prepare(
      "SELECT code, name, level, COALESCE(parent_code, ''), COALESCE(urban_rural_code, '') "
      "FROM divisions WHERE (?1 = '' OR level = ?1) AND (?2 = '' OR parent_code = ?2) "
      "ORDER BY code");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, level).Bind(2, parent_code);
  std::vector<registry::Division> out;
  while (true) {
    auto row = st->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    out.push_back({st->ColumnText(0), st->ColumnText(1), st->ColumnText(2), st->ColumnText(3),
                   st->ColumnText(4)});
  }
  return out;
}

Result<std::vector<registry::OriginVillage>> SqliteReferenceRepository::ListOriginVillages(
    const std::string& township_code, std::optional<registry::RelocationType> type) {
  auto st = db_.Prepare(
      "SELECT v.id, COALESCE(v.division_code, ''), v.name, v.township_code, COALESCE(d.name, ''), "
      "v.relocation_type, COALESCE(v.legacy_name, '') "
      "FROM origin_villages v LEFT JOIN divisions d ON d.code = v.township_code "
      "WHERE (?1 = '' OR v.township_code = ?1) AND (?2 = '' OR v.relocation_type = ?2) "
      "ORDER BY v.township_code, v.name, v.id");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, township_code)
      .Bind(2, type ? std::string(registry::RelocationTypeName(*type)) : std::string());
  std::vector<registry::OriginVillage> out;
  while (true) {
    auto row = st->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    out.push_back(ReadOriginVillage(*st));
  }
  return out;
}

}  // namespace anju::storage
