// API tests: the real server (http::Server, in process) on a free loopback port against a demo
// database built by the real `anju demo`, called over HTTP with httplib::Client. Covers every
// endpoint's success and error paths: login/logout, wrong password, throttling (429), CSRF
// (403 and nothing changed), scope (404 for another grid's household), validation (422 listing
// each field), optimistic concurrency (409 stale / 428 missing If-Match), cursor paging (every
// row exactly once), pinyin search, the report (equal to the report library's own output and to
// the published figures), the audit trail, exports, static files and security headers.
//
// Expected values come from the published figures (../shared/reference/linxian-figures.md),
// from the report library run on a separate connection, or from records the test creates.
#include <algorithm>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <unistd.h>
#include <zip.h>

#include <chrono>
#include <ctime>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>

#include "core/resident_id.h"
#include "http/api_routes.h"
#include "registry/http/json.h"
#include "http/server.h"
#include "modules/module.h"
#include "demo_env.h"
#include "importer/readers.h"
#include "registry/registry.h"
#include "registry/registry_service.h"
#include "reports/report_render.h"
#include "reports/report_service.h"
#include "storage/sqlite.h"
#include "auth/storage/sqlite_auth_repository.h"
#include "registry/storage/sqlite_registry_repository.h"
#include "reports/storage/sqlite_report_repository.h"

namespace anju::http {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

int Sh(const std::string& cmd) { return std::system(cmd.c_str()); }

// A further server for one test (on a free port: `o.port` is set to 0), started; nullptr, with
// the reason as a test failure, when it cannot be created.
std::unique_ptr<Server> StartServer(ServerOptions o) {
  o.port = 0;
  modules::Install();  // figures, case types, attachment owners of the module list, as `anju` does at start
  if (!o.add_routes) o.add_routes = modules::AddAllRoutes;
  auto created = Server::Create(o);
  EXPECT_TRUE(created) << (created ? std::string() : created.error().ToString());
  if (!created) return nullptr;
  std::unique_ptr<Server> server = std::move(*created);
  server->Start();
  return server;
}

// A client of `server` with the suite's 60 s read timeout.
httplib::Client ClientOf(const Server& server) {
  httplib::Client c("127.0.0.1", server.port());
  c.set_read_timeout(60, 0);
  return c;
}

// One demo database and one server for the whole suite (building the demo takes seconds).
using Env = test::DemoEnv;

// A logged-in client: cookie and CSRF token kept.
struct Session {
  std::string cookie;  // "anju_session=…"
  std::string csrf;
  json body;
};

class Api : public ::testing::Test {
 protected:
  void SetUp() override {
    Env& e = Env::Get();
    if (!e.skip.empty()) GTEST_SKIP() << e.skip;
    ASSERT_TRUE(e.error.empty()) << e.error;
  }
  static httplib::Client Client() {
    httplib::Client c("127.0.0.1", Env::Get().server->port());
    c.set_read_timeout(60, 0);
    return c;
  }
  static httplib::Headers H(const Session* s, bool csrf = true,
                            std::optional<std::string> if_match = std::nullopt) {
    httplib::Headers h;
    if (s) {
      h.emplace("Cookie", s->cookie);
      if (csrf) h.emplace("X-CSRF-Token", s->csrf);
    }
    if (if_match) h.emplace("If-Match", *if_match);
    return h;
  }
  // Logs in (once per user for the whole suite: logins are deliberately slow, argon2id).
  static const Session& As(const std::string& user) {
    static std::map<std::string, Session> cache;
    auto it = cache.find(user);
    if (it != cache.end()) return it->second;
    auto c = Client();
    auto r = c.Post("/api/v1/session", json{{"username", user}, {"password", "anju-demo"}}.dump(),
                    "application/json");
    EXPECT_TRUE(r);
    EXPECT_EQ(r->status, 200) << r->body;
    Session s;
    std::string set_cookie = r->get_header_value("Set-Cookie");
    s.cookie = set_cookie.substr(0, set_cookie.find(';'));
    s.body = json::parse(r->body);
    s.csrf = s.body["csrf_token"].get<std::string>();
    return cache.emplace(user, s).first->second;
  }
  static json Json(const httplib::Result& r) {
    EXPECT_TRUE(r);
    return json::parse(r->body, nullptr, false);
  }
  static json Get(const Session& s, const std::string& path, int want = 200) {
    auto c = Client();
    auto r = c.Get(path, H(&s, false));
    EXPECT_TRUE(r);
    EXPECT_EQ(r->status, want) << path << " -> " << r->body.substr(0, 400);
    return json::parse(r->body, nullptr, false);
  }
  static void ExpectEnvelope(const json& j, const std::string& code) {
    ASSERT_TRUE(j.contains("error")) << j.dump();
    EXPECT_EQ(j["error"]["code"], code) << j.dump();
    for (const char* k : {"message", "message_zh", "field", "value", "details"}) {
      EXPECT_TRUE(j["error"].contains(k)) << k;
    }
  }
  static std::set<std::string> DetailFields(const json& j) {
    std::set<std::string> out;
    for (const auto& d : j["error"]["details"]) out.insert(d["field"].get<std::string>());
    return out;
  }
  // A household of two (head born 1985-01-01, spouse 1987-02-02) moved in 2023-01-01 at the
  // first site with no grid (outside every grid worker's scope); returns its id.
  static int64_t NewTestHousehold(const std::string& no, const std::string& head17, const std::string& spouse17) {
    const Session& s = As("demo_staff");
    auto c = Client();
    json sites = Get(s, "/api/v1/sites");
    int64_t site_id = sites["items"][0]["id"];
    json any = Get(s, "/api/v1/households?limit=1&site_id=" + std::to_string(site_id));
    json detail = Get(s, "/api/v1/households/" + std::to_string(any["items"][0]["id"].get<int64_t>()));
    json members = json::array({{{"resident_id", head17 + ResidentIdCheckChar(head17)}, {"name", "测试户主"},
                                 {"relationship", "head"}}});
    if (!spouse17.empty())
      members.push_back({{"resident_id", spouse17 + ResidentIdCheckChar(spouse17)}, {"name", "测试配偶"},
                         {"relationship", "spouse"}});
    json body = {{"household_no", no}, {"category", "co_relocated"}, {"origin_village_id", detail["origin_village"]["id"]},
                 {"site_id", site_id}, {"move_in_date", "2023-01-01"}, {"members", members}};
    auto r = c.Post("/api/v1/households", H(&s), body.dump(), "application/json");
    EXPECT_TRUE(r);
    EXPECT_EQ(r->status, 201) << r->body;
    return r && r->status == 201 ? json::parse(r->body)["id"].get<int64_t>() : 0;
  }

