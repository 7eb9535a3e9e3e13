// The pairing roster import (storage/sqlite_pairing_import.h) on a messy fixture: a title row,
// a two-level header, a phone written with spaces, a head's id instead of the household number,
// a bad id, an unknown household and a duplicate household. Fictitious people only.
#include "cadres/storage/sqlite_pairing_import.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "core/resident_id.h"
#include "storage/migrate.h"

namespace anju::storage {
namespace {

std::string IdFor(int seq) {
  std::string first17 = fmt::format("14112419800101{:03d}", seq);
  return first17 + ResidentIdCheckChar(first17);
}

class PairingImportTest : public ::testing::Test {
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
      INSERT INTO households (id, household_no, category, origin_village_id, site_id, move_in_date) VALUES
        (1,'LX-000001','registered_poor',1,1,'2019-06-30'), (2,'LX-000002','registered_poor',1,1,'2019-06-30'),
        (3,'LX-000003','registered_poor',1,1,'2019-06-30');
    )"));
    for (int h = 1; h <= 3; ++h) {
      auto st = *db_->Prepare("INSERT INTO persons (household_id, resident_id, name, sex, birth_date, relationship) "
                              "VALUES (?, ?, ?, 'male', '1980-01-01', 'head')");
      st.Bind(1, h).Bind(2, IdFor(2 * h + 1)).Bind(3, fmt::format("测试户主{}", h));
      ASSERT_TRUE(st.Run());
    }
    actor_ = SystemActor();
    opts_.today = *ParseIsoDate("2024-05-01");
  }

  // Row numbers as the sheet shows them: 1 title, 2 group row, 3 header, data from 4.
  std::string Fixture() const {
    std::string bad = IdFor(5);
    bad.back() = bad.back() == '0' ? '1' : '0';  // a wrong check character
    return fmt::format(
        "临县结对帮扶花名册（2024年）,,,,,,\n"
        "户主信息,,帮扶责任人信息,,,,\n"
        "户编号,户主姓名,帮扶责任人,工作单位,职务,联系电话,结对日期\n"
        "LX-000001,测试户主1,张帮扶,临县农业农村局,科员,138 1234 5678,2020-03-01\n"   // 4 ok, cadre new
        "{},测试户主2,张帮扶,临县农业农村局,科员,13812345678,2020-03-01\n"           // 5 ok by head id, same cadre
        "{},某人,李帮扶,临泉镇人民政府,干部,13900001111,2020-03-01\n"                // 6 bad id
        "LX-999999,某人,李帮扶,临泉镇人民政府,干部,13900001111,2020-03-01\n"         // 7 unknown household
        "LX-000003,测试户主3,王帮扶,临县教育局,干部,13700002222,2021-01-01\n"        // 8 duplicate of 9
        "LX-000003,测试户主3,赵帮扶,临县教育局,干部,13700003333,2021-02-01\n",       // 9
        IdFor(5), bad);
  }
  int64_t Count(const char* sql) {
    auto st = *db_->Prepare(sql);
    EXPECT_TRUE(*st.Step());
    return st.ColumnInt(0);
  }
  // The first fault of `row` (a default Fault, row 0, when none).
  importer::Fault FaultAt(const importer::TableImportResult& r, int64_t row) {
    for (const auto& f : r.report.faults)
      if (f.row == row) return f;
    return {};
  }

  std::unique_ptr<Database> db_;
  Actor actor_;
  importer::TableImportOptions opts_;
};

