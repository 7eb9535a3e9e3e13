// AuthService on the SQLite repository (":memory:") with an injected clock: logins, sessions,
// expiry, CSRF, throttling, user administration, demo accounts, the audit trail they write, and
// that no password, token or whole resident id reaches the log or the audit trail.
#include "auth/auth_service.h"

#include <gtest/gtest.h>

#include "auth/audit_service.h"
#include "auth/hardening.h"
#include "auth/token.h"
#include "storage/audit_log.h"
#include "storage/migrate.h"
#include "auth/storage/sqlite_auth_repository.h"

namespace anju::auth {
namespace {

constexpr int64_t kT0 = 1'717'200'000;  // 2024-06-01T00:00:00Z

class AuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(*storage::Database::Open(":memory:"));
    ASSERT_TRUE(storage::Migrate(*db_));
    ASSERT_TRUE(db_->Exec(
        "INSERT INTO divisions VALUES ('141124','临县','county',NULL,NULL);"
        "INSERT INTO divisions VALUES ('141124100','临泉镇','township','141124',NULL);"
        "INSERT INTO divisions VALUES ('141124101','白文镇','township','141124',NULL);"
        "INSERT INTO sites (id, name, mode, township_code) VALUES "
        "  (1,'城北安置点','county_town','141124100'), (2,'城南安置点','county_town','141124100');"
        "INSERT INTO site_aliases VALUES ('城北小区', 1, 'test alias');"
        "INSERT INTO grids (id, site_id, name) VALUES (7, 2, '城南一网格');"));
    repo_ = std::make_unique<storage::SqliteAuthRepository>(*db_);
    AuthOptions o;
    o.hash = PasswordHashParams::FastForTests();
    o.now = [this] { return now_; };
    o.log = [this](std::string_view l) { log_ += std::string(l) + "\n"; };
    svc_ = std::make_unique<AuthService>(*repo_, o);
  }

  // Creates a user with a known password through the admin API.
  void Add(const std::string& name, Grant g, const std::string& pw = "Millet-and-dates-7") {
    NewUser nu{name, "", g, pw};
    auto r = svc_->AddUser(SystemActor(), nu);
    ASSERT_TRUE(r) << r.error().ToString();
    EXPECT_EQ(r->one_time_password, "");
  }

  std::string Dump(const std::string& sql) {
    auto st = db_->Prepare(sql);
    std::string out;
    while (*st->Step()) {
      for (int i = 0; i < st->ColumnCount(); ++i) out += st->ColumnText(i) + "|";
      out += "\n";
    }
    return out;
  }
  std::string Meta(const std::string& key) {
    auto st = db_->Prepare("SELECT value FROM meta WHERE key = ?");
    st->Bind(1, key);
    return *st->Step() ? st->ColumnText(0) : "";
  }

  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<storage::SqliteAuthRepository> repo_;
  std::unique_ptr<AuthService> svc_;
  int64_t now_ = kT0;
  std::string log_;
};

TEST_F(AuthServiceTest, LoginAuthenticateLogout) {
  Add("wang", {Role::kCountyStaff, "", "", 0});
  auto s = svc_->Login("Wang", "Millet-and-dates-7", "10.0.0.5");  // username ignores case
  ASSERT_TRUE(s) << s.error().ToString();
  EXPECT_TRUE(LooksLikeToken(s->token));
  EXPECT_TRUE(LooksLikeToken(s->csrf_token));
  EXPECT_NE(s->token, s->csrf_token);
  EXPECT_EQ(s->role, Role::kCountyStaff);
  EXPECT_EQ(s->expires_at, kT0 + 30 * 60);
  EXPECT_EQ(s->absolute_expires_at, kT0 + 12 * 3600);
  auto a = svc_->Authenticate(s->token, "10.0.0.6");
  ASSERT_TRUE(a) << a.error().ToString();
  EXPECT_EQ(a->username, "wang");
  EXPECT_EQ(a->role, Role::kCountyStaff);
  EXPECT_EQ(a->client, "10.0.0.6");
  // Only the SHA-256 of the token is stored.
  EXPECT_EQ(Dump("SELECT token_hash FROM sessions"), TokenHash(s->token) + "|\n");
  ASSERT_TRUE(svc_->Logout(s->token, "10.0.0.6"));
  EXPECT_EQ(Dump("SELECT count(*) FROM sessions"), "0|\n");
  auto gone = svc_->Authenticate(s->token, "10.0.0.6");
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code, ErrorCode::kUnauthenticated);
  EXPECT_TRUE(svc_->Logout(s->token, "10.0.0.6"));  // again: nothing to do
  EXPECT_EQ(Dump("SELECT action, entity, username, client FROM audit_log WHERE action IN "
                 "('login','logout') ORDER BY seq"),
            "login|session|wang|10.0.0.5|\nlogout|session|wang|10.0.0.6|\n");
}

