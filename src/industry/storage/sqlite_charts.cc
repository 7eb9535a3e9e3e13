// The industry charts' reads (sqlite_charts.h).
#include "industry/storage/sqlite_charts.h"

#include <fmt/format.h>

#include "storage/scope_sql.h"

namespace anju::storage {

Result<bool> TableExists(Connection& db, std::string_view name) {
  auto st = db.Prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, std::string(name));
  auto more = st->Step();
  if (!more) return std::unexpected(more.error());
  return *more && st->ColumnInt(0) > 0;
}

Result<std::vector<SiteChannelCount>> JobsByChannelPerSite(Connection& db, const AccessScope& scope,
                                                           Date as_of) {
  const ScopeClause where = HouseholdScopeSql(scope, {.site_township = "s.township_code"});
  // Members on D by the living register's rule (docs/living-register.md): the current membership
  // or an earlier one (membership_history) covering D, of households counted on D — as the report.
  const std::string sql = fmt::format(
      "WITH m AS (SELECT p.id AS pid, p.household_id AS hid FROM persons p WHERE (p.member_from IS NULL OR "
      "p.member_from <= ?1) AND (p.member_until IS NULL OR p.member_until > ?1) UNION ALL SELECT mh.person_id, "
      "mh.household_id FROM membership_history mh WHERE (mh.start_date IS NULL OR mh.start_date <= ?1) "
      "AND mh.end_date > ?1) "
      "SELECT s.id, s.name, j.channel, count(*) FROM jobs j JOIN m ON m.pid = j.person_id "
      "JOIN households h ON h.id = m.hid JOIN sites s ON s.id = h.site_id "
      "LEFT JOIN origin_villages o ON o.id = h.origin_village_id "
      "WHERE j.voided_at IS NULL AND j.started_on <= ?1 AND (j.ended_on IS NULL OR j.ended_on > ?1) "
      "AND h.move_in_date <= ?1 AND (h.formed_on IS NULL OR h.formed_on <= ?1) "
      "AND (h.ended_on IS NULL OR h.ended_on > ?1) AND ({}) "
      "GROUP BY s.id, s.name, j.channel ORDER BY s.id, j.channel",
      where.sql);
  auto st = db.Prepare(sql);
  if (!st) return std::unexpected(st.error());
  st->Bind(1, FormatIsoDate(as_of));
  BindScope(*st, where, 2);
  std::vector<SiteChannelCount> out;
  while (true) {
    auto more = st->Step();
    if (!more) return std::unexpected(more.error());
    if (!*more) break;
    out.push_back({st->ColumnInt(0), st->ColumnText(1), st->ColumnText(2), st->ColumnInt(3)});
  }
  return out;
}

Result<std::optional<std::vector<std::pair<std::string, int64_t>>>> CertificatesByKind(
    Connection& db, const AccessScope& scope, Date as_of) {
  auto has = TableExists(db, "training_certificates");
  if (!has) return std::unexpected(has.error());
  if (!*has) return std::optional<std::vector<std::pair<std::string, int64_t>>>{};
  const ScopeClause where = HouseholdScopeSql(scope);
  const std::string sql = fmt::format(
      "SELECT c.kind, count(*) FROM training_certificates c JOIN persons p ON p.id = c.person_id "
      "JOIN households h ON h.id = p.household_id "
      "LEFT JOIN origin_villages o ON o.id = h.origin_village_id "
      "WHERE c.voided_at IS NULL AND c.issued_on <= ? AND ({}) GROUP BY c.kind ORDER BY c.kind",
      where.sql);
  auto st = db.Prepare(sql);
  if (!st) return std::unexpected(st.error());
  st->Bind(1, FormatIsoDate(as_of));
  BindScope(*st, where, 2);
  std::vector<std::pair<std::string, int64_t>> out;
  while (true) {
    auto more = st->Step();
    if (!more) return std::unexpected(more.error());
    if (!*more) break;
    out.emplace_back(st->ColumnText(0), st->ColumnInt(1));
  }
  return std::optional(std::move(out));
}

}  // namespace anju::storage
