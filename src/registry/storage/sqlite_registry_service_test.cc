// RegistryService refusals, on SQLite :memory: through the real SqliteRegistryRepository:
// second head, duplicate resident id, sex/birth date disagreeing with the id, stale versions,
// the auditor writing, out-of-scope reads and writes, the one-head rule on delete/demote, the
// generation rule (child ≥ 16 years after the head, parent ≥ 16 before), and audit entries
// committed or rolled back together with the change.
//
// The scope tests use a small hand-built fixture (below) and compute the expected sets with
// plain SQL written here, independently of the repository's scope SQL:
//
//   townships T1 141124100 临泉镇, T2 141124101 白文镇, T3 141124102 城庄镇
//   origin villages V1 (T1), V2 (T2), V3 (T3); sites S1 (T1), S2 (T2), S3 (T3)
//   grids G1, G2 of S1; G3 of S2
//   household  origin  site  grid   township scopes that see it
//   H1         V3      S1    G1     T1 (site), T3 (origin)
//   H2         V1      S1    G2     T1
//   H3         V1      S2    G3     T1 (origin), T2 (site)
//   H4         V2      S3    -      T2 (origin), T3 (site)
//   H5         V2      S2    G3     T2
//   H6         V3      S3    -      T3
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "core/resident_id.h"
#include "registry/household_changes.h"
#include "registry/registry_service.h"
#include "storage/audit_log.h"
#include "storage/migrate.h"
#include "registry/storage/sqlite_household_change_repository.h"
#include "registry/storage/sqlite_registry_repository.h"

namespace anju::storage {
namespace {

using registry::Household;
using registry::HouseholdPatch;
using registry::NewHousehold;
using registry::Person;
using registry::PersonPatch;
using registry::RegistryService;
using registry::Relationship;
using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

// A valid resident id (GB 11643-1999) of Lin County for birth date `yyyymmdd` and sequence
// `seq` (odd = male, even = female); the check character by MOD 11-2.
std::string Rid(std::string_view yyyymmdd, int seq) {
  std::string first17 = fmt::format("141124{}{:03d}", yyyymmdd, seq);
  return first17 + ResidentIdCheckChar(first17);
}

Date D(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

// A fictitious person consistent with its id.
Person MakePerson(std::string name, Relationship rel, std::string_view yyyymmdd, int seq) {
  Person p;
  p.name = std::move(name);
  p.relationship = rel;
  p.resident_id = Rid(yyyymmdd, seq);
  p.sex = seq % 2 == 1 ? Sex::kMale : Sex::kFemale;
  int y = std::stoi(std::string(yyyymmdd.substr(0, 4)));
  unsigned m = static_cast<unsigned>(std::stoi(std::string(yyyymmdd.substr(4, 2))));
  unsigned d = static_cast<unsigned>(std::stoi(std::string(yyyymmdd.substr(6, 2))));
  p.birth_date = D(y, m, d);
  return p;
}

Actor MakeActor(Role role, AccessScope scope = {}) {
  Actor a;
  a.user_id = 42;
  a.username = fmt::format("test_{}", RoleName(role));
  a.role = role;
  a.scope = scope;
  a.client = "127.0.0.1";
  return a;
}
Actor Staff() { return MakeActor(Role::kCountyStaff); }
Actor TownshipStaff(std::string code) {
  AccessScope s;
  s.level = AccessScope::Level::kTownship;
  s.township_code = std::move(code);
  return MakeActor(Role::kTownshipStaff, s);
}
Actor SiteManager(int64_t site) {
  AccessScope s;
  s.level = AccessScope::Level::kSite;
  s.site_id = site;
  return MakeActor(Role::kSiteManager, s);
}
Actor GridWorker(int64_t grid) {
  AccessScope s;
  s.level = AccessScope::Level::kGrid;
  s.grid_id = grid;
  return MakeActor(Role::kGridWorker, s);
}

class RegistryServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = OpenAndMigrate(":memory:", false);
    ASSERT_TRUE(db) << db.error().ToString();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->Exec(R"(
      INSERT INTO divisions VALUES ('141124','临县','county',NULL,NULL);
      INSERT INTO divisions VALUES ('141124100','临泉镇','township','141124',NULL);
      INSERT INTO divisions VALUES ('141124101','白文镇','township','141124',NULL);
      INSERT INTO divisions VALUES ('141124102','城庄镇','township','141124',NULL);
      INSERT INTO origin_villages (id, name, township_code, relocation_type) VALUES
        (1,'甲村','141124100','scattered'), (2,'乙村','141124101','whole_village'),
        (3,'丙村','141124102','whole_village');
      INSERT INTO sites (id, name, mode, township_code) VALUES
        (1,'城北安置点','county_town','141124100'), (2,'城南安置点','county_town','141124101'),
        (3,'城庄安置点','township_seat','141124102');
      INSERT INTO grids (id, site_id, name) VALUES (1,1,'G1'), (2,1,'G2'), (3,2,'G3');
      INSERT INTO housing_units (id, site_id, building, entrance, room, floor_area_dm2) VALUES
        (1,1,'1','1','101',7500), (2,1,'1','1','102',5000), (3,2,'2','1','101',10000);
    )"));
    repo_ = std::make_unique<SqliteRegistryRepository>(*db_);
    svc_ = std::make_unique<RegistryService>(*repo_);
    changes_repo_ = std::make_unique<SqliteHouseholdChangeRepository>(*db_);
    changes_ = std::make_unique<registry::HouseholdChangeService>(*repo_, *changes_repo_);
  }

  // The change of head (HouseholdChangeService::ChangeHead, which replaced RegistryService's):
  // `new_head` becomes head of their household on 2024-01-10, the old head becomes
  // `old_head_becomes`, every other current member keeps their relationship unless `others` says.
  Result<int64_t> ChangeHead(const Actor& actor, int64_t new_head, Relationship old_head_becomes,
                             std::map<int64_t, Relationship> others = {}) {
    registry::HeadChangeRequest req;
    req.new_head_id = new_head;
    req.date = D(2024, 1, 10);
    req.reason = "户主变更申请";
    const int64_t hh = Count(fmt::format("SELECT household_id FROM persons WHERE id = {}", new_head));
    auto st = db_->Prepare(fmt::format("SELECT id, relationship FROM persons WHERE household_id = {} AND id <> {}", hh, new_head));
    while (st && *st->Step()) {
      const int64_t id = st->ColumnInt(0);
      auto rel = *registry::ParseRelationship(st->ColumnText(1));
      req.relationships[id] = rel == Relationship::kHead ? old_head_becomes : others.count(id) ? others[id] : rel;
    }
    return changes_->ChangeHead(actor, hh, req);
  }

