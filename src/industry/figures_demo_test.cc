// The labour figures of `anju demo` + `anju report`, recomputed with independent SQL on the jobs
// table (docs/industry.md "Figures": employed on D = a current, not voided job on D), on the
// statistics day (the article's 25,600 / 21,000 / 82 % / 0) and on earlier month ends, where the
// demo's start and end dates make the figures move (employment_kind, the cache of today, would
// give 21,000 on every day); labor.zero_employment_open and industry.certificates_issued
// likewise. Runs the real binary (ANJU_BINARY) end to end.
#include <gtest/gtest.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "storage/sqlite.h"

namespace {

namespace fs = std::filesystem;

int Sh(const std::string& cmd) {
  int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

class DemoLabour : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("anju_figures_demo_" + std::to_string(getpid()));
    fs::create_directories(dir_);
    db_ = (dir_ / "demo.db").string();
    ok_ = Sh(std::string(ANJU_BINARY) + " demo --no-accounts --db '" + db_ + "' >/dev/null 2>&1") == 0;
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }
  void SetUp() override { ASSERT_TRUE(ok_) << "anju demo failed"; }

  // `anju report --as-of D --format json` (file-open: the report the test just wrote).
  static nlohmann::json Report(const std::string& as_of) {
    const std::string out = (dir_ / ("r" + as_of + ".json")).string();
    EXPECT_EQ(Sh(std::string(ANJU_BINARY) + " report --db '" + db_ + "' --as-of " + as_of +
                 " --format json --out '" + out + "' >/dev/null 2>&1"),
              0);
    std::ifstream f(out);  // file-open: test output
    return nlohmann::json::parse(f, nullptr, false);
  }

  // One integer from SQL on the demo database (read-only; file-open: the test's database).
  static int64_t Q(const std::string& sql) {
    auto db = anju::storage::Database::Open(db_, {.read_only = true, .create = false});
    EXPECT_TRUE(db.has_value());
    if (!db) return -1;
    auto st = (*db)->Prepare(sql);
    EXPECT_TRUE(st.has_value()) << sql;
    if (!st) return -1;
    auto more = st->Step();
    return more && *more ? st->ColumnInt(0) : -1;
  }

  // Members of labour age counted on D (living register: current and earlier memberships of
  // households counted on D), with their able/wants flags and whether a job is current on D.
  static std::string Members(const std::string& d) {
    const int y = std::stoi(d.substr(0, 4));
    const std::string adult = std::to_string(y - 18) + d.substr(4), old = std::to_string(y - 61) + d.substr(4);
    const std::string q = "'" + d + "'";
    return "WITH m AS (SELECT p.id AS pid, p.household_id AS hid FROM persons p WHERE (p.member_from IS NULL OR "
           "p.member_from <= " + q + ") AND (p.member_until IS NULL OR p.member_until > " + q + ") "
           "UNION ALL SELECT mh.person_id, mh.household_id FROM membership_history mh WHERE (mh.start_date IS NULL "
           "OR mh.start_date <= " + q + ") AND mh.end_date > " + q + "), "
           "w AS (SELECT m.hid, p.able_to_work AS able, p.wants_work AS wants, EXISTS (SELECT 1 FROM jobs j WHERE "
           "j.person_id = p.id AND j.started_on <= " + q + " AND (j.ended_on IS NULL OR j.ended_on > " + q +
           ") AND j.voided_at IS NULL) AS employed FROM m JOIN persons p ON p.id = m.pid JOIN households h ON "
           "h.id = m.hid WHERE h.move_in_date <= " + q + " AND (h.formed_on IS NULL OR h.formed_on <= " + q +
           ") AND (h.ended_on IS NULL OR h.ended_on > " + q + ") AND p.birth_date <= '" + adult +
           "' AND p.birth_date > '" + old + "') ";
  }

