// HouseholdChangeService (issue #14 item 2) on SQLite :memory: through the real repositories:
// move, change of head (the generation rule re-checked against the new head, hand-checked
// dates), split with each housing decision (hand-checked units and history rows), merge,
// placement; every refusal changes nothing. Expected values are written here from the fixture,
// read back with plain SQL.
//
// Fixture: townships T1 141124100, T2 141124101; origin villages V1 (T1), V2 (T2); sites
// S1 (T1) with grids G1, G2 and units U1, U2, U3; S2 (T2) with grid G3 and unit U4.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <map>
#include <string>
#include <vector>

#include "core/resident_id.h"
#include "registry/household_changes.h"
#include "registry/registry_service.h"
#include "registry/storage/sqlite_household_change_repository.h"
#include "registry/storage/sqlite_life_event_repository.h"
#include "registry/storage/sqlite_registry_repository.h"
#include "storage/migrate.h"

namespace anju::storage {
namespace {

using registry::HouseholdChangeService;
using registry::NewHousehold;
using registry::Person;
using registry::Relationship;
using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

Date D(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }
const Date kToday = D(2025, 6, 1);

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
  p.birth_date = D(std::stoi(std::string(yyyymmdd.substr(0, 4))),
                   static_cast<unsigned>(std::stoi(std::string(yyyymmdd.substr(4, 2)))),
                   static_cast<unsigned>(std::stoi(std::string(yyyymmdd.substr(6, 2)))));
  return p;
}

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

class HouseholdChangeTest : public ::testing::Test {
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
      INSERT INTO housing_units (id, site_id, building, entrance, room, floor_area_dm2) VALUES
        (1,1,'1','1','101',7500), (2,1,'1','1','102',5000), (3,1,'1','1','103',5000),
        (4,2,'2','1','101',10000);
    )"));
    repo_ = std::make_unique<SqliteRegistryRepository>(*db_);
    changes_repo_ = std::make_unique<SqliteHouseholdChangeRepository>(*db_);
    registry_ = std::make_unique<registry::RegistryService>(*repo_);
    svc_ = std::make_unique<HouseholdChangeService>(*repo_, *changes_repo_, [] { return kToday; });
  }

  int64_t Create(std::vector<Person> members, std::string no, std::optional<int64_t> unit = std::nullopt,
                 int64_t site = 1, std::optional<int64_t> grid = 1) {
    NewHousehold in;
    in.household.household_no = std::move(no);
    in.household.origin_village_id = site;
    in.household.site_id = site;
    in.household.grid_id = grid;
    in.household.housing_unit_id = unit;
    in.household.move_in_date = D(2019, 6, 30);
    in.members = std::move(members);
    auto id = registry_->CreateHousehold(Staff(), in);
    EXPECT_TRUE(id) << id.error().ToString();
    return id ? *id : 0;
  }
  int64_t Int(const std::string& sql) {
    auto st = db_->Prepare(sql);
    EXPECT_TRUE(st) << st.error().ToString();
    auto row = st->Step();
    EXPECT_TRUE(row && *row) << sql;
    return st->ColumnIsNull(0) ? -1 : st->ColumnInt(0);
  }
  std::string Text(const std::string& sql) {
    auto st = db_->Prepare(sql);
    EXPECT_TRUE(st) << st.error().ToString();
    auto row = st->Step();
    EXPECT_TRUE(row && *row) << sql;
    return st->ColumnIsNull(0) ? "NULL" : st->ColumnText(0);
  }
  int64_t Id(const std::string& name) { return Int(fmt::format("SELECT id FROM persons WHERE name = '{}'", name)); }
  std::string RelOf(const std::string& name) {
    return Text(fmt::format("SELECT relationship FROM persons WHERE name = '{}'", name));
  }
  // Everything a refused change must leave as it was.
  std::string Snapshot() {
    return Text(
        "SELECT (SELECT group_concat(id || household_id || relationship || coalesce(member_from,'-') || version, ',') FROM persons)"
        " || '|' || (SELECT group_concat(id || coalesce(housing_unit_id,'-') || site_id || coalesce(ended_on,'-') || version, ',') FROM households)"
        " || '|' || (SELECT count(*) FROM register_events) || (SELECT count(*) FROM membership_history)"
        " || (SELECT count(*) FROM placement_history) || (SELECT count(*) FROM audit_log)");
  }

  std::unique_ptr<Database> db_;
  std::unique_ptr<SqliteRegistryRepository> repo_;
  std::unique_ptr<SqliteHouseholdChangeRepository> changes_repo_;
  std::unique_ptr<registry::RegistryService> registry_;
  std::unique_ptr<HouseholdChangeService> svc_;
};

