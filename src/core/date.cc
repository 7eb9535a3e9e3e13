#include "core/date.h"
#include "core/china_time.h"

#include <fmt/format.h>

namespace anju {

using namespace std::chrono;

Result<Date> ParseIsoDate(std::string_view text, std::string_view field) {
  auto bad = [&](std::string why) {
    return InvalidArgument(fmt::format("{}; write the date as YYYY-MM-DD, e.g. 2019-05-01", why),
                           std::string(field), std::string(text), "日期格式应为 YYYY-MM-DD");
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad("not a YYYY-MM-DD date");
  int parts[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8}, lens[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (int i = 0; i < lens[p]; ++i) {
      char c = text[static_cast<size_t>(starts[p] + i)];
      if (c < '0' || c > '9') return bad("not a YYYY-MM-DD date");
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  Date d{year{parts[0]}, month{static_cast<unsigned>(parts[1])},
         day{static_cast<unsigned>(parts[2])}};
  if (!d.ok()) return bad("no such calendar day");
  return d;
}

std::string FormatIsoDate(Date d) {
  return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(d.year()),
                     static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

int AgeInCompletedYears(Date birth, Date on) {
  int age = static_cast<int>(on.year()) - static_cast<int>(birth.year());
  unsigned bm = static_cast<unsigned>(birth.month()), bd = static_cast<unsigned>(birth.day());
  unsigned om = static_cast<unsigned>(on.month()), od = static_cast<unsigned>(on.day());
  // A 29 February birthday falls on 1 March in years without one.
  if (bm == 2 && bd == 29 && !on.year().is_leap()) {
    bm = 3;
    bd = 1;
  }
  if (om < bm || (om == bm && od < bd)) --age;
  return age;
}

Date TodayInChina() {
  auto now = system_clock::now() + hours{8};
  return Date{floor<days>(now)};
}

std::string FormatChinaTime(std::string_view iso_utc) {
  // "YYYY-MM-DDTHH:MM:SS" or "YYYY-MM-DD HH:MM:SS", then optional fraction and "Z".
  auto digits = [&](size_t at, size_t n, int& out) {
    out = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (i >= iso_utc.size() || iso_utc[i] < '0' || iso_utc[i] > '9') return false;
      out = out * 10 + (iso_utc[i] - '0');
    }
    return true;
  };
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (iso_utc.size() < 19 || iso_utc[4] != '-' || iso_utc[7] != '-' ||
      (iso_utc[10] != 'T' && iso_utc[10] != ' ') || iso_utc[13] != ':' || iso_utc[16] != ':' ||
      !digits(0, 4, y) || !digits(5, 2, mo) || !digits(8, 2, d) || !digits(11, 2, h) ||
      !digits(14, 2, mi) || !digits(17, 2, sec))
    return std::string(iso_utc);
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59) return std::string(iso_utc);
  const auto local = sys_days{ymd} + hours{h} + minutes{mi} + hours{8};  // China: UTC+8
  const auto local_day = floor<days>(local);
  const year_month_day out{local_day};
  const hh_mm_ss clock{local - local_day};
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", static_cast<int>(out.year()),
                     static_cast<unsigned>(out.month()), static_cast<unsigned>(out.day()),
                     clock.hours().count(), clock.minutes().count());
}

int DaysSinceEpoch(Date d) { return static_cast<int>(sys_days{d}.time_since_epoch().count()); }

Date FromDaysSinceEpoch(int n) { return Date{sys_days{days{n}}}; }

}  // namespace anju
