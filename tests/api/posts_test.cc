// Public-welfare posts over HTTP per role (issue #16, docs/industry.md "Posts"): the real server
// against the real `anju demo` database (tests/api/demo_env.h), called as the demo accounts.
//
// The demo has the six post kinds, one holding per demo welfare_post job (contracts ending the
// first anniversary after the statistics day 2022-09-30, so none is current today) and a quota per
// site and kind from 2016-01-01 of the holdings current on the statistics day plus 2. Counts below
// are read from those tables by independent SQL beside what the tests add; the quota that fills
// is the 护路员 quota of 1 the second test gives site 1. The persons are picked by independent SQL
// (age from the birth date by date arithmetic, not the server's; without a current job, so the
// outside-county rule and the employment cache are not in play), the contract starts 20 days
// before today (publicity the 10th to the 3rd day before: 7 days).
// Tests run in the order written: each builds on the holdings of the ones before.
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
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

storage::Database* ReadConnection() {
  static std::unique_ptr<storage::Database> db = [] {
    auto d = storage::Database::Open(DemoEnv::Get().db, {.read_only = true, .create = false});
    EXPECT_TRUE(d) << d.error().ToString();
    return d ? std::move(*d) : nullptr;
  }();
  return db.get();
}
std::vector<std::string> SqlColumn(const std::string& sql) {
  std::vector<std::string> out;
  storage::Database* db = ReadConnection();
  if (!db) return out;
  auto st = db->Prepare(sql);
  EXPECT_TRUE(st) << sql;
  if (!st) return out;
  while (true) {
    auto row = st->Step();
    EXPECT_TRUE(row) << sql;
    if (!row || !*row) break;
    out.push_back(st->ColumnText(0));
  }
  return out;
}
std::string SqlText(const std::string& sql) {
  auto c = SqlColumn(sql);
  return c.empty() ? "" : c.front();
}
int64_t SqlInt(const std::string& sql) {
  std::string t = SqlText(sql);
  return t.empty() ? 0 : std::stoll(t);
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
  std::string etag;
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
  return {r->status, json::parse(r->body, nullptr, false), r->get_header_value("ETag")};
}

const std::vector<std::string> kRoles = {"demo_admin", "demo_staff", "demo_township", "demo_site",
                                         "demo_grid",  "demo_auditor", "demo_cadre"};
constexpr const char* kTownship = "141124100";  // demo_township; site 1 (demo_site) is in it

Date Plus(Date d, int days) { return Date{std::chrono::sys_days(d) + std::chrono::days{days}}; }
const Date kFrom = Plus(TodayInChina(), -20);
std::string From() { return FormatIsoDate(kFrom); }

// A holding's body for person `p`, kind `k` (site: the person's own).
json Post(int64_t p, int64_t k, int publicity_days = 7) {
  return {{"person_id", p},
          {"kind_id", k},
          {"contract_from", From()},
          {"contract_until", FormatIsoDate(Plus(kFrom, 365))},
          {"publicity_from", FormatIsoDate(Plus(kFrom, -10))},
          {"publicity_until", FormatIsoDate(Plus(kFrom, -10 + publicity_days))}};
}

// Persons of counted households at `site` aged [lo, hi) on the contract's first day, one per
// household, by id, skipping `skip` of them (independent SQL: date arithmetic on birth_date).
// Without a job current on the contract's first day, in a household without a holding after it.
int64_t PersonAged(int64_t site, int lo, int hi, int skip = 0, const std::string& extra = "") {
  return SqlInt(fmt::format(
      "SELECT min(p.id) FROM persons p JOIN households h ON h.id = p.household_id WHERE h.site_id = {0} "
      "AND h.ended_on IS NULL AND p.member_until IS NULL AND p.birth_date <= date('{1}', '-{2} years') "
      "AND p.birth_date > date('{1}', '-{3} years') AND NOT EXISTS (SELECT 1 FROM jobs j WHERE "
      "j.person_id = p.id AND j.voided_at IS NULL AND (j.ended_on IS NULL OR j.ended_on > '{1}')) "
      "AND NOT EXISTS (SELECT 1 FROM post_holdings ph JOIN persons m ON m.id = ph.person_id WHERE "
      "m.household_id = h.id AND ph.voided_at IS NULL AND coalesce(ph.ended_on, ph.contract_until) > '{1}') {4} "
      "GROUP BY h.id ORDER BY min(p.id) LIMIT 1 OFFSET {5}",
      site, From(), lo, hi, extra, skip));
}
// A quota's size and the holdings of its site and kind current today (independent SQL).
int64_t QuotaOf(int64_t site, int64_t kind) {
  return SqlInt(fmt::format("SELECT quota FROM post_quotas WHERE site_id = {} AND kind_id = {} ORDER BY valid_from DESC "
                            "LIMIT 1", site, kind));
}
int64_t UsedToday(int64_t site, int64_t kind) {
  return SqlInt(fmt::format(
      "SELECT count(*) FROM post_holdings WHERE site_id = {0} AND kind_id = {1} AND voided_at IS NULL "
      "AND contract_from <= '{2}' AND coalesce(ended_on, contract_until) > '{2}'",
      site, kind, FormatIsoDate(TodayInChina())));
}
int64_t HouseholdOf(int64_t person) { return SqlInt(fmt::format("SELECT household_id FROM persons WHERE id = {}", person)); }
std::string Stored() {  // what a refused write must leave unchanged
  return SqlText("SELECT (SELECT count(*) FROM post_holdings) || '|' || (SELECT count(*) FROM jobs) || '|' || "
                 "(SELECT count(*) FROM post_quotas) || '|' || (SELECT count(*) FROM post_kinds) || '|' || "
                 "(SELECT count(*) FROM post_months) || '|' || (SELECT coalesce(max(seq), 0) FROM audit_log)");
}
// The named refusal `rule` among the error's details (or the error itself).
json Fault(const json& body, const std::string& rule) {
  const json& e = body["error"];
  std::vector<json> all{e};
  for (const auto& d : e["details"]) all.push_back(d);
  for (const auto& f : all)
    if (f.value("message", "").find("(" + rule + ")") != std::string::npos) return f;
  ADD_FAILURE() << rule << " not in " << body.dump();
  return json::object();
}

