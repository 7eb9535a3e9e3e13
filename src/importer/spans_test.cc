// Spans and merged ranges are bounded (issue #12, item 8): a 162 KB HTML table saved as .xls
// whose every cell has rowspan and colspan 1000 took 91 s and 19.8 GB to dry-run. Each reader
// clamps HTML spans as browsers do, keeps a sheet within Excel's 16,384 columns, and refuses a
// sheet whose merged ranges cover more cells than SpanLimits::max_merged_cells, naming the
// sheet, the cell, the span and the limit. Bounded work is asserted through the readers'
// counter (SheetInfo::merged_cells, computed here by hand), not by timing; the memory bound is
// checked by spans_cli_test.sh under a 1 GiB address-space limit.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <zip.h>

#include <string>
#include <vector>

#include "importer/header.h"
#include "importer/readers.h"
#include "importer/xlsx_test_util.h"

namespace anju::importer {
namespace {

using test::MakeXlsx;

// The issue's file: an HTML table of `rows` rows of `cols` cells, every cell with rowspan and
// colspan `span`. SpanTable(64, 64) is 164,558 bytes (the issue's "162 KB" file), SpanTable(4, 4)
// 758 bytes (its "762-byte" one).
std::string SpanTable(int rows, int cols, int span = 1000) {
  std::string s = "<html><head><meta charset=\"utf-8\"></head><body><table>\n";
  for (int r = 0; r < rows; ++r) {
    s += "<tr>";
    for (int c = 0; c < cols; ++c) s += fmt::format("<td rowspan=\"{0}\" colspan=\"{0}\">x</td>", span);
    s += "</tr>\n";
  }
  return s + "</table></body></html>\n";
}

std::vector<Row> AllRowsOf(Workbook& wb) {
  std::vector<Row> rows;
  auto st = wb.ReadRows(0, [&](const Row& r) -> Status {
    rows.push_back(r);
    return {};
  });
  EXPECT_TRUE(st) << st.error().ToString();
  return rows;
}

bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(Spans, TheIssuesHtmlFileIsRefusedNamingCellSpanAndLimit) {
  std::string html = SpanTable(64, 64);
  ASSERT_EQ(html.size(), 164558u);
  auto wb = OpenHtmlTable(InputFile::FromBytes(html, "spans.xls"));
  ASSERT_FALSE(wb) << "a table 64,000 columns wide was accepted";
  const Error& e = wb.error();
  EXPECT_EQ(e.code, ErrorCode::kInvalidArgument);
  // Row 1 holds 64 cells of colspan 1000 at columns 0, 1000, …; the 17th starts at column
  // 16000 (0-based) and would end at 16999, past XFD (16383). 16000 in letters: 16000 =
  // ((23-1)·26 + 16)·26 + 10 with A=0 in the last place → W Q K.
  EXPECT_TRUE(Has(e.message, "spans.xls")) << e.message;
  EXPECT_TRUE(Has(e.message, "WQK1")) << e.message;
  EXPECT_TRUE(Has(e.message, "colspan 1000")) << e.message;
  EXPECT_TRUE(Has(e.message, "16,384")) << e.message;
  EXPECT_TRUE(Has(e.message, "unmerge")) << e.message;
  EXPECT_TRUE(Has(e.message_zh, "WQK1")) << e.message_zh;
  EXPECT_TRUE(Has(e.message_zh, "取消合并")) << e.message_zh;
}

TEST(Spans, RowspansCountOnlyToTheTablesLastRow) {
  // The issue's 762-byte file: 4 rows of 4 cells spanning 1000×1000. Row 1's cells take columns
  // 0–3999 of rows 1–4, row 2's 4000–7999 of rows 2–4, and so on: the table is 16,000
  // columns wide and its spans cover 4·1000·(4+3+2+1) = 40,000 cells, not 16,000,000.
  std::string html = SpanTable(4, 4);
  ASSERT_EQ(html.size(), 758u);
  auto wb = OpenHtmlTable(InputFile::FromBytes(html, "small.xls"));
  ASSERT_TRUE(wb) << wb.error().ToString();
  const SheetInfo& info = (*wb)->sheets()[0];
  EXPECT_EQ(info.merged_cells, 40000);
  ASSERT_EQ(info.merged.size(), 16u);
  EXPECT_EQ(info.merged[0].first_row, 0);
  EXPECT_EQ(info.merged[0].last_row, 3);
  EXPECT_EQ(info.merged[0].first_col, 0);
  EXPECT_EQ(info.merged[0].last_col, 999);
  EXPECT_EQ(info.merged[15].first_row, 3);
  EXPECT_EQ(info.merged[15].last_row, 3);
  EXPECT_EQ(info.merged[15].first_col, 15000);
  auto rows = AllRowsOf(**wb);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[3].cells.size(), 15001u);
  EXPECT_EQ(rows[3].cells[15000].text, "x");
  EXPECT_EQ(rows[3].cells[14999].type, Cell::Type::kEmpty);
}

TEST(Spans, SpansOverTheBudgetAreRefusedAsTheyCover) {
  // 16 cells of rowspan 65534 × colspan 1000 then one-cell rows: each row adds 16,000 covered
  // cells; row 1251 brings them to 20,016,000 > 20,000,000 (the default budget).
  std::string html = "<table><tr>";
  for (int c = 0; c < 16; ++c) html += "<td rowspan=\"65534\" colspan=\"1000\">h</td>";
  html += "</tr>\n";
  for (int r = 0; r < 1300; ++r) html += "<tr><td>x</td></tr>\n";
  html += "</table>";
  auto wb = OpenHtmlTable(InputFile::FromBytes(html, "tall.xls"));
  ASSERT_FALSE(wb) << "spans covering 20.8 M cells were accepted";
  EXPECT_TRUE(Has(wb.error().message, "20,000,000")) << wb.error().message;
  EXPECT_TRUE(Has(wb.error().message, "20,016,000")) << wb.error().message;
  EXPECT_TRUE(Has(wb.error().message, "row 1251")) << wb.error().message;
  EXPECT_TRUE(Has(wb.error().message, "A1 (rowspan 65534, colspan 1000)")) << wb.error().message;
  EXPECT_TRUE(Has(wb.error().message_zh, "20,000,000")) << wb.error().message_zh;

  // 1249 one-cell rows (1250 rows in all): 16,000 × 1250 = 20,000,000 is within the budget.
  html = "<table><tr>";
  for (int c = 0; c < 16; ++c) html += "<td rowspan=\"65534\" colspan=\"1000\">h</td>";
  html += "</tr>\n";
  for (int r = 0; r < 1249; ++r) html += "<tr><td>x</td></tr>\n";
  html += "</table>";
  auto ok = OpenHtmlTable(InputFile::FromBytes(html, "tall.xls"));
  ASSERT_TRUE(ok) << ok.error().ToString();
  EXPECT_EQ((*ok)->sheets()[0].merged_cells, 20000000);
  EXPECT_EQ((*ok)->sheets()[0].merged[0].last_row, 1249);  // clipped to the last row
  // Rows are made dense one at a time (16,001 cells each here): looked at, not kept.
  size_t count = 0, last_width = 0;
  auto st = (*ok)->ReadRows(0, [&](const Row& r) -> Status {
    ++count;
    last_width = r.cells.size();
    return {};
  });
  ASSERT_TRUE(st) << st.error().ToString();
  EXPECT_EQ(count, 1250u);
  EXPECT_EQ(last_width, 16001u);  // the one cell lands right of the spans
}

TEST(Spans, HtmlSpansAreClampedAsBrowsersDo) {
  // colspan 5000 is read as 1000, rowspan 99999 as 65534 (then clipped to the 2 rows).
  auto wb = OpenHtmlTable(InputFile::FromBytes(
      "<table><tr><td colspan=\"5000\" rowspan=\"99999\">a</td><td>b</td></tr><tr><td>c</td></tr></table>", "c.xls"));
  ASSERT_TRUE(wb) << wb.error().ToString();
  const SheetInfo& info = (*wb)->sheets()[0];
  ASSERT_EQ(info.merged.size(), 1u);
  EXPECT_EQ(info.merged[0].last_col, 999);
  EXPECT_EQ(info.merged[0].last_row, 1);
  EXPECT_EQ(info.merged_cells, 2000);
  auto rows = AllRowsOf(**wb);
  ASSERT_EQ(rows.size(), 2u);
  ASSERT_EQ(rows[0].cells.size(), 1001u);
  EXPECT_EQ(rows[0].cells[1000].text, "b");
  ASSERT_EQ(rows[1].cells.size(), 1001u);  // c is right of the rowspan
  EXPECT_EQ(rows[1].cells[1000].text, "c");
}

TEST(Spans, MergedHeaderOverThirtyColumnsStillMapsItsColumns) {
  // 姓名 and 公民身份号码 span both header rows; 安置房 spans 30 columns over 楼栋 / 单元 / 房号
  // and 27 other headings (as the township template, wider).
  std::string html = "<table><tr><td rowspan=\"2\">姓名</td><td rowspan=\"2\">公民身份号码</td>"
                     "<td colspan=\"30\">安置房</td></tr><tr><td>楼栋</td><td>单元</td><td>房号</td>";
  for (int c = 3; c < 30; ++c) html += fmt::format("<td>备用{}</td>", c);
  html += "</tr><tr><td>张三</td><td>110101199003070011</td><td>1</td><td>2</td><td>101</td></tr></table>";
  auto wb = OpenHtmlTable(InputFile::FromBytes(html, "h.xls"));
  ASSERT_TRUE(wb) << wb.error().ToString();
  EXPECT_EQ((*wb)->sheets()[0].merged_cells, 2 + 2 + 30);
  auto rows = AllRowsOf(**wb);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].cells.size(), 32u);  // 楼栋 lands in column C, right of the two rowspans
  EXPECT_EQ(rows[1].cells[2].text, "楼栋");
  auto h = DetectHeader(rows, (*wb)->sheets()[0].merged, nullptr);
  ASSERT_TRUE(h) << h.error().ToString();
  // Row 2 reads 姓名 and 公民身份号码 through the rowspans above it, so it alone names all five
  // fields (a pair of rows wins only when it names more); the data start on row 3.
  EXPECT_EQ(h->last_row, 2);
  EXPECT_EQ(h->ColumnOf(Field::kName), 0);
  EXPECT_EQ(h->ColumnOf(Field::kResidentId), 1);
  EXPECT_EQ(h->ColumnOf(Field::kBuilding), 2);
  EXPECT_EQ(h->ColumnOf(Field::kEntrance), 3);
  EXPECT_EQ(h->ColumnOf(Field::kRoom), 4);
}

