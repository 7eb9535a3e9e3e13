#include "auth/hardening.h"

#include <gtest/gtest.h>

#include <map>

namespace anju::auth {
namespace {

TEST(Hardening, SecurityHeaders) {
  std::map<std::string, std::string> h;
  for (auto& [k, v] : SecurityHeaders(false)) h[k] = v;
  EXPECT_EQ(h["Content-Security-Policy"],
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  EXPECT_EQ(h["Content-Security-Policy"].find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(h["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(h["X-Frame-Options"], "DENY");
  EXPECT_EQ(h["Referrer-Policy"], "no-referrer");
  // The visit form's opt-in location (visits, issue #15) needs geolocation for the page itself;
  // geolocation=() made navigator.geolocation fail (found by tests/browser/visit_steps.mjs).
  EXPECT_EQ(h["Permissions-Policy"], "camera=(), microphone=(), geolocation=(self)");
  EXPECT_EQ(h.count("Strict-Transport-Security"), 0u);
  bool hsts = false;
  for (auto& [k, v] : SecurityHeaders(true)) hsts |= k == "Strict-Transport-Security";
  EXPECT_TRUE(hsts);
}

TEST(Hardening, Cookies) {
  EXPECT_EQ(BuildSetCookie("anju_session", "abc-_9", {}),
            "anju_session=abc-_9; Path=/; HttpOnly; SameSite=Strict");
  EXPECT_EQ(BuildSetCookie("anju_session", "abc", {.tls = true, .max_age_seconds = 43200}),
            "anju_session=abc; Path=/; HttpOnly; SameSite=Strict; Secure; Max-Age=43200");
  // Header splitting and attribute injection are impossible: unsafe characters are dropped.
  EXPECT_EQ(BuildSetCookie("anju_session", "a;\r\nSet-Cookie: x=1", {}),
            "anju_session=aSet-Cookie:x=1; Path=/; HttpOnly; SameSite=Strict");
  EXPECT_EQ(ExpiredSessionCookie(false),
            "anju_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  EXPECT_EQ(CookieValue("lang=zh; anju_session=TOKEN123; other=1", "anju_session"), "TOKEN123");
  EXPECT_EQ(CookieValue("anju_session_x=1;anju_session=T", "anju_session"), "T");
  EXPECT_EQ(CookieValue("lang=zh", "anju_session"), "");
  EXPECT_EQ(CookieValue("", "anju_session"), "");
}

TEST(Hardening, JsonLimits) {
  EXPECT_TRUE(CheckJsonLimits(R"({"a":[1,2,{"b":"x"}]})"));
  std::string deep = std::string(33, '[') + std::string(33, ']');
  auto d = CheckJsonLimits(deep);
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(d.error().field, "body");
  EXPECT_EQ(d.error().value, "32");  // byte offset of the 33rd '['
  EXPECT_TRUE(CheckJsonLimits(std::string(32, '[') + std::string(32, ']')));
  // Brackets inside strings (and escaped quotes) do not count.
  EXPECT_TRUE(CheckJsonLimits("{\"k\":\"" + std::string(100, '[') + "\\\"" + "\"}"));
  JsonLimits small;
  small.max_string_bytes = 10;
  EXPECT_FALSE(CheckJsonLimits(R"({"name":"01234567890123"})", small));
  EXPECT_TRUE(CheckJsonLimits(R"({"name":"0123"})", small));
  small.max_elements = 3;
  EXPECT_FALSE(CheckJsonLimits("[1,2,3,4,5]", small));
  auto big = CheckJsonLimits(std::string(kMaxBodyBytes + 1, ' '));
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().code, ErrorCode::kResourceExhausted);
  EXPECT_EQ(big.error().value, std::to_string(kMaxBodyBytes + 1));
}

TEST(Hardening, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("abcdef", "abcdef"));
  EXPECT_FALSE(ConstantTimeEquals("abcdef", "abcdeg"));
  EXPECT_FALSE(ConstantTimeEquals("abcdef", "abcde"));
  EXPECT_FALSE(ConstantTimeEquals("", "a"));
}

}  // namespace
}  // namespace anju::auth
