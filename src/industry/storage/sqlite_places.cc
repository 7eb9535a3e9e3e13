#include "industry/storage/sqlite_places.h"

#include <fmt/format.h>

#include "casework/storage/sqlite_casework.h"
#include "core/try.h"
#include "storage/audit_log.h"
#include "storage/scope_sql.h"

namespace anju::storage {
namespace {

using industry::Park;
using industry::Workshop;

std::optional<Date> OptDate(const Statement& st, int i) {
  if (st.ColumnIsNull(i)) return std::nullopt;
  if (auto d = ParseIsoDate(st.ColumnText(i))) return *d;
  return std::nullopt;
}
void BindOptDate(Statement& st, int i, const std::optional<Date>& d) {
  if (d) st.Bind(i, FormatIsoDate(*d));
  else st.BindNull(i);
}
void BindOptInt(Statement& st, int i, const std::optional<int64_t>& v) {
  if (v) st.Bind(i, *v);
  else st.BindNull(i);
}
void BindOptText(Statement& st, int i, const std::string& v) {
  if (v.empty()) st.BindNull(i);
  else st.Bind(i, v);
}

constexpr std::string_view kParkSelect =
    "SELECT k.id, k.name, k.site_id, s.name, k.kind, k.area_centimu, k.head_count, COALESCE(k.operator, ''), "
    "COALESCE(k.operator_kind, ''), k.status, k.built_on, k.planned_on, COALESCE(k.note, ''), k.version "
    "FROM parks k JOIN sites s ON s.id = k.site_id ";

Park ReadPark(const Statement& st) {
  Park p;
  p.id = st.ColumnInt(0);
  p.name = st.ColumnText(1);
  p.site_id = st.ColumnInt(2);
  p.site_name = st.ColumnText(3);
  p.kind = st.ColumnText(4);
  p.area_centimu = st.ColumnOptionalInt(5);
  p.head_count = st.ColumnOptionalInt(6);
  p.operator_name = st.ColumnText(7);
  p.operator_kind = st.ColumnText(8);
  p.status = st.ColumnText(9);
  p.built_on = OptDate(st, 10);
  p.planned_on = OptDate(st, 11);
  p.note = st.ColumnText(12);
  p.version = st.ColumnInt(13);
  return p;
}

constexpr std::string_view kWorkshopSelect =
    "SELECT w.id, w.site_id, s.name, w.name, COALESCE(w.kind, ''), COALESCE(w.enterprise, ''), "
    "COALESCE(w.products, ''), COALESCE(w.type, ''), w.opened_on, w.closed_on, COALESCE(w.close_reason, ''), "
    "w.rent_free_years, w.subsidy_fen, COALESCE(w.incentive_note, ''), w.recognised_on, COALESCE(w.level, ''), "
    "w.version FROM workshops w JOIN sites s ON s.id = w.site_id ";

Workshop ReadWorkshop(const Statement& st) {
  Workshop w;
  w.id = st.ColumnInt(0);
  w.site_id = st.ColumnInt(1);
  w.site_name = st.ColumnText(2);
  w.name = st.ColumnText(3);
  w.kind = st.ColumnText(4);
  w.enterprise = st.ColumnText(5);
  w.products = st.ColumnText(6);
  w.type = st.ColumnText(7);
  w.opened_on = OptDate(st, 8);
  w.closed_on = OptDate(st, 9);
  w.close_reason = st.ColumnText(10);
  w.rent_free_years = st.ColumnOptionalInt(11);
  w.subsidy_fen = st.ColumnOptionalInt(12);
  w.incentive_note = st.ColumnText(13);
  w.recognised_on = OptDate(st, 14);
  w.level = st.ColumnText(15);
  w.version = st.ColumnInt(16);
  return w;
}

// A park is seen when one of its sites (own or served) is (SiteScopeSql on that site).
ScopeClause ParkScope(const AccessScope& scope) {
  ScopeClause own = SiteScopeSql(scope, "k.site_id", "s.township_code");
  ScopeClause served = SiteScopeSql(scope, "ps.site_id", "ss.township_code");
  ScopeClause out;
  out.sql = fmt::format("({} OR EXISTS (SELECT 1 FROM park_sites ps JOIN sites ss ON ss.id = ps.site_id "
                        "WHERE ps.park_id = k.id AND {}))",
                        own.sql, served.sql);
  out.values = own.values;
  out.values.insert(out.values.end(), served.values.begin(), served.values.end());
  return out;
}

// Current, not voided jobs on ?1 (bound twice as ?1).
constexpr std::string_view kCurrentJob =
    "j.voided_at IS NULL AND j.started_on <= ?1 AND (j.ended_on IS NULL OR j.ended_on > ?1)";

constexpr std::string_view kJobSelect =
    "SELECT j.id, p.id, p.name, h.id, h.household_no, h.category, j.channel, j.started_on, COALESCE(hs.name, '') "
    "FROM jobs j JOIN persons p ON p.id = j.person_id JOIN households h ON h.id = p.household_id "
    "JOIN origin_villages o ON o.id = h.origin_village_id LEFT JOIN sites hs ON hs.id = h.site_id ";

Result<std::vector<PlaceJob>> ReadJobs(Statement& st) {
  std::vector<PlaceJob> out;
  while (true) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    out.push_back(PlaceJob{st.ColumnInt(0), st.ColumnInt(1), st.ColumnText(2), st.ColumnInt(3), st.ColumnText(4),
                           st.ColumnText(5), st.ColumnText(6), st.ColumnText(7), st.ColumnText(8)});
  }
  return out;
}

Status WriteParkSites(Connection& db, int64_t park_id, const std::vector<int64_t>& sites) {
  ANJU_TRY(del, db.Prepare("DELETE FROM park_sites WHERE park_id = ?"));
  del.Bind(1, park_id);
  ANJU_CHECK(del.Run());
  for (int64_t sid : sites) {
    ANJU_TRY(ins, db.Prepare("INSERT INTO park_sites (park_id, site_id) VALUES (?, ?)"));
    ins.Bind(1, park_id).Bind(2, sid);
    ANJU_CHECK(ins.Run());
  }
  return {};
}

Result<bool> NameTaken(Connection& db, const std::string& name, int64_t except) {
  ANJU_TRY(st, db.Prepare("SELECT 1 FROM parks WHERE name = ? AND id <> ?"));
  st.Bind(1, name).Bind(2, except);
  return st.Step();
}

std::unexpected<Error> ParkNameTaken(const std::string& name) {
  return Conflict(fmt::format("a park named '{}' exists already; give this one another name", name), "name", name,
                  fmt::format("已有名为“{}”的园区，请换一个名称", name));
}

}  // namespace

