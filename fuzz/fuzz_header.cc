// libFuzzer target: what an import does before cleaning, on arbitrary bytes of any format:
// OpenWorkbook (format by content: xlsx, xls, HTML, CSV/TSV), the first 40 rows of each sheet,
// and DetectHeader with the sheet's merged ranges (two-level headers, synonyms). Properties:
// no crash or sanitizer report; errors are values; a detected header's columns are within the
// width of the rows read and its first and last rows are among them.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "importer/header.h"
#include "importer/input.h"
#include "importer/readers.h"

using namespace anju::importer;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto file = InputFile::FromBytes(std::string(reinterpret_cast<const char*>(data), size), "f");
  auto wb = OpenWorkbook(file);
  if (!wb) return 0;
  for (size_t i = 0; i < (*wb)->sheets().size() && i < 4; ++i) {
    std::vector<Row> rows;
    auto st = (*wb)->ReadRows(i, [&](const Row& r) -> anju::Status {
      rows.push_back(r);
      if (rows.size() >= 40) return std::unexpected(anju::Error{});  // the importer's 40 rows
      return {};
    });
    (void)st;
    const SheetInfo& info = (*wb)->sheets()[i];
    auto h = DetectHeader(rows, info.merged, nullptr);
    if (!h) continue;
    bool first_found = false, last_found = false;
    for (const Row& r : rows) {
      first_found |= r.number == h->first_row;
      last_found |= r.number == h->last_row;
    }
    if (!first_found || !last_found || h->first_row > h->last_row) std::abort();
    size_t width = 0;
    for (const Row& r : rows) width = std::max(width, r.cells.size());
    for (const ColumnMapping& c : h->columns)
      if (c.col < 0 || static_cast<size_t>(c.col) >= width) std::abort();
  }
  return 0;
}
