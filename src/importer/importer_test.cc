// Importer tests: readers on the fixture files (tests/fixtures/import, made by make_fixtures.py),
// cleaning rules with hand-checked values, and the pipeline against an in-memory repository.
// Expected ids were computed by the MOD 11-2 rule in make_fixtures.py and checked by hand for
// 14112419520229028X: weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 over 1411241952022902 8 give
// sum 178, 178 mod 11 = 2 -> 'X'.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "core/resident_id.h"
#include "importer/clean.h"
#include "importer/export.h"
#include "importer/fix_zh.h"
#include "importer/header.h"
#include "importer/importer.h"
#include "importer/readers.h"
#include "importer/text_decode.h"

namespace anju::importer {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

const Date kToday{year{2026}, month{11}, day{29}};

std::string Fixture(const std::string& name) {
  const char* src = std::getenv("ANJU_SOURCE_DIR");
  return std::string(src ? src : ".") + "/tests/fixtures/import/" + name;
}

std::shared_ptr<InputFile> Open(const std::string& name) {
  auto f = InputFile::Open(Fixture(name));
  EXPECT_TRUE(f) << f.error().ToString();
  return *f;
}

std::vector<Row> AllRows(Workbook& wb, size_t sheet = 0) {
  std::vector<Row> rows;
  auto s = wb.ReadRows(sheet, [&](const Row& r) -> Status {
    rows.push_back(r);
    return {};
  });
  EXPECT_TRUE(s) << s.error().ToString();
  return rows;
}

Cell Text(std::string s) {
  Cell c;
  c.type = Cell::Type::kText;
  c.text = std::move(s);
  return c;
}
Cell Number(double v, std::string text = "", bool date = false) {
  Cell c;
  c.type = Cell::Type::kNumber;
  c.number = v;
  c.text = std::move(text);
  c.date_format = date;
  return c;
}

// --- format detection and readers --------------------------------------------------------------

TEST(Detect, ByContentNotExtension) {
  EXPECT_EQ(DetectFormat(Open("township_merged.xlsx")->bytes()), FileFormat::kXlsx);
  EXPECT_EQ(DetectFormat(Open("biff8.xls")->bytes()), FileFormat::kXls);
  EXPECT_EQ(DetectFormat(Open("html_disguised.xls")->bytes()), FileFormat::kHtml);
  EXPECT_EQ(DetectFormat(Open("csv_disguised.xls")->bytes()), FileFormat::kText);
  EXPECT_EQ(DetectFormat(Open("encrypted.xlsx")->bytes()), FileFormat::kEncryptedOffice);
  EXPECT_EQ(DetectFormat(""), FileFormat::kEmpty);
}

TEST(Encoding, EveryCsvEncodingDecodesToTheSameRows) {
  std::vector<std::vector<std::string>> expected;
  for (const char* name : {"utf8_bom.csv", "gb18030.csv", "utf16le_bom.csv", "utf16le_nobom.tsv", "csv_disguised.xls"}) {
    auto wb = OpenWorkbook(Open(name));
    ASSERT_TRUE(wb) << name << ": " << wb.error().ToString();
    auto rows = AllRows(**wb);
    std::vector<std::vector<std::string>> got;
    for (auto& r : rows) {
      std::vector<std::string> t;
      for (auto& c : r.cells) t.push_back(c.text);
      got.push_back(t);
    }
    ASSERT_EQ(got.size(), 4u) << name;
    EXPECT_EQ(got[1][1], "阿不都·热合曼") << name;
    EXPECT_EQ(got[1][10], "多行\n备注") << name;  // quoted field with a line break
    EXPECT_EQ(got[3][1], "\xF0\xA0\xAE\xB7田") << name;  // U+20BB7 (CJK Ext. B) kept
    if (expected.empty()) expected = got;
    EXPECT_EQ(got, expected) << name;
  }
  EXPECT_EQ((*OpenWorkbook(Open("gb18030.csv")))->encoding(), "GB18030");
  EXPECT_EQ((*OpenWorkbook(Open("utf16le_nobom.tsv")))->encoding(), "UTF-16LE");
  EXPECT_EQ((*OpenWorkbook(Open("utf16le_nobom.tsv")))->format(), "tsv");
  EXPECT_EQ((*OpenWorkbook(Open("utf8_bom.csv")))->encoding(), "UTF-8 (BOM)");
}

// Random bytes (here from a fixed linear congruential sequence) named .xlsx are neither a zip,
// nor text: the clerk is told it is not a spreadsheet, not that it is "not valid GB18030".
TEST(Encoding, BinaryGarbageIsNotASpreadsheet) {
  std::string junk(100000, '\0');
  uint32_t x = 12345;
  for (char& c : junk) {
    x = x * 1103515245u + 12345u;
    c = static_cast<char>(x >> 24);
  }
  auto wb = OpenWorkbook(InputFile::FromBytes(junk, "花名册.xlsx"));
  ASSERT_FALSE(wb);
  EXPECT_NE(wb.error().message.find("not a spreadsheet"), std::string::npos) << wb.error().message;
  EXPECT_NE(wb.error().message.find("花名册.xlsx"), std::string::npos);
  EXPECT_EQ(wb.error().message.find("GB18030"), std::string::npos);
}

TEST(Encoding, Utf8IsNeverDecodedAsGbk) {
  // "张三" in UTF-8 is also a valid GBK byte sequence (鐮犱笁-like garbage); strict UTF-8 wins.
  auto d = DecodeText("\xE5\xBC\xA0\xE4\xB8\x89", "", "t.csv");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->encoding, "UTF-8");
  EXPECT_EQ(d->text, "张三");
  // The same name in GBK is not valid UTF-8, so GB18030 decodes it.
  auto g = DecodeText("\xD5\xC5\xC8\xFD", "", "t.csv");
  ASSERT_TRUE(g);
  EXPECT_EQ(g->encoding, "GB18030");
  EXPECT_EQ(g->text, "张三");
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));        // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));    // surrogate
  EXPECT_FALSE(IsValidUtf8("\xE5\xBC"));        // truncated
  for (size_t i = 0; i < 20; ++i) {  // a fault after, between and at the end of ASCII runs
    const std::string a(i, 'a');
    EXPECT_TRUE(IsValidUtf8(a + "张" + a)) << i;
    EXPECT_FALSE(IsValidUtf8(a + "\xC0\xAF" + a)) << i;
    EXPECT_FALSE(IsValidUtf8(a + "\x80")) << i;
    EXPECT_FALSE(IsValidUtf8(a + "张\xE5\xBC")) << i;
  }
  auto bad = DecodeText("abc", "NO-SUCH-ENCODING", "t.csv");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("unknown encoding"), std::string::npos);
}

TEST(Csv, QuotesAndFormulaTextMarkers) {
  std::vector<Row> rows;
  ASSERT_TRUE(ParseCsv("a,\"b,\"\"c\"\"\",=\"0123\"\r\n\r\nx", 0, [&](const Row& r) -> Status {
    rows.push_back(r);
    return {};
  }));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].cells[1].text, "b,\"c\"");
  EXPECT_EQ(rows[0].cells[2].text, "0123");
  EXPECT_TRUE(rows[1].cells.empty());
  EXPECT_EQ(rows[2].number, 3);
}

