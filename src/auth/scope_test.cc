// Each role sees exactly its scope through the service layer (issue 5, "Done when"): accounts
// made by AuthService, actors from their sessions, reads and writes through RegistryService on
// the SQLite repositories. The fixture is small and the expected sets are worked out by hand:
//
//   townships T1 141124100 临泉镇, T2 141124101 白文镇, T3 141124102 城庄镇
//   origin villages ov1 in T1, ov2 in T2, ov3 in T3
//   sites S1 城北安置点 (T1), S2 城南安置点 (T2), S3 城庄安置点 (T3)
//   grids G1, G2 of S1; G3 of S2
//   household  origin  site  grid   seen by township T1 (origin or site in T1)
//   H1         ov2     S1    G1     T1 (site), T2 (origin)
//   H2         ov1     S2    G3     T1 (origin), T2 (site)
//   H3         ov3     S3    -      T3 only
//   H4         ov3     S1    G2     T1 (site), T3 (origin)
//   H5         ov2     S2    -      T2 only
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "auth/auth_service.h"
#include "importer/export.h"
#include "core/resident_id.h"
#include "registry/registry_service.h"
#include "storage/migrate.h"
#include "auth/storage/sqlite_auth_repository.h"
#include "importer/storage/sqlite_import_repository.h"
#include "registry/storage/sqlite_registry_repository.h"

namespace anju::auth {
namespace {

using registry::RegistryService;

// A valid resident id born 1980-01-01 in Lin County with sequence `seq` (odd: male).
std::string IdFor(int seq) {
  std::string first17 = fmt::format("14112419800101{:03d}", seq);
  return first17 + ResidentIdCheckChar(first17);
}

class ScopeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(*storage::Database::Open(":memory:"));
    ASSERT_TRUE(storage::Migrate(*db_));
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
      INSERT INTO households (id, household_no, category, origin_village_id, site_id, grid_id,
                              move_in_date) VALUES
        (1,'LX-000001','registered_poor',2,1,1,'2019-06-30'),
        (2,'LX-000002','registered_poor',1,2,3,'2019-06-30'),
        (3,'LX-000003','co_relocated',3,3,NULL,'2019-06-30'),
        (4,'LX-000004','registered_poor',3,1,2,'2019-06-30'),
        (5,'LX-000005','registered_poor',2,2,NULL,'2020-01-15');
    )"));
    for (int h = 1; h <= 5; ++h) {
      auto st = *db_->Prepare(
          "INSERT INTO persons (id, household_id, resident_id, name, sex, birth_date, "
          "relationship, phone) VALUES (?, ?, ?, ?, 'male', '1980-01-01', 'head', ?)");
      st.Bind(1, h).Bind(2, h).Bind(3, IdFor(2 * h - 1)).Bind(4, fmt::format("户主{}", h))
          .Bind(5, fmt::format("1381234567{}", h));
      ASSERT_TRUE(st.Run());
    }
    auth_repo_ = std::make_unique<storage::SqliteAuthRepository>(*db_);
    AuthOptions o;
    o.hash = PasswordHashParams::FastForTests();
    auth_ = std::make_unique<AuthService>(*auth_repo_, o);
    reg_repo_ = std::make_unique<storage::SqliteRegistryRepository>(*db_);
    reg_ = std::make_unique<RegistryService>(*reg_repo_);
  }

  // An actor for a new account with `grant`, obtained through login and Authenticate.
  Actor ActorWith(const std::string& name, Grant grant) {
    auto made = auth_->AddUser(SystemActor(), {name, "", grant, std::string("Scope-test-pass-1")});
    EXPECT_TRUE(made) << made.error().ToString();
    auto s = auth_->Login(name, "Scope-test-pass-1", "127.0.0.1");
    EXPECT_TRUE(s);
    auto a = auth_->Authenticate(s->token, "127.0.0.1");
    EXPECT_TRUE(a);
    return *a;
  }

  std::set<int64_t> Households(const Actor& a) {
    auto page = reg_->ListHouseholds(a, {}, {}, {.limit = 500});
    EXPECT_TRUE(page) << page.error().ToString();
    std::set<int64_t> ids;
    for (const auto& s : page->items) ids.insert(s.household.id);
    return ids;
  }
  std::set<int64_t> Persons(const Actor& a) {
    auto page = reg_->ListPersons(a, {}, {}, {.limit = 500});
    EXPECT_TRUE(page) << page.error().ToString();
    std::set<int64_t> ids;
    for (const auto& p : page->items) ids.insert(p.household_id);
    return ids;
  }
  // The households whose detail the actor can open (the others must answer kNotFound).
  std::set<int64_t> Details(const Actor& a) {
    std::set<int64_t> ids;
    for (int64_t h = 1; h <= 5; ++h) {
      auto d = reg_->GetHousehold(a, h);
      if (d) {
        ids.insert(h);
      } else {
        EXPECT_EQ(d.error().code, ErrorCode::kNotFound) << h << ": " << d.error().ToString();
      }
      auto p = reg_->GetPerson(a, h);  // person h is the head of household h
      EXPECT_EQ(p.has_value(), d.has_value()) << "person " << h;
      if (!p) {
        EXPECT_EQ(p.error().code, ErrorCode::kNotFound);
      }
    }
    return ids;
  }
  void ExpectSees(const Actor& a, const std::set<int64_t>& want) {
    EXPECT_EQ(Households(a), want) << a.username;
    EXPECT_EQ(Persons(a), want) << a.username;
    EXPECT_EQ(Details(a), want) << a.username;
  }

  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<storage::SqliteAuthRepository> auth_repo_;
  std::unique_ptr<AuthService> auth_;
  std::unique_ptr<storage::SqliteRegistryRepository> reg_repo_;
  std::unique_ptr<RegistryService> reg_;
};

