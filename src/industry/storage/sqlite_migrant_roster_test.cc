// The migrant roster (（务工月监测）已外出务工信息) through the generic table import and its writer
// (sqlite_migrant_roster.h) on SQLite :memory:: a generated 1,000-row roster with 60 faulty rows of
// six kinds (bad id checksum, unknown person, bad date, end before start, unknown channel, 县外 +
// 公益岗) gives one fault per faulty row naming file, row, column letter, header, value and a fix
// (en + zh); --dry-run stores nothing; a real run stores the 940 clean rows as jobs (source import)
// and nothing of the faulty ones; importing again changes nothing; a changed income updates the job.
//
// Fixture (today 2024-06-15): 1,000 fictitious persons, 4 per household LX-0001 … LX-0250, born
// 1980-1999, resident ids 141124YYYYMMDD### with a valid check character.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <map>
#include <tuple>

#include "core/resident_id.h"
#include "importer/fix_zh.h"
#include "importer/table_import.h"
#include "industry/parts.h"
#include "industry/storage/sqlite_migrant_roster.h"
#include "storage/migrate.h"
#include "storage/sqlite.h"

namespace anju::storage {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

const Date kToday{year{2024}, month{6}, day{15}};
constexpr int kPersons = 1000;

std::string Id(int i) {
  const std::string first17 = fmt::format("141124{:04d}{:02d}{:02d}{:03d}", 1980 + i % 20, 1 + i % 12, 1 + i % 28, 100 + i % 800);
  return first17 + ResidentIdCheckChar(first17);
}
std::string Birth(int i) { return fmt::format("{:04d}-{:02d}-{:02d}", 1980 + i % 20, 1 + i % 12, 1 + i % 28); }

Actor Staff() {
  Actor a;
  a.user_id = 7;
  a.username = "test_county_staff";
  a.role = Role::kCountyStaff;
  return a;
}

// The fault kinds planted, by row index (i % 100 == k): what column the fault must name.
struct Planted {
  const char* kind;
  const char* column;
  const char* header;
};
const std::map<int, Planted> kPlanted = {
    {11, {"bad id checksum", "C", "身份证号"}},  {23, {"unknown person", "C", "身份证号"}},
    {37, {"bad date", "G", "开始时间"}},         {49, {"end before start", "H", "结束时间"}},
    {61, {"unknown channel", "E", "就业渠道"}},  {75, {"县外 + 公益岗", "J", "务工地点"}},
};

// Row i of the roster (CSV): person i, migrant work outside the province from 2023-03-01, with
// the planted fault when i % 100 is a key of kPlanted. Every 10th clean row names the person by
// 户编号 + 姓名 only. `income` in yuan.
std::string Row(int i, const std::string& income = "3500.00") {
  std::string no = fmt::format("LX-{:04d}", i / 4 + 1), name = fmt::format("测试{}", i), id = Id(i);
  std::string channel = "外出务工", employer = fmt::format("虚构企业{}", i), start = "2023-03-01", end, place = "省外";
  switch (kPlanted.contains(i % 100) ? i % 100 : -1) {
    case 11: id.back() = id.back() == '0' ? '1' : '0'; break;        // wrong check character
    case 23: id = "110101200001011234"; id.back() = ResidentIdCheckChar(id.substr(0, 17)); break;  // not registered
    case 37: start = "2023-13-45"; break;
    case 49: end = "2023-01-01"; break;
    case 61: channel = "挖矿"; break;
    case 75: channel = "公益岗"; break;
    default:
      if (i % 10 == 5) id.clear();
  }
  return fmt::format("{},{},{},广东省东莞市,{},{},{},{},{},{}\n", no, name, id, channel, employer, start, end, income, place);
}

std::string Roster(int changed_row = -1) {
  std::string csv = "户编号,姓名,身份证号,务工所在县,就业渠道,务工企业名称,开始时间,结束时间,月收入（元）,务工地点\n";
  for (int i = 0; i < kPersons; ++i) csv += i == changed_row ? Row(i, "4200.50") : Row(i);
  return csv;
}

class MigrantRosterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = OpenAndMigrate(":memory:", false);
    ASSERT_TRUE(db) << db.error().ToString();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->Exec(R"(
      INSERT INTO divisions VALUES ('141124','临县','county',NULL,NULL);
      INSERT INTO divisions VALUES ('141124100','临泉镇','township','141124',NULL);
      INSERT INTO origin_villages (id, name, township_code, relocation_type) VALUES (1,'甲村','141124100','scattered');
      INSERT INTO sites (id, name, mode, township_code) VALUES (1,'城北安置点','county_town','141124100');
      INSERT INTO grids (id, site_id, name) VALUES (1,1,'G1');
    )"));
    ASSERT_TRUE(db_->Exec("BEGIN"));
    for (int hh = 1; hh <= kPersons / 4; ++hh)
      ASSERT_TRUE(db_->Exec(fmt::format("INSERT INTO households (id, household_no, category, origin_village_id, site_id, "
                                        "grid_id, move_in_date) VALUES ({0},'LX-{0:04d}','registered_poor',1,1,1,'2020-01-01')",
                                        hh)));
    for (int i = 0; i < kPersons; ++i)
      ASSERT_TRUE(db_->Exec(fmt::format(
          "INSERT INTO persons (id, household_id, resident_id, name, sex, birth_date, relationship) "
          "VALUES ({},{},'{}','测试{}','{}','{}','{}')",
          i + 1, i / 4 + 1, Id(i), i, (100 + i % 800) % 2 ? "male" : "female", Birth(i), i % 4 ? "child" : "head")));
    ASSERT_TRUE(db_->Exec("COMMIT"));
  }
  int64_t Count(const std::string& sql) {
    auto st = db_->Prepare(sql);
    EXPECT_TRUE(st) << st.error().ToString();
    auto row = st->Step();
    EXPECT_TRUE(row && *row) << sql;
    return st->ColumnInt(0);
  }
  Result<importer::TableImportResult> Import(std::string csv, bool dry_run) {
    importer::TableImportOptions opt;
    opt.dry_run = dry_run;
    opt.today = kToday;
    const Actor actor = Staff();
    auto repo = MigrantRosterWriter(*db_, actor, kToday);
    auto r = importer::ImportTable(industry::MigrantRosterSpec(), importer::InputFile::FromBytes(std::move(csv), "roster.csv"),
                                   *repo, actor, opt);
    return r;
  }
  std::unique_ptr<Database> db_;
};