std::string SheetWithMerges(const std::string& merges) {
  return R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)"
         R"(<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>)"
         R"(<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c></row></sheetData>)" +
         merges + "</worksheet>";
}

TEST(Spans, XlsxMergeOfTheWholeSheetIsRefusedWhenTheSheetIsRead) {
  std::string x = MakeXlsx(SheetWithMerges(R"(<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>)"));
  auto wb = OpenXlsx(InputFile::FromBytes(x, "whole.xlsx"));
  ASSERT_TRUE(wb) << wb.error().ToString();  // the workbook opens: other sheets stay readable
  EXPECT_TRUE((*wb)->sheets()[0].merged.empty()) << "the refused ranges must not reach the importer";
  auto st = (*wb)->ReadRows(0, [](const Row&) -> Status { return {}; });
  ASSERT_FALSE(st) << "a merge of 17,179,869,184 cells was accepted";
  const Error& e = st.error();
  EXPECT_EQ(e.code, ErrorCode::kInvalidArgument);
  // 16,384 columns × 1,048,576 rows = 17,179,869,184 cells.
  for (const char* part : {"whole.xlsx", "'S'", "A1:XFD1048576", "17,179,869,184", "20,000,000", "unmerge"})
    EXPECT_TRUE(Has(e.message, part)) << part << " in " << e.message;
  EXPECT_TRUE(Has(e.message_zh, "A1:XFD1048576")) << e.message_zh;
  EXPECT_TRUE(Has(e.message_zh, "取消合并")) << e.message_zh;
}

