// The cadres rules (cadres/cadres.h) on the real SQLite repository: assignment, reassignment
// (the old one ends the day the new one starts), ending, the date rules, scope, audit.
#include "cadres/cadre_service.h"

#include <gtest/gtest.h>

#include "cadres/storage/sqlite_cadre_repository.h"
#include "storage/migrate.h"

namespace anju::cadres {
namespace {

Date D(const char* s) { return *ParseIsoDate(s); }

class CadreServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(*storage::Database::Open(":memory:"));
    ASSERT_TRUE(storage::Migrate(*db_));
    // Two townships, two sites with a grid each, three households (3 ended on 2023-01-01).
    ASSERT_TRUE(db_->Exec(R"(
      INSERT INTO divisions VALUES ('141124','临县','county',NULL,NULL);
      INSERT INTO divisions VALUES ('141124100','临泉镇','township','141124',NULL);
      INSERT INTO divisions VALUES ('141124200','白文镇','township','141124',NULL);
      INSERT INTO origin_villages (id, name, township_code, relocation_type) VALUES
        (1,'甲村','141124100','scattered'), (2,'乙村','141124200','scattered');
      INSERT INTO sites (id, name, mode, township_code) VALUES (1,'城北安置点','county_town','141124100'),
        (2,'白文安置点','township_seat','141124200');
      INSERT INTO grids (id, site_id, name) VALUES (1,1,'G1'), (2,2,'G2');
      INSERT INTO households (id, household_no, category, origin_village_id, site_id, grid_id, move_in_date)
        VALUES (1,'LX-000001','registered_poor',1,1,1,'2019-06-30'),
               (2,'LX-000002','registered_poor',2,2,2,'2019-06-30'),
               (3,'LX-000003','co_relocated',1,1,1,'2019-06-30');
      UPDATE households SET ended_on = '2023-01-01' WHERE id = 3;
    )"));
    repo_ = std::make_unique<storage::SqliteCadreRepository>(*db_);
    svc_ = std::make_unique<CadreService>(*repo_, [] { return D("2024-05-01"); });
    county_ = SystemActor();
    county_.role = Role::kCountyStaff;
    county_.username = "staff";
  }
  int64_t Count(const char* sql) {
    auto st = *db_->Prepare(sql);
    EXPECT_TRUE(*st.Step());
    return st.ColumnInt(0);
  }
  int64_t NewCadre(const char* name, const char* phone) {
    CadreInput in;
    in.name = name;
    in.unit = "临县农业农村局";
    in.phone = phone;
    auto c = svc_->Create(county_, in);
    EXPECT_TRUE(c) << c.error().ToString();
    return c ? c->id : 0;
  }
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<storage::SqliteCadreRepository> repo_;
  std::unique_ptr<CadreService> svc_;
  Actor county_;
};

TEST_F(CadreServiceTest, ReassignmentEndsTheOldOneTheDayTheNewStarts) {
  const int64_t a = NewCadre("张帮扶", "138 1234 5678"), b = NewCadre("李帮扶", "13900001111");
  ASSERT_TRUE(svc_->Assign(county_, 1, a, D("2020-03-01"), "结对"));
  auto second = svc_->Assign(county_, 1, b, D("2022-07-15"), "工作调整");
  ASSERT_TRUE(second) << second.error().ToString();
  auto hc = svc_->OfHousehold(county_, 1);
  ASSERT_TRUE(hc);
  ASSERT_TRUE(hc->current);
  EXPECT_EQ(hc->current->cadre_id, b);
  EXPECT_EQ(hc->current->from, D("2022-07-15"));
  ASSERT_EQ(hc->history.size(), 1u);
  EXPECT_EQ(hc->history[0].cadre_id, a);
  EXPECT_EQ(hc->history[0].from, D("2020-03-01"));
  EXPECT_EQ(*hc->history[0].until, D("2022-07-15"));
  EXPECT_EQ(hc->history[0].ended_reason, "工作调整");
  // One audit entry per write: 2 cadres, 2 assignments.
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE entity = 'cadre'"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE entity = 'cadre_assignment' AND action = 'reassign'"), 1);
  // The phone was cleaned of its spaces.
  EXPECT_EQ((*repo_->FindCadre(a))->phone, "13812345678");
}

