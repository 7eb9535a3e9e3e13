#include "auth/storage/sqlite_auth_repository.h"

#include <fmt/format.h>

#include <utility>

#include "auth/auth_service.h"
#include "storage/audit_log.h"

namespace anju::storage {
namespace {


constexpr std::string_view kUserColumns =
    "id, username, display_name, role, township_code, site_id, grid_id, password_hash, "
    "must_change_password, disabled, is_demo, version, created_at, updated_at, cadre_id";

Result<auth::UserRecord> ReadUser(const Statement& st) {
  auth::UserRecord u;
  u.id = st.ColumnInt(0);
  u.username = st.ColumnText(1);
  u.display_name = st.ColumnText(2);
  auto role = ParseRole(st.ColumnText(3));
  if (!role) return std::unexpected(role.error());
  u.role = *role;
  u.scope.level = auth::ScopeLevelFor(u.role);
  u.scope.township_code = st.ColumnText(4);
  u.scope.site_id = st.ColumnOptionalInt(5).value_or(0);
  u.scope.grid_id = st.ColumnOptionalInt(6).value_or(0);
  u.password_hash = st.ColumnText(7);
  u.must_change_password = st.ColumnInt(8) != 0;
  u.disabled = st.ColumnInt(9) != 0;
  u.is_demo = st.ColumnInt(10) != 0;
  u.version = st.ColumnInt(11);
  u.created_at = st.ColumnText(12);
  u.updated_at = st.ColumnText(13);
  u.cadre_id = st.ColumnOptionalInt(14).value_or(0);
  return u;
}

// Binds the scope columns at indexes i, i+1, i+2 (township_code, site_id, grid_id).
void BindScope(Statement& st, int i, const auth::UserRecord& u) {
  using L = AccessScope::Level;
  if (u.scope.level == L::kTownship) st.Bind(i, u.scope.township_code); else st.BindNull(i);
  if (u.scope.level == L::kSite) st.Bind(i + 1, u.scope.site_id); else st.BindNull(i + 1);
  if (u.scope.level == L::kGrid) st.Bind(i + 2, u.scope.grid_id); else st.BindNull(i + 2);
}

// The households currently assigned to the user's cadre record (cadre_assignments of the
// cadres module, until_date IS NULL) into its scope (core/actor.h AccessScope).
Status LoadAssigned(Connection& db, auth::UserRecord& u) {
  u.scope.assigned_household_ids.clear();
  if (u.cadre_id == 0) return {};
  auto st = db.Prepare(
      "SELECT household_id FROM cadre_assignments WHERE cadre_id = ? AND until_date IS NULL "
      "ORDER BY household_id");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, u.cadre_id);
  while (true) {
    auto row = st->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    u.scope.assigned_household_ids.push_back(st->ColumnInt(0));
  }
  return {};
}

Result<std::optional<auth::UserRecord>> OneUser(Connection& db, Statement& st) {
  auto row = st.Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<auth::UserRecord>();
  auto u = ReadUser(st);
  if (!u) return std::unexpected(u.error());
  if (auto s = LoadAssigned(db, *u); !s) return std::unexpected(s.error());
  return std::optional<auth::UserRecord>(std::move(*u));
}

}  // namespace

Result<std::optional<auth::UserRecord>> SqliteAuthRepository::FindUserByName(
    std::string_view username) {
  auto st = db_.Prepare(fmt::format("SELECT {} FROM users WHERE username = ?", kUserColumns));
  if (!st) return std::unexpected(st.error());
  st->Bind(1, username);
  return OneUser(db_, *st);
}

Result<std::optional<auth::UserRecord>> SqliteAuthRepository::FindUserById(int64_t id) {
  auto st = db_.Prepare(fmt::format("SELECT {} FROM users WHERE id = ?", kUserColumns));
  if (!st) return std::unexpected(st.error());
  st->Bind(1, id);
  return OneUser(db_, *st);
}

