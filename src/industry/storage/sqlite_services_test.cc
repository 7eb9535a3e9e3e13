// The services area on SQLite :memory: — the zero-employment rule as of D, hand-checked, the
// sweep (open, clear when a job is recorded), the clearing rules, scope and job services.
//
// Fixture (D = 2024-06-15), site S1 (grid G1), all households moved in 2020-01-01:
//   H1 张一 (head, b. 1980, able+willing), no job                     → in the rule
//   H2 李一 (b. 1980, able+willing) + 李二 (b. 1982) employed (job open) → not (one employed)
//   H3 王一 (b. 1963-01-01: 61 on D, able+willing), no job             → not (61 is past 60)
//   H4 赵一 (b. 1985, able+willing), last day of work 2024-06-14, the day before D (ended_on = D, the first day without) → in the rule
//   H5 孙一 (b. 1985, able+willing), household moved in 2024-07-01 (not counted on D) → not
//   H6 周一 (b. 1985, able+willing) grid G2 (another grid), no job       → in the rule
#include <gtest/gtest.h>

#include "casework/storage/sqlite_casework.h"
#include "industry/services.h"
#include "industry/storage/sqlite_services.h"
#include "industry/parts.h"
#include "industry/settings.h"
#include "storage/migrate.h"
#include "storage/sqlite.h"

namespace anju::storage {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

Date D(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }
const Date kD = D(2024, 6, 15);

Actor Grid(int64_t grid) {
  Actor a;
  a.user_id = 9;
  a.username = "grid";
  a.role = Role::kGridWorker;
  a.scope.level = AccessScope::Level::kGrid;
  a.scope.grid_id = grid;
  return a;
}
Actor Auditor() {
  Actor a;
  a.user_id = 8;
  a.username = "aud";
  a.role = Role::kAuditor;
  return a;
}

class ServicesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    casework::SetCaseTypes(industry::ServiceCaseTypes());
    casework::SetModuleSettings(industry::ServiceSettings());
  }
  void SetUp() override {
    auto db = OpenAndMigrate(":memory:", false);
    ASSERT_TRUE(db) << db.error().ToString();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->Exec(R"(
      INSERT INTO divisions VALUES ('141124','临县','county',NULL,NULL);
      INSERT INTO divisions VALUES ('141124100','临泉镇','township','141124',NULL);
      INSERT INTO origin_villages (id, name, township_code, relocation_type) VALUES (1,'甲村','141124100','scattered');
      INSERT INTO sites (id, name, mode, township_code) VALUES (1,'城北安置点','county_town','141124100');
      INSERT INTO grids (id, site_id, name) VALUES (1,1,'G1'), (2,1,'G2');
      INSERT INTO households (id, household_no, category, origin_village_id, site_id, grid_id, move_in_date) VALUES
        (1,'LX-1','registered_poor',1,1,1,'2020-01-01'), (2,'LX-2','registered_poor',1,1,1,'2020-01-01'),
        (3,'LX-3','registered_poor',1,1,1,'2020-01-01'), (4,'LX-4','registered_poor',1,1,1,'2020-01-01'),
        (5,'LX-5','registered_poor',1,1,1,'2024-07-01'), (6,'LX-6','registered_poor',1,1,2,'2020-01-01');
      INSERT INTO persons (id, household_id, resident_id, name, sex, birth_date, relationship, able_to_work, wants_work) VALUES
        (1,1,'141124198001010011','张一','male','1980-01-01','head',1,1),
        (2,2,'141124198001010027','李一','male','1980-01-01','head',1,1),
        (3,2,'141124198201010022','李二','female','1982-01-01','spouse',0,0),
        (4,3,'141124196301010033','王一','male','1963-01-01','head',1,1),
        (5,4,'141124198501010044','赵一','male','1985-01-01','head',1,1),
        (6,5,'141124198501010055','孙一','male','1985-01-01','head',1,1),
        (7,6,'141124198501010066','周一','male','1985-01-01','head',1,1);
      INSERT INTO jobs (person_id, channel, started_on, ended_on) VALUES
        (3,'workshop','2023-01-01',NULL), (5,'enterprise','2023-01-01','2024-06-15');
    )"));
  }
  int64_t Int(const std::string& sql) {
    auto st = db_->Prepare(sql);
    EXPECT_TRUE(st);
    auto row = st->Step();
    EXPECT_TRUE(row && *row) << sql;
    return st->ColumnInt(0);
  }
  std::vector<int64_t> AlertIds(const Actor& a, Date on) {
    auto list = ZeroEmploymentAlerts(*db_, a, on, {});
    EXPECT_TRUE(list) << list.error().ToString();
    std::vector<int64_t> ids;
    for (const auto& x : *list) ids.push_back(x.household_id);
    return ids;
  }
  std::unique_ptr<Connection> db_;
};

