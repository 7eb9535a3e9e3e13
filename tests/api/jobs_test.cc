// The jobs endpoints (docs/industry.md "Jobs", docs/api.md "Jobs") per role on a fresh
// `anju demo` database (tests/api/demo_env.h): record, read a person's and a household's jobs,
// list with filters and cursor, patch with If-Match, end, void; scope 404, auditor 403, cadre on
// its paired households; refusals name field and value in zh + en and store nothing.
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <map>
#include <optional>
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

Date Plus(Date d, int days) { return Date{std::chrono::sys_days(d) + std::chrono::days{days}}; }

storage::Database* ReadConnection() {
  static std::unique_ptr<storage::Database> db = [] {
    auto d = storage::Database::Open(DemoEnv::Get().db, {.read_only = true, .create = false});
    EXPECT_TRUE(d) << d.error().ToString();
    return d ? std::move(*d) : nullptr;
  }();
  return db.get();
}
std::string SqlText(const std::string& sql) {
  storage::Database* db = ReadConnection();
  if (!db) return "";
  auto st = db->Prepare(sql);
  EXPECT_TRUE(st) << sql;
  if (!st) return "";
  auto row = st->Step();
  EXPECT_TRUE(row) << sql;
  return row && *row ? st->ColumnText(0) : "";
}
int64_t SqlInt(const std::string& sql) {
  std::string t = SqlText(sql);
  return t.empty() ? 0 : std::stoll(t);
}

struct User {
  std::string name, cookie, csrf;
  int64_t id = 0;
};

httplib::Client Client() {
  httplib::Client c("127.0.0.1", DemoEnv::Get().server->port());
  c.set_read_timeout(60, 0);
  return c;
}

User Login(const std::string& name) {
  static std::map<std::string, User> users;
  if (auto it = users.find(name); it != users.end()) return it->second;
  User u{.name = name};
  auto res = Client().Post("/api/v1/session", json{{"username", name}, {"password", "anju-demo"}}.dump(),
                           "application/json");
  EXPECT_TRUE(res && res->status == 200) << name;
  if (!res || res->status != 200) return u;
  std::string set_cookie = res->get_header_value("Set-Cookie");
  u.cookie = set_cookie.substr(0, set_cookie.find(';'));
  u.csrf = json::parse(res->body)["csrf_token"];
  u.id = SqlInt(fmt::format("SELECT id FROM users WHERE username = '{}'", name));
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
  httplib::Result r = method == "GET"      ? c.Get(path, h)
                      : method == "PATCH" ? c.Patch(path, h, b, "application/json")
                                          : c.Post(path, h, b, "application/json");
  EXPECT_TRUE(r) << method << " " << path;
  if (!r) return {};
  return {r->status, json::parse(r->body, nullptr, false), r->get_header_value("ETag")};
}

// An adult (born before 2000) of a household in `scope_sql` (on h, o, s), skipping `offset`.
int64_t Adult(const std::string& scope_sql, int offset = 0) {
  return SqlInt(fmt::format(
      "SELECT p.id FROM persons p JOIN households h ON h.id = p.household_id JOIN origin_villages o ON o.id = "
      "h.origin_village_id JOIN sites s ON s.id = h.site_id WHERE {} AND p.birth_date <= '2000-01-01' "
      "AND h.ended_on IS NULL ORDER BY p.id LIMIT 1 OFFSET {}", scope_sql, offset));
}
std::string Snapshot() {
  return SqlText("SELECT (SELECT count(*) FROM jobs) || '/' || (SELECT count(*) FROM audit_log) || '/' || "
                 "(SELECT group_concat(employment_kind) FROM persons)");
}
std::string Day(int from_today) { return FormatIsoDate(Plus(TodayInChina(), from_today)); }

