#include "visits/storage/sqlite_visits_repository.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <map>

#include "core/try.h"
#include "storage/audit_log.h"
#include "storage/scope_sql.h"

namespace anju::storage {

using visits::HouseholdFacts;
using visits::StatsBy;
using visits::StatsRow;
using visits::Visit;

namespace {

// A household counted on day ?N (docs/living-register.md): moved in, formed and not ended.
constexpr std::string_view kCountedOn =
    "h.move_in_date <= {0} AND (h.formed_on IS NULL OR h.formed_on <= {0}) AND (h.ended_on IS NULL OR h.ended_on > {0})";

Result<std::optional<Date>> OptDate(Statement& st, int col, std::string_view field) {
  if (st.ColumnIsNull(col)) return std::optional<Date>{};
  ANJU_TRY(d, ParseIsoDate(st.ColumnText(col), field));
  return std::optional<Date>{d};
}

constexpr std::string_view kVisitColumns =
    "v.id, v.household_id, h.household_no, h.site_id, s.name, v.visited_on, v.visitor_user_id, v.visitor_name, "
    "v.cadre_id, v.purpose, v.findings, v.follow_ups, v.location_consent, v.latitude, v.longitude, v.recorded_at, "
    "v.voided_on, v.voided_by, v.void_reason ";
constexpr std::string_view kVisitFrom =
    "FROM visits v JOIN households h ON h.id = v.household_id JOIN sites s ON s.id = h.site_id "
    "JOIN origin_villages o ON o.id = h.origin_village_id ";

Result<Visit> ReadVisit(Statement& st) {
  Visit v;
  v.id = st.ColumnInt(0);
  v.household_id = st.ColumnInt(1);
  v.household_no = st.ColumnText(2);
  v.site_id = st.ColumnInt(3);
  v.site_name = st.ColumnText(4);
  ANJU_TRY(day, ParseIsoDate(st.ColumnText(5), "visited_on"));
  v.visited_on = day;
  v.visitor_user_id = st.ColumnInt(6);
  v.visitor_name = st.ColumnText(7);
  if (!st.ColumnIsNull(8)) v.cadre_id = st.ColumnInt(8);
  ANJU_TRY(purpose, visits::ParsePurpose(st.ColumnText(9)));
  v.purpose = purpose;
  v.findings = st.ColumnText(10);
  v.follow_ups = st.ColumnText(11);
  v.location_consent = st.ColumnInt(12) != 0;
  if (!st.ColumnIsNull(13)) v.latitude = st.ColumnDouble(13);
  if (!st.ColumnIsNull(14)) v.longitude = st.ColumnDouble(14);
  v.recorded_at = st.ColumnText(15);
  ANJU_TRY(voided, OptDate(st, 16, "voided_on"));
  v.voided_on = voided;
  v.voided_by = st.ColumnText(17);
  v.void_reason = st.ColumnText(18);
  return v;
}

// Who was met and how many photos, for each visit of `items`.
Status FillDetails(Connection& db, std::vector<Visit>& items) {
  auto people = db.Prepare(
      "SELECT vp.person_id, p.name FROM visit_people vp JOIN persons p ON p.id = vp.person_id "
      "WHERE vp.visit_id = ?1 ORDER BY vp.person_id");
  if (!people) return std::unexpected(people.error());
  for (Visit& v : items) {
    people->Bind(1, v.id);
    while (true) {
      ANJU_TRY(row, people->Step());
      if (!row) break;
      v.people.push_back({people->ColumnInt(0), people->ColumnText(1)});
    }
    people->Reset();
  }
  return {};
}

}  // namespace

Result<std::optional<HouseholdFacts>> SqliteVisitRepository::Household(int64_t id) {
  ANJU_TRY(st, db_.Prepare(
      "SELECT h.id, o.township_code, h.site_id, s.township_code, h.grid_id, h.move_in_date, h.formed_on, h.ended_on "
      "FROM households h JOIN origin_villages o ON o.id = h.origin_village_id JOIN sites s ON s.id = h.site_id "
      "WHERE h.id = ?1"));
  st.Bind(1, id);
  ANJU_TRY(row, st.Step());
  if (!row) return std::optional<HouseholdFacts>{};
  HouseholdFacts f;
  f.id = st.ColumnInt(0);
  f.place.household_id = f.id;
  f.place.origin_township_code = st.ColumnText(1);
  f.place.site_id = st.ColumnInt(2);
  f.place.site_township_code = st.ColumnText(3);
  f.place.grid_id = st.ColumnIsNull(4) ? 0 : st.ColumnInt(4);
  ANJU_TRY(move_in, ParseIsoDate(st.ColumnText(5), "move_in_date"));
  f.move_in = move_in;
  ANJU_TRY(formed, OptDate(st, 6, "formed_on"));
  f.formed_on = formed;
  ANJU_TRY(ended, OptDate(st, 7, "ended_on"));
  f.ended_on = ended;
  return std::optional<HouseholdFacts>{std::move(f)};
}

Result<std::vector<int64_t>> SqliteVisitRepository::MembersOn(int64_t household_id, Date day) {
  ANJU_TRY(st, db_.Prepare(
      "SELECT id FROM persons WHERE household_id = ?1 AND (member_from IS NULL OR member_from <= ?2) "
      "AND (member_until IS NULL OR member_until > ?2) "
      "UNION SELECT person_id FROM membership_history WHERE household_id = ?1 "
      "AND (start_date IS NULL OR start_date <= ?2) AND end_date > ?2"));
  st.Bind(1, household_id).Bind(2, FormatIsoDate(day));
  std::vector<int64_t> out;
  while (true) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    out.push_back(st.ColumnInt(0));
  }
  return out;
}