  // Ends every current member of `hh` and the household as entered in error (never counted as of
  // any day), members before the head.
  static void EndTestHousehold(int64_t hh) {
    const Session& s = As("demo_staff");
    auto c = Client();
    const std::string hpath = "/api/v1/households/" + std::to_string(hh);
    json page = Get(s, hpath);
    std::vector<int64_t> ids;
    for (const auto& m : page["members"])
      if (m["relationship"] != "head") ids.push_back(m["id"]);
    for (const auto& m : page["members"])
      if (m["relationship"] == "head") ids.push_back(m["id"]);
    for (int64_t p : ids) {
      const std::string pp = "/api/v1/persons/" + std::to_string(p);
      const std::string version = fmt::format("\"{}\"", Get(s, pp)["version"].get<int64_t>());
      auto d = c.Delete(pp + "?reason=test-cleanup", H(&s, true, version));
      ASSERT_TRUE(d);
      EXPECT_EQ(d->status, 204) << pp << " " << d->body;
    }
    auto dh = c.Delete(hpath + "?reason=test-cleanup",
                       H(&s, true, fmt::format("\"{}\"", Get(s, hpath)["version"].get<int64_t>())));
    ASSERT_TRUE(dh);
    EXPECT_EQ(dh->status, 204) << dh->body;
  }
  // A person of the county (as demo_staff) with a whole phone (full=true), to edit.
  static json SomePerson(const std::string& query_extra = "") {
    json list = Get(As("demo_staff"), "/api/v1/persons?limit=1" + query_extra);
    EXPECT_FALSE(list["items"].empty());
    int64_t id = list["items"][0]["id"];
    return Get(As("demo_staff"), "/api/v1/persons/" + std::to_string(id) + "?full=true");
  }
};

// ---- service endpoints and static files -------------------------------------------------------

TEST_F(Api, HealthzAnswersWithTheSchemaVersion) {
  auto r = Client().Get("/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  json j = json::parse(r->body);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_GE(j["schema_version"].get<int>(), 3);
}

TEST_F(Api, OpenApiDocumentsEveryRouteAndEveryDocumentedPathIsRouted) {
  auto r = Client().Get("/api/v1/openapi.json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  json doc = json::parse(r->body);
  EXPECT_TRUE(doc["openapi"].get<std::string>().starts_with("3."));
  std::set<std::pair<std::string, std::string>> routed, documented;
  for (const Route& route : Env::Get().server->router().routes()) {
    std::string m = route.method;
    for (char& ch : m) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    routed.emplace(m, route.pattern);
  }
  for (auto& [path, item] : doc["paths"].items()) {
    for (auto& [method, op] : item.items()) {
      if (method == "parameters") continue;
      documented.emplace(method, path);
      EXPECT_TRUE(op.contains("responses")) << method << " " << path;
    }
  }
  for (const auto& r2 : routed) {
    EXPECT_TRUE(documented.contains(r2)) << "routed but not in openapi.json: " << r2.first << " "
                                         << r2.second;
  }
  for (const auto& d : documented) {
    EXPECT_TRUE(routed.contains(d)) << "documented but not routed: " << d.first << " " << d.second;
  }
}

TEST_F(Api, ServesTheWebUiWithContentTypesAndCaching) {
  auto c = Client();
  auto index = c.Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_EQ(index->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(index->body.find("<html"), std::string::npos);
  EXPECT_EQ(index->get_header_value("Cache-Control"), "no-cache");
  std::string etag = index->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  auto again = c.Get("/", {{"If-None-Match", etag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());

  // Every file of src/web is served with its type.
  const char* src = std::getenv("ANJU_SOURCE_DIR");
  ASSERT_NE(src, nullptr);
  int checked = 0;
  for (const auto& f : fs::recursive_directory_iterator(fs::path(src) / "src/web")) {
    if (!f.is_regular_file()) continue;
    std::string rel = fs::relative(f.path(), fs::path(src) / "src/web").string();
    if (rel.starts_with(".")) continue;
    auto r = c.Get("/static/" + rel);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << rel;
    EXPECT_EQ(r->body.size(), fs::file_size(f.path())) << rel;
    if (rel.ends_with(".js")) {
      EXPECT_EQ(r->get_header_value("Content-Type"), "text/javascript; charset=utf-8") << rel;
    }
    ++checked;
  }
  EXPECT_GT(checked, 3);
  if (fs::exists(fs::path(src) / "node_modules/echarts/dist/echarts.min.js")) {
    auto e = c.Get("/static/vendor/echarts.min.js");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->status, 200);
    EXPECT_NE(e->get_header_value("Cache-Control").find("max-age"), std::string::npos);
  }
  auto traversal = c.Get("/static/../CMakeLists.txt");
  ASSERT_TRUE(traversal);
  EXPECT_EQ(traversal->status, 404);
  auto missing = c.Get("/static/nope.js");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  ExpectEnvelope(json::parse(missing->body), "not_found");
}

TEST_F(Api, SecurityHeadersOnEveryKindOfResponse) {
  auto c = Client();
  std::vector<httplib::Result> rs;
  rs.push_back(c.Get("/"));
  rs.push_back(c.Get("/healthz"));
  rs.push_back(c.Get("/api/v1/households"));           // 401
  rs.push_back(c.Get("/nowhere"));                      // 404
  rs.push_back(c.Put("/api/v1/session", "", "text/plain"));  // 405
  for (auto& r : rs) {
    ASSERT_TRUE(r);
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff") << r->status;
    EXPECT_EQ(r->get_header_value("X-Frame-Options"), "DENY") << r->status;
    EXPECT_NE(r->get_header_value("Content-Security-Policy").find("default-src 'self'"),
              std::string::npos)
        << r->status;
    EXPECT_FALSE(r->get_header_value("Referrer-Policy").empty()) << r->status;
  }
  EXPECT_EQ(rs[2]->status, 401);
  ExpectEnvelope(json::parse(rs[2]->body), "unauthenticated");
  EXPECT_EQ(rs[3]->status, 404);
  ExpectEnvelope(json::parse(rs[3]->body), "not_found");
  EXPECT_EQ(rs[4]->status, 405);
  EXPECT_EQ(rs[4]->get_header_value("Allow"), "POST, GET, DELETE");
}

TEST_F(Api, RequestBodyAndJsonDepthLimits) {
  const Session& s = As("demo_staff");
  auto c = Client();
  std::string huge(2 * 1024 * 1024, 'x');
  auto r = c.Post("/api/v1/persons", H(&s), "{\"name\":\"" + huge + "\"}", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  ExpectEnvelope(json::parse(r->body), "payload_too_large");

  std::string deep = "{\"a\":" + std::string(100, '[') + std::string(100, ']') + "}";
  auto d = c.Post("/api/v1/persons", H(&s), deep, "application/json");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->status, 422);
  json j = json::parse(d->body);
  ExpectEnvelope(j, "invalid_argument");
  EXPECT_EQ(j["error"]["field"], "body");

  auto bad = c.Post("/api/v1/persons", H(&s), "{not json", "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
}

// Hardening regressions: a chunked body over 1 MiB is 413 (was 429), a non-JSON body on a JSON
// endpoint is 415 (was accepted), a number too large for a double is 422 naming the field (was
// 500, nlohmann out_of_range.406), and parse errors carry no library exception id.
TEST_F(Api, ChunkedOversizeNonJsonAndNumberOverflowBodies) {
  const Session& s = As("demo_staff");
  auto c = Client();
  size_t sent = 0;
  auto chunked = c.Post(
      "/api/v1/persons", H(&s),
      [&](size_t, httplib::DataSink& sink) {
        std::string piece = sent == 0 ? "{\"name\":\"" : "";
        piece += std::string(64 * 1024, 'x');
        sent += piece.size();
        sink.write(piece.data(), piece.size());
        if (sent > 2 * 1024 * 1024) {
          sink.write("\"}", 2);
          sink.done();
        }
        return true;
      },
      "application/json");
  ASSERT_TRUE(chunked);
  EXPECT_EQ(chunked->status, 413) << chunked->body.substr(0, 200);

  auto text = c.Post("/api/v1/persons", H(&s), R"({"name":"张海明"})", "text/plain");
  ASSERT_TRUE(text);
  EXPECT_EQ(text->status, 415) << text->body;
  json tj = json::parse(text->body);
  EXPECT_EQ(tj["error"]["field"], "Content-Type");
  auto patch = c.Patch("/api/v1/persons/1", H(&s, true, "\"1\""), "{}", "text/plain");
  ASSERT_TRUE(patch);
  EXPECT_EQ(patch->status, 415) << patch->body;
  auto charset = c.Post("/api/v1/persons", H(&s), "{not json", "application/json; charset=utf-8");
  ASSERT_TRUE(charset);
  EXPECT_EQ(charset->status, 422);
  EXPECT_EQ(charset->body.find("json.exception"), std::string::npos) << charset->body;

  auto login = c.Post("/api/v1/session", R"({"username":1e400,"password":"x"})", "application/json");
  ASSERT_TRUE(login);
  EXPECT_EQ(login->status, 422) << login->body;
  EXPECT_EQ(json::parse(login->body)["error"]["field"], "username");
  auto over = c.Patch("/api/v1/persons/1", H(&s, true, "\"1\""), R"({"household_id":1e400})",
                      "application/json");
  ASSERT_TRUE(over);
  EXPECT_EQ(over->status, 422) << over->body;
}

// ---- session ---------------------------------------------------------------------------------

TEST_F(Api, LoginSetsAStrictHttpOnlyCookieAndAnswersRoleScopeAndCsrf) {
  auto c = Client();
  auto r = c.Post("/api/v1/session",
                  json{{"username", "demo_township"}, {"password", "anju-demo"}}.dump(),
                  "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  std::string cookie = r->get_header_value("Set-Cookie");
  EXPECT_TRUE(cookie.starts_with("anju_session="));
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  json j = json::parse(r->body);
  EXPECT_EQ(j["username"], "demo_township");
  EXPECT_EQ(j["role"], "township_staff");
  EXPECT_EQ(j["scope"]["level"], "township");
  EXPECT_EQ(j["scope"]["township_code"], "141124100");  // 临泉镇
  EXPECT_EQ(j["csrf_token"].get<std::string>().size(), 43u);
  EXPECT_EQ(j["database"]["is_demo"], true);
  EXPECT_EQ(j["database"]["county_code"], "141124");

  // Who am I, then log out: the session is gone.
  Session s{cookie.substr(0, cookie.find(';')), j["csrf_token"], j};
  json me = Get(s, "/api/v1/session");
  EXPECT_EQ(me["username"], "demo_township");
  EXPECT_EQ(me["csrf_token"], j["csrf_token"]);
  auto no_csrf = c.Delete("/api/v1/session", H(&s, false));
  ASSERT_TRUE(no_csrf);
  EXPECT_EQ(no_csrf->status, 403);
  auto out = c.Delete("/api/v1/session", H(&s));
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 204);
  EXPECT_NE(out->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
  auto after = c.Get("/api/v1/households", H(&s, false));
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 401);
  ExpectEnvelope(json::parse(after->body), "unauthenticated");
  EXPECT_EQ(c.Get("/api/v1/session", H(&s, false))->status, 401);
}

TEST_F(Api, WrongPasswordIs401AndMissingFieldsAre422) {
  auto c = Client();
  auto r = c.Post("/api/v1/session",
                  json{{"username", "demo_site"}, {"password", "wrong"}}.dump(), "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  ExpectEnvelope(json::parse(r->body), "unauthenticated");
  EXPECT_TRUE(r->get_header_value("Set-Cookie").empty());
  auto m = c.Post("/api/v1/session", "{}", "application/json");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->status, 422);
  json j = json::parse(m->body);
  EXPECT_EQ(DetailFields(j), (std::set<std::string>{"username", "password"}));
}

TEST_F(Api, RepeatedWrongPasswordsAreThrottledWith429) {
  auto c = Client();
  // A user that exists only in this test's eyes: throttling counts per account name.
  int last = 0;
  std::string retry_after;
  for (int i = 0; i < 7; ++i) {
    auto r = c.Post("/api/v1/session",
                    json{{"username", "demo_admin"}, {"password", "guess" + std::to_string(i)}}.dump(),
                    "application/json");
    ASSERT_TRUE(r);
    last = r->status;
    if (last == 429) {
      ExpectEnvelope(json::parse(r->body), "resource_exhausted");
      retry_after = r->get_header_value("Retry-After");
      break;
    }
    EXPECT_EQ(last, 401);
  }
  EXPECT_EQ(last, 429);
  EXPECT_FALSE(retry_after.empty());
  // Even the right password is refused while throttled.
  auto ok = c.Post("/api/v1/session",
                   json{{"username", "demo_admin"}, {"password", "anju-demo"}}.dump(),
                   "application/json");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 429);
}

// ---- households ------------------------------------------------------------------------------

TEST_F(Api, HouseholdListMasksIdsAndCursorWalksEveryRowExactlyOnce) {
  const Session& s = As("demo_staff");
  // The published total: 13,337 households (linxian-figures.md).
  std::set<int64_t> seen;
  std::string cursor;
  int pages = 0;
  do {
    json page = Get(s, "/api/v1/households?limit=500" + (cursor.empty() ? "" : "&cursor=" + cursor));
    for (const auto& h : page["items"]) {
      EXPECT_TRUE(seen.insert(h["id"].get<int64_t>()).second) << "twice: " << h["id"];
      if (pages == 0 && seen.size() < 5 && h["head_resident_id"].is_string()) {
        EXPECT_NE(h["head_resident_id"].get<std::string>().find("********"), std::string::npos);
      }
    }
    cursor = page["next_cursor"].is_null() ? "" : page["next_cursor"].get<std::string>();
    ++pages;
  } while (!cursor.empty() && pages < 100);
  // The current households: the demo's 13,337 of 2022-09-30 and one split off after it
  // (registry/storage/sqlite_demo_events.h).
  EXPECT_EQ(seen.size(), 13338u);
  EXPECT_EQ(pages, 27);
}

TEST_F(Api, HouseholdFiltersAndSort) {
  const Session& s = As("demo_staff");
  json sites = Get(s, "/api/v1/sites");
  int64_t site_id = sites["items"][0]["id"];
  int64_t site_households = sites["items"][0]["households"];
  std::string base = "/api/v1/households?limit=500&site_id=" + std::to_string(site_id);
  int64_t n = 0;
  std::string cursor;
  do {
    json page = Get(s, base + (cursor.empty() ? "" : "&cursor=" + cursor));
    for (const auto& h : page["items"]) {
      EXPECT_EQ(h["site_id"], site_id);
      ++n;
    }
    cursor = page["next_cursor"].is_null() ? "" : page["next_cursor"].get<std::string>();
  } while (!cursor.empty());
  EXPECT_EQ(n, site_households);

  json poor = Get(s, "/api/v1/households?limit=20&category=registered_poor&sort=-household_no");
  std::string prev = "~";
  for (const auto& h : poor["items"]) {
    EXPECT_EQ(h["category"], "registered_poor");
    EXPECT_LT(h["household_no"].get<std::string>(), prev);
    prev = h["household_no"];
  }
  json bad = Get(s, "/api/v1/households?limit=0", 422);
  ExpectEnvelope(bad, "invalid_argument");
  EXPECT_EQ(bad["error"]["field"], "limit");
  EXPECT_EQ(bad["error"]["value"], "0");
  json bad2 = Get(s, "/api/v1/households?category=rich&township=12", 422);
  EXPECT_EQ(DetailFields(bad2), (std::set<std::string>{"category", "township"}));
}

TEST_F(Api, HouseholdDetailHasMembersAndAnEtagAndFullIsAudited) {
  const Session& s = As("demo_staff");
  json list = Get(s, "/api/v1/households?limit=1");
  int64_t id = list["items"][0]["id"];
  auto c = Client();
  auto r = c.Get("/api/v1/households/" + std::to_string(id), H(&s, false));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  json d = json::parse(r->body);
  EXPECT_EQ(r->get_header_value("ETag"), "\"" + std::to_string(d["version"].get<int64_t>()) + "\"");
  ASSERT_FALSE(d["members"].empty());
  EXPECT_EQ(d["members"][0]["relationship"], "head");
  EXPECT_NE(d["members"][0]["resident_id"].get<std::string>().find("****"), std::string::npos);
  EXPECT_TRUE(d["origin_village"]["township_code"].is_string());
  EXPECT_TRUE(d["site"]["name"].is_string());
  json full = Get(s, "/api/v1/households/" + std::to_string(id) + "?full=1");
  EXPECT_EQ(full["members"][0]["resident_id"].get<std::string>().find('*'), std::string::npos);
  Get(s, "/api/v1/households/999999999", 404);
  Get(s, "/api/v1/households/abc", 404);
}

TEST_F(Api, GridWorkerSeesOnlyTheirGridOthersAre404) {
  const Session& grid = As("demo_grid");
  const Session& staff = As("demo_staff");
  int64_t grid_id = grid.body["scope"]["grid_id"];
  json mine = Get(grid, "/api/v1/households?limit=500");
  for (const auto& h : mine["items"]) EXPECT_EQ(h["grid_id"], grid_id);
  // A household of another grid: found by county staff, 404 for the grid worker.
  json all = Get(staff, "/api/v1/households?limit=50&sort=-household_no");
  int64_t other = 0;
  for (const auto& h : all["items"]) {
    if (h["grid_id"] != grid_id) {
      other = h["id"];
      break;
    }
  }
  ASSERT_NE(other, 0);
  json e = Get(grid, "/api/v1/households/" + std::to_string(other), 404);
  ExpectEnvelope(e, "not_found");
}

TEST_F(Api, CreatePatchAndDeleteAHouseholdWithConcurrencyChecks) {
  const Session& s = As("demo_staff");
  auto c = Client();
  json sites = Get(s, "/api/v1/sites");
  int64_t site_id = sites["items"][0]["id"];
  json any = Get(s, "/api/v1/households?limit=1&site_id=" + std::to_string(site_id));
  json detail = Get(s, "/api/v1/households/" + std::to_string(any["items"][0]["id"].get<int64_t>()));
  int64_t village = detail["origin_village"]["id"];

  // 422 listing each bad field.
  json bad_body = {{"household_no", ""}, {"category", "rich"}, {"site_id", "x"},
                   {"move_in_date", "2020-02-30"}, {"colour", 1}};
  auto bad = c.Post("/api/v1/households", H(&s), bad_body.dump(), "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  json be = json::parse(bad->body);
  std::set<std::string> fields = DetailFields(be);
  for (const char* f : {"category", "site_id", "move_in_date", "colour", "origin_village_id"}) {
    EXPECT_TRUE(fields.contains(f)) << f << " in " << be.dump();
  }

  // Create with a head (resident id with a valid check character, fictitious person).
  json body = {{"household_no", "LX-T00001"},
               {"category", "co_relocated"},
               {"origin_village_id", village},
               {"site_id", site_id},
               {"move_in_date", "2020-06-30"},
               {"members",
                {{{"resident_id", "141124199003077038"}, {"name", "测试户主"}, {"relationship", "head"},
                  {"phone", "13800001111"}}}}};
  auto r = c.Post("/api/v1/households", H(&s), body.dump(), "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 201) << r->body;
  json created = json::parse(r->body);
  int64_t id = created["id"];
  EXPECT_EQ(r->get_header_value("Location"), "/api/v1/households/" + std::to_string(id));
  EXPECT_EQ(created["members"][0]["sex"], "male");           // from the id
  EXPECT_EQ(created["members"][0]["birth_date"], "1990-03-07");
  std::string etag = r->get_header_value("ETag");
  ASSERT_EQ(etag, "\"1\"");

  // Same number again: 409.
  auto dup = c.Post("/api/v1/households", H(&s), body.dump(), "application/json");
  ASSERT_TRUE(dup);
  EXPECT_EQ(dup->status, 409) << dup->body;

  std::string path = "/api/v1/households/" + std::to_string(id);
  std::string patch = json{{"convention_signed", true}}.dump();
  auto no_if = c.Patch(path, H(&s), patch, "application/json");
  ASSERT_TRUE(no_if);
  EXPECT_EQ(no_if->status, 428);
  ExpectEnvelope(json::parse(no_if->body), "precondition_required");
  auto ok = c.Patch(path, H(&s, true, etag), patch, "application/json");
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->status, 200) << ok->body;
  EXPECT_EQ(json::parse(ok->body)["convention_signed"], true);
  EXPECT_EQ(ok->get_header_value("ETag"), "\"2\"");
  auto stale = c.Patch(path, H(&s, true, etag), json{{"convention_signed", false}}.dump(),
                       "application/json");
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 409);
  ExpectEnvelope(json::parse(stale->body), "conflict");
  EXPECT_EQ(Get(s, path)["convention_signed"], true);  // nothing overwritten
  auto empty = c.Patch(path, H(&s, true, "\"2\""), "{}", "application/json");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 422);

  auto del_stale = c.Delete(path, H(&s, true, etag));
  ASSERT_TRUE(del_stale);
  EXPECT_EQ(del_stale->status, 409);
  // A household with members is not deleted (issue #12): 409 naming the count; its members
  // go first (here the head alone), then the empty household.
  auto with_members = c.Delete(path, H(&s, true, "\"2\""));
  ASSERT_TRUE(with_members);
  EXPECT_EQ(with_members->status, 409) << with_members->body;
  json wm = json::parse(with_members->body);
  ExpectEnvelope(wm, "conflict");
  EXPECT_EQ(wm["error"]["field"], "members");
  EXPECT_EQ(wm["error"]["value"], "1");
  EXPECT_EQ(Get(s, path)["members"].size(), 1u);
  std::string head = "/api/v1/persons/" + std::to_string(created["members"][0]["id"].get<int64_t>());
  // Issue #14: a DELETE ends the record as entered in error and needs a reason (422 without).
  auto no_reason = c.Delete(head, H(&s, true, "\"1\""));
  ASSERT_TRUE(no_reason);
  EXPECT_EQ(no_reason->status, 422) << no_reason->body;
  EXPECT_EQ(json::parse(no_reason->body)["error"]["field"], "reason");
  auto del_head = c.Delete(head + "?reason=%E9%87%8D%E5%A4%8D%E5%BD%95%E5%85%A5", H(&s, true, "\"1\""));  // 重复录入
  ASSERT_TRUE(del_head);
  EXPECT_EQ(del_head->status, 204) << del_head->body;
  // The head's DELETE bumped the household's version (2 after the PATCH, now 3): a person-level
  // write changes the household it belongs to (fix-lr, issue #14 testers).
  auto del = c.Delete(path, H(&s, true, "\"3\""), json{{"reason", "测试"}}.dump(), "application/json");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 204) << del->body;
  // Nothing deleted: the household stays, ended on its move-in day (never counted), the head
  // under former members as entered in error with the reason.
  json kept = Get(s, path);
  EXPECT_EQ(kept["ended_on"], "2020-06-30");
  EXPECT_TRUE(kept["members"].empty());
  ASSERT_EQ(kept["former_members"].size(), 1u);
  EXPECT_EQ(kept["former_members"][0]["kind"], "entered_in_error");
  EXPECT_EQ(kept["former_members"][0]["reason"], "重复录入");
  EXPECT_EQ(kept["former_members"][0]["until"], "2020-06-30");
}

// Issue #14: person life events through the API — a newborn with the id to be filled, its id
// completed (a disagreeing birth date refused naming both dates), a death, the household page
// and timelines; a grid worker outside the household's grid gets 404, the auditor 403.
TEST_F(Api, LifeEventsBirthPendingIdCompletionDeathAndTimelines) {
  const Session& s = As("demo_staff");
  auto c = Client();
  json sites = Get(s, "/api/v1/sites");
  int64_t site_id = sites["items"][0]["id"];
  json any = Get(s, "/api/v1/households?limit=1&site_id=" + std::to_string(site_id));
  json detail = Get(s, "/api/v1/households/" + std::to_string(any["items"][0]["id"].get<int64_t>()));
  // No grid: outside every grid worker's scope.
  json body = {{"household_no", "LX-T00014"}, {"category", "co_relocated"}, {"origin_village_id", detail["origin_village"]["id"]},
               {"site_id", site_id}, {"move_in_date", "2020-06-30"},
               {"members", {{{"resident_id", std::string("14112419900308003") + ResidentIdCheckChar("14112419900308003")},
                             {"name", "测试户主"}, {"relationship", "head"}},
                            {{"resident_id", std::string("14112419920506002") + ResidentIdCheckChar("14112419920506002")},
                             {"name", "测试配偶"}, {"relationship", "spouse"}}}}};
  auto r = c.Post("/api/v1/households", H(&s), body.dump(), "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 201) << r->body;
  const int64_t hh = json::parse(r->body)["id"];
  const std::string hpath = "/api/v1/households/" + std::to_string(hh);

  // A birth with the id to be filled: 201 {person_id, event_id}.
  json birth = {{"kind", "birth"}, {"reason", "出生医学证明"},
                {"person", {{"name", "测试新生儿"}, {"sex", "female"}, {"birth_date", "2023-04-10"}, {"relationship", "child"}}}};
  auto b = c.Post(hpath + "/members", H(&s), birth.dump(), "application/json");
  ASSERT_TRUE(b);
  ASSERT_EQ(b->status, 201) << b->body;
  const int64_t baby = json::parse(b->body)["person_id"];
  json page = Get(s, hpath);
  ASSERT_EQ(page["members"].size(), 3u);
  EXPECT_EQ(page["members"][2]["resident_id"], "");
  EXPECT_EQ(page["members"][2]["id_pending"], true);
  EXPECT_EQ(page["members"][0]["id_pending"], false);
  // The auditor may not add one (403); a pending id for another kind is 422 naming the field.
  auto audited = c.Post(hpath + "/members", H(&As("demo_auditor")), birth.dump(), "application/json");
  ASSERT_TRUE(audited);
  EXPECT_EQ(audited->status, 403);
  json moved = birth;
  moved["kind"] = "moved_in";
  moved["date"] = "2023-05-01";
  auto pend = c.Post(hpath + "/members", H(&s), moved.dump(), "application/json");
  ASSERT_TRUE(pend);
  EXPECT_EQ(pend->status, 422) << pend->body;

  // Completing the id: born 2023-04-11 per the id (check character computed) vs 2023-04-10 entered.
  const std::string bpath = "/api/v1/persons/" + std::to_string(baby);
  std::string wrong17 = "14112420230411002", right17 = "14112420230410002";
  auto wrong = c.Put(bpath + "/resident-id", H(&s), json{{"resident_id", wrong17 + ResidentIdCheckChar(wrong17)}}.dump(),
                     "application/json");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 422) << wrong->body;
  const std::string msg = json::parse(wrong->body)["error"]["message"];
  EXPECT_NE(msg.find("2023-04-11"), std::string::npos) << msg;
  EXPECT_NE(msg.find("2023-04-10"), std::string::npos) << msg;
  auto right = c.Put(bpath + "/resident-id", H(&s),
                     json{{"resident_id", right17 + ResidentIdCheckChar(right17)}, {"reason", "户口登记"}}.dump(),
                     "application/json");
  ASSERT_TRUE(right);
  ASSERT_EQ(right->status, 200) << right->body;
  EXPECT_EQ(json::parse(right->body)["id_pending"], false);

  // A death before the birth is refused; the spouse's death on 2024-01-02 is recorded.
  const int64_t spouse = page["members"][1]["id"];
  const std::string spath = "/api/v1/persons/" + std::to_string(spouse) + "/events";
  auto early = c.Post(spath, H(&s), json{{"kind", "death"}, {"date", "1992-05-05"}}.dump(), "application/json");
  ASSERT_TRUE(early);
  EXPECT_EQ(early->status, 422) << early->body;
  EXPECT_EQ(json::parse(early->body)["error"]["field"], "date");
  auto died = c.Post(spath, H(&s), json{{"kind", "death"}, {"date", "2024-01-02"}, {"reason", "死亡医学证明"}}.dump(),
                     "application/json");
  ASSERT_TRUE(died);
  ASSERT_EQ(died->status, 201) << died->body;
  // The head may not die while others remain: 409 naming new_head.
  const int64_t head = page["members"][0]["id"];
  auto head_died = c.Post("/api/v1/persons/" + std::to_string(head) + "/events", H(&s),
                          json{{"kind", "death"}, {"date", "2024-01-03"}}.dump(), "application/json");
  ASSERT_TRUE(head_died);
  EXPECT_EQ(head_died->status, 409);
  EXPECT_EQ(json::parse(head_died->body)["error"]["field"], "new_head");

  page = Get(s, hpath);
  EXPECT_EQ(page["members"].size(), 2u);
  ASSERT_EQ(page["former_members"].size(), 1u);
  EXPECT_EQ(page["former_members"][0]["person_id"], spouse);
  EXPECT_EQ(page["former_members"][0]["until"], "2024-01-02");
  EXPECT_EQ(page["former_members"][0]["kind"], "death");
  EXPECT_EQ(page["former_members"][0]["kind_zh"], "死亡");

  json t = Get(s, hpath + "/timeline");
  EXPECT_EQ(t["household_no"], "LX-T00014");
  std::vector<std::string> kinds;
  for (const auto& e : t["events"]) kinds.push_back(e["kind"]);
  // Oldest first by event date: the completion is dated today, after the death.
  EXPECT_EQ(kinds, (std::vector<std::string>{"birth", "death", "id_completed"})) << t.dump();
  EXPECT_EQ(t["events"][0]["household_no"], "LX-T00014");
  EXPECT_EQ(t["events"][0]["date"], "2023-04-10");
  EXPECT_EQ(t["memberships"].size(), 3u);
  json pt = Get(s, "/api/v1/persons/" + std::to_string(spouse) + "/timeline");
  ASSERT_EQ(pt["memberships"].size(), 1u);
  EXPECT_EQ(pt["memberships"][0]["until"], "2024-01-02");
  EXPECT_EQ(pt["memberships"][0]["household_no"], "LX-T00014");

  // Outside the grid worker's scope: 404 for reads and writes.
  const Session& grid = As("demo_grid");
  ExpectEnvelope(Get(grid, hpath + "/timeline", 404), "not_found");
  Get(grid, "/api/v1/persons/" + std::to_string(spouse) + "/timeline", 404);
  auto gw = c.Post("/api/v1/persons/" + std::to_string(baby) + "/events", H(&grid),
                   json{{"kind", "moved_away"}, {"date", "2024-01-05"}}.dump(), "application/json");
  ASSERT_TRUE(gw);
  EXPECT_EQ(gw->status, 404);

  // Voiding the death reopens the spouse's membership; voiding it twice is 409.
  const int64_t death_event = json::parse(died->body)["event_id"];
  const std::string vpath = "/api/v1/register-events/" + std::to_string(death_event) + "/void";
  auto v = c.Post(vpath, H(&s), json{{"reason", "误录"}}.dump(), "application/json");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->status, 200) << v->body;
  EXPECT_EQ(Get(s, hpath)["members"].size(), 3u);
  auto v2 = c.Post(vpath, H(&s), json{{"reason", "误录"}}.dump(), "application/json");
  ASSERT_TRUE(v2);
  EXPECT_EQ(v2->status, 409);

  // Clean up for the report tests that follow: every record ended as entered in error (never
  // counted as of any day), the head last, then the household.
  for (int64_t p : {baby, spouse, head}) {
    const std::string pp = "/api/v1/persons/" + std::to_string(p);
    const std::string version = "\"" + std::to_string(Get(s, pp)["version"].get<int64_t>()) + "\"";
    auto d = c.Delete(pp + "?reason=test-cleanup", H(&s, true, version));
    ASSERT_TRUE(d);
    EXPECT_EQ(d->status, 204) << pp << " " << d->body;
  }
  auto dh = c.Delete(hpath + "?reason=test-cleanup", H(&s, true, "\"" + std::to_string(Get(s, hpath)["version"].get<int64_t>()) + "\""));
  ASSERT_TRUE(dh);
  EXPECT_EQ(dh->status, 204) << dh->body;
}

// ---- defects of the living register found by the fresh-clone testers (session 7, fix-lr) ----

// Defect 6: a birth recorded after the household page was read bumps the household's version,
// so a change of head sent with the page's old ETag is refused (409, field version).
TEST_F(Api, APersonEventBumpsTheHouseholdVersionSoAStaleHeadChangeIs409) {
  const Session& s = As("demo_staff");
  auto c = Client();
  const int64_t hh = NewTestHousehold("LX-T00061", "14112419850101051", "14112419870202062");
  ASSERT_NE(hh, 0);
  const std::string hpath = "/api/v1/households/" + std::to_string(hh);
  auto read = c.Get(hpath, H(&s, false));
  ASSERT_TRUE(read);
  const std::string etag = read->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  json page = json::parse(read->body);
  const int64_t head = page["members"][0]["id"], spouse = page["members"][1]["id"];
  json birth = {{"kind", "birth"}, {"reason", "出生医学证明"},
                {"person", {{"name", "测试新生儿"}, {"sex", "male"}, {"birth_date", "2023-09-01"}, {"relationship", "child"}}}};
  auto b = c.Post(hpath + "/members", H(&s), birth.dump(), "application/json");
  ASSERT_TRUE(b);
  ASSERT_EQ(b->status, 201) << b->body;
  const int64_t baby = json::parse(b->body)["person_id"];
  auto now = c.Get(hpath, H(&s, false));
  ASSERT_TRUE(now);
  EXPECT_NE(now->get_header_value("ETag"), etag) << "the birth did not change the household's version";
  json change = {{"new_head_id", spouse},
                 {"relationships", {{std::to_string(head), "spouse"}, {std::to_string(baby), "child"}}},
                 {"date", "2024-01-10"}, {"reason", "测试"}};
  auto stale = c.Post(hpath + "/head", H(&s, true, etag), change.dump(), "application/json");
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 409) << stale->body;
  if (stale->status == 409) {
    EXPECT_EQ(json::parse(stale->body)["error"]["field"], "version");
  }
  EXPECT_EQ(Get(s, "/api/v1/persons/" + std::to_string(head))["relationship"], "head");
  auto fresh = c.Post(hpath + "/head", H(&s, true, now->get_header_value("ETag")), change.dump(), "application/json");
  ASSERT_TRUE(fresh);
  EXPECT_EQ(fresh->status, 201) << fresh->body;
  EndTestHousehold(hh);
}

// Defect 4c: a grid worker's split, merge, placement or head change with an empty body on a
// household outside the grid is 404 (the scope), not 422 (the body).
TEST_F(Api, EmptyChangeOnAHouseholdOutsideTheGridIs404NotTheBodysFaults) {
  const Session& grid = As("demo_grid");
  auto c = Client();
  const int64_t hh = NewTestHousehold("LX-T00062", "14112419850303071", "");
  ASSERT_NE(hh, 0);
  Get(grid, "/api/v1/households/" + std::to_string(hh), 404);
  for (const char* what : {"split", "merge", "placement", "head", "members"}) {
    auto r = c.Post(fmt::format("/api/v1/households/{}/{}", hh, what), H(&grid), "{}", "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404) << what << ": " << r->body;
  }
  json page = Get(As("demo_staff"), "/api/v1/households/" + std::to_string(hh));
  auto m = c.Post(fmt::format("/api/v1/persons/{}/move", page["members"][0]["id"].get<int64_t>()), H(&grid), "{}",
                  "application/json");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->status, 404) << m->body;
  EndTestHousehold(hh);
}

// Defect 1: the persons list as of a day names each person's household of that day by its
// number, also a household that has ended since (the page showed "户 #281").
TEST_F(Api, PersonsListAsOfADayNamesTheHouseholdOfThatDayEvenWhenItEndedSince) {
  const Session& s = As("demo_staff");
  auto c = Client();
  const int64_t hh = NewTestHousehold("LX-T00063", "14112419850404081", "");
  ASSERT_NE(hh, 0);
  json page = Get(s, "/api/v1/households/" + std::to_string(hh));
  const int64_t head = page["members"][0]["id"];
  auto died = c.Post("/api/v1/persons/" + std::to_string(head) + "/events", H(&s),
                     json{{"kind", "death"}, {"date", "2023-06-01"}, {"reason", "测试"}}.dump(), "application/json");
  ASSERT_TRUE(died);
  ASSERT_EQ(died->status, 201) << died->body;
  const std::string id17 = "14112419850404081";
  json list = Get(s, "/api/v1/persons?as_of=2023-03-01&q=" + id17 + ResidentIdCheckChar(id17));
  ASSERT_EQ(list["items"].size(), 1u) << list.dump();
  EXPECT_EQ(list["items"][0]["household_id"], hh);
  EXPECT_EQ(list["items"][0].value("household_no", ""), "LX-T00063") << list["items"][0].dump();
  // Current lists too (every item of a page carries its household's number).
  json current = Get(s, "/api/v1/persons?limit=3");
  for (const auto& p : current["items"])
    EXPECT_EQ(p.value("household_no", ""),
              Get(s, "/api/v1/households/" + std::to_string(p["household_id"].get<int64_t>()))["household_no"]);
  // Clean up: the death voided, then everything ended as entered in error.
  const int64_t event = json::parse(died->body)["event_id"];
  auto v = c.Post("/api/v1/register-events/" + std::to_string(event) + "/void", H(&s), json{{"reason", "test-cleanup"}}.dump(),
                  "application/json");
  ASSERT_TRUE(v);
  ASSERT_EQ(v->status, 200) << v->body;
  EndTestHousehold(hh);
}

// Defect 4a: a new member whose event date and birth date are both after today gets every
// fault at once (the date's and the person's), not only the first one met.
TEST_F(Api, NewMemberWithTheDateAndTheBirthDateInTheFutureGetsBothFaults) {
  const Session& s = As("demo_staff");
  auto c = Client();
  const int64_t hh = NewTestHousehold("LX-T00064", "14112419850505091", "");
  ASSERT_NE(hh, 0);
  const std::string path = "/api/v1/households/" + std::to_string(hh) + "/members";
  const std::string future = fmt::format("{}", static_cast<int>(TodayInChina().year()) + 1);
  const std::string id17 = "141124" + future + "0101061";
  json moved = {{"kind", "moved_in"}, {"date", future + "-02-01"}, {"reason", "测试"},
                {"person", {{"name", "测试未来"}, {"resident_id", id17 + ResidentIdCheckChar(id17)}, {"relationship", "child"}}}};
  auto r = c.Post(path, H(&s), moved.dump(), "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422) << r->body;
  std::set<std::string> fields = DetailFields(json::parse(r->body));
  EXPECT_TRUE(fields.contains("date")) << r->body;
  EXPECT_TRUE(fields.contains("person.resident_id")) << r->body;
  // A newborn (id pending) born after today: the birth date and the event date.
  json birth = {{"kind", "birth"}, {"date", future + "-02-01"}, {"reason", "测试"},
                {"person", {{"name", "测试未来"}, {"sex", "female"}, {"birth_date", future + "-02-01"}, {"relationship", "child"}}}};
  auto b = c.Post(path, H(&s), birth.dump(), "application/json");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->status, 422) << b->body;
  fields = DetailFields(json::parse(b->body));
  EXPECT_TRUE(fields.contains("date")) << b->body;
  EXPECT_TRUE(fields.contains("person.birth_date")) << b->body;
  EndTestHousehold(hh);
}

TEST_F(Api, AuditorCannotWrite) {
  const Session& a = As("demo_auditor");
  json p = SomePerson();
  auto c = Client();
  auto r = c.Patch("/api/v1/persons/" + std::to_string(p["id"].get<int64_t>()),
                   H(&a, true, "\"" + std::to_string(p["version"].get<int64_t>()) + "\""),
                   json{{"phone", "13900000000"}}.dump(), "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  ExpectEnvelope(json::parse(r->body), "permission_denied");
}

// ---- persons ---------------------------------------------------------------------------------

TEST_F(Api, PersonEditNeedsCsrfAndIsAudited) {
  const Session& s = As("demo_staff");
  // age_min=1: not a newborn of the demo's events, whose id is still to be filled.
  json p = SomePerson("&sort=-id&age_min=1");
  int64_t id = p["id"];
  std::string path = "/api/v1/persons/" + std::to_string(id);
  std::string etag = "\"" + std::to_string(p["version"].get<int64_t>()) + "\"";
  std::string old_phone = p["phone"].is_string() ? p["phone"].get<std::string>() : "";
  EXPECT_EQ(old_phone.find('*'), std::string::npos);  // whole on the detail
  auto c = Client();

  // CSRF missing, then wrong: 403 and nothing changed.
  auto none = c.Patch(path, H(&s, false, etag), json{{"phone", "13912345678"}}.dump(),
                      "application/json");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 403);
  ExpectEnvelope(json::parse(none->body), "permission_denied");
  httplib::Headers wrong = H(&s, false, etag);
  wrong.emplace("X-CSRF-Token", std::string(43, 'A'));
  auto bad = c.Patch(path, wrong, json{{"phone", "13912345678"}}.dump(), "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 403);
  json unchanged = Get(s, path + "?full=true");
  EXPECT_EQ(unchanged["version"], p["version"]);
  EXPECT_EQ(unchanged["phone"], p["phone"]);

  // 422 listing each bad field, nothing changed.
  auto invalid = c.Patch(path, H(&s, true, etag),
                         json{{"resident_id", "141124199003077031"}, {"phone", "12ab"},
                              {"sex", "x"}}.dump(),
                         "application/json");
  ASSERT_TRUE(invalid);
  EXPECT_EQ(invalid->status, 422) << invalid->body;
  json ie = json::parse(invalid->body);
  std::set<std::string> fields = DetailFields(ie);
  EXPECT_TRUE(fields.contains("sex")) << ie.dump();
  EXPECT_TRUE(fields.contains("resident_id")) << ie.dump();
  // Faults only the service's rules find (phone digits, disability grade without disability).
  auto rules = c.Patch(path, H(&s, true, etag),
                       json{{"phone", "12ab"}, {"health", "healthy"}, {"disability_grade", 2}}.dump(),
                       "application/json");
  ASSERT_TRUE(rules);
  EXPECT_EQ(rules->status, 422) << rules->body;
  json re = json::parse(rules->body);
  EXPECT_TRUE(DetailFields(re).contains("phone")) << re.dump();
  EXPECT_EQ(Get(s, path + "?full=true")["version"], p["version"]);

  // The edit itself.
  auto ok = c.Patch(path, H(&s, true, etag), json{{"phone", "13912345678"}}.dump(),
                    "application/json");
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->status, 200) << ok->body;
  EXPECT_EQ(json::parse(ok->body)["phone"], "13912345678");
  auto stale = c.Patch(path, H(&s, true, etag), json{{"phone", "13700000000"}}.dump(),
                       "application/json");
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 409);
  EXPECT_EQ(Get(s, path + "?full=true")["phone"], "13912345678");