  static void Check(const std::string& d) {
    const nlohmann::json r = Report(d);
    ASSERT_FALSE(r.is_discarded()) << d;
    const std::string w = Members(d);
    EXPECT_EQ(r["labor.working_age"], Q(w + "SELECT count(*) FROM w")) << d;
    EXPECT_EQ(r["labor.employed"], Q(w + "SELECT count(*) FROM w WHERE employed")) << d;
    EXPECT_EQ(r["labor.zero_employment_households"],
              Q(w + "SELECT count(*) FROM (SELECT hid FROM w GROUP BY hid HAVING sum(CASE WHEN able <> 0 "
                    "AND wants <> 0 THEN 1 ELSE 0 END) > 0 AND sum(employed) = 0)"))
        << d;
  }

  static inline fs::path dir_;
  static inline std::string db_;
  static inline bool ok_ = false;
};

TEST_F(DemoLabour, TheStatisticsDayGivesTheArticlesFiguresFromJobs) {
  const nlohmann::json r = Report("2022-09-30");
  EXPECT_EQ(r["labor.working_age"], 25600);
  EXPECT_EQ(r["labor.employed"], 21000);
  EXPECT_EQ(r["labor.zero_employment_households"], 0);
  Check("2022-09-30");
  // Every demo job is current or ended, none voided; some ended before the statistics day.
  EXPECT_GT(Q("SELECT count(*) FROM jobs WHERE ended_on IS NOT NULL AND ended_on <= '2022-09-30'"), 500);  // 614 with seed 1
  EXPECT_EQ(Q("SELECT count(*) FROM jobs WHERE started_on > '2022-09-30' AND ended_on IS NULL"), 0);
}

// Counted persons on D (any age) with a current, not voided job of `channel` on D.
static std::string CountedWithChannel(const std::string& d, const std::string& channel) {
  const std::string q = "'" + d + "'";
  return "WITH m AS (SELECT p.id AS pid, p.household_id AS hid FROM persons p WHERE (p.member_from IS NULL OR "
         "p.member_from <= " + q + ") AND (p.member_until IS NULL OR p.member_until > " + q + ") "
         "UNION ALL SELECT mh.person_id, mh.household_id FROM membership_history mh WHERE (mh.start_date IS NULL "
         "OR mh.start_date <= " + q + ") AND mh.end_date > " + q + ") "
         "SELECT count(*) FROM m JOIN persons p ON p.id = m.pid JOIN households h ON h.id = m.hid "
         "WHERE h.move_in_date <= " + q + " AND (h.formed_on IS NULL OR h.formed_on <= " + q +
         ") AND (h.ended_on IS NULL OR h.ended_on > " + q + ") AND p.birth_date <= " + q +
         " AND EXISTS (SELECT 1 FROM jobs j WHERE j.person_id = p.id AND j.channel = '" + channel +
         "' AND j.started_on <= " + q + " AND (j.ended_on IS NULL OR j.ended_on > " + q +
         ") AND j.voided_at IS NULL)";
}

TEST_F(DemoLabour, JobsByChannelAndWelfarePostsEqualSqlOnJobs) {
  for (const char* d : {"2022-09-30", "2022-03-31"}) {
    const nlohmann::json r = Report(d);
    ASSERT_FALSE(r.is_discarded()) << d;
    int64_t sum = 0;
    for (const char* c : {"workshop", "park", "welfare_post", "enterprise", "migrant_work", "self_employed",
                          "flexible", "other"}) {
      const std::string key = std::string("labor.jobs.") + c;
      ASSERT_TRUE(r.contains(key) && r[key].is_number_integer()) << key << " " << d;
      EXPECT_EQ(r[key].get<int64_t>(), Q(CountedWithChannel(d, c))) << key << " " << d;
      sum += r[key].get<int64_t>();
    }
    // The demo gives each employed person one current job: the channels add up to the employed
    // of every age, at least the working-age employed.
    EXPECT_GE(sum, r["labor.employed"].get<int64_t>()) << d;
    EXPECT_GT(r["labor.jobs.welfare_post"].get<int64_t>(), 0) << d;
    EXPECT_EQ(r["industry.welfare_posts_held"], r["labor.jobs.welfare_post"]) << d;
  }
}

