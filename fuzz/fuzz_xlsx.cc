// libFuzzer target: the xlsx reader (libzip, expat, pugixml) on arbitrary bytes: zip container,
// parts, relationships, shared strings, styles, sheets and merged ranges. Properties: no crash
// or sanitizer report; refused input comes back as an error value; and the two ways of parsing
// sheet rows (pugixml fragments, expat only) deliver the same rows whenever both succeed.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "importer/readers.h"

using namespace anju::importer;

namespace {

bool SameCell(const Cell& a, const Cell& b) {
  return a.type == b.type && a.date_format == b.date_format && a.text == b.text &&
         (a.number == b.number || (std::isnan(a.number) && std::isnan(b.number)));
}

// Reads every sheet; returns false when opening or a sheet fails.
bool ReadAll(const std::shared_ptr<InputFile>& file, bool pugixml, std::vector<std::vector<Row>>& out) {
  XlsxLimits limits;
  limits.max_entry_bytes = 64 << 20;  // keep each run small
  limits.max_total_bytes = 128 << 20;
  limits.pugixml_rows = pugixml;
  limits.row_chunk_bytes = 64;  // many fragments, so that cuts are exercised
  auto wb = OpenXlsx(file, limits);
  if (!wb) return false;
  bool ok = true;
  for (size_t i = 0; i < (*wb)->sheets().size(); ++i) {
    out.emplace_back();
    auto st = (*wb)->ReadRows(i, [&](const Row& r) -> anju::Status {
      if (out.back().size() >= 20000) return std::unexpected(anju::Error{});  // stop: enough rows
      out.back().push_back(r);
      return {};
    });
    if (!st) ok = false;
  }
  return ok;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto file = InputFile::FromBytes(std::string(reinterpret_cast<const char*>(data), size), "f.xlsx");
  std::vector<std::vector<Row>> fast, slow;
  bool fast_ok = ReadAll(file, true, fast);
  bool slow_ok = ReadAll(file, false, slow);
  if (!fast_ok || !slow_ok) return 0;
  if (fast.size() != slow.size()) std::abort();
  for (size_t s = 0; s < fast.size(); ++s) {
    if (fast[s].size() != slow[s].size()) std::abort();
    for (size_t r = 0; r < fast[s].size(); ++r) {
      const Row &a = fast[s][r], &b = slow[s][r];
      if (a.number != b.number || a.cells.size() != b.cells.size()) std::abort();
      for (size_t c = 0; c < a.cells.size(); ++c)
        if (!SameCell(a.cells[c], b.cells[c])) std::abort();
    }
  }
  return 0;
}
