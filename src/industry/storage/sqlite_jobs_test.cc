// JobService on SQLite :memory: through SqliteJobRepository: a recorded job is stored with one
// audit entry and the person's employment_kind cache in the same write; refusals store nothing;
// scope (404 outside, 403 for the auditor); patch with a version; end and void with a reason;
// household jobs as of a day; the list's filters and cursor; the refresh of caches for jobs
// ended by date.
//
// Fixture (today 2024-06-15): township 141124100 site 1 (grid 1), township 141124101 site 2
// (grid 3). H1 site 1/grid 1: 张一 (p1, born 1980-01-01), 张二 (p2, born 2010-05-01, a minor);
// H2 site 2/grid 3: 李三 (p3, born 1970-01-01).
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "industry/jobs.h"
#include "industry/storage/sqlite_jobs.h"
#include "storage/migrate.h"
#include "storage/sqlite.h"

namespace anju::storage {
namespace {

using namespace anju::industry;
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
  return a;
}
Actor Staff() { return MakeActor(Role::kCountyStaff); }
Actor Grid(int64_t grid) {
  AccessScope s;
  s.level = AccessScope::Level::kGrid;
  s.grid_id = grid;
  return MakeActor(Role::kGridWorker, s);
}

JobInput J(Channel c, Date start, std::string employer = "") {
  JobInput in;
  in.channel = c;
  in.started_on = start;
  in.employer = std::move(employer);
  return in;
}

class JobsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = OpenAndMigrate(":memory:", false);
    ASSERT_TRUE(db) << db.error().ToString();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->Exec(R"(
      INSERT INTO divisions VALUES ('141124','临县','county',NULL,NULL);
      INSERT INTO divisions VALUES ('141124100','临泉镇','township','141124',NULL);
      INSERT INTO divisions VALUES ('141124101','白文镇','township','141124',NULL);
      INSERT INTO origin_villages (id, name, township_code, relocation_type) VALUES
        (1,'甲村','141124100','scattered'), (2,'乙村','141124101','whole_village');
      INSERT INTO sites (id, name, mode, township_code) VALUES
        (1,'城北安置点','county_town','141124100'), (2,'城南安置点','county_town','141124101');
      INSERT INTO grids (id, site_id, name) VALUES (1,1,'G1'), (3,2,'G3');
      INSERT INTO households (id, household_no, category, origin_village_id, site_id, grid_id, move_in_date) VALUES
        (1,'LX-1','registered_poor',1,1,1,'2020-01-01'), (2,'LX-2','registered_poor',2,2,3,'2020-01-01');
      INSERT INTO persons (id, household_id, resident_id, name, sex, birth_date, relationship) VALUES
        (1,1,'141124198001010011','张一','male','1980-01-01','head'),
        (2,1,'141124201005010022','张二','female','2010-05-01','child'),
        (3,2,'141124197001010033','李三','male','1970-01-01','head');
    )"));
    repo_ = std::make_unique<SqliteJobRepository>(*db_);
    svc_ = std::make_unique<JobService>(*repo_, 18);
  }
  std::string Text(const std::string& sql) {
    auto st = db_->Prepare(sql);
    EXPECT_TRUE(st) << st.error().ToString();
    auto row = st->Step();
    EXPECT_TRUE(row && *row) << sql;
    return st->ColumnIsNull(0) ? "NULL" : st->ColumnText(0);
  }
  std::string Snapshot() {
    return Text("SELECT (SELECT count(*) FROM jobs) || '/' || (SELECT count(*) FROM audit_log) || '/' || "
                "(SELECT group_concat(employment_kind) FROM (SELECT employment_kind FROM persons ORDER BY id))");
  }
  std::unique_ptr<Database> db_;
  std::unique_ptr<SqliteJobRepository> repo_;
  std::unique_ptr<JobService> svc_;
};

