// The case engine on SQLite :memory: through the real repository (issue #15 "done when"):
// the shipped calendar, due dates from calendar + setting, every transition rule (allowed,
// refused: who, state, note, evidence, stale version), one transition row + one audit entry +
// a notification per step, and the escalation sweep (one level per sweep, notifies, one audit
// entry, idempotent the same day). Expected dates counted by hand on the 2025 calendar.
//
// Fixture: township T1 141124100 with site 1 (grids 1, 2); township T2 141124101.
// Users: 1 grid_worker g1, 2 site_manager s1, 3 township_staff T1, 4 county_staff,
// 5 auditor, 6 grid_worker g2, 7 township_staff T2.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "casework/service_request.h"
#include "casework/storage/sqlite_casework.h"
#include "storage/migrate.h"
#include "storage/sqlite.h"

namespace anju::casework {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using Level = AccessScope::Level;
Date D(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

Actor User(int64_t id, Role role, AccessScope scope) {
  return Actor{.user_id = id, .username = fmt::format("u{}", id), .role = role,
               .scope = scope, .client = "test"};
}
const Actor kGrid1 = User(1, Role::kGridWorker, {.level = Level::kGrid, .grid_id = 1});
const Actor kSite1 = User(2, Role::kSiteManager, {.level = Level::kSite, .site_id = 1});
const Actor kTown1 = User(3, Role::kTownshipStaff, {.level = Level::kTownship, .township_code = "141124100"});
const Actor kCounty = User(4, Role::kCountyStaff, {});
const Actor kAuditor = User(5, Role::kAuditor, {});
const Actor kGrid2 = User(6, Role::kGridWorker, {.level = Level::kGrid, .grid_id = 2});
const Place kPlace{.origin_township_code = "141124100", .site_id = 1,
                   .site_township_code = "141124100", .grid_id = 1};

// A type whose only step needs evidence.
const CaseType kEvidenceType{.kind = "test_evidence", .module = "casework", .label_zh = "测试",
                             .label_en = "Test", .initial_state = "open",
                             .states = {{"open", "待办", "Open", 2, "test", false},
                                        {"done", "已销号", "Done", 0, "", true}},
                             .transitions = {{"sign_off", "open", "done", "销号", "Sign off",
                                              Who::kSupervisor, false, true}}};

class CaseworkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SetCaseTypes({&ServiceRequestType(), &kEvidenceType});
    SetEvidenceCheck(nullptr);
    auto db = storage::OpenAndMigrate(":memory:", false);
    ASSERT_TRUE(db) << db.error().ToString();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->Exec(R"(
      INSERT INTO divisions VALUES ('141124','临县','county',NULL,NULL);
      INSERT INTO divisions VALUES ('141124100','临泉镇','township','141124',NULL);
      INSERT INTO divisions VALUES ('141124101','白文镇','township','141124',NULL);
      INSERT INTO sites (id, name, mode, township_code) VALUES (1,'城北安置点','county_town','141124100');
      INSERT INTO grids (id, site_id, name) VALUES (1,1,'G1'), (2,1,'G2');
      INSERT INTO users (id, username, role, township_code, site_id, grid_id, password_hash) VALUES
        (1,'u1','grid_worker',NULL,NULL,1,'x'), (2,'u2','site_manager',NULL,1,NULL,'x'),
        (3,'u3','township_staff','141124100',NULL,NULL,'x'), (4,'u4','county_staff',NULL,NULL,NULL,'x'),
        (5,'u5','auditor',NULL,NULL,NULL,'x'), (6,'u6','grid_worker',NULL,NULL,2,'x'),
        (7,'u7','township_staff','141124101',NULL,NULL,'x');
    )"));
  }
  CaseService Svc(Date today) { return MakeCaseService(*db_, today); }
  int64_t Count(const std::string& sql) {
    auto st = db_->Prepare(sql);
    EXPECT_TRUE(st);
    auto row = st->Step();
    EXPECT_TRUE(row && *row);
    return st->ColumnInt(0);
  }
  int64_t Notices(int64_t user, std::string_view kind) {
    return Count(fmt::format("SELECT COUNT(*) FROM notifications WHERE user_id = {} AND kind = '{}'",
                             user, kind));
  }
  Case Open(Date today, const Actor& by = kTown1) {
    auto c = Svc(today).Open(by, {.kind = "service_request", .subject_entity = "household",
                                  .subject_id = 9, .place = kPlace, .title = "屋顶漏水"},
                             true);
    EXPECT_TRUE(c) << c.error().ToString();
    return *c;
  }
  std::unique_ptr<storage::Database> db_;
};