TEST(JobsApi, RecordReadPatchEndVoidAsCountyStaff) {
  const int64_t person = Adult("1", 3);
  ASSERT_GT(person, 0);
  const int64_t household = SqlInt(fmt::format("SELECT household_id FROM persons WHERE id = {}", person));
  const std::string employer = "API测试企业";
  Answer rec = Call("demo_staff", "POST", fmt::format("/api/v1/persons/{}/jobs", person),
                    {{"channel", "企业务工"}, {"employer", employer}, {"place", "county"}, {"started_on", Day(-10)},
                     {"monthly_income_fen", 320000}});
  ASSERT_EQ(rec.status, 201) << rec.body.dump();
  const int64_t id = rec.body["id"];
  EXPECT_EQ(rec.etag, "\"1\"");
  EXPECT_EQ(rec.body["channel"], "enterprise");
  EXPECT_EQ(rec.body["channel_zh"], "企业务工");
  EXPECT_EQ(rec.body["current"], true);
  EXPECT_EQ(rec.body["recorded_by"], "demo_staff");
  EXPECT_EQ(SqlText(fmt::format("SELECT count(*) FROM audit_log WHERE entity = 'job' AND entity_id = '{}'", id)), "1");

  // The person's jobs, the household's as of a day (before the start: not there).
  Answer mine = Call("demo_staff", "GET", fmt::format("/api/v1/persons/{}/jobs", person));
  ASSERT_EQ(mine.status, 200);
  bool found = false;
  for (const json& j : mine.body["items"]) found = found || j["id"] == id;
  EXPECT_TRUE(found);
  auto household_has = [&](const std::string& day) {
    Answer a = Call("demo_staff", "GET", fmt::format("/api/v1/households/{}/jobs?as_of={}", household, day));
    EXPECT_EQ(a.status, 200) << a.body.dump();
    for (const json& j : a.body["items"])
      if (j["id"] == id) return true;
    return false;
  };
  EXPECT_TRUE(household_has(Day(-10)));
  EXPECT_FALSE(household_has(Day(-11)));

  // PATCH: If-Match required (428), stale (409), then 200 with the next version.
  EXPECT_EQ(Call("demo_staff", "PATCH", fmt::format("/api/v1/jobs/{}", id), {{"note", "x"}}).status, 428);
  EXPECT_EQ(Call("demo_staff", "PATCH", fmt::format("/api/v1/jobs/{}", id), {{"note", "x"}}, 7).status, 409);
  Answer patched = Call("demo_staff", "PATCH", fmt::format("/api/v1/jobs/{}", id), {{"work_county", "临县"}}, 1);
  ASSERT_EQ(patched.status, 200) << patched.body.dump();
  EXPECT_EQ(patched.etag, "\"2\"");
  EXPECT_EQ(patched.body["work_county"], "临县");

  // End today: not current any more; the cache follows when no other job is current.
  Answer ended = Call("demo_staff", "POST", fmt::format("/api/v1/jobs/{}/end", id),
                      {{"ended_on", Day(0)}, {"reason", "合同到期"}}, 2);
  ASSERT_EQ(ended.status, 200) << ended.body.dump();
  EXPECT_EQ(ended.body["current"], false);
  EXPECT_EQ(ended.body["end_reason"], "合同到期");
  const int64_t still = SqlInt(fmt::format(
      "SELECT count(*) FROM jobs WHERE person_id = {} AND voided_at IS NULL AND started_on <= '{}' "
      "AND (ended_on IS NULL OR ended_on > '{}')", person, Day(0), Day(0)));
  if (still == 0) {
    EXPECT_EQ(SqlText(fmt::format("SELECT employment_kind FROM persons WHERE id = {}", person)), "none");
  }

  // Void: the row stays with its reason; the default list leaves it out.
  Answer voided = Call("demo_staff", "POST", fmt::format("/api/v1/jobs/{}/void", id), {{"reason", "录入错误"}});
  ASSERT_EQ(voided.status, 200) << voided.body.dump();
  EXPECT_EQ(voided.body["void_reason"], "录入错误");
  Answer list = Call("demo_staff", "GET", fmt::format("/api/v1/jobs?person_id={}", person));
  for (const json& j : list.body["items"]) EXPECT_NE(j["id"], id);
  Answer with_voided = Call("demo_staff", "GET", fmt::format("/api/v1/jobs?person_id={}&voided=true", person));
  found = false;
  for (const json& j : with_voided.body["items"]) found = found || j["id"] == id;
  EXPECT_TRUE(found);
  EXPECT_EQ(Call("demo_staff", "POST", fmt::format("/api/v1/jobs/{}/void", id), {{"reason", "again"}}).status, 409);
}

