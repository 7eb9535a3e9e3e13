#include "http/router.h"

#include <gtest/gtest.h>

namespace anju::http {
namespace {

RouteResult Nop(RequestContext&) { return Reply::NoContent(); }

TEST(Router, MatchesLiteralAndTemplatedSegments) {
  Router r;
  r.Add("GET", "/api/v1/households", Access::kSession, Nop);
  r.Add("GET", "/api/v1/households.xlsx", Access::kSession, Nop);
  r.Add("GET", "/api/v1/households/{id}", Access::kSession, Nop);
  r.Add("PATCH", "/api/v1/households/{id}", Access::kSession, Nop);

  auto m = r.Match("GET", "/api/v1/households/42");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/api/v1/households/{id}");
  EXPECT_EQ(m.params.at("id"), "42");

  m = r.Match("GET", "/api/v1/households.xlsx");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/api/v1/households.xlsx");

  EXPECT_EQ(r.Match("GET", "/api/v1/households/").route, nullptr);  // empty segment
  EXPECT_EQ(r.Match("GET", "/api/v1/households/1/x").route, nullptr);
  EXPECT_EQ(r.Match("GET", "/api/v1/house").route, nullptr);
}

TEST(Router, ReportsTheAllowedMethodsOfAKnownPath) {
  Router r;
  r.Add("GET", "/api/v1/households/{id}", Access::kSession, Nop);
  r.Add("PATCH", "/api/v1/households/{id}", Access::kSession, Nop);
  auto m = r.Match("PUT", "/api/v1/households/3");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.path_known);
  EXPECT_EQ(m.allowed, "GET, PATCH");
  EXPECT_FALSE(r.Match("PUT", "/nowhere").path_known);
}

TEST(Router, LiteralSegmentWinsOverParameter) {
  Router r;
  r.Add("GET", "/a/{x}", Access::kSession, Nop);
  r.Add("GET", "/a/b", Access::kSession, Nop);
  EXPECT_EQ(r.Match("GET", "/a/b").route->pattern, "/a/b");
  EXPECT_EQ(r.Match("GET", "/a/c").route->pattern, "/a/{x}");
}

}  // namespace
}  // namespace anju::http