TEST_F(CaseworkTest, ShippedCalendarCrossesTheSpringFestival2025) {
  auto cal = LoadCalendar(*db_);
  ASSERT_TRUE(cal);
  EXPECT_EQ(cal->AddWorkingDays(D(2025, 1, 24), 5), D(2025, 2, 7));
  EXPECT_TRUE(cal->IsWorkingDay(D(2025, 1, 26)));   // Sunday worked (国办发明电〔2024〕12号)
  EXPECT_FALSE(cal->IsWorkingDay(D(2024, 2, 16)));  // Friday of 春节 2024
  EXPECT_TRUE(cal->IsWorkingDay(D(2026, 2, 14)));   // Saturday worked, 2026 notice
  auto y = CalendarYear(*db_, 2025);
  ASSERT_TRUE(y);
  EXPECT_EQ(y->size(), 33u);  // 1 + (8+2) + 3 + (5+1) + 3 + (8+2) days listed in the 2025 notice
}

TEST_F(CaseworkTest, OpenTakesItsDueDateFromCalendarAndSetting) {
  Case c = Open(D(2025, 1, 24));  // Friday; open runs 3 working days: Sun 26, Mon 27, Wed 5 Feb
  EXPECT_EQ(c.due_on, D(2025, 2, 5));
  EXPECT_EQ(c.holder_level, "grid");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM case_transitions WHERE transition = 'open'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'case.open'"), 1);
  EXPECT_EQ(Notices(1, kNoticeCaseAssigned), 1);  // the grid worker holds it
  EXPECT_EQ(Notices(6, kNoticeCaseAssigned), 0);  // the other grid's worker does not
  // A county changes the clock: 1 working day from Friday 24 January is Sunday 26 (worked).
  auto put = PutSetting(*db_, User(9, Role::kCountyAdmin, {}), "deadline.service_request.open",
                        "1", "县政府办〔2025〕1号");
  ASSERT_TRUE(put) << put.error().ToString();
  EXPECT_EQ(Open(D(2025, 1, 24)).due_on, D(2025, 1, 26));
  EXPECT_FALSE(PutSetting(*db_, kCounty, "deadline.service_request.open", "2", ""));  // not admin
}

TEST_F(CaseworkTest, TransitionRules) {
  const Date today = D(2025, 3, 3);  // Monday
  Case c = Open(today);
  auto svc = Svc(today);
  // Refused: not the holder (a supervisor cannot accept), the auditor, out of scope.
  EXPECT_EQ(svc.Transition(kSite1, {.case_id = c.id, .transition = "accept"}).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(svc.Transition(kAuditor, {.case_id = c.id, .transition = "accept"}).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(svc.Transition(kGrid2, {.case_id = c.id, .transition = "accept"}).error().code,
            ErrorCode::kNotFound);
  // Refused: not from this state; unknown.
  auto wrong = svc.Transition(kGrid1, {.case_id = c.id, .transition = "close"});
  EXPECT_EQ(wrong.error().code, ErrorCode::kConflict);
  EXPECT_EQ(wrong.error().field, "transition");
  EXPECT_EQ(svc.Transition(kGrid1, {.case_id = c.id, .transition = "fly"}).error().code,
            ErrorCode::kInvalidArgument);
  // Stale version.
  auto stale = svc.Transition(kGrid1, {.case_id = c.id, .transition = "accept", .expected_version = 5});
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_EQ(stale.error().field, "version");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM case_transitions"), 1);  // nothing written by refusals
  // Allowed: the holder accepts; the clock becomes 10 working days: Mon 3 → Mon 17 March.
  auto ok = svc.Transition(kGrid1, {.case_id = c.id, .transition = "accept", .expected_version = 1});
  ASSERT_TRUE(ok) << ok.error().ToString();
  EXPECT_EQ(ok->state, "accepted");
  EXPECT_EQ(ok->version, 2);
  EXPECT_EQ(ok->due_on, D(2025, 3, 17));
  // Note required.
  auto no_note = svc.Transition(kGrid1, {.case_id = c.id, .transition = "resolve"});
  EXPECT_EQ(no_note.error().field, "note");
  ASSERT_TRUE(svc.Transition(kGrid1, {.case_id = c.id, .transition = "resolve", .note = "已修复"}));
  // The opener is told it was resolved under its own kind (the tester saw it labelled 新分派,
  // case_assigned).
  EXPECT_EQ(Notices(3, "case_resolved"), 1);
  EXPECT_EQ(Notices(3, kNoticeCaseAssigned), 0);
  // The opener returns it with the reason: the holder is told ("returned").
  ASSERT_TRUE(svc.Transition(kTown1, {.case_id = c.id, .transition = "return", .note = "仍漏水"}));
  EXPECT_EQ(Notices(1, kNoticeReturned), 1);
  ASSERT_TRUE(svc.Transition(kGrid1, {.case_id = c.id, .transition = "resolve", .note = "换瓦"}));
  auto closed = svc.Transition(kTown1, {.case_id = c.id, .transition = "close"});
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->closed_on, today);
  EXPECT_FALSE(closed->due_on);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM case_transitions"), 6);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE entity = 'case'"), 6);
}