  // The audit trail shows it (masked), to the auditor; not to county staff.
  json audit = Get(As("demo_auditor"), "/api/v1/audit?entity=person&entity_id=" + std::to_string(id));
  bool found = false;
  for (const auto& e : audit["items"]) {
    if (e["action"] == "update" && e["changes"].contains("phone")) {
      found = true;
      EXPECT_EQ(e["username"], "demo_staff");
      EXPECT_EQ(e["changes"]["phone"]["to"], "139****5678");
    }
  }
  EXPECT_TRUE(found) << audit.dump();
  ExpectEnvelope(Get(s, "/api/v1/audit", 403), "permission_denied");
}

TEST_F(Api, PinyinInitialsFindAPersonAndListsMaskIds) {
  const Session& s = As("demo_staff");
  auto c = Client();
  // A household for the test person 张海明 (fictitious), so the expected hit is known.
  json sites = Get(s, "/api/v1/sites");
  int64_t site_id = sites["items"][1]["id"];
  json any = Get(s, "/api/v1/households?limit=1&site_id=" + std::to_string(site_id));
  int64_t hh = any["items"][0]["id"];
  json body = {{"household_id", hh}, {"resident_id", "141124200101014511"}, {"name", "张海明"},
               {"relationship", "child"}, {"phone", "13612345678"}};
  auto r = c.Post("/api/v1/persons", H(&s), body.dump(), "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 201) << r->body;
  json created = json::parse(r->body);
  int64_t id = created["id"];
  EXPECT_EQ(created["name_initials"], "zhm");

  json hits = Get(s, "/api/v1/persons?q=zhm&limit=500");
  bool found = false;
  for (const auto& p : hits["items"]) {
    EXPECT_EQ(p["name_initials"], "zhm");
    if (p["id"] == id) {
      found = true;
      EXPECT_EQ(p["resident_id"], "141124********4511");
      EXPECT_EQ(p["phone"], "136****5678");
    }
  }
  EXPECT_TRUE(found);
  // By the id's last four characters and by name prefix.
  bool by_tail = false;
  json tail_hits = Get(s, "/api/v1/persons?q=4511&limit=500");
  for (const auto& p : tail_hits["items"]) by_tail |= p["id"] == id;
  EXPECT_TRUE(by_tail);
  bool by_name = false;
  json name_hits = Get(s, "/api/v1/persons?q=%E5%BC%A0%E6%B5%B7&limit=500");  // 张海
  for (const auto& p : name_hits["items"]) by_name |= p["id"] == id;
  EXPECT_TRUE(by_name);

  // Same resident id again: 409; then clean up.
  auto dup = c.Post("/api/v1/persons", H(&s), body.dump(), "application/json");
  ASSERT_TRUE(dup);
  EXPECT_EQ(dup->status, 409) << dup->body;
  auto del = c.Delete("/api/v1/persons/" + std::to_string(id) + "?reason=test-cleanup", H(&s, true, "\"1\""));
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 204) << del->body;
}

TEST_F(Api, PersonFiltersAgeAndEmployment) {
  const Session& s = As("demo_staff");
  json page = Get(s, "/api/v1/persons?limit=200&age_min=18&age_max=60&employment=employed");
  ASSERT_FALSE(page["items"].empty());
  for (const auto& p : page["items"]) {
    EXPECT_GE(p["age"].get<int>(), 18);
    EXPECT_LE(p["age"].get<int>(), 60);
    EXPECT_EQ(p["employed"], true);
  }
  json bad = Get(s, "/api/v1/persons?age_min=70&age_max=20&able_to_work=maybe", 422);
  EXPECT_EQ(DetailFields(bad), (std::set<std::string>{"age_min", "able_to_work"}));
}

// ---- sites, housing, report, exports ---------------------------------------------------------

TEST_F(Api, SitesCarryTheirFiguresAndSizeClasses) {
  const Session& s = As("demo_staff");
  json sites = Get(s, "/api/v1/sites");
  ASSERT_EQ(sites["items"].size(), 18u);  // the article's 18 sites
  int64_t persons = 0;
  std::map<std::string, int> classes;
  for (const auto& x : sites["items"]) {
    persons += x["persons"].get<int64_t>();
    classes[x["size_class"]]++;
  }
  // The sites list counts current members: linxian-figures.md's 40,004 of 2022-09-30, less two
  // deaths and a departure, plus two births after it (the demo's events).
  EXPECT_EQ(persons, 40003);
  EXPECT_EQ(classes["3000_plus"], 2);
  EXPECT_EQ(classes["800_2999"], 9);
  EXPECT_EQ(classes["under_800"], 7);
  int64_t id = sites["items"][0]["id"];
  json one = Get(s, "/api/v1/sites/" + std::to_string(id));
  EXPECT_EQ(one["name"], sites["items"][0]["name"]);
  EXPECT_TRUE(one["grids"].is_array());
  EXPECT_TRUE(one["parks"].is_array());
  Get(s, "/api/v1/sites/99999", 404);
  // The site manager sees one site only.
  json mine = Get(As("demo_site"), "/api/v1/sites");
  EXPECT_EQ(mine["items"].size(), 1u);
}

TEST_F(Api, HousingUnitsPage) {
  const Session& s = As("demo_staff");
  json sites = Get(s, "/api/v1/sites");
  int64_t id = sites["items"][0]["id"];
  json page = Get(s, "/api/v1/housing-units?limit=5&site_id=" + std::to_string(id));
  ASSERT_FALSE(page["items"].empty());
  for (const auto& u : page["items"]) {
    EXPECT_EQ(u["site_id"], id);
    EXPECT_GT(u["floor_area_m2"].get<double>(), 0);
  }
  if (!page["next_cursor"].is_null()) {
    json next = Get(s, "/api/v1/housing-units?limit=5&site_id=" + std::to_string(id) +
                           "&cursor=" + page["next_cursor"].get<std::string>());
    EXPECT_GT(next["items"][0]["id"].get<int64_t>(), page["items"][4]["id"].get<int64_t>());
  }
}

std::vector<std::string> SqlColumn(const std::string& sql);  // below

TEST_F(Api, HousingUnitsOutsideCountyScopeNeedASiteInScope) {
  const Session& site = As("demo_site");
  int64_t mine = site.body["scope"]["site_id"];
  json page = Get(site, "/api/v1/housing-units?limit=3&site_id=" + std::to_string(mine));
  ASSERT_FALSE(page["items"].empty());
  for (const auto& u : page["items"]) EXPECT_EQ(u["site_id"], mine);
  // Another site, or none: 422 naming site_id (SitesService), never the other site's units.
  int64_t other = mine == 1 ? 2 : 1;
  json e = Get(site, "/api/v1/housing-units?site_id=" + std::to_string(other), 422);
  ExpectEnvelope(e, "invalid_argument");
  EXPECT_EQ(e["error"]["field"], "site_id");
  EXPECT_EQ(e["error"]["value"], std::to_string(other));
  EXPECT_EQ(Get(site, "/api/v1/housing-units", 422)["error"]["field"], "site_id");
  // The site detail of another site is 404 for the site manager, 200 for county staff.
  ExpectEnvelope(Get(site, "/api/v1/sites/" + std::to_string(other), 404), "not_found");
  json d = Get(As("demo_staff"), "/api/v1/sites/" + std::to_string(other));
  EXPECT_EQ(d["id"], other);
  // Parks listed for a site are built for it or shared with it (independent SQL).
  std::set<int64_t> want;
  for (const auto& id : SqlColumn("SELECT id FROM parks WHERE site_id = " + std::to_string(other) +
                                  " UNION SELECT park_id FROM park_sites WHERE site_id = " +
                                  std::to_string(other))) {
    want.insert(std::stoll(id));
  }
  EXPECT_FALSE(want.empty());
  std::set<int64_t> got;
  for (const auto& p : d["parks"]) got.insert(p["id"].get<int64_t>());
  EXPECT_EQ(got, want);
}

TEST_F(Api, DivisionsAndOriginVillagesAreTheReferenceLists) {
  const Session& s = As("demo_grid");  // reference data: the same for every scope
  json townships = Get(s, "/api/v1/divisions?level=township&parent=141124");
  EXPECT_EQ(townships["items"].size(), 23u);  // reference/linxian_divisions.csv: 13 镇 + 10 乡
  EXPECT_EQ(townships["items"][0]["code"], "141124100");
  EXPECT_EQ(townships["items"][0]["name"], "临泉镇");
  // linxian-figures.md: 166 whole-village and 117 scattered origin villages.
  EXPECT_EQ(Get(s, "/api/v1/origin-villages?relocation_type=whole_village")["items"].size(), 166u);
  json scattered = Get(s, "/api/v1/origin-villages?relocation_type=scattered");
  EXPECT_EQ(scattered["items"].size(), 117u);
  EXPECT_FALSE(scattered["items"][0]["township_name"].get<std::string>().empty());
  json one = Get(s, "/api/v1/origin-villages?township=141124101");
  for (const auto& v : one["items"]) EXPECT_EQ(v["township_code"], "141124101");
  ExpectEnvelope(Get(s, "/api/v1/divisions?level=planet", 422), "invalid_argument");
  ExpectEnvelope(Get(s, "/api/v1/origin-villages?relocation_type=x", 422), "invalid_argument");
}

TEST_F(Api, ReportEqualsTheLibraryAndThePublishedFigures) {
  const Session& s = As("demo_staff");
  json got = Get(s, "/api/v1/report");
  auto db = storage::Database::Open(Env::Get().db, {.read_only = true, .create = false});
  ASSERT_TRUE(db);
  storage::SqliteReportRepository repo(**db);
  auto report = reports::BuildCountyReport(repo, {});
  ASSERT_TRUE(report) << report.error().ToString();
  json want = reports::ReportToJson(*report);
  // Other tests may have added and removed records; compare the published figures and then
  // the whole document from the same moment.
  EXPECT_EQ(got["households.total"], 13337);
  EXPECT_EQ(got["persons.total"], 40004);
  EXPECT_EQ(got["households.registered_poor"], 8444);
  EXPECT_EQ(got["persons.registered_poor"], 23495);
  EXPECT_EQ(got["persons.co_relocated"], 16509);
  EXPECT_EQ(got, want);
  json dated = Get(s, "/api/v1/report?as_of=2022-06-30");
  EXPECT_EQ(dated["as_of"], "2022-06-30");
  ExpectEnvelope(Get(s, "/api/v1/report?as_of=2022-13-01", 422), "invalid_argument");
}

// Drill-down (issue #13 item 4): every figure of GET /api/v1/figures leads to a list whose total
// equals the figure in the report of the same day (county-level user; a rate's numerator, a mu
// figure's area sum); a grid worker's household list stays within their grid.
TEST_F(Api, EveryFigureDrillsDownToRecordsWhoseTotalEqualsIt) {
  const Session& s = As("demo_staff");
  json meta = Get(s, "/api/v1/figures");
  ASSERT_EQ(meta["figures"].size(), 40u);  // the 24 key figures before issue #13, 9 of issue #16 jobs, 7 of ind-figs2
  ASSERT_EQ(meta["sections"][0]["id"], "population");
  // how_zh: plain Chinese for a clerk (found by the session-5 tester: the drill-down showed the
  // English `how` with table names): non-empty, with Chinese, without snake_case names.
  for (const auto& f : meta["figures"]) {
    const std::string how_zh = f.value("how_zh", "");
    const bool cjk = std::any_of(how_zh.begin(), how_zh.end(), [](char c) {
      return static_cast<unsigned char>(c) >= 0xE4 && static_cast<unsigned char>(c) <= 0xE9;
    });  // the lead byte of a CJK ideograph in UTF-8 (U+4E00–U+9FFF)
    EXPECT_TRUE(cjk) << f["key"] << ": '" << how_zh << "'";
    EXPECT_EQ(how_zh.find('_'), std::string::npos) << f["key"] << ": " << how_zh;
  }
  for (const std::string day : {"2022-09-30", "2020-03-31"}) {
    json report = Get(s, "/api/v1/report?as_of=" + day);
    for (const auto& f : meta["figures"]) {
      const std::string key = f["key"], list = f["records"]["list"], unit = f["unit"];
      json want;
      if (unit == "rate") want = report[key + ".numerator"];
      else if (key.starts_with("sites.by_size_class.")) want = report["sites.by_size_class"][key.substr(20)];
      else want = report[key].is_null() ? json(0) : report[key];
      json page = list == "households" || list == "persons"
                      ? Get(s, "/api/v1/" + list + "?limit=1&figure=" + key + "&as_of=" + day)
                      : Get(s, "/api/v1/figures/" + key + "/records?limit=1&as_of=" + day);
      json got = unit == "mu" ? (page.contains("sum_mu") ? page["sum_mu"] : json(0)) : page["total"];
      EXPECT_EQ(got, want) << key << " as of " << day;
    }
  }
  json wrong = Get(s, "/api/v1/households?figure=persons.total", 422);
  EXPECT_EQ(DetailFields(wrong), (std::set<std::string>{"figure"}));
  ExpectEnvelope(Get(s, "/api/v1/figures/no.such/records", 404), "not_found");
  json grid = Get(As("demo_grid"), "/api/v1/households?limit=1&figure=households.total");
  EXPECT_LT(grid["total"].get<int64_t>(), 13337);
}

// The same for users scoped below the county (found by the session-5 tester: demo_site's card
// said 1 site, its records list 18): their report is computed within the scope, and so is every
// drill-down, households/persons lists and the records of sites, villages, parks, land, communities.
TEST_F(Api, ScopedUsersFiguresDrillDownWithinTheirScope) {
  json meta = Get(As("demo_staff"), "/api/v1/figures");
  for (const char* role : {"demo_township", "demo_site", "demo_grid"}) {
    const Session& s = As(role);
    json report = Get(s, "/api/v1/report?as_of=2022-09-30");
    for (const auto& f : meta["figures"]) {
      const std::string key = f["key"], list = f["records"]["list"], unit = f["unit"];
      json want;
      if (unit == "rate") want = report[key + ".numerator"];
      else if (key.starts_with("sites.by_size_class.")) want = report["sites.by_size_class"][key.substr(20)];
      else want = report[key].is_null() ? json(0) : report[key];
      json page = list == "households" || list == "persons"
                      ? Get(s, "/api/v1/" + list + "?limit=1&figure=" + key + "&as_of=2022-09-30")
                      : Get(s, "/api/v1/figures/" + key + "/records?limit=1&as_of=2022-09-30");
      json got = unit == "mu" ? (page.contains("sum_mu") ? page["sum_mu"] : json(0)) : page["total"];
      EXPECT_EQ(got, want) << role << " " << key;
    }
  }
}

// The report is computed within the actor's scope (issue #13 item 5; county roles see the
// published figures above): a township, site or grid user's totals are those of the records
// their lists show, labelled with the scope. The data-quality examples name households, so a
// user scoped below the county sees only their counts (found by a tester: demo_grid saw
// examples of households outside its grid).
TEST_F(Api, ReportIsComputedWithinTheScope) {
  json county = Get(As("demo_staff"), "/api/v1/report");
  EXPECT_EQ(county["scope"], "county");
  const auto& q = county["data_quality"]["housing_over_25m2_per_person"];
  ASSERT_GT(q["count"].get<int64_t>(), 0);  // the demo has some oversized units
  EXPECT_FALSE(q["examples"].empty());
  for (const char* role : {"demo_township", "demo_site", "demo_grid"}) {
    SCOPED_TRACE(role);
    const Session& s = As(role);
    json report = Get(s, "/api/v1/report");
    // The report's day (the statistics date): the lists as of it.
    json households = Get(s, "/api/v1/households?limit=1&as_of=2022-09-30");
    json persons = Get(s, "/api/v1/persons?limit=1&as_of=2022-09-30");
    EXPECT_EQ(report["households.total"], households["total"]);
    EXPECT_EQ(report["persons.total"], persons["total"]);
    EXPECT_LT(report["households.total"].get<int64_t>(), county["households.total"].get<int64_t>());
    EXPECT_NE(report["scope"], "county");
    const auto& g = report["data_quality"]["housing_over_25m2_per_person"];
    EXPECT_LE(g["count"].get<int64_t>(), q["count"].get<int64_t>());
    EXPECT_TRUE(g["examples"].empty());
    EXPECT_TRUE(g["examples_zh"].empty());
  }
}

