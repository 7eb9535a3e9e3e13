// Skills training over HTTP per role (issue #16 item 5, docs/industry.md "Training"): the real
// server against the real `anju demo` database (tests/api/demo_env.h), called as the demo
// accounts. What each role reads (classes by the site's scope, enrolments and certificates by
// the person's household), a whole class run by the county (class, enrolments, attendance,
// completion, drop, certificates), the one-subsidy refusal naming the earlier certificate with
// nothing written, If-Match, capacity, and the follow-up rates worked out by hand from jobs
// written here. Expected counts are computed in SQL on the database, independently of the server.
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "demo_env.h"
#include "storage/sqlite.h"

namespace anju::http {
namespace {

using nlohmann::json;
using test::DemoEnv;

storage::Database* Db(bool write = false) {
  static std::unique_ptr<storage::Database> ro, rw;
  auto& slot = write ? rw : ro;
  if (!slot) {
    auto d = storage::Database::Open(DemoEnv::Get().db, {.read_only = !write, .create = false});
    EXPECT_TRUE(d) << d.error().ToString();
    if (d) slot = std::move(*d);
  }
  return slot.get();
}
std::string SqlText(const std::string& sql) {
  auto st = Db()->Prepare(sql);
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
void SqlWrite(const std::string& sql) {
  auto s = Db(true)->Exec(sql);
  EXPECT_TRUE(s) << sql << ": " << s.error().ToString();
}

struct User {
  std::string cookie, csrf;
};
User Login(const std::string& name) {
  static std::map<std::string, User> users;
  if (auto it = users.find(name); it != users.end()) return it->second;
  httplib::Client c("127.0.0.1", DemoEnv::Get().server->port());
  auto res = c.Post("/api/v1/session", json{{"username", name}, {"password", "anju-demo"}}.dump(), "application/json");
  EXPECT_TRUE(res && res->status == 200) << name;
  if (!res || res->status != 200) return {};
  std::string set_cookie = res->get_header_value("Set-Cookie");
  User u{set_cookie.substr(0, set_cookie.find(';')), json::parse(res->body)["csrf_token"]};
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
  httplib::Client c("127.0.0.1", DemoEnv::Get().server->port());
  c.set_read_timeout(60, 0);
  const std::string b = body.is_null() ? "{}" : body.dump();
  httplib::Result r = method == "GET"     ? c.Get(path, h)
                      : method == "PATCH" ? c.Patch(path, h, b, "application/json")
                                          : c.Post(path, h, b, "application/json");
  EXPECT_TRUE(r) << method << " " << path;
  if (!r) return {};
  return {r->status, json::parse(r->body, nullptr, false)};
}
std::string Audit() { return SqlText("SELECT count(*) || ':' || max(seq) FROM audit_log"); }

class TrainingApi : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!DemoEnv::Get().skip.empty()) GTEST_SKIP() << DemoEnv::Get().skip;
    ASSERT_TRUE(DemoEnv::Get().error.empty()) << DemoEnv::Get().error;
  }
};

TEST_F(TrainingApi, TheArticlesElevenCoursesAreSeeded) {
  Answer a = Call("demo_grid", "GET", "/api/v1/courses");
  ASSERT_EQ(a.status, 200);
  int reference = 0;
  std::string names;
  for (const json& c : a.body["items"])
    if (c["reference"] == true) {
      ++reference;
      names += c["name"].get<std::string>() + "、";
    }
  EXPECT_EQ(reference, 11);
  EXPECT_EQ(names, "护工护理、临县的哥、工匠、香菇蔬菜种植技术、烹饪、厨师、电焊、马达组装、小风扇组装、箱包加工、枣芽茶加工、");
}