TEST_F(AuthServiceTest, ProductionParametersEndToEnd) {
  // The default options: libsodium's interactive argon2id limits (64 MiB, 2 passes).
  AuthService prod(*repo_, AuthOptions{});
  auto made = prod.AddUser(SystemActor(), {"prod", "", {}, std::string("Millet-and-dates-7")});
  ASSERT_TRUE(made) << made.error().ToString();
  EXPECT_EQ(Dump("SELECT substr(password_hash, 1, 31) FROM users WHERE username = 'prod'"),
            "$argon2id$v=19$m=65536,t=2,p=1$|\n");
  EXPECT_TRUE(prod.Login("prod", "Millet-and-dates-7", "c"));
  EXPECT_EQ(prod.Login("prod", "Millet-and-dates-8", "c").error().code,
            ErrorCode::kUnauthenticated);
}

TEST_F(AuthServiceTest, HashUpgradedAtLoginWhenParametersChange) {
  Add("wang", {Role::kCountyStaff, "", "", 0});  // made with FastForTests (m=64, t=1)
  AuthOptions o;
  o.hash = {2, 128 * 1024};
  o.now = [this] { return now_; };
  AuthService stronger(*repo_, o);
  ASSERT_TRUE(stronger.Login("wang", "Millet-and-dates-7", "c"));
  EXPECT_EQ(Dump("SELECT substr(password_hash, 1, 29), version FROM users"),
            "$argon2id$v=19$m=128,t=2,p=1$|2|\n");
  EXPECT_EQ(Dump("SELECT changes FROM audit_log WHERE action = 'update'"),
            "{\"password\":\"rehashed\"}|\n");
  EXPECT_TRUE(stronger.Login("wang", "Millet-and-dates-7", "c"));
}

