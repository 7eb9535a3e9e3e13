#include "auth/hardening.h"

#include <fmt/format.h>
#include <sodium.h>

#include "auth/password.h"

namespace anju::auth {

std::vector<std::pair<std::string, std::string>> SecurityHeaders(bool tls) {
  std::vector<std::pair<std::string, std::string>> h = {
      {"Content-Security-Policy", std::string(kContentSecurityPolicy)},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      // Geolocation for the page itself only: a visit records the location when the visitor ticks
      // "record my location" (visits, PIPL consent per visit); no camera API (photos come from a
      // file input, which opens the phone camera app), no microphone.
      {"Permissions-Policy", "camera=(), microphone=(), geolocation=(self)"},
  };
  if (tls) h.emplace_back("Strict-Transport-Security", "max-age=31536000");
  return h;
}

static bool CookieSafe(char c) {
  // RFC 6265 cookie-octet: printable ASCII except space, DQUOTE, comma, semicolon, backslash.
  auto u = static_cast<unsigned char>(c);
  return u > 0x20 && u < 0x7f && c != '"' && c != ',' && c != ';' && c != '\\';
}

std::string BuildSetCookie(std::string_view name, std::string_view value,
                           const CookieOptions& opts) {
  std::string out;
  for (char c : name)
    if (CookieSafe(c) && c != '=') out += c;
  out += '=';
  for (char c : value)
    if (CookieSafe(c)) out += c;
  out += "; Path=/; HttpOnly; SameSite=Strict";
  if (opts.tls) out += "; Secure";
  if (opts.max_age_seconds >= 0) out += fmt::format("; Max-Age={}", opts.max_age_seconds);
  return out;
}

std::string ExpiredSessionCookie(bool tls) {
  return BuildSetCookie(kSessionCookieName, "", {.tls = tls, .max_age_seconds = 0});
}

std::string CookieValue(std::string_view header, std::string_view name) {
  size_t pos = 0;
  while (pos <= header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string_view::npos) end = header.size();
    std::string_view part = header.substr(pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) {
      std::string_view v = part.substr(eq + 1);
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      return std::string(v);
    }
    pos = end + 1;
  }
  return {};
}

Status CheckJsonLimits(std::string_view body, const JsonLimits& limits) {
  if (body.size() > limits.max_bytes) {
    Error e;
    e.code = ErrorCode::kResourceExhausted;
    e.message = fmt::format("request body is {} bytes; the limit is {} bytes", body.size(),
                            limits.max_bytes);
    e.message_zh = fmt::format("请求内容过大（上限 {} 字节）", limits.max_bytes);
    e.field = "body";
    e.value = std::to_string(body.size());
    return std::unexpected(e);
  }
  int depth = 0;
  size_t elements = 0;
  bool in_string = false;
  bool escape = false;
  size_t string_start = 0;
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (in_string) {
      if (escape) {
        escape = false;
      } else if (c == '\\') {
        escape = true;
      } else if (c == '"') {
        in_string = false;
        continue;
      }
      if (i - string_start > limits.max_string_bytes)
        return InvalidArgument(
            fmt::format("a JSON string starting at byte {} is longer than {} bytes", string_start,
                        limits.max_string_bytes),
            "body", std::to_string(string_start), "JSON 字符串过长");
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        string_start = i;
        break;
      case '{':
      case '[':
        if (++depth > limits.max_depth)
          return InvalidArgument(fmt::format("JSON nesting deeper than {} levels at byte {}",
                                             limits.max_depth, i),
                                 "body", std::to_string(i), "JSON 嵌套层数过多");
        [[fallthrough]];
      case ',':
        if (++elements > limits.max_elements)
          return InvalidArgument(fmt::format("JSON has more than {} elements (at byte {})",
                                             limits.max_elements, i),
                                 "body", std::to_string(i), "JSON 元素过多");
        break;
      case '}':
      case ']':
        if (depth > 0) --depth;
        break;
      default: break;
    }
  }
  return {};
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  (void)Init();
  if (a.size() != b.size() || a.empty()) return a.size() == b.size() && a.empty() && b.empty();
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace anju::auth
