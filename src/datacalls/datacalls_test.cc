// Unit tests of the data-call rules: columns, rows (every fault at once, en + zh), the upload
// read through the importer's table import (CSV and xlsx), and the case type's shape.
#include <gtest/gtest.h>

#include <filesystem>

#include "datacalls/datacalls.h"
#include "importer/input.h"
#include "importer/readers.h"

namespace anju::datacalls {
namespace {

using nlohmann::json;

std::vector<Column> Columns() {
  return {{"village", "村名", "Village", ColumnType::kText, true, {}},
          {"households", "户数", "Households", ColumnType::kInteger, true, {}},
          {"income", "人均收入", "Income per head", ColumnType::kDecimal, false, {}},
          {"checked_on", "核查日期", "Checked on", ColumnType::kDate, false, {}},
          {"kind", "类型", "Kind", ColumnType::kEnum, false, {"整村", "分散"}}};
}

TEST(DataCallColumns, ValidTemplatePasses) { EXPECT_TRUE(ValidateColumns(Columns())); }

TEST(DataCallColumns, EveryFaultAtOnce) {
  auto cols = Columns();
  cols[1].key = "Households!";  // not an identifier
  cols[2].label_zh = "村名";     // same header as column 1
  cols[4].values.clear();        // enum without values
  auto s = ValidateColumns(cols);
  ASSERT_FALSE(s);
  ASSERT_EQ(s.error().details.size(), 3u) << s.error().ToString();
  EXPECT_EQ(s.error().details[0].field, "columns[1].key");
  EXPECT_EQ(s.error().details[0].value, "Households!");
  EXPECT_EQ(s.error().details[1].field, "columns[2].label_zh");
  EXPECT_EQ(s.error().details[2].field, "columns[4].values");
  for (const auto& d : s.error().details) EXPECT_FALSE(d.message_zh.empty());
}

TEST(DataCallRows, NormalisesValues) {
  json rows = json::parse(R"([{"village":" 石门村 ","households":"1,204","income":"3520.50","checked_on":"2026-05-01","kind":"整村"},
                              {"village":"","households":null},
                              {"village":"青山村","households":7}])");
  auto r = ValidateRows(Columns(), rows);
  ASSERT_TRUE(r) << r.error().ToString();
  ASSERT_EQ(r->size(), 2u);  // the blank row is dropped
  EXPECT_EQ((*r)[0]["village"], "石门村");
  EXPECT_EQ((*r)[0]["households"], 1204);
  EXPECT_EQ((*r)[0]["income"], "3520.5");
  EXPECT_EQ((*r)[0]["checked_on"], "2026-05-01");
  EXPECT_EQ((*r)[1]["households"], 7);
  EXPECT_FALSE((*r)[1].contains("income"));
}

TEST(DataCallRows, EveryFaultWithRowColumnValueAndFix) {
  json rows = json::parse(R"([{"village":"石门村","households":"十二","checked_on":"2026-13-01"},
                              {"households":3,"kind":"其他","extra":1}])");
  auto r = ValidateRows(Columns(), rows);
  ASSERT_FALSE(r);
  std::map<std::string, Error> by_field;
  for (const auto& d : r.error().details) by_field[d.field] = d;
  ASSERT_EQ(by_field.size(), 5u) << r.error().ToString();
  EXPECT_EQ(by_field["rows[0].households"].value, "十二");
  EXPECT_NE(by_field["rows[0].households"].message.find("row 1, column 户数 (Households)"), std::string::npos);
  EXPECT_NE(by_field["rows[0].households"].message.find("fix: write a whole number"), std::string::npos);
  EXPECT_NE(by_field["rows[0].households"].message_zh.find("第 1 行“户数”列"), std::string::npos);
  EXPECT_EQ(by_field["rows[0].checked_on"].value, "2026-13-01");
  EXPECT_TRUE(by_field.contains("rows[1].village"));  // required, missing
  EXPECT_EQ(by_field["rows[1].kind"].value, "其他");
  EXPECT_TRUE(by_field.contains("rows[1].extra"));
}

