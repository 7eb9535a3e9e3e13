// AuthService: logins, sessions, CSRF checks, password changes and user administration
// (issue 5). The HTTP server (src/http) and the CLI (`anju user …`, `anju init --admin`) call
// it; it keeps no state of its own beyond the repository, so several servers may share one
// database.
//
// Rules, all configurable through AuthOptions (defaults in brackets):
//   sessions   a random 32-byte token (token.h) in the cookie; only its SHA-256 is stored.
//              Idle expiry [30 min since the last request] and absolute expiry [12 h since
//              login]; an expired session is deleted when next presented. Logout deletes it.
//              (OWASP Session Management Cheat Sheet suggests 15–30 min idle, 4–8 h absolute
//              for high-value data; 12 h covers a county office's long working day.)
//   CSRF       one random token per session, returned at login; every state-changing request
//              must present it; compared in constant time (sodium_memcmp).
//   throttling [5] failures for one account or [20] from one client address within [15 min]
//              -> kResourceExhausted saying how long to wait; the password is then not even
//              checked. A successful login clears the account's failures. Many staff of one
//              office share a NAT address, hence the higher per-address limit.
//   passwords  argon2id (password.h); rules of CheckPasswordRules, except the demo accounts.
//   must_change_password  set for one-time passwords (`anju init --admin`, `anju user passwd`
//              without a password, an administrator's reset); Authenticate refuses such a
//              session until ChangePassword (GetSession, Logout and ChangePassword still work).
//   unlock     an administrator clears an account's failed logins (UnlockUser); the list shows
//              who is locked and until when.
//   audit      login, login_failed, logout, and every user-admin change (entity "user",
//              action create/update, changes with before/after of role, scope, disabled …;
//              never a password, hash or token) go to the audit trail in the same transaction.
// Wrong username and wrong password give the same answer (kUnauthenticated), and an unknown
// username still costs one argon2id verification, so neither the message nor the timing tells
// which accounts exist. A disabled account answers the same.
//
// Thread-safety: as the repository (one thread at a time per AuthService).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/auth_repository.h"
#include "auth/password.h"
#include "core/actor.h"
#include "core/error.h"

namespace anju::auth {

struct AuthOptions {
  PasswordHashParams hash = PasswordHashParams::Production();
  std::chrono::seconds idle_timeout{30 * 60};
  std::chrono::seconds absolute_timeout{12 * 60 * 60};
  int max_failures_per_account = 5;
  int max_failures_per_client = 20;
  std::chrono::seconds failure_window{15 * 60};
  /// A request records last_seen_at only when the stored value is at least this old, so that
  /// reads do not each cost a write (idle expiry may then come up to this much early).
  std::chrono::seconds touch_interval{60};
  /// Current time as unix seconds; defaults to the system clock. Tests inject their own.
  std::function<int64_t()> now;
  /// Receives one line per security event ("login ok user=demo_admin client=1.2.3.4"); no
  /// password, token, CSRF token or resident id ever appears in it. Default: discard.
  std::function<void(std::string_view)> log;
};

/// The answer to a successful login (and to "who am I").
struct Session {
  std::string token;          // goes into the HttpOnly cookie; shown nowhere else
  std::string csrf_token;     // the client sends it back in X-CSRF-Token
  int64_t user_id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::kCountyStaff;
  AccessScope scope;
  bool must_change_password = false;
  int64_t expires_at = 0;          // unix seconds: the earlier of idle and absolute expiry
  int64_t absolute_expires_at = 0; // unix seconds
};

/// A user as shown to administrators: everything but the password hash.
struct UserInfo {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::kCountyStaff;
  AccessScope scope;
  int64_t cadre_id = 0;     // cadres.id the account is linked to; 0 none
  std::string scope_label;  // "临泉镇", "城北安置点", "城北安置点 第1网格" (ListUsers/GetUser only)
  bool must_change_password = false;
  bool disabled = false;
  bool is_demo = false;
  int64_t version = 0;
  std::string created_at;
  std::string updated_at;
  /// Failed logins for this account inside the throttling window (ListUsers/GetUser only).
  int failed_logins = 0;
  /// Unix seconds until which logins to this account are refused (throttled); 0 when not
  /// locked (ListUsers/GetUser only). Per-address throttling is not shown here.
  int64_t locked_until = 0;
};

/// A role and the scope that goes with it, as an administrator names them. Exactly the field
/// of the role's level is used: township_code for township_staff, site (id or name) for
/// site_manager, grid_id for grid_worker; none for the county-wide roles.
struct Grant {
  Role role = Role::kCountyStaff;
  std::string township_code;  // 9-digit division code, e.g. 141124100 (临泉镇)
  std::string site;           // site id ("3") or name/alias ("城北安置点")
  int64_t grid_id = 0;
  /// The cadre record (cadres.id) the account is linked to: required for role cadre, optional
  /// for any other role (it then sees its scope plus the cadre's assigned households); 0 none.
  int64_t cadre_id = 0;
};

/// A new account. Without `password` a one-time password is generated and must be changed at
/// first login.
struct NewUser {
  std::string username;
  std::string display_name;
  Grant grant;
  std::optional<std::string> password;
};

/// Changes an administrator makes to an account at once (PATCH /api/v1/users/{username});
/// absent fields stay as they are.
struct UserPatch {
  std::optional<std::string> display_name;  // at most 64 characters, no control characters
  std::optional<Grant> grant;               // role and scope together
  std::optional<bool> disabled;
};

/// A created account, or a reset password, with the one-time password when one was generated
/// (show it once to the operator; it is stored only as a hash).
struct CreatedUser {
  UserInfo user;
  std::string one_time_password;  // empty when the caller gave the password
};

/// The scope level a role works at: county for county_admin, county_staff, auditor, system.
AccessScope::Level ScopeLevelFor(Role role);

/// "county", "township 141124100", "site 3", "grid 7": for lists and logs (core/actor.h).
using ::anju::DescribeScope;

/// Username rule: 3–32 characters of a-z, 0-9, '_', '.', '-', starting with a letter; input is
/// lowercased first. Errors: kInvalidArgument field "username".
Result<std::string> NormalizeUsername(std::string_view username);

class AuthService {
 public:
  /// `repo` must outlive the service.
  explicit AuthService(AuthRepository& repo, AuthOptions options = {});

