// The xlsx reader's two ways of parsing sheet rows (pugixml on fragments of whole rows on a thread
// of its own, and expat for everything on the caller's thread) must deliver the same rows. Each case is a small workbook built here with
// libzip from hand-written sheet XML; expected cell values are written out by hand, and every
// case is read with expat only, with pugixml at the default sizes, and with pugixml cut at
// every row while the part is inflated a few bytes at a time (so that tags, entities and UTF-8
// sequences are split across reads).
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <zip.h>

#include <memory>
#include <string>
#include <vector>

#include "importer/readers.h"
#include "importer/xlsx_test_util.h"

namespace anju::importer {
namespace {

using test::MakeXlsx;

// Rows as text, one line per non-empty cell: "row 2 C: text '张三'" (the form compared).
std::string Show(const std::vector<Row>& rows) {
  std::string out;
  for (const Row& r : rows) {
    out += fmt::format("row {}\n", r.number);
    for (size_t c = 0; c < r.cells.size(); ++c) {
      const Cell& x = r.cells[c];
      if (x.type == Cell::Type::kEmpty) continue;
      out += fmt::format("  {} type {} number {} date {} '{}'\n", ColumnLetter(static_cast<int>(c)),
                         static_cast<int>(x.type), x.number, x.date_format, x.text);
    }
  }
  return out;
}

struct Read {
  std::vector<Row> rows;
  std::string error;  // empty when reading succeeded
};

Read ReadSheet(const std::string& xlsx, const XlsxLimits& limits, int stop_after = -1) {
  Read out;
  auto wb = OpenXlsx(InputFile::FromBytes(xlsx, "t.xlsx"), limits);
  if (!wb) {
    out.error = wb.error().message;
    return out;
  }
  auto st = (*wb)->ReadRows(0, [&](const Row& r) -> Status {
    if (stop_after >= 0 && static_cast<int>(out.rows.size()) >= stop_after)
      return InvalidArgument("enough");
    out.rows.push_back(r);
    return {};
  });
  if (!st) out.error = st.error().message;
  return out;
}

XlsxLimits Expat() {  // and on the caller's thread
  XlsxLimits l;
  l.pugixml_rows = false;
  l.reader_thread = false;
  return l;
}
XlsxLimits PugiDefault() { return XlsxLimits{}; }
XlsxLimits PugiEveryRow() {  // a fragment per row, inflated 7 bytes at a time
  XlsxLimits l;
  l.row_chunk_bytes = 1;
  l.read_chunk_bytes = 7;
  return l;
}

// Reads `sheet` all three ways; expects the same rows (or all failing) and returns expat's.
Read ReadAllWays(const std::string& sheet, const std::string& sst = "") {
  std::string x = MakeXlsx(sheet, sst);
  Read e = ReadSheet(x, Expat());
  for (const XlsxLimits& l : {PugiDefault(), PugiEveryRow()}) {
    Read p = ReadSheet(x, l);
    EXPECT_EQ(Show(p.rows), Show(e.rows)) << "pugixml (chunk " << l.row_chunk_bytes << ") against expat";
    EXPECT_EQ(p.error.empty(), e.error.empty()) << "pugixml: " << p.error << "\nexpat: " << e.error;
  }
  return e;
}

const char* kHead =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    "\n"
    R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:D4"/><sheetData>)";
const char* kTail = R"(</sheetData><mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells></worksheet>)";

std::string Sheet(const std::string& rows) { return kHead + rows + kTail; }

TEST(XlsxRows, CellTypesAndTextAreTheSameBothWays) {
  std::string sst =
      R"(<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>户主</t></si><si><r><t>阿不都</t></r><r><rPr><b/></rPr><t>·热合曼</t></r><rPh><t>ア</t></rPh></si></sst>)";
  Read r = ReadAllWays(Sheet(
      R"(<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="s"><v>0</v></c></row>)"
      R"(<row r="2" spans="1:4"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>140000000000001</v></c><c r="C2" t="b"><v>1</v></c><c r="D2" t="e"><v>#N/A</v></c></row>)"
      R"(<row r="3"><c r="B3" t="str"><f>A1&amp;"x"</f><v>姓名x</v></c><c r="C3"><f>SUM(A1:A2)</f></c><c r="D3" t="inlineStr"><is><t xml:space="preserve">  a&lt;b&amp;c&#x4E2D;&#20013;  </t></is></c></row>)"
      "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>行一\r\n行二</t></is></c><c r=\"B4\" t=\"d\"><v>2019-05-01T00:00:00</v></c>"
      "<c r=\"C4\" t=\"inlineStr\"><is><r><t>阿不都</t></r><r><rPr><b/></rPr><t>·热合曼</t></r><rPh><t>ア</t></rPh></is></c><c r=\"D4\"><v/></c></row>"),
      sst);
  ASSERT_EQ(r.error, "");
  ASSERT_EQ(r.rows.size(), 4u);
  EXPECT_EQ(r.rows[0].cells[0].text, "姓名");
  EXPECT_EQ(r.rows[0].cells[1].text, "户主");
  EXPECT_EQ(r.rows[1].cells[0].text, "阿不都·热合曼");  // rich-text runs joined, phonetic run dropped
  EXPECT_EQ(r.rows[1].cells[1].type, Cell::Type::kNumber);
  EXPECT_EQ(r.rows[1].cells[1].text, "140000000000001");
  EXPECT_EQ(r.rows[1].cells[2].type, Cell::Type::kBool);
  EXPECT_EQ(r.rows[1].cells[3].type, Cell::Type::kError);
  EXPECT_EQ(r.rows[2].cells[1].text, "姓名x");
  EXPECT_EQ(r.rows[2].cells[2].type, Cell::Type::kFormulaNoValue);
  EXPECT_EQ(r.rows[2].cells[2].text, "=SUM(A1:A2)");
  EXPECT_EQ(r.rows[2].cells[3].text, "  a<b&c中中  ");  // entities and kept spaces
  EXPECT_EQ(r.rows[3].cells[0].text, "行一\n行二");     // line ends normalised (XML 1.0, 2.11)
  EXPECT_EQ(r.rows[3].cells[1].type, Cell::Type::kDate);
  EXPECT_EQ(r.rows[3].cells[1].text, "2019-05-01");
  EXPECT_EQ(r.rows[3].cells[2].text, "阿不都·热合曼");  // inline rich text
  EXPECT_EQ(r.rows[3].cells.size(), 3u);               // <v/>: no value, no cell
}

// ST_Xstring escapes (ECMA-376 Part 1 §22.9.2.19) in shared strings, inline strings and formula
// string results: _x000D_ is a carriage return, _x001F_ the control character web systems put
// before ids, _x005F_ an underscore (so _x005F_x0041_ is the literal text _x0041_), a surrogate
// pair of escapes one character; anything not of the form _xHHHH_ is kept as written.
TEST(XlsxRows, XstringEscapesAreDecoded) {
  std::string sst =
      R"(<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>_x001F_141124196503120158</t></si><si><r><t>第一行_x000D_</t></r><r><t>_x000a_第二行</t></r></si></sst>)";
  Read r = ReadAllWays(Sheet(
      R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>)"
      R"(<c r="C1" t="inlineStr"><is><t>_x005F_x0041_ and _x0041_ and _xD83D__xDE00_ and _x12_ and _xZZZZ_</t></is></c>)"
      R"(<c r="D1" t="str"><f>A1</f><v>_x0009_x</v></c></row>)"),
      sst);
  ASSERT_TRUE(r.error.empty()) << r.error;
  ASSERT_EQ(r.rows.size(), 1u);
  ASSERT_EQ(r.rows[0].cells.size(), 4u);
  EXPECT_EQ(r.rows[0].cells[0].text, "\x1f" "141124196503120158");
  EXPECT_EQ(r.rows[0].cells[1].text, "第一行\r\n第二行");  // escapes split over two runs
  EXPECT_EQ(r.rows[0].cells[2].text, "_x0041_ and A and \U0001F600 and _x12_ and _xZZZZ_");
  EXPECT_EQ(r.rows[0].cells[3].text, "\tx");
}

TEST(XlsxRows, PrefixedNamesEmptyRowsAndMissingReferences) {
  // Some writers (.NET's Open XML SDK) prefix every element; rows may be self-closing, and r=
  // may be missing on rows and cells (then they count on from the previous one).
  std::string sheet =
      R"(<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>)"
      R"(<x:row r="1"><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>b</x:t></x:is></x:c></x:row>)"
      R"(<x:row r="2"/><x:row r="3" /><x:row><x:c r="C4"><x:v>7</x:v></x:c></x:row>)"
      R"(</x:sheetData></x:worksheet>)";
  Read r = ReadAllWays(sheet);
  ASSERT_EQ(r.error, "");
  ASSERT_EQ(r.rows.size(), 4u);
  EXPECT_EQ(r.rows[0].cells[1].text, "b");
  EXPECT_EQ(r.rows[1].number, 2);
  EXPECT_TRUE(r.rows[1].cells.empty());
  EXPECT_EQ(r.rows[3].number, 4);
  EXPECT_EQ(r.rows[3].cells[2].text, "7");
}

TEST(XlsxRows, CommentsCdataAndInstructionsHandOverToExpat) {
  // A comment or CDATA section can hold "<row" — the splitter must not cut there; expat reads on
  // from the first row not yet delivered, and no row comes twice.
  Read r = ReadAllWays(Sheet(
      R"(<row r="1"><c t="inlineStr"><is><t>one</t></is></c></row>)"
      R"(<row r="2"><c t="inlineStr"><is><t><![CDATA[x <row r="9"> & y]]></t></is></c></row>)"
      R"(<!-- <row r="8"><c><v>1</v></c></row> --><row r="3"><c><v>3</v></c></row><?pi <row?>)"
      R"(<row r="4"><c><v>4</v></c></row>)"));
  ASSERT_EQ(r.error, "");
  ASSERT_EQ(r.rows.size(), 4u);
  EXPECT_EQ(r.rows[1].cells[0].text, "x <row r=\"9\"> & y");
  EXPECT_EQ(r.rows[2].number, 3);
  EXPECT_EQ(r.rows[3].number, 4);
}

TEST(XlsxRows, DoctypeAndOddHeadsAreReadByExpat) {
  std::string sheet =
      R"(<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY who "张三">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetPr codeName="sheetData"/><sheetData>)"
      R"(<row r="1"><c t="inlineStr"><is><t>&who;</t></is></c></row></sheetData></worksheet>)";
  Read r = ReadAllWays(sheet);
  ASSERT_EQ(r.error, "");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].cells[0].text, "张三");
}

