#include "core/division_code.h"

#include <fmt/format.h>

namespace anju {

std::string_view DivisionLevelName(DivisionLevel level) {
  switch (level) {
    case DivisionLevel::kProvince: return "province";
    case DivisionLevel::kCity: return "city";
    case DivisionLevel::kCounty: return "county";
    case DivisionLevel::kTownship: return "township";
    case DivisionLevel::kVillage: return "village";
  }
  return "province";
}

Result<DivisionLevel> ParseDivisionLevel(std::string_view n) {
  if (n == "province") return DivisionLevel::kProvince;
  if (n == "city") return DivisionLevel::kCity;
  if (n == "county") return DivisionLevel::kCounty;
  if (n == "township") return DivisionLevel::kTownship;
  if (n == "village") return DivisionLevel::kVillage;
  return InvalidArgument("division level must be province, city, county, township or village",
                         "level", std::string(n));
}

static size_t LengthOf(DivisionLevel l) {
  switch (l) {
    case DivisionLevel::kProvince: return 2;
    case DivisionLevel::kCity: return 4;
    case DivisionLevel::kCounty: return 6;
    case DivisionLevel::kTownship: return 9;
    case DivisionLevel::kVillage: return 12;
  }
  return 12;
}

std::string DivisionCode::Padded12() const { return code_ + std::string(12 - code_.size(), '0'); }

std::optional<DivisionCode> DivisionCode::Parent() const {
  if (level_ == DivisionLevel::kProvince) return std::nullopt;
  DivisionCode p;
  p.level_ = static_cast<DivisionLevel>(static_cast<int>(level_) - 1);
  p.code_ = code_.substr(0, LengthOf(p.level_));
  return p;
}

bool DivisionCode::Contains(const DivisionCode& o) const {
  return o.code_.size() >= code_.size() && o.code_.compare(0, code_.size(), code_) == 0;
}

bool DivisionCode::IsResidentsCommittee() const {
  return level_ == DivisionLevel::kVillage && code_.compare(9, 3, "200") < 0;
}

Result<DivisionCode> ParseDivisionCode(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  auto bad = [&](std::string why) {
    return InvalidArgument(std::move(why) +
                               "; a statistical division code has 12 digits (or its 2/4/6/9-digit "
                               "prefix), e.g. 141124100201",
                           "division_code", std::string(text), "统计用区划代码格式错误");
  };
  for (char c : text)
    if (c < '0' || c > '9') return bad(fmt::format("'{}' is not a digit", c));
  std::string s(text);
  if (s.size() == 12) {
    // Strip zero parts from the right: 141124000000 -> 141124.
    if (s.compare(9, 3, "000") == 0) s.resize(9);
    if (s.size() == 9 && s.compare(6, 3, "000") == 0) s.resize(6);
    if (s.size() == 6 && s.compare(4, 2, "00") == 0) s.resize(4);
    if (s.size() == 4 && s.compare(2, 2, "00") == 0) s.resize(2);
  }
  DivisionCode d;
  switch (s.size()) {
    case 2: d.level_ = DivisionLevel::kProvince; break;
    case 4: d.level_ = DivisionLevel::kCity; break;
    case 6: d.level_ = DivisionLevel::kCounty; break;
    case 9: d.level_ = DivisionLevel::kTownship; break;
    case 12: d.level_ = DivisionLevel::kVillage; break;
    default: return bad(fmt::format("has {} digits", text.size()));
  }
  int province = (s[0] - '0') * 10 + (s[1] - '0');
  if (province < 11 || province > 83) return bad(fmt::format("province {:02d} does not exist", province));
  // No zero part below a non-zero one is allowed in the prefix form beyond the province.
  if (s.size() >= 4 && s.compare(2, 2, "00") == 0) return bad("city part is 00");
  // A county part of 00 is legal below a city without counties (东莞市 441900003000).
  if (s.size() >= 9 && s.compare(6, 3, "000") == 0) return bad("township part is 000");
  d.code_ = std::move(s);
  return d;
}

}  // namespace anju
