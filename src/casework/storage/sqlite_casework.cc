// casework's SQL: see sqlite_casework.h.
#include "casework/storage/sqlite_casework.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/try.h"
#include "storage/audit_log.h"
#include "storage/scope_sql.h"

namespace anju::casework {
namespace {

using storage::Connection;
using storage::Statement;

Status InTransaction(Connection& db, const std::function<Status()>& body) {
  if (db.InTransaction()) return body();
  ANJU_TRY(tx, storage::Transaction::Begin(db));
  ANJU_CHECK(body());
  return tx.Commit();
}

std::optional<Date> OptDate(const Statement& st, int col) {
  if (st.ColumnIsNull(col)) return std::nullopt;
  auto d = ParseIsoDate(st.ColumnText(col));
  return d ? std::optional<Date>(*d) : std::nullopt;
}
Date DateCol(const Statement& st, int col) { return OptDate(st, col).value_or(Date{}); }

Statement& BindDate(Statement& st, int i, const std::optional<Date>& d) {
  return d ? st.Bind(i, FormatIsoDate(*d)) : st.BindNull(i);
}

constexpr std::string_view kCaseColumns =
    "c.id, c.kind, c.state, c.title, c.subject_entity, c.subject_id, c.household_id, "
    "c.origin_township_code, c.site_id, c.site_township_code, c.grid_id, c.holder_level, "
    "c.assignee_user_id, c.opened_on, c.opened_by, c.state_since, c.due_on, c.escalation_level, "
    "c.closed_on, c.details, c.version, "
    "(SELECT h.household_no FROM households h WHERE h.id = c.household_id), "
    "(SELECT coalesce(nullif(u.display_name, ''), u.username) FROM users u WHERE u.id = c.opened_by), "
    "(SELECT coalesce(nullif(u.display_name, ''), u.username) FROM users u WHERE u.id = c.assignee_user_id), "
    "c.supervising_level";

Case ReadCase(const Statement& st) {
  Case c;
  c.id = st.ColumnInt(0);
  c.kind = st.ColumnText(1);
  c.state = st.ColumnText(2);
  c.title = st.ColumnText(3);
  c.subject_entity = st.ColumnText(4);
  c.subject_id = st.ColumnInt(5);
  c.household_id = st.ColumnOptionalInt(6);
  c.place.origin_township_code = st.ColumnText(7);
  c.place.site_id = st.ColumnInt(8);
  c.place.site_township_code = st.ColumnText(9);
  c.place.grid_id = st.ColumnInt(10);
  c.holder_level = st.ColumnText(11);
  c.assignee_user_id = st.ColumnOptionalInt(12);
  c.opened_on = DateCol(st, 13);
  c.opened_by = st.ColumnInt(14);
  c.state_since = DateCol(st, 15);
  c.due_on = OptDate(st, 16);
  c.escalation_level = static_cast<int>(st.ColumnInt(17));
  c.closed_on = OptDate(st, 18);
  c.details = st.ColumnText(19);
  c.version = st.ColumnInt(20);
  c.household_no = st.ColumnText(21);
  c.opened_by_name = st.ColumnText(22);
  c.assignee_name = st.ColumnText(23);
  c.supervising_level = st.ColumnOptionalText(24).value_or("");
  return c;
}

Result<std::vector<Case>> ReadCases(Statement& st) {
  std::vector<Case> out;
  while (true) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    out.push_back(ReadCase(st));
  }
  return out;
}

storage::ScopeClause CaseScope(const AccessScope& scope) {
  return storage::HouseholdScopeSql(scope, {.origin_township = "c.origin_township_code",
                                            .site_id = "c.site_id",
                                            .grid_id = "c.grid_id",
                                            .site_township = "c.site_township_code",
                                            .household_id = "c.household_id"});
}

// Binds a list of values collected while building SQL.
using Values = std::vector<std::variant<int64_t, std::string>>;
void BindAll(Statement& st, const Values& v) {
  storage::BindScope(st, storage::ScopeClause{.sql = "", .values = v}, 1);
}

EvidenceQuery& EvidenceQuerySlot() {
  static EvidenceQuery query = nullptr;
  return query;
}

class SqliteCaseRepository final : public CaseRepository {
 public:
  explicit SqliteCaseRepository(Connection& db) : db_(db) {}

