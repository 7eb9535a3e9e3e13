// Every write operation of the OpenAPI document, for every demo role (issue #12, item 3): the
// real server against the real `anju demo` database (tests/api/demo_env.h).
//
// For each POST/PUT/PATCH/DELETE operation of /api/v1/openapi.json and each role, the table
// kWriteCases below builds requests that target
//   (a) a record outside the role's scope          -> 404 not_found,
//   (b) a target place outside the role's scope    -> 403 permission_denied naming the field,
//   (c) records and places inside the scope        -> the operation's success status,
// and checks that every refusal left the registry (households, persons, housing units, grids,
// origin villages: every column of every row) and the audit trail exactly as they were. The
// auditor gets 403 for every write (a dry-run import preview is a read). Which records and
// places are inside a scope is worked out here in SQL from the rule of issue 5 (township:
// origin village OR site in the township; site; grid), independently of the server's code.
//
// A write operation added to openapi.json without an entry in kWriteCases (or in kExempt, with
// the reason) fails EveryWriteOperationOfTheOpenApiDocumentHasACase: a new endpoint cannot
// skip the scope rule unnoticed. To add one: write a builder (see the existing ones) and add
// its "METHOD /path" line to kWriteCases; an endpoint with no registry record and no place
// (sessions, a user's own password) goes to kExempt with its reason.
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/date.h"
#include "core/resident_id.h"
#include "demo_env.h"
#include "storage/sqlite.h"

