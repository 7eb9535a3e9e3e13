#include "core/date.h"
#include "core/china_time.h"

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

// Timestamps are stored as ISO-8601 UTC; pages and spreadsheets show China time (UTC+8, no
// daylight saving). Expected values counted by hand: +8 hours, across midnight, a leap day and
// a year end.
TEST(Date, ChinaTimeOfAUtcTimestamp) {
  EXPECT_EQ(FormatChinaTime("2026-12-03T08:40:00Z"), "2026-12-03 16:40");
  EXPECT_EQ(FormatChinaTime("2026-12-31T16:30:59Z"), "2027-01-01 00:30");
  EXPECT_EQ(FormatChinaTime("2024-02-28T20:05:00Z"), "2024-02-29 04:05");
  EXPECT_EQ(FormatChinaTime("2025-03-01T00:00:00.123Z"), "2025-03-01 08:00");
  // SQLite's datetime('now') shape (no zone: UTC).
  EXPECT_EQ(FormatChinaTime("2025-06-30 15:59:00"), "2025-06-30 23:59");
  // Not a timestamp: shown as stored; empty stays empty.
  EXPECT_EQ(FormatChinaTime("yesterday"), "yesterday");
  EXPECT_EQ(FormatChinaTime(""), "");
}

TEST(Date, EpochDays) {
  EXPECT_EQ(DaysSinceEpoch(Date{year{1970}, month{1}, day{2}}), 1);
  EXPECT_EQ(FromDaysSinceEpoch(DaysSinceEpoch(Date{year{1900}, month{3}, day{1}})),
            (Date{year{1900}, month{3}, day{1}}));
}

}  // namespace
}  // namespace anju