TEST_F(CaseworkTest, EvidenceIsAskedOfTheHook) {
  const Date today = D(2025, 3, 3);
  auto c = Svc(today).Open(kTown1, {.kind = "test_evidence", .subject_entity = "finding",
                                    .subject_id = 1, .place = kPlace, .title = "整改"});
  ASSERT_TRUE(c);
  auto refused = Svc(today).Transition(kTown1, {.case_id = c->id, .transition = "sign_off"});
  EXPECT_EQ(refused.error().field, "evidence");
  SetEvidenceCheck([](const Case&) -> Result<bool> { return true; });
  EXPECT_TRUE(Svc(today).Transition(kTown1, {.case_id = c->id, .transition = "sign_off"}));
  SetEvidenceCheck(nullptr);
}

TEST_F(CaseworkTest, EscalationClimbsOneLevelPerSweepOncePerDay) {
  Case c = Open(D(2025, 3, 3));  // due Thu 6 March
  ASSERT_EQ(c.due_on, D(2025, 3, 6));
  const Actor sys = SystemActor();
  // Near: on Tue 4 March two working days remain (setting 2): the holder is told once.
  auto near = Svc(D(2025, 3, 4)).Sweep(sys, D(2025, 3, 4));
  ASSERT_TRUE(near);
  EXPECT_EQ(near->near_notified, 1);
  EXPECT_EQ(Svc(D(2025, 3, 4)).Sweep(sys, D(2025, 3, 4))->near_notified, 0);
  EXPECT_EQ(Notices(1, kNoticeDeadlineNear), 1);
  // Not overdue on its due day.
  EXPECT_EQ(Svc(D(2025, 3, 6)).Sweep(sys, D(2025, 3, 6))->escalated, 0);
  // Fri 7: grid → site, the site manager is told; again the same day changes nothing.
  EXPECT_EQ(Svc(D(2025, 3, 7)).Sweep(sys, D(2025, 3, 7))->escalated, 1);
  EXPECT_EQ(Svc(D(2025, 3, 7)).Sweep(sys, D(2025, 3, 7))->escalated, 0);
  auto after = Svc(D(2025, 3, 7)).Get(kCounty, c.id);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->view.c.holder_level, "grid");
  EXPECT_EQ(after->view.c.supervising_level, "site");
  EXPECT_EQ(after->view.c.escalation_level, 1);
  EXPECT_TRUE(after->view.overdue);
  EXPECT_EQ(Notices(2, kNoticeOverdueEscalated), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'case.escalate'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM case_transitions WHERE transition = 'escalate'"), 1);
  // The site manager now has it in the queue; the other township does not hear of it.
  EXPECT_EQ(Svc(D(2025, 3, 7)).Queue(kSite1)->size(), 1u);
  // Mon 10: → township (user 3, not user 7); Tue 11: → county; Wed 12: at the top, stays.
  EXPECT_EQ(Svc(D(2025, 3, 10)).Sweep(sys, D(2025, 3, 10))->escalated, 1);
  EXPECT_EQ(Notices(3, kNoticeOverdueEscalated), 1);
  EXPECT_EQ(Notices(7, kNoticeOverdueEscalated), 0);
  EXPECT_EQ(Svc(D(2025, 3, 11)).Sweep(sys, D(2025, 3, 11))->escalated, 1);
  EXPECT_EQ(Svc(D(2025, 3, 12)).Sweep(sys, D(2025, 3, 12))->escalated, 0);
  EXPECT_EQ(Svc(D(2025, 3, 12)).Get(kCounty, c.id)->view.c.escalation_level, 3);
  EXPECT_EQ(Svc(D(2025, 3, 12)).Get(kCounty, c.id)->view.c.holder_level, "grid");
  EXPECT_EQ(Svc(D(2025, 3, 12)).Get(kCounty, c.id)->view.c.supervising_level, "county");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'case.escalate'"), 3);
}

