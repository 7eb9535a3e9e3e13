// LifeEventService (issue #14, person life events) on SQLite :memory: through the real
// repositories: each event rule with hand-checked dates, the head rule, the last member ending
// the household, pending ids and their completion, voids, the entered-in-error DELETE, the
// household detail's former members, timelines and scope. "Today" is fixed at 2024-06-15.
//
// Fixture: township 141124100, village 1, site 1 with grids 1 and 2. Household LX-000001 (grid 1,
// moved in 2019-06-30): head 王建国 born 1965-03-12, spouse 李秀英 1968-07-20, son 王小明
// 1990-01-05. Household LX-000002 (grid 1, moved in 2019-06-30): 孤老人 born 1940-01-01, alone.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <string>

#include "core/resident_id.h"
#include "registry/life_events.h"
#include "registry/registry_service.h"
#include "registry/storage/sqlite_register_events.h"
#include "storage/migrate.h"
#include "registry/storage/sqlite_registry_repository.h"

namespace anju::storage {
namespace {

using registry::LeavingEvent;
using registry::LifeEventService;
using registry::NewMemberEvent;
using registry::Person;
using registry::RegisterEventKind;
using registry::Relationship;
using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

Date D(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }
const Date kToday = D(2024, 6, 15);

std::string Rid(std::string_view yyyymmdd, int seq) {
  std::string first17 = fmt::format("141124{}{:03d}", yyyymmdd, seq);
  return first17 + ResidentIdCheckChar(first17);
}

Person MakePerson(std::string name, Relationship rel, std::string_view yyyymmdd, int seq) {
  Person p;
  p.name = std::move(name);
  p.relationship = rel;
  p.resident_id = Rid(yyyymmdd, seq);
  p.sex = seq % 2 == 1 ? Sex::kMale : Sex::kFemale;
  p.birth_date = *ParseIsoDate(fmt::format("{}-{}-{}", yyyymmdd.substr(0, 4), yyyymmdd.substr(4, 2), yyyymmdd.substr(6, 2)));
  return p;
}

Actor MakeActor(Role role, AccessScope scope = {}) {
  Actor a;
  a.user_id = 7;
  a.username = fmt::format("test_{}", RoleName(role));
  a.role = role;
  a.scope = scope;
  return a;
}
Actor Staff() { return MakeActor(Role::kCountyStaff); }

class LifeEventsTest : public ::testing::Test {
 protected:
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
    )"));
    repo_ = std::make_unique<SqliteRegistryRepository>(*db_);
    reg_ = std::make_unique<registry::RegistryService>(*repo_, [] { return kToday; });
    svc_ = std::make_unique<LifeEventService>(*repo_, [] { return kToday; });
    family_ = Create({MakePerson("王建国", Relationship::kHead, "19650312", 15),
                      MakePerson("李秀英", Relationship::kSpouse, "19680720", 24),
                      MakePerson("王小明", Relationship::kChild, "19900105", 31)},
                     "LX-000001");
    lone_ = Create({MakePerson("孤老人", Relationship::kHead, "19400101", 39)}, "LX-000002");
  }

