// The county report "as of D" (docs/living-register.md, "Counted on day D") on a small SQLite
// registry whose events were written by SQL the way the services write them: a death, a move
// between households, a split, a merge, a placement change and a newborn with a pending id.
// Every expected value is worked out by hand from the rows below (comments give the members).
#include <gtest/gtest.h>

#include "reports/report_service.h"
#include "reports/report_test_util.h"
#include "reports/labour_figures.h"
#include "reports/storage/labour_spans.h"
#include "reports/storage/sqlite_report_repository.h"
#include "storage/migrate.h"

namespace anju::reports {
namespace {

using testing::MakeId;

class AsOfDb : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = storage::Database::Open(":memory:");
    ASSERT_TRUE(db);
    db_ = std::move(*db);
    ASSERT_TRUE(storage::Migrate(*db_));
    Exec(R"sql(
      INSERT INTO meta VALUES ('county_code','141124'),('county_name','临县'),
                              ('statistics_date','2022-09-30');
      INSERT INTO divisions VALUES ('141124','临县','county',NULL,NULL),
        ('141124100','临泉镇','township','141124',NULL),('141124102','城庄镇','township','141124',NULL);
      INSERT INTO sites (id,name,mode,township_code) VALUES (1,'甲安置点','county_town','141124100'),
        (2,'乙安置点','township_seat','141124100');
      INSERT INTO origin_villages (id,name,township_code,relocation_type)
        VALUES (1,'某村','141124102','whole_village');
      -- h1, h2, h6 registered poor; h3, h4, h5 co-relocated; all moved in 2019-05-01.
      -- h4 was split from h3 on 2021-07-01; h5 was merged into h3 on 2022-01-10;
      -- h6 lives at site 2 since 2022-06-01, at site 1 before.
      INSERT INTO households (id,household_no,category,origin_village_id,site_id,move_in_date,
                              formed_on,ended_on,split_from_id,merged_into_id)
        VALUES (1,'LX-000001','registered_poor',1,1,'2019-05-01',NULL,NULL,NULL,NULL),
               (2,'LX-000002','registered_poor',1,1,'2019-05-01',NULL,NULL,NULL,NULL),
               (3,'LX-000003','co_relocated',1,1,'2019-05-01',NULL,NULL,NULL,NULL),
               (4,'LX-000004','co_relocated',1,1,'2019-05-01','2021-07-01',NULL,3,NULL),
               (5,'LX-000005','co_relocated',1,1,'2019-05-01',NULL,'2022-01-10',NULL,3),
               (6,'LX-000006','registered_poor',1,2,'2019-05-01',NULL,NULL,NULL,NULL);
      INSERT INTO placement_history (household_id,site_id,origin_village_id,start_date,end_date)
        VALUES (6,1,1,NULL,'2022-06-01');
    )sql");
    // id 1 A head of h1; 2 B (female, 1950) died 2021-05-03; 3 C (female, 2000) moved from h1
    // to h2 on 2022-03-01; 4 D head of h2; 5 E head of h3; 6 F spouse in h3 until the split,
    // head of h4 from 2021-07-01; 7 G head of h5 until the merge, parent in h3 from 2022-01-10;
    // 8 I head of h6; 9 J born 2022-06-15 in h2, id pending ('').
    AddPerson(1, MakeId("141124", "19700101", "011"), "male", "1970-01-01", "head", nullptr, nullptr);
    AddPerson(1, MakeId("141124", "19500101", "022"), "female", "1950-01-01", "spouse", nullptr, "2021-05-03");
    AddPerson(2, MakeId("141124", "20000101", "042"), "female", "2000-01-01", "child", "2022-03-01", nullptr);
    AddPerson(2, MakeId("141124", "19750101", "051"), "male", "1975-01-01", "head", nullptr, nullptr);
    AddPerson(3, MakeId("141124", "19650101", "071"), "male", "1965-01-01", "head", nullptr, nullptr);
    AddPerson(4, MakeId("141124", "19680101", "082"), "female", "1968-01-01", "head", "2021-07-01", nullptr);
    AddPerson(3, MakeId("141124", "19400101", "091"), "male", "1940-01-01", "parent", "2022-01-10", nullptr);
    AddPerson(6, MakeId("141124", "19800101", "101"), "male", "1980-01-01", "head", nullptr, nullptr);
    AddPerson(2, "", "male", "2022-06-15", "child", "2022-06-15", nullptr);
    Exec(R"sql(
      INSERT INTO membership_history (person_id,household_id,relationship,start_date,end_date)
        VALUES (3,1,'child',NULL,'2022-03-01'), (6,3,'spouse',NULL,'2021-07-01'),
               (7,5,'head',NULL,'2022-01-10');
    )sql");
  }
  void Exec(const std::string& sql) { ASSERT_TRUE(db_->Exec(sql)) << sql; }
  void AddPerson(int hh, const std::string& id, const char* sex, const char* birth, const char* rel,
                 const char* from, const char* until) {
    auto st = db_->Prepare(
        "INSERT INTO persons (household_id,resident_id,name,sex,birth_date,relationship,member_from,"
        "member_until) VALUES (?1,?2,'测试',?3,?4,?5,?6,?7)");
    ASSERT_TRUE(st);
    st->Bind(1, hh).Bind(2, id).Bind(3, sex).Bind(4, birth).Bind(5, rel);
    if (from) st->Bind(6, from); else st->BindNull(6);
    if (until) st->Bind(7, until); else st->BindNull(7);
    ASSERT_TRUE(st->Run());
  }
  CountyReport Build(const char* as_of, std::string site = "") {
    storage::SqliteReportRepository repo(*db_);
    auto r = BuildCountyReport(repo, {.as_of = *ParseIsoDate(as_of), .site = site,
                                      .today = *ParseIsoDate("2024-01-01")});
    EXPECT_TRUE(r) << r.error().message;
    return r ? *r : CountyReport{};
  }
  static SiteRow Site(const CountyReport& r, const char* name) {
    for (const auto& s : r.sites)
      if (s.name == name) return s;
    ADD_FAILURE() << "no site " << name;
    return {};
  }
  static QualityIssue Issue(const CountyReport& r, const char* key) {
    if (const QualityIssue* q = r.quality.Find(key)) return *q;
    ADD_FAILURE() << "no quality issue " << key;
    return {};
  }
  static int64_t Band(const CountyReport& r, const char* band, bool female) {
    for (const auto& b : r.age_pyramid)
      if (b.band == band) return female ? b.female : b.male;
    return -1;
  }
  std::unique_ptr<storage::Database> db_;
};

