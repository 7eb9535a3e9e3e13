// The data-quality section on a small hand-built SQLite database with exactly one defect of
// each kind, read through the real SqliteReportRepository (repository test, :memory:).
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "reports/report_service.h"
#include "reports/report_test_util.h"
#include "storage/migrate.h"
#include "reports/storage/sqlite_report_repository.h"

namespace anju::reports {
namespace {

using testing::MakeId;

class QualityDb : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = storage::Database::Open(":memory:");
    ASSERT_TRUE(db);
    db_ = std::move(*db);
    ASSERT_TRUE(storage::Migrate(*db_));
    // Site 1 (capacity 3) gets 4 persons: over capacity. Site 2 (capacity 100) is fine.
    Exec(R"sql(
      INSERT INTO meta VALUES ('county_code','141124'),('county_name','临县'),
                              ('statistics_date','2022-09-30');
      INSERT INTO divisions VALUES ('141124','临县','county',NULL,NULL),
        ('141124100','临泉镇','township','141124',NULL),('141124102','城庄镇','township','141124',NULL);
      INSERT INTO sites (id,name,mode,township_code,planned_capacity)
        VALUES (1,'甲安置点','county_town','141124100',3),(2,'乙安置点','township_seat','141124100',100);
      INSERT INTO origin_villages (id,name,township_code,relocation_type)
        VALUES (1,'某村','141124102','whole_village');
      INSERT INTO housing_units (id,site_id,building,entrance,room,floor_area_dm2)
        VALUES (1,1,'1','1','101',6000),(2,2,'1','1','101',6000),(3,2,'1','1','102',5000);
      -- h1 registered poor, 60 m² for 2 persons = 30 m² each: the housing defect.
      -- h2 no head: the head-count defect. h3 co-relocated 60 m² for 2 (rule does not apply).
      -- h4 registered poor 50 m² for 2 = exactly 25 m² each (allowed).
      INSERT INTO households (id,household_no,category,origin_village_id,site_id,housing_unit_id,move_in_date)
        VALUES (1,'LX-000001','registered_poor',1,1,1,'2019-05-01'),
               (2,'LX-000002','co_relocated',1,1,NULL,'2019-05-01'),
               (3,'LX-000003','co_relocated',1,2,2,'2019-05-01'),
               (4,'LX-000004','registered_poor',1,2,3,'2019-05-01');
    )sql");
    bad_id_ = MakeId("141124", "19800101", "011");
    bad_id_.back() = bad_id_.back() == '0' ? '1' : '0';  // wrong check character
    mismatch_id_ = MakeId("141124", "19900101", "031");  // odd sequence: male
    AddPerson(1, MakeId("141124", "19800101", "001"), "male", "1980-01-01", "head");
    AddPerson(1, bad_id_, "female", "1980-01-01", "spouse");
    AddPerson(2, MakeId("141124", "19850101", "002"), "female", "1985-01-01", "spouse");
    AddPerson(2, mismatch_id_, "female", "1990-01-01", "child");  // id says male
    AddPerson(3, MakeId("141124", "19700101", "003"), "male", "1970-01-01", "head");
    AddPerson(3, MakeId("141124", "19700101", "004"), "female", "1970-01-01", "spouse");
    AddPerson(4, MakeId("141124", "19600101", "005"), "male", "1960-01-01", "head");
    AddPerson(4, MakeId("141124", "19600101", "006"), "female", "1960-01-01", "spouse");
  }
  void Exec(const std::string& sql) { ASSERT_TRUE(db_->Exec(sql)) << sql; }
  void AddPerson(int hh, const std::string& id, const char* sex, const char* birth,
                 const char* rel) {
    auto st = db_->Prepare(
        "INSERT INTO persons (household_id,resident_id,name,sex,birth_date,relationship) "
        "VALUES (?1,?2,'测试',?3,?4,?5)");
    ASSERT_TRUE(st);
    st->Bind(1, hh).Bind(2, id).Bind(3, sex).Bind(4, birth).Bind(5, rel);
    ASSERT_TRUE(st->Run());
  }
  Result<CountyReport> Build() {
    storage::SqliteReportRepository repo(*db_);
    return BuildCountyReport(repo, {.today = *ParseIsoDate("2024-01-01")});
  }
  std::unique_ptr<storage::Database> db_;
  std::string bad_id_, mismatch_id_;
};

