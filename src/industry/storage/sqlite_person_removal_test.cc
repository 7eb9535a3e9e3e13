// A person removed as entered in error (registry DeletePerson, DELETE /api/v1/persons/{id}) who
// has jobs and a welfare-post holding, on SQLite :memory: with the hook modules::Install
// installs (registry::SetPersonVoider → storage::VoidRecordsOfPerson): the removal voids the
// jobs and the holding with the removal's reason in the same write, audited, and the
// employment_kind cache says none; a holding with money paid refuses the removal (409 naming the
// holding) and nothing changes.
//
// Fixture (today 2024-06-15): household LX-0001 (site 1, moved in 2020-01-01): 测试0 head (p1),
// 测试1 (p2) and 测试2 (p3), born 1980-1982.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "core/resident_id.h"
#include "industry/jobs.h"
#include "industry/storage/sqlite_jobs.h"
#include "registry/registry_service.h"
#include "registry/storage/sqlite_registry_repository.h"
#include "storage/migrate.h"
#include "storage/sqlite.h"

namespace anju::storage {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

const Date kToday{year{2024}, month{6}, day{15}};

std::string Id(int i) {
  const std::string first17 = fmt::format("141124{:04d}0101{:03d}", 1980 + i, 101 + 2 * i);
  return first17 + ResidentIdCheckChar(first17);
}

Actor Staff() {
  Actor a;
  a.user_id = 7;
  a.username = "test_county_staff";
  a.role = Role::kCountyStaff;
  return a;
}

class PersonRemovalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    registry::SetPersonVoider(&VoidRecordsOfPerson);  // as modules::Install does
    auto db = OpenAndMigrate(":memory:", false);
    ASSERT_TRUE(db) << db.error().ToString();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->Exec(R"(
      INSERT INTO divisions VALUES ('141124','临县','county',NULL,NULL);
      INSERT INTO divisions VALUES ('141124100','临泉镇','township','141124',NULL);
      INSERT INTO origin_villages (id, name, township_code, relocation_type) VALUES (1,'甲村','141124100','scattered');
      INSERT INTO sites (id, name, mode, township_code) VALUES (1,'城北安置点','county_town','141124100');
      INSERT INTO grids (id, site_id, name) VALUES (1,1,'G1');
      INSERT INTO households (id, household_no, category, origin_village_id, site_id, grid_id, move_in_date)
        VALUES (1,'LX-0001','registered_poor',1,1,1,'2020-01-01');
      INSERT INTO post_kinds (id, name, level, monthly_subsidy_fen) VALUES (1,'保洁员','village',50000);
    )"));
    for (int i = 0; i < 3; ++i)
      ASSERT_TRUE(db_->Exec(fmt::format("INSERT INTO persons (id, household_id, resident_id, name, sex, birth_date, relationship) "
                                        "VALUES ({},1,'{}','测试{}','male','{}-01-01','{}')",
                                        i + 1, Id(i), i, 1980 + i, i ? "child" : "head")));
    repo_ = std::make_unique<SqliteRegistryRepository>(*db_);
    reg_ = std::make_unique<registry::RegistryService>(*repo_, [] { return kToday; });
  }
  void TearDown() override { registry::SetPersonVoider(nullptr); }
  std::string Text(const std::string& sql) {
    auto st = db_->Prepare(sql);
    EXPECT_TRUE(st) << st.error().ToString();
    auto row = st->Step();
    EXPECT_TRUE(row && *row) << sql;
    return st->ColumnIsNull(0) ? "" : st->ColumnText(0);
  }
  int64_t Count(const std::string& sql) { return std::stoll(Text(sql)); }
  int64_t Job(int64_t person, industry::Channel c, const std::string& employer, Date start) {
    SqliteJobRepository jobs(*db_);
    industry::JobService svc(jobs, 18);
    industry::JobInput in;
    in.channel = c;
    in.employer = employer;
    in.started_on = start;
    auto j = svc.Record(Staff(), person, in, kToday);
    EXPECT_TRUE(j) << j.error().ToString();
    return j ? j->id : 0;
  }
  void Holding(int64_t id, int64_t person, const std::string& paid) {
    ASSERT_TRUE(db_->Exec(fmt::format(
        "INSERT INTO post_holdings (id, person_id, kind_id, site_id, contract_from, contract_until, publicity_from, "
        "publicity_until, monthly_subsidy_fen) VALUES ({0},{1},1,1,'2024-03-01','2025-03-01','2024-02-01','2024-02-08',50000);"
        "INSERT INTO post_months (holding_id, month, days_worked, paid_fen) VALUES ({0},'2024-03',20,{2});",
        id, person, paid)));
  }
  std::unique_ptr<Database> db_;
  std::unique_ptr<SqliteRegistryRepository> repo_;
  std::unique_ptr<registry::RegistryService> reg_;
};