// ---- change of head: the generation rule against the new head ---------------------------------

TEST_F(HouseholdChangeTest, HeadChangeRestatesEveryoneAndChecksTheGenerationRule) {
  // 王父 1962 head; his son 王子 1990; the son's daughter 王孙 2015 (grandchild of the head).
  const int64_t hh = Create({MakePerson("王父", Relationship::kHead, "19620310", 11),
                             MakePerson("王子", Relationship::kChild, "19900105", 13),
                             MakePerson("王孙", Relationship::kGrandchild, "20150808", 22)},
                            "LX-000001");
  registry::HeadChangeRequest req;
  req.new_head_id = Id("王子");
  // Hand-checked: father 1962-03-10 ≤ 1990-01-05 − 16 y = 1974-01-05 → parent OK;
  // granddaughter 2015-08-08 ≥ 1990-01-05 + 16 y = 2006-01-05 → child OK.
  req.relationships = {{Id("王父"), Relationship::kParent}, {Id("王孙"), Relationship::kChild}};
  req.date = D(2024, 3, 1);
  req.reason = "户主年老，变更户主";
  auto ev = svc_->ChangeHead(Staff(), hh, req);
  ASSERT_TRUE(ev) << ev.error().ToString();
  EXPECT_EQ(RelOf("王子"), "head");
  EXPECT_EQ(RelOf("王父"), "parent");
  EXPECT_EQ(RelOf("王孙"), "child");
  EXPECT_EQ(Text(fmt::format("SELECT kind || ' ' || event_date || ' ' || household_id || ' ' || person_id FROM register_events WHERE id = {}", *ev)),
            fmt::format("head_changed 2024-03-01 {} {}", hh, Id("王子")));
  const std::string details = Text(fmt::format("SELECT details FROM register_events WHERE id = {}", *ev));
  EXPECT_NE(details.find(fmt::format("\"old_head\":{}", Id("王父"))), std::string::npos) << details;
  EXPECT_NE(details.find(fmt::format("\"{}\":[\"head\",\"parent\"]", Id("王父"))), std::string::npos) << details;
  EXPECT_NE(details.find(fmt::format("\"{}\":[\"grandchild\",\"child\"]", Id("王孙"))), std::string::npos) << details;
  // Three persons changed: three audit entries naming the event.
  EXPECT_EQ(Int(fmt::format("SELECT count(*) FROM audit_log WHERE source LIKE '%register event {})'", *ev)), 3);
}

// Found by the fresh-clone tester: two clerks who opened 变更户主 on the same page both saved;
// the second silently replaced the first. A change made from the version the user read is
// refused once the household has changed since (kConflict, field version), nothing written.
TEST_F(HouseholdChangeTest, ChangeFromAStalePageIsRefused) {
  const int64_t hh = Create({MakePerson("王父", Relationship::kHead, "19620310", 11),
                             MakePerson("王子", Relationship::kChild, "19900105", 13),
                             MakePerson("王女", Relationship::kChild, "19920105", 14)},
                            "LX-000001");
  const int64_t read = Int(fmt::format("SELECT version FROM households WHERE id = {}", hh));
  registry::HeadChangeRequest a;
  a.new_head_id = Id("王子");
  a.relationships = {{Id("王父"), Relationship::kParent}, {Id("王女"), Relationship::kSibling}};
  a.date = D(2024, 3, 1);
  a.reason = "甲";
  a.expected_version = read;
  registry::HeadChangeRequest b = a;
  b.new_head_id = Id("王女");
  b.relationships = {{Id("王父"), Relationship::kParent}, {Id("王子"), Relationship::kSibling}};
  b.reason = "乙";
  ASSERT_TRUE(svc_->ChangeHead(Staff(), hh, a));
  EXPECT_EQ(Int(fmt::format("SELECT version FROM households WHERE id = {}", hh)), read + 1);
  auto second = svc_->ChangeHead(Staff(), hh, b);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::kConflict);
  EXPECT_EQ(second.error().field, "version");
  EXPECT_EQ(RelOf("王子"), "head");
  EXPECT_EQ(Int("SELECT count(*) FROM register_events WHERE kind = 'head_changed'"), 1);
}

