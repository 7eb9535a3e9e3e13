#include "auth/password.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <chrono>

namespace anju::auth {
namespace {

TEST(Password, HashIsArgon2idWithGivenParametersAndVerifies) {
  auto h = HashPassword("correct horse battery", PasswordHashParams::FastForTests());
  ASSERT_TRUE(h) << h.error().ToString();
  // PHC string: algorithm, version 19 (0x13), m in KiB, t passes, p lanes = 1.
  EXPECT_EQ(h->rfind("$argon2id$v=19$m=64,t=1,p=1$", 0), 0u) << *h;
  EXPECT_TRUE(VerifyPassword("correct horse battery", *h));
  EXPECT_FALSE(VerifyPassword("correct horse batterY", *h));
  EXPECT_FALSE(VerifyPassword("", *h));
  EXPECT_FALSE(VerifyPassword("correct horse battery", "not a hash"));
  // A fresh salt each time: same password, different hash, both verify.
  auto h2 = HashPassword("correct horse battery", PasswordHashParams::FastForTests());
  ASSERT_TRUE(h2);
  EXPECT_NE(*h, *h2);
  EXPECT_TRUE(VerifyPassword("correct horse battery", *h2));
}

TEST(Password, ProductionParametersAreLibsodiumInteractive) {
  PasswordHashParams p = PasswordHashParams::Production();
  EXPECT_EQ(p.opslimit, 2u);
  EXPECT_EQ(p.memlimit, 64u * 1024 * 1024);
  auto t0 = std::chrono::steady_clock::now();
  auto h = HashPassword("a production password", p);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - t0).count();
  ASSERT_TRUE(h) << h.error().ToString();
  EXPECT_EQ(h->rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0), 0u) << *h;
  EXPECT_TRUE(VerifyPassword("a production password", *h));
  EXPECT_FALSE(NeedsRehash(*h, p));
  EXPECT_TRUE(NeedsRehash(*h, PasswordHashParams::FastForTests()));
  std::printf("argon2id production hash took %lld ms\n", static_cast<long long>(ms));
}

TEST(Password, Rules) {
  EXPECT_TRUE(CheckPasswordRules("wang", "Tea-and-Millet-42"));
  auto short_pw = CheckPasswordRules("wang", "abc123xyz");  // 9 characters
  ASSERT_FALSE(short_pw);
  EXPECT_EQ(short_pw.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(short_pw.error().field, "password");
  EXPECT_EQ(short_pw.error().value, "");  // never echoes the password
  // 10 Chinese characters are 10 characters (30 bytes), not 30.
  EXPECT_TRUE(CheckPasswordRules("wang", "临县安居工程后续扶持"));
  EXPECT_FALSE(CheckPasswordRules("wang", "临县安居工程后续扶"));
  EXPECT_FALSE(CheckPasswordRules("wangjianguo", "WangJianGuo"));
  EXPECT_FALSE(CheckPasswordRules("wang", "Password123"));
  EXPECT_FALSE(CheckPasswordRules("wang", "1234567890"));
  EXPECT_FALSE(CheckPasswordRules("wang", std::string(257, 'a')));
  // The demo password does not meet the rules (9 characters): only demo accounts get it.
  EXPECT_FALSE(CheckPasswordRules("demo_admin", "anju-demo"));
}

TEST(Password, OneTimePasswordsMeetTheRulesAndDiffer) {
  std::string a = GenerateOneTimePassword(), b = GenerateOneTimePassword();
  EXPECT_EQ(a.size(), 16u);
  EXPECT_NE(a, b);
  EXPECT_TRUE(CheckPasswordRules("admin", a));
  for (char c : a) EXPECT_EQ(std::string("0O1lI").find(c), std::string::npos) << a;
}

}  // namespace
}  // namespace anju::auth