Result<std::optional<int64_t>> SqliteVisitRepository::VisitorCadre(int64_t user_id, int64_t household_id, Date day) {
  // The cadre record of the visitor's account (users.cadre_id, auth 0002_cadre_accounts) when
  // it is the household's cadre on the day (cadre_assignments, cadres 0001: from_date <= day <
  // until_date).
  ANJU_TRY(st, db_.Prepare(
      "SELECT ca.cadre_id FROM users u JOIN cadre_assignments ca ON ca.cadre_id = u.cadre_id "
      "WHERE u.id = ?1 AND ca.household_id = ?2 AND ca.from_date <= ?3 AND (ca.until_date IS NULL OR ca.until_date > ?3)"));
  st.Bind(1, user_id).Bind(2, household_id).Bind(3, FormatIsoDate(day));
  ANJU_TRY(row, st.Step());
  if (!row) return std::optional<int64_t>{};
  return std::optional<int64_t>{st.ColumnInt(0)};
}

Result<int64_t> SqliteVisitRepository::Insert(const Actor& actor, int64_t household_id, const visits::NewVisit& v,
                                              std::optional<int64_t> cadre_id) {
  ANJU_TRY(tx, Transaction::Begin(db_));
  ANJU_TRY(ins, db_.Prepare(
      "INSERT INTO visits (household_id, visited_on, visitor_user_id, visitor_name, cadre_id, purpose, findings, "
      "follow_ups, latitude, longitude, location_consent, recorded_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id"));
  const bool located = v.location_consent && v.latitude && v.longitude;
  ins.Bind(1, household_id).Bind(2, FormatIsoDate(v.visited_on)).Bind(3, actor.user_id).Bind(4, actor.username);
  ins.Bind(5, cadre_id).Bind(6, visits::PurposeName(v.purpose)).Bind(7, v.findings).Bind(8, v.follow_ups);
  if (located) {
    ins.Bind(9, *v.latitude).Bind(10, *v.longitude);
  } else {
    ins.BindNull(9).BindNull(10);
  }
  ins.Bind(11, int64_t{v.location_consent ? 1 : 0}).Bind(12, UtcTimestampNow());
  ANJU_TRY(id, ins.RunReturningId());
  ANJU_TRY(person, db_.Prepare("INSERT INTO visit_people (visit_id, person_id) VALUES (?1, ?2)"));
  for (int64_t p : v.people) {
    person.Bind(1, id).Bind(2, p);
    ANJU_CHECK(person.Run());
  }
  nlohmann::json changes = {
      {"household_id", {nullptr, household_id}},
      {"visited_on", {nullptr, FormatIsoDate(v.visited_on)}},
      {"purpose", {nullptr, visits::PurposeName(v.purpose)}},
      {"people", {nullptr, v.people}},
      {"findings", {nullptr, v.findings}},
      {"follow_ups", {nullptr, v.follow_ups}},
      {"location_consent", {nullptr, v.location_consent}},
      // The coordinates themselves stay out of the trail (personal information); only whether
      // a location was stored.
      {"location_stored", {nullptr, located}},
  };
  if (cadre_id) changes["cadre_id"] = {nullptr, *cadre_id};
  ANJU_CHECK(AppendAudit(db_, actor, AuditEntry{.action = "create", .entity = "visit", .entity_id = std::to_string(id),
                                                .changes = changes.dump(), .source = ""}));
  ANJU_CHECK(tx.Commit());
  return id;
}

