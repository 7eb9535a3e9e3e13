// libFuzzer target: the xlsx reader (libzip + expat) on arbitrary bytes: zip container, parts,
// relationships, shared strings, styles, sheets and merged ranges. Properties: no crash or
// sanitizer report; refused input comes back as an error value.
#include <cstdint>
#include <string>

#include "importer/readers.h"

using namespace anju::importer;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto file = InputFile::FromBytes(std::string(reinterpret_cast<const char*>(data), size), "f.xlsx");
  XlsxLimits limits;
  limits.max_entry_bytes = 64 << 20;  // keep each run small
  limits.max_total_bytes = 128 << 20;
  auto wb = OpenXlsx(file, limits);
  if (!wb) return 0;
  for (size_t i = 0; i < (*wb)->sheets().size(); ++i) {
    int rows = 0;
    auto st = (*wb)->ReadRows(i, [&](const Row&) -> anju::Status {
      if (++rows > 100000) return std::unexpected(anju::Error{});  // stop: enough rows
      return {};
    });
    (void)st;
  }
  return 0;
}