TEST_F(CadreServiceTest, DatesOutsideTheRulesAreRefusedNamingTheField) {
  const int64_t a = NewCadre("张帮扶", "13812345678"), b = NewCadre("李帮扶", "");
  auto future = svc_->Assign(county_, 1, a, D("2024-05-02"), "");
  ASSERT_FALSE(future);
  EXPECT_EQ(future.error().field, "from");
  EXPECT_EQ(future.error().value, "2024-05-02");
  EXPECT_FALSE(future.error().message_zh.empty());
  auto early = svc_->Assign(county_, 1, a, D("2019-06-29"), "");
  ASSERT_FALSE(early);
  EXPECT_NE(early.error().message.find("2019-06-30"), std::string::npos);
  // On the move-in day itself: fine.
  ASSERT_TRUE(svc_->Assign(county_, 1, a, D("2019-06-30"), ""));
  // Reassigning before the current one started would overlap.
  // On the same day: refused (it would leave an empty period); from the next day: fine.
  auto same_day = svc_->Assign(county_, 1, b, D("2019-06-30"), "");
  ASSERT_FALSE(same_day);
  EXPECT_EQ(same_day.error().code, ErrorCode::kConflict);
  EXPECT_TRUE(svc_->Assign(county_, 1, b, D("2019-07-01"), ""));
  auto back = svc_->Assign(county_, 1, a, D("2019-06-29"), "");
  ASSERT_FALSE(back);
  // An ended household is not assigned.
  auto ended = svc_->Assign(county_, 3, a, D("2020-01-01"), "");
  ASSERT_FALSE(ended);
  EXPECT_EQ(ended.error().field, "household_id");
  // Nothing half-written: household 3 has no assignment.
  EXPECT_EQ(Count("SELECT count(*) FROM cadre_assignments WHERE household_id = 3"), 0);
}

TEST_F(CadreServiceTest, AlreadyAssignedCadreAndUnknownCadreAreRefused) {
  const int64_t a = NewCadre("张帮扶", "13812345678");
  ASSERT_TRUE(svc_->Assign(county_, 1, a, D("2020-01-01"), ""));
  auto again = svc_->Assign(county_, 1, a, D("2021-01-01"), "");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().field, "cadre_id");
  auto unknown = svc_->Assign(county_, 2, 999, D("2021-01-01"), "");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().value, "999");
}

TEST_F(CadreServiceTest, EndingNeedsAReasonAndADateInsideThePeriod) {
  const int64_t a = NewCadre("张帮扶", "13812345678");
  auto as = svc_->Assign(county_, 1, a, D("2020-01-01"), "");
  ASSERT_TRUE(as);
  auto no_reason = svc_->End(county_, as->id, D("2021-01-01"), "");
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().field, "reason");
  auto before = svc_->End(county_, as->id, D("2019-12-31"), "迁出");
  ASSERT_FALSE(before);
  EXPECT_EQ(before.error().field, "date");
  auto ok = svc_->End(county_, as->id, D("2021-01-01"), "该户迁出");
  ASSERT_TRUE(ok) << ok.error().ToString();
  EXPECT_EQ(*ok->until, D("2021-01-01"));
  auto twice = svc_->End(county_, as->id, D("2021-02-01"), "再次");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  // A new assignment after the end: not before it.
  auto overlap = svc_->Assign(county_, 1, a, D("2020-06-01"), "");
  ASSERT_FALSE(overlap);
  EXPECT_NE(overlap.error().message.find("2021-01-01"), std::string::npos);
  EXPECT_TRUE(svc_->Assign(county_, 1, a, D("2021-01-01"), ""));
}

TEST_F(CadreServiceTest, OneCurrentAssignmentPerHouseholdIsEnforcedByTheSchema) {
  const int64_t a = NewCadre("张帮扶", "13812345678");
  ASSERT_TRUE(svc_->Assign(county_, 1, a, D("2020-01-01"), ""));
  auto st = *db_->Prepare("INSERT INTO cadre_assignments (household_id, cadre_id, from_date, recorded_by, recorded_at) "
                          "VALUES (1, ?, '2020-02-01', 'x', 'x')");
  st.Bind(1, a);
  EXPECT_FALSE(st.Run());
}