TEST_F(QualityDb, ExactlyOneDefectOfEachKind) {
  auto r = Build();
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->total.persons, 8);
  const char* keys[] = {"invalid_resident_id", "head_count", "id_mismatch", "site_over_capacity",
                        "housing_over_25m2_per_person"};
  for (const char* key : keys) {
    const QualityIssue* q = r->quality.Find(key);
    ASSERT_NE(q, nullptr) << key;
    EXPECT_EQ(q->count, 1) << key;
    ASSERT_EQ(q->examples.size(), 1u) << key;
  }
  const auto& bad = r->quality.Find("invalid_resident_id")->examples[0];
  EXPECT_EQ(bad.rfind("LX-000001 141124********", 0), 0u) << bad;  // household no., masked id
  EXPECT_EQ(bad.find(bad_id_), std::string::npos) << "full id leaked: " << bad;
  EXPECT_NE(bad.find("check digit"), std::string::npos) << bad;
  EXPECT_EQ(r->quality.Find("head_count")->examples[0], "LX-000002 0 heads among 2 persons");
  EXPECT_EQ(r->quality.Find("head_count")->examples_zh[0], "LX-000002 2人中户主0人");
  EXPECT_NE(r->quality.Find("id_mismatch")->examples_zh[0].find("性别登记为女，身份证号为男"),
            std::string::npos);
  const auto& mm = r->quality.Find("id_mismatch")->examples[0];
  EXPECT_NE(mm.find("sex female but the id says male"), std::string::npos) << mm;
  EXPECT_EQ(mm.find(mismatch_id_), std::string::npos) << "full id leaked: " << mm;
  EXPECT_EQ(r->quality.Find("site_over_capacity")->examples[0],
            "甲安置点: 4 persons, planned capacity 3");
  EXPECT_EQ(r->quality.Find("housing_over_25m2_per_person")->examples[0],
            "LX-000001 60.00 m² for 2 persons = 30.00 m² per person");
}

TEST_F(QualityDb, ExamplesStopAtTenButCountsGoOn) {
  Exec("INSERT INTO households (id,household_no,category,origin_village_id,site_id,move_in_date) "
       "VALUES (5,'LX-000005','co_relocated',1,2,'2019-05-01')");
  for (int i = 0; i < 12; ++i) {
    std::string id = MakeId("141124", "19950101", fmt::format("{:03d}", 100 + 2 * i));
    id.back() = id.back() == '0' ? '1' : '0';
    AddPerson(5, id, "female", "1995-01-01", i == 0 ? "head" : "child");
  }
  auto r = Build();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->quality.Find("invalid_resident_id")->count, 13);
  EXPECT_EQ(r->quality.Find("invalid_resident_id")->examples.size(), 10u);
}

TEST_F(QualityDb, HouseholdsMovingInAfterAsOfAreNotChecked) {
  Exec("UPDATE households SET move_in_date = '2023-01-01' WHERE id IN (1, 2)");
  auto r = Build();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->households_excluded_after_as_of, 2);
  EXPECT_EQ(r->quality.Find("invalid_resident_id")->count, 0);
  EXPECT_EQ(r->quality.Find("site_over_capacity")->count, 0);
}

TEST_F(QualityDb, SiteFilterReadsOnlyThatSite) {
  storage::SqliteReportRepository repo(*db_);
  auto r = BuildCountyReport(repo, {.site = "乙安置点", .today = *ParseIsoDate("2024-01-01")});
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->total.households, 2);
  EXPECT_EQ(r->total.persons, 4);
  EXPECT_EQ(r->quality.Find("invalid_resident_id")->count, 0);
}