TEST_F(PairingImportTest, MessyRosterGivesOneFaultPerBadRowAndAllOrNothingStoresNothing) {
  opts_.all_or_nothing = true;
  auto r = ImportPairings(*db_, importer::InputFile::FromBytes(Fixture(), "结对花名册.csv"), actor_, opts_);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_FALSE(r->report.committed);
  EXPECT_EQ(r->report.rows_read, 6);
  EXPECT_EQ(r->report.errors, 4);  // rows 6, 7, 8, 9
  for (int64_t row : {6, 7, 8, 9}) {
    const importer::Fault f = FaultAt(*r, row);
    ASSERT_EQ(f.row, row);
    EXPECT_EQ(f.file, "结对花名册.csv");
    EXPECT_EQ(f.field, "household_no") << row;  // row faults name the 户编号 column (where the value is)
    EXPECT_EQ(f.column, "A") << row;             // every fault names the column letter and header
    EXPECT_EQ(f.header, "户编号") << row;
    EXPECT_FALSE(f.reason_zh.empty());
    EXPECT_FALSE(f.fix.empty());
  }
  EXPECT_NE(FaultAt(*r, 6).reason.find("not a valid resident id"), std::string::npos) << FaultAt(*r, 6).reason;
  EXPECT_NE(FaultAt(*r, 7).reason.find("LX-999999"), std::string::npos) << FaultAt(*r, 7).reason;
  EXPECT_EQ(FaultAt(*r, 8).kind, "duplicate");
  EXPECT_EQ(FaultAt(*r, 9).kind, "duplicate");
  EXPECT_EQ(Count("SELECT count(*) FROM cadres"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM cadre_assignments"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log"), 0);
}

TEST_F(PairingImportTest, GoodRowsArePairedCadreFoundByNameAndCleanedPhone) {
  auto dry = opts_;
  dry.dry_run = true;
  auto preview = ImportPairings(*db_, importer::InputFile::FromBytes(Fixture(), "f.csv"), actor_, dry);
  ASSERT_TRUE(preview) << preview.error().ToString();
  EXPECT_EQ(preview->created, 2);
  EXPECT_EQ(Count("SELECT count(*) FROM cadre_assignments"), 0) << "a dry run stores nothing";

  auto r = ImportPairings(*db_, importer::InputFile::FromBytes(Fixture(), "f.csv"), actor_, opts_);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_TRUE(r->report.committed);
  EXPECT_EQ(r->created, 2);
  // One cadre (rows 4 and 5: same name, the phone with spaces cleaned to the same digits).
  EXPECT_EQ(Count("SELECT count(*) FROM cadres WHERE name = '张帮扶' AND phone = '13812345678'"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM cadres"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM cadre_assignments WHERE until_date IS NULL AND from_date = '2020-03-01' "
                  "AND household_id IN (1, 2)"), 2);
  // Audited: the cadre, the two assignments, a row entry each and the batch.
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE entity = 'cadre'"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE entity = 'cadre_assignment'"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'import'"), 1);
}

