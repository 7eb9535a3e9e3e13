// libFuzzer target: the resident id parser and the cell cleaners on arbitrary text.
// Properties: no crash; an accepted id is 18 characters whose check character is right, and
// parsing it again gives the same id (normalisation is idempotent).
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/resident_id.h"
#include "importer/clean.h"

using namespace anju;
using namespace anju::importer;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string s(reinterpret_cast<const char*>(data), size);
  const Date today{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{29}};
  auto id = ParseResidentId(s, today);
  if (id) {
    const std::string& v = id->str();
    if (v.size() != 18 || ResidentIdCheckChar(std::string_view(v).substr(0, 17)) != v[17]) std::abort();
    auto again = ParseResidentId(v, today);
    if (!again || again->str() != v) std::abort();
  }
  Cell c;
  c.type = Cell::Type::kText;
  c.text = s;
  Problems ps;
  if (auto r = CleanResidentId(c, today, ps); r && r->size() != 18) std::abort();
  (void)CleanName(c, ps);
  (void)CleanDate(c, size % 2 == 1, ps);
  (void)CleanPhone(c, ps);
  (void)CleanRelationship(c, ps);
  return 0;
}
