#include "casework/work_calendar.h"

namespace anju::casework {

std::string_view DayKindName(DayKind k) { return k == DayKind::kHoliday ? "holiday" : "workday"; }

Result<DayKind> ParseDayKind(std::string_view text) {
  if (text == "holiday" || text == "休" || text == "休息" || text == "假日")
    return DayKind::kHoliday;
  if (text == "workday" || text == "班" || text == "上班" || text == "调休上班")
    return DayKind::kWorkday;
  return InvalidArgument("kind must be holiday (休) or workday (班, an adjusted working day)",
                         "kind", std::string(text),
                         "类型应为 holiday（休）或 workday（班，调休上班）");
}

WorkCalendar::WorkCalendar(std::span<const CalendarDay> days) {
  for (const auto& d : days) days_[DaysSinceEpoch(d.day)] = d.kind;
}

namespace {
bool IsWeekend(int days_since_epoch) {
  // 1970-01-01 was a Thursday (weekday 4, Sunday = 0).
  const std::chrono::weekday wd{std::chrono::sys_days{std::chrono::days{days_since_epoch}}};
  return wd == std::chrono::Saturday || wd == std::chrono::Sunday;
}
}  // namespace

bool WorkCalendar::IsWorkingDay(Date d) const {
  const int n = DaysSinceEpoch(d);
  if (auto it = days_.find(n); it != days_.end()) return it->second == DayKind::kWorkday;
  return !IsWeekend(n);
}

Date WorkCalendar::AddWorkingDays(Date from, int n) const {
  int day = DaysSinceEpoch(from);
  while (n > 0) {
    ++day;
    if (IsWorkingDay(FromDaysSinceEpoch(day))) --n;
  }
  return FromDaysSinceEpoch(day);
}

int WorkCalendar::WorkingDaysBetween(Date a, Date b) const {
  int lo = DaysSinceEpoch(a), hi = DaysSinceEpoch(b), sign = 1;
  if (hi < lo) std::swap(lo, hi), sign = -1;
  int count = 0;
  for (int d = lo + 1; d <= hi; ++d)
    if (IsWorkingDay(FromDaysSinceEpoch(d))) ++count;
  return sign * count;
}

}  // namespace anju::casework