Result<std::optional<PlaceSite>> SqlitePlaces::Site(int64_t id) {
  ANJU_TRY(st, db_.Prepare("SELECT id, name, township_code FROM sites WHERE id = ?"));
  st.Bind(1, id);
  ANJU_TRY(row, st.Step());
  if (!row) return std::optional<PlaceSite>();
  return std::optional<PlaceSite>(PlaceSite{st.ColumnInt(0), st.ColumnText(1), st.ColumnText(2)});
}

Result<std::vector<Park>> SqlitePlaces::ListParks(const AccessScope& scope) {
  const ScopeClause sc = ParkScope(scope);
  ANJU_TRY(st, db_.Prepare(fmt::format("{} WHERE {} ORDER BY k.id", kParkSelect, sc.sql)));
  BindScope(st, sc, 1);
  std::vector<Park> out;
  while (true) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    out.push_back(ReadPark(st));
  }
  ANJU_TRY(ps, db_.Prepare("SELECT park_id, site_id FROM park_sites ORDER BY park_id, site_id"));
  while (true) {
    ANJU_TRY(row, ps.Step());
    if (!row) break;
    for (Park& p : out)
      if (p.id == ps.ColumnInt(0)) p.served_site_ids.push_back(ps.ColumnInt(1));
  }
  return out;
}

