// Rules of the county report on a small hand-computed example (fake repository).
#include "reports/report_service.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "reports/report_test_util.h"

namespace anju::reports {
namespace {

using testing::ExampleRepository;
using testing::FakeRepository;
using testing::MakeId;

Date D(const char* s) { return *ParseIsoDate(s); }

TEST(AgeCutoff, AgreesWithCompletedYearsIncluding29February) {
  // Every birth day of 1999-2006 against as-of days around the 18th birthdays, incl. leap days.
  for (const char* on : {"2022-02-28", "2022-03-01", "2024-02-28", "2024-02-29", "2024-03-01",
                         "2022-09-30", "2023-01-01", "2022-12-31"}) {
    Date as_of = D(on);
    const std::string cut = AgeCutoff(as_of, 18);
    for (int d = DaysSinceEpoch(D("1999-01-01")); d <= DaysSinceEpoch(D("2007-01-01")); ++d) {
      Date b = FromDaysSinceEpoch(d);
      bool by_string = FormatIsoDate(b) <= cut;
      bool by_age = AgeInCompletedYears(b, as_of) >= 18;
      ASSERT_EQ(by_string, by_age) << "born " << FormatIsoDate(b) << " on " << on;
    }
  }
  EXPECT_EQ(AgeCutoff(D("2024-02-29"), 18), "2006-02-29");  // not a day, still exact
}

TEST(StoredResidentIdProblem, ValidInvalidAndNonCanonical) {
  EXPECT_FALSE(StoredResidentIdProblem("11010519491231002X", D("2024-01-01")));
  auto bad = StoredResidentIdProblem("110105194912310023", D("2024-01-01"));
  ASSERT_TRUE(bad);
  EXPECT_NE(bad->en.find("check digit is 3, expected X"), std::string::npos);
  EXPECT_NE(bad->zh.find("校验码为3，应为X"), std::string::npos) << bad->zh;
  auto lower = StoredResidentIdProblem("11010519491231002x", D("2024-01-01"));
  ASSERT_TRUE(lower);
  EXPECT_NE(lower->en.find("non-canonical"), std::string::npos);
  EXPECT_TRUE(StoredResidentIdProblem("110105491231002", D("2024-01-01")));  // 15 digits
  EXPECT_TRUE(StoredResidentIdProblem("99010519491231002X", D("2024-01-01")));  // province 99
  // Born after `today`.
  std::string future = MakeId("141124", "20300101", "001");
  EXPECT_TRUE(StoredResidentIdProblem(future, D("2024-01-01")));
  EXPECT_FALSE(StoredResidentIdProblem(future, D("2030-01-01")));
}

TEST(SizeClass, ArticleBoundaries) {
  EXPECT_EQ(SizeClassFor(0), SizeClass::kUnder800);
  EXPECT_EQ(SizeClassFor(799), SizeClass::kUnder800);
  EXPECT_EQ(SizeClassFor(800), SizeClass::k800To2999);
  EXPECT_EQ(SizeClassFor(2999), SizeClass::k800To2999);
  EXPECT_EQ(SizeClassFor(3000), SizeClass::k3000Plus);
  EXPECT_STREQ(SizeClassKey(SizeClass::k800To2999), "800_2999");
}

TEST(BuildCountyReport, HandComputedExample) {
  FakeRepository f = ExampleRepository();
  auto r = BuildCountyReport(f, {.today = D("2024-01-01")});
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(f.snapshots_open, 0);
  EXPECT_EQ(FormatIsoDate(r->as_of), "2022-09-30");  // meta statistics_date
  EXPECT_EQ(r->households_excluded_after_as_of, 1);
  EXPECT_EQ(r->persons_excluded_born_after_as_of, 1);
  EXPECT_EQ(r->total.households, 3);
  EXPECT_EQ(r->total.persons, 7);  // 4 + 2 + 1
  EXPECT_EQ(r->registered_poor.households, 2);
  EXPECT_EQ(r->registered_poor.persons, 5);
  EXPECT_EQ(r->co_relocated.households, 1);
  EXPECT_EQ(r->co_relocated.persons, 2);
  EXPECT_EQ(r->whole_village_villages, 1);  // village 1
  EXPECT_EQ(r->scattered_villages, 1);      // village 2 (village 3 has nobody)
  // Working age: 42, 18 (h1); 59, 60 (h2); 22 (h4) = 5. Employed: h1 head, h4 head = 2.
  EXPECT_EQ(r->labor.working_age, 5);
  EXPECT_EQ(r->labor.working_age_share.numerator, 5);
  EXPECT_EQ(r->labor.working_age_share.denominator, 7);
  EXPECT_EQ(r->labor.employed, 2);
  EXPECT_DOUBLE_EQ(*r->labor.employment_rate.value(), 0.4);
  EXPECT_EQ(r->labor.zero_employment_households, 1);  // h2: two able and willing, none employed
  ASSERT_EQ(r->sites.size(), 2u);
  EXPECT_EQ(r->sites[0].name, "甲安置点");  // 6 persons, first
  EXPECT_EQ(r->sites[0].total.persons, 6);
  EXPECT_EQ(r->sites[0].working_age, 4);
  EXPECT_EQ(r->sites[0].employed, 1);
  EXPECT_EQ(r->sites[0].parks, 1);
  EXPECT_TRUE(r->sites[0].has_workshop);
  EXPECT_FALSE(r->sites[1].has_workshop);  // opened after as_of
  EXPECT_EQ(r->sites_by_size_class.at(SizeClass::kUnder800), 2);
  EXPECT_EQ(r->sites_by_size_class.at(SizeClass::k3000Plus), 0);
  EXPECT_EQ(r->industry.parks, 2);
  EXPECT_EQ(r->industry.parks_planned, 1);
  EXPECT_EQ(r->industry.sites_with_workshop, 1);
  EXPECT_EQ(r->industry.custody_centimu, 240000);      // the ended contract is not in force
  EXPECT_EQ(r->industry.land_transfer_centimu, 150000);  // the future one is not yet
  EXPECT_EQ(r->governance.sites_with_party_branch, 1);
  EXPECT_EQ(r->governance.party_organisations, 2);
  EXPECT_EQ(r->governance.convention_rate.numerator, 2);
  EXPECT_EQ(r->governance.convention_rate.denominator, 3);
  ASSERT_EQ(r->origin_townships.size(), 2u);
  EXPECT_EQ(r->origin_townships[0].name, "城庄镇");
  EXPECT_EQ(r->origin_townships[0].total.persons, 5);
  EXPECT_EQ(r->origin_townships[0].whole_village_villages, 1);
  EXPECT_EQ(r->origin_townships[1].co_relocated.households, 1);
  EXPECT_EQ(r->origin_townships[1].scattered_villages, 1);
  // Age pyramid: 15-19 one male (18) one female (17); 60-64 two females (61, 60).
  ASSERT_EQ(r->age_pyramid.size(), 18u);
  EXPECT_EQ(r->age_pyramid[3].band, "15-19");
  EXPECT_EQ(r->age_pyramid[3].male, 1);
  EXPECT_EQ(r->age_pyramid[3].female, 1);
  EXPECT_EQ(r->age_pyramid[12].female, 2);
  EXPECT_EQ(r->age_pyramid[17].band, "85+");
  // Quality: h4 has 60 m² for 1 person (registered poor) — the only defect.
  EXPECT_EQ(r->quality.Find("housing_over_25m2_per_person")->count, 1);
  EXPECT_EQ(r->quality.Find("invalid_resident_id")->count, 0);
  EXPECT_EQ(r->quality.Find("head_count")->count, 0);
  EXPECT_EQ(r->quality.Find("id_mismatch")->count, 0);
  EXPECT_EQ(r->quality.Find("site_over_capacity")->count, 0);
  EXPECT_TRUE(r->notes_en.empty());
}

TEST(BuildCountyReport, TwoScanWorkersGiveTheSameReport) {
  FakeRepository one = ExampleRepository(), two = ExampleRepository();
  two.workers = 2;
  auto a = BuildCountyReport(one, {.today = D("2024-01-01")});
  auto b = BuildCountyReport(two, {.today = D("2024-01-01")});
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->total.persons, b->total.persons);
  EXPECT_EQ(a->labor.working_age, b->labor.working_age);
  EXPECT_EQ(a->labor.employed, b->labor.employed);
  EXPECT_EQ(a->labor.zero_employment_households, b->labor.zero_employment_households);
  EXPECT_EQ(a->persons_excluded_born_after_as_of, b->persons_excluded_born_after_as_of);
  for (size_t i = 0; i < a->age_pyramid.size(); ++i) {
    EXPECT_EQ(a->age_pyramid[i].male, b->age_pyramid[i].male);
    EXPECT_EQ(a->age_pyramid[i].female, b->age_pyramid[i].female);
  }
}

TEST(BuildCountyReport, AsOfMovesTheFigures) {
  FakeRepository f = ExampleRepository();
  // A day later household 3 has moved in and the 18-year-old of h1 is still 18; the 60-year-old
  // of h2 turned 61 on 2022-10-01, the 17-year-old of h1 turned 18.
  auto r = BuildCountyReport(f, {.as_of = D("2022-10-01"), .today = D("2024-01-01")});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->total.households, 4);
  EXPECT_EQ(r->households_excluded_after_as_of, 0);
  // Working age: h1 42, 18, 18; h2 60 (the head turned 60, the other 61); h3 32; h4 22 = 6.
  EXPECT_EQ(r->labor.working_age, 6);
}

