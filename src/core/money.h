// Money in fen (分, 1/100 yuan), always an integer: no floating point near money.
// Thread-safety: value type.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"

namespace anju {

/// An amount of money in fen (1 yuan = 100 fen). May be negative (a refund, a correction).
struct Fen {
  int64_t value = 0;
  friend constexpr auto operator<=>(Fen, Fen) = default;
  friend constexpr Fen operator+(Fen a, Fen b) { return Fen{a.value + b.value}; }
  friend constexpr Fen operator-(Fen a, Fen b) { return Fen{a.value - b.value}; }
};

/// Parses yuan as written by people and spreadsheets: "1200", "1,200.5", "-3.07", "1200元".
/// At most two decimals (more is an error, never rounded). Errors: kInvalidArgument naming
/// the value.
Result<Fen> ParseYuan(std::string_view text);

/// Formats as yuan with two decimals: Fen{120050} -> "1200.50".
std::string FormatYuan(Fen f);

}  // namespace anju