TEST_F(DemoLabour, EarlierMonthEndsAreRecomputedFromJobs) {
  for (const char* d : {"2021-10-31", "2022-03-31", "2022-06-30"}) Check(d);
  // The months move: fewer employed half a year before (the cache would say 21,000).
  EXPECT_LT(Report("2022-03-31")["labor.employed"].get<int64_t>(), 20000);
}

// Households counted on D (the living register's rule), aliased h.
static std::string CountedHousehold(const std::string& d) {
  const std::string q = "'" + d + "'";
  return "h.move_in_date <= " + q + " AND (h.formed_on IS NULL OR h.formed_on <= " + q +
         ") AND (h.ended_on IS NULL OR h.ended_on > " + q + ")";
}

// labor.zero_employment_open and industry.certificates_issued(.<kind>) of the report as of d,
// each against SQL written here from docs/industry.md ("Services", "Training").
static void CheckOpenAndCertificates(const nlohmann::json& r, const std::string& d,
                                     int64_t (*q)(const std::string&), const std::string& members) {
  const std::string day = "'" + d + "'";
  EXPECT_EQ(r["labor.zero_employment_open"],
            q(members + "SELECT count(*) FROM (SELECT hid FROM w GROUP BY hid HAVING sum(CASE WHEN able <> 0 "
                        "AND wants <> 0 THEN 1 ELSE 0 END) > 0 AND sum(employed) = 0) z WHERE NOT EXISTS (SELECT "
                        "1 FROM zero_employment_clearings c WHERE c.household_id = z.hid AND c.reason <> "
                        "'employed' AND c.cleared_on <= " + day + " AND (c.valid_until IS NULL OR c.valid_until > " +
                        day + "))"))
      << d;
  const std::string certs = "SELECT count(*) FROM training_certificates c JOIN persons p ON p.id = c.person_id "
                            "JOIN households h ON h.id = p.household_id WHERE c.voided_at IS NULL AND c.issued_on <= " +
                            day + " AND " + CountedHousehold(d);
  EXPECT_EQ(r["industry.certificates_issued"], q(certs)) << d;
  int64_t sum = 0;
  for (const char* k : {"training", "skill_level", "qualification", "special"}) {
    const std::string key = std::string("industry.certificates_issued.") + k;
    ASSERT_TRUE(r.contains(key) && r[key].is_number_integer()) << key << " " << d;
    EXPECT_EQ(r[key].get<int64_t>(), q(certs + " AND c.kind = '" + k + "'")) << key << " " << d;
    sum += r[key].get<int64_t>();
  }
  EXPECT_EQ(sum, r["industry.certificates_issued"].get<int64_t>()) << d;
}

TEST_F(DemoLabour, ZeroEmploymentOpenAndCertificatesEqualSql) {
  for (const char* d : {"2022-09-30", "2021-12-31"}) {
    const nlohmann::json r = Report(d);
    ASSERT_FALSE(r.is_discarded()) << d;
    CheckOpenAndCertificates(r, d, &Q, Members(d));
  }
  // The article: no zero-employment household left open on the statistics day; the demo's
  // certificates are issued over two years, so the earlier month end has fewer.
  const nlohmann::json now = Report("2022-09-30"), before = Report("2021-12-31");
  EXPECT_EQ(now["labor.zero_employment_open"], 0);
  EXPECT_GT(before["labor.zero_employment_open"].get<int64_t>(), 0);  // 21 with seed 1
  EXPECT_EQ(before["labor.zero_employment_open"], before["labor.zero_employment_households"]);  // no clearing yet
  EXPECT_GT(now["industry.certificates_issued"].get<int64_t>(), before["industry.certificates_issued"].get<int64_t>());
}

