// The capability list of the session agrees with the modules' real write endpoints, for every
// demo account (the seven of `anju demo`: demo_admin, demo_staff, demo_township, demo_site,
// demo_grid, demo_auditor, demo_cadre): each module action the session lists (GET
// /api/v1/session, capabilities.actions) is allowed exactly when its endpoint does not refuse
// the account. auth/capabilities_test.cc cannot call these modules (auth is linked before
// them); this test calls them over HTTP on the real server (tester, session 8: that test stated
// visits.record, cases.act and datacalls.* by the predicate the code uses).
//
// Actions and the endpoint tried (each on a target the account can read, so a refusal is about
// the role, not the scope):
//   visits.record     POST /api/v1/households/{id}/visits (the first household the account lists)
//   cases.act         POST /api/v1/cases/{id}/transitions "accept" on a service request opened by
//                     demo_admin on that household and assigned to the account
//   datacalls.manage  POST /api/v1/data-calls
//   datacalls.answer  PUT /api/v1/data-calls/{id}/replies/{rid} on the recipient of the account's
//                     own unit (township, site), else on the township's: 403 or — for accounts
//                     that see no data call at all (grid, cadre) — 404 on the call itself
//   cadres.manage     POST /api/v1/cadres
// Refused = 403 (404 only where said above); anything else (201, 200, 409, 422) passed the
// permission check. The expected tables are literal, worked out from docs/casework.md.
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/date.h"
#include "demo_env.h"
#include "storage/sqlite.h"