TEST(XlsxRows, EmptySheetDataAndNoSheetData) {
  Read empty = ReadAllWays(R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>)");
  EXPECT_EQ(empty.error, "");
  EXPECT_TRUE(empty.rows.empty());
  Read none = ReadAllWays(R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>)");
  EXPECT_EQ(none.error, "");
  EXPECT_TRUE(none.rows.empty());
}

TEST(XlsxRows, MalformedXmlIsAnErrorNamingThePart) {
  for (const std::string rows : {R"(<row r="1"><c><v>1</v></row>)",                 // <c> never closed
                                 R"(<row r="1"><c><v>1</v></c></row><row r="2">)",  // </sheetData> missing below
                                 R"(<row r="1"><c t="inlineStr"><is><t>a</x></is></c></row>)"}) {
    std::string x = MakeXlsx(Sheet(rows));
    for (const XlsxLimits& l : {Expat(), PugiDefault(), PugiEveryRow()}) {
      Read r = ReadSheet(x, l);
      EXPECT_NE(r.error.find("xl/worksheets/sheet1.xml is not well-formed XML"), std::string::npos)
          << rows << " pugixml " << l.pugixml_rows << ": " << r.error;
    }
  }
}

TEST(XlsxRows, BytesThatAreNotUtf8AreRefused) {
  std::string x = MakeXlsx(Sheet("<row r=\"1\"><c t=\"inlineStr\"><is><t>\xD5\xC5\xC8\xFD</t></is></c></row>"));  // GBK 张三
  for (const XlsxLimits& l : {Expat(), PugiDefault(), PugiEveryRow()}) {
    Read r = ReadSheet(x, l);
    EXPECT_NE(r.error.find("sheet1.xml"), std::string::npos) << r.error;
    EXPECT_TRUE(r.rows.empty());
  }
}