// B (female, born 1950: the only person in the female 70-74 band) died on 2021-05-03.
TEST_F(AsOfDb, DeathCountsUpToTheDayBefore) {
  for (const char* d : {"2020-12-31", "2021-05-02"}) {
    auto r = Build(d);
    EXPECT_EQ(Band(r, "70-74", true), 1) << d;
    EXPECT_EQ(r.total.persons, 8) << d;  // A B C | D | E F | G | I
    EXPECT_EQ(r.registered_poor.persons, 5) << d;  // h1 A B C, h2 D, h6 I
  }
  for (const char* d : {"2021-05-03", "2022-09-30"}) {
    auto r = Build(d);
    EXPECT_EQ(Band(r, "70-74", true), 0) << d;
  }
  EXPECT_EQ(Build("2021-05-03").total.persons, 7);
  EXPECT_EQ(Build("2021-05-03").registered_poor.persons, 4);
}

// C moved from h1 to h2 on 2022-03-01: in h1 on 2022-02-28 (h1 A C, h2 D), in h2 on the day
// (h1 A, h2 D C): counted once on either day.
TEST_F(AsOfDb, MoveBetweenHouseholdsCountsInTheOldOneTheDayBefore) {
  const std::string hh1 = "LX-000001";
  auto before = Build("2022-02-28"), on = Build("2022-03-01");
  EXPECT_EQ(before.total.persons, 7);  // A C | D | E | F | E's parent G | I
  EXPECT_EQ(on.total.persons, 7);
  // Site 1 holds h1..h5, and h6 until 2022-06-01.
  EXPECT_EQ(Site(before, "甲安置点").total.persons, 7);
  EXPECT_EQ(Site(on, "甲安置点").total.persons, 7);
  // The registered-poor households h1 (A C → A), h2 (D → D C), h6 (I): 4 persons on both days.
  EXPECT_EQ(before.registered_poor.persons, 4);
  EXPECT_EQ(on.registered_poor.persons, 4);
  // Working age (18–60 on the day): C (22) and D (47), A (52), E (57) F (54), I (42) = 6 on both
  // days; C must not count twice or be lost.
  EXPECT_EQ(before.labor.working_age, 6);
  EXPECT_EQ(on.labor.working_age, 6);
}