  Status Atomically(const std::function<Status()>& body) override {
    return InTransaction(db_, body);
  }

  Result<std::optional<Case>> Find(int64_t id) override {
    ANJU_TRY(st, db_.Prepare(fmt::format("SELECT {} FROM cases c WHERE c.id = ?", kCaseColumns)));
    st.Bind(1, id);
    ANJU_TRY(row, st.Step());
    if (!row) return std::optional<Case>();
    return std::optional<Case>(ReadCase(st));
  }

  Result<int64_t> Insert(const Case& c) override {
    ANJU_TRY(st, db_.Prepare(
                     "INSERT INTO cases (kind, state, title, subject_entity, subject_id, "
                     "household_id, origin_township_code, site_id, site_township_code, grid_id, "
                     "holder_level, assignee_user_id, opened_on, opened_by, state_since, due_on, "
                     "escalation_level, closed_on, details, version, supervising_level) VALUES "
                     "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id"));
    st.Bind(1, c.kind).Bind(2, c.state).Bind(3, c.title).Bind(4, c.subject_entity);
    st.Bind(5, c.subject_id).Bind(6, c.household_id).Bind(7, c.place.origin_township_code);
    st.Bind(8, c.place.site_id).Bind(9, c.place.site_township_code).Bind(10, c.place.grid_id);
    st.Bind(11, c.holder_level).Bind(12, c.assignee_user_id);
    st.Bind(13, FormatIsoDate(c.opened_on)).Bind(14, c.opened_by);
    st.Bind(15, FormatIsoDate(c.state_since));
    BindDate(st, 16, c.due_on);
    st.Bind(17, c.escalation_level);
    BindDate(st, 18, c.closed_on);
    st.Bind(19, c.details).Bind(20, c.version);
    if (c.supervising_level.empty()) st.BindNull(21);
    else st.Bind(21, c.supervising_level);
    return st.RunReturningId();
  }

  Status Update(const Case& c, int64_t expected_version) override {
    ANJU_TRY(st, db_.Prepare(
                     "UPDATE cases SET state = ?, holder_level = ?, assignee_user_id = ?, "
                     "state_since = ?, due_on = ?, escalation_level = ?, closed_on = ?, "
                     "details = ?, version = ?, supervising_level = ? WHERE id = ? AND version = ?"));
    st.Bind(1, c.state).Bind(2, c.holder_level).Bind(3, c.assignee_user_id);
    st.Bind(4, FormatIsoDate(c.state_since));
    BindDate(st, 5, c.due_on);
    st.Bind(6, c.escalation_level);
    BindDate(st, 7, c.closed_on);
    st.Bind(8, c.details).Bind(9, c.version);
    if (c.supervising_level.empty()) st.BindNull(10);
    else st.Bind(10, c.supervising_level);
    st.Bind(11, c.id).Bind(12, expected_version);
    ANJU_CHECK(st.Run());
    if (db_.Changes() != 1)
      return Conflict("the case was changed meanwhile; reload and try again", "version",
                      std::to_string(expected_version), "事项已被他人修改，请刷新后重试");
    return {};
  }

  Result<int64_t> InsertTransition(const CaseTransition& t) override {
    ANJU_TRY(st, db_.Prepare(
                     "INSERT INTO case_transitions (case_id, transition, from_state, to_state, "
                     "on_date, at, user_id, username, note, due_on) VALUES (?,?,?,?,?,?,?,?,?,?) "
                     "RETURNING id"));
    st.Bind(1, t.case_id).Bind(2, t.transition).Bind(3, t.from_state).Bind(4, t.to_state);
    st.Bind(5, FormatIsoDate(t.on_date));
    st.Bind(6, t.at.empty() ? storage::UtcTimestampNow() : t.at);
    st.Bind(7, t.user_id).Bind(8, t.username).Bind(9, t.note);
    BindDate(st, 10, t.due_on);
    return st.RunReturningId();
  }

