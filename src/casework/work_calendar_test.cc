// The working-day clock (issue #15 "done when"): weekends, a holiday, an adjusted working
// Saturday, a deadline crossing the Spring Festival. The listed days are typed here from the
// notice (国务院办公厅关于2025年部分节假日安排的通知, 国办发明电〔2024〕12号): 春节 1月28日（除夕）
// 至2月4日放假调休，共8天；1月26日（周日）、2月8日（周六）上班。 Expected dates counted by hand
// on a 2025 calendar.
#include "casework/work_calendar.h"

#include <gtest/gtest.h>

#include <vector>

#include "casework/settings.h"

namespace anju::casework {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
Date D(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

WorkCalendar Notice2025SpringFestival() {
  std::vector<CalendarDay> days;
  for (unsigned d = 28; d <= 31; ++d) days.push_back({D(2025, 1, d), DayKind::kHoliday, "春节", ""});
  for (unsigned d = 1; d <= 4; ++d) days.push_back({D(2025, 2, d), DayKind::kHoliday, "春节", ""});
  days.push_back({D(2025, 1, 26), DayKind::kWorkday, "春节调休上班", ""});
  days.push_back({D(2025, 2, 8), DayKind::kWorkday, "春节调休上班", ""});
  days.push_back({D(2025, 5, 1), DayKind::kHoliday, "劳动节", ""});
  return WorkCalendar(days);
}

TEST(WorkCalendar, WeekendsAreNotWorkingDays) {
  WorkCalendar cal;  // nothing listed
  EXPECT_TRUE(cal.IsWorkingDay(D(2025, 3, 7)));    // Friday
  EXPECT_FALSE(cal.IsWorkingDay(D(2025, 3, 8)));   // Saturday
  EXPECT_FALSE(cal.IsWorkingDay(D(2025, 3, 9)));   // Sunday
  EXPECT_EQ(cal.AddWorkingDays(D(2025, 3, 7), 1), D(2025, 3, 10));  // Fri + 1 = Mon
  EXPECT_EQ(cal.AddWorkingDays(D(2025, 3, 5), 5), D(2025, 3, 12));  // Wed + 5 = next Wed
  EXPECT_EQ(cal.AddWorkingDays(D(2025, 3, 8), 0), D(2025, 3, 8));
  EXPECT_EQ(cal.WorkingDaysBetween(D(2025, 3, 7), D(2025, 3, 10)), 1);
  EXPECT_EQ(cal.WorkingDaysBetween(D(2025, 3, 10), D(2025, 3, 7)), -1);
}

TEST(WorkCalendar, AHolidayOnAWeekdayIsSkipped) {
  WorkCalendar cal = Notice2025SpringFestival();
  EXPECT_FALSE(cal.IsWorkingDay(D(2025, 5, 1)));  // Thursday, 劳动节
  // Wed 30 April + 1 = Fri 2 May (Thu 1 May off; 2–5 May are not listed here, so Fri works).
  EXPECT_EQ(cal.AddWorkingDays(D(2025, 4, 30), 1), D(2025, 5, 2));
}

TEST(WorkCalendar, AnAdjustedWorkingSaturdayCounts) {
  WorkCalendar cal = Notice2025SpringFestival();
  EXPECT_TRUE(cal.IsWorkingDay(D(2025, 2, 8)));   // Saturday 调休上班
  EXPECT_TRUE(cal.IsWorkingDay(D(2025, 1, 26)));  // Sunday 调休上班
  EXPECT_EQ(cal.AddWorkingDays(D(2025, 2, 7), 1), D(2025, 2, 8));  // Fri + 1 = that Saturday
}

TEST(WorkCalendar, ADeadlineCrossingTheSpringFestival) {
  WorkCalendar cal = Notice2025SpringFestival();
  // From Friday 24 January: Sun 26 (1, worked), Mon 27 (2), 28 Jan–4 Feb off, Wed 5 (3),
  // Thu 6 (4), Fri 7 (5).
  EXPECT_EQ(cal.AddWorkingDays(D(2025, 1, 24), 5), D(2025, 2, 7));
  EXPECT_EQ(cal.WorkingDaysBetween(D(2025, 1, 24), D(2025, 2, 7)), 5);
  // 10 working days: … Sat 8 Feb (6, worked), Mon 10 (7), Tue 11 (8), Wed 12 (9), Thu 13 (10).
  EXPECT_EQ(cal.AddWorkingDays(D(2025, 1, 24), 10), D(2025, 2, 13));
  for (unsigned d = 28; d <= 31; ++d) EXPECT_FALSE(cal.IsWorkingDay(D(2025, 1, d)));
}

TEST(WorkCalendar, DayKindsInBothLanguages) {
  EXPECT_EQ(*ParseDayKind("休"), DayKind::kHoliday);
  EXPECT_EQ(*ParseDayKind("班"), DayKind::kWorkday);
  auto bad = ParseDayKind("vacation");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "kind");
  EXPECT_EQ(bad.error().value, "vacation");
  EXPECT_FALSE(bad.error().message_zh.empty());
}

TEST(CaseworkSettings, ValidatedByTheDeclaration) {
  EXPECT_EQ(*ValidateSetting("inbox.deadline_near_days", " 3 "), "3");
  auto big = ValidateSetting("inbox.deadline_near_days", "31");
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().field, "value");
  EXPECT_EQ(big.error().value, "31");
  EXPECT_EQ(ValidateSetting("no.such", "1").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(*ValidateSetting("escalation.levels", "site，township"), "site,township");
  EXPECT_FALSE(ValidateSetting("escalation.levels", "township,site"));  // downwards
  EXPECT_FALSE(ValidateSetting("attachments.types", "image/heic"));
  Settings s({{"attachments.max_bytes", {"2048", "", "admin", ""}}});
  EXPECT_EQ(*s.Integer("attachments.max_bytes"), 2048);
  EXPECT_EQ(*Settings().Integer("attachments.max_bytes"), 10485760);
  EXPECT_EQ(Settings().List("attachments.types")->size(), 4u);
}

}  // namespace
}  // namespace anju::casework