TEST(DataCallUpload, CsvThroughTheImporterCleaners) {
  // Header by the Chinese labels in another order, a title row above it, a 2026年5月1日 date,
  // full-width digits and a 合计 footer row.
  std::string csv =
      "2026年一季度数据调度\n"
      "类型,村名,户数,核查日期,人均收入\n"
      "整村,石门村,１２,2026年5月1日,3520.50\n"
      "分散,青山村,7,,\n"
      "合计,,19,,\n";
  auto r = ReadUpload(Columns(), importer::InputFile::FromBytes(csv, "临泉镇.csv"));
  ASSERT_TRUE(r) << r.error().ToString();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0]["village"], "石门村");
  EXPECT_EQ((*r)[0]["households"], 12);
  EXPECT_EQ((*r)[0]["checked_on"], "2026-05-01");
  EXPECT_EQ((*r)[0]["income"], "3520.5");
  EXPECT_EQ((*r)[0]["kind"], "整村");
  EXPECT_EQ((*r)[1]["households"], 7);
}

TEST(DataCallUpload, PerCellFaultsAllOrNothing) {
  std::string csv =
      "村名,户数,人均收入,类型\n"
      "石门村,abc,12x,整村\n"
      ",4,,其他\n";
  auto r = ReadUpload(Columns(), importer::InputFile::FromBytes(csv, "t.csv"));
  ASSERT_FALSE(r);
  std::set<std::string> seen;
  for (const auto& d : r.error().details) seen.insert(d.field + "=" + d.value);
  // row 2: households not a number, income not a number; row 3: village missing, kind unknown.
  EXPECT_TRUE(seen.contains("households=abc")) << r.error().ToString();
  EXPECT_TRUE(seen.contains("village=")) << r.error().ToString();
  EXPECT_TRUE(seen.contains("kind=其他")) << r.error().ToString();
  bool income = false;
  for (const auto& d : r.error().details)
    if (d.field == "income" && d.value == "12x" && d.message.find("row 2, column C") != std::string::npos) income = true;
  EXPECT_TRUE(income) << r.error().ToString();
  for (const auto& d : r.error().details)
    if (d.field == "households") {
      EXPECT_NE(d.message.find("row 2, column B"), std::string::npos) << d.message;
    }
}

TEST(DataCallUpload, MissingRequiredColumnIsNamed) {
  std::string csv = "村名,类型\n石门村,整村\n";
  auto r = ReadUpload(Columns(), importer::InputFile::FromBytes(csv, "t.csv"));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().ToString().find("户数"), std::string::npos) << r.error().ToString();
}

TEST(DataCallUpload, TemplateRoundTrip) {
  auto path = (std::filesystem::temp_directory_path() / ("dc-template-" + std::to_string(getpid()) + ".xlsx")).string();
  std::vector<Row> rows = {json{{"village", "石门村"}, {"households", 12}, {"income", "3.25"}, {"checked_on", "2026-05-01"}}};
  ASSERT_TRUE(WriteTemplateXlsx(path, Columns(), rows));
  auto file = importer::InputFile::Open(path);
  ASSERT_TRUE(file);
  auto r = ReadUpload(Columns(), *file);
  std::filesystem::remove(path);
  ASSERT_TRUE(r) << r.error().ToString();
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0], rows[0]);
}

TEST(DataCallReplyType, StatesAndTransitions) {
  const auto& t = DataCallReplyType();
  EXPECT_EQ(t.kind, "data_call_reply");
  EXPECT_EQ(t.initial_state, "pending");
  bool return_needs_note = false;
  for (const auto& tr : t.transitions)
    if (tr.name == "return") return_needs_note = tr.note_required && tr.from == "submitted" && tr.to == "returned";
  EXPECT_TRUE(return_needs_note);
  // Only the module's service moves these cases (the generic transitions route cannot).
  for (const auto& tr : t.transitions) EXPECT_EQ(tr.who, casework::Who::kSystem) << tr.name;
}

}  // namespace
}  // namespace anju::datacalls
