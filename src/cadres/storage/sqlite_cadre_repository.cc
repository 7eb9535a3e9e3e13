#include "cadres/storage/sqlite_cadre_repository.h"

#include <fmt/format.h>

#include <utility>

#include "core/try.h"
#include "storage/audit_log.h"
#include "storage/scope_sql.h"

namespace anju::storage {
namespace {


constexpr std::string_view kCadreColumns =
    "c.id, c.name, c.unit, c.title, c.phone, COALESCE(c.township_code, ''), c.note, c.created_at, c.ended_on, "
    "c.end_reason, c.version";

cadres::Cadre ReadCadre(const Statement& st, int i = 0) {
  cadres::Cadre c;
  c.id = st.ColumnInt(i);
  c.name = st.ColumnText(i + 1);
  c.unit = st.ColumnText(i + 2);
  c.title = st.ColumnText(i + 3);
  c.phone = st.ColumnText(i + 4);
  c.township_code = st.ColumnText(i + 5);
  c.note = st.ColumnText(i + 6);
  c.created_at = st.ColumnText(i + 7);
  if (!st.ColumnIsNull(i + 8)) {
    if (auto d = ParseIsoDate(st.ColumnText(i + 8))) c.ended_on = *d;
  }
  c.end_reason = st.ColumnText(i + 9);
  c.version = st.ColumnInt(i + 10);
  return c;
}

// Assignments with their household's number, head and site and the cadre's name, unit, phone.
constexpr std::string_view kAssignmentSelect =
    "SELECT a.id, a.household_id, a.cadre_id, a.from_date, a.until_date, a.reason, a.ended_reason, "
    "a.recorded_by, a.recorded_at, h.household_no, "
    "COALESCE((SELECT p.name FROM persons p WHERE p.household_id = h.id AND p.relationship = 'head' "
    "AND p.member_until IS NULL ORDER BY p.id LIMIT 1), ''), COALESCE(s.name, ''), c.name, c.unit, c.phone "
    "FROM cadre_assignments a JOIN households h ON h.id = a.household_id "
    "JOIN origin_villages o ON o.id = h.origin_village_id LEFT JOIN sites s ON s.id = h.site_id "
    "JOIN cadres c ON c.id = a.cadre_id ";

cadres::Assignment ReadAssignment(const Statement& st) {
  cadres::Assignment a;
  a.id = st.ColumnInt(0);
  a.household_id = st.ColumnInt(1);
  a.cadre_id = st.ColumnInt(2);
  if (auto d = ParseIsoDate(st.ColumnText(3))) a.from = *d;
  if (!st.ColumnIsNull(4)) {
    if (auto d = ParseIsoDate(st.ColumnText(4))) a.until = *d;
  }
  a.reason = st.ColumnText(5);
  a.ended_reason = st.ColumnText(6);
  a.recorded_by = st.ColumnText(7);
  a.recorded_at = st.ColumnText(8);
  a.household_no = st.ColumnText(9);
  a.head_name = st.ColumnText(10);
  a.site_name = st.ColumnText(11);
  a.cadre_name = st.ColumnText(12);
  a.cadre_unit = st.ColumnText(13);
  a.cadre_phone = st.ColumnText(14);
  return a;
}

Result<std::vector<cadres::Assignment>> ReadAssignments(Statement& st) {
  std::vector<cadres::Assignment> out;
  while (true) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    out.push_back(ReadAssignment(st));
  }
  return out;
}

// The cadres a scope sees (repository header): county all; else an assignment to a household
// in scope, or the scope's township.
ScopeClause CadreScope(const AccessScope& scope) {
  if (scope.level == AccessScope::Level::kCounty) return {"1 = 1", {}};
  ScopeClause held = HouseholdScopeSql(scope, {.origin_township = "vo.township_code", .site_id = "vh.site_id",
                                               .grid_id = "vh.grid_id", .household_id = "vh.id"});
  ScopeClause out;
  out.sql = fmt::format(
      "(EXISTS (SELECT 1 FROM cadre_assignments va JOIN households vh ON vh.id = va.household_id "
      "JOIN origin_villages vo ON vo.id = vh.origin_village_id WHERE va.cadre_id = c.id AND {})",
      held.sql);
  out.values = held.values;
  if (scope.level == AccessScope::Level::kTownship && !scope.township_code.empty()) {
    out.sql += " OR c.township_code = ?";
    out.values.emplace_back(scope.township_code);
  }
  out.sql += ")";
  return out;
}

}  // namespace