TEST_F(MigrantRosterTest, DryRunListsEveryFaultyRowByFileRowColumnAndStoresNothing) {
  const int64_t audit_before = Count("SELECT count(*) FROM audit_log");
  auto imported = Import(Roster(), true);
  ASSERT_TRUE(imported) << imported.error().ToString();
  const auto& r = *imported;
  EXPECT_FALSE(r.report.committed);
  EXPECT_EQ(r.report.rows_read, kPersons);
  EXPECT_EQ(r.report.rows_rejected, 60);
  EXPECT_EQ(r.report.rows_valid, 940);
  // One error per faulty row, on the planted column.
  std::map<int64_t, const importer::Fault*> by_row;
  for (const auto& f : r.report.faults)
    if (f.error) {
      EXPECT_FALSE(by_row.contains(f.row)) << "two faults on row " << f.row << ": " << f.reason;
      by_row[f.row] = &f;
    }
  EXPECT_EQ(by_row.size(), 60u);
  for (int i = 0; i < kPersons; ++i) {
    const auto it = kPlanted.find(i % 100);
    const int64_t row = i + 2;  // row 1 is the header
    if (it == kPlanted.end()) {
      EXPECT_FALSE(by_row.contains(row)) << "clean row " << row << " refused: " << by_row[row]->reason;
      continue;
    }
    ASSERT_TRUE(by_row.contains(row)) << it->second.kind << " on row " << row << " not reported";
    const importer::Fault& f = *by_row[row];
    EXPECT_EQ(f.file, "roster.csv") << it->second.kind;
    EXPECT_EQ(f.column, it->second.column) << it->second.kind << ": " << f.reason;
    EXPECT_EQ(f.header, it->second.header) << it->second.kind;
    EXPECT_FALSE(f.raw.empty()) << it->second.kind;
    EXPECT_FALSE(f.reason.empty()) << it->second.kind;
    EXPECT_FALSE(f.reason_zh.empty()) << it->second.kind;
    EXPECT_FALSE(f.fix.empty()) << it->second.kind;
    EXPECT_FALSE(importer::FixZh(f).empty()) << it->second.kind << ": " << f.fix;
  }
  // The values named are the row's cells.
  // A resident id is masked in the fault's value too (the tester saw it whole beside a masked
  // message): 18 characters, the middle starred.
  for (int k : {11, 23}) {
    const std::string raw = by_row[k + 2]->raw;
    EXPECT_NE(raw.find("****"), std::string::npos) << raw;
  }
  EXPECT_EQ(by_row[37 + 2]->raw, "2023-13-45");
  EXPECT_EQ(by_row[61 + 2]->raw, "挖矿");
  EXPECT_EQ(by_row[75 + 2]->raw, "省外");
  EXPECT_EQ(by_row[49 + 2]->raw, "2023-01-01");
  EXPECT_NE(by_row[75 + 2]->reason_zh.find("5_01_003"), std::string::npos) << by_row[75 + 2]->reason_zh;
  EXPECT_EQ(Count("SELECT count(*) FROM jobs"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log"), audit_before);
  EXPECT_EQ(Count("SELECT count(*) FROM persons WHERE employment_kind <> 'none'"), 0);
}

TEST_F(MigrantRosterTest, ARealRunStoresTheCleanRowsAsJobsAndAgainChangesNothing) {
  auto imported = Import(Roster(), false);
  ASSERT_TRUE(imported) << imported.error().ToString();
  const auto& r = *imported;
  EXPECT_TRUE(r.report.committed);
  EXPECT_EQ(r.report.rows_rejected, 60);
  EXPECT_EQ(Count("SELECT count(*) FROM jobs"), 940);
  EXPECT_EQ(Count("SELECT count(*) FROM jobs WHERE source = 'import' AND channel = 'migrant_work' AND place = 'outside' "
                  "AND monthly_income_fen = 350000 AND started_on = '2023-03-01' AND ended_on IS NULL "
                  "AND work_county = '广东省东莞市'"),
            940);
  // No faulty row's person has a job; a row naming the person by 户编号 + 姓名 does (person 6 = row 5).
  for (const auto& [k, p] : kPlanted)
    EXPECT_EQ(Count(fmt::format("SELECT count(*) FROM jobs WHERE person_id = {}", k + 1)), 0) << p.kind;
  EXPECT_EQ(Count("SELECT count(*) FROM jobs WHERE person_id = 6 AND employer = '虚构企业5'"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM persons WHERE employment_kind = 'migrant_work'"), 940);
  const int64_t audit = Count("SELECT count(*) FROM audit_log");

  // The same file again: every job is already there.
  auto again = Import(Roster(), false);
  ASSERT_TRUE(again) << again.error().ToString();
  EXPECT_EQ(again->report.rows_rejected, 60);
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(again->updated, 0);
  EXPECT_EQ(again->unchanged, 940);
  EXPECT_EQ(Count("SELECT count(*) FROM jobs"), 940);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log"), audit + 1);  // the batch entry only

  // A changed income updates that job (no second job).
  auto changed = Import(Roster(0), false);
  ASSERT_TRUE(changed) << changed.error().ToString();
  EXPECT_EQ(changed->updated, 1);
  EXPECT_EQ(changed->unchanged, 939);
  EXPECT_EQ(Count("SELECT count(*) FROM jobs"), 940);
  EXPECT_EQ(Count("SELECT monthly_income_fen FROM jobs WHERE person_id = 1"), 420050);
  EXPECT_GT(Count("SELECT count(*) FROM audit_log"), audit);
}

// Regression (session 10): the same one-row roster imported twice was counted "1 created" both
// times (the writer had no FindRow, so every row looked new) and audited as a second "create".
// The second import must find the job: 0 created, 1 unchanged, still one job, only the batch
// audit entry; a changed 月收入 then counts as 1 updated.
TEST_F(MigrantRosterTest, ReimportingTheSameRowFindsItsJob) {
  const std::string header = "户编号,姓名,身份证号,务工所在县,就业渠道,务工企业名称,开始时间,结束时间,月收入（元）,务工地点\n";
  const std::string one = header + Row(0);  // person 1, clean row
  auto first = Import(one, false);
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_TRUE(first->report.faults.empty()) << first->report.faults[0].reason;
  EXPECT_EQ(first->created, 1);
  EXPECT_EQ(Count("SELECT count(*) FROM jobs"), 1);
  const int64_t audit = Count("SELECT count(*) FROM audit_log");

  auto again = Import(one, false);
  ASSERT_TRUE(again) << again.error().ToString();
  EXPECT_TRUE(again->report.faults.empty()) << again->report.faults[0].reason;
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(again->updated, 0);
  EXPECT_EQ(again->unchanged, 1);
  EXPECT_EQ(Count("SELECT count(*) FROM jobs"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log"), audit + 1);  // the batch entry only

  auto changed = Import(header + Row(0, "4200.50"), false);
  ASSERT_TRUE(changed) << changed.error().ToString();
  EXPECT_EQ(changed->created, 0);
  EXPECT_EQ(changed->updated, 1);
  EXPECT_EQ(changed->unchanged, 0);
  EXPECT_EQ(Count("SELECT count(*) FROM jobs"), 1);
  EXPECT_EQ(Count("SELECT monthly_income_fen FROM jobs WHERE person_id = 1"), 420050);
}

// Regression (session 10): a row with three faults — an invalid 身份证号 (check character), an
// unknown 就业渠道 and an impossible 开始时间 — listed only the two cells that failed to read; the
// writer's 身份证号 check never ran on a row with unreadable cells. The clerk gets all three at
// once, in column order, each naming file, row, column, header, value and a fix (en + zh).
TEST_F(MigrantRosterTest, ARowWithThreeFaultsListsAllThree) {
  std::string id = Id(0);
  id.back() = id.back() == '0' ? '1' : '0';  // wrong check character
  std::string csv = "户编号,姓名,身份证号,务工所在县,就业渠道,务工企业名称,开始时间,结束时间,月收入（元）,务工地点\n";
  csv += fmt::format("LX-0001,测试0,{},广东省东莞市,挖矿,虚构企业0,2023-13-45,,3500,省外\n", id);
  auto imported = Import(csv, true);
  ASSERT_TRUE(imported) << imported.error().ToString();
  const auto& r = imported->report;
  using Want = std::tuple<int64_t, std::string, std::string, std::string>;  // row, column, header, value
  const std::vector<Want> want = {{2, "C", "身份证号", MaskResidentId(id)}, {2, "E", "就业渠道", "挖矿"},
                                  {2, "G", "开始时间", "2023-13-45"}};
  std::vector<Want> got;
  for (const auto& f : r.faults) {
    got.emplace_back(f.row, f.column, f.header, f.raw);
    EXPECT_TRUE(f.error) << f.reason;
    EXPECT_EQ(f.file, "roster.csv");
    EXPECT_FALSE(f.reason.empty()) << f.column;
    EXPECT_FALSE(f.reason_zh.empty()) << f.column;
    EXPECT_FALSE(f.fix.empty()) << f.column;
    EXPECT_FALSE(importer::FixZh(f).empty()) << f.column << ": " << f.fix;
    EXPECT_EQ(f.reason.find(id), std::string::npos) << "whole 身份证号 in " << f.reason;
  }
  EXPECT_EQ(got, want);
  EXPECT_EQ(r.errors, 3);
  EXPECT_EQ(r.rows_rejected, 1);
  ASSERT_EQ(r.rejected.size(), 1u);
  EXPECT_EQ(Count("SELECT count(*) FROM jobs"), 0);
}

}  // namespace
}  // namespace anju::storage