Result<std::vector<auth::UserRecord>> SqliteAuthRepository::ListUsers() {
  auto st = db_.Prepare(fmt::format("SELECT {} FROM users ORDER BY username", kUserColumns));
  if (!st) return std::unexpected(st.error());
  std::vector<auth::UserRecord> out;
  while (true) {
    auto row = st->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    auto u = ReadUser(*st);
    if (!u) return std::unexpected(u.error());
    out.push_back(std::move(*u));
  }
  return out;
}

Result<int64_t> SqliteAuthRepository::InsertUser(const auth::UserRecord& u, const Actor& actor,
                                                 AuditEntry audit) {
  auto tx = WriteScope::Begin(db_, "anju_auth");
  if (!tx) return std::unexpected(tx.error());
  auto st = db_.Prepare(
      "INSERT INTO users (username, display_name, role, township_code, site_id, grid_id, "
      "password_hash, must_change_password, disabled, is_demo, cadre_id) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, u.username).Bind(2, u.display_name).Bind(3, RoleName(u.role));
  BindScope(*st, 4, u);
  st->Bind(7, u.password_hash).Bind(8, u.must_change_password ? 1 : 0)
      .Bind(9, u.disabled ? 1 : 0).Bind(10, u.is_demo ? 1 : 0);
  if (u.cadre_id != 0) st->Bind(11, u.cadre_id); else st->BindNull(11);
  auto inserted = st->RunReturningId();
  if (!inserted) return std::unexpected(inserted.error());
  int64_t id = *inserted;
  audit.entity_id = std::to_string(id);
  if (auto s = storage::AppendAudit(db_, actor, audit); !s) return std::unexpected(s.error());
  if (auto s = tx->Commit(); !s) return std::unexpected(s.error());
  return id;
}

Status SqliteAuthRepository::UpdateUser(const auth::UserRecord& u, bool end_sessions,
                                        int64_t keep_session_id, const Actor& actor,
                                        const AuditEntry& audit) {
  auto tx = WriteScope::Begin(db_, "anju_auth");
  if (!tx) return std::unexpected(tx.error());
  auto st = db_.Prepare(
      "UPDATE users SET display_name = ?, role = ?, township_code = ?, site_id = ?, grid_id = ?, "
      "password_hash = ?, must_change_password = ?, disabled = ?, version = version + 1, "
      "updated_at = ?, cadre_id = ? WHERE id = ? AND version = ?");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, u.display_name).Bind(2, RoleName(u.role));
  BindScope(*st, 3, u);
  st->Bind(6, u.password_hash).Bind(7, u.must_change_password ? 1 : 0)
      .Bind(8, u.disabled ? 1 : 0).Bind(9, UtcTimestampNow()).Bind(11, u.id).Bind(12, u.version);
  if (u.cadre_id != 0) st->Bind(10, u.cadre_id); else st->BindNull(10);
  if (auto s = st->Run(); !s) return s;
  if (db_.Changes() == 0) {
    auto exists = FindUserById(u.id);
    if (!exists) return std::unexpected(exists.error());
    if (!*exists) return NotFound("no such user", "user_id", std::to_string(u.id), "用户不存在");
    return Conflict("the account was changed meanwhile; reload and try again", "version",
                    std::to_string(u.version), "账户已被他人修改，请刷新后重试");
  }
  if (end_sessions) {
    auto del = db_.Prepare("DELETE FROM sessions WHERE user_id = ? AND id != ?");
    if (!del) return std::unexpected(del.error());
    del->Bind(1, u.id).Bind(2, keep_session_id);
    if (auto s = del->Run(); !s) return s;
  }
  if (auto s = storage::AppendAudit(db_, actor, audit); !s) return s;
  return tx->Commit();
}

Status SqliteAuthRepository::UpdateUserRotatingSession(const auth::UserRecord& u,
                                                       int64_t session_id,
                                                       std::string_view new_token_hash,
                                                       std::string_view new_csrf_token,
                                                       const Actor& actor,
                                                       const AuditEntry& audit) {
  auto tx = WriteScope::Begin(db_, "anju_auth");
  if (!tx) return std::unexpected(tx.error());
  if (auto s = UpdateUser(u, true, session_id, actor, audit); !s) return s;  // a savepoint
  auto st = db_.Prepare("UPDATE sessions SET token_hash = ?, csrf_token = ? WHERE id = ?");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, new_token_hash).Bind(2, new_csrf_token).Bind(3, session_id);
  if (auto s = st->Run(); !s) return s;
  if (db_.Changes() == 0)
    return NotFound("the session ended meanwhile; log in again", "session",
                    std::to_string(session_id), "会话已结束，请重新登录");
  return tx->Commit();
}

