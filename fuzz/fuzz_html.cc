// libFuzzer target: the HTML-table reader (what systems export as ".xls") with its span limits,
// then header detection on its rows. Properties: no crash or sanitizer report; a table that
// opens keeps every row within SpanLimits::max_columns, every merged range within the table
// and of at least two cells, and SheetInfo::merged_cells equal to what the ranges cover and
// within max_merged_cells (issue #12, item 8: spans are bounded, never expanded cell by cell).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "importer/header.h"
#include "importer/readers.h"
#include "importer/text_decode.h"

using namespace anju::importer;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  SpanLimits limits;  // small, so that runs stay fast; the rules are the same
  limits.max_columns = 2048;
  limits.max_colspan = 1000;
  limits.max_rowspan = 65534;
  limits.max_merged_cells = 200000;
  auto file = InputFile::FromBytes(std::string(reinterpret_cast<const char*>(data), size), "f.xls");
  auto wb = OpenHtmlTable(file, {}, limits);
  if (!wb) return 0;
  const SheetInfo& info = (*wb)->sheets()[0];
  std::vector<Row> rows;
  auto st = (*wb)->ReadRows(0, [&](const Row& r) -> anju::Status {
    if (!rows.empty() && r.number <= rows.back().number) std::abort();
    if (r.cells.size() > static_cast<size_t>(limits.max_columns)) std::abort();
    for (const Cell& c : r.cells)
      if (!IsValidUtf8(c.text)) std::abort();
    if (rows.size() < 40) rows.push_back(r);
    return {};
  });
  if (!st) std::abort();  // an opened table always reads
  int64_t covered = 0;
  for (const MergedRange& m : info.merged) {
    if (m.first_row < 0 || m.last_row < m.first_row || m.first_col < 0 || m.last_col < m.first_col) std::abort();
    if (m.last_col >= limits.max_columns) std::abort();
    int64_t cells = (m.last_row - m.first_row + 1) * (m.last_col - m.first_col + 1);
    if (cells < 2) std::abort();
    covered += cells;
  }
  if (covered != info.merged_cells || covered > limits.max_merged_cells) std::abort();
  auto h = DetectHeader(rows, info.merged, nullptr);
  (void)h;
  return 0;
}