TEST_F(TrainingApi, EachRoleSeesTheClassesOfTheSitesItsScopeSees) {
  const int64_t all = SqlInt("SELECT count(*) FROM training_classes");
  EXPECT_GE(all, 18 * 4);  // the demo: 4 classes at each of the 18 sites
  for (const char* user : {"demo_admin", "demo_auditor"}) {
    Answer a = Call(user, "GET", "/api/v1/training-classes?limit=500");
    ASSERT_EQ(a.status, 200) << user;
    EXPECT_EQ(static_cast<int64_t>(a.body["items"].size()), all) << user;
  }
  // A site manager: the classes at its site; another site's class is 404.
  Answer me = Call("demo_site", "GET", "/api/v1/session");
  const int64_t site = me.body["scope"]["site_id"];
  Answer a = Call("demo_site", "GET", "/api/v1/training-classes?limit=500");
  ASSERT_EQ(a.status, 200);
  EXPECT_EQ(static_cast<int64_t>(a.body["items"].size()),
            SqlInt(fmt::format("SELECT count(*) FROM training_classes WHERE site_id = {}", site)));
  for (const json& c : a.body["items"]) EXPECT_EQ(c["site_id"], site);
  const int64_t other = SqlInt(fmt::format("SELECT id FROM training_classes WHERE site_id <> {} ORDER BY id", site));
  EXPECT_EQ(Call("demo_site", "GET", fmt::format("/api/v1/training-classes/{}", other)).status, 404);
  EXPECT_EQ(Call("demo_site", "GET", fmt::format("/api/v1/training-classes/{}/follow-up", other)).status, 404);
  // A township: the sites in the township (and those its households live at).
  Answer t = Call("demo_township", "GET", "/api/v1/session");
  const std::string township = t.body["scope"]["township_code"];
  a = Call("demo_township", "GET", "/api/v1/training-classes?limit=500");
  ASSERT_EQ(a.status, 200);
  EXPECT_EQ(static_cast<int64_t>(a.body["items"].size()),
            SqlInt(fmt::format(
                "SELECT count(*) FROM training_classes c JOIN sites s ON s.id = c.site_id WHERE s.township_code = '{0}' "
                "OR EXISTS (SELECT 1 FROM households h JOIN origin_villages o ON o.id = h.origin_village_id "
                "WHERE h.site_id = c.site_id AND o.township_code = '{0}')",
                township)));
  // The counts of a class agree with its rows.
  const json first = Call("demo_admin", "GET", "/api/v1/training-classes?limit=500").body["items"][0];
  const int64_t id = first["id"];
  EXPECT_EQ(first["enrolled"],
            SqlInt(fmt::format("SELECT count(*) FROM training_enrolments WHERE class_id = {} AND dropped_on IS NULL", id)));
  EXPECT_EQ(first["completed"],
            SqlInt(fmt::format("SELECT count(*) FROM training_enrolments WHERE class_id = {} AND completed_on IS NOT NULL", id)));
}

TEST_F(TrainingApi, TheDemoHasTheArticlesThreeCertificateKindsFromCompleters) {
  for (const char* kind : {"training", "skill_level", "special"})
    EXPECT_GT(SqlInt(fmt::format("SELECT count(*) FROM training_certificates WHERE kind = '{}'", kind)), 0) << kind;
  EXPECT_EQ(SqlInt("SELECT count(*) FROM training_certificates t JOIN training_enrolments e ON e.class_id = t.class_id "
                   "AND e.person_id = t.person_id WHERE e.completed_on IS NULL"),
            0);
}