TEST(BuildCountyReport, EmptySectionsAreNullWithNotes) {
  FakeRepository f = ExampleRepository();
  f.parks.clear();
  f.workshops.clear();
  f.land.clear();
  f.communities.clear();
  auto r = BuildCountyReport(f, {.today = D("2024-01-01")});
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->industry.parks);
  EXPECT_FALSE(r->industry.sites_with_workshop);
  EXPECT_FALSE(r->industry.custody_centimu);
  EXPECT_FALSE(r->industry.land_transfer_centimu);
  EXPECT_FALSE(r->governance.sites_with_party_branch);
  EXPECT_EQ(r->notes_en.size(), 5u);
  EXPECT_EQ(r->notes_zh.size(), 5u);
}

TEST(BuildCountyReport, SiteFilterByNameOrAliasAndUnknownSite) {
  FakeRepository f = ExampleRepository();
  f.aliases["甲苑"] = 1;
  auto r = BuildCountyReport(f, {.site = "甲苑", .today = D("2024-01-01")});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->sites.size(), 1u);
  EXPECT_EQ(r->total.persons, 6);
  EXPECT_FALSE(r->industry.custody_centimu);  // land is per origin village, not per site
  auto missing = BuildCountyReport(f, {.site = "丙安置点", .today = D("2024-01-01")});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_NE(missing.error().message.find("甲安置点"), std::string::npos);  // lists the sites
  EXPECT_EQ(f.snapshots_open, 0);
}

