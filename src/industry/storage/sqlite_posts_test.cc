// SqlitePosts on SQLite :memory: (industry/storage/sqlite_posts.h): a holding makes its jobs row
// and the employment cache in one transaction with its audit entry; a refusal stores nothing;
// ending ends the job; quotas count holdings; candidates put formerly-poor households first;
// scope (404) and capability (403); If-Match; months inside the period only.
//
// Fixture (today 2024-06-15): township 141124100, sites S1 城北 (id 1) and S2 城南 (id 2).
//   H1 S1 registered_poor: 张一 (1, b. 1980-01-01), 张二 (2, b. 1982-01-01)
//   H2 S1 co_relocated:    李三 (3, b. 1970-01-01)
//   H3 S2 registered_poor: 王四 (4, b. 1985-01-01) with a current 省外 job
// Kind 巡河员 (1, 60000 fen); quota S1 × 巡河员 = 1 from 2024-01-01.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "industry/settings.h"
#include "industry/storage/industry_demo.h"
#include "industry/storage/sqlite_posts.h"
#include "storage/migrate.h"
#include "storage/sqlite.h"

namespace anju::industry {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

Date D(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }
const Date kToday = D(2024, 6, 15);

Actor MakeActor(Role role, AccessScope scope = {}) {
  Actor a;
  a.user_id = 7;
  a.username = fmt::format("test_{}", RoleName(role));
  a.role = role;
  a.scope = scope;
  a.client = "127.0.0.1";
  return a;
}
Actor Staff() { return MakeActor(Role::kCountyStaff); }
Actor SiteManager(int64_t site) {
  AccessScope s;
  s.level = AccessScope::Level::kSite;
  s.site_id = site;
  return MakeActor(Role::kSiteManager, s);
}

NewPostHolding Proposal(int64_t person) {
  NewPostHolding n;
  n.person_id = person;
  n.kind_id = 1;
  n.contract_from = D(2024, 3, 8);
  n.contract_until = D(2025, 3, 8);
  n.publicity_from = D(2024, 3, 1);
  n.publicity_until = D(2024, 3, 8);
  return n;
}

class PostsStorageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static const bool declared = [] {
      casework::SetModuleSettings(Settings());  // as modules::Install does
      return true;
    }();
    (void)declared;
    auto db = storage::OpenAndMigrate(":memory:", false);
    ASSERT_TRUE(db) << db.error().ToString();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->Exec(R"(
      INSERT INTO divisions VALUES ('141124','临县','county',NULL,NULL);
      INSERT INTO divisions VALUES ('141124100','临泉镇','township','141124',NULL);
      INSERT INTO origin_villages (id, name, township_code, relocation_type) VALUES (1,'甲村','141124100','scattered');
      INSERT INTO sites (id, name, mode, township_code) VALUES
        (1,'城北安置点','county_town','141124100'), (2,'城南安置点','county_town','141124100');
      INSERT INTO households (id, household_no, category, origin_village_id, site_id, move_in_date) VALUES
        (1,'LX-1','registered_poor',1,1,'2020-01-01'), (2,'LX-2','co_relocated',1,1,'2020-01-01'),
        (3,'LX-3','registered_poor',1,2,'2020-01-01');
      INSERT INTO persons (id, household_id, resident_id, name, sex, birth_date, relationship) VALUES
        (1,1,'141124198001010011','张一','male','1980-01-01','head'),
        (2,1,'141124198201010022','张二','female','1982-01-01','spouse'),
        (3,2,'141124197001010033','李三','male','1970-01-01','head'),
        (4,3,'141124198501010044','王四','male','1985-01-01','head');
      INSERT INTO jobs (person_id, channel, place, started_on) VALUES (4,'migrant_work','outside','2023-05-01');
      INSERT INTO post_kinds (id, name, level, monthly_subsidy_fen) VALUES (1,'巡河员','village',60000);
      INSERT INTO post_quotas (site_id, kind_id, quota, valid_from) VALUES (1,1,1,'2024-01-01');
    )"));
  }
  int64_t Count(std::string_view sql) {
    auto st = db_->Prepare(sql);
    EXPECT_TRUE(st);
    EXPECT_TRUE(*st->Step());
    return st->ColumnInt(0);
  }
  std::string Text(std::string_view sql) {
    auto st = db_->Prepare(sql);
    EXPECT_TRUE(st);
    EXPECT_TRUE(*st->Step());
    return st->ColumnText(0);
  }
  std::unique_ptr<storage::Database> db_;
};

TEST_F(PostsStorageTest, AHoldingMakesItsJobCacheAndAuditInOneWrite) {
  SqlitePosts posts(*db_);
  auto r = posts.Assign(Staff(), Proposal(1), kToday);
  ASSERT_TRUE(r) << r.error().ToString();
  const PostHolding& x = r->first;
  EXPECT_EQ(x.monthly_subsidy_fen, 60000);  // the kind's
  EXPECT_EQ(x.site_id, 1);
  ASSERT_TRUE(x.job_id);
  EXPECT_EQ(Text(fmt::format("SELECT channel || '|' || employer || '|' || place || '|' || source || '|' || post_holding_id "
                             "|| '|' || started_on || '|' || ended_on || '|' || monthly_income_fen FROM jobs WHERE id = {}",
                             *x.job_id)),
            fmt::format("welfare_post|巡河员|township|post|{}|2024-03-08|2025-03-08|60000", x.id));
  EXPECT_EQ(Text("SELECT employment_kind FROM persons WHERE id = 1"), "welfare_post");
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE entity = 'post_holding' AND action = 'create'"), 1);
}