TEST_F(HouseholdChangeTest, HeadChangeRefusesEveryFaultAtOnceAndChangesNothing) {
  // 李母 1960 head; her son 李子 2001; a grandchild 李孙 2015.
  const int64_t hh = Create({MakePerson("李母", Relationship::kHead, "19600101", 12),
                             MakePerson("李子", Relationship::kChild, "20010601", 13),
                             MakePerson("李孙", Relationship::kGrandchild, "20150808", 15)},
                            "LX-000001");
  const std::string before = Snapshot();
  registry::HeadChangeRequest req;
  req.new_head_id = Id("李子");
  // Grandchild as child of a head born 2001-06-01: earliest 2017-06-01 > 2015-08-08 → refused.
  // The old head 1960 as parent: ≤ 1985-06-01 → fine. The date is after today (2025-06-01).
  req.relationships = {{Id("李母"), Relationship::kParent}, {Id("李孙"), Relationship::kChild}};
  req.date = D(2025, 6, 2);
  req.reason = "户主变更";
  auto r = svc_->ChangeHead(Staff(), hh, req);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(r.error().details.size(), 2u) << r.error().ToString();
  EXPECT_EQ(r.error().details[0].field, fmt::format("relationships.{}", Id("李孙")));
  EXPECT_NE(r.error().details[0].message.find("2001-06-01"), std::string::npos);
  EXPECT_NE(r.error().details[0].message_zh.find("2015-08-08"), std::string::npos);
  EXPECT_EQ(r.error().details[1].field, "date");
  EXPECT_EQ(Snapshot(), before);
  // A member left out, a stranger listed, the head given as new head: each named.
  registry::HeadChangeRequest bad;
  bad.new_head_id = Id("李子");
  bad.relationships = {{Id("李母"), Relationship::kParent}, {999, Relationship::kChild}};
  bad.date = D(2024, 1, 1);
  bad.reason = "x";
  auto b = svc_->ChangeHead(Staff(), hh, bad);
  ASSERT_FALSE(b);
  std::vector<std::string> fields;
  for (const auto& d : b.error().details) fields.push_back(d.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"relationships.999", fmt::format("relationships.{}", Id("李孙"))}));
  EXPECT_EQ(Snapshot(), before);
}

// ---- move ----------------------------------------------------------------------------------