  int64_t Count(const std::string& sql) {
    auto st = db_->Prepare(sql);
    EXPECT_TRUE(st) << st.error().ToString();
    auto row = st->Step();
    EXPECT_TRUE(row && *row);
    return st->ColumnInt(0);
  }
  std::string Text(const std::string& sql) {
    auto st = db_->Prepare(sql);
    EXPECT_TRUE(st) << st.error().ToString();
    auto row = st->Step();
    EXPECT_TRUE(row && *row);
    return st->ColumnText(0);
  }
  std::set<int64_t> Ids(const std::string& sql) {
    std::set<int64_t> out;
    auto st = db_->Prepare(sql);
    EXPECT_TRUE(st) << st.error().ToString();
    for (;;) {
      auto row = st->Step();
      EXPECT_TRUE(row);
      if (!row || !*row) break;
      out.insert(st->ColumnInt(0));
    }
    return out;
  }
  int64_t AuditRows() { return Count("SELECT count(*) FROM audit_log"); }

  // A household at site 1 (origin V1, grid 1) with `members`; asserts success.
  int64_t Create(std::vector<Person> members, std::string no = "LX-000001") {
    NewHousehold in;
    in.household.household_no = std::move(no);
    in.household.origin_village_id = 1;
    in.household.site_id = 1;
    in.household.grid_id = 1;
    in.household.move_in_date = D(2019, 6, 30);
    in.members = std::move(members);
    auto id = svc_->CreateHousehold(Staff(), in);
    EXPECT_TRUE(id) << id.error().ToString();
    return id ? *id : 0;
  }
  // The standard family: head 王建国 1965, spouse 李秀英 1968, son 王小明 1990.
  int64_t CreateFamily() {
    return Create({MakePerson("王建国", Relationship::kHead, "19650312", 15),
                   MakePerson("李秀英", Relationship::kSpouse, "19680720", 24),
                   MakePerson("王小明", Relationship::kChild, "19900105", 31)});
  }
  int64_t PersonId(const std::string& name) {
    return Count(fmt::format("SELECT id FROM persons WHERE name = '{}'", name));
  }

  std::unique_ptr<Database> db_;
  std::unique_ptr<SqliteRegistryRepository> repo_;
  std::unique_ptr<RegistryService> svc_;
  std::unique_ptr<SqliteHouseholdChangeRepository> changes_repo_;
  std::unique_ptr<registry::HouseholdChangeService> changes_;
};

// ---------------------------------------------------------------------------------------------
// One head per household.

TEST_F(RegistryServiceTest, SecondHeadIsRefusedNamingTheField) {
  int64_t hh = CreateFamily();
  const int64_t audit = AuditRows();
  Person second = MakePerson("王二", Relationship::kHead, "19700101", 33);
  second.household_id = hh;
  auto r = svc_->AddPerson(Staff(), second);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  EXPECT_EQ(r.error().field, "relationship");
  EXPECT_EQ(r.error().value, "head");
  EXPECT_NE(r.error().message.find("already has a head"), std::string::npos) << r.error().message;
  EXPECT_EQ(Count(fmt::format("SELECT count(*) FROM persons WHERE household_id = {}", hh)), 3);
  EXPECT_EQ(AuditRows(), audit);

  // Promoting a member to head by an update is refused too.
  int64_t son = PersonId("王小明");
  PersonPatch promote;
  promote.relationship = Relationship::kHead;
  auto u = svc_->UpdatePerson(Staff(), son, promote, 1);
  ASSERT_FALSE(u);
  EXPECT_EQ(u.error().code, ErrorCode::kConflict);
  EXPECT_EQ(u.error().field, "relationship");
  EXPECT_EQ(Text(fmt::format("SELECT relationship FROM persons WHERE id = {}", son)), "child");

  // A new household given two heads: one error on the field "members" saying 2 were given.
  auto two = svc_->CreateHousehold(Staff(), NewHousehold{
      Household{0, "LX-000002", registry::Category::kCoRelocated, 1, 1, std::nullopt, std::nullopt, D(2020, 1, 15), false, 1},
      {MakePerson("赵一", Relationship::kHead, "19700101", 35), MakePerson("赵二", Relationship::kHead, "19720101", 37)}});
  ASSERT_FALSE(two);
  EXPECT_EQ(two.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(two.error().field, "members");
  EXPECT_EQ(two.error().value, "2");
  EXPECT_EQ(Count("SELECT count(*) FROM households WHERE household_no = 'LX-000002'"), 0);
}

TEST_F(RegistryServiceTest, FirstMemberMustBeTheHead) {
  int64_t hh = Create({});
  Person spouse = MakePerson("李秀英", Relationship::kSpouse, "19680720", 24);
  spouse.household_id = hh;
  auto r = svc_->AddPerson(Staff(), spouse);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().field, "relationship");
  EXPECT_EQ(r.error().value, "spouse");
  // A new household whose members have no head.
  NewHousehold in;
  in.household = Household{0, "LX-000009", registry::Category::kRegisteredPoor, 1, 1, std::nullopt, std::nullopt,
                           D(2019, 6, 30), false, 1};
  in.members = {MakePerson("李秀英", Relationship::kSpouse, "19680720", 24)};
  auto c = svc_->CreateHousehold(Staff(), in);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().field, "members");
  EXPECT_EQ(c.error().value, "0");
}