Result<std::optional<cadres::Cadre>> SqliteCadreRepository::FindCadre(int64_t id) {
  ANJU_TRY(st, db_.Prepare(fmt::format("SELECT {} FROM cadres c WHERE c.id = ?", kCadreColumns)));
  st.Bind(1, id);
  ANJU_TRY(row, st.Step());
  if (!row) return std::optional<cadres::Cadre>();
  return std::optional<cadres::Cadre>(ReadCadre(st));
}

Result<std::optional<cadres::Cadre>> SqliteCadreRepository::FindCadreByNamePhone(const std::string& name,
                                                                                 const std::string& phone) {
  ANJU_TRY(st, db_.Prepare(fmt::format(
                   "SELECT {} FROM cadres c WHERE c.name = ? AND c.phone = ? AND c.ended_on IS NULL ORDER BY c.id LIMIT 1",
                   kCadreColumns)));
  st.Bind(1, name).Bind(2, phone);
  ANJU_TRY(row, st.Step());
  if (!row) return std::optional<cadres::Cadre>();
  return std::optional<cadres::Cadre>(ReadCadre(st));
}

Result<std::vector<cadres::CadreListRow>> SqliteCadreRepository::ListCadres(const AccessScope& scope,
                                                                            const cadres::CadreFilter& f) {
  const ScopeClause visible = CadreScope(scope);
  const ScopeClause held = HouseholdScopeSql(scope);
  std::string where = " WHERE " + visible.sql;
  std::vector<std::variant<int64_t, std::string>> vals;
  if (!f.include_ended) where += " AND c.ended_on IS NULL";
  if (!f.q.empty()) {
    where += " AND (c.name LIKE ? OR c.unit LIKE ? OR c.phone LIKE ?)";
    for (int i = 0; i < 3; ++i) vals.emplace_back("%" + f.q + "%");
  }
  if (!f.unit.empty()) {
    where += " AND c.unit LIKE ?";
    vals.emplace_back("%" + f.unit + "%");
  }
  ANJU_TRY(st, db_.Prepare(fmt::format(
                   "SELECT {}, (SELECT count(*) FROM cadre_assignments a JOIN households h ON h.id = a.household_id "
                   "JOIN origin_villages o ON o.id = h.origin_village_id WHERE a.cadre_id = c.id "
                   "AND a.until_date IS NULL AND {}) FROM cadres c{} ORDER BY c.name, c.id",
                   kCadreColumns, held.sql, where)));
  int i = BindScope(st, held, 1);
  i = BindScope(st, visible, i);
  BindScope(st, ScopeClause{"", vals}, i);
  std::vector<cadres::CadreListRow> out;
  while (true) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    out.push_back({ReadCadre(st), st.ColumnInt(11)});
  }
  return out;
}

Result<bool> SqliteCadreRepository::CadreVisible(const AccessScope& scope, int64_t id) {
  const ScopeClause visible = CadreScope(scope);
  ANJU_TRY(st, db_.Prepare(fmt::format("SELECT 1 FROM cadres c WHERE c.id = ? AND {}", visible.sql)));
  st.Bind(1, id);
  BindScope(st, visible, 2);
  ANJU_TRY(row, st.Step());
  return row;
}

Result<std::vector<cadres::Assignment>> SqliteCadreRepository::AssignmentsOfCadre(const AccessScope& scope, int64_t id) {
  const ScopeClause held = HouseholdScopeSql(scope);
  ANJU_TRY(st, db_.Prepare(fmt::format("{} WHERE a.cadre_id = ? AND {} "
                                       "ORDER BY a.until_date IS NOT NULL, a.until_date DESC, h.household_no",
                                       kAssignmentSelect, held.sql)));
  st.Bind(1, id);
  BindScope(st, held, 2);
  return ReadAssignments(st);
}

Result<std::vector<cadres::Assignment>> SqliteCadreRepository::AssignmentsOfHousehold(int64_t household_id) {
  ANJU_TRY(st, db_.Prepare(fmt::format("{} WHERE a.household_id = ? ORDER BY a.from_date DESC, a.id DESC",
                                       kAssignmentSelect)));
  st.Bind(1, household_id);
  return ReadAssignments(st);
}