TEST_F(HouseholdChangeTest, MoveKeepsThePersonAndEndsTheEmptiedHousehold) {
  const int64_t a = Create({MakePerson("张一", Relationship::kHead, "19700101", 11),
                            MakePerson("张二", Relationship::kChild, "19950101", 13)},
                           "LX-000001", 1);
  const int64_t b = Create({MakePerson("赵一", Relationship::kHead, "19720101", 15)}, "LX-000002", 2);
  // The head cannot move while his son remains.
  registry::MoveRequest head_move{b, Relationship::kSpouse, D(2024, 5, 1), "婚迁"};
  const std::string before = Snapshot();
  auto refused = svc_->MovePerson(Staff(), Id("张一"), head_move);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(refused.error().field, "relationship");
  EXPECT_EQ(Snapshot(), before);

  const int64_t son = Id("张二");
  auto ev = svc_->MovePerson(Staff(), son, {b, Relationship::kSonInLaw, D(2024, 5, 1), "入赘"});
  ASSERT_TRUE(ev) << ev.error().ToString();
  EXPECT_EQ(Text(fmt::format("SELECT household_id || ' ' || relationship || ' ' || member_from || ' ' || "
                             "coalesce(member_until, '-') FROM persons WHERE id = {}", son)),
            fmt::format("{} son_in_law 2024-05-01 -", b));
  EXPECT_EQ(Text(fmt::format("SELECT household_id || ' ' || relationship || ' ' || coalesce(start_date, 'NULL') || ' ' || "
                             "end_date || ' ' || end_event_id FROM membership_history WHERE person_id = {}", son)),
            fmt::format("{} child NULL 2024-05-01 {}", a, *ev));
  EXPECT_EQ(Text(fmt::format("SELECT kind || ' ' || household_id || ' ' || other_household_id FROM register_events WHERE id = {}", *ev)),
            fmt::format("moved_between {} {}", a, b));
  EXPECT_EQ(Text(fmt::format("SELECT coalesce(ended_on, 'open') FROM households WHERE id = {}", a)), "open");

  // Now the head alone moves: household a ends that day and releases unit 1.
  auto last = svc_->MovePerson(Staff(), Id("张一"), {b, Relationship::kOther, D(2024, 6, 1), "投靠"});
  ASSERT_TRUE(last) << last.error().ToString();
  EXPECT_EQ(Text(fmt::format("SELECT ended_on || ' ' || end_event_id || ' ' || coalesce(housing_unit_id, 'none') FROM households WHERE id = {}", a)),
            fmt::format("2024-06-01 {} none", *last));
  EXPECT_EQ(Text(fmt::format("SELECT housing_unit_id || ' ' || coalesce(start_date, 'NULL') || ' ' || end_date FROM placement_history WHERE household_id = {}", a)),
            "1 NULL 2024-06-01");
  // The date may not precede the membership it ends (the son joined b on 2024-05-01).
  auto early = svc_->MovePerson(Staff(), son, {a, Relationship::kChild, D(2024, 4, 30), "x"});
  ASSERT_FALSE(early);
}

// ---- split: each housing decision, hand-checked ----------------------------------------------

class SplitTest : public HouseholdChangeTest {
 protected:
  // 孙父 1960 head, 孙子 1985 child, 孙媳 1987 daughter_in_law, 孙孙 2010 grandchild, in unit 1.
  void SetUp() override {
    HouseholdChangeTest::SetUp();
    hh_ = Create({MakePerson("孙父", Relationship::kHead, "19600101", 11),
                  MakePerson("孙子", Relationship::kChild, "19850101", 13),
                  MakePerson("孙媳", Relationship::kDaughterInLaw, "19870101", 22),
                  MakePerson("孙孙", Relationship::kGrandchild, "20100101", 15)},
                 "LX-000017", 1);
    Create({MakePerson("别户", Relationship::kHead, "19700101", 17)}, "LX-000009", 2);
  }
  registry::SplitRequest Request(registry::SplitHousing housing, std::optional<int64_t> unit = std::nullopt) {
    registry::SplitRequest r;
    r.members = {{Id("孙子"), Relationship::kHead}, {Id("孙媳"), Relationship::kSpouse}, {Id("孙孙"), Relationship::kChild}};
    r.housing = housing;
    r.housing_unit_id = unit;
    r.date = D(2024, 9, 1);
    r.reason = "分户申请";
    return r;
  }
  std::string UnitOf(int64_t id) {
    return Text(fmt::format("SELECT coalesce(housing_unit_id, 'none') FROM households WHERE id = {}", id));
  }
  void ExpectMembersMoved(const registry::SplitResult& s) {
    EXPECT_EQ(Text(fmt::format("SELECT group_concat(name || ':' || relationship || ':' || member_from, ',') FROM "
                               "(SELECT * FROM persons WHERE household_id = {} ORDER BY id)", s.household_id)),
              "孙子:head:2024-09-01,孙媳:spouse:2024-09-01,孙孙:child:2024-09-01");
    EXPECT_EQ(Int(fmt::format("SELECT count(*) FROM membership_history WHERE household_id = {} AND end_date = '2024-09-01' "
                              "AND end_event_id = {}", hh_, s.event_id)), 3);
    EXPECT_EQ(Text(fmt::format("SELECT household_no || ' ' || formed_on || ' ' || split_from_id || ' ' || site_id || ' ' || "
                               "grid_id || ' ' || origin_village_id FROM households WHERE id = {}", s.household_id)),
              fmt::format("LX-000018 2024-09-01 {} 1 1 1", hh_));
    EXPECT_EQ(RelOf("孙父"), "head");
  }
  int64_t hh_ = 0;
};