// The items of a GET, a copy (a range-for over Call(...).body["items"] would outlive its Answer).
json Items(const std::string& user, const std::string& path) {
  Answer a = Call(user, "GET", path);
  EXPECT_EQ(a.status, 200) << user << " " << path << a.body.dump();
  return a.body["items"];
}

// Every item of a paged list (limit 500, following next_cursor); its `total` must be their count.
json AllItems(const std::string& user, const std::string& path) {
  json all = json::array();
  std::string cursor;
  int64_t total = -1;
  for (int page = 0; page < 100; ++page) {
    const std::string sep = path.find('?') == std::string::npos ? "?" : "&";
    Answer a = Call(user, "GET", path + sep + "limit=500" + (cursor.empty() ? "" : "&cursor=" + cursor));
    EXPECT_EQ(a.status, 200) << user << " " << path << a.body.dump();
    if (a.status != 200) break;
    total = a.body.value("total", int64_t{-1});
    for (const auto& x : a.body["items"]) all.push_back(x);
    if (!a.body.contains("next_cursor") || a.body["next_cursor"].is_null()) break;
    cursor = a.body["next_cursor"].get<std::string>();
  }
  EXPECT_EQ(static_cast<int64_t>(all.size()), total) << user << " " << path;
  return all;
}

std::map<std::string, int64_t> g_ids;  // holdings made by earlier tests

class Posts : public ::testing::Test {
 protected:
  void SetUp() override {
    DemoEnv& e = DemoEnv::Get();
    if (!e.skip.empty()) GTEST_SKIP() << e.skip;
    ASSERT_TRUE(e.error.empty()) << e.error;
  }
};

TEST_F(Posts, KindsAreReadByEveryRoleAndKeptByTheCounty) {
  for (const std::string& who : kRoles) {
    Answer a = Call(who, "GET", "/api/v1/post-kinds");
    ASSERT_EQ(a.status, 200) << who << a.body.dump();
    ASSERT_EQ(a.body["items"].size(), 6u) << who;
    EXPECT_EQ(a.body["items"][0]["name"], "巡河员");
    EXPECT_EQ(a.body["items"][1]["name"], "护林员");
    EXPECT_EQ(a.body["items"][1]["level"], "department");
    EXPECT_EQ(a.body["items"][1]["level_zh"], "行业部门");
    EXPECT_EQ(a.body["items"][1]["monthly_subsidy_fen"], 60000);
    EXPECT_EQ(a.body["items"][4]["monthly_subsidy_fen"], 80000);
  }
  const std::string before = Stored();
  for (const char* who : {"demo_township", "demo_site", "demo_grid", "demo_auditor", "demo_cadre"}) {
    Answer a = Call(who, "POST", "/api/v1/post-kinds",
                    {{"name", "护路员"}, {"level", "village"}, {"monthly_subsidy_fen", 40000}});
    EXPECT_EQ(a.status, 403) << who << a.body.dump();
    EXPECT_EQ(a.body["error"]["code"], "permission_denied") << who;
  }
  EXPECT_EQ(Stored(), before);
  Answer bad = Call("demo_admin", "POST", "/api/v1/post-kinds",
                    {{"name", "护路员"}, {"level", "hamlet"}, {"monthly_subsidy_fen", 40000}});
  EXPECT_EQ(bad.status, 422) << bad.body.dump();
  EXPECT_EQ(bad.body["error"]["field"], "level");
  EXPECT_EQ(bad.body["error"]["value"], "hamlet");
  EXPECT_EQ(Stored(), before);

  Answer made = Call("demo_admin", "POST", "/api/v1/post-kinds",
                     {{"name", "护路员"}, {"level", "village"}, {"funding", "衔接资金"}, {"monthly_subsidy_fen", 40000}});
  ASSERT_EQ(made.status, 201) << made.body.dump();
  EXPECT_EQ(made.body["id"], 7);
  EXPECT_EQ(made.body["level_zh"], "村级");
  EXPECT_EQ(SqlInt("SELECT count(*) FROM audit_log WHERE entity = 'post_kind' AND entity_id = '7'"), 1);
  Answer staff = Call("demo_staff", "POST", "/api/v1/post-kinds",
                      {{"name", "护路员"}, {"level", "village"}, {"monthly_subsidy_fen", 40000}});
  EXPECT_EQ(staff.status, 409) << staff.body.dump();  // county_staff may; the name is taken
  EXPECT_EQ(staff.body["error"]["field"], "name");
  EXPECT_EQ(staff.body["error"]["value"], "护路员");
  EXPECT_NE(staff.body["error"]["message_zh"].get<std::string>().find("已存在"), std::string::npos);
}