  Result<std::vector<CaseTransition>> Transitions(int64_t case_id) override {
    ANJU_TRY(st, db_.Prepare(
                     "SELECT id, case_id, transition, from_state, to_state, on_date, at, "
                     "user_id, username, note, due_on FROM case_transitions WHERE case_id = ? "
                     "ORDER BY id"));
    st.Bind(1, case_id);
    std::vector<CaseTransition> out;
    while (true) {
      ANJU_TRY(row, st.Step());
      if (!row) break;
      out.push_back({.id = st.ColumnInt(0),
                     .case_id = st.ColumnInt(1),
                     .transition = st.ColumnText(2),
                     .from_state = st.ColumnText(3),
                     .to_state = st.ColumnText(4),
                     .on_date = DateCol(st, 5),
                     .at = st.ColumnText(6),
                     .user_id = st.ColumnInt(7),
                     .username = st.ColumnText(8),
                     .note = st.ColumnText(9),
                     .due_on = OptDate(st, 10)});
    }
    return out;
  }

  Status Audit(const Actor& actor, const AuditEntry& entry) override {
    return storage::AppendAudit(db_, actor, entry);
  }

  Status Notify(const std::vector<int64_t>& user_ids, const NewNotification& n) override {
    ANJU_TRY(ids, NotifyUsers(db_, user_ids, n));
    (void)ids;
    return {};
  }

  Result<std::vector<int64_t>> UsersAt(AccessScope::Level level, const Place& place) override {
    return UsersCovering(db_, level, place);
  }

  Result<bool> UserActive(int64_t user_id) override {
    ANJU_TRY(st, db_.Prepare("SELECT 1 FROM users WHERE id = ? AND disabled = 0"));
    st.Bind(1, user_id);
    return st.Step();
  }

  Result<std::vector<Case>> List(const Actor& actor, const CaseFilter& f, Date today) override {
    auto scope = CaseScope(actor.scope);
    std::string sql = fmt::format("SELECT {} FROM cases c WHERE ({} OR c.assignee_user_id = ?)",
                                  kCaseColumns, scope.sql);
    Values v = scope.values;
    v.push_back(actor.user_id);
    auto add = [&](std::string_view clause, auto value) {
      sql += " AND ";
      sql += clause;
      v.push_back(value);
    };
    if (!f.kind.empty()) add("c.kind = ?", f.kind);
    if (!f.state.empty()) add("c.state = ?", f.state);
    if (f.household_id) add("c.household_id = ?", *f.household_id);
    if (!f.township.empty()) {
      add("(c.origin_township_code = ? OR c.site_township_code = ?)", f.township);
      v.push_back(f.township);
    }
    if (f.open) sql += *f.open ? " AND c.closed_on IS NULL" : " AND c.closed_on IS NOT NULL";
    if (f.overdue) {
      if (*f.overdue)
        add("c.closed_on IS NULL AND c.due_on IS NOT NULL AND c.due_on < ?", FormatIsoDate(today));
      else
        add("(c.closed_on IS NOT NULL OR c.due_on IS NULL OR c.due_on >= ?)", FormatIsoDate(today));
    }
    add("c.id > ?", f.after_id);
    sql += " ORDER BY c.id LIMIT ?";
    v.push_back(static_cast<int64_t>(f.limit));
    ANJU_TRY(st, db_.Prepare(sql));
    BindAll(st, v);
    return ReadCases(st);
  }