// Issue #12 item 6: as_of=1800-01-01 gave ages of -185; a report day before 1900 or after
// today is refused naming as_of, in English and Chinese.
TEST(BuildCountyReport, AsOfBefore1900OrAfterTodayIsRefused) {
  FakeRepository f = ExampleRepository();
  for (const char* bad : {"1800-01-01", "1899-12-31", "2024-01-02"}) {
    auto r = BuildCountyReport(f, {.as_of = D(bad), .today = D("2024-01-01")});
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.error().field, "as_of");
    EXPECT_EQ(r.error().value, bad);
    EXPECT_FALSE(r.error().message_zh.empty());
  }
  EXPECT_TRUE(BuildCountyReport(f, {.as_of = D("2024-01-01"), .today = D("2024-01-01")}));
  EXPECT_TRUE(BuildCountyReport(f, {.as_of = D("1900-01-01"), .today = D("2024-01-01")}));
}

TEST(BuildCountyReport, BadStatisticsDateNamesTheField) {
  FakeRepository f = ExampleRepository();
  f.meta.statistics_date = "2022/09/30";
  auto r = BuildCountyReport(f, {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "meta.statistics_date");
  EXPECT_EQ(r.error().value, "2022/09/30");
}


// The industry module's tables seen by the report (docs/industry.md "Figures"): a fake with
// certificates and zero-employment clearings.
struct IndustryFake : FakeRepository {
  explicit IndustryFake(FakeRepository f) : FakeRepository(std::move(f)) {}
  std::optional<std::vector<CertificateRecord>> certificates;
  std::optional<std::vector<int64_t>> cleared;
  std::vector<WorkshopRecognitionRecord> recognitions;
  Result<std::optional<std::vector<CertificateRecord>>> Certificates(std::string_view) override {
    return certificates;
  }
  Result<std::optional<std::vector<int64_t>>> ZeroEmploymentCleared(std::string_view) override { return cleared; }
  Result<std::vector<WorkshopRecognitionRecord>> WorkshopRecognitions(std::string_view) override {
    return recognitions;
  }
};

TEST(BuildCountyReport, ZeroEmploymentOpenLeavesOutValidNonEmploymentClearings) {
  // Without the table: null.
  FakeRepository plain = ExampleRepository();
  auto none = BuildCountyReport(plain, {.today = D("2024-01-01")});
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->labor.zero_employment_open);
  // h2 is the one zero-employment household (two able and willing, none employed).
  IndustryFake f(ExampleRepository());
  f.cleared = std::vector<int64_t>{};
  auto r = BuildCountyReport(f, {.today = D("2024-01-01")});
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->labor.zero_employment_open, 1);
  // Clearings of h1 (not in the rule), h3 (not counted) and 99 (no such household) change nothing.
  f.cleared = std::vector<int64_t>{1, 3, 99};
  r = BuildCountyReport(f, {.today = D("2024-01-01")});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->labor.zero_employment_open, 1);
  EXPECT_EQ(r->labor.zero_employment_households, 1);
  // A valid non-employment clearing of h2: still a zero-employment household, no longer open.
  f.cleared = std::vector<int64_t>{2};
  r = BuildCountyReport(f, {.today = D("2024-01-01")});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->labor.zero_employment_open, 0);
  EXPECT_EQ(r->labor.zero_employment_households, 1);
}

