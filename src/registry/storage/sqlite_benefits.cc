#include "registry/storage/sqlite_benefits.h"

#include <fmt/format.h>

#include "core/try.h"

namespace anju::storage {

Result<std::vector<Benefit>> HousingBenefits(Connection& db, int64_t household_id, Date as_of) {
  const std::string day = FormatIsoDate(as_of);
  // The placement valid on the day: an earlier one from placement_history (start ≤ day < end),
  // else the current one of the households row (from the last history end, or move-in).
  ANJU_TRY(st, db.Prepare(
      "SELECT p.site_id, p.housing_unit_id, coalesce(p.start_date, h.formed_on, h.move_in_date) "
      "FROM placement_history p JOIN households h ON h.id = p.household_id "
      "WHERE p.household_id = ?1 AND (p.start_date IS NULL OR p.start_date <= ?2) AND p.end_date > ?2 "
      "AND h.move_in_date <= ?2 AND (h.formed_on IS NULL OR h.formed_on <= ?2) AND (h.ended_on IS NULL OR h.ended_on > ?2) "
      "UNION ALL "
      "SELECT h.site_id, h.housing_unit_id, coalesce((SELECT max(end_date) FROM placement_history q WHERE q.household_id = h.id), "
      "h.formed_on, h.move_in_date) FROM households h "
      "WHERE h.id = ?1 AND h.move_in_date <= ?2 AND (h.formed_on IS NULL OR h.formed_on <= ?2) "
      "AND (h.ended_on IS NULL OR h.ended_on > ?2) "
      "AND NOT EXISTS (SELECT 1 FROM placement_history q WHERE q.household_id = h.id AND q.end_date > ?2)"));
  st.Bind(1, household_id).Bind(2, day);
  ANJU_TRY(row, st.Step());
  std::vector<Benefit> out;
  if (!row) return out;
  const int64_t site_id = st.ColumnInt(0);
  const int64_t unit = st.ColumnIsNull(1) ? 0 : st.ColumnInt(1);  // 0: no unit
  ANJU_TRY(since, ParseIsoDate(st.ColumnText(2), "move_in_date"));
  st.Reset();
  ANJU_TRY(site, db.Prepare("SELECT name FROM sites WHERE id = ?1"));
  site.Bind(1, site_id);
  ANJU_TRY(site_row, site.Step());
  const std::string site_name = site_row ? site.ColumnText(0) : std::to_string(site_id);
  site.Reset();
  Benefit b;
  b.kind = "housing";
  b.from = since;
  b.entity = "site";
  b.entity_id = site_id;
  b.label_zh = fmt::format("安置住房 {}", site_name);
  b.label_en = fmt::format("Resettlement housing, {}", site_name);
  if (unit != 0) {
    ANJU_TRY(u, db.Prepare("SELECT building, entrance, room, floor_area_dm2 FROM housing_units WHERE id = ?1"));
    u.Bind(1, unit);
    ANJU_TRY(u_row, u.Step());
    if (u_row) {
      std::string area_zh, area_en;
      if (!u.ColumnIsNull(3)) {
        const int64_t dm2 = u.ColumnInt(3);
        const std::string m2 = fmt::format("{}.{:02d}", dm2 / 100, dm2 % 100);
        area_zh = fmt::format("（{} m²）", m2);
        area_en = fmt::format(" ({} m²)", m2);
      }
      b.label_zh += fmt::format(" {}号楼{}单元{}{}", u.ColumnText(0), u.ColumnText(1), u.ColumnText(2), area_zh);
      b.label_en += fmt::format(", building {} entrance {} room {}{}", u.ColumnText(0), u.ColumnText(1),
                                u.ColumnText(2), area_en);
      b.entity = "housing_unit";
      b.entity_id = unit;
    }
    u.Reset();
  }
  out.push_back(std::move(b));
  return out;
}

}  // namespace anju::storage
