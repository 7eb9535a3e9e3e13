// SQLite implementation of auth::AuthRepository and auth::AuditRepository (tables users,
// sessions, login_failures of migration 0003; audit_log of 0002; divisions, sites, grids of
// 0001). All SQL is parameterised.
//
// Writes run in a BEGIN IMMEDIATE transaction together with their audit entry; when the caller
// already has a transaction open on the connection (e.g. `anju demo` loading everything in one
// transaction) they run as a SAVEPOINT inside it instead.
//
// Thread-safety: as Connection (one thread at a time).
#pragma once

#include "auth/audit_service.h"
#include "auth/auth_repository.h"
#include "storage/connection.h"

namespace anju::storage {

class SqliteAuthRepository final : public auth::AuthRepository, public auth::AuditRepository {
 public:
  /// `db` must outlive the repository and be migrated (0003 or later).
  explicit SqliteAuthRepository(Connection& db) : db_(db) {}

  Result<std::optional<auth::UserRecord>> FindUserByName(std::string_view username) override;
  Result<std::optional<auth::UserRecord>> FindUserById(int64_t id) override;
  Result<std::vector<auth::UserRecord>> ListUsers() override;
  Result<int64_t> InsertUser(const auth::UserRecord& user, const Actor& actor,
                             AuditEntry audit) override;
  Status UpdateUser(const auth::UserRecord& user, bool end_sessions, int64_t keep_session_id,
                    const Actor& actor, const AuditEntry& audit) override;
  Status UpdateUserRotatingSession(const auth::UserRecord& user, int64_t session_id,
                                   std::string_view new_token_hash,
                                   std::string_view new_csrf_token, const Actor& actor,
                                   const AuditEntry& audit) override;
  Status AppendAudit(const Actor& actor, const AuditEntry& audit) override;
  Status SetMeta(std::string_view key, std::string_view value, const Actor& actor,
                 const AuditEntry& audit) override;

  Result<int64_t> InsertSession(const auth::SessionRecord& session, std::string_view token_hash,
                                std::string_view username_hash, const Actor& actor,
                                const AuditEntry& audit) override;
  Result<std::optional<auth::SessionRecord>> FindSession(std::string_view token_hash) override;
  /// One statement: sessions LEFT JOIN users on the token hash index.
  Result<std::optional<std::pair<auth::SessionRecord, std::optional<auth::UserRecord>>>>
  FindSessionAndUser(std::string_view token_hash) override;
  Status TouchSession(int64_t session_id, int64_t now, std::string_view client) override;
  Status DeleteSession(int64_t session_id, const Actor& actor,
                       const std::optional<AuditEntry>& audit) override;
  Result<int> DeleteExpiredSessions(int64_t now, int64_t idle_seconds) override;

  Result<auth::FailureCounts> CountFailures(std::string_view username_hash,
                                            std::string_view client, int64_t since) override;
  Status RecordFailure(std::string_view username_hash, std::string_view client, int64_t at,
                       const Actor& actor, const AuditEntry& audit) override;

  Status ClearFailures(std::string_view username_hash, const Actor& actor,
                       const AuditEntry& audit) override;
  Result<bool> TownshipExists(std::string_view code) override;
  Result<std::optional<int64_t>> SiteIdByName(std::string_view name) override;
  Result<bool> SiteExists(int64_t site_id) override;
  Result<std::optional<int64_t>> SiteOfGrid(int64_t grid_id) override;
  Result<bool> CadreExists(int64_t cadre_id) override;
  Result<std::string> ScopeLabel(const AccessScope& scope) override;
  Result<int64_t> EnsureGridOfSite(int64_t site_id, std::string_view default_name,
                                   const Actor& actor) override;

  Result<std::vector<auth::AuditRecord>> QueryAudit(const auth::AuditQuery& q) override;
  Result<auth::AuditCheck> VerifyAudit() override;

 private:
  Connection& db_;
};

}  // namespace anju::storage
