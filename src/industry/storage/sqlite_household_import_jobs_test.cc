// The household import's 就业方式 column through the registry seam (docs/industry.md "The
// registry seam"), on SQLite :memory: with the recorder modules::Install installs
// (registry::SetEmploymentRecorder → storage::RecordRegistryEmployment): an imported person's
// employment becomes a job (source registry, from the import's day) and the employment_kind cache;
// a changed one ends the current job and starts one of the new channel; a file without the column
// leaves the jobs alone; a job the rules refuse (a 16-year-old's) is a fault on that row's
// 就业方式 cell, and nothing of its household is stored.
//
// Fixture: township 141124100 (village 东村, site 城北). Resident ids of fictitious persons with
// their GB 11643 check character.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "core/resident_id.h"
#include "importer/importer.h"
#include "importer/storage/sqlite_import_repository.h"
#include "industry/storage/sqlite_jobs.h"
#include "registry/storage/sqlite_registry_repository.h"
#include "storage/migrate.h"
#include "storage/sqlite.h"

namespace anju::storage {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

std::string Rid(std::string_view yyyymmdd, int seq) {
  const std::string first17 = fmt::format("141124{}{:03d}", yyyymmdd, seq);
  return first17 + ResidentIdCheckChar(first17);
}

const std::string kHead = Rid("19650312", 15), kSpouse = Rid("19680720", 24), kOther = Rid("19700101", 33),
                  kTeen = Rid("20100315", 41);

// Rows: LX-000001 王建国 (head, `head_job`) and 李秀英 (spouse, none); LX-000002 赵大山 (head,
// none) and 赵小川 (16 on 2026-11-29, `teen_job`). Without `with_column` the 就业方式 column is left out.
std::string Roster(const std::string& head_job, const std::string& teen_job, bool with_column = true) {
  std::string csv = fmt::format("户编号,姓名,公民身份号码,与户主关系,性别,人口类别,迁出村,安置点,入住日期{}\n",
                                with_column ? ",就业方式" : "");
  auto row = [&](const char* no, const char* name, const std::string& id, const char* rel, const char* sex,
                 const std::string& job) {
    csv += fmt::format("{},{},{},{},{},建档立卡,东村,城北安置点,2019-05-01{}\n", no, name, id, rel, sex,
                       with_column ? "," + job : "");
  };
  row("LX-000001", "王建国", kHead, "户主", "男", head_job);
  row("LX-000001", "李秀英", kSpouse, "配偶", "女", "");
  row("LX-000002", "赵大山", kOther, "户主", "男", "");
  row("LX-000002", "赵小川", kTeen, "子", "男", teen_job);
  return csv;
}

class HouseholdImportJobsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    registry::SetEmploymentRecorder(&RecordRegistryEmployment);  // as modules::Install does
    auto db = OpenAndMigrate(":memory:", false);
    ASSERT_TRUE(db) << db.error().ToString();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->Exec(R"(
      INSERT INTO divisions VALUES ('141124','临县','county',NULL,NULL);
      INSERT INTO divisions VALUES ('141124100','临泉镇','township','141124',NULL);
      INSERT INTO origin_villages (id, name, township_code, relocation_type) VALUES (1,'东村','141124100','scattered');
      INSERT INTO sites (id, name, mode, township_code) VALUES (1,'城北安置点','county_town','141124100');
    )"));
  }
  void TearDown() override { registry::SetEmploymentRecorder(nullptr); }
  Result<importer::ImportResult> Import(const std::string& csv, Date today) {
    importer::ImportOptions o;
    o.today = today;
    o.mode = importer::ImportMode::kUpsert;
    SqliteImportRepository repo(*db_);
    return importer::RunImport({importer::InputFile::FromBytes(csv, "花名册.csv")}, o, SystemActor(), repo);
  }
  std::string Text(const std::string& sql) {
    auto st = db_->Prepare(sql);
    EXPECT_TRUE(st) << st.error().ToString();
    auto row = st->Step();
    EXPECT_TRUE(row && *row) << sql;
    return st->ColumnIsNull(0) ? "" : st->ColumnText(0);
  }
  // Every job: person's name, channel, start, end, source, voided.
  std::string Jobs() {
    return Text("SELECT COALESCE(group_concat(line, '; '), '') FROM (SELECT p.name || ' ' || j.channel || ' ' || j.started_on "
                "|| '..' || COALESCE(j.ended_on, '') || ' ' || j.source || CASE WHEN j.voided_at IS NULL THEN '' ELSE ' void' END "
                "AS line FROM jobs j JOIN persons p ON p.id = j.person_id ORDER BY j.id)");
  }
  std::unique_ptr<Database> db_;
};

TEST_F(HouseholdImportJobsTest, TheEmploymentColumnRecordsJobsAndARefusedJobIsACellFault) {
  const Date first{year{2026}, month{11}, day{29}};
  auto r = Import(Roster("扶贫车间", "外出务工"), first);
  ASSERT_TRUE(r) << r.error().ToString();
  // The 16-year-old's job is refused on his 就业方式 cell (J); his household is not stored.
  std::vector<std::string> faults;
  for (const auto& f : r->faults)
    if (f.error) faults.push_back(fmt::format("{} {} {} {}", f.row, f.column, f.header, f.raw));
  EXPECT_EQ(faults, std::vector<std::string>{"5 J 就业方式 外出务工"});
  for (const auto& f : r->faults)
    if (f.error) {
      // The rule: 18 on 2028-03-15 (born 2010-03-15), after the import's day.
      EXPECT_NE(f.reason.find("labour age minimum of 18 (on 2028-03-15"), std::string::npos) << f.reason;
      EXPECT_NE(f.reason_zh.find("年满 18 周岁（2028-03-15"), std::string::npos) << f.reason_zh;
      EXPECT_FALSE(f.fix.empty());
    }
  EXPECT_TRUE(r->committed);
  EXPECT_EQ(Text("SELECT group_concat(household_no, ',') FROM households"), "LX-000001");
  EXPECT_EQ(Jobs(), "王建国 workshop 2026-11-29.. registry");
  EXPECT_EQ(Text("SELECT group_concat(name || ':' || employment_kind, ',') FROM persons ORDER BY id"),
            "王建国:workshop,李秀英:none");

  // A later file says 外出务工: the workshop job ends that day and a migrant-work job starts.
  const Date later{year{2026}, month{12}, day{10}};
  auto changed = Import(Roster("外出务工", ""), later);
  ASSERT_TRUE(changed) << changed.error().ToString();
  EXPECT_EQ(changed->errors, 0);
  EXPECT_EQ(Jobs(), "王建国 workshop 2026-11-29..2026-12-10 registry; 王建国 migrant_work 2026-12-10.. registry");
  EXPECT_EQ(Text(fmt::format("SELECT employment_kind FROM persons WHERE resident_id = '{}'", kHead)), "migrant_work");

  // A file without the column leaves the jobs as they are.
  auto without = Import(Roster("", "", false), later);
  ASSERT_TRUE(without) << without.error().ToString();
  EXPECT_EQ(without->errors, 0);
  EXPECT_EQ(Jobs(), "王建国 workshop 2026-11-29..2026-12-10 registry; 王建国 migrant_work 2026-12-10.. registry");
}

}  // namespace
}  // namespace anju::storage