// The move changes the households' sizes: with h2 alone at site 2, the site row is h2's size.
TEST_F(AsOfDb, MoveChangesTheHouseholdsSizes) {
  // Put h2 at site 2 from the start (its own site) to read its size from the site row.
  Exec("UPDATE households SET site_id = 2 WHERE id = 2");
  auto before = Build("2022-02-28"), on = Build("2022-03-01");
  // Site 2 holds h2 (and h6 from 2022-06-01 only): D on 2022-02-28; D and C on 2022-03-01.
  EXPECT_EQ(Site(before, "乙安置点").total.persons, 1);
  EXPECT_EQ(Site(on, "乙安置点").total.persons, 2);
  EXPECT_EQ(Site(before, "甲安置点").total.persons, 6);  // h1 A C, h3 E G, h4 F, h6 I
  EXPECT_EQ(Site(on, "甲安置点").total.persons, 5);
}

// h4 (split from h3 on 2021-07-01) counts from formed_on; F is h3's member before.
TEST_F(AsOfDb, SplitHouseholdCountsFromFormedOn) {
  auto before = Build("2021-06-30"), on = Build("2021-07-01");
  EXPECT_EQ(before.co_relocated.households, 2);  // h3 (E F), h5 (G)
  EXPECT_EQ(before.co_relocated.persons, 3);
  EXPECT_EQ(on.co_relocated.households, 3);  // h3 (E), h4 (F), h5 (G)
  EXPECT_EQ(on.co_relocated.persons, 3);
  EXPECT_EQ(before.total.households, 5);
  EXPECT_EQ(on.total.households, 6);
}

// h5 (merged into h3 on 2022-01-10) does not count from ended_on; G counts in h3 from then.
TEST_F(AsOfDb, MergedHouseholdEndsOnEndedOn) {
  auto before = Build("2022-01-09"), on = Build("2022-01-10");
  EXPECT_EQ(before.co_relocated.households, 3);  // h3 E, h4 F, h5 G
  EXPECT_EQ(on.co_relocated.households, 2);      // h3 E G, h4 F
  EXPECT_EQ(before.co_relocated.persons, 3);
  EXPECT_EQ(on.co_relocated.persons, 3);
  // Every counted household has exactly one head on both days (G is h5's head until the merge,
  // h3's parent after).
  EXPECT_EQ(Issue(before, "head_count").count, 0);
  EXPECT_EQ(Issue(on, "head_count").count, 0);
}