TEST_F(AuthServiceTest, WrongPasswordAndUnknownUserLookTheSame) {
  Add("wang", {Role::kCountyStaff, "", "", 0});
  auto wrong = svc_->Login("wang", "not-the-password", "10.0.0.5");
  auto unknown = svc_->Login("nobody", "not-the-password", "10.0.0.5");
  ASSERT_FALSE(wrong);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(wrong.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(wrong.error().ToString(), unknown.error().ToString());
  EXPECT_EQ(Dump("SELECT action, username, changes FROM audit_log ORDER BY seq DESC LIMIT 2"),
            "login_failed|(unknown)|{\"reason\":\"unknown_user\",\"username\":\"no***\"}|\n"
            "login_failed|wang|{\"reason\":\"wrong_password\"}|\n");
}

TEST_F(AuthServiceTest, IdleAndAbsoluteExpiry) {
  Add("wang", {Role::kCountyStaff, "", "", 0});
  auto s = *svc_->Login("wang", "Millet-and-dates-7", "c");
  now_ += 29 * 60;
  ASSERT_TRUE(svc_->Authenticate(s.token, "c"));  // restarts the idle clock
  now_ += 29 * 60;
  ASSERT_TRUE(svc_->Authenticate(s.token, "c"));
  now_ += 30 * 60;  // exactly the idle timeout since the last request
  auto idle = svc_->Authenticate(s.token, "c");
  ASSERT_FALSE(idle);
  EXPECT_EQ(idle.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(Dump("SELECT count(*) FROM sessions"), "0|\n");  // deleted when presented

  // Absolute: a session used every 20 minutes still ends 12 h after login.
  now_ = kT0 + 86400;
  auto s2 = *svc_->Login("wang", "Millet-and-dates-7", "c");
  int64_t login_at = now_;
  while (now_ + 20 * 60 < login_at + 12 * 3600) {
    now_ += 20 * 60;
    ASSERT_TRUE(svc_->Authenticate(s2.token, "c")) << (now_ - login_at);
  }
  now_ = login_at + 12 * 3600;
  EXPECT_FALSE(svc_->Authenticate(s2.token, "c"));
}

TEST_F(AuthServiceTest, RequestsWriteLastSeenAtMostOncePerMinute) {
  Add("wang", {Role::kCountyStaff, "", "", 0});
  auto s = *svc_->Login("wang", "Millet-and-dates-7", "c");
  now_ += 59;
  ASSERT_TRUE(svc_->Authenticate(s.token, "d"));
  EXPECT_EQ(Dump("SELECT last_seen_at - created_at, client FROM sessions"), "0|c|\n");
  now_ += 1;
  ASSERT_TRUE(svc_->Authenticate(s.token, "d"));
  EXPECT_EQ(Dump("SELECT last_seen_at - created_at, client FROM sessions"), "60|d|\n");
  now_ += 30;
  EXPECT_EQ(svc_->GetSession(s.token, "d")->expires_at, kT0 + 60 + 30 * 60);
}

TEST_F(AuthServiceTest, Csrf) {
  Add("wang", {Role::kCountyStaff, "", "", 0});
  auto s = *svc_->Login("wang", "Millet-and-dates-7", "c");
  EXPECT_TRUE(svc_->CheckCsrf(s.token, s.csrf_token));
  auto missing = svc_->CheckCsrf(s.token, "");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(missing.error().message.find("X-CSRF-Token"), std::string::npos);
  auto wrong = svc_->CheckCsrf(s.token, NewToken());
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::kPermissionDenied);
  // Another session's CSRF token does not fit this one.
  auto other = *svc_->Login("wang", "Millet-and-dates-7", "c");
  EXPECT_FALSE(svc_->CheckCsrf(s.token, other.csrf_token));
  // The session token itself is not a CSRF token.
  EXPECT_FALSE(svc_->CheckCsrf(s.token, s.token));
  // GetSession hands the CSRF token back (page reload) and the static check agrees.
  auto info = svc_->GetSession(s.token, "c");
  ASSERT_TRUE(info);
  EXPECT_EQ(info->csrf_token, s.csrf_token);
  EXPECT_EQ(info->token, "");
  EXPECT_TRUE(AuthService::CheckCsrf(*info, s.csrf_token));
  EXPECT_FALSE(AuthService::CheckCsrf(*info, s.csrf_token.substr(1)));
  // A dead session: unauthenticated rather than a CSRF answer.
  ASSERT_TRUE(svc_->Logout(s.token, "c"));
  EXPECT_EQ(svc_->CheckCsrf(s.token, s.csrf_token).error().code, ErrorCode::kUnauthenticated);
}

TEST_F(AuthServiceTest, ThrottlePerAccount) {
  Add("wang", {Role::kCountyStaff, "", "", 0});
  for (int i = 0; i < 5; ++i) {
    now_ += 60;
    auto r = svc_->Login("wang", "guess-" + std::to_string(i), "10.0.0." + std::to_string(i));
    ASSERT_EQ(r.error().code, ErrorCode::kUnauthenticated);
  }
  // Sixth attempt, right password, other address: refused without checking the password.
  auto t = svc_->Login("wang", "Millet-and-dates-7", "10.9.9.9");
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().code, ErrorCode::kResourceExhausted);
  EXPECT_EQ(t.error().field, "retry_after_seconds");
  // The first failure was at kT0+60; the window is 15 min; now is kT0+300.
  EXPECT_EQ(t.error().value, std::to_string(60 + 900 - 300));
  EXPECT_NE(t.error().message.find("11 min"), std::string::npos) << t.error().message;
  // After the oldest failure leaves the window one attempt is allowed again.
  now_ = kT0 + 60 + 900;
  auto ok = svc_->Login("wang", "Millet-and-dates-7", "10.9.9.9");
  ASSERT_TRUE(ok) << ok.error().ToString();
  // Success cleared the account's failures.
  EXPECT_EQ(Dump("SELECT count(*) FROM login_failures WHERE username_hash = '" +
                 TokenHash("wang") + "'"),
            "0|\n");
  EXPECT_EQ(Dump("SELECT count(*) FROM audit_log WHERE action = 'login_failed' AND changes "
                 "LIKE '%throttled%'"),
            "1|\n");
}

TEST_F(AuthServiceTest, ThrottlePerClientAddress) {
  Add("wang", {Role::kCountyStaff, "", "", 0});
  for (int i = 0; i < 20; ++i)  // spraying: a different username each time
    ASSERT_EQ(svc_->Login("user" + std::to_string(i), "x-password-1", "203.0.113.9").error().code,
              ErrorCode::kUnauthenticated);
  auto t = svc_->Login("wang", "Millet-and-dates-7", "203.0.113.9");
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().code, ErrorCode::kResourceExhausted);
  EXPECT_TRUE(svc_->Login("wang", "Millet-and-dates-7", "198.51.100.1"));  // other address fine
}