Result<std::optional<Visit>> SqliteVisitRepository::Get(int64_t id) {
  ANJU_TRY(st, db_.Prepare(fmt::format("SELECT {} {} WHERE v.id = ?1", kVisitColumns, kVisitFrom)));
  st.Bind(1, id);
  ANJU_TRY(row, st.Step());
  if (!row) return std::optional<Visit>{};
  ANJU_TRY(v, ReadVisit(st));
  std::vector<Visit> one{std::move(v)};
  st.Reset();
  ANJU_CHECK(FillDetails(db_, one));
  return std::optional<Visit>{std::move(one[0])};
}

Result<Page<Visit>> SqliteVisitRepository::List(const AccessScope& scope, const visits::VisitFilter& f,
                                                const PageRequest& page) {
  ScopeClause sc = HouseholdScopeSql(scope, {.site_township = "s.township_code"});
  std::string where = "(" + sc.sql + ")";
  std::vector<std::variant<int64_t, std::string>> vals = sc.values;
  if (f.household_id) where += " AND v.household_id = ?", vals.emplace_back(*f.household_id);
  if (f.cadre_id) where += " AND v.cadre_id = ?", vals.emplace_back(*f.cadre_id);
  if (f.site_id) where += " AND h.site_id = ?", vals.emplace_back(*f.site_id);
  if (f.from) where += " AND v.visited_on >= ?", vals.emplace_back(FormatIsoDate(*f.from));
  if (f.to) where += " AND v.visited_on <= ?", vals.emplace_back(FormatIsoDate(*f.to));
  if (!f.include_voided) where += " AND v.voided_on IS NULL";
  Page<Visit> out;
  auto bind_all = [&](Statement& st) {
    int i = 1;
    for (const auto& x : vals) {
      if (std::holds_alternative<int64_t>(x)) st.Bind(i++, std::get<int64_t>(x));
      else st.Bind(i++, std::get<std::string>(x));
    }
    return i;
  };
  if (page.with_total) {
    ANJU_TRY(c, db_.Prepare(fmt::format("SELECT count(*) {} WHERE {}", kVisitFrom, where)));
    bind_all(c);
    ANJU_TRY(row, c.Step());
    out.total = row ? c.ColumnInt(0) : 0;
  }
  // Keyset: newest visit day first, then newest record; cursor "<visited_on>~<id>".
  std::string keyset;
  std::string cur_day;
  int64_t cur_id = 0;
  if (!page.cursor.empty()) {
    auto tilde = page.cursor.find('~');
    if (tilde == std::string::npos || tilde != 10)
      return InvalidArgument("the cursor is not one this list gave", "cursor", page.cursor, "分页游标无效");
    cur_day = page.cursor.substr(0, 10);
    auto day_ok = ParseIsoDate(cur_day, "cursor");
    if (!day_ok) return std::unexpected(day_ok.error());
    try {
      cur_id = std::stoll(page.cursor.substr(11));
    } catch (...) {
      return InvalidArgument("the cursor is not one this list gave", "cursor", page.cursor, "分页游标无效");
    }
    keyset = " AND (v.visited_on < ? OR (v.visited_on = ? AND v.id < ?))";
  }
  const int limit = page.ClampedLimit();
  ANJU_TRY(st, db_.Prepare(fmt::format("SELECT {} {} WHERE {}{} ORDER BY v.visited_on DESC, v.id DESC LIMIT ?",
                                       kVisitColumns, kVisitFrom, where, keyset)));
  int i = bind_all(st);
  if (!keyset.empty()) {
    st.Bind(i, cur_day).Bind(i + 1, cur_day).Bind(i + 2, cur_id);
    i += 3;
  }
  st.Bind(i, int64_t{limit + 1});
  while (true) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    ANJU_TRY(v, ReadVisit(st));
    out.items.push_back(std::move(v));
  }
  st.Reset();
  if (static_cast<int>(out.items.size()) > limit) {
    out.items.pop_back();
    const Visit& last = out.items.back();
    out.next_cursor = fmt::format("{}~{}", FormatIsoDate(last.visited_on), last.id);
  }
  ANJU_CHECK(FillDetails(db_, out.items));
  return out;
}

