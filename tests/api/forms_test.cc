// Forms over HTTP (fresh-clone tester of the casework release, session 8): the real server against
// the real `anju demo` database (tests/api/demo_env.h).
//
//   * A create/update body with several bad fields answers one 422 naming EVERY field — the body
//     reader's faults (wrong type, not a date, unknown code) and the service's own (required,
//     in the future, a phone) together — each with a Chinese and an English message, and
//     nothing is stored.
//   * An upload sent with a non-multipart Content-Type (application/x-www-form-urlencoded) is the
//     file's bytes, never a form.
//   * Body limits hold before the body is read: a client that asks first (Expect: 100-continue)
//     gets 413 for a JSON body declared larger than the JSON limit and 401 for an upload without
//     a session, and never sends the body; a client that sends it anyway gets the same answer
//     (the body dropped as it arrives) on a connection that stays usable.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <set>
#include <string>

#include <fmt/format.h>

#include "auth/hardening.h"
#include "demo_env.h"
#include "storage/sqlite.h"

namespace anju::http {
namespace {

using nlohmann::json;
using test::DemoEnv;

int64_t SqlInt(const std::string& sql) {
  static std::unique_ptr<storage::Database> db = [] {
    auto d = storage::Database::Open(DemoEnv::Get().db, {.read_only = true, .create = false});
    EXPECT_TRUE(d) << d.error().ToString();
    return d ? std::move(*d) : nullptr;
  }();
  if (!db) return -1;
  auto st = db->Prepare(sql);
  EXPECT_TRUE(st) << sql;
  if (!st) return -1;
  auto row = st->Step();
  return row && *row ? st->ColumnInt(0) : -1;
}

httplib::Client Client() {
  httplib::Client c("127.0.0.1", DemoEnv::Get().server->port());
  c.set_read_timeout(60, 0);
  return c;
}

struct User {
  std::string cookie, csrf;
};

User Login(const std::string& name) {
  static std::map<std::string, User> users;
  if (auto it = users.find(name); it != users.end()) return it->second;
  auto res = Client().Post("/api/v1/session", json{{"username", name}, {"password", "anju-demo"}}.dump(),
                           "application/json");
  EXPECT_TRUE(res && res->status == 200) << name;
  if (!res || res->status != 200) return {};
  std::string set_cookie = res->get_header_value("Set-Cookie");
  User u{set_cookie.substr(0, set_cookie.find(';')), json::parse(res->body)["csrf_token"]};
  users[name] = u;
  return u;
}

httplib::Headers H(const std::string& user) {
  User u = Login(user);
  return {{"Cookie", u.cookie}, {"X-CSRF-Token", u.csrf}};
}

struct Answer {
  int status = 0;
  json body;
};

Answer Post(const std::string& user, const std::string& path, const json& body) {
  auto r = Client().Post(path, H(user), body.dump(), "application/json");
  EXPECT_TRUE(r) << path;
  if (!r) return {};
  return {r->status, json::parse(r->body, nullptr, false)};
}

// The fields a 422 names (its details), checking each has a Chinese and an English message.
std::set<std::string> Fields(const Answer& a) {
  std::set<std::string> out;
  const json& e = a.body["error"];
  for (const auto& d : e["details"]) {
    const std::string en = d.value("message", ""), zh = d.value("message_zh", "");
    EXPECT_FALSE(en.empty()) << d.dump();
    // A Chinese message of its own (the envelope repeats the English one when there is none).
    EXPECT_TRUE(!zh.empty() && zh != en) << d.dump();
    out.insert(d.value("field", ""));
  }
  return out;
}

class Forms : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& env = DemoEnv::Get();
    if (!env.skip.empty()) GTEST_SKIP() << env.skip;
    ASSERT_TRUE(env.error.empty()) << env.error;
  }
};