TEST_F(SplitTest, Stays) {
  auto s = svc_->Split(Staff(), hh_, Request(registry::SplitHousing::kStays));
  ASSERT_TRUE(s) << s.error().ToString();
  // The next free number: LX-000017 is the largest of width 9 with prefix LX- → LX-000018.
  EXPECT_EQ(s->household_no, "LX-000018");
  ExpectMembersMoved(*s);
  EXPECT_EQ(UnitOf(hh_), "1");
  EXPECT_EQ(UnitOf(s->household_id), "none");
  EXPECT_EQ(Int("SELECT count(*) FROM placement_history"), 0);
  const std::string details = Text(fmt::format("SELECT details FROM register_events WHERE id = {}", s->event_id));
  EXPECT_NE(details.find("\"decision\":\"stays\""), std::string::npos) << details;
}

TEST_F(SplitTest, Moves) {
  auto s = svc_->Split(Staff(), hh_, Request(registry::SplitHousing::kMoves));
  ASSERT_TRUE(s) << s.error().ToString();
  ExpectMembersMoved(*s);
  EXPECT_EQ(UnitOf(hh_), "none");
  EXPECT_EQ(UnitOf(s->household_id), "1");
  // The original's unit change is history: unit 1 from the start until 2024-09-01.
  EXPECT_EQ(Text(fmt::format("SELECT household_id || ' ' || housing_unit_id || ' ' || coalesce(start_date, 'NULL') || ' ' || "
                             "end_date || ' ' || end_event_id FROM placement_history")),
            fmt::format("{} 1 NULL 2024-09-01 {}", hh_, s->event_id));
}

TEST_F(SplitTest, NewUnitOfTheSameSite) {
  const std::string before = Snapshot();
  // Unit 2 is occupied (LX-000009), unit 4 is at site 2: both refused, naming the field.
  for (int64_t unit : {2, 4}) {
    auto r = svc_->Split(Staff(), hh_, Request(registry::SplitHousing::kNewUnit, unit));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().field, "housing.housing_unit_id");
    EXPECT_EQ(r.error().value, std::to_string(unit));
  }
  EXPECT_EQ(Snapshot(), before);
  auto s = svc_->Split(Staff(), hh_, Request(registry::SplitHousing::kNewUnit, 3));
  ASSERT_TRUE(s) << s.error().ToString();
  ExpectMembersMoved(*s);
  EXPECT_EQ(UnitOf(hh_), "1");
  EXPECT_EQ(UnitOf(s->household_id), "3");
  EXPECT_EQ(Int("SELECT count(*) FROM placement_history"), 0);
}

TEST_F(SplitTest, NoneIsStaysRecordedAsUndecided) {
  auto s = svc_->Split(Staff(), hh_, Request(registry::SplitHousing::kNone));
  ASSERT_TRUE(s) << s.error().ToString();
  EXPECT_EQ(UnitOf(hh_), "1");
  EXPECT_EQ(UnitOf(s->household_id), "none");
  const std::string details = Text(fmt::format("SELECT details FROM register_events WHERE id = {}", s->event_id));
  EXPECT_NE(details.find("\"decision\":\"none\""), std::string::npos) << details;
}

TEST_F(SplitTest, RefusalsAtOnce) {
  const std::string before = Snapshot();
  registry::SplitRequest r = Request(registry::SplitHousing::kStays);
  // Everyone leaves (the head included), two heads, a taken number, an undecided reason.
  r.members.push_back({Id("孙父"), Relationship::kHead});
  r.household_no = "lx-000009";
  r.reason = " ";
  auto s = svc_->Split(Staff(), hh_, r);
  ASSERT_FALSE(s);
  std::vector<std::string> fields;
  for (const auto& d : s.error().details) fields.push_back(d.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"members[3].person_id", "members", "members", "household_no", "reason"}))
      << s.error().ToString();
  EXPECT_EQ(Snapshot(), before);
}

