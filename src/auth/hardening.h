// HTTP hardening helpers for the web server (issue 5, "HTTP hardening"): the security headers
// every response carries, the session cookie's attributes, request size limits, a JSON
// depth/length checker that runs before any JSON parser sees the body, and constant-time
// comparison of secrets. No HTTP library is used here: src/http applies these to httplib.
//
// Sources: OWASP Secure Headers Project and OWASP Session Management Cheat Sheet (cookie
// attributes, CSRF tokens); MDN "Content-Security-Policy" (directives below).
//
// Thread-safety: pure functions and constants; safe from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace anju::auth {

/// The session cookie's name.
inline constexpr std::string_view kSessionCookieName = "anju_session";
/// The request header that carries the CSRF token on state-changing requests.
inline constexpr std::string_view kCsrfHeaderName = "X-CSRF-Token";

/// The Content-Security-Policy of every response: no inline scripts or styles, nothing loaded
/// from other origins, no framing.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// Largest request body accepted, in bytes (1 MiB). Larger bodies: reject before reading them
/// (HTTP 413, error code kResourceExhausted, field "body").
inline constexpr std::size_t kMaxBodyBytes = 1024 * 1024;

/// Largest body of a file upload (POST /api/v1/attachments, issue #15 item 3), in bytes
/// (64 MiB): the transport ceiling; the attachments module's setting attachments.max_bytes
/// (default 10 MiB) is the limit users meet. Every other route keeps kMaxBodyBytes: the server
/// refuses a larger body before routing (http/server.cc).
inline constexpr std::size_t kMaxUploadBytes = 64 * 1024 * 1024;
/// Whether `method` `path` is the upload route that may carry up to kMaxUploadBytes.
inline bool IsUploadRoute(std::string_view method, std::string_view path) {
  return method == "POST" && path == "/api/v1/attachments";
}

/// Header name/value pairs to set on every response: Content-Security-Policy,
/// X-Content-Type-Options: nosniff, X-Frame-Options: DENY, Referrer-Policy: no-referrer,
/// Cross-Origin-Opener-Policy: same-origin, Permissions-Policy (no camera or microphone;
/// geolocation for the page itself, asked only when a visitor opts in); with `tls` also Strict-Transport-Security (max-age one year).
std::vector<std::pair<std::string, std::string>> SecurityHeaders(bool tls);

/// Attributes of a Set-Cookie header.
struct CookieOptions {
  bool tls = false;         // adds "Secure" (send only over HTTPS)
  long max_age_seconds = -1;  // -1: a session cookie (no Max-Age); 0: delete the cookie now
};

/// Builds a Set-Cookie value: "NAME=VALUE; Path=/; HttpOnly; SameSite=Strict[; Secure]
/// [; Max-Age=N]". `value` must be cookie-safe (base64url tokens are); other characters are
/// dropped rather than let a header be split.
std::string BuildSetCookie(std::string_view name, std::string_view value,
                           const CookieOptions& opts);

/// The Set-Cookie value that deletes the session cookie at logout (empty value, Max-Age=0).
std::string ExpiredSessionCookie(bool tls);

/// The value of cookie `name` in a Cookie request header ("a=1; anju_session=XYZ"), or "" when
/// absent.
std::string CookieValue(std::string_view cookie_header, std::string_view name);

/// Limits on a JSON request body, checked on the raw text before parsing.
struct JsonLimits {
  std::size_t max_bytes = kMaxBodyBytes;    // whole body
  int max_depth = 32;                       // nesting of objects and arrays
  std::size_t max_string_bytes = 64 * 1024; // one string (key or value), as written
  std::size_t max_elements = 100000;        // containers + commas: about the number of values
};

/// Checks `body` against `limits` without building a document, so that a hostile body cannot
/// exhaust the stack or memory of the parser. It does not validate the JSON otherwise (the
/// parser does that next).
/// Errors: kResourceExhausted (field "body", value = size) when longer than max_bytes;
/// kInvalidArgument (field "body") naming the byte offset when nesting exceeds max_depth, a
/// string exceeds max_string_bytes, or there are more than max_elements elements (counted as
/// objects/arrays opened plus commas outside strings).
Status CheckJsonLimits(std::string_view body, const JsonLimits& limits = {});

/// Compares two secrets (tokens, CSRF values) in time that depends only on their lengths
/// (libsodium sodium_memcmp). Different lengths compare unequal.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace anju::auth