TEST_F(Posts, QuotasAreTheSitesInScopeWithTheirUse) {
  // Sites each role sees (SiteScopeSql, computed here from the tables): the demo quotas exist for
  // the six demo kinds only (from 2016-01-01), each its site and kind's statistics-day holdings + 2.
  const int64_t sites = SqlInt("SELECT count(*) FROM sites");
  const int64_t township_sites = SqlInt(fmt::format(
      "SELECT count(*) FROM sites s WHERE s.township_code = '{0}' OR EXISTS (SELECT 1 FROM households h "
      "JOIN origin_villages o ON o.id = h.origin_village_id WHERE h.site_id = s.id AND o.township_code = '{0}')",
      kTownship));
  ASSERT_GE(township_sites, 4);  // 1, 3, 4, 14 are in the township
  for (auto [who, n] : std::vector<std::pair<std::string, int64_t>>{
           {"demo_admin", sites * 6}, {"demo_staff", sites * 6}, {"demo_auditor", sites * 6},
           {"demo_township", township_sites * 6}}) {
    Answer a = Call(who, "GET", "/api/v1/post-quotas");
    ASSERT_EQ(a.status, 200) << who << a.body.dump();
    EXPECT_EQ(static_cast<int64_t>(a.body["items"].size()), n) << who;
    for (const auto& q : a.body["items"]) {
      const int64_t site = q["site_id"], kind = q["kind_id"];
      EXPECT_EQ(q["quota"], 2 + SqlInt(fmt::format(
                                    "SELECT count(*) FROM post_holdings WHERE site_id = {} AND kind_id = {} AND "
                                    "contract_from <= '2022-09-30' AND contract_until > '2022-09-30'", site, kind)))
          << q.dump();
      EXPECT_EQ(q["used"], UsedToday(site, kind)) << q.dump();
      EXPECT_EQ(q["valid_from"], "2016-01-01");
    }
  }
  Answer site = Call("demo_site", "GET", "/api/v1/post-quotas");
  ASSERT_EQ(site.status, 200);
  ASSERT_EQ(site.body["items"].size(), 6u);
  for (const auto& q : site.body["items"]) EXPECT_EQ(q["site_id"], 1);

  const std::string before = Stored();
  json q{{"site_id", 1}, {"kind_id", 7}, {"quota", 1}, {"valid_from", "2026-01-01"}};
  for (const char* who : {"demo_grid", "demo_auditor", "demo_cadre"})
    EXPECT_EQ(Call(who, "POST", "/api/v1/post-quotas", q).status, 403) << who;
  // Site 2 is in township 141124201: outside demo_township's and demo_site's scope.
  json other = q;
  other["site_id"] = 2;
  EXPECT_EQ(Call("demo_township", "POST", "/api/v1/post-quotas", other).status, 404);
  Answer out = Call("demo_site", "POST", "/api/v1/post-quotas", other);
  EXPECT_EQ(out.status, 404);
  EXPECT_EQ(out.body["error"]["field"], "site_id");
  EXPECT_EQ(out.body["error"]["value"], "2");
  EXPECT_EQ(Stored(), before);

  Answer made = Call("demo_site", "POST", "/api/v1/post-quotas", q);
  ASSERT_EQ(made.status, 201) << made.body.dump();
  EXPECT_EQ(made.body["kind_name"], "护路员");
  EXPECT_EQ(made.body["used"], 0);
  Answer clash = Call("demo_township", "POST", "/api/v1/post-quotas",
                      {{"site_id", 1}, {"kind_id", 7}, {"quota", 3}, {"valid_from", "2026-06-01"}});
  EXPECT_EQ(clash.status, 409) << clash.body.dump();
  EXPECT_EQ(clash.body["error"]["field"], "valid_from");
  EXPECT_EQ(clash.body["error"]["value"], "2026-06-01");
  EXPECT_NE(clash.body["error"]["message_zh"].get<std::string>().find("重叠"), std::string::npos);
}

