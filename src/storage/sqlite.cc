#include "storage/sqlite.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <mutex>
#include <utility>

#include "storage/audit_witness.h"

namespace anju::storage {

Error SqliteError(sqlite3* db, int rc, std::string_view context) {
  Error e;
  std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  int primary = rc & 0xff;
  int extended = db ? sqlite3_extended_errcode(db) : rc;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    e.code = ErrorCode::kUnavailable;
    e.message = fmt::format("database is busy ({}); try again", msg);
    e.message_zh = "数据库繁忙，请稍后重试";
  } else if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY) {
    e.code = ErrorCode::kConflict;
    e.message = fmt::format("already exists: {}", msg);
    e.message_zh = "记录已存在";
  } else if (primary == SQLITE_READONLY) {
    // A database file (or its folder) the user may not write; reads work, writes do not.
    e.code = ErrorCode::kPermissionDenied;
    e.message = fmt::format("the database file is read-only ({}); make the file and its folder "
                            "writable (chmod u+w) or run anju as the file's owner",
                            msg);
    e.message_zh = "数据库文件只读，无法写入；请设为可写或以文件所有者身份运行";
  } else if (primary == SQLITE_CONSTRAINT) {
    e.code = ErrorCode::kInvalidArgument;
    e.message = fmt::format("violates a rule of the database: {}", msg);
    e.message_zh = "违反数据库约束";
  } else {
    e.code = ErrorCode::kInternal;
    e.message = fmt::format("sqlite: {} ({})", msg, context);
  }
  return e;
}

Result<std::unique_ptr<Database>> Database::Open(const std::string& path, OpenOptions opts) {
  // Before SQLite's first use in the process: no global memory statistics, whose mutex every
  // allocation of every connection would otherwise take (the HTTP server runs one connection
  // per worker thread). anju never reads those statistics.
  static std::once_flag configured;
  std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  sqlite3* db = nullptr;
  int flags = opts.read_only ? SQLITE_OPEN_READONLY
                             : (SQLITE_OPEN_READWRITE | (opts.create ? SQLITE_OPEN_CREATE : 0));
  flags |= SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    Error e;
    e.code = ErrorCode::kUnavailable;
    e.message = fmt::format("cannot open database {}: {}", path, msg);
    e.message_zh = fmt::format("无法打开数据库 {}", path);
    e.field = "db";
    e.value = path;
    return std::unexpected(e);
  }
  std::unique_ptr<Database> d(new Database(db, path));
  sqlite3_busy_timeout(db, opts.busy_timeout_ms);
  sqlite3_extended_result_codes(db, 1);
  sqlite3_rollback_hook(
      db, [](void* self) { static_cast<Database*>(self)->audit_appended_ = false; }, d.get());
  const bool file = path != ":memory:" && !path.empty();
  if (file) {
    // Reads the header through SQLite (never by opening the file ourselves: see
    // CheckDatabasePath in migrate.cc), so a file that is not SQLite gets a plain answer
    // instead of "file is not a database (PRAGMA journal_mode = WAL…)".
    int hrc = sqlite3_exec(db, "PRAGMA schema_version", nullptr, nullptr, nullptr);
    if ((hrc & 0xff) == SQLITE_NOTADB) {
      return InvalidArgument(
          fmt::format("{} is not an anju database (it is not an SQLite file); check the --db "
                      "path, or give the name of a new file to create one",
                      path),
          "db", path,
          fmt::format("{} 不是 anju 数据库（不是 SQLite 文件）；请检查 --db 路径，或给出新文件名以新建",
                      path));
    }
    // Other failures (busy, a read-only WAL file without its -shm) are left to the first real
    // statement, whose callers explain them.
  }
  if (auto s = d->Exec("PRAGMA foreign_keys = ON"); !s) return std::unexpected(s.error());
  if (!opts.read_only && file) {
    if (auto s = d->Exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL"); !s)
      return std::unexpected(s.error());
  }
  return d;
}

Database::~Database() {
  for (auto& [sql, st] : cache_) sqlite3_finalize(st);
  sqlite3_close_v2(db_);
}

void Database::Recycle(std::string sql, sqlite3_stmt* stmt) {
  // A bound on the cache: the repositories use a few dozen distinct statements.
  constexpr size_t kMaxCached = 256;
  if (cache_.size() >= kMaxCached) {
    sqlite3_finalize(stmt);
    return;
  }
  cache_.emplace(std::move(sql), stmt);
}