TEST_F(AuthServiceTest, InitialAdminMustChangeOneTimePassword) {
  auto made = svc_->CreateInitialAdmin(SystemActor(), "admin");
  ASSERT_TRUE(made) << made.error().ToString();
  std::string otp = made->one_time_password;
  EXPECT_EQ(otp.size(), 16u);
  EXPECT_TRUE(made->user.must_change_password);
  EXPECT_EQ(made->user.role, Role::kCountyAdmin);
  auto s = svc_->Login("admin", otp, "c");
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->must_change_password);
  auto refused = svc_->Authenticate(s->token, "c");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(refused.error().field, "must_change_password");
  ASSERT_TRUE(svc_->GetSession(s->token, "c"));  // "who am I" still answers
  auto second = *svc_->Login("admin", otp, "d");  // another session of the same user
  // A wrong current password is a field error (the session stays), counted for throttling.
  auto wrong = svc_->ChangePassword(s->token, "c", "wrong-old-one", "New-county-pass-2024");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(wrong.error().field, "current_password");
  EXPECT_TRUE(svc_->GetSession(s->token, "c"));
  auto short_pw = svc_->ChangePassword(s->token, "c", otp, "short");
  EXPECT_EQ(short_pw.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(short_pw.error().field, "new_password");
  auto same = svc_->ChangePassword(s->token, "c", otp, otp);
  EXPECT_EQ(same.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(same.error().field, "new_password");
  auto changed = svc_->ChangePassword(s->token, "c", otp, "New-county-pass-2024");
  ASSERT_TRUE(changed) << changed.error().ToString();
  EXPECT_FALSE(changed->must_change_password);
  EXPECT_TRUE(LooksLikeToken(changed->token));
  EXPECT_NE(changed->token, s->token);            // rotated
  EXPECT_NE(changed->csrf_token, s->csrf_token);
  EXPECT_EQ(changed->absolute_expires_at, s->absolute_expires_at);
  EXPECT_FALSE(svc_->GetSession(s->token, "c"));  // the old token is dead
  auto a = svc_->Authenticate(changed->token, "c");  // the rotated session continues
  ASSERT_TRUE(a) << a.error().ToString();
  EXPECT_EQ(a->role, Role::kCountyAdmin);
  EXPECT_TRUE(svc_->CheckCsrf(changed->token, changed->csrf_token));
  EXPECT_FALSE(svc_->CheckCsrf(changed->token, s->csrf_token));
  EXPECT_FALSE(svc_->Authenticate(second.token, "d"));  // the other one ended
  EXPECT_FALSE(svc_->Login("admin", otp, "c"));
  EXPECT_TRUE(svc_->Login("admin", "New-county-pass-2024", "c"));
  // A second `init --admin admin` does not overwrite it.
  EXPECT_EQ(svc_->CreateInitialAdmin(SystemActor(), "admin").error().code, ErrorCode::kConflict);
}

TEST_F(AuthServiceTest, AdministrationScopesAndErrors) {
  Add("town", {Role::kTownshipStaff, "141124100", "", 0});
  Add("site", {Role::kSiteManager, "", "城北小区", 0});  // by alias
  Add("grid", {Role::kGridWorker, "", "", 7});
  Add("audit", {Role::kAuditor, "", "", 0});
  auto users = *svc_->ListUsers(SystemActor());
  ASSERT_EQ(users.size(), 4u);
  EXPECT_EQ(users[0].username, "audit");
  EXPECT_EQ(DescribeScope(users[0].scope), "county");
  EXPECT_EQ(DescribeScope(users[1].scope), "grid 7");
  EXPECT_EQ(DescribeScope(users[2].scope), "site 1");
  EXPECT_EQ(DescribeScope(users[3].scope), "township 141124100");
  EXPECT_EQ(users[0].scope_label, "");
  EXPECT_EQ(users[1].scope_label, "城南安置点 城南一网格");
  EXPECT_EQ(users[2].scope_label, "城北安置点");
  EXPECT_EQ(users[3].scope_label, "临泉镇");
  auto a = *svc_->Authenticate(svc_->Login("town", "Millet-and-dates-7", "c")->token, "c");
  EXPECT_EQ(a.scope.level, AccessScope::Level::kTownship);
  EXPECT_EQ(a.scope.township_code, "141124100");

  auto bad_town = svc_->AddUser(SystemActor(), {"tt2", "", {Role::kTownshipStaff, "141124999", "", 0},
                                                "Millet-and-dates-7"});
  ASSERT_FALSE(bad_town);
  EXPECT_EQ(bad_town.error().field, "township");
  EXPECT_EQ(bad_town.error().value, "141124999");
  EXPECT_EQ(svc_->AddUser(SystemActor(), {"tt3", "", {Role::kSiteManager, "", "无此安置点", 0},
                                          "Millet-and-dates-7"}).error().value, "无此安置点");
  EXPECT_EQ(svc_->AddUser(SystemActor(), {"tt4", "", {Role::kGridWorker, "", "", 99},
                                          "Millet-and-dates-7"}).error().field, "grid");
  EXPECT_EQ(svc_->AddUser(SystemActor(), {"tt5", "", {Role::kCountyStaff, "141124100", "", 0},
                                          "Millet-and-dates-7"}).error().field, "township");
  EXPECT_EQ(svc_->AddUser(SystemActor(), {"Bad Name", "", {}, "Millet-and-dates-7"})
                .error().field, "username");
  EXPECT_EQ(svc_->AddUser(SystemActor(), {"tt6", "", {}, "t6t6t6"}).error().field, "password");
  auto dup = svc_->AddUser(SystemActor(), {"TOWN", "", {}, "Millet-and-dates-7"});
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  EXPECT_EQ(dup.error().field, "username");

  // Only county admins (and the CLI) manage users.
  EXPECT_EQ(svc_->ListUsers(a).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(svc_->AddUser(a, {"tt7", "", {}, std::nullopt}).error().code,
            ErrorCode::kPermissionDenied);

  // Grant moves the scope and ends the user's sessions so the new scope applies at once.
  auto s = *svc_->Login("site", "Millet-and-dates-7", "c");
  auto g = svc_->GrantRole(SystemActor(), "site", {Role::kSiteManager, "", "2", 0});
  ASSERT_TRUE(g) << g.error().ToString();
  EXPECT_EQ(g->scope.site_id, 2);
  EXPECT_FALSE(svc_->Authenticate(s.token, "c"));
  EXPECT_EQ(Dump("SELECT changes FROM audit_log WHERE source = 'user grant'"),
            R"({"role":["site_manager","site_manager"],"scope":["site 1","site 2"]}|)" "\n");

  // Disable ends sessions and refuses logins with the same answer as a wrong password.
  auto s2 = *svc_->Login("grid", "Millet-and-dates-7", "c");
  ASSERT_TRUE(svc_->SetDisabled(SystemActor(), "grid", true));
  EXPECT_FALSE(svc_->Authenticate(s2.token, "c"));
  EXPECT_EQ(svc_->Login("grid", "Millet-and-dates-7", "c").error().code,
            ErrorCode::kUnauthenticated);
  ASSERT_TRUE(svc_->SetDisabled(SystemActor(), "grid", false));
  EXPECT_TRUE(svc_->Login("grid", "Millet-and-dates-7", "c"));
  EXPECT_EQ(svc_->SetDisabled(SystemActor(), "nobody", true).error().code, ErrorCode::kNotFound);

  // An admin cannot lock themself out.
  Add("boss", {Role::kCountyAdmin, "", "", 0});
  auto boss = *svc_->Authenticate(svc_->Login("boss", "Millet-and-dates-7", "c")->token, "c");
  EXPECT_EQ(svc_->SetDisabled(boss, "boss", true).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(svc_->GrantRole(boss, "boss", {Role::kAuditor, "", "", 0}).error().code,
            ErrorCode::kInvalidArgument);

  // Reset: a one-time password that must be changed.
  auto reset = svc_->ResetPassword(boss, "audit", std::nullopt);
  ASSERT_TRUE(reset);
  EXPECT_TRUE(reset->user.must_change_password);
  EXPECT_TRUE(svc_->Login("audit", reset->one_time_password, "c")->must_change_password);
}

TEST_F(AuthServiceTest, DemoAccounts) {
  ASSERT_TRUE(CreateDemoAccounts(*svc_, SystemActor()));
  ASSERT_TRUE(CreateDemoAccounts(*svc_, SystemActor()));  // idempotent
  EXPECT_EQ(Meta("is_demo"), "1");
  EXPECT_EQ(Dump("SELECT username, role, coalesce(township_code,''), coalesce(site_id,''), "
                 "coalesce(grid_id,''), is_demo, must_change_password FROM users ORDER BY id"),
            "demo_admin|county_admin||||1|0|\n"
            "demo_staff|county_staff||||1|0|\n"
            "demo_township|township_staff|141124100|||1|0|\n"
            "demo_site|site_manager||1||1|0|\n"
            "demo_grid|grid_worker|||8|1|0|\n"  // a grid created for 城北安置点 (site 1)
            "demo_auditor|auditor||||1|0|\n");
  EXPECT_EQ(Dump("SELECT site_id FROM grids WHERE id = 8"), "1|\n");
  for (const char* u : {"demo_admin", "demo_staff", "demo_township", "demo_site", "demo_grid",
                        "demo_auditor"}) {
    auto s = svc_->Login(u, kDemoPassword, "c");
    ASSERT_TRUE(s) << u;
    EXPECT_TRUE(svc_->Authenticate(s->token, "c")) << u;
  }
}

TEST_F(AuthServiceTest, DemoAccountsNeedTheDemoData) {
  ASSERT_TRUE(db_->Exec("UPDATE sites SET name = 'x' WHERE id = 1; DELETE FROM site_aliases"));
  auto r = CreateDemoAccounts(*svc_, SystemActor());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(r.error().value, "城北安置点");
}

TEST_F(AuthServiceTest, WritesJoinTheCallersTransaction) {
  // `anju demo` may load everything in one transaction: the repository then uses savepoints,
  // and a rollback of the outer transaction takes the accounts and their audit entries along.
  ASSERT_TRUE(db_->Exec("BEGIN IMMEDIATE"));
  ASSERT_TRUE(CreateDemoAccounts(*svc_, SystemActor()));
  EXPECT_EQ(Dump("SELECT count(*) FROM users"), "6|\n");
  ASSERT_TRUE(db_->Exec("ROLLBACK"));
  EXPECT_EQ(Dump("SELECT count(*) FROM users"), "0|\n");
  EXPECT_EQ(Dump("SELECT count(*) FROM audit_log"), "0|\n");
  EXPECT_EQ(Meta("is_demo"), "");
}

TEST_F(AuthServiceTest, ChangeAndAuditCommitTogether) {
  // If the audit entry cannot be written, the change it describes is rolled back too.
  ASSERT_TRUE(db_->Exec("ALTER TABLE audit_log RENAME TO audit_log_away"));
  auto r = svc_->AddUser(SystemActor(), {"wang", "", {Role::kCountyStaff, "", "", 0},
                                         std::string("Millet-and-dates-7")});
  ASSERT_FALSE(r);
  EXPECT_EQ(Dump("SELECT count(*) FROM users"), "0|\n");
  ASSERT_TRUE(db_->Exec("ALTER TABLE audit_log_away RENAME TO audit_log"));
  Add("wang", {Role::kCountyStaff, "", "", 0});
  ASSERT_TRUE(db_->Exec("ALTER TABLE audit_log RENAME TO audit_log_away"));
  EXPECT_FALSE(svc_->SetDisabled(SystemActor(), "wang", true));
  EXPECT_FALSE(svc_->Login("wang", "Millet-and-dates-7", "c"));  // login audit fails: no session
  ASSERT_TRUE(db_->Exec("ALTER TABLE audit_log_away RENAME TO audit_log"));
  EXPECT_EQ(Dump("SELECT disabled, version FROM users"), "0|1|\n");
  EXPECT_EQ(Dump("SELECT count(*) FROM sessions"), "0|\n");
}

TEST_F(AuthServiceTest, NoSecretsOrWholeIdsInLogsOrAuditTrail) {
  const std::string pw = "Millet-and-dates-7";
  Add("wang", {Role::kCountyStaff, "", "", 0}, pw);
  auto s = *svc_->Login("wang", pw, "10.0.0.5");
  ASSERT_TRUE(svc_->Authenticate(s.token, "10.0.0.5"));
  ASSERT_FALSE(svc_->Login("wang", "Wrong-password-99", "10.0.0.5"));
  // Someone types a resident id as the username and a phone number as the password.
  ASSERT_FALSE(svc_->Login("14112419900101015X", "13812345678", "10.0.0.5"));
  ASSERT_TRUE(svc_->Logout(s.token, "10.0.0.5"));
  std::string audit = Dump("SELECT * FROM audit_log");
  EXPECT_NE(log_.find("login ok user=wang"), std::string::npos) << log_;
  EXPECT_NE(log_.find("login failed user=wang"), std::string::npos) << log_;
  EXPECT_NE(log_.find("logout user=wang"), std::string::npos) << log_;
  for (const std::string& secret :
       {pw, std::string("Wrong-password-99"), s.token, s.csrf_token, TokenHash(s.token),
        std::string("14112419900101015X"), std::string("13812345678"), std::string("1411241990"),
        std::string("argon2id")}) {
    EXPECT_EQ(log_.find(secret), std::string::npos) << secret << " in log:\n" << log_;
    EXPECT_EQ(audit.find(secret), std::string::npos) << secret << " in audit:\n" << audit;
  }
  EXPECT_NE(log_.find("user=14***"), std::string::npos) << log_;
}

TEST_F(AuthServiceTest, AuditQueryAndVerify) {
  Add("wang", {Role::kCountyStaff, "", "", 0});
  Add("auditor1", {Role::kAuditor, "", "", 0});
  ASSERT_TRUE(svc_->Login("wang", "Millet-and-dates-7", "c"));
  ASSERT_FALSE(svc_->Login("wang", "bad-password-1", "c"));
  // A registry change with a phone in it (as the registry service writes them).
  {
    auto tx = *storage::Transaction::Begin(*db_);
    ASSERT_TRUE(storage::AppendAudit(*db_, SystemActor(),
                                     {"update", "person", "7",
                                      R"({"phone":["13812345678","13900000000"]})", "test"}));
    ASSERT_TRUE(tx.Commit());
  }
  AuditService audit(*repo_);
  auto auditor = *svc_->Authenticate(svc_->Login("auditor1", "Millet-and-dates-7", "c")->token, "c");
  auto staff = *svc_->Authenticate(svc_->Login("wang", "Millet-and-dates-7", "c")->token, "c");
  EXPECT_EQ(audit.Query(staff, {}).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(audit.Verify(staff).error().code, ErrorCode::kPermissionDenied);

  auto all = audit.Query(auditor, {});
  ASSERT_TRUE(all);
  ASSERT_GE(all->size(), 6u);
  EXPECT_GT((*all)[0].seq, (*all)[1].seq);  // newest first
  auto person = *audit.Query(auditor, {.entity = "person", .entity_id = "7"});
  ASSERT_EQ(person.size(), 1u);
  EXPECT_EQ(person[0].changes, R"({"phone":["138****5678","139****0000"]})");  // masked list
  auto failed = *audit.Query(auditor, {.username = "WANG", .action = "login_failed"});
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0].entity, "user");
  EXPECT_EQ(audit.Query(auditor, {.since = "2020-13-01"}).error().field, "since");
  EXPECT_EQ(audit.Query(auditor, {.since = "2999-01-01"})->size(), 0u);
  EXPECT_EQ(audit.Query(auditor, {.limit = 0}).error().field, "limit");
  auto page = *audit.Query(auditor, {.before_seq = 3, .limit = 10});
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].seq, 2);

  auto v = audit.Verify(auditor);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->first_bad_seq, 0);
  EXPECT_EQ(v->entries, static_cast<int64_t>(all->size()) + 0);
  ASSERT_TRUE(db_->Exec("DROP TRIGGER audit_log_no_update"));
  ASSERT_TRUE(db_->Exec("UPDATE audit_log SET username = 'someone' WHERE seq = 4"));
  v = audit.Verify(auditor);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->first_bad_seq, 4);
  EXPECT_NE(v->reason.find("edited"), std::string::npos);
}