TEST_F(ScopeTest, EachRoleSeesExactlyItsScope) {
  ExpectSees(ActorWith("admin1", {Role::kCountyAdmin, "", "", 0}), {1, 2, 3, 4, 5});
  ExpectSees(ActorWith("staff1", {Role::kCountyStaff, "", "", 0}), {1, 2, 3, 4, 5});
  ExpectSees(ActorWith("auditor1", {Role::kAuditor, "", "", 0}), {1, 2, 3, 4, 5});
  ExpectSees(ActorWith("town1", {Role::kTownshipStaff, "141124100", "", 0}), {1, 2, 4});
  ExpectSees(ActorWith("town2", {Role::kTownshipStaff, "141124101", "", 0}), {1, 2, 5});
  ExpectSees(ActorWith("town3", {Role::kTownshipStaff, "141124102", "", 0}), {3, 4});
  ExpectSees(ActorWith("site1", {Role::kSiteManager, "", "城北安置点", 0}), {1, 4});
  ExpectSees(ActorWith("site2", {Role::kSiteManager, "", "2", 0}), {2, 5});
  ExpectSees(ActorWith("grid1", {Role::kGridWorker, "", "", 1}), {1});
  ExpectSees(ActorWith("grid2", {Role::kGridWorker, "", "", 2}), {4});
  ExpectSees(ActorWith("grid3", {Role::kGridWorker, "", "", 3}), {2});
}