TEST_F(Api, ReportFollowsEveryChangeDespiteTheCache) {
  const Session& s = As("demo_staff");
  auto c = Client();
  int64_t before = Get(s, "/api/v1/report")["persons.total"];
  EXPECT_EQ(Get(s, "/api/v1/report")["persons.total"], before);  // served again (cached)
  json any = Get(s, "/api/v1/households?limit=1&sort=move_in_date");
  int64_t hh = any["items"][0]["id"];
  json body = {{"household_id", hh}, {"resident_id", "141124201001010016"}, {"name", "测试新生"},
               {"relationship", "grandchild"}};
  auto r = c.Post("/api/v1/persons", H(&s), body.dump(), "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 201) << r->body;
  int64_t id = json::parse(r->body)["id"];
  EXPECT_EQ(Get(s, "/api/v1/report")["persons.total"], before + 1);
  auto d = c.Delete("/api/v1/persons/" + std::to_string(id) + "?reason=test-cleanup", H(&s, true, "\"1\""));
  ASSERT_TRUE(d);
  EXPECT_EQ(d->status, 204);
  EXPECT_EQ(Get(s, "/api/v1/report")["persons.total"], before);
}

TEST_F(Api, ExportsAreXlsxWorkbooks) {
  const Session& s = As("demo_site");
  auto c = Client();
  auto r = c.Get("/api/v1/households.xlsx?category=registered_poor", H(&s, false));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body.substr(0, 300);
  EXPECT_EQ(r->get_header_value("Content-Type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_TRUE(r->body.starts_with("PK"));
  EXPECT_NE(r->get_header_value("Content-Disposition").find("households.xlsx"), std::string::npos);
  auto p = c.Get("/api/v1/persons.xlsx?age_min=18&age_max=60", H(&s, false));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->status, 200);
  EXPECT_TRUE(p->body.starts_with("PK"));
  auto bad = c.Get("/api/v1/persons.xlsx?sex=x", H(&s, false));
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
}

// ---- exports: privilege, scope, text cells, audit ------------------------------------------

// The data rows of the first sheet of an xlsx (below the header row), read back with the
// importer's xlsx reader: each cell as stored (type and text). The web exports are the persons
// export of `anju export persons` (importer/export.cc): columns 0 户编号, 1 姓名, 2 公民身份号码,
// 7 联系电话, 11 安置点.
std::vector<std::vector<importer::Cell>> XlsxRows(const std::string& bytes) {
  std::vector<std::vector<importer::Cell>> rows;
  auto wb = importer::OpenXlsx(importer::InputFile::FromBytes(bytes, "export.xlsx"));
  EXPECT_TRUE(wb) << (wb ? "" : wb.error().ToString());
  if (!wb) return rows;
  auto st = (*wb)->ReadRows(0, [&](const importer::Row& r) -> Status {
    if (r.number > 1) rows.push_back(r.cells);
    return {};
  });
  EXPECT_TRUE(st);
  return rows;
}

// One column of an independent SQL query on a read-only connection to the test database.
std::vector<std::string> SqlColumn(const std::string& sql) {
  std::vector<std::string> out;
  auto db = storage::Database::Open(Env::Get().db, {.read_only = true, .create = false});
  EXPECT_TRUE(db);
  if (!db) return out;
  auto st = (*db)->Prepare(sql);
  EXPECT_TRUE(st) << sql;
  if (!st) return out;
  while (true) {
    auto row = st->Step();
    if (!row || !*row) break;
    out.push_back(st->ColumnText(0));
  }
  return out;
}

// The one number `sql` selects.
int64_t SqlCount(const std::string& sql) {
  auto v = SqlColumn(sql);
  EXPECT_EQ(v.size(), 1u) << sql;
  return v.empty() ? -1 : std::stoll(v[0]);
}

TEST_F(Api, CountyStaffExportHasWholeIdsAsTextCellsAndIsAudited) {
  const Session& s = As("demo_staff");
  auto c = Client();
  auto r = c.Get("/api/v1/households.xlsx?category=registered_poor", H(&s, false));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body.substr(0, 300);
  auto rows = XlsxRows(r->body);
  // Independently: the current members (member_until IS NULL) of the current registered-poor
  // households (ended_on IS NULL), by SQL (the roster: household order, head first). Former
  // members are not in the roster (docs/living-register.md: a roster imported back must not
  // add again the persons who left).
  auto want = SqlColumn(
      "SELECT p.resident_id FROM households h JOIN persons p ON p.household_id = h.id "
      "WHERE h.category = 'registered_poor' AND h.ended_on IS NULL AND p.member_until IS NULL "
      "ORDER BY h.household_no, p.relationship <> 'head', p.id");
  const int64_t current_households =
      SqlCount("SELECT count(*) FROM households WHERE category = 'registered_poor' AND ended_on IS NULL");
  // linxian-figures.md: 8,444 registered-poor households on 2022-09-30 (the list as of that day;
  // the demo has events after it, so today's count differs).
  EXPECT_EQ(Get(s, "/api/v1/households?limit=1&category=registered_poor&as_of=2022-09-30")["total"], 8444);
  ASSERT_EQ(rows.size(), want.size());
  std::vector<std::string> got;
  std::set<std::string> households;
  for (const auto& row : rows) {
    ASSERT_GT(row.size(), 2u);
    EXPECT_EQ(row[2].type, importer::Cell::Type::kText) << "ids must be text cells";
    got.push_back(row[2].text);
    households.insert(row[0].text);
  }
  EXPECT_EQ(got, want);  // whole ids, in household order
  EXPECT_EQ(static_cast<int64_t>(households.size()), current_households);
  EXPECT_EQ(got[0].size(), 18u);
  EXPECT_EQ(got[0].find('*'), std::string::npos);

  // Persons: whole ids and phones, text cells, the list's filter applied.
  auto p = c.Get("/api/v1/persons.xlsx?household_id=" +
                     SqlColumn("SELECT id FROM households ORDER BY id LIMIT 1")[0],
                 H(&s, false));
  ASSERT_TRUE(p);
  ASSERT_EQ(p->status, 200);
  auto prow = XlsxRows(p->body);
  auto pwant = SqlColumn(
      "SELECT resident_id || '|' || coalesce(phone, '') FROM persons WHERE household_id = "
      "(SELECT id FROM households ORDER BY id LIMIT 1) AND member_until IS NULL ORDER BY relationship <> 'head', id");
  ASSERT_EQ(prow.size(), pwant.size());
  for (size_t i = 0; i < prow.size(); ++i) {
    EXPECT_EQ(prow[i][2].type, importer::Cell::Type::kText);
    std::string phone = prow[i].size() > 7 ? prow[i][7].text : "";
    if (!phone.empty()) {
      EXPECT_EQ(prow[i][7].type, importer::Cell::Type::kText);
    }
    EXPECT_EQ(prow[i][2].text + "|" + phone, pwant[i]);
  }

  // The audit trail has both exports with their filters and row counts.
  json audit = Get(As("demo_auditor"), "/api/v1/audit?action=export&username=demo_staff&limit=2");
  ASSERT_EQ(audit["items"].size(), 2u) << audit.dump();
  json hh = audit["items"][1];  // newest first: the persons export, then this one
  EXPECT_EQ(hh["entity"], "household");
  EXPECT_EQ(hh["role"], "county_staff");
  EXPECT_EQ(hh["changes"]["rows"], current_households);
  EXPECT_EQ(hh["changes"]["ids"], "whole");
  EXPECT_EQ(hh["changes"]["filters"], (json{{"category", "registered_poor"}}));
  EXPECT_EQ(hh["source"], "GET /api/v1/households.xlsx");
  json pe = audit["items"][0];
  EXPECT_EQ(pe["entity"], "person");
  EXPECT_EQ(pe["changes"]["rows"], static_cast<int64_t>(pwant.size()));
}

TEST_F(Api, SiteManagerExportIsMaskedAndOnlyTheirSite) {
  const Session& s = As("demo_site");
  int64_t site_id = s.body["scope"]["site_id"];
  std::string site_name =
      SqlColumn("SELECT name FROM sites WHERE id = " + std::to_string(site_id))[0];
  auto c = Client();
  auto r = c.Get("/api/v1/households.xlsx", H(&s, false));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body.substr(0, 300);
  auto rows = XlsxRows(r->body);
  auto want = SqlColumn(
      "SELECT p.resident_id FROM households h JOIN persons p ON p.household_id = h.id "
      "WHERE h.site_id = " + std::to_string(site_id) + " AND h.ended_on IS NULL AND p.member_until IS NULL"
      " ORDER BY h.household_no, p.relationship <> 'head', p.id");
  int64_t households = std::stoll(SqlColumn("SELECT count(*) FROM households WHERE site_id = " +
                                            std::to_string(site_id) + " AND ended_on IS NULL")[0]);
  ASSERT_FALSE(want.empty());
  ASSERT_EQ(rows.size(), want.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i][11].text, site_name);
    EXPECT_EQ(rows[i][2].text, MaskResidentId(want[i]));
    EXPECT_NE(rows[i][2].text.find("********"), std::string::npos);
  }
  // Persons of the whole county asked for: only their site's, ids and phones masked.
  auto p = c.Get("/api/v1/persons.xlsx?sex=female", H(&s, false));
  ASSERT_TRUE(p);
  ASSERT_EQ(p->status, 200);
  auto prow = XlsxRows(p->body);
  auto pwant = SqlColumn(
      "SELECT p.resident_id FROM persons p JOIN households h ON h.id = p.household_id WHERE "
      "p.sex = 'female' AND h.site_id = " + std::to_string(site_id) +
      " AND h.ended_on IS NULL AND p.member_until IS NULL ORDER BY h.household_no, p.relationship <> 'head', p.id");
  ASSERT_EQ(prow.size(), pwant.size());
  for (size_t i = 0; i < prow.size(); ++i) {
    EXPECT_EQ(prow[i][2].text, MaskResidentId(pwant[i]));
    if (prow[i].size() > 7 && !prow[i][7].text.empty()) {
      EXPECT_NE(prow[i][7].text.find("****"), std::string::npos);
    }
  }
  json audit = Get(As("demo_auditor"), "/api/v1/audit?action=export&username=demo_site&limit=2");
  ASSERT_EQ(audit["items"].size(), 2u) << audit.dump();
  EXPECT_EQ(audit["items"][1]["changes"]["rows"], households);
  EXPECT_EQ(audit["items"][1]["changes"]["ids"], "masked");
  EXPECT_EQ(audit["items"][1]["changes"]["filters"], json::object());
  EXPECT_EQ(audit["items"][0]["changes"]["rows"], static_cast<int64_t>(pwant.size()));
  EXPECT_EQ(audit["items"][0]["changes"]["filters"], (json{{"sex", "female"}}));
}

// ---- exports import back: download, change a cell, upload, preview, confirm (issue #12, 9) ----