TEST_F(JobsTest, RecordStoresTheJobTheCacheAndTheirAuditInOneWrite) {
  JobInput in = J(Channel::kWorkshop, D(2023, 3, 1), "晋绣坊");
  in.place = WorkPlace::kTownship;
  in.monthly_income_fen = 250000;
  auto r = svc_->Record(Staff(), 1, in, kToday);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->household_no, "LX-1");
  EXPECT_EQ(r->person_name, "张一");
  EXPECT_EQ(r->source, "entered");
  EXPECT_EQ(r->recorded_by, "test_county_staff");
  EXPECT_EQ(r->version, 1);
  // One job, two audit entries (the job, the person's cache), cache of p1 = workshop.
  EXPECT_EQ(Snapshot(), "1/2/workshop,none,none");
  EXPECT_EQ(Text("SELECT group_concat(entity || ':' || action, ',') FROM audit_log"), "job:create,person:update");
  EXPECT_EQ(Text("SELECT monthly_income_fen || place FROM jobs"), "250000township");
}

TEST_F(JobsTest, ARefusedJobStoresNothing) {
  const std::string before = Snapshot();
  // 张二 is 14 on 2024-06-15: reaches 18 on 2028-05-01.
  auto r = svc_->Record(Staff(), 2, J(Channel::kFlexible, D(2024, 6, 1)), kToday);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(r.error().ToString().find("2028-05-01"), std::string::npos) << r.error().ToString();
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(JobsTest, ScopeAndRole) {
  // A grid worker of grid 3 does not see 张一 (grid 1): 404, nothing stored.
  auto r = svc_->Record(Grid(3), 1, J(Channel::kPark, D(2023, 1, 1)), kToday);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
  auto list = svc_->OfPerson(Grid(3), 1);
  ASSERT_FALSE(list);
  EXPECT_EQ(list.error().code, ErrorCode::kNotFound);
  // The auditor sees but may not record: 403.
  auto a = svc_->Record(MakeActor(Role::kAuditor), 1, J(Channel::kPark, D(2023, 1, 1)), kToday);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(Snapshot(), "0/0/none,none,none");
  // The grid worker of grid 1 records on 张一.
  EXPECT_TRUE(svc_->Record(Grid(1), 1, J(Channel::kPark, D(2023, 1, 1)), kToday));
}

TEST_F(JobsTest, PatchNeedsTheCurrentVersionAndIsAudited) {
  auto j = svc_->Record(Staff(), 3, J(Channel::kMigrantWork, D(2022, 1, 1), "太原某建筑公司"), kToday);
  ASSERT_TRUE(j);
  JobPatch p;
  p.place = WorkPlace::kProvince;
  p.work_county = "太原市小店区";
  auto stale = svc_->Patch(Staff(), j->id, 2, p, kToday);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  auto ok = svc_->Patch(Staff(), j->id, 1, p, kToday);
  ASSERT_TRUE(ok) << ok.error().ToString();
  EXPECT_EQ(ok->version, 2);
  EXPECT_EQ(ok->in.work_county, "太原市小店区");
  EXPECT_EQ(Text("SELECT changes FROM audit_log WHERE entity = 'job' AND action = 'update'"),
            R"({"place":[null,"province"],"work_county":["","太原市小店区"]})");
  // Changing the channel to welfare_post with a 县外 place is refused (5_01_003).
  JobPatch bad;
  bad.channel = Channel::kWelfarePost;
  auto r = svc_->Patch(Staff(), j->id, 2, bad, kToday);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(JobsTest, EndAndVoidUpdateTheCacheAndKeepTheRow) {
  auto w = svc_->Record(Staff(), 1, J(Channel::kWorkshop, D(2023, 1, 1)), kToday);
  auto m = svc_->Record(Staff(), 1, J(Channel::kMigrantWork, D(2023, 1, 1)), kToday);
  ASSERT_TRUE(w && m);
  EXPECT_EQ(Text("SELECT employment_kind FROM persons WHERE id = 1"), "workshop");
  // A reason is required.
  auto no_reason = svc_->End(Staff(), w->id, std::nullopt, D(2024, 6, 1), "  ", kToday);
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().field, "reason");
  auto ended = svc_->End(Staff(), w->id, 1, D(2024, 6, 1), "车间停产", kToday);
  ASSERT_TRUE(ended) << ended.error().ToString();
  EXPECT_EQ(FormatIsoDate(*ended->in.ended_on), "2024-06-01");
  EXPECT_EQ(Text("SELECT employment_kind FROM persons WHERE id = 1"), "migrant_work");
  auto voided = svc_->Void(Staff(), m->id, std::nullopt, "录入错误", kToday);
  ASSERT_TRUE(voided) << voided.error().ToString();
  EXPECT_EQ(voided->void_reason, "录入错误");
  EXPECT_EQ(Text("SELECT employment_kind FROM persons WHERE id = 1"), "none");
  EXPECT_EQ(Text("SELECT count(*) FROM jobs"), "2");
  auto again = svc_->Void(Staff(), m->id, std::nullopt, "再次", kToday);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST_F(JobsTest, HouseholdJobsAsOfADayAndTheListFiltersAndCursor) {
  auto a = svc_->Record(Staff(), 1, J(Channel::kWorkshop, D(2023, 1, 1)), kToday);
  ASSERT_TRUE(a);
  ASSERT_TRUE(svc_->End(Staff(), a->id, std::nullopt, D(2024, 1, 1), "合同到期", kToday));
  ASSERT_TRUE(svc_->Record(Staff(), 1, J(Channel::kPark, D(2024, 2, 1)), kToday));
  ASSERT_TRUE(svc_->Record(Staff(), 3, J(Channel::kPark, D(2024, 2, 1)), kToday));
  auto dec = svc_->OfHousehold(Staff(), 1, D(2023, 12, 31));
  ASSERT_TRUE(dec);
  ASSERT_EQ(dec->size(), 1u);
  EXPECT_EQ((*dec)[0].in.channel, Channel::kWorkshop);
  auto jan = svc_->OfHousehold(Staff(), 1, D(2024, 1, 15));
  ASSERT_TRUE(jan);
  EXPECT_EQ(jan->size(), 0u);  // the workshop job ended on 2024-01-01, the park job starts 02-01
  JobFilter f;
  f.channel = Channel::kPark;
  PageRequest page;
  page.limit = 1;
  page.with_total = true;
  auto p1 = svc_->List(Staff(), f, page);
  ASSERT_TRUE(p1);
  EXPECT_EQ(*p1->total, 2);
  ASSERT_EQ(p1->items.size(), 1u);
  EXPECT_EQ(p1->items[0].person_id, 3);  // newest first
  page.cursor = p1->next_cursor;
  auto p2 = svc_->List(Staff(), f, page);
  ASSERT_TRUE(p2);
  ASSERT_EQ(p2->items.size(), 1u);
  EXPECT_EQ(p2->items[0].person_id, 1);
  EXPECT_TRUE(p2->next_cursor.empty());
  // Scope: grid 3 sees only 李三's job.
  auto g = svc_->List(Grid(3), JobFilter{}, PageRequest{});
  ASSERT_TRUE(g);
  ASSERT_EQ(g->items.size(), 1u);
  EXPECT_EQ(g->items[0].person_id, 3);
  // as_of 2023-06-01: only the workshop job.
  JobFilter asof;
  asof.as_of = D(2023, 6, 1);
  auto h = svc_->List(Staff(), asof, PageRequest{});
  ASSERT_TRUE(h);
  ASSERT_EQ(h->items.size(), 1u);
  EXPECT_EQ(h->items[0].in.channel, Channel::kWorkshop);
}

TEST_F(JobsTest, RefreshCachesFollowsJobsEndedByDate) {
  JobInput in = J(Channel::kEnterprise, D(2023, 1, 1));
  in.ended_on = D(2024, 7, 1);  // a contract that ends in two weeks
  ASSERT_TRUE(svc_->Record(Staff(), 3, in, kToday));
  EXPECT_EQ(Text("SELECT employment_kind FROM persons WHERE id = 3"), "enterprise");
  auto same = repo_->RefreshCaches(SystemActor(), D(2024, 6, 30));
  ASSERT_TRUE(same);
  EXPECT_EQ(*same, 0);
  auto moved = repo_->RefreshCaches(SystemActor(), D(2024, 7, 1));
  ASSERT_TRUE(moved) << moved.error().ToString();
  EXPECT_EQ(*moved, 1);
  EXPECT_EQ(Text("SELECT employment_kind FROM persons WHERE id = 3"), "none");
  EXPECT_EQ(Text("SELECT changes FROM audit_log ORDER BY seq DESC LIMIT 1"), R"({"employment_kind":["enterprise","none"]})");
  auto again = repo_->RefreshCaches(SystemActor(), D(2024, 7, 1));
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0);
}

}  // namespace
}  // namespace anju::storage
