// Area and money tests. 1 mu = 10000/15 m² (statutory ratio); the article's 2.4万亩 = 24,000 mu.
#include "core/area.h"

#include <gtest/gtest.h>

#include "core/money.h"

namespace anju {
namespace {

TEST(Area, MuAndSquareMetresAreExact) {
  EXPECT_EQ(Area::FromMu(15).units(), Area::FromSquareMetres(10000).units());  // 15 mu = 1 ha
  EXPECT_NEAR(Area::FromMu(1).SquareMetres(), 666.6667, 1e-4);
  EXPECT_EQ(FormatMu(Area::FromSquareMetres(10000)), "15.00");
  EXPECT_EQ(FormatSquareMetres(Area::FromMu(3)), "2000.00");
}

TEST(Area, ParsesArticleNotation) {
  EXPECT_EQ(*ParseMu("2.4万"), Area::FromMu(24000));
  EXPECT_EQ(*ParseMu("1.5万亩"), Area::FromMu(15000));
  EXPECT_EQ(*ParseMu("270亩"), Area::FromMu(270));
  EXPECT_EQ(ParseMu("0.25")->RoundedCentimu(), 25);
  EXPECT_EQ(*ParseSquareMetres("85.5㎡"), Area::FromSquareDecimetres(8550));
  EXPECT_EQ(FormatSquareMetres(*ParseSquareMetres("1,200.05")), "1200.05");
}

TEST(Area, RefusesWhatItWouldHaveToRound) {
  auto r = ParseSquareMetres("85.555");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("more than 2 decimals"), std::string::npos);
  EXPECT_FALSE(ParseMu("-3"));
  EXPECT_FALSE(ParseMu("abc"));
  EXPECT_FALSE(ParseMu(""));
}

TEST(Money, FenIsExact) {
  EXPECT_EQ(ParseYuan("1,200.5")->value, 120050);
  EXPECT_EQ(ParseYuan("-3.07元")->value, -307);
  EXPECT_EQ(FormatYuan(Fen{120050}), "1200.50");
  EXPECT_EQ(FormatYuan(Fen{-7}), "-0.07");
  EXPECT_FALSE(ParseYuan("1.005"));
}

}  // namespace
}  // namespace anju
