// The pure rules of a new visit (visits.h CheckNewVisit): the day (future, before move-in or the
// split day, after the household ended), the location only with consent (PIPL art. 13/14),
// coordinates in range, who was met among the members; every fault at once.
#include <gtest/gtest.h>

#include <set>

#include "visits/visits.h"

namespace anju::visits {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

Date D(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

HouseholdFacts Household() {
  HouseholdFacts h;
  h.id = 1;
  h.move_in = D(2020, 3, 1);
  return h;
}
NewVisit Visit(Date on) {
  NewVisit v;
  v.visited_on = on;
  return v;
}
const Date kToday = D(2024, 6, 15);

std::set<std::string> Fields(const Status& s) {
  std::set<std::string> out;
  if (s) return out;
  if (s.error().details.empty()) out.insert(s.error().field);
  for (const Error& e : s.error().details) out.insert(e.field);
  return out;
}

TEST(VisitRules, ADayFromMoveInToTodayIsAccepted) {
  EXPECT_TRUE(CheckNewVisit(Visit(D(2020, 3, 1)), Household(), kToday, {}));
  EXPECT_TRUE(CheckNewVisit(Visit(kToday), Household(), kToday, {}));
}

TEST(VisitRules, FutureDayIsRefusedNamingTheFieldInBothLanguages) {
  Status s = CheckNewVisit(Visit(D(2024, 6, 16)), Household(), kToday, {});
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().field, "visited_on");
  EXPECT_EQ(s.error().value, "2024-06-16");
  EXPECT_NE(s.error().message.find("future"), std::string::npos);
  EXPECT_NE(s.error().message_zh.find("晚于今天"), std::string::npos);
}

TEST(VisitRules, DayBeforeMoveInOrSplitIsRefused) {
  EXPECT_EQ(Fields(CheckNewVisit(Visit(D(2020, 2, 29)), Household(), kToday, {})), std::set<std::string>{"visited_on"});
  HouseholdFacts split = Household();
  split.formed_on = D(2023, 1, 10);  // a split made this household on that day
  EXPECT_FALSE(CheckNewVisit(Visit(D(2023, 1, 9)), split, kToday, {}));
  EXPECT_TRUE(CheckNewVisit(Visit(D(2023, 1, 10)), split, kToday, {}));
}

TEST(VisitRules, HouseholdMustBeCountedOnTheDay) {
  HouseholdFacts ended = Household();
  ended.ended_on = D(2024, 3, 1);  // merged away on 1 March: not counted from that day
  EXPECT_TRUE(CheckNewVisit(Visit(D(2024, 2, 29)), ended, kToday, {}));
  Status s = CheckNewVisit(Visit(D(2024, 3, 1)), ended, kToday, {});
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().field, "visited_on");
  EXPECT_NE(s.error().message_zh.find("注销"), std::string::npos);
}

TEST(VisitRules, CoordinatesWithoutConsentAreRefused) {
  NewVisit v = Visit(D(2024, 5, 3));
  v.latitude = 37.95, v.longitude = 110.99;
  Status s = CheckNewVisit(v, Household(), kToday, {});
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().field, "location_consent");
  EXPECT_NE(s.error().message.find("PIPL"), std::string::npos);
  EXPECT_NE(s.error().message_zh.find("个人信息保护法"), std::string::npos);
  v.location_consent = true;
  EXPECT_TRUE(CheckNewVisit(v, Household(), kToday, {}));
  v.latitude.reset();  // one of two
  EXPECT_EQ(Fields(CheckNewVisit(v, Household(), kToday, {})), std::set<std::string>{"latitude"});
}

TEST(VisitRules, CoordinatesOutOfRangeAndStrangersAreEachNamed) {
  NewVisit v = Visit(D(2024, 7, 1));  // future as well
  v.location_consent = true;
  v.latitude = 91, v.longitude = -181;
  v.people = {10, 11};
  Status s = CheckNewVisit(v, Household(), kToday, {10});
  EXPECT_EQ(Fields(s), (std::set<std::string>{"visited_on", "latitude", "longitude", "people"}));
  ASSERT_FALSE(s);
  bool named_11 = false;
  for (const Error& e : s.error().details) named_11 |= e.field == "people" && e.value == "11";
  EXPECT_TRUE(named_11);
}

TEST(VisitRules, PurposesRoundTripWithChineseLabels) {
  for (Purpose p : kAllPurposes) {
    auto back = ParsePurpose(PurposeName(p));
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, p);
  }
  EXPECT_EQ(PurposeLabelZh(Purpose::kPolicy), "政策宣传");
  EXPECT_EQ(PurposeLabelZh(Purpose::kFollowUp), "回访");
  auto bad = ParsePurpose("party");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "purpose");
  EXPECT_EQ(bad.error().value, "party");
}

}  // namespace
}  // namespace anju::visits