// h6 (I) moved from site 1 to site 2 on 2022-06-01.
TEST_F(AsOfDb, PlacementChangeMovesTheCountBetweenSites) {
  auto before = Build("2022-05-31"), on = Build("2022-06-01");
  EXPECT_EQ(Site(before, "甲安置点").total.households, 5);  // h1 h2 h3 h4 h6
  EXPECT_EQ(Site(on, "甲安置点").total.households, 4);
  EXPECT_EQ(Site(on, "乙安置点").total.households, 1);
  EXPECT_EQ(Site(on, "乙安置点").total.persons, 1);
  EXPECT_EQ(before.total.households, on.total.households);
  // The report of one site (--site) follows the placement too.
  EXPECT_EQ(Build("2022-05-31", "乙安置点").total.households, 0);
  EXPECT_EQ(Build("2022-05-31", "甲安置点").total.households, 5);
  EXPECT_EQ(Build("2022-05-31", "甲安置点").total.persons, 7);  // A C | D | E G | F | I
  EXPECT_EQ(Build("2022-06-01", "乙安置点").total.households, 1);
  EXPECT_EQ(Build("2022-06-01", "甲安置点").total.households, 4);
}

// J, born 2022-06-15 with the id to be filled: a person counted from the birthday, a pending id
// in data quality, not an invalid one.
TEST_F(AsOfDb, PendingIdIsCountedAndListedAsToBeFilledNotInvalid) {
  auto before = Build("2022-06-14"), on = Build("2022-06-15");
  EXPECT_EQ(on.total.persons, before.total.persons + 1);
  EXPECT_EQ(Issue(before, "resident_id_pending").count, 0);
  EXPECT_EQ(Issue(on, "resident_id_pending").count, 1);
  EXPECT_EQ(Issue(on, "resident_id_pending").examples.at(0), "LX-000002 born 2022-06-15: id to be filled");
  EXPECT_EQ(Issue(on, "invalid_resident_id").count, 0);
  EXPECT_EQ(Issue(on, "id_mismatch").count, 0);
  // The statistics date: h1 A, h2 D C J, h3 E G, h4 F, h6 I.
  auto stat = Build("2022-09-30");
  EXPECT_EQ(stat.total.households, 5);
  EXPECT_EQ(stat.total.persons, 8);
}

// The labour day totals (reports/storage/labour_spans.h). Added to the registry above: K born
// 2004-02-29 in h2 (18 周岁 on 2022-03-01: 29 February falls on 1 March in a common year), L born
// 1961-09-30 in h6 (61 on 2022-09-30), and jobs: A 2020-01-01 on; C 2021-06-01 to 2022-05-01 and
// 2022-04-01 on (overlapping: counted once); F 2019-01-01 to 2021-01-01, voided; E from
// 2022-09-30; K from 2021-01-01 (employed before working age: not counted before 2022-03-01).
class LabourTotalsDb : public AsOfDb {
 protected:
  void SetUp() override {
    AsOfDb::SetUp();
    AddPerson(2, MakeId("141124", "20040229", "111"), "male", "2004-02-29", "child", nullptr, nullptr);    // 10 K
    AddPerson(6, MakeId("141124", "19610930", "121"), "male", "1961-09-30", "parent", nullptr, nullptr);   // 11 L
    Exec(R"sql(
      INSERT INTO jobs (person_id, channel, started_on, ended_on, voided_at) VALUES
        (1, 'workshop', '2020-01-01', NULL, NULL),
        (3, 'enterprise', '2021-06-01', '2022-05-01', NULL),
        (3, 'migrant_work', '2022-04-01', NULL, NULL),
        (6, 'park', '2019-01-01', '2021-01-01', '2021-02-01T00:00:00Z'),
        (5, 'flexible', '2022-09-30', NULL, NULL),
        (10, 'self_employed', '2021-01-01', NULL, NULL);
    )sql");
  }
  // BuildLabourFigures of the three figures, from the day totals or (scan) by the scan.
  CountyReport Figures(const std::string& as_of, bool day_totals) {
    storage::SqliteReportRepository repo(*db_);
    ReportOptions opts{.as_of = *ParseIsoDate(as_of), .today = *ParseIsoDate("2024-01-01")};
    opts.labour_day_totals = day_totals;
    auto r = BuildLabourFigures(repo, opts, {"labor.working_age", "labor.employed", "labor.employment_rate"});
    EXPECT_TRUE(r) << r.error().message;
    return r ? *r : CountyReport{};
  }
  std::optional<storage::LabourDayTotals> Totals(const char* as_of) {
    auto t = storage::ReadLabourDayTotals(*db_, as_of);
    EXPECT_TRUE(t) << t.error().message;
    return t ? *t : std::nullopt;
  }
  int64_t Count(const std::string& sql) {
    auto st = db_->Prepare(sql);
    EXPECT_TRUE(st);
    auto more = st->Step();
    return more && *more ? st->ColumnInt(0) : -1;
  }
  // On every day from 2018-01-01 to 2023-12-31 the day totals equal the full report's scan.
  void ExpectEqualEveryDay(const char* when) {
    const int from = DaysSinceEpoch(*ParseIsoDate("2018-01-01")), to = DaysSinceEpoch(*ParseIsoDate("2023-12-31"));
    int differing = 0;
    for (int d = from; d <= to && differing < 5; ++d) {
      const std::string day = FormatIsoDate(FromDaysSinceEpoch(d));
      const CountyReport fast = Figures(day, true), full = Build(day.c_str());
      if (fast.labor.working_age != full.labor.working_age || fast.labor.employed != full.labor.employed) {
        ++differing;
        ADD_FAILURE() << when << " " << day << ": totals " << fast.labor.working_age << "/" << fast.labor.employed
                      << ", scan " << full.labor.working_age << "/" << full.labor.employed;
      }
    }
  }
};

