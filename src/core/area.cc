#include "core/area.h"

#include <fmt/format.h>

#include <cstdlib>

#include "core/money.h"

namespace anju {
namespace detail {

static std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

static bool StripSuffix(std::string_view& s, std::string_view suffix) {
  if (s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix) {
    s.remove_suffix(suffix.size());
    return true;
  }
  return false;
}

Result<int64_t> ParseScaledDecimal(std::string_view text, int max_decimals, bool allow_negative,
                                   std::string_view field) {
  std::string_view s = Trim(text);
  auto bad = [&](std::string why) {
    return InvalidArgument(std::move(why), std::string(field), std::string(text));
  };
  if (s.empty()) return bad("empty; write a number");
  bool negative = false;
  if (s.front() == '-') {
    if (!allow_negative) return bad("must not be negative");
    negative = true;
    s.remove_prefix(1);
  }
  int64_t whole = 0, frac = 0;
  int decimals = -1;  // -1: no point seen
  bool any_digit = false;
  for (char c : s) {
    if (c == ',' && decimals < 0) continue;  // thousands separator
    if (c == '.') {
      if (decimals >= 0) return bad("two decimal points");
      decimals = 0;
      continue;
    }
    if (c < '0' || c > '9') return bad(fmt::format("'{}' is not a digit", c));
    any_digit = true;
    if (decimals >= 0) {
      if (++decimals > max_decimals)
        return bad(fmt::format("more than {} decimals; round it yourself", max_decimals));
      frac = frac * 10 + (c - '0');
    } else {
      if (whole > (INT64_MAX / 10 - 9) / 100000) return bad("number too large");
      whole = whole * 10 + (c - '0');
    }
  }
  if (!any_digit) return bad("not a number");
  if (decimals < 0) decimals = 0;
  for (int i = decimals; i < max_decimals; ++i) frac *= 10;
  int64_t scale = 1;
  for (int i = 0; i < max_decimals; ++i) scale *= 10;
  int64_t v = whole * scale + frac;
  return negative ? -v : v;
}

}  // namespace detail

static int64_t RoundDiv(int64_t n, int64_t d) {
  return n >= 0 ? (n + d / 2) / d : -((-n + d / 2) / d);
}

int64_t Area::RoundedSquareDecimetres() const { return RoundDiv(units_, 15); }
int64_t Area::RoundedCentimu() const { return RoundDiv(units_, 10000); }

Result<Area> ParseSquareMetres(std::string_view text) {
  std::string_view s = text;
  detail::StripSuffix(s, "平方米") || detail::StripSuffix(s, "㎡") || detail::StripSuffix(s, "m2") ||
      detail::StripSuffix(s, "m²");
  auto v = detail::ParseScaledDecimal(s, 2, false, "area_m2");
  if (!v) {
    v.error().value = std::string(text);
    return std::unexpected(v.error());
  }
  return Area::FromSquareDecimetres(*v);
}

Result<Area> ParseMu(std::string_view text) {
  std::string_view s = detail::Trim(text);
  detail::StripSuffix(s, "亩");
  bool wan = detail::StripSuffix(s, "万");
  // "2.4万" has up to 4+2 decimals worth of precision: parse with 6 decimals, then scale.
  auto v = detail::ParseScaledDecimal(s, wan ? 6 : 2, false, "area_mu");
  if (!v) {
    v.error().value = std::string(text);
    return std::unexpected(v.error());
  }
  // wan: value is mu×10^6/10^4 = hundredths of mu ×... : v = x·10^6 where mu = x·10^4,
  // so centimu = x·10^6 = v.
  return Area::FromCentimu(*v);
}

std::string FormatSquareMetres(Area a) {
  int64_t d = a.RoundedSquareDecimetres();
  return fmt::format("{}{}.{:02d}", d < 0 ? "-" : "", std::llabs(d) / 100, std::llabs(d) % 100);
}

std::string FormatMu(Area a) {
  int64_t c = a.RoundedCentimu();
  return fmt::format("{}{}.{:02d}", c < 0 ? "-" : "", std::llabs(c) / 100, std::llabs(c) % 100);
}

Result<Fen> ParseYuan(std::string_view text) {
  std::string_view s = text;
  detail::StripSuffix(s, "元");
  auto v = detail::ParseScaledDecimal(s, 2, true, "amount_yuan");
  if (!v) {
    v.error().value = std::string(text);
    return std::unexpected(v.error());
  }
  return Fen{*v};
}

std::string FormatYuan(Fen f) {
  int64_t v = f.value;
  return fmt::format("{}{}.{:02d}", v < 0 ? "-" : "", std::llabs(v) / 100, std::llabs(v) % 100);
}

}  // namespace anju
