#include "storage/sqlite.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <unistd.h>

#include <cctype>
#include <ctime>
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
  if (opts.stop == nullptr) {
    sqlite3_busy_timeout(db, opts.busy_timeout_ms);
  } else {
    // SQLite's own timeout sleeps through a stop: wait in steps of 10 ms, asking before each.
    d->busy_timeout_ms_ = opts.busy_timeout_ms;
    d->stop_ = opts.stop;
    sqlite3_busy_handler(
        db,
        [](void* self, int tries) -> int {
          auto* me = static_cast<Database*>(self);
          if (me->stop_->load() || tries * 10 >= me->busy_timeout_ms_) return 0;
          sqlite3_sleep(10);
          return 1;
        },
        d.get());
    sqlite3_progress_handler(
        db, 1000, [](void* self) -> int { return static_cast<Database*>(self)->stop_->load() ? 1 : 0; }, d.get());
  }
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

/// SQLite's side of a Statement handle: one compiled statement, kept by its Database between
/// uses (the statement cache) together with its SQL text, the cache key.
class SqliteStatement final : public StatementImpl {
 public:
  SqliteStatement(sqlite3_stmt* s, Database* owner, std::string sql)
      : stmt_(s), owner_(owner), sql_(std::move(sql)) {}
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }

  void BindInt64(int i, int64_t v) override { sqlite3_bind_int64(stmt_, i, v); }
  void BindDouble(int i, double v) override { sqlite3_bind_double(stmt_, i, v); }
  void BindText(int i, std::string_view v) override {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void BindTextStatic(int i, std::string_view v) override {
    // A null data() (a default string_view) would bind NULL; "" is the empty text.
    sqlite3_bind_text(stmt_, i, v.data() ? v.data() : "", static_cast<int>(v.size()),
                      SQLITE_STATIC);
  }
  void BindNull(int i) override { sqlite3_bind_null(stmt_, i); }

  Result<bool> Step() override {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    Error e = SqliteError(owner_->db_, rc, sqlite3_sql(stmt_) ? sqlite3_sql(stmt_) : "");
    sqlite3_reset(stmt_);
    return std::unexpected(e);
  }
  Status Run() override {
    auto r = Step();
    sqlite3_reset(stmt_);
    if (!r) return std::unexpected(r.error());
    return {};
  }
  void Reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  void Rewind() override { sqlite3_reset(stmt_); }

  int64_t ColumnInt(int c) const override { return sqlite3_column_int64(stmt_, c); }
  double ColumnDouble(int c) const override { return sqlite3_column_double(stmt_, c); }
  std::string ColumnText(int c) const override {
    const unsigned char* t = sqlite3_column_text(stmt_, c);
    if (!t) return {};
    return std::string(reinterpret_cast<const char*>(t),
                       static_cast<size_t>(sqlite3_column_bytes(stmt_, c)));
  }
  bool ColumnIsNull(int c) const override {
    return sqlite3_column_type(stmt_, c) == SQLITE_NULL;
  }
  int ColumnCount() const override { return sqlite3_column_count(stmt_); }
  std::string ColumnName(int c) const override { return sqlite3_column_name(stmt_, c); }

  void Release() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    owner_->Recycle(this);
  }

 private:
  friend class Database;
  sqlite3_stmt* stmt_;
  Database* owner_;
  std::string sql_;  // the cache key while the statement is out of the cache
};

Database::~Database() {
  for (auto& [sql, st] : cache_) delete st;
  sqlite3_close_v2(db_);
}

void Database::Recycle(SqliteStatement* stmt) {
  // A bound on the cache: the repositories use a few dozen distinct statements.
  constexpr size_t kMaxCached = 256;
  if (cache_.size() >= kMaxCached) {
    delete stmt;
    return;
  }
  cache_.emplace(std::move(stmt->sql_), stmt);
}

namespace {
std::atomic<BeforeCommitHook> before_commit_hook{nullptr};

// "COMMIT", "END", "COMMIT TRANSACTION", "end;" …: a statement that ends the transaction.
bool IsCommit(std::string_view sql) {
  std::string word;
  for (char c : sql)
    if (c != ' ' && c != ';' && c != '\n' && c != '\t') word += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return word == "COMMIT" || word == "END" || word == "COMMITTRANSACTION" || word == "ENDTRANSACTION";
}
}  // namespace

void SetBeforeCommitHook(BeforeCommitHook hook) { before_commit_hook.store(hook); }

Status Database::Exec(std::string_view sql) {
  if (BeforeCommitHook hook = before_commit_hook.load(); hook && !in_before_commit_ && sql.size() <= 24 &&
                                                          IsCommit(sql) && sqlite3_txn_state(db_, nullptr) == SQLITE_TXN_WRITE) {
    in_before_commit_ = true;
    Status done = hook(*this);
    in_before_commit_ = false;
    if (!done) return done;
  }
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
    SqliteStatement* st = node.mapped();
    st->sql_ = std::move(node.key());
    return Statement(st);
  }
  sqlite3_stmt* st = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &st, nullptr);
  if (rc != SQLITE_OK) return std::unexpected(SqliteError(db_, rc, sql.substr(0, 120)));
  return Statement(new SqliteStatement(st, this, std::string(sql)));
}

int64_t Database::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
int Database::Changes() const { return sqlite3_changes(db_); }

Status Database::Begin() { return Exec("BEGIN IMMEDIATE"); }
Status Database::Commit() { return Exec("COMMIT"); }

Status Database::BackupTo(const std::string& out_path) {
  if (::access(out_path.c_str(), F_OK) == 0)
    return InvalidArgument(fmt::format("{} exists already; a backup writes a new file", out_path),
                           "out", out_path, fmt::format("{} 已存在；备份只写入新文件", out_path));
  sqlite3* dest = nullptr;
  int rc = sqlite3_open_v2(out_path.c_str(), &dest,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    std::string why = dest ? sqlite3_errmsg(dest) : "out of memory";
    sqlite3_close(dest);
    return Internal(fmt::format("cannot create backup {}: {}", out_path, why));
  }
  sqlite3_backup* b = sqlite3_backup_init(dest, "main", db_, "main");
  if (!b) {
    std::string why = sqlite3_errmsg(dest);
    sqlite3_close(dest);
    return Internal(fmt::format("cannot start backup to {}: {}", out_path, why));
  }
  // All pages in one step: a consistent copy (a writer meanwhile would restart a stepped copy).
  do {
    rc = sqlite3_backup_step(b, -1);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(b);
  std::string why = rc == SQLITE_DONE ? "" : sqlite3_errmsg(dest);
  // The copy is a standalone file: no WAL beside it.
  if (rc == SQLITE_DONE) sqlite3_exec(dest, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
  sqlite3_close(dest);
  if (rc != SQLITE_DONE) return Internal(fmt::format("backup to {} failed: {}", out_path, why));
  return {};
}
Status Database::Rollback() { return Exec("ROLLBACK"); }
bool Database::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

std::string UtcTimestampNow() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

}  // namespace anju::storage