// The xlsx `bytes` with the text `from` replaced by `to` in the first sheet's XML, the rest of
// the workbook as it was: a clerk opening the export, changing one cell and saving it.
std::string ReplaceInFirstSheet(const std::string& bytes, const std::string& from, const std::string& to) {
  fs::path f = Env::Get().dir / "edited.xlsx";
  { std::ofstream(f, std::ios::binary) << bytes; }
  int err = 0;
  zip_t* z = zip_open(f.c_str(), 0, &err);
  EXPECT_TRUE(z) << "zip_open " << err;
  if (!z) return "";
  const char* name = "xl/worksheets/sheet1.xml";
  zip_stat_t st;
  zip_stat_init(&st);
  EXPECT_EQ(zip_stat(z, name, 0, &st), 0);
  std::string xml(st.size, '\0');
  zip_file_t* zf = zip_fopen(z, name, 0);
  EXPECT_TRUE(zf);
  EXPECT_EQ(zip_fread(zf, xml.data(), st.size), static_cast<zip_int64_t>(st.size));
  zip_fclose(zf);
  size_t at = xml.find(from);
  EXPECT_NE(at, std::string::npos) << from << " not in the sheet";
  EXPECT_EQ(xml.find(from, at + 1), std::string::npos) << from << " more than once in the sheet";
  if (at != std::string::npos) xml.replace(at, from.size(), to);
  auto* copy = static_cast<char*>(std::malloc(xml.size()));
  std::memcpy(copy, xml.data(), xml.size());
  zip_source_t* src = zip_source_buffer(z, copy, xml.size(), 1);
  EXPECT_GE(zip_file_add(z, name, src, ZIP_FL_OVERWRITE), 0);
  EXPECT_EQ(zip_close(z), 0);
  std::ifstream in(f, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// POSTs a spreadsheet to the web import (preview or confirm), as the browser's import page does.
json Upload(const Session& s, const std::string& path, const std::string& bytes, const std::string& file_name,
            int want) {
  httplib::Client c("127.0.0.1", Env::Get().server->port());
  c.set_read_timeout(60, 0);
  httplib::Headers h{{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}, {"X-File-Name", file_name}};
  auto r = c.Post(path, h, bytes, "application/octet-stream");
  EXPECT_TRUE(r);
  if (!r) return json();
  EXPECT_EQ(r->status, want) << path << " -> " << r->body.substr(0, 1500);
  return json::parse(r->body, nullptr, false);
}

// Regression (issue #12, item 9): the web persons export had 11 columns of its own, a second
// header row of English keys and no 户编号 or 安置点, so the importer refused it. Now the
// county_admin downloads a household's persons, changes one phone, uploads the file through the
// web import: the preview has no fault, the confirm writes that one change. As county_staff
// (whole ids, as county_admin; demo_admin is throttled by an earlier test here, and the browser
// test makes the round trip as demo_admin).
TEST_F(Api, WebPersonsExportChangedInOneCellImportsBack) {
  const Session& s = As("demo_staff");
  // A household with at least two current members, one of them with a phone (by SQL,
  // independently); the list and its export show current members (member_until IS NULL).
  auto pick = SqlColumn(
      "SELECT p.household_id || '|' || p.id || '|' || p.phone FROM persons p WHERE p.phone LIKE '1__________' "
      "AND p.member_until IS NULL AND (SELECT count(*) FROM persons q WHERE q.household_id = p.household_id "
      "AND q.member_until IS NULL) >= 2 ORDER BY p.id LIMIT 1");
  ASSERT_EQ(pick.size(), 1u);
  std::string hid = pick[0].substr(0, pick[0].find('|'));
  std::string rest = pick[0].substr(hid.size() + 1);
  std::string pid = rest.substr(0, rest.find('|'));
  std::string old_phone = rest.substr(pid.size() + 1);
  int64_t members =
      std::stoll(SqlColumn("SELECT count(*) FROM persons WHERE member_until IS NULL AND household_id = " + hid)[0]);
  std::string new_phone = old_phone.substr(0, 3) + (old_phone.substr(3) == "00000000" ? "11111111" : "00000000");

  auto c = Client();
  auto r = c.Get("/api/v1/persons.xlsx?household_id=" + hid, H(&s, false));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body.substr(0, 300);
  std::string edited = ReplaceInFirstSheet(r->body, ">" + old_phone + "<", ">" + new_phone + "<");
  ASSERT_FALSE(edited.empty());

  json pv = Upload(s, "/api/v1/imports/preview?mode=upsert", edited, "persons.xlsx", 200);
  EXPECT_EQ(pv["faults"], json::array()) << pv["faults"].dump(1).substr(0, 3000);
  EXPECT_EQ(pv["counts"]["rows_read"], members);
  EXPECT_EQ(pv["counts"]["rows_valid"], members);
  EXPECT_EQ(pv["counts"]["persons_updated"], 1);
  EXPECT_EQ(pv["counts"]["persons_unchanged"], members - 1);
  EXPECT_EQ(pv["counts"]["persons_created"], 0);
  EXPECT_EQ(pv["counts"]["households_created"], 0);
  EXPECT_EQ(SqlColumn("SELECT phone FROM persons WHERE id = " + pid)[0], old_phone) << "the preview wrote";

  json done = Upload(s, "/api/v1/imports?mode=upsert", edited, "persons.xlsx", 201);
  EXPECT_EQ(done["committed"], true);
  EXPECT_EQ(done["counts"]["persons_updated"], 1);
  EXPECT_EQ(SqlColumn("SELECT phone FROM persons WHERE id = " + pid)[0], new_phone);
  EXPECT_EQ(Get(s, "/api/v1/persons/" + pid + "?full=true")["phone"], new_phone);
}

// The household list's export is the roster of the listed households (one row per member, the
// persons export's columns), so it imports back unchanged too; its audit entry counts households.
TEST_F(Api, WebHouseholdsExportIsARosterThatImportsBackUnchanged) {
  const Session& s = As("demo_staff");
  // A household no earlier test emptied or changed the membership of (those tests add and end
  // households: the 8th newest by id became one with no member left, an empty roster).
  std::string hno = SqlColumn(
      "SELECT household_no FROM households h WHERE h.ended_on IS NULL "
      "AND EXISTS (SELECT 1 FROM persons p WHERE p.household_id = h.id) "
      "AND NOT EXISTS (SELECT 1 FROM membership_history m WHERE m.household_id = h.id) "
      "ORDER BY h.id DESC LIMIT 1 OFFSET 7")[0];
  int64_t members = std::stoll(SqlColumn(
      "SELECT count(*) FROM persons p JOIN households h ON h.id = p.household_id WHERE h.household_no = '" + hno +
      "'")[0]);
  auto c = Client();
  auto r = c.Get("/api/v1/households.xlsx?q=" + hno, H(&s, false));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body.substr(0, 300);
  json pv = Upload(s, "/api/v1/imports/preview?mode=upsert", r->body, "households.xlsx", 200);
  EXPECT_EQ(pv["faults"], json::array()) << pv["faults"].dump(1).substr(0, 3000);
  EXPECT_EQ(pv["counts"]["rows_valid"], members);
  EXPECT_EQ(pv["counts"]["persons_unchanged"], members);
  EXPECT_EQ(pv["counts"]["households_unchanged"], 1);
  json audit = Get(As("demo_auditor"), "/api/v1/audit?action=export&username=demo_staff&limit=1");
  ASSERT_EQ(audit["items"].size(), 1u);
  EXPECT_EQ(audit["items"][0]["entity"], "household");
  EXPECT_EQ(audit["items"][0]["changes"]["rows"], 1);
  EXPECT_EQ(audit["items"][0]["changes"]["filters"], (json{{"q", hno}}));
}

// A masked export (a site manager's) cannot be imported back as it is: each masked id is a
// fault of its own cell saying so in both languages, and nothing is stored.
TEST_F(Api, MaskedExportIsRefusedCellByCellAndNothingStored) {
  const Session& s = As("demo_site");
  int64_t site_id = s.body["scope"]["site_id"];
  std::string hid = SqlColumn("SELECT id FROM households WHERE site_id = " + std::to_string(site_id) +
                              " ORDER BY id LIMIT 1")[0];
  // Every persons row of the household (former members too) stays as it was; the export lists
  // the current members.
  auto ids_before = SqlColumn("SELECT resident_id || phone || version FROM persons WHERE household_id = " + hid +
                              " ORDER BY id");
  const int64_t current = SqlCount("SELECT count(*) FROM persons WHERE member_until IS NULL AND household_id = " + hid);
  auto c = Client();
  auto r = c.Get("/api/v1/persons.xlsx?household_id=" + hid, H(&s, false));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  json pv = Upload(s, "/api/v1/imports/preview?mode=upsert", r->body, "persons.xlsx", 200);
  EXPECT_EQ(pv["counts"]["rows_valid"], 0);
  int masked_ids = 0;
  for (const auto& f : pv["faults"]) {
    if (f["field"] != "resident_id") continue;
    ++masked_ids;
    EXPECT_EQ(f["kind"], "resident_id");
    EXPECT_EQ(f["header"], "公民身份号码");
    EXPECT_NE(f["reason_zh"].get<std::string>().find("此身份证号已脱敏"), std::string::npos) << f.dump();
    EXPECT_NE(f["reason"].get<std::string>().find("this id is masked"), std::string::npos) << f.dump();
  }
  EXPECT_EQ(masked_ids, current) << pv["faults"].dump(1).substr(0, 3000);
  json done = Upload(s, "/api/v1/imports?mode=upsert", r->body, "persons.xlsx", 201);
  EXPECT_EQ(done["counts"]["rows_valid"], 0);
  EXPECT_EQ(done["counts"]["persons_updated"], 0);
  EXPECT_EQ(SqlColumn("SELECT resident_id || phone || version FROM persons WHERE household_id = " + hid +
                      " ORDER BY id"),
            ids_before);
}

// Every fault of the preview carries its fix in Chinese too (fix_zh), so the zh page shows no
// English: a roster with a wrong check digit, an unknown site, a date in words and a bad phone.
TEST_F(Api, ImportPreviewFixesAreInChineseToo) {
  const Session& s = As("demo_staff");
  std::string csv =
      "\xEF\xBB\xBF户编号,姓名,公民身份号码,与户主关系,人口类别,迁出村,安置点,入住日期,联系电话\r\n"
      "ZH-1,试甲,110105194912310020,户主,建档立卡,无此村,无此安置点,2020-13-01,12345\r\n";
  json pv = Upload(s, "/api/v1/imports/preview", csv, "zh.csv", 200);
  ASSERT_GE(pv["faults"].size(), 3u) << pv.dump(1);
  for (const auto& f : pv["faults"]) {
    std::string fix = f["fix"], zh = f.value("fix_zh", "");
    if (fix.empty()) continue;
    EXPECT_FALSE(zh.empty()) << "no Chinese fix for: " << fix;
    EXPECT_NE(zh, fix);
    bool cjk = false;
    for (size_t i = 0; i + 2 < zh.size(); ++i)
      if (static_cast<unsigned char>(zh[i]) >= 0xE4 && static_cast<unsigned char>(zh[i]) <= 0xE9) cjk = true;
    EXPECT_TRUE(cjk) << "fix_zh without Chinese: " << zh;
  }
}

// Issue #14 item 5: the upload recognises an events roster (变动名册) by its 变动类型 header and
// checks it row by row, all or nothing: an unknown household and a pending id for a death.
TEST_F(Api, ImportPreviewRecognisesAnEventsRoster) {
  const Session& s = As("demo_staff");
  std::string csv = "户编号,姓名,身份证号,变动类型,变动日期\r\n"
                    "NO-SUCH-1,试甲,110105194912310020,迁出,2026-01-05\r\n"
                    "NO-SUCH-1,试乙,待补录,死亡,2026-01-06\r\n";
  json pv = Upload(s, "/api/v1/imports/preview", csv, "变动名册.csv", 200);
  ASSERT_TRUE(pv.contains("faults")) << pv.dump(1);
  bool unknown = false, pending = false;
  for (const auto& f : pv["faults"]) {
    if (f["row"] == 2 && f["kind"] == "reference" && f["column"] == "A") unknown = true;
    if (f["row"] == 3 && f["kind"] == "resident_id" && f["column"] == "C") pending = true;
  }
  EXPECT_TRUE(unknown) << pv.dump(1);
  EXPECT_TRUE(pending) << pv.dump(1);
  EXPECT_EQ(pv["counts"]["events_recorded"], 0);
  json run = Upload(s, "/api/v1/imports", csv, "变动名册.csv", 200);
  EXPECT_EQ(run["committed"], false);
}

// The web import's fixes offer what the page offers, not command-line flags (found by the
// session-5 tester: "用 --mapping / --sheet 指定"): a file without a header row.
TEST_F(Api, ImportPreviewFixesOfferNoCommandLineFlags) {
  const Session& s = As("demo_staff");
  json pv = Upload(s, "/api/v1/imports/preview", "ZH-1,试甲,110105194912310020\r\n", "noheader.csv", 200);
  ASSERT_GE(pv["faults"].size(), 1u) << pv.dump(1);
  for (const auto& f : pv["faults"]) {
    const std::string fix = f["fix"], zh = f["fix_zh"];
    EXPECT_FALSE(fix.empty()) << f.dump();
    EXPECT_EQ(fix.find("--"), std::string::npos) << fix;
    EXPECT_EQ(zh.find("--"), std::string::npos) << zh;
    EXPECT_NE(zh.find("\xe4\xb8\x8a\xe4\xbc\xa0"), std::string::npos) << zh;  // 上传 (upload)
  }
}

// ---- household list filtered by members' traits ----------------------------------------------

// A person row for the independent count.
struct MemberRow {
  int64_t household_id, site_id;
  int y, m, d;  // birth date
  std::string employment_kind, sex;
  bool able, wants;
};

// Completed years (周岁) on (y, m, d), computed here independently of the server.
int AgeOn(const MemberRow& p, int y, int m, int d) {
  int age = y - p.y;
  if (m < p.m || (m == p.m && d < p.d)) --age;
  return age;
}

// The members the household list counts, written here from docs/living-register.md: without
// `as_of` the current members (member_until IS NULL) of current households (ended_on IS NULL);
// as of D ("YYYY-MM-DD") every membership (persons row or membership_history row) whose period
// holds D, of a person born by D, in a household counted on D (moved in and formed by D, not
// ended by D). The site is the household's present one (the as-of cases here use no site).
std::vector<MemberRow> AllMembers(const std::string& as_of = "") {
  std::string from;
  if (as_of.empty()) {
    from = "FROM persons p JOIN households h ON h.id = p.household_id "
           "WHERE p.member_until IS NULL AND h.ended_on IS NULL";
  } else {
    const std::string d = "'" + as_of + "'";
    from = "FROM (SELECT id AS person_id, household_id, member_from AS f, member_until AS u FROM persons "
           "UNION ALL SELECT person_id, household_id, start_date, end_date FROM membership_history) m "
           "JOIN persons p ON p.id = m.person_id JOIN households h ON h.id = m.household_id "
           "WHERE (m.f IS NULL OR m.f <= " + d + ") AND (m.u IS NULL OR m.u > " + d + ") AND p.birth_date <= " + d +
           " AND h.move_in_date <= " + d + " AND (h.formed_on IS NULL OR h.formed_on <= " + d +
           ") AND (h.ended_on IS NULL OR h.ended_on > " + d + ")";
  }
  std::vector<MemberRow> out;
  for (const auto& line : SqlColumn(
           "SELECT h.id || '|' || h.site_id || '|' || p.birth_date || '|' || "
           "p.employment_kind || '|' || p.sex || '|' || p.able_to_work || '|' || p.wants_work " + from)) {
    MemberRow r{};
    char ek[40] = {}, sx[10] = {};
    int able = 0, wants = 0;
    long long hh = 0, site = 0;
    if (std::sscanf(line.c_str(), "%lld|%lld|%d-%d-%d|%39[^|]|%9[^|]|%d|%d", &hh, &site, &r.y,
                    &r.m, &r.d, ek, sx, &able, &wants) == 9) {
      r.household_id = hh;
      r.site_id = site;
      r.employment_kind = ek;
      r.sex = sx;
      r.able = able != 0;
      r.wants = wants != 0;
      out.push_back(r);
    }
  }
  return out;
}

// Every household id of a list, walking the cursors.
std::set<int64_t> AllIds(const Session& s, const std::string& path) {
  std::set<int64_t> ids;
  std::string cursor;
  for (int pages = 0; pages < 100; ++pages) {
    auto c = httplib::Client("127.0.0.1", Env::Get().server->port());
    auto r = c.Get(path + "&limit=500" + (cursor.empty() ? "" : "&cursor=" + cursor),
                   {{"Cookie", s.cookie}});
    EXPECT_TRUE(r);
    if (!r) break;
    EXPECT_EQ(r->status, 200) << r->body.substr(0, 300);
    json page = json::parse(r->body, nullptr, false);
    for (const auto& h : page["items"]) ids.insert(h["id"].get<int64_t>());
    if (page["next_cursor"].is_null()) break;
    cursor = page["next_cursor"];
  }
  return ids;
}

TEST_F(Api, HouseholdListFiltersByMembersTraits) {
  const Session& s = As("demo_staff");
  auto stats = SqlColumn("SELECT value FROM meta WHERE key = 'statistics_date'");
  ASSERT_EQ(stats.size(), 1u);
  int sy = 0, sm = 0, sd = 0;
  ASSERT_EQ(std::sscanf(stats[0].c_str(), "%d-%d-%d", &sy, &sm, &sd), 3);
  auto members = AllMembers();
  ASSERT_GT(members.size(), 40000u);
  auto expect = [&](auto pred, int64_t site = 0) {
    std::set<int64_t> ids;
    for (const auto& p : members)
      if ((site == 0 || p.site_id == site) && pred(p)) ids.insert(p.household_id);
    return ids;
  };
  // Working age, employed, able to work: at least one member with all three (ages on the
  // statistics date, the default as_of).
  auto want1 = expect([&](const MemberRow& p) {
    int a = AgeOn(p, sy, sm, sd);
    return a >= 18 && a <= 60 && p.employment_kind != "none" && p.able;
  });
  auto got1 = AllIds(s, "/api/v1/households?employment=employed&age_min=18&age_max=60&able_to_work=true");
  EXPECT_GT(want1.size(), 100u);  // a filter that selects: neither none nor all 13,337
  EXPECT_LT(want1.size(), 13337u);
  EXPECT_EQ(got1.size(), want1.size());
  EXPECT_EQ(got1, want1);
  // "All traits on the same member": a woman in a workshop job who wants work, vs households
  // with a woman and (perhaps another) workshop worker.
  auto want2 = expect([&](const MemberRow& p) {
    return p.sex == "female" && p.employment_kind == "workshop" && p.wants;
  });
  auto loose = expect([](const MemberRow& p) { return p.sex == "female"; });
  auto got2 = AllIds(s, "/api/v1/households?sex=female&employment=workshop&wants_work=true");
  EXPECT_EQ(got2, want2);
  EXPECT_LT(got2.size(), loose.size());
  // An explicit as_of: children under 6 on 2020-01-01, unemployed (none), among the members
  // counted on that day (households moved in by then; the list is the state of that day).
  const auto members_2020 = AllMembers("2020-01-01");
  std::set<int64_t> want3;
  for (const auto& p : members_2020) {
    int a = AgeOn(p, 2020, 1, 1);
    if (a >= 0 && a <= 5 && p.employment_kind == "none") want3.insert(p.household_id);
  }
  auto got3 = AllIds(s, "/api/v1/households?age_min=0&age_max=5&as_of=2020-01-01&employment=unemployed");
  EXPECT_FALSE(want3.empty());
  EXPECT_EQ(got3, want3);
  // Scope still applies: the site manager gets the same filter within their site only.
  const Session& site = As("demo_site");
  int64_t site_id = site.body["scope"]["site_id"];
  auto want4 = expect([&](const MemberRow& p) {
    int a = AgeOn(p, sy, sm, sd);
    return a >= 18 && a <= 60 && p.employment_kind == "none";
  }, site_id);
  auto got4 = AllIds(site, "/api/v1/households?employment=unemployed&age_min=18&age_max=60");
  EXPECT_FALSE(want4.empty());
  EXPECT_EQ(got4, want4);
  // Combined with a household filter; and the export takes the same filters.
  auto c = Client();
  auto x = c.Get("/api/v1/households.xlsx?employment=employed&age_min=18&age_max=60&able_to_work=true",
                 H(&s, false));
  ASSERT_TRUE(x);
  ASSERT_EQ(x->status, 200);
  std::set<std::string> exported;  // household numbers of the roster's rows
  for (const auto& row : XlsxRows(x->body)) exported.insert(row[0].text);
  EXPECT_EQ(exported.size(), want1.size());
  // Faults are listed per parameter.
  json bad = Get(s, "/api/v1/households?age_min=60&age_max=18&wants_work=perhaps&employment=astronaut", 422);
  EXPECT_EQ(DetailFields(bad), (std::set<std::string>{"age_min", "wants_work", "employment"}));
}

// ---- list totals and the person list's sex / grid filters (issue #14 item 6) -----------------

TEST_F(Api, ListTotalsEqualAnIndependentSqlCountWithinTheScope) {
  const Session& staff = As("demo_staff");
  // Without as_of the lists count current households (ended_on IS NULL) and current members
  // (member_until IS NULL) of them (docs/living-register.md).
  const std::string hh =
      "SELECT count(*) FROM households h JOIN origin_villages o ON o.id = h.origin_village_id WHERE h.ended_on IS NULL";
  struct Case {
    std::string path, sql;
  };
  const std::vector<Case> households = {
      {"/api/v1/households?limit=5", hh},
      {"/api/v1/households?limit=5&category=co_relocated", hh + " AND h.category = 'co_relocated'"},
      {"/api/v1/households?limit=5&relocation_type=whole_village&sex=female",
       hh + " AND o.relocation_type = 'whole_village' AND EXISTS (SELECT 1 FROM persons p "
            "WHERE p.household_id = h.id AND p.member_until IS NULL AND p.sex = 'female')"},
  };
  for (const auto& c : households) {
    json page = Get(staff, c.path);
    int64_t want = SqlCount(c.sql);
    EXPECT_GT(want, 5) << c.path;  // more than one page: the total is not the page's size
    EXPECT_EQ(page["total"], want) << c.path;
    EXPECT_EQ(page["items"].size(), 5u);
  }
  EXPECT_LT(SqlCount(households[1].sql), SqlCount(households[0].sql));  // the filter selects
  const std::string ps =
      "SELECT count(*) FROM persons p JOIN households h ON h.id = p.household_id "
      "WHERE p.member_until IS NULL AND h.ended_on IS NULL";
  json all = Get(staff, "/api/v1/persons?limit=3&category=registered_poor&employment=unemployed");
  EXPECT_EQ(all["total"], SqlCount(ps + " AND h.category = 'registered_poor' AND p.employment_kind = 'none'"));
  // The second page reports the same total (the cursor does not change it).
  json next = Get(staff, "/api/v1/persons?limit=3&category=registered_poor&employment=unemployed&cursor=" +
                             all["next_cursor"].get<std::string>());
  EXPECT_EQ(next["total"], all["total"]);
  // A scoped role counts within its scope only.
  const Session& site = As("demo_site");
  const std::string site_id = std::to_string(site.body["scope"]["site_id"].get<int64_t>());
  json mine = Get(site, "/api/v1/households?limit=1");
  int64_t want_site = SqlCount("SELECT count(*) FROM households WHERE ended_on IS NULL AND site_id = " + site_id);
  EXPECT_EQ(mine["total"], want_site);
  EXPECT_LT(want_site, SqlCount(hh));
  json mine_p = Get(site, "/api/v1/persons?limit=1&sex=male");
  EXPECT_EQ(mine_p["total"], SqlCount(ps + " AND h.site_id = " + site_id + " AND p.sex = 'male'"));
  // Nothing matches: total 0.
  json none = Get(staff, "/api/v1/persons?q=zzzzzz");
  EXPECT_EQ(none["total"], 0);
  EXPECT_TRUE(none["items"].empty());
}

TEST_F(Api, PersonListFiltersBySexAndGrid) {
  const Session& staff = As("demo_staff");
  // The busiest grid of the demo database, by SQL.
  const std::string grid = SqlColumn(
      "SELECT h.grid_id FROM persons p JOIN households h ON h.id = p.household_id WHERE h.grid_id IS NOT NULL "
      "GROUP BY h.grid_id ORDER BY count(*) DESC LIMIT 1")[0];
  auto sql_ids = [](const std::string& where) {
    std::set<int64_t> out;
    for (const auto& v : SqlColumn("SELECT p.id FROM persons p JOIN households h ON h.id = p.household_id WHERE " + where))
      out.insert(std::stoll(v));
    return out;
  };
  auto api_ids = [&](const std::string& query) {
    std::set<int64_t> out;
    std::string cursor;
    for (int pages = 0; pages < 200; ++pages) {
      json page = Get(staff, "/api/v1/persons?limit=500&" + query + (cursor.empty() ? "" : "&cursor=" + cursor));
      for (const auto& p : page["items"]) out.insert(p["id"].get<int64_t>());
      if (!page["next_cursor"].is_string()) break;
      cursor = page["next_cursor"];
    }
    return out;
  };
  auto in_grid = sql_ids("h.grid_id = " + grid);
  EXPECT_GT(in_grid.size(), 10u);
  EXPECT_EQ(api_ids("grid_id=" + grid), in_grid);
  auto women = sql_ids("h.grid_id = " + grid + " AND p.sex = 'female'");
  EXPECT_FALSE(women.empty());
  EXPECT_LT(women.size(), in_grid.size());
  EXPECT_EQ(api_ids("grid_id=" + grid + "&sex=female"), women);
  json page = Get(staff, "/api/v1/persons?limit=1&sex=male&grid_id=" + grid);
  EXPECT_EQ(page["total"], static_cast<int64_t>(sql_ids("h.grid_id = " + grid + " AND p.sex = 'male'").size()));
  for (const auto& p : Get(staff, "/api/v1/persons?limit=50&sex=female")["items"]) EXPECT_EQ(p["sex"], "female");
  // Bad values: 422 naming each parameter, in English and Chinese.
  json bad = Get(staff, "/api/v1/persons?sex=x&grid_id=0", 422);
  ExpectEnvelope(bad, "invalid_argument");
  EXPECT_EQ(DetailFields(bad), (std::set<std::string>{"sex", "grid_id"}));
  for (const auto& d : bad["error"]["details"]) {
    EXPECT_FALSE(d["message"].get<std::string>().empty()) << d.dump();
    EXPECT_FALSE(d["message_zh"].get<std::string>().empty()) << d.dump();
  }
  json bad2 = Get(staff, "/api/v1/persons?grid_id=abc", 422);
  EXPECT_EQ(DetailFields(bad2), (std::set<std::string>{"grid_id"}));
}

// ---- the one-statement household read equals the five-statement one ---------------------------

// Field by field, so a failure names what differs.
void ExpectSameRecords(const registry::HouseholdRecords& a, const registry::HouseholdRecords& b) {
  EXPECT_EQ(a.household.id, b.household.id);
  EXPECT_EQ(a.household.household_no, b.household.household_no);
  EXPECT_EQ(a.household.version, b.household.version);
  EXPECT_EQ(a.household.housing_unit_id, b.household.housing_unit_id);
  EXPECT_EQ(a.household.grid_id, b.household.grid_id);
  ASSERT_EQ(a.origin_village.has_value(), b.origin_village.has_value());
  if (a.origin_village) {
    EXPECT_EQ(a.origin_village->id, b.origin_village->id);
    EXPECT_EQ(a.origin_village->name, b.origin_village->name);
    EXPECT_EQ(a.origin_village->township_name, b.origin_village->township_name);
    EXPECT_EQ(a.origin_village->division_code, b.origin_village->division_code);
    EXPECT_EQ(a.origin_village->relocation_type, b.origin_village->relocation_type);
    EXPECT_EQ(a.origin_village->legacy_name, b.origin_village->legacy_name);
  }
  EXPECT_EQ(a.site_name, b.site_name);
  ASSERT_EQ(a.housing_unit.has_value(), b.housing_unit.has_value());
  if (a.housing_unit) {
    EXPECT_EQ(a.housing_unit->id, b.housing_unit->id);
    EXPECT_EQ(a.housing_unit->building + "/" + a.housing_unit->entrance + "/" + a.housing_unit->room,
              b.housing_unit->building + "/" + b.housing_unit->entrance + "/" + b.housing_unit->room);
    EXPECT_EQ(a.housing_unit->floor_area_dm2, b.housing_unit->floor_area_dm2);
    EXPECT_EQ(a.housing_unit->household_id, b.housing_unit->household_id);
  }
  ASSERT_EQ(a.members.size(), b.members.size());
  for (size_t i = 0; i < a.members.size(); ++i) {
    const auto& x = a.members[i];
    const auto& y = b.members[i];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.resident_id, y.resident_id);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.relationship, y.relationship);
    EXPECT_EQ(x.phone, y.phone);
    EXPECT_EQ(x.health, y.health);
    EXPECT_EQ(x.disability_grade, y.disability_grade);
    EXPECT_EQ(x.employment_kind, y.employment_kind);
    EXPECT_EQ(x.employer, y.employer);
    EXPECT_EQ(x.version, y.version);
    EXPECT_EQ(x.name_initials, y.name_initials);
  }
}

TEST_F(Api, OneStatementHouseholdReadEqualsTheInterfaceDefault) {
  auto db = storage::Database::Open(Env::Get().db, {.read_only = true, .create = false});
  ASSERT_TRUE(db);
  storage::SqliteRegistryRepository repo(**db);
  auto ids = SqlColumn("SELECT id FROM households ORDER BY id");
  ASSERT_GT(ids.size(), 13000u);
  AccessScope county;
  AccessScope site{AccessScope::Level::kSite, "", 1, 0};
  int compared = 0, out_of_site = 0;
  for (size_t i = 0; i < ids.size(); i += 23) {  // every 23rd household: all sites, sizes, units
    int64_t id = std::stoll(ids[i]);
    for (const AccessScope* scope : {&county, &site}) {
      auto one = repo.LoadHousehold(*scope, id);
      auto five = repo.registry::RegistryRepository::LoadHousehold(*scope, id);
      ASSERT_TRUE(one && five);
      ASSERT_EQ(one->has_value(), five->has_value()) << "household " << id;
      if (!*one) {
        ++out_of_site;
        continue;
      }
      ExpectSameRecords(**one, **five);
      ++compared;
    }
  }
  EXPECT_GT(compared, 580);
  EXPECT_GT(out_of_site, 100);  // the site scope hides the other sites' households
  auto none = repo.LoadHousehold(county, 999999999);
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value());
}

// ---- the household detail written directly equals the nlohmann::json mapping ---------------

std::string NlohmannDump(const registry::HouseholdDetail& d, Date as_of) {
  return HouseholdDetailJson(d, as_of).dump(-1, ' ', false, json::error_handler_t::replace);
}

TEST_F(Api, HouseholdDetailTextEqualsTheJsonTreeByteForByte) {
  auto db = storage::Database::Open(Env::Get().db, {.read_only = true, .create = false});
  ASSERT_TRUE(db);
  storage::SqliteRegistryRepository repo(**db);
  registry::RegistryService svc(repo);
  Actor system = SystemActor();
  Date as_of{std::chrono::year{2022}, std::chrono::month{9}, std::chrono::day{30}};
  auto ids = SqlColumn("SELECT id FROM households ORDER BY id");
  int compared = 0;
  for (size_t i = 0; i < ids.size(); i += 41) {
    auto d = svc.GetHousehold(system, std::stoll(ids[i]), false);
    ASSERT_TRUE(d) << d.error().ToString();
    ASSERT_EQ(HouseholdDetailJsonText(*d, as_of), NlohmannDump(*d, as_of)) << "household " << ids[i];
    ++compared;
  }
  EXPECT_GT(compared, 300);
  // Edge cases the demo lacks: escapes, control characters, nulls, an integral floor area,
  // warnings, no members, invalid UTF-8 replaced.
  registry::HouseholdDetail d;
  d.household.id = 7;
  d.household.household_no = "LX-\"7\"\\\n\t";
  d.household.grid_id = 3;
  d.origin_village.name = "刘家\x01庄";
  d.site_name = "城北\r安置点";
  d.housing_unit = sites::HousingUnit{9, 2, "3", "2", "501", 7500, 7};
  d.warnings.push_back({5, "birth_date", "too \"close\"", ""});
  EXPECT_EQ(HouseholdDetailJsonText(d, as_of), NlohmannDump(d, as_of));
  d.housing_unit->floor_area_dm2 = 7551;
  registry::Person p;
  p.id = 5;
  p.name = "张海明";
  p.disability_grade = 2;
  p.health = registry::Health::kDisabled;
  d.members.push_back(p);
  EXPECT_EQ(HouseholdDetailJsonText(d, as_of), NlohmannDump(d, as_of));
  d.members[0].employer = std::string("bad \xff byte");
  std::string text = HouseholdDetailJsonText(d, as_of);
  EXPECT_NE(text.find("bad \xEF\xBF\xBD byte"), std::string::npos);
  EXPECT_TRUE(json::accept(text));
}

