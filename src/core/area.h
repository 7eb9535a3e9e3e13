// Areas of land and housing, stored exactly.
//
// Land is measured in mu (亩; 1 mu = 10000/15 m² ≈ 666.67 m², the statutory ratio), housing in
// square metres (m²). Neither converts to the other in finite decimals, so an Area holds an
// integer count of 1/1500 m²: 1 m² = 1500 units and 1 mu = 1,000,000 units, so every value
// written with up to two decimals in either unit (0.01 m² = 15 units, 0.01 mu = 10,000 units)
// is exact, sums are exact, and int64 holds up to 6·10^15 m² (far above any county).
// The database stores housing floor areas in dm² (0.01 m²) and land areas in 0.01 mu;
// both convert to and from Area without loss.
//
// Thread-safety: value type.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"

namespace anju {

class Area {
 public:
  static constexpr int64_t kUnitsPerSquareMetre = 1500;
  static constexpr int64_t kUnitsPerMu = 1000000;  // 10000/15 m² × 1500

  constexpr Area() = default;
  static constexpr Area FromUnits(int64_t units) { return Area(units); }
  /// From hundredths of a square metre (dm²), e.g. 8550 -> 85.50 m².
  static constexpr Area FromSquareDecimetres(int64_t dm2) { return Area(dm2 * 15); }
  /// From hundredths of a mu, e.g. 240000 -> 2,400.00 mu.
  static constexpr Area FromCentimu(int64_t cmu) { return Area(cmu * 10000); }
  static constexpr Area FromMu(int64_t mu) { return Area(mu * kUnitsPerMu); }
  static constexpr Area FromSquareMetres(int64_t m2) { return Area(m2 * kUnitsPerSquareMetre); }

  constexpr int64_t units() const { return units_; }
  double SquareMetres() const { return static_cast<double>(units_) / kUnitsPerSquareMetre; }
  double Mu() const { return static_cast<double>(units_) / kUnitsPerMu; }
  /// Hundredths of m², rounded half away from zero (exact when the area came from dm²).
  int64_t RoundedSquareDecimetres() const;
  /// Hundredths of mu, rounded half away from zero (exact when the area came from 0.01 mu).
  int64_t RoundedCentimu() const;

  friend constexpr auto operator<=>(Area, Area) = default;
  friend constexpr Area operator+(Area a, Area b) { return Area(a.units_ + b.units_); }
  friend constexpr Area operator-(Area a, Area b) { return Area(a.units_ - b.units_); }

 private:
  constexpr explicit Area(int64_t units) : units_(units) {}
  int64_t units_ = 0;
};

/// Parses a decimal number of square metres with up to two decimals ("85", "85.5", "85.50",
/// "85.5㎡", "85.5平方米"). Errors: kInvalidArgument (not a number, negative, more than two
/// decimals — never rounded silently).
Result<Area> ParseSquareMetres(std::string_view text);
/// Parses mu with up to two decimals; accepts "2.4万" (×10,000) and a trailing "亩".
Result<Area> ParseMu(std::string_view text);

/// "85.50" (m², two decimals) and "2400.00" (mu, two decimals).
std::string FormatSquareMetres(Area a);
std::string FormatMu(Area a);

namespace detail {
/// Parses a non-negative decimal with at most `max_decimals` into an integer scaled by
/// 10^max_decimals. Shared by ParseYuan/ParseMu/ParseSquareMetres.
Result<int64_t> ParseScaledDecimal(std::string_view text, int max_decimals, bool allow_negative,
                                   std::string_view field);
}  // namespace detail

}  // namespace anju
