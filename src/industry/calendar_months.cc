#include "industry/calendar_months.h"

#include <algorithm>

namespace anju::industry {

Date AddMonths(Date d, int months) {
  using namespace std::chrono;
  year_month ym = year_month(d.year(), d.month()) + std::chrono::months(months);
  const day last = year_month_day_last(ym.year(), month_day_last(ym.month())).day();
  return year_month_day(ym.year(), ym.month(), std::min(d.day(), last));
}

}  // namespace anju::industry