// Graceful stop: a request in flight when Stop() is called still gets its whole answer; new
// connections are refused afterwards.
TEST_F(Api, StopLetsTheRequestInFlightFinish) {
  ServerOptions o;
  o.db_path = Env::Get().db;
  o.threads = 4;
  std::unique_ptr<Server> server = StartServer(o);
  ASSERT_TRUE(server);
  httplib::Client c = ClientOf(*server);
  auto login = c.Post("/api/v1/session",
                      json{{"username", "demo_staff"}, {"password", "anju-demo"}}.dump(),
                      "application/json");
  ASSERT_TRUE(login);
  ASSERT_EQ(login->status, 200);
  std::string cookie = login->get_header_value("Set-Cookie");
  cookie = cookie.substr(0, cookie.find(';'));
  // The export of every person (40,004 rows) takes long enough to still be running at Stop().
  int status = 0;
  std::string body;
  bool answered = false;
  std::thread t([&] {
    auto r = c.Get("/api/v1/persons.xlsx", {{"Cookie", cookie}});
    if (r) {
      answered = true;
      status = r->status;
      body = r->body;
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  server->Stop();
  t.join();
  server->Join();
  ASSERT_TRUE(answered) << "request in flight was cut off";
  EXPECT_EQ(status, 200);
  EXPECT_TRUE(body.starts_with("PK"));
  EXPECT_GT(body.size(), 100000u);
  httplib::Client after("127.0.0.1", server->port());
  after.set_connection_timeout(1, 0);
  EXPECT_FALSE(after.Get("/healthz"));
}


// ---- regressions from the tester (session 2) ---------------------------------------------------

// A typo in a filter (?stie=3) answered the whole county: unknown query parameters are 422
// naming the parameter and listing the accepted ones, on every endpoint that reads the query.
TEST_F(Api, UnknownQueryParametersAreRefusedNamingThemAndTheAcceptedOnes) {
  const Session& s = As("demo_staff");
  for (const std::string path :
       {"/api/v1/households?stie=3", "/api/v1/persons?limit=5&stie=3",
        "/api/v1/households.xlsx?stie=3", "/api/v1/persons.xlsx?stie=3",
        "/api/v1/sites?stie=3", "/api/v1/housing-units?stie=3",
        "/api/v1/origin-villages?stie=3", "/api/v1/divisions?stie=3",
        "/api/v1/report?stie=3", "/api/v1/audit?stie=3", "/api/v1/households/1?stie=3",
        "/api/v1/persons/1?stie=3", "/api/v1/sites/1?stie=3"}) {
    json j = Get(s, path, 422);
    ExpectEnvelope(j, "invalid_argument");
    EXPECT_EQ(j["error"]["field"], "stie") << path;
    EXPECT_EQ(j["error"]["value"], "3") << path;
    std::string msg = j["error"]["message"].get<std::string>();
    EXPECT_NE(msg.find("unknown query parameter 'stie'"), std::string::npos) << path << msg;
    EXPECT_NE(j["error"]["message_zh"].get<std::string>().find("stie"), std::string::npos);
  }
  json j = Get(s, "/api/v1/households?stie=3", 422);
  std::string msg = j["error"]["message"].get<std::string>();
  for (const char* name : {"site_id", "township", "q", "limit", "cursor", "sort"}) {
    EXPECT_NE(msg.find(name), std::string::npos) << "accepted list lacks " << name << ": " << msg;
  }
  // Two unknown parameters: one detail each.
  json two = Get(s, "/api/v1/persons?stie=3&hosuehold_id=4", 422);
  EXPECT_EQ(DetailFields(two), (std::set<std::string>{"stie", "hosuehold_id"}));
  // Known ones still work, also empty ones (the web UI leaves out empty values, but a bookmark may not).
  Get(s, "/api/v1/households?limit=1&site_id=&q=");
  Get(s, "/api/v1/sites?limit=500");
  Get(s, "/api/v1/report?as_of=2022-09-30");
  // A known parameter given twice is refused, not answered with the first value (tester).
  json twice = Get(s, "/api/v1/households?limit=2&limit=3", 422);
  ExpectEnvelope(twice, "invalid_argument");
  EXPECT_EQ(twice["error"]["field"], "limit");
  EXPECT_NE(twice["error"]["message"].get<std::string>().find("given 2 times"), std::string::npos);
}

// A truncated cursor was read as the start of the list (or as a position nobody handed out).
TEST_F(Api, TruncatedOrForeignCursorIs422NamingCursor) {
  const Session& s = As("demo_staff");
  json first = Get(s, "/api/v1/households?limit=3");
  std::string cursor = first["next_cursor"].get<std::string>();
  for (const std::string& bad :
       {cursor.substr(0, cursor.size() - 2), cursor.substr(0, cursor.size() - 1),
        cursor.substr(0, 6), cursor + "00", std::string("zz"), std::string("1234")}) {
    json j = Get(s, "/api/v1/households?limit=3&cursor=" + bad, 422);
    ExpectEnvelope(j, "invalid_argument");
    EXPECT_EQ(j["error"]["field"], "cursor") << bad;
    std::string msg = j["error"]["message"].get<std::string>();
    EXPECT_NE(msg.find("first page"), std::string::npos) << msg;
    EXPECT_NE(j["error"]["message_zh"].get<std::string>().find("第一页"), std::string::npos);
  }
  // A cursor of another sort order or another list is not a position in this one.
  Get(s, "/api/v1/households?limit=3&sort=members&cursor=" + cursor, 422);
  Get(s, "/api/v1/persons?limit=3&cursor=" + cursor, 422);
  // Integer cursors (housing units, audit) are sealed the same way.
  json sites = Get(s, "/api/v1/sites");
  std::string hu = "/api/v1/housing-units?limit=5&site_id=" + std::to_string(sites["items"][0]["id"].get<int64_t>());
  json units = Get(s, hu);
  ASSERT_FALSE(units["next_cursor"].is_null());
  std::string uc = units["next_cursor"].get<std::string>();
  Get(s, hu + "&cursor=" + uc);
  Get(s, hu + "&cursor=" + uc.substr(0, uc.size() - 1), 422);
  Get(s, hu + "&cursor=12", 422);
  const Session& aud = As("demo_auditor");
  json audit = Get(aud, "/api/v1/audit?limit=2");
  ASSERT_FALSE(audit["next_cursor"].is_null());
  std::string ac = audit["next_cursor"].get<std::string>();
  Get(aud, "/api/v1/audit?limit=2&cursor=" + ac);
  Get(aud, "/api/v1/audit?limit=2&cursor=" + ac.substr(0, ac.size() - 1), 422);
  // The one-page lists never hand out a cursor.
  Get(s, "/api/v1/sites?cursor=abc", 422);
}

// " lx-0000017 " (spaces, ideographic space U+3000, lower case) finds LX-0000017 in the list search.
TEST_F(Api, HouseholdNumberSearchIsTrimmedAndUpperCased) {
  const Session& s = As("demo_staff");
  json j = Get(s, "/api/v1/households?q=%20lx-0000017%E3%80%80");
  ASSERT_EQ(j["items"].size(), 1u) << j.dump().substr(0, 300);
  EXPECT_EQ(j["items"][0]["household_no"], "LX-0000017");
}

// An xlsx export that cannot be written (temporary folder missing or full): 503 with one
// bilingual message saying where and what to do, not a bare library error.
TEST_F(Api, XlsxExportThatCannotBeWrittenSaysWhereAndWhy) {
  const Session& s = As("demo_staff");
  const char* old = std::getenv("TMPDIR");
  std::string saved = old ? old : "";
  ::setenv("TMPDIR", "/nonexistent-anju-tmp", 1);
  json j = Get(s, "/api/v1/households.xlsx?category=registered_poor", 503);
  if (old) ::setenv("TMPDIR", saved.c_str(), 1); else ::unsetenv("TMPDIR");
  ExpectEnvelope(j, "unavailable");
  std::string msg = j["error"]["message"].get<std::string>();
  EXPECT_NE(msg.find("/nonexistent-anju-tmp"), std::string::npos) << msg;
  EXPECT_NE(msg.find("TMPDIR"), std::string::npos) << msg;
  EXPECT_NE(j["error"]["message_zh"].get<std::string>().find("/nonexistent-anju-tmp"), std::string::npos);
}

// Regression (after #14's merge): a person whose id is pending (a newborn, resident_id '') could
// not be corrected at all: PATCH re-judged the empty id and answered 422 resident_id. Now the
// other fields are corrected and the id stays pending.
TEST_F(Api, PersonWithAPendingIdIsCorrected) {
  const Session& s = As("demo_staff");
  auto pick = SqlColumn(
      "SELECT p.id || '|' || h.household_no FROM persons p JOIN households h ON h.id = p.household_id "
      "WHERE p.resident_id = '' AND p.member_until IS NULL AND h.ended_on IS NULL ORDER BY p.id LIMIT 1");
  ASSERT_EQ(pick.size(), 1u) << "the demo has newborns with pending ids";
  const std::string pid = pick[0].substr(0, pick[0].find('|'));
  const std::string hno = pick[0].substr(pid.size() + 1);
  json p = Get(s, "/api/v1/persons/" + pid + "?full=true");
  const std::string etag = "\"" + std::to_string(p["version"].get<int64_t>()) + "\"";
  const std::string education = p["education"] == "学龄前" ? "小学" : "学龄前";
  auto c = Client();
  auto r = c.Patch("/api/v1/persons/" + pid, H(&s, true, etag), json{{"education", education}}.dump(),
                   "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(SqlColumn("SELECT education || '|' || resident_id FROM persons WHERE id = " + pid)[0], education + "|");
}

// Known defect, not fixed yet (fix-api, session 6): the roster of a household with a pending id
// has an empty 公民身份号码 cell, which the import refuses ("the resident id is empty"), so the
// roster does not import back unchanged. Needs the export to write 待补录 and the import to
// match a pending-id member by household, name and birth date. Run with
// --gtest_also_run_disabled_tests.
TEST_F(Api, RosterWithAPendingIdImportsBackUnchanged) {
  const Session& s = As("demo_staff");
  auto pick = SqlColumn(
      "SELECT h.household_no FROM persons p JOIN households h ON h.id = p.household_id "
      "WHERE p.resident_id = '' AND p.member_until IS NULL AND h.ended_on IS NULL ORDER BY p.id LIMIT 1");
  ASSERT_EQ(pick.size(), 1u) << "the demo has newborns with pending ids";
  const std::string hno = pick[0];
  auto c = Client();
  const int64_t members = SqlCount(
      "SELECT count(*) FROM persons p JOIN households h ON h.id = p.household_id WHERE p.member_until IS NULL "
      "AND h.household_no = '" + hno + "'");
  auto x = c.Get("/api/v1/households.xlsx?q=" + hno, H(&s, false));
  ASSERT_TRUE(x);
  ASSERT_EQ(x->status, 200) << x->body.substr(0, 300);
  EXPECT_EQ(static_cast<int64_t>(XlsxRows(x->body).size()), members);
  json pv = Upload(s, "/api/v1/imports/preview?mode=upsert", x->body, "households.xlsx", 200);
  EXPECT_EQ(pv["faults"], json::array()) << pv["faults"].dump(1).substr(0, 3000);
  EXPECT_EQ(pv["counts"]["rows_valid"], members);
  EXPECT_EQ(pv["counts"]["persons_unchanged"], members);
  EXPECT_EQ(pv["counts"]["persons_created"], 0);
}

// Issue #12 item 6: implausible values are 422 naming each field, in English and Chinese, and
// change nothing; booleans only as JSON true/false; as_of before 1900 or after today refused.
TEST_F(Api, ImplausibleValuesAre422NamingTheirFields) {
  const Session& s = As("demo_staff");
  auto c = Client();
  json p = SomePerson("&sort=-birth_date");
  int64_t id = p["id"];
  std::string path = "/api/v1/persons/" + std::to_string(id);
  std::string etag = "\"" + std::to_string(p["version"].get<int64_t>()) + "\"";
  auto bad = c.Patch(path, H(&s, true, etag),
                     json{{"name", "王\u202E明"}, {"ethnicity", "穿青人"}, {"education", "大学"},
                          {"able_to_work", 1}, {"wants_work", "true"}, {"employer", std::string(101, 'a')},
                          {"birth_date", "1899-12-31"}}.dump(),
                     "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422) << bad->body;
  json be = json::parse(bad->body);
  ExpectEnvelope(be, "invalid_argument");
  EXPECT_EQ(DetailFields(be), (std::set<std::string>{"name", "ethnicity", "education", "able_to_work", "wants_work",
                                                       "employer", "birth_date"}))
      << be.dump();
  for (const auto& d : be["error"]["details"]) {
    EXPECT_FALSE(d["message_zh"].get<std::string>().empty()) << d.dump();
    if (d["field"] == "name") {
      EXPECT_NE(d["message"].get<std::string>().find("U+202E"), std::string::npos);
    }
  }
  json after = Get(s, path);
  EXPECT_EQ(after["version"], p["version"]);
  EXPECT_EQ(after["name"], p["name"]);
  EXPECT_EQ(after["ethnicity"], p["ethnicity"]);
  // A blank name, and 51 characters.
  std::string fifty_one;
  for (int i = 0; i < 51; ++i) fifty_one += "明";
  for (const std::string& name : {std::string("  "), fifty_one}) {
    auto r = c.Patch(path, H(&s, true, etag), json{{"name", name}}.dump(), "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 422) << r->body;
    EXPECT_EQ(DetailFields(json::parse(r->body)), std::set<std::string>{"name"}) << r->body;
  }
  // 中专 and 汉 are accepted, 汉 stored as 汉族.
  auto ok = c.Patch(path, H(&s, true, etag), json{{"education", "中专"}, {"ethnicity", "汉"}}.dump(),
                    "application/json");
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->status, 200) << ok->body;
  EXPECT_EQ(json::parse(ok->body)["education"], "中专");
  EXPECT_EQ(json::parse(ok->body)["ethnicity"], "汉族");

  // A household moving in in 2099, or a boolean as 1.
  json any = Get(s, "/api/v1/households?limit=1&sort=-id");
  int64_t hh = any["items"][0]["id"];
  json hd = Get(s, "/api/v1/households/" + std::to_string(hh));
  std::string hetag = "\"" + std::to_string(hd["version"].get<int64_t>()) + "\"";
  auto future = c.Patch("/api/v1/households/" + std::to_string(hh), H(&s, true, hetag),
                        json{{"move_in_date", "2099-01-01"}, {"convention_signed", 1}}.dump(), "application/json");
  ASSERT_TRUE(future);
  EXPECT_EQ(future->status, 422) << future->body;
  EXPECT_EQ(DetailFields(json::parse(future->body)), (std::set<std::string>{"move_in_date", "convention_signed"}))
      << future->body;
  EXPECT_EQ(Get(s, "/api/v1/households/" + std::to_string(hh))["version"], hd["version"]);

  // as_of: 1800 and tomorrow (China time) refused naming as_of; the report and the age lists.
  const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now() + std::chrono::hours{8});
  const std::chrono::year_month_day tomorrow{now + std::chrono::days{1}};
  const std::string tomorrow_text = fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(tomorrow.year()),
                                                static_cast<unsigned>(tomorrow.month()),
                                                static_cast<unsigned>(tomorrow.day()));
  for (const std::string& q : {std::string("/api/v1/report?as_of=1800-01-01"), "/api/v1/report?as_of=" + tomorrow_text,
                               std::string("/api/v1/persons?age_min=18&as_of=1800-01-01")}) {
    json e = Get(s, q, 422);
    ExpectEnvelope(e, "invalid_argument");
    EXPECT_EQ(e["error"]["field"], "as_of") << q << e.dump();
    EXPECT_NE(e["error"]["message_zh"].get<std::string>().find("日期"), std::string::npos) << e.dump();
  }
  EXPECT_EQ(Get(s, "/api/v1/report?as_of=1900-01-01")["as_of"], "1900-01-01");
}

// ---- accounts (issue #12, item 2) --------------------------------------------------------------

// A fresh county: `anju init --admin chief` prints a one-time password. Logging in with it used
// to answer 403 "请先修改一次性密码" on every call with no way to change it. Now: login says
// must_change_password, POST /session/password changes it (rotating the session token), and
// normal calls work with the new session; the old token is dead.
TEST_F(Api, FreshAdminChangesTheOneTimePasswordThenNormalCallsWork) {
  const fs::path dir = Env::Get().dir / "fresh";
  fs::create_directories(dir);
  const std::string db = (dir / "fresh.db").string();
  const std::string out = (dir / "init.out").string();
  ASSERT_EQ(Sh(std::string(ANJU_BINARY) + " init --db '" + db + "' --admin chief >'" + out +
               "' 2>&1"), 0);
  std::string printed;
  {
    std::ifstream in(out);
    std::string line;
    while (std::getline(in, line)) {
      const std::string tag = "one-time password: ";
      if (line.starts_with(tag)) printed = line.substr(tag.size());
    }
  }
  ASSERT_EQ(printed.size(), 16u) << "no one-time password printed; see " << out;

  ServerOptions o;
  o.db_path = db;
  o.threads = 2;
  std::unique_ptr<Server> server = StartServer(o);
  ASSERT_TRUE(server);
  httplib::Client c = ClientOf(*server);
  auto cookie_of = [](const httplib::Result& r) {
    std::string v = r->get_header_value("Set-Cookie");
    return v.substr(0, v.find(';'));
  };

  auto login = c.Post("/api/v1/session",
                      json{{"username", "chief"}, {"password", printed}}.dump(), "application/json");
  ASSERT_TRUE(login);
  ASSERT_EQ(login->status, 200) << login->body;
  json s = json::parse(login->body);
  EXPECT_EQ(s["must_change_password"], true);
  Session first{cookie_of(login), s["csrf_token"], s};

  // Until the password is changed every other call is refused, naming the reason.
  auto blocked = c.Get("/api/v1/sites", H(&first, false));
  ASSERT_TRUE(blocked);
  EXPECT_EQ(blocked->status, 403);
  EXPECT_EQ(json::parse(blocked->body)["error"]["field"], "must_change_password");

  // The change needs the CSRF token, the right current password, and a new one that differs.
  const std::string path = "/api/v1/session/password";
  auto no_csrf = c.Post(path, H(&first, false),
                        json{{"current_password", printed}, {"new_password", "lin-county-2024"}}.dump(),
                        "application/json");
  ASSERT_TRUE(no_csrf);
  EXPECT_EQ(no_csrf->status, 403);
  auto same = c.Post(path, H(&first),
                     json{{"current_password", printed}, {"new_password", printed}}.dump(),
                     "application/json");
  ASSERT_TRUE(same);
  EXPECT_EQ(same->status, 422) << same->body;
  EXPECT_EQ(json::parse(same->body)["error"]["field"], "new_password");
  auto short_pw = c.Post(path, H(&first),
                         json{{"current_password", printed}, {"new_password", "short"}}.dump(),
                         "application/json");
  ASSERT_TRUE(short_pw);
  EXPECT_EQ(short_pw->status, 422) << short_pw->body;
  EXPECT_EQ(json::parse(short_pw->body)["error"]["field"], "new_password");
  auto wrong_old = c.Post(path, H(&first),
                          json{{"current_password", "not-the-password"},
                               {"new_password", "lin-county-2024"}}.dump(),
                          "application/json");
  ASSERT_TRUE(wrong_old);
  EXPECT_EQ(wrong_old->status, 422) << wrong_old->body;  // a typo must not end the session
  EXPECT_EQ(json::parse(wrong_old->body)["error"]["field"], "current_password");

  auto changed = c.Post(path, H(&first),
                        json{{"current_password", printed}, {"new_password", "lin-county-2024"}}.dump(),
                        "application/json");
  ASSERT_TRUE(changed);
  ASSERT_EQ(changed->status, 200) << changed->body;
  json after = json::parse(changed->body);
  EXPECT_EQ(after["must_change_password"], false);
  EXPECT_EQ(after["username"], "chief");
  Session second{cookie_of(changed), after["csrf_token"], after};
  EXPECT_NE(second.cookie, first.cookie);  // the session token was rotated
  EXPECT_NE(second.csrf, first.csrf);

  auto sites = c.Get("/api/v1/sites", H(&second, false));
  ASSERT_TRUE(sites);
  EXPECT_EQ(sites->status, 200) << sites->body;
  auto users = c.Get("/api/v1/users", H(&second, false));
  ASSERT_TRUE(users);
  EXPECT_EQ(users->status, 200) << users->body;
  auto old_token = c.Get("/api/v1/session", H(&first, false));
  ASSERT_TRUE(old_token);
  EXPECT_EQ(old_token->status, 401);

  // The new password logs in without the flag; the printed one no longer does.
  auto again = c.Post("/api/v1/session",
                      json{{"username", "chief"}, {"password", "lin-county-2024"}}.dump(),
                      "application/json");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
  EXPECT_EQ(json::parse(again->body)["must_change_password"], false);
  auto stale = c.Post("/api/v1/session",
                      json{{"username", "chief"}, {"password", printed}}.dump(), "application/json");
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 401);

  // Audited: one password change by chief, never the password itself.
  auto audit = c.Get("/api/v1/audit?entity=user&action=update", H(&second, false));
  ASSERT_TRUE(audit);
  ASSERT_EQ(audit->status, 200) << audit->body;
  EXPECT_EQ(audit->body.find("lin-county"), std::string::npos);
  EXPECT_EQ(audit->body.find(printed), std::string::npos);
  json entries = json::parse(audit->body)["items"];
  ASSERT_EQ(entries.size(), 1u) << entries.dump();
  EXPECT_EQ(entries[0]["username"], "chief");
  EXPECT_EQ(entries[0]["changes"]["password"], "changed") << entries[0].dump();
  server->Stop();
  server->Join();
}

// A county made by `anju init` alone (divisions and sites, no roster imported) had no origin
// village, so no household could be entered in the UI (found by the fresh-clone testers). POST
// /api/v1/origin-villages adds one from the division list (name and township from the list) or
// a legacy village by name and township; a second of the same is 409 naming the first; then a
// household can be created. Expected names: data/linxian_divisions.csv rows 141124101200
// (白文村委会) and 141124101 (白文镇).
TEST_F(Api, FreshCountyGetsAnOriginVillageThenAHousehold) {
  const fs::path dir = Env::Get().dir / "fresh-village";
  fs::create_directories(dir);
  const std::string db = (dir / "fresh.db").string();
  const std::string out = (dir / "init.out").string();
  ASSERT_EQ(Sh(std::string(ANJU_BINARY) + " init --db '" + db + "' --admin chief >'" + out + "' 2>&1"), 0);
  std::string printed;
  {
    std::ifstream in(out);
    std::string line;
    const std::string tag = "one-time password: ";
    while (std::getline(in, line))
      if (line.starts_with(tag)) printed = line.substr(tag.size());
  }
  ASSERT_EQ(printed.size(), 16u) << "no one-time password printed; see " << out;
  ServerOptions o;
  o.db_path = db;
  o.threads = 2;
  std::unique_ptr<Server> server = StartServer(o);
  ASSERT_TRUE(server);
  httplib::Client c = ClientOf(*server);
  auto login = c.Post("/api/v1/session", json{{"username", "chief"}, {"password", printed}}.dump(),
                      "application/json");
  ASSERT_TRUE(login && login->status == 200);
  Session first{login->get_header_value("Set-Cookie").substr(0, login->get_header_value("Set-Cookie").find(';')),
                json::parse(login->body)["csrf_token"], json()};
  auto changed = c.Post("/api/v1/session/password", H(&first),
                        json{{"current_password", printed}, {"new_password", "lin-county-2024"}}.dump(),
                        "application/json");
  ASSERT_TRUE(changed && changed->status == 200);
  const std::string cookie = changed->get_header_value("Set-Cookie");
  Session s{cookie.substr(0, cookie.find(';')), json::parse(changed->body)["csrf_token"], json()};
  auto post = [&](const std::string& path, const json& body) {
    auto r = c.Post(path, H(&s), body.dump(), "application/json");
    EXPECT_TRUE(r);
    return std::pair<int, json>{r ? r->status : 0, r ? json::parse(r->body, nullptr, false) : json()};
  };
  auto get = [&](const std::string& path) {
    auto r = c.Get(path, H(&s, false));
    EXPECT_TRUE(r && r->status == 200) << path;
    return r ? json::parse(r->body, nullptr, false) : json();
  };

  EXPECT_EQ(get("/api/v1/origin-villages")["items"].size(), 0u) << "a fresh county has no origin village";
  // From the division list: name and township come from the list.
  auto [st, v] = post("/api/v1/origin-villages", {{"division_code", "141124101200"}, {"relocation_type", "scattered"}});
  ASSERT_EQ(st, 201) << v.dump();
  EXPECT_EQ(v["name"], "白文村委会");
  EXPECT_EQ(v["township_code"], "141124101");
  EXPECT_EQ(v["township_name"], "白文镇");
  EXPECT_EQ(v["division_code"], "141124101200");
  EXPECT_EQ(v["relocation_type"], "scattered");
  const int64_t village = v["id"];
  // The same village again: 409 naming the one registered.
  auto [st2, dup] = post("/api/v1/origin-villages", {{"division_code", "141124101200"}, {"relocation_type", "whole_village"}});
  EXPECT_EQ(st2, 409) << dup.dump();
  ExpectEnvelope(dup, "conflict");
  EXPECT_EQ(dup["error"]["field"], "division_code");
  EXPECT_NE(dup["error"]["message"].get<std::string>().find("白文村委会"), std::string::npos) << dup.dump();
  EXPECT_NE(dup["error"]["message"].get<std::string>().find(std::to_string(village)), std::string::npos) << dup.dump();
  // Not a village of the list (a township's code), and no relocation type: 422 naming both.
  auto [st3, bad] = post("/api/v1/origin-villages", {{"division_code", "141124101"}});
  EXPECT_EQ(st3, 422) << bad.dump();
  std::set<std::string> fields;
  for (const auto& d : bad["error"]["details"]) fields.insert(d["field"].get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"division_code", "relocation_type"})) << bad.dump();
  // A legacy village (merged away since the move) by name and township; then the same name: 409.
  auto [st4, legacy] = post("/api/v1/origin-villages",
                            {{"name", "测试旧村"}, {"township_code", "141124101"}, {"relocation_type", "whole_village"}});
  ASSERT_EQ(st4, 201) << legacy.dump();
  EXPECT_EQ(legacy["division_code"], nullptr);
  EXPECT_EQ(legacy["township_name"], "白文镇");
  auto [st5, dup2] = post("/api/v1/origin-villages",
                          {{"name", "测试旧村"}, {"township_code", "141124101"}, {"relocation_type", "scattered"}});
  EXPECT_EQ(st5, 409) << dup2.dump();
  EXPECT_EQ(dup2["error"]["field"], "name");
  EXPECT_EQ(get("/api/v1/origin-villages")["items"].size(), 2u);
  // Audited, one entry each.
  json audit = get("/api/v1/audit?entity=origin_village&action=create")["items"];
  ASSERT_EQ(audit.size(), 2u) << audit.dump();
  // Now a household with its head.
  const int64_t site = get("/api/v1/sites")["items"][0]["id"];
  std::string first17 = "14112419800101001";
  json head = {{"resident_id", first17 + ResidentIdCheckChar(first17)}, {"name", "测试户主"}, {"relationship", "head"}};
  auto [st6, hh] = post("/api/v1/households", {{"household_no", "LX-F00001"}, {"category", "registered_poor"},
                                                {"origin_village_id", village}, {"site_id", site},
                                                {"move_in_date", "2019-06-30"}, {"members", json::array({head})}});
  EXPECT_EQ(st6, 201) << hh.dump();
  EXPECT_EQ(hh.value("origin_village", json::object()).value("name", ""), "白文村委会") << hh.dump();
  server->Stop();
  server->Join();
}