TEST_F(AuthServiceTest, UpdateUserChangesSeveralFieldsInOneAuditedWrite) {
  Add("boss", {Role::kCountyAdmin, "", "", 0});
  Add("site", {Role::kSiteManager, "", "1", 0});
  Actor boss = *svc_->Authenticate(svc_->Login("boss", "Millet-and-dates-7", "c")->token, "c");
  auto s = *svc_->Login("site", "Millet-and-dates-7", "c");
  UserPatch p;
  p.display_name = "李明";
  p.grant = Grant{Role::kTownshipStaff, "141124101", "", 0};
  auto u = svc_->UpdateUser(boss, "site", p);
  ASSERT_TRUE(u) << u.error().ToString();
  EXPECT_EQ(u->display_name, "李明");
  EXPECT_EQ(u->role, Role::kTownshipStaff);
  EXPECT_EQ(u->scope_label, "白文镇");
  EXPECT_FALSE(svc_->Authenticate(s.token, "c"));  // new scope applies at once
  EXPECT_EQ(Dump("SELECT username, changes FROM audit_log WHERE source = 'user update'"),
            R"(boss|{"display_name":["","李明"],"role":["site_manager","township_staff"],"scope":["site 1","township 141124101"]}|)"
            "\n");
  // Nothing differs: nothing written.
  ASSERT_TRUE(svc_->UpdateUser(boss, "site", p));
  EXPECT_EQ(Dump("SELECT count(*) FROM audit_log WHERE source = 'user update'"), "1|\n");
  // Display name rules, role/scope errors name the field; nothing changes.
  EXPECT_EQ(svc_->UpdateUser(boss, "site", {std::string("a\nb"), std::nullopt, std::nullopt})
                .error().field, "display_name");
  EXPECT_EQ(svc_->UpdateUser(boss, "site", {std::string(65, 'x'), std::nullopt, std::nullopt})
                .error().field, "display_name");
  EXPECT_EQ(svc_->UpdateUser(boss, "site", {std::nullopt, Grant{Role::kGridWorker, "", "", 99},
                                            std::nullopt}).error().field, "grid");
  // Self-lockout refused; a staff member may not administer.
  EXPECT_EQ(svc_->UpdateUser(boss, "boss", {std::nullopt, std::nullopt, true}).error().field,
            "username");
  EXPECT_EQ(svc_->UpdateUser(boss, "boss", {std::nullopt, Grant{Role::kAuditor, "", "", 0},
                                            std::nullopt}).error().field, "role");
  Actor staff = boss;
  staff.role = Role::kCountyStaff;
  EXPECT_EQ(svc_->UpdateUser(staff, "site", {std::nullopt, std::nullopt, true}).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(svc_->UnlockUser(staff, "site").error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(Dump("SELECT count(*) FROM audit_log WHERE source = 'user update'"), "1|\n");
  // Disabling ends sessions; the admin cannot reset their own password through the admin path.
  auto s2 = *svc_->Login("site", "Millet-and-dates-7", "c");
  ASSERT_TRUE(svc_->UpdateUser(boss, "site", {std::nullopt, std::nullopt, true}));
  EXPECT_FALSE(svc_->GetSession(s2.token, "c"));
  EXPECT_EQ(svc_->ResetPassword(boss, "boss", std::nullopt).error().field, "username");
  auto reset = svc_->ResetPassword(boss, "site", std::nullopt);
  ASSERT_TRUE(reset);
  EXPECT_EQ(reset->one_time_password.size(), 16u);
  EXPECT_TRUE(reset->user.must_change_password);
}

TEST_F(AuthServiceTest, UnlockClearsTheAccountsThrottling) {
  Add("boss", {Role::kCountyAdmin, "", "", 0});
  Add("wang", {Role::kCountyStaff, "", "", 0});
  Actor boss = *svc_->Authenticate(svc_->Login("boss", "Millet-and-dates-7", "c")->token, "c");
  for (int i = 0; i < 5; ++i) {
    now_ += 10;
    EXPECT_EQ(svc_->Login("wang", "wrong-guess", "10.0.0.9").error().code,
              ErrorCode::kUnauthenticated);
  }
  EXPECT_EQ(svc_->Login("wang", "Millet-and-dates-7", "10.0.0.1").error().code,
            ErrorCode::kResourceExhausted);
  auto info = *svc_->GetUser(boss, "wang");
  EXPECT_EQ(info.failed_logins, 5);
  EXPECT_EQ(info.locked_until, kT0 + 10 + 15 * 60);  // oldest failure + the 15 min window
  auto listed = *svc_->ListUsers(boss);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[1].username, "wang");
  EXPECT_EQ(listed[1].locked_until, kT0 + 10 + 15 * 60);
  EXPECT_EQ(listed[0].locked_until, 0);

  auto u = svc_->UnlockUser(boss, "wang");
  ASSERT_TRUE(u) << u.error().ToString();
  EXPECT_EQ(u->failed_logins, 0);
  EXPECT_EQ(u->locked_until, 0);
  EXPECT_EQ(Dump("SELECT username, action, changes FROM audit_log WHERE source = 'user unlock'"),
            R"(boss|update|{"failed_logins":[5,0]}|)" "\n");
  EXPECT_TRUE(svc_->Login("wang", "Millet-and-dates-7", "10.0.0.1"));
  // Unlocking an account that is not locked writes nothing.
  ASSERT_TRUE(svc_->UnlockUser(boss, "wang"));
  EXPECT_EQ(Dump("SELECT count(*) FROM audit_log WHERE source = 'user unlock'"), "1|\n");
  EXPECT_EQ(svc_->UnlockUser(boss, "nobody").error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace anju::auth
