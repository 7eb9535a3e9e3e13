// Parks and workshops over HTTP per role (issue #16 items 1-2, docs/industry.md "Places"): the
// real server against the real `anju demo` database (tests/api/demo_env.h), called as the demo
// accounts. The article's 15 parks as reference rows; the rules' refusals (each naming its field,
// nothing stored, no audit entry); If-Match; who writes what; reads limited to the scope; workers
// and park jobs counted as of a day from job rows this test writes itself (hand-counted below).
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/date.h"
#include "demo_env.h"
#include "storage/sqlite.h"

namespace anju::http {
namespace {

using nlohmann::json;
using test::DemoEnv;

storage::Database* Connection() {
  static std::unique_ptr<storage::Database> db = [] {
    auto d = storage::Database::Open(DemoEnv::Get().db, {.create = false});
    EXPECT_TRUE(d) << d.error().ToString();
    return d ? std::move(*d) : nullptr;
  }();
  return db.get();
}
std::string SqlText(const std::string& sql) {
  auto st = Connection()->Prepare(sql);
  EXPECT_TRUE(st) << sql;
  if (!st) return "";
  auto row = st->Step();
  EXPECT_TRUE(row) << sql;
  std::string out = row && *row ? st->ColumnText(0) : "";
  st->Reset();  // cached statements: do not hold a read snapshot open
  return out;
}
int64_t SqlInt(const std::string& sql) {
  std::string t = SqlText(sql);
  return t.empty() ? 0 : std::stoll(t);
}
void SqlExec(const std::string& sql) {
  auto s = Connection()->Exec(sql);
  EXPECT_TRUE(s) << sql << ": " << s.error().ToString();
}

struct User {
  std::string cookie, csrf;
};
httplib::Client Client() {
  httplib::Client c("127.0.0.1", DemoEnv::Get().server->port());
  c.set_read_timeout(60, 0);
  return c;
}
User Login(const std::string& name) {
  static std::map<std::string, User> users;
  if (auto it = users.find(name); it != users.end()) return it->second;
  User u;
  auto res = Client().Post("/api/v1/session", json{{"username", name}, {"password", "anju-demo"}}.dump(),
                           "application/json");
  EXPECT_TRUE(res && res->status == 200) << name;
  if (!res || res->status != 200) return u;
  std::string set_cookie = res->get_header_value("Set-Cookie");
  u.cookie = set_cookie.substr(0, set_cookie.find(';'));
  u.csrf = json::parse(res->body)["csrf_token"];
  users[name] = u;
  return u;
}
struct Answer {
  int status = 0;
  json body;
};
Answer Call(const std::string& user, const std::string& method, const std::string& path, const json& body = nullptr,
            std::optional<int64_t> if_match = std::nullopt) {
  User u = Login(user);
  httplib::Headers h{{"Cookie", u.cookie}, {"X-CSRF-Token", u.csrf}};
  if (if_match) h.emplace("If-Match", fmt::format("\"{}\"", *if_match));
  auto c = Client();
  const std::string b = body.is_null() ? "{}" : body.dump();
  httplib::Result r = method == "GET"     ? c.Get(path, h)
                      : method == "PUT"   ? c.Put(path, h, b, "application/json")
                      : method == "PATCH" ? c.Patch(path, h, b, "application/json")
                                          : c.Post(path, h, b, "application/json");
  EXPECT_TRUE(r) << method << " " << path;
  if (!r) return {};
  return {r->status, json::parse(r->body, nullptr, false)};
}
std::string Audit() { return SqlText("SELECT count(*) || ':' || max(seq) FROM audit_log"); }
std::string PlaceRows() {
  return SqlText("SELECT (SELECT count(*) FROM parks) || '|' || (SELECT total(version) FROM parks) || '|' || "
                 "(SELECT count(*) FROM park_sites) || '|' || (SELECT count(*) FROM workshops) || '|' || "
                 "(SELECT total(version) FROM workshops)");
}
int64_t SiteOf(const std::string& user) { return SqlInt(fmt::format("SELECT site_id FROM users WHERE username = '{}'", user)); }
std::string Tomorrow() { return FormatIsoDate(Date{std::chrono::sys_days(TodayInChina()) + std::chrono::days{1}}); }

class Places : public ::testing::Test {
 protected:
  void SetUp() override {
    DemoEnv& e = DemoEnv::Get();
    if (!e.skip.empty()) GTEST_SKIP() << e.skip;
    ASSERT_TRUE(e.error.empty()) << e.error;
  }
};

TEST_F(Places, TheArticles15ParksAreTheReferenceRowsWithTheirDetails) {
  Answer a = Call("demo_auditor", "GET", "/api/v1/parks");
  ASSERT_EQ(a.status, 200) << a.body.dump();
  const json& items = a.body["items"];
  ASSERT_GE(items.size(), 15u);
  std::map<std::string, json> by;
  for (const auto& p : items) by[p["name"]] = p;
  // linxian-figures.md: 白文曜头 edible-fungus greenhouses 270 mu led by 临县丰禾种植专业合作社.
  const json& baiwen = by.at("白文曜头食用菌大棚园区");
  EXPECT_EQ(baiwen["area_centimu"], 27000);
  EXPECT_EQ(baiwen["area_mu"], 270);
  EXPECT_EQ(baiwen["operator"], "临县丰禾种植专业合作社");
  EXPECT_EQ(baiwen["operator_kind"], "cooperative");  // the demo fills the new column
  EXPECT_EQ(baiwen["status"], "built");
  EXPECT_FALSE(baiwen["built_on"].is_null());
  // 兔坂 meat-donkey base 1,100 head; 克虎 planned (拟新建) on 300 mu with 晋陕红土地.
  EXPECT_EQ(by.at("兔坂肉驴养殖基地")["head_count"], 1100);
  const json& kehu = by.at("克虎红枣核桃加工园区");
  EXPECT_EQ(kehu["status"], "planned");
  EXPECT_EQ(kehu["area_centimu"], 30000);
  EXPECT_FALSE(kehu["planned_on"].is_null());
  EXPECT_TRUE(kehu["built_on"].is_null());
  // 锦绣生态农业园区 is shared with 文苑寨.
  const json& jinxiu = by.at("锦绣生态农业园区");
  ASSERT_EQ(jinxiu["served_site_ids"].size(), 1u);
  EXPECT_EQ(jinxiu["served_site_ids"][0], SqlInt("SELECT id FROM sites WHERE name = '文苑寨安置点'"));
  Answer d = Call("demo_auditor", "GET", fmt::format("/api/v1/parks/{}", jinxiu["id"].get<int64_t>()));
  ASSERT_EQ(d.status, 200);
  EXPECT_EQ(d.body["served_sites"][0]["name"], "文苑寨安置点");
  // 18 workshops, one per site, each with the new columns.
  Answer w = Call("demo_auditor", "GET", "/api/v1/workshops");
  ASSERT_EQ(w.status, 200);
  EXPECT_EQ(SqlInt("SELECT count(DISTINCT site_id) FROM workshops WHERE enterprise <> '' AND type = 'factory'"), 18);
}

// Session 10 tester: the park page showed an English source note ("article gives no area") in
// the Chinese UI. The reference notes are written in Chinese, as the county's clerks keep them.
TEST_F(Places, TheReferenceParkNotesAreInChinese) {
  Answer a = Call("demo_auditor", "GET", "/api/v1/parks");
  ASSERT_EQ(a.status, 200) << a.body.dump();
  int with_note = 0;
  for (const auto& p : a.body["items"]) {
    const std::string note = p["note"];
    if (!note.empty()) ++with_note;
    int run = 0;  // Latin letters in a row: a word of English
    for (char c : note) {
      run = std::isalpha(static_cast<unsigned char>(c)) ? run + 1 : 0;
      EXPECT_LT(run, 3) << p["name"].get<std::string>() << ": " << note;
      if (run >= 3) break;
    }
  }
  EXPECT_GE(with_note, 8);  // data/parks.csv: 8 of the 15 parks carry a note
}

// Session 10 tester: the park page listed all 528 workers of the demo's first park at once. The
// detail carries the count; the rows come from …/jobs, 50 a page by default.
TEST_F(Places, AParksJobsComeFiftyAPage) {
  const int64_t park = SqlInt("SELECT park_id FROM jobs WHERE park_id IS NOT NULL GROUP BY park_id ORDER BY count(*) DESC LIMIT 1");
  Answer d = Call("demo_admin", "GET", fmt::format("/api/v1/parks/{}", park));
  ASSERT_EQ(d.status, 200) << d.body.dump();
  EXPECT_FALSE(d.body.contains("job_list"));
  const int64_t n = d.body["jobs"];
  ASSERT_GT(n, 50);
  Answer first = Call("demo_admin", "GET", fmt::format("/api/v1/parks/{}/jobs", park));
  ASSERT_EQ(first.status, 200) << first.body.dump();
  EXPECT_EQ(first.body["items"].size(), 50u);
  EXPECT_EQ(first.body["total"], n);
  EXPECT_EQ(first.body["as_of"], d.body["as_of"]);
  // Every page in turn: n rows, none twice.
  std::set<int64_t> seen;
  std::string cursor;
  for (int pages = 0; pages < 100; ++pages) {
    Answer a = Call("demo_admin", "GET", fmt::format("/api/v1/parks/{}/jobs?limit=500{}", park,
                                                     cursor.empty() ? "" : "&cursor=" + cursor));
    ASSERT_EQ(a.status, 200) << a.body.dump();
    for (const auto& j : a.body["items"]) seen.insert(j["job_id"].get<int64_t>());
    if (a.body["next_cursor"].is_null()) break;
    cursor = a.body["next_cursor"];
  }
  EXPECT_EQ(static_cast<int64_t>(seen.size()), n);
  EXPECT_EQ(Call("demo_admin", "GET", "/api/v1/parks/999999/jobs").status, 404);
}

TEST_F(Places, EveryParkRuleRefusesNamingTheFieldAndStoresNothing) {
  Login("demo_admin");  // a login is audited: before the count
  const std::string audit = Audit(), places = PlaceRows();
  const int64_t site = SiteOf("demo_site");
  json ok{{"name", "规则测试园区"}, {"site_id", site}, {"kind", "shiitake"}, {"status", "built"}};
  auto refused = [&](json body, const std::string& field) {
    Answer a = Call("demo_admin", "POST", "/api/v1/parks", body);
    EXPECT_EQ(a.status, 422) << body.dump() << " " << a.body.dump();
    EXPECT_EQ(a.body["error"]["field"], field) << a.body.dump();
    EXPECT_FALSE(a.body["error"].value("message_zh", "").empty());
    EXPECT_EQ(Audit(), audit) << body.dump();
  };
  json b = ok; b["area_mu"] = "12.345"; refused(b, "area_mu");          // 0.01 mu precision
  b = ok; b["area_mu"] = -1; refused(b, "area_mu");                     // ≥ 0
  b = ok; b["status"] = "planned"; refused(b, "planned_on");            // a planned park has planned_on
  b = ok; b["built_on"] = Tomorrow(); refused(b, "built_on");           // not after today
  b = ok; b["kind"] = "casino"; refused(b, "kind");
  b = ok; b["operator_kind"] = "state"; refused(b, "operator_kind");
  b = ok; b["served_site_ids"] = json::array({999999}); refused(b, "served_site_ids");  // exists
  b = ok; b["served_site_ids"] = json::array({site}); refused(b, "served_site_ids");    // not its own site
  EXPECT_EQ(Audit(), audit);
  EXPECT_EQ(PlaceRows(), places);
  // A planned park may be planned for a day to come; its area is kept in centimu.
  b = ok; b["name"] = "规则测试规划园区"; b["status"] = "planned"; b["planned_on"] = Tomorrow(); b["area_mu"] = 12.25;
  Answer a = Call("demo_admin", "POST", "/api/v1/parks", b);
  ASSERT_EQ(a.status, 201) << a.body.dump();
  EXPECT_EQ(a.body["area_centimu"], 1225);
  // The name is unique: 409 naming it.
  Answer dup = Call("demo_admin", "POST", "/api/v1/parks", b);
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(dup.body["error"]["field"], "name");
}

TEST_F(Places, AParkChangeNeedsTheCurrentVersionAndIsAuditedWithIt) {
  const int64_t site = SiteOf("demo_site");
  Answer c = Call("demo_staff", "POST", "/api/v1/parks",
                  {{"name", "版本测试园区"}, {"site_id", site}, {"kind", "other"}, {"status", "built"}, {"built_on", "2020-04-01"}});
  ASSERT_EQ(c.status, 201) << c.body.dump();
  const int64_t id = c.body["id"];
  EXPECT_EQ(SqlInt(fmt::format("SELECT count(*) FROM audit_log WHERE entity = 'park' AND entity_id = '{}' AND action = 'create'", id)), 1);
  const std::string path = fmt::format("/api/v1/parks/{}", id);
  const std::string audit = Audit();
  EXPECT_EQ(Call("demo_staff", "PATCH", path, {{"note", "x"}}).status, 428);
  Answer stale = Call("demo_staff", "PATCH", path, {{"note", "x"}}, 7);
  EXPECT_EQ(stale.status, 409) << stale.body.dump();
  EXPECT_EQ(Audit(), audit);
  Answer ok = Call("demo_staff", "PATCH", path, {{"area_mu", "8.5"}, {"operator_kind", "village"}}, 1);
  ASSERT_EQ(ok.status, 200) << ok.body.dump();
  EXPECT_EQ(ok.body["version"], 2);
  EXPECT_EQ(ok.body["area_centimu"], 850);
  EXPECT_EQ(SqlText(fmt::format("SELECT changes FROM audit_log WHERE entity = 'park' AND entity_id = '{}' AND action = 'update'", id)),
            R"({"area_centimu":[null,850],"area_mu":[null,8.5],"operator_kind":[null,"village"]})");
}

TEST_F(Places, WhoWritesParksAndWorkshops) {
  const int64_t site = SiteOf("demo_site");
  for (const char* u : {"demo_site", "demo_grid", "demo_auditor", "demo_cadre"}) Login(u);  // logins are audited
  const std::string audit = Audit(), places = PlaceRows();
  json park{{"name", "角色测试园区"}, {"site_id", site}, {"kind", "other"}, {"status", "built"}};
  json shop{{"name", "角色测试车间"}, {"site_id", site}};
  // The site manager manages workshops but not parks; the grid worker and the auditor neither.
  EXPECT_EQ(Call("demo_site", "POST", "/api/v1/parks", park).status, 403);
  EXPECT_EQ(Call("demo_grid", "POST", "/api/v1/parks", park).status, 403);
  EXPECT_EQ(Call("demo_grid", "POST", "/api/v1/workshops", shop).status, 403);
  EXPECT_EQ(Call("demo_auditor", "POST", "/api/v1/workshops", shop).status, 403);
  EXPECT_EQ(Call("demo_cadre", "POST", "/api/v1/workshops", shop).status, 403);
  EXPECT_EQ(Audit(), audit);
  EXPECT_EQ(PlaceRows(), places);
  Answer s = Call("demo_site", "POST", "/api/v1/workshops", shop);
  EXPECT_EQ(s.status, 201) << s.body.dump();
  // Township staff: a park at a site of its township.
  const std::string town = SqlText("SELECT township_code FROM users WHERE username = 'demo_township'");
  park["site_id"] = SqlInt(fmt::format("SELECT id FROM sites WHERE township_code = '{}' ORDER BY id", town));
  EXPECT_EQ(Call("demo_township", "POST", "/api/v1/parks", park).status, 201);
}

TEST_F(Places, EachRoleReadsThePlacesOfItsScopeOnly) {
  const int64_t site = SiteOf("demo_site");
  Answer w = Call("demo_site", "GET", "/api/v1/workshops?include_closed=true");
  ASSERT_EQ(w.status, 200);
  for (const auto& i : w.body["items"]) EXPECT_EQ(i["site_id"], site);
  EXPECT_EQ(static_cast<int64_t>(w.body["items"].size()), SqlInt(fmt::format("SELECT count(*) FROM workshops WHERE site_id = {}", site)));
  Answer p = Call("demo_site", "GET", "/api/v1/parks");
  ASSERT_EQ(p.status, 200);
  EXPECT_EQ(static_cast<int64_t>(p.body["items"].size()),
            SqlInt(fmt::format("SELECT count(*) FROM parks k WHERE k.site_id = {0} OR EXISTS (SELECT 1 FROM park_sites ps "
                               "WHERE ps.park_id = k.id AND ps.site_id = {0})", site)));
  const int64_t other_shop = SqlInt(fmt::format("SELECT id FROM workshops WHERE site_id <> {} ORDER BY id", site));
  EXPECT_EQ(Call("demo_site", "GET", fmt::format("/api/v1/workshops/{}", other_shop)).status, 404);
  EXPECT_EQ(Call("demo_site", "GET", fmt::format("/api/v1/workshops/{}/workers", other_shop)).status, 404);
  const int64_t other_park = SqlInt(fmt::format("SELECT id FROM parks WHERE site_id <> {} AND id NOT IN "
                                                "(SELECT park_id FROM park_sites WHERE site_id = {}) ORDER BY id", site, site));
  EXPECT_EQ(Call("demo_site", "GET", fmt::format("/api/v1/parks/{}", other_park)).status, 404);
  // The county sees every park.
  EXPECT_EQ(static_cast<int64_t>(Call("demo_staff", "GET", "/api/v1/parks").body["items"].size()),
            SqlInt("SELECT count(*) FROM parks"));
}

TEST_F(Places, WorkersAndRecognitionAsOfADayFromJobRows) {
  const int64_t site = SiteOf("demo_site");
  Answer c = Call("demo_site", "POST", "/api/v1/workshops",
                  {{"name", "认定测试车间"}, {"site_id", site}, {"type", "home"}, {"opened_on", "2022-01-01"},
                   {"recognised_on", "2022-06-01"}, {"level", "workshop"}, {"rent_free_years", 3}, {"subsidy_fen", 5000000}});
  ASSERT_EQ(c.status, 201) << c.body.dump();
  const int64_t w = c.body["id"];
  Answer k = Call("demo_staff", "POST", "/api/v1/parks",
                  {{"name", "岗位测试园区"}, {"site_id", site}, {"kind", "other"}, {"status", "built"}});
  ASSERT_EQ(k.status, 201) << k.body.dump();
  const int64_t park = k.body["id"];
  // Six persons of the site; jobs written here (the jobs area's API is another helper's):
  //   p0..p3 current since 2024-01-01; p0 also a second job there since 2024-06-01 (counted once);
  //   p4 from 2024-01-01, ended_on 2025-03-01 (its first day without); p5 current but voided.
  //   Park: p0, p1 current; p2 ended 2024-12-01.
  std::vector<int64_t> p;
  for (int i = 0; i < 6; ++i)
    p.push_back(SqlInt(fmt::format("SELECT p.id FROM persons p JOIN households h ON h.id = p.household_id "
                                   "WHERE h.site_id = {} ORDER BY p.id LIMIT 1 OFFSET {}", site, i * 3)));
  auto job = [&](int64_t person, const std::string& col, int64_t id, const std::string& from, const std::string& until,
                 bool voided) {
    SqlExec(fmt::format("INSERT INTO jobs (person_id, channel, {}, started_on, ended_on, voided_at, void_reason) "
                        "VALUES ({}, '{}', {}, '{}', {}, {}, '{}')",
                        col, person, col == "workshop_id" ? "workshop" : "park", id, from,
                        until.empty() ? "NULL" : "'" + until + "'", voided ? "'2025-01-01T00:00:00Z'" : "NULL",
                        voided ? "test" : ""));
  };
  for (int i = 0; i < 4; ++i) job(p[i], "workshop_id", w, "2024-01-01", "", false);
  job(p[0], "workshop_id", w, "2024-06-01", "", false);
  job(p[4], "workshop_id", w, "2024-01-01", "2025-03-01", false);
  job(p[5], "workshop_id", w, "2024-01-01", "", true);
  job(p[0], "park_id", park, "2024-01-01", "", false);
  job(p[1], "park_id", park, "2024-01-01", "", false);
  job(p[2], "park_id", park, "2024-01-01", "2024-12-01", false);

  auto at = [&](const std::string& d) { return Call("demo_site", "GET", fmt::format("/api/v1/workshops/{}?as_of={}", w, d)); };
  // 2025-02-28: p0..p4 = 5 workers, the default minimum 5: recognised, not flagged.
  Answer feb = at("2025-02-28");
  ASSERT_EQ(feb.status, 200) << feb.body.dump();
  EXPECT_EQ(feb.body["recognition"]["workers"], 5);
  EXPECT_EQ(feb.body["recognition"]["min_workers"], 5);
  EXPECT_EQ(feb.body["recognition"]["recognised"], true);
  EXPECT_EQ(feb.body["recognition"]["below_minimum"], false);
  // 2025-03-01: p4's job has ended: 4 < 5, flagged.
  Answer mar = at("2025-03-01");
  EXPECT_EQ(mar.body["recognition"]["workers"], 4);
  EXPECT_EQ(mar.body["recognition"]["below_minimum"], true);
  // 2022-05-31: not recognised yet, no worker.
  Answer early = at("2022-05-31");
  EXPECT_EQ(early.body["recognition"]["recognised"], false);
  EXPECT_EQ(early.body["recognition"]["workers"], 0);
  EXPECT_EQ(early.body["recognition"]["below_minimum"], false);
  // Workers over time: rows on the day, and the first of each month.
  Answer ws = Call("demo_site", "GET", fmt::format("/api/v1/workshops/{}/workers?as_of=2025-03-15", w));
  ASSERT_EQ(ws.status, 200) << ws.body.dump();
  EXPECT_EQ(ws.body["workers"], 4);
  EXPECT_EQ(ws.body["items"].size(), 5u);  // p0 twice (two jobs), p1..p3
  ASSERT_EQ(ws.body["months"].size(), 12u);
  EXPECT_EQ(ws.body["months"][0]["on"], "2024-04-01");
  EXPECT_EQ(ws.body["months"][0]["workers"], 5);
  EXPECT_EQ(ws.body["months"][10]["on"], "2025-02-01");
  EXPECT_EQ(ws.body["months"][10]["workers"], 5);
  EXPECT_EQ(ws.body["months"][11]["workers"], 4);
  // The setting decides: the county lowers the minimum to 4, the flag goes.
  Answer set = Call("demo_admin", "PUT", "/api/v1/settings/workshop.recognition_min_workers",
                    {{"value", "4"}, {"source", "测试：县人社局文件"}});
  ASSERT_EQ(set.status, 200) << set.body.dump();
  EXPECT_EQ(at("2025-03-01").body["recognition"]["below_minimum"], false);
  Answer list = Call("demo_site", "GET", "/api/v1/workshops?as_of=2025-03-01");
  bool seen = false;
  for (const auto& i : list.body["items"])
    if (i["id"] == w) {
      seen = true;
      EXPECT_EQ(i["recognition"]["workers"], 4);
      EXPECT_EQ(i["recognition"]["min_workers"], 4);
    }
  EXPECT_TRUE(seen);
  EXPECT_EQ(Call("demo_admin", "PUT", "/api/v1/settings/workshop.recognition_min_workers", {{"value", "5"}}).status, 200);
  // Park jobs: p0, p1 current on 2025-01-01 (p2 ended 2024-12-01); 3 on 2024-11-30.
  Answer pk = Call("demo_site", "GET", fmt::format("/api/v1/parks/{}?as_of=2025-01-01", park));
  ASSERT_EQ(pk.status, 200) << pk.body.dump();
  EXPECT_EQ(pk.body["jobs"], 2);
  // The park's jobs page by page (session 10 tester: 528 rows in one table): limit 1 gives p0's
  // and p1's jobs on two pages, the total on each.
  const std::string jobs = fmt::format("/api/v1/parks/{}/jobs?as_of=2025-01-01&limit=1", park);
  Answer p1 = Call("demo_site", "GET", jobs);
  ASSERT_EQ(p1.status, 200) << p1.body.dump();
  ASSERT_EQ(p1.body["items"].size(), 1u);
  EXPECT_EQ(p1.body["total"], 2);
  EXPECT_EQ(p1.body["as_of"], "2025-01-01");
  ASSERT_TRUE(p1.body["next_cursor"].is_string()) << p1.body.dump();
  Answer p2 = Call("demo_site", "GET", jobs + "&cursor=" + p1.body["next_cursor"].get<std::string>());
  ASSERT_EQ(p2.status, 200) << p2.body.dump();
  ASSERT_EQ(p2.body["items"].size(), 1u);
  EXPECT_TRUE(p2.body["next_cursor"].is_null());
  EXPECT_NE(p1.body["items"][0]["job_id"], p2.body["items"][0]["job_id"]);
  Answer bad = Call("demo_site", "GET", jobs + "&cursor=abc");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.body["error"]["field"], "cursor");
  EXPECT_EQ(Call("demo_site", "GET", fmt::format("/api/v1/parks/{}?as_of=2024-11-30", park)).body["jobs"], 3);
}

TEST_F(Places, AWorkshopClosesWithADayAndAReason) {
  const int64_t site = SiteOf("demo_site");
  Answer c = Call("demo_site", "POST", "/api/v1/workshops", {{"name", "关闭测试车间"}, {"site_id", site}, {"opened_on", "2021-03-01"}});
  ASSERT_EQ(c.status, 201) << c.body.dump();
  const int64_t w = c.body["id"];
  const std::string path = fmt::format("/api/v1/workshops/{}/close", w);
  const std::string audit = Audit();
  Answer early = Call("demo_site", "POST", path, {{"closed_on", "2021-03-01"}, {"reason", "企业迁出"}}, 1);
  EXPECT_EQ(early.status, 422);
  EXPECT_EQ(early.body["error"]["field"], "closed_on");
  Answer noreason = Call("demo_site", "POST", path, {{"closed_on", "2024-07-01"}, {"reason", ""}}, 1);
  EXPECT_EQ(noreason.status, 422);
  EXPECT_EQ(noreason.body["error"]["field"], "reason");
  EXPECT_EQ(Audit(), audit);
  Answer ok = Call("demo_site", "POST", path, {{"closed_on", "2024-07-01"}, {"reason", "企业迁出"}}, 1);
  ASSERT_EQ(ok.status, 200) << ok.body.dump();
  EXPECT_EQ(ok.body["closed_on"], "2024-07-01");
  EXPECT_EQ(SqlText(fmt::format("SELECT close_reason FROM workshops WHERE id = {}", w)), "企业迁出");
  // Listed while open (as of 2024-06-30), not after, unless asked.
  auto listed = [&](const std::string& q) {
    const Answer a = Call("demo_site", "GET", "/api/v1/workshops?" + q);
    for (const auto& i : a.body["items"])
      if (i["id"] == w) return true;
    return false;
  };
  EXPECT_TRUE(listed("as_of=2024-06-30"));
  EXPECT_FALSE(listed("as_of=2024-07-01"));
  EXPECT_TRUE(listed("include_closed=true"));
  // Closed twice: refused.
  EXPECT_EQ(Call("demo_site", "POST", path, {{"closed_on", "2024-08-01"}, {"reason", "再次"}}, 2).status, 422);
}

}  // namespace
}  // namespace anju::http
