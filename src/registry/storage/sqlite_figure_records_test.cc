// Drill-down equality (issue #13 item 4): on the demo database, for every declared report
// figure and two report days, the records its drill-down lists (the household or person list
// with ?figure=<key>, or the figure records list) number exactly the figure — or, for a mu
// figure, their areas sum to it; for a rate, the numerator. Figures come from BuildCountyReport
// (the report's own scan), the records from the SQL of storage/sqlite_figure_records.
#include "registry/storage/sqlite_figure_records.h"

#include <gtest/gtest.h>

#include "modules/module.h"
#include "registry/registry_repository.h"
#include "reports/figure_spec.h"
#include "reports/report_service.h"
#include "sites/reference_data.h"
#include "storage/migrate.h"
#include "registry/storage/sqlite_registry_demo.h"
#include "registry/storage/sqlite_registry_repository.h"
#include "reports/storage/sqlite_report_repository.h"
#include "reports/storage/sqlite_workshop_records.h"

namespace anju::storage {
namespace {

Date D(int y, unsigned m, unsigned d) { return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}; }

class FigureDrillDown : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    modules::Install();  // the figures and settings declared by the modules, as `anju` does at start
    auto db = OpenAndMigrate(":memory:", false);
    ASSERT_TRUE(db) << db.error().ToString();
    db_ = db->release();
    auto ref = sites::LoadReferenceFiles("");
    ASSERT_TRUE(ref) << ref.error().ToString();
    registry::DemoOptions opts;  // the published demo: seed 1, scale 1
    auto sum = RunDemo(*db_, SystemActor(), opts, *ref);
    ASSERT_TRUE(sum) << sum.error().ToString();
  }
  static void TearDownTestSuite() {
    delete db_;
    db_ = nullptr;
  }

  static reports::CountyReport Report(Date as_of) {
    SqliteReportRepository repo(*db_, 1);
    reports::ReportOptions opts;
    opts.as_of = as_of;
    opts.today = D(2026, 1, 1);
    auto r = reports::BuildCountyReport(repo, opts);
    EXPECT_TRUE(r) << r.error().ToString();
    return r ? *r : reports::CountyReport{};
  }

  // The records' total (count, or the sum of 0.01 mu) as the drill-down lists give it.
  static int64_t DrillTotal(const reports::FigureSpec& f, Date as_of) {
    SqliteRegistryRepository registry(*db_);
    PageRequest page;
    page.limit = 1;
    page.with_total = true;
    const registry::FigureFilter figure{f.records.filter, as_of};
    if (f.records.list == "households") {
      registry::HouseholdFilter filter;
      filter.figure = figure;
      auto p = registry.ListHouseholds(AccessScope{}, filter, {}, page);
      EXPECT_TRUE(p) << f.key << ": " << p.error().ToString();
      return p ? p->total.value_or(-1) : -1;
    }
    if (f.records.list == "persons") {
      registry::PersonFilter filter;
      filter.figure = figure;
      auto p = registry.ListPersons(AccessScope{}, filter, {}, page);
      EXPECT_TRUE(p) << f.key << ": " << p.error().ToString();
      return p ? p->total.value_or(-1) : -1;
    }
    // Workshops by the places area's rule (the route's branch, reports/http/figures_routes.cc).
    auto p = f.records.list == "workshops" ? ListWorkshopFigureRecords(*db_, f.records.filter, as_of, page, {})
                                           : ListFigureRecords(*db_, f.records, as_of, page);
    EXPECT_TRUE(p) << f.key << ": " << p.error().ToString();
    if (!p) return -1;
    return f.unit == reports::FigureUnit::kMu ? p->sum_centimu.value_or(0) : p->total;
  }

  // The figure as the drill-down must reproduce it.
  static int64_t Expected(const reports::FigureSpec& f, const reports::CountyReport& r) {
    const reports::FigureValue v = f.value(r);
    if (f.unit == reports::FigureUnit::kMu) return v.centimu.value_or(0);
    if (f.unit == reports::FigureUnit::kRate) return v.rate.numerator;
    return v.count.value_or(0);
  }

  static void CheckEveryFigure(Date as_of) {
    const reports::CountyReport r = Report(as_of);
    ASSERT_GT(r.total.households, 0);
    for (const auto& f : reports::AllFigureSpecs())
      EXPECT_EQ(DrillTotal(f, as_of), Expected(f, r)) << f.key << " as of " << FormatIsoDate(as_of);
  }

  static Database* db_;
};
Database* FigureDrillDown::db_ = nullptr;

TEST_F(FigureDrillDown, EveryFigureEqualsItsRecordsOnTheStatisticsDate) {
  const reports::CountyReport r = Report(D(2022, 9, 30));
  EXPECT_EQ(r.total.households, 13337);  // the published figures (linxian-figures.md)
  EXPECT_EQ(r.total.persons, 40004);
  CheckEveryFigure(D(2022, 9, 30));
}