// A session for `user` with `password` (not cached), or an empty Session when refused.
Session LoginAs(httplib::Client& c, const std::string& user, const std::string& password,
                int want = 200) {
  auto r = c.Post("/api/v1/session", json{{"username", user}, {"password", password}}.dump(),
                  "application/json");
  EXPECT_TRUE(r);
  EXPECT_EQ(r->status, want) << user << ": " << r->body;
  Session s;
  if (r->status != 200) return s;
  std::string set_cookie = r->get_header_value("Set-Cookie");
  s.cookie = set_cookie.substr(0, set_cookie.find(';'));
  s.body = json::parse(r->body);
  s.csrf = s.body["csrf_token"].get<std::string>();
  return s;
}

// An extra county_admin, so the test does not depend on demo_admin, whom the throttling test
// locks. Made in this process through AuthService on its own connection: running `anju user
// add` against the database while this process's servers have it open is not safe (see the
// report of issue #12: Services::Open reads the file with an ifstream, which drops the
// process's POSIX locks, so another process may remove the WAL under them).
const std::string& ApiAdminPassword() {
  static const std::string pw = [] {
    const std::string p = "Api-admin-pass-2024";
    auto db = storage::Database::Open(Env::Get().db, {.create = false});
    EXPECT_TRUE(db);
    storage::SqliteAuthRepository repo(**db);
    auth::AuthService auth(repo);
    auth::NewUser nu;
    nu.username = "api.admin";
    nu.grant.role = Role::kCountyAdmin;
    nu.password = p;
    auto made = auth.AddUser(SystemActor(), nu);
    EXPECT_TRUE(made) << made.error().ToString();
    return p;
  }();
  return pw;
}

TEST_F(Api, UsersEndpointsAreForCountyAdminsOnlyAndEveryChangeIsAudited) {
  auto c = Client();
  Session admin = LoginAs(c, "api.admin", ApiAdminPassword());
  ASSERT_FALSE(admin.csrf.empty());
  const json clerk_body = {{"username", "clerk.li"}, {"display_name", "李文"},
                           {"role", "township_staff"}, {"township_code", "141124100"}};

  // Other roles: 403 on every users endpoint, and nothing is created.
  for (const std::string role_user : {"demo_staff", "demo_auditor", "demo_site", "demo_grid"}) {
    const Session& s = As(role_user);
    EXPECT_EQ(c.Get("/api/v1/users", H(&s, false))->status, 403) << role_user;
    EXPECT_EQ(c.Get("/api/v1/users/demo_staff", H(&s, false))->status, 403) << role_user;
    EXPECT_EQ(c.Post("/api/v1/users", H(&s), clerk_body.dump(), "application/json")->status, 403)
        << role_user;
    EXPECT_EQ(c.Patch("/api/v1/users/demo_grid", H(&s), R"({"disabled":true})",
                      "application/json")->status, 403) << role_user;
    EXPECT_EQ(c.Post("/api/v1/users/demo_grid/reset-password", H(&s), "", "application/json")
                  ->status, 403) << role_user;
    EXPECT_EQ(c.Post("/api/v1/users/demo_grid/unlock", H(&s), "", "application/json")->status,
              403) << role_user;
  }
  // Writes need the CSRF token even for the admin.
  EXPECT_EQ(c.Post("/api/v1/users", H(&admin, false), clerk_body.dump(), "application/json")
                ->status, 403);
  json listed = json::parse(c.Get("/api/v1/users", H(&admin, false))->body);
  for (const auto& u : listed["items"]) EXPECT_NE(u["username"], "clerk.li");
  EXPECT_EQ(listed["items"].size(), 8u);  // seven demo accounts (demo_cadre since issue #15) + api.admin

  // Create: the one-time password is answered once, scope resolved and labelled.
  auto made = c.Post("/api/v1/users", H(&admin), clerk_body.dump(), "application/json");
  ASSERT_TRUE(made);
  ASSERT_EQ(made->status, 201) << made->body;
  EXPECT_EQ(made->get_header_value("Location"), "/api/v1/users/clerk.li");
  EXPECT_EQ(made->get_header_value("Cache-Control"), "no-store");
  json mj = json::parse(made->body);
  const std::string otp = mj["one_time_password"];
  EXPECT_EQ(otp.size(), 16u);
  EXPECT_EQ(mj["user"]["role"], "township_staff");
  EXPECT_EQ(mj["user"]["scope"]["township_code"], "141124100");
  EXPECT_EQ(mj["user"]["scope_label"], "临泉镇");
  EXPECT_EQ(mj["user"]["must_change_password"], true);
  EXPECT_EQ(mj["user"].contains("password_hash"), false);
  const std::string id = std::to_string(mj["user"]["id"].get<int64_t>());
  json again = json::parse(c.Get("/api/v1/users/clerk.li", H(&admin, false))->body);
  EXPECT_EQ(again["display_name"], "李文");
  EXPECT_EQ(again["locked_until"], nullptr);

  // Bad bodies name the field; nothing is created.
  auto dup = c.Post("/api/v1/users", H(&admin), clerk_body.dump(), "application/json");
  EXPECT_EQ(dup->status, 409);
  EXPECT_EQ(json::parse(dup->body)["error"]["field"], "username");
  auto no_site = c.Post("/api/v1/users", H(&admin),
                        json{{"username", "clerk.x"}, {"role", "site_manager"}}.dump(),
                        "application/json");
  EXPECT_EQ(no_site->status, 422) << no_site->body;
  EXPECT_EQ(json::parse(no_site->body)["error"]["field"], "site_id");
  auto bad_grid = c.Post("/api/v1/users", H(&admin),
                         json{{"username", "clerk.x"}, {"role", "grid_worker"}, {"grid_id", 999999}}.dump(),
                         "application/json");
  EXPECT_EQ(bad_grid->status, 422);
  EXPECT_EQ(json::parse(bad_grid->body)["error"]["field"], "grid_id");
  EXPECT_EQ(json::parse(bad_grid->body)["error"]["value"], "999999");
  auto bad_role = c.Post("/api/v1/users", H(&admin),
                         json{{"username", "clerk.x"}, {"role", "mayor"}}.dump(), "application/json");
  EXPECT_EQ(bad_role->status, 422);
  EXPECT_EQ(DetailFields(json::parse(bad_role->body)), std::set<std::string>{"role"});
  EXPECT_EQ(c.Get("/api/v1/users/clerk.x", H(&admin, false))->status, 404);

  // The clerk logs in (must change first), then is moved to a site: sessions end at once.
  Session clerk = LoginAs(c, "clerk.li", otp);
  EXPECT_EQ(clerk.body["must_change_password"], true);
  const json first_site = Get(admin, "/api/v1/sites")["items"][0];
  const int64_t site_id = first_site["id"];
  auto moved = c.Patch("/api/v1/users/clerk.li", H(&admin),
                       json{{"role", "site_manager"}, {"site_id", site_id}}.dump(), "application/json");
  ASSERT_EQ(moved->status, 200) << moved->body;
  EXPECT_EQ(json::parse(moved->body)["scope"]["site_id"], site_id);
  EXPECT_EQ(json::parse(moved->body)["scope_label"], first_site["name"]);
  EXPECT_EQ(c.Get("/api/v1/session", H(&clerk, false))->status, 401);
  auto scope_only = c.Patch("/api/v1/users/clerk.li", H(&admin), json{{"site_id", site_id}}.dump(),
                            "application/json");
  EXPECT_EQ(scope_only->status, 422);
  EXPECT_EQ(c.Patch("/api/v1/users/clerk.li", H(&admin), "{}", "application/json")->status, 422);

  // Disable: the right password no longer logs in; enable again.
  ASSERT_EQ(c.Patch("/api/v1/users/clerk.li", H(&admin), R"({"disabled":true})",
                    "application/json")->status, 200);
  LoginAs(c, "clerk.li", otp, 401);
  ASSERT_EQ(c.Patch("/api/v1/users/clerk.li", H(&admin), R"({"disabled":false})",
                    "application/json")->status, 200);
  // An admin cannot disable themself nor reset their own password.
  auto self = c.Patch("/api/v1/users/api.admin", H(&admin), R"({"disabled":true})", "application/json");
  EXPECT_EQ(self->status, 422);
  EXPECT_EQ(c.Post("/api/v1/users/api.admin/reset-password", H(&admin), "", "application/json")
                ->status, 422);

  // Reset: a new one-time password, the old one is dead, must change at next login.
  auto reset = c.Post("/api/v1/users/clerk.li/reset-password", H(&admin), "", "application/json");
  ASSERT_EQ(reset->status, 200) << reset->body;
  const std::string otp2 = json::parse(reset->body)["one_time_password"];
  EXPECT_EQ(otp2.size(), 16u);
  EXPECT_NE(otp2, otp);
  LoginAs(c, "clerk.li", otp, 401);
  Session clerk2 = LoginAs(c, "clerk.li", otp2);
  EXPECT_EQ(clerk2.body["must_change_password"], true);

  // Throttled, shown as locked, unlocked by the admin.
  for (int i = 0; i < 5; ++i) LoginAs(c, "clerk.li", "wrong-" + std::to_string(i), 401);
  LoginAs(c, "clerk.li", otp2, 429);
  json locked = Get(admin, "/api/v1/users/clerk.li");
  EXPECT_GE(locked["failed_logins"].get<int>(), 5);
  EXPECT_TRUE(locked["locked_until"].is_number()) << locked.dump();
  auto unlocked = c.Post("/api/v1/users/clerk.li/unlock", H(&admin), "", "application/json");
  ASSERT_EQ(unlocked->status, 200) << unlocked->body;
  EXPECT_EQ(json::parse(unlocked->body)["locked_until"], nullptr);
  EXPECT_EQ(json::parse(unlocked->body)["failed_logins"], 0);
  LoginAs(c, "clerk.li", otp2, 200);

  // Every change is in the audit trail, by api.admin, without any password.
  json trail = Get(admin, "/api/v1/audit?entity=user&entity_id=" + id + "&limit=100");
  std::vector<std::string> changes;
  for (const auto& e : trail["items"]) {
    if (e["action"] == "login_failed") continue;
    EXPECT_EQ(e["username"], "api.admin") << e.dump();
    EXPECT_EQ(e["client"], "127.0.0.1") << e.dump();
    changes.push_back(e["action"].get<std::string>() + " " + e["changes"].dump());
  }
  std::string all = trail.dump();
  EXPECT_EQ(all.find(otp), std::string::npos);
  EXPECT_EQ(all.find(otp2), std::string::npos);
  ASSERT_EQ(changes.size(), 6u) << trail.dump(1);  // newest first
  EXPECT_NE(changes[0].find("\"failed_logins\""), std::string::npos) << changes[0];
  EXPECT_NE(changes[1].find("\"password\":\"reset\""), std::string::npos) << changes[1];
  EXPECT_NE(changes[2].find("\"disabled\":{\"from\":true,\"to\":false}"), std::string::npos) << changes[2];
  EXPECT_NE(changes[3].find("\"disabled\":{\"from\":false,\"to\":true}"), std::string::npos) << changes[3];
  EXPECT_NE(changes[4].find("\"role\":{\"from\":\"township_staff\",\"to\":\"site_manager\"}"),
            std::string::npos) << changes[4];
  EXPECT_TRUE(changes[5].starts_with("create ")) << changes[5];
}

// Behind nginx (--trusted-proxy 127.0.0.1) the client address of throttling and of the audit
// trail comes from X-Forwarded-For; talking to anju directly, X-Forwarded-For is ignored.
TEST_F(Api, TrustedProxyForwardedForFeedsThrottlingAndAuditUntrustedIsIgnored) {
  // Its own database (the per-address count must start at zero), accounts made by the CLI
  // before any server opens it.
  const fs::path dir = Env::Get().dir / "xff";
  fs::create_directories(dir);
  const std::string db = (dir / "xff.db").string();
  const std::string anju = ANJU_BINARY;
  ASSERT_EQ(Sh(anju + " init --db '" + db + "' >/dev/null"), 0);
  for (const std::string role : {"county_admin", "county_staff"}) {
    ASSERT_EQ(Sh("echo 'Xff-test-pass-2024' | " + anju + " user add xff." + role.substr(7) +
                 " --role " + role + " --password-stdin --db '" + db + "' >/dev/null"), 0);
  }
  ServerOptions o;
  o.db_path = db;
  o.threads = 2;
  o.trusted_proxies = *auth::TrustedProxies::Parse({"127.0.0.1"});
  o.auth.max_failures_per_client = 3;  // so that the test needs few attempts
  std::unique_ptr<Server> proxied = StartServer(o);
  ASSERT_TRUE(proxied);
  httplib::Client via_nginx = ClientOf(*proxied);
  // The same database without trusted proxies: a client talking to anju directly.
  o.trusted_proxies = {};
  std::unique_ptr<Server> plain = StartServer(o);
  ASSERT_TRUE(plain);
  httplib::Client direct = ClientOf(*plain);
  auto attempt = [](httplib::Client& c, const std::string& user, const std::string& pw,
                    const std::string& xff) {
    httplib::Headers h{{"X-Forwarded-For", xff}};
    return c.Post("/api/v1/session", h, json{{"username", user}, {"password", pw}}.dump(),
                  "application/json")->status;
  };
  // Three failures from one real client (the spoofed left entries differ each time).
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(attempt(via_nginx, "xff.nobody" + std::to_string(i), "wrong-pass",
                      "10.0.0." + std::to_string(i) + ", 198.51.100.23"), 401);
  }
  // That client is now throttled, even with the right password of another account…
  EXPECT_EQ(attempt(via_nginx, "xff.staff", "Xff-test-pass-2024", "198.51.100.23"), 429);
  // …but another client behind the same proxy is not.
  EXPECT_EQ(attempt(via_nginx, "xff.staff", "Xff-test-pass-2024", "198.51.100.24"), 200);
  // Directly (untrusted peer), the header is ignored: the failure is 127.0.0.1's.
  EXPECT_EQ(attempt(direct, "xff.spoof", "wrong-pass", "198.51.100.99"), 401);

  Session admin = LoginAs(direct, "xff.admin", "Xff-test-pass-2024");
  auto audit = [&](const std::string& action) {
    auto r = direct.Get("/api/v1/audit?limit=50&action=" + action, H(&admin, false));
    EXPECT_EQ(r->status, 200) << r->body;
    return json::parse(r->body);
  };
  json failed = audit("login_failed");
  std::vector<std::string> clients;  // newest first, as the trail answers
  for (const auto& e : failed["items"]) clients.push_back(e["client"].get<std::string>());
  EXPECT_EQ(clients, (std::vector<std::string>{"127.0.0.1", "198.51.100.23", "198.51.100.23",
                                               "198.51.100.23", "198.51.100.23"}))
      << failed.dump(1);  // the direct spoof, the throttled attempt, three failures
  json logins = audit("login");
  std::vector<std::string> login_clients;
  for (const auto& e : logins["items"]) login_clients.push_back(e["client"].get<std::string>());
  EXPECT_EQ(login_clients, (std::vector<std::string>{"127.0.0.1", "198.51.100.24"}));
  plain->Stop();
  plain->Join();
  proxied->Stop();
  proxied->Join();
}

// Issue #12, item 8: the web upload uses the importer's readers, so a file of absurd spans is
// refused there too, as a 422 naming the cell, the span and the limit (it used to be accepted
// and to take the server to tens of GB). The table is built here: `rows` rows of `cols` cells,
// every cell with rowspan = colspan = `span`.
std::string SpanTable(int rows, int cols, int span) {
  std::string s = "<html><head><meta charset=\"utf-8\"></head><body><table>\n";
  for (int r = 0; r < rows; ++r) {
    s += "<tr>";
    for (int c = 0; c < cols; ++c)
      s += "<td rowspan=\"" + std::to_string(span) + "\" colspan=\"" + std::to_string(span) + "\">x</td>";
    s += "</tr>\n";
  }
  return s + "</table></body></html>\n";
}

// The upload of SpanTable(rows, cols, span) as `file_name` through `c` with the session headers
// `h`: must be a 422; returns the body (the callers check its envelope).
json PreviewSpanTableIs422(httplib::Client c, httplib::Headers h, const std::string& file_name, int rows, int cols,
                           int span) {
  h.emplace("X-File-Name", file_name);
  auto r = c.Post("/api/v1/imports/preview", h, SpanTable(rows, cols, span), "application/octet-stream");
  EXPECT_TRUE(r);
  if (!r) return json();
  EXPECT_EQ(r->status, 422) << r->body.substr(0, 400);
  return json::parse(r->body, nullptr, false);
}

TEST_F(Api, ImportPreviewRefusesATableWiderThanExcelWith422) {
  // One row of 17 cells of colspan 1000 (rowspan 1): the 17th starts at column 16,000 (WQK) and
  // would end past XFD.
  json j = PreviewSpanTableIs422(Client(), H(&As("demo_staff")), "wide.xls", 1, 17, 1000);
  ExpectEnvelope(j, "invalid_argument");
  std::string msg = j["error"]["message"].get<std::string>();
  EXPECT_NE(msg.find("WQK1 (rowspan 1000, colspan 1000)"), std::string::npos) << msg;
  EXPECT_NE(msg.find("16,384"), std::string::npos) << msg;
  EXPECT_NE(j["error"]["message_zh"].get<std::string>().find("取消合并"), std::string::npos);
}

TEST_F(Api, ImportPreviewOfTheIssuesSpanFileIs422) {
  // The issue's 162 KB file (64 × 64 cells, rowspan = colspan = 1000).
  json j = PreviewSpanTableIs422(Client(), H(&As("demo_staff")), "spans.xls", 64, 64, 1000);
  ExpectEnvelope(j, "invalid_argument");
  EXPECT_NE(j["error"]["message"].get<std::string>().find("spans.xls: the table cell WQK1"), std::string::npos)
      << j["error"]["message"];
}

// ---- issue #14 item 6: whole ids only for the roles allowed; audit filters --------------------

