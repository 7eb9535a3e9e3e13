// Internal helper of the auth module: JSON string literals for audit `changes`, without a JSON
// library (anju_auth links core and libsodium only).
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

namespace anju::auth {

/// `s` as a JSON string literal with quotes; control characters, '"' and '\' escaped (UTF-8
/// passes through unchanged).
inline std::string JsonString(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      out += "\\u00";
      out += kHex[u >> 4];
      out += kHex[u & 15];
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

}  // namespace anju::auth