Status SqliteAuthRepository::AppendAudit(const Actor& actor, const AuditEntry& audit) {
  auto tx = WriteScope::Begin(db_, "anju_auth");
  if (!tx) return std::unexpected(tx.error());
  if (auto s = storage::AppendAudit(db_, actor, audit); !s) return s;
  return tx->Commit();
}

Status SqliteAuthRepository::SetMeta(std::string_view key, std::string_view value,
                                     const Actor& actor, const AuditEntry& audit) {
  auto tx = WriteScope::Begin(db_, "anju_auth");
  if (!tx) return std::unexpected(tx.error());
  auto st = db_.Prepare(
      "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = "
      "excluded.value");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, key).Bind(2, value);
  if (auto s = st->Run(); !s) return s;
  if (auto s = storage::AppendAudit(db_, actor, audit); !s) return s;
  return tx->Commit();
}

Result<int64_t> SqliteAuthRepository::InsertSession(const auth::SessionRecord& s,
                                                    std::string_view token_hash,
                                                    std::string_view username_hash,
                                                    const Actor& actor, const AuditEntry& audit) {
  auto tx = WriteScope::Begin(db_, "anju_auth");
  if (!tx) return std::unexpected(tx.error());
  auto st = db_.Prepare(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, client, created_at, last_seen_at, "
      "absolute_expires_at) VALUES (?,?,?,?,?,?,?) RETURNING id");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, token_hash).Bind(2, s.user_id).Bind(3, s.csrf_token).Bind(4, s.client)
      .Bind(5, s.created_at).Bind(6, s.last_seen_at).Bind(7, s.absolute_expires_at);
  auto inserted = st->RunReturningId();
  if (!inserted) return std::unexpected(inserted.error());
  int64_t id = *inserted;
  auto del = db_.Prepare("DELETE FROM login_failures WHERE username_hash = ?");
  if (!del) return std::unexpected(del.error());
  del->Bind(1, username_hash);
  if (auto r = del->Run(); !r) return std::unexpected(r.error());
  AuditEntry e = audit;
  e.entity_id = std::to_string(id);
  if (auto r = storage::AppendAudit(db_, actor, e); !r) return std::unexpected(r.error());
  if (auto r = tx->Commit(); !r) return std::unexpected(r.error());
  return id;
}

Result<std::optional<auth::SessionRecord>> SqliteAuthRepository::FindSession(
    std::string_view token_hash) {
  auto st = db_.Prepare(
      "SELECT id, user_id, csrf_token, client, created_at, last_seen_at, absolute_expires_at "
      "FROM sessions WHERE token_hash = ?");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, token_hash);
  auto row = st->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<auth::SessionRecord>();
  auth::SessionRecord s;
  s.id = st->ColumnInt(0);
  s.user_id = st->ColumnInt(1);
  s.csrf_token = st->ColumnText(2);
  s.client = st->ColumnText(3);
  s.created_at = st->ColumnInt(4);
  s.last_seen_at = st->ColumnInt(5);
  s.absolute_expires_at = st->ColumnInt(6);
  return std::optional<auth::SessionRecord>(std::move(s));
}