TEST_F(RegistryServiceTest, HeadCannotBeDeletedOrDemotedWhileOthersRemain) {
  int64_t hh = CreateFamily();
  const int64_t head = PersonId("王建国");
  const int64_t audit = AuditRows();
  auto del = svc_->DeletePerson(Staff(), head, 1, "test: entered in error");
  ASSERT_FALSE(del);
  EXPECT_EQ(del.error().code, ErrorCode::kConflict);
  EXPECT_EQ(del.error().field, "relationship");
  EXPECT_NE(del.error().message.find("2 other members"), std::string::npos) << del.error().message;
  PersonPatch demote;
  demote.relationship = Relationship::kParent;
  auto dem = svc_->UpdatePerson(Staff(), head, demote, 1);
  ASSERT_FALSE(dem);
  EXPECT_EQ(dem.error().code, ErrorCode::kConflict);
  EXPECT_EQ(dem.error().field, "relationship");
  EXPECT_EQ(AuditRows(), audit);
  EXPECT_EQ(Count(fmt::format("SELECT count(*) FROM persons WHERE household_id = {} AND relationship = 'head'", hh)), 1);

  // The way out: make the son the head (his parents become parent), then delete.
  const int64_t son = PersonId("王小明");
  const int64_t mother = PersonId("李秀英");
  ASSERT_TRUE(ChangeHead(Staff(), son, Relationship::kParent, {{mother, Relationship::kParent}}));
  EXPECT_EQ(Text(fmt::format("SELECT relationship FROM persons WHERE id = {}", son)), "head");
  EXPECT_EQ(Text(fmt::format("SELECT relationship FROM persons WHERE id = {}", head)), "parent");
  EXPECT_EQ(Text(fmt::format("SELECT relationship FROM persons WHERE id = {}", mother)), "parent");
  EXPECT_EQ(AuditRows(), audit + 3);  // one update entry per changed person
  const int64_t v = Count(fmt::format("SELECT version FROM persons WHERE id = {}", head));
  EXPECT_EQ(v, 2);
  ASSERT_TRUE(svc_->DeletePerson(Staff(), head, v, "test: entered in error"));
  EXPECT_EQ(Count(fmt::format("SELECT count(*) FROM persons WHERE household_id = {} AND relationship = 'head'", hh)), 1);

  // A head alone in the household may go (the household then has no current member). Issue #14:
  // the row stays, its membership made empty (entered in error), so it is no longer a member.
  int64_t lone = Create({MakePerson("孤老人", Relationship::kHead, "19400101", 39)}, "LX-000003");
  ASSERT_TRUE(svc_->DeletePerson(Staff(), PersonId("孤老人"), 1, "test: entered in error"));
  EXPECT_EQ(Count(fmt::format("SELECT count(*) FROM persons WHERE household_id = {} AND member_until IS NULL", lone)), 0);
  EXPECT_EQ(Count(fmt::format("SELECT count(*) FROM persons WHERE household_id = {}", lone)), 1);
  // A household with members is not deleted (issue #12): 409 naming the count of current members
  // (issue #14: the head ended above is no longer one), nothing gone.
  const int64_t members =
      Count(fmt::format("SELECT count(*) FROM persons WHERE household_id = {} AND member_until IS NULL", hh));
  EXPECT_EQ(members, 2);
  const int64_t before = AuditRows();
  // (The change of head and the old head's DELETE above each bumped the household's version:
  // ask with the current one. fix-lr: person-level writes bump the household's version.)
  const int64_t hv = Count(fmt::format("SELECT version FROM households WHERE id = {}", hh));
  EXPECT_EQ(hv, 3);
  auto refused = svc_->DeleteHousehold(Staff(), hh, hv, "test: entered in error");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(refused.error().field, "members");
  EXPECT_EQ(refused.error().value, std::to_string(members));
  EXPECT_EQ(Count(fmt::format("SELECT count(*) FROM persons WHERE household_id = {} AND member_until IS NULL", hh)),
            members);
  EXPECT_EQ(AuditRows(), before);
  // The household without current members may go (issue #14: ended as entered in error on its
  // move-in day, 2019-06-30, so it is never counted; the row stays).
  // Version 2: its one member's DELETE bumped it.
  ASSERT_TRUE(svc_->DeleteHousehold(Staff(), lone, 2, "test: entered in error"));
  EXPECT_EQ(Text(fmt::format("SELECT ended_on FROM households WHERE id = {}", lone)), "2019-06-30");
  EXPECT_EQ(AuditRows(), before + 1);
}

// ---------------------------------------------------------------------------------------------
// Resident ids.

TEST_F(RegistryServiceTest, DuplicateResidentIdIsAConflictNamingTheMaskedId) {
  CreateFamily();
  int64_t other = Create({MakePerson("张桂兰", Relationship::kHead, "19520228", 26)}, "LX-000002");
  const int64_t audit = AuditRows();
  // 王小明's id again, in another household.
  Person dup = MakePerson("王小明", Relationship::kChild, "19900105", 31);
  dup.household_id = other;
  const std::string whole = dup.resident_id;
  const std::string masked = "141124********" + whole.substr(14);
  ASSERT_EQ(masked, MaskResidentId(whole));
  auto r = svc_->AddPerson(Staff(), dup);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  EXPECT_EQ(r.error().field, "resident_id");
  EXPECT_EQ(r.error().value, masked);
  EXPECT_NE(r.error().message.find(masked), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().message.find(whole), std::string::npos) << "whole id leaked: " << r.error().message;
  EXPECT_EQ(AuditRows(), audit);

  // In a new household: the detail names members[1].resident_id, also masked.
  NewHousehold in;
  in.household = Household{0, "LX-000004", registry::Category::kCoRelocated, 2, 2, std::nullopt, std::nullopt,
                           D(2020, 1, 15), false, 1};
  in.members = {MakePerson("赵一", Relationship::kHead, "19700101", 35), dup};
  auto c = svc_->CreateHousehold(Staff(), in);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, ErrorCode::kConflict);
  EXPECT_EQ(c.error().field, "members[1].resident_id");
  EXPECT_EQ(c.error().value, masked);
  EXPECT_EQ(c.error().message.find(whole), std::string::npos);
  EXPECT_EQ(Count("SELECT count(*) FROM households WHERE household_no = 'LX-000004'"), 0);

  // Changing a person's id to one already taken.
  PersonPatch patch;
  patch.resident_id = whole;
  patch.birth_date = D(1990, 1, 5);
  patch.sex = Sex::kMale;
  auto u = svc_->UpdatePerson(Staff(), PersonId("张桂兰"), patch, 1);
  ASSERT_FALSE(u);
  EXPECT_EQ(u.error().code, ErrorCode::kConflict);
  EXPECT_EQ(u.error().value, masked);
}

TEST_F(RegistryServiceTest, SexAndBirthDateMustAgreeWithTheId) {
  int64_t hh = CreateFamily();
  // 141124 19920814 03[4] → female (even 17th digit), born 1992-08-14.
  Person p = MakePerson("王小红", Relationship::kChild, "19920814", 34);
  p.household_id = hh;
  ASSERT_EQ(p.sex, Sex::kFemale);

  Person wrong_sex = p;
  wrong_sex.sex = Sex::kMale;
  auto r1 = svc_->AddPerson(Staff(), wrong_sex);
  ASSERT_FALSE(r1);
  EXPECT_EQ(r1.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r1.error().field, "sex");
  EXPECT_EQ(r1.error().value, "male");
  EXPECT_NE(r1.error().message.find("female"), std::string::npos) << r1.error().message;

  Person both = p;
  both.sex = Sex::kMale;
  both.birth_date = D(1992, 8, 15);
  auto r2 = svc_->AddPerson(Staff(), both);
  ASSERT_FALSE(r2);
  EXPECT_EQ(r2.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(r2.error().details.size(), 2u) << r2.error().ToString();
  EXPECT_EQ(r2.error().details[0].field, "sex");
  EXPECT_EQ(r2.error().details[1].field, "birth_date");
  EXPECT_EQ(r2.error().details[1].value, "1992-08-15");
  EXPECT_NE(r2.error().details[1].message.find("1992-08-14"), std::string::npos) << r2.error().details[1].message;
  EXPECT_EQ(Count(fmt::format("SELECT count(*) FROM persons WHERE household_id = {}", hh)), 3);

  // In a new household every fault is a detail named members[i].<field>.
  NewHousehold in;
  in.household = Household{0, "LX-000005", registry::Category::kCoRelocated, 2, 2, std::nullopt, std::nullopt,
                           D(2020, 1, 15), false, 1};
  Person head = MakePerson("赵一", Relationship::kHead, "19700101", 35);
  head.birth_date = D(1970, 1, 2);
  Person kid = MakePerson("赵小", Relationship::kChild, "19990505", 36);
  kid.sex = Sex::kMale;
  in.members = {head, kid};
  auto c = svc_->CreateHousehold(Staff(), in);
  ASSERT_FALSE(c);
  std::vector<std::string> fields;
  for (const auto& d : c.error().details) fields.push_back(d.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"members[0].birth_date", "members[1].sex"})) << c.error().ToString();

  // An update that changes the id but not the birth date to match.
  PersonPatch patch;
  patch.resident_id = Rid("19900106", 31);
  auto u = svc_->UpdatePerson(Staff(), PersonId("王小明"), patch, 1);
  ASSERT_FALSE(u);
  EXPECT_EQ(u.error().field, "birth_date");
  EXPECT_EQ(Text(fmt::format("SELECT birth_date FROM persons WHERE id = {}", PersonId("王小明"))), "1990-01-05");
}