Result<std::optional<cadres::Assignment>> SqliteCadreRepository::FindAssignment(int64_t id) {
  ANJU_TRY(st, db_.Prepare(fmt::format("{} WHERE a.id = ?", kAssignmentSelect)));
  st.Bind(1, id);
  ANJU_TRY(all, ReadAssignments(st));
  if (all.empty()) return std::optional<cadres::Assignment>();
  return std::optional<cadres::Assignment>(std::move(all.front()));
}

Result<std::optional<cadres::HouseholdFacts>> SqliteCadreRepository::Household(int64_t household_id) {
  ANJU_TRY(st, db_.Prepare(
                   "SELECT h.id, h.household_no, o.township_code, h.site_id, COALESCE(s.township_code, ''), "
                   "h.grid_id, h.move_in_date, h.formed_on, h.ended_on FROM households h "
                   "JOIN origin_villages o ON o.id = h.origin_village_id LEFT JOIN sites s ON s.id = h.site_id "
                   "WHERE h.id = ?"));
  st.Bind(1, household_id);
  ANJU_TRY(row, st.Step());
  if (!row) return std::optional<cadres::HouseholdFacts>();
  cadres::HouseholdFacts f;
  f.id = st.ColumnInt(0);
  f.household_no = st.ColumnText(1);
  f.place = Place{st.ColumnText(2), st.ColumnInt(3), st.ColumnText(4), st.ColumnOptionalInt(5).value_or(0), f.id};
  if (auto d = ParseIsoDate(st.ColumnText(6))) f.start = *d;
  if (!st.ColumnIsNull(7)) {
    if (auto d = ParseIsoDate(st.ColumnText(7)); d && *d > f.start) f.start = *d;
  }
  if (!st.ColumnIsNull(8)) {
    if (auto d = ParseIsoDate(st.ColumnText(8))) f.ended_on = *d;
  }
  return std::optional<cadres::HouseholdFacts>(std::move(f));
}

Result<std::optional<int64_t>> SqliteCadreRepository::HouseholdIdByNo(const std::string& no) {
  ANJU_TRY(st, db_.Prepare("SELECT id FROM households WHERE household_no = ?"));
  st.Bind(1, no);
  ANJU_TRY(row, st.Step());
  if (!row) return std::optional<int64_t>();
  return std::optional<int64_t>(st.ColumnInt(0));
}

Result<std::optional<int64_t>> SqliteCadreRepository::HouseholdIdByHeadId(const std::string& rid) {
  ANJU_TRY(st, db_.Prepare(
                   "SELECT h.id FROM persons p JOIN households h ON h.id = p.household_id WHERE p.resident_id = ? "
                   "AND p.resident_id <> '' AND p.relationship = 'head' AND p.member_until IS NULL "
                   "AND h.ended_on IS NULL ORDER BY h.id LIMIT 1"));
  st.Bind(1, rid);
  ANJU_TRY(row, st.Step());
  if (!row) return std::optional<int64_t>();
  return std::optional<int64_t>(st.ColumnInt(0));
}

Result<int64_t> SqliteCadreRepository::InsertCadre(const cadres::Cadre& c, const Actor& actor, AuditEntry audit) {
  ANJU_TRY(tx, WriteScope::Begin(db_, "anju_cadres"));
  ANJU_TRY(st, db_.Prepare("INSERT INTO cadres (name, unit, title, phone, township_code, note, created_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"));
  st.Bind(1, c.name).Bind(2, c.unit).Bind(3, c.title).Bind(4, c.phone);
  if (c.township_code.empty()) st.BindNull(5); else st.Bind(5, c.township_code);
  st.Bind(6, c.note).Bind(7, UtcTimestampNow());
  ANJU_TRY(id, st.RunReturningId());
  audit.entity_id = std::to_string(id);
  ANJU_CHECK(AppendAudit(db_, actor, audit));
  ANJU_CHECK(tx.Commit());
  return id;
}

Status SqliteCadreRepository::UpdateCadre(const cadres::Cadre& c, const Actor& actor, const AuditEntry& audit) {
  ANJU_TRY(tx, WriteScope::Begin(db_, "anju_cadres"));
  ANJU_TRY(st, db_.Prepare("UPDATE cadres SET name = ?, unit = ?, title = ?, phone = ?, township_code = ?, note = ?, "
                           "ended_on = ?, end_reason = ?, version = version + 1 WHERE id = ? AND version = ?"));
  st.Bind(1, c.name).Bind(2, c.unit).Bind(3, c.title).Bind(4, c.phone);
  if (c.township_code.empty()) st.BindNull(5); else st.Bind(5, c.township_code);
  st.Bind(6, c.note);
  if (c.ended_on) st.Bind(7, FormatIsoDate(*c.ended_on)); else st.BindNull(7);
  st.Bind(8, c.end_reason).Bind(9, c.id).Bind(10, c.version);
  ANJU_CHECK(st.Run());
  if (db_.Changes() == 0)
    return Conflict("the cadre was changed meanwhile; reload and try again", "version", std::to_string(c.version),
                    "该记录已被他人修改，请刷新后重试");
  ANJU_CHECK(AppendAudit(db_, actor, audit));
  return tx.Commit();
}