namespace anju::http {
namespace {

using test::DemoEnv;
using json = nlohmann::json;

struct Session {
  std::string cookie, csrf;
  json body;  // the login answer
};

httplib::Client Client() {
  httplib::Client c("127.0.0.1", DemoEnv::Get().server->port());
  c.set_read_timeout(60, 0);
  return c;
}

const Session& Login(const std::string& name) {
  static std::map<std::string, Session> sessions;
  if (auto it = sessions.find(name); it != sessions.end()) return it->second;
  Session s;
  auto res = Client().Post("/api/v1/session", json{{"username", name}, {"password", "anju-demo"}}.dump(),
                           "application/json");
  EXPECT_TRUE(res && res->status == 200) << name;
  if (res && res->status == 200) {
    std::string set_cookie = res->get_header_value("Set-Cookie");
    s.cookie = set_cookie.substr(0, set_cookie.find(';'));
    s.body = json::parse(res->body);
    s.csrf = s.body.value("csrf_token", "");
  }
  return sessions[name] = s;
}

struct Answer {
  int status = 0;
  json body;
};

Answer Call(const std::string& user, const std::string& method, const std::string& path,
            const json& body = nullptr, const std::string& if_match = "") {
  const Session& s = Login(user);
  httplib::Headers h{{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}};
  if (!if_match.empty()) h.emplace("If-Match", if_match);
  auto c = Client();
  const std::string b = body.is_null() ? "{}" : body.dump();
  httplib::Result r = method == "GET"   ? c.Get(path, h)
                      : method == "PUT" ? c.Put(path, h, b, "application/json")
                                        : c.Post(path, h, b, "application/json");
  EXPECT_TRUE(r) << method << " " << path;
  if (!r) return {};
  return {r->status, json::parse(r->body, nullptr, false)};
}

const std::vector<std::string> kAccounts = {"demo_admin", "demo_staff",   "demo_township", "demo_site",
                                            "demo_grid",  "demo_auditor", "demo_cadre"};
const std::vector<std::string> kModuleActions = {"visits.record", "cases.act", "datacalls.manage",
                                                 "datacalls.answer", "cadres.manage"};

// Expected, by hand (docs/casework.md "Roles", the module sections): writing roles record visits
// and act on their cases, as does the cadre account; the auditor only reads; county clerks
// manage data calls and cadres; townships and sites answer data calls.
const std::map<std::string, std::set<std::string>> kExpected = {
    {"demo_admin", {"visits.record", "cases.act", "datacalls.manage", "cadres.manage"}},
    {"demo_staff", {"visits.record", "cases.act", "datacalls.manage", "cadres.manage"}},
    {"demo_township", {"visits.record", "cases.act", "datacalls.answer"}},
    {"demo_site", {"visits.record", "cases.act", "datacalls.answer"}},
    {"demo_grid", {"visits.record", "cases.act"}},
    {"demo_auditor", {}},
    {"demo_cadre", {"visits.record", "cases.act"}},
};

class CapabilitiesAgreement : public ::testing::Test {
 protected:
  void SetUp() override {
    DemoEnv& e = DemoEnv::Get();
    if (!e.skip.empty()) GTEST_SKIP() << e.skip;
    ASSERT_TRUE(e.error.empty()) << e.error;
  }
};

// The session's module actions of `user`.
std::set<std::string> Listed(const std::string& user) {
  Answer s = Call(user, "GET", "/api/v1/session");
  EXPECT_EQ(s.status, 200) << user;
  std::set<std::string> out;
  for (const auto& a : s.body["capabilities"]["actions"]) {
    const std::string name = a;
    for (const auto& m : kModuleActions)
      if (m == name) out.insert(name);
  }
  return out;
}

// The first household `user` lists (its scope), or 0.
int64_t FirstHousehold(const std::string& user) {
  Answer a = Call(user, "GET", "/api/v1/households?limit=1");
  EXPECT_EQ(a.status, 200) << user << " " << a.body.dump();
  if (!a.body.contains("items") || a.body["items"].empty()) return 0;
  return a.body["items"][0]["id"].get<int64_t>();
}

// users.id of `user`, read from the demo database.
int64_t UserId(const std::string& user) {
  static std::unique_ptr<storage::Database> db = [] {
    auto d = storage::Database::Open(DemoEnv::Get().db, {.read_only = true, .create = false});
    EXPECT_TRUE(d) << d.error().ToString();
    return d ? std::move(*d) : nullptr;
  }();
  if (!db) return 0;
  auto st = db->Prepare("SELECT id FROM users WHERE username = ?");
  EXPECT_TRUE(st);
  if (!st) return 0;
  st->Bind(1, user);
  auto row = st->Step();
  return row && *row ? st->ColumnInt(0) : 0;
}

bool Allowed(const std::string& user, const std::string& action, const Answer& a) {
  EXPECT_NE(a.status, 0) << user << " " << action;
  EXPECT_NE(a.status, 401) << user << " " << action << ": " << a.body.dump();
  EXPECT_LT(a.status, 500) << user << " " << action << ": " << a.body.dump();
  return a.status != 403;
}

TEST_F(CapabilitiesAgreement, EveryModuleActionIsListedExactlyWhenItsEndpointAllowsIt) {
  // A data call to the demo's township and site (demo_admin), for the answers.
  const std::string township = Login("demo_township").body["scope"].value("township_code", "");
  const int64_t site = Login("demo_site").body["scope"].value("site_id", int64_t{0});
  ASSERT_FALSE(township.empty());
  ASSERT_GT(site, 0);
  const json columns = json::parse(R"([{"key":"village","label_zh":"村名","label_en":"Village","type":"text","required":true}])");
  auto new_call = [&](const std::string& title) {
    return json{{"title", title}, {"instructions", "测试"}, {"due_on", FormatIsoDate(TodayInChina())},
                {"columns", columns}, {"recipients", "chosen"}, {"township_codes", {township}},
                {"site_ids", {site}}};
  };
  Answer call = Call("demo_admin", "POST", "/api/v1/data-calls", new_call("权限一致性测试"));
  ASSERT_EQ(call.status, 201) << call.body.dump();
  const int64_t call_id = call.body["id"];
  Answer call_full = Call("demo_admin", "GET", fmt::format("/api/v1/data-calls/{}", call_id));
  ASSERT_EQ(call_full.status, 200);
  int64_t township_rid = 0, site_rid = 0;
  for (const auto& r : call_full.body["recipients"]) {
    if (r["level"] == "township") township_rid = r["id"];
    if (r["level"] == "site") site_rid = r["id"];
  }
  ASSERT_GT(township_rid, 0);
  ASSERT_GT(site_rid, 0);

  for (const std::string& user : kAccounts) {
    SCOPED_TRACE(user);
    ASSERT_EQ(Login(user).body.value("csrf_token", "").empty(), false) << "demo account " << user << " missing";
    std::map<std::string, bool> allowed;
    const int64_t hh = FirstHousehold(user);
    ASSERT_GT(hh, 0) << user << " lists no household";

    // visits.record
    Answer v = Call(user, "POST", fmt::format("/api/v1/households/{}/visits", hh),
                    {{"visited_on", FormatIsoDate(TodayInChina())}, {"purpose", "routine"},
                     {"findings", "权限一致性测试"}});
    allowed["visits.record"] = Allowed(user, "visits.record", v);

    // cases.act: a case on that household assigned to the user, then "accept".
    Answer opened = Call("demo_admin", "POST", "/api/v1/cases",
                         {{"kind", "service_request"}, {"title", "权限一致性测试"}, {"household_id", hh},
                          {"assignee_user_id", UserId(user)}});
    ASSERT_EQ(opened.status, 201) << opened.body.dump();
    Answer acted = Call(user, "POST", fmt::format("/api/v1/cases/{}/transitions", opened.body["id"].get<int64_t>()),
                        {{"transition", "accept"}}, fmt::format("\"{}\"", opened.body.value("version", 1)));
    EXPECT_NE(acted.status, 404) << "the assignee reads its case";
    allowed["cases.act"] = Allowed(user, "cases.act", acted);

    // datacalls.manage
    Answer made = Call(user, "POST", "/api/v1/data-calls", new_call("权限一致性测试 " + user));
    allowed["datacalls.manage"] = Allowed(user, "datacalls.manage", made);

    // datacalls.answer: the account's own unit's recipient, else the township's.
    const int64_t rid = user == "demo_site" ? site_rid : township_rid;
    Answer answered = Call(user, "PUT", fmt::format("/api/v1/data-calls/{}/replies/{}", call_id, rid),
                           {{"rows", json::array({{{"village", "测试村"}}})}});
    if (answered.status == 404) {
      // Only for an account that sees no data call at all.
      EXPECT_EQ(Call(user, "GET", fmt::format("/api/v1/data-calls/{}", call_id)).status, 404) << answered.body.dump();
      allowed["datacalls.answer"] = false;
    } else {
      allowed["datacalls.answer"] = Allowed(user, "datacalls.answer", answered);
    }

    // cadres.manage
    Answer cadre = Call(user, "POST", "/api/v1/cadres", {{"name", "测试帮扶人"}, {"unit", "测试单位"}});
    allowed["cadres.manage"] = Allowed(user, "cadres.manage", cadre);

    std::set<std::string> by_endpoint;
    for (const auto& [a, ok] : allowed)
      if (ok) by_endpoint.insert(a);
    EXPECT_EQ(Listed(user), by_endpoint) << "the session's list disagrees with the endpoints";
    EXPECT_EQ(by_endpoint, kExpected.at(user)) << "the endpoints disagree with the expected table";
  }
}

}  // namespace
}  // namespace anju::http