TEST(JobsApi, RefusalsNameFieldAndValueInBothLanguagesAndStoreNothing) {
  const int64_t person = Adult("1", 5);
  const std::string before = Snapshot();
  Answer a = Call("demo_staff", "POST", fmt::format("/api/v1/persons/{}/jobs", person),
                  {{"channel", "welfare_post"}, {"place", "省外"}, {"started_on", Day(1)}});
  ASSERT_EQ(a.status, 422) << a.body.dump();
  std::map<std::string, std::string> fields;
  for (const json& d : a.body["error"]["details"]) {
    fields[d.value("field", "")] = d.value("value", "");
    EXPECT_FALSE(d.value("message_zh", "").empty());
  }
  EXPECT_EQ(fields["started_on"], Day(1));
  EXPECT_EQ(fields["place"], "outside");
  Answer bad = Call("demo_staff", "POST", fmt::format("/api/v1/persons/{}/jobs", person),
                    {{"channel", "挖矿"}, {"started_on", Day(-1)}});
  ASSERT_EQ(bad.status, 422);
  EXPECT_EQ(bad.body["error"]["field"], "channel");
  EXPECT_EQ(bad.body["error"]["value"], "挖矿");
  EXPECT_EQ(Snapshot(), before);
}

// The faults of a 422: its details, or the error itself when it has one fault.
std::map<std::string, json> FaultsByField(const json& body) {
  std::map<std::string, json> out;
  const json& e = body["error"];
  if (e.contains("details") && !e["details"].empty()) {
    for (const json& d : e["details"]) out[d.value("field", "")] = d;
  } else {
    out[e.value("field", "")] = e;
  }
  return out;
}

// Over-long free text (core/plausible.h limits) is refused with the field, its length and the
// limit in both languages, listed with the request's other faults; nothing is stored.
TEST(JobsApi, OverLongTextIsRefusedWithLengthAndLimitBesideTheOtherFaults) {
  const int64_t person = Adult("1", 6);
  ASSERT_GT(person, 0);
  const std::string before = Snapshot();
  const std::string employer(5000, 'x');
  Answer a = Call("demo_staff", "POST", fmt::format("/api/v1/persons/{}/jobs", person),
                  {{"channel", "enterprise"}, {"employer", employer}, {"started_on", Day(1)}});
  ASSERT_EQ(a.status, 422) << a.body.dump().substr(0, 2000);
  std::map<std::string, json> by_field = FaultsByField(a.body);
  ASSERT_TRUE(by_field.contains("employer")) << a.body.dump().substr(0, 2000);
  ASSERT_TRUE(by_field.contains("started_on")) << a.body.dump().substr(0, 2000);  // beside the other fault
  const json& e = by_field["employer"];
  const std::string en = e.value("message", ""), zh = e.value("message_zh", "");
  EXPECT_NE(en.find("employer"), std::string::npos) << en;
  EXPECT_NE(en.find("5000"), std::string::npos) << en;
  EXPECT_NE(en.find("100"), std::string::npos) << en;
  EXPECT_NE(zh.find("用工单位"), std::string::npos) << zh;
  EXPECT_NE(zh.find("5000"), std::string::npos) << zh;
  EXPECT_NE(zh.find("100"), std::string::npos) << zh;
  EXPECT_EQ(Snapshot(), before);

  // Alone (no other fault), on a note (long text, 500) and on the end and void reasons too.
  Answer note = Call("demo_staff", "POST", fmt::format("/api/v1/persons/{}/jobs", person),
                     {{"channel", "enterprise"}, {"employer", "企业"}, {"started_on", Day(-3)},
                      {"note", std::string(501, 'n')}});
  ASSERT_EQ(note.status, 422) << note.body.dump().substr(0, 2000);
  std::map<std::string, json> note_faults = FaultsByField(note.body);
  ASSERT_EQ(note_faults.size(), 1u) << note.body.dump().substr(0, 2000);
  ASSERT_TRUE(note_faults.contains("note")) << note.body.dump().substr(0, 2000);
  EXPECT_NE(note_faults["note"].value("message_zh", "").find("501"), std::string::npos);
  EXPECT_NE(note_faults["note"].value("message_zh", "").find("500"), std::string::npos);
  EXPECT_EQ(Snapshot(), before);
  Answer ok = Call("demo_staff", "POST", fmt::format("/api/v1/persons/{}/jobs", person),
                   {{"channel", "enterprise"}, {"employer", std::string(100, 'y')}, {"started_on", Day(-3)},
                    {"note", std::string(500, 'n')}});
  ASSERT_EQ(ok.status, 201) << ok.body.dump().substr(0, 2000);
  const int64_t id = ok.body["id"];
  Answer end = Call("demo_staff", "POST", fmt::format("/api/v1/jobs/{}/end", id),
                    {{"ended_on", Day(0)}, {"reason", std::string(5000, 'r')}});
  EXPECT_EQ(end.status, 422) << end.body.dump().substr(0, 2000);
  Answer vd = Call("demo_staff", "POST", fmt::format("/api/v1/jobs/{}/void", id), {{"reason", std::string(5000, 'r')}});
  EXPECT_EQ(vd.status, 422) << vd.body.dump().substr(0, 2000);
  EXPECT_EQ(SqlText(fmt::format("SELECT coalesce(end_reason, '') || '/' || coalesce(void_reason, '') FROM jobs "
                                "WHERE id = {}", id)), "/");
}

