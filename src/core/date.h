// Civil calendar dates (no time zone, no time of day): birth dates, move-in dates, the
// statistics date of a report. Dates are std::chrono::year_month_day and are compared and
// subtracted with integer arithmetic only, never through a time zone.
//
// Thread-safety: free functions over values; safe from any thread.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/error.h"

namespace anju {

using Date = std::chrono::year_month_day;

/// Parses "YYYY-MM-DD" (exactly that shape). Errors: kInvalidArgument naming `field` and the
/// value when the shape is wrong or the date does not exist (e.g. 2023-02-29).
Result<Date> ParseIsoDate(std::string_view text, std::string_view field = "date");

/// Formats as "YYYY-MM-DD".
std::string FormatIsoDate(Date d);

/// Age in completed years (周岁) of a person born on `birth`, on day `on`. A person born on
/// 29 February has their birthday on 1 March in common years (as Chinese civil practice counts
/// 周岁 from the calendar day). Returns a negative value if `on` is before `birth`.
int AgeInCompletedYears(Date birth, Date on);

/// Today's date in China Standard Time (UTC+8, no daylight saving), the offices' calendar.
Date TodayInChina();

/// Days from 1970-01-01 (negative before it).
int DaysSinceEpoch(Date d);
Date FromDaysSinceEpoch(int days);

}  // namespace anju