// A period is never empty (fresh-clone tester: same-day reassignments left from == until): a
// second assignment from the current one's start day is a conflict naming the current cadre,
// ending on the start day is refused, and the schema refuses such a row written past the service.
TEST_F(CadreServiceTest, NoPeriodIsEmptySameDayReassignmentAndEndAreRefused) {
  const int64_t a = NewCadre("张帮扶", "13812345678"), b = NewCadre("李帮扶", "13900001111");
  auto first = svc_->Assign(county_, 1, a, D("2024-05-01"), "结对");
  ASSERT_TRUE(first) << first.error().ToString();
  auto again = svc_->Assign(county_, 1, b, D("2024-05-01"), "更正");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().field, "from");
  EXPECT_EQ(again.error().message_zh, "该户今天已分派给张帮扶（自 2024-05-01 起），同一天不能再次分派；如需更正，请自次日起重新分派");
  auto end = svc_->End(county_, first->id, D("2024-05-01"), "更正");
  ASSERT_FALSE(end);
  EXPECT_EQ(end.error().field, "date");
  EXPECT_EQ(Count("SELECT count(*) FROM cadre_assignments"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM cadre_assignments WHERE until_date IS NULL AND cadre_id = 1"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE entity = 'cadre_assignment'"), 1);
  auto direct = *db_->Prepare("UPDATE cadre_assignments SET until_date = from_date");
  EXPECT_FALSE(direct.Run());
  auto insert = *db_->Prepare("INSERT INTO cadre_assignments (household_id, cadre_id, from_date, until_date, recorded_by, "
                              "recorded_at) VALUES (2, 1, '2020-02-01', '2020-02-01', 'x', 'x')");
  EXPECT_FALSE(insert.Run());
}

TEST_F(CadreServiceTest, OnlyCountyRolesManageAndScopeLimitsReads) {
  const int64_t a = NewCadre("张帮扶", "13812345678");
  ASSERT_TRUE(svc_->Assign(county_, 1, a, D("2020-01-01"), ""));
  Actor grid;
  grid.role = Role::kGridWorker;
  grid.username = "grid";
  grid.scope = {AccessScope::Level::kGrid, "", 0, 2};
  auto denied = svc_->Assign(grid, 2, a, D("2020-01-01"), "");
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(svc_->OfHousehold(grid, 1).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(svc_->OfHousehold(grid, 2));
  // The grid worker of grid 2 sees no cadre (none is assigned there); a cadre account of
  // cadre `a` sees household 1 and the cadre itself.
  EXPECT_TRUE(svc_->List(grid, {})->empty());
  EXPECT_EQ(svc_->Get(grid, a).error().code, ErrorCode::kNotFound);
  Actor cadre;
  cadre.role = Role::kCadre;
  cadre.username = "cadre";
  cadre.scope.level = AccessScope::Level::kAssigned;
  cadre.scope.assigned_household_ids = {1};
  EXPECT_TRUE(svc_->OfHousehold(cadre, 1));
  EXPECT_EQ(svc_->OfHousehold(cadre, 2).error().code, ErrorCode::kNotFound);
  auto mine = svc_->Get(cadre, a);
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->current.size(), 1u);
  EXPECT_EQ(mine->current[0].household_no, "LX-000001");
  auto list = svc_->List(cadre, {});
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].households_now, 1);
  EXPECT_EQ(svc_->Assign(cadre, 1, a, D("2021-01-01"), "").error().code, ErrorCode::kPermissionDenied);
}

TEST_F(CadreServiceTest, ACadreWithCurrentHouseholdsCannotEnd) {
  const int64_t a = NewCadre("张帮扶", "13812345678");
  auto as = svc_->Assign(county_, 1, a, D("2020-01-01"), "");
  CadreInput end;
  end.ended_on = D("2024-01-01");
  end.end_reason = "调离";
  auto refused = svc_->Update(county_, a, end, 1);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "ended_on");
  ASSERT_TRUE(svc_->End(county_, as->id, D("2024-01-01"), "调离"));
  auto ok = svc_->Update(county_, a, end, 1);
  ASSERT_TRUE(ok) << ok.error().ToString();
  EXPECT_EQ(ok->version, 2);
  EXPECT_EQ(svc_->Update(county_, a, end, 1).error().code, ErrorCode::kConflict);
}

TEST(CleanPhoneTextTest, SpacesDashesAndCountryCodeGo) {
  EXPECT_EQ(CleanPhoneText("138 1234 5678"), "13812345678");
  EXPECT_EQ(CleanPhoneText("+86-138-1234-5678"), "13812345678");
  EXPECT_EQ(CleanPhoneText("0358-1234567"), "03581234567");
  EXPECT_EQ(CleanPhoneText("138x1234"), std::nullopt);
  EXPECT_EQ(CleanPhoneText("12345"), std::nullopt);
}

}  // namespace
}  // namespace anju::cadres