TEST_F(Posts, CandidatesArePeopleOfTheSiteFormerlyPoorFirst) {
  Answer a = Call("demo_site", "GET", "/api/v1/posts/candidates?site_id=1&as_of=" + From());
  ASSERT_EQ(a.status, 200) << a.body.dump();
  const json& items = a.body["items"];
  ASSERT_FALSE(items.empty());
  // Everyone aged 18 … 69 on the day (independent count over birth dates of site 1's members)
  // without a job outside the county (县外: province, outside) on the day; no holding is current
  // (the demo's ended by 2023; the tests' come after this one).
  ASSERT_EQ(SqlInt(fmt::format("SELECT count(*) FROM post_holdings WHERE coalesce(ended_on, contract_until) > '{}'",
                               From())), 0);
  const int64_t want = SqlInt(fmt::format(
      "SELECT count(*) FROM persons p JOIN households h ON h.id = p.household_id WHERE h.site_id = 1 "
      "AND h.move_in_date <= '{0}' AND (h.formed_on IS NULL OR h.formed_on <= '{0}') "
      "AND (h.ended_on IS NULL OR h.ended_on > '{0}') "
      "AND (p.member_from IS NULL OR p.member_from <= '{0}') AND (p.member_until IS NULL OR p.member_until > '{0}') "
      "AND p.birth_date <= date('{0}', '-18 years') AND p.birth_date > date('{0}', '-70 years') "
      "AND p.id NOT IN (SELECT person_id FROM jobs WHERE voided_at IS NULL AND place IN ('province', 'outside') "
      "AND started_on <= '{0}' AND (ended_on IS NULL OR ended_on > '{0}'))",
      From()));
  ASSERT_GT(want, 100);
  EXPECT_EQ(static_cast<int64_t>(items.size()), want);
  bool poor = true;
  for (const auto& c : items) {
    if (c["category"] != "registered_poor") poor = false;
    else EXPECT_TRUE(poor) << "a formerly poor household after another: " << c.dump();
    const int64_t p = c["person_id"];
    const int64_t age = SqlInt(fmt::format(
        "SELECT CAST(strftime('%Y', '{0}') AS INTEGER) - CAST(strftime('%Y', birth_date) AS INTEGER) - "
        "(strftime('%m-%d', '{0}') < strftime('%m-%d', birth_date)) FROM persons WHERE id = {1}", From(), p));
    EXPECT_EQ(c["age"], age) << c.dump();
    EXPECT_EQ(c["age_warning"], age > 65) << c.dump();
  }
  EXPECT_EQ(items[0]["category"], "registered_poor");
  EXPECT_EQ(Call("demo_site", "GET", "/api/v1/posts/candidates").status, 422);
  // The township sees site 1's; a site outside its scope lists no one.
  EXPECT_EQ(Call("demo_township", "GET", "/api/v1/posts/candidates?site_id=1&as_of=" + From()).body["items"].size(),
            items.size());
  // At site 2 (township 141124201) only the households that came from the township's villages.
  Answer far = Call("demo_township", "GET", "/api/v1/posts/candidates?site_id=2");
  ASSERT_EQ(far.status, 200);
  for (const auto& c : far.body["items"])
    EXPECT_EQ(SqlText(fmt::format("SELECT o.township_code FROM households h JOIN origin_villages o ON o.id = "
                                  "h.origin_village_id WHERE h.id = {}", c["household_id"].get<int64_t>())),
              kTownship) << c.dump();
  EXPECT_LT(far.body["items"].size(), Call("demo_admin", "GET", "/api/v1/posts/candidates?site_id=2").body["items"].size());
}

TEST_F(Posts, AssigningMakesTheHoldingItsJobAndTheAuditInOneWrite) {
  const int64_t p = PersonAged(1, 30, 60);
  ASSERT_NE(p, 0);
  const int64_t audit = SqlInt("SELECT coalesce(max(seq), 0) FROM audit_log");
  std::map<int64_t, int64_t> used_before;
  for (int64_t k = 1; k <= 7; ++k) used_before[k] = UsedToday(1, k);
  Answer a = Call("demo_site", "POST", "/api/v1/posts", Post(p, 1));
  ASSERT_EQ(a.status, 201) << a.body.dump();
  const int64_t id = a.body["id"];
  g_ids["first"] = id;
  EXPECT_EQ(a.body["site_id"], 1);
  EXPECT_EQ(a.body["kind_name"], "巡河员");
  EXPECT_EQ(a.body["monthly_subsidy_fen"], 50000);  // the kind's
  EXPECT_EQ(a.body["current"], true);
  EXPECT_EQ(a.body["warnings"].size(), 0u);
  EXPECT_EQ(a.body["version"], 1);
  EXPECT_EQ(SqlText(fmt::format("SELECT channel || '|' || source || '|' || started_on || '|' || employer || '|' || "
                                "monthly_income_fen FROM jobs WHERE post_holding_id = {}", id)),
            fmt::format("welfare_post|post|{}|巡河员|50000", From()));
  EXPECT_EQ(a.body["job_id"], SqlInt(fmt::format("SELECT id FROM jobs WHERE post_holding_id = {}", id)));
  EXPECT_EQ(SqlText(fmt::format("SELECT employment_kind FROM persons WHERE id = {}", p)), "welfare_post");
  EXPECT_EQ(SqlInt(fmt::format("SELECT count(*) FROM audit_log WHERE seq > {} AND entity = 'post_holding' "
                               "AND entity_id = '{}'", audit, id)), 1);
  // The quota's use: one more today for 巡河员, the others unchanged.
  for (const auto& q : Items("demo_site", "/api/v1/post-quotas")) {
    const int64_t k = q["kind_id"];
    EXPECT_EQ(q["used"], used_before[k] + (k == 1 ? 1 : 0)) << q.dump();
  }
  // No longer a candidate, nor anyone of the household (posts.per_household 1).
  const int64_t hh = HouseholdOf(p);
  for (const auto& c : Items("demo_site", "/api/v1/posts/candidates?site_id=1"))
    EXPECT_NE(c["household_id"], hh) << c.dump();
}