TEST_F(Forms, InspectionWithSeveralBadFieldsNamesEachOfThem) {
  const int64_t before = SqlInt("SELECT count(*) FROM inspections");
  // name: the service's (required); kind: the service's (not a kind); held_on: the reader's.
  Answer a = Post("demo_admin", "/api/v1/inspections", {{"name", ""}, {"kind", "bogus"}, {"held_on", "2030-13-01"}});
  EXPECT_EQ(a.status, 422) << a.body.dump();
  EXPECT_EQ(Fields(a), (std::set<std::string>{"name", "kind", "held_on"})) << a.body.dump();
  // A reader fault and a service fault on the same field: the reader's alone (one per field).
  Answer b = Post("demo_admin", "/api/v1/inspections", {{"name", 5}, {"kind", "bogus"}, {"held_on", "2020-01-01"}});
  EXPECT_EQ(b.status, 422) << b.body.dump();
  EXPECT_EQ(Fields(b), (std::set<std::string>{"name", "kind"})) << b.body.dump();
  EXPECT_EQ(b.body["error"]["details"].size(), 2u) << b.body.dump();
  EXPECT_EQ(SqlInt("SELECT count(*) FROM inspections"), before);
}

TEST_F(Forms, DataCallWithSeveralBadFieldsNamesEachOfThem) {
  const int64_t before = SqlInt("SELECT count(*) FROM data_calls");
  json columns = json::array({
      {{"key", "Bad Key"}, {"label_zh", ""}, {"type", "nope"}},                          // key, label_zh, type
      {{"key", "people"}, {"label_zh", "人数"}, {"type", "integer"}, {"values", {"x"}}},  // values
  });
  Answer a = Post("demo_admin", "/api/v1/data-calls",
                  {{"title", ""}, {"due_on", "2020-01-01"}, {"columns", columns}, {"site_ids", {"one"}}});
  EXPECT_EQ(a.status, 422) << a.body.dump();
  EXPECT_EQ(Fields(a), (std::set<std::string>{"title", "due_on", "columns[0].key", "columns[0].label_zh",
                                              "columns[0].type", "columns[1].values", "site_ids[0]"}))
      << a.body.dump();
  EXPECT_EQ(SqlInt("SELECT count(*) FROM data_calls"), before);
}

TEST_F(Forms, VisitWithSeveralBadFieldsNamesEachOfThem) {
  const int64_t household = SqlInt("SELECT id FROM households WHERE grid_id = 1 ORDER BY id LIMIT 1");
  ASSERT_GT(household, 0);
  const int64_t before = SqlInt("SELECT count(*) FROM visits");
  // visited_on: the service's (in the future); purpose and latitude: the reader's.
  Answer a = Post("demo_grid", fmt::format("/api/v1/households/{}/visits", household),
                  {{"visited_on", "2999-01-01"}, {"purpose", "bogus"}, {"latitude", "north"}});
  EXPECT_EQ(a.status, 422) << a.body.dump();
  EXPECT_EQ(Fields(a), (std::set<std::string>{"visited_on", "purpose", "latitude"})) << a.body.dump();
  EXPECT_EQ(SqlInt("SELECT count(*) FROM visits"), before);
}

TEST_F(Forms, CadreWithSeveralBadFieldsNamesEachOfThem) {
  const int64_t before = SqlInt("SELECT count(*) FROM cadres");
  const int64_t audit = SqlInt("SELECT count(*) FROM audit_log");
  // name and phone: the service's; unit: the reader's (a number); nickname: unknown.
  Answer a = Post("demo_admin", "/api/v1/cadres", {{"name", ""}, {"phone", "12"}, {"unit", 5}, {"nickname", "x"}});
  EXPECT_EQ(a.status, 422) << a.body.dump();
  EXPECT_EQ(Fields(a), (std::set<std::string>{"name", "phone", "unit", "nickname"})) << a.body.dump();
  EXPECT_EQ(SqlInt("SELECT count(*) FROM cadres"), before);
  EXPECT_EQ(SqlInt("SELECT count(*) FROM audit_log"), audit);  // the checking run left no entry
}

TEST_F(Forms, ServiceRequestWithSeveralBadFieldsNamesEachOfThem) {
  const int64_t household = SqlInt("SELECT id FROM households WHERE grid_id = 1 ORDER BY id LIMIT 1");
  const int64_t before = SqlInt("SELECT count(*) FROM cases");
  // title: the service's (required); due_on and assignee_user_id: the reader's.
  Answer a = Post("demo_admin", "/api/v1/cases",
                  {{"kind", "service_request"}, {"title", ""}, {"household_id", household},
                   {"due_on", "2026-02-30"}, {"assignee_user_id", "someone"}});
  EXPECT_EQ(a.status, 422) << a.body.dump();
  EXPECT_EQ(Fields(a), (std::set<std::string>{"title", "due_on", "assignee_user_id"})) << a.body.dump();
  EXPECT_EQ(SqlInt("SELECT count(*) FROM cases"), before);
  // The same body made good is accepted (the checking run did not leave the case half-made).
  Answer ok = Post("demo_admin", "/api/v1/cases",
                   {{"kind", "service_request"}, {"title", "测试诉求：路灯"}, {"household_id", household}});
  EXPECT_EQ(ok.status, 201) << ok.body.dump();
  EXPECT_EQ(SqlInt("SELECT count(*) FROM cases"), before + 1);
}

