// libFuzzer target: the xls (BIFF 5/8) reader through libfreexl on arbitrary bytes (written to
// a temporary file, as an upload is). Properties: no crash or sanitizer report in our code
// (libfreexl itself is not instrumented); refused input comes back as an error value; rows
// come in increasing order with valid UTF-8 text.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "importer/readers.h"
#include "importer/text_decode.h"

using namespace anju::importer;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto file = InputFile::FromBytes(std::string(reinterpret_cast<const char*>(data), size), "f.xls");
  auto wb = OpenXls(file);
  if (!wb) return 0;
  for (size_t i = 0; i < (*wb)->sheets().size(); ++i) {
    int64_t last = 0, rows = 0;
    auto st = (*wb)->ReadRows(i, [&](const Row& r) -> anju::Status {
      if (r.number <= last) std::abort();
      last = r.number;
      for (const Cell& c : r.cells)
        if (!IsValidUtf8(c.text)) std::abort();
      if (++rows >= 5000) return std::unexpected(anju::Error{});  // enough rows
      return {};
    });
    (void)st;
  }
  return 0;
}