  Result<std::vector<Case>> Queue(const Actor& actor) override {
    auto scope = CaseScope(actor.scope);
    // Held: assigned to the user; or unassigned at the user's level, in scope. Supervised
    // (escalation, docs/casework.md): in scope, the user's level above holder_level and at or
    // below supervising_level — the holder keeps it meanwhile.
    const std::string mine(LevelName(actor.scope.level));
    const std::vector<std::string> order{"grid", "site", "township", "county"};
    std::vector<std::string> below, at_or_above;
    bool reached = false;
    for (const auto& l : order) {
      reached = reached || l == mine;
      (reached ? at_or_above : below).push_back(l);
    }
    auto list = [](const std::vector<std::string>& v) {
      std::string q = "''";  // never a level: an empty list stays valid SQL
      for (size_t i = 0; i < v.size(); ++i) q += ",?";
      return q;
    };
    std::string sql = fmt::format(
        "SELECT {0} FROM cases c WHERE c.closed_on IS NULL AND (c.assignee_user_id = ? OR "
        "(? = 1 AND c.holder_level = ? AND c.assignee_user_id IS NULL AND {1}) OR "
        "(? = 1 AND c.holder_level IN ({2}) AND c.supervising_level IN ({3}) AND {1})) "
        "ORDER BY c.id",
        kCaseColumns, scope.sql, list(below), list(at_or_above));
    const int64_t writes = actor.CanWrite() ? 1 : 0;
    Values v{actor.user_id, writes, mine};
    v.insert(v.end(), scope.values.begin(), scope.values.end());
    v.push_back(writes);
    v.insert(v.end(), below.begin(), below.end());
    v.insert(v.end(), at_or_above.begin(), at_or_above.end());
    v.insert(v.end(), scope.values.begin(), scope.values.end());
    ANJU_TRY(st, db_.Prepare(sql));
    BindAll(st, v);
    return ReadCases(st);
  }

  Result<std::vector<Case>> OpenDueBy(Date until) override {
    ANJU_TRY(st, db_.Prepare(fmt::format(
                     "SELECT {} FROM cases c WHERE c.closed_on IS NULL AND c.due_on IS NOT NULL "
                     "AND c.due_on <= ? ORDER BY c.id",
                     kCaseColumns)));
    st.Bind(1, FormatIsoDate(until));
    return ReadCases(st);
  }

  Result<bool> NearNoticeSent(int64_t case_id, Date since) override {
    ANJU_TRY(st, db_.Prepare(
                     "SELECT 1 FROM notifications WHERE entity = 'case' AND entity_id = ? AND "
                     "kind = ? AND created_at >= ? LIMIT 1"));
    st.Bind(1, case_id).Bind(2, kNoticeDeadlineNear).Bind(3, FormatIsoDate(since));
    return st.Step();
  }

  Result<bool> HasTransitionOn(int64_t case_id, std::string_view transition, Date day) override {
    ANJU_TRY(st, db_.Prepare(
                     "SELECT 1 FROM case_transitions WHERE case_id = ? AND transition = ? AND "
                     "on_date = ? LIMIT 1"));
    st.Bind(1, case_id).Bind(2, transition).Bind(3, FormatIsoDate(day));
    return st.Step();
  }

  Result<WorkCalendar> Calendar() override { return LoadCalendar(db_); }
  Result<Settings> LoadSettings() override { return casework::LoadSettings(db_); }
  Result<bool> HasEvidence(const Case& c) override {
    if (EvidenceQuerySlot()) return EvidenceQuerySlot()(db_, c.subject_entity, c.subject_id);
    return CaseRepository::HasEvidence(c);
  }

 private:
  Connection& db_;
};

Result<std::vector<CalendarDay>> ReadDays(Statement& st) {
  std::vector<CalendarDay> out;
  while (true) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    auto day = ParseIsoDate(st.ColumnText(0));
    auto kind = ParseDayKind(st.ColumnText(1));
    if (!day || !kind) continue;  // CHECK constraints keep these valid
    out.push_back({*day, *kind, st.ColumnText(2), st.ColumnText(3)});
  }
  return out;
}

bool MayEditCalendar(const Actor& a) {
  return a.role == Role::kCountyAdmin || a.role == Role::kSystem;
}