TEST_F(Forms, UserWithSeveralBadFieldsNamesEachOfThem) {
  const int64_t users = SqlInt("SELECT count(*) FROM users");
  // username: the service's (required); role and display_name: the reader's.
  Answer a = Post("demo_admin", "/api/v1/users", {{"username", ""}, {"role", "bogus"}, {"display_name", 5}});
  EXPECT_EQ(a.status, 422) << a.body.dump();
  EXPECT_EQ(Fields(a), (std::set<std::string>{"username", "role", "display_name"})) << a.body.dump();
  EXPECT_EQ(SqlInt("SELECT count(*) FROM users"), users);
}

TEST_F(Forms, AnUploadWithANonMultipartTypeIsTheFilesBytes) {
  const int64_t household = SqlInt("SELECT id FROM households WHERE grid_id = 1 ORDER BY id LIMIT 1");
  // A JPEG whose bytes hold '=' and '&', as a form parser would split them.
  const std::string jpeg = std::string("\xFF\xD8\xFF\xE0", 4) + "a=b&c=d photo of the house";
  auto h = H("demo_admin");
  h.emplace("X-Filename", "house.jpg");
  auto r = Client().Post(fmt::format("/api/v1/attachments?owner=household&owner_id={}", household), h, jpeg,
                         "application/x-www-form-urlencoded");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 201) << r->body;
  json a = json::parse(r->body);
  EXPECT_EQ(a["mime"], "image/jpeg");
  EXPECT_EQ(a["size"], jpeg.size());
  EXPECT_EQ(a["filename"], "house.jpg");
}

// Sends `head` on a raw connection, no body (the client asks first: Expect: 100-continue), and
// gives what the server answers within `wait`, "" when nothing.
std::string RawExchange(const std::string& head, std::chrono::milliseconds wait) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(DemoEnv::Get().server->port()));
  ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return "";
  }
  const std::string& out = head;
  (void)::send(fd, out.data(), out.size(), MSG_NOSIGNAL);
  std::string got;
  const auto until = std::chrono::steady_clock::now() + wait;
  while (std::chrono::steady_clock::now() < until && got.find("\r\n\r\n") == std::string::npos) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    char buf[4096];
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    got.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return got;
}

TEST_F(Forms, AJsonBodyAboveItsLimitIsRefusedBeforeItIsRead) {
  const size_t declared = 2 * 1024 * 1024;  // 2 MiB, above auth::kMaxBodyBytes (1 MiB)
  ASSERT_GT(declared, auth::kMaxBodyBytes);
  User u = Login("demo_admin");
  const std::string head = fmt::format(
      "POST /api/v1/inspections HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Cookie: {}\r\nX-CSRF-Token: {}\r\nContent-Length: {}\r\nExpect: 100-continue\r\n\r\n",
      u.cookie, u.csrf, declared);
  // The refusal instead of "100 Continue": the body is never sent.
  std::string got = RawExchange(head, std::chrono::seconds(5));
  EXPECT_TRUE(got.starts_with("HTTP/1.1 413")) << got.substr(0, 200);
}

TEST_F(Forms, AGetWithABodyAboveTheLimitIsRefusedBeforeItIsRead) {
  // httplib reads a GET's body before any handler: refused from its headers alone.
  const std::string head = fmt::format(
      "GET /api/v1/inspections HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {}\r\n\r\n", 60 * 1024 * 1024);
  std::string got = RawExchange(head, std::chrono::seconds(5));
  EXPECT_TRUE(got.starts_with("HTTP/1.1 413")) << got.substr(0, 200);
}

