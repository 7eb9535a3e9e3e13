// The labour day totals (labour_spans.h). Hand-written: SQL has no interval arithmetic and no
// library keeps a per-day aggregate in step with rows; the rules are the report's own. Portable
// SQL through the storage seam (connection.h), so a PostgreSQL driver needs no second copy.
#include "reports/storage/labour_spans.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <memory>
#include <tuple>

#include "core/date.h"
#include "core/try.h"
#include "reports/report_service.h"

namespace anju::storage {
namespace {

constexpr int32_t kLo = -354285;  // 1000-01-01
constexpr int32_t kHi = 2932896;  // 9999-12-31

std::string DayText(int32_t day) {
  if (day == kLabourOpenStart) return {};
  return FormatIsoDate(FromDaysSinceEpoch(day));
}

// A well-formed valid 'YYYY-MM-DD' as its day, else nullopt.
std::optional<int32_t> ExactDay(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  int v[3] = {0, 0, 0};
  const size_t pos[3] = {0, 5, 8}, len[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k)
    for (size_t i = 0; i < len[k]; ++i) {
      const char c = t[pos[k] + i];
      if (c < '0' || c > '9') return std::nullopt;
      v[k] = v[k] * 10 + (c - '0');
    }
  const Date d{std::chrono::year{v[0]}, std::chrono::month{static_cast<unsigned>(v[1])},
               std::chrono::day{static_cast<unsigned>(v[2])}};
  if (!d.ok() || v[0] < 1000) return std::nullopt;
  return DaysSinceEpoch(d);
}

// The first day in [kLo, kHi] for which `at_least(day)` holds (monotone: false … false, true …);
// kLabourOpenStart when it holds at kLo, kLabourOpenEnd when not even at kHi.
template <class Pred>
int32_t FirstDayWhere(Pred&& at_least) {
  if (at_least(kLo)) return kLabourOpenStart;
  if (!at_least(kHi)) return kLabourOpenEnd;
  int32_t lo = kLo, hi = kHi;  // at_least(lo) false, at_least(hi) true
  while (hi - lo > 1) {
    const int32_t mid = lo + (hi - lo) / 2;
    (at_least(mid) ? hi : lo) = mid;
  }
  return hi;
}

// The first day on which a person born `birth` is `years` old or more by the report's test
// birth <= AgeCutoff(D, years).
int32_t AgeDay(std::string_view birth, int years) {
  bool year_prefix = birth.size() >= 5 && birth[4] == '-';
  int y = 0;
  for (size_t i = 0; year_prefix && i < 4; ++i) {
    if (birth[i] < '0' || birth[i] > '9') year_prefix = false;
    else y = y * 10 + (birth[i] - '0');
  }
  // AgeCutoff(D, n) >= birth  <=>  ISO(D) >= (year + n) followed by the rest of birth, when
  // birth starts with four digits and '-' (both texts then compare the year first, same width).
  if (year_prefix && y + years <= 9999)
    return FirstDayAtLeast(fmt::format("{:04d}{}", y + years, birth.substr(4)));
  return FirstDayWhere([&](int32_t d) { return reports::AgeCutoff(FromDaysSinceEpoch(d), years) >= birth; });
}

using Interval = std::pair<int32_t, int32_t>;

// The spans of one person from bounds already turned into days.
void SpansOf(int32_t age_from, int32_t age_until, const std::vector<Interval>& memberships,
             std::vector<Interval>& jobs, std::vector<LabourSpan>& out) {
  out.clear();
  std::sort(jobs.begin(), jobs.end());
  std::vector<Interval> merged;  // the days with a job, as disjoint intervals
  for (const Interval& j : jobs) {
    if (j.first >= j.second) continue;
    if (!merged.empty() && j.first <= merged.back().second) merged.back().second = std::max(merged.back().second, j.second);
    else merged.push_back(j);
  }
  std::vector<Interval> w;
  for (const Interval& m : memberships) {
    const int32_t from = std::max(m.first, age_from), until = std::min(m.second, age_until);
    if (from < until) {
      w.push_back({from, until});
      out.push_back({from, until, false});
    }
  }
  for (const Interval& x : w)
    for (const Interval& j : merged) {
      const int32_t from = std::max(x.first, j.first), until = std::min(x.second, j.second);
      if (from < until) out.push_back({from, until, true});
    }
}

int32_t UntilDay(std::string_view t) { return t.empty() ? kLabourOpenEnd : FirstDayAtLeast(t); }
Interval HouseholdDays(std::string_view move_in, std::string_view formed_on, std::string_view ended_on) {
  return {std::max(FirstDayAtLeast(move_in), FirstDayAtLeast(formed_on)), UntilDay(ended_on)};
}
Interval Meet(Interval a, Interval b) { return {std::max(a.first, b.first), std::min(a.second, b.second)}; }

// The filters of the loaders: every person, or those listed in labour_dirty.
constexpr std::string_view kDirty = "(SELECT person_id FROM labour_dirty)";

// Runs `sql` (with `bind` applied) and calls row(statement) for each result row.
template <class Row>
Status Rows(Connection& db, std::string_view sql, Row&& row) {
  ANJU_TRY(st, db.Prepare(sql));
  while (true) {
    ANJU_TRY(more, st.Step());
    if (!more) return {};
    row(st);
  }
}

// Calls fn(person_id, spans) for every person (all) or every listed person that has a persons
// row, in id order, computed from their records in the connection's current snapshot.
template <class Fn>
Status ForEachPersonSpans(Connection& db, bool all, Fn&& fn) {
  // Households: their counted days, sorted by id.
  std::vector<std::pair<int64_t, Interval>> households;
  ANJU_CHECK(Rows(db,
                  all ? std::string("SELECT id, move_in_date, formed_on, ended_on FROM households ORDER BY id")
                      : fmt::format("SELECT id, move_in_date, formed_on, ended_on FROM households WHERE id IN (SELECT "
                                    "household_id FROM persons WHERE id IN {0} UNION SELECT household_id FROM "
                                    "membership_history WHERE person_id IN {0}) ORDER BY id",
                                    kDirty),
                  [&](Statement& st) {
                    households.push_back(
                        {st.ColumnInt(0), HouseholdDays(st.ColumnText(1), st.ColumnText(2), st.ColumnText(3))});
                  }));
  auto household = [&](int64_t id) -> std::optional<Interval> {
    auto it = std::lower_bound(households.begin(), households.end(), id,
                               [](const auto& h, int64_t k) { return h.first < k; });
    if (it == households.end() || it->first != id) return std::nullopt;
    return it->second;
  };
  // Earlier memberships and jobs not voided: (person, from, until), sorted by person.
  std::vector<std::tuple<int64_t, int32_t, int32_t>> history, jobs;
  ANJU_CHECK(Rows(db,
                  fmt::format("SELECT person_id, household_id, start_date, end_date FROM membership_history{}",
                              all ? "" : fmt::format(" WHERE person_id IN {}", kDirty)),
                  [&](Statement& st) {
                    const auto h = household(st.ColumnInt(1));
                    if (!h) return;  // no such household: the report's scan finds no slot either
                    const Interval m = Meet({FirstDayAtLeast(st.ColumnText(2)), UntilDay(st.ColumnText(3))}, *h);
                    if (m.first < m.second) history.emplace_back(st.ColumnInt(0), m.first, m.second);
                  }));
  std::stable_sort(history.begin(), history.end(),
                   [](const auto& x, const auto& y) { return std::get<0>(x) < std::get<0>(y); });
  ANJU_CHECK(Rows(db,
                  fmt::format("SELECT person_id, started_on, ended_on FROM jobs WHERE voided_at IS NULL{}",
                              all ? "" : fmt::format(" AND person_id IN {}", kDirty)),
                  [&](Statement& st) {
                    const int32_t until = st.ColumnIsNull(2) ? kLabourOpenEnd : FirstDayAtLeast(st.ColumnText(2));
                    jobs.emplace_back(st.ColumnInt(0), FirstDayAtLeast(st.ColumnText(1)), until);
                  }));
  std::sort(jobs.begin(), jobs.end());
  size_t hi = 0, ji = 0;
  std::vector<Interval> members, own_jobs;
  std::vector<LabourSpan> spans;
  return Rows(db,
              fmt::format("SELECT id, household_id, birth_date, member_from, member_until FROM persons{} ORDER BY id",
                          all ? "" : fmt::format(" WHERE id IN {}", kDirty)),
              [&](Statement& st) {
                const int64_t id = st.ColumnInt(0);
                members.clear();
                own_jobs.clear();
                if (const auto h = household(st.ColumnInt(1))) {
                  const Interval m = Meet({FirstDayAtLeast(st.ColumnText(3)), UntilDay(st.ColumnText(4))}, *h);
                  if (m.first < m.second) members.push_back(m);
                }
                while (hi < history.size() && std::get<0>(history[hi]) < id) ++hi;
                for (; hi < history.size() && std::get<0>(history[hi]) == id; ++hi)
                  members.push_back({std::get<1>(history[hi]), std::get<2>(history[hi])});
                while (ji < jobs.size() && std::get<0>(jobs[ji]) < id) ++ji;
                for (; ji < jobs.size() && std::get<0>(jobs[ji]) == id; ++ji)
                  own_jobs.push_back({std::get<1>(jobs[ji]), std::get<2>(jobs[ji])});
                if (members.empty()) {
                  spans.clear();
                } else {
                  const std::string birth = st.ColumnText(2);
                  SpansOf(AgeDay(birth, 18), AgeDay(birth, 61), members, own_jobs, spans);
                }
                fn(id, spans);
              });
}

// +1/-1 per day of each span, [working_age, employed].
using Deltas = std::map<int32_t, std::array<int64_t, 2>>;
void AddSpans(Deltas& d, const std::vector<LabourSpan>& spans, int sign) {
  for (const LabourSpan& s : spans) {
    d[s.from][s.employed ? 1 : 0] += sign;
    if (s.until != kLabourOpenEnd) d[s.until][s.employed ? 1 : 0] -= sign;
  }
}
void CountOn(const std::vector<LabourSpan>& spans, int32_t day, int sign, LabourDayTotals& t) {
  for (const LabourSpan& s : spans)
    if (s.from <= day && day < s.until) (s.employed ? t.employed : t.working_age) += sign;
}

// meta labour_spans ('v1' once folded), or nullopt.
Result<std::optional<std::string>> FoldedState(Connection& db) {
  std::optional<std::string> out;
  ANJU_CHECK(Rows(db, "SELECT value FROM meta WHERE key = 'labour_spans'",
                  [&](Statement& st) { out = st.ColumnText(0); }));
  return out;
}

Result<int64_t> Scalar(Connection& db, std::string_view sql) {
  int64_t out = 0;
  ANJU_CHECK(Rows(db, sql, [&](Statement& st) { out = st.ColumnInt(0); }));
  return out;
}

// The listed persons' stored spans, each passed to fn.
template <class Fn>
Status ForEachStoredSpans(Connection& db, Fn&& fn) {
  Status bad;
  ANJU_CHECK(Rows(db, fmt::format("SELECT spans FROM labour_spans WHERE person_id IN {}", kDirty),
                  [&](Statement& st) {
                    auto spans = ParseLabourSpans(st.ColumnText(0));
                    if (!spans) bad = std::unexpected(spans.error());
                    else if (bad) fn(*spans);
                  }));
  return bad;
}

// Fold inside the caller's transaction; `listed` = rows of labour_dirty (the table exists).
Status Fold(Connection& db, int64_t listed) {
  ANJU_TRY(state, FoldedState(db));
  ANJU_TRY(max_id, Scalar(db, "SELECT COALESCE(MAX(id), 0) FROM persons"));
  bool all = !state || *state != "v1" || listed > max_id / 4;
  if (!all && listed == 0) return {};
  Deltas deltas;
  if (!all && !ForEachStoredSpans(db, [&](const std::vector<LabourSpan>& spans) { AddSpans(deltas, spans, -1); })) {
    // A stored span that cannot be read (edited by hand): derived data, so every span is
    // written anew rather than refusing the user's write.
    deltas.clear();
    all = true;
  }
  if (all) ANJU_CHECK(db.Exec("DELETE FROM labour_spans; DELETE FROM labour_day_deltas"));
  else ANJU_CHECK(db.Exec(fmt::format("DELETE FROM labour_spans WHERE person_id IN {}", kDirty)));
  ANJU_TRY(put, db.Prepare("INSERT INTO labour_spans (person_id, spans) VALUES (?1, ?2)"));
  Status failed;
  ANJU_CHECK(ForEachPersonSpans(db, all, [&](int64_t id, const std::vector<LabourSpan>& spans) {
    if (spans.empty() || !failed) return;
    AddSpans(deltas, spans, +1);
    put.Bind(1, id).Bind(2, FormatLabourSpans(spans));
    failed = put.Run();
    put.Reset();
  }));
  ANJU_CHECK(failed);
  ANJU_TRY(add, db.Prepare("INSERT INTO labour_day_deltas (day, working_age, employed) VALUES (?1, ?2, ?3) "
                           "ON CONFLICT (day) DO UPDATE SET working_age = labour_day_deltas.working_age + "
                           "excluded.working_age, employed = labour_day_deltas.employed + excluded.employed"));
  for (const auto& [day, d] : deltas) {
    if (d[0] == 0 && d[1] == 0) continue;
    add.Bind(1, DayText(day)).Bind(2, d[0]).Bind(3, d[1]);
    ANJU_CHECK(add.Run());
    add.Reset();
  }
  return db.Exec("DELETE FROM labour_dirty; INSERT INTO meta (key, value) VALUES ('labour_spans', 'v1') "
                 "ON CONFLICT (key) DO UPDATE SET value = 'v1'");
}

// Rows of labour_dirty, or nullopt without the table (a database before reports migration 0001).
Result<std::optional<int64_t>> Listed(Connection& db, std::string_view sql = "SELECT count(*) FROM labour_dirty") {
  auto st = db.Prepare(sql);
  if (!st) return std::optional<int64_t>{};
  ANJU_TRY(more, st->Step());
  return std::optional<int64_t>(more ? st->ColumnInt(0) : 0);
}

}  // namespace

int32_t FirstDayAtLeast(std::string_view text) {
  if (text.empty()) return kLabourOpenStart;
  if (auto d = ExactDay(text)) return *d;
  return FirstDayWhere([&](int32_t d) { return FormatIsoDate(FromDaysSinceEpoch(d)) >= text; });
}

std::vector<LabourSpan> ComputeLabourSpans(const LabourRecords& r) {
  std::vector<Interval> members, jobs;
  for (const auto& m : r.memberships) {
    const Interval x = Meet({FirstDayAtLeast(m.from), UntilDay(m.until)},
                            HouseholdDays(m.move_in_date, m.formed_on, m.ended_on));
    if (x.first < x.second) members.push_back(x);
  }
  for (const auto& j : r.jobs)
    jobs.push_back({FirstDayAtLeast(j.started_on), j.ended_on ? FirstDayAtLeast(*j.ended_on) : kLabourOpenEnd});
  std::vector<LabourSpan> out;
  if (!members.empty()) SpansOf(AgeDay(r.birth_date, 18), AgeDay(r.birth_date, 61), members, jobs, out);
  return out;
}

std::string FormatLabourSpans(const std::vector<LabourSpan>& spans) {
  std::string out;
  for (const LabourSpan& s : spans) {
    if (!out.empty()) out += ';';
    out += s.employed ? "e:" : "w:";
    out += DayText(s.from);
    out += ':';
    if (s.until != kLabourOpenEnd) out += DayText(s.until);
  }
  return out;
}

Result<std::vector<LabourSpan>> ParseLabourSpans(std::string_view text) {
  std::vector<LabourSpan> out;
  auto bad = [&] { return Internal(fmt::format("labour_spans: cannot read '{}'", text.substr(0, 80))); };
  size_t at = 0;
  while (at < text.size()) {
    size_t end = text.find(';', at);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view part = text.substr(at, end - at);
    at = end + 1;
    const size_t c1 = part.find(':'), c2 = c1 == std::string_view::npos ? c1 : part.find(':', c1 + 1);
    if (c2 == std::string_view::npos || (part.substr(0, c1) != "w" && part.substr(0, c1) != "e")) return bad();
    LabourSpan s;
    s.employed = part[0] == 'e';
    const std::string_view from = part.substr(c1 + 1, c2 - c1 - 1), until = part.substr(c2 + 1);
    if (!from.empty()) {
      auto d = ExactDay(from);
      if (!d) return bad();
      s.from = *d;
    }
    if (!until.empty()) {
      auto d = ExactDay(until);
      if (!d) return bad();
      s.until = *d;
    }
    out.push_back(s);
  }
  return out;
}

Status FoldLabourSpans(Connection& db) {
  ANJU_TRY(listed, Listed(db));
  if (!listed) return {};
  if (db.InTransaction()) return Fold(db, *listed);
  ANJU_CHECK(db.Begin());
  if (auto s = Fold(db, *listed); !s) {
    (void)db.Rollback();
    return s;
  }
  return db.Commit();
}

Status FoldLabourSpansBeforeCommit(Database& db) {
  ANJU_TRY(any, Listed(db, "SELECT count(*) FROM (SELECT 1 FROM labour_dirty LIMIT 1) AS one"));
  if (!any || *any == 0) return {};
  ANJU_TRY(listed, Listed(db));
  return Fold(db, listed.value_or(0));
}

Result<std::optional<LabourDayTotals>> ReadLabourDayTotals(Connection& db, std::string_view as_of,
                                                           int64_t max_dirty) {
  ANJU_TRY(listed, Listed(db, fmt::format("SELECT count(*) FROM (SELECT 1 FROM labour_dirty LIMIT {}) AS listed",
                                          max_dirty + 1)));
  if (!listed || *listed > max_dirty) return std::optional<LabourDayTotals>{};
  ANJU_TRY(state, FoldedState(db));
  if (!state || *state != "v1") return std::optional<LabourDayTotals>{};
  const auto day = ExactDay(as_of);
  if (!day)
    return InvalidArgument(fmt::format("as_of '{}' is not a date YYYY-MM-DD", as_of), "as_of", std::string(as_of),
                           fmt::format("日期“{}”不是 YYYY-MM-DD 格式", as_of));
  LabourDayTotals t;
  {
    ANJU_TRY(st, db.Prepare("SELECT COALESCE(SUM(working_age), 0), COALESCE(SUM(employed), 0) FROM "
                            "labour_day_deltas WHERE day <= ?1"));
    st.Bind(1, std::string(as_of));
    ANJU_TRY(more, st.Step());
    if (more) {
      t.working_age = st.ColumnInt(0);
      t.employed = st.ColumnInt(1);
    }
  }
  if (*listed == 0) return std::optional<LabourDayTotals>(t);
  t.corrected = *listed;
  // A stored span that cannot be read (edited by hand): the caller scans; the next fold rewrites it.
  if (!ForEachStoredSpans(db, [&](const std::vector<LabourSpan>& spans) { CountOn(spans, *day, -1, t); }))
    return std::optional<LabourDayTotals>{};
  ANJU_CHECK(ForEachPersonSpans(db, false, [&](int64_t, const std::vector<LabourSpan>& spans) {
    CountOn(spans, *day, +1, t);
  }));
  return std::optional<LabourDayTotals>(t);
}

}  // namespace anju::storage