  int64_t Create(std::vector<Person> members, std::string no) {
    registry::NewHousehold in;
    in.household.household_no = std::move(no);
    in.household.origin_village_id = 1;
    in.household.site_id = 1;
    in.household.grid_id = 1;
    in.household.move_in_date = D(2019, 6, 30);
    in.members = std::move(members);
    auto id = reg_->CreateHousehold(Staff(), in);
    EXPECT_TRUE(id) << id.error().ToString();
    return id ? *id : 0;
  }
  int64_t Count(const std::string& sql) {
    auto st = db_->Prepare(sql);
    EXPECT_TRUE(st) << st.error().ToString();
    auto row = st->Step();
    EXPECT_TRUE(row && *row) << sql;
    return st->ColumnInt(0);
  }
  std::string Text(const std::string& sql) {
    auto st = db_->Prepare(sql);
    EXPECT_TRUE(st) << st.error().ToString();
    auto row = st->Step();
    EXPECT_TRUE(row && *row) << sql;
    return st->ColumnIsNull(0) ? "NULL" : st->ColumnText(0);
  }
  int64_t PersonId(const std::string& name) { return Count(fmt::format("SELECT id FROM persons WHERE name = '{}'", name)); }
  int64_t AuditRows() { return Count("SELECT count(*) FROM audit_log"); }
  int64_t Events() { return Count("SELECT count(*) FROM register_events"); }
  // Persons of `hh` counted as of `d` by the contract's rule (docs/living-register.md).
  int64_t CountedOn(int64_t hh, const std::string& d) {
    return Count(fmt::format("SELECT count(*) FROM persons WHERE household_id = {0} AND birth_date <= '{1}' AND "
                             "(member_from IS NULL OR member_from <= '{1}') AND (member_until IS NULL OR member_until > '{1}')",
                             hh, d));
  }
  // Every column of the persons and households rows, to prove a refusal changed nothing.
  std::string Snapshot() {
    std::string out;
    for (const char* sql : {"SELECT * FROM persons ORDER BY id", "SELECT * FROM households ORDER BY id",
                            "SELECT * FROM register_events ORDER BY id", "SELECT * FROM membership_history ORDER BY id"}) {
      auto st = db_->Prepare(sql);
      for (;;) {
        auto row = st->Step();
        if (!row || !*row) break;
        for (int c = 0; c < st->ColumnCount(); ++c) out += (st->ColumnIsNull(c) ? "NULL" : st->ColumnText(c)) + "|";
        out += "\n";
      }
    }
    return out + std::to_string(AuditRows());
  }

  NewMemberEvent Newborn(std::string name = "王小宝", std::string birth = "2023-04-10") {
    NewMemberEvent e;
    e.kind = RegisterEventKind::kBirth;
    e.reason = "出生医学证明";
    e.person.name = std::move(name);
    e.person.sex = Sex::kFemale;
    e.person.birth_date = *ParseIsoDate(birth);
    e.person.relationship = Relationship::kGrandchild;
    return e;  // resident_id "": pending
  }

  std::unique_ptr<Database> db_;
  std::unique_ptr<SqliteRegistryRepository> repo_;
  std::unique_ptr<registry::RegistryService> reg_;
  std::unique_ptr<LifeEventService> svc_;
  int64_t family_ = 0, lone_ = 0;
};

TEST_F(LifeEventsTest, BirthWithPendingIdIsStoredAsEnteredInOneTransaction) {
  const int64_t audit = AuditRows();
  auto r = svc_->AddMember(Staff(), family_, Newborn());
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(Text(fmt::format("SELECT resident_id || '|' || sex || '|' || birth_date || '|' || member_from || '|' || "
                             "household_id || '|' || relationship FROM persons WHERE id = {}", r->person_id)),
            fmt::format("|female|2023-04-10|2023-04-10|{}|grandchild", family_));
  EXPECT_EQ(Text(fmt::format("SELECT kind || '|' || event_date || '|' || person_id || '|' || reason || '|' || recorded_by "
                             "FROM register_events WHERE id = {}", r->event_id)),
            fmt::format("birth|2023-04-10|{}|出生医学证明|test_county_staff", r->person_id));
  EXPECT_EQ(AuditRows(), audit + 1);
  EXPECT_EQ(Text("SELECT source FROM audit_log ORDER BY seq DESC LIMIT 1"), fmt::format("register event {} (birth)", r->event_id));
  // Counted from the birth day on (born on D counts on D).
  EXPECT_EQ(CountedOn(family_, "2023-04-09"), 3);
  EXPECT_EQ(CountedOn(family_, "2023-04-10"), 4);

  // A second pending newborn (twins) is fine: '' is outside the unique index.
  ASSERT_TRUE(svc_->AddMember(Staff(), family_, Newborn("王小贝")));
  // The household detail shows the pending id as "" (masking does not choke on it).
  auto d = reg_->GetHousehold(Staff(), family_);
  ASSERT_TRUE(d) << d.error().ToString();
  ASSERT_EQ(d->members.size(), 5u);
  EXPECT_EQ(d->members[3].resident_id, "");
}