TEST_F(ServicesTest, RuleAsOfDIsHandChecked) {
  // H1 (nobody employed), H4 (job ended the day before D), H6; not H2 (one employed), H3 (61),
  // H5 (not counted on D).
  EXPECT_EQ(AlertIds(SystemActor(), kD), (std::vector<int64_t>{1, 4, 6}));
  EXPECT_EQ(*CountZeroEmploymentHouseholds(*db_, kD), 3);
  // The day before the job ended H4 was employed; H3's member was 60 until 2023-12-31.
  EXPECT_EQ(AlertIds(SystemActor(), D(2023, 12, 31)), (std::vector<int64_t>{1, 3, 6}));
  // The grid worker of G2 sees its grid only.
  EXPECT_EQ(AlertIds(Grid(2), kD), (std::vector<int64_t>{6}));
}

TEST_F(ServicesTest, PureRule) {
  using industry::MemberFacts;
  const industry::AgeBand band{18, 60};
  std::vector<MemberFacts> one{{D(1980, 1, 1), true, true, false}};
  EXPECT_TRUE(industry::IsZeroEmployment(one, kD, band));
  one.push_back({D(2010, 1, 1), false, false, true});  // an employed member of any age clears it
  EXPECT_FALSE(industry::IsZeroEmployment(one, kD, band));
  std::vector<MemberFacts> old{{D(1963, 6, 15), true, true, false}};  // 61 on D
  EXPECT_FALSE(industry::IsZeroEmployment(old, kD, band));
  std::vector<MemberFacts> sixty{{D(1963, 6, 16), true, true, false}};  // 60 on D
  EXPECT_TRUE(industry::IsZeroEmployment(sixty, kD, band));
  EXPECT_EQ(industry::AddMonths(D(2024, 1, 31), 1), D(2024, 2, 29));
  EXPECT_EQ(industry::TallyEn({1, 3, 1, 0, 0}), "1 introduction, 3 job offers, 1 training offer");
  EXPECT_EQ(industry::TallyZh({1, 3, 1, 0, 0}), "职业介绍1次、岗位推荐3次、培训推荐1次");
}

TEST_F(ServicesTest, SweepOpensAndClearsWhenAJobIsRecorded) {
  auto r = SweepZeroEmployment(*db_, kD);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->opened, 3);
  EXPECT_EQ(Int("SELECT count(*) FROM cases WHERE kind='zero_employment' AND closed_on IS NULL"), 3);
  EXPECT_EQ(SweepZeroEmployment(*db_, kD)->opened, 0);  // idempotent
  EXPECT_EQ(*CountOpenZeroEmployment(*db_, kD), 3);
  // 张一 (H1) finds a job on 2024-06-20: the sweep of that day clears H1 for 'employed'.
  ASSERT_TRUE(db_->Exec("INSERT INTO jobs (person_id, channel, started_on) VALUES (1,'park','2024-06-20')"));
  auto later = SweepZeroEmployment(*db_, D(2024, 6, 20));
  ASSERT_TRUE(later);
  EXPECT_EQ(later->cleared, 1);
  EXPECT_EQ(Int("SELECT count(*) FROM zero_employment_clearings WHERE household_id = 1 AND reason = 'employed' "
                "AND cleared_on = '2024-06-20'"),
            1);
  EXPECT_EQ(Int("SELECT count(*) FROM cases WHERE household_id = 1 AND state = 'cleared'"), 1);
  EXPECT_GE(Int("SELECT count(*) FROM audit_log WHERE entity = 'zero_employment_clearing'"), 1);
}