// Every free-text field of the industry writes has its limit (one helper, industry/http
// field_names.h Text): 5,000 characters in each is a 422 naming the field, its length and its
// limit, whatever else the body lacks; nothing is stored.
TEST(JobsApi, EveryIndustryTextFieldHasItsLimit) {
  const std::string long_text(5000, 'z');
  struct Case {
    std::string method, path, field;
    size_t limit;
    std::optional<int64_t> if_match;
  };
  const int64_t person = Adult("1", 7);
  const std::vector<Case> cases = {
      {"POST", fmt::format("/api/v1/persons/{}/jobs", person), "work_county", 100, {}},
      {"POST", "/api/v1/parks", "name", 100, {}},
      {"POST", "/api/v1/parks", "operator", 100, {}},
      {"POST", "/api/v1/workshops", "products", 500, {}},
      {"POST", "/api/v1/workshops", "enterprise", 100, {}},
      {"POST", "/api/v1/post-kinds", "funding", 100, {}},
      {"POST", "/api/v1/post-quotas", "note", 500, {}},
      {"POST", "/api/v1/posts/1/end", "reason", 500, 1},
      {"POST", "/api/v1/vacancies", "employer", 100, {}},
      {"POST", "/api/v1/vacancies", "post", 100, {}},
      {"POST", "/api/v1/job-seekers", "wishes", 500, {}},
      {"POST", "/api/v1/job-seekers/1/services", "note", 500, {}},
      {"POST", "/api/v1/zero-employment/cases/1/clear", "note", 500, 1},
      {"POST", "/api/v1/courses", "name", 100, {}},
      {"POST", "/api/v1/training-classes", "provider", 100, {}},
      {"POST", "/api/v1/certificates", "issuer", 100, {}},
  };
  Login("demo_staff");  // a login is audited: before the snapshot
  const std::string before = Snapshot();
  for (const Case& c : cases) {
    Answer a = Call("demo_staff", c.method, c.path, {{c.field, long_text}}, c.if_match);
    ASSERT_EQ(a.status, 422) << c.path << " " << a.body.dump().substr(0, 1500);
    std::map<std::string, json> faults = FaultsByField(a.body);
    ASSERT_TRUE(faults.contains(c.field)) << c.path << " " << a.body.dump().substr(0, 1500);
    const std::string zh = faults[c.field].value("message_zh", "");
    EXPECT_NE(zh.find(fmt::format("长度为 5000 个字符，最多 {} 个字符", c.limit)), std::string::npos) << c.path << " " << zh;
    EXPECT_NE(faults[c.field].value("message", "").find(fmt::format("{} has 5000 characters; at most {}", c.field, c.limit)),
              std::string::npos)
        << c.path << " " << faults[c.field].dump();
  }
  EXPECT_EQ(Snapshot(), before);
}