TEST_F(TrainingApi, AClassRunFromEnrolmentToCertificateAndFollowUp) {
  // Three working-age persons of site 2's households, not enrolled yet.
  const std::string pick =
      "SELECT p.id FROM persons p JOIN households h ON h.id = p.household_id WHERE h.site_id = 2 "
      "AND p.member_until IS NULL AND p.birth_date BETWEEN '1970-01-01' AND '2000-01-01' "
      "AND p.id NOT IN (SELECT person_id FROM training_enrolments) "
      "AND p.id NOT IN (SELECT person_id FROM jobs) ORDER BY p.id DESC LIMIT 1 OFFSET {}";
  auto nth = [&pick](int n) { return SqlInt(fmt::format(fmt::runtime(pick), n)); };
  const int64_t pa = nth(0), pb = nth(1), pc = nth(2);
  ASSERT_TRUE(pa && pb && pc);
  Answer cls = Call("demo_staff", "POST", "/api/v1/training-classes",
                    {{"course_id", 7}, {"provider", "测试培训学校"}, {"site_id", 2}, {"from", "2025-01-06"},
                     {"until", "2025-01-10"}, {"hours", 40}, {"capacity", 3}});
  ASSERT_EQ(cls.status, 201) << cls.body.dump();
  const int64_t id = cls.body["id"];
  EXPECT_EQ(cls.body["course_name"], "电焊");
  std::map<int64_t, json> enr;
  for (int64_t p : {pa, pb, pc}) {
    Answer e = Call("demo_staff", "POST", fmt::format("/api/v1/training-classes/{}/enrolments", id), {{"person_id", p}});
    ASSERT_EQ(e.status, 201) << e.body.dump();
    enr[p] = e.body;
  }
  // Twice, and beyond the capacity of 3: refused, nothing written.
  const std::string audit = Audit();
  Answer twice = Call("demo_staff", "POST", fmt::format("/api/v1/training-classes/{}/enrolments", id), {{"person_id", pa}});
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.body["error"]["field"], "person_id");
  const int64_t pd = nth(3);
  Answer full = Call("demo_staff", "POST", fmt::format("/api/v1/training-classes/{}/enrolments", id), {{"person_id", pd}});
  EXPECT_EQ(full.status, 409);
  EXPECT_EQ(full.body["error"]["field"], "capacity");
  EXPECT_EQ(Audit(), audit);
  // Attendance beyond the class (5 days, 40 hours) is refused naming the field.
  Answer bad = Call("demo_staff", "PATCH", fmt::format("/api/v1/training-enrolments/{}", enr[pa]["id"].get<int64_t>()),
                    {{"attended_days", 6}}, 1);
  EXPECT_EQ(bad.status, 422) << bad.body.dump();
  EXPECT_EQ(bad.body["error"]["field"], "attended_days");
  // A and B complete, C drops out.
  for (int64_t p : {pa, pb}) {
    Answer ok = Call("demo_staff", "PATCH", fmt::format("/api/v1/training-enrolments/{}", enr[p]["id"].get<int64_t>()),
                     {{"attended_days", 5}, {"attended_hours", 40}, {"completed_on", "2025-01-10"}}, 1);
    EXPECT_EQ(ok.status, 200) << ok.body.dump();
    EXPECT_EQ(ok.body["completed"], true);
  }
  Answer stale = Call("demo_staff", "PATCH", fmt::format("/api/v1/training-enrolments/{}", enr[pa]["id"].get<int64_t>()),
                      {{"attended_hours", 39}}, 1);
  EXPECT_EQ(stale.status, 409);
  Answer drop = Call("demo_staff", "PATCH", fmt::format("/api/v1/training-enrolments/{}", enr[pc]["id"].get<int64_t>()),
                     {{"dropped_on", "2025-01-07"}}, 1);
  EXPECT_EQ(drop.status, 422);
  EXPECT_EQ(drop.body["error"]["field"], "drop_reason");
  drop = Call("demo_staff", "PATCH", fmt::format("/api/v1/training-enrolments/{}", enr[pc]["id"].get<int64_t>()),
              {{"dropped_on", "2025-01-07"}, {"drop_reason", "外出务工"}}, 1);
  EXPECT_EQ(drop.status, 200) << drop.body.dump();
  // The class's counts, and If-Match on the class.
  Answer got = Call("demo_staff", "GET", fmt::format("/api/v1/training-classes/{}", id));
  EXPECT_EQ(got.body["enrolled"], 2);
  EXPECT_EQ(got.body["completed"], 2);
  EXPECT_EQ(got.body["dropped"], 1);
  EXPECT_EQ(got.body["enrolments"].size(), 3u);
  EXPECT_EQ(Call("demo_staff", "PATCH", fmt::format("/api/v1/training-classes/{}", id), {{"hours", 41}}).status, 428);
  EXPECT_EQ(Call("demo_staff", "PATCH", fmt::format("/api/v1/training-classes/{}", id), {{"hours", 41}}, 7).status, 409);
  EXPECT_EQ(Call("demo_staff", "PATCH", fmt::format("/api/v1/training-classes/{}", id), {{"hours", 39}}, 1).status, 409)
      << "hours below the 40 attended";
  // Certificates: A's 焊工 初级 with 1,000 yuan; a second subsidy for 焊工 初级 is refused naming it.
  Answer c1 = Call("demo_staff", "POST", "/api/v1/certificates",
                   {{"person_id", pa}, {"kind", "skill_level"}, {"level", "junior"}, {"occupation", "焊工"},
                    {"number", "T-2025-001"}, {"issuer", "吕梁市职业技能鉴定中心"}, {"issued_on", "2025-02-01"},
                    {"class_id", id}, {"subsidy_fen", 100000}});
  ASSERT_EQ(c1.status, 201) << c1.body.dump();
  const int64_t c1id = c1.body["id"];
  const std::string before = Audit();
  const int64_t certs = SqlInt("SELECT count(*) FROM training_certificates");
  Answer c2 = Call("demo_staff", "POST", "/api/v1/certificates",
                   {{"person_id", pa}, {"kind", "qualification"}, {"level", "junior"}, {"occupation", "焊工"},
                    {"issued_on", "2025-03-01"}, {"subsidy_fen", 100000}});
  EXPECT_EQ(c2.status, 409);
  EXPECT_EQ(c2.body["error"]["field"], "subsidy_fen");
  const std::string zh = c2.body["error"]["message_zh"];
  EXPECT_NE(zh.find(fmt::format("证书 #{}（职业技能等级证书，编号 T-2025-001，2025-02-01 发证）", c1id)), std::string::npos) << zh;
  EXPECT_NE(c2.body["error"]["message"].get<std::string>().find(fmt::format("certificate #{}", c1id)), std::string::npos);
  EXPECT_EQ(Audit(), before);
  EXPECT_EQ(SqlInt("SELECT count(*) FROM training_certificates"), certs);
  // The same without subsidy is recorded; after voiding the first, the subsidy may be paid.
  EXPECT_EQ(Call("demo_staff", "POST", "/api/v1/certificates",
                 {{"person_id", pa}, {"kind", "qualification"}, {"level", "junior"}, {"occupation", "焊工"},
                  {"issued_on", "2025-03-01"}, {"subsidy_fen", 0}}).status, 201);
  EXPECT_EQ(Call("demo_staff", "POST", fmt::format("/api/v1/certificates/{}/void", c1id), {{"reason", "录入错误"}}, 1).status, 200);
  EXPECT_EQ(Call("demo_staff", "POST", "/api/v1/certificates",
                 {{"person_id", pa}, {"kind", "qualification"}, {"level", "junior"}, {"occupation", "焊工"},
                  {"issued_on", "2025-03-01"}, {"subsidy_fen", 100000}}).status, 201);
  EXPECT_EQ(SqlText(fmt::format("SELECT action FROM audit_log WHERE entity = 'training_certificate' AND entity_id = '{}' "
                                "ORDER BY seq DESC LIMIT 1", c1id)),
            "update");
  // Follow-up: class ends 2025-01-10; due 2025-04-10 (3), 2025-07-10 (6), 2026-01-10 (12).
  // A works from 2025-05-01 (not at 3, at 6 and 12); B has no job; C (dropped) works throughout.
  SqlWrite(fmt::format("INSERT INTO jobs (person_id, channel, started_on) VALUES ({}, 'enterprise', '2025-05-01')", pa));
  SqlWrite(fmt::format("INSERT INTO jobs (person_id, channel, started_on) VALUES ({}, 'migrant_work', '2024-01-01')", pc));
  Answer fu = Call("demo_auditor", "GET", fmt::format("/api/v1/training-classes/{}/follow-up", id));
  ASSERT_EQ(fu.status, 200) << fu.body.dump();
  ASSERT_EQ(fu.body["points"].size(), 3u);
  EXPECT_EQ(fu.body["points"][0]["due_on"], "2025-04-10");
  EXPECT_EQ(fu.body["points"][0]["completers"], 2);
  EXPECT_EQ(fu.body["points"][0]["employed"], 0);
  EXPECT_EQ(fu.body["points"][1]["employed"], 1);
  EXPECT_DOUBLE_EQ(fu.body["points"][1]["rate_percent"].get<double>(), 50.0);
  EXPECT_EQ(fu.body["points"][2]["due_on"], "2026-01-10");
  ASSERT_EQ(fu.body["rows"].size(), 3u);
  EXPECT_EQ(fu.body["rows"][2]["dropped"], true);
  EXPECT_EQ(fu.body["rows"][2]["employed"][0], true);
  // The person's certificates.
  Answer mine = Call("demo_admin", "GET", fmt::format("/api/v1/certificates?person_id={}", pa));
  EXPECT_EQ(mine.body["items"].size(), 2u);  // the voided one is left out
}