Status SqliteVisitRepository::Void(const Actor& actor, int64_t id, Date on, const std::string& reason) {
  ANJU_TRY(tx, Transaction::Begin(db_));
  ANJU_TRY(st, db_.Prepare(
      "UPDATE visits SET voided_on = ?1, voided_by = ?2, void_reason = ?3 WHERE id = ?4 AND voided_on IS NULL"));
  st.Bind(1, FormatIsoDate(on)).Bind(2, actor.username).Bind(3, reason).Bind(4, id);
  ANJU_CHECK(st.Run());
  if (db_.Changes() != 1)
    return Conflict(fmt::format("visit {} was already voided", id), "id", std::to_string(id),
                    fmt::format("走访记录 {} 已作废", id));
  nlohmann::json changes = {{"voided_on", {nullptr, FormatIsoDate(on)}}, {"void_reason", {nullptr, reason}}};
  ANJU_CHECK(AppendAudit(db_, actor, AuditEntry{.action = "update", .entity = "visit", .entity_id = std::to_string(id),
                                                .changes = changes.dump(), .source = "void"}));
  ANJU_CHECK(tx.Commit());
  return {};
}

Result<std::vector<StatsRow>> SqliteVisitRepository::Stats(const AccessScope& scope, StatsBy by, Date from, Date to) {
  ScopeClause sc = HouseholdScopeSql(scope, {.site_township = "s.township_code"});
  const std::string f = FormatIsoDate(from), t = FormatIsoDate(to);
  std::map<int64_t, StatsRow> rows;
  auto bind_scope_then = [&](Statement& st, std::initializer_list<std::string> dates) {
    int i = BindScope(st, sc, 1);
    for (const std::string& d : dates) st.Bind(i++, d);
  };
  if (by == StatsBy::kSite) {
    // Households in scope counted on `to`, per site (their site now), and which of them had a
    // visit (not voided) in [from, to]; visits counted per the visited household's site.
    ANJU_TRY(hh, db_.Prepare(fmt::format(
        "SELECT h.site_id, s.name, count(*), "
        "sum(CASE WHEN EXISTS (SELECT 1 FROM visits v WHERE v.household_id = h.id AND v.voided_on IS NULL "
        "AND v.visited_on >= ? AND v.visited_on <= ?) THEN 0 ELSE 1 END) "
        "FROM households h JOIN sites s ON s.id = h.site_id JOIN origin_villages o ON o.id = h.origin_village_id "
        "WHERE ({}) AND {} GROUP BY h.site_id, s.name",
        sc.sql, fmt::format(kCountedOn, "?"))));
    // The EXISTS' two dates come before the scope's values in the text.
    int i = 0;
    hh.Bind(1, f).Bind(2, t);
    i = BindScope(hh, sc, 3);
    hh.Bind(i, t).Bind(i + 1, t).Bind(i + 2, t);
    while (true) {
      ANJU_TRY(row, hh.Step());
      if (!row) break;
      StatsRow& r = rows[hh.ColumnInt(0)];
      r.key_id = hh.ColumnInt(0);
      r.name = hh.ColumnText(1);
      r.households_in_scope = hh.ColumnInt(2);
      r.households_not_visited = hh.ColumnInt(3);
    }
    hh.Reset();
    ANJU_TRY(vv, db_.Prepare(fmt::format(
        "SELECT h.site_id, s.name, count(*), count(DISTINCT v.household_id) {} WHERE ({}) AND v.voided_on IS NULL "
        "AND v.visited_on >= ? AND v.visited_on <= ? GROUP BY h.site_id, s.name",
        kVisitFrom, sc.sql)));
    bind_scope_then(vv, {f, t});
    while (true) {
      ANJU_TRY(row, vv.Step());
      if (!row) break;
      StatsRow& r = rows[vv.ColumnInt(0)];
      r.key_id = vv.ColumnInt(0);
      r.name = vv.ColumnText(1);
      r.visits = vv.ColumnInt(2);
      r.households_visited = vv.ColumnInt(3);
    }
    vv.Reset();
  } else {
    // Per cadre (cadres module): the households assigned to each cadre on `to` (an assignment
    // from_date <= to < until_date) in scope and counted on `to`, and which of them had a visit
    // (not voided, by anyone) in [from, to]; visits and households visited are the visits
    // credited to the cadre (visits.cadre_id; 0 = by no cadre).
    ANJU_TRY(hh, db_.Prepare(fmt::format(
        "SELECT ca.cadre_id, c.name, count(*), "
        "sum(CASE WHEN EXISTS (SELECT 1 FROM visits v WHERE v.household_id = h.id AND v.voided_on IS NULL "
        "AND v.visited_on >= ? AND v.visited_on <= ?) THEN 0 ELSE 1 END) "
        "FROM cadre_assignments ca JOIN cadres c ON c.id = ca.cadre_id JOIN households h ON h.id = ca.household_id "
        "JOIN sites s ON s.id = h.site_id JOIN origin_villages o ON o.id = h.origin_village_id "
        "WHERE ({}) AND {} AND ca.from_date <= ? AND (ca.until_date IS NULL OR ca.until_date > ?) "
        "GROUP BY ca.cadre_id, c.name",
        sc.sql, fmt::format(kCountedOn, "?"))));
    hh.Bind(1, f).Bind(2, t);
    int i = BindScope(hh, sc, 3);
    for (int k = 0; k < 5; ++k) hh.Bind(i + k, t);
    while (true) {
      ANJU_TRY(row, hh.Step());
      if (!row) break;
      StatsRow& r = rows[hh.ColumnInt(0)];
      r.key_id = hh.ColumnInt(0);
      r.name = hh.ColumnText(1);
      r.households_in_scope = hh.ColumnInt(2);
      r.households_not_visited = hh.ColumnInt(3);
    }
    hh.Reset();
    ANJU_TRY(vv, db_.Prepare(fmt::format(
        "SELECT coalesce(v.cadre_id, 0), coalesce(c.name, ''), count(*), count(DISTINCT v.household_id) {} "
        "LEFT JOIN cadres c ON c.id = v.cadre_id WHERE ({}) "
        "AND v.voided_on IS NULL AND v.visited_on >= ? AND v.visited_on <= ? GROUP BY coalesce(v.cadre_id, 0), coalesce(c.name, '')",
        kVisitFrom, sc.sql)));
    bind_scope_then(vv, {f, t});
    while (true) {
      ANJU_TRY(row, vv.Step());
      if (!row) break;
      StatsRow& r = rows[vv.ColumnInt(0)];
      r.key_id = vv.ColumnInt(0);
      if (r.name.empty()) r.name = vv.ColumnText(1);
      r.visits = vv.ColumnInt(2);
      r.households_visited = vv.ColumnInt(3);
    }
    vv.Reset();
  }
  std::vector<StatsRow> out;
  for (auto& [id, r] : rows) out.push_back(std::move(r));
  return out;
}