TEST(BuildCountyReport, CertificatesIssuedCountThoseOfCountedHouseholdsByKind) {
  IndustryFake f(ExampleRepository());
  EXPECT_FALSE(BuildCountyReport(f, {.today = D("2024-01-01")})->industry.certificates_issued);  // no table
  // kinds: 0 training, 1 skill_level, 2 qualification, 3 special.
  f.certificates = std::vector<CertificateRecord>{{1, 0}, {1, 1}, {2, 3}, {4, 2},
                                                  {3, 0},    // h3 moved in after as_of: not counted
                                                  {99, 2},   // no such household
                                                  {1, 4}};   // an unknown kind
  auto r = BuildCountyReport(f, {.today = D("2024-01-01")});
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->industry.certificates_issued, 4);
  ASSERT_TRUE(r->industry.certificates_by_kind);
  EXPECT_EQ(*r->industry.certificates_by_kind, (std::array<int64_t, 4>{1, 1, 1, 1}));
  // Site 乙 (h3 not counted, h4): one qualification certificate.
  r = BuildCountyReport(f, {.site = "乙安置点", .today = D("2024-01-01")});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->industry.certificates_issued, 1);
  EXPECT_EQ(*r->industry.certificates_by_kind, (std::array<int64_t, 4>{0, 0, 1, 0}));
}

TEST(BuildCountyReport, WorkshopsRecognisedCountThoseOfTheReportsSites) {
  IndustryFake f(ExampleRepository());
  EXPECT_FALSE(BuildCountyReport(f, {.today = D("2024-01-01")})->industry.workshops_recognised);  // none
  // Site 1: one recognised, one not (below the minimum or not yet recognised); site 2: one
  // recognised; site 99 does not exist.
  f.recognitions = {{1, true}, {1, false}, {2, true}, {99, true}};
  auto r = BuildCountyReport(f, {.today = D("2024-01-01")});
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->industry.workshops_recognised, 2);
  r = BuildCountyReport(f, {.site = "甲安置点", .today = D("2024-01-01")});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->industry.workshops_recognised, 1);
  f.recognitions = {{1, false}};
  EXPECT_EQ(BuildCountyReport(f, {.today = D("2024-01-01")})->industry.workshops_recognised, 0);
}

// One large site seen through a grid (defect: the size class of a scoped report). Worked by
// hand: site 1 (城北安置点) holds H1 (grid 1: 1 person), H2 (grid 2: 2998 members on
// 2022-09-30, plus one born after it and one who left before it) and H3 (grid 2: 5 persons,
// moved in after it); site 2 holds H4 (grid 3: 1 person). Resident on 2022-09-30: site 1
// 1 + 2998 = 2999 persons (800–2999), site 2 1 person (under 800). The grid-1 worker sees
// site 1 with 1 person, and its class stays 800–2999 (the boundary: counting the unborn, the
// departed or the late household would make it 3000+; counting only what grid 1 sees, under 800).
FakeRepository LargeSiteRepository() {
  FakeRepository f;
  f.meta = {"141124", "临县", "2022-09-30", true};
  f.sites = {{1, "城北安置点", "county_town", "141124100", "临泉镇", std::nullopt},
             {2, "城南安置点", "county_town", "141124100", "临泉镇", std::nullopt}};
  f.villages = {{1, "141124102", "城庄镇", true}};
  f.households = {{1, true, 1, 1, "2019-05-01", false, std::nullopt, "", "", 1},
                  {2, true, 1, 1, "2019-05-01", false, std::nullopt, "", "", 2},
                  {3, true, 1, 1, "2022-10-01", false, std::nullopt, "", "", 2},
                  {4, true, 1, 2, "2019-05-01", false, std::nullopt, "", "", 3}};
  const std::string id = MakeId("141124", "19800101", "011");
  f.persons.push_back({1, id, "male", "1980-01-01", true});
  for (int i = 0; i < 2998; ++i) f.persons.push_back({2, id, "male", "1980-01-01", i == 0});
  f.persons.push_back({2, MakeId("141124", "20221001", "021"), "male", "2022-10-01"});  // born after
  f.persons.push_back({2, id, "male", "1980-01-01", false, false, false, false, "", "2022-09-01"});  // left
  for (int i = 0; i < 5; ++i) f.persons.push_back({3, id, "male", "1980-01-01", i == 0});
  f.persons.push_back({4, id, "male", "1980-01-01", true});
  return f;
}

