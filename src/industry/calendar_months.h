// Calendar-month arithmetic shared by the industry areas (training follow-up, zero-employment
// lost-contact months).
#pragma once

#include "core/date.h"

namespace anju::industry {

/// `d` plus `months` calendar months, the day clamped to the month's end (2024-01-31 + 1 =
/// 2024-02-29). Negative `months` go back.
Date AddMonths(Date d, int months);

}  // namespace anju::industry