Result<int64_t> SqliteCadreRepository::Reassign(const cadres::Assignment& a, const std::string& ended_reason,
                                                Date today, const Actor& actor, AuditEntry audit) {
  ANJU_TRY(tx, WriteScope::Begin(db_, "anju_cadres"));
  const std::string from = FormatIsoDate(a.from);
  // The current assignment as this transaction sees it (the writer lock is held from the first
  // write on; a parallel request that read the same current one before is refused here).
  ANJU_TRY(cur, db_.Prepare("SELECT a.from_date, c.name FROM cadre_assignments a JOIN cadres c ON c.id = a.cadre_id "
                            "WHERE a.household_id = ? AND a.until_date IS NULL"));
  cur.Bind(1, a.household_id);
  ANJU_TRY(has, cur.Step());
  if (has && cur.ColumnText(0) >= from) {
    const std::string since = cur.ColumnText(0), name = cur.ColumnText(1);
    const bool on_today = since == FormatIsoDate(today);
    return Conflict(
        fmt::format("the household was {} assigned to {} (from {}); a second assignment from the same day would leave "
                    "an empty period. To correct it, reassign from the next day, or end that assignment on a later day",
                    on_today ? "today" : "already", name, since),
        "from", from,
        fmt::format("{}分派给{}（自 {} 起），同一天不能再次分派；如需更正，请自次日起重新分派",
                    on_today ? "该户今天已" : "该户已", name, since));
  }
  ANJU_TRY(end, db_.Prepare("UPDATE cadre_assignments SET until_date = ?, ended_reason = ? "
                            "WHERE household_id = ? AND until_date IS NULL"));
  end.Bind(1, from).Bind(2, ended_reason).Bind(3, a.household_id);
  ANJU_CHECK(end.Run());
  ANJU_TRY(ins, db_.Prepare("INSERT INTO cadre_assignments (household_id, cadre_id, from_date, reason, recorded_by, "
                            "recorded_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"));
  ins.Bind(1, a.household_id).Bind(2, a.cadre_id).Bind(3, from).Bind(4, a.reason).Bind(5, a.recorded_by)
      .Bind(6, UtcTimestampNow());
  auto id = ins.RunReturningId();
  if (!id) {
    if (id.error().code == ErrorCode::kConflict || id.error().code == ErrorCode::kInvalidArgument)
      return Conflict("the household's cadre was changed meanwhile; reload and try again", "household_id",
                      std::to_string(a.household_id), "该户的帮扶责任人已被他人调整，请刷新后重试");
    return std::unexpected(id.error());
  }
  audit.entity_id = std::to_string(*id);
  ANJU_CHECK(AppendAudit(db_, actor, audit));
  ANJU_CHECK(tx.Commit());
  return *id;
}

Status SqliteCadreRepository::EndAssignment(int64_t id, Date until, const std::string& reason, const Actor& actor,
                                            const AuditEntry& audit) {
  ANJU_TRY(tx, WriteScope::Begin(db_, "anju_cadres"));
  ANJU_TRY(st, db_.Prepare("UPDATE cadre_assignments SET until_date = ?, ended_reason = ? "
                           "WHERE id = ? AND until_date IS NULL"));
  st.Bind(1, FormatIsoDate(until)).Bind(2, reason).Bind(3, id);
  ANJU_CHECK(st.Run());
  if (db_.Changes() == 0)
    return Conflict("the assignment was ended meanwhile; reload", "assignment_id", std::to_string(id),
                    "该结对已被他人结束，请刷新");
  ANJU_CHECK(AppendAudit(db_, actor, audit));
  return tx.Commit();
}

Status SqliteCadreRepository::Begin() { return db_.Exec("BEGIN IMMEDIATE"); }
Status SqliteCadreRepository::Commit() { return db_.Exec("COMMIT"); }
void SqliteCadreRepository::Rollback() { (void)db_.Exec("ROLLBACK"); }

}  // namespace anju::storage