Result<std::optional<Park>> SqlitePlaces::FindPark(int64_t id) {
  ANJU_TRY(st, db_.Prepare(fmt::format("{} WHERE k.id = ?", kParkSelect)));
  st.Bind(1, id);
  ANJU_TRY(row, st.Step());
  if (!row) return std::optional<Park>();
  Park p = ReadPark(st);
  ANJU_TRY(ps, db_.Prepare("SELECT site_id FROM park_sites WHERE park_id = ? ORDER BY site_id"));
  ps.Bind(1, id);
  while (true) {
    ANJU_TRY(r, ps.Step());
    if (!r) break;
    p.served_site_ids.push_back(ps.ColumnInt(0));
  }
  return std::optional<Park>(std::move(p));
}

Result<bool> SqlitePlaces::ParkVisible(const AccessScope& scope, int64_t id) {
  const ScopeClause sc = ParkScope(scope);
  ANJU_TRY(st, db_.Prepare(fmt::format("SELECT 1 FROM parks k JOIN sites s ON s.id = k.site_id WHERE k.id = ? AND {}",
                                       sc.sql)));
  st.Bind(1, id);
  BindScope(st, sc, 2);
  return st.Step();
}

Result<int64_t> SqlitePlaces::CountParkJobs(int64_t id, Date d) {
  ANJU_TRY(st, db_.Prepare(fmt::format("SELECT count(*) FROM jobs j WHERE {} AND j.park_id = ?2", kCurrentJob)));
  st.Bind(1, FormatIsoDate(d)).Bind(2, id);
  ANJU_TRY(row, st.Step());
  (void)row;
  return st.ColumnInt(0);
}

Result<std::vector<PlaceJob>> SqlitePlaces::ParkJobs(const AccessScope& scope, int64_t id, Date d) {
  const ScopeClause held = HouseholdScopeSql(scope);
  ANJU_TRY(st, db_.Prepare(fmt::format("{} WHERE {} AND j.park_id = ?2 AND {} ORDER BY p.name, j.id", kJobSelect,
                                       kCurrentJob, held.sql)));
  st.Bind(1, FormatIsoDate(d)).Bind(2, id);
  BindScope(st, held, 3);
  return ReadJobs(st);
}

Result<int64_t> SqlitePlaces::InsertPark(const Park& p, const Actor& actor, AuditEntry audit) {
  ANJU_TRY(tx, WriteScope::Begin(db_, "anju_places"));
  ANJU_TRY(taken, NameTaken(db_, p.name, 0));
  if (taken) return ParkNameTaken(p.name);
  ANJU_TRY(st, db_.Prepare("INSERT INTO parks (name, site_id, kind, area_centimu, head_count, operator, operator_kind, "
                           "status, built_on, planned_on, note) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id"));
  st.Bind(1, p.name).Bind(2, p.site_id).Bind(3, p.kind);
  BindOptInt(st, 4, p.area_centimu);
  BindOptInt(st, 5, p.head_count);
  BindOptText(st, 6, p.operator_name);
  BindOptText(st, 7, p.operator_kind);
  st.Bind(8, p.status);
  BindOptDate(st, 9, p.built_on);
  BindOptDate(st, 10, p.planned_on);
  st.Bind(11, p.note);
  ANJU_TRY(id, st.RunReturningId());
  ANJU_CHECK(WriteParkSites(db_, id, p.served_site_ids));
  audit.entity_id = std::to_string(id);
  ANJU_CHECK(AppendAudit(db_, actor, audit));
  ANJU_CHECK(tx.Commit());
  return id;
}

Status SqlitePlaces::UpdatePark(const Park& p, const Actor& actor, const AuditEntry& audit) {
  ANJU_TRY(tx, WriteScope::Begin(db_, "anju_places"));
  ANJU_TRY(taken, NameTaken(db_, p.name, p.id));
  if (taken) return ParkNameTaken(p.name);
  ANJU_TRY(st, db_.Prepare("UPDATE parks SET name = ?, site_id = ?, kind = ?, area_centimu = ?, head_count = ?, "
                           "operator = ?, operator_kind = ?, status = ?, built_on = ?, planned_on = ?, note = ?, "
                           "version = version + 1 WHERE id = ? AND version = ?"));
  st.Bind(1, p.name).Bind(2, p.site_id).Bind(3, p.kind);
  BindOptInt(st, 4, p.area_centimu);
  BindOptInt(st, 5, p.head_count);
  BindOptText(st, 6, p.operator_name);
  BindOptText(st, 7, p.operator_kind);
  st.Bind(8, p.status);
  BindOptDate(st, 9, p.built_on);
  BindOptDate(st, 10, p.planned_on);
  st.Bind(11, p.note).Bind(12, p.id).Bind(13, p.version);
  ANJU_CHECK(st.Run());
  if (db_.Changes() == 0)
    return Conflict("the park was changed meanwhile; reload and try again", "version", std::to_string(p.version),
                    "该园区已被他人修改，请刷新后重试");
  ANJU_CHECK(WriteParkSites(db_, p.id, p.served_site_ids));
  ANJU_CHECK(AppendAudit(db_, actor, audit));
  return tx.Commit();
}