// Workshops recognised on d (recognised_on <= d, open on d) with at least `min` workers of
// relocated households holding a current job there (docs/industry.md "Places").
static std::string RecognisedWorkshops(const std::string& d, int min) {
  const std::string q = "'" + d + "'";
  return "SELECT count(*) FROM workshops w WHERE w.recognised_on <= " + q + " AND (w.opened_on IS NULL OR "
         "w.opened_on <= " + q + ") AND (w.closed_on IS NULL OR w.closed_on > " + q + ") AND (SELECT count(DISTINCT "
         "j.person_id) FROM jobs j JOIN persons p ON p.id = j.person_id JOIN households h ON h.id = p.household_id "
         "WHERE j.workshop_id = w.id AND j.started_on <= " + q + " AND (j.ended_on IS NULL OR j.ended_on > " + q +
         ") AND j.voided_at IS NULL AND h.category IN ('registered_poor','co_relocated')) >= " + std::to_string(min);
}

TEST_F(DemoLabour, WorkshopsRecognisedEqualSqlAndFollowTheSetting) {
  for (const char* d : {"2022-09-30", "2021-12-31", "2020-12-31"}) {
    const nlohmann::json r = Report(d);
    ASSERT_FALSE(r.is_discarded()) << d;
    EXPECT_EQ(r["industry.workshops_recognised"], Q(RecognisedWorkshops(d, 5))) << d;  // the default setting
  }
  EXPECT_EQ(Report("2022-09-30")["industry.workshops_recognised"], 18);  // every demo workshop
  EXPECT_LT(Report("2020-12-31")["industry.workshops_recognised"].get<int64_t>(), 18);  // recognised later
}

TEST_F(DemoLabour, AValidRefusalClearingClosesAHouseholdAndAVoidedCertificateDrops) {
  const std::string d = "2021-12-31";
  const nlohmann::json r0 = Report(d);
  const int64_t open = r0["labor.zero_employment_open"].get<int64_t>();
  const int64_t certs = r0["industry.certificates_issued"].get<int64_t>();
  ASSERT_GE(open, 2);
  // Two zero-employment households on d: the first gets a refused_offers clearing valid on d,
  // the second a lost_contact one that expired on d (valid_until = d: no longer holds).
  const std::string zero = Members(d) +
                           "SELECT hid FROM w GROUP BY hid HAVING sum(CASE WHEN able <> 0 AND wants <> 0 THEN 1 "
                           "ELSE 0 END) > 0 AND sum(employed) = 0 ORDER BY hid LIMIT 1 OFFSET ";
  const int64_t h1 = Q(zero + "0"), h2 = Q(zero + "1");
  {
    auto db = anju::storage::Database::Open(db_, {.read_only = false, .create = false});  // file-open: the test's database
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE((*db)->Exec(fmt::format(
        "UPDATE zero_employment_clearings SET household_id = {}, reason = 'refused_offers', cleared_on = "
        "'2021-12-01', valid_until = '2022-12-01' WHERE id = (SELECT min(id) FROM zero_employment_clearings)", h1)));
    ASSERT_TRUE((*db)->Exec(fmt::format(
        "UPDATE zero_employment_clearings SET household_id = {}, reason = 'lost_contact', cleared_on = "
        "'2021-01-01', valid_until = '2021-12-31' WHERE id = (SELECT max(id) FROM zero_employment_clearings)", h2)));
    ASSERT_TRUE((*db)->Exec(
        "UPDATE training_certificates SET voided_at = '2026-01-01T00:00:00Z', void_reason = 'test' WHERE id = "
        "(SELECT c.id FROM training_certificates c JOIN persons p ON p.id = c.person_id JOIN households h ON "
        "h.id = p.household_id WHERE c.issued_on <= '2021-12-31' AND " + CountedHousehold(d) + " ORDER BY c.id LIMIT 1)"));
    EXPECT_EQ((*db)->Changes(), 1);
  }
  const nlohmann::json r1 = Report(d);
  EXPECT_EQ(r1["labor.zero_employment_open"].get<int64_t>(), open - 1);
  EXPECT_EQ(r1["labor.zero_employment_households"], r0["labor.zero_employment_households"]);
  EXPECT_EQ(r1["industry.certificates_issued"].get<int64_t>(), certs - 1);
  CheckOpenAndCertificates(r1, d, &Q, Members(d));
  // A county that sets the recognition minimum to 100 workers: the smaller workshops drop out.
  {
    auto db = anju::storage::Database::Open(db_, {.read_only = false, .create = false});  // file-open: the test's database
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE((*db)->Exec("INSERT INTO casework_settings (key, value, source, set_by, set_at) VALUES "
                            "('workshop.recognition_min_workers', '100', 'test', 'test', '2026-01-01T00:00:00Z')"));
  }
  const int64_t big = Q(RecognisedWorkshops("2022-09-30", 100));
  EXPECT_EQ(Report("2022-09-30")["industry.workshops_recognised"], big);
  EXPECT_LT(big, 18);
  EXPECT_GT(big, 0);
}