Status UpsertDays(Connection& db, std::span<const CalendarDay> days) {
  ANJU_TRY(del, db.Prepare("DELETE FROM calendar_days WHERE day = ?"));
  ANJU_TRY(ins, db.Prepare("INSERT INTO calendar_days (day, kind, name, source) VALUES (?,?,?,?)"));
  for (const auto& d : days) {
    del.Bind(1, FormatIsoDate(d.day));
    ANJU_CHECK(del.Run());
    ins.Bind(1, FormatIsoDate(d.day)).Bind(2, DayKindName(d.kind)).Bind(3, d.name);
    ins.Bind(4, d.source);
    ANJU_CHECK(ins.Run());
  }
  return {};
}

std::string DaysJson(std::span<const CalendarDay> days) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& d : days)
    j.push_back({FormatIsoDate(d.day), std::string(DayKindName(d.kind)), d.name});
  return j.dump();
}

}  // namespace

std::unique_ptr<CaseRepository> MakeCaseRepository(Connection& db) {
  return std::make_unique<SqliteCaseRepository>(db);
}

void SetEvidenceQuery(EvidenceQuery query) { EvidenceQuerySlot() = query; }

CaseService MakeCaseService(Connection& db, std::optional<Date> today) {
  return CaseService(MakeCaseRepository(db), today.value_or(TodayInChina()));
}

Result<std::optional<Place>> HouseholdPlace(Connection& db, int64_t household_id) {
  ANJU_TRY(st, db.Prepare("SELECT o.township_code, h.site_id, s.township_code, h.grid_id FROM "
                          "households h JOIN origin_villages o ON o.id = h.origin_village_id "
                          "JOIN sites s ON s.id = h.site_id WHERE h.id = ?"));
  st.Bind(1, household_id);
  ANJU_TRY(row, st.Step());
  if (!row) return std::optional<Place>();
  return std::optional<Place>(Place{.origin_township_code = st.ColumnText(0),
                                    .site_id = st.ColumnInt(1),
                                    .site_township_code = st.ColumnText(2),
                                    .grid_id = st.ColumnOptionalInt(3).value_or(0)});
}

// ---- settings ---------------------------------------------------------------------------------

Result<Settings> LoadSettings(Connection& db) {
  ANJU_TRY(st, db.Prepare("SELECT key, value, source, set_by, set_at FROM casework_settings"));
  std::map<std::string, SettingOverride, std::less<>> o;
  while (true) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    o[st.ColumnText(0)] = {st.ColumnText(1), st.ColumnText(2), st.ColumnText(3), st.ColumnText(4)};
  }
  return Settings(std::move(o));
}

Result<SettingValue> PutSetting(Connection& db, const Actor& actor, std::string_view key,
                                std::string_view value, std::string_view source) {
  if (actor.role != Role::kCountyAdmin && actor.role != Role::kSystem)
    return PermissionDenied("only a county admin changes settings", "只有县管理员可以修改设置");
  ANJU_TRY(canonical, ValidateSetting(key, value));
  if (Status committed = InTransaction(db, [&]() -> Status {
    ANJU_TRY(before, LoadSettings(db));
    std::string old;
    for (auto& s : before.All())
      if (s.spec.key == key) old = s.value;
    ANJU_TRY(del, db.Prepare("DELETE FROM casework_settings WHERE key = ?"));
    del.Bind(1, key);
    ANJU_CHECK(del.Run());
    ANJU_TRY(ins, db.Prepare("INSERT INTO casework_settings (key, value, source, set_by, set_at) "
                             "VALUES (?,?,?,?,?)"));
    ins.Bind(1, key).Bind(2, canonical).Bind(3, source).Bind(4, actor.username);
    ins.Bind(5, storage::UtcTimestampNow());
    ANJU_CHECK(ins.Run());
    nlohmann::json ch = nlohmann::json::object();
    ch["value"] = {old, canonical};
    if (!source.empty()) ch["source"] = source;
    return storage::AppendAudit(db, actor, {.action = "setting.put", .entity = "setting",
                                            .entity_id = std::string(key), .changes = ch.dump(),
                                            .source = ""});
  }); !committed)
    return std::unexpected(committed.error());
  ANJU_TRY(now, LoadSettings(db));
  for (auto& s : now.All())
    if (s.spec.key == key) return s;
  return Internal("setting vanished after write");
}