  // --- sessions (HTTP) ---

  /// Checks the password and opens a session.
  /// Errors: kResourceExhausted "too many failed logins; try again in N min" (field
  /// "retry_after_seconds", value N*60…) when throttled; kUnauthenticated "wrong username or
  /// password" otherwise; kInvalidArgument when username or password is empty or over 256 bytes.
  Result<Session> Login(std::string_view username, std::string_view password,
                        std::string_view client);

  /// The acting user of the session `token`, with `client` as the actor's address; records the
  /// request (idle expiry restarts; written at most once per touch_interval).
  /// Errors: kUnauthenticated when the token is missing, malformed, unknown, expired (deleted
  /// then) or its user is disabled; kPermissionDenied (field "must_change_password") when the
  /// user must first change a one-time password.
  Result<Actor> Authenticate(std::string_view token, std::string_view client);

  /// Like Authenticate but also for users who must change their password, returning the
  /// session's details (token left empty) including its CSRF token: for GET /session.
  Result<Session> GetSession(std::string_view token, std::string_view client);

  /// Checks the CSRF header value of a state-changing request against the session of `token`.
  /// Errors: kPermissionDenied (message names the X-CSRF-Token header) when missing or wrong;
  /// kUnauthenticated when the session is not valid.
  Status CheckCsrf(std::string_view token, std::string_view header_value);
  /// The same against a session already fetched with GetSession (no database access).
  static Status CheckCsrf(const Session& session, std::string_view header_value);

  /// Deletes the session (audited as logout). Unknown or expired tokens: ok (nothing to do).
  Status Logout(std::string_view token, std::string_view client);

  /// Changes the password of the session's user after checking `old_password`; clears
  /// must_change_password, ends the user's other sessions and rotates this one: the returned
  /// Session has a new token and CSRF token (the old token no longer works), same expiry.
  /// Allowed while must_change_password is set (that is what it is for).
  /// Errors: kUnauthenticated (no valid session); kInvalidArgument field "current_password"
  /// when `old_password` is wrong (counts as a failed login for throttling, so the session is
  /// not ended by a typo); kResourceExhausted when throttled; kInvalidArgument field
  /// "new_password" for the rules of CheckPasswordRules or new equal to old.
  Result<Session> ChangePassword(std::string_view token, std::string_view client,
                                 std::string_view old_password, std::string_view new_password);

  /// A readable name of `scope` for the session's capabilities (auth/capabilities.h): "临泉镇",
  /// "城北安置点", "城北安置点 第1网格"; "" for the county scope or a scope whose row is gone.
  /// Errors: kUnavailable/kInternal from the repository.
  Result<std::string> ScopeLabel(const AccessScope& scope) { return repo_.ScopeLabel(scope); }

  // --- user administration (actor must CanManageUsers(), else kPermissionDenied) ---