TEST_F(Posts, TheNamedRefusalsOverHttpStoreNothing) {
  const int64_t first = g_ids["first"];
  ASSERT_NE(first, 0);
  const int64_t holder = Call("demo_admin", "GET", fmt::format("/api/v1/posts/{}", first)).body["person_id"];
  const std::string before = Stored();

  // 双岗: the same person again (another kind).
  Answer twice = Call("demo_admin", "POST", "/api/v1/posts", Post(holder, 2));
  EXPECT_EQ(twice.status, 409) << twice.body.dump();
  json f = Fault(twice.body, "posts.one_per_person");
  EXPECT_EQ(f["field"], "person_id");
  EXPECT_EQ(f["value"], std::to_string(first));
  EXPECT_NE(f["message_zh"].get<std::string>().find("不得双岗"), std::string::npos);
  // Another member of the household.
  const int64_t mate = SqlInt(fmt::format("SELECT min(id) FROM persons WHERE household_id = {} AND id <> {} "
                                          "AND birth_date <= date('{}', '-18 years')",
                                          HouseholdOf(holder), holder, From()));
  if (mate != 0) {
    Answer house = Call("demo_admin", "POST", "/api/v1/posts", Post(mate, 2));
    EXPECT_EQ(house.status, 409) << house.body.dump();
    json h = Fault(house.body, "posts.per_household");
    EXPECT_EQ(h["value"], "1");
    EXPECT_NE(h["message"].get<std::string>().find("at most 1"), std::string::npos);
    EXPECT_NE(h["message_zh"].get<std::string>().find("每户至多1个"), std::string::npos);
  }
  // 公示 of 5 days: both the rule and its figures, en and zh.
  const int64_t other = PersonAged(1, 30, 60, 3);
  Answer shortp = Call("demo_admin", "POST", "/api/v1/posts", Post(other, 2, 5));
  EXPECT_EQ(shortp.status, 422) << shortp.body.dump();
  json s = Fault(shortp.body, "posts.publicity_days");
  EXPECT_EQ(s["field"], "publicity_until");
  EXPECT_EQ(s["value"], FormatIsoDate(Plus(kFrom, -5)));
  EXPECT_NE(s["message"].get<std::string>().find("lasted 5 days, at least 7"), std::string::npos);
  EXPECT_NE(s["message_zh"].get<std::string>().find("公示5天，至少须7天"), std::string::npos);
  // Under 18 and 70 or more.
  const int64_t child = PersonAged(1, 10, 18);
  ASSERT_NE(child, 0);
  Answer young = Call("demo_admin", "POST", "/api/v1/posts", Post(child, 2));
  EXPECT_EQ(young.status, 422) << young.body.dump();
  json y = Fault(young.body, "posts.age_min");
  EXPECT_EQ(y["field"], "person_id");
  EXPECT_LT(std::stoi(y["value"].get<std::string>()), 18);
  const int64_t elder = PersonAged(1, 70, 100);
  if (elder != 0) {
    Answer old = Call("demo_admin", "POST", "/api/v1/posts", Post(elder, 2));
    EXPECT_EQ(old.status, 422) << old.body.dump();
    json o = Fault(old.body, "posts.age_block");
    EXPECT_GE(std::stoi(o["value"].get<std::string>()), 70);
    EXPECT_NE(o["message_zh"].get<std::string>().find("年满70周岁不得安排公益岗"), std::string::npos);
  }
  // A kind without a quota at the site (护路员 has one at site 1 only).
  const int64_t at3 = PersonAged(3, 30, 60);
  ASSERT_NE(at3, 0);
  Answer noq = Call("demo_admin", "POST", "/api/v1/posts", Post(at3, 7));
  EXPECT_EQ(noq.status, 409) << noq.body.dump();
  json n = Fault(noq.body, "posts.quota");
  EXPECT_EQ(n["field"], "kind_id");
  EXPECT_EQ(n["value"], "护路员");
  EXPECT_EQ(Stored(), before);
}

TEST_F(Posts, TheQuotaFillsAndTheAgeWarningLetsAPostThrough) {
  // 护路员 at site 1: the quota of 1 the second test made (from 2026-01-01, before the contracts
  // start), none used → one holding, then full (1/1).
  ASSERT_EQ(QuotaOf(1, 7), 1);
  ASSERT_EQ(UsedToday(1, 7), 0);
  const int64_t p2 = PersonAged(1, 30, 60, 1), p3 = PersonAged(1, 30, 60, 2);
  ASSERT_NE(p3, 0);
  Answer second = Call("demo_township", "POST", "/api/v1/posts", Post(p2, 7));
  ASSERT_EQ(second.status, 201) << second.body.dump();
  g_ids["second"] = second.body["id"];
  const std::string before = Stored();
  Answer full = Call("demo_township", "POST", "/api/v1/posts", Post(p3, 7));
  EXPECT_EQ(full.status, 409) << full.body.dump();
  json f = Fault(full.body, "posts.quota");
  EXPECT_NE(f.value("message", "").find("is full on " + From() + " (1 of 1)"), std::string::npos) << f.dump();
  EXPECT_NE(f.value("message_zh", "").find("岗位指标已满（1/1"), std::string::npos) << f.dump();
  EXPECT_EQ(Stored(), before);
  // 66 … 69: allowed with the warning posts.age_max, kept in the audit.
  const int64_t senior = PersonAged(1, 66, 70);
  if (senior == 0) GTEST_SKIP() << "no member aged 66 … 69 at site 1";
  Answer s = Call("demo_site", "POST", "/api/v1/posts", Post(senior, 3));
  ASSERT_EQ(s.status, 201) << s.body.dump();
  ASSERT_EQ(s.body["warnings"].size(), 1u);
  EXPECT_EQ(s.body["warnings"][0]["rule"], "posts.age_max");
  EXPECT_EQ(s.body["warnings"][0]["field"], "person_id");
  EXPECT_NE(s.body["warnings"][0]["message_zh"].get<std::string>().find("超过一般上限65周岁"), std::string::npos);
  EXPECT_NE(SqlText(fmt::format("SELECT changes FROM audit_log WHERE entity = 'post_holding' AND entity_id = '{}'",
                                s.body["id"].get<int64_t>()))
                .find("posts.age_max"),
            std::string::npos);
}