TEST_F(LifeEventsTest, PendingIdOnlyForABirthAndBirthNotBeforeTheHouseholdOrAfterToday) {
  const std::string before = Snapshot();
  NewMemberEvent moved = Newborn();
  moved.kind = RegisterEventKind::kMovedIn;
  moved.date = D(2023, 5, 1);
  auto r = svc_->AddMember(Staff(), family_, moved);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "person.resident_id");
  // Born 2019-06-29, the day before the move-in of 2019-06-30: not a birth in this household.
  auto early = svc_->AddMember(Staff(), family_, Newborn("早生", "2019-06-29"));
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().field, "date");
  EXPECT_NE(early.error().message.find("2019-06-30"), std::string::npos) << early.error().message;
  EXPECT_FALSE(early.error().message_zh.empty());
  // Born tomorrow (2024-06-16).
  auto late = svc_->AddMember(Staff(), family_, Newborn("未来", "2024-06-16"));
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::kInvalidArgument);
  // A birth's event date must be the birth date.
  NewMemberEvent other = Newborn();
  other.date = D(2023, 4, 11);
  auto od = svc_->AddMember(Staff(), family_, other);
  ASSERT_FALSE(od);
  EXPECT_EQ(od.error().field, "date");
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(LifeEventsTest, CompletingAPendingIdChecksSexAndBirthDateNamingBoth) {
  auto r = svc_->AddMember(Staff(), family_, Newborn());
  ASSERT_TRUE(r);
  const std::string before = Snapshot();
  // A female id born 2023-04-11, one day off the entered 2023-04-10.
  auto wrong_day = svc_->CompleteResidentId(Staff(), r->person_id, {Rid("20230411", 2), "户口登记"});
  ASSERT_FALSE(wrong_day);
  EXPECT_EQ(wrong_day.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(wrong_day.error().field, "resident_id");
  EXPECT_NE(wrong_day.error().message.find("2023-04-11"), std::string::npos) << wrong_day.error().message;
  EXPECT_NE(wrong_day.error().message.find("2023-04-10"), std::string::npos) << wrong_day.error().message;
  EXPECT_NE(wrong_day.error().message_zh.find("2023-04-11"), std::string::npos);
  EXPECT_NE(wrong_day.error().message_zh.find("2023-04-10"), std::string::npos);
  // A male id (17th digit odd) on the right day.
  auto wrong_sex = svc_->CompleteResidentId(Staff(), r->person_id, {Rid("20230410", 3), ""});
  ASSERT_FALSE(wrong_sex);
  EXPECT_NE(wrong_sex.error().message.find("male"), std::string::npos) << wrong_sex.error().message;
  // A bad check digit.
  std::string bad = Rid("20230410", 2);
  bad.back() = bad.back() == '1' ? '2' : '1';
  EXPECT_FALSE(svc_->CompleteResidentId(Staff(), r->person_id, {bad, ""}));
  // The id of someone registered.
  auto taken = svc_->CompleteResidentId(Staff(), r->person_id, {Rid("19680720", 24), ""});
  ASSERT_FALSE(taken);
  EXPECT_EQ(Snapshot(), before);

  auto ok = svc_->CompleteResidentId(Staff(), r->person_id, {Rid("20230410", 2), "户口登记"});
  ASSERT_TRUE(ok) << ok.error().ToString();
  EXPECT_EQ(Text(fmt::format("SELECT resident_id FROM persons WHERE id = {}", r->person_id)), Rid("20230410", 2));
  EXPECT_EQ(Text(fmt::format("SELECT kind || '|' || event_date FROM register_events WHERE person_id = {} ORDER BY id DESC",
                             r->person_id)),
            "id_completed|2024-06-15");
  // Not pending any more: a second completion is refused (PATCH corrects an id).
  auto again = svc_->CompleteResidentId(Staff(), r->person_id, {Rid("20230410", 4), ""});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST_F(LifeEventsTest, LeavingDatesAreCheckedAgainstBirthTodayAndTheMembership) {
  const int64_t son = PersonId("王小明");
  const std::string before = Snapshot();
  // Death dated the day before his birth (1990-01-05), so also before his membership began
  // (2019-06-30): the later bound binds and is the one named (fix-lr; this assertion named the
  // birth while a second fault named the start).
  auto r = svc_->RecordLeaving(Staff(), son, {RegisterEventKind::kDeath, D(1990, 1, 4), "", ""});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "date");
  EXPECT_NE(r.error().message.find("2019-06-30"), std::string::npos) << r.error().message;
  // Tomorrow.
  auto t = svc_->RecordLeaving(Staff(), son, {RegisterEventKind::kMovedAway, D(2024, 6, 16), "", "北京"});
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().field, "date");
  // Before the membership began: registered with the household, so a member since its move-in
  // 2019-06-30 (member_from NULL).
  auto m = svc_->RecordLeaving(Staff(), son, {RegisterEventKind::kMovedAway, D(2019, 6, 29), "", ""});
  ASSERT_FALSE(m);
  EXPECT_NE(m.error().message.find("2019-06-30"), std::string::npos) << m.error().message;
  // Not a leaving kind.
  auto k = svc_->RecordLeaving(Staff(), son, {RegisterEventKind::kBirth, D(2020, 1, 1), "", ""});
  ASSERT_FALSE(k);
  EXPECT_EQ(k.error().field, "kind");
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(LifeEventsTest, AMemberMovedInLaterCannotLeaveBeforeHeArrived) {
  NewMemberEvent in;
  in.kind = RegisterEventKind::kMarriedIn;
  in.date = D(2021, 5, 1);
  in.person = MakePerson("赵丽", Relationship::kDaughterInLaw, "19920303", 42);
  auto r = svc_->AddMember(Staff(), family_, in);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(Text(fmt::format("SELECT member_from FROM persons WHERE id = {}", r->person_id)), "2021-05-01");
  auto early = svc_->RecordLeaving(Staff(), r->person_id, {RegisterEventKind::kMarriedOut, D(2021, 4, 30), "", ""});
  ASSERT_FALSE(early);
  EXPECT_NE(early.error().message.find("2021-05-01"), std::string::npos) << early.error().message;
  ASSERT_TRUE(svc_->RecordLeaving(Staff(), r->person_id, {RegisterEventKind::kMarriedOut, D(2023, 2, 1), "离婚", ""}));
}

TEST_F(LifeEventsTest, NewMemberWithIdGetsTheFullChecks) {
  const std::string before = Snapshot();
  NewMemberEvent in;
  in.kind = RegisterEventKind::kMovedIn;
  in.date = D(2022, 1, 1);
  // A parent born 1960, only 5 years before the head (1965-03-12): the generation rule.
  in.person = MakePerson("王老", Relationship::kParent, "19600101", 51);
  auto gap = svc_->AddMember(Staff(), family_, in);
  ASSERT_FALSE(gap);
  EXPECT_EQ(gap.error().field, "person.birth_date");
  // The id of a registered person.
  in.person = MakePerson("李秀英", Relationship::kOther, "19680720", 24);
  auto dup = svc_->AddMember(Staff(), family_, in);
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  EXPECT_EQ(dup.error().field, "person.resident_id");
  // A sex disagreeing with the id.
  in.person = MakePerson("王二", Relationship::kSibling, "19700101", 53);
  in.person.sex = Sex::kFemale;
  auto sex = svc_->AddMember(Staff(), family_, in);
  ASSERT_FALSE(sex);
  EXPECT_EQ(sex.error().field, "person.sex");
  // A second head.
  in.person = MakePerson("王二", Relationship::kHead, "19700101", 53);
  auto head = svc_->AddMember(Staff(), family_, in);
  ASSERT_FALSE(head);
  EXPECT_EQ(head.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(LifeEventsTest, HeadLeavingWhileOthersRemainIsRefusedNamingNewHead) {
  const std::string before = Snapshot();
  auto r = svc_->RecordLeaving(Staff(), PersonId("王建国"), {RegisterEventKind::kDeath, D(2023, 1, 1), "", ""});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  EXPECT_EQ(r.error().field, "new_head");
  EXPECT_NE(r.error().message.find("/head"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message_zh.find("变更户主"), std::string::npos) << r.error().message_zh;
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(LifeEventsTest, LastMembersDeathEndsTheHouseholdOnThatDay) {
  const int64_t old = PersonId("孤老人");
  auto r = svc_->RecordLeaving(Staff(), old, {RegisterEventKind::kDeath, D(2022, 11, 3), "死亡医学证明", ""});
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(Text(fmt::format("SELECT member_until || '|' || left_event_id FROM persons WHERE id = {}", old)),
            fmt::format("2022-11-03|{}", *r));
  EXPECT_EQ(Text(fmt::format("SELECT ended_on || '|' || end_event_id FROM households WHERE id = {}", lone_)),
            fmt::format("2022-11-03|{}", *r));
  // Counted on 2022-11-02, not on the day of death.
  EXPECT_EQ(CountedOn(lone_, "2022-11-02"), 1);
  EXPECT_EQ(CountedOn(lone_, "2022-11-03"), 0);
  // A second leaving is refused; so is a new member of the ended household.
  auto again = svc_->RecordLeaving(Staff(), old, {RegisterEventKind::kMovedAway, D(2023, 1, 1), "", ""});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  auto join = svc_->AddMember(Staff(), lone_, Newborn());
  ASSERT_FALSE(join);
  EXPECT_EQ(join.error().field, "household_id");
  // The household page: no current member, the former one with the event.
  auto d = reg_->GetHousehold(Staff(), lone_);
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->members.empty());
  ASSERT_EQ(d->former_members.size(), 1u);
  EXPECT_EQ(FormatIsoDate(d->former_members[0].until), "2022-11-03");
  EXPECT_EQ(d->former_members[0].kind, RegisterEventKind::kDeath);
  EXPECT_EQ(d->former_members[0].reason, "死亡医学证明");
}

TEST_F(LifeEventsTest, VoidingADeathReopensTheMembershipAndTheHousehold) {
  const int64_t old = PersonId("孤老人");
  auto r = svc_->RecordLeaving(Staff(), old, {RegisterEventKind::kDeath, D(2022, 11, 3), "", ""});
  ASSERT_TRUE(r);
  EXPECT_FALSE(svc_->VoidEvent(Staff(), *r, "  "));  // a reason is required
  ASSERT_TRUE(svc_->VoidEvent(Staff(), *r, "误录：本人健在"));
  EXPECT_EQ(Text(fmt::format("SELECT coalesce(member_until, 'open') FROM persons WHERE id = {}", old)), "open");
  EXPECT_EQ(Text(fmt::format("SELECT coalesce(ended_on, 'open') FROM households WHERE id = {}", lone_)), "open");
  EXPECT_EQ(Text(fmt::format("SELECT voided_on || '|' || void_reason || '|' || voided_by FROM register_events WHERE id = {}", *r)),
            "2024-06-15|误录：本人健在|test_county_staff");
  // Voided twice: refused.
  auto twice = svc_->VoidEvent(Staff(), *r, "again");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
}

// Found by the fresh-clone tester: a death voided after a later change of head brought the
// person back with the relationship she had to the former head (spouse of her son). A person's
// event is voided only while no later household change (head, split, merge, move) stands.
TEST_F(LifeEventsTest, VoidIsRefusedAfterALaterHouseholdChange) {
  const int64_t son = PersonId("王小明");
  auto away = svc_->RecordLeaving(Staff(), son, {RegisterEventKind::kMovedAway, D(2022, 1, 1), "务工", "北京"});
  ASSERT_TRUE(away);
  registry::RegisterEvent head;
  head.kind = RegisterEventKind::kHeadChanged;
  head.event_date = D(2022, 2, 1);
  head.household_id = family_;
  head.recorded_by = "test";
  ASSERT_TRUE(InsertRegisterEvent(*db_, head));
  auto v = svc_->VoidEvent(Staff(), *away, "误录");
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().code, ErrorCode::kConflict);
  EXPECT_NE(v.error().message.find("head_changed"), std::string::npos) << v.error().message;
  EXPECT_EQ(Text(fmt::format("SELECT member_until FROM persons WHERE id = {}", son)), "2022-01-01");
}

TEST_F(LifeEventsTest, ReturnOpensANewMembershipAndOnlyTheLatestEventIsVoided) {
  const int64_t son = PersonId("王小明");
  auto away = svc_->RecordLeaving(Staff(), son, {RegisterEventKind::kMovedAway, D(2022, 1, 1), "务工", "北京"});
  ASSERT_TRUE(away);
  NewMemberEvent back;
  back.kind = RegisterEventKind::kReturned;
  back.date = D(2023, 3, 1);
  back.returning_person_id = son;
  back.person.relationship = Relationship::kChild;
  // A return dated before the departure is refused.
  NewMemberEvent early = back;
  early.date = D(2021, 12, 31);
  EXPECT_FALSE(svc_->AddMember(Staff(), family_, early));
  auto r = svc_->AddMember(Staff(), family_, back);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->person_id, son);
  EXPECT_EQ(Text(fmt::format("SELECT household_id || '|' || relationship || '|' || coalesce(start_date, 'NULL') || '|' || "
                             "end_date || '|' || end_event_id FROM membership_history WHERE person_id = {}", son)),
            fmt::format("{}|child|NULL|2022-01-01|{}", family_, *away));
  EXPECT_EQ(Text(fmt::format("SELECT member_from || '|' || coalesce(member_until, 'open') FROM persons WHERE id = {}", son)),
            "2023-03-01|open");
  EXPECT_EQ(CountedOn(family_, "2022-06-01"), 2);
  EXPECT_EQ(CountedOn(family_, "2023-03-01"), 3);
  // The departure is no longer his latest event.
  auto not_latest = svc_->VoidEvent(Staff(), *away, "x");
  ASSERT_FALSE(not_latest);
  EXPECT_EQ(not_latest.error().code, ErrorCode::kConflict);
  // The person's timeline: both memberships, events oldest first.
  auto t = svc_->GetPersonTimeline(Staff(), son);
  ASSERT_TRUE(t);
  ASSERT_EQ(t->memberships.size(), 2u);
  EXPECT_EQ(FormatIsoDate(*t->memberships[0].until), "2022-01-01");
  EXPECT_EQ(FormatIsoDate(*t->memberships[1].from), "2023-03-01");
  ASSERT_EQ(t->events.size(), 2u);  // moved_away, returned
  EXPECT_EQ(t->events[0].kind, RegisterEventKind::kMovedAway);
  EXPECT_EQ(t->events[0].household_no, "LX-000001");
  EXPECT_EQ(t->events[0].place, "北京");
  EXPECT_EQ(t->events[1].kind, RegisterEventKind::kReturned);
  // Voiding the return restores the departure.
  ASSERT_TRUE(svc_->VoidEvent(Staff(), r->event_id, "误录"));
  EXPECT_EQ(Text(fmt::format("SELECT coalesce(member_from, 'NULL') || '|' || member_until || '|' || left_event_id "
                             "FROM persons WHERE id = {}", son)),
            fmt::format("NULL|2022-01-01|{}", *away));
  EXPECT_EQ(Count(fmt::format("SELECT count(*) FROM membership_history WHERE person_id = {}", son)), 0);
  // A dead person does not return.
  ASSERT_TRUE(svc_->VoidEvent(Staff(), *away, "误录"));
  ASSERT_TRUE(svc_->RecordLeaving(Staff(), son, {RegisterEventKind::kDeath, D(2023, 1, 1), "", ""}));
  auto dead = svc_->AddMember(Staff(), family_, back);
  ASSERT_FALSE(dead);
  EXPECT_EQ(dead.error().code, ErrorCode::kConflict);
}

TEST_F(LifeEventsTest, DeleteEndsThePersonAsEnteredInErrorAndNeedsAReason) {
  const int64_t son = PersonId("王小明");
  auto no_reason = reg_->DeletePerson(Staff(), son, 1, "");
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().field, "reason");
  // Registered with the household (member_from NULL: since its move-in 2019-06-30).
  const int64_t v = Count(fmt::format("SELECT version FROM persons WHERE id = {}", son));
  ASSERT_TRUE(reg_->DeletePerson(Staff(), son, v, "重复录入"));
  EXPECT_EQ(Text(fmt::format("SELECT member_from || '|' || member_until FROM persons WHERE id = {}", son)),
            "2019-06-30|2019-06-30");
  EXPECT_EQ(Text(fmt::format("SELECT e.kind || '|' || e.reason FROM persons p JOIN register_events e ON e.id = p.left_event_id "
                             "WHERE p.id = {}", son)),
            "entered_in_error|重复录入");
  EXPECT_EQ(CountedOn(family_, "2019-06-30"), 2);
  EXPECT_EQ(CountedOn(family_, "2024-01-01"), 2);
}

TEST_F(LifeEventsTest, TimelineAndWritesRespectScopeAndRole) {
  AccessScope g2;
  g2.level = AccessScope::Level::kGrid;
  g2.grid_id = 2;
  const Actor outside = MakeActor(Role::kGridWorker, g2);
  auto t = svc_->GetHouseholdTimeline(outside, family_);
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().code, ErrorCode::kNotFound);
  auto w = svc_->RecordLeaving(outside, PersonId("王小明"), {RegisterEventKind::kDeath, D(2023, 1, 1), "", ""});
  ASSERT_FALSE(w);
  EXPECT_EQ(w.error().code, ErrorCode::kNotFound);
  auto a = svc_->AddMember(MakeActor(Role::kAuditor), family_, Newborn());
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().code, ErrorCode::kPermissionDenied);
  AccessScope g1 = g2;
  g1.grid_id = 1;
  const Actor inside = MakeActor(Role::kGridWorker, g1);
  auto born = svc_->AddMember(inside, family_, Newborn());
  ASSERT_TRUE(born) << born.error().ToString();
  auto in = svc_->GetHouseholdTimeline(inside, family_);
  ASSERT_TRUE(in) << in.error().ToString();
  EXPECT_EQ(in->household_no, "LX-000001");
  ASSERT_EQ(in->memberships.size(), 4u);  // the three registered (from NULL first), the newborn
  EXPECT_FALSE(in->memberships[0].from);
  EXPECT_EQ(FormatIsoDate(*in->memberships[3].from), "2023-04-10");
  ASSERT_EQ(in->events.size(), 1u);
  EXPECT_EQ(in->events[0].kind, RegisterEventKind::kBirth);
}

}  // namespace
}  // namespace anju::storage