// A sheet with both 户编号 and 户主身份证号 (fresh-clone tester): either may be empty (the household
// is found by the other), both given must name the same household (else a fault naming both
// columns and values), a row with neither is a fault, and every fault names file, row, column
// letter and header.
TEST_F(PairingImportTest, BothKeyColumnsEitherMayBeEmptyAndTheyMustAgree) {
  ASSERT_TRUE(db_->Exec("INSERT INTO households (id, household_no, category, origin_village_id, site_id, move_in_date) "
                        "VALUES (4,'LX-000004','registered_poor',1,1,'2019-06-30')"));
  auto st = *db_->Prepare("INSERT INTO persons (household_id, resident_id, name, sex, birth_date, relationship) "
                          "VALUES (4, ?, '测试户主4', 'male', '1980-01-01', 'head')");
  st.Bind(1, IdFor(9));
  ASSERT_TRUE(st.Run());
  const std::string csv = fmt::format(
      "户编号,户主身份证号,户主姓名,帮扶责任人,工作单位,联系电话,结对日期\n"
      "LX-000001,{},测试户主1,张帮扶,临县农业农村局,13812345678,2020-03-01\n"  // 2 both, agree
      ",{},测试户主2,张帮扶,临县农业农村局,13812345678,2020-03-01\n"           // 3 head id only
      "LX-000003,{},,李帮扶,临县教育局,13900001111,2020-03-01\n"               // 4 disagree (id of 4)
      ",,某人,李帮扶,临县教育局,13900001111,2020-03-01\n",                      // 5 neither
      IdFor(3), IdFor(5), IdFor(9));
  auto r = ImportPairings(*db_, importer::InputFile::FromBytes(csv, "花名册.csv"), actor_, opts_);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_TRUE(r->report.committed);
  EXPECT_EQ(r->created, 2);
  EXPECT_EQ(r->report.errors, 2);
  for (const auto& f : r->report.faults) {
    EXPECT_EQ(f.file, "花名册.csv");
    EXPECT_GT(f.row, 0);
    EXPECT_FALSE(f.column.empty()) << f.row << " " << f.reason;
    EXPECT_FALSE(f.header.empty()) << f.row << " " << f.reason;
    EXPECT_FALSE(f.fix.empty()) << f.row;
  }
  const importer::Fault mismatch = FaultAt(*r, 4);
  ASSERT_EQ(mismatch.row, 4);
  EXPECT_EQ(mismatch.column, "B");
  EXPECT_EQ(mismatch.header, "户主身份证号");
  for (const std::string& part : {std::string("户编号"), std::string("户主身份证号"), std::string("LX-000003"),
                                  std::string("LX-000004"), MaskResidentId(IdFor(9))}) {
    EXPECT_NE(mismatch.reason.find(part), std::string::npos) << part << " in " << mismatch.reason;
    EXPECT_NE(mismatch.reason_zh.find(part), std::string::npos) << part << " in " << mismatch.reason_zh;
  }
  EXPECT_EQ(mismatch.reason.find(IdFor(9)), std::string::npos) << "the id is masked";
  const importer::Fault neither = FaultAt(*r, 5);
  ASSERT_EQ(neither.row, 5);
  EXPECT_EQ(neither.column, "A");
  EXPECT_EQ(neither.header, "户编号");
  EXPECT_NE(neither.reason_zh.find("户主身份证号"), std::string::npos) << neither.reason_zh;
  EXPECT_EQ(Count("SELECT count(*) FROM cadre_assignments WHERE until_date IS NULL AND household_id IN (1, 2)"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM cadre_assignments WHERE household_id IN (3, 4)"), 0);
}

// Re-importing the same roster changes nothing and says so (tester: the rows were counted as
// paired again); a row with another cadre is a reassignment, counted as updated.
TEST_F(PairingImportTest, ReimportingTheSameRosterCountsRowsAsUnchanged) {
  const std::string csv = fmt::format(
      "户编号,户主身份证号,帮扶责任人,联系电话,结对日期\n"
      "LX-000001,,张帮扶,13812345678,2020-03-01\n"
      ",{},张帮扶,13812345678,2020-03-01\n",
      IdFor(5));
  auto first = ImportPairings(*db_, importer::InputFile::FromBytes(csv, "f.csv"), actor_, opts_);
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_EQ(first->created, 2);
  const int64_t audit = Count("SELECT count(*) FROM audit_log");
  auto again = ImportPairings(*db_, importer::InputFile::FromBytes(csv, "f.csv"), actor_, opts_);
  ASSERT_TRUE(again) << again.error().ToString();
  EXPECT_EQ(again->report.errors, 0);
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(again->updated, 0);
  EXPECT_EQ(again->unchanged, 2);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log"), audit + 1) << "only the batch entry";
  EXPECT_EQ(Count("SELECT count(*) FROM cadre_assignments"), 2);
  // Household 1 given to another cadre from a later day: one reassignment.
  const std::string changed = "户编号,帮扶责任人,联系电话,结对日期\nLX-000001,王帮扶,13700002222,2023-01-01\n";
  auto moved = ImportPairings(*db_, importer::InputFile::FromBytes(changed, "g.csv"), actor_, opts_);
  ASSERT_TRUE(moved) << moved.error().ToString();
  EXPECT_EQ(moved->created, 0);
  EXPECT_EQ(moved->updated, 1);
  EXPECT_EQ(Count("SELECT count(*) FROM cadre_assignments WHERE household_id = 1 AND until_date = '2023-01-01'"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM cadre_assignments a JOIN cadres c ON c.id = a.cadre_id WHERE a.household_id = 1 "
                  "AND a.until_date IS NULL AND c.name = '王帮扶' AND a.from_date = '2023-01-01'"), 1);
}

TEST_F(PairingImportTest, OnlyCountyRolesImport) {
  Actor grid;
  grid.role = Role::kGridWorker;
  grid.scope = {AccessScope::Level::kGrid, "", 0, 1};
  auto r = ImportPairings(*db_, importer::InputFile::FromBytes(Fixture(), "f.csv"), grid, opts_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace anju::storage