TEST(XlsxRows, RowsWithAnotherPrefixFallBackWhenNoCutIsFound) {
  // sheetData unprefixed, rows prefixed: no "<row" to cut at; past max_unsplit_bytes expat
  // takes over and reads them all.
  std::string rows;
  for (int i = 1; i <= 50; ++i)
    rows += fmt::format(R"(<y:row xmlns:y="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r="{}"><y:c><y:v>{}</y:v></y:c></y:row>)", i, i);
  std::string x = MakeXlsx(Sheet(rows));
  XlsxLimits l = PugiEveryRow();
  l.max_unsplit_bytes = 300;
  Read p = ReadSheet(x, l);
  Read e = ReadSheet(x, Expat());
  ASSERT_EQ(p.error, "");
  ASSERT_EQ(p.rows.size(), 50u);
  EXPECT_EQ(Show(p.rows), Show(e.rows));
  EXPECT_EQ(p.rows[49].cells[0].text, "50");
}

TEST(XlsxRows, ASinkErrorStopsReadingAtOnce) {
  std::string rows;
  for (int i = 1; i <= 30; ++i) rows += fmt::format(R"(<row r="{}"><c><v>{}</v></c></row>)", i, i);
  std::string x = MakeXlsx(Sheet(rows));
  for (const XlsxLimits& l : {Expat(), PugiDefault(), PugiEveryRow()}) {
    Read r = ReadSheet(x, l, 5);
    EXPECT_EQ(r.error, "enough");
    EXPECT_EQ(r.rows.size(), 5u);
  }
}