namespace anju::storage {
namespace {

// Every person-level write that changes a household's members bumps the household's version,
// in the same transaction (found by the fresh-clone tester: a household page opened before a
// birth could still send its stale head change).
TEST_F(LifeEventsTest, EveryMembershipWriteBumpsTheHouseholdsVersion) {
  auto version = [&] { return Count(fmt::format("SELECT version FROM households WHERE id = {}", family_)); };
  int64_t v = version();
  auto born = svc_->AddMember(Staff(), family_, Newborn());
  ASSERT_TRUE(born) << born.error().ToString();
  EXPECT_EQ(version(), ++v) << "birth";
  ASSERT_TRUE(svc_->CompleteResidentId(Staff(), born->person_id, {Rid("20230410", 2), "户口登记"}));
  EXPECT_EQ(version(), ++v) << "id completed";
  auto left = svc_->RecordLeaving(Staff(), PersonId("王小明"), {RegisterEventKind::kMovedAway, D(2024, 1, 2), "务工", "太原"});
  ASSERT_TRUE(left) << left.error().ToString();
  EXPECT_EQ(version(), ++v) << "moved away";
  ASSERT_TRUE(svc_->VoidEvent(Staff(), *left, "误录"));
  EXPECT_EQ(version(), ++v) << "void";
  Person added = MakePerson("王小红", Relationship::kChild, "19920202", 42);
  added.household_id = family_;
  auto pid = reg_->AddPerson(Staff(), added);
  ASSERT_TRUE(pid) << pid.error().ToString();
  EXPECT_EQ(version(), ++v) << "member added (POST /persons)";
  ASSERT_TRUE(reg_->DeletePerson(Staff(), *pid, 1, "误录"));
  EXPECT_EQ(version(), ++v) << "entered in error (DELETE /persons)";
}

// A leaving date before both the birth and the start of the membership names the binding
// bound: the later of the two, and which one it is (both when they are the same day).
TEST_F(LifeEventsTest, ALeavingDateBeforeBirthAndStartNamesTheLaterBound) {
  // The son, born 1990-01-05, a member since the household's start 2019-06-30.
  auto son = svc_->RecordLeaving(Staff(), PersonId("王小明"), {RegisterEventKind::kDeath, D(1989, 1, 1), "", ""});
  ASSERT_FALSE(son);
  EXPECT_EQ(son.error().field, "date");
  EXPECT_TRUE(son.error().details.empty()) << son.error().ToString();
  EXPECT_NE(son.error().message.find("household's start (2019-06-30)"), std::string::npos) << son.error().message;
  EXPECT_NE(son.error().message_zh.find("2019-06-30"), std::string::npos) << son.error().message_zh;
  // A granddaughter born in the household on 2023-04-10: birth and membership start the same day.
  auto born = svc_->AddMember(Staff(), family_, Newborn());
  ASSERT_TRUE(born);
  auto baby = svc_->RecordLeaving(Staff(), born->person_id, {RegisterEventKind::kDeath, D(2022, 1, 1), "", ""});
  ASSERT_FALSE(baby);
  EXPECT_TRUE(baby.error().details.empty()) << baby.error().ToString();
  EXPECT_NE(baby.error().message.find("birth date and the start of the membership (2023-04-10)"), std::string::npos)
      << baby.error().message;
  EXPECT_NE(baby.error().message_zh.find("出生日期和该成员的入户日期（2023-04-10）"), std::string::npos) << baby.error().message_zh;
  // A person born 1992-03-03 who married in on 2021-05-01: the start of the membership binds.
  NewMemberEvent in;
  in.kind = RegisterEventKind::kMarriedIn;
  in.date = D(2021, 5, 1);
  in.person = MakePerson("赵丽", Relationship::kDaughterInLaw, "19920303", 42);
  auto wed = svc_->AddMember(Staff(), family_, in);
  ASSERT_TRUE(wed);
  auto early = svc_->RecordLeaving(Staff(), wed->person_id, {RegisterEventKind::kMarriedOut, D(1991, 1, 1), "", ""});
  ASSERT_FALSE(early);
  EXPECT_TRUE(early.error().details.empty()) << early.error().ToString();
  EXPECT_NE(early.error().message.find("start of the membership (2021-05-01)"), std::string::npos) << early.error().message;
  EXPECT_EQ(early.error().message.find("1992-03-03"), std::string::npos) << early.error().message;
}

}  // namespace
}  // namespace anju::storage