Result<std::optional<Place>> PlaceOfVisit(Connection& db, int64_t id) {
  ANJU_TRY(st, db.Prepare(
      "SELECT o.township_code, h.site_id, s.township_code, h.grid_id, h.id FROM visits v "
      "JOIN households h ON h.id = v.household_id JOIN sites s ON s.id = h.site_id "
      "JOIN origin_villages o ON o.id = h.origin_village_id WHERE v.id = ?1"));
  st.Bind(1, id);
  ANJU_TRY(row, st.Step());
  if (!row) return std::optional<Place>{};
  Place p;
  p.origin_township_code = st.ColumnText(0);
  p.site_id = st.ColumnInt(1);
  p.site_township_code = st.ColumnText(2);
  p.grid_id = st.ColumnIsNull(3) ? 0 : st.ColumnInt(3);
  p.household_id = st.ColumnInt(4);
  return std::optional<Place>{std::move(p)};
}

Result<int64_t> HouseholdOfVisit(Connection& db, int64_t id) {
  ANJU_TRY(st, db.Prepare("SELECT household_id FROM visits WHERE id = ?1"));
  st.Bind(1, id);
  ANJU_TRY(row, st.Step());
  return row ? st.ColumnInt(0) : int64_t{0};
}

}  // namespace anju::storage
