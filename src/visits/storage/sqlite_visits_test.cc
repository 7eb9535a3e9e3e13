// VisitService on SQLite :memory: through SqliteVisitRepository: record (stored with its audit
// entry, location only with consent), refusals that store nothing, scope (404 outside, 403 for
// the auditor), void with a reason, list filters, and the statistics per site hand-checked on
// the fixture below.
//
// Fixture (today 2024-06-15): townships T1 141124100 (site S1 城北, grids G1, G2), T2 141124101
// (site S2 城南, grid G3). Households, all moved in 2020-01-01 unless said:
//   H1 S1/G1 members 张一 (head), 张二;  H2 S1/G2;  H3 S2/G3;
//   H4 S1/G1 moved in 2024-06-01;  H5 S1/G1 ended 2024-03-01 (merged away).
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "storage/migrate.h"
#include "storage/sqlite.h"
#include "visits/storage/sqlite_visits_repository.h"
#include "visits/visits.h"

namespace anju::storage {
namespace {

using namespace anju::visits;
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
Actor GridWorker(int64_t grid) {
  AccessScope s;
  s.level = AccessScope::Level::kGrid;
  s.grid_id = grid;
  return MakeActor(Role::kGridWorker, s);
}

NewVisit At(Date on, Purpose p = Purpose::kRoutine) {
  NewVisit v;
  v.visited_on = on;
  v.purpose = p;
  v.findings = "家中有人，生活正常";
  return v;
}

class VisitsTest : public ::testing::Test {
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
      INSERT INTO grids (id, site_id, name) VALUES (1,1,'G1'), (2,1,'G2'), (3,2,'G3');
      INSERT INTO households (id, household_no, category, origin_village_id, site_id, grid_id, move_in_date, ended_on) VALUES
        (1,'LX-1','registered_poor',1,1,1,'2020-01-01',NULL),
        (2,'LX-2','registered_poor',1,1,2,'2020-01-01',NULL),
        (3,'LX-3','registered_poor',2,2,3,'2020-01-01',NULL),
        (4,'LX-4','registered_poor',1,1,1,'2024-06-01',NULL),
        (5,'LX-5','registered_poor',1,1,1,'2020-01-01','2024-03-01');
      INSERT INTO persons (id, household_id, resident_id, name, sex, birth_date, relationship) VALUES
        (1,1,'141124198001010011','张一','male','1980-01-01','head'),
        (2,1,'141124198201010022','张二','female','1982-01-01','spouse'),
        (3,2,'141124197001010033','李三','male','1970-01-01','head');
    )"));
    repo_ = std::make_unique<SqliteVisitRepository>(*db_);
    svc_ = std::make_unique<VisitService>(*repo_);
  }
  int64_t Int(const std::string& sql) {
    auto st = db_->Prepare(sql);
    EXPECT_TRUE(st) << st.error().ToString();
    auto row = st->Step();
    EXPECT_TRUE(row && *row) << sql;
    return st->ColumnIsNull(0) ? -1 : st->ColumnInt(0);
  }
  std::string Snapshot() {
    auto st = db_->Prepare(
        "SELECT (SELECT count(*) FROM visits) || '/' || (SELECT count(*) FROM visit_people) || '/' || "
        "(SELECT count(*) FROM audit_log) || '/' || (SELECT coalesce(group_concat(coalesce(voided_on,'-')),'') FROM visits)");
    auto row = st->Step();
    return st->ColumnText(0);
  }
  int64_t Record(int64_t household, NewVisit v, const Actor& a = Staff()) {
    auto r = svc_->Record(a, household, v, kToday);
    EXPECT_TRUE(r) << r.error().ToString();
    return r ? r->id : 0;
  }

  std::unique_ptr<Database> db_;
  std::unique_ptr<SqliteVisitRepository> repo_;
  std::unique_ptr<VisitService> svc_;
};