// A file database read by two connections in parallel gives what one connection gives, and the
// examples are the first ten in row order either way.
TEST(QualityDbFile, ParallelScanEqualsSingleScan) {
  auto dir = std::filesystem::temp_directory_path() / ("anju_report_par_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "r.db").string();
  {
    auto db = storage::OpenAndMigrate(path, false);
    ASSERT_TRUE(db);
    ASSERT_TRUE((*db)->Exec(R"sql(
      INSERT INTO meta VALUES ('statistics_date','2022-09-30');
      INSERT INTO divisions VALUES ('141124','临县','county',NULL,NULL),
        ('141124100','临泉镇','township','141124',NULL);
      INSERT INTO sites (id,name,mode,township_code) VALUES (1,'甲安置点','county_town','141124100');
      INSERT INTO origin_villages (id,name,township_code,relocation_type)
        VALUES (1,'某村','141124100','scattered');)sql"));
    auto tx = storage::Transaction::Begin(**db);
    ASSERT_TRUE(tx);
    auto hh = (*db)->Prepare("INSERT INTO households (id,household_no,category,origin_village_id,"
                             "site_id,move_in_date) VALUES (?1,?2,'registered_poor',1,1,'2019-01-01')");
    auto pp = (*db)->Prepare("INSERT INTO persons (household_id,resident_id,name,sex,birth_date,"
                             "relationship,employment_kind) VALUES (?1,?2,'测试',?3,?4,?5,?6)");
    ASSERT_TRUE(hh && pp);
    for (int h = 1; h <= 300; ++h) {
      hh->Bind(1, h).Bind(2, fmt::format("LX-{:06d}", h));
      ASSERT_TRUE(hh->Run());
      for (int k = 0; k < 3; ++k) {
        const std::string birth = fmt::format("{}0101", 1950 + (h * 3 + k) % 70);
        std::string id = MakeId("141124", birth, fmt::format("{:03d}", (h * 3 + k) % 1000));
        if ((h * 3 + k) % 37 == 0) id.back() = id.back() == '1' ? '2' : '1';  // 24 bad ids: 37, 74, … 888
        const bool male = ((id[16] - '0') % 2) == 1;
        pp->Bind(1, h).Bind(2, id).Bind(3, male ? "male" : "female")
            .Bind(4, birth.substr(0, 4) + "-01-01").Bind(5, k == 0 ? "head" : "child")
            .Bind(6, k == 1 ? "workshop" : "none");
        ASSERT_TRUE(pp->Run());
      }
    }
    // Employment is read from jobs (industry): the workshop workers' current jobs.
    ASSERT_TRUE((*db)->Exec("INSERT INTO jobs (person_id, channel, employer, started_on) SELECT id, 'workshop', "
                            "'车间', '2019-01-01' FROM persons WHERE employment_kind = 'workshop'"));
    ASSERT_TRUE(tx->Commit());
  }
  auto db = storage::OpenAndMigrate(path, true);
  ASSERT_TRUE(db);
  const ReportOptions opts{.today = *ParseIsoDate("2024-01-01")};
  storage::SqliteReportRepository single(**db, 1);
  auto a = BuildCountyReport(single, opts);
  storage::SqliteReportRepository parallel(**db, 2, /*min_rows_for_parallel=*/0);
  ASSERT_TRUE(parallel.BeginSnapshot());
  EXPECT_EQ(parallel.ScanWorkers(std::nullopt), 2);
  parallel.EndSnapshot();
  auto b = BuildCountyReport(parallel, opts);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->total.persons, 900);
  EXPECT_EQ(b->total.persons, 900);
  EXPECT_EQ(a->labor.working_age, b->labor.working_age);
  EXPECT_EQ(a->labor.employed, b->labor.employed);
  EXPECT_GT(b->labor.employed, 0);
  EXPECT_EQ(a->quality.Find("invalid_resident_id")->count, 24);
  EXPECT_EQ(b->quality.Find("invalid_resident_id")->count, 24);
  EXPECT_EQ(a->quality.Find("invalid_resident_id")->examples,
            b->quality.Find("invalid_resident_id")->examples);
  EXPECT_EQ(b->quality.Find("head_count")->count, 0);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace anju::reports
