// The registry's code lists (issue #12 item 6): ethnicity (GB/T 3304-1991) and education
// (GB/T 4658-1984 levels), what each parser accepts and refuses. The web UI no longer keeps a
// copy of the lists: it receives them with the session (auth/capabilities.h), and
// auth_capabilities_test checks every value has a label in the web catalogues.
#include "registry/registry.h"

#include <gtest/gtest.h>

namespace anju::registry {
namespace {

TEST(Ethnicity, FiftySixGroupsOfGbT3304ThenOtherAndNaturalised) {
  const auto& g = EthnicGroups();
  ASSERT_EQ(g.size(), 58u);
  EXPECT_EQ(g[0].code, "01");
  EXPECT_EQ(g[0].name, "汉族");
  EXPECT_EQ(g[2].name, "回族");
  EXPECT_EQ(g[55].code, "56");
  EXPECT_EQ(g[55].name, "基诺族");
  EXPECT_EQ(g[56].code, "97");
  EXPECT_EQ(g[57].code, "98");
  for (size_t i = 0; i < 56; ++i) EXPECT_EQ(std::stoi(std::string(g[i].code)), static_cast<int>(i) + 1);
}

TEST(Ethnicity, NameWithOrWithoutZuAndCodeGiveOneStoredForm) {
  EXPECT_EQ(*ParseEthnicity("汉族"), "汉族");
  EXPECT_EQ(*ParseEthnicity("汉"), "汉族");
  EXPECT_EQ(*ParseEthnicity(" 汉族　"), "汉族");  // ASCII and ideographic space around it
  EXPECT_EQ(*ParseEthnicity("01"), "汉族");
  EXPECT_EQ(*ParseEthnicity("1"), "汉族");
  EXPECT_EQ(*ParseEthnicity("维吾尔"), "维吾尔族");
  EXPECT_EQ(*ParseEthnicity("毛难族"), "毛南族");  // the former name
  EXPECT_EQ(*ParseEthnicity("97"), "其他");
  EXPECT_EQ(*ParseEthnicity(""), "");
  for (const char* bad : {"穿青人", "火星族", "57", "00", "汉族人"}) {
    auto r = ParseEthnicity(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().field, "ethnicity");
    EXPECT_EQ(r.error().value, bad);
    EXPECT_NE(r.error().message.find("GB/T 3304-1991"), std::string::npos);
    EXPECT_NE(r.error().message_zh.find("其他"), std::string::npos);
  }
}

TEST(Education, LevelsIncludeZhongzhuanAndAcceptTheStandardsWords) {
  std::vector<std::string> names;
  for (const auto& l : EducationLevels()) names.emplace_back(l.name);
  EXPECT_EQ(names, (std::vector<std::string>{"学龄前", "文盲", "小学", "初中", "高中", "技工学校", "中专", "大专及以上"}));
  EXPECT_EQ(*ParseEducation("中专"), "中专");
  EXPECT_EQ(*ParseEducation("中等专业学校"), "中专");
  EXPECT_EQ(*ParseEducation("40"), "中专");
  EXPECT_EQ(*ParseEducation("文盲或半文盲"), "文盲");
  EXPECT_EQ(*ParseEducation("大学本科"), "大专及以上");
  EXPECT_EQ(*ParseEducation("70"), "初中");
  EXPECT_EQ(*ParseEducation(""), "");
  for (const char* bad : {"大学", "90", "幼儿园", "middle"}) {
    auto r = ParseEducation(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().field, "education");
    EXPECT_NE(r.error().message.find("中专"), std::string::npos);
    EXPECT_FALSE(r.error().message_zh.empty());
  }
}

}  // namespace
}  // namespace anju::registry