// The sweep clears a follow-up whose household left the rule without a job (here: 赵一 of H4 is
// recorded unable to work); when he is able and willing again and still without a job, the
// household is back in the rule and a new follow-up opens — the sweep's own clearing does not
// excuse the household for months, as a documented refusal does (before: valid_until NULL kept
// H4 out of the alerts for good).
TEST_F(ServicesTest, AHouseholdTheSweepClearedWithoutAJobIsFlaggedAgainWhenItReentersTheRule) {
  ASSERT_TRUE(SweepZeroEmployment(*db_, kD));
  ASSERT_TRUE(db_->Exec("UPDATE persons SET able_to_work = 0 WHERE id = 5"));
  auto left = SweepZeroEmployment(*db_, D(2024, 6, 20));
  ASSERT_TRUE(left) << left.error().ToString();
  EXPECT_EQ(left->cleared, 1);
  EXPECT_EQ(Int("SELECT count(*) FROM zero_employment_clearings WHERE household_id = 4 AND reason <> 'employed'"), 1);
  EXPECT_EQ(AlertIds(SystemActor(), D(2024, 6, 20)), (std::vector<int64_t>{1, 6}));
  ASSERT_TRUE(db_->Exec("UPDATE persons SET able_to_work = 1 WHERE id = 5"));
  // H5 moved in on 2024-07-01 (counted from that day): flagged too.
  EXPECT_EQ(AlertIds(SystemActor(), D(2024, 7, 1)), (std::vector<int64_t>{1, 4, 5, 6}));
  auto back = SweepZeroEmployment(*db_, D(2024, 7, 1));
  ASSERT_TRUE(back) << back.error().ToString();
  EXPECT_EQ(back->opened, 2);
  EXPECT_EQ(Int("SELECT count(*) FROM cases WHERE kind = 'zero_employment' AND household_id = 4 AND closed_on IS NULL"), 1);
  EXPECT_EQ(*CountOpenZeroEmployment(*db_, D(2024, 7, 1)), 4);
}

TEST_F(ServicesTest, ClearingForRefusedOffersNeedsThreeRecordedRefusals) {
  ASSERT_TRUE(SweepZeroEmployment(*db_, kD));
  const int64_t case_id = Int("SELECT id FROM cases WHERE household_id = 1");
  const Actor grid = Grid(1);
  auto offer = [&](int d) {
    NewService s{.kind = "job_offer", .outcome = "refused", .vacancy_id = std::nullopt, .given_on = D(2024, 6, d),
                 .note = ""};
    return AddServiceToPerson(*db_, grid, 1, s, D(2024, 7, 1));
  };
  ASSERT_TRUE(offer(16));
  ASSERT_TRUE(offer(17));
  auto two = ClearZeroEmployment(*db_, grid, case_id, industry::ClearReason::kRefusedOffers, D(2024, 6, 20), "拒绝",
                                 std::nullopt);
  ASSERT_FALSE(two);
  EXPECT_EQ(two.error().field, "reason");
  EXPECT_EQ(Int("SELECT count(*) FROM zero_employment_clearings"), 0);  // nothing stored
  ASSERT_TRUE(offer(18));
  // Not the auditor; not a grid worker of another grid (404).
  EXPECT_EQ(ClearZeroEmployment(*db_, Auditor(), case_id, industry::ClearReason::kRefusedOffers, D(2024, 6, 20), "x",
                                std::nullopt).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(ClearZeroEmployment(*db_, Grid(2), case_id, industry::ClearReason::kRefusedOffers, D(2024, 6, 20), "x",
                                std::nullopt).error().code, ErrorCode::kNotFound);
  auto ok = ClearZeroEmployment(*db_, grid, case_id, industry::ClearReason::kRefusedOffers, D(2024, 6, 20),
                                "三次拒绝", std::nullopt);
  ASSERT_TRUE(ok) << ok.error().ToString();
  EXPECT_EQ(*CountOpenZeroEmployment(*db_, D(2024, 6, 20)), 2);  // H4, H6
  EXPECT_EQ(*CountZeroEmploymentHouseholds(*db_, D(2024, 6, 20)), 3);
  // The service moved the case to following_up before it was cleared; the history names the user.
  EXPECT_EQ(Int("SELECT count(*) FROM case_transitions WHERE case_id = " + std::to_string(case_id) +
                " AND transition = 'start'"), 1);
  EXPECT_EQ(Int("SELECT count(*) FROM case_transitions WHERE case_id = " + std::to_string(case_id) +
                " AND transition = 'clear_refused_offers' AND username = 'grid'"), 1);
}

TEST_F(ServicesTest, LostContactNeedsThreeMonthsOfFailedContacts) {
  ASSERT_TRUE(SweepZeroEmployment(*db_, kD));
  const int64_t case_id = Int("SELECT id FROM cases WHERE household_id = 4");
  NewService s{.kind = "follow_up", .outcome = "no_answer", .vacancy_id = std::nullopt, .given_on = D(2024, 6, 15),
               .note = "电话未接"};
  ASSERT_TRUE(AddServiceToPerson(*db_, SystemActor(), 5, s, D(2024, 6, 15)));
  auto early = ClearZeroEmployment(*db_, SystemActor(), case_id, industry::ClearReason::kLostContact, D(2024, 9, 14),
                                   "失联", std::nullopt);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().field, "reason");
  EXPECT_TRUE(ClearZeroEmployment(*db_, SystemActor(), case_id, industry::ClearReason::kLostContact, D(2024, 9, 15),
                                  "失联", std::nullopt));
}