TEST_F(PersonRemovalTest, RemovingAPersonWithJobsVoidsThemWithTheReasonInTheSameWrite) {
  const int64_t ended = Job(2, industry::Channel::kEnterprise, "虚构企业", Date{year{2023}, month{1}, day{1}});
  ASSERT_TRUE(db_->Exec(fmt::format("UPDATE jobs SET ended_on = '2023-12-01' WHERE id = {}", ended)));
  const int64_t current = Job(2, industry::Channel::kWorkshop, "虚构车间", Date{year{2024}, month{1}, day{1}});
  Holding(1, 2, "NULL");  // a holding not paid yet
  ASSERT_EQ(Text("SELECT employment_kind FROM persons WHERE id = 2"), "workshop");
  const int64_t audit = Count("SELECT COALESCE(max(seq), 0) FROM audit_log");

  ASSERT_TRUE(reg_->DeletePerson(Staff(), 2, Count("SELECT version FROM persons WHERE id = 2"), "重复录入"));
  EXPECT_EQ(Text("SELECT group_concat(id || ':' || void_reason, ',') FROM jobs WHERE voided_at IS NOT NULL ORDER BY id"),
            fmt::format("{}:重复录入,{}:重复录入", ended, current));
  EXPECT_EQ(Text("SELECT void_reason FROM post_holdings WHERE id = 1 AND voided_at IS NOT NULL"), "重复录入");
  EXPECT_EQ(Text("SELECT employment_kind || '|' || member_from || '|' || member_until FROM persons WHERE id = 2"),
            "none|2020-01-01|2020-01-01");
  // Audited: the holding's void, two job voids, the cache change (workshop → none), the delete.
  EXPECT_EQ(Text(fmt::format("SELECT group_concat(entity || ':' || action || ':' || source, ',') FROM (SELECT * FROM audit_log "
                             "WHERE seq > {} ORDER BY seq)",
                             audit)),
            "post_holding:update:void (person entered in error),job:update:void,job:update:void,"
            "person:update:jobs (employment_kind cache),person:delete:register event 1 (entered_in_error): 重复录入");
  // The others keep everything.
  EXPECT_EQ(Count("SELECT count(*) FROM persons WHERE id <> 2 AND member_until IS NOT NULL"), 0);
}

TEST_F(PersonRemovalTest, APaidPostHoldingRefusesTheRemovalAndNothingChanges) {
  const int64_t job = Job(3, industry::Channel::kFlexible, "", Date{year{2024}, month{1}, day{1}});
  Holding(4, 3, "50000");
  const int64_t audit = Count("SELECT count(*) FROM audit_log");
  auto refused = reg_->DeletePerson(Staff(), 3, Count("SELECT version FROM persons WHERE id = 3"), "误录");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(refused.error().field, "post_holdings");
  EXPECT_EQ(refused.error().value, "4");
  EXPECT_NE(refused.error().message_zh.find("岗位记录 4"), std::string::npos) << refused.error().message_zh;
  EXPECT_EQ(Count(fmt::format("SELECT count(*) FROM jobs WHERE id = {} AND voided_at IS NULL", job)), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM post_holdings WHERE voided_at IS NULL"), 1);
  EXPECT_EQ(Text("SELECT (member_until IS NULL) || '|' || (left_event_id IS NULL) FROM persons WHERE id = 3"), "1|1");
  EXPECT_EQ(Count("SELECT count(*) FROM register_events"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log"), audit);
}

}  // namespace
}  // namespace anju::storage