// OWASP CSV injection: free text that a spreadsheet would run as a formula gets a leading
// quote on export, and the importer removes exactly that quote again (lossless round trip).
TEST(Csv, FormulaTextIsNeutralisedOnExportAndRestoredOnImport) {
  EXPECT_EQ(NeutraliseCsvFormula("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
  EXPECT_EQ(NeutraliseCsvFormula("+1"), "'+1");
  EXPECT_EQ(NeutraliseCsvFormula("-"), "'-");
  EXPECT_EQ(NeutraliseCsvFormula("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(NeutraliseCsvFormula("\tx"), "'\tx");
  EXPECT_EQ(NeutraliseCsvFormula("\rx"), "'\rx");
  EXPECT_EQ(NeutraliseCsvFormula("'=x"), "''=x");  // a quote the person typed survives
  EXPECT_EQ(NeutraliseCsvFormula("张海明"), "张海明");
  EXPECT_EQ(NeutraliseCsvFormula("O'Neil"), "O'Neil");
  EXPECT_EQ(NeutraliseCsvFormula(""), "");
  for (std::string name : {std::string("=cmd|' /C calc'!A0"), std::string("'=x"),
                           std::string("-"), std::string("O'Neil"), std::string("'abc")}) {
    std::vector<Row> rows;
    std::string field = NeutraliseCsvFormula(name);
    std::string quoted = "\"";
    for (char c : field) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    quoted += "\"";
    ASSERT_TRUE(ParseCsv(quoted + "\r\n", 0, [&](const Row& r) -> Status {
      rows.push_back(r);
      return {};
    }));
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(CellText(rows[0].cells[0]), name);
  }
  Problems ps;
  EXPECT_EQ(CleanName(Text("'=HYPERLINK(\"x\")"), ps), "=HYPERLINK(\"x\")");
}

TEST(Faults, HugeValuesAreCutToAHundredCharactersWithTheirLength) {
  EXPECT_EQ(ShortenForMessage("张海明"), "张海明");
  EXPECT_EQ(ShortenForMessage(std::string(100, 'x')), std::string(100, 'x'));
  EXPECT_EQ(ShortenForMessage(std::string(101, 'x')), std::string(100, 'x') + "…(101 chars)");
  std::string name;
  for (int i = 0; i < 5000; ++i) name += "张";
  std::string cut = ShortenForMessage(name, 100);
  EXPECT_EQ(cut.substr(0, 300), name.substr(0, 300));  // 100 characters of 3 bytes, not split
  EXPECT_EQ(cut.substr(300), "…(5000 chars)");
}

TEST(Xlsx, SheetsMergesStylesAndTypes) {
  auto wb = OpenWorkbook(Open("township_merged.xlsx"));
  ASSERT_TRUE(wb) << wb.error().ToString();
  const auto& sheets = (*wb)->sheets();
  ASSERT_EQ(sheets.size(), 2u);
  EXPECT_EQ(sheets[0].name, "花名册");
  EXPECT_FALSE(sheets[0].hidden);
  EXPECT_EQ(sheets[1].name, "旧数据");
  EXPECT_TRUE(sheets[1].hidden);
  bool found_a5 = false;
  for (auto& m : sheets[0].merged)
    if (m.first_row == 4 && m.last_row == 6 && m.first_col == 0 && m.last_col == 0) found_a5 = true;
  EXPECT_TRUE(found_a5) << "A5:A7 merged household number";
  auto rows = AllRows(**wb);
  const Row* r5 = nullptr;
  const Row* r12 = nullptr;
  const Row* r13 = nullptr;
  for (auto& r : rows) {
    if (r.number == 5) r5 = &r;
    if (r.number == 12) r12 = &r;
    if (r.number == 13) r13 = &r;
  }
  ASSERT_TRUE(r5 && r12 && r13);
  EXPECT_EQ(r5->cells[5].type, Cell::Type::kNumber);
  EXPECT_TRUE(r5->cells[5].date_format);  // yyyy"年"m"月"d"日"
  EXPECT_EQ(r5->cells[6].type, Cell::Type::kNumber);  // phone stored as a float
  EXPECT_EQ(r12->cells[2].type, Cell::Type::kNumber);  // id stored as a number
  EXPECT_EQ(r13->cells[1].type, Cell::Type::kFormulaNoValue);
}

TEST(Xlsx, Date1904System) {
  auto wb = OpenWorkbook(Open("date1904.xlsx"));
  ASSERT_TRUE(wb);
  EXPECT_TRUE((*wb)->date1904());
  auto rows = AllRows(**wb);
  ASSERT_GE(rows.size(), 2u);
  Problems ps;
  auto d = CleanDate(rows[1].cells[4], true, ps);
  ASSERT_TRUE(d);
  EXPECT_EQ(FormatIsoDate(*d), "1965-03-12");
}

TEST(Xlsx, RefusesZipBombsAndEncryptedFiles) {
  auto bomb = OpenWorkbook(Open("zip_bomb.xlsx"));
  ASSERT_FALSE(bomb);
  EXPECT_NE(bomb.error().message.find("zip bomb"), std::string::npos) << bomb.error().message;
  auto enc = OpenWorkbook(Open("encrypted.xlsx"));
  ASSERT_FALSE(enc);
  EXPECT_NE(enc.error().message.find("encrypted"), std::string::npos);
  auto junk = OpenWorkbook(InputFile::FromBytes("PK\x03\x04xl/ not really a zip", "junk.xlsx"));
  ASSERT_FALSE(junk);
}

TEST(Xls, BiffThroughFreexl) {
  auto wb = OpenWorkbook(Open("biff8.xls"));
  ASSERT_TRUE(wb) << wb.error().ToString();
  EXPECT_EQ((*wb)->format(), "xls");
  auto rows = AllRows(**wb);
  ASSERT_GE(rows.size(), 3u);
  EXPECT_EQ(rows[0].cells[1].text, "姓名");
  EXPECT_EQ(rows[1].cells[1].text, "周国庆");
  EXPECT_EQ(rows[1].cells[4].type, Cell::Type::kDate);
  EXPECT_EQ(rows[1].cells[4].text, "1969-10-01");
}

TEST(Html, TableInGbkDisguisedAsXls) {
  auto wb = OpenWorkbook(Open("html_disguised.xls"));
  ASSERT_TRUE(wb) << wb.error().ToString();
  EXPECT_EQ((*wb)->format(), "html");
  EXPECT_EQ((*wb)->encoding(), "GB18030");
  auto rows = AllRows(**wb);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].cells[0].text, "测试镇搬迁人口");
  ASSERT_EQ((*wb)->sheets()[0].merged.size(), 1u);  // the colspan title
  EXPECT_EQ(rows[2].cells[1].text, "阿不都·热合曼");
}

// --- header recognition ------------------------------------------------------------------------

TEST(Header, NormalisesAndMatchesSynonyms) {
  EXPECT_EQ(NormalizeHeader("公民身份号码\n（必填）"), "公民身份号码");
  EXPECT_EQ(NormalizeHeader("*姓　名"), "姓名");
  EXPECT_EQ(MatchHeader("身份证号码"), Field::kResidentId);
  EXPECT_EQ(MatchHeader("证件号码"), Field::kResidentId);
  EXPECT_EQ(MatchHeader("家庭关系"), Field::kRelationship);
  EXPECT_EQ(MatchHeader("手机号码"), Field::kPhone);
  EXPECT_EQ(MatchHeader("Resident ID"), Field::kResidentId);
  EXPECT_EQ(MatchHeader("户主身份证号"), Field::kIgnored);
  EXPECT_EQ(MatchHeader("家庭成员姓名"), Field::kName);
  EXPECT_FALSE(MatchHeader("填报单位：某镇"));
}

TEST(Header, TwoLevelMergedHeaderBelowTitleRows) {
  auto wb = OpenWorkbook(Open("township_merged.xlsx"));
  ASSERT_TRUE(wb);
  auto rows = AllRows(**wb);
  auto h = DetectHeader(rows, (*wb)->sheets()[0].merged, nullptr);
  ASSERT_TRUE(h) << h.error().ToString();
  EXPECT_EQ(h->first_row, 3);
  EXPECT_EQ(h->last_row, 4);
  EXPECT_EQ(h->ColumnOf(Field::kHouseholdNo), 0);
  EXPECT_EQ(h->ColumnOf(Field::kResidentId), 2);
  EXPECT_EQ(h->ColumnOf(Field::kRelationship), 3);
  EXPECT_EQ(h->ColumnOf(Field::kBuilding), 9);
  EXPECT_EQ(h->ColumnOf(Field::kEntrance), 10);
  EXPECT_EQ(h->ColumnOf(Field::kRoom), 11);
  EXPECT_EQ(h->ColumnOf(Field::kSite), 12);
}

TEST(Header, MappingFileOverrides) {
  std::vector<Row> rows(2);
  rows[0].number = 1;
  rows[0].cells = {Text("人员"), Text("号码"), Text("关系")};
  rows[1].number = 2;
  rows[1].cells = {Text("张三"), Text("x"), Text("户主")};
  EXPECT_FALSE(DetectHeader(rows, {}, nullptr));
  auto m = ParseMapping(R"({"header_row": 1, "columns": {"人员": "name", "B": "resident_id", "关系": "relationship"}})");
  ASSERT_TRUE(m) << m.error().ToString();
  auto h = DetectHeader(rows, {}, &*m);
  ASSERT_TRUE(h) << h.error().ToString();
  EXPECT_EQ(h->ColumnOf(Field::kName), 0);
  EXPECT_EQ(h->ColumnOf(Field::kResidentId), 1);
  auto bad = ParseMapping(R"({"columns": {"人员": "nmae"}})");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("resident_id"), std::string::npos);  // lists the fields
}

// --- cleaning ----------------------------------------------------------------------------------

TEST(CleanId, NormalisesWhatSpreadsheetsDoToIds) {
  Problems ps;
  EXPECT_EQ(CleanResidentId(Text(" 141124 19650312 0158\u00a0"), kToday, ps), "141124196503120158");
  EXPECT_EQ(CleanResidentId(Text("'14112419520229028x"), kToday, ps), "14112419520229028X");
  EXPECT_EQ(CleanResidentId(Text("１４１１２４１９５２０２２９０２８Ｘ"), kToday, ps), "14112419520229028X");
  EXPECT_TRUE(ps.empty());
  // 15 digits: upgraded (141124 520229 028 -> 14112419520229028X), with a warning.
  EXPECT_EQ(CleanResidentId(Text("141124520229028"), kToday, ps), "14112419520229028X");
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_FALSE(ps[0].error);
  // A 15-digit number cell is exact in a double: accepted.
  ps.clear();
  EXPECT_EQ(CleanResidentId(Number(141124520229028, "141124520229028"), kToday, ps), "14112419520229028X");
}

TEST(CleanId, RefusesIdsThatLostDigitsAndLookAlikes) {
  Problems ps;
  EXPECT_FALSE(CleanResidentId(Number(1.41124196503120e17, "1.4112419650312E+17"), kToday, ps));
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_NE(ps[0].reason.find("15 significant digits"), std::string::npos);
  ps.clear();
  EXPECT_FALSE(CleanResidentId(Number(141124196503120158.0, "141124196503120160"), kToday, ps));  // 18 digits in a number cell
  ps.clear();
  EXPECT_FALSE(CleanResidentId(Text("1.41124E+17"), kToday, ps));
  EXPECT_NE(ps[0].reason.find("scientific notation"), std::string::npos);
  ps.clear();
  EXPECT_FALSE(CleanResidentId(Text("14112419520229028\u0425"), kToday, ps));  // Cyrillic Ха
  EXPECT_NE(ps[0].fix.find("look-alike"), std::string::npos);
  ps.clear();
  EXPECT_FALSE(CleanResidentId(Text("14112419650312O158"), kToday, ps));  // letter O
  EXPECT_NE(ps[0].fix.find("'0'"), std::string::npos);
  ps.clear();
  EXPECT_FALSE(CleanResidentId(Text("141124196807200000"), kToday, ps));  // rounded by a spreadsheet (check char would be X)
  EXPECT_NE(ps[0].fix.find("000"), std::string::npos);
  ps.clear();
  EXPECT_FALSE(CleanResidentId(Text("141124196502300158"), kToday, ps));  // 30 February
  ps.clear();
  EXPECT_FALSE(CleanResidentId(Text("991124196503120158"), kToday, ps));  // province 99
}

TEST(CleanName, InvisiblesDotsPlaceholdersAndRareCharacters) {
  Problems ps;
  EXPECT_EQ(CleanName(Text(" 王  建国\u200b"), ps), "王建国");
  {  // an emoji inside a name is refused, naming it (core/plausible.h SymbolInName)
    Problems emoji;
    EXPECT_EQ(CleanName(Text("王\U0001F600"), emoji), std::nullopt);
    ASSERT_EQ(emoji.size(), 1u);
    EXPECT_NE(emoji[0].reason.find("U+1F600"), std::string::npos);
  }
  EXPECT_EQ(CleanName(Text("阿不都・热合曼"), ps), "阿不都·热合曼");   // U+30FB
  EXPECT_EQ(CleanName(Text("阿不都.热合曼"), ps), "阿不都·热合曼");
  EXPECT_EQ(CleanName(Text("阿不都•热合曼"), ps), "阿不都·热合曼");   // U+2022
  EXPECT_EQ(CleanName(Text("Maria Anna"), ps), "Maria Anna");
  EXPECT_TRUE(ps.empty());
  EXPECT_EQ(CleanName(Text("\xF0\xA0\xAE\xB7田"), ps), "\xF0\xA0\xAE\xB7田");  // Ext. B kept exactly
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_FALSE(ps[0].error);
  ps.clear();
  EXPECT_EQ(CleanName(Text("张\xEE\x80\x80"), ps), "张\xEE\x80\x80");  // U+E000 private use: kept, warned
  EXPECT_NE(ps[0].reason.find("private-use"), std::string::npos);
  ps.clear();
  EXPECT_FALSE(CleanName(Text("王\u202E建国"), ps));  // inside the name: refused, named
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_NE(ps[0].reason.find("U+202E (RIGHT-TO-LEFT OVERRIDE)"), std::string::npos) << ps[0].reason;
  EXPECT_NE(ps[0].reason_zh.find("U+202E"), std::string::npos);
  std::string fifty;
  for (int i = 0; i < 50; ++i) fifty += "明";
  ps.clear();
  EXPECT_EQ(CleanName(Text(fifty), ps), fifty);
  EXPECT_FALSE(CleanName(Text(fifty + "明"), ps));
  for (const char* bad : {"赵？明", "赵?明", "赵□明", "赵\xEF\xBF\xBD明", "", "  "}) {
    ps.clear();
    EXPECT_FALSE(CleanName(Text(bad), ps)) << bad;
    EXPECT_TRUE(!ps.empty() && ps[0].error) << bad;
  }
}

TEST(CleanDate, SerialsIncludingTheFictitious19000229And1904) {
  EXPECT_EQ(FormatIsoDate(*DateFromSerial(1, false)), "1900-01-01");
  EXPECT_EQ(FormatIsoDate(*DateFromSerial(59, false)), "1900-02-28");
  EXPECT_FALSE(DateFromSerial(60, false));                         // 1900-02-29 never existed
  EXPECT_EQ(FormatIsoDate(*DateFromSerial(61, false)), "1900-03-01");
  EXPECT_EQ(FormatIsoDate(*DateFromSerial(43586, false)), "2019-05-01");
  EXPECT_EQ(FormatIsoDate(*DateFromSerial(43586.75, false)), "2019-05-01");  // time of day dropped
  EXPECT_EQ(FormatIsoDate(*DateFromSerial(0, true)), "1904-01-01");
  EXPECT_EQ(FormatIsoDate(*DateFromSerial(42124, true)), "2019-05-01");      // 43586 - 1462
  Problems ps;
  EXPECT_FALSE(CleanDate(Number(60, "60", true), false, ps));
  EXPECT_NE(ps[0].reason.find("1900-02-29"), std::string::npos);
}

TEST(CleanDate, TextFormats) {
  for (const char* t : {"2019-5-1", "2019/5/1", "2019.5.1", "2019年5月1日", "20190501", "2019-05-01 00:00:00",
                        "２０１９年５月１日", "2019年05月01号"}) {
    Problems ps;
    auto d = CleanDate(Text(t), false, ps);
    ASSERT_TRUE(d) << t << ": " << (ps.empty() ? "" : ps[0].reason);
    EXPECT_EQ(FormatIsoDate(*d), "2019-05-01") << t;
  }
  for (const char* t : {"19-5-1", "2019年5月", "2019-02-29", "5/1/2019", "去年"}) {
    Problems ps;
    EXPECT_FALSE(CleanDate(Text(t), false, ps)) << t;
    EXPECT_FALSE(ps.empty()) << t;
  }
  Problems ps;
  EXPECT_EQ(FormatIsoDate(*CleanDate(Number(20190501, "20190501"), false, ps)), "2019-05-01");
}

TEST(CleanPhone, FloatsPrefixesSeparatorsAndSeveralNumbers) {
  Problems ps;
  EXPECT_EQ(CleanPhone(Number(13812345678.0, "13812345678"), ps), "13812345678");
  EXPECT_EQ(CleanPhone(Text("13812345678.0"), ps), "13812345678");
  EXPECT_EQ(CleanPhone(Text("+86 139-1234-5678"), ps), "13912345678");
  EXPECT_EQ(CleanPhone(Text("0086 13912345678"), ps), "13912345678");
  EXPECT_EQ(CleanPhone(Text("(0358)4123456"), ps), "0358-4123456");
  EXPECT_EQ(CleanPhone(Text("13712345678 / 13612345678"), ps), "13712345678,13612345678");
  EXPECT_EQ(CleanPhone(Text("13712345678、13612345678"), ps), "13712345678,13612345678");
  EXPECT_EQ(CleanPhone(Text("13712345678 13612345678"), ps), "13712345678,13612345678");
  EXPECT_TRUE(ps.empty());
  EXPECT_FALSE(CleanPhone(Text("1.38123E+10"), ps));
  ps.clear();
  EXPECT_FALSE(CleanPhone(Text("1381234567"), ps));  // 10 digits
  ps.clear();
  EXPECT_FALSE(CleanPhone(Text("手机坏了"), ps));
}

TEST(CleanWords, RelationshipsWordsAndGbCodes) {
  Problems ps;
  std::map<std::string, std::string> cases = {
      {"户主", "head"}, {"本人", "head"}, {"02", "head"}, {"妻", "spouse"}, {"10", "spouse"}, {"12", "spouse"},
      {"长子", "child"}, {"次女", "child"}, {"20", "child"}, {"33", "child"}, {"儿媳", "daughter_in_law"},
      {"38", "daughter_in_law"}, {"女婿", "son_in_law"}, {"28", "son_in_law"}, {"外孙女", "grandchild"},
      {"44", "grandchild"}, {"岳母", "parent"}, {"56", "parent"}, {"弟", "sibling"}, {"73", "sibling"},
      {"祖母", "other"}, {"99", "other"}};
  for (auto& [in, want] : cases) EXPECT_EQ(CleanRelationship(Text(in), ps), want) << in;
  EXPECT_TRUE(ps.empty());
  EXPECT_FALSE(CleanRelationship(Text("邻居家的"), ps));
  EXPECT_NE(ps[0].fix.find("户主"), std::string::npos);
  EXPECT_EQ(CleanCategory(Text("建档立卡贫困户"), ps), "registered_poor");
  EXPECT_EQ(CleanCategory(Text("同步搬迁"), ps), "co_relocated");
  EXPECT_EQ(CleanEmploymentKind(Text("外出务工"), ps), "migrant_work");
  EXPECT_EQ(CleanYesNo(Text("√"), ps), true);
  ps.clear();  // the unknown relationship above
  EXPECT_EQ(CleanYesNo(Text("是"), ps), true);
  EXPECT_EQ(CleanYesNo(Text("否"), ps), false);
  EXPECT_TRUE(ps.empty());
  EXPECT_FALSE(CleanYesNo(Text("x"), ps));  // a cross or a tick: not guessed
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_EQ(ps[0].fix, "write 是 or 否");
  ps.clear();
  EXPECT_EQ(CleanSex(Text("女性"), ps), "female");
  EXPECT_EQ(EditDistance("测式村", "测试村"), 1);
}

// --- the pipeline, against an in-memory repository ------------------------------------------

class FakeRepo : public ImportRepository {
 public:
  FakeRepo() {
    ref.villages = {{1, "测试村", "测试镇", 0, "141124100", "scattered"},
                    {2, "东山村委会", "测试镇", 0, "141124100", "whole_village"}};
    // Division-list villages not yet origin villages: 中庄 in two townships, 刘家庄 once.
    ref.division_villages = {{1, "中庄村委会", "临泉镇", 0, "141124100", "141124100201"},
                             {2, "中庄村委会", "白文镇", 0, "141124101", "141124101202"},
                             {3, "刘家庄村委会", "白文镇", 0, "141124101", "141124101203"}};
    ref.sites = {{1, "测试安置点", "", 0}};
    units[{1, "1", "2", "101"}] = 11;
    units[{1, "1", "2", "102"}] = 12;
    areas[11] = 8000;
    areas[12] = 6000;
  }
  Result<ReferenceNames> LoadReference() override { return ref; }
  Result<bool> RegistryIsEmpty() override { return persons.empty(); }
  Result<std::optional<FoundHousingUnit>> FindHousingUnit(int64_t site, const std::string& b, const std::string& e,
                                                          const std::string& r) override {
    auto it = units.find({site, b, e, r});
    if (it == units.end()) return std::optional<FoundHousingUnit>{};
    std::string occupant;
    for (auto& [hid, h] : households)
      if (h.housing_unit_id == it->second) occupant = h.household_no;
    return std::optional<FoundHousingUnit>{FoundHousingUnit{it->second, areas[it->second], occupant}};
  }
  Result<int64_t> InsertOriginVillage(const registry::OriginVillage& v) override {
    created_villages.push_back(v);
    return 100 + static_cast<int64_t>(created_villages.size());
  }
  Result<int64_t> InsertHousingUnit(int64_t site, const std::string& b, const std::string& e, const std::string& r,
                                    std::optional<int64_t> area) override {
    int64_t id = 200 + static_cast<int64_t>(units.size());
    units[{site, b, e, r}] = id;
    areas[id] = area;
    return id;
  }
  Status UpdateHousingUnitArea(int64_t id, int64_t area) override {
    areas[id] = area;
    return {};
  }
  Result<int64_t> InsertGrid(int64_t site, const std::string& name) override {
    created_grids.push_back({site, name});
    return 300 + static_cast<int64_t>(created_grids.size());
  }
  Result<std::optional<registry::Household>> FindHouseholdByNo(const std::string& no) override {
    for (auto& [id, h] : households)
      if (h.household_no == no) return std::optional<registry::Household>{h};
    return std::optional<registry::Household>{};
  }
  Result<std::optional<RegisteredPerson>> FindPersonByResidentId(const std::string& rid) override {
    for (auto& [id, p] : persons)
      if (p.resident_id == rid) return std::optional<RegisteredPerson>{RegisteredPerson{p, households[p.household_id].household_no}};
    return std::optional<RegisteredPerson>{};
  }
  Result<std::string> NextHouseholdNo() override { return "LX-" + std::to_string(++serial); }
  Result<std::optional<registry::Person>> FindCurrentHead(int64_t hid) override {
    for (auto& [id, p] : persons)
      if (p.household_id == hid && p.relationship == registry::Relationship::kHead) return std::optional<registry::Person>{p};
    return std::optional<registry::Person>{};
  }
  Result<std::optional<registry::Person>> FindPendingMember(int64_t hid, const std::string& name, Sex sex,
                                                            Date birth) override {
    for (auto& [id, p] : persons)
      if (p.household_id == hid && p.resident_id.empty() && p.name == name && p.sex == sex && p.birth_date == birth)
        return std::optional<registry::Person>{p};
    return std::optional<registry::Person>{};
  }
  Result<int64_t> RecordMemberAdded(const registry::RegisterEvent& e) override {
    events.push_back(e);
    member_from[*e.person_id] = e.event_date;
    return static_cast<int64_t>(events.size());
  }
  Status Begin() override {
    saved_h = households;
    saved_p = persons;
    saved_e = events;
    ++begins;
    return {};
  }
  Result<int64_t> InsertHousehold(const registry::Household& h) override {
    int64_t id = static_cast<int64_t>(households.size()) + 1;
    households[id] = h;
    households[id].id = id;
    return id;
  }
  Status UpdateHousehold(const registry::Household& h) override {
    households[h.id] = h;
    return {};
  }
  Result<int64_t> InsertPerson(const registry::Person& p) override {
    int64_t id = static_cast<int64_t>(persons.size()) + 1;
    persons[id] = p;
    persons[id].id = id;
    return id;
  }
  Status UpdatePerson(const registry::Person& p) override {
    persons[p.id] = p;
    return {};
  }
  Status Audit(const Actor&, const AuditEntry& e) override {
    audit.push_back(e);
    return {};
  }
  Status RecordBatch(const Actor&, const ImportBatchRecord& b) override {
    batches.push_back(b);
    return {};
  }
  Status Commit() override {
    ++commits;
    return {};
  }
  void Rollback() override {
    households = saved_h;
    persons = saved_p;
    events = saved_e;
  }
  ReferenceNames ref;
  std::map<std::tuple<int64_t, std::string, std::string, std::string>, int64_t> units;
  std::map<int64_t, std::optional<int64_t>> areas;
  std::vector<registry::OriginVillage> created_villages;
  std::vector<std::pair<int64_t, std::string>> created_grids;
  std::map<int64_t, registry::Household> households, saved_h;
  std::map<int64_t, registry::Person> persons, saved_p;
  std::vector<AuditEntry> audit;
  std::vector<ImportBatchRecord> batches;
  std::vector<registry::RegisterEvent> events, saved_e;
  std::map<int64_t, Date> member_from;
  int serial = 0, begins = 0, commits = 0;
};

const Fault* FindFault(const ImportResult& r, int64_t row, const std::string& kind) {
  for (auto& f : r.faults)
    if (f.row == row && f.kind == kind) return &f;
  return nullptr;
}

ImportOptions Opts() {
  ImportOptions o;
  o.today = kToday;
  return o;
}

TEST(Pipeline, TownshipTemplateWithMergedHouseholdCells) {
  FakeRepo repo;
  auto r = RunImport({Open("township_merged.xlsx")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(r) << r.error().ToString();
  // Rows 5-8 are good: two households, four persons; rows 12-13 are household LX-900003 with
  // a number-cell id, a placeholder name, an unknown village and a formula without a value.
  EXPECT_EQ(r->rows_read, 6);
  EXPECT_EQ(r->rows_valid, 4);
  EXPECT_EQ(r->persons_created, 4);
  EXPECT_EQ(r->households_created, 2);
  EXPECT_TRUE(r->committed);
  ASSERT_EQ(repo.households.size(), 2u);
  EXPECT_EQ(repo.households[1].household_no, "LX-900001");
  EXPECT_EQ(repo.households[1].housing_unit_id, 11);   // 1-2-101 from merged J5:L7
  EXPECT_EQ(repo.households[2].housing_unit_id, 12);
  EXPECT_EQ(repo.households[1].category, registry::Category::kRegisteredPoor);
  EXPECT_EQ(repo.households[2].category, registry::Category::kCoRelocated);
  std::map<std::string, registry::Person> by_id;
  for (auto& [id, p] : repo.persons) by_id[p.resident_id] = p;
  ASSERT_EQ(by_id.size(), 4u);
  EXPECT_EQ(by_id["141124196503120158"].name, "王建国");
  EXPECT_EQ(by_id["141124196503120158"].phone, "13812345678");
  EXPECT_EQ(by_id["141124196807200245"].relationship, registry::Relationship::kSpouse);
  EXPECT_EQ(by_id["141124196807200245"].phone, "13912345678");
  EXPECT_EQ(by_id["141124199201050370"].phone, "13712345678,13612345678");
  EXPECT_EQ(by_id["14112419520229028X"].birth_date, (Date{year{1952}, month{2}, day{29}}));
  EXPECT_EQ(by_id["14112419520229028X"].phone, "0358-4123456");
  // Faults of the bad household, each naming row, column and header.
  const Fault* id_fault = FindFault(*r, 12, "resident_id");
  ASSERT_TRUE(id_fault);
  EXPECT_EQ(id_fault->column, "C");
  EXPECT_NE(id_fault->header.find("公民身份号码"), std::string::npos);
  EXPECT_NE(id_fault->reason.find("stored as a number"), std::string::npos);
  ASSERT_TRUE(FindFault(*r, 12, "name"));
  const Fault* village = FindFault(*r, 12, "reference");
  ASSERT_TRUE(village);
  EXPECT_NE(village->fix.find("测试村"), std::string::npos);  // nearest name suggested for 测式村
  ASSERT_TRUE(FindFault(*r, 13, "name"));                     // formula without a value
  const Fault* heads = FindFault(*r, 13, "structure");
  ASSERT_TRUE(heads);
  EXPECT_NE(heads->reason.find("2 heads"), std::string::npos);
  // Hidden sheet: never imported silently.
  bool hidden_warned = false;
  for (auto& f : r->faults)
    if (f.kind == "sheet" && f.sheet == "旧数据") hidden_warned = true;
  EXPECT_TRUE(hidden_warned);
  // Footers and formatted-empty rows skipped.
  EXPECT_EQ(r->sheets[0].footer_rows, 2);
  // Audit entries carry file and row.
  bool row6 = false;
  for (auto& e : repo.audit)
    if (e.entity == "person" && e.source == "import township_merged.xlsx [花名册] row 6") row6 = true;
  EXPECT_TRUE(row6);
  ASSERT_EQ(r->rejected.size(), 2u);
  EXPECT_EQ(r->rejected.ToVector()[0].row, 12);
}

TEST(Pipeline, AllOrNothingAndDryRunWriteNothing) {
  {
    FakeRepo repo;
    auto o = Opts();
    o.all_or_nothing = true;
    auto r = RunImport({Open("township_merged.xlsx")}, o, SystemActor(), repo);
    ASSERT_TRUE(r);
    EXPECT_FALSE(r->committed);
    EXPECT_TRUE(repo.persons.empty());
    EXPECT_EQ(repo.commits, 0);
  }
  {
    FakeRepo repo;
    auto o = Opts();
    o.dry_run = true;
    auto r = RunImport({Open("utf8_bom.csv")}, o, SystemActor(), repo);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->rows_valid, 3);
    EXPECT_EQ(r->errors, 0);
    EXPECT_TRUE(repo.persons.empty());
  }
}

TEST(Pipeline, UpsertOfTheSameFileChangesNothingAndConflictsAreNotMoved) {
  FakeRepo repo;
  auto first = RunImport({Open("utf8_bom.csv")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->persons_created, 3);
  EXPECT_EQ(first->errors, 0) << (first->faults.empty() ? "" : first->faults[0].reason);
  size_t audit_before = repo.audit.size();
  auto o = Opts();
  o.mode = ImportMode::kUpsert;
  auto again = RunImport({Open("gb18030.csv")}, o, SystemActor(), repo);  // same rows, other encoding
  ASSERT_TRUE(again);
  EXPECT_EQ(again->persons_unchanged, 3);
  EXPECT_EQ(again->persons_updated, 0);
  EXPECT_EQ(again->households_unchanged, 2);
  EXPECT_EQ(repo.audit.size(), audit_before + 1);  // only the batch's own "import" entry
  // Insert mode on the same file: households exist -> faults, nothing written.
  auto ins = RunImport({Open("utf8_bom.csv")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(ins);
  EXPECT_EQ(ins->rows_valid, 0);
  EXPECT_TRUE(FindFault(*ins, 2, "conflict"));
  // A person registered in LX-900021 appearing under another household: conflict, not moved.
  std::string csv = "户编号,姓名,身份证号,家庭关系,人口类别,迁出村,安置点\n"
                    "LX-900099,阿不都·热合曼," + repo.persons[1].resident_id + ",户主,建档立卡,测试村,测试安置点\n";
  auto moved = RunImport({InputFile::FromBytes(csv, "other.csv")}, o, SystemActor(), repo);
  ASSERT_TRUE(moved);
  const Fault* c = FindFault(*moved, 2, "conflict");
  ASSERT_TRUE(c);
  EXPECT_NE(c->reason.find("LX-900021"), std::string::npos);
  EXPECT_EQ(repo.persons[1].household_id, 1);
}

TEST(Pipeline, SamePersonTwiceInOneFileOrInTwoFiles) {
  FakeRepo repo;
  std::string a = "户编号,姓名,身份证号,家庭关系,人口类别,迁出村,安置点\n"
                  "H1,甲,141124196503120158,户主,建档立卡,测试村,测试安置点\n"
                  "H2,乙,141124196503120158,户主,建档立卡,测试村,测试安置点\n";
  auto r = RunImport({InputFile::FromBytes(a, "a.csv")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(r);
  const Fault* d = FindFault(*r, 3, "duplicate");
  ASSERT_TRUE(d);
  EXPECT_NE(d->reason.find("row 2"), std::string::npos);
  FakeRepo repo2;
  std::string b = "户编号,姓名,身份证号,家庭关系,人口类别,迁出村,安置点\n"
                  "H3,丙,141124196503120158,户主,建档立卡,测试村,测试安置点\n";
  auto two = RunImport({InputFile::FromBytes(a.substr(0, a.rfind("H2")), "a.csv"), InputFile::FromBytes(b, "b.csv")},
                       Opts(), SystemActor(), repo2);
  ASSERT_TRUE(two);
  const Fault* d2 = FindFault(*two, 2, "duplicate");
  ASSERT_TRUE(d2);
  EXPECT_EQ(d2->file, "b.csv");
  EXPECT_NE(d2->reason.find("a.csv row 2"), std::string::npos);
}

TEST(Pipeline, HouseholdWithoutHeadAndBirthDateDisagreeingWithId) {
  FakeRepo repo;
  std::string a = "户编号,姓名,身份证号,家庭关系,出生日期,人口类别,迁出村,安置点\n"
                  "H1,甲,141124196503120158,配偶,1965-03-12,建档立卡,测试村,测试安置点\n"
                  "H2,乙,141124196807200245,户主,1968-07-21,建档立卡,测试村,测试安置点\n";
  auto r = RunImport({InputFile::FromBytes(a, "a.csv")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(r);
  const Fault* nohead = FindFault(*r, 2, "structure");
  ASSERT_TRUE(nohead);
  EXPECT_NE(nohead->reason.find("no head"), std::string::npos);
  const Fault* bd = FindFault(*r, 3, "date");
  ASSERT_TRUE(bd);
  EXPECT_NE(bd->reason.find("1968-07-20"), std::string::npos);
  EXPECT_EQ(bd->column, "E");
  EXPECT_EQ(r->rows_valid, 0);
}

// A fault's fix comes with its Chinese from the line that wrote it (Problem::fix_zh), not from
// the English->Chinese catalogue of fix_zh.cc, which no longer holds these texts.
TEST(Pipeline, FaultsCarryTheChineseOfTheirFixFromTheCallSite) {
  FakeRepo repo;
  std::string a = "户编号,姓名,身份证号,家庭关系,出生日期,人口类别,迁出村,安置点\n"
                  "H1,甲,141124196503120158,配偶,1965-03-12,建档立卡,测试村,测试安置点\n"
                  "H2,乙,141124196807200245,户主,1968-07-21,建档立卡,测试村,测试安置点\n";
  auto r = RunImport({InputFile::FromBytes(a, "a.csv")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(r);
  const Fault* nohead = FindFault(*r, 2, "structure");
  ASSERT_TRUE(nohead);
  EXPECT_EQ(nohead->fix, "mark one member as 户主");
  EXPECT_EQ(nohead->fix_zh, "将一位成员标为户主");
  EXPECT_EQ(FixZh(*nohead), "将一位成员标为户主");
  EXPECT_EQ(FixZh(nohead->fix), "");  // not in the catalogue any more
  const Fault* bd = FindFault(*r, 3, "date");
  ASSERT_TRUE(bd);
  EXPECT_EQ(bd->fix_zh, "身份证号中的出生日期为 1968-07-20；请改正出生日期或身份证号");
}

// Issue #12 item 6: implausible cells are per-cell faults naming row, column, value and fix in
// English and Chinese, through the same rules as the API (core/plausible.h, registry.h lists);
// good cells are stored in their one stored form (汉 -> 汉族, 中等专业学校 -> 中专).
TEST(Pipeline, ImplausibleCellsArePerCellFaults) {
  FakeRepo repo;
  std::string csv =
      "户编号,姓名,身份证号,家庭关系,人口类别,迁出村,安置点,入住日期,民族,文化程度,有劳动能力,就业单位\n"
      "H1,王建国,141124196503120158,户主,建档立卡,测试村,测试安置点,2019-06-30,汉,中等专业学校,是,城北车间\n"
      "H2,李\u202E秀英,141124196807200245,户主,建档立卡,测试村,测试安置点,2099-01-01,穿青人,大学,x,车间\u200B一\n";
  auto r = RunImport({InputFile::FromBytes(csv, "a.csv")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->rows_valid, 1);
  ASSERT_EQ(repo.persons.size(), 1u);
  EXPECT_EQ(repo.persons.begin()->second.ethnicity, "汉族");
  EXPECT_EQ(repo.persons.begin()->second.education, "中专");
  auto at = [&](const std::string& column) -> const Fault* {
    for (auto& f : r->faults)
      if (f.row == 3 && f.column == column && f.error) return &f;
    return nullptr;
  };
  struct Want {
    std::string column, raw_part, reason_part;
  };
  for (const Want& w : {Want{"B", "李", "U+202E"}, Want{"H", "2099", "after today, 2026-11-29"},
                        Want{"I", "穿青人", "GB/T 3304-1991"}, Want{"J", "大学", "unknown education"},
                        Want{"K", "x", "tick"}, Want{"L", "车间", "U+200B"}}) {
    const Fault* f = at(w.column);
    ASSERT_TRUE(f) << "no fault in column " << w.column;
    EXPECT_NE(f->raw.find(w.raw_part), std::string::npos) << w.column << ": " << f->raw;
    EXPECT_NE(f->reason.find(w.reason_part), std::string::npos) << w.column << ": " << f->reason;
    EXPECT_FALSE(f->reason_zh.empty()) << w.column;
    EXPECT_FALSE(f->fix.empty()) << w.column;
  }
  EXPECT_NE(at("I")->fix.find("其他"), std::string::npos);
  // The refused 2099 is its cell's only move-in fault: not also "a new household needs its
  // 入住日期" (the tester's report: the cell is not empty).
  int move_in_faults = 0;
  for (auto& f : r->faults) move_in_faults += f.row == 3 && f.field == "move_in_date";
  EXPECT_EQ(move_in_faults, 1);
}

TEST(Pipeline, OtherFormatsImportTheSamePeople) {
  for (const char* name : {"biff8.xls", "html_disguised.xls", "date1904.xlsx", "utf16le_nobom.tsv"}) {
    FakeRepo repo;
    auto r = RunImport({Open(name)}, Opts(), SystemActor(), repo);
    ASSERT_TRUE(r) << name << ": " << r.error().ToString();
    EXPECT_EQ(r->errors, 0) << name << ": " << (r->faults.empty() ? "" : r->faults[0].reason);
    EXPECT_GT(r->persons_created, 0) << name;
  }
}

TEST(ErrorReport, RejectedRowsUnderTheirHeadersReimportable) {
  FakeRepo repo;
  auto r = RunImport({Open("township_merged.xlsx")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(r);
  std::string dir = ::testing::TempDir();
  for (auto fmt : {SheetFormat::kXlsx, SheetFormat::kCsv}) {
    std::string out = dir + (fmt == SheetFormat::kXlsx ? "/errors.xlsx" : "/errors.csv");
    ASSERT_TRUE(WriteErrorReport(*r, out, fmt));
    auto wb = OpenWorkbook(*InputFile::Open(out));
    ASSERT_TRUE(wb) << wb.error().ToString();
    auto rows = AllRows(**wb);
    ASSERT_EQ(rows.size(), 3u);  // header + rows 12 and 13
    auto h = DetectHeader(rows, {}, nullptr);
    ASSERT_TRUE(h) << h.error().ToString();
    EXPECT_GE(h->ColumnOf(Field::kResidentId), 0);
    std::string all;
    for (auto& c : rows[1].cells) all += c.text + "|";
    EXPECT_NE(all.find("身份证号被存成了数字"), std::string::npos) << all;
  }
  // Imported again as it is, the xlsx report's list of faults is skipped without a warning.
  auto again = RunImport({*InputFile::Open(dir + "/errors.xlsx")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(again) << again.error().ToString();
  for (const auto& f : again->faults) EXPECT_NE(f.kind, "sheet") << f.reason;
  ASSERT_EQ(again->sheets.size(), 2u);
  EXPECT_EQ(again->sheets[1].name, "问题明细");
  EXPECT_FALSE(again->sheets[1].imported);
}

// A county that starts from `anju init`: villages come from the division list (with the row's
// 搬迁类型), housing units and grids are created at the site; ambiguous, unknown and nearly right
// names are refused with the right suggestions.
TEST(Pipeline, FreshCountyCreatesVillagesUnitsAndGrids) {
  FakeRepo repo;
  std::string csv =
      "户编号,姓名,身份证号,家庭关系,人口类别,迁出村,搬迁类型,安置点,楼栋,单元,房号,面积(㎡),网格,入住日期\n"
      "H1,甲,141124198001010011,户主,建档立卡,临泉镇/中庄村,整村搬迁,测试安置点,3,1,201,85.5,第9网格,2019-05-01\n"
      "H1,乙,141124198202020021,配偶,建档立卡,临泉镇/中庄村,整村搬迁,测试安置点,3,1,201,85.5,第9网格,2019-05-01\n"
      "H2,丙,141124199003030037,户主,同步搬迁,刘家庄,插花,测试安置点,3,1,202,,第9网格,2019-05-01\n"
      "H3,丁,141124197004040043,户主,同步搬迁,白文镇/中庄村委会,,测试安置点,,,,,,2019-05-01\n"
      "H4,戊,141124196005050054,户主,同步搬迁,中庄村,插花搬迁,测试安置点,,,,,,2019-05-01\n"
      "H5,己,141124195006060065,户主,同步搬迁,黑水河,插花搬迁,测试安置点,,,,,,2019-05-01\n"
      "H6,庚,141124197507070076,户主,同步搬迁,刘家壮村,插花搬迁,测试安置点,,,,,,2019-05-01\n"
      "H7,辛,141124198508080086,户主,同步搬迁,测试村,整村搬迁,测试安置点,,,,,,2019-05-01\n";
  auto r = RunImport({InputFile::FromBytes(csv, "fresh.csv")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->households_created, 2);
  EXPECT_EQ(r->persons_created, 3);
  // Villages created from the division list, named and coded as the list has them.
  ASSERT_EQ(repo.created_villages.size(), 2u);
  EXPECT_EQ(repo.created_villages[0].division_code, "141124100201");
  EXPECT_EQ(repo.created_villages[0].name, "中庄村委会");
  EXPECT_EQ(repo.created_villages[0].township_code, "141124100");
  EXPECT_EQ(repo.created_villages[0].relocation_type, registry::RelocationType::kWholeVillage);
  EXPECT_EQ(repo.created_villages[1].division_code, "141124101203");
  EXPECT_EQ(repo.created_villages[1].relocation_type, registry::RelocationType::kScattered);
  EXPECT_EQ(repo.households[1].origin_village_id, 101);
  EXPECT_EQ(repo.households[2].origin_village_id, 102);
  // Units: 85.5 m² = 8550 dm²; an empty area cell leaves it unknown. One grid, used twice.
  int64_t u201 = repo.units.at({1, "3", "1", "201"}), u202 = repo.units.at({1, "3", "1", "202"});
  EXPECT_EQ(repo.areas[u201], 8550);
  EXPECT_EQ(repo.areas[u202], std::nullopt);
  EXPECT_EQ(repo.households[1].housing_unit_id, u201);
  ASSERT_EQ(repo.created_grids.size(), 1u);
  EXPECT_EQ(repo.created_grids[0], (std::pair<int64_t, std::string>{1, "第9网格"}));
  EXPECT_EQ(repo.households[1].grid_id, 301);
  EXPECT_EQ(repo.households[2].grid_id, 301);
  int created_refs = 0;
  for (auto& e : repo.audit)
    if (e.entity == "origin_village" || e.entity == "housing_unit" || e.entity == "grid") {
      ++created_refs;
      EXPECT_NE(e.source.find("import fresh.csv row"), std::string::npos);
    }
  EXPECT_EQ(created_refs, 5);  // 2 villages, 2 units, 1 grid
  // Row 5: a list village without 搬迁类型.
  const Fault* f = FindFault(*r, 5, "reference");
  ASSERT_TRUE(f);
  EXPECT_NE(f->reason.find("白文镇/中庄村委会"), std::string::npos);
  EXPECT_NE(f->fix.find("整村搬迁"), std::string::npos);
  // Row 6: 中庄村 is in two townships (one of them now an origin village): both named.
  f = FindFault(*r, 6, "reference");
  ASSERT_TRUE(f);
  EXPECT_NE(f->fix.find("临泉镇/中庄村委会"), std::string::npos);
  EXPECT_NE(f->fix.find("白文镇/中庄村委会"), std::string::npos);
  // Row 7: nothing like it in the county.
  f = FindFault(*r, 7, "reference");
  ASSERT_TRUE(f);
  EXPECT_NE(f->fix.find("no similar name"), std::string::npos) << f->fix;
  // Row 8: one character off.
  f = FindFault(*r, 8, "reference");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->fix, "did you mean: 白文镇/刘家庄村委会");
  // Row 9: the registry says 测试村 is scattered.
  f = FindFault(*r, 9, "conflict");
  ASSERT_TRUE(f);
  EXPECT_NE(f->reason_zh.find("插花搬迁"), std::string::npos);
  // Upsert of the good rows again: nothing created twice, nothing changed.
  auto o = Opts();
  o.mode = ImportMode::kUpsert;
  auto again = RunImport({InputFile::FromBytes(csv.substr(0, csv.find("H3,")), "fresh.csv")}, o, SystemActor(), repo);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->errors, 0) << again->faults[0].reason;
}

TEST(Pipeline, OccupiedUnitIsARowFaultNotAFailedImport) {
  FakeRepo repo;
  std::string csv = "户编号,姓名,身份证号,家庭关系,人口类别,迁出村,安置点,楼栋,单元,房号,入住日期\n"
                    "H1,甲,141124198001010011,户主,建档立卡,测试村,测试安置点,1,2,101,2019-05-01\n"
                    "H2,乙,141124198202020021,户主,建档立卡,测试村,测试安置点,1,2,101,2019-05-01\n";
  auto r = RunImport({InputFile::FromBytes(csv, "o.csv")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->households_created, 1);
  const Fault* f = FindFault(*r, 3, "conflict");
  ASSERT_TRUE(f);
  EXPECT_NE(f->reason.find("occupied by household H1"), std::string::npos);
}

TEST(Pipeline, NearestNamesShareCharacters) {
  FakeRepo repo;
  std::string csv = "户编号,姓名,身份证号,家庭关系,人口类别,迁出村,安置点\n"
                    "H1,甲,141124198001010011,户主,建档立卡,测试村,测式安置点\n"
                    "H2,乙,141124198202020021,户主,建档立卡,东三村,北京安置点\n";
  auto r = RunImport({InputFile::FromBytes(csv, "n.csv")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(r);
  const Fault* f = FindFault(*r, 2, "reference");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->fix, "did you mean: 测试安置点");
  bool village = false, site = false;
  for (auto& x : r->faults) {
    if (x.row != 3) continue;
    if (x.field == "origin_village") village = x.fix == "did you mean: 测试镇/东山村委会";
    if (x.field == "site") site = x.fix.find("no similar site name") != std::string::npos;
  }
  EXPECT_TRUE(village);
  EXPECT_TRUE(site);
}

TEST(Pipeline, TownshipUserImportsOnlyTheirTownship) {
  FakeRepo repo;
  Actor clerk;
  clerk.username = "baiwen";
  clerk.role = Role::kTownshipStaff;
  clerk.scope.level = AccessScope::Level::kTownship;
  clerk.scope.township_code = "141124101";  // 白文镇
  std::string csv = "户编号,姓名,身份证号,家庭关系,人口类别,迁出村,搬迁类型,安置点,入住日期\n"
                    "H1,甲,141124198001010011,户主,建档立卡,刘家庄,插花搬迁,测试安置点,2019-05-01\n"
                    "H2,乙,141124198202020021,户主,建档立卡,测试村,,测试安置点,2019-05-01\n";
  auto r = RunImport({InputFile::FromBytes(csv, "s.csv")}, Opts(), clerk, repo);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->households_created, 1);
  const Fault* f = FindFault(*r, 3, "scope");
  ASSERT_TRUE(f);
  EXPECT_NE(f->reason.find("outside this account's area"), std::string::npos);
}

// Regression (issue #12, item 3): an upsert checks where the household is now as well as where
// the file puts it, with the one scope rule (ScopeCovers): a township user cannot pull another
// township's household into their township, a grid worker cannot move their household to a
// grid the import would create. Refused households are faults of kind "scope"; nothing of them
// is written.
TEST(Pipeline, UpsertChecksTheCurrentAndTheTargetPlace) {
  FakeRepo repo;
  repo.ref.sites[0].township_code = "141124100";                    // 测试安置点 in 临泉镇
  repo.ref.sites.push_back({2, "城南安置点", "", 0, "141124101", ""});  // in 白文镇
  repo.ref.grids.push_back({7, "一网格", "", 1, "", ""});
  std::string seed = "户编号,姓名,身份证号,家庭关系,人口类别,迁出村,安置点,网格,入住日期\n"
                     "LX-1,甲,141124198001010011,户主,建档立卡,测试村,测试安置点,一网格,2019-05-01\n";
  auto first = RunImport({InputFile::FromBytes(seed, "seed.csv")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->households_created, 1);
  ASSERT_EQ(repo.households[1].grid_id, 7);
  auto o = Opts();
  o.mode = ImportMode::kUpsert;

  // 白文镇's clerk: LX-1 (from 测试村 of 临泉镇, at a 临泉镇 site) moved to 城南安置点 of 白文镇.
  Actor clerk;
  clerk.username = "baiwen";
  clerk.role = Role::kTownshipStaff;
  clerk.scope.level = AccessScope::Level::kTownship;
  clerk.scope.township_code = "141124101";
  std::string move = "户编号,姓名,身份证号,家庭关系,人口类别,迁出村,安置点\n"
                     "LX-1,甲,141124198001010011,户主,建档立卡,测试村,城南安置点\n";
  auto r = RunImport({InputFile::FromBytes(move, "move.csv")}, o, clerk, repo);
  ASSERT_TRUE(r) << r.error().ToString();
  const Fault* f = FindFault(*r, 2, "scope");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->field, "household_no");
  EXPECT_NE(f->reason.find("outside this account's area (township 141124101)"), std::string::npos) << f->reason;
  EXPECT_FALSE(f->reason_zh.empty());
  EXPECT_EQ(r->households_updated, 0);
  EXPECT_EQ(repo.households[1].site_id, 1);

  // The grid worker of grid 7: LX-1 to a new grid 新网格 at the same site.
  Actor grid;
  grid.username = "grid7";
  grid.role = Role::kGridWorker;
  grid.scope.level = AccessScope::Level::kGrid;
  grid.scope.grid_id = 7;
  std::string regrid = "户编号,姓名,身份证号,家庭关系,人口类别,迁出村,安置点,网格\n"
                       "LX-1,甲,141124198001010011,户主,建档立卡,测试村,测试安置点,新网格\n";
  auto g = RunImport({InputFile::FromBytes(regrid, "regrid.csv")}, o, grid, repo);
  ASSERT_TRUE(g) << g.error().ToString();
  const Fault* gf = FindFault(*g, 2, "scope");
  ASSERT_TRUE(gf);
  EXPECT_EQ(gf->field, "grid");
  EXPECT_EQ(gf->raw, "新网格");
  EXPECT_TRUE(repo.created_grids.empty());
  EXPECT_EQ(repo.households[1].grid_id, 7);

  // Within the scope the same worker's upsert is written.
  std::string recat = "户编号,姓名,身份证号,家庭关系,人口类别,迁出村,安置点,网格\n"
                      "LX-1,甲,141124198001010011,户主,同步搬迁,测试村,测试安置点,一网格\n";
  auto ok = RunImport({InputFile::FromBytes(recat, "recat.csv")}, o, grid, repo);
  ASSERT_TRUE(ok) << ok.error().ToString();
  EXPECT_EQ(ok->errors, 0) << (ok->faults.empty() ? "" : ok->faults[0].reason);
  EXPECT_EQ(ok->households_updated, 1);
  EXPECT_EQ(repo.households[1].category, registry::Category::kCoRelocated);
}

// A sheet with its header but no rows (a template sent back empty) is said so, not a silent
// "0 rows imported".
TEST(Pipeline, HeaderWithoutRowsIsAWarning) {
  FakeRepo repo;
  std::string csv = "户编号,姓名,身份证号,家庭关系,人口类别,迁出村,安置点\n,,,,,,\n";
  auto r = RunImport({InputFile::FromBytes(csv, "empty.csv")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->rows_read, 0);
  EXPECT_EQ(r->errors, 0);
  ASSERT_EQ(r->warnings, 1);
  ASSERT_EQ(r->faults.size(), 1u);
  EXPECT_EQ(r->faults[0].kind, "sheet");
  EXPECT_NE(r->faults[0].reason.find("no data rows"), std::string::npos) << r->faults[0].reason;
  EXPECT_NE(r->faults[0].reason_zh.find("没有数据行"), std::string::npos);
}

// A household whose rows are not together in one sheet is one household (issue #14; it used to
// be refused as non-contiguous). Across two files it is still refused, and not also told that the
// household "is already registered" (this import created it).
TEST(Pipeline, SplitHouseholdIsOneHouseholdWithinASheetNotAcrossFiles) {
  FakeRepo repo;
  std::string csv = "户编号,姓名,身份证号,家庭关系,人口类别,迁出村,安置点,入住日期\n"
                    "H1,甲,141124196503120158,户主,建档立卡,测试村,测试安置点,2019-05-01\n"
                    "H2,乙,141124196807200245,户主,建档立卡,测试村,测试安置点,2019-05-01\n"
                    "H1,丙,141124199201050370,子女,建档立卡,测试村,测试安置点,2019-05-01\n";
  auto r = RunImport({InputFile::FromBytes(csv, "split.csv")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->households_created, 2);
  EXPECT_EQ(r->persons_created, 3);
  EXPECT_EQ(r->errors, 0);
  FakeRepo repo2;
  std::string first = csv.substr(0, csv.rfind("H1,"));
  std::string second = "户编号,姓名,身份证号,家庭关系,人口类别,迁出村,安置点,入住日期\n" + csv.substr(csv.rfind("H1,"));
  auto two = RunImport({InputFile::FromBytes(first, "a.csv"), InputFile::FromBytes(second, "b.csv")}, Opts(),
                       SystemActor(), repo2);
  ASSERT_TRUE(two) << two.error().ToString();
  const Fault* split = FindFault(*two, 2, "structure");
  ASSERT_TRUE(split);
  EXPECT_EQ(split->file, "b.csv");
  EXPECT_NE(split->reason.find("appeared earlier (from row 2)"), std::string::npos) << split->reason;
  EXPECT_FALSE(FindFault(*two, 2, "conflict"));
  ASSERT_EQ(two->rejected.size(), 1u);
}

// The correct-and-resend loop for a household with two heads: the error report's row 2 has 户主
// in its 与户主关系 column, and the report was once read as a two-level header (rows 1-2), losing
// that row. Corrected, it must import as it is (tester, session 2).
TEST(ErrorReport, CorrectedTwoHeadsReportImports) {
  FakeRepo repo;
  std::string csv = "户编号,姓名,身份证号,家庭关系,人口类别,迁出村,安置点,入住日期\n"
                    "H1,甲,141124196503120158,户主,建档立卡,测试村,测试安置点,2019-05-01\n"
                    "H1,乙,141124196807200245,户主,建档立卡,测试村,测试安置点,2019-05-01\n";
  auto r = RunImport({InputFile::FromBytes(csv, "heads.csv")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(r) << r.error().ToString();
  ASSERT_EQ(r->rejected.size(), 2u);
  const std::string out = ::testing::TempDir() + "/heads-errors.csv";
  ASSERT_TRUE(WriteErrorReport(*r, out, SheetFormat::kCsv));
  std::ifstream in(out, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string fixed = ss.str();
  const size_t second = fixed.rfind(",户主,");  // the clerk makes 乙 the spouse
  ASSERT_NE(second, std::string::npos);
  fixed.replace(second, std::string(",户主,").size(), ",配偶,");
  auto again = RunImport({InputFile::FromBytes(fixed, "heads-fixed.csv")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(again) << again.error().ToString();
  EXPECT_EQ(again->sheets[0].header->last_row, 1);
  EXPECT_EQ(again->errors, 0) << (again->faults.empty() ? "" : again->faults[0].reason);
  EXPECT_EQ(again->households_created, 1);
  EXPECT_EQ(again->persons_created, 2);
}

// A site written with something added ("测试安置点-2", "测试安置点（一期）") is not a site, but the
// suggestion names the site it contains (tester: "no similar site name" for 城北安置点-2).
TEST(Pipeline, UnknownSiteContainingAKnownOneSuggestsIt) {
  for (const char* written : {"测试安置点-2", "测试安置点（一期）"}) {
    FakeRepo repo;
    std::string csv = std::string("户编号,姓名,身份证号,家庭关系,人口类别,迁出村,安置点\n") +
                      "H1,甲,141124196503120158,户主,建档立卡,测试村," + written + "\n";
    auto r = RunImport({InputFile::FromBytes(csv, "s.csv")}, Opts(), SystemActor(), repo);
    ASSERT_TRUE(r) << r.error().ToString();
    const Fault* f = FindFault(*r, 2, "reference");
    ASSERT_TRUE(f) << written;
    EXPECT_EQ(f->fix, "did you mean: 测试安置点") << written;
  }
}

// --- the two-thread pipeline (GroupWriter) --------------------------------------------------

// 1,500 households (23 hand-overs of 64) with a fault of some kind every few households: the
// pipeline must give exactly what one thread gives (counts, faults in order, rejected rows,
// records, audit trail), and every fault must come in row order.
std::string ManyHouseholdsCsv() {
  std::string csv = "户编号,姓名,身份证号,家庭关系,出生日期,人口类别,迁出村,安置点,入住日期\n";
  int serial = 0;
  auto id = [&](int birth_year) {
    std::string s17 = fmt::format("141124{:04d}0101{:03d}", birth_year, ++serial % 1000);
    return s17 + ResidentIdCheckChar(s17);
  };
  for (int h = 1; h <= 1500; ++h) {
    const std::string no = fmt::format("H{:05d}", h);
    const std::string head_id = id(1960 + h % 30), spouse_id = id(1962 + h % 30);
    std::string village = h % 97 == 0 ? "测式村" : "测试村";                  // unknown village
    std::string head_rel = h % 89 == 0 ? "配偶" : "户主";                    // household without head
    std::string birth = h % 83 == 0 ? "1901-01-01" : "";                      // disagrees with the id
    std::string spouse = h % 79 == 0 ? head_id : spouse_id;                   // same person twice
    csv += fmt::format("{},甲{},{},{},{},建档立卡,{},测试安置点,2019-05-01\n", no, h, head_id, head_rel, birth, village);
    csv += fmt::format("{},乙{},{},配偶,,建档立卡,{},测试安置点,2019-05-01\n", no, h, spouse, village);
  }
  return csv;
}

TEST(Pipeline, TwoThreadsGiveExactlyWhatOneThreadGives) {
  const std::string csv = ManyHouseholdsCsv();
  FakeRepo one, two;
  auto o1 = Opts();
  o1.pipeline = false;
  auto a = RunImport({InputFile::FromBytes(csv, "many.csv")}, o1, SystemActor(), one);
  auto b = RunImport({InputFile::FromBytes(csv, "many.csv")}, Opts(), SystemActor(), two);
  ASSERT_TRUE(a) << a.error().ToString();
  ASSERT_TRUE(b) << b.error().ToString();
  // Hand-counted: 1500 households, rejected when h is a multiple of 97, 89, 83 or 79 (no two
  // of those below 1500 share a multiple except none: 97*89 > 1500 …): 15 + 16 + 18 + 18 = 67.
  EXPECT_EQ(a->households_created, 1500 - 67);
  EXPECT_EQ(a->persons_created, 2 * (1500 - 67));
  EXPECT_EQ(a->rejected.size(), 2u * 67);
  EXPECT_EQ(b->households_created, a->households_created);
  EXPECT_EQ(b->persons_created, a->persons_created);
  EXPECT_EQ(b->errors, a->errors);
  EXPECT_EQ(b->warnings, a->warnings);
  ASSERT_EQ(b->faults.size(), a->faults.size());
  for (size_t i = 0; i < a->faults.size(); ++i) {
    EXPECT_EQ(b->faults[i].row, a->faults[i].row) << i;
    EXPECT_EQ(b->faults[i].kind, a->faults[i].kind) << i;
    EXPECT_EQ(b->faults[i].column, a->faults[i].column) << i;
    EXPECT_EQ(b->faults[i].reason, a->faults[i].reason) << i;
    if (i > 0) {
      EXPECT_LE(a->faults[i - 1].row, a->faults[i].row) << "faults in row order";
    }
  }
  ASSERT_EQ(b->rejected.size(), a->rejected.size());
  auto ra = a->rejected.ToVector(), rb = b->rejected.ToVector();
  for (size_t i = 0; i < ra.size(); ++i) EXPECT_EQ(rb[i].row, ra[i].row);
  ASSERT_EQ(two.persons.size(), one.persons.size());
  for (auto& [pid, p] : one.persons) {
    EXPECT_EQ(two.persons[pid].resident_id, p.resident_id);
    EXPECT_EQ(two.persons[pid].household_id, p.household_id);
  }
  ASSERT_EQ(two.audit.size(), one.audit.size());
  for (size_t i = 0; i < one.audit.size(); ++i) {
    EXPECT_EQ(two.audit[i].source, one.audit[i].source);
    EXPECT_EQ(two.audit[i].changes, one.audit[i].changes);
  }
}

// A database failure in the writer thread (here the 700th person) stops the import with that
// error, the reader stops too, and the rollback leaves the registry as it was.
TEST(Pipeline, WriterFailureStopsTheImportAndRollsBack) {
  struct FailingRepo : FakeRepo {
    int inserts = 0;
    Result<int64_t> InsertPerson(const registry::Person& p) override {
      if (++inserts == 700) return std::unexpected(Error{ErrorCode::kUnavailable, "disk I/O error", "磁盘读写错误"});
      return FakeRepo::InsertPerson(p);
    }
  } repo;
  auto r = RunImport({InputFile::FromBytes(ManyHouseholdsCsv(), "many.csv")}, Opts(), SystemActor(), repo);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("disk I/O error"), std::string::npos) << r.error().ToString();
  EXPECT_TRUE(repo.persons.empty());  // rolled back
  EXPECT_EQ(repo.commits, 0);
  EXPECT_LT(repo.inserts, 1000);      // the writer stopped at the failure
}

// End to end: a 300,000-character name and a 300,000-byte line without a header stay short
// in the faults (raw value, reason) and in the row's message of the error report.
TEST(Faults, ImportOfHugeCellsKeepsMessagesShort) {
  FakeRepo repo;
  std::string name(300000, 'x');
  std::string csv = "户编号,姓名,身份证号,家庭关系,人口类别,迁出村,安置点\nH1," + name +
                    ",141124199001011234,户主,一般户,测试村,测试安置点\n";
  auto r = RunImport({InputFile::FromBytes(csv, "a.csv")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(r) << r.error().ToString();
  bool saw_name = false;
  for (const auto& f : r->faults) {
    EXPECT_LT(f.raw.size(), 200u) << f.reason;
    EXPECT_LT(f.reason.size(), 1500u);
    if (f.field == "name") {
      saw_name = true;
      EXPECT_EQ(f.raw, std::string(100, 'x') + "…(300000 chars)");
    }
  }
  EXPECT_TRUE(saw_name);
  for (const auto& row : r->rejected.ToVector()) EXPECT_LT(row.messages.size(), 3000u);
  auto line = RunImport({InputFile::FromBytes(std::string(300000, 'y'), "l.csv")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(line) << line.error().ToString();
  ASSERT_FALSE(line->faults.empty());
  for (const auto& f : line->faults) {
    EXPECT_LT(f.reason.size(), 1500u) << f.reason.substr(0, 200);
  }
}


// --- issue #12 item 7: spreadsheet kinds --------------------------------------------------------

// Ids from web systems and clerks: a U+001F before the id, zero-width spaces, groups separated by
// hyphens or spaces, full-width digits and dashes. The invisible ones are named in a warning.
TEST(CleanId, InvisibleControlsAndHyphenGroupsAreRemovedAndNamed) {
  Problems ps;
  EXPECT_EQ(CleanResidentId(Text("\x1f" "141124196503120158"), kToday, ps), "141124196503120158");
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_FALSE(ps[0].error);
  EXPECT_NE(ps[0].reason.find("U+001F"), std::string::npos) << ps[0].reason;
  ps.clear();
  EXPECT_EQ(CleanResidentId(Text("141124199201050370\u200b"), kToday, ps), "141124199201050370");
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_NE(ps[0].reason.find("U+200B"), std::string::npos);
  ps.clear();
  EXPECT_EQ(CleanResidentId(Text("141124-19650312-0158"), kToday, ps), "141124196503120158");
  EXPECT_EQ(CleanResidentId(Text("1411 2419 6503 1201 58"), kToday, ps), "141124196503120158");
  EXPECT_EQ(CleanResidentId(Text("１４１１２４－１９５２０２２９－０２８ｘ"), kToday, ps), "14112419520229028X");
  EXPECT_EQ(CleanResidentId(Text("141124\u201419650312\u20100158"), kToday, ps), "141124196503120158");
  EXPECT_TRUE(ps.empty()) << ps[0].reason;
  // Still checked: a wrong check digit after the hyphens are gone.
  EXPECT_FALSE(CleanResidentId(Text("141124-19650312-0159"), kToday, ps));
}

TEST(CleanCodes, FullWidthUnitsAreOneCanonicalUnit) {
  EXPECT_EQ(CanonicalUnitPart("３号楼", UnitPart::kBuilding), "3");
  EXPECT_EQ(CanonicalUnitPart("3号楼", UnitPart::kBuilding), "3");
  EXPECT_EQ(CanonicalUnitPart(" 3 栋", UnitPart::kBuilding), "3");
  EXPECT_EQ(CanonicalUnitPart("ａ幢", UnitPart::kBuilding), "A");
  EXPECT_EQ(CanonicalUnitPart("北区3号楼", UnitPart::kBuilding), "北区3号楼");  // not only a code: kept
  EXPECT_EQ(CanonicalUnitPart("２单元", UnitPart::kEntrance), "2");
  EXPECT_EQ(CanonicalUnitPart("３０１室", UnitPart::kRoom), "301");
  EXPECT_EQ(CanonicalUnitPart("３０１", UnitPart::kRoom), "301");
  EXPECT_EQ(NormalizeCode("ＬＸ－９０００１"), "LX-90001");
  auto a = SplitUnitAddress("３号楼２单元３０１");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->building + "|" + a->entrance + "|" + a->room, "3|2|301");
  EXPECT_FALSE(a->dashed);
  a = SplitUnitAddress("3-2-301");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->building + "|" + a->entrance + "|" + a->room, "3|2|301");
  EXPECT_TRUE(a->dashed);
  EXPECT_FALSE(SplitUnitAddress("2-301"));
  EXPECT_FALSE(SplitUnitAddress("301"));
}

// One flat written with full-width digits on one roster row and ASCII with unit words on another
// is one housing unit: the second household is told the unit is taken, no second unit appears.
TEST(Pipeline, OneFlatWrittenTwoWaysIsOneUnit) {
  FakeRepo repo;
  std::string csv = "户编号,姓名,身份证号,家庭关系,人口类别,迁出村,安置点,楼栋,单元,房号,入住日期\n"
                    "Ｈ１,甲,141124198001010011,户主,建档立卡,测试村,测试安置点,３号楼,２单元,３０１,2019-05-01\n"
                    "H1,乙,141124198202020021,配偶,建档立卡,测试村,测试安置点,3号楼,2单元,301,2019-05-01\n"
                    "H2,丙,141124199003030037,户主,建档立卡,测试村,测试安置点,3,2,301室,2019-05-01\n"
                    "H3,丁,141124197004040043,户主,建档立卡,测试村,测试安置点,,,3号楼2单元302,2019-05-01\n"
                    "H4,戊,141124196005050054,户主,建档立卡,测试村,测试安置点,,,3-2-303,2019-05-01\n"
                    "H5,己,141124195006060065,户主,建档立卡,测试村,测试安置点,1栋,2单元,101室,2019-05-01\n";
  auto r = RunImport({InputFile::FromBytes(csv, "units.csv")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(r) << r.error().ToString();
  // Rows 2-3 are one household (Ｈ１ = H1) in one unit 3-2-301; row 4's H2 finds it occupied.
  EXPECT_EQ(r->households_created, 4);
  EXPECT_EQ(repo.households[1].household_no, "H1");
  const Fault* f = FindFault(*r, 4, "conflict");
  ASSERT_TRUE(f);
  EXPECT_NE(f->reason.find("occupied by household H1"), std::string::npos) << f->reason;
  EXPECT_FALSE(FindFault(*r, 3, "structure"));  // ３号楼 and 3号楼 agree within the household
  EXPECT_EQ(repo.units.count({1, "3", "2", "301"}), 1u);
  EXPECT_EQ(repo.units.count({1, "3", "2", "302"}), 1u);
  EXPECT_EQ(repo.units.count({1, "3", "2", "303"}), 1u);
  EXPECT_EQ(repo.units.size(), 5u);  // the two of the fixture and 301, 302, 303
  // 3-2-303 is read as building-entrance-room, and the clerk is told so.
  f = FindFault(*r, 6, "value");
  ASSERT_TRUE(f);
  EXPECT_FALSE(f->error);
  EXPECT_NE(f->reason.find("楼栋 3, 单元 2, 房号 303"), std::string::npos) << f->reason;
  // 1栋 2单元 101室 is the registry's unit 1-2-101 (id 11).
  EXPECT_EQ(repo.households[4].housing_unit_id, 11);
}

// Excel's formula errors are named as such, with row, column and header, not as "not an id".
TEST(Pipeline, FormulaErrorCellsAreNamedAsSuch) {
  Cell e;
  e.type = Cell::Type::kError;
  e.text = "#REF!";
  EXPECT_EQ(FormulaErrorOf(e), "#REF!");
  EXPECT_EQ(FormulaErrorOf(Text(" #DIV/0! ")), "#DIV/0!");
  EXPECT_EQ(FormulaErrorOf(Text("#3号楼")), "");
  FakeRepo repo;
  std::string csv = "户编号,姓名,身份证号,家庭关系,人口类别,迁出村,安置点,入住日期\n"
                    "H1,甲,#N/A,户主,建档立卡,测试村,测试安置点,2019-05-01\n"
                    "H2,乙,141124198202020021,户主,建档立卡,测试村,测试安置点,#VALUE!\n";
  auto r = RunImport({InputFile::FromBytes(csv, "f.csv")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->households_created, 0);
  const Fault* f = FindFault(*r, 2, "formula");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->column, "C");
  EXPECT_EQ(f->header, "身份证号");
  EXPECT_EQ(f->raw, "#N/A");
  EXPECT_NE(f->reason_zh.find("公式错误 #N/A"), std::string::npos) << f->reason_zh;
  EXPECT_NE(f->fix.find("value"), std::string::npos);
  EXPECT_FALSE(FindFault(*r, 2, "resident_id"));  // named once, as a formula error
  f = FindFault(*r, 3, "formula");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->column, "H");
  EXPECT_FALSE(FindFault(*r, 3, "date"));
}

// Several rosters stacked in one sheet, each with its own title and header (here in another
// column order): each block's rows are read with its own header, faults name the right rows
// and columns, titles are not data, and the error report repeats the block's header.
TEST(Pipeline, StackedRostersEachUseTheirOwnHeader) {
  FakeRepo repo;
  std::string csv =
      "一、测试村搬迁人口花名册,,,,,,,\n"
      "户编号,姓名,身份证号,家庭关系,人口类别,迁出村,安置点,入住日期\n"
      "H1,甲,141124198001010011,户主,建档立卡,测试村,测试安置点,2019-05-01\n"
      "H1,乙,141124198202020021,配偶,建档立卡,测试村,测试安置点,2019-05-01\n"
      ",,,,,,,,\n"
      "二、东山村搬迁人口花名册,,,,,,,\n"
      "填报单位：测试镇,,,,,,,\n"
      "序号,姓名,户编号,公民身份号码,与户主关系,人口类别,迁出村,安置点,搬迁入住时间\n"
      "1,丙,H2,141124199003030037,户主,同步搬迁,东山村,测试安置点,2020-06-01\n"
      "2,丁,H3,141124197004040044,户主,同步搬迁,东山村,测试安置点,2020-06-01\n";
  auto r = RunImport({InputFile::FromBytes(csv, "stacked.csv")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->rows_read, 4);
  EXPECT_EQ(r->households_created, 2);
  EXPECT_EQ(r->persons_created, 3);
  EXPECT_EQ(repo.households[2].household_no, "H2");
  EXPECT_EQ(repo.households[2].category, registry::Category::kCoRelocated);
  EXPECT_EQ(repo.households[2].move_in_date, (Date{year{2020}, month{6}, day{1}}));
  ASSERT_EQ(r->errors, 1) << r->faults[0].reason;
  const Fault* f = FindFault(*r, 10, "resident_id");  // check digit wrong, block 2's column D
  ASSERT_TRUE(f);
  EXPECT_EQ(f->column, "D");
  EXPECT_EQ(f->header, "公民身份号码");
  ASSERT_EQ(r->sheets[0].blocks.size(), 2u);
  EXPECT_EQ(r->sheets[0].blocks[1].first, 8);
  auto rej = r->rejected.ToVector();
  ASSERT_EQ(rej.size(), 1u);
  EXPECT_EQ(rej[0].header_row, 8);
  std::string out = ::testing::TempDir() + "/stacked-errors.xlsx";
  ASSERT_TRUE(WriteErrorReport(*r, out, SheetFormat::kXlsx));
  auto wb = OpenWorkbook(*InputFile::Open(out));
  ASSERT_TRUE(wb);
  auto rows = AllRows(**wb);
  ASSERT_EQ(rows.size(), 3u);  // first block's header, block 2's header, the rejected row
  EXPECT_EQ(rows[1].cells[3].text, "公民身份号码");
  EXPECT_EQ(rows[2].cells[1].text, "丁");
}

// A township and its village written together ("白文镇刘家庄村"): split when exactly one
// (township, village) pair of the division list reads so; else a fault listing the candidates.
TEST(Pipeline, TownshipAndVillageWrittenTogether) {
  FakeRepo repo;
  repo.ref.division_villages.push_back({4, "镇中庄村委会", "白文", 0, "141124102", "141124102204"});
  std::string csv = "户编号,姓名,身份证号,家庭关系,人口类别,迁出村,搬迁类型,安置点,入住日期\n"
                    "H1,甲,141124198001010011,户主,建档立卡,白文镇刘家庄村,插花搬迁,测试安置点,2019-05-01\n"
                    "H2,乙,141124198202020021,户主,建档立卡,临泉镇中庄村委会,整村搬迁,测试安置点,2019-05-01\n"
                    "H3,丙,141124199003030037,户主,建档立卡,白文镇中庄村,整村搬迁,测试安置点,2019-05-01\n";
  auto r = RunImport({InputFile::FromBytes(csv, "tv.csv")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->households_created, 2);
  ASSERT_EQ(repo.created_villages.size(), 2u);
  EXPECT_EQ(repo.created_villages[0].division_code, "141124101203");  // 白文镇/刘家庄村委会
  EXPECT_EQ(repo.created_villages[1].division_code, "141124100201");  // 临泉镇/中庄村委会
  const Fault* f = FindFault(*r, 4, "reference");  // 白文镇/中庄村委会 or 白文/镇中庄村委会
  ASSERT_TRUE(f);
  EXPECT_NE(f->fix.find("白文镇/中庄村委会"), std::string::npos) << f->fix;
  EXPECT_NE(f->fix.find("白文/镇中庄村委会"), std::string::npos) << f->fix;
}

// Without a move-in date column a new household is refused, saying which column to add;
// today's date is never stored in its place.
TEST(Pipeline, NoMoveInDateColumnIsRequiredNotToday) {
  FakeRepo repo;
  std::string csv = "户编号,姓名,身份证号,家庭关系,人口类别,迁出村,安置点\n"
                    "H1,甲,141124198001010011,户主,建档立卡,测试村,测试安置点\n";
  auto r = RunImport({InputFile::FromBytes(csv, "nodate.csv")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->households_created, 0);
  EXPECT_TRUE(repo.households.empty());
  const Fault* f = FindFault(*r, 2, "structure");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->field, "move_in_date");
  EXPECT_NE(f->reason_zh.find("入住日期"), std::string::npos);
  EXPECT_NE(f->reason.find("today's date is not assumed"), std::string::npos);
  EXPECT_NE(f->fix.find("搬迁入住时间"), std::string::npos);
}

// An import whose rows are mostly rejected keeps only a bounded part of them in memory; the
// rest are in a temporary file and come back complete and in order (for the error report).
TEST(Pipeline, RejectedRowsBeyondTheBudgetLeaveMemory) {
  std::string csv = ManyHouseholdsCsv();
  FakeRepo r1, r2;
  auto big = Opts();
  auto small = Opts();
  small.rejected_memory_bytes = 4096;
  auto a = RunImport({InputFile::FromBytes(csv, "m.csv")}, big, SystemActor(), r1);
  auto b = RunImport({InputFile::FromBytes(csv, "m.csv")}, small, SystemActor(), r2);
  ASSERT_TRUE(a && b);
  ASSERT_EQ(a->rejected.size(), 2u * 67);
  EXPECT_EQ(a->rejected.in_memory(), a->rejected.size());
  EXPECT_EQ(b->rejected.size(), a->rejected.size());
  EXPECT_LT(b->rejected.in_memory(), 20u);  // ≈ 4 KiB of rows; the other 120-odd are in the file
  auto ra = a->rejected.ToVector(), rb = b->rejected.ToVector();
  ASSERT_EQ(ra.size(), rb.size());
  for (size_t i = 0; i < ra.size(); ++i) {
    EXPECT_EQ(rb[i].row, ra[i].row);
    EXPECT_EQ(rb[i].cells, ra[i].cells);
    EXPECT_EQ(rb[i].messages, ra[i].messages);
    EXPECT_EQ(rb[i].header_row, ra[i].header_row);
  }
  // The error report of the spilled rows is the same file content.
  std::string pa = ::testing::TempDir() + "/spill-a.csv", pb = ::testing::TempDir() + "/spill-b.csv";
  ASSERT_TRUE(WriteErrorReport(*a, pa, SheetFormat::kCsv));
  ASSERT_TRUE(WriteErrorReport(*b, pb, SheetFormat::kCsv));
  auto fa = InputFile::Open(pa), fb = InputFile::Open(pb);
  ASSERT_TRUE(fa && fb);
  EXPECT_EQ((*fa)->Sha256(), (*fb)->Sha256());
}


// --- the living register (issue #14 item 5): rows grouped wherever they are ---------------------
namespace lr {
// A fictitious person's id (county 141124, this birth date, sequence `seq`; odd seq = male) with
// its MOD 11-2 check character (core/resident_id.h).
std::string FakeId(int y, int m, int d, int seq) {
  std::string s = fmt::format("141124{:04d}{:02d}{:02d}{:03d}", y, m, d, seq);
  return s + ResidentIdCheckChar(s);
}
}  // namespace lr

// Household LX-000001's head on row 3 and its members on rows 40 and 97, other households (one
// person each) in between: one household of three, and faults name the file's own row numbers.
std::string ScatteredRoster(const std::string& bad_phone_on_97) {
  std::string csv = "户编号,姓名,身份证号,家庭关系,人口类别,迁出村,安置点,入住日期,联系电话\n";
  int serial = 100;
  auto single = [&](int row) {  // a one-person household on this row
    csv += fmt::format("LX-{:06d},单{},{},户主,建档立卡,测试村,测试安置点,2019-05-01,\n", serial, row,
                       lr::FakeId(1970, 1, 1 + row % 28, row % 500 * 2 + 1));
    ++serial;
  };
  for (int row = 2; row <= 100; ++row) {
    if (row == 3) csv += "LX-000001,甲,141124196503120158,户主,建档立卡,测试村,测试安置点,2019-05-01,\n";
    else if (row == 40) csv += "LX-000001,乙,141124196807200245,配偶,建档立卡,测试村,测试安置点,2019-05-01,\n";
    else if (row == 97)
      csv += "LX-000001,丙,141124199201050370,子女,建档立卡,测试村,测试安置点,2019-05-01," + bad_phone_on_97 + "\n";
    else single(row);
  }
  return csv;
}

TEST(LivingRegisterImport, HouseholdRowsAnywhereInTheFileAreOneHousehold) {
  FakeRepo repo;
  auto r = RunImport({InputFile::FromBytes(ScatteredRoster(""), "scattered.csv")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->errors, 0) << (r->faults.empty() ? "" : r->faults[0].reason);
  EXPECT_EQ(r->rows_read, 99);
  EXPECT_EQ(r->households_created, 97);  // 99 rows - 2 members of LX-000001
  EXPECT_EQ(r->persons_created, 99);
  int64_t hid = 0;
  for (auto& [id, h] : repo.households)
    if (h.household_no == "LX-000001") hid = id;
  ASSERT_NE(hid, 0);
  std::map<std::string, registry::Relationship> members;
  for (auto& [id, p] : repo.persons)
    if (p.household_id == hid) members[p.name] = p.relationship;
  ASSERT_EQ(members.size(), 3u);
  EXPECT_EQ(members["甲"], registry::Relationship::kHead);
  EXPECT_EQ(members["乙"], registry::Relationship::kSpouse);
  EXPECT_EQ(members["丙"], registry::Relationship::kChild);
}

TEST(LivingRegisterImport, ScatteredHouseholdFaultsNameTheOriginalRows) {
  FakeRepo repo;
  auto r = RunImport({InputFile::FromBytes(ScatteredRoster("12345"), "scattered.csv")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(r) << r.error().ToString();
  const Fault* phone = FindFault(*r, 97, "phone");
  ASSERT_TRUE(phone);
  EXPECT_EQ(phone->column, "I");
  EXPECT_EQ(phone->raw, "12345");
  EXPECT_FALSE(FindFault(*r, 40, "structure"));
  EXPECT_FALSE(FindFault(*r, 97, "structure"));
  // The whole household is refused, its rows by their own numbers.
  std::vector<int64_t> rejected;
  for (auto& row : r->rejected.ToVector()) rejected.push_back(row.row);
  EXPECT_EQ(rejected, (std::vector<int64_t>{3, 40, 97}));
  EXPECT_EQ(r->households_created, 97 - 1);
  // Faults stay in row order.
  for (size_t i = 1; i < r->faults.size(); ++i) EXPECT_LE(r->faults[i - 1].row, r->faults[i].row);
}

// Item 2: a file of new members of registered households, without their heads' rows.
struct RegisteredTwo {
  FakeRepo repo;
  RegisteredTwo() {
    std::string seed = "户编号,姓名,身份证号,家庭关系,人口类别,迁出村,安置点,入住日期\n"
                       "LX-000001,甲,141124196503120158,户主,建档立卡,测试村,测试安置点,2019-05-01\n"
                       "LX-000002,丁,141124196807200245,户主,建档立卡,测试村,测试安置点,2019-05-01\n";
    auto r = RunImport({InputFile::FromBytes(seed, "seed.csv")}, Opts(), SystemActor(), repo);
    EXPECT_TRUE(r && r->households_created == 2);
  }
};

TEST(LivingRegisterImport, NewMembersOfRegisteredHouseholdsWithoutTheirHeads) {
  RegisteredTwo reg;
  Actor clerk = SystemActor();
  clerk.username = "clerk_li";
  const std::string child = lr::FakeId(1995, 3, 4, 31), parent = lr::FakeId(1940, 6, 7, 42);
  std::string csv = "户编号,姓名,身份证号,与户主关系,变动日期\n"
                    "LX-000001,小甲," + child + ",子女,2026-10-08\n"
                    "LX-000002,老丁," + parent + ",父母,\n";
  for (ImportMode mode : {ImportMode::kInsert, ImportMode::kUpsert}) {
    RegisteredTwo fresh;
    ImportOptions o = Opts();
    o.mode = mode;
    auto r = RunImport({InputFile::FromBytes(csv, "members.csv")}, o, clerk, fresh.repo);
    ASSERT_TRUE(r) << r.error().ToString();
    EXPECT_EQ(r->errors, 0) << (r->faults.empty() ? "" : r->faults[0].reason);
    EXPECT_EQ(r->persons_created, 2);
    EXPECT_EQ(r->households_created, 0);
    EXPECT_TRUE(r->committed);
    ASSERT_EQ(fresh.repo.events.size(), 2u);
    std::map<std::string, registry::Person> by_name;
    for (auto& [id, p] : fresh.repo.persons) by_name[p.name] = p;
    EXPECT_EQ(fresh.repo.households[by_name["小甲"].household_id].household_no, "LX-000001");
    EXPECT_EQ(fresh.repo.households[by_name["老丁"].household_id].household_no, "LX-000002");
    const auto& e0 = fresh.repo.events[0];
    EXPECT_EQ(e0.kind, registry::RegisterEventKind::kMemberAdded);
    EXPECT_EQ(e0.person_id, by_name["小甲"].id);
    EXPECT_EQ(e0.event_date, (Date{year{2026}, month{10}, day{8}}));  // the file's 变动日期
    EXPECT_EQ(e0.recorded_by, "clerk_li");
    EXPECT_EQ(fresh.repo.events[1].event_date, kToday);               // none given: today
    EXPECT_EQ(fresh.repo.member_from[by_name["老丁"].id], kToday);
    int event_audits = 0;
    for (auto& a : fresh.repo.audit) event_audits += a.entity == "register_event";
    EXPECT_EQ(event_audits, 2);
  }
}

TEST(LivingRegisterImport, NewMembersAreCheckedAgainstTheRegisteredHead) {
  RegisteredTwo reg;  // LX-000001's head 甲 was born 1965-03-12
  const std::string too_old_child = lr::FakeId(1975, 1, 1, 11);  // 10 years after the head
  const std::string elsewhere = "141124196807200245";              // 丁, head of LX-000002
  std::string csv = "户编号,姓名,身份证号,与户主关系,变动日期\n"
                    "LX-000001,小甲," + too_old_child + ",子女,2026-10-08\n"
                    "LX-000001,丁," + elsewhere + ",配偶,2026-10-08\n"
                    "LX-000001,小乙," + lr::FakeId(2020, 2, 2, 22) + ",孙子女,2019-01-01\n";
  ImportOptions o = Opts();
  o.mode = ImportMode::kUpsert;
  o.all_or_nothing = true;
  auto r = RunImport({InputFile::FromBytes(csv, "members.csv")}, o, SystemActor(), reg.repo);
  ASSERT_TRUE(r) << r.error().ToString();
  const Fault* gap = FindFault(*r, 2, "relationship");
  ASSERT_TRUE(gap);
  EXPECT_EQ(gap->column, "D");
  EXPECT_EQ(gap->raw, "子女");
  EXPECT_NE(gap->reason.find("1965-03-12"), std::string::npos) << gap->reason;
  const Fault* moved = FindFault(*r, 3, "conflict");
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->column, "C");
  EXPECT_NE(moved->reason.find("already registered in household LX-000002"), std::string::npos) << moved->reason;
  const Fault* before_birth = FindFault(*r, 4, "date");
  ASSERT_TRUE(before_birth);
  EXPECT_EQ(before_birth->column, "E");
  EXPECT_EQ(before_birth->raw, "2019-01-01");
  // All or nothing: nothing added, no event, 丁 still in LX-000002.
  EXPECT_FALSE(r->committed);
  EXPECT_EQ(reg.repo.persons.size(), 2u);
  EXPECT_TRUE(reg.repo.events.empty());
}

// Issue #14 (fix-import): a roster's 公民身份号码 may read 待补录 (a newborn's id to be filled,
// as exports write a pending id) when 性别 and 出生日期 are given: stored as resident_id ''. A
// 待补录 without them is refused naming each missing column; an empty cell stays a fault. In
// upsert mode the pending member is found in its household by name, sex and birth date:
// re-importing the roster changes nothing.
TEST(LivingRegisterImport, PendingIdNeedsSexAndBirthDate) {
  FakeRepo repo;
  const std::string head = "户编号,姓名,身份证号,与户主关系,性别,出生日期,人口类别,迁出村,安置点,入住日期\n";
  const std::string good = "LX-000001,甲,141124196503120158,户主,男,1965-03-12,建档立卡,测试村,测试安置点,2019-05-01\n"
                           "LX-000001,小宝,待补录,孙子女,女,2026-05-01,建档立卡,测试村,测试安置点,2019-05-01\n";
  std::string csv = head + good +
                    "LX-000002,丁,141124196807200245,户主,女,,建档立卡,测试村,测试安置点,2019-05-01\n"
                    "LX-000002,小丁,待补录,子女,,,建档立卡,测试村,测试安置点,2019-05-01\n"
                    "LX-000003,戊,,户主,男,1970-01-01,建档立卡,测试村,测试安置点,2019-05-01\n";
  auto r = RunImport({InputFile::FromBytes(csv, "pending.csv")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->rows_valid, 2);
  EXPECT_EQ(r->persons_created, 2);
  const registry::Person* baby = nullptr;
  for (auto& [id, p] : repo.persons)
    if (p.name == "小宝") baby = &p;
  ASSERT_TRUE(baby);
  EXPECT_EQ(baby->resident_id, "");
  EXPECT_EQ(baby->sex, Sex::kFemale);
  EXPECT_EQ(baby->birth_date, (Date{year{2026}, month{5}, day{1}}));
  EXPECT_EQ(baby->relationship, registry::Relationship::kGrandchild);
  // Row 5: 待补录 without sex and birth date, one fault per missing column.
  std::vector<std::string> cols;
  for (auto& f : r->faults)
    if (f.row == 5) {
      cols.push_back(f.column);
      EXPECT_NE(f.reason.find("待补录"), std::string::npos) << f.reason;
      EXPECT_NE(f.reason_zh.find("待补录"), std::string::npos) << f.reason_zh;
    }
  EXPECT_EQ(cols, (std::vector<std::string>{"E", "F"}));
  // Row 6: an empty id is still refused; the fix names 待补录.
  const Fault* empty = FindFault(*r, 6, "resident_id");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->column, "C");
  EXPECT_NE(empty->fix.find("待补录"), std::string::npos) << empty->fix;
  // The good household again, upsert: unchanged, no second 小宝.
  ImportOptions o = Opts();
  o.mode = ImportMode::kUpsert;
  auto again = RunImport({InputFile::FromBytes(head + good, "pending.csv")}, o, SystemActor(), repo);
  ASSERT_TRUE(again) << again.error().ToString();
  EXPECT_EQ(again->errors, 0) << (again->faults.empty() ? "" : again->faults[0].reason);
  EXPECT_EQ(again->persons_created, 0);
  EXPECT_EQ(again->persons_updated, 0);
  EXPECT_EQ(again->persons_unchanged, 2);
  EXPECT_EQ(repo.persons.size(), 2u);
  // Insert mode: the pending member is already registered.
  auto ins = RunImport({InputFile::FromBytes(head + good, "pending.csv")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(ins);
  const Fault* dup = FindFault(*ins, 3, "conflict");
  ASSERT_TRUE(dup);
  EXPECT_EQ(dup->column, "C");
}

}  // namespace
}  // namespace anju::importer
