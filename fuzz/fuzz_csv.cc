// libFuzzer target: text decoding (BOM, UTF-8, UTF-16, GB18030) and the CSV/TSV and HTML-table
// readers on arbitrary bytes. Properties checked: no crash or sanitizer report, every cell of
// every row is valid UTF-8, row numbers strictly increase.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "importer/readers.h"
#include "importer/text_decode.h"

using namespace anju::importer;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  for (bool html : {false, true}) {
    auto file = InputFile::FromBytes(bytes, html ? "f.xls" : "f.csv");
    auto wb = html ? OpenHtmlTable(file) : OpenCsv(file);
    if (!wb) continue;
    int64_t last = 0;
    auto st = (*wb)->ReadRows(0, [&](const Row& r) -> anju::Status {
      if (r.number <= last) std::abort();
      last = r.number;
      for (const Cell& c : r.cells)
        if (!IsValidUtf8(c.text)) std::abort();
      return {};
    });
    (void)st;
  }
  return 0;
}