namespace anju::http {
namespace {

using nlohmann::json;
using test::DemoEnv;

// ---- the database, read on a connection of its own ------------------------------------------

// One read-only connection for the suite; each statement sees what the server committed.
storage::Database* ReadConnection() {
  static std::unique_ptr<storage::Database> db = [] {
    auto d = storage::Database::Open(DemoEnv::Get().db, {.read_only = true, .create = false});
    EXPECT_TRUE(d) << d.error().ToString();
    return d ? std::move(*d) : nullptr;
  }();
  return db.get();
}

std::vector<std::vector<std::string>> SqlRows(const std::string& sql) {
  std::vector<std::vector<std::string>> out;
  storage::Database* db = ReadConnection();
  if (!db) return out;
  auto st = db->Prepare(sql);
  EXPECT_TRUE(st) << sql << ": " << st.error().ToString();
  if (!st) return out;
  while (true) {
    auto row = st->Step();
    EXPECT_TRUE(row) << sql << ": " << row.error().ToString();
    if (!row || !*row) break;
    std::vector<std::string> r;
    for (int c = 0; c < st->ColumnCount(); ++c) r.push_back(st->ColumnText(c));
    out.push_back(std::move(r));
  }
  return out;
}
std::string SqlText(const std::string& sql) {
  auto rows = SqlRows(sql);
  return rows.empty() || rows[0].empty() ? "" : rows[0][0];
}
int64_t SqlInt(const std::string& sql) {
  std::string t = SqlText(sql);
  return t.empty() ? 0 : std::stoll(t);
}

// Every column of every row of the registry's tables, and the audit trail's length and last
// entry: what a refused write must leave exactly as it was.
struct Snapshot {
  size_t registry = 0;
  size_t casework = 0;
  size_t places = 0;
  std::string audit;
  static Snapshot Take() {
    Snapshot s;
    std::string all;
    for (const char* table : {"households", "persons", "housing_units", "grids", "origin_villages",
                              "register_events", "membership_history", "attachments",
                              "visits"}) {
      for (const auto& row : SqlRows(fmt::format("SELECT * FROM {} ORDER BY id", table))) {
        for (const auto& v : row) all += v + '\x1f';
        all += '\n';
      }
      all += '\x1e';
    }
    s.registry = std::hash<std::string>{}(all);
    // casework (issue #15): cases, their history, the inbox, the calendar and the settings.
    std::string cw;
    for (const char* table : {"cases", "case_transitions", "notifications", "calendar_days", "casework_settings"}) {
      for (const auto& row : SqlRows(fmt::format("SELECT * FROM {} ORDER BY 1", table))) {
        for (const auto& v : row) cw += v + '\x1f';
        cw += '\n';
      }
      cw += '\x1e';
    }
    s.casework = std::hash<std::string>{}(cw);
    // places (issue #16): parks, the sites they serve, workshops.
    std::string pl;
    for (const char* table : {"parks", "park_sites", "workshops"}) {
      for (const auto& row : SqlRows(fmt::format("SELECT * FROM {} ORDER BY 1, 2", table))) {
        for (const auto& v : row) pl += v + '\x1f';
        pl += '\n';
      }
      pl += '\x1e';
    }
    s.places = std::hash<std::string>{}(pl);
    s.audit = SqlText("SELECT count(*) || ':' || coalesce(max(seq), 0) FROM audit_log");
    return s;
  }
};

// ---- roles and their places ------------------------------------------------------------------

// A demo account and, worked out in SQL, records and places inside and outside its scope.
struct Role {
  std::string user;
  std::string cookie, csrf;
  bool writes = true;   // every role but the auditor
  bool county = true;   // county scope: nothing is outside it
  bool admin = false;   // county_admin (settings, calendar)
  std::string scope_sql = "1";  // the scope on households h, origin_villages o, sites s
  int64_t in_household = 0;     // in scope, ≥ 2 members; for township staff from another
                                // township but resettled in theirs (so a site move leaves it)
  int64_t in_person = 0;        // a member of in_household other than the head
  int64_t out_household = 0;    // outside the scope (county roles: 0)
  int64_t out_person = 0;
  json in_place;                // origin_village_id, site_id, grid_id of a new household in scope
  json out_place;               // … outside it
  std::string out_field;        // the field a refusal of out_place names
  json move_out;                // a patch moving in_household out of the scope
  std::string level;            // the scope's level: county, township, site, grid
  std::string township;         // township scope: its code
};

httplib::Client Client() {
  httplib::Client c("127.0.0.1", DemoEnv::Get().server->port());
  c.set_read_timeout(60, 0);
  return c;
}

Role Login(const std::string& user, size_t n) {
  Role r;
  r.user = user;
  auto c = Client();
  auto res = c.Post("/api/v1/session", json{{"username", user}, {"password", "anju-demo"}}.dump(),
                    "application/json");
  EXPECT_TRUE(res && res->status == 200) << user;
  if (!res || res->status != 200) return r;
  std::string set_cookie = res->get_header_value("Set-Cookie");
  r.cookie = set_cookie.substr(0, set_cookie.find(';'));
  json body = json::parse(res->body);
  r.csrf = body["csrf_token"];
  r.writes = body["role"] != "auditor";
  r.admin = body["role"] == "county_admin";
  const json& scope = body["scope"];
  const std::string level = scope["level"];
  r.county = level == "county";
  r.level = level;
  if (level == "township") r.township = scope["township_code"];
  std::string extra = "1";  // which in-scope household to edit
  if (level == "township") {
    std::string t = scope["township_code"];
    r.scope_sql = fmt::format("(o.township_code = '{0}' OR s.township_code = '{0}')", t);
    extra = fmt::format("o.township_code <> '{0}' AND s.township_code = '{0}'", t);
  } else if (level == "site") {
    r.scope_sql = fmt::format("h.site_id = {}", scope["site_id"].get<int64_t>());
  } else if (level == "grid") {
    r.scope_sql = fmt::format("h.grid_id = {}", scope["grid_id"].get<int64_t>());
  }
  const std::string from =
      "FROM households h JOIN origin_villages o ON o.id = h.origin_village_id "
      "JOIN sites s ON s.id = h.site_id ";
  // A different household for each role (offset n), so one role's edits do not meet another's.
  r.in_household = SqlInt(fmt::format(
      "SELECT h.id {} WHERE {} AND {} AND (SELECT count(*) FROM persons p WHERE p.household_id = h.id) >= 2 "
      "ORDER BY h.id LIMIT 1 OFFSET {}", from, r.scope_sql, extra, n));
  r.in_person = SqlInt(fmt::format(
      "SELECT id FROM persons WHERE household_id = {} AND relationship <> 'head' ORDER BY id LIMIT 1",
      r.in_household));
  if (!r.county) {
    r.out_household = SqlInt(fmt::format("SELECT h.id {} WHERE NOT {} ORDER BY h.id LIMIT 1", from, r.scope_sql));
    r.out_person = SqlInt(fmt::format("SELECT id FROM persons WHERE household_id = {} LIMIT 1", r.out_household));
  }
  // Places: a site and village in scope for a new household, and one outside.
  if (level == "township") {
    std::string t = scope["township_code"];
    int64_t site_in = SqlInt(fmt::format("SELECT id FROM sites WHERE township_code = '{}' ORDER BY id", t));
    int64_t village_in = SqlInt(fmt::format("SELECT id FROM origin_villages WHERE township_code = '{}' ORDER BY id", t));
    int64_t site_out = SqlInt(fmt::format("SELECT id FROM sites WHERE township_code <> '{}' ORDER BY id", t));
    int64_t village_out = SqlInt(fmt::format("SELECT id FROM origin_villages WHERE township_code <> '{}' ORDER BY id", t));
    r.in_place = {{"origin_village_id", village_in}, {"site_id", site_in}, {"grid_id", nullptr}};
    r.out_place = {{"origin_village_id", village_out}, {"site_id", site_out}, {"grid_id", nullptr}};
    r.out_field = "site_id";
    r.move_out = {{"site_id", site_out}, {"grid_id", nullptr}, {"housing_unit_id", nullptr}};
  } else if (level == "site") {
    int64_t site = scope["site_id"];
    int64_t other = SqlInt(fmt::format("SELECT id FROM sites WHERE id <> {} ORDER BY id", site));
    r.in_place = {{"origin_village_id", 1}, {"site_id", site}, {"grid_id", nullptr}};
    r.out_place = {{"origin_village_id", 1}, {"site_id", other}, {"grid_id", nullptr}};
    r.out_field = "site_id";
    r.move_out = {{"site_id", other}, {"grid_id", nullptr}, {"housing_unit_id", nullptr}};
  } else if (level == "grid") {
    int64_t grid = scope["grid_id"];
    int64_t site = SqlInt(fmt::format("SELECT site_id FROM grids WHERE id = {}", grid));
    int64_t other = SqlInt(fmt::format("SELECT id FROM grids WHERE site_id = {} AND id <> {} ORDER BY id", site, grid));
    r.in_place = {{"origin_village_id", 1}, {"site_id", site}, {"grid_id", grid}};
    r.out_place = {{"origin_village_id", 1}, {"site_id", site}, {"grid_id", other}};
    r.out_field = "grid_id";
    r.move_out = {{"grid_id", other}};
  } else {
    r.in_place = {{"origin_village_id", 1}, {"site_id", 2}, {"grid_id", nullptr}};
  }
  return r;
}

// ---- requests --------------------------------------------------------------------------------

// One request and what it must answer.
struct Call {
  std::string what;
  std::string method, path, body;
  std::string content_type = "application/json";
  std::string if_match_table;  // "households"/"persons": send If-Match with the row's version now
  int64_t if_match_id = 0;
  int want = 0;                // status for a role that may write
  std::string want_code;       // error code of the envelope ("" on success)
  std::string want_field;      // field of the envelope ("" = not checked)
  bool refusal = false;        // registry and audit must be unchanged
  bool registry_only = false;  // a refusal after which the audit trail may have grown (an
                               // import records its batch, rows rejected included)
  bool read = false;           // allowed to the auditor too (a dry run)
  std::function<void(const json&)> check;  // more about the answer
};

int Counter() {
  static int n = 0;
  return ++n;
}

// A resident id nobody holds yet: Lin County, born 1970-01-01, with its check character.
std::string NewResidentId() {
  for (;;) {
    std::string first17 = fmt::format("14112419700101{:03d}", 100 + Counter());
    std::string id = first17 + ResidentIdCheckChar(first17);
    if (SqlInt("SELECT count(*) FROM persons WHERE resident_id = '" + id + "'") == 0) return id;
  }
}
std::string NewHouseholdNo() { return fmt::format("LX-W{:05d}", Counter()); }

json NewHousehold(const json& place) {
  json b = place;
  b["household_no"] = NewHouseholdNo();
  b["category"] = "co_relocated";
  b["move_in_date"] = "2021-05-01";
  if (b["grid_id"].is_null()) b.erase("grid_id");
  return b;
}
json NewMember(int64_t household) {
  return {{"household_id", household}, {"resident_id", NewResidentId()}, {"name", "测试成员"},
          {"relationship", "other"}};
}

// Sends `call` as `role`; returns the status and the parsed body.
std::pair<int, json> Send(const Role& role, const Call& call) {
  httplib::Headers h{{"Cookie", role.cookie}, {"X-CSRF-Token", role.csrf}};
  if (!call.if_match_table.empty()) {
    int64_t v = SqlInt(fmt::format("SELECT version FROM {} WHERE id = {}", call.if_match_table, call.if_match_id));
    h.emplace("If-Match", fmt::format("\"{}\"", v == 0 ? 1 : v));
  }
  if (call.content_type != "application/json") h.emplace("X-File-Name", "write-scope.csv");
  auto c = Client();
  httplib::Result r = call.method == "POST"    ? c.Post(call.path, h, call.body, call.content_type)
                      : call.method == "PATCH" ? c.Patch(call.path, h, call.body, call.content_type)
                      : call.method == "PUT"   ? c.Put(call.path, h, call.body, call.content_type)
                                               : c.Delete(call.path, h);
  EXPECT_TRUE(r) << call.method << " " << call.path;
  if (!r) return {0, json()};
  return {r->status, json::parse(r->body, nullptr, false)};
}

// Made directly by the county admin (outside the check), for the delete cases. `key`: the
// field of the answer holding the new id.
int64_t MadeByAdmin(const std::string& path, const json& body, const std::string& key = "id") {
  static Role admin = Login("demo_admin", 0);
  Call c{.what = "setup", .method = "POST", .path = path, .body = body.dump()};
  auto [status, j] = Send(admin, c);
  EXPECT_EQ(status, 201) << j.dump();
  return j.value(key, int64_t{0});
}

// A small PNG whose bytes differ each call (a new stored file each time).
std::string TestPng() {
  return std::string("\x89PNG\r\n\x1A\n", 8) + fmt::format("write-scope image {}", Counter());
}

// An attachment of household `household` uploaded by the county admin; its id.
int64_t UploadedByAdmin(int64_t household) {
  static Role admin = Login("demo_admin", 0);
  Call c{.what = "setup", .method = "POST",
         .path = fmt::format("/api/v1/attachments?owner=household&owner_id={}", household), .body = TestPng(),
         .content_type = "image/png"};
  auto [status, j] = Send(admin, c);
  EXPECT_EQ(status, 201) << j.dump();
  return j.value("id", int64_t{0});
}

// Life events (issue #14): a recent day (two days ago: never after today in China).
Date RecentDay() { return Date{std::chrono::sys_days(TodayInChina()) - std::chrono::days{2}}; }
// Days for the cadre assignment writes on one household, so that no period is empty and none
// overlaps (the end case runs before the assign case; demo_admin before demo_staff): `back` days
// before today, two days later for demo_staff.
Date CadreDay(const Role& r, int back) {
  return Date{std::chrono::sys_days(TodayInChina()) - std::chrono::days{back - (r.user == "demo_staff" ? 2 : 0)}};
}
// A member_added event body for a new person with a fresh id.
json NewMemberEvent() {
  json m = NewMember(0);
  m.erase("household_id");
  return {{"kind", "member_added"}, {"date", FormatIsoDate(RecentDay())}, {"reason", "write-scope"}, {"person", m}};
}
// A newborn with the id to be filled (pending), born on RecentDay().
json PendingBirthEvent() {
  return {{"kind", "birth"},
          {"person", {{"name", "测试新生儿"}, {"sex", "female"}, {"birth_date", FormatIsoDate(RecentDay())},
                      {"relationship", "other"}}}};
}
// A female resident id born on RecentDay() that nobody holds.
std::string NewbornResidentId() {
  std::string ymd = FormatIsoDate(RecentDay());
  ymd.erase(std::remove(ymd.begin(), ymd.end(), '-'), ymd.end());
  for (;;) {
    std::string first17 = fmt::format("141124{}{:03d}", ymd, 2 * (100 + Counter()));
    std::string id = first17 + ResidentIdCheckChar(first17);
    if (SqlInt("SELECT count(*) FROM persons WHERE resident_id = '" + id + "'") == 0) return id;
  }
}
// The latest register event of a person.
int64_t LatestEventOf(int64_t person) {
  return SqlInt(fmt::format("SELECT max(id) FROM register_events WHERE person_id = {}", person));
}


// ---- the household changes (issue #14 item 2): fresh households made by the admin -------------

// A household made by the admin at `place` with a head and `others` members of relationship
// "other" (born 1970, so no generation rule applies); returns {household, head, members…}.
std::vector<int64_t> FreshHousehold(const json& place, int others) {
  std::vector<int64_t> ids{MadeByAdmin("/api/v1/households", NewHousehold(place))};
  json head = NewMember(ids[0]);
  head["relationship"] = "head";
  ids.push_back(MadeByAdmin("/api/v1/persons", head));
  for (int i = 0; i < others; ++i) ids.push_back(MadeByAdmin("/api/v1/persons", NewMember(ids[0])));
  return ids;
}

// The place of a fresh household that a placement change can move out of the scope: for
// township staff, from another township (origin) but resettled in theirs (site).
json MovablePlace(const Role& r) {
  json p = r.in_place;
  if (r.scope_sql.find("o.township_code") != std::string::npos) p["origin_village_id"] = r.out_place["origin_village_id"];
  return p;
}

json Change(json body) {
  body["date"] = "2024-01-10";
  body["reason"] = "测试变动";
  return body;
}


// ---- casework (issue #15): cases, calendar, settings, inbox -----------------------------------

int64_t UserId(const std::string& username) {
  return SqlInt(fmt::format("SELECT id FROM users WHERE username = '{}'", username));
}

// Made directly by `user` (outside the check): POST `path` with `body`, the new id.
int64_t MadeBy(const std::string& user, const std::string& path, const json& body) {
  static std::map<std::string, Role> roles;
  auto it = roles.find(user);
  if (it == roles.end()) it = roles.emplace(user, Login(user, 0)).first;
  Call c{.what = "setup", .method = "POST", .path = path, .body = body.dump()};
  auto [status, j] = Send(it->second, c);
  EXPECT_EQ(status, 201) << j.dump();
  return j.value("id", int64_t{0});
}

// A service request (casework's own case type) about `household`, assigned to `assignee`.
json NewCase(int64_t household, const std::string& assignee = "") {
  json b{{"kind", "service_request"}, {"title", "写入范围测试诉求"}, {"household_id", household}};
  if (!assignee.empty()) b["assignee_user_id"] = UserId(assignee);
  return b;
}

// A notification for `user`: a case opened by someone else and assigned to `user`.
int64_t NotificationFor(const std::string& user, int64_t household) {
  const std::string opener = user == "demo_admin" ? "demo_staff" : "demo_admin";
  int64_t c = MadeBy(opener, "/api/v1/cases", NewCase(household, user));
  int64_t n = SqlInt(fmt::format(
      "SELECT id FROM notifications WHERE user_id = {} AND entity = 'case' AND entity_id = {}", UserId(user), c));
  EXPECT_NE(n, 0) << "no notification for " << user << " about case " << c;
  return n;
}
std::string OtherUser(const Role& r) { return r.user == "demo_grid" ? "demo_site" : "demo_grid"; }
int64_t Unread(const std::string& user) {
  return SqlInt(fmt::format("SELECT count(*) FROM notifications WHERE user_id = {} AND read_at IS NULL", UserId(user)));
}

// ---- the table: every write operation -> its requests ----------------------------------------

using Builder = std::function<std::vector<Call>(const Role&)>;

std::string Csv(const std::string& no, const std::string& name, const std::string& id, const std::string& category,
                int64_t village, int64_t site, const json& grid) {
  auto v = SqlRows(fmt::format(
      "SELECT d.name, o.name FROM origin_villages o JOIN divisions d ON d.code = o.township_code WHERE o.id = {}", village));
  std::string site_name = SqlText(fmt::format("SELECT name FROM sites WHERE id = {}", site));
  std::string grid_name = grid.is_null() ? "" : SqlText(fmt::format("SELECT name FROM grids WHERE id = {}", grid.get<int64_t>()));
  EXPECT_FALSE(v.empty());
  return fmt::format("户编号,姓名,身份证号,家庭关系,人口类别,迁出村,安置点,网格,入住日期\n{},{},{},户主,{},{}/{},{},{},2019-05-01\n", no, name, id,
                     category, v.empty() ? "" : v[0][0], v.empty() ? "" : v[0][1], site_name, grid_name);
}

// The faults of an import answer of one kind.
std::vector<json> Faults(const json& j, const std::string& kind) {
  std::vector<json> out;
  if (j.contains("faults"))
    for (const auto& f : j["faults"])
      if (f["kind"] == kind) out.push_back(f);
  return out;
}

std::vector<Call> ImportCalls(const Role& r, const std::string& path, bool commit) {
  std::vector<Call> calls;
  const int ok = commit ? 201 : 200;
  auto csv = [&](const json& place) {
    return Csv(NewHouseholdNo(), "测试户主", NewResidentId(), "同步搬迁", place["origin_village_id"], place["site_id"],
               place["grid_id"]);
  };
  auto scope_fault = [](const std::string& field) {
    return [field](const json& j) {
      auto f = Faults(j, "scope");
      ASSERT_EQ(f.size(), 1u) << j.dump().substr(0, 2000);
      EXPECT_EQ(f[0]["field"], field) << f[0].dump();
      EXPECT_NE(f[0]["reason"].get<std::string>().find("outside this account's area"), std::string::npos);
      EXPECT_FALSE(f[0]["reason_zh"].get<std::string>().empty());
      EXPECT_EQ(j["counts"]["households_created"], 0);
      EXPECT_EQ(j["counts"]["households_updated"], 0);
    };
  };
  if (!r.county) {
    calls.push_back({.what = "a new household at a place outside the scope", .method = "POST", .path = path,
                     .body = csv(r.out_place), .content_type = "text/csv", .want = ok, .refusal = true,
                     .registry_only = commit, .read = !commit,
                     .check = scope_fault(r.out_field == "grid_id" ? "grid" : "site")});
    // The household outside the scope, its head's row, moved into the scope (upsert).
    auto head = SqlRows(fmt::format(
        "SELECT h.household_no, p.name, p.resident_id, h.category, h.origin_village_id FROM households h "
        "JOIN persons p ON p.household_id = h.id AND p.relationship = 'head' WHERE h.id = {}", r.out_household));
    if (!head.empty()) {
      calls.push_back({.what = "a household outside the scope, upserted into it", .method = "POST",
                       .path = path + "?mode=upsert",
                       .body = Csv(head[0][0], head[0][1], head[0][2], head[0][3] == "registered_poor" ? "建档立卡" : "同步搬迁",
                                   std::stoll(head[0][4]), r.in_place["site_id"], r.in_place["grid_id"]),
                       .content_type = "text/csv", .want = ok, .refusal = true, .registry_only = commit,
                       .read = !commit, .check = scope_fault("household_no")});
    }
  }
  calls.push_back({.what = "a new household in scope", .method = "POST", .path = path, .body = csv(r.in_place),
                   .content_type = "text/csv", .want = ok, .refusal = !commit, .read = !commit,
                   .check = [commit](const json& j) {
                     EXPECT_EQ(j["counts"]["errors"], 0) << j.dump().substr(0, 2000);
                     EXPECT_EQ(j["counts"]["households_created"], 1);
                     EXPECT_EQ(j["committed"], commit);
                   }});
  return calls;
}

// ---- rectification (issue #15 item 6): inspections and findings are the county's; a finding's
// place is its township or site -------------------------------------------------------------------

// One inspection made by the admin for every case.
int64_t TheInspection() {
  static int64_t id = MadeByAdmin("/api/v1/inspections", json{{"name", "write-scope 督查"}, {"kind", "city"},
                                                               {"held_on", "2025-05-20"}});
  return id;
}
// A finding made by the admin at `where` ({township_code} or {site_id}); its id.
int64_t FindingAt(json where) {
  where["description"] = fmt::format("write-scope 问题 {}", Counter());
  where["responsible_unit"] = "乡镇人民政府";
  return MadeByAdmin(fmt::format("/api/v1/inspections/{}/findings", TheInspection()), where);
}
// A finding the role holds (it may take "start"): county-wide for the county, its township for a
// township, its site for a site; none for a grid (0).
int64_t HeldFinding(const Role& r) {
  if (r.county) return FindingAt(json::object());
  if (r.scope_sql.find("o.township_code") != std::string::npos)
    return FindingAt({{"township_code", SqlText(fmt::format("SELECT township_code FROM sites WHERE id = {}",
                                                            r.in_place["site_id"].get<int64_t>()))}});
  if (r.scope_sql.starts_with("h.site_id")) return FindingAt({{"site_id", r.in_place["site_id"]}});
  return 0;
}
// A finding outside the role's scope (county roles: 0).
int64_t OutsideFinding(const Role& r) {
  if (r.county) return 0;
  if (r.out_place.is_object() && r.out_field == "site_id") return FindingAt({{"site_id", r.out_place["site_id"]}});
  return FindingAt(json::object());  // a grid sees no finding
}
// County scope only: everyone else 403, nothing changed.
std::vector<Call> CountyOnly(const Role& r, Call ok) {
  if (r.county) return {ok};
  return {Call{.what = ok.what + " below county scope", .method = ok.method, .path = ok.path, .body = ok.body,
               .content_type = ok.content_type, .want = 403, .want_code = "permission_denied", .refusal = true}};
}
// Data calls (issue #15 item 7): a call from the county admin to demo_township's township,
// another township and demo_site's site. `own`: the recipient the role answers for (township
// staff, site manager; else 0); `other`: the other township's, which no role but the county's
// sees; `own_town`: demo_township's recipient.
struct DataCallFixture {
  int64_t call = 0, own = 0, other = 0, own_town = 0;
};
json DataCallBody() {
  const std::string town = SqlText("SELECT township_code FROM users WHERE username = 'demo_township'");
  const int64_t site = SqlInt("SELECT site_id FROM users WHERE username = 'demo_site'");
  const std::string other =
      SqlText(fmt::format("SELECT code FROM divisions WHERE level = 'township' AND code <> '{}' ORDER BY code LIMIT 1", town));
  return {{"title", fmt::format("write-scope {}", Counter())},
          {"due_on", FormatIsoDate(TodayInChina())},
          {"columns", json::array({{{"key", "n"}, {"label_zh", "数量"}, {"label_en", "Count"}, {"type", "integer"}, {"required", true}}})},
          {"recipients", "chosen"},
          {"township_codes", {town, other}},
          {"site_ids", {site}}};
}
DataCallFixture NewDataCall(const Role& r) {
  const std::string town = SqlText("SELECT township_code FROM users WHERE username = 'demo_township'");
  DataCallFixture f;
  f.call = MadeByAdmin("/api/v1/data-calls", DataCallBody());
  for (const auto& row : SqlRows(fmt::format("SELECT id, level, township_code FROM data_call_recipients WHERE call_id = {}", f.call))) {
    const int64_t id = std::stoll(row[0]);
    if (row[1] == "township" && row[2] == town) f.own_town = id;
    if (row[1] == "township" && row[2] != town) f.other = id;
    if ((row[1] == "township" && row[2] == town && r.user == "demo_township") || (row[1] == "site" && r.user == "demo_site")) f.own = id;
  }
  return f;
}
std::string DataCallReply(const DataCallFixture& f, int64_t rid, const std::string& tail = "") {
  return fmt::format("/api/v1/data-calls/{}/replies/{}{}", f.call, rid, tail);
}
const std::string kDataCallRows = json{{"rows", json::array({{{"n", 3}}})}}.dump();
// demo_township's answer filled and submitted (for the county's accept and return).
void SubmittedByTownship(const DataCallFixture& f) {
  static Role town = Login("demo_township", 2);
  EXPECT_EQ(Send(town, {.what = "setup", .method = "PUT", .path = DataCallReply(f, f.own_town), .body = kDataCallRows}).first, 200);
  EXPECT_EQ(Send(town, {.what = "setup", .method = "POST", .path = DataCallReply(f, f.own_town, "/submit"), .body = "{}"}).first, 200);
}
// A data-call write by a county clerk (`county_want`), else refused with 403 (a recipient's or
// grid user's role may not take it), the target a recipient of the other township.
std::vector<Call> DataCallDecision(const Role& r, const std::string& tail, const std::string& body) {
  DataCallFixture f = NewDataCall(r);
  if (r.county) {
    SubmittedByTownship(f);
    return {{.what = "a submitted answer, by the county", .method = "POST", .path = DataCallReply(f, f.own_town, tail), .body = body, .want = 200}};
  }
  return {{.what = "not a county clerk", .method = "POST", .path = DataCallReply(f, f.other, tail), .body = body, .want = 403,
           .want_code = "permission_denied", .refusal = true}};
}
// An answer write: the role's own recipient succeeds; another township's is not seen (404); the
// county sees every recipient but answers for none (403).
std::vector<Call> DataCallAnswer(const Role& r, const std::string& method, const std::string& tail, const std::string& body,
                                 const std::string& content_type, bool fill_first) {
  DataCallFixture f = NewDataCall(r);
  std::vector<Call> c;
  if (r.county) {
    c.push_back({.what = "the county answers for no township", .method = method, .path = DataCallReply(f, f.other, tail), .body = body,
                 .content_type = content_type, .want = 403, .want_code = "permission_denied", .refusal = true});
    return c;
  }
  c.push_back({.what = "another township's answer", .method = method, .path = DataCallReply(f, f.other, tail), .body = body,
               .content_type = content_type, .want = 404, .want_code = "not_found", .refusal = true});
  if (f.own) {
    if (fill_first) {
      EXPECT_EQ(Send(r, {.what = "setup", .method = "PUT", .path = DataCallReply(f, f.own), .body = kDataCallRows}).first, 200);
    }
    c.push_back({.what = "its own answer", .method = method, .path = DataCallReply(f, f.own, tail), .body = body,
                 .content_type = content_type, .want = 200});
  }
  return c;
}

// ---- places (issue #16: parks, workshops) ---------------------------------------------------

// A site the role writes to (its township's, its own, its grid's; county: site 2) and a site it
// does not even see (no household of its scope lives there; county roles: 0).
int64_t PlaceSiteIn(const Role& r) { return r.in_place["site_id"].get<int64_t>(); }
int64_t PlaceSiteUnseen(const Role& r) {
  if (r.county) return 0;
  std::string lies_in = "0";
  if (r.level == "township") lies_in = fmt::format("s.township_code = '{}'", r.township);
  else if (r.level == "site") lies_in = fmt::format("s.id = {}", PlaceSiteIn(r));
  return SqlInt(fmt::format(
      "SELECT s.id FROM sites s WHERE NOT ({}) AND NOT EXISTS (SELECT 1 FROM households h JOIN origin_villages o "
      "ON o.id = h.origin_village_id WHERE h.site_id = s.id AND {}) ORDER BY s.id LIMIT 1",
      lies_in, r.scope_sql));
}
json NewPark(int64_t site) {
  return {{"name", fmt::format("写入范围测试园区{}", Counter())}, {"site_id", site}, {"kind", "shiitake"},
          {"area_mu", "12.5"}, {"status", "built"}, {"built_on", "2020-05-01"}};
}
json NewWorkshop(int64_t site) {
  return {{"name", fmt::format("写入范围测试车间{}", Counter())}, {"site_id", site}, {"type", "factory"},
          {"opened_on", "2020-05-01"}};
}
// Parks: county roles and township staff (in scope); site managers and grid workers never.
// Workshops: county roles, township staff, site managers (in scope); grid workers never.
bool WritesParks(const Role& r) { return r.county || r.level == "township"; }
bool WritesWorkshops(const Role& r) { return r.county || r.level == "township" || r.level == "site"; }

const std::map<std::string, Builder>& WriteCases() {
  static const std::map<std::string, Builder> cases = {
      {"POST /api/v1/households",
       [](const Role& r) {
         std::vector<Call> c;
         if (!r.county)
           c.push_back({.what = "a new household at a place outside the scope", .method = "POST",
                        .path = "/api/v1/households", .body = NewHousehold(r.out_place).dump(), .want = 403,
                        .want_code = "permission_denied", .want_field = r.out_field, .refusal = true});
         c.push_back({.what = "a new household in scope", .method = "POST", .path = "/api/v1/households",
                      .body = NewHousehold(r.in_place).dump(), .want = 201});
         return c;
       }},
      {"PATCH /api/v1/households/{id}",
       [](const Role& r) {
         std::vector<Call> c;
         auto path = [](int64_t id) { return fmt::format("/api/v1/households/{}", id); };
         if (!r.county) {
           c.push_back({.what = "a household outside the scope", .method = "PATCH", .path = path(r.out_household),
                        .body = json{{"convention_signed", true}}.dump(), .if_match_table = "households",
                        .if_match_id = r.out_household, .want = 404, .want_code = "not_found", .refusal = true});
           c.push_back({.what = "a household of the scope moved out of it", .method = "PATCH",
                        .path = path(r.in_household), .body = r.move_out.dump(), .if_match_table = "households",
                        .if_match_id = r.in_household, .want = 403, .want_code = "permission_denied",
                        .want_field = r.out_field, .refusal = true});
         }
         bool signed_now = SqlInt(fmt::format("SELECT convention_signed FROM households WHERE id = {}", r.in_household));
         c.push_back({.what = "a household in scope", .method = "PATCH", .path = path(r.in_household),
                      .body = json{{"convention_signed", !signed_now}}.dump(), .if_match_table = "households",
                      .if_match_id = r.in_household, .want = 200});
         return c;
       }},
      {"DELETE /api/v1/households/{id}",
       [](const Role& r) {
         std::vector<Call> c;
         // Issue #14: a DELETE ends the record as entered in error and needs a reason.
         auto path = [](int64_t id) { return fmt::format("/api/v1/households/{}?reason=write-scope", id); };
         if (!r.county)
           c.push_back({.what = "a household outside the scope", .method = "DELETE", .path = path(r.out_household),
                        .if_match_table = "households", .if_match_id = r.out_household, .want = 404,
                        .want_code = "not_found", .refusal = true});
         // Issue #12 item 4: a household with members is not deleted (409 naming the count).
         int64_t members = SqlInt(fmt::format(
             "SELECT count(*) FROM persons WHERE household_id = {} AND member_until IS NULL", r.in_household));
         c.push_back({.what = "a household of the scope with members", .method = "DELETE", .path = path(r.in_household),
                      .if_match_table = "households", .if_match_id = r.in_household, .want = 409,
                      .want_code = "conflict", .want_field = "members", .refusal = true,
                      .check = [members](const json& j) { EXPECT_EQ(j["error"]["value"], std::to_string(members)); }});
         int64_t empty = MadeByAdmin("/api/v1/households", NewHousehold(r.in_place));
         c.push_back({.what = "an empty household in scope", .method = "DELETE", .path = path(empty),
                      .if_match_table = "households", .if_match_id = empty, .want = 204});
         return c;
       }},
      {"POST /api/v1/persons",
       [](const Role& r) {
         std::vector<Call> c;
         if (!r.county)
           c.push_back({.what = "a member for a household outside the scope", .method = "POST", .path = "/api/v1/persons",
                        .body = NewMember(r.out_household).dump(), .want = 404, .want_code = "not_found",
                        .refusal = true});
         c.push_back({.what = "a member for a household in scope", .method = "POST", .path = "/api/v1/persons",
                      .body = NewMember(r.in_household).dump(), .want = 201});
         return c;
       }},
      {"PATCH /api/v1/persons/{id}",
       [](const Role& r) {
         std::vector<Call> c;
         auto path = [](int64_t id) { return fmt::format("/api/v1/persons/{}", id); };
         if (!r.county)
           c.push_back({.what = "a person outside the scope", .method = "PATCH", .path = path(r.out_person),
                        .body = json{{"phone", "13900000001"}}.dump(), .if_match_table = "persons",
                        .if_match_id = r.out_person, .want = 404, .want_code = "not_found", .refusal = true});
         c.push_back({.what = "a person in scope", .method = "PATCH", .path = path(r.in_person),
                      .body = json{{"phone", fmt::format("139{:08d}", Counter())}}.dump(), .if_match_table = "persons",
                      .if_match_id = r.in_person, .want = 200});
         return c;
       }},
      {"DELETE /api/v1/persons/{id}",
       [](const Role& r) {
         std::vector<Call> c;
         auto path = [](int64_t id) { return fmt::format("/api/v1/persons/{}?reason=write-scope", id); };
         if (!r.county)
           c.push_back({.what = "a person outside the scope", .method = "DELETE", .path = path(r.out_person),
                        .if_match_table = "persons", .if_match_id = r.out_person, .want = 404,
                        .want_code = "not_found", .refusal = true});
         int64_t made = MadeByAdmin("/api/v1/persons", NewMember(r.in_household));
         c.push_back({.what = "a person in scope", .method = "DELETE", .path = path(made), .if_match_table = "persons",
                      .if_match_id = made, .want = 204});
         return c;
       }},
      {"POST /api/v1/persons/{id}/move",
       [](const Role& r) {
         std::vector<Call> c;
         auto path = [](int64_t id) { return fmt::format("/api/v1/persons/{}/move", id); };
         if (!r.county) {
           c.push_back({.what = "a person outside the scope", .method = "POST", .path = path(r.out_person),
                        .body = Change({{"to_household_id", r.in_household}, {"relationship", "other"}}).dump(),
                        .want = 404, .want_code = "not_found", .refusal = true});
           auto from = FreshHousehold(r.in_place, 1);
           c.push_back({.what = "a person moved to a household outside the scope", .method = "POST", .path = path(from[2]),
                        .body = Change({{"to_household_id", r.out_household}, {"relationship", "other"}}).dump(),
                        .want = 403, .want_code = "permission_denied", .want_field = "to_household_id",
                        .refusal = true});
         }
         auto from = FreshHousehold(r.in_place, 1);
         auto to = FreshHousehold(r.in_place, 0);
         c.push_back({.what = "a person moved between households in scope", .method = "POST", .path = path(from[2]),
                      .body = Change({{"to_household_id", to[0]}, {"relationship", "other"}}).dump(), .want = 201,
                      .check = [person = from[2], to = to[0]](const json& j) {
                        EXPECT_GT(j.value("event_id", int64_t{0}), 0) << j.dump();
                        EXPECT_EQ(SqlInt(fmt::format("SELECT household_id FROM persons WHERE id = {}", person)), to);
                      }});
         return c;
       }},
      {"POST /api/v1/households/{id}/head",
       [](const Role& r) {
         std::vector<Call> c;
         auto path = [](int64_t id) { return fmt::format("/api/v1/households/{}/head", id); };
         if (!r.county)
           c.push_back({.what = "a household outside the scope", .method = "POST", .path = path(r.out_household),
                        .body = Change({{"new_head_id", r.out_person}, {"relationships", json::object()}}).dump(),
                        .want = 404, .want_code = "not_found", .refusal = true});
         auto h = FreshHousehold(r.in_place, 1);
         c.push_back({.what = "a household in scope", .method = "POST", .path = path(h[0]),
                      .body = Change({{"new_head_id", h[2]}, {"relationships", {{std::to_string(h[1]), "sibling"}}}}).dump(),
                      .want = 201, .check = [h](const json&) {
                        EXPECT_EQ(SqlText(fmt::format("SELECT relationship FROM persons WHERE id = {}", h[2])), "head");
                        EXPECT_EQ(SqlText(fmt::format("SELECT relationship FROM persons WHERE id = {}", h[1])), "sibling");
                      }});
         return c;
       }},
      {"POST /api/v1/households/{id}/split",
       [](const Role& r) {
         std::vector<Call> c;
         auto path = [](int64_t id) { return fmt::format("/api/v1/households/{}/split", id); };
         if (!r.county)
           c.push_back({.what = "a household outside the scope", .method = "POST", .path = path(r.out_household),
                        .body = Change({{"members", json::array({{{"person_id", r.out_person}, {"relationship", "head"}}})},
                                        {"housing", {{"decision", "none"}}}}).dump(),
                        .want = 404, .want_code = "not_found", .refusal = true});
         auto h = FreshHousehold(r.in_place, 1);
         const std::string no = NewHouseholdNo();
         c.push_back({.what = "a household in scope", .method = "POST", .path = path(h[0]),
                      .body = Change({{"household_no", no},
                                      {"members", json::array({{{"person_id", h[2]}, {"relationship", "head"}}})},
                                      {"housing", {{"decision", "stays"}}}}).dump(),
                      .want = 201, .check = [h, no](const json& j) {
                        EXPECT_EQ(j.value("household_no", ""), no) << j.dump();
                        EXPECT_EQ(SqlInt(fmt::format("SELECT household_id FROM persons WHERE id = {}", h[2])),
                                  j.value("household_id", int64_t{0}));
                        EXPECT_EQ(SqlText(fmt::format("SELECT split_from_id FROM households WHERE household_no = '{}'", no)),
                                  std::to_string(h[0]));
                      }});
         return c;
       }},
      {"POST /api/v1/households/{id}/merge",
       [](const Role& r) {
         std::vector<Call> c;
         auto path = [](int64_t id) { return fmt::format("/api/v1/households/{}/merge", id); };
         if (!r.county) {
           c.push_back({.what = "a household outside the scope", .method = "POST", .path = path(r.out_household),
                        .body = Change({{"into_household_id", r.in_household}, {"relationships", json::object()}}).dump(),
                        .want = 404, .want_code = "not_found", .refusal = true});
           auto h = FreshHousehold(r.in_place, 0);
           c.push_back({.what = "merged into a household outside the scope", .method = "POST", .path = path(h[0]),
                        .body = Change({{"into_household_id", r.out_household},
                                        {"relationships", {{std::to_string(h[1]), "other"}}}}).dump(),
                        .want = 403, .want_code = "permission_denied", .want_field = "into_household_id",
                        .refusal = true});
         }
         auto gone = FreshHousehold(r.in_place, 0);
         auto kept = FreshHousehold(r.in_place, 0);
         c.push_back({.what = "households in scope", .method = "POST", .path = path(gone[0]),
                      .body = Change({{"into_household_id", kept[0]},
                                      {"relationships", {{std::to_string(gone[1]), "other"}}},
                                      {"housing", {{"decision", "released"}}}}).dump(),
                      .want = 201, .check = [gone, kept](const json&) {
                        EXPECT_EQ(SqlText(fmt::format("SELECT merged_into_id FROM households WHERE id = {}", gone[0])),
                                  std::to_string(kept[0]));
                      }});
         return c;
       }},
      {"POST /api/v1/households/{id}/placement",
       [](const Role& r) {
         std::vector<Call> c;
         auto path = [](int64_t id) { return fmt::format("/api/v1/households/{}/placement", id); };
         if (!r.county) {
           c.push_back({.what = "a household outside the scope", .method = "POST", .path = path(r.out_household),
                        .body = Change({{"origin_village_id", r.in_place["origin_village_id"]}}).dump(), .want = 404,
                        .want_code = "not_found", .refusal = true});
           auto h = FreshHousehold(MovablePlace(r), 0);
           c.push_back({.what = "a household of the scope placed outside it", .method = "POST", .path = path(h[0]),
                        .body = Change(r.move_out).dump(), .want = 403, .want_code = "permission_denied",
                        .want_field = r.out_field, .refusal = true});
         }
         auto h = FreshHousehold(r.in_place, 0);
         const int64_t village = SqlInt(fmt::format("SELECT id FROM origin_villages WHERE id <> {} ORDER BY id LIMIT 1",
                                                    r.in_place["origin_village_id"].get<int64_t>()));
         c.push_back({.what = "a household in scope", .method = "POST", .path = path(h[0]),
                      .body = Change({{"origin_village_id", village}}).dump(), .want = 201,
                      .check = [h, village](const json&) {
                        EXPECT_EQ(SqlInt(fmt::format("SELECT origin_village_id FROM households WHERE id = {}", h[0])), village);
                        EXPECT_EQ(SqlInt(fmt::format("SELECT count(*) FROM placement_history WHERE household_id = {}", h[0])), 1);
                      }});
         return c;
       }},
      {"POST /api/v1/households/{id}/members",
       [](const Role& r) {
         std::vector<Call> c;
         auto path = [](int64_t id) { return fmt::format("/api/v1/households/{}/members", id); };
         if (!r.county)
           c.push_back({.what = "a member for a household outside the scope", .method = "POST",
                        .path = path(r.out_household), .body = NewMemberEvent().dump(), .want = 404,
                        .want_code = "not_found", .refusal = true});
         c.push_back({.what = "a member by an event in scope", .method = "POST", .path = path(r.in_household),
                      .body = NewMemberEvent().dump(), .want = 201, .check = [](const json& j) {
                        EXPECT_GT(j.value("event_id", int64_t{0}), 0) << j.dump();
                      }});
         return c;
       }},
      {"POST /api/v1/persons/{id}/events",
       [](const Role& r) {
         std::vector<Call> c;
         auto path = [](int64_t id) { return fmt::format("/api/v1/persons/{}/events", id); };
         const std::string body =
             json{{"kind", "moved_away"}, {"date", FormatIsoDate(RecentDay())}, {"place", "北京"}}.dump();
         if (!r.county)
           c.push_back({.what = "a person outside the scope", .method = "POST", .path = path(r.out_person), .body = body,
                        .want = 404, .want_code = "not_found", .refusal = true});
         int64_t made = MadeByAdmin("/api/v1/persons", NewMember(r.in_household));
         c.push_back({.what = "a person in scope moves away", .method = "POST", .path = path(made), .body = body,
                      .want = 201});
         return c;
       }},
      {"PUT /api/v1/persons/{id}/resident-id",
       [](const Role& r) {
         std::vector<Call> c;
         auto path = [](int64_t id) { return fmt::format("/api/v1/persons/{}/resident-id", id); };
         const std::string body = json{{"resident_id", NewbornResidentId()}, {"reason", "write-scope"}}.dump();
         if (!r.county)
           c.push_back({.what = "a person outside the scope", .method = "PUT", .path = path(r.out_person), .body = body,
                        .want = 404, .want_code = "not_found", .refusal = true});
         int64_t born = MadeByAdmin(fmt::format("/api/v1/households/{}/members", r.in_household), PendingBirthEvent(),
                                    "person_id");
         c.push_back({.what = "a pending id in scope completed", .method = "PUT", .path = path(born), .body = body,
                      .want = 200});
         return c;
       }},
      {"POST /api/v1/register-events/{id}/void",
       [](const Role& r) {
         std::vector<Call> c;
         auto path = [](int64_t id) { return fmt::format("/api/v1/register-events/{}/void", id); };
         const std::string body = json{{"reason", "write-scope"}}.dump();
         if (!r.county) {
           int64_t out = MadeByAdmin("/api/v1/persons", NewMember(r.out_household));
           c.push_back({.what = "an event outside the scope", .method = "POST", .path = path(LatestEventOf(out)),
                        .body = body, .want = 404, .want_code = "not_found", .refusal = true});
         }
         int64_t made = MadeByAdmin("/api/v1/persons", NewMember(r.in_household));
         c.push_back({.what = "an event in scope", .method = "POST", .path = path(LatestEventOf(made)), .body = body,
                      .want = 200});
         return c;
       }},
      // Attachments (issue #15 item 3): the owner record's scope; a new PNG each time.
      {"POST /api/v1/attachments",
       [](const Role& r) {
         std::vector<Call> c;
         auto path = [](int64_t hh) { return fmt::format("/api/v1/attachments?owner=household&owner_id={}", hh); };
         if (!r.county)
           c.push_back({.what = "a file for a household outside the scope", .method = "POST",
                        .path = path(r.out_household), .body = TestPng(), .content_type = "image/png",
                        .want = 404, .want_code = "not_found", .refusal = true});
         c.push_back({.what = "a file for a household in scope", .method = "POST", .path = path(r.in_household),
                      .body = TestPng(), .content_type = "image/png", .want = 201});
         return c;
       }},
      {"POST /api/v1/attachments/{id}/withdraw",
       [](const Role& r) {
         std::vector<Call> c;
         auto path = [](int64_t id) { return fmt::format("/api/v1/attachments/{}/withdraw", id); };
         const std::string body = json{{"reason", "write-scope"}}.dump();
         if (!r.county)
           c.push_back({.what = "a file of a household outside the scope", .method = "POST",
                        .path = path(UploadedByAdmin(r.out_household)), .body = body, .want = 404,
                        .want_code = "not_found", .refusal = true});
         c.push_back({.what = "a file of a household in scope", .method = "POST",
                      .path = path(UploadedByAdmin(r.in_household)), .body = body, .want = 200});
         return c;
       }},
      // Rectification (issue #15 item 6).
      {"POST /api/v1/inspections",
       [](const Role& r) {
         return CountyOnly(r, {.what = "a new inspection", .method = "POST", .path = "/api/v1/inspections",
                               .body = json{{"name", fmt::format("write-scope 自查 {}", Counter())},
                                            {"kind", "county_check"}, {"held_on", "2025-06-01"}}.dump(),
                               .want = 201});
       }},
      {"POST /api/v1/inspections/{id}/findings",
       [](const Role& r) {
         return CountyOnly(r, {.what = "a new finding", .method = "POST",
                               .path = fmt::format("/api/v1/inspections/{}/findings", TheInspection()),
                               .body = json{{"description", "write-scope"}, {"responsible_unit", "县乡村振兴局"}}.dump(),
                               .want = 201});
       }},
      {"POST /api/v1/inspections/{id}/findings/import",
       [](const Role& r) {
         return CountyOnly(r, {.what = "a finding list (dry run)", .method = "POST",
                               .path = fmt::format("/api/v1/inspections/{}/findings/import?dry_run=true", TheInspection()),
                               .body = "序号,问题描述,责任单位\n900,write-scope,县乡村振兴局\n",
                               .content_type = "text/csv", .want = 200, .refusal = true,
                               .check = [](const json& j) {
                                 EXPECT_EQ(j["created"], 1) << j.dump().substr(0, 1500);
                                 EXPECT_EQ(j["committed"], false);
                               }});
       }},
      {"PATCH /api/v1/findings/{id}",
       [](const Role& r) {
         std::vector<Call> c;
         auto path = [](int64_t id) { return fmt::format("/api/v1/findings/{}", id); };
         const std::string body = json{{"progress", fmt::format("write-scope {}", Counter())}}.dump();
         if (int64_t out = OutsideFinding(r))
           c.push_back({.what = "a finding outside the scope", .method = "PATCH", .path = path(out), .body = body,
                        .if_match_table = "findings", .if_match_id = out, .want = 404, .want_code = "not_found",
                        .refusal = true});
         if (int64_t in = HeldFinding(r))
           c.push_back({.what = "a finding in scope", .method = "PATCH", .path = path(in), .body = body,
                        .if_match_table = "findings", .if_match_id = in, .want = 200});
         return c;
       }},
      {"POST /api/v1/findings/{id}/transitions",
       [](const Role& r) {
         std::vector<Call> c;
         auto path = [](int64_t id) { return fmt::format("/api/v1/findings/{}/transitions", id); };
         const std::string start = json{{"transition", "start"}}.dump();
         if (int64_t out = OutsideFinding(r))
           c.push_back({.what = "a finding outside the scope", .method = "POST", .path = path(out), .body = start,
                        .want = 404, .want_code = "not_found", .refusal = true});
         if (int64_t in = HeldFinding(r))
           c.push_back({.what = "a finding the role holds", .method = "POST", .path = path(in), .body = start, .want = 200,
                        .check = [](const json& j) { EXPECT_EQ(j["state"], "rectifying"); }});
         return c;
       }},
      // Cadres (issue #15): the county decides the pairing (Actor::CanManageCadres), so every
      // role below the county is refused (403) whatever the target; county roles succeed.
      {"POST /api/v1/cadres",
       [](const Role& r) {
         const std::string body = json{{"name", "测试帮扶人"}, {"unit", "测试单位"}, {"phone", "139 0000 0001"}}.dump();
         if (!r.county)
           return std::vector<Call>{{.what = "a cadre (county only)", .method = "POST", .path = "/api/v1/cadres",
                                     .body = body, .want = 403, .want_code = "permission_denied", .refusal = true}};
         return std::vector<Call>{{.what = "a cadre", .method = "POST", .path = "/api/v1/cadres", .body = body, .want = 201}};
       }},
      {"PATCH /api/v1/cadres/{id}",
       [](const Role& r) {
         int64_t id = MadeByAdmin("/api/v1/cadres", {{"name", "测试帮扶人"}});
         Call c{.what = "a cadre's unit", .method = "PATCH", .path = fmt::format("/api/v1/cadres/{}", id),
                .body = json{{"unit", "新单位"}}.dump(), .if_match_table = "cadres", .if_match_id = id, .want = 200};
         if (!r.county) c = {.what = c.what, .method = c.method, .path = c.path, .body = c.body, .if_match_table = "cadres",
                             .if_match_id = id, .want = 403, .want_code = "permission_denied", .refusal = true};
         return std::vector<Call>{c};
       }},
      {"POST /api/v1/households/{id}/cadre",
       [](const Role& r) {
         std::vector<Call> c;
         int64_t cadre = MadeByAdmin("/api/v1/cadres", {{"name", "测试帮扶人"}});
         // Each county role from its own day, after the other writes' RecentDay (demo_admin first,
         // then demo_staff): a second assignment from the same day is refused (a period is never empty).
         const Date from = CadreDay(r, 5);
         const std::string body =
             json{{"cadre_id", cadre}, {"from", FormatIsoDate(from)}, {"reason", "write-scope"}}.dump();
         auto path = [](int64_t id) { return fmt::format("/api/v1/households/{}/cadre", id); };
         if (!r.county) {
           c.push_back({.what = "a household outside the scope", .method = "POST", .path = path(r.out_household),
                        .body = body, .want = 403, .want_code = "permission_denied", .refusal = true});
           c.push_back({.what = "a household in scope (county only)", .method = "POST", .path = path(r.in_household),
                        .body = body, .want = 403, .want_code = "permission_denied", .refusal = true});
         } else {
           c.push_back({.what = "a household", .method = "POST", .path = path(r.in_household), .body = body, .want = 201});
         }
         return c;
       }},
      {"POST /api/v1/cadre-assignments/{id}/end",
       [](const Role& r) {
         int64_t cadre = MadeByAdmin("/api/v1/cadres", {{"name", "测试帮扶人"}});
         int64_t a = MadeByAdmin(fmt::format("/api/v1/households/{}/cadre", r.in_household),
                                 {{"cadre_id", cadre}, {"from", FormatIsoDate(CadreDay(r, 6))}});
         const std::string body = json{{"date", FormatIsoDate(CadreDay(r, 5))}, {"reason", "write-scope"}}.dump();
         const std::string path = fmt::format("/api/v1/cadre-assignments/{}/end", a);
         if (!r.county)
           return std::vector<Call>{{.what = "an assignment (county only)", .method = "POST", .path = path, .body = body,
                                     .want = 403, .want_code = "permission_denied", .refusal = true}};
         return std::vector<Call>{{.what = "an assignment", .method = "POST", .path = path, .body = body, .want = 200}};
       }},
      // Parks and workshops (issue #16 items 1-2, docs/industry.md "Roles").
      {"POST /api/v1/parks",
       [](const Role& r) {
         std::vector<Call> c;
         const std::string in = NewPark(PlaceSiteIn(r)).dump();
         if (!WritesParks(r)) {
           c.push_back({.what = "a park (county roles and township staff only)", .method = "POST", .path = "/api/v1/parks",
                        .body = in, .want = 403, .want_code = "permission_denied", .refusal = true});
           return c;
         }
         c.push_back({.what = "a park at a site in scope", .method = "POST", .path = "/api/v1/parks", .body = in,
                      .want = 201, .check = [](const json& j) { EXPECT_EQ(j["area_centimu"], 1250); }});
         if (int64_t out = PlaceSiteUnseen(r)) {
           c.push_back({.what = "a park at a site outside the scope", .method = "POST", .path = "/api/v1/parks",
                        .body = NewPark(out).dump(), .want = 403, .want_code = "permission_denied",
                        .want_field = "site_id", .refusal = true});
           json served = NewPark(PlaceSiteIn(r));
           served["served_site_ids"] = json::array({out});
           c.push_back({.what = "a park serving a site outside the scope", .method = "POST", .path = "/api/v1/parks",
                        .body = served.dump(), .want = 403, .want_code = "permission_denied",
                        .want_field = "served_site_ids", .refusal = true});
         }
         return c;
       }},
      {"PATCH /api/v1/parks/{id}",
       [](const Role& r) {
         std::vector<Call> c;
         auto path = [](int64_t id) { return fmt::format("/api/v1/parks/{}", id); };
         const std::string body = json{{"note", fmt::format("write-scope {}", Counter())}}.dump();
         int64_t in = MadeByAdmin("/api/v1/parks", NewPark(PlaceSiteIn(r)));
         if (WritesParks(r))
           c.push_back({.what = "a park in scope", .method = "PATCH", .path = path(in), .body = body,
                        .if_match_table = "parks", .if_match_id = in, .want = 200});
         else
           c.push_back({.what = "a park it sees (not its to change)", .method = "PATCH", .path = path(in), .body = body,
                        .if_match_table = "parks", .if_match_id = in, .want = 403, .want_code = "permission_denied",
                        .refusal = true});
         if (int64_t site = PlaceSiteUnseen(r)) {
           int64_t out = MadeByAdmin("/api/v1/parks", NewPark(site));
           c.push_back({.what = "a park outside the scope", .method = "PATCH", .path = path(out), .body = body,
                        .if_match_table = "parks", .if_match_id = out, .want = 404, .want_code = "not_found",
                        .refusal = true});
         }
         return c;
       }},
      {"POST /api/v1/workshops",
       [](const Role& r) {
         std::vector<Call> c;
         const std::string in = NewWorkshop(PlaceSiteIn(r)).dump();
         if (!WritesWorkshops(r)) {
           c.push_back({.what = "a workshop (grid workers may not)", .method = "POST", .path = "/api/v1/workshops",
                        .body = in, .want = 403, .want_code = "permission_denied", .refusal = true});
           return c;
         }
         c.push_back({.what = "a workshop at a site in scope", .method = "POST", .path = "/api/v1/workshops", .body = in,
                      .want = 201});
         if (int64_t out = PlaceSiteUnseen(r))
           c.push_back({.what = "a workshop at a site outside the scope", .method = "POST", .path = "/api/v1/workshops",
                        .body = NewWorkshop(out).dump(), .want = 403, .want_code = "permission_denied",
                        .want_field = "site_id", .refusal = true});
         return c;
       }},
      {"PATCH /api/v1/workshops/{id}",
       [](const Role& r) {
         std::vector<Call> c;
         auto path = [](int64_t id) { return fmt::format("/api/v1/workshops/{}", id); };
         const std::string body = json{{"products", fmt::format("write-scope {}", Counter())}}.dump();
         int64_t in = MadeByAdmin("/api/v1/workshops", NewWorkshop(PlaceSiteIn(r)));
         if (WritesWorkshops(r))
           c.push_back({.what = "a workshop in scope", .method = "PATCH", .path = path(in), .body = body,
                        .if_match_table = "workshops", .if_match_id = in, .want = 200});
         else
           c.push_back({.what = "a workshop it sees (not its to change)", .method = "PATCH", .path = path(in),
                        .body = body, .if_match_table = "workshops", .if_match_id = in, .want = 403,
                        .want_code = "permission_denied", .refusal = true});
         if (int64_t site = PlaceSiteUnseen(r)) {
           int64_t out = MadeByAdmin("/api/v1/workshops", NewWorkshop(site));
           c.push_back({.what = "a workshop outside the scope", .method = "PATCH", .path = path(out), .body = body,
                        .if_match_table = "workshops", .if_match_id = out, .want = 404, .want_code = "not_found",
                        .refusal = true});
         }
         return c;
       }},
      {"POST /api/v1/workshops/{id}/close",
       [](const Role& r) {
         std::vector<Call> c;
         auto path = [](int64_t id) { return fmt::format("/api/v1/workshops/{}/close", id); };
         const std::string body = json{{"closed_on", FormatIsoDate(RecentDay())}, {"reason", "write-scope"}}.dump();
         int64_t in = MadeByAdmin("/api/v1/workshops", NewWorkshop(PlaceSiteIn(r)));
         if (WritesWorkshops(r))
           c.push_back({.what = "a workshop in scope", .method = "POST", .path = path(in), .body = body,
                        .if_match_table = "workshops", .if_match_id = in, .want = 200,
                        .check = [](const json& j) { EXPECT_EQ(j["closed_on"], FormatIsoDate(RecentDay())); }});
         else
           c.push_back({.what = "a workshop it sees (not its to close)", .method = "POST", .path = path(in),
                        .body = body, .if_match_table = "workshops", .if_match_id = in, .want = 403,
                        .want_code = "permission_denied", .refusal = true});
         if (int64_t site = PlaceSiteUnseen(r)) {
           int64_t out = MadeByAdmin("/api/v1/workshops", NewWorkshop(site));
           c.push_back({.what = "a workshop outside the scope", .method = "POST", .path = path(out), .body = body,
                        .if_match_table = "workshops", .if_match_id = out, .want = 404, .want_code = "not_found",
                        .refusal = true});
         }
         return c;
       }},
      {"POST /api/v1/data-calls",
       [](const Role& r) {
         if (r.county) return std::vector<Call>{{.what = "a call by the county", .method = "POST", .path = "/api/v1/data-calls",
                                                 .body = DataCallBody().dump(), .want = 201}};
         return std::vector<Call>{{.what = "a call by a township, site or grid user", .method = "POST", .path = "/api/v1/data-calls",
                                   .body = DataCallBody().dump(), .want = 403, .want_code = "permission_denied", .refusal = true}};
       }},
      {"POST /api/v1/data-calls/{id}/close",
       [](const Role& r) {
         DataCallFixture f = NewDataCall(r);
         const std::string path = fmt::format("/api/v1/data-calls/{}/close", f.call);
         if (r.county) return std::vector<Call>{{.what = "closed by the county", .method = "POST", .path = path, .body = "{}", .want = 200}};
         return std::vector<Call>{{.what = "not a county clerk", .method = "POST", .path = path, .body = "{}", .want = 403,
                                   .want_code = "permission_denied", .refusal = true}};
       }},
      {"PUT /api/v1/data-calls/{id}/replies/{recipient_id}",
       [](const Role& r) { return DataCallAnswer(r, "PUT", "", kDataCallRows, "application/json", false); }},
      {"POST /api/v1/data-calls/{id}/replies/{recipient_id}/upload",
       [](const Role& r) { return DataCallAnswer(r, "POST", "/upload", "数量\n3\n", "text/csv", false); }},
      {"POST /api/v1/data-calls/{id}/replies/{recipient_id}/submit",
       [](const Role& r) { return DataCallAnswer(r, "POST", "/submit", "{}", "application/json", true); }},
      {"POST /api/v1/data-calls/{id}/replies/{recipient_id}/accept",
       [](const Role& r) { return DataCallDecision(r, "/accept", "{}"); }},
      {"POST /api/v1/data-calls/{id}/replies/{recipient_id}/return",
       [](const Role& r) { return DataCallDecision(r, "/return", json{{"note", "write-scope"}}.dump()); }},
      {"POST /api/v1/households/{id}/visits",
       [](const Role& r) {
         std::vector<Call> c;
         auto path = [](int64_t id) { return fmt::format("/api/v1/households/{}/visits", id); };
         const std::string body =
             json{{"visited_on", FormatIsoDate(RecentDay())}, {"purpose", "routine"}, {"findings", "write-scope"}}.dump();
         if (!r.county)
           c.push_back({.what = "a household outside the scope", .method = "POST", .path = path(r.out_household),
                        .body = body, .want = 404, .want_code = "not_found", .refusal = true});
         c.push_back({.what = "coordinates without consent", .method = "POST", .path = path(r.in_household),
                      .body = json{{"visited_on", FormatIsoDate(RecentDay())}, {"purpose", "routine"},
                                   {"latitude", 37.9}, {"longitude", 111.0}}.dump(),
                      .want = 422, .want_code = "invalid_argument", .want_field = "location_consent", .refusal = true});
         const int64_t hh = r.in_household;
         c.push_back({.what = "a household in scope", .method = "POST", .path = path(hh), .body = body, .want = 201,
                      .check = [hh](const json& j) {
                        EXPECT_EQ(SqlInt(fmt::format("SELECT household_id FROM visits WHERE id = {}",
                                                     j.value("id", int64_t{0}))), hh);
                      }});
         return c;
       }},
      {"POST /api/v1/visits/{id}/void",
       [](const Role& r) {
         std::vector<Call> c;
         auto path = [](int64_t id) { return fmt::format("/api/v1/visits/{}/void", id); };
         const std::string body = json{{"reason", "write-scope"}}.dump();
         const json visit = {{"visited_on", FormatIsoDate(RecentDay())}, {"purpose", "policy"}};
         if (!r.county) {
           int64_t out = MadeByAdmin(fmt::format("/api/v1/households/{}/visits", r.out_household), visit);
           c.push_back({.what = "a visit outside the scope", .method = "POST", .path = path(out), .body = body,
                        .want = 404, .want_code = "not_found", .refusal = true});
         }
         int64_t in = MadeByAdmin(fmt::format("/api/v1/households/{}/visits", r.in_household), visit);
         c.push_back({.what = "a visit in scope", .method = "POST", .path = path(in), .body = body, .want = 200,
                      .check = [in](const json&) {
                        EXPECT_EQ(SqlText(fmt::format("SELECT void_reason FROM visits WHERE id = {}", in)), "write-scope");
                      }});
         return c;
       }},
      {"POST /api/v1/origin-villages",
       [](const Role& r) {
         // A village of the division list that is not an origin village yet (in `township`, or
         // outside it when `inside` is false; any township when "").
         auto free_village = [](const std::string& township, bool inside) {
           return SqlText(fmt::format(
               "SELECT code FROM divisions d WHERE level = 'village' AND {} AND NOT EXISTS "
               "(SELECT 1 FROM origin_villages o WHERE o.division_code = d.code) ORDER BY code LIMIT 1",
               township.empty() ? "1" : fmt::format("parent_code {} '{}'", inside ? "=" : "<>", township)));
         };
         auto body = [](const std::string& code) {
           return json{{"division_code", code}, {"relocation_type", "scattered"}}.dump();
         };
         const std::string path = "/api/v1/origin-villages";
         std::vector<Call> c;
         if (r.level == "site" || r.level == "grid") {
           // Origin villages are county reference data: a site's or a grid's account adds none.
           c.push_back({.what = "a site or grid account adds a village", .method = "POST", .path = path,
                        .body = body(free_village("", true)), .want = 403, .want_code = "permission_denied",
                        .refusal = true});
           return c;
         }
         if (r.level == "township") {
           const std::string out = free_village(r.township, false);
           c.push_back({.what = "a village of another township", .method = "POST", .path = path, .body = body(out),
                        .want = 403, .want_code = "permission_denied", .want_field = "division_code",
                        .refusal = true});
         }
         const std::string in = free_village(r.township, true);
         c.push_back({.what = "a village in scope", .method = "POST", .path = path, .body = body(in), .want = 201,
                      .check = [in](const json& j) {
                        EXPECT_EQ(j.value("division_code", ""), in) << j.dump();
                        EXPECT_EQ(SqlText(fmt::format("SELECT name FROM divisions WHERE code = '{}'", in)),
                                  j.value("name", "")) << j.dump();
                        EXPECT_EQ(SqlInt(fmt::format("SELECT count(*) FROM audit_log WHERE entity = 'origin_village' "
                                                     "AND action = 'create' AND entity_id = '{}'", j.value("id", int64_t{0}))), 1);
                      }});
         c.push_back({.what = "the same village again", .method = "POST", .path = path, .body = body(in), .want = 409,
                      .want_code = "conflict", .want_field = "division_code", .refusal = true});
         return c;
       }},
      {"POST /api/v1/imports/preview",
       [](const Role& r) { return ImportCalls(r, "/api/v1/imports/preview", false); }},
      {"POST /api/v1/imports", [](const Role& r) { return ImportCalls(r, "/api/v1/imports", true); }},
      // ---- casework (issue #15) ----
      {"POST /api/v1/cases",
       [](const Role& r) {
         std::vector<Call> c;
         if (!r.county) {
           c.push_back({.what = "a case about a household outside the scope", .method = "POST", .path = "/api/v1/cases",
                        .body = NewCase(r.out_household).dump(), .want = 404, .want_code = "not_found",
                        .want_field = "household_id", .refusal = true});
           // For the grid worker: its own site, a place above its grid.
           c.push_back({.what = "a case about a site outside the scope", .method = "POST", .path = "/api/v1/cases",
                        .body = json{{"kind", "service_request"}, {"title", "写入范围测试诉求"},
                                     {"site_id", r.out_place["site_id"]}}.dump(),
                        .want = 403, .want_code = "permission_denied", .want_field = "site_id", .refusal = true});
         }
         const int64_t hh = r.in_household;
         const int64_t user = UserId(r.user);
         c.push_back({.what = "a case about a household in scope", .method = "POST", .path = "/api/v1/cases",
                      .body = NewCase(hh).dump(), .want = 201, .check = [hh, user](const json& j) {
                        const int64_t id = j.value("id", int64_t{0});
                        EXPECT_EQ(j.value("state", ""), "open") << j.dump();
                        EXPECT_EQ(SqlText(fmt::format("SELECT household_id || ':' || opened_by || ':' || state FROM cases "
                                                      "WHERE id = {}", id)),
                                  fmt::format("{}:{}:open", hh, user));
                        EXPECT_EQ(SqlInt(fmt::format("SELECT count(*) FROM case_transitions WHERE case_id = {} AND "
                                                     "transition = 'open'", id)), 1);
                        EXPECT_EQ(SqlInt(fmt::format("SELECT count(*) FROM audit_log WHERE action = 'case.open' AND "
                                                     "entity_id = '{}'", id)), 1);
                      }});
         return c;
       }},
      {"POST /api/v1/cases/{id}/transitions",
       [](const Role& r) {
         std::vector<Call> c;
         auto path = [](int64_t id) { return fmt::format("/api/v1/cases/{}/transitions", id); };
         const std::string accept = json{{"transition", "accept"}}.dump();
         if (!r.county) {
           int64_t out = MadeBy("demo_admin", "/api/v1/cases", NewCase(r.out_household));
           c.push_back({.what = "a case outside the scope", .method = "POST", .path = path(out), .body = accept,
                        .if_match_table = "cases", .if_match_id = out, .want = 404, .want_code = "not_found",
                        .refusal = true});
         }
         // Assigned to the role's user: the holder, whatever its level.
         int64_t in = MadeBy("demo_admin", "/api/v1/cases", NewCase(r.in_household, r.user));
         const int64_t user = UserId(r.user);
         c.push_back({.what = "a case in scope assigned to the user", .method = "POST", .path = path(in), .body = accept,
                      .if_match_table = "cases", .if_match_id = in, .want = 200, .check = [in, user](const json& j) {
                        EXPECT_EQ(j.value("state", ""), "accepted") << j.dump();
                        EXPECT_EQ(SqlText(fmt::format("SELECT state || ':' || version FROM cases WHERE id = {}", in)),
                                  "accepted:2");
                        EXPECT_EQ(SqlInt(fmt::format("SELECT user_id FROM case_transitions WHERE case_id = {} AND "
                                                     "transition = 'accept'", in)), user);
                      }});
         return c;
       }},
      {"PUT /api/v1/calendar/{year}",
       [](const Role& r) {
         const std::string body =
             json{{"days", json::array({{{"day", "2099-01-02"}, {"kind", "holiday"}, {"name", "写入范围测试"}}})}}.dump();
         if (!r.admin)  // county_admin only, whatever the scope
           return std::vector<Call>{{.what = "the calendar, not a county admin", .method = "PUT",
                                     .path = "/api/v1/calendar/2099", .body = body, .want = 403,
                                     .want_code = "permission_denied", .refusal = true}};
         return std::vector<Call>{{.what = "the calendar of 2099", .method = "PUT", .path = "/api/v1/calendar/2099",
                                   .body = body, .want = 200, .check = [](const json& j) {
                                     ASSERT_EQ(j["items"].size(), 1u) << j.dump();
                                     EXPECT_EQ(j["items"][0]["day"], "2099-01-02");
                                     EXPECT_EQ(SqlText("SELECT kind FROM calendar_days WHERE day LIKE '2099-%'"), "holiday");
                                   }}};
       }},
      {"PUT /api/v1/settings/{key}",
       [](const Role& r) {
         // The default value (2), so the other cases' clocks are not changed.
         const std::string body = json{{"value", "2"}, {"source", "write-scope test"}}.dump();
         const std::string path = "/api/v1/settings/inbox.deadline_near_days";
         if (!r.admin)
           return std::vector<Call>{{.what = "a setting, not a county admin", .method = "PUT", .path = path,
                                     .body = body, .want = 403, .want_code = "permission_denied", .refusal = true}};
         return std::vector<Call>{{.what = "a setting", .method = "PUT", .path = path, .body = body, .want = 200,
                                   .check = [](const json& j) {
                                     EXPECT_EQ(j.value("value", ""), "2") << j.dump();
                                     EXPECT_EQ(SqlText("SELECT value || ':' || source FROM casework_settings WHERE key = "
                                                       "'inbox.deadline_near_days'"), "2:write-scope test");
                                   }}};
       }},
      {"POST /api/v1/inbox/{id}/read",
       [](const Role& r) {
         // Everyone's own inbox, the auditor's too (.read): another user's notification is not found.
         auto path = [](int64_t id) { return fmt::format("/api/v1/inbox/{}/read", id); };
         int64_t other = NotificationFor(OtherUser(r), r.in_household);
         int64_t mine = NotificationFor(r.user, r.in_household);
         const std::string user = r.user;
         return std::vector<Call>{
             {.what = "another user's notification", .method = "POST", .path = path(other), .body = "{}", .want = 404,
              .want_code = "not_found", .refusal = true, .read = true},
             {.what = "the user's own notification", .method = "POST", .path = path(mine), .body = "{}", .want = 200,
              .read = true, .check = [mine, other, user](const json& j) {
                EXPECT_EQ(j.value("unread", int64_t{-1}), Unread(user)) << j.dump();
                EXPECT_FALSE(SqlText(fmt::format("SELECT read_at FROM notifications WHERE id = {}", mine)).empty());
                EXPECT_TRUE(SqlText(fmt::format("SELECT read_at FROM notifications WHERE id = {}", other)).empty());
              }}};
       }},
      {"POST /api/v1/inbox/read-all",
       [](const Role& r) {
         int64_t other = NotificationFor(OtherUser(r), r.in_household);
         NotificationFor(r.user, r.in_household);
         const int64_t before = Unread(r.user);
         const std::string user = r.user;
         return std::vector<Call>{{.what = "the user's own inbox", .method = "POST", .path = "/api/v1/inbox/read-all",
                                   .body = "{}", .want = 200, .read = true, .check = [other, user, before](const json& j) {
                                     EXPECT_EQ(j.value("marked", int64_t{-1}), before) << j.dump();
                                     EXPECT_EQ(Unread(user), 0);
                                     EXPECT_TRUE(SqlText(fmt::format("SELECT read_at FROM notifications WHERE id = {}",
                                                                     other)).empty());
                                   }}};
       }},
      // Training (issue #16 item 5): industry.manage (county roles, township staff, site
      // managers); grid workers and cadres are refused whatever the target. A class lies at its
      // site, an enrolment or certificate at the person's household.
      {"POST /api/v1/courses",
       [](const Role& r) {
         const std::string body = json{{"name", fmt::format("测试课程{}{}", r.user, Counter())}}.dump();
         const bool manages = r.level != "grid" && r.level != "assigned";
         if (!manages)
           return std::vector<Call>{{.what = "a course (no industry.manage)", .method = "POST", .path = "/api/v1/courses",
                                     .body = body, .want = 403, .want_code = "permission_denied", .refusal = true}};
         return std::vector<Call>{{.what = "a course", .method = "POST", .path = "/api/v1/courses", .body = body, .want = 201}};
       }},
      {"POST /api/v1/training-classes",
       [](const Role& r) {
         auto body = [](const json& site) {
           return json{{"course_id", 1}, {"provider", "测试培训机构"}, {"site_id", site}, {"from", "2025-03-03"},
                       {"until", "2025-03-12"}, {"hours", 80}}.dump();
         };
         const bool manages = r.level != "grid" && r.level != "assigned";
         if (!manages)
           return std::vector<Call>{{.what = "a class (no industry.manage)", .method = "POST", .path = "/api/v1/training-classes",
                                     .body = body(r.in_place["site_id"]), .want = 403, .want_code = "permission_denied", .refusal = true}};
         std::vector<Call> c{{.what = "a class at a site in scope", .method = "POST", .path = "/api/v1/training-classes",
                              .body = body(r.in_place["site_id"]), .want = 201}};
         if (!r.county)
           c.push_back({.what = "a class at a site outside the scope", .method = "POST", .path = "/api/v1/training-classes",
                        .body = body(r.out_place["site_id"]), .want = 403, .want_code = "permission_denied",
                        .want_field = "site_id", .refusal = true});
         return c;
       }},
      {"PATCH /api/v1/training-classes/{id}",
       [](const Role& r) {
         auto make = [](const json& site) {
           return MadeByAdmin("/api/v1/training-classes", {{"course_id", 2}, {"provider", "测试培训机构"}, {"site_id", site},
                                                           {"from", "2025-03-03"}, {"until", "2025-03-12"}, {"hours", 80}});
         };
         const bool manages = r.level != "grid" && r.level != "assigned";
         int64_t in = make(r.in_place["site_id"]);
         Call ok{.what = "a class in scope", .method = "PATCH", .path = fmt::format("/api/v1/training-classes/{}", in),
                 .body = json{{"hours", 90}}.dump(), .if_match_table = "training_classes", .if_match_id = in, .want = 200};
         if (!manages) {
           ok.want = 403;
           ok.want_code = "permission_denied";
           ok.refusal = true;
           return std::vector<Call>{ok};
         }
         std::vector<Call> c{ok};
         if (!r.county) {
           int64_t out = make(r.out_place["site_id"]);
           c.push_back({.what = "a class outside the scope", .method = "PATCH",
                        .path = fmt::format("/api/v1/training-classes/{}", out), .body = json{{"hours", 90}}.dump(),
                        .if_match_table = "training_classes", .if_match_id = out, .want = 404, .want_code = "not_found",
                        .refusal = true});
         }
         return c;
       }},
      {"POST /api/v1/training-classes/{id}/enrolments",
       [](const Role& r) {
         int64_t cls = MadeByAdmin("/api/v1/training-classes", {{"course_id", 3}, {"provider", "测试培训机构"},
                                                                {"site_id", r.in_place["site_id"]}, {"from", "2025-03-03"},
                                                                {"until", "2025-03-12"}, {"hours", 80}});
         const std::string path = fmt::format("/api/v1/training-classes/{}/enrolments", cls);
         const bool manages = r.level != "grid" && r.level != "assigned";
         if (!manages)
           return std::vector<Call>{{.what = "an enrolment (no industry.manage)", .method = "POST", .path = path,
                                     .body = json{{"person_id", r.in_person}}.dump(), .want = 403,
                                     .want_code = "permission_denied", .refusal = true}};
         std::vector<Call> c{{.what = "a person in scope", .method = "POST", .path = path,
                              .body = json{{"person_id", r.in_person}}.dump(), .want = 201}};
         if (!r.county)
           c.push_back({.what = "a person outside the scope", .method = "POST", .path = path,
                        .body = json{{"person_id", r.out_person}}.dump(), .want = 404, .want_code = "not_found",
                        .want_field = "person_id", .refusal = true});
         return c;
       }},
      {"PATCH /api/v1/training-enrolments/{id}",
       [](const Role& r) {
         int64_t cls = MadeByAdmin("/api/v1/training-classes", {{"course_id", 4}, {"provider", "测试培训机构"},
                                                                {"site_id", r.in_place["site_id"]}, {"from", "2025-03-03"},
                                                                {"until", "2025-03-12"}, {"hours", 80}});
         int64_t e = MadeByAdmin(fmt::format("/api/v1/training-classes/{}/enrolments", cls), {{"person_id", r.in_person}});
         const bool manages = r.level != "grid" && r.level != "assigned";
         Call c{.what = "attendance and completion", .method = "PATCH", .path = fmt::format("/api/v1/training-enrolments/{}", e),
                .body = json{{"attended_days", 10}, {"attended_hours", 80}, {"completed_on", "2025-03-12"}}.dump(),
                .if_match_table = "training_enrolments", .if_match_id = e, .want = 200,
                .check = [](const json& j) { EXPECT_EQ(j["completed"], true) << j.dump(); }};
         if (!manages) {
           c.want = 403;
           c.want_code = "permission_denied";
           c.refusal = true;
           c.check = nullptr;
         }
         return std::vector<Call>{c};
       }},
      {"POST /api/v1/certificates",
       [](const Role& r) {
         auto body = [&r](int64_t person) {
           return json{{"person_id", person}, {"kind", "special"}, {"occupation", fmt::format("测试工种{}{}", r.user, Counter())},
                       {"issued_on", "2025-04-01"}, {"subsidy_fen", 100000}}.dump();
         };
         const bool manages = r.level != "grid" && r.level != "assigned";
         if (!manages)
           return std::vector<Call>{{.what = "a certificate (no industry.manage)", .method = "POST", .path = "/api/v1/certificates",
                                     .body = body(r.in_person), .want = 403, .want_code = "permission_denied", .refusal = true}};
         std::vector<Call> c{{.what = "a certificate in scope", .method = "POST", .path = "/api/v1/certificates",
                              .body = body(r.in_person), .want = 201}};
         if (!r.county)
           c.push_back({.what = "a certificate of a person outside the scope", .method = "POST", .path = "/api/v1/certificates",
                        .body = body(r.out_person), .want = 404, .want_code = "not_found", .want_field = "person_id",
                        .refusal = true});
         return c;
       }},
      {"POST /api/v1/certificates/{id}/void",
       [](const Role& r) {
         int64_t id = MadeByAdmin("/api/v1/certificates", {{"person_id", r.in_person}, {"kind", "training"},
                                                           {"occupation", fmt::format("测试作废{}", Counter())},
                                                           {"issued_on", "2025-04-01"}});
         const bool manages = r.level != "grid" && r.level != "assigned";
         Call c{.what = "void a certificate", .method = "POST", .path = fmt::format("/api/v1/certificates/{}/void", id),
                .body = json{{"reason", "录入错误"}}.dump(), .if_match_table = "training_certificates", .if_match_id = id,
                .want = 200};
         if (!manages) {
           c.want = 403;
           c.want_code = "permission_denied";
           c.refusal = true;
         }
         return std::vector<Call>{c};
       }},
  };
  return cases;
}

// Write operations with no registry record and no place, so no scope to check.
const std::map<std::string, std::string>& Exempt() {
  static const std::map<std::string, std::string> exempt = {
      {"POST /api/v1/session", "login: creates the caller's own session, no registry record"},
      {"DELETE /api/v1/session", "logout: ends the caller's own session, no registry record"},
      {"POST /api/v1/session/password", "changes the caller's own password, no registry record"},
      // Accounts: county_admin only, whatever the scope; every role is walked by
      // Api.UsersEndpointsAreForCountyAdminsOnlyAndEveryChangeIsAudited (tests/api/api_test.cc).
      {"POST /api/v1/users", "accounts, county_admin only (api_test: UsersEndpointsAreForCountyAdminsOnly…)"},
      {"PATCH /api/v1/users/{username}", "accounts, county_admin only (api_test: UsersEndpointsAreForCountyAdminsOnly…)"},
      {"POST /api/v1/users/{username}/reset-password",
       "accounts, county_admin only (api_test: UsersEndpointsAreForCountyAdminsOnly…)"},
      {"POST /api/v1/users/{username}/unlock",
       "accounts, county_admin only (api_test: UsersEndpointsAreForCountyAdminsOnly…)"},
  };
  return exempt;
}

// "POST /api/v1/households", … of the served OpenAPI document.
std::set<std::string> WriteOperations() {
  auto r = Client().Get("/api/v1/openapi.json");
  EXPECT_TRUE(r && r->status == 200);
  std::set<std::string> ops;
  if (!r) return ops;
  json doc = json::parse(r->body);
  for (auto& [path, item] : doc["paths"].items())
    for (auto& [method, op] : item.items()) {
      std::string m = method;
      for (char& ch : m) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      if (m == "POST" || m == "PUT" || m == "PATCH" || m == "DELETE") ops.insert(m + " " + path);
    }
  return ops;
}

class WriteScope : public ::testing::Test {
 protected:
  void SetUp() override {
    DemoEnv& e = DemoEnv::Get();
    if (!e.skip.empty()) GTEST_SKIP() << e.skip;
    ASSERT_TRUE(e.error.empty()) << e.error;
  }
};

TEST_F(WriteScope, EveryWriteOperationOfTheOpenApiDocumentHasACase) {
  std::set<std::string> ops = WriteOperations();
  EXPECT_GE(ops.size(), 8u);
  for (const auto& op : ops)
    EXPECT_TRUE(WriteCases().contains(op) || Exempt().contains(op))
        << op << " is a write operation of openapi.json without a case in write_scope_test.cc: add a builder "
        << "to WriteCases() (or, if it has no registry record and no place, a reason to Exempt())";
  for (const auto& [op, builder] : WriteCases()) EXPECT_TRUE(ops.contains(op)) << op << " is not in openapi.json";
  for (const auto& [op, reason] : Exempt()) EXPECT_TRUE(ops.contains(op)) << op << " is not in openapi.json";
}

TEST_F(WriteScope, EveryRoleEveryWriteOperation) {
  const std::vector<std::string> users = {"demo_admin", "demo_staff", "demo_township", "demo_site", "demo_grid",
                                          "demo_auditor"};
  int refusals = 0, successes = 0;
  for (size_t n = 0; n < users.size(); ++n) {
    const Role role = Login(users[n], n);
    SCOPED_TRACE(role.user);
    ASSERT_NE(role.in_household, 0);
    ASSERT_NE(role.in_person, 0);
    if (!role.county) {
      ASSERT_NE(role.out_household, 0);
      ASSERT_NE(role.out_person, 0);
    }
    for (const auto& op : WriteOperations()) {
      auto it = WriteCases().find(op);
      if (it == WriteCases().end()) continue;  // exempt (or reported by the test above)
      for (Call call : it->second(role)) {
        SCOPED_TRACE(op + ": " + call.what + " (" + call.method + " " + call.path + ")");
        if (!role.writes && !call.read) {  // the auditor: refused whatever the target
          call = Call{.what = call.what, .method = call.method, .path = call.path, .body = call.body,
                      .content_type = call.content_type, .if_match_table = call.if_match_table,
                      .if_match_id = call.if_match_id, .want = 403, .want_code = "permission_denied",
                      .refusal = true};
        }
        const Snapshot before = Snapshot::Take();
        auto [status, body] = Send(role, call);
        EXPECT_EQ(status, call.want) << body.dump().substr(0, 1500);
        if (!call.want_code.empty() && body.is_object()) {
          EXPECT_TRUE(body.contains("error")) << body.dump();
          const json e = body.value("error", json::object());
          EXPECT_EQ(e.value("code", ""), call.want_code) << body.dump();
          EXPECT_FALSE(e.value("message", "").empty());
          EXPECT_FALSE(e.value("message_zh", "").empty());
          if (!call.want_field.empty()) {
            EXPECT_EQ(e.value("field", ""), call.want_field) << body.dump();
          }
        }
        if (call.check && status == call.want) call.check(body);
        if (call.refusal) {
          const Snapshot after = Snapshot::Take();
          EXPECT_EQ(after.registry, before.registry) << "the registry changed";
          EXPECT_EQ(after.casework, before.casework) << "cases, inbox, calendar or settings changed";
          EXPECT_EQ(after.places, before.places) << "parks or workshops changed";
          if (!call.registry_only) {
            EXPECT_EQ(after.audit, before.audit) << "the audit trail changed";
          }
          ++refusals;
        } else {
          ++successes;
        }
      }
    }
  }
  // Every role had its refusals and every writing role its successes: the walk did walk.
  EXPECT_GE(refusals, 52);
  EXPECT_GE(successes, 35);
}

}  // namespace
}  // namespace anju::http