TEST_F(Posts, EachRoleReadsAndWritesTheHoldingsOfItsScope) {
  const int64_t first = g_ids["first"];
  ASSERT_NE(first, 0);
  // A holding at site 2 (township 141124201), by the county.
  const int64_t p = PersonAged(2, 30, 60);
  Answer made = Call("demo_staff", "POST", "/api/v1/posts", Post(p, 4));
  ASSERT_EQ(made.status, 201) << made.body.dump();
  const int64_t far = made.body["id"];
  g_ids["far"] = far;
  EXPECT_EQ(made.body["monthly_subsidy_fen"], 55000);

  const int64_t all = SqlInt("SELECT count(*) FROM post_holdings WHERE voided_at IS NULL");
  const int64_t at1 = SqlInt("SELECT count(*) FROM post_holdings WHERE site_id = 1");
  for (auto [who, n] : std::vector<std::pair<std::string, int64_t>>{
           {"demo_admin", all}, {"demo_staff", all}, {"demo_auditor", all}, {"demo_site", at1}}) {
    EXPECT_EQ(static_cast<int64_t>(AllItems(who, "/api/v1/posts").size()), n) << who;
  }
  for (const char* who : {"demo_admin", "demo_staff", "demo_auditor"})
    EXPECT_EQ(Call(who, "GET", fmt::format("/api/v1/posts/{}", far)).status, 200) << who;
  for (const char* who : {"demo_township", "demo_site", "demo_grid", "demo_cadre"}) {
    Answer a = Call(who, "GET", fmt::format("/api/v1/posts/{}", far));
    EXPECT_EQ(a.status, 404) << who;
    EXPECT_EQ(a.body["error"]["field"], "id") << who;
  }
  // At site 2 the site manager, grid worker and cadre (site 1) see no holding; the township only
  // those of households that came from its villages (the demo's holdings), never the county's.
  for (const char* who : {"demo_site", "demo_grid", "demo_cadre"})
    EXPECT_EQ(AllItems(who, "/api/v1/posts?site_id=2").size(), 0u) << who;
  const json township2 = AllItems("demo_township", "/api/v1/posts?site_id=2");
  EXPECT_EQ(static_cast<int64_t>(township2.size()),
            SqlInt(fmt::format("SELECT count(*) FROM post_holdings ph JOIN persons p ON p.id = ph.person_id JOIN "
                               "households h ON h.id = p.household_id JOIN origin_villages o ON o.id = "
                               "h.origin_village_id WHERE ph.site_id = 2 AND o.township_code = '{}'", kTownship)));
  for (const auto& x : township2) EXPECT_NE(x["id"], far) << x.dump();
  EXPECT_EQ(Call("demo_township", "GET", fmt::format("/api/v1/posts/{}", first)).status, 200);
  // The cadre reads the holdings of its households only (cadre_assignments of cadre 1).
  Answer cadre = Call("demo_cadre", "GET", "/api/v1/posts");
  ASSERT_EQ(cadre.status, 200);
  for (const auto& x : cadre.body["items"])
    EXPECT_EQ(SqlInt(fmt::format("SELECT count(*) FROM cadre_assignments WHERE cadre_id = 1 AND household_id = {}",
                                 x["household_id"].get<int64_t>())),
              1);
  // Writes: grid worker, auditor and cadre 403; township and site outside their scope 404.
  const std::string before = Stored();
  const int64_t q = PersonAged(1, 30, 60, 5);
  for (const char* who : {"demo_grid", "demo_auditor", "demo_cadre"}) {
    Answer a = Call(who, "POST", "/api/v1/posts", Post(q, 2));
    EXPECT_EQ(a.status, 403) << who << a.body.dump();
    EXPECT_EQ(Call(who, "PATCH", fmt::format("/api/v1/posts/{}", first), {{"note", "x"}}, 1).status, 403) << who;
    EXPECT_EQ(Call(who, "POST", fmt::format("/api/v1/posts/{}/end", first), {{"ended_on", From()}, {"reason", "x"}}, 1)
                  .status, 403) << who;
    EXPECT_EQ(Call(who, "PUT", fmt::format("/api/v1/posts/{}/months/{}", first, From().substr(0, 7)),
                   {{"days_worked", 20}}).status, 403) << who;
  }
  for (const char* who : {"demo_township", "demo_site"}) {
    Answer a = Call(who, "POST", "/api/v1/posts", Post(PersonAged(2, 30, 60, 1), 4));
    EXPECT_EQ(a.status, 404) << who << a.body.dump();
    EXPECT_EQ(a.body["error"]["field"], "person_id") << who;
    EXPECT_EQ(Call(who, "PATCH", fmt::format("/api/v1/posts/{}", far), {{"note", "x"}}, 1).status, 404) << who;
    EXPECT_EQ(Call(who, "POST", fmt::format("/api/v1/posts/{}/end", far), {{"ended_on", From()}, {"reason", "x"}}, 1)
                  .status, 404) << who;
  }
  EXPECT_EQ(Stored(), before);
}