TEST_F(PostsStorageTest, ARefusedHoldingStoresNothing) {
  SqlitePosts posts(*db_);
  ASSERT_TRUE(posts.Assign(Staff(), Proposal(1), kToday));
  // The quota of 1 is used, and 张二 is of the same household.
  auto r = posts.Assign(Staff(), Proposal(2), kToday);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().details.size(), 2u) << r.error().ToString();
  // 王四 at S2: no quota there, and a 省外 job.
  auto away = posts.Assign(Staff(), Proposal(4), kToday);
  ASSERT_FALSE(away);
  EXPECT_EQ(away.error().details.size(), 2u) << away.error().ToString();
  EXPECT_EQ(Count("SELECT count(*) FROM post_holdings"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM jobs WHERE source = 'post'"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE entity = 'post_holding'"), 1);
  EXPECT_EQ(Text("SELECT employment_kind FROM persons WHERE id = 2"), "none");
}

TEST_F(PostsStorageTest, EndingEndsTheJobAndFreesTheQuota) {
  SqlitePosts posts(*db_);
  auto a = posts.Assign(Staff(), Proposal(1), kToday);
  ASSERT_TRUE(a);
  auto stale = posts.End(Staff(), a->first.id, 99, D(2024, 6, 1), "外出务工", kToday);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  auto e = posts.End(Staff(), a->first.id, a->first.version, D(2024, 6, 1), "外出务工", kToday);
  ASSERT_TRUE(e) << e.error().ToString();
  EXPECT_EQ(e->version, 2);
  EXPECT_EQ(Text("SELECT ended_on || '|' || end_reason FROM jobs WHERE source = 'post'"), "2024-06-01|外出务工");
  EXPECT_EQ(Text("SELECT employment_kind FROM persons WHERE id = 1"), "none");
  // From 2024-06-01 the quota is free again: 李三 (another household) can hold it.
  NewPostHolding n = Proposal(3);
  n.publicity_from = D(2024, 6, 1), n.publicity_until = D(2024, 6, 8);
  n.contract_from = D(2024, 6, 8), n.contract_until = D(2025, 6, 8);
  auto b = posts.Assign(Staff(), n, kToday);
  ASSERT_TRUE(b) << b.error().ToString();
  auto quotas = posts.Quotas(Staff(), 1, kToday);
  ASSERT_TRUE(quotas);
  ASSERT_EQ(quotas->size(), 1u);
  EXPECT_EQ((*quotas)[0].used, 1);
}

TEST_F(PostsStorageTest, ScopeAndCapability) {
  SqlitePosts posts(*db_);
  auto other_site = posts.Assign(SiteManager(2), Proposal(1), kToday);
  ASSERT_FALSE(other_site);
  EXPECT_EQ(other_site.error().code, ErrorCode::kNotFound);
  auto auditor = posts.Assign(MakeActor(Role::kAuditor), Proposal(1), kToday);
  ASSERT_FALSE(auditor);
  EXPECT_EQ(auditor.error().code, ErrorCode::kPermissionDenied);
  auto mine = posts.Assign(SiteManager(1), Proposal(1), kToday);
  ASSERT_TRUE(mine) << mine.error().ToString();
  EXPECT_FALSE(posts.Holding(SiteManager(2), mine->first.id));
  EXPECT_TRUE(posts.Holding(SiteManager(1), mine->first.id));
  auto listed = posts.Holdings(SiteManager(2), {});
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty());
}

TEST_F(PostsStorageTest, MonthsInsideThePeriodOnly) {
  SqlitePosts posts(*db_);
  auto a = posts.Assign(Staff(), Proposal(1), kToday);
  ASSERT_TRUE(a);
  PostMonthInput in{22, Assessment::kPass, 60000, ""};
  // March 2024 meets the contract (from 2024-03-08); February does not.
  EXPECT_TRUE(posts.PutMonth(Staff(), a->first.id, D(2024, 3, 1), in));
  auto feb = posts.PutMonth(Staff(), a->first.id, D(2024, 2, 1), in);
  ASSERT_FALSE(feb);
  EXPECT_EQ(feb.error().field, "month");
  in.days_worked = 31;  // April has 30 days
  auto apr = posts.PutMonth(Staff(), a->first.id, D(2024, 4, 1), in);
  ASSERT_FALSE(apr);
  EXPECT_EQ(apr.error().field, "days_worked");
  in.days_worked = 20;
  in.assessment = Assessment::kExcellent;
  auto again = posts.PutMonth(Staff(), a->first.id, D(2024, 3, 1), in);
  ASSERT_TRUE(again);
  ASSERT_EQ(again->months.size(), 1u);
  EXPECT_EQ(again->months[0].days_worked, 20);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE entity = 'post_month'"), 2);
}