// ---- merge ---------------------------------------------------------------------------------

TEST_F(HouseholdChangeTest, MergeMovesEveryoneEndsTheHouseholdAndReleasesItsUnit) {
  const int64_t kept = Create({MakePerson("周父", Relationship::kHead, "19500101", 11)}, "LX-000001", 1);
  const int64_t gone = Create({MakePerson("周子", Relationship::kHead, "19750101", 13),
                              MakePerson("周孙", Relationship::kChild, "20000101", 15)},
                             "LX-000002", 2);
  registry::MergeRequest req;
  req.into_household_id = kept;
  // 周子 1975 child of 1950: ≥ 1966 OK; 周孙 2000 grandchild.
  req.relationships = {{Id("周子"), Relationship::kChild}, {Id("周孙"), Relationship::kGrandchild}};
  req.date = D(2024, 2, 1);
  req.reason = "合户";
  auto ev = svc_->Merge(Staff(), gone, req);
  ASSERT_TRUE(ev) << ev.error().ToString();
  EXPECT_EQ(Int(fmt::format("SELECT count(*) FROM persons WHERE household_id = {} AND member_until IS NULL", kept)), 3);
  EXPECT_EQ(RelOf("周子"), "child");
  EXPECT_EQ(Text(fmt::format("SELECT ended_on || ' ' || merged_into_id || ' ' || end_event_id || ' ' || "
                             "coalesce(housing_unit_id, 'none') FROM households WHERE id = {}", gone)),
            fmt::format("2024-02-01 {} {} none", kept, *ev));
  EXPECT_EQ(Text(fmt::format("SELECT housing_unit_id || ' ' || end_date FROM placement_history WHERE household_id = {}", gone)),
            "2 2024-02-01");
  EXPECT_EQ(Int(fmt::format("SELECT count(*) FROM membership_history WHERE household_id = {}", gone)), 2);
  EXPECT_EQ(Text(fmt::format("SELECT kind || ' ' || household_id || ' ' || other_household_id FROM register_events WHERE id = {}", *ev)),
            fmt::format("merged {} {}", gone, kept));
  // The merged household's page lists who left it, by the merge (membership_history rows), with
  // the destination household's number as the place.
  SqliteLifeEventRepository events(*db_);
  auto former = events.FormerMembers(gone);
  ASSERT_TRUE(former) << former.error().ToString();
  ASSERT_EQ(former->size(), 2u);
  for (const auto& f : *former) {
    EXPECT_EQ(FormatIsoDate(f.until), "2024-02-01") << f.person.name;
    ASSERT_TRUE(f.kind) << f.person.name;
    EXPECT_EQ(*f.kind, registry::RegisterEventKind::kMerged) << f.person.name;
    EXPECT_EQ(f.place, "LX-000001") << f.person.name;
  }
  EXPECT_EQ((*former)[0].person.relationship, Relationship::kHead);  // as they were in it
}

// ---- placement -----------------------------------------------------------------------------