TEST_F(DemoLabour, AVoidedJobIsNotCounted) {
  // Void one current job of a person with a single job; the report's employed drops by one.
  const std::string d = "2022-09-30";
  const int64_t before = Report(d)["labor.employed"].get<int64_t>();
  const std::string pick =
      "(SELECT j.id FROM jobs j JOIN persons p ON p.id = j.person_id JOIN households h ON h.id = p.household_id "
      "WHERE j.ended_on IS NULL AND p.birth_date BETWEEN '1970-01-01' AND '2000-01-01' AND p.member_until IS NULL "
      "AND h.move_in_date <= '2022-01-01' AND (SELECT count(*) FROM jobs k WHERE k.person_id = j.person_id) = 1 "
      "ORDER BY j.id LIMIT 1)";
  {
    auto db = anju::storage::Database::Open(db_, {.read_only = false, .create = false});  // file-open: the test's database
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE((*db)->Exec("UPDATE jobs SET voided_at = '2026-01-01T00:00:00Z', void_reason = 'test' WHERE id = " + pick));
    EXPECT_EQ((*db)->Changes(), 1);
  }
  EXPECT_EQ(Report(d)["labor.employed"].get<int64_t>(), before - 1);
  Check(d);
}

// `anju report --figure KEY …` (the benchmark's narrow command) runs the same engine with the
// other steps left out: its labour figures equal the full report's on every day, including
// after the voided job above (the jobs pass reads the partial index of jobs not voided), and
// the independent SQL of Check.
TEST_F(DemoLabour, NarrowFiguresEqualTheFullReportOnEveryDay) {
  const std::vector<std::string> keys{"labor.working_age", "labor.employed", "labor.employment_rate",
                                      "labor.working_age_share", "labor.zero_employment_households"};
  std::string flags;
  for (const auto& k : keys) flags += " --figure " + k;
  for (const char* d : {"2019-12-31", "2021-10-31", "2022-03-31", "2022-06-30", "2022-09-30"}) {
    const std::string out = (dir_ / (std::string("n") + d + ".json")).string();
    ASSERT_EQ(Sh(std::string(ANJU_BINARY) + " report --db '" + db_ + "' --as-of " + d + flags +
                 " --format json --out '" + out + "' >/dev/null 2>&1"),
              0)
        << d;
    std::ifstream f(out);  // file-open: test output
    const nlohmann::json narrow = nlohmann::json::parse(f, nullptr, false);
    ASSERT_FALSE(narrow.is_discarded()) << d;
    const nlohmann::json full = Report(d);
    EXPECT_EQ(narrow["as_of"], d);
    for (const auto& k : keys)
      for (const std::string& key : {k, k + ".numerator", k + ".denominator"})
        if (full.contains(key)) {
          ASSERT_TRUE(narrow.contains(key)) << key << " " << d;
          EXPECT_EQ(narrow[key], full[key]) << key << " " << d;
        }
    EXPECT_FALSE(narrow.contains("population.persons")) << "only the figures asked for";
    const std::string w = Members(d);
    EXPECT_EQ(narrow["labor.employed"], Q(w + "SELECT count(*) FROM w WHERE employed")) << d;
  }
  // A figure the narrow path does not compute is refused, naming it, in English and Chinese.
  const std::string err = (dir_ / "refused.txt").string();
  EXPECT_NE(Sh(std::string(ANJU_BINARY) + " report --db '" + db_ + "' --figure industry.parks >/dev/null 2>'" + err + "'"), 0);
  std::ifstream e(err);  // file-open: test output
  std::ostringstream read;
  read << e.rdbuf();
  const std::string text = read.str();
  EXPECT_NE(text.find("industry.parks"), std::string::npos) << text;
  EXPECT_NE(text.find("labor.employment_rate"), std::string::npos) << text;
  EXPECT_NE(text.find("不能单独计算"), std::string::npos) << text;
}

