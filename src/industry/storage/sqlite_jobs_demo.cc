// The industry demo's jobs (storage/industry_demo.h, docs/industry.md "Demo"): every demo person
// the registry demo made employed (persons.employment_kind <> 'none', calibrated by
// registry/demo_generator.cc to the article's 21,000 of 25,600 on the statistics day) gets one
// current job of that channel, started on a plausible day on or before the statistics day; some
// persons without work today get a job that ended in the year before it, so the employment rate
// per month moves while the statistics day's figures stay exactly the article's.
//
// Set-based (INSERT … SELECT, one statement per kind): ≈ 8 M rows at --scale 240. The pseudo-random
// choices are integer hashes of persons.id and the seed, so the same seed gives the same rows.
// Dates come from a small temporary table of days before the statistics day computed here (no
// date arithmetic in SQL).
#include "industry/storage/industry_demo.h"

#include <fmt/format.h>

#include <string>

namespace anju::storage {

namespace {

// Days before the statistics day a job may start (≈ 9 years: the county's relocation years).
constexpr int kMaxDaysBack = 3300;

// The greatest of three 'YYYY-MM-DD' texts (portable CASE instead of SQLite's max(a, b, c)).
std::string Greatest(std::string_view a, std::string_view b, std::string_view c) {
  return fmt::format(
      "CASE WHEN {0} >= {1} AND {0} >= {2} THEN {0} WHEN {1} >= {2} THEN {1} ELSE {2} END", a, b, c);
}

// Monthly income in fen by channel (plausible 2022 Lüliang wages), varied by up to ¥490.
constexpr std::string_view kIncome =
    "CASE x.channel WHEN 'migrant_work' THEN 420000 WHEN 'enterprise' THEN 300000 "
    "WHEN 'workshop' THEN 200000 WHEN 'park' THEN 220000 WHEN 'welfare_post' THEN 80000 "
    "WHEN 'flexible' THEN 180000 ELSE 250000 END + (x.id % 50) * 1000";
// Months worked a year: migrant and park work is seasonal.
constexpr std::string_view kMonths =
    "CASE x.channel WHEN 'migrant_work' THEN 10 WHEN 'park' THEN 9 WHEN 'flexible' THEN 8 ELSE 12 END";
// 务工地点 by channel: migrant work by the city (太原 and 吕梁 are in Shanxi), the rest near home.
constexpr std::string_view kPlace =
    "CASE x.channel WHEN 'migrant_work' THEN CASE WHEN x.city IN ('太原', '吕梁离石') THEN "
    "'province' ELSE 'outside' END WHEN 'enterprise' THEN 'county' WHEN 'self_employed' THEN "
    "CASE WHEN x.id % 3 = 0 THEN 'county' ELSE 'township' END WHEN 'flexible' THEN 'county' "
    "ELSE 'township' END";

}  // namespace

Status AddDemoJobs(Connection& db, uint64_t seed, Date statistics_date, IndustryDemoSummary& sum) {
  const std::string day = FormatIsoDate(statistics_date);
  const int64_t s = static_cast<int64_t>(seed % 100003);
  // demo_days(k): the statistics day minus k days, k = 0 … kMaxDaysBack.
  if (auto st = db.Exec("CREATE TEMP TABLE demo_days (k INTEGER PRIMARY KEY, day TEXT NOT NULL)"); !st) return st;
  {
    auto ins = db.Prepare("INSERT INTO demo_days (k, day) VALUES (?1, ?2)");
    if (!ins) return std::unexpected(ins.error());
    const int base = DaysSinceEpoch(statistics_date);
    for (int k = 0; k <= kMaxDaysBack; ++k) {
      ins->Reset();
      ins->Bind(1, k).Bind(2, FormatIsoDate(FromDaysSinceEpoch(base - k)));
      if (auto st = ins->Run(); !st) return st;
    }
  }
  // The 18th birthday as text ('2004-02-29' stays a valid comparison bound).
  constexpr std::string_view kAdult =
      "CAST(CAST(substr(p.birth_date, 1, 4) AS INTEGER) + 18 AS TEXT) || substr(p.birth_date, 5)";
  constexpr std::string_view kJoined = "coalesce(p.member_from, h.move_in_date)";
  const std::string recorded_at = day + "T00:00:00Z";

  // 1. Current jobs: one per employed person. 15 % started within the 330 days before the
  // statistics day (the months chart rises), the others up to 9 years before; never before the
  // person joined the household or turned 18, and never after the statistics day (a person who
  // moved to another household after it was counted on it in the earlier one).
  {
    const std::string sql = fmt::format(
        "INSERT INTO jobs (person_id, channel, employer, workshop_id, park_id, place, work_county, "
        "started_on, monthly_income_fen, months_per_year, source, note, recorded_by, recorded_at) "
        "SELECT x.id, x.channel, x.employer, "
        "CASE WHEN x.channel = 'workshop' THEN (SELECT min(w.id) FROM workshops w WHERE w.site_id = x.site_id) END, "
        "CASE WHEN x.channel = 'park' THEN (SELECT min(k.id) FROM parks k WHERE k.site_id = x.site_id) END, "
        "{place}, CASE WHEN x.channel = 'migrant_work' THEN x.city ELSE '临县' END, x.started_on, "
        "{income}, {months}, 'entered', '演示数据', 'demo', ?1 FROM ("
        "SELECT p.id, p.employment_kind AS channel, h.site_id, p.employer AS city, "
        "CASE p.employment_kind WHEN 'migrant_work' THEN '' WHEN 'self_employed' THEN '个体经营' "
        "ELSE p.employer END AS employer, CASE WHEN {start} > ?3 THEN ?3 ELSE {start} END AS started_on "
        "FROM persons p JOIN households h ON h.id = p.household_id "
        "JOIN demo_days d ON d.k = CASE WHEN (p.id * 7919 + ?2) % 100 < 15 THEN (p.id * 31 + ?2) % 330 "
        "ELSE 330 + (p.id * 37 + ?2) % {span} END "
        "WHERE p.employment_kind <> 'none') x",
        fmt::arg("place", kPlace), fmt::arg("income", kIncome), fmt::arg("months", kMonths),
        fmt::arg("start", Greatest("d.day", kJoined, kAdult)), fmt::arg("span", kMaxDaysBack - 330));
    auto st = db.Prepare(sql);
    if (!st) return std::unexpected(st.error());
    st->Bind(1, recorded_at).Bind(2, s).Bind(3, day);
    if (auto r = st->Run(); !r) return r;
    sum.jobs += db.Changes();
  }
  // 2. Ended jobs: about a third of the persons able and willing to work but without a job on the
  // statistics day worked earlier — a job from 400 … 1,600 days before it that ended 1 … 330
  // days before it (ended_on is the first day without it, so none is current then).
  {
    const std::string sql = fmt::format(
        "INSERT INTO jobs (person_id, channel, employer, place, work_county, started_on, ended_on, "
        "end_reason, monthly_income_fen, months_per_year, source, note, recorded_by, recorded_at) "
        "SELECT x.id, x.channel, x.employer, {place}, CASE WHEN x.channel = 'migrant_work' THEN x.city "
        "ELSE '临县' END, x.started_on, x.ended_on, CASE WHEN x.id % 2 = 0 THEN '合同到期' ELSE '返乡' END, "
        "{income}, {months}, 'entered', '演示数据', 'demo', ?1 FROM ("
        "SELECT p.id, CASE p.id % 3 WHEN 0 THEN 'migrant_work' WHEN 1 THEN 'enterprise' ELSE 'flexible' END "
        "AS channel, CASE p.id % 4 WHEN 0 THEN '太原' WHEN 1 THEN '北京' WHEN 2 THEN '西安' ELSE '吕梁离石' END AS city, "
        "CASE p.id % 3 WHEN 0 THEN '' WHEN 1 THEN '临县建筑工程公司' ELSE '零工' END AS employer, "
        "{start} AS started_on, e.day AS ended_on "
        "FROM persons p JOIN households h ON h.id = p.household_id "
        "JOIN demo_days d ON d.k = 400 + (p.id * 13 + ?2) % 1200 "
        "JOIN demo_days e ON e.k = 1 + (p.id * 17 + ?2) % 330 "
        "WHERE p.employment_kind = 'none' AND p.able_to_work = 1 AND p.wants_work = 1 "
        "AND (p.id * 7919 + ?2) % 100 < 35) x WHERE x.ended_on > x.started_on",
        fmt::arg("place", kPlace), fmt::arg("income", kIncome), fmt::arg("months", kMonths),
        fmt::arg("start", Greatest("d.day", kJoined, kAdult)));
    auto st = db.Prepare(sql);
    if (!st) return std::unexpected(st.error());
    st->Bind(1, recorded_at).Bind(2, s);
    if (auto r = st->Run(); !r) return r;
    sum.jobs += db.Changes();
  }
  return db.Exec("DROP TABLE temp.demo_days");
}

}  // namespace anju::storage