TEST_F(Forms, AnUploadWithoutASessionIsRefusedBeforeItIsRead) {
  const int64_t before = SqlInt("SELECT count(*) FROM attachments");
  const size_t declared = 10 * 1024 * 1024;  // 10 MiB, within the upload ceiling
  const std::string head = fmt::format(
      "POST /api/v1/attachments?owner=household&owner_id=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      "Content-Type: image/jpeg\r\nX-Filename: a.jpg\r\nContent-Length: {}\r\nExpect: 100-continue\r\n\r\n",
      declared);
  std::string got = RawExchange(head, std::chrono::seconds(5));
  EXPECT_TRUE(got.starts_with("HTTP/1.1 401")) << got.substr(0, 200);
  EXPECT_EQ(SqlInt("SELECT count(*) FROM attachments"), before);
}

// The same refusals for a client that sends the whole body before it reads the answer (as
// httplib's client does): the answer is the refusal, never a stored upload or a 422.
TEST_F(Forms, WholeBodiesAboveTheLimitOrWithoutASessionGetTheRefusal) {
  const int64_t before = SqlInt("SELECT count(*) FROM attachments");
  auto big = Client().Post("/api/v1/inspections", H("demo_admin"), std::string(2 * 1024 * 1024, ' '),
                           "application/json");
  ASSERT_TRUE(big) << httplib::to_string(big.error());
  EXPECT_EQ(big->status, 413) << big->body;
  json e = json::parse(big->body, nullptr, false);
  EXPECT_EQ(e["error"]["field"], "body") << big->body;
  EXPECT_NE(e["error"].value("message_zh", ""), e["error"].value("message", "")) << big->body;
  auto anonymous = Client().Post("/api/v1/attachments?owner=household&owner_id=1",
                                 std::string("\xFF\xD8\xFF\xE0", 4) + std::string(10 * 1024 * 1024, 'x'),
                                 "image/jpeg");
  ASSERT_TRUE(anonymous) << httplib::to_string(anonymous.error());
  EXPECT_EQ(anonymous->status, 401) << anonymous->body;
  EXPECT_EQ(SqlInt("SELECT count(*) FROM attachments"), before);
  // The connection's next request is answered normally (the refused body was not read as one).
  auto c = Client();
  auto first = c.Post("/api/v1/inspections", H("demo_admin"), std::string(2 * 1024 * 1024, ' '), "application/json");
  auto second = c.Get("/api/v1/inspections", H("demo_admin"));
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->status, 413);
  EXPECT_EQ(second->status, 200) << second->body;
}

}  // namespace
// Industry (issue #16, tester of session 9): every industry write names ALL its faults at once —
// the reader's and the service's — and each fault names its field in English and in Chinese.
// `zh` maps a field to the Chinese name its message_zh must hold.
std::string Text(const json& d, const char* key) {
  auto it = d.find(key);
  return it != d.end() && it->is_string() ? it->get<std::string>() : std::string();
}
void ExpectNamed(const Answer& a, const std::map<std::string, std::string>& zh) {
  for (const auto& d : a.body["error"]["details"]) {
    const std::string f = Text(d, "field"), en = Text(d, "message"), cn = Text(d, "message_zh");
    auto it = zh.find(f);
    if (it == zh.end()) continue;
    EXPECT_NE(en.find(f), std::string::npos) << d.dump();
    EXPECT_NE(cn.find(it->second), std::string::npos) << d.dump();
    EXPECT_NE(cn, "必填") << d.dump();
  }
}

TEST_F(Forms, IndustryParkWithSeveralBadFieldsNamesEachOfThem) {
  const int64_t before = SqlInt("SELECT count(*) FROM parks");
  // site_id: the reader's (not an integer); name and kind: the service's.
  Answer a = Post("demo_admin", "/api/v1/parks", {{"name", ""}, {"site_id", "one"}, {"kind", "bogus"}, {"status", "built"}});
  EXPECT_EQ(a.status, 422) << a.body.dump();
  EXPECT_EQ(Fields(a), (std::set<std::string>{"name", "site_id", "kind"})) << a.body.dump();
  ExpectNamed(a, {{"site_id", "安置点"}});
  EXPECT_EQ(SqlInt("SELECT count(*) FROM parks"), before);
}

