// The storage interface of the auth module: users, sessions, failed-login records and the few
// scope lookups (townships, sites, grids) that granting a role needs. Implemented on SQLite by
// auth/storage/sqlite_auth_repository.{h,cc} (migration 0003_auth.sql); tests may use that on
// ":memory:".
//
// Every method that changes something takes the acting user and the audit entry describing the
// change, and appends that entry in the same transaction as the change (or inside the caller's
// open transaction, as a savepoint), so that the change and its audit commit or roll back
// together.
//
// Times are unix seconds (UTC) from the service's clock, so that tests can inject one.
//
// Thread-safety: as the underlying connection (one thread at a time).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/actor.h"
#include "core/audit.h"
#include "core/error.h"

namespace anju::auth {

/// A user account as stored (table users).
struct UserRecord {
  int64_t id = 0;
  std::string username;      // lowercase ASCII, 3–32 of [a-z0-9_.-]
  std::string display_name;  // e.g. 王建国; may be empty
  Role role = Role::kCountyStaff;
  AccessScope scope;         // level follows the role (ScopeLevelFor); assigned_household_ids
                             // filled from the current assignments of cadre_id when read
  int64_t cadre_id = 0;      // cadres.id the account is linked to (required for role cadre); 0 none
  std::string password_hash; // crypto_pwhash_str (argon2id); never leaves the auth module
  bool must_change_password = false;
  bool disabled = false;
  bool is_demo = false;
  int64_t version = 1;       // bumped by every update (optimistic concurrency)
  std::string created_at;    // ISO-8601 UTC
  std::string updated_at;
};

/// A login session as stored (table sessions). The token itself is never stored.
struct SessionRecord {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string csrf_token;    // returned at login and by GET /session; useless without the token
  std::string client;        // client address at the last request
  int64_t created_at = 0;    // unix seconds
  int64_t last_seen_at = 0;
  int64_t absolute_expires_at = 0;
};

/// Failed logins inside a window, for throttling.
struct FailureCounts {
  int account = 0;              // failures for this username
  int64_t account_oldest = 0;   // unix seconds of the oldest of them (0 when none)
  int client = 0;               // failures from this client address
  int64_t client_oldest = 0;
};

class AuthRepository {
 public:
  virtual ~AuthRepository() = default;

  // --- users ---
  /// The user named `username` (case-insensitive), or nullopt.
  virtual Result<std::optional<UserRecord>> FindUserByName(std::string_view username) = 0;
  virtual Result<std::optional<UserRecord>> FindUserById(int64_t id) = 0;
  /// All users ordered by username.
  virtual Result<std::vector<UserRecord>> ListUsers() = 0;
  /// Inserts `user` (id, version, times ignored) and the audit entry (its entity_id is set to
  /// the new id). Returns the new id. Errors: kConflict when the username is taken.
  virtual Result<int64_t> InsertUser(const UserRecord& user, const Actor& actor,
                                     AuditEntry audit) = 0;
  /// Writes display_name, role, scope, password_hash, must_change_password, disabled of `user`
  /// where id and version match, bumping version. With `end_sessions`, deletes the user's
  /// sessions too, except the one with id `keep_session_id` (0: none kept).
  /// Errors: kConflict when the version is stale; kNotFound when no such id.
  virtual Status UpdateUser(const UserRecord& user, bool end_sessions, int64_t keep_session_id,
                            const Actor& actor, const AuditEntry& audit) = 0;
  /// UpdateUser(user, end_sessions = true, keep_session_id = session_id, …) and, in the same
  /// transaction, gives session `session_id` a new token hash and CSRF token (session rotation
  /// after a password change: whoever held the old token is out).
  /// Errors: as UpdateUser; kNotFound when the session is gone.
  virtual Status UpdateUserRotatingSession(const UserRecord& user, int64_t session_id,
                                           std::string_view new_token_hash,
                                           std::string_view new_csrf_token, const Actor& actor,
                                           const AuditEntry& audit) = 0;
  /// Appends an audit entry about no stored change (e.g. a throttled login attempt).
  virtual Status AppendAudit(const Actor& actor, const AuditEntry& audit) = 0;
  /// Sets meta key to value (e.g. is_demo = 1), with the audit entry.
  virtual Status SetMeta(std::string_view key, std::string_view value, const Actor& actor,
                         const AuditEntry& audit) = 0;