// ---------------------------------------------------------------------------------------------
// Optimistic versions.

TEST_F(RegistryServiceTest, StaleVersionIsAConflictAndChangesNothing) {
  int64_t hh = CreateFamily();
  const int64_t son = PersonId("王小明");
  PersonPatch first;
  first.phone = "13812345678";
  auto ok = svc_->UpdatePerson(Staff(), son, first, 1);
  ASSERT_TRUE(ok) << ok.error().ToString();
  EXPECT_EQ(ok->version, 2);
  const int64_t audit = AuditRows();
  const std::string before = Text(fmt::format("SELECT phone || '|' || version || '|' || updated_at FROM persons WHERE id = {}", son));

  PersonPatch second;
  second.phone = "13900000000";
  auto stale = svc_->UpdatePerson(Staff(), son, second, 1);  // read at version 1, now 2
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_EQ(stale.error().field, "version");
  EXPECT_EQ(stale.error().value, "1");
  EXPECT_EQ(Text(fmt::format("SELECT phone || '|' || version || '|' || updated_at FROM persons WHERE id = {}", son)), before);
  EXPECT_EQ(AuditRows(), audit);

  HouseholdPatch hp;
  hp.convention_signed = true;
  auto hs = svc_->UpdateHousehold(Staff(), hh, hp, 7);
  ASSERT_FALSE(hs);
  EXPECT_EQ(hs.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Count(fmt::format("SELECT convention_signed * 10 + version FROM households WHERE id = {}", hh)), 1);
  EXPECT_FALSE(svc_->DeleteHousehold(Staff(), hh, 2, "test: entered in error"));
  EXPECT_FALSE(svc_->DeletePerson(Staff(), son, 1, "test: entered in error"));
  EXPECT_EQ(Count(fmt::format("SELECT count(*) FROM persons WHERE household_id = {}", hh)), 3);
  EXPECT_EQ(AuditRows(), audit);
  // With the current version it goes through and bumps the version.
  auto fresh = svc_->UpdateHousehold(Staff(), hh, hp, 1);
  ASSERT_TRUE(fresh) << fresh.error().ToString();
  EXPECT_EQ(Count(fmt::format("SELECT convention_signed * 10 + version FROM households WHERE id = {}", hh)), 12);
}

// ---------------------------------------------------------------------------------------------
// Roles.

TEST_F(RegistryServiceTest, AuditorCannotWriteAnything) {
  int64_t hh = CreateFamily();
  const int64_t son = PersonId("王小明");
  const Actor auditor = MakeActor(Role::kAuditor);
  const int64_t audit = AuditRows();
  auto expect_denied = [](const Error& e) {
    EXPECT_EQ(e.code, ErrorCode::kPermissionDenied);
    EXPECT_NE(e.message.find("auditor"), std::string::npos) << e.message;
  };
  NewHousehold in;
  in.household = Household{0, "LX-000007", registry::Category::kCoRelocated, 2, 2, std::nullopt, std::nullopt,
                           D(2020, 1, 15), false, 1};
  auto c = svc_->CreateHousehold(auditor, in);
  ASSERT_FALSE(c);
  expect_denied(c.error());
  Person p = MakePerson("王小红", Relationship::kChild, "19920814", 34);
  p.household_id = hh;
  auto a = svc_->AddPerson(auditor, p);
  ASSERT_FALSE(a);
  expect_denied(a.error());
  PersonPatch pp;
  pp.phone = "13812345678";
  auto u = svc_->UpdatePerson(auditor, son, pp, 1);
  ASSERT_FALSE(u);
  expect_denied(u.error());
  HouseholdPatch hp;
  hp.convention_signed = true;
  auto uh = svc_->UpdateHousehold(auditor, hh, hp, 1);
  ASSERT_FALSE(uh);
  expect_denied(uh.error());
  auto dp = svc_->DeletePerson(auditor, son, 1, "test: entered in error");
  ASSERT_FALSE(dp);
  expect_denied(dp.error());
  auto dh = svc_->DeleteHousehold(auditor, hh, 1, "test: entered in error");
  ASSERT_FALSE(dh);
  expect_denied(dh.error());
  auto ch = ChangeHead(auditor, son, Relationship::kParent);
  ASSERT_FALSE(ch);
  expect_denied(ch.error());
  EXPECT_EQ(AuditRows(), audit);
  EXPECT_EQ(Count("SELECT count(*) FROM households"), 1);
  EXPECT_EQ(Count("SELECT sum(version) FROM persons"), 3);
  // Reading is allowed.
  EXPECT_TRUE(svc_->GetHousehold(auditor, hh));
}

// ---------------------------------------------------------------------------------------------
// Scope.