// A range fault names the field in Chinese, the key after it (not "months_per_year 须在…").
TEST(JobsApi, ARangeFaultNamesTheFieldInChinese) {
  const int64_t person = Adult("1", 8);
  Answer a = Call("demo_staff", "POST", fmt::format("/api/v1/persons/{}/jobs", person),
                  {{"channel", "enterprise"}, {"employer", "企业"}, {"started_on", Day(-3)}, {"months_per_year", 13}});
  ASSERT_EQ(a.status, 422) << a.body.dump();
  std::map<std::string, json> faults = FaultsByField(a.body);
  ASSERT_TRUE(faults.contains("months_per_year")) << a.body.dump();
  EXPECT_EQ(faults["months_per_year"].value("message_zh", ""), "每年务工月数（months_per_year）须在 0 到 12 之间：请改正");
  EXPECT_EQ(faults["months_per_year"].value("message", ""), "months_per_year must be between 0 and 12");
}

// A POST with a raw body text (numbers exactly as typed, not as a json value would print them).
Answer RawPost(const std::string& user, const std::string& path, const std::string& body) {
  User u = Login(user);
  httplib::Headers h{{"Cookie", u.cookie}, {"X-CSRF-Token", u.csrf}};
  httplib::Result r = Client().Post(path, h, body, "application/json");
  EXPECT_TRUE(r) << path;
  if (!r) return {};
  return {r->status, json::parse(r->body, nullptr, false), r->get_header_value("ETag")};
}

// Tester's defect: monthly_income_fen 9007199254740993 (~¥90 trillion a month) was accepted and
// stored as 9007199254740992. A monthly amount in fen is at most kMaxMonthlyFen
// (1,000,000,000 fen = ¥10,000,000, core/plausible.h); above it is a 422 naming the field in
// Chinese and English, on every monthly amount of the module; nothing is stored.
TEST(JobsApi, AMonthlyAmountAboveThePlausibleCeilingIsRefused) {
  const int64_t person = Adult("1", 9);
  ASSERT_GT(person, 0);
  Login("demo_staff");
  const std::string before = Snapshot();
  const std::string jobs = fmt::format("/api/v1/persons/{}/jobs", person);
  Answer a = RawPost("demo_staff", jobs,
                     fmt::format(R"({{"channel": "enterprise", "employer": "企业", "started_on": "{}", )"
                                 R"("monthly_income_fen": 9007199254740993}})", Day(-3)));
  ASSERT_EQ(a.status, 422) << a.body.dump();
  std::map<std::string, json> faults = FaultsByField(a.body);
  ASSERT_TRUE(faults.contains("monthly_income_fen")) << a.body.dump();
  EXPECT_EQ(faults["monthly_income_fen"].value("value", ""), "9007199254740993");
  EXPECT_EQ(faults["monthly_income_fen"].value("message_zh", ""),
            "月收入（monthly_income_fen）须在 0 到 1000000000 分（1000 万元）之间：请改正");
  EXPECT_EQ(faults["monthly_income_fen"].value("message", ""),
            "monthly_income_fen must be between 0 and 1000000000 fen (10000000 yuan) a month");
  EXPECT_EQ(Snapshot(), before);
  // One fen above the ceiling too; the ceiling itself is stored exactly.
  Answer over = Call("demo_staff", "POST", jobs,
                     {{"channel", "enterprise"}, {"employer", "企业"}, {"started_on", Day(-3)},
                      {"monthly_income_fen", 1000000001}});
  EXPECT_EQ(over.status, 422) << over.body.dump();
  EXPECT_EQ(Snapshot(), before);
  Answer at = Call("demo_staff", "POST", jobs,
                   {{"channel", "enterprise"}, {"employer", "企业"}, {"started_on", Day(-3)},
                    {"monthly_income_fen", 1000000000}});
  ASSERT_EQ(at.status, 201) << at.body.dump();
  EXPECT_EQ(SqlInt(fmt::format("SELECT monthly_income_fen FROM jobs WHERE id = {}", at.body["id"].get<int64_t>())),
            1000000000);
  // A patch is held to the same ceiling.
  Answer patch = Call("demo_staff", "PATCH", fmt::format("/api/v1/jobs/{}", at.body["id"].get<int64_t>()),
                      {{"monthly_income_fen", 5000000000}}, at.body["version"].get<int64_t>());
  EXPECT_EQ(patch.status, 422) << patch.body.dump();

  // Every other monthly amount in fen of the module: vacancies' pay, a job seeker's lowest pay,
  // a post kind's and a post's monthly subsidy, a post's monthly payment.
  struct Case {
    std::string method, path, field, zh;
    std::optional<int64_t> if_match;
  };
  const std::vector<Case> cases = {
      {"POST", "/api/v1/vacancies", "monthly_pay_fen", "月薪", {}},
      {"POST", "/api/v1/job-seekers", "min_pay_fen", "期望最低月薪", {}},
      {"POST", "/api/v1/post-kinds", "monthly_subsidy_fen", "月补贴", {}},
      {"POST", "/api/v1/posts", "monthly_subsidy_fen", "月补贴", {}},
      {"PATCH", "/api/v1/posts/1", "monthly_subsidy_fen", "月补贴", 1},
  };
  const std::string before_all = Snapshot();
  for (const Case& c : cases) {
    Answer x = Call("demo_staff", c.method, c.path, {{c.field, 9007199254740993LL}}, c.if_match);
    ASSERT_EQ(x.status, 422) << c.path << " " << x.body.dump().substr(0, 1500);
    std::map<std::string, json> f = FaultsByField(x.body);
    ASSERT_TRUE(f.contains(c.field)) << c.path << " " << x.body.dump().substr(0, 1500);
    EXPECT_NE(f[c.field].value("message_zh", "").find(c.zh + "（" + c.field + "）须在 0 到 1000000000 分"),
              std::string::npos)
        << c.path << " " << f[c.field].dump();
    EXPECT_NE(f[c.field].value("message", "").find(c.field + " must be between 0 and 1000000000 fen"),
              std::string::npos)
        << c.path << " " << f[c.field].dump();
  }
  EXPECT_EQ(Snapshot(), before_all);
}