TEST_F(VisitsTest, RecordStoresTheVisitWhoWasMetAndOneAuditEntry) {
  NewVisit v = At(D(2024, 5, 3), Purpose::kEmployment);
  v.people = {1, 2};
  v.follow_ups = "联系社区工厂岗位";
  auto r = svc_->Record(Staff(), 1, v, kToday);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->household_no, "LX-1");
  EXPECT_EQ(r->site_name, "城北安置点");
  EXPECT_EQ(FormatIsoDate(r->visited_on), "2024-05-03");
  EXPECT_EQ(r->visitor_name, "test_county_staff");
  ASSERT_EQ(r->people.size(), 2u);
  EXPECT_EQ(r->people[1].name, "张二");
  EXPECT_FALSE(r->latitude);
  EXPECT_EQ(Int(fmt::format("SELECT count(*) FROM visit_people WHERE visit_id = {}", r->id)), 2);
  EXPECT_EQ(Int(fmt::format("SELECT count(*) FROM audit_log WHERE entity = 'visit' AND entity_id = '{}' "
                            "AND action = 'create'", r->id)), 1);
}

TEST_F(VisitsTest, LocationIsStoredOnlyWithConsent) {
  const std::string before = Snapshot();
  NewVisit v = At(D(2024, 5, 3));
  v.latitude = 37.95, v.longitude = 110.99;
  auto refused = svc_->Record(Staff(), 1, v, kToday);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(refused.error().field, "location_consent");
  EXPECT_EQ(Snapshot(), before);  // nothing stored, no audit entry
  v.location_consent = true;
  int64_t id = Record(1, v);
  EXPECT_EQ(Int(fmt::format("SELECT CAST(latitude * 100 AS INTEGER) FROM visits WHERE id = {}", id)), 3795);
  EXPECT_EQ(Int(fmt::format("SELECT location_consent FROM visits WHERE id = {}", id)), 1);
  // The coordinates stay out of the audit trail.
  EXPECT_EQ(Int("SELECT count(*) FROM audit_log WHERE changes LIKE '%37.95%'"), 0);
  // Consent without coordinates (the phone gave none): consent kept, no location.
  NewVisit c = At(D(2024, 5, 4));
  c.location_consent = true;
  int64_t id2 = Record(1, c);
  EXPECT_EQ(Int(fmt::format("SELECT latitude FROM visits WHERE id = {}", id2)), -1);
}

TEST_F(VisitsTest, TheDatabaseItselfRefusesCoordinatesWithoutConsent) {
  // The CHECK of the migration: even a writer bypassing the service cannot store them.
  auto s = db_->Exec(
      "INSERT INTO visits (household_id, visited_on, visitor_user_id, visitor_name, purpose, latitude, longitude, "
      "location_consent, recorded_at) VALUES (1,'2024-05-01',7,'x','routine',1.0,2.0,0,'2024-05-01T00:00:00Z')");
  EXPECT_FALSE(s);
}

TEST_F(VisitsTest, DayRulesUseTheHouseholdsOwnDates) {
  const std::string before = Snapshot();
  auto early = svc_->Record(Staff(), 4, At(D(2024, 5, 31)), kToday);  // H4 moved in 2024-06-01
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().field, "visited_on");
  auto ended = svc_->Record(Staff(), 5, At(D(2024, 3, 5)), kToday);  // H5 ended 2024-03-01
  ASSERT_FALSE(ended);
  EXPECT_EQ(ended.error().field, "visited_on");
  auto future = svc_->Record(Staff(), 1, At(D(2024, 6, 16)), kToday);
  ASSERT_FALSE(future);
  NewVisit stranger = At(D(2024, 5, 3));
  stranger.people = {3};  // 李三 is a member of H2
  auto s = svc_->Record(Staff(), 1, stranger, kToday);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().field, "people");
  EXPECT_EQ(Snapshot(), before);
  EXPECT_TRUE(svc_->Record(Staff(), 4, At(D(2024, 6, 1)), kToday));
  EXPECT_TRUE(svc_->Record(Staff(), 5, At(D(2024, 2, 29)), kToday));
}