TEST_F(PostsStorageTest, CandidatesPutFormerlyPoorHouseholdsFirst) {
  SqlitePosts posts(*db_);
  auto c = posts.Candidates(Staff(), 1, kToday);
  ASSERT_TRUE(c);
  // H1 (registered_poor) before H2; within H1 the younger first.
  ASSERT_EQ(c->size(), 3u);
  EXPECT_EQ((*c)[0].person_id, 2);
  EXPECT_EQ((*c)[1].person_id, 1);
  EXPECT_EQ((*c)[2].person_id, 3);
  // Once 张一 holds a post, H1 is at its cap of 1: only 李三 remains.
  ASSERT_TRUE(posts.Assign(Staff(), Proposal(1), kToday));
  auto after = posts.Candidates(Staff(), 1, kToday);
  ASSERT_TRUE(after);
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ((*after)[0].person_id, 3);
  // 王四 at S2 has a 省外 job: no candidate there.
  auto s2 = posts.Candidates(Staff(), 2, kToday);
  ASSERT_TRUE(s2);
  EXPECT_TRUE(s2->empty());
}

TEST_F(PostsStorageTest, TheHouseholdBenefitsListTheHolding) {
  SqlitePosts posts(*db_);
  ASSERT_TRUE(posts.Assign(Staff(), Proposal(1), kToday));
  auto b = PostBenefits(*db_, 1, kToday);
  ASSERT_TRUE(b);
  ASSERT_EQ(b->size(), 1u);
  EXPECT_EQ((*b)[0].label_zh, "公益性岗位 巡河员（张一）");
  EXPECT_EQ((*b)[0].amount_fen, 60000);
  EXPECT_FALSE((*b)[0].until);
}

TEST_F(PostsStorageTest, TheDemoLinksAHoldingToEachWelfarePostJobAndEndsTheJobWithTheContract) {
  // Two welfare_post jobs: 李三 current since 2023-04-01 (contract to the anniversary after the
  // statistics day 2024-06-15: 2025-04-01), 张二 ended 2024-02-01.
  ASSERT_TRUE(db_->Exec(R"(
    DELETE FROM post_quotas; DELETE FROM post_kinds;
    INSERT INTO jobs (id, person_id, channel, place, started_on, ended_on, monthly_income_fen) VALUES
      (20, 3, 'welfare_post', 'township', '2023-04-01', NULL, 70000),
      (21, 2, 'welfare_post', 'township', '2023-02-01', '2024-02-01', NULL);
  )"));
  const std::string before = Text(
      "SELECT group_concat(id || channel || started_on || coalesce(ended_on, '-'), ';') FROM jobs");
  storage::IndustryDemoSummary sum;
  ASSERT_TRUE(storage::AddDemoPosts(*db_, 1, kToday, sum));
  EXPECT_EQ(sum.post_holdings, 2);
  // The fixture's migrant job (1) is untouched. The current job (20) now ends with its contract, 2025-04-01 (after the statistics day: the
  // figures of that day stay); the ended one keeps its end; both name their kind as employer
  // (kind by id % 4: 20 → 巡河员, 21 → 护林员).
  EXPECT_EQ(before, "1migrant_work2023-05-01-;20welfare_post2023-04-01-;21welfare_post2023-02-012024-02-01");
  EXPECT_EQ(Text("SELECT group_concat(id || channel || started_on || coalesce(ended_on, '-') || employer, ';') FROM jobs"),
            "1migrant_work2023-05-01-;20welfare_post2023-04-012025-04-01巡河员;21welfare_post2023-02-012024-02-01护林员");
  EXPECT_EQ(Text("SELECT contract_from || '|' || contract_until || '|' || publicity_from || '|' || publicity_until || '|' "
                 "|| monthly_subsidy_fen FROM post_holdings WHERE id = 20"),
            "2023-04-01|2025-04-01|2023-03-22|2023-03-29|70000");
  EXPECT_EQ(Text("SELECT contract_until || '|' || monthly_subsidy_fen FROM post_holdings WHERE id = 21"),
            "2024-02-01|50000");
  EXPECT_EQ(Count("SELECT count(*) FROM jobs WHERE post_holding_id IS NOT NULL"), 2);
  // Months 2024-03, -04, -05 for the current holding only.
  EXPECT_EQ(Text("SELECT group_concat(holding_id || ':' || month, ',') FROM (SELECT * FROM post_months ORDER BY month)"),
            "20:2024-03,20:2024-04,20:2024-05");
  EXPECT_EQ(Count("SELECT count(*) FROM post_kinds"), 6);
  // Quotas: 2 sites × 6 kinds, each the holdings current on the statistics day + 2.
  EXPECT_EQ(Count("SELECT count(*) FROM post_quotas"), 12);
  EXPECT_EQ(Count("SELECT sum(quota) FROM post_quotas"), 25);
}

}  // namespace
}  // namespace anju::industry