// Merged ranges come from the mergeCell elements after sheetData (quoted either way, any
// prefix), not from a cell whose text reads like one.
TEST(XlsxRows, MergedRangesAreReadAfterSheetDataOnly) {
  std::string sheet = Sheet(
      R"(<row r="1"><c t="inlineStr"><is><t>&lt;mergeCell ref="A1:A9"/&gt; mergeCell ref='B1:B9'</t></is></c></row>)");
  sheet.insert(sheet.find("<mergeCell ref=\"A2:A3\"/>"), "<x:mergeCell ref='C4:D5'/>");
  sheet.replace(sheet.find("ref=\"A2:A3\""), 4, "ref = ");  // spaces around '=' (XML 1.0, 2.3)
  for (const XlsxLimits& l : {PugiDefault(), PugiEveryRow()}) {  // whole, and 7 bytes at a time
    auto wb = OpenXlsx(InputFile::FromBytes(MakeXlsx(sheet), "t.xlsx"), l);
    ASSERT_TRUE(wb) << wb.error().ToString();
    const auto& merged = (*wb)->sheets()[0].merged;
    ASSERT_EQ(merged.size(), 2u);
    EXPECT_EQ(merged[0].first_row, 3);  // C4:D5
    EXPECT_EQ(merged[0].last_col, 3);
    EXPECT_EQ(merged[1].first_row, 1);  // A2:A3
    EXPECT_EQ(merged[1].last_row, 2);
    EXPECT_EQ(merged[1].first_col, 0);
  }
  // An empty <sheetData/> followed by merges.
  auto empty = OpenXlsx(InputFile::FromBytes(
      MakeXlsx(R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData />)"
               R"(<mergeCells><mergeCell ref="B2:C2"/></mergeCells></worksheet>)"),
      "t.xlsx"));
  ASSERT_TRUE(empty);
  ASSERT_EQ((*empty)->sheets()[0].merged.size(), 1u);
  EXPECT_EQ((*empty)->sheets()[0].merged[0].last_col, 2);
}