TEST_F(ScopeTest, OutsideTheScopeIsNotFoundNotForbidden) {
  Actor grid = ActorWith("grid1", {Role::kGridWorker, "", "", 1});
  // Another grid's household (H4, grid G2 of the same site) and a household that does not
  // exist answer the same way, so existence does not leak.
  auto other = reg_->GetHousehold(grid, 4);
  auto absent = reg_->GetHousehold(grid, 999);
  ASSERT_FALSE(other);
  ASSERT_FALSE(absent);
  EXPECT_EQ(other.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(absent.error().code, ErrorCode::kNotFound);
  // Writes outside the scope: not found either, and nothing changes.
  auto upd = reg_->UpdateHousehold(grid, 4, {.convention_signed = true}, 1);
  ASSERT_FALSE(upd);
  EXPECT_EQ(upd.error().code, ErrorCode::kNotFound);
  auto del = reg_->DeletePerson(grid, 4, 1, "test: entered in error");
  ASSERT_FALSE(del);
  EXPECT_EQ(del.error().code, ErrorCode::kNotFound);
  auto st = *db_->Prepare("SELECT convention_signed, (SELECT count(*) FROM persons) FROM households WHERE id = 4");
  ASSERT_TRUE(*st.Step());
  EXPECT_EQ(st.ColumnInt(0), 0);
  EXPECT_EQ(st.ColumnInt(1), 5);
  // Search by a whole resident id from outside the scope finds nothing.
  auto found = reg_->FindPersons(grid, IdFor(7));  // head of H4
  ASSERT_TRUE(found);
  EXPECT_TRUE(found->empty());
  auto mine = reg_->FindPersons(grid, IdFor(1));  // head of H1
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->size(), 1u);
}