class RegistryScopeTest : public RegistryServiceTest {
 protected:
  void SetUp() override {
    RegistryServiceTest::SetUp();
    ASSERT_TRUE(db_->Exec(R"(
      INSERT INTO households (id, household_no, category, origin_village_id, site_id, housing_unit_id, grid_id, move_in_date) VALUES
        (1,'LX-000001','registered_poor',3,1,1,1,'2019-06-30'),
        (2,'LX-000002','registered_poor',1,1,2,2,'2019-06-30'),
        (3,'LX-000003','co_relocated',1,2,3,3,'2020-01-15'),
        (4,'LX-000004','co_relocated',2,3,NULL,NULL,'2020-01-15'),
        (5,'LX-000005','registered_poor',2,2,NULL,3,'2018-12-01'),
        (6,'LX-000006','registered_poor',3,3,NULL,NULL,'2018-12-01');
    )"));
    // Two persons per household (head and spouse), ids 1..12, valid resident ids.
    auto st = db_->Prepare("INSERT INTO persons (id, household_id, resident_id, name, sex, birth_date, relationship) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    ASSERT_TRUE(st);
    for (int h = 1; h <= 6; ++h)
      for (int k = 0; k < 2; ++k) {
        const int id = 2 * (h - 1) + k + 1;
        const int seq = 10 * h + (k == 0 ? 1 : 2);
        st->Bind(1, id).Bind(2, h).Bind(3, Rid(fmt::format("1970{:02d}01", h), seq)).Bind(4, fmt::format("居民{}", id))
            .Bind(5, k == 0 ? "male" : "female").Bind(6, fmt::format("1970-{:02d}-01", h)).Bind(7, k == 0 ? "head" : "spouse");
        ASSERT_TRUE(st->Run());
      }
  }

  // Household ids the service lists for `actor`, paging 2 at a time (exercises the cursor).
  std::set<int64_t> ListedHouseholds(const Actor& actor) {
    std::set<int64_t> out;
    registry::PageRequest page;
    page.limit = 2;
    for (int guard = 0; guard < 20; ++guard) {
      auto r = svc_->ListHouseholds(actor, {}, {}, page);
      EXPECT_TRUE(r) << r.error().ToString();
      if (!r) break;
      for (const auto& s : r->items) EXPECT_TRUE(out.insert(s.household.id).second) << "listed twice: " << s.household.id;
      if (r->next_cursor.empty()) break;
      page.cursor = r->next_cursor;
    }
    return out;
  }
  std::set<int64_t> ListedPersons(const Actor& actor) {
    std::set<int64_t> out;
    registry::PageRequest page;
    page.limit = 5;
    for (int guard = 0; guard < 20; ++guard) {
      auto r = svc_->ListPersons(actor, {}, {}, page);
      EXPECT_TRUE(r) << r.error().ToString();
      if (!r) break;
      for (const auto& p : r->items) {
        out.insert(p.id);
        EXPECT_NE(p.resident_id.find("********"), std::string::npos) << "unmasked id in a list";
      }
      if (r->next_cursor.empty()) break;
      page.cursor = r->next_cursor;
    }
    return out;
  }

  // Checks lists, single reads and a write for `actor` against the expected household set.
  void ExpectScope(const Actor& actor, const std::set<int64_t>& households) {
    SCOPED_TRACE(fmt::format("{} {}", RoleName(actor.role), actor.username));
    ASSERT_FALSE(households.empty());
    EXPECT_EQ(ListedHouseholds(actor), households);
    std::set<int64_t> persons;
    for (int64_t h : households) {
      persons.insert(2 * (h - 1) + 1);
      persons.insert(2 * (h - 1) + 2);
    }
    EXPECT_EQ(ListedPersons(actor), persons);
    for (int64_t h = 1; h <= 6; ++h) {
      const bool in = households.count(h) > 0;
      auto g = svc_->GetHousehold(actor, h);
      EXPECT_EQ(g.has_value(), in) << "household " << h;
      if (!in && !g) {
        EXPECT_EQ(g.error().code, ErrorCode::kNotFound);
        EXPECT_EQ(g.error().value, std::to_string(h));
      }
      auto p = svc_->GetPerson(actor, 2 * (h - 1) + 2);
      EXPECT_EQ(p.has_value(), in) << "person of household " << h;
      if (!in && !p) {
        EXPECT_EQ(p.error().code, ErrorCode::kNotFound);
      }
      if (!in) {
        // Writes outside the scope read as absent too, and change nothing.
        HouseholdPatch hp;
        hp.convention_signed = true;
        auto u = svc_->UpdateHousehold(actor, h, hp, 1);
        ASSERT_FALSE(u);
        EXPECT_EQ(u.error().code, ErrorCode::kNotFound);
        PersonPatch pp;
        pp.phone = "13812345678";
        auto up = svc_->UpdatePerson(actor, 2 * (h - 1) + 2, pp, 1);
        ASSERT_FALSE(up);
        EXPECT_EQ(up.error().code, ErrorCode::kNotFound);
      }
    }
    EXPECT_EQ(AuditRows(), 0);
    EXPECT_EQ(Count("SELECT sum(version) FROM households"), 6);
  }
};

TEST_F(RegistryScopeTest, TownshipStaffSeeOriginOrSiteInTheirTownship) {
  for (std::string t : {"141124100", "141124101", "141124102"}) {
    // Independent SQL: households whose origin village is in t, plus those whose site is in t.
    auto expected = Ids(fmt::format(
        "SELECT h.id FROM households h, origin_villages o WHERE o.id = h.origin_village_id AND o.township_code = '{0}' "
        "UNION SELECT h.id FROM households h, sites s WHERE s.id = h.site_id AND s.township_code = '{0}'", t));
    ExpectScope(TownshipStaff(t), expected);
  }
  // The hand-worked sets of the table at the top of this file.
  EXPECT_EQ(ListedHouseholds(TownshipStaff("141124100")), (std::set<int64_t>{1, 2, 3}));
  EXPECT_EQ(ListedHouseholds(TownshipStaff("141124101")), (std::set<int64_t>{3, 4, 5}));
  EXPECT_EQ(ListedHouseholds(TownshipStaff("141124102")), (std::set<int64_t>{1, 4, 6}));
}

TEST_F(RegistryScopeTest, SiteManagersSeeTheirSite) {
  for (int64_t s = 1; s <= 3; ++s)
    ExpectScope(SiteManager(s), Ids(fmt::format("SELECT id FROM households WHERE site_id = {}", s)));
  EXPECT_EQ(ListedHouseholds(SiteManager(2)), (std::set<int64_t>{3, 5}));
}

TEST_F(RegistryScopeTest, GridWorkersSeeTheirGrid) {
  for (int64_t g = 1; g <= 3; ++g) {
    auto expected = Ids(fmt::format("SELECT id FROM households WHERE grid_id = {}", g));
    ExpectScope(GridWorker(g), expected);
  }
  EXPECT_EQ(ListedHouseholds(GridWorker(3)), (std::set<int64_t>{3, 5}));
  // A search cannot reach outside the grid either: 居民1 is in household 1 (grid 1).
  auto hits = svc_->FindPersons(GridWorker(3), "居民1");
  ASSERT_TRUE(hits);
  std::set<int64_t> found;
  for (const auto& p : *hits) found.insert(p.id);
  // In grid 3 live 居民5, 居民6 (H3), 居民9, 居民10 (H5): only 居民10 starts with 居民1.
  EXPECT_EQ(found, (std::set<int64_t>{10}));
}

// ---------------------------------------------------------------------------------------------
// Generation rule (kept by the demo generator; enforced here).

TEST_F(RegistryServiceTest, ChildMustBeBornSixteenYearsAfterTheHead) {
  // Head born 1965-03-12: a child born 1981-03-11 is one day short, 1981-03-12 is fine.
  int64_t hh = Create({MakePerson("王建国", Relationship::kHead, "19650312", 15)});
  Person early = MakePerson("王早", Relationship::kChild, "19810311", 31);
  early.household_id = hh;
  auto r = svc_->AddPerson(Staff(), early);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().field, "birth_date");
  EXPECT_EQ(r.error().value, "1981-03-11");
  EXPECT_NE(r.error().message.find("1965-03-12"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("1981-03-11"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message_zh.find("1965-03-12"), std::string::npos);
  Person ok = MakePerson("王准", Relationship::kChild, "19810312", 33);
  ok.household_id = hh;
  EXPECT_TRUE(svc_->AddPerson(Staff(), ok));

  // In a new household the detail names the member.
  NewHousehold in;
  in.household = Household{0, "LX-000002", registry::Category::kCoRelocated, 2, 2, std::nullopt, std::nullopt,
                           D(2020, 1, 15), false, 1};
  in.members = {MakePerson("赵一", Relationship::kHead, "19800101", 35), MakePerson("赵二", Relationship::kChild, "19901231", 37)};
  auto c = svc_->CreateHousehold(Staff(), in);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().field, "members[1].birth_date");
  EXPECT_NE(c.error().message.find("1980-01-01"), std::string::npos);

  // Changing the relationship of an existing member to child is checked as well: the spouse
  // (born 1968) cannot become a child of the head born 1965.
  int64_t fam = Create({MakePerson("周大", Relationship::kHead, "19650312", 19),
                        MakePerson("吴兰", Relationship::kSpouse, "19680720", 28),
                        MakePerson("周小", Relationship::kChild, "19900105", 35)}, "LX-000003");
  PersonPatch p;
  p.relationship = Relationship::kChild;
  auto u = svc_->UpdatePerson(Staff(), PersonId("吴兰"), p, 1);
  ASSERT_FALSE(u);
  EXPECT_EQ(u.error().field, "birth_date");
  // Nor can the head's birth date move to 1975 while a son born 1990 lives with them.
  PersonPatch hp;
  hp.resident_id = Rid("19750312", 19);
  hp.birth_date = D(1975, 3, 12);
  const int64_t head = Count(fmt::format("SELECT id FROM persons WHERE household_id = {} AND relationship = 'head'", fam));
  auto uh = svc_->UpdatePerson(Staff(), head, hp, 1);
  ASSERT_FALSE(uh);
  EXPECT_NE(uh.error().message.find("1990-01-05"), std::string::npos) << uh.error().message;
}

TEST_F(RegistryServiceTest, ParentMustBeBornSixteenYearsBeforeTheHead) {
  int64_t hh = Create({MakePerson("王建国", Relationship::kHead, "19650312", 15)});
  Person young = MakePerson("王父", Relationship::kParent, "19490313", 17);  // 15 years 364 days older
  young.household_id = hh;
  auto r = svc_->AddPerson(Staff(), young);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "birth_date");
  EXPECT_NE(r.error().message.find("1949-03-13"), std::string::npos);
  EXPECT_NE(r.error().message.find("1965-03-12"), std::string::npos);
  Person ok = MakePerson("王母", Relationship::kParent, "19490312", 18);
  ok.household_id = hh;
  EXPECT_TRUE(svc_->AddPerson(Staff(), ok));
  // ChangeHead checks the old head in their new role against the new head: a son born 1990
  // taking over is fine (the old head, 1965, becomes his parent) …
  int64_t fam = Create({MakePerson("周大", Relationship::kHead, "19650312", 19),
                        MakePerson("周小", Relationship::kChild, "19900105", 35)}, "LX-000003");
  const int64_t son = Count(fmt::format("SELECT id FROM persons WHERE household_id = {} AND relationship = 'child'", fam));
  EXPECT_TRUE(ChangeHead(Staff(), son, Relationship::kParent));
  // … but the spouse (1968) cannot take over with the old head (1965) recorded as her parent.
  int64_t fam2 = Create({MakePerson("刘强", Relationship::kHead, "19700101", 51),
                         MakePerson("陈芳", Relationship::kSpouse, "19710202", 52)}, "LX-000009");
  const int64_t wife = Count(fmt::format("SELECT id FROM persons WHERE household_id = {} AND relationship = 'spouse'", fam2));
  const int64_t audit = AuditRows();
  auto ch = ChangeHead(Staff(), wife, Relationship::kParent);
  ASSERT_FALSE(ch);
  EXPECT_EQ(ch.error().field, fmt::format("relationships.{}", PersonId("刘强")));
  EXPECT_EQ(AuditRows(), audit);
  EXPECT_EQ(Text(fmt::format("SELECT relationship FROM persons WHERE id = {}", wife)), "spouse");
  EXPECT_TRUE(ChangeHead(Staff(), wife, Relationship::kSpouse));
}

TEST_F(RegistryServiceTest, InLawsCloseInAgeAreFlaggedNotRefused) {
  int64_t hh = Create({MakePerson("王建国", Relationship::kHead, "19650312", 15),
                       MakePerson("王小明", Relationship::kChild, "19900105", 31)});
  Person dil = MakePerson("周丽", Relationship::kDaughterInLaw, "19780101", 40);  // 12 years younger than the head
  dil.household_id = hh;
  auto id = svc_->AddPerson(Staff(), dil);
  ASSERT_TRUE(id) << id.error().ToString();
  auto d = svc_->GetHousehold(Staff(), hh);
  ASSERT_TRUE(d);
  ASSERT_EQ(d->warnings.size(), 1u);
  EXPECT_EQ(d->warnings[0].person_id, *id);
  EXPECT_EQ(d->warnings[0].field, "birth_date");
  EXPECT_NE(d->warnings[0].message.find("1978-01-01"), std::string::npos);
  EXPECT_NE(d->warnings[0].message.find("1965-03-12"), std::string::npos);
  // A daughter-in-law 25 years younger raises nothing.
  int64_t other = Create({MakePerson("李四", Relationship::kHead, "19650312", 17),
                          MakePerson("孙梅", Relationship::kDaughterInLaw, "19900312", 42)}, "LX-000002");
  auto d2 = svc_->GetHousehold(Staff(), other);
  ASSERT_TRUE(d2);
  EXPECT_TRUE(d2->warnings.empty());
}

TEST_F(RegistryServiceTest, StoredRecordsBreakingTheRuleAreFlaggedOnRead) {
  // As an import or an old record might have it: a "child" born 10 years after the head,
  // written with SQL past the service. The detail view flags it; unrelated edits still work.
  int64_t hh = Create({MakePerson("王建国", Relationship::kHead, "19650312", 15)});
  Person kid = MakePerson("王错", Relationship::kChild, "19750601", 31);
  auto st = db_->Prepare("INSERT INTO persons (household_id, resident_id, name, sex, birth_date, relationship) "
                         "VALUES (?1, ?2, ?3, 'male', '1975-06-01', 'child')");
  ASSERT_TRUE(st);
  st->Bind(1, hh).Bind(2, kid.resident_id).Bind(3, kid.name);
  ASSERT_TRUE(st->Run());
  const int64_t kid_id = PersonId("王错");
  auto d = svc_->GetHousehold(Staff(), hh);
  ASSERT_TRUE(d);
  ASSERT_EQ(d->warnings.size(), 1u);
  EXPECT_EQ(d->warnings[0].person_id, kid_id);
  EXPECT_NE(d->warnings[0].message.find("1975-06-01"), std::string::npos) << d->warnings[0].message;
  EXPECT_NE(d->warnings[0].message.find("1965-03-12"), std::string::npos);
  PersonPatch phone;
  phone.phone = "13812345678";
  EXPECT_TRUE(svc_->UpdatePerson(Staff(), kid_id, phone, 1));
  // Correcting the relationship clears the warning.
  PersonPatch rel;
  rel.relationship = Relationship::kSibling;
  EXPECT_TRUE(svc_->UpdatePerson(Staff(), kid_id, rel, 2));
  auto d2 = svc_->GetHousehold(Staff(), hh);
  ASSERT_TRUE(d2);
  EXPECT_TRUE(d2->warnings.empty());
}

// ---------------------------------------------------------------------------------------------
// Audit entries commit with the change, or not at all.

TEST_F(RegistryServiceTest, AuditEntriesCommitWithTheChange) {
  int64_t hh = CreateFamily();
  // 1 household + 3 persons, each with a create entry naming the actor, in one chain.
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'create' AND username = 'test_county_staff'"), 4);
  EXPECT_EQ(Count(fmt::format("SELECT count(*) FROM audit_log WHERE entity = 'household' AND entity_id = '{}'", hh)), 1);
  PersonPatch p;
  p.phone = "13812345678";
  const int64_t son = PersonId("王小明");
  ASSERT_TRUE(svc_->UpdatePerson(Staff(), son, p, 1));
  EXPECT_EQ(Text(fmt::format("SELECT changes FROM audit_log WHERE action = 'update' AND entity_id = '{}'", son)),
            R"({"phone":["","13812345678"]})");
  auto v = VerifyAuditTrail(*db_);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->entries, 5);
  EXPECT_EQ(v->first_bad_seq, 0);
}

