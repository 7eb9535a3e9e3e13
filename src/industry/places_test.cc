// The places rules (industry/places.h) with hand-checked values: park and workshop checks, the
// area's 0.01 mu precision, closing, recognition as of a day.
#include "industry/places.h"

#include <gtest/gtest.h>

namespace anju::industry {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

constexpr Date kToday{year{2026}, month{11}, day{29}};
Date D(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

// The fields of every fault of a refusal (one, or the details of several).
std::vector<std::string> Fields(const Status& s) {
  std::vector<std::string> out;
  if (s) return out;
  if (s.error().details.empty()) out.push_back(s.error().field);
  for (const Error& e : s.error().details) out.push_back(e.field);
  return out;
}

Park GoodPark() {
  Park p;
  p.name = "测试香菇园区";
  p.site_id = 1;
  p.kind = "shiitake";
  p.status = "built";
  return p;
}

TEST(Places, AreaIsMuWithAtMostTwoDecimalsKeptInCentimu) {
  Park p = GoodPark();
  ParkInput in;
  in.area_mu = "12.25";
  ASSERT_TRUE(ApplyParkInput(p, in));
  EXPECT_EQ(p.area_centimu, 1225);
  in.area_mu = "270";
  ASSERT_TRUE(ApplyParkInput(p, in));
  EXPECT_EQ(p.area_centimu, 27000);
  in.area_mu = "0";
  ASSERT_TRUE(ApplyParkInput(p, in));
  EXPECT_EQ(p.area_centimu, 0);
  for (const char* bad : {"12.345", "-1", "abc"}) {
    in.area_mu = bad;
    auto s = ApplyParkInput(p, in);
    ASSERT_FALSE(s) << bad;
    EXPECT_EQ(s.error().field, "area_mu");
    EXPECT_EQ(s.error().value, bad);
    EXPECT_FALSE(s.error().message_zh.empty());
  }
  in.area_mu = "";  // clears
  ASSERT_TRUE(ApplyParkInput(p, in));
  EXPECT_FALSE(p.area_centimu);
}

TEST(Places, APlannedParkHasItsPlannedDayABuiltOneNoDayToCome) {
  Park p = GoodPark();
  EXPECT_TRUE(CheckPark(p, kToday));  // built without a day: not recorded, accepted
  p.built_on = D(2026, 11, 29);
  EXPECT_TRUE(CheckPark(p, kToday));  // today
  p.built_on = D(2026, 11, 30);
  EXPECT_EQ(Fields(CheckPark(p, kToday)), std::vector<std::string>{"built_on"});
  p.built_on.reset();
  p.status = "planned";
  EXPECT_EQ(Fields(CheckPark(p, kToday)), std::vector<std::string>{"planned_on"});
  p.planned_on = D(2027, 6, 30);  // a day to come is what a plan has
  EXPECT_TRUE(CheckPark(p, kToday));
  p.status = "abandoned";
  EXPECT_EQ(Fields(CheckPark(p, kToday)), std::vector<std::string>{"status"});
}

TEST(Places, EveryParkFaultIsNamedAtOnce) {
  Park p;
  p.name = "";
  p.kind = "casino";
  p.head_count = -3;
  p.operator_kind = "state";
  p.site_id = 4;
  p.served_site_ids = {4};
  EXPECT_EQ(Fields(CheckPark(p, kToday)),
            (std::vector<std::string>{"name", "kind", "head_count", "operator_kind", "served_site_ids"}));
  p.name = std::string(101, 'a');
  EXPECT_EQ(Fields(CheckPark(p, kToday))[0], "name");
}

TEST(Places, NameLengthCountsCharactersNotBytes) {
  Park p = GoodPark();
  std::string hundred;
  for (int i = 0; i < 100; ++i) hundred += "园";  // 100 characters, 300 bytes
  p.name = hundred;
  EXPECT_TRUE(CheckPark(p, kToday));
  p.name += "区";
  EXPECT_EQ(Fields(CheckPark(p, kToday)), std::vector<std::string>{"name"});
}

TEST(Places, ServedSitesAreSortedWithoutRepeats) {
  Park p = GoodPark();
  ParkInput in;
  in.served_site_ids = std::vector<int64_t>{9, 3, 9, 5};
  ASSERT_TRUE(ApplyParkInput(p, in));
  EXPECT_EQ(p.served_site_ids, (std::vector<int64_t>{3, 5, 9}));
}

Workshop GoodWorkshop() {
  Workshop w;
  w.site_id = 2;
  w.name = "测试车间";
  w.type = "factory";
  w.opened_on = D(2019, 10, 15);
  return w;
}

TEST(Places, WorkshopRules) {
  Workshop w = GoodWorkshop();
  EXPECT_TRUE(CheckWorkshop(w, kToday));
  w.rent_free_years = 5;
  w.subsidy_fen = 17'000'000;  // 170,000 yuan
  EXPECT_TRUE(CheckWorkshop(w, kToday));
  w.rent_free_years = 21;
  w.subsidy_fen = -1;
  w.type = "mine";
  EXPECT_EQ(Fields(CheckWorkshop(w, kToday)), (std::vector<std::string>{"type", "rent_free_years", "subsidy_fen"}));
  w = GoodWorkshop();
  w.level = "workshop";  // a level without its day: the missing day is named
  EXPECT_EQ(Fields(CheckWorkshop(w, kToday)), std::vector<std::string>{"recognised_on"});
  w.recognised_on = D(2019, 10, 14);  // before opening
  EXPECT_EQ(Fields(CheckWorkshop(w, kToday)), std::vector<std::string>{"recognised_on"});
  w.recognised_on = D(2020, 10, 15);
  EXPECT_TRUE(CheckWorkshop(w, kToday));
  w.level = "plaque";
  EXPECT_EQ(Fields(CheckWorkshop(w, kToday)), std::vector<std::string>{"level"});
  w = GoodWorkshop();
  w.opened_on = D(2026, 11, 30);
  EXPECT_EQ(Fields(CheckWorkshop(w, kToday)), std::vector<std::string>{"opened_on"});
}

TEST(Places, CloseNeedsADayAfterOpeningNotAfterTodayAndAReason) {
  Workshop w = GoodWorkshop();
  EXPECT_EQ(Fields(CheckClose(w, D(2019, 10, 15), "迁出", kToday)), std::vector<std::string>{"closed_on"});
  EXPECT_EQ(Fields(CheckClose(w, D(2026, 11, 30), "迁出", kToday)), std::vector<std::string>{"closed_on"});
  EXPECT_EQ(Fields(CheckClose(w, D(2024, 7, 1), "", kToday)), std::vector<std::string>{"reason"});
  EXPECT_TRUE(CheckClose(w, D(2019, 10, 16), "迁出", kToday));
  w.closed_on = D(2024, 7, 1);
  EXPECT_EQ(Fields(CheckClose(w, D(2025, 1, 1), "再次", kToday)), std::vector<std::string>{"closed_on"});
}

TEST(Places, RecognitionAsOfADay) {
  Workshop w = GoodWorkshop();  // opened 2019-10-15
  w.recognised_on = D(2020, 10, 15);
  w.level = "workshop";
  w.closed_on = D(2025, 7, 1);
  // The day before recognition: not recognised, never flagged, a candidate with 6 workers.
  Recognition r = EvaluateRecognition(w, D(2020, 10, 14), 6, 5);
  EXPECT_FALSE(r.recognised);
  EXPECT_FALSE(r.below_minimum);
  EXPECT_TRUE(r.meets_minimum);
  // Recognised with exactly the minimum: not flagged; one less: flagged.
  r = EvaluateRecognition(w, D(2020, 10, 15), 5, 5);
  EXPECT_TRUE(r.recognised);
  EXPECT_FALSE(r.below_minimum);
  r = EvaluateRecognition(w, D(2023, 1, 1), 4, 5);
  EXPECT_TRUE(r.below_minimum);
  EXPECT_EQ(r.workers, 4);
  EXPECT_EQ(r.min_workers, 5);
  // Closed on 2025-07-01 (its first day closed): recognised the day before, not on it.
  EXPECT_TRUE(EvaluateRecognition(w, D(2025, 6, 30), 0, 5).below_minimum);
  r = EvaluateRecognition(w, D(2025, 7, 1), 0, 5);
  EXPECT_FALSE(r.recognised);
  EXPECT_FALSE(r.below_minimum);
  EXPECT_FALSE(OpenOn(w, D(2025, 7, 1)));
  EXPECT_TRUE(OpenOn(w, D(2025, 6, 30)));
  EXPECT_FALSE(OpenOn(w, D(2019, 10, 14)));
}

}  // namespace
}  // namespace anju::industry
