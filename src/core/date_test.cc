#include "core/date.h"

#include <gtest/gtest.h>

namespace anju {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

TEST(Date, ParseAndFormat) {
  auto d = ParseIsoDate("2022-09-30");
  ASSERT_TRUE(d);
  EXPECT_EQ(*d, (Date{year{2022}, month{9}, day{30}}));
  EXPECT_EQ(FormatIsoDate(*d), "2022-09-30");
  EXPECT_FALSE(ParseIsoDate("2023-02-29"));
  EXPECT_FALSE(ParseIsoDate("2022-9-30"));
  EXPECT_TRUE(ParseIsoDate("2024-02-29"));
  EXPECT_EQ(ParseIsoDate("x", "move_in_date").error().field, "move_in_date");
}

TEST(Date, AgeInCompletedYears) {
  // Working age 18–60 on the demo's statistics date 2022-09-30: born 1962-10-01 .. 2004-09-30.
  const Date on{year{2022}, month{9}, day{30}};
  EXPECT_EQ(AgeInCompletedYears(Date{year{2004}, month{9}, day{30}}, on), 18);
  EXPECT_EQ(AgeInCompletedYears(Date{year{2004}, month{10}, day{1}}, on), 17);
  EXPECT_EQ(AgeInCompletedYears(Date{year{1962}, month{10}, day{1}}, on), 59);
  EXPECT_EQ(AgeInCompletedYears(Date{year{1961}, month{10}, day{1}}, on), 60);
  EXPECT_EQ(AgeInCompletedYears(Date{year{1961}, month{9}, day{30}}, on), 61);
}

TEST(Date, EpochDays) {
  EXPECT_EQ(DaysSinceEpoch(Date{year{1970}, month{1}, day{2}}), 1);
  EXPECT_EQ(FromDaysSinceEpoch(DaysSinceEpoch(Date{year{1900}, month{3}, day{1}})),
            (Date{year{1900}, month{3}, day{1}}));
}

}  // namespace
}  // namespace anju