// A created record has no "before" and a deleted one no "after": null, not placeholder values
// such as "0000-00-00" or household 0 (a defect seen in the web UI's change history).
TEST_F(RegistryServiceTest, CreateAndDeleteAuditEntriesUseNullNotPlaceholders) {
  CreateFamily();
  const int64_t son = PersonId("王小明");
  const std::string created =
      Text(fmt::format("SELECT changes FROM audit_log WHERE action = 'create' AND entity = 'person' "
                       "AND entity_id = '{}'", son));
  EXPECT_NE(created.find(R"("birth_date":[null,"1990-01-05"])"), std::string::npos) << created;
  EXPECT_NE(created.find(R"("name":[null,"王小明"])"), std::string::npos) << created;
  EXPECT_EQ(created.find("0000-00-00"), std::string::npos) << created;
  EXPECT_EQ(created.find(R"("phone")"), std::string::npos) << created;  // no phone given
  ASSERT_TRUE(svc_->DeletePerson(Staff(), son, 1, "test: entered in error"));
  const std::string deleted =
      Text(fmt::format("SELECT changes FROM audit_log WHERE action = 'delete' AND entity = 'person' "
                       "AND entity_id = '{}'", son));
  // Issue #14: a delete ends the membership as entered in error (the row stays), so the entry
  // shows the period made empty, null before, not the person's fields going to null.
  EXPECT_NE(deleted.find(R"("member_until":[null,"2019-06-30"])"), std::string::npos) << deleted;
  EXPECT_EQ(deleted.find("0000-00-00"), std::string::npos) << deleted;
}