TEST_F(Posts, ChangesNeedIfMatchAndAFreshVersion) {
  const int64_t id = g_ids["first"];
  ASSERT_NE(id, 0);
  const std::string path = fmt::format("/api/v1/posts/{}", id);
  const std::string before = Stored();
  Answer none = Call("demo_site", "PATCH", path, {{"note", "续签"}});
  EXPECT_EQ(none.status, 428) << none.body.dump();
  Answer stale = Call("demo_site", "PATCH", path, {{"note", "续签"}}, 7);
  EXPECT_EQ(stale.status, 409) << stale.body.dump();
  EXPECT_EQ(stale.body["error"]["field"], "If-Match");
  EXPECT_EQ(stale.body["error"]["value"], "7");
  EXPECT_EQ(Call("demo_site", "POST", path + "/end", {{"ended_on", From()}, {"reason", "x"}}).status, 428);
  EXPECT_EQ(Stored(), before);

  // Extend by a year: the holding and its job.
  const std::string until = FormatIsoDate(Plus(kFrom, 730));
  Answer ok = Call("demo_site", "PATCH", path, {{"contract_until", until}}, 1);
  ASSERT_EQ(ok.status, 200) << ok.body.dump();
  EXPECT_EQ(ok.body["version"], 2);
  EXPECT_EQ(ok.body["contract_until"], until);
  EXPECT_EQ(ok.etag, "\"2\"");
  EXPECT_EQ(SqlText(fmt::format("SELECT ended_on FROM jobs WHERE post_holding_id = {}", id)), until);
  Answer bad = Call("demo_site", "PATCH", path, {{"contract_until", From()}}, 2);
  EXPECT_EQ(bad.status, 422) << bad.body.dump();
  EXPECT_EQ(bad.body["error"]["field"], "contract_until");
}

TEST_F(Posts, MonthsAreRecordedWithinTheHolding) {
  const int64_t id = g_ids["first"];
  ASSERT_NE(id, 0);
  const std::string m = From().substr(0, 7);
  Answer put = Call("demo_site", "PUT", fmt::format("/api/v1/posts/{}/months/{}", id, m),
                    {{"days_worked", 20}, {"assessment", "excellent"}, {"paid_fen", 50000}});
  ASSERT_EQ(put.status, 200) << put.body.dump();
  ASSERT_EQ(put.body["months"].size(), 1u);
  EXPECT_EQ(put.body["months"][0]["month"], m);
  EXPECT_EQ(put.body["months"][0]["assessment"], "excellent");
  EXPECT_EQ(put.body["months"][0]["recorded_by"], "demo_site");
  // Again: replaces the month.
  Answer again = Call("demo_township", "PUT", fmt::format("/api/v1/posts/{}/months/{}", id, m),
                      {{"days_worked", 18}, {"assessment", "pass"}});
  ASSERT_EQ(again.status, 200) << again.body.dump();
  ASSERT_EQ(again.body["months"].size(), 1u);
  EXPECT_EQ(again.body["months"][0]["days_worked"], 18);

  const std::string before = Stored();
  const std::string early = FormatIsoDate(Plus(kFrom, -80)).substr(0, 7);
  Answer outside = Call("demo_site", "PUT", fmt::format("/api/v1/posts/{}/months/{}", id, early), {{"days_worked", 3}});
  EXPECT_EQ(outside.status, 422) << outside.body.dump();
  EXPECT_EQ(outside.body["error"]["field"], "month");
  EXPECT_EQ(outside.body["error"]["value"], early);
  Answer days = Call("demo_site", "PUT", fmt::format("/api/v1/posts/{}/months/{}", id, m), {{"days_worked", 40}});
  EXPECT_EQ(days.status, 422);
  EXPECT_EQ(days.body["error"]["field"], "days_worked");
  EXPECT_EQ(days.body["error"]["value"], "40");
  Answer grade = Call("demo_site", "PUT", fmt::format("/api/v1/posts/{}/months/{}", id, m),
                      {{"days_worked", 4}, {"assessment", "good"}});
  EXPECT_EQ(grade.status, 422);
  EXPECT_EQ(grade.body["error"]["field"], "assessment");
  EXPECT_EQ(Call("demo_site", "PUT", fmt::format("/api/v1/posts/{}/months/2026-13", id), {{"days_worked", 4}}).status, 422);
  // A month not begun yet (within the contract: it runs two years from 20 days ago) is refused.
  const Date ahead = Plus(TodayInChina(), 40);
  const std::string later = FormatIsoDate(ahead).substr(0, 7);
  Answer future = Call("demo_site", "PUT", fmt::format("/api/v1/posts/{}/months/{}", id, later), {{"days_worked", 20}});
  EXPECT_EQ(future.status, 422) << future.body.dump();
  EXPECT_EQ(future.body["error"]["field"], "month");
  EXPECT_EQ(future.body["error"]["value"], later);
  EXPECT_EQ(Stored(), before);
}