// Tester's defect (b): an integer field given as a fraction or in exponent or decimal form is
// refused (not rounded, not truncated), naming the field and saying why, in both languages.
TEST(JobsApi, AnIntegerFieldRefusesFractionsAndDecimalForms) {
  const int64_t person = Adult("1", 10);
  Login("demo_staff");
  const std::string before = Snapshot();
  const std::string jobs = fmt::format("/api/v1/persons/{}/jobs", person);
  for (const char* typed : {"320000.5", "320000.0", "3.2e5", "9.007199254740993e15", "1e30", "-1e30"}) {
    Answer a = RawPost("demo_staff", jobs,
                       fmt::format(R"({{"channel": "enterprise", "employer": "企业", "started_on": "{}", )"
                                   R"("monthly_income_fen": {}}})", Day(-3), typed));
    ASSERT_EQ(a.status, 422) << typed << " " << a.body.dump();
    std::map<std::string, json> faults = FaultsByField(a.body);
    ASSERT_TRUE(faults.contains("monthly_income_fen")) << typed << " " << a.body.dump();
    EXPECT_NE(faults["monthly_income_fen"].value("message", "").find("must be a whole number"), std::string::npos)
        << typed << " " << faults["monthly_income_fen"].dump();
    EXPECT_NE(faults["monthly_income_fen"].value("message_zh", "").find("整数"), std::string::npos)
        << typed << " " << faults["monthly_income_fen"].dump();
  }
  EXPECT_EQ(Snapshot(), before);
}