TEST_F(HouseholdChangeTest, PlacementChangeKeepsTheHistoryAndChecksScopeAndUnits) {
  const int64_t hh = Create({MakePerson("吴一", Relationship::kHead, "19700101", 11)}, "LX-000001", 1);
  registry::PlacementRequest to_s2;
  to_s2.site_id = 2;
  to_s2.housing_unit_id = std::optional<int64_t>(4);
  to_s2.grid_id = std::optional<int64_t>(3);
  to_s2.date = D(2023, 3, 1);
  to_s2.reason = "调整安置点";
  const std::string before = Snapshot();
  // Site 1's manager may not move it to site 2 (403 naming site_id); site 2's sees nothing (404).
  auto denied = svc_->ChangePlacement(SiteManager(1), hh, to_s2);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(denied.error().field, "site_id");
  auto hidden = svc_->ChangePlacement(SiteManager(2), hh, to_s2);
  ASSERT_FALSE(hidden);
  EXPECT_EQ(hidden.error().code, ErrorCode::kNotFound);
  // A new site with the old unit and grid (site 1's): both named.
  registry::PlacementRequest half;
  half.site_id = 2;
  half.date = D(2023, 3, 1);
  half.reason = "x";
  auto h = svc_->ChangePlacement(Staff(), hh, half);
  ASSERT_FALSE(h);
  ASSERT_EQ(h.error().details.size(), 2u) << h.error().ToString();
  EXPECT_EQ(h.error().details[0].field, "housing_unit_id");
  EXPECT_EQ(h.error().details[1].field, "grid_id");
  EXPECT_EQ(Snapshot(), before);

  auto first = svc_->ChangePlacement(Staff(), hh, to_s2);
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_EQ(Text(fmt::format("SELECT site_id || ' ' || housing_unit_id || ' ' || grid_id FROM households WHERE id = {}", hh)), "2 4 3");
  registry::PlacementRequest back;
  back.site_id = 1;
  back.housing_unit_id = std::optional<int64_t>();
  back.grid_id = std::optional<int64_t>(2);
  back.date = D(2024, 3, 1);
  back.reason = "返回城北";
  // Not before the previous change (2023-03-01).
  back.date = D(2023, 2, 28);
  ASSERT_FALSE(svc_->ChangePlacement(Staff(), hh, back));
  back.date = D(2024, 3, 1);
  ASSERT_TRUE(svc_->ChangePlacement(Staff(), hh, back));
  EXPECT_EQ(Text(fmt::format("SELECT group_concat(site_id || '/' || coalesce(housing_unit_id, '-') || '/' || grid_id || '/' || "
                             "coalesce(start_date, 'NULL') || '/' || end_date, ',') FROM (SELECT * FROM placement_history "
                             "WHERE household_id = {} ORDER BY id)", hh)),
            "1/1/1/NULL/2023-03-01,2/4/3/2023-03-01/2024-03-01");
  EXPECT_EQ(Text(fmt::format("SELECT site_id || ' ' || coalesce(housing_unit_id, 'none') || ' ' || grid_id FROM households WHERE id = {}", hh)),
            "1 none 2");
}

TEST_F(HouseholdChangeTest, AuditorMayNotChange) {
  const int64_t hh = Create({MakePerson("郑一", Relationship::kHead, "19700101", 11)}, "LX-000001");
  registry::PlacementRequest p;
  p.grid_id = std::optional<int64_t>(2);
  p.date = D(2024, 1, 1);
  p.reason = "x";
  auto r = svc_->ChangePlacement(MakeActor(Role::kAuditor), hh, p);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
}


// A person moved between households bumps both households' versions (found by the fresh-clone
// tester: a page opened before the move could still send a stale head change or split).
TEST_F(HouseholdChangeTest, MoveBumpsBothHouseholdsVersions) {
  const int64_t a = Create({MakePerson("张一", Relationship::kHead, "19700101", 11),
                            MakePerson("张二", Relationship::kChild, "19950101", 13)},
                           "LX-000001", 1);
  const int64_t b = Create({MakePerson("赵一", Relationship::kHead, "19720101", 15)}, "LX-000002", 2);
  auto version = [&](int64_t h) { return Int(fmt::format("SELECT version FROM households WHERE id = {}", h)); };
  const int64_t va = version(a), vb = version(b);
  ASSERT_TRUE(svc_->MovePerson(Staff(), Id("张二"), {b, Relationship::kSonInLaw, D(2024, 5, 1), "入赘"}));
  EXPECT_EQ(version(a), va + 1);
  EXPECT_EQ(version(b), vb + 1);
  // The page of household a read before the move: its head change is stale.
  registry::HeadChangeRequest stale;
  stale.new_head_id = Id("张一");
  stale.date = D(2024, 5, 2);
  stale.reason = "测试";
  stale.expected_version = va;
  auto r = svc_->ChangeHead(Staff(), a, stale);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "version");
}

}  // namespace
}  // namespace anju::storage