// The holding's job follows the post: ended, voided or changed on the post only (409 on the job
// routes), and the holder cannot take a 县外 job over the post's days (posts.outside_county, the
// rule the other way round). Before, both were accepted (a fresh-clone tester's findings).
TEST_F(Posts, TheHoldingsJobFollowsThePostAndAHolderGetsNoOutsideCountyJob) {
  const int64_t id = g_ids["first"];
  ASSERT_NE(id, 0);
  Answer post = Call("demo_admin", "GET", fmt::format("/api/v1/posts/{}", id));
  ASSERT_EQ(post.status, 200);
  const int64_t holder = post.body["person_id"], job = post.body["job_id"];
  ASSERT_NE(job, 0);
  const std::string before = Stored();
  for (const auto& [path, body] : std::vector<std::pair<std::string, json>>{
           {fmt::format("/api/v1/jobs/{}/end", job), {{"ended_on", FormatIsoDate(TodayInChina())}, {"reason", "辞职"}}},
           {fmt::format("/api/v1/jobs/{}/void", job), {{"reason", "录错"}}}}) {
    Answer a = Call("demo_admin", "POST", path, body);
    EXPECT_EQ(a.status, 409) << path << a.body.dump();
    EXPECT_EQ(a.body["error"]["field"], "post_holding_id") << path;
    EXPECT_EQ(a.body["error"]["value"], std::to_string(id)) << path;
    EXPECT_NE(a.body["error"].value("message_zh", "").find("公益岗"), std::string::npos) << a.body.dump();
  }
  const int64_t version = Call("demo_admin", "GET", fmt::format("/api/v1/jobs/{}", job)).body["version"];
  Answer patch = Call("demo_admin", "PATCH", fmt::format("/api/v1/jobs/{}", job), {{"employer", "别处"}}, version);
  EXPECT_EQ(patch.status, 409) << patch.body.dump();
  Answer away = Call("demo_admin", "POST", fmt::format("/api/v1/persons/{}/jobs", holder),
                     {{"channel", "migrant_work"}, {"place", "outside"}, {"work_county", "北京"},
                      {"started_on", FormatIsoDate(TodayInChina())}});
  EXPECT_EQ(away.status, 422) << away.body.dump();
  json f = Fault(away.body, "posts.outside_county");
  EXPECT_EQ(f["field"], "place");
  EXPECT_EQ(f["value"], "outside");
  EXPECT_EQ(Stored(), before);
  // In the county it is allowed (a second, local job).
  EXPECT_EQ(SqlInt(fmt::format("SELECT count(*) FROM jobs WHERE person_id = {} AND place IN ('province','outside')",
                               holder)), 0);
  // The demo's holdings: each job ends with its contract, employer = the kind.
  EXPECT_EQ(SqlInt("SELECT count(*) FROM post_holdings ph JOIN jobs j ON j.post_holding_id = ph.id JOIN post_kinds k "
                   "ON k.id = ph.kind_id WHERE ph.note = 'demo' AND (j.ended_on IS NOT ph.contract_until "
                   "OR j.employer <> k.name)"), 0);
  EXPECT_GT(SqlInt("SELECT count(*) FROM post_holdings WHERE note = 'demo'"), 100);
}

TEST_F(Posts, EndingTheHoldingEndsItsJobAndFreesTheQuota) {
  const int64_t id = g_ids["second"];
  ASSERT_NE(id, 0);
  const std::string path = fmt::format("/api/v1/posts/{}", id);
  const std::string today = FormatIsoDate(TodayInChina());
  Answer no_reason = Call("demo_township", "POST", path + "/end", {{"ended_on", today}}, 1);
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_EQ(no_reason.body["error"]["field"], "reason");
  Answer before_start = Call("demo_township", "POST", path + "/end",
                             {{"ended_on", FormatIsoDate(Plus(kFrom, -1))}, {"reason", "辞职"}}, 1);
  EXPECT_EQ(before_start.status, 422);
  EXPECT_EQ(before_start.body["error"]["field"], "ended_on");
  Answer end = Call("demo_township", "POST", path + "/end", {{"ended_on", today}, {"reason", "本人辞职"}}, 1);
  ASSERT_EQ(end.status, 200) << end.body.dump();
  EXPECT_EQ(end.body["ended_on"], today);
  EXPECT_EQ(end.body["end_reason"], "本人辞职");
  EXPECT_EQ(end.body["current"], false);
  EXPECT_EQ(SqlText(fmt::format("SELECT ended_on FROM jobs WHERE post_holding_id = {}", id)), today);
  Answer twice = Call("demo_township", "POST", path + "/end", {{"ended_on", today}, {"reason", "x"}}, 2);
  EXPECT_EQ(twice.status, 409) << twice.body.dump();
  // Current lists: the ended holding is not current; all holdings still list it.
  bool in_current = false, in_all = false;
  for (const auto& x : AllItems("demo_township", "/api/v1/posts?current=true&site_id=1"))
    in_current = in_current || x["id"] == id;
  for (const auto& x : AllItems("demo_township", "/api/v1/posts?site_id=1"))
    in_all = in_all || x["id"] == id;
  EXPECT_FALSE(in_current);
  EXPECT_TRUE(in_all);
  // The 护路员 quota of site 1 is free again (the holding ended today: not current today).
  for (const auto& q : Items("demo_site", "/api/v1/post-quotas")) {
    if (q["kind_id"] == 7) { EXPECT_EQ(q["used"], 0) << q.dump(); }
  }
}

}  // namespace
}  // namespace anju::http