// Tester's defect: If-Match "0" answered 422 while any other stale version answered 409. A
// well-formed version that is not the record's (0 included) is 409; only a malformed one is 422.
TEST(JobsApi, AStaleIfMatchIs409EvenWhenZero) {
  const int64_t person = Adult("1", 11);
  Answer made = Call("demo_staff", "POST", fmt::format("/api/v1/persons/{}/jobs", person),
                     {{"channel", "enterprise"}, {"employer", "企业"}, {"started_on", Day(-3)}});
  ASSERT_EQ(made.status, 201) << made.body.dump();
  const std::string path = fmt::format("/api/v1/jobs/{}", made.body["id"].get<int64_t>());
  EXPECT_EQ(Call("demo_staff", "PATCH", path, {{"note", "x"}}, 7).status, 409);
  Answer zero = Call("demo_staff", "PATCH", path, {{"note", "x"}}, 0);
  EXPECT_EQ(zero.status, 409) << zero.body.dump();
  EXPECT_EQ(Call("demo_staff", "PATCH", path, {{"note", "x"}}, -1).status, 422);
}

TEST(JobsApi, ScopeAndRoles) {
  const int64_t grid = SqlInt("SELECT grid_id FROM users WHERE username = 'demo_grid'");
  ASSERT_GT(grid, 0);
  const int64_t in = Adult(fmt::format("h.grid_id = {}", grid));
  const int64_t out = Adult(fmt::format("(h.grid_id IS NULL OR h.grid_id <> {})", grid));
  ASSERT_GT(in, 0);
  ASSERT_GT(out, 0);
  const json job = {{"channel", "flexible"}, {"employer", "网格测试"}, {"started_on", Day(-3)}};
  // Grid worker: its grid's persons, 404 outside (read and write).
  EXPECT_EQ(Call("demo_grid", "GET", fmt::format("/api/v1/persons/{}/jobs", out)).status, 404);
  EXPECT_EQ(Call("demo_grid", "POST", fmt::format("/api/v1/persons/{}/jobs", out), job).status, 404);
  Answer g = Call("demo_grid", "POST", fmt::format("/api/v1/persons/{}/jobs", in), job);
  ASSERT_EQ(g.status, 201) << g.body.dump();
  const int64_t id = g.body["id"];
  Answer list = Call("demo_grid", "GET", "/api/v1/jobs?limit=500");
  ASSERT_EQ(list.status, 200);
  for (const json& j : list.body["items"])
    EXPECT_EQ(SqlInt(fmt::format("SELECT h.grid_id FROM persons p JOIN households h ON h.id = p.household_id "
                                 "WHERE p.id = {}", j["person_id"].get<int64_t>())), grid);
  // The auditor reads everything, writes nothing.
  EXPECT_EQ(Call("demo_auditor", "GET", fmt::format("/api/v1/jobs/{}", id)).status, 200);
  Answer au = Call("demo_auditor", "POST", fmt::format("/api/v1/jobs/{}/void", id), {{"reason", "x"}});
  EXPECT_EQ(au.status, 403);
  EXPECT_EQ(au.body["error"]["code"], "permission_denied");
  // Every other role reads the job (county roles) or gets 404 (outside their scope).
  for (const std::string user : {"demo_admin", "demo_staff"})
    EXPECT_EQ(Call(user, "GET", fmt::format("/api/v1/jobs/{}", id)).status, 200) << user;
  // The cadre records on a paired household, 404 elsewhere.
  const int64_t cadre_hh = SqlInt(
      "SELECT ca.household_id FROM users u JOIN cadre_assignments ca ON ca.cadre_id = u.cadre_id "
      "WHERE u.username = 'demo_cadre' AND ca.until_date IS NULL ORDER BY ca.household_id LIMIT 1");
  if (cadre_hh > 0) {
    const int64_t paired = Adult(fmt::format("h.id = {}", cadre_hh));
    if (paired > 0) {
      Answer c = Call("demo_cadre", "POST", fmt::format("/api/v1/persons/{}/jobs", paired),
                      {{"channel", "park"}, {"employer", "帮扶测试"}, {"started_on", Day(-2)}});
      EXPECT_EQ(c.status, 201) << c.body.dump();
    }
    EXPECT_EQ(Call("demo_cadre", "POST", fmt::format("/api/v1/persons/{}/jobs", out), job).status, 404);
  }
}