TEST_F(ServicesTest, VacancyMatchesRegisteredSeekersThatFit) {
  industry::NewVacancy v;
  v.employer = "临县家政服务公司";
  v.post = "护工";
  v.openings = 2;
  v.open_from = D(2024, 6, 1);
  v.site_id = 1;
  v.age_min = 18;
  v.age_max = 40;
  Actor staff = SystemActor();
  auto id = CreateVacancy(*db_, staff, v);
  ASSERT_TRUE(id) << id.error().ToString();
  EXPECT_EQ(CreateVacancy(*db_, Grid(1), v).error().code, ErrorCode::kPermissionDenied);
  for (int64_t p : {1, 5, 7}) ASSERT_TRUE(RegisterSeeker(*db_, staff, {.person_id = p, .registered_on = D(2024, 6, 1)}));
  EXPECT_EQ(RegisterSeeker(*db_, staff, {.person_id = 1, .registered_on = D(2024, 6, 2)}).error().field, "person_id");
  auto m = VacancyMatches(*db_, staff, *id, kD);
  ASSERT_TRUE(m);
  std::vector<int64_t> persons;
  for (const auto& s : *m) persons.push_back(s.person_id);
  // 张一 is 44 (over 40); 赵一 and 周一 (39) fit.
  EXPECT_EQ(persons, (std::vector<int64_t>{5, 7}));
}

}  // namespace
// A contact recorded on a household whose follow-up is open moves it to following_up, and the
// alert (the household page and the list) shows that follow-up's state — whatever ran first:
// the sweep of the day, or the contact (which opens the follow-up itself), or a second sweep.
TEST_F(ServicesTest, AContactShowsTheFollowUpAsFollowingUp) {
  auto state = [&](int64_t hid) {
    auto a = ZeroEmploymentHousehold(*db_, SystemActor(), hid, kD);
    EXPECT_TRUE(a) << a.error().ToString();
    return a ? a->case_state : std::string("?");
  };
  NewService contact{.kind = "follow_up", .outcome = "no_answer", .vacancy_id = std::nullopt, .given_on = kD,
                     .note = "电话未接"};
  // H1: the sweep first, then the contact.
  ASSERT_TRUE(SweepZeroEmployment(*db_, kD));
  EXPECT_EQ(state(1), "open");
  ASSERT_TRUE(AddServiceToPerson(*db_, Grid(1), 1, contact, kD));
  EXPECT_EQ(state(1), "following_up");
  ASSERT_TRUE(SweepZeroEmployment(*db_, kD));  // the start-up sweep again
  EXPECT_EQ(state(1), "following_up");
  EXPECT_EQ(Int("SELECT count(*) FROM cases WHERE household_id = 1"), 1);
  // The list shows the same state as the household page.
  auto list = ZeroEmploymentAlerts(*db_, SystemActor(), kD, {});
  ASSERT_TRUE(list);
  for (const auto& a : *list) {
    if (a.household_id == 1) {
      EXPECT_EQ(a.case_state, "following_up");
    }
  }
}

TEST_F(ServicesTest, AContactBeforeTheSweepOpensAndStartsTheFollowUp) {
  NewService contact{.kind = "follow_up", .outcome = "no_answer", .vacancy_id = std::nullopt, .given_on = kD,
                     .note = "电话未接"};
  ASSERT_TRUE(AddServiceToPerson(*db_, Grid(1), 1, contact, kD));
  ASSERT_TRUE(SweepZeroEmployment(*db_, kD));
  auto a = ZeroEmploymentHousehold(*db_, SystemActor(), 1, kD);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->case_state, "following_up");
  EXPECT_EQ(Int("SELECT count(*) FROM cases WHERE household_id = 1"), 1);
}

}  // namespace anju::storage