Result<std::vector<WorkshopRow>> SqlitePlaces::ListWorkshops(const AccessScope& scope, int64_t site_id,
                                                             bool include_closed, Date d) {
  const ScopeClause sc = SiteScopeSql(scope, "w.site_id", "s.township_code");
  std::string where = " WHERE " + sc.sql;
  if (site_id > 0) where += fmt::format(" AND w.site_id = {}", site_id);
  if (!include_closed) where += " AND (w.closed_on IS NULL OR w.closed_on > ?1)";
  // The ids with the worker count of CountWorkers per row, then each row read whole (a ledger
  // of tens of rows).
  ANJU_TRY(st, db_.Prepare(fmt::format(
                   "SELECT w.id, (SELECT count(DISTINCT j.person_id) FROM jobs j JOIN persons p ON p.id = j.person_id "
                   "JOIN households h ON h.id = p.household_id WHERE j.workshop_id = w.id AND {} "
                   "AND h.category IN ('registered_poor','co_relocated')) "
                   "FROM workshops w JOIN sites s ON s.id = w.site_id{} ORDER BY w.site_id, w.id",
                   kCurrentJob, where)));
  st.Bind(1, FormatIsoDate(d));
  BindScope(st, sc, 2);
  std::vector<std::pair<int64_t, int64_t>> ids;
  while (true) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    ids.emplace_back(st.ColumnInt(0), st.ColumnInt(1));
  }
  std::vector<WorkshopRow> out;
  for (auto [id, workers] : ids) {
    ANJU_TRY(w, FindWorkshop(id));
    if (w) out.push_back(WorkshopRow{*w, workers});
  }
  return out;
}

Result<std::optional<Workshop>> SqlitePlaces::FindWorkshop(int64_t id) {
  ANJU_TRY(st, db_.Prepare(fmt::format("{} WHERE w.id = ?", kWorkshopSelect)));
  st.Bind(1, id);
  ANJU_TRY(row, st.Step());
  if (!row) return std::optional<Workshop>();
  return std::optional<Workshop>(ReadWorkshop(st));
}

Result<bool> SqlitePlaces::WorkshopVisible(const AccessScope& scope, int64_t id) {
  const ScopeClause sc = SiteScopeSql(scope, "w.site_id", "s.township_code");
  ANJU_TRY(st, db_.Prepare(fmt::format(
                   "SELECT 1 FROM workshops w JOIN sites s ON s.id = w.site_id WHERE w.id = ? AND {}", sc.sql)));
  st.Bind(1, id);
  BindScope(st, sc, 2);
  return st.Step();
}

Result<int64_t> SqlitePlaces::CountWorkers(int64_t id, Date d) {
  ANJU_TRY(st, db_.Prepare(fmt::format(
                   "SELECT count(DISTINCT j.person_id) FROM jobs j JOIN persons p ON p.id = j.person_id "
                   "JOIN households h ON h.id = p.household_id WHERE {} AND j.workshop_id = ?2 "
                   "AND h.category IN ('registered_poor','co_relocated')",
                   kCurrentJob)));
  st.Bind(1, FormatIsoDate(d)).Bind(2, id);
  ANJU_TRY(row, st.Step());
  (void)row;
  return st.ColumnInt(0);
}