TEST_F(Forms, IndustryWorkshopWithSeveralBadFieldsNamesEachOfThem) {
  const int64_t before = SqlInt("SELECT count(*) FROM workshops");
  const int64_t site = SqlInt("SELECT id FROM sites ORDER BY id LIMIT 1");
  // opened_on: the reader's; type and rent_free_years: the service's.
  Answer a = Post("demo_admin", "/api/v1/workshops",
                  {{"name", "测试车间"}, {"site_id", site}, {"opened_on", "2026-02-30"}, {"type", "bogus"},
                   {"rent_free_years", 99}});
  EXPECT_EQ(a.status, 422) << a.body.dump();
  EXPECT_EQ(Fields(a), (std::set<std::string>{"opened_on", "type", "rent_free_years"})) << a.body.dump();
  ExpectNamed(a, {{"opened_on", "投产日期"}});
  EXPECT_EQ(SqlInt("SELECT count(*) FROM workshops"), before);
}

TEST_F(Forms, IndustryVacancyWithSeveralBadFieldsNamesEachOfThem) {
  const int64_t before = SqlInt("SELECT count(*) FROM vacancies");
  // open_from: the reader's (missing); employer, openings and age_min: the service's.
  Answer a = Post("demo_admin", "/api/v1/vacancies",
                  {{"employer", ""}, {"post", "保洁员"}, {"openings", 0}, {"age_min", 5}});
  EXPECT_EQ(a.status, 422) << a.body.dump();
  EXPECT_EQ(Fields(a), (std::set<std::string>{"open_from", "employer", "openings", "age_min"})) << a.body.dump();
  ExpectNamed(a, {{"open_from", "开始招聘日期"}, {"employer", "用工单位"}, {"openings", "招聘人数"}, {"age_min", "最低年龄"}});
  EXPECT_EQ(SqlInt("SELECT count(*) FROM vacancies"), before);
}

TEST_F(Forms, IndustrySeekerPostKindAndQuotaNameEachBadField) {
  const int64_t person = SqlInt("SELECT id FROM persons ORDER BY id LIMIT 1");
  // wishes: the reader's; min_pay_fen: the service's.
  Answer s = Post("demo_admin", "/api/v1/job-seekers", {{"person_id", person}, {"wishes", 5}, {"min_pay_fen", -1}});
  EXPECT_EQ(s.status, 422) << s.body.dump();
  EXPECT_EQ(Fields(s), (std::set<std::string>{"wishes", "min_pay_fen"})) << s.body.dump();
  ExpectNamed(s, {{"wishes", "求职意向"}, {"min_pay_fen", "期望最低月薪"}});
  // level: the reader's; name and monthly_subsidy_fen: the service's (both, not the first alone).
  const int64_t kinds = SqlInt("SELECT count(*) FROM post_kinds");
  Answer k = Post("demo_admin", "/api/v1/post-kinds", {{"name", ""}, {"level", "bogus"}, {"monthly_subsidy_fen", -5}});
  EXPECT_EQ(k.status, 422) << k.body.dump();
  EXPECT_EQ(Fields(k), (std::set<std::string>{"name", "level", "monthly_subsidy_fen"})) << k.body.dump();
  EXPECT_EQ(SqlInt("SELECT count(*) FROM post_kinds"), kinds);
  // valid_from: the reader's (missing); quota: the service's.
  const int64_t site = SqlInt("SELECT id FROM sites ORDER BY id LIMIT 1");
  const int64_t kind = SqlInt("SELECT id FROM post_kinds ORDER BY id LIMIT 1");
  Answer q = Post("demo_admin", "/api/v1/post-quotas", {{"site_id", site}, {"kind_id", kind}, {"quota", -1}});
  EXPECT_EQ(q.status, 422) << q.body.dump();
  EXPECT_EQ(Fields(q), (std::set<std::string>{"valid_from", "quota"})) << q.body.dump();
  ExpectNamed(q, {{"valid_from", "生效日期"}});
}