// The county's working age and employed alone come from the kept day totals (reports migration
// 0001, reports/storage/labour_spans.h): on every day they equal the scan (`--scan`) and the
// independent SQL, also after writes made outside anju (the voided job above; a membership ended
// here by plain SQL: the reader corrects for the persons those writes listed).
TEST_F(DemoLabour, DayTotalsEqualTheScanAndTheSql) {
  {
    auto db = anju::storage::Database::Open(db_, {.read_only = false, .create = false});  // file-open: the test's database
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE((*db)->Exec(
        "UPDATE persons SET member_until = '2022-01-01' WHERE id = (SELECT p.id FROM persons p JOIN jobs j ON "
        "j.person_id = p.id WHERE j.ended_on IS NULL AND j.voided_at IS NULL AND p.member_until IS NULL AND "
        "p.birth_date BETWEEN '1970-01-01' AND '2000-01-01' ORDER BY p.id LIMIT 1)"));
    EXPECT_EQ((*db)->Changes(), 1);
  }
  EXPECT_GE(Q("SELECT count(*) FROM labour_dirty"), 1);
  const std::string flags = " --figure labor.working_age --figure labor.employed --figure labor.employment_rate";
  for (const char* d : {"2019-12-31", "2021-10-31", "2021-12-31", "2022-03-31", "2022-09-30"}) {
    nlohmann::json got[2];
    for (int scan = 0; scan < 2; ++scan) {
      const std::string out = (dir_ / (std::string("t") + d + (scan ? "s" : "") + ".json")).string();
      ASSERT_EQ(Sh(std::string(ANJU_BINARY) + " report --db '" + db_ + "' --as-of " + d + flags +
                   (scan ? " --scan" : "") + " --format json --out '" + out + "' >/dev/null 2>&1"),
                0)
          << d;
      std::ifstream f(out);  // file-open: test output
      got[scan] = nlohmann::json::parse(f, nullptr, false);
      ASSERT_FALSE(got[scan].is_discarded()) << d;
    }
    for (const char* k : {"labor.working_age", "labor.employed", "labor.employment_rate",
                          "labor.employment_rate.numerator", "labor.employment_rate.denominator"})
      EXPECT_EQ(got[0][k], got[1][k]) << k << " " << d;
    const std::string w = Members(d);
    EXPECT_EQ(got[0]["labor.working_age"], Q(w + "SELECT count(*) FROM w")) << d;
    EXPECT_EQ(got[0]["labor.employed"], Q(w + "SELECT count(*) FROM w WHERE employed")) << d;
  }
}

}  // namespace