Result<std::optional<std::pair<auth::SessionRecord, std::optional<auth::UserRecord>>>>
SqliteAuthRepository::FindSessionAndUser(std::string_view token_hash) {
  using Out = std::optional<std::pair<auth::SessionRecord, std::optional<auth::UserRecord>>>;
  // The user's columns first (kUserColumns order, read by ReadUser), then the session's.
  auto st = db_.Prepare(
      "SELECT u.id, u.username, u.display_name, u.role, u.township_code, u.site_id, u.grid_id, "
      "u.password_hash, u.must_change_password, u.disabled, u.is_demo, u.version, u.created_at, "
      "u.updated_at, u.cadre_id, s.id, s.user_id, s.csrf_token, s.client, s.created_at, "
      "s.last_seen_at, s.absolute_expires_at FROM sessions s LEFT JOIN users u ON u.id = s.user_id "
      "WHERE s.token_hash = ?");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, token_hash);
  auto row = st->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return Out();
  auth::SessionRecord s;
  s.id = st->ColumnInt(15);
  s.user_id = st->ColumnInt(16);
  s.csrf_token = st->ColumnText(17);
  s.client = st->ColumnText(18);
  s.created_at = st->ColumnInt(19);
  s.last_seen_at = st->ColumnInt(20);
  s.absolute_expires_at = st->ColumnInt(21);
  std::optional<auth::UserRecord> user;
  if (!st->ColumnIsNull(0)) {
    auto u = ReadUser(*st);
    if (!u) return std::unexpected(u.error());
    user = std::move(*u);
  }
  st->Reset();  // done with the row before the next statement
  if (user) {
    if (auto l = LoadAssigned(db_, *user); !l) return std::unexpected(l.error());
  }
  return Out(std::make_pair(std::move(s), std::move(user)));
}

Status SqliteAuthRepository::TouchSession(int64_t id, int64_t now, std::string_view client) {
  auto st = db_.Prepare("UPDATE sessions SET last_seen_at = ?, client = ? WHERE id = ?");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, now).Bind(2, client).Bind(3, id);
  return st->Run();
}

Status SqliteAuthRepository::DeleteSession(int64_t id, const Actor& actor,
                                           const std::optional<AuditEntry>& audit) {
  auto tx = WriteScope::Begin(db_, "anju_auth");
  if (!tx) return std::unexpected(tx.error());
  auto st = db_.Prepare("DELETE FROM sessions WHERE id = ?");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, id);
  if (auto s = st->Run(); !s) return s;
  if (audit) {
    if (auto s = storage::AppendAudit(db_, actor, *audit); !s) return s;
  }
  return tx->Commit();
}

Result<int> SqliteAuthRepository::DeleteExpiredSessions(int64_t now, int64_t idle_seconds) {
  auto st = db_.Prepare(
      "DELETE FROM sessions WHERE absolute_expires_at <= ? OR last_seen_at + ? <= ?");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, now).Bind(2, idle_seconds).Bind(3, now);
  if (auto s = st->Run(); !s) return std::unexpected(s.error());
  return db_.Changes();
}

Result<auth::FailureCounts> SqliteAuthRepository::CountFailures(std::string_view username_hash,
                                                                std::string_view client,
                                                                int64_t since) {
  auth::FailureCounts c;
  auto st = db_.Prepare(
      "SELECT count(*), coalesce(min(at), 0) FROM login_failures WHERE username_hash = ? AND "
      "at >= ?");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, username_hash).Bind(2, since);
  if (auto r = st->Step(); !r) return std::unexpected(r.error());
  c.account = static_cast<int>(st->ColumnInt(0));
  c.account_oldest = st->ColumnInt(1);
  auto st2 = db_.Prepare(
      "SELECT count(*), coalesce(min(at), 0) FROM login_failures WHERE client = ? AND at >= ?");
  if (!st2) return std::unexpected(st2.error());
  st2->Bind(1, client).Bind(2, since);
  if (auto r = st2->Step(); !r) return std::unexpected(r.error());
  c.client = static_cast<int>(st2->ColumnInt(0));
  c.client_oldest = st2->ColumnInt(1);
  return c;
}

Status SqliteAuthRepository::RecordFailure(std::string_view username_hash,
                                           std::string_view client, int64_t at,
                                           const Actor& actor, const AuditEntry& audit) {
  auto tx = WriteScope::Begin(db_, "anju_auth");
  if (!tx) return std::unexpected(tx.error());
  auto prune = db_.Prepare("DELETE FROM login_failures WHERE at < ?");
  if (!prune) return std::unexpected(prune.error());
  prune->Bind(1, at - 86400);
  if (auto s = prune->Run(); !s) return s;
  auto st = db_.Prepare("INSERT INTO login_failures (at, username_hash, client) VALUES (?,?,?)");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, at).Bind(2, username_hash).Bind(3, client);
  if (auto s = st->Run(); !s) return s;
  if (auto s = storage::AppendAudit(db_, actor, audit); !s) return s;
  return tx->Commit();
}