Result<std::vector<PlaceJob>> SqlitePlaces::Workers(const AccessScope& scope, int64_t id, Date d) {
  const ScopeClause held = HouseholdScopeSql(scope);
  ANJU_TRY(st, db_.Prepare(fmt::format("{} WHERE {} AND j.workshop_id = ?2 AND {} ORDER BY p.name, j.id", kJobSelect,
                                       kCurrentJob, held.sql)));
  st.Bind(1, FormatIsoDate(d)).Bind(2, id);
  BindScope(st, held, 3);
  return ReadJobs(st);
}

Result<bool> SqlitePlaces::WorkshopNameTaken(int64_t site_id, const std::string& name, int64_t except_id) {
  ANJU_TRY(st, db_.Prepare("SELECT 1 FROM workshops WHERE site_id = ? AND name = ? AND id <> ?"));
  st.Bind(1, site_id).Bind(2, name).Bind(3, except_id);
  return st.Step();
}

namespace {
void BindWorkshop(Statement& st, const Workshop& w) {
  st.Bind(1, w.site_id).Bind(2, w.name);
  BindOptText(st, 3, w.kind);
  BindOptText(st, 4, w.enterprise);
  BindOptText(st, 5, w.products);
  BindOptText(st, 6, w.type);
  BindOptDate(st, 7, w.opened_on);
  BindOptDate(st, 8, w.closed_on);
  BindOptText(st, 9, w.close_reason);
  BindOptInt(st, 10, w.rent_free_years);
  BindOptInt(st, 11, w.subsidy_fen);
  BindOptText(st, 12, w.incentive_note);
  BindOptDate(st, 13, w.recognised_on);
  BindOptText(st, 14, w.level);
}
}  // namespace

Result<int64_t> SqlitePlaces::InsertWorkshop(const Workshop& w, const Actor& actor, AuditEntry audit) {
  ANJU_TRY(tx, WriteScope::Begin(db_, "anju_places"));
  ANJU_TRY(st, db_.Prepare("INSERT INTO workshops (site_id, name, kind, enterprise, products, type, opened_on, "
                           "closed_on, close_reason, rent_free_years, subsidy_fen, incentive_note, recognised_on, "
                           "level) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id"));
  BindWorkshop(st, w);
  ANJU_TRY(id, st.RunReturningId());
  audit.entity_id = std::to_string(id);
  ANJU_CHECK(AppendAudit(db_, actor, audit));
  ANJU_CHECK(tx.Commit());
  return id;
}

Status SqlitePlaces::UpdateWorkshop(const Workshop& w, const Actor& actor, const AuditEntry& audit) {
  ANJU_TRY(tx, WriteScope::Begin(db_, "anju_places"));
  ANJU_TRY(st, db_.Prepare("UPDATE workshops SET site_id = ?, name = ?, kind = ?, enterprise = ?, products = ?, "
                           "type = ?, opened_on = ?, closed_on = ?, close_reason = ?, rent_free_years = ?, "
                           "subsidy_fen = ?, incentive_note = ?, recognised_on = ?, level = ?, "
                           "version = version + 1 WHERE id = ? AND version = ?"));
  BindWorkshop(st, w);
  st.Bind(15, w.id).Bind(16, w.version);
  ANJU_CHECK(st.Run());
  if (db_.Changes() == 0)
    return Conflict("the workshop was changed meanwhile; reload and try again", "version", std::to_string(w.version),
                    "该车间已被他人修改，请刷新后重试");
  ANJU_CHECK(AppendAudit(db_, actor, audit));
  return tx.Commit();
}

Result<std::vector<WorkshopRecognitionRow>> WorkshopRecognitions(Connection& db, const AccessScope& scope, Date d) {
  ANJU_TRY(rows, SqlitePlaces(db).ListWorkshops(scope, 0, true, d));
  std::vector<WorkshopRecognitionRow> out;
  if (rows.empty()) return out;
  ANJU_TRY(settings, casework::LoadSettings(db));
  ANJU_TRY(min, settings.Integer("workshop.recognition_min_workers"));
  out.reserve(rows.size());
  for (WorkshopRow& r : rows) {
    industry::Recognition rec = industry::EvaluateRecognition(r.workshop, d, r.workers, min);
    out.push_back({std::move(r.workshop), rec});
  }
  return out;
}

}  // namespace anju::storage