TEST_F(VisitsTest, ScopeAndRole) {
  const std::string before = Snapshot();
  auto other_grid = svc_->Record(GridWorker(2), 1, At(D(2024, 5, 3)), kToday);
  ASSERT_FALSE(other_grid);
  EXPECT_EQ(other_grid.error().code, ErrorCode::kNotFound);
  auto auditor = svc_->Record(MakeActor(Role::kAuditor), 1, At(D(2024, 5, 3)), kToday);
  ASSERT_FALSE(auditor);
  EXPECT_EQ(auditor.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(Snapshot(), before);
  int64_t id = Record(1, At(D(2024, 5, 3)), GridWorker(1));
  ASSERT_NE(id, 0);
  EXPECT_TRUE(svc_->Get(GridWorker(1), id));
  auto hidden = svc_->Get(GridWorker(2), id);
  ASSERT_FALSE(hidden);
  EXPECT_EQ(hidden.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(svc_->Get(MakeActor(Role::kAuditor), id));  // the auditor reads everything
  auto list = svc_->List(GridWorker(2), {}, {});
  ASSERT_TRUE(list);
  EXPECT_TRUE(list->items.empty());
  auto void_other = svc_->Void(GridWorker(2), id, "错录", kToday);
  ASSERT_FALSE(void_other);
  EXPECT_EQ(void_other.error().code, ErrorCode::kNotFound);
}

TEST_F(VisitsTest, VoidNeedsAReasonKeepsTheRowAndIsAudited) {
  int64_t id = Record(1, At(D(2024, 5, 3)));
  const int64_t audit = Int("SELECT count(*) FROM audit_log");
  auto no_reason = svc_->Void(Staff(), id, "  ", kToday);
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().field, "reason");
  auto v = svc_->Void(Staff(), id, "录错了户", kToday);
  ASSERT_TRUE(v) << v.error().ToString();
  ASSERT_TRUE(v->voided_on);
  EXPECT_EQ(FormatIsoDate(*v->voided_on), "2024-06-15");
  EXPECT_EQ(v->void_reason, "录错了户");
  EXPECT_EQ(Int("SELECT count(*) FROM audit_log"), audit + 1);
  EXPECT_EQ(Int("SELECT count(*) FROM visits"), 1);  // kept
  auto again = svc_->Void(Staff(), id, "再次", kToday);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  // Lists leave it out unless asked.
  auto list = svc_->List(Staff(), {}, {});
  ASSERT_TRUE(list);
  EXPECT_TRUE(list->items.empty());
  VisitFilter all;
  all.include_voided = true;
  EXPECT_EQ(svc_->List(Staff(), all, {})->items.size(), 1u);
}

TEST_F(VisitsTest, ListFiltersAndPagesNewestFirst) {
  int64_t a = Record(1, At(D(2024, 5, 3)));
  int64_t b = Record(1, At(D(2024, 5, 20)));
  int64_t c = Record(3, At(D(2024, 5, 10)));
  int64_t d = Record(2, At(D(2024, 4, 30)));
  VisitFilter f;
  f.site_id = 1;
  f.from = D(2024, 5, 1);
  auto r = svc_->List(Staff(), f, {});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->items.size(), 2u);
  EXPECT_EQ(r->items[0].id, b);
  EXPECT_EQ(r->items[1].id, a);
  PageRequest p;
  p.limit = 2;
  auto first = svc_->List(Staff(), {}, p);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->items[0].id, b);
  EXPECT_EQ(first->items[1].id, c);
  p.cursor = first->next_cursor;
  auto second = svc_->List(Staff(), {}, p);
  ASSERT_TRUE(second);
  ASSERT_EQ(second->items.size(), 2u);
  EXPECT_EQ(second->items[0].id, a);
  EXPECT_EQ(second->items[1].id, d);
  EXPECT_EQ(second->next_cursor, "");
}