TEST(Spans, XlsxMergesAddUpAgainstTheBudget) {
  XlsxLimits limits;
  limits.spans.max_merged_cells = 10;
  // A1:B3 is 6 cells, C1:D2 4: 10 in all, within a budget of 10.
  std::string ok = SheetWithMerges(R"(<mergeCells><mergeCell ref="A1:B3"/><mergeCell ref="C1:D2"/></mergeCells>)");
  auto wb = OpenXlsx(InputFile::FromBytes(MakeXlsx(ok), "m.xlsx"), limits);
  ASSERT_TRUE(wb) << wb.error().ToString();
  EXPECT_EQ((*wb)->sheets()[0].merged_cells, 10);
  EXPECT_EQ((*wb)->sheets()[0].merged.size(), 2u);
  EXPECT_TRUE((*wb)->ReadRows(0, [](const Row&) -> Status { return {}; }));
  // E1:E2 brings them to 12: refused, naming the range that went over.
  std::string over = SheetWithMerges(
      R"(<mergeCells><mergeCell ref="A1:B3"/><mergeCell ref="C1:D2"/><mergeCell ref="E1:E2"/></mergeCells>)");
  wb = OpenXlsx(InputFile::FromBytes(MakeXlsx(over), "m.xlsx"), limits);
  ASSERT_TRUE(wb) << wb.error().ToString();
  auto st = (*wb)->ReadRows(0, [](const Row&) -> Status { return {}; });
  ASSERT_FALSE(st);
  EXPECT_TRUE(Has(st.error().message, "E1:E2")) << st.error().message;
  EXPECT_TRUE(Has(st.error().message, "12")) << st.error().message;
}

}  // namespace
}  // namespace anju::importer
