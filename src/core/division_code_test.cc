// Division code tests against Lin County's real NBS codes (../shared/reference).
#include "core/division_code.h"

#include <gtest/gtest.h>

namespace anju {
namespace {

TEST(DivisionCode, LevelsOfLinCountyCodes) {
  EXPECT_EQ(ParseDivisionCode("14")->level(), DivisionLevel::kProvince);
  EXPECT_EQ(ParseDivisionCode("1411")->level(), DivisionLevel::kCity);
  EXPECT_EQ(ParseDivisionCode("141124")->level(), DivisionLevel::kCounty);
  EXPECT_EQ(ParseDivisionCode("141124100")->level(), DivisionLevel::kTownship);  // 临泉镇
  EXPECT_EQ(ParseDivisionCode("141124100009")->level(), DivisionLevel::kVillage);
}

TEST(DivisionCode, PaddedFormsReduceToPrefix) {
  auto c = ParseDivisionCode("141124000000");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->str(), "141124");
  EXPECT_EQ(c->Padded12(), "141124000000");
  EXPECT_EQ(ParseDivisionCode("141124100000")->str(), "141124100");
}

TEST(DivisionCode, ParentsAndContainment) {
  auto v = *ParseDivisionCode("141124100201");
  EXPECT_EQ(v.Parent()->str(), "141124100");
  EXPECT_EQ(v.Parent()->Parent()->str(), "141124");
  EXPECT_FALSE(ParseDivisionCode("14")->Parent());
  EXPECT_TRUE(ParseDivisionCode("141124")->Contains(v));
  EXPECT_FALSE(ParseDivisionCode("141125")->Contains(v));
}

TEST(DivisionCode, ResidentsCommitteeRule) {
  EXPECT_TRUE(ParseDivisionCode("141124100009")->IsResidentsCommittee());   // 凤凰社区居委会
  EXPECT_FALSE(ParseDivisionCode("141124100201")->IsResidentsCommittee());  // a 村委会
}

TEST(DivisionCode, Errors) {
  EXPECT_FALSE(ParseDivisionCode("14112"));
  EXPECT_FALSE(ParseDivisionCode("14112A"));
  EXPECT_FALSE(ParseDivisionCode("990000"));
  EXPECT_FALSE(ParseDivisionCode("1400"));
  auto e = ParseDivisionCode("1411241");
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().field, "division_code");
  EXPECT_EQ(e.error().value, "1411241");
  // 东莞市 has no counties: county part 00 is legal there.
  EXPECT_TRUE(ParseDivisionCode("441900003000"));
}

}  // namespace
}  // namespace anju
