// AddDemoJobs (storage/industry_demo.h): the demo's employed members get current jobs, so the
// employment_kind cache survives `anju jobs refresh` (run by `anju serve` at start) — before, the
// refresh turned every demo person to none and the dashboard's labor.employed drill-down was empty.
//
// Fixture (statistics day 2024-06-15): H1 moved in 2020-01-01: p1 workshop (born 1980, employer
// 车间甲), p2 none and not able to work (no job, not even an ended one), p3 migrant_work born
// 2005-03-01 working in 北京 (18 on 2023-03-01: the job cannot start before), p4 enterprise, a former member whose
// row still says employed (its job is current too: the demo's earlier-household rows are counted on
// days before member_until). Start days are hashed, so the test checks bounds, not days.
#include <gtest/gtest.h>

#include "industry/storage/industry_demo.h"
#include "industry/storage/sqlite_jobs.h"
#include "storage/migrate.h"
#include "storage/sqlite.h"

namespace anju::storage {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

TEST(DemoJobs, EmployedDemoMembersGetJobsSoTheRefreshKeepsTheirEmployment) {
  auto db = OpenAndMigrate(":memory:", false);
  ASSERT_TRUE(db) << db.error().ToString();
  ASSERT_TRUE((*db)->Exec(R"(
    INSERT INTO divisions VALUES ('141124','临县','county',NULL,NULL);
    INSERT INTO divisions VALUES ('141124100','临泉镇','township','141124',NULL);
    INSERT INTO origin_villages (id, name, township_code, relocation_type) VALUES (1,'甲村','141124100','scattered');
    INSERT INTO sites (id, name, mode, township_code) VALUES (1,'城北安置点','county_town','141124100');
    INSERT INTO households (id, household_no, category, origin_village_id, site_id, move_in_date) VALUES
      (1,'LX-1','registered_poor',1,1,'2020-01-01');
    INSERT INTO persons (id, household_id, resident_id, name, sex, birth_date, relationship, employment_kind, employer, member_until) VALUES
      (1,1,'141124198001010011','张一','male','1980-01-01','head','workshop','车间甲',NULL),
      (2,1,'141124198201010022','张二','female','1982-01-01','spouse','none',NULL,NULL),
      (3,1,'141124200503010031','张三','male','2005-03-01','child','migrant_work','北京',NULL),
      (4,1,'141124198501010041','张四','male','1985-01-01','sibling','enterprise','临县建筑公司','2021-01-01');
  )"));
  const Date day_{year{2024}, month{6}, day{15}};
  IndustryDemoSummary sum;
  auto added = AddDemoJobs(**db, 1, day_, sum);
  ASSERT_TRUE(added) << added.error().ToString();
  EXPECT_EQ(sum.jobs, 3);
  auto text = [&](const std::string& sql) {
    auto st = (*db)->Prepare(sql);
    EXPECT_TRUE(st);
    std::string out;
    while (true) {
      auto row = st->Step();
      if (!row || !*row) break;
      out += st->ColumnText(0) + ";";
    }
    return out;
  };
  // One current job per employed row, of its channel; the migrant's employer is the city's job
  // (empty employer), the workshop worker keeps persons.employer.
  EXPECT_EQ(text("SELECT person_id || ' ' || channel || ' ' || employer FROM jobs WHERE ended_on IS NULL ORDER BY person_id"),
            "1 workshop 车间甲;3 migrant_work ;4 enterprise 临县建筑公司;");
  // The migrant's city (the demo keeps it in persons.employer) is the job's county, 省外.
  EXPECT_EQ(text("SELECT work_county || ' ' || place FROM jobs WHERE person_id = 3"), "北京 outside;");
  // Start bounds: on or after joining (2020-01-01) and the 18th birthday, never after the day.
  EXPECT_EQ(text("SELECT count(*) FROM jobs WHERE started_on < '2020-01-01' OR started_on > '2024-06-15'"), "0;");
  EXPECT_EQ(text("SELECT count(*) FROM jobs WHERE person_id = 3 AND started_on < '2023-03-01'"), "0;");
  EXPECT_EQ(text("SELECT count(*) FROM jobs WHERE person_id = 2"), "0;");
  Actor system;
  system.username = "system";
  SqliteJobRepository repo(**db);
  ASSERT_TRUE(repo.RefreshCaches(system, day_));
  EXPECT_EQ(text("SELECT employment_kind FROM persons WHERE id IN (1,2,3) ORDER BY id"), "workshop;none;migrant_work;");
}

}  // namespace
}  // namespace anju::storage