TEST_F(FigureDrillDown, EveryFigureEqualsItsRecordsOnAnEarlierDay) {
  // An earlier day moves the figures (households not yet moved in, persons not yet born,
  // contracts not yet in force); the records follow.
  const reports::CountyReport r = Report(D(2019, 6, 30));
  EXPECT_LT(r.total.households, 13337);
  CheckEveryFigure(D(2019, 6, 30));
}

// The demo's register events (sqlite_demo_events.h) fall on both sides of these days: a split,
// a merge and a placement change before 2022-04-30, deaths and a split after 2022-09-30.
TEST_F(FigureDrillDown, EveryFigureEqualsItsRecordsAroundTheDemoEvents) {
  for (Date d : {D(2021, 12, 31), D(2022, 4, 30), D(2023, 6, 30)}) CheckEveryFigure(d);
}

// The lists as of a day (?as_of=) count what the report counts: persons and households, for
// three days (before the statistics date, on it, and today), and the current lists (no as_of)
// equal the report as of today.
TEST_F(FigureDrillDown, ListsAsOfADayAgreeWithTheReportPopulation) {
  SqliteRegistryRepository registry(*db_);
  PageRequest page;
  page.limit = 1;
  page.with_total = true;
  auto persons = [&](std::optional<Date> d) {
    registry::PersonFilter f;
    f.counted_on = d;
    auto p = registry.ListPersons(AccessScope{}, f, {}, page);
    EXPECT_TRUE(p) << p.error().ToString();
    return p ? p->total.value_or(-1) : -1;
  };
  auto households = [&](std::optional<Date> d) {
    registry::HouseholdFilter f;
    f.counted_on = d;
    auto p = registry.ListHouseholds(AccessScope{}, f, {}, page);
    EXPECT_TRUE(p) << p.error().ToString();
    return p ? p->total.value_or(-1) : -1;
  };
  const Date today = D(2026, 1, 1);
  for (Date d : {D(2021, 12, 31), D(2022, 9, 30), today}) {
    const reports::CountyReport r = Report(d);
    EXPECT_EQ(persons(d), r.total.persons) << FormatIsoDate(d);
    EXPECT_EQ(households(d), r.total.households) << FormatIsoDate(d);
  }
  // The published day: 40,004 persons in 13,337 households (the events are balanced).
  EXPECT_EQ(persons(D(2022, 9, 30)), 40004);
  EXPECT_EQ(households(D(2022, 9, 30)), 13337);
  // Today, after two deaths, a departure and two births (ids pending) since: 40,003 persons;
  // a split after the date: 13,338 households. The current lists show the same.
  EXPECT_EQ(Report(today).total.persons, 40003);
  EXPECT_EQ(Report(today).total.households, 13338);
  EXPECT_EQ(persons(std::nullopt), 40003);
  EXPECT_EQ(households(std::nullopt), 13338);
  // Before: the person who died on 2022-05-13 and the two who left in 2022 were still counted,
  // the babies born 2021-10 .. 2022-06 only in part.
  EXPECT_NE(persons(D(2021, 12, 31)), 40004);
}

TEST_F(FigureDrillDown, EveryDeclaredFigureHasANamedFilterOfItsList) {
  for (const auto& f : reports::AllFigureSpecs()) {
    if (f.records.list == "households" || f.records.list == "persons") {
      EXPECT_TRUE(FigureFilterSql(f.records.list, f.records.filter, D(2022, 9, 30))) << f.key;
    } else if (f.records.list == "workshops") {  // by the places rule (reports/storage)
      EXPECT_TRUE(ListWorkshopFigureRecords(*db_, f.records.filter, D(2022, 9, 30), {}, {})) << f.key;
    } else {
      EXPECT_TRUE(ListFigureRecords(*db_, f.records, D(2022, 9, 30), {})) << f.key;
    }
  }
  EXPECT_FALSE(ListWorkshopFigureRecords(*db_, "workshops.total", D(2022, 9, 30), {}, {}));  // no such filter
  auto bad = FigureFilterSql("households", "persons.total", D(2022, 9, 30));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "figure");
  EXPECT_FALSE(bad.error().message_zh.empty());
}

TEST_F(FigureDrillDown, RecordsArePagedByIdWithTheTotalOfAllPages) {
  const reports::FigureSpec* f = reports::FindFigure("sites.total");
  ASSERT_NE(f, nullptr);
  PageRequest page;
  page.limit = 5;
  auto first = ListFigureRecords(*db_, f->records, D(2022, 9, 30), page);
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_EQ(first->total, 18);
  ASSERT_EQ(first->page.items.size(), 5u);
  page.cursor = first->page.next_cursor;
  int64_t seen = 5;
  while (!page.cursor.empty()) {
    auto next = ListFigureRecords(*db_, f->records, D(2022, 9, 30), page);
    ASSERT_TRUE(next);
    EXPECT_GT(next->page.items.front().id, first->page.items.back().id);
    seen += static_cast<int64_t>(next->page.items.size());
    page.cursor = next->page.next_cursor;
  }
  EXPECT_EQ(seen, 18);
}

}  // namespace
}  // namespace anju::storage