TEST_F(RegistryServiceTest, FailedWriteLeavesNoAuditRow) {
  // A person insert that the database refuses after the household row and its audit entry were
  // written: everything rolls back, household and audit entry included.
  ASSERT_TRUE(db_->Exec("CREATE TRIGGER refuse_person BEFORE INSERT ON persons WHEN NEW.name = '拒绝' "
                        "BEGIN SELECT RAISE(ABORT, 'refused by test trigger'); END"));
  auto c = svc_->CreateHousehold(Staff(), NewHousehold{
      Household{0, "LX-000001", registry::Category::kRegisteredPoor, 1, 1, std::nullopt, std::nullopt, D(2019, 6, 30), false, 1},
      {MakePerson("王建国", Relationship::kHead, "19650312", 15), MakePerson("拒绝", Relationship::kSpouse, "19680720", 24)}});
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().message.find("refused by test trigger"), std::string::npos) << c.error().message;
  EXPECT_EQ(Count("SELECT count(*) FROM households"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM persons"), 0);
  EXPECT_EQ(AuditRows(), 0);

  // An audit append that fails after the person row was updated: the update rolls back.
  int64_t hh = CreateFamily();
  (void)hh;
  const int64_t audit = AuditRows();
  ASSERT_TRUE(db_->Exec("CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log WHEN NEW.action = 'update' "
                        "BEGIN SELECT RAISE(ABORT, 'audit refused by test trigger'); END"));
  const int64_t son = PersonId("王小明");
  PersonPatch p;
  p.phone = "13812345678";
  auto u = svc_->UpdatePerson(Staff(), son, p, 1);
  ASSERT_FALSE(u);
  EXPECT_EQ(Count(fmt::format("SELECT count(*) FROM persons WHERE id = {} AND phone IS NULL AND version = 1", son)), 1);
  EXPECT_EQ(AuditRows(), audit);
  // And the service still works afterwards (no transaction left open).
  ASSERT_TRUE(db_->Exec("DROP TRIGGER refuse_audit"));
  EXPECT_TRUE(svc_->UpdatePerson(Staff(), son, p, 1));
  EXPECT_EQ(AuditRows(), audit + 1);
}

// ---------------------------------------------------------------------------------------------
// Plausibility (issue #12 item 6): the service refuses what the API's own checks would refuse,
// even when a caller skips them, and a refused write changes nothing. The clock is fixed at
// 2025-06-01 (China).

class PlausibilityTest : public RegistryServiceTest {
 protected:
  void SetUp() override {
    RegistryServiceTest::SetUp();
    svc_ = std::make_unique<RegistryService>(*repo_, [] { return D(2025, 6, 1); });
  }
  std::string Row(int64_t person) {
    return Text(fmt::format("SELECT name || '|' || ifnull(ethnicity,'') || '|' || ifnull(education,'') || '|' || "
                            "ifnull(employer,'') || '|' || version FROM persons WHERE id = {}", person));
  }
  // The fields of a refusal (details, or the error itself when it names one field).
  static std::vector<std::string> Fields(const Error& e) {
    std::vector<std::string> out;
    for (const auto& d : e.details) out.push_back(d.field);
    if (out.empty()) out.push_back(e.field);
    return out;
  }
};

TEST_F(PlausibilityTest, MoveInDatesInTheFutureOrBefore1900AreRefused) {
  NewHousehold in;
  in.household = Household{0, "LX-000050", registry::Category::kRegisteredPoor, 1, 1, std::nullopt, std::nullopt,
                           D(2099, 1, 1), false, 1};
  in.members = {MakePerson("赵一", Relationship::kHead, "19700101", 35)};
  auto c = svc_->CreateHousehold(Staff(), in);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(c.error().field, "move_in_date");
  EXPECT_EQ(c.error().value, "2099-01-01");
  EXPECT_NE(c.error().message.find("after today, 2025-06-01"), std::string::npos) << c.error().message;
  EXPECT_EQ(Count("SELECT count(*) FROM households"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM persons"), 0);
  EXPECT_EQ(AuditRows(), 0);

  const int64_t hh = CreateFamily();
  const int64_t audit = AuditRows();
  for (Date bad : {D(2025, 6, 2), D(1899, 12, 31)}) {
    HouseholdPatch hp;
    hp.move_in_date = bad;
    auto u = svc_->UpdateHousehold(Staff(), hh, hp, 1);
    ASSERT_FALSE(u) << FormatIsoDate(bad);
    EXPECT_EQ(u.error().field, "move_in_date");
    EXPECT_EQ(u.error().value, FormatIsoDate(bad));
    EXPECT_EQ(Text(fmt::format("SELECT move_in_date || '|' || version FROM households WHERE id = {}", hh)),
              "2019-06-30|1");
    EXPECT_EQ(AuditRows(), audit);
  }
  for (Date good : {D(2025, 6, 1), D(1900, 1, 1)}) {  // today and the earliest day
    HouseholdPatch hp;
    hp.move_in_date = good;
    const int64_t version = Count(fmt::format("SELECT version FROM households WHERE id = {}", hh));
    auto u = svc_->UpdateHousehold(Staff(), hh, hp, version);
    ASSERT_TRUE(u) << u.error().ToString();
    EXPECT_EQ(Text(fmt::format("SELECT move_in_date FROM households WHERE id = {}", hh)), FormatIsoDate(good));
  }
}

TEST_F(PlausibilityTest, NamesAndFreeTextWithInvisibleCharactersOrTooLongAreRefused) {
  const int64_t hh = CreateFamily();
  const int64_t son = PersonId("王小明");
  const std::string before = Row(son);
  const int64_t audit = AuditRows();
  std::string fifty;
  for (int i = 0; i < 50; ++i) fifty += "明";
  struct Case {
    std::string name, employer, field, named;
  };
  for (const Case& c : {Case{"王\u202E明", "", "name", "U+202E"}, Case{"   ", "", "name", "empty"},
                        Case{"\u3000", "", "name", "empty"}, Case{fifty + "明", "", "name", "51 characters"},
                        Case{"王小明", "城北\u200B车间", "employer", "U+200B"},
                        Case{"王小明", "车间\x1F", "employer", "U+001F"},
                        Case{"王小明", std::string(101, 'a'), "employer", "101 characters"}}) {
    PersonPatch p;
    p.name = c.name;
    p.employer = c.employer;
    auto u = svc_->UpdatePerson(Staff(), son, p, 1);
    ASSERT_FALSE(u) << c.named;
    EXPECT_EQ(u.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(Fields(u.error()), std::vector<std::string>{c.field}) << c.named;
    EXPECT_NE(u.error().message.find(c.named), std::string::npos) << u.error().message;
    EXPECT_FALSE(u.error().message_zh.empty());
    EXPECT_EQ(Row(son), before);
    EXPECT_EQ(AuditRows(), audit);
  }
  // A new member with a bad name is not added.
  Person bad = MakePerson("王\u200B二", Relationship::kChild, "19920101", 33);
  bad.household_id = hh;
  auto a = svc_->AddPerson(Staff(), bad);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().field, "name");
  EXPECT_EQ(Count(fmt::format("SELECT count(*) FROM persons WHERE household_id = {}", hh)), 3);
  EXPECT_EQ(AuditRows(), audit);
  // Fifty characters are accepted.
  PersonPatch ok;
  ok.name = fifty;
  EXPECT_TRUE(svc_->UpdatePerson(Staff(), son, ok, 1));
}

TEST_F(PlausibilityTest, EthnicityAndEducationComeFromTheirListsInOneStoredForm) {
  CreateFamily();
  const int64_t son = PersonId("王小明");
  const int64_t audit = AuditRows();
  const std::string before = Row(son);
  for (auto [eth, edu, field] : {std::tuple{"穿青人", "", "ethnicity"}, std::tuple{"火星族", "", "ethnicity"},
                                 std::tuple{"", "大学", "education"}, std::tuple{"", "90", "education"}}) {
    PersonPatch p;
    if (*eth) p.ethnicity = eth;
    if (*edu) p.education = edu;
    auto u = svc_->UpdatePerson(Staff(), son, p, 1);
    ASSERT_FALSE(u) << eth << edu;
    EXPECT_EQ(u.error().field, field);
    EXPECT_EQ(u.error().value, *eth ? eth : edu);
    EXPECT_EQ(Row(son), before);
    EXPECT_EQ(AuditRows(), audit);
  }
  // 穿青人: the fix names 其他.
  PersonPatch cq;
  cq.ethnicity = "穿青人";
  EXPECT_NE(svc_->UpdatePerson(Staff(), son, cq, 1).error().message.find("其他"), std::string::npos);
  // Name without 族, the GB/T 3304 code, and 中专 / 中等专业学校: stored in one form.
  PersonPatch p;
  p.ethnicity = "汉";
  p.education = "中等专业学校";
  ASSERT_TRUE(svc_->UpdatePerson(Staff(), son, p, 1));
  EXPECT_EQ(Row(son), "王小明|汉族|中专||2");
  p.ethnicity = "03";
  p.education = "中专";
  ASSERT_TRUE(svc_->UpdatePerson(Staff(), son, p, 2));
  EXPECT_EQ(Row(son), "王小明|回族|中专||3");
}

TEST_F(PlausibilityTest, BirthBefore1900IsRefusedEvenWithAValidId) {
  const int64_t hh = Create({MakePerson("王建国", Relationship::kHead, "19650312", 15)});
  const int64_t audit = AuditRows();
  Person old = MakePerson("王老", Relationship::kOther, "18991231", 17);  // id check digit is right
  old.household_id = hh;
  auto a = svc_->AddPerson(Staff(), old);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().field, "birth_date");
  EXPECT_EQ(a.error().value, "1899-12-31");
  EXPECT_EQ(Count("SELECT count(*) FROM persons"), 1);
  EXPECT_EQ(AuditRows(), audit);
}

TEST_F(PlausibilityTest, StoredValuesBreakingTheRulesDoNotBlockOtherEdits) {
  CreateFamily();
  const int64_t son = PersonId("王小明");
  // As an older import could have stored them.
  ASSERT_TRUE(db_->Exec(fmt::format("UPDATE persons SET name = '王\u200B小明', ethnicity = '汉', education = '大学' "
                                    "WHERE id = {}", son)));
  PersonPatch p;
  p.phone = "13812345678";
  auto u = svc_->UpdatePerson(Staff(), son, p, 1);
  ASSERT_TRUE(u) << u.error().ToString();
  EXPECT_EQ(Text(fmt::format("SELECT phone FROM persons WHERE id = {}", son)), "13812345678");
}

}  // namespace
}  // namespace anju::storage