// What expat refuses pugixml would accept (control characters, unknown entities, references to
// code points XML does not allow): such fragments go to expat, so both ways refuse the same files.
TEST(XlsxRows, BadCharactersAndEntitiesAreRefusedBothWays) {
  for (const std::string text : {"14112419650312015&#0;junk", "张&nbsp;华兴", "a\x01b", "a&#1;b", "a&#xD800;b"}) {
    Read r = ReadAllWays(Sheet(R"(<row r="1"><c t="inlineStr"><is><t>)" + text + "</t></is></c></row>"));
    EXPECT_NE(r.error.find("not well-formed"), std::string::npos) << text << ": " << r.error;
  }
  Read ok = ReadAllWays(Sheet(R"(<row r="1"><c t="inlineStr"><is><t>&#20013;&#x4E2D;&#9;&amp;&apos;</t></is></c></row>)"));
  ASSERT_EQ(ok.error, "");
  EXPECT_EQ(ok.rows[0].cells[0].text, "中中\t&'");
}

// A part that inflates to more than its declared size is refused (a zip bomb lying about its
// size), not inflated to the end.
TEST(XlsxRows, APartLargerThanItDeclaresIsRefused) {
  std::string rows;
  for (int i = 1; i <= 200; ++i) rows += fmt::format(R"(<row r="{0}"><c><v>{0}</v></c></row>)", i);
  std::string x = MakeXlsx(Sheet(rows));
  const std::string name = "xl/worksheets/sheet1.xml";
  int patched = 0;
  for (size_t pos = x.find(name); pos != std::string::npos; pos = x.find(name, pos + 1)) {
    size_t field = 0;
    if (pos >= 30 && x.compare(pos - 30, 4, "PK\x03\x04") == 0) field = pos - 30 + 22;       // local header
    else if (pos >= 46 && x.compare(pos - 46, 4, "PK\x01\x02") == 0) field = pos - 46 + 24;  // central directory
    else continue;
    x[field] = 100, x[field + 1] = 0, x[field + 2] = 0, x[field + 3] = 0;  // "100 bytes"
    ++patched;
  }
  ASSERT_EQ(patched, 2);
  Read r = ReadSheet(x, PugiDefault());
  EXPECT_NE(r.error.find("inflates to more than the 100 bytes it declares"), std::string::npos) << r.error;
}

TEST(XlsxRows, ManyRowsAcrossManyFragments) {
  std::string rows;
  for (int i = 1; i <= 3000; ++i)
    rows += fmt::format(R"(<row r="{0}"><c r="A{0}" t="inlineStr"><is><t>名{0}</t></is></c><c r="B{0}"><v>{0}.5</v></c></row>)", i);
  std::string x = MakeXlsx(Sheet(rows));
  XlsxLimits small;
  small.row_chunk_bytes = 1000;
  small.read_chunk_bytes = 333;
  Read e = ReadSheet(x, Expat());
  for (const XlsxLimits& l : {PugiDefault(), small}) {
    Read p = ReadSheet(x, l);
    ASSERT_EQ(p.error, "");
    ASSERT_EQ(p.rows.size(), 3000u);
    EXPECT_EQ(Show(p.rows), Show(e.rows));
    EXPECT_EQ(p.rows[2999].cells[0].text, "名3000");
    EXPECT_EQ(p.rows[2999].cells[1].number, 3000.5);
  }
}

}  // namespace
}  // namespace anju::importer