TEST_F(Forms, IndustryJobClassAndCertificateNameEachBadField) {
  const int64_t person = SqlInt("SELECT id FROM persons ORDER BY id LIMIT 1");
  const int64_t jobs = SqlInt("SELECT count(*) FROM jobs");
  // months_per_year: the reader's (above 12); started_on: the service's (in the future).
  Answer j = Post("demo_admin", fmt::format("/api/v1/persons/{}/jobs", person),
                  {{"channel", "enterprise"}, {"started_on", "2999-01-01"}, {"months_per_year", 13}});
  EXPECT_EQ(j.status, 422) << j.body.dump();
  EXPECT_EQ(Fields(j), (std::set<std::string>{"months_per_year", "started_on"})) << j.body.dump();
  EXPECT_EQ(SqlInt("SELECT count(*) FROM jobs"), jobs);
  // course_id: the reader's; provider and hours: the service's.
  const int64_t site = SqlInt("SELECT id FROM sites ORDER BY id LIMIT 1");
  Answer c = Post("demo_admin", "/api/v1/training-classes",
                  {{"course_id", "x"}, {"provider", ""}, {"site_id", site}, {"from", "2026-03-01"},
                   {"until", "2026-03-10"}, {"hours", 0}});
  EXPECT_EQ(c.status, 422) << c.body.dump();
  EXPECT_EQ(Fields(c), (std::set<std::string>{"course_id", "provider", "hours"})) << c.body.dump();
  ExpectNamed(c, {{"course_id", "培训项目"}});
  // number: the reader's; kind and issued_on: the service's.
  Answer e = Post("demo_admin", "/api/v1/certificates",
                  {{"person_id", person}, {"kind", "bogus"}, {"occupation", "电工"}, {"number", 5},
                   {"issued_on", "2999-01-01"}});
  EXPECT_EQ(e.status, 422) << e.body.dump();
  EXPECT_EQ(Fields(e), (std::set<std::string>{"number", "kind", "issued_on"})) << e.body.dump();
  ExpectNamed(e, {{"number", "证书编号"}});
}

json GetJson(const std::string& user, const std::string& path) {
  auto r = Client().Get(path, H(user));
  EXPECT_TRUE(r) << path;
  if (!r) return {};
  EXPECT_EQ(r->status, 200) << path << " " << r->body;
  return json::parse(r->body, nullptr, false);
}

// The industry lists that grow without bound page as the jobs list does (docs/api.md "Paging"):
// limit and cursor, next_cursor and total; walking every page of 2 gives the whole list once.
TEST_F(Forms, IndustryListsPageWithLimitAndCursor) {
  // posts: total is the holdings' count (demo_admin sees the county).
  json first = GetJson("demo_admin", "/api/v1/posts?limit=1");
  EXPECT_EQ(first["total"], SqlInt("SELECT count(*) FROM post_holdings WHERE voided_at IS NULL")) << first.dump();
  EXPECT_LE(first["items"].size(), 1u);
  for (const std::string list : {"/api/v1/posts", "/api/v1/vacancies?all=true", "/api/v1/job-seekers",
                                 "/api/v1/training-classes", "/api/v1/zero-employment"}) {
    const std::string sep = list.find('?') == std::string::npos ? "?" : "&";
    // Every item once, in order, whatever the page size; as many as total.
    auto walk = [&](int limit, int64_t* total) {
      std::vector<std::string> out;
      std::string cursor;
      for (int page = 0; page < 1000; ++page) {
        json p = GetJson("demo_admin", list + sep + "limit=" + std::to_string(limit) +
                                           (cursor.empty() ? "" : "&cursor=" + cursor));
        EXPECT_LE(p["items"].size(), static_cast<size_t>(limit)) << list;
        *total = p.value("total", int64_t{-1});
        for (const auto& i : p["items"]) out.push_back(i.dump());
        if (!p["next_cursor"].is_string()) break;
        cursor = p["next_cursor"].get<std::string>();
      }
      return out;
    };
    int64_t total_a = 0, total_b = 0;
    const std::vector<std::string> want = walk(500, &total_a), got = walk(137, &total_b);
    EXPECT_EQ(static_cast<int64_t>(want.size()), total_a) << list;
    EXPECT_EQ(total_a, total_b) << list;
    EXPECT_EQ(got, want) << list;
  }
  // Another list's cursor is refused, naming the field.
  json two = GetJson("demo_admin", "/api/v1/posts?limit=1");
  if (two["next_cursor"].is_string()) {
    auto r = Client().Get("/api/v1/job-seekers?cursor=" + two["next_cursor"].get<std::string>(), H("demo_admin"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 422) << r->body;
  }
}

}  // namespace anju::http