TEST_F(LabourTotalsDb, SpansFollowTheReportsRules) {
  using storage::ComputeLabourSpans;
  using storage::LabourRecords;
  using storage::LabourSpan;
  auto day = [](const char* d) { return static_cast<int32_t>(DaysSinceEpoch(*ParseIsoDate(d))); };
  // K: 18 on 2022-03-01 (no 29 February in 2022), 61 on 2065-03-01; moved in 2019-05-01.
  LabourRecords k{.birth_date = "2004-02-29", .memberships = {{"", "", "2019-05-01", "", ""}},
                  .jobs = {{"2021-01-01", std::nullopt}}};
  EXPECT_EQ(ComputeLabourSpans(k), (std::vector<LabourSpan>{{day("2022-03-01"), day("2065-03-01"), false},
                                                            {day("2022-03-01"), day("2065-03-01"), true}}));
  // A household ended on a malformed day '2022-13-01': the report compares text, so it ends on
  // the first day whose text is not below it, 2023-01-01. Jobs overlapping count once; a job
  // ended on '' (not NULL) is never current.
  LabourRecords c{.birth_date = "2000-01-01", .memberships = {{"2021-01-01", "", "2019-05-01", "", "2022-13-01"}},
                  .jobs = {{"2021-06-01", "2022-05-01"}, {"2022-04-01", std::nullopt}, {"2020-01-01", ""}}};
  EXPECT_EQ(ComputeLabourSpans(c), (std::vector<LabourSpan>{{day("2021-01-01"), day("2023-01-01"), false},
                                                            {day("2021-06-01"), day("2023-01-01"), true}}));
  EXPECT_EQ(storage::FirstDayAtLeast("2022-13-01"), day("2023-01-01"));
  EXPECT_EQ(storage::FirstDayAtLeast(""), storage::kLabourOpenStart);
  // Stored and read back.
  const std::string text = storage::FormatLabourSpans(ComputeLabourSpans(k));
  EXPECT_EQ(text, "w:2022-03-01:2065-03-01;e:2022-03-01:2065-03-01");
  EXPECT_EQ(*storage::ParseLabourSpans(text), ComputeLabourSpans(k));
  EXPECT_FALSE(storage::ParseLabourSpans("x:2022-03-01:"));
}