TEST_F(ScopeTest, AuditorReadsButCannotWrite) {
  Actor auditor = ActorWith("auditor1", {Role::kAuditor, "", "", 0});
  auto upd = reg_->UpdateHousehold(auditor, 1, {.convention_signed = true}, 1);
  ASSERT_FALSE(upd);
  EXPECT_EQ(upd.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(reg_->DeletePerson(auditor, 1, 1, "test: entered in error").error().code, ErrorCode::kPermissionDenied);
}

TEST_F(ScopeTest, ListsMaskAndWholeViewsAreAudited) {
  Actor site = ActorWith("site1", {Role::kSiteManager, "", "城北安置点", 0});
  auto page = reg_->ListPersons(site, {}, {}, {.limit = 500});
  ASSERT_TRUE(page);
  ASSERT_EQ(page->items.size(), 2u);
  for (const auto& p : page->items) {
    EXPECT_EQ(p.resident_id, MaskResidentId(IdFor(2 * static_cast<int>(p.household_id) - 1)));
    EXPECT_EQ(p.phone, fmt::format("138****567{}", p.household_id));
  }
  auto masked = reg_->GetPerson(site, 1);
  ASSERT_TRUE(masked);
  EXPECT_EQ(masked->resident_id, MaskResidentId(IdFor(1)));
  // Whole views only for county roles (ids.view_whole, issue #14 item 6): a site manager's
  // full=true is refused naming the field, shows nothing and is not audited.
  auto refused = reg_->GetPerson(site, 1, /*full=*/true);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(refused.error().field, "full");
  EXPECT_EQ(reg_->GetHousehold(site, 1, true).error().code, ErrorCode::kPermissionDenied);
  Actor staff = ActorWith("staff1", {Role::kCountyStaff, "", "", 0});
  auto whole = reg_->GetPerson(staff, 1, /*full=*/true);
  ASSERT_TRUE(whole);
  EXPECT_EQ(whole->resident_id, IdFor(1));
  EXPECT_EQ(whole->phone, "13812345671");
  // The whole view is in the audit trail: who looked at whom, and what was shown.
  auto st = *db_->Prepare(
      "SELECT username, role, entity, entity_id, changes FROM audit_log WHERE action = 'view_full'");
  ASSERT_TRUE(*st.Step());
  EXPECT_EQ(st.ColumnText(0), "staff1");
  EXPECT_EQ(st.ColumnText(1), "county_staff");
  EXPECT_EQ(st.ColumnText(2), "person");
  EXPECT_EQ(st.ColumnText(3), "1");
  EXPECT_EQ(st.ColumnText(4), R"({"shown":"resident_id phone"})");
  EXPECT_FALSE(*st.Step());  // exactly one: neither the masked read nor the refusal
  // A whole view of an absent record is not found and not audited as a view.
  EXPECT_EQ(reg_->GetPerson(staff, 999, true).error().code, ErrorCode::kNotFound);
  auto n = *db_->Prepare("SELECT count(*) FROM audit_log WHERE action = 'view_full'");
  ASSERT_TRUE(*n.Step());
  EXPECT_EQ(n.ColumnInt(0), 1);
}

TEST_F(ScopeTest, ExportsAreScopedAndMaskedForNonPrivilegedRoles) {
  storage::SqliteImportRepository exports(*db_);
  importer::ExportRequest req{importer::ExportKind::kPersons, importer::SheetFormat::kCsv, {}};
  auto csv = [&](const Actor& a) {
    auto bytes = importer::ExportToBytes(exports, a, req);
    EXPECT_TRUE(bytes) << bytes.error().ToString();
    return bytes ? *bytes : std::string();
  };
  // county_staff: privileged export, every person, whole ids and phones.
  std::string staff = csv(ActorWith("staff1", {Role::kCountyStaff, "", "", 0}));
  for (int h = 1; h <= 5; ++h) {
    EXPECT_NE(staff.find(IdFor(2 * h - 1)), std::string::npos) << h;
    EXPECT_NE(staff.find(fmt::format("1381234567{}", h)), std::string::npos) << h;
  }
  // site_manager of 城北安置点: only H1 and H4, masked; nothing whole anywhere in the file.
  std::string site = csv(ActorWith("site1", {Role::kSiteManager, "", "城北安置点", 0}));
  for (int h = 1; h <= 5; ++h) {
    EXPECT_EQ(site.find(IdFor(2 * h - 1)), std::string::npos) << h;
    EXPECT_EQ(site.find(fmt::format("1381234567{}", h)), std::string::npos) << h;
    bool in_scope = h == 1 || h == 4;
    EXPECT_EQ(site.find(MaskResidentId(IdFor(2 * h - 1))) != std::string::npos, in_scope) << h;
  }
  EXPECT_NE(site.find("138****5671"), std::string::npos);
  // auditor: county-wide but not privileged: all persons, masked.
  std::string auditor = csv(ActorWith("auditor1", {Role::kAuditor, "", "", 0}));
  for (int h = 1; h <= 5; ++h) {
    EXPECT_EQ(auditor.find(IdFor(2 * h - 1)), std::string::npos) << h;
    EXPECT_NE(auditor.find(MaskResidentId(IdFor(2 * h - 1))), std::string::npos) << h;
  }
}

// Everything a refused write must leave alone: the registry rows and the audit trail.
std::string Snapshot(storage::Database& db) {
  std::string out;
  for (const char* sql : {"SELECT id, household_no, category, origin_village_id, site_id, housing_unit_id, grid_id, "
                          "move_in_date, convention_signed, version FROM households ORDER BY id",
                          "SELECT id, household_id, resident_id, name, relationship, phone, version FROM persons ORDER BY id",
                          "SELECT count(*), coalesce(max(seq), 0) FROM audit_log"}) {
    auto st = *db.Prepare(sql);
    while (*st.Step()) {
      for (int c = 0; c < st.ColumnCount(); ++c) out += st.ColumnText(c) + "|";
      out += "\n";
    }
  }
  return out;
}

// A new household of the fixture's shape at `site` (grid `grid`) from origin village `ov`.
registry::NewHousehold NewAt(const std::string& no, int64_t ov, int64_t site, std::optional<int64_t> grid) {
  registry::NewHousehold n;
  n.household.household_no = no;
  n.household.origin_village_id = ov;
  n.household.site_id = site;
  n.household.grid_id = grid;
  n.household.move_in_date = Date{std::chrono::year{2020}, std::chrono::month{6}, std::chrono::day{30}};
  return n;
}

// Regression (issue #12, item 3): a grid worker, site manager or township user could create a
// household at a place outside their scope (it was created, then read as 404) and move one of
// theirs out of it (200). Now the target place is checked with the same rule as the current
// place: 403 permission_denied naming the field and value, and nothing written or audited.
TEST_F(ScopeTest, WritesToAPlaceOutsideTheScopeAreRefusedAndChangeNothing) {
  Actor grid = ActorWith("grid1", {Role::kGridWorker, "", "", 1});        // G1 of S1: H1
  Actor site = ActorWith("site1", {Role::kSiteManager, "", "城北安置点", 0});  // S1: H1, H4
  Actor town = ActorWith("town1", {Role::kTownshipStaff, "141124100", "", 0});  // T1: H1, H2, H4
  const std::string before = Snapshot(*db_);
  auto refused = [&](const auto& r, const std::string& field, const std::string& value) {
    ASSERT_FALSE(r) << field;
    EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied) << r.error().ToString();
    EXPECT_EQ(r.error().field, field) << r.error().ToString();
    EXPECT_EQ(r.error().value, value) << r.error().ToString();
    EXPECT_NE(r.error().message.find("outside your scope"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message_zh.find("管辖范围"), std::string::npos) << r.error().message_zh;
    // The zh message names the place in Chinese, not the API key (tester: "grid_id（2）…").
    EXPECT_EQ(r.error().message_zh.find("_id"), std::string::npos) << r.error().message_zh;
    const char* place_zh = field == "grid_id" ? "网格" : field == "site_id" ? "安置点" : "迁出村";
    EXPECT_NE(r.error().message_zh.find(place_zh), std::string::npos) << r.error().message_zh;
  };
  // Creating: at another grid of the same site, at another site, in another township.
  refused(reg_->CreateHousehold(grid, NewAt("LX-900001", 1, 1, 2)), "grid_id", "2");
  refused(reg_->CreateHousehold(grid, NewAt("LX-900002", 1, 1, std::nullopt)), "grid_id", "");
  refused(reg_->CreateHousehold(site, NewAt("LX-900003", 1, 2, 3)), "site_id", "2");
  refused(reg_->CreateHousehold(town, NewAt("LX-900004", 2, 2, 3)), "site_id", "2");  // ov2 and S2 in T2
  // Moving a household of theirs out: another grid, another site, a township neither end of.
  refused(reg_->UpdateHousehold(grid, 1, {.grid_id = std::optional<int64_t>(2)}, 1), "grid_id", "2");
  refused(reg_->UpdateHousehold(site, 1, {.site_id = 2, .grid_id = std::optional<int64_t>(3)}, 1), "site_id", "2");
  refused(reg_->UpdateHousehold(town, 1, {.site_id = 2, .grid_id = std::optional<int64_t>(3)}, 1), "site_id", "2");
  refused(reg_->UpdateHousehold(town, 2, {.origin_village_id = 2}, 1), "origin_village_id", "2");  // H2 at S2 (T2)
  refused(reg_->UpdateHousehold(town, 4, {.site_id = 2, .grid_id = std::optional<int64_t>()}, 1), "site_id",
          "2");  // H4: from T3, at S1 of T1, to S2 of T2
  EXPECT_EQ(Snapshot(*db_), before);
  // A retry is refused the same way (nothing was half-created: no 409 "already taken").
  refused(reg_->CreateHousehold(site, NewAt("LX-900003", 1, 2, 3)), "site_id", "2");

  // Within the scope the same writes succeed.
  EXPECT_TRUE(reg_->CreateHousehold(grid, NewAt("LX-900011", 3, 1, 1)));
  EXPECT_TRUE(reg_->CreateHousehold(site, NewAt("LX-900012", 3, 1, 2)));
  EXPECT_TRUE(reg_->CreateHousehold(town, NewAt("LX-900013", 1, 2, 3)));  // from T1, resettled in T2
  EXPECT_TRUE(reg_->UpdateHousehold(site, 1, {.grid_id = std::optional<int64_t>(2)}, 1));
  EXPECT_TRUE(reg_->UpdateHousehold(town, 2, {.site_id = 3, .grid_id = std::optional<int64_t>()}, 1));  // ov1 keeps it in T1
}

// The records a write may touch are judged by the same rule as the read filter in SQL: for
// every scope of the fixture and every household, ScopeCovers(scope, PlaceOf(h)) equals "the
// scoped read finds it".
TEST_F(ScopeTest, TheWriteRuleAgreesWithTheReadFilter) {
  std::vector<AccessScope> scopes = {AccessScope{}};
  for (const char* t : {"141124100", "141124101", "141124102", "141124199"})
    scopes.push_back({AccessScope::Level::kTownship, t, 0, 0});
  for (int64_t s : {1, 2, 3, 9}) scopes.push_back({AccessScope::Level::kSite, "", s, 0});
  for (int64_t g : {1, 2, 3, 9}) scopes.push_back({AccessScope::Level::kGrid, "", 0, g});
  for (const auto& scope : scopes) {
    for (int64_t id = 1; id <= 5; ++id) {
      auto h = reg_repo_->FindHousehold(AccessScope{}, id);
      ASSERT_TRUE(h && *h);
      auto place = reg_repo_->PlaceOf(**h);
      ASSERT_TRUE(place);
      auto read = reg_repo_->FindHousehold(scope, id);
      ASSERT_TRUE(read);
      EXPECT_EQ(ScopeCovers(scope, *place), read->has_value()) << DescribeScope(scope) << " household " << id;
    }
  }
}

// Regression (issue #12, item 4): deleting a household deleted its members in the same call.
// Now a household with members is refused (409, field members, the count) and nothing is
// deleted; once its members are deleted (the head last) the empty household can be.
TEST_F(ScopeTest, AHouseholdWithMembersIsNotDeleted) {
  Actor staff = ActorWith("staff1", {Role::kCountyStaff, "", "", 0});
  const std::string before = Snapshot(*db_);
  auto del = reg_->DeleteHousehold(staff, 1, 1, "test: entered in error");
  ASSERT_FALSE(del);
  EXPECT_EQ(del.error().code, ErrorCode::kConflict);
  EXPECT_EQ(del.error().field, "members");
  EXPECT_EQ(del.error().value, "1");
  EXPECT_NE(del.error().message.find("LX-000001 still has 1 member"), std::string::npos) << del.error().message;
  EXPECT_NE(del.error().message_zh.find("还有1名成员"), std::string::npos) << del.error().message_zh;
  EXPECT_EQ(Snapshot(*db_), before);
  ASSERT_TRUE(reg_->DeletePerson(staff, 1, 1, "test: entered in error"));
  // Ending a member bumps the household's version (issue #14 defect: a page opened before it
  // must not send a stale change), so the household is now at version 2.
  ASSERT_TRUE(reg_->DeleteHousehold(staff, 1, 2, "test: entered in error"));
  // Issue #14: nothing is deleted. The household stays, ended on its move-in day (never
  // counted), its member under former members as entered in error.
  auto kept = reg_->GetHousehold(staff, 1);
  ASSERT_TRUE(kept) << kept.error().ToString();
  EXPECT_TRUE(kept->members.empty());
  ASSERT_EQ(kept->former_members.size(), 1u);
  EXPECT_EQ(kept->former_members[0].kind, registry::RegisterEventKind::kEnteredInError);
  ASSERT_TRUE(kept->ended_on);
  EXPECT_EQ(*kept->ended_on, kept->household.move_in_date);
}

TEST_F(ScopeTest, RegrantTakesEffectAtOnce) {
  auto made = auth_->AddUser(SystemActor(), {"mover", "", {Role::kSiteManager, "", "1", 0},
                                             std::string("Scope-test-pass-1")});
  ASSERT_TRUE(made);
  auto s = *auth_->Login("mover", "Scope-test-pass-1", "c");
  EXPECT_EQ(Households(*auth_->Authenticate(s.token, "c")), (std::set<int64_t>{1, 4}));
  ASSERT_TRUE(auth_->GrantRole(SystemActor(), "mover", {Role::kSiteManager, "", "2", 0}));
  EXPECT_FALSE(auth_->Authenticate(s.token, "c"));  // old session (old scope) ended
  auto s2 = *auth_->Login("mover", "Scope-test-pass-1", "c");
  EXPECT_EQ(Households(*auth_->Authenticate(s2.token, "c")), (std::set<int64_t>{2, 5}));
}

}  // namespace
}  // namespace anju::auth
