// An employer's roster (用工花名册) through the generic table import and its writer
// (sqlite_employer_roster.h) on SQLite :memory:: a hand-made roster with two good rows and one
// fault of each kind (unknown 身份证号, bad date, end before start, income text, unknown channel,
// a duplicate row) gives exactly the expected fault list (file, row, column, header, value, a fix
// in zh and en; the 身份证号 masked) and stores the good rows only; a 1,000-row roster imports;
// its export imports back unchanged; one employer's export has that employer's rows only.
//
// Fixture (today 2024-06-15): 1,000 fictitious persons, 4 per household LX-0001 … LX-0250, born
// 1980-1999, resident ids 141124YYYYMMDD### with a valid check character.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fmt/format.h>

#include <filesystem>
#include <tuple>

#include "core/resident_id.h"
#include "importer/fix_zh.h"
#include "importer/table_import.h"
#include "industry/parts.h"
#include "industry/storage/sqlite_employer_roster.h"
#include "storage/migrate.h"
#include "storage/sqlite.h"

namespace anju::storage {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

const Date kToday{year{2024}, month{6}, day{15}};
constexpr int kPersons = 1000;
const char* kHeader = "用工单位,统一社会信用代码,姓名,身份证号,岗位,就业渠道,务工地点,入职日期,离职日期,月收入（元）\n";

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

class EmployerRosterTest : public ::testing::Test {
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
  std::string Text(const std::string& sql) {
    auto st = db_->Prepare(sql);
    EXPECT_TRUE(st) << st.error().ToString();
    auto row = st->Step();
    EXPECT_TRUE(row && *row) << sql;
    return st->ColumnIsNull(0) ? "" : st->ColumnText(0);
  }
  int64_t Count(const std::string& sql) { return std::stoll(Text(sql)); }
  Result<importer::TableImportResult> Import(std::shared_ptr<importer::InputFile> file) {
    importer::TableImportOptions opt;
    opt.today = kToday;
    const Actor actor = Staff();
    auto repo = EmployerRosterWriter(*db_, actor, kToday);
    return importer::ImportTable(industry::EmployerRosterSpec(), std::move(file), *repo, actor, opt);
  }
  Result<importer::TableImportResult> Import(std::string csv) {
    return Import(importer::InputFile::FromBytes(std::move(csv), "roster.csv"));
  }
  std::string Export(std::unique_ptr<importer::TableRepository> repo, int64_t expect_rows) {
    const std::string path =
        (std::filesystem::temp_directory_path() / fmt::format("employer_roster_{}_{}.xlsx", ::getpid(), expect_rows)).string();
    auto n = importer::ExportTable(industry::EmployerRosterSpec(), *repo, Staff(), path, importer::SheetFormat::kXlsx);
    EXPECT_TRUE(n) << n.error().ToString();
    if (n) {
      EXPECT_EQ(*n, expect_rows);
    }
    return path;
  }
  // Every job's values, one line each (the round trip compares them).
  std::string Jobs() {
    return Text("SELECT group_concat(line, char(10)) FROM (SELECT id || '|' || person_id || '|' || channel || '|' || "
                "employer || '|' || COALESCE(place,'') || '|' || started_on || '|' || COALESCE(ended_on,'') || '|' || "
                "COALESCE(monthly_income_fen,'') || '|' || source || '|' || version || '|' || COALESCE(voided_at,'') AS line "
                "FROM jobs ORDER BY id)");
  }
  std::unique_ptr<Database> db_;
};

TEST_F(EmployerRosterTest, AHandMadeRosterGivesExactlyTheExpectedFaultsAndStoresTheGoodRows) {
  const std::string unregistered = [] {
    std::string id = "11010120000101123";
    return id + ResidentIdCheckChar(id);
  }();
  std::string csv = kHeader;
  csv += fmt::format("虚构服装厂,,测试0,{},缝纫工,扶贫车间,乡（镇）内,2023-03-01,,2800\n", Id(0));             // row 2 good
  csv += fmt::format("虚构服装厂,91141124MA0JT5KL3B,测试1,{},包装工,企业,县内,2022-07-15,2024-05-31,3000.50\n", Id(1));  // 3 good
  csv += fmt::format("虚构服装厂,,测试2,{},缝纫工,车间,乡（镇）内,2023-03-01,,2800\n", unregistered);           // 4 unknown id
  csv += fmt::format("虚构服装厂,,测试3,{},缝纫工,车间,乡（镇）内,2023-02-30,,2800\n", Id(3));                  // 5 bad date
  csv += fmt::format("虚构服装厂,,测试4,{},缝纫工,车间,乡（镇）内,2023-05-01,2023-04-01,2800\n", Id(4));        // 6 end < start
  csv += fmt::format("虚构服装厂,,测试5,{},缝纫工,车间,乡（镇）内,2023-03-01,,面议\n", Id(5));                  // 7 income text
  csv += fmt::format("虚构服装厂,,测试6,{},缝纫工,挖矿,乡（镇）内,2023-03-01,,2800\n", Id(6));                  // 8 channel
  csv += fmt::format("虚构服装厂,,测试7,{},缝纫工,车间,乡（镇）内,2023-03-01,,2800\n", Id(7));                  // 9 duplicate
  csv += fmt::format("虚构服装厂,,测试7,{},质检员,车间,乡（镇）内,2023-03-01,,3100\n", Id(7));                  // 10 duplicate
  auto imported = Import(csv);
  ASSERT_TRUE(imported) << imported.error().ToString();
  const auto& r = imported->report;

  // (row, column letter, header, value as shown)
  using Want = std::tuple<int64_t, std::string, std::string, std::string>;
  const std::string dup = fmt::format("{} / 虚构服装厂 / 2023-03-01", MaskResidentId(Id(7)));
  const std::vector<Want> want = {
      {4, "D", "身份证号", MaskResidentId(unregistered)},
      {5, "H", "入职日期", "2023-02-30"},
      {6, "I", "离职日期", "2023-04-01"},
      {7, "J", "月收入（元）", "面议"},
      {8, "F", "就业渠道", "挖矿"},
      {9, "H", "身份证号+用工单位+入职日期", dup},
      {10, "H", "身份证号+用工单位+入职日期", dup},
  };
  std::vector<Want> got;
  for (const auto& f : r.faults) {
    got.emplace_back(f.row, f.column, f.header, f.raw);
    EXPECT_TRUE(f.error) << f.reason;
    EXPECT_EQ(f.file, "roster.csv");
    EXPECT_FALSE(f.reason.empty()) << f.row;
    EXPECT_FALSE(f.reason_zh.empty()) << f.row;
    EXPECT_FALSE(f.fix.empty()) << f.row;
    EXPECT_FALSE(importer::FixZh(f).empty()) << f.row << ": " << f.fix;
    // No fault shows a whole 身份证号.
    for (int i = 0; i < 8; ++i) {
      EXPECT_EQ(f.raw.find(Id(i)), std::string::npos) << f.row;
      EXPECT_EQ(f.reason.find(Id(i)), std::string::npos) << f.row;
      EXPECT_EQ(f.reason_zh.find(Id(i)), std::string::npos) << f.row;
    }
    EXPECT_EQ(f.reason.find(unregistered), std::string::npos) << f.row;
  }
  EXPECT_EQ(got, want);
  EXPECT_EQ(r.rows_read, 9);
  EXPECT_EQ(r.rows_valid, 2);
  EXPECT_EQ(r.rows_rejected, 7);
  EXPECT_TRUE(r.committed);  // as migrant_roster: the good rows are stored (--all-or-nothing: none)
  EXPECT_EQ(imported->created, 2);
  EXPECT_EQ(Jobs(),
            "1|1|workshop|虚构服装厂|township|2023-03-01||280000|import|1|\n"
            "2|2|enterprise|虚构服装厂|county|2022-07-15|2024-05-31|300050|import|1|");
  EXPECT_EQ(Text("SELECT employment_kind FROM persons WHERE id = 1"), "workshop");
  EXPECT_EQ(Text("SELECT employment_kind FROM persons WHERE id = 2"), "none");  // ended before today
}

// Regression (session 10): a row with four faults — a 统一社会信用代码 of the wrong shape, an invalid
// 身份证号 (check character), an unknown 就业渠道 and an impossible 入职日期 — listed only the two
// cells that failed to read (the writer's checks ran only on rows that read whole, and stopped at
// their first fault). The clerk gets all four at once, in column order, each with a fix (en + zh).
TEST_F(EmployerRosterTest, ARowWithFourFaultsListsAllFour) {
  std::string id = Id(0);
  id.back() = id.back() == '0' ? '1' : '0';  // wrong check character
  std::string csv = kHeader;
  csv += fmt::format("虚构服装厂,91141124MA0JT5KL3,测试0,{},缝纫工,挖矿,乡（镇）内,2023-02-30,,2800\n", id);
  // Clean cells, two writer faults: the code's shape and the unregistered 身份证号.
  const std::string unregistered = [] {
    std::string u = "11010120000101123";
    return u + ResidentIdCheckChar(u);
  }();
  csv += fmt::format("虚构服装厂,91141124MA0JT5KL3I,测试1,{},缝纫工,车间,乡（镇）内,2023-03-01,,2800\n", unregistered);
  auto imported = Import(csv);
  ASSERT_TRUE(imported) << imported.error().ToString();
  const auto& r = imported->report;
  using Want = std::tuple<int64_t, std::string, std::string, std::string>;  // row, column, header, value
  const std::vector<Want> want = {{2, "B", "统一社会信用代码", "91141124MA0JT5KL3"}, {2, "D", "身份证号", MaskResidentId(id)},
                                  {2, "F", "就业渠道", "挖矿"},                      {2, "H", "入职日期", "2023-02-30"},
                                  {3, "B", "统一社会信用代码", "91141124MA0JT5KL3I"}, {3, "D", "身份证号", MaskResidentId(unregistered)}};
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
  EXPECT_EQ(r.rows_rejected, 2);
  EXPECT_EQ(Count("SELECT count(*) FROM jobs"), 0);
}

// Row i of a 1,000-row roster: person i with employer 虚构企业{i % 7}, channel by i % 3.
std::string BigRoster(int changed_row = -1) {
  static const char* kChannels[] = {"就业帮扶车间", "产业园区", "企业务工"};
  std::string csv = kHeader;
  for (int i = 0; i < kPersons; ++i)
    csv += fmt::format("虚构企业{},,测试{},{},普工,{},{},2023-03-01,,{}\n", i % 7, i, Id(i), kChannels[i % 3],
                       i % 2 ? "乡（镇）内" : "乡（镇）外县内", i == changed_row ? 9999 : 2500 + i);
  return csv;
}

TEST_F(EmployerRosterTest, AThousandRowRosterImportsAndItsExportImportsBackUnchanged) {
  auto imported = Import(BigRoster());
  ASSERT_TRUE(imported) << imported.error().ToString();
  EXPECT_TRUE(imported->report.faults.empty()) << imported->report.faults[0].reason;
  EXPECT_EQ(imported->created, kPersons);
  EXPECT_EQ(Count("SELECT count(*) FROM jobs"), kPersons);
  // Σ (2500 + i) yuan in fen, i = 0 … 999.
  EXPECT_EQ(Count("SELECT sum(monthly_income_fen) FROM jobs"), (2500LL * kPersons + 999LL * 1000 / 2) * 100);
  EXPECT_EQ(Count("SELECT count(*) FROM jobs WHERE channel = 'park' AND employer = '虚构企业1'"), 48);  // i ≡ 1 mod 7, ≡ 1 mod 3: 1, 22, … 988

  const std::string before = Jobs();
  const int64_t audit = Count("SELECT count(*) FROM audit_log");
  const std::string path = Export(EmployerRosterWriter(*db_, Staff(), kToday), kPersons);
  auto file = importer::InputFile::Open(path);
  ASSERT_TRUE(file) << file.error().ToString();
  auto again = Import(*file);
  std::filesystem::remove(path);
  ASSERT_TRUE(again) << again.error().ToString();
  EXPECT_TRUE(again->report.faults.empty()) << again->report.faults[0].reason;
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(again->updated, 0);
  EXPECT_EQ(again->unchanged, kPersons);
  EXPECT_EQ(Jobs(), before);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log"), audit + 1);  // the batch entry only

  // A changed income updates that job, no second one.
  auto changed = Import(BigRoster(10));
  ASSERT_TRUE(changed) << changed.error().ToString();
  EXPECT_EQ(changed->updated, 1);
  EXPECT_EQ(changed->unchanged, kPersons - 1);
  EXPECT_EQ(Count("SELECT count(*) FROM jobs"), kPersons);
  EXPECT_EQ(Count("SELECT monthly_income_fen FROM jobs WHERE person_id = 11"), 999900);
}

TEST_F(EmployerRosterTest, OneEmployersExportHasItsCurrentWorkersOnly) {
  ASSERT_TRUE(Import(BigRoster()));
  // Person 4 (i = 3, 虚构企业3) left on 2024-06-01: no longer on the roster of today.
  std::string left = kHeader;
  left += fmt::format("虚构企业3,,测试3,{},普工,就业帮扶车间,乡（镇）内,2023-03-01,2024-06-01,2503\n", Id(3));
  auto ended = Import(left);
  ASSERT_TRUE(ended) << ended.error().ToString();
  EXPECT_EQ(ended->updated, 1);
  EXPECT_EQ(Text("SELECT ended_on FROM jobs WHERE person_id = 4"), "2024-06-01");
  // i ≡ 3 mod 7 for i in 0 … 999: 3, 10, … 997 = 143 persons, one of whom left.
  const std::string path = Export(EmployerRosterOf(*db_, Staff(), kToday, "虚构企业3"), 142);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace anju::storage