TEST(BuildCountyReport, SizeClassOfASiteIsOfAllItsResidentsWhateverTheScope) {
  FakeRepository f = LargeSiteRepository();
  AccessScope grid1{AccessScope::Level::kGrid, "", 0, 1};
  AccessScope cadre{AccessScope::Level::kAssigned, "", 0, 0, {1}};
  for (int workers : {1, 2}) {
    f.workers = workers;
    for (const AccessScope& scope : {grid1, cadre}) {
      SCOPED_TRACE(fmt::format("{}, {} workers", DescribeScope(scope), workers));
      auto r = BuildCountyReport(f, {.today = D("2024-01-01"), .scope = scope});
      ASSERT_TRUE(r) << r.error().message;
      ASSERT_EQ(r->sites.size(), 1u);
      EXPECT_EQ(r->sites[0].name, "城北安置点");
      EXPECT_EQ(r->sites[0].total.persons, 1);  // the viewer's own households only
      EXPECT_EQ(r->total.persons, 1);
      EXPECT_EQ(r->sites[0].size_class, SizeClass::k800To2999);
      EXPECT_EQ(r->sites_by_size_class.at(SizeClass::k3000Plus), 0);
      EXPECT_EQ(r->sites_by_size_class.at(SizeClass::k800To2999), 1);
      EXPECT_EQ(r->sites_by_size_class.at(SizeClass::kUnder800), 0);
    }
    // The county sees the same classes.
    auto county = BuildCountyReport(f, {.today = D("2024-01-01")});
    ASSERT_TRUE(county);
    ASSERT_EQ(county->sites.size(), 2u);
    EXPECT_EQ(county->sites[0].total.persons, 2999);
    EXPECT_EQ(county->sites[0].size_class, SizeClass::k800To2999);
    EXPECT_EQ(county->sites[1].size_class, SizeClass::kUnder800);
  }
}

// Defect: the Chinese note of a scoped report named the scope in English ("grid 1").
TEST(BuildCountyReport, ScopedNoteNamesTheScopeInChinese) {
  FakeRepository f = LargeSiteRepository();
  auto zh_note = [](const CountyReport& r) {
    for (const auto& n : r.notes_zh)
      if (n.starts_with("本报表仅统计")) return n;
    return std::string();
  };
  auto en_note = [](const CountyReport& r) {
    for (const auto& n : r.notes_en)
      if (n.starts_with("Figures of your scope")) return n;
    return std::string();
  };
  ReportOptions grid{.today = D("2024-01-01"), .scope = {AccessScope::Level::kGrid, "", 0, 1}};
  grid.scope_label_zh = "城北安置点 第1网格";  // auth ScopeLabel of the account's grid
  auto r = BuildCountyReport(f, grid);
  ASSERT_TRUE(r);
  EXPECT_EQ(zh_note(*r), "本报表仅统计本账号管辖范围（城北安置点 第1网格）内的搬迁户及其安置点；全县数据以县级办公室发布为准");
  EXPECT_TRUE(en_note(*r).starts_with("Figures of your scope (grid 1) only")) << en_note(*r);
  // No label: the grid's number in Chinese.
  grid.scope_label_zh.clear();
  EXPECT_EQ(zh_note(*BuildCountyReport(f, grid)),
            "本报表仅统计本账号管辖范围（网格 1）内的搬迁户及其安置点；全县数据以县级办公室发布为准");
  // A site: its name from the report's sites.
  ReportOptions site{.today = D("2024-01-01"), .scope = {AccessScope::Level::kSite, "", 1, 0}};
  EXPECT_EQ(zh_note(*BuildCountyReport(f, site)),
            "本报表仅统计本账号管辖范围（城北安置点）内的搬迁户及其安置点；全县数据以县级办公室发布为准");
  // A cadre: the households paired with it.
  ReportOptions cadre{.today = D("2024-01-01"), .scope = {AccessScope::Level::kAssigned, "", 0, 0, {1, 2, 4}}};
  EXPECT_EQ(zh_note(*BuildCountyReport(f, cadre)),
            "本报表仅统计本账号管辖范围（结对帮扶的 3 户）内的搬迁户及其安置点；全县数据以县级办公室发布为准");
  EXPECT_EQ(r->scope, "grid 1");  // the JSON's scope field stays the stored description
}

}  // namespace
}  // namespace anju::reports