TEST_F(TrainingApi, RolesWithoutIndustryManageAreRefusedAndChangeNothing) {
  for (const char* user : {"demo_auditor", "demo_grid", "demo_cadre"}) Login(user);  // a login is audited
  const std::string before = Audit();
  for (const char* user : {"demo_auditor", "demo_grid", "demo_cadre"}) {
    Answer a = Call(user, "POST", "/api/v1/training-classes",
                    {{"course_id", 1}, {"provider", "x"}, {"site_id", 1}, {"from", "2025-01-06"}, {"until", "2025-01-10"},
                     {"hours", 40}});
    EXPECT_EQ(a.status, 403) << user << a.body.dump();
  }
  EXPECT_EQ(Audit(), before);
}

// Training, certificates and job-seeker registration are for persons of labour age (setting
// labor.age_min, 18), as jobs and posts are: a child is refused naming person_id and the age,
// and nothing is stored (before, a 3-year-old was enrolled, certified with a subsidy and
// registered as a job seeker — a fresh-clone tester's finding).
TEST_F(TrainingApi, AChildIsNotEnrolledCertifiedOrRegisteredAsAJobSeeker) {
  const int64_t child = SqlInt(
      "SELECT p.id FROM persons p JOIN households h ON h.id = p.household_id WHERE h.site_id = 2 "
      "AND p.member_until IS NULL AND p.birth_date > '2016-01-01' ORDER BY p.id LIMIT 1");
  ASSERT_NE(child, 0);
  const int64_t cls = SqlInt("SELECT min(id) FROM training_classes WHERE site_id = 2");
  ASSERT_NE(cls, 0);
  const std::string before = Audit();
  const std::string stored = SqlText("SELECT (SELECT count(*) FROM training_enrolments) || '|' || (SELECT count(*) FROM "
                                     "training_certificates) || '|' || (SELECT count(*) FROM job_seekers)");
  auto refused = [&](const Answer& a, const std::string& what) {
    EXPECT_EQ(a.status, 422) << what << a.body.dump();
    const json& e = a.body["error"];
    bool named = e.value("field", "") == "person_id" && e.value("message_zh", "").find("未满劳动年龄") != std::string::npos;
    for (const auto& d : e.value("details", json::array()))
      named = named || (d.value("field", "") == "person_id" &&
                        d.value("message_zh", "").find("未满劳动年龄") != std::string::npos);
    EXPECT_TRUE(named) << what << a.body.dump();
  };
  refused(Call("demo_staff", "POST", fmt::format("/api/v1/training-classes/{}/enrolments", cls), {{"person_id", child}}),
          "enrolment");
  refused(Call("demo_staff", "POST", "/api/v1/certificates",
               {{"person_id", child}, {"kind", "training"}, {"occupation", "电焊"}, {"issued_on", "2025-01-01"},
                {"subsidy_fen", 50000}}),
          "certificate");
  refused(Call("demo_staff", "POST", "/api/v1/job-seekers", {{"person_id", child}}), "job seeker");
  EXPECT_EQ(Audit(), before);
  EXPECT_EQ(SqlText("SELECT (SELECT count(*) FROM training_enrolments) || '|' || (SELECT count(*) FROM "
                    "training_certificates) || '|' || (SELECT count(*) FROM job_seekers)"),
            stored);
}

}  // namespace
}  // namespace anju::http