Status SqliteAuthRepository::ClearFailures(std::string_view username_hash, const Actor& actor,
                                           const AuditEntry& audit) {
  auto tx = WriteScope::Begin(db_, "anju_auth");
  if (!tx) return std::unexpected(tx.error());
  auto st = db_.Prepare("DELETE FROM login_failures WHERE username_hash = ?");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, username_hash);
  if (auto s = st->Run(); !s) return s;
  if (auto s = storage::AppendAudit(db_, actor, audit); !s) return s;
  return tx->Commit();
}

Result<bool> SqliteAuthRepository::TownshipExists(std::string_view code) {
  auto st = db_.Prepare("SELECT 1 FROM divisions WHERE code = ? AND level = 'township'");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, code);
  return st->Step();
}

Result<std::optional<int64_t>> SqliteAuthRepository::SiteIdByName(std::string_view name) {
  auto st = db_.Prepare(
      "SELECT id FROM sites WHERE name = ?1 UNION ALL "
      "SELECT site_id FROM site_aliases WHERE alias = ?1 LIMIT 1");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, name);
  auto row = st->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<int64_t>();
  return std::optional<int64_t>(st->ColumnInt(0));
}

Result<bool> SqliteAuthRepository::SiteExists(int64_t site_id) {
  auto st = db_.Prepare("SELECT 1 FROM sites WHERE id = ?");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, site_id);
  return st->Step();
}

Result<std::optional<int64_t>> SqliteAuthRepository::SiteOfGrid(int64_t grid_id) {
  auto st = db_.Prepare("SELECT site_id FROM grids WHERE id = ?");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, grid_id);
  auto row = st->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<int64_t>();
  return std::optional<int64_t>(st->ColumnInt(0));
}

Result<bool> SqliteAuthRepository::CadreExists(int64_t cadre_id) {
  auto st = db_.Prepare("SELECT 1 FROM cadres WHERE id = ? AND ended_on IS NULL");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, cadre_id);
  auto row = st->Step();
  if (!row) return std::unexpected(row.error());
  return *row;
}

Result<std::string> SqliteAuthRepository::ScopeLabel(const AccessScope& scope) {
  using L = AccessScope::Level;
  std::string_view sql;
  switch (scope.level) {
    case L::kCounty: return std::string();
    case L::kTownship: sql = "SELECT name FROM divisions WHERE code = ?"; break;
    case L::kSite: sql = "SELECT name FROM sites WHERE id = ?"; break;
    case L::kAssigned:  // a cadre account: its paired households (the dashboard's title names it)
      return fmt::format("结对帮扶户（{}户）", scope.assigned_household_ids.size());
    case L::kGrid:
      sql = "SELECT s.name || ' ' || g.name FROM grids g JOIN sites s ON s.id = g.site_id "
            "WHERE g.id = ?";
      break;
  }
  auto st = db_.Prepare(sql);
  if (!st) return std::unexpected(st.error());
  if (scope.level == L::kTownship) st->Bind(1, scope.township_code);
  else st->Bind(1, scope.level == L::kSite ? scope.site_id : scope.grid_id);
  auto row = st->Step();
  if (!row) return std::unexpected(row.error());
  return *row ? st->ColumnText(0) : std::string();
}