// Hand-checked: period 2024-05-01..2024-05-31. H1 visited twice (05-03, 05-20) plus once voided
// (05-25); H3 once (05-10); H2 only on 04-30 (outside). Counted on 05-31: S1 has H1, H2 (H4
// moves in 06-01, H5 ended 03-01); S2 has H3.
//   S1: visits 2, households visited 1, households 2, not visited 1 (H2)
//   S2: visits 1, households visited 1, households 1, not visited 0
// A grid worker of G2 sees S1 with H2 only: visits 0, households 1, not visited 1.
TEST_F(VisitsTest, StatsPerSiteHandChecked) {
  Record(1, At(D(2024, 5, 3)));
  Record(1, At(D(2024, 5, 20)));
  int64_t voided = Record(1, At(D(2024, 5, 25)));
  ASSERT_TRUE(svc_->Void(Staff(), voided, "重复录入", kToday));
  Record(3, At(D(2024, 5, 10)));
  Record(2, At(D(2024, 4, 30)));
  auto rows = svc_->Stats(Staff(), StatsBy::kSite, D(2024, 5, 1), D(2024, 5, 31));
  ASSERT_TRUE(rows) << rows.error().ToString();
  ASSERT_EQ(rows->size(), 2u);
  const StatsRow& s1 = (*rows)[0];
  EXPECT_EQ(s1.key_id, 1);
  EXPECT_EQ(s1.name, "城北安置点");
  EXPECT_EQ(s1.visits, 2);
  EXPECT_EQ(s1.households_visited, 1);
  EXPECT_EQ(s1.households_in_scope, 2);
  EXPECT_EQ(s1.households_not_visited, 1);
  const StatsRow& s2 = (*rows)[1];
  EXPECT_EQ(s2.visits, 1);
  EXPECT_EQ(s2.households_visited, 1);
  EXPECT_EQ(s2.households_in_scope, 1);
  EXPECT_EQ(s2.households_not_visited, 0);

  auto g2 = svc_->Stats(GridWorker(2), StatsBy::kSite, D(2024, 5, 1), D(2024, 5, 31));
  ASSERT_TRUE(g2);
  ASSERT_EQ(g2->size(), 1u);
  EXPECT_EQ((*g2)[0].visits, 0);
  EXPECT_EQ((*g2)[0].households_in_scope, 1);
  EXPECT_EQ((*g2)[0].households_not_visited, 1);

  // April: H2's visit; S1 then counts H1, H2 and H5 (ended 03-01? no: ended before 04-30) → H1, H2.
  auto april = svc_->Stats(Staff(), StatsBy::kSite, D(2024, 4, 1), D(2024, 4, 30));
  ASSERT_TRUE(april);
  EXPECT_EQ((*april)[0].visits, 1);
  EXPECT_EQ((*april)[0].households_in_scope, 2);
  EXPECT_EQ((*april)[0].households_not_visited, 1);

  auto backwards = svc_->Stats(Staff(), StatsBy::kSite, D(2024, 6, 1), D(2024, 5, 1));
  ASSERT_FALSE(backwards);
  EXPECT_EQ(backwards.error().field, "from");
}

