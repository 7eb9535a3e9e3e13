#include "auth/token.h"

#include <gtest/gtest.h>

#include <set>

namespace anju::auth {
namespace {

TEST(Token, ShapeAndRandomness) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    std::string t = NewToken();
    EXPECT_EQ(t.size(), 43u);  // 32 bytes, base64url without padding
    EXPECT_TRUE(LooksLikeToken(t)) << t;
    EXPECT_EQ(t.find_first_of("+/="), std::string::npos);
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 200u);
  EXPECT_FALSE(LooksLikeToken(""));
  EXPECT_FALSE(LooksLikeToken(std::string(43, '+')));
  EXPECT_FALSE(LooksLikeToken(std::string(44, 'a')));
}

TEST(Token, HashIsSha256Hex) {
  // SHA-256("abc") from FIPS 180-2, appendix B.1.
  EXPECT_EQ(TokenHash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(TokenHash("").size(), 64u);
}

}  // namespace
}  // namespace anju::auth
