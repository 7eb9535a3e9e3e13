// What merged ranges may cover (SpanLimits, importer/readers.h): the xlsx reader's check.
#include <fmt/format.h>

#include "importer/readers.h"

namespace anju::importer {

std::string Thousands(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return n < 0 ? "-" + out : out;
}

Status AddMergedRange(std::string_view file, SheetInfo& sheet, const MergedRange& m, const SpanLimits& limits) {
  // Ranges written backwards (B3:A1) cover the same cells; ParseCellRef bounds both corners
  // (columns ≤ 16,384, rows ≤ 10^8), so the product fits in 64 bits.
  const int64_t rows = (m.last_row > m.first_row ? m.last_row - m.first_row : m.first_row - m.last_row) + 1;
  const int64_t cols = (m.last_col > m.first_col ? m.last_col - m.first_col : m.first_col - m.last_col) + 1;
  const int64_t cells = rows * cols;
  if (cells > 1 && sheet.merged_cells + cells > limits.max_merged_cells) {
    std::string ref = fmt::format("{}{}:{}{}", ColumnLetter(m.first_col), m.first_row + 1, ColumnLetter(m.last_col),
                                  m.last_row + 1);
    return InvalidArgument(
        fmt::format("{}, sheet '{}': the merged range {} covers {} cells ({} rows × {} columns), which brings the "
                    "cells covered by the sheet's merged ranges to {}; at most {} are read per sheet (a roster's "
                    "merged household cells need far fewer). Fix: unmerge the cells (select them, Merge & Center "
                    "off) or save the sheet as .xlsx without merged cells, then import again",
                    file, sheet.name, ref, Thousands(cells), Thousands(rows), Thousands(cols),
                    Thousands(sheet.merged_cells + cells), Thousands(limits.max_merged_cells)),
        "file", std::string(file),
        fmt::format("{} 工作表“{}”：合并单元格 {} 覆盖 {} 个单元格（{} 行 × {} 列），使本表合并单元格合计达到 {} 个，"
                    "超过每表上限 {} 个。请取消合并单元格（或另存为不含合并单元格的 .xlsx）后重新导入",
                    file, sheet.name, ref, Thousands(cells), Thousands(rows), Thousands(cols),
                    Thousands(sheet.merged_cells + cells), Thousands(limits.max_merged_cells)));
  }
  if (cells > 1) sheet.merged_cells += cells;
  sheet.merged.push_back(m);
  return {};
}

}  // namespace anju::importer