TEST(JobsApi, ListFiltersByChannelAndAsOfAndPagesWithACursor) {
  // Three workshop jobs of their own (the demo's jobs are the figures area's).
  for (int k = 0; k < 3; ++k) {
    Answer a = Call("demo_staff", "POST", fmt::format("/api/v1/persons/{}/jobs", Adult("1", 20 + k)),
                    {{"channel", "workshop"}, {"employer", "分页测试车间"}, {"place", "township"}, {"started_on", Day(-5)}});
    ASSERT_EQ(a.status, 201) << a.body.dump();
  }
  Answer p1 = Call("demo_staff", "GET", "/api/v1/jobs?channel=workshop&limit=2");
  ASSERT_EQ(p1.status, 200) << p1.body.dump();
  const int64_t total = p1.body["total"];
  EXPECT_EQ(total, SqlInt("SELECT count(*) FROM jobs WHERE channel = 'workshop' AND voided_at IS NULL"));
  ASSERT_EQ(p1.body["items"].size(), 2u);
  for (const json& j : p1.body["items"]) EXPECT_EQ(j["channel"], "workshop");
  ASSERT_TRUE(p1.body["next_cursor"].is_string());
  Answer p2 = Call("demo_staff", "GET",
                   fmt::format("/api/v1/jobs?channel=workshop&limit=2&cursor={}", p1.body["next_cursor"].get<std::string>()));
  ASSERT_EQ(p2.status, 200) << p2.body.dump();
  EXPECT_LT(p2.body["items"][0]["id"].get<int64_t>(), p1.body["items"][1]["id"].get<int64_t>());
  const std::string d = Day(-400);
  Answer asof = Call("demo_staff", "GET", fmt::format("/api/v1/jobs?as_of={}&limit=1", d));
  ASSERT_EQ(asof.status, 200);
  EXPECT_EQ(asof.body["total"].get<int64_t>(),
            SqlInt(fmt::format("SELECT count(*) FROM jobs WHERE voided_at IS NULL AND started_on <= '{0}' "
                               "AND (ended_on IS NULL OR ended_on > '{0}')", d)));
  EXPECT_EQ(Call("demo_staff", "GET", "/api/v1/jobs?chanel=workshop").status, 422);
}

TEST(JobsApi, APersonEditGivingEmploymentKindRecordsItAsJobs) {
  // The registry seam: employment_kind given to PATCH /api/v1/persons/{id} becomes jobs.
  const int64_t person = Adult("p.employment_kind = 'none' AND p.able_to_work = 1", 7);
  ASSERT_GT(person, 0);
  auto version = [&] { return SqlInt(fmt::format("SELECT version FROM persons WHERE id = {}", person)); };
  const std::string current = fmt::format(
      "SELECT group_concat(channel || '/' || source) FROM jobs WHERE person_id = {} AND voided_at IS NULL "
      "AND started_on <= '{}' AND (ended_on IS NULL OR ended_on > '{}')", person, Day(0), Day(0));
  Answer a = Call("demo_staff", "PATCH", fmt::format("/api/v1/persons/{}", person),
                  {{"employment_kind", "migrant_work"}, {"employer", "太原某物流公司"}}, version());
  ASSERT_EQ(a.status, 200) << a.body.dump();
  EXPECT_EQ(SqlText(current), "migrant_work/registry");
  EXPECT_EQ(SqlText(fmt::format("SELECT started_on FROM jobs WHERE person_id = {} AND source = 'registry'", person)), Day(0));
  EXPECT_EQ(SqlText(fmt::format("SELECT employment_kind FROM persons WHERE id = {}", person)), "migrant_work");
  // Back to none the same day: the job started today is voided (an empty period), the cache none.
  Answer b = Call("demo_staff", "PATCH", fmt::format("/api/v1/persons/{}", person), {{"employment_kind", "none"}}, version());
  ASSERT_EQ(b.status, 200) << b.body.dump();
  EXPECT_EQ(SqlText(current), "");
  EXPECT_EQ(SqlText(fmt::format("SELECT employment_kind FROM persons WHERE id = {}", person)), "none");
  EXPECT_EQ(SqlText(fmt::format("SELECT void_reason FROM jobs WHERE person_id = {} AND source = 'registry'", person)),
            "登记表就业情况改为 none");
}

}  // namespace
}  // namespace anju::http