Status Database::Exec(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    sqlite3_free(err);
    return std::unexpected(SqliteError(db_, rc, sql.substr(0, 80)));
  }
  AfterCommit();
  return {};
}

void Database::NoteAuditAppended() {
  audit_appended_ = true;
  AfterCommit();
}

void Database::AfterCommit() {
  if (!audit_appended_ || !sqlite3_get_autocommit(db_)) return;
  audit_appended_ = false;
  // The change is committed whatever happens here; a witness that cannot be written stays
  // behind the table, which `anju audit verify` shows.
  (void)AdvanceAuditWitness(*this);
}

Result<Statement> Database::Prepare(std::string_view sql) {
  if (auto it = cache_.find(sql); it != cache_.end()) {
    auto node = cache_.extract(it);
    return Statement(node.mapped(), db_, this, std::move(node.key()));
  }
  sqlite3_stmt* st = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &st, nullptr);
  if (rc != SQLITE_OK) return std::unexpected(SqliteError(db_, rc, sql.substr(0, 120)));
  return Statement(st, db_, this, std::string(sql));
}

int64_t Database::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
int Database::Changes() const { return sqlite3_changes(db_); }

Statement::Statement(Statement&& o) noexcept
    : stmt_(o.stmt_), db_(o.db_), owner_(o.owner_), sql_(std::move(o.sql_)) {
  o.stmt_ = nullptr;
}
Statement& Statement::operator=(Statement&& o) noexcept {
  if (this != &o) {
    Release();
    stmt_ = std::exchange(o.stmt_, nullptr);
    db_ = o.db_;
    owner_ = o.owner_;
    sql_ = std::move(o.sql_);
  }
  return *this;
}
Statement::~Statement() { Release(); }

void Statement::Release() {
  if (!stmt_) return;
  if (owner_) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    owner_->Recycle(std::move(sql_), stmt_);
  } else {
    sqlite3_finalize(stmt_);
  }
  stmt_ = nullptr;
}

Statement& Statement::Bind(int i, int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
Statement& Statement::Bind(int i, double v) {
  sqlite3_bind_double(stmt_, i, v);
  return *this;
}
Statement& Statement::Bind(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::BindStatic(int i, std::string_view v) {
  // A null data() (a default string_view) would bind NULL; "" is the empty text.
  sqlite3_bind_text(stmt_, i, v.data() ? v.data() : "", static_cast<int>(v.size()), SQLITE_STATIC);
  return *this;
}
Statement& Statement::BindNull(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}

Result<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Error e = SqliteError(db_, rc, sqlite3_sql(stmt_) ? sqlite3_sql(stmt_) : "");
  sqlite3_reset(stmt_);
  return std::unexpected(e);
}

Status Statement::Run() {
  auto r = Step();
  sqlite3_reset(stmt_);
  if (!r) return std::unexpected(r.error());
  return {};
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

void Statement::Rewind() { sqlite3_reset(stmt_); }

int64_t Statement::ColumnInt(int c) const { return sqlite3_column_int64(stmt_, c); }
double Statement::ColumnDouble(int c) const { return sqlite3_column_double(stmt_, c); }
std::string Statement::ColumnText(int c) const {
  const unsigned char* t = sqlite3_column_text(stmt_, c);
  if (!t) return {};
  return std::string(reinterpret_cast<const char*>(t),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, c)));
}
bool Statement::ColumnIsNull(int c) const { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }
std::optional<int64_t> Statement::ColumnOptionalInt(int c) const {
  if (ColumnIsNull(c)) return std::nullopt;
  return ColumnInt(c);
}
std::optional<std::string> Statement::ColumnOptionalText(int c) const {
  if (ColumnIsNull(c)) return std::nullopt;
  return ColumnText(c);
}
int Statement::ColumnCount() const { return sqlite3_column_count(stmt_); }
std::string Statement::ColumnName(int c) const { return sqlite3_column_name(stmt_, c); }

Result<Transaction> Transaction::Begin(Database& db) {
  if (auto s = db.Exec("BEGIN IMMEDIATE"); !s) return std::unexpected(s.error());
  return Transaction(&db);
}

Transaction::~Transaction() {
  if (db_) (void)db_->Exec("ROLLBACK");
}

Status Transaction::Commit() {
  if (!db_) return Internal("transaction already finished");
  auto s = db_->Exec("COMMIT");
  if (s) db_ = nullptr;
  return s;
}

}  // namespace anju::storage