// Hand-checked per cadre, May 2024: 王干部 (1) is assigned H1 and H2 from 2024-01-01; H2 passes to
// 李干部 (2) on 2024-05-15. Visits: H1 05-03 (recorded by an account linked to no cadre), H1 05-20
// credited to 王干部, H3 05-10 (no cadre), H2 04-30 (outside). On 05-31:
//   王干部: households H1 → 1, not visited 0; visits credited 1, households visited 1
//   李干部: households H2 → 1, not visited 1 (its only visit is in April); visits 0
//   no cadre (0): visits 2 (H1 05-03, H3 05-10), households visited 2
TEST_F(VisitsTest, StatsPerCadreHandChecked) {
  ASSERT_TRUE(db_->Exec(R"(
    INSERT INTO cadres (id, name, created_at) VALUES (1,'王干部','2024-01-01T00:00:00Z'), (2,'李干部','2024-01-01T00:00:00Z');
    INSERT INTO cadre_assignments (household_id, cadre_id, from_date, until_date, recorded_by, recorded_at) VALUES
      (1,1,'2024-01-01',NULL,'t','x'), (2,1,'2024-01-01','2024-05-15','t','x'), (2,2,'2024-05-15',NULL,'t','x');
  )"));
  Record(1, At(D(2024, 5, 3)));
  int64_t credited = Record(1, At(D(2024, 5, 20)));
  ASSERT_TRUE(db_->Exec(fmt::format("UPDATE visits SET cadre_id = 1 WHERE id = {}", credited)));
  Record(3, At(D(2024, 5, 10)));
  Record(2, At(D(2024, 4, 30)));
  auto rows = svc_->Stats(Staff(), StatsBy::kCadre, D(2024, 5, 1), D(2024, 5, 31));
  ASSERT_TRUE(rows) << rows.error().ToString();
  ASSERT_EQ(rows->size(), 3u);
  const StatsRow& none = (*rows)[0];
  EXPECT_EQ(none.key_id, 0);
  EXPECT_EQ(none.visits, 2);
  EXPECT_EQ(none.households_visited, 2);
  EXPECT_EQ(none.households_in_scope, 0);
  const StatsRow& wang = (*rows)[1];
  EXPECT_EQ(wang.name, "王干部");
  EXPECT_EQ(wang.households_in_scope, 1);
  EXPECT_EQ(wang.households_not_visited, 0);
  EXPECT_EQ(wang.visits, 1);
  EXPECT_EQ(wang.households_visited, 1);
  const StatsRow& li = (*rows)[2];
  EXPECT_EQ(li.name, "李干部");
  EXPECT_EQ(li.households_in_scope, 1);
  EXPECT_EQ(li.households_not_visited, 1);
  EXPECT_EQ(li.visits, 0);
  // A grid worker of G2 sees H2 only: 李干部's row.
  auto g2 = svc_->Stats(GridWorker(2), StatsBy::kCadre, D(2024, 5, 1), D(2024, 5, 31));
  ASSERT_TRUE(g2);
  ASSERT_EQ(g2->size(), 1u);
  EXPECT_EQ((*g2)[0].key_id, 2);
}

// The cadre role (docs/casework.md): records on its assigned households only (others 404; its
// scope is kAssigned), and a visit by an account linked to the household's cadre on the day
// is credited to that cadre (visits.cadre_id); a visit after the assignment ended is not.
TEST_F(VisitsTest, ACadreRecordsOnItsAssignedHouseholdsAndIsCredited) {
  ASSERT_TRUE(db_->Exec(R"(
    INSERT INTO cadres (id, name, created_at) VALUES (1,'王干部','2024-01-01T00:00:00Z');
    INSERT INTO cadre_assignments (household_id, cadre_id, from_date, until_date, recorded_by, recorded_at) VALUES
      (1,1,'2024-01-01','2024-05-15','t','x');
    INSERT INTO users (id, username, role, cadre_id, password_hash) VALUES (7,'test_cadre','cadre',1,'x');
  )"));
  AccessScope assigned;
  assigned.level = AccessScope::Level::kAssigned;
  assigned.assigned_household_ids = {1};
  Actor cadre = MakeActor(Role::kCadre, assigned);
  auto other = svc_->Record(cadre, 2, At(D(2024, 5, 3)), kToday);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kNotFound);
  auto v = svc_->Record(cadre, 1, At(D(2024, 5, 3)), kToday);
  ASSERT_TRUE(v) << v.error().ToString();
  ASSERT_TRUE(v->cadre_id);
  EXPECT_EQ(*v->cadre_id, 1);
  auto later = svc_->Record(cadre, 1, At(D(2024, 5, 15)), kToday);  // assignment ended that day
  ASSERT_TRUE(later) << later.error().ToString();
  EXPECT_FALSE(later->cadre_id);
  // A county staff account (user 7 in this fixture too) is credited by the same link; one whose
  // account is not linked is not.
  Actor unlinked = Staff();
  unlinked.user_id = 99;
  auto staff = svc_->Record(unlinked, 1, At(D(2024, 5, 4)), kToday);
  ASSERT_TRUE(staff);
  EXPECT_FALSE(staff->cadre_id);
  EXPECT_FALSE(svc_->Record(MakeActor(Role::kAuditor), 1, At(D(2024, 5, 4)), kToday));
}

TEST_F(VisitsTest, AVisitsPlaceIsItsHouseholds) {
  int64_t id = Record(3, At(D(2024, 5, 10)));
  auto p = PlaceOfVisit(*db_, id);
  ASSERT_TRUE(p && *p);
  EXPECT_EQ((*p)->site_id, 2);
  EXPECT_EQ((*p)->grid_id, 3);
  EXPECT_EQ((*p)->origin_township_code, "141124101");
  auto none = PlaceOfVisit(*db_, 999);
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);
  EXPECT_EQ(*HouseholdOfVisit(*db_, id), 3);
}

}  // namespace
}  // namespace anju::storage