  // --- sessions ---
  /// Inserts a session keyed by `token_hash`, deletes the failure records of
  /// `username_hash` (a successful login resets the account's count), and appends `audit`
  /// (its entity_id is set to the new session id). Returns the session id.
  virtual Result<int64_t> InsertSession(const SessionRecord& session, std::string_view token_hash,
                                        std::string_view username_hash, const Actor& actor,
                                        const AuditEntry& audit) = 0;
  /// The session whose token hashes to `token_hash`, or nullopt.
  virtual Result<std::optional<SessionRecord>> FindSession(std::string_view token_hash) = 0;
  /// A session and its user (nullopt when the user row is gone), or nullopt when no session
  /// has that token hash: what every authenticated request reads. Default: FindSession then
  /// FindUserById; the SQLite implementation reads both in one statement.
  virtual Result<std::optional<std::pair<SessionRecord, std::optional<UserRecord>>>>
  FindSessionAndUser(std::string_view token_hash) {
    using Out = std::optional<std::pair<SessionRecord, std::optional<UserRecord>>>;
    auto s = FindSession(token_hash);
    if (!s) return std::unexpected(s.error());
    if (!*s) return Out();
    auto u = FindUserById((*s)->user_id);
    if (!u) return std::unexpected(u.error());
    return Out(std::make_pair(std::move(**s), std::move(*u)));
  }
  /// Records a request: last_seen_at and client.
  virtual Status TouchSession(int64_t session_id, int64_t now, std::string_view client) = 0;
  /// Deletes a session; with an audit entry when `audit` is given (logout), silently otherwise
  /// (expiry cleanup).
  virtual Status DeleteSession(int64_t session_id, const Actor& actor,
                               const std::optional<AuditEntry>& audit) = 0;
  /// Deletes sessions whose idle or absolute expiry has passed at `now`; returns how many.
  virtual Result<int> DeleteExpiredSessions(int64_t now, int64_t idle_seconds) = 0;

  // --- throttling ---
  /// Failures since `since` for `username_hash` and for `client`.
  virtual Result<FailureCounts> CountFailures(std::string_view username_hash,
                                              std::string_view client, int64_t since) = 0;
  /// Records one failed login and appends `audit` (action login_failed). Records older than a
  /// day are pruned on the way.
  virtual Status RecordFailure(std::string_view username_hash, std::string_view client,
                               int64_t at, const Actor& actor, const AuditEntry& audit) = 0;

  /// Deletes every failure record of `username_hash` (an administrator's unlock) and appends
  /// `audit`, in one transaction.
  virtual Status ClearFailures(std::string_view username_hash, const Actor& actor,
                               const AuditEntry& audit) = 0;

  // --- scope lookups (reference tables of migration 0001) ---
  /// True when `code` is a township (level 'township') in divisions.
  virtual Result<bool> TownshipExists(std::string_view code) = 0;
  /// The site's id from its name or one of its aliases, or nullopt.
  virtual Result<std::optional<int64_t>> SiteIdByName(std::string_view name) = 0;
  virtual Result<bool> SiteExists(int64_t site_id) = 0;
  /// The site a grid belongs to, or nullopt when no such grid.
  virtual Result<std::optional<int64_t>> SiteOfGrid(int64_t grid_id) = 0;
  /// True when `cadre_id` is a cadre record (table cadres, module cadres) not ended.
  virtual Result<bool> CadreExists(int64_t cadre_id) = 0;
  /// A readable name of a scope for lists: "临泉镇", "城北安置点", "城北安置点 第1网格"; "" for
  /// county scope or when the row is gone.
  virtual Result<std::string> ScopeLabel(const AccessScope& scope) = 0;
  /// The grid of `site_id` with the smallest id, creating one named `default_name` if the site
  /// has none (the grid table is minimal until the governance issue fills it).
  virtual Result<int64_t> EnsureGridOfSite(int64_t site_id, std::string_view default_name,
                                           const Actor& actor) = 0;
};

}  // namespace anju::auth