// ---- calendar ---------------------------------------------------------------------------------

Result<WorkCalendar> LoadCalendar(Connection& db) {
  ANJU_TRY(st, db.Prepare("SELECT day, kind, name, source FROM calendar_days"));
  ANJU_TRY(days, ReadDays(st));
  return WorkCalendar(days);
}

Result<std::vector<CalendarDay>> CalendarYear(Connection& db, int year) {
  ANJU_TRY(st, db.Prepare("SELECT day, kind, name, source FROM calendar_days WHERE day >= ? AND "
                          "day <= ? ORDER BY day"));
  st.Bind(1, fmt::format("{:04}-01-01", year)).Bind(2, fmt::format("{:04}-12-31", year));
  return ReadDays(st);
}

Status PutCalendarYear(Connection& db, const Actor& actor, int year,
                       std::span<const CalendarDay> days) {
  if (!MayEditCalendar(actor))
    return PermissionDenied("only a county admin changes the calendar", "只有县管理员可以修改工作日历");
  std::vector<Error> faults;
  for (size_t i = 0; i < days.size(); ++i)
    if (static_cast<int>(days[i].day.year()) != year)
      faults.push_back(InvalidArgument("the day lies outside year " + std::to_string(year),
                                       fmt::format("days[{}].day", i), FormatIsoDate(days[i].day),
                                       "日期不在 " + std::to_string(year) + " 年内").error());
  if (!faults.empty()) return AllFaults(std::move(faults));
  return InTransaction(db, [&]() -> Status {
    ANJU_TRY(before, CalendarYear(db, year));
    ANJU_TRY(del, db.Prepare("DELETE FROM calendar_days WHERE day >= ? AND day <= ?"));
    del.Bind(1, fmt::format("{:04}-01-01", year)).Bind(2, fmt::format("{:04}-12-31", year));
    ANJU_CHECK(del.Run());
    ANJU_CHECK(UpsertDays(db, days));
    return storage::AppendAudit(
        db, actor,
        {.action = "calendar.put", .entity = "calendar", .entity_id = std::to_string(year),
         .changes = fmt::format("{{\"days\":[{},{}]}}", DaysJson(before), DaysJson(days)),
         .source = ""});
  });
}

Status UpsertCalendarDays(Connection& db, const Actor& actor, std::span<const CalendarDay> days) {
  if (!MayEditCalendar(actor))
    return PermissionDenied("only a county admin changes the calendar", "只有县管理员可以修改工作日历");
  return InTransaction(db, [&]() -> Status {
    ANJU_CHECK(UpsertDays(db, days));
    return storage::AppendAudit(db, actor,
                                {.action = "calendar.import", .entity = "calendar",
                                 .entity_id = "", .changes = fmt::format("{{\"days\":{}}}", DaysJson(days)),
                                 .source = ""});
  });
}

// ---- inbox ------------------------------------------------------------------------------------

Result<std::vector<int64_t>> NotifyUsers(Connection& db, std::span<const int64_t> user_ids,
                                         const NewNotification& n) {
  std::vector<int64_t> ids;
  if (user_ids.empty()) return ids;
  const std::string now = storage::UtcTimestampNow();
  ANJU_TRY(st, db.Prepare("INSERT INTO notifications (user_id, kind, title, body, entity, "
                          "entity_id, created_at) VALUES (?,?,?,?,?,?,?) RETURNING id"));
  for (int64_t u : user_ids) {
    st.Bind(1, u).Bind(2, n.kind).Bind(3, n.title).Bind(4, n.body).Bind(5, n.entity);
    st.Bind(6, n.entity_id).Bind(7, now);
    ANJU_TRY(id, st.RunReturningId());
    ids.push_back(id);
    if (Notifier* out = InstalledNotifier())
      out->Send({.id = id, .user_id = u, .kind = n.kind, .title = n.title, .body = n.body,
                 .entity = n.entity, .entity_id = n.entity_id, .created_at = now});
  }
  return ids;
}