TEST_F(LabourTotalsDb, TotalsEqualTheScanOnEveryDayAndFollowEdits) {
  // Before the first fold the storage has no totals: the scan answers.
  EXPECT_FALSE(Totals("2022-09-30").has_value());
  ASSERT_TRUE(storage::FoldLabourSpans(*db_));
  EXPECT_EQ(Count("SELECT count(*) FROM labour_dirty"), 0);
  // Worked by hand (see the class comment and AsOfDb): 2022-02-28: A C | D | E | F | I L of
  // working age, A and C employed; 2022-03-01: K too, employed; 2022-09-30: L is 61, h5 ended:
  // A | D C K | E | F | I, employed A C K E.
  for (auto [d, wa, emp] : {std::tuple{"2022-02-28", 7, 2}, {"2022-03-01", 8, 3}, {"2022-09-30", 7, 4}}) {
    auto t = Totals(d);
    ASSERT_TRUE(t.has_value()) << d;
    EXPECT_EQ(t->working_age, wa) << d;
    EXPECT_EQ(t->employed, emp) << d;
    EXPECT_EQ(t->corrected, 0) << d;
    const CountyReport r = Figures(d, true);
    EXPECT_EQ(r.labor.employment_rate.numerator, emp) << d;
    EXPECT_EQ(r.labor.employment_rate.denominator, wa) << d;
  }
  ExpectEqualEveryDay("folded");
  // Edits outside anju's commits (autocommit statements: no fold): the reader corrects for the
  // persons listed. A's job voided, D leaves h2 on 2022-06-01 (earlier membership kept in
  // history), L's birth date corrected, h4 (F) ended 2022-08-01.
  Exec(R"sql(
    UPDATE jobs SET voided_at = '2023-01-01T00:00:00Z' WHERE person_id = 1;
    UPDATE persons SET member_from = '2022-06-01', household_id = 1, relationship = 'sibling' WHERE id = 4;
    INSERT INTO membership_history (person_id, household_id, relationship, start_date, end_date)
      VALUES (4, 2, 'head', NULL, '2022-06-01');
    UPDATE persons SET birth_date = '1962-09-30' WHERE id = 11;
    UPDATE households SET ended_on = '2022-08-01' WHERE id = 4;
  )sql");
  EXPECT_EQ(Count("SELECT count(*) FROM labour_dirty"), 4);  // A, D, L, F
  auto t = Totals("2022-09-30");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->corrected, 4);
  EXPECT_EQ(t->working_age, 7);  // A | C K | E | I L (D moved to h1: A D); F's household ended
  EXPECT_EQ(t->employed, 3);     // C K E (A's job voided)
  ExpectEqualEveryDay("corrected");
  // A write through anju (a transaction's commit) folds the listed persons before it commits.
  storage::SetBeforeCommitHook(&storage::FoldLabourSpansBeforeCommit);
  ASSERT_TRUE(db_->Begin());
  Exec("UPDATE jobs SET ended_on = '2022-09-01' WHERE person_id = 3 AND ended_on IS NULL");
  ASSERT_TRUE(db_->Commit());
  storage::SetBeforeCommitHook(nullptr);
  EXPECT_EQ(Count("SELECT count(*) FROM labour_dirty"), 0);
  t = Totals("2022-09-30");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->corrected, 0);
  EXPECT_EQ(t->employed, 2);  // K E: C's second job ended on 2022-09-01
  ExpectEqualEveryDay("folded again");
  // A stored span edited by hand into nonsense does not stop a write: the fold writes every span
  // anew. The reader meanwhile does not guess: no totals, so the report scans.
  Exec("UPDATE labour_spans SET spans = 'nonsense' WHERE person_id = 3");
  Exec("UPDATE jobs SET ended_on = NULL WHERE person_id = 3 AND ended_on = '2022-09-01'");
  EXPECT_FALSE(Totals("2022-09-30").has_value());
  EXPECT_EQ(Figures("2022-09-30", true).labor.employed, 3);  // by the scan
  ASSERT_TRUE(storage::FoldLabourSpans(*db_));
  t = Totals("2022-09-30");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->employed, 3);  // C K E
  EXPECT_EQ(Count("SELECT count(*) FROM labour_spans WHERE spans = 'nonsense'"), 0);
  ExpectEqualEveryDay("rebuilt");
}

}  // namespace
}  // namespace anju::reports