// China Standard Time (UTC+8) date of `t` plus `days`, YYYY-MM-DD: the audit's local days.
static std::string ChinaDay(std::time_t t, int days = 0) {
  std::time_t shifted = t + 8 * 3600 + static_cast<std::time_t>(days) * 86400;
  std::tm tm{};
  gmtime_r(&shifted, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

TEST_F(Api, WholeIdsOnADetailOnlyForCountyRolesEachViewAuditedWithTheHouseholdNumber) {
  const Session& grid = As("demo_grid");
  json one = Get(grid, "/api/v1/households?limit=1");
  ASSERT_FALSE(one["items"].empty());
  const int64_t id = one["items"][0]["id"];
  const std::string path = "/api/v1/households/" + std::to_string(id);
  json masked = Get(grid, path);
  const std::string no = masked["household_no"];
  const int64_t head = masked["members"][0]["id"];
  const std::string person = "/api/v1/persons/" + std::to_string(head);
  const Session& auditor = As("demo_auditor");
  auto view_full_count = [&] {
    return Get(auditor, "/api/v1/audit?action=view_full&limit=1000&household_no=" + no)["items"].size();
  };
  const size_t before = view_full_count();

  // Refused for every role but the county ones, before anything is shown or written.
  // (Township staff and county admins: auth/capabilities_test.cc and scope_test.cc, at the
  // service; logging in more users here would meet the login throttle of the suite.)
  for (const char* user : {"demo_site", "demo_grid", "demo_auditor"}) {
    const Session& s = As(user);
    for (const std::string& p : {path + "?full=true", person + "?full=true"}) {
      json e = Get(s, p, 403);
      ExpectEnvelope(e, "permission_denied");
      EXPECT_EQ(e["error"]["field"], "full") << user << " " << p;
      EXPECT_FALSE(e["error"]["message_zh"].get<std::string>().empty());
    }
    EXPECT_EQ(s.body["capabilities"]["actions"].dump().find("ids.view_whole"), std::string::npos) << user;
  }
  // The person detail without full is masked (it was whole for everyone before).
  json pm = Get(grid, person);
  EXPECT_NE(pm["resident_id"].get<std::string>().find("********"), std::string::npos) << pm.dump();
  EXPECT_EQ(view_full_count(), before) << "a refused view was audited";

  // County roles see the whole id; each view is one audit entry naming what was shown.
  {
    const char* user = "demo_staff";
    const Session& s = As(user);
    EXPECT_NE(s.body["capabilities"]["actions"].dump().find("\"ids.view_whole\""), std::string::npos) << user;
    json full = Get(s, path + "?full=true");
    const std::string rid = full["members"][0]["resident_id"];
    EXPECT_EQ(rid.size(), 18u);
    EXPECT_EQ(rid.find('*'), std::string::npos);
    json p = Get(s, person + "?full=true");
    EXPECT_EQ(p["resident_id"], rid);
  }
  json entries = Get(auditor, "/api/v1/audit?action=view_full&limit=2&household_no=" + no);
  ASSERT_EQ(view_full_count(), before + 2);
  std::set<std::string> seen;
  for (const auto& e : entries["items"]) {
    EXPECT_EQ(e["household_no"], no) << e.dump();
    EXPECT_EQ(e["changes"]["shown"], "resident_id phone") << e.dump();
    seen.insert(e["username"].get<std::string>() + "/" + e["entity"].get<std::string>());
    if (e["entity"] == "person") {
      EXPECT_EQ(e["entity_id"], std::to_string(head));
      EXPECT_EQ(e["person"]["name"], masked["members"][0]["name"]);
      EXPECT_EQ(e["person"]["resident_id"], masked["members"][0]["resident_id"]);  // masked
    } else {
      EXPECT_EQ(e["entity_id"], std::to_string(id));
      EXPECT_EQ(e["person"], nullptr);
    }
  }
  EXPECT_EQ(seen, (std::set<std::string>{"demo_staff/household", "demo_staff/person"}));
}

TEST_F(Api, AuditFiltersByLocalDaysAndRecordAndRefusesBadValuesNamingTheField) {
  const Session& staff = As("demo_staff");
  const Session& auditor = As("demo_auditor");
  json list = Get(staff, "/api/v1/households?limit=1&sort=-household_no");
  const int64_t id = list["items"][0]["id"];
  const std::string no = list["items"][0]["household_no"];
  json full = Get(staff, "/api/v1/households/" + std::to_string(id) + "?full=true");
  const std::string rid = full["members"][0]["resident_id"];
  const int64_t head = full["members"][0]["id"];
  Get(staff, "/api/v1/persons/" + std::to_string(head) + "?full=true");
  const std::time_t now = std::time(nullptr);
  const std::string today = ChinaDay(now), yesterday = ChinaDay(now, -1), tomorrow = ChinaDay(now, 1);
  // Day D (China time) is [D-1 16:00Z, D 16:00Z), computed here independently of the server.
  const std::string day_start = yesterday + "T16:00:00", day_end = today + "T16:00:00";

  json mine = Get(auditor, "/api/v1/audit?limit=1000&from=" + today + "&to=" + today + "&household_no=" + no);
  ASSERT_GE(mine["items"].size(), 2u) << mine.dump().substr(0, 400);
  std::set<std::string> entities;
  for (const auto& e : mine["items"]) {
    const std::string at = e["at"];
    EXPECT_GE(at, day_start);
    EXPECT_LT(at, day_end);
    EXPECT_EQ(e["household_no"], no);
    entities.insert(e["entity"].get<std::string>() + ":" + e["entity_id"].get<std::string>());
  }
  EXPECT_TRUE(entities.contains("household:" + std::to_string(id)));
  EXPECT_TRUE(entities.contains("person:" + std::to_string(head)));
  // Only days before today: none of today's entries; from tomorrow: nothing.
  for (const auto& e : Get(auditor, "/api/v1/audit?limit=1000&to=" + yesterday + "&household_no=" + no)["items"])
    EXPECT_LT(e["at"].get<std::string>(), day_start);
  EXPECT_TRUE(Get(auditor, "/api/v1/audit?from=" + tomorrow)["items"].empty());
  // A person by the tail of the resident id (x in any case).
  std::string tail = rid.substr(12);
  for (char& ch : tail) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  json by_tail = Get(auditor, "/api/v1/audit?limit=1000&from=" + today + "&resident_id_tail=" + tail);
  ASSERT_FALSE(by_tail["items"].empty());
  for (const auto& e : by_tail["items"]) {
    EXPECT_EQ(e["entity"], "person");
    EXPECT_EQ(e["entity_id"], std::to_string(head));
    EXPECT_EQ(e["household_no"], no);
  }
  // Bad values: 422 naming the field and the value, in Chinese too.
  for (auto [query, field] : {std::pair{"from=2026-13-01", "from"}, std::pair{"to=yesterday", "to"},
                              std::pair{"from=2026-03-02&to=2026-03-01", "to"},
                              std::pair{"resident_id_tail=12a4", "resident_id_tail"},
                              std::pair{"resident_id_tail=015", "resident_id_tail"}}) {
    json e = Get(auditor, std::string("/api/v1/audit?") + query, 422);
    ExpectEnvelope(e, "invalid_argument");
    EXPECT_EQ(e["error"]["field"], field) << query;
    EXPECT_FALSE(e["error"]["message_zh"].get<std::string>().empty()) << query;
  }
  // Still only for auditors and county admins.
  ExpectEnvelope(Get(staff, "/api/v1/audit?household_no=" + no, 403), "permission_denied");
}

// Attachments (issue #15 item 3) per role over HTTP: type by content (a PNG named .pdf is
// stored as PNG, text named .jpg 415, HEIC 415 with the camera fix, one byte over the limit
// 413), raw body and multipart, scope (another grid's household's file: 404 on metadata AND
// content), the auditor reads but cannot upload, the hash verified on read (a flipped byte on
// disk: 500 "file damaged", never the bytes), withdrawal, the household file's list.
TEST_F(Api, AttachmentsPerRoleTypesScopeAndDamage) {
  const Session& grid = As("demo_grid");
  const Session& staff = As("demo_staff");
  const Session& auditor = As("demo_auditor");
  int64_t grid_id = grid.body["scope"]["grid_id"];
  json mine_list = Get(grid, "/api/v1/households?limit=1");
  ASSERT_FALSE(mine_list["items"].empty());
  int64_t mine = mine_list["items"][0]["id"];
  json all = Get(staff, "/api/v1/households?limit=50&sort=-household_no");
  int64_t other = 0;
  for (const auto& hh : all["items"])
    if (hh["grid_id"] != grid_id) {
      other = hh["id"];
      break;
    }
  ASSERT_NE(other, 0);
  auto c = Client();
  auto upload = [&](const Session& s, const std::string& owner, int64_t id, const std::string& name,
                    const std::string& bytes, const std::string& type) {
    auto h = H(&s);
    std::string enc;  // encodeURIComponent, as the web panel sends it
    for (unsigned char ch : name)
      enc += std::isalnum(ch) || ch == '.' || ch == '-' || ch == '_' ? std::string(1, static_cast<char>(ch))
                                                                      : fmt::format("%{:02X}", static_cast<unsigned>(ch));
    h.emplace("X-Filename", enc);
    return c.Post(fmt::format("/api/v1/attachments?owner={}&owner_id={}&caption=test", owner, id), h, bytes,
                  type);
  };
  const std::string png = std::string("\x89PNG\r\n\x1A\n", 8) + "api test png";
  const std::string jpeg = std::string("\xFF\xD8\xFF\xE0", 4) + "api test jpeg of a house";

  // A PNG named .pdf, declared application/pdf: stored as PNG under its SHA-256.
  auto up = upload(staff, "household", other, "协议.pdf", png, "application/pdf");
  ASSERT_TRUE(up);
  ASSERT_EQ(up->status, 201) << up->body;
  json a = json::parse(up->body);
  EXPECT_EQ(a["mime"], "image/png");
  EXPECT_EQ(a["filename"], "协议.pdf");
  EXPECT_EQ(a["size"], png.size());
  int64_t other_file = a["id"];
  // Text named .jpg: 415 naming the file.
  auto text = upload(staff, "household", other, "photo.jpg", "just text", "image/jpeg");
  ASSERT_TRUE(text);
  EXPECT_EQ(text->status, 415) << text->body;
  json te = json::parse(text->body);
  EXPECT_EQ(te["error"]["field"], "file");
  EXPECT_NE(te["error"]["message"].get<std::string>().find("photo.jpg"), std::string::npos);
  // HEIC: 415 with the fix.
  auto heic = upload(grid, "household", mine, "IMG_1.HEIC",
                     std::string("\0\0\0\x18" "ftypheic", 12) + std::string(20, '\0'), "image/heic");
  ASSERT_TRUE(heic);
  EXPECT_EQ(heic->status, 415);
  EXPECT_NE(json::parse(heic->body)["error"]["message_zh"].get<std::string>().find("兼容格式"), std::string::npos);
  // One byte over the default limit (10 MiB): 413.
  std::string big = jpeg + std::string(10 * 1024 * 1024 + 1 - jpeg.size(), 'x');
  auto over = upload(grid, "household", mine, "big.jpg", big, "image/jpeg");
  ASSERT_TRUE(over);
  EXPECT_EQ(over->status, 413) << over->body.substr(0, 300);
  EXPECT_EQ(json::parse(over->body)["error"]["value"], std::to_string(big.size()));
  big.pop_back();
  auto at_limit = upload(grid, "household", mine, "big.jpg", big, "image/jpeg");
  ASSERT_TRUE(at_limit);
  EXPECT_EQ(at_limit->status, 201) << at_limit->body.substr(0, 300);

  // Multipart (a browser form), by the grid worker on their own household.
  httplib::MultipartFormDataItems form = {{"file", jpeg, "走访.jpg", "image/jpeg"}};
  auto mp = c.Post(fmt::format("/api/v1/attachments?owner=household&owner_id={}", mine), H(&grid), form);
  ASSERT_TRUE(mp);
  ASSERT_EQ(mp->status, 201) << mp->body;
  int64_t my_file = json::parse(mp->body)["id"];

  // Scope: the other grid's file is 404 for the grid worker — metadata, content, list, upload.
  ExpectEnvelope(Get(grid, fmt::format("/api/v1/attachments/{}", other_file), 404), "not_found");
  auto hidden = c.Get(fmt::format("/api/v1/attachments/{}/content", other_file), H(&grid, false));
  ASSERT_TRUE(hidden);
  EXPECT_EQ(hidden->status, 404);
  EXPECT_EQ(hidden->body.find("api test png"), std::string::npos);
  Get(grid, fmt::format("/api/v1/attachments?owner=household&owner_id={}", other), 404);
  auto foreign = upload(grid, "household", other, "x.jpg", jpeg, "image/jpeg");
  ASSERT_TRUE(foreign);
  EXPECT_EQ(foreign->status, 404);

  // Own file: the bytes, with the headers.
  auto got = c.Get(fmt::format("/api/v1/attachments/{}/content", my_file), H(&grid, false));
  ASSERT_TRUE(got);
  EXPECT_EQ(got->status, 200);
  EXPECT_EQ(got->body, jpeg);
  EXPECT_EQ(got->get_header_value("Content-Type"), "image/jpeg");
  EXPECT_EQ(got->get_header_value("X-Content-Type-Options"), "nosniff");
  // Sent as filename*=UTF-8''%E8%B5%B0%E8%AE%BF.jpg; httplib's client percent-decodes header values.
  EXPECT_EQ(got->get_header_value("Content-Disposition"),
            "inline; filename=\"______.jpg\"; filename*=UTF-8''走访.jpg");

  // The auditor reads, cannot upload.
  json listed = Get(auditor, fmt::format("/api/v1/attachments?owner=household&owner_id={}", other));
  EXPECT_EQ(listed["items"][0]["id"], other_file);
  auto aud = upload(auditor, "household", other, "x.jpg", jpeg, "image/jpeg");
  ASSERT_TRUE(aud);
  EXPECT_EQ(aud->status, 403);

  // The household file: the household's and its members' files.
  json detail = Get(staff, fmt::format("/api/v1/households/{}", other));
  int64_t member = detail["members"][0]["id"];
  auto pf = upload(staff, "person", member, "身份证复印件.pdf", "%PDF-1.4\nmember scan", "application/pdf");
  ASSERT_TRUE(pf);
  ASSERT_EQ(pf->status, 201) << pf->body;
  json hf = Get(staff, fmt::format("/api/v1/attachments?household_id={}", other));
  std::set<int64_t> ids;
  for (const auto& x : hf["items"]) ids.insert(x["id"].get<int64_t>());
  EXPECT_TRUE(ids.contains(other_file));
  EXPECT_TRUE(ids.contains(json::parse(pf->body)["id"].get<int64_t>()));

  // A flipped byte on disk: 500 "file damaged", never the bytes.
  std::string sha = a["sha256"];
  fs::path stored = fs::path(Env::Get().db + ".files") / "sha256" / sha.substr(0, 2) / sha;
  ASSERT_TRUE(fs::exists(stored));
  {
    std::fstream f(stored, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(10);
    f.put('#');
  }
  auto damaged = c.Get(fmt::format("/api/v1/attachments/{}/content", other_file), H(&staff, false));
  ASSERT_TRUE(damaged);
  EXPECT_EQ(damaged->status, 500);
  EXPECT_EQ(damaged->body.find("api test png"), std::string::npos);
  json de = json::parse(damaged->body);
  EXPECT_NE(de["error"]["message"].get<std::string>().find("is damaged"), std::string::npos);
  EXPECT_NE(de["error"]["message_zh"].get<std::string>().find("文件已损坏"), std::string::npos);
  // Never the server's path (found by the fresh-clone tester: the message named the file's
  // absolute path under <db>.files/).
  EXPECT_EQ(damaged->body.find(".files/sha256"), std::string::npos) << damaged->body;

  // Withdraw: the grid worker no longer sees it; county staff list it as withdrawn.
  auto w = c.Post(fmt::format("/api/v1/attachments/{}/withdraw", my_file), H(&grid),
                  json{{"reason", "wrong household"}}.dump(), "application/json");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->status, 200) << w->body;
  Get(grid, fmt::format("/api/v1/attachments/{}", my_file), 404);
  json county = Get(staff, fmt::format("/api/v1/attachments/{}", my_file));
  EXPECT_EQ(county["withdrawn"], true);
  EXPECT_EQ(county["withdrawn_reason"], "wrong household");
}

// ---- visits and benefits (issue #15 items 2, 8) -----------------------------------------------

// Visits per role: a grid worker records on its grid (201), not on another grid (404); the
// auditor may not (403); coordinates without consent are refused naming location_consent and
// store nothing; with consent they are stored; lists, detail, void and statistics stay in scope.
TEST_F(Api, VisitsPerRoleScopeConsentVoidAndStats) {
  const Session& grid = As("demo_grid");
  const Session& staff = As("demo_staff");
  const int64_t grid_id = grid.body["scope"]["grid_id"];
  const int64_t mine = SqlCount(fmt::format(
      "SELECT min(id) FROM households WHERE grid_id = {} AND ended_on IS NULL", grid_id));
  const int64_t other = SqlCount(fmt::format(
      "SELECT min(id) FROM households WHERE (grid_id IS NULL OR grid_id <> {}) AND ended_on IS NULL", grid_id));
  const std::string day =
      FormatIsoDate(Date{std::chrono::sys_days(TodayInChina()) - std::chrono::days{1}});
  const json visit = {{"visited_on", day}, {"purpose", "hardship"}, {"findings", "冬季取暖正常"}};
  auto c = Client();
  const int64_t before = SqlCount("SELECT count(*) FROM visits");
  auto post = [&](const Session& s, int64_t hh, const json& body) {
    auto r = c.Post(fmt::format("/api/v1/households/{}/visits", hh), H(&s), body.dump(), "application/json");
    EXPECT_TRUE(r);
    return std::pair<int, json>{r ? r->status : 0, r ? json::parse(r->body, nullptr, false) : json()};
  };
  auto [s1, outside] = post(grid, other, visit);
  EXPECT_EQ(s1, 404);
  ExpectEnvelope(outside, "not_found");
  auto [s2, auditor] = post(As("demo_auditor"), mine, visit);
  EXPECT_EQ(s2, 403);
  ExpectEnvelope(auditor, "permission_denied");
  json located = visit;
  located["latitude"] = 37.95;
  located["longitude"] = 110.99;
  auto [s3, no_consent] = post(grid, mine, located);
  EXPECT_EQ(s3, 422);
  EXPECT_EQ(no_consent["error"]["field"], "location_consent") << no_consent.dump();
  EXPECT_NE(no_consent["error"]["message_zh"].get<std::string>().find("个人信息保护法"), std::string::npos);
  EXPECT_EQ(SqlCount("SELECT count(*) FROM visits"), before);  // nothing stored
  located["location_consent"] = true;
  auto [s4, with_consent] = post(grid, mine, located);
  ASSERT_EQ(s4, 201) << with_consent.dump();
  EXPECT_DOUBLE_EQ(with_consent["latitude"].get<double>(), 37.95);
  auto [s5, plain] = post(grid, mine, visit);
  ASSERT_EQ(s5, 201) << plain.dump();
  const int64_t id = plain["id"];
  EXPECT_EQ(plain["purpose_zh"], "困难排查");
  EXPECT_TRUE(plain["latitude"].is_null());
  EXPECT_EQ(SqlCount(fmt::format("SELECT count(*) FROM audit_log WHERE entity = 'visit' AND entity_id = '{}'", id)), 1);
  // The staff's visit on the other household is not seen by the grid worker.
  auto [s6, theirs] = post(staff, other, visit);
  ASSERT_EQ(s6, 201) << theirs.dump();
  ExpectEnvelope(Get(grid, fmt::format("/api/v1/visits/{}", theirs["id"].get<int64_t>()), 404), "not_found");
  json list = Get(grid, "/api/v1/visits?limit=500");
  EXPECT_EQ(list["total"].get<int64_t>(),
            SqlCount(fmt::format("SELECT count(*) FROM visits v JOIN households h ON h.id = v.household_id "
                                 "WHERE h.grid_id = {} AND v.voided_on IS NULL", grid_id)));
  for (const auto& v : list["items"]) EXPECT_NE(v["id"], theirs["id"]);
  EXPECT_EQ(Get(staff, fmt::format("/api/v1/visits?household_id={}", other))["total"], 1);
  // Void: reason required, then kept with it; a second void is a conflict.
  auto v1 = c.Post(fmt::format("/api/v1/visits/{}/void", id), H(&grid), json::object().dump(), "application/json");
  ASSERT_TRUE(v1);
  EXPECT_EQ(v1->status, 422);
  auto v2 = c.Post(fmt::format("/api/v1/visits/{}/void", id), H(&grid), json{{"reason", "重复录入"}}.dump(), "application/json");
  ASSERT_TRUE(v2);
  EXPECT_EQ(v2->status, 200) << v2->body;
  EXPECT_EQ(json::parse(v2->body)["void_reason"], "重复录入");
  auto v3 = c.Post(fmt::format("/api/v1/visits/{}/void", id), H(&grid), json{{"reason", "again"}}.dump(), "application/json");
  ASSERT_TRUE(v3);
  EXPECT_EQ(v3->status, 409);
  // Statistics of the grid worker: only its grid's site; households counted by SQL here.
  json stats = Get(grid, fmt::format("/api/v1/visits/stats?by=site&from={}&to={}", day, day));
  ASSERT_EQ(stats["items"].size(), 1u) << stats.dump();
  const json& row = stats["items"][0];
  EXPECT_EQ(row["visits"], 1);  // the located one (the other is voided)
  EXPECT_EQ(row["households_visited"], 1);
  const int64_t counted = SqlCount(fmt::format(
      "SELECT count(*) FROM households WHERE grid_id = {0} AND move_in_date <= '{1}' AND (formed_on IS NULL OR "
      "formed_on <= '{1}') AND (ended_on IS NULL OR ended_on > '{1}')", grid_id, day));
  EXPECT_EQ(row["households_in_scope"], counted);
  EXPECT_EQ(row["households_not_visited"], counted - 1);
  ExpectEnvelope(Get(grid, "/api/v1/visits/stats?by=village", 422), "invalid_argument");
}

// The benefits list (享受政策): the registry's housing placement, with the unit's area read here
// by SQL; scope as the household detail.
TEST_F(Api, HouseholdBenefitsListTheHousingPlacement) {
  const Session& staff = As("demo_staff");
  const int64_t hh = SqlCount(
      "SELECT min(h.id) FROM households h JOIN housing_units u ON u.id = h.housing_unit_id "
      "WHERE u.floor_area_dm2 IS NOT NULL AND h.ended_on IS NULL");
  const std::string site = SqlColumn(fmt::format(
      "SELECT s.name FROM households h JOIN sites s ON s.id = h.site_id WHERE h.id = {}", hh))[0];
  const int64_t dm2 = SqlCount(fmt::format(
      "SELECT u.floor_area_dm2 FROM households h JOIN housing_units u ON u.id = h.housing_unit_id WHERE h.id = {}", hh));
  const std::string move_in = SqlColumn(fmt::format("SELECT move_in_date FROM households WHERE id = {}", hh))[0];
  json b = Get(staff, fmt::format("/api/v1/households/{}/benefits", hh));
  // The registry's one housing line first; other modules' lines (a welfare post, issue #16) follow
  // and are counted separately: one per current or past holding of the household's members.
  const int64_t posts = SqlCount(fmt::format(
      "SELECT count(*) FROM post_holdings ph JOIN persons p ON p.id = ph.person_id WHERE p.household_id = {}", hh));
  ASSERT_EQ(b["items"].size(), 1u + static_cast<size_t>(posts)) << b.dump();
  const json& line = b["items"][0];
  EXPECT_EQ(line["module"], "registry");
  EXPECT_EQ(line["kind"], "housing");
  const std::string label = line["label_zh"];
  EXPECT_NE(label.find(site), std::string::npos) << label;
  EXPECT_NE(label.find(fmt::format("{}.{:02d} m²", dm2 / 100, dm2 % 100)), std::string::npos) << label;
  EXPECT_EQ(line["from"], move_in);
  // Before the move-in: nothing yet.
  EXPECT_TRUE(Get(staff, fmt::format("/api/v1/households/{}/benefits?as_of=1990-01-01", hh))["items"].empty());
  // Outside the grid worker's scope: 404.
  const Session& grid = As("demo_grid");
  const int64_t grid_id = grid.body["scope"]["grid_id"];
  const int64_t other = SqlCount(fmt::format(
      "SELECT min(id) FROM households WHERE grid_id IS NULL OR grid_id <> {}", grid_id));
  ExpectEnvelope(Get(grid, fmt::format("/api/v1/households/{}/benefits", other), 404), "not_found");
}

}  // namespace
}  // namespace anju::http
