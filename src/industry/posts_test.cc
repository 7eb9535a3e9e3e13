// The welfare-post assignment rules (industry/posts.h) with hand-checked values. Base case: a
// person born 1980-06-15, contract 2024-03-08 … 2025-03-08, 公示 2024-03-01 … 2024-03-08 (7 days),
// quota 2 with 1 used, nothing else held: accepted without warnings.
#include "industry/posts.h"

#include <gtest/gtest.h>

namespace anju::industry {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

Date D(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

AssignmentFacts Base() {
  AssignmentFacts f;
  f.contract_from = D(2024, 3, 8);
  f.contract_until = D(2025, 3, 8);
  f.publicity_from = D(2024, 3, 1);
  f.publicity_until = D(2024, 3, 8);
  f.birth = D(1980, 6, 15);
  f.quota = 2;
  f.quota_used = 1;
  f.kind_name = "巡河员";
  return f;
}

// The one refusal of `r`: its rule appears in both messages and it names `field`.
void ExpectRefusal(const Result<std::vector<PostWarning>>& r, std::string_view rule, std::string_view field,
                   std::string_view value, ErrorCode code) {
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, code);
  EXPECT_EQ(r.error().field, field);
  EXPECT_EQ(r.error().value, value);
  EXPECT_NE(r.error().message.find(rule), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message_zh.find(rule), std::string::npos) << r.error().message_zh;
  EXPECT_FALSE(r.error().message_zh.empty());
}

TEST(PostRules, TheBaseCaseIsAcceptedWithoutWarnings) {
  auto r = CheckAssignment(Base(), PostRules{});
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  EXPECT_TRUE(r->empty());
}

TEST(PostRules, ASecondPostOfThePersonIsRefused) {
  AssignmentFacts f = Base();
  f.own_holdings = {4};
  ExpectRefusal(CheckAssignment(f, PostRules{}), "posts.one_per_person", "person_id", "4", ErrorCode::kConflict);
}

TEST(PostRules, TheHouseholdCapCountsOtherMembersAndFollowsTheSetting) {
  AssignmentFacts f = Base();
  f.household_holdings = 1;
  ExpectRefusal(CheckAssignment(f, PostRules{}), "posts.per_household", "person_id", "1", ErrorCode::kConflict);
  PostRules two;
  two.per_household = 2;
  EXPECT_TRUE(CheckAssignment(f, two).has_value());
}

TEST(PostRules, AgeBoundsOnTheContractsFirstDay) {
  AssignmentFacts f = Base();
  // Born 2006-03-09: 17 on 2024-03-08 (the 18th birthday is the next day): refused.
  f.birth = D(2006, 3, 9);
  ExpectRefusal(CheckAssignment(f, PostRules{}), "posts.age_min", "person_id", "17", ErrorCode::kInvalidArgument);
  // Born 2006-03-08: 18 that day: accepted.
  f.birth = D(2006, 3, 8);
  EXPECT_TRUE(CheckAssignment(f, PostRules{}).has_value());
  // 65 (born 1958-03-08): accepted without warning; 66 (born 1958-03-07 … 1957): a warning.
  f.birth = D(1958, 3, 9);  // 65 on 2024-03-08
  auto at65 = CheckAssignment(f, PostRules{});
  ASSERT_TRUE(at65.has_value());
  EXPECT_TRUE(at65->empty());
  f.birth = D(1958, 3, 8);  // 66
  auto at66 = CheckAssignment(f, PostRules{});
  ASSERT_TRUE(at66.has_value());
  ASSERT_EQ(at66->size(), 1u);
  EXPECT_EQ((*at66)[0].rule, "posts.age_max");
  EXPECT_EQ((*at66)[0].value, "66");
  // 69 (born 1954-03-09): still a warning; 70 (born 1954-03-08): refused.
  f.birth = D(1954, 3, 9);
  auto at69 = CheckAssignment(f, PostRules{});
  ASSERT_TRUE(at69.has_value());
  EXPECT_EQ(at69->size(), 1u);
  f.birth = D(1954, 3, 8);
  ExpectRefusal(CheckAssignment(f, PostRules{}), "posts.age_block", "person_id", "70", ErrorCode::kInvalidArgument);
  // The setting moves the block: 72 allowed.
  PostRules relaxed;
  relaxed.age_block = 72;
  EXPECT_TRUE(CheckAssignment(f, relaxed).has_value());
}

// A clerk reads the setting's Chinese label, support staff the key in parentheses after it.
TEST(PostRules, ChineseMessagesNameTheSettingByItsLabelWithTheKeyAfterIt) {
  AssignmentFacts f = Base();
  f.birth = D(2006, 3, 9);  // 17 on 2024-03-08
  auto young = CheckAssignment(f, PostRules{});
  ASSERT_FALSE(young.has_value());
  EXPECT_EQ(young.error().message_zh,
            "此人在2024-03-08时17周岁，未满18周岁，下限见设置“公益岗最低年龄”（posts.age_min）；请选择年满18周岁的人员");
  f.birth = D(1958, 3, 8);  // 66
  auto old = CheckAssignment(f, PostRules{});
  ASSERT_TRUE(old.has_value());
  ASSERT_EQ(old->size(), 1u);
  EXPECT_EQ((*old)[0].message_zh,
            "此人66周岁，超过一般上限65周岁：身体健康、本人自愿的可放宽；上限见设置“公益岗年龄上限”（posts.age_max）");
  // Every refusal at once: none shows a bare key after 设置.
  f = Base();
  f.publicity_from = D(2024, 3, 5);
  f.household_holdings = 1;
  f.birth = D(1950, 1, 1);
  auto all = CheckAssignment(f, PostRules{});
  ASSERT_FALSE(all.has_value());
  ASSERT_GE(all.error().details.size(), 3u);
  for (const Error& e : all.error().details) EXPECT_EQ(e.message_zh.find("设置 "), std::string::npos) << e.message_zh;
}

TEST(PostRules, AnOutOfCountyJobIsRefused) {
  AssignmentFacts f = Base();
  f.outside_county_jobs = {12, 15};
  ExpectRefusal(CheckAssignment(f, PostRules{}), "posts.outside_county", "person_id", "12,15", ErrorCode::kInvalidArgument);
}

TEST(PostRules, PublicityOfSevenDaysEndingByTheContract) {
  AssignmentFacts f = Base();
  // 2024-03-02 … 2024-03-08: 6 days.
  f.publicity_from = D(2024, 3, 2);
  ExpectRefusal(CheckAssignment(f, PostRules{}), "posts.publicity_days", "publicity_until", "2024-03-08",
                ErrorCode::kInvalidArgument);
  // 7 days but ending after the contract began.
  f.publicity_from = D(2024, 3, 2);
  f.publicity_until = D(2024, 3, 9);
  ExpectRefusal(CheckAssignment(f, PostRules{}), "posts.publicity_days", "publicity_until", "2024-03-09",
                ErrorCode::kInvalidArgument);
  // A county that sets 5 days accepts 2024-03-03 … 2024-03-08.
  f.publicity_from = D(2024, 3, 3);
  f.publicity_until = D(2024, 3, 8);
  PostRules five;
  five.publicity_days = 5;
  EXPECT_TRUE(CheckAssignment(f, five).has_value());
  EXPECT_FALSE(CheckAssignment(f, PostRules{}).has_value());
}

TEST(PostRules, QuotaFullOrMissingIsRefused) {
  AssignmentFacts f = Base();
  f.quota_used = 2;
  auto full = CheckAssignment(f, PostRules{});
  ExpectRefusal(full, "posts.quota", "kind_id", "巡河员", ErrorCode::kConflict);
  EXPECT_NE(full.error().message.find("2 of 2"), std::string::npos) << full.error().message;
  f.quota.reset();
  f.quota_used = 0;
  ExpectRefusal(CheckAssignment(f, PostRules{}), "posts.quota", "kind_id", "巡河员", ErrorCode::kConflict);
}

TEST(PostRules, EveryRefusalIsListedAtOnce) {
  AssignmentFacts f = Base();
  f.own_holdings = {1};
  f.quota_used = 2;
  f.birth = D(1950, 1, 1);
  auto r = CheckAssignment(f, PostRules{});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().details.size(), 3u);
}

TEST(PostRules, MonthsAndEnums) {
  auto m = ParseMonth("2024-02");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(FormatIsoDate(*m), "2024-02-01");
  EXPECT_EQ(FormatMonth(D(2024, 12, 31)), "2024-12");
  EXPECT_FALSE(ParseMonth("2024-13").has_value());
  EXPECT_FALSE(ParseMonth("2024-2").has_value());
  EXPECT_EQ(ParseMonth("24-02-01").error().field, "month");
  EXPECT_EQ(*ParseAssessment("excellent"), Assessment::kExcellent);
  EXPECT_EQ(ParseAssessment("good").error().field, "assessment");
  EXPECT_EQ(*ParsePostLevel("village"), PostLevel::kVillage);
  EXPECT_EQ(ParsePostLevel("county").error().value, "county");
}

}  // namespace
}  // namespace anju::industry