Result<int64_t> SqliteAuthRepository::EnsureGridOfSite(int64_t site_id,
                                                       std::string_view default_name,
                                                       const Actor& actor) {
  auto st = db_.Prepare("SELECT id FROM grids WHERE site_id = ? ORDER BY id LIMIT 1");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, site_id);
  auto row = st->Step();
  if (!row) return std::unexpected(row.error());
  if (*row) return st->ColumnInt(0);
  auto tx = WriteScope::Begin(db_, "anju_auth");
  if (!tx) return std::unexpected(tx.error());
  auto ins = db_.Prepare("INSERT INTO grids (site_id, name) VALUES (?, ?) RETURNING id");
  if (!ins) return std::unexpected(ins.error());
  ins->Bind(1, site_id).Bind(2, default_name);
  auto inserted = ins->RunReturningId();
  if (!inserted) return std::unexpected(inserted.error());
  int64_t id = *inserted;
  AuditEntry e{"create", "grid", std::to_string(id),
               fmt::format(R"({{"site_id":[null,{}]}})", site_id), "demo accounts"};
  if (auto s = storage::AppendAudit(db_, actor, e); !s) return std::unexpected(s.error());
  if (auto s = tx->Commit(); !s) return std::unexpected(s.error());
  return id;
}

Result<std::vector<auth::AuditRecord>> SqliteAuthRepository::QueryAudit(
    const auth::AuditQuery& q) {
  // Fixed SQL with optional filters: "? = ''" disables a filter, so no SQL is assembled. The
  // household number (and a person's name and id) are joined at read time: entries store
  // internal ids. A person's household is the current one.
  auto st = db_.Prepare(
      "SELECT a.seq, a.at, a.user_id, a.username, a.role, a.client, a.action, a.entity, "
      "a.entity_id, a.changes, a.source, a.hash, COALESCE(hh.household_no, ph.household_no, ''), "
      "COALESCE(p.name, ''), COALESCE(p.resident_id, '') FROM audit_log a "
      "LEFT JOIN households hh ON a.entity = 'household' AND hh.id = CAST(a.entity_id AS INTEGER) "
      "LEFT JOIN persons p ON a.entity = 'person' AND p.id = CAST(a.entity_id AS INTEGER) "
      "LEFT JOIN households ph ON ph.id = p.household_id "
      "WHERE (?1 = '' OR a.entity = ?1) AND (?2 = '' OR a.entity_id = ?2) "
      "AND (?3 = '' OR a.username = ?3 COLLATE NOCASE) AND (?4 = '' OR a.action = ?4) "
      "AND (?5 = '' OR a.at >= ?5) AND (?6 = 0 OR a.seq < ?6) "
      "AND (?8 = '' OR a.at < ?8) "
      "AND (?9 = '' OR hh.household_no = ?9 OR ph.household_no = ?9) "
      "AND (?10 = '' OR p.resident_id LIKE '%' || ?10) "
      "ORDER BY a.seq DESC LIMIT ?7");
  if (!st) return std::unexpected(st.error());
  st->Bind(1, q.entity).Bind(2, q.entity_id).Bind(3, q.username).Bind(4, q.action)
      .Bind(5, q.since).Bind(6, q.before_seq).Bind(7, q.limit).Bind(8, q.until)
      .Bind(9, q.household_no).Bind(10, q.resident_id_tail);
  std::vector<auth::AuditRecord> out;
  while (true) {
    auto row = st->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    auth::AuditRecord r;
    r.seq = st->ColumnInt(0);
    r.at = st->ColumnText(1);
    r.user_id = st->ColumnOptionalInt(2);
    r.username = st->ColumnText(3);
    r.role = st->ColumnText(4);
    r.client = st->ColumnText(5);
    r.action = st->ColumnText(6);
    r.entity = st->ColumnText(7);
    r.entity_id = st->ColumnText(8);
    r.changes = st->ColumnText(9);
    r.source = st->ColumnText(10);
    r.hash = st->ColumnText(11);
    r.household_no = st->ColumnText(12);
    r.person_name = st->ColumnText(13);
    r.person_resident_id = st->ColumnText(14);
    out.push_back(std::move(r));
  }
  return out;
}

Result<auth::AuditCheck> SqliteAuthRepository::VerifyAudit() {
  auto v = VerifyAuditTrail(db_);
  if (!v) return std::unexpected(v.error());
  return auth::AuditCheck{v->entries,        v->first_bad_seq, v->reason,     v->reason_zh,
                          v->missing_at_end, v->witness_at,    v->warning,    v->warning_zh};
}

}  // namespace anju::storage