  /// Creates an account. Errors: kInvalidArgument (username, password rules, scope that does not
  /// exist: township not in divisions, site or grid unknown), kConflict (username taken).
  Result<CreatedUser> AddUser(const Actor& actor, const NewUser& user);
  /// All accounts, without hashes.
  Result<std::vector<UserInfo>> ListUsers(const Actor& actor);
  /// One account. Errors: kNotFound.
  Result<UserInfo> GetUser(const Actor& actor, std::string_view username);
  /// Sets a new password (or a generated one-time one when `password` is empty, which must be
  /// changed at next login) and ends the user's sessions. An administrator resets only others'
  /// passwords (their own: ChangePassword; kInvalidArgument field "username").
  Result<CreatedUser> ResetPassword(const Actor& actor, std::string_view username,
                                    std::optional<std::string> password);
  /// Disables (or re-enables) an account; disabling ends its sessions. An administrator cannot
  /// disable themself (kInvalidArgument).
  Result<UserInfo> SetDisabled(const Actor& actor, std::string_view username, bool disabled);
  /// Changes the role and scope; ends the user's sessions so the new scope applies at once.
  Result<UserInfo> GrantRole(const Actor& actor, std::string_view username, const Grant& grant);
  /// Applies `patch` in one transaction with one audit entry listing each changed field as
  /// [before, after]; ends the user's sessions when the role/scope changes or the account is
  /// disabled. Nothing given differs: nothing written. The same rules as GrantRole and
  /// SetDisabled (an administrator cannot disable or demote themself).
  /// Errors: kNotFound; kInvalidArgument (display_name, role/scope as AddUser, self-lockout);
  /// kConflict when changed meanwhile.
  Result<UserInfo> UpdateUser(const Actor& actor, std::string_view username,
                              const UserPatch& patch);
  /// Clears the account's failed logins (its throttling lock; the failures also stop counting
  /// against the addresses they came from). Audited as update {"failed_logins": [n, 0]} when
  /// there were any. Errors: kNotFound.
  Result<UserInfo> UnlockUser(const Actor& actor, std::string_view username);

  /// `anju init --admin NAME`: creates a county_admin with a one-time password. Errors as
  /// AddUser; kConflict when the username exists.
  Result<CreatedUser> CreateInitialAdmin(const Actor& actor, std::string_view username);

  /// The options in force (tests read the clock through it).
  const AuthOptions& options() const { return opts_; }

 private:
  friend Status CreateDemoAccounts(AuthService& service, const Actor& actor);
  int64_t Now() const;
  void Log(std::string_view line) const;
  Result<AccessScope> ResolveGrant(const Grant& grant);
  Result<UserRecord> LoadUser(std::string_view username);
  /// LoadUser for an account change: kPermissionDenied unless `actor` manages users.
  Result<UserRecord> LoadUserForAdmin(const Actor& actor, std::string_view username);
  /// scope_label, failed_logins and locked_until of `info`.
  Status FillListFacts(UserInfo& info);
  Result<std::pair<SessionRecord, UserRecord>> LiveSession(std::string_view token);
  Result<CreatedUser> InsertAccount(const Actor& actor, const NewUser& user, bool check_rules,
                                    bool is_demo, const std::string& action_source);

  Status Throttled(std::string_view username_hash, std::string_view client, int64_t now);
  Status RecordFailedLogin(const std::optional<UserRecord>& user, std::string_view typed_name,
                           std::string_view username_hash, std::string_view client,
                           std::string_view reason);

  AuthRepository& repo_;
  AuthOptions opts_;
  std::string dummy_hash_;  // verified against for unknown usernames (equal timing)
};

/// The password of every demo account.
inline constexpr std::string_view kDemoPassword = "anju-demo";

/// One account `anju demo` creates: login name, display name, role, and the scope shown beside it
/// in the printed logins ("" when the role's scope needs no name).
struct DemoAccount {
  std::string_view username;
  std::string_view display_name;
  Role role;
  std::string_view scope_label;
};

/// Every demo account CreateDemoAccounts creates, in order; the role kCadre one (demo_cadre) only
/// when the database has cadre 1. The one list `anju demo` creates and `anju serve` prints.
const std::vector<DemoAccount>& DemoAccounts();

/// "demo_township (township_staff, 临泉镇)", "demo_cadre (cadre)": a login line's entry.
std::string DescribeDemoAccount(const DemoAccount& account);

/// Creates the demo accounts (DemoAccounts()), one per role, all with password "anju-demo" (exempt from the
/// password rules, is_demo = 1), and sets meta is_demo = 1:
///   demo_admin (county_admin), demo_staff (county_staff),
///   demo_township (township_staff, 临泉镇 141124100), demo_site (site_manager, 城北安置点),
///   demo_grid (grid_worker, the first grid of 城北安置点; one is created if it has none),
///   demo_auditor (auditor), demo_cadre (cadre, linked to cadre 1, when the demo made cadres).
/// Called only by `anju demo`, after the reference data and sites are loaded. Existing demo
/// accounts are left as they are (the call is idempotent).
/// Errors: kNotFound when 临泉镇 or 城北安置点 is missing (load the demo data first); others as
/// AddUser.
Status CreateDemoAccounts(AuthService& service, const Actor& actor);

}  // namespace anju::auth
