// The SQLite driver of the storage seam (storage/connection.h): a connection, prepared
// statements (Statement handles over SqliteStatement) and transactions.
//
// Every SQL statement anju runs goes through Prepare() with bound parameters; no SQL is ever
// built from values. Errors come back as anju::Error: SQLITE_BUSY/LOCKED -> kUnavailable,
// UNIQUE/PRIMARY KEY constraint -> kConflict, other constraints (CHECK, FOREIGN KEY, NOT NULL)
// -> kInvalidArgument, anything else -> kInternal; the message includes SQLite's text.
//
// Thread-safety: a Database is used by one thread at a time (open one per thread or guard it
// with a mutex); SQLite itself is built thread-safe (serialized) on Debian.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/error.h"
#include "storage/connection.h"

struct sqlite3;
struct sqlite3_stmt;

namespace anju::storage {

/// Options for opening a database file.
struct OpenOptions {
  bool read_only = false;
  bool create = true;          // create the file if missing
  int busy_timeout_ms = 5000;  // wait this long for a lock before kUnavailable
  /// When set (a background job's connection, e.g. a sweep of `anju serve`): once `*stop` is
  /// true, a wait for a lock ends at once (kUnavailable) and a running statement is interrupted,
  /// so the job's transaction rolls back and the job can end promptly on shutdown. Must outlive
  /// the connection.
  const std::atomic<bool>* stop = nullptr;
};

class SqliteStatement;
class Database;

/// A step run inside every write transaction of a Database just before its COMMIT (Commit(), or
/// Exec of "COMMIT"/"END"), in that transaction: derived tables kept in step with the records
/// (reports/storage/labour_spans.h, the labour day totals). An error stops the commit (the
/// transaction stays open for the caller to roll back). Set once at start (modules::Install)
/// before other threads; nullptr: none. Not run for a read transaction or a RELEASE.
using BeforeCommitHook = Status (*)(Database&);
void SetBeforeCommitHook(BeforeCommitHook hook);

/// An open SQLite connection with WAL journaling, foreign keys on and a busy timeout: the
/// SQLite driver of the storage seam (connection.h).
class Database final : public Connection {
 public:
  /// Opens (or creates) `path`; ":memory:" gives a private in-memory database.
  /// Errors: kUnavailable if the file cannot be opened (message names the path and the reason);
  /// kInvalidArgument (field "db", English and Chinese) when the file is not SQLite, found by
  /// reading the header through SQLite.
  ///
  /// Nothing in anju may open the database file, its -wal or its -shm other than through
  /// SQLite: closing such a descriptor drops every POSIX lock the process holds on the file,
  /// and another process may then checkpoint and delete the -wal under a live connection
  /// (sqlite.org/howtocorrupt.html §2.2). tests/lint/db_file_opens.sh checks the sources.
  static Result<std::unique_ptr<Database>> Open(const std::string& path, OpenOptions opts = {});
  ~Database() override;

  /// Runs one or more statements without parameters (schema, pragmas). Never pass values here.
  Status Exec(std::string_view sql) override;
  /// Compiles one statement. Errors: kInternal with SQLite's message (a bug in the SQL).
  /// Compiled statements are cached per connection: when a Statement is destroyed it is reset
  /// and kept, and the next Prepare of the same SQL text reuses it (parsing is most of the cost
  /// of a short query; the HTTP server runs the same few queries per request).
  Result<Statement> Prepare(std::string_view sql) override;
  /// Row id of the last successful INSERT on this connection (SQLite-only paths; portable SQL
  /// uses RETURNING id).
  int64_t LastInsertRowId() const;
  /// Rows changed by the last INSERT/UPDATE/DELETE.
  int Changes() const override;
  /// BEGIN IMMEDIATE / COMMIT / ROLLBACK.
  Status Begin() override;
  Status Commit() override;
  Status Rollback() override;
  bool InTransaction() const override;
  const std::string& path() const override { return path_; }
  sqlite3* raw() { return db_; }
  /// Copies the whole database to a new file `out_path` with SQLite's online backup API
  /// (sqlite.org/backup.html): a consistent snapshot while other connections keep reading and
  /// writing, without opening the database file ourselves. `out_path` must not exist.
  /// Errors: kInvalidArgument (field "out") when it exists; kInternal with SQLite's message.
  Status BackupTo(const std::string& out_path);
  void NoteAuditAppended() override;

 private:
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  friend class SqliteStatement;
  /// Takes back a statement whose Statement handle ended (reset, bindings cleared).
  void Recycle(SqliteStatement* stmt);
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  /// After a statement that may have ended a transaction: advances the audit witness when the
  /// committed transaction appended entries.
  void AfterCommit();
  sqlite3* db_;
  std::string path_;
  bool audit_appended_ = false;  // cleared by the rollback hook
  bool in_before_commit_ = false;  // the BeforeCommitHook is running (its own statements)
  int busy_timeout_ms_ = 0;        // with stop_: the lock wait's bound (OpenOptions)
  const std::atomic<bool>* stop_ = nullptr;
  // Owns the statements it holds (deleted in the destructor); a statement in use is out of it.
  std::unordered_multimap<std::string, SqliteStatement*, Hash, std::equal_to<>> cache_;
};

/// Maps the SQLite result code `rc` of connection `db` to an anju Error: busy/locked ->
/// kUnavailable, unique -> kConflict, other constraints -> kInvalidArgument, read-only file ->
/// kPermissionDenied (plain message saying to make it writable), the rest kInternal.
Error SqliteError(sqlite3* db, int rc, std::string_view context);

}  // namespace anju::storage