// docs/casework.md "Escalation" (tester, session 8): escalation does not take the case from
// its holder. The grid worker keeps it in the queue and may still act; the level above is added
// as supervisor: the case is in the supervisor's queue marked supervised, and the supervisor
// may take the holder's steps (and reassign with them).
TEST_F(CaseworkTest, EscalationKeepsTheHolderAndAddsTheLevelAboveAsSupervisor) {
  Case c = Open(D(2025, 3, 3));  // held by grid 1, due Thu 6 March
  ASSERT_EQ(c.holder_level, "grid");
  const Actor sys = SystemActor();
  auto ids = [](const std::vector<CaseView>& q) {
    std::vector<std::pair<int64_t, bool>> out;
    for (const auto& v : q) out.emplace_back(v.c.id, v.supervised);
    return out;
  };
  using Q = std::vector<std::pair<int64_t, bool>>;
  // Before: the grid worker holds it, the site manager's queue is empty.
  EXPECT_EQ(ids(*Svc(D(2025, 3, 6)).Queue(kGrid1)), (Q{{c.id, false}}));
  EXPECT_EQ(ids(*Svc(D(2025, 3, 6)).Queue(kSite1)), Q{});
  ASSERT_EQ(Svc(D(2025, 3, 7)).Sweep(sys, D(2025, 3, 7))->escalated, 1);
  // After: the grid worker still holds it; the site manager supervises it.
  EXPECT_EQ(ids(*Svc(D(2025, 3, 7)).Queue(kGrid1)), (Q{{c.id, false}}));
  EXPECT_EQ(ids(*Svc(D(2025, 3, 7)).Queue(kSite1)), (Q{{c.id, true}}));
  EXPECT_EQ(ids(*Svc(D(2025, 3, 7)).Queue(kTown1)), Q{});
  EXPECT_EQ(ids(*Svc(D(2025, 3, 7)).Queue(kGrid2)), Q{});
  auto q = Svc(D(2025, 3, 7)).Queue(kSite1);
  ASSERT_EQ(q->size(), 1u);
  EXPECT_TRUE((*q)[0].overdue);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'case.escalate' AND "
                  "changes LIKE '%supervising_level%'"), 1);
  // Mon 10: the township is added; the site keeps supervising it.
  ASSERT_EQ(Svc(D(2025, 3, 10)).Sweep(sys, D(2025, 3, 10))->escalated, 1);
  EXPECT_EQ(ids(*Svc(D(2025, 3, 10)).Queue(kGrid1)), (Q{{c.id, false}}));
  EXPECT_EQ(ids(*Svc(D(2025, 3, 10)).Queue(kSite1)), (Q{{c.id, true}}));
  EXPECT_EQ(ids(*Svc(D(2025, 3, 10)).Queue(kTown1)), (Q{{c.id, true}}));
  // The supervisor may act (accept, the holder's step) and reassign with it.
  auto moved = Svc(D(2025, 3, 10)).Transition(kSite1, {.case_id = c.id, .transition = "accept",
                                                       .expected_version = 3,
                                                       .assignee_user_id = 6});
  ASSERT_TRUE(moved) << moved.error().ToString();
  EXPECT_EQ(moved->state, "accepted");
  EXPECT_EQ(moved->assignee_user_id, 6);
}

// Before escalation the level above may not take the holder's steps.
TEST_F(CaseworkTest, TheSiteMayNotAcceptAGridCaseBeforeItIsEscalated) {
  Case c = Open(D(2025, 3, 3));
  auto refused = Svc(D(2025, 3, 4)).Transition(kSite1, {.case_id = c.id, .transition = "accept",
                                                        .expected_version = 1});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  auto ok = Svc(D(2025, 3, 4)).Transition(kGrid1, {.case_id = c.id, .transition = "accept",
                                                   .expected_version = 1});
  EXPECT_TRUE(ok) << ok.error().ToString();
}

TEST_F(CaseworkTest, InboxReadAndUnread) {
  Open(D(2025, 3, 3));
  Open(D(2025, 3, 3));
  EXPECT_EQ(*UnreadCount(*db_, 1), 2);
  auto list = ListInbox(*db_, 1, true, 10);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2u);
  ASSERT_TRUE(MarkRead(*db_, 1, (*list)[0].id));
  EXPECT_EQ(*UnreadCount(*db_, 1), 1);
  EXPECT_EQ(MarkRead(*db_, 6, (*list)[1].id).error().code, ErrorCode::kNotFound);  // not theirs
  EXPECT_EQ(*MarkAllRead(*db_, 1), 1);
  EXPECT_EQ(*UnreadCount(*db_, 1), 0);
}

}  // namespace
}  // namespace anju::casework
