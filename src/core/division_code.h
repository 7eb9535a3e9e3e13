// Statistical division code (统计用区划代码), National Bureau of Statistics.
//
// 12 digits: 2 province, 2 city (prefecture), 2 county, 3 township, 3 village. A unit of a
// higher level is written either by its prefix (2, 4, 6 or 9 digits: "141124" is Lin County)
// or as 12 digits padded with zeros ("141124000000"). DivisionCode keeps the prefix form.
// Township codes 001-099 are 街道, 100-199 镇, 200-399 乡; village codes 001-199 are 居民委员会,
// 200-399 村民委员会 (NBS 统计用区划代码编制规则).
//
// Thread-safety: value type.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace anju {

enum class DivisionLevel { kProvince, kCity, kCounty, kTownship, kVillage };

/// "province", "city", "county", "township", "village".
std::string_view DivisionLevelName(DivisionLevel level);
Result<DivisionLevel> ParseDivisionLevel(std::string_view name);

class DivisionCode {
 public:
  /// The prefix form: 2, 4, 6, 9 or 12 digits.
  const std::string& str() const { return code_; }
  DivisionLevel level() const { return level_; }
  /// The 12-digit form, padded with zeros.
  std::string Padded12() const;
  /// The parent unit (none for a province).
  std::optional<DivisionCode> Parent() const;
  /// True if `other` is this unit or lies inside it (e.g. 141124 contains 141124100201).
  bool Contains(const DivisionCode& other) const;
  /// For villages: true if a 居民委员会 (urban community, 001-199), false if a 村民委员会.
  bool IsResidentsCommittee() const;

  friend bool operator==(const DivisionCode&, const DivisionCode&) = default;

 private:
  friend Result<DivisionCode> ParseDivisionCode(std::string_view);
  std::string code_;
  DivisionLevel level_ = DivisionLevel::kProvince;
};

/// Accepts a prefix form (2/4/6/9/12 digits) or a 12-digit zero-padded code and returns the
/// prefix form with its level. Surrounding spaces are trimmed.
/// Errors (kInvalidArgument, field "division_code"): non-digits, another length, an all-zero
/// city part of 00 ("140012..."), a township part of 000 in a village code, a province outside
/// 11..83.
Result<DivisionCode> ParseDivisionCode(std::string_view text);

}  // namespace anju
