// The working-day calendar (issue #15 item 4, docs/casework.md "Calendar"): which days are
// working days, so that a case's clock counts working days (工作日) as Chinese offices do.
//
// A day is a working day when it is Monday–Friday and not a public holiday (休), or when it is
// an adjusted working day (调休上班: a weekend day that is worked). Holidays and adjusted
// working days come from the State Council's yearly notice (国务院办公厅关于XXXX年部分节假日安排
// 的通知; shipped for 2024–2026 as rows of migrations/0001_casework.sql, each naming its notice)
// and the county's own
// additions (table calendar_days, `anju calendar import`, PUT /api/v1/calendar/{year}).
//
// Thread-safety: WorkCalendar is an immutable value once built; share it freely.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"

namespace anju::casework {

/// What a listed day is: a public holiday (a weekday off) or an adjusted working day.
enum class DayKind { kHoliday, kWorkday };

/// "holiday" / "workday". ParseDayKind also accepts 休 / 班 and "休息"/"上班"; errors:
/// kInvalidArgument naming field "kind" and the value, en + zh.
std::string_view DayKindName(DayKind k);
Result<DayKind> ParseDayKind(std::string_view text);

/// One listed day (a row of calendar_days).
struct CalendarDay {
  Date day;
  DayKind kind = DayKind::kHoliday;
  std::string name;    // "春节", "国庆节" …
  std::string source;  // the notice it comes from, or who entered it
};

class WorkCalendar {
 public:
  /// An empty calendar: Monday–Friday are working days.
  WorkCalendar() = default;
  /// From the listed days (a later entry for the same day wins).
  explicit WorkCalendar(std::span<const CalendarDay> days);

  /// Mon–Fri and not a holiday, or an adjusted working day.
  bool IsWorkingDay(Date d) const;
  /// The n-th working day after `from` (from itself not counted); n <= 0 gives `from`.
  /// E.g. 5 working days after Friday 2025-01-24 (Spring Festival 2025) is 2025-02-07.
  Date AddWorkingDays(Date from, int n) const;
  /// The number of working days d with a < d <= b; negative (−count of b < d <= a) when b < a.
  /// WorkingDaysBetween(a, AddWorkingDays(a, n)) == n.
  int WorkingDaysBetween(Date a, Date b) const;

 private:
  std::map<int, DayKind> days_;  // days since epoch -> kind
};

}  // namespace anju::casework