Result<std::vector<int64_t>> UsersCovering(Connection& db, AccessScope::Level level,
                                           const Place& place) {
  ANJU_TRY(st, db.Prepare("SELECT id, role, township_code, site_id, grid_id FROM users WHERE "
                          "disabled = 0 ORDER BY id"));
  std::vector<int64_t> out;
  while (true) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    auto role = ParseRole(st.ColumnText(1));
    if (!role || *role == Role::kAuditor) continue;
    AccessScope s;
    switch (*role) {
      case Role::kTownshipStaff:
        s = {.level = AccessScope::Level::kTownship, .township_code = st.ColumnText(2)};
        break;
      case Role::kSiteManager:
        s = {.level = AccessScope::Level::kSite, .site_id = st.ColumnInt(3)};
        break;
      case Role::kGridWorker:
        s = {.level = AccessScope::Level::kGrid, .grid_id = st.ColumnInt(4)};
        break;
      case Role::kCountyAdmin:
      case Role::kCountyStaff:
        s = {.level = AccessScope::Level::kCounty};
        break;
      default:
        continue;  // other roles (e.g. the cadre role) hold cases by assignment only
    }
    if (s.level == level && ScopeCovers(s, place)) out.push_back(st.ColumnInt(0));
  }
  return out;
}

Result<std::vector<int64_t>> NotifyScope(Connection& db, AccessScope::Level level,
                                         const Place& place, const NewNotification& n) {
  ANJU_TRY(users, UsersCovering(db, level, place));
  return NotifyUsers(db, users, n);
}

Result<std::vector<Notification>> ListInbox(Connection& db, int64_t user_id, bool unread_only,
                                            int limit, int64_t before_id) {
  ANJU_TRY(st, db.Prepare(fmt::format(
                   "SELECT id, user_id, kind, title, body, entity, entity_id, created_at, read_at "
                   "FROM notifications WHERE user_id = ? AND id < ?{} ORDER BY id DESC LIMIT ?",
                   unread_only ? " AND read_at IS NULL" : "")));
  st.Bind(1, user_id).Bind(2, before_id > 0 ? before_id : INT64_MAX).Bind(3, limit);
  std::vector<Notification> out;
  while (true) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    out.push_back({.id = st.ColumnInt(0), .user_id = st.ColumnInt(1), .kind = st.ColumnText(2),
                   .title = st.ColumnText(3), .body = st.ColumnText(4), .entity = st.ColumnText(5),
                   .entity_id = st.ColumnInt(6), .created_at = st.ColumnText(7),
                   .read_at = st.ColumnOptionalText(8)});
  }
  return out;
}

Status MarkRead(Connection& db, int64_t user_id, int64_t id) {
  ANJU_TRY(st, db.Prepare("UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND "
                          "read_at IS NULL"));
  st.Bind(1, storage::UtcTimestampNow()).Bind(2, id).Bind(3, user_id);
  ANJU_CHECK(st.Run());
  if (db.Changes() == 1) return {};
  ANJU_TRY(q, db.Prepare("SELECT 1 FROM notifications WHERE id = ? AND user_id = ?"));
  q.Bind(1, id).Bind(2, user_id);
  ANJU_TRY(mine, q.Step());
  if (!mine) return NotFound("no such notification", "id", std::to_string(id), "没有这条通知");
  return {};  // already read
}

Result<int64_t> MarkAllRead(Connection& db, int64_t user_id) {
  ANJU_TRY(st, db.Prepare("UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS "
                          "NULL"));
  st.Bind(1, storage::UtcTimestampNow()).Bind(2, user_id);
  ANJU_CHECK(st.Run());
  return static_cast<int64_t>(db.Changes());
}

Result<int64_t> UnreadCount(Connection& db, int64_t user_id) {
  ANJU_TRY(st, db.Prepare("SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS "
                          "NULL"));
  st.Bind(1, user_id);
  ANJU_TRY(row, st.Step());
  return row ? st.ColumnInt(0) : 0;
}

}  // namespace anju::casework
