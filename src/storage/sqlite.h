// Thin RAII wrapper over SQLite 3: a connection, prepared statements and transactions.
//
// Every SQL statement anju runs goes through Prepare() with bound parameters; no SQL is ever
// built from values. Errors come back as anju::Error: SQLITE_BUSY/LOCKED -> kUnavailable,
// UNIQUE/PRIMARY KEY constraint -> kConflict, other constraints (CHECK, FOREIGN KEY, NOT NULL)
// -> kInvalidArgument, anything else -> kInternal; the message includes SQLite's text.
//
// Thread-safety: a Database is used by one thread at a time (open one per thread or guard it
// with a mutex); SQLite itself is built thread-safe (serialized) on Debian.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace anju::storage {

class Statement;

/// Options for opening a database file.
struct OpenOptions {
  bool read_only = false;
  bool create = true;          // create the file if missing
  int busy_timeout_ms = 5000;  // wait this long for a lock before kUnavailable
};

/// An open SQLite connection with WAL journaling, foreign keys on and a busy timeout.
class Database {
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
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  /// Runs one or more statements without parameters (schema, pragmas). Never pass values here.
  Status Exec(std::string_view sql);
  /// Compiles one statement. Errors: kInternal with SQLite's message (a bug in the SQL).
  /// Compiled statements are cached per connection: when a Statement is destroyed it is reset
  /// and kept, and the next Prepare of the same SQL text reuses it (parsing is most of the cost
  /// of a short query; the HTTP server runs the same few queries per request).
  Result<Statement> Prepare(std::string_view sql);
  /// Row id of the last successful INSERT on this connection.
  int64_t LastInsertRowId() const;
  /// Rows changed by the last INSERT/UPDATE/DELETE.
  int Changes() const;
  const std::string& path() const { return path_; }
  sqlite3* raw() { return db_; }
  /// Notes that the open transaction appended audit entries (AppendAudit calls it): once it
  /// commits, the audit witness beside the file advances (audit_witness.h); a rollback forgets
  /// the note. Outside a transaction the witness advances at once.
  void NoteAuditAppended();

 private:
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  friend class Statement;
  /// Takes back a statement whose Statement object ended (reset, bindings cleared).
  void Recycle(std::string sql, sqlite3_stmt* stmt);
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
  std::unordered_multimap<std::string, sqlite3_stmt*, Hash, std::equal_to<>> cache_;
};

/// A prepared statement. Bind indexes start at 1. Move-only; finalised in the destructor.
class Statement {
 public:
  Statement(Statement&& o) noexcept;
  Statement& operator=(Statement&& o) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& Bind(int index, int64_t v);
  Statement& Bind(int index, int v) { return Bind(index, static_cast<int64_t>(v)); }
  Statement& Bind(int index, double v);
  Statement& Bind(int index, std::string_view v);  // copied (SQLITE_TRANSIENT)
  Statement& Bind(int index, const char* v) { return Bind(index, std::string_view(v)); }
  Statement& Bind(int index, const std::string& v) { return Bind(index, std::string_view(v)); }
  /// Binds text without copying it (SQLITE_STATIC): the bytes must stay valid and unchanged
  /// until the statement has been stepped and reset (or the parameter bound again). For the
  /// bulk import's row values, which outlive the INSERT that reads them.
  Statement& BindStatic(int index, std::string_view v);
  /// BindStatic, or NULL when `v` is empty.
  Statement& BindStaticOrNull(int index, std::string_view v) {
    return v.empty() ? BindNull(index) : BindStatic(index, v);
  }
  Statement& BindNull(int index);
  /// Binds the value or NULL.
  template <class T>
  Statement& Bind(int index, const std::optional<T>& v) {
    return v ? Bind(index, *v) : BindNull(index);
  }

  /// Advances: true when a row is available, false when done. Errors mapped as described above.
  Result<bool> Step();
  /// Runs a statement that returns no rows (or ignores them) and resets it for reuse.
  Status Run();
  /// Resets for re-execution and clears bindings.
  void Reset();
  /// Resets for re-execution and keeps the bindings (cheaper than Reset: for a caller that binds
  /// every parameter before each step anyway).
  void Rewind();

  int64_t ColumnInt(int col) const;
  double ColumnDouble(int col) const;
  std::string ColumnText(int col) const;
  bool ColumnIsNull(int col) const;
  std::optional<int64_t> ColumnOptionalInt(int col) const;
  std::optional<std::string> ColumnOptionalText(int col) const;
  int ColumnCount() const;
  std::string ColumnName(int col) const;

 private:
  friend class Database;
  Statement(sqlite3_stmt* s, sqlite3* db, Database* owner, std::string sql)
      : stmt_(s), db_(db), owner_(owner), sql_(std::move(sql)) {}
  void Release();
  sqlite3_stmt* stmt_;
  sqlite3* db_;
  Database* owner_ = nullptr;  // gets the compiled statement back (statement cache)
  std::string sql_;            // the cache key
};

/// RAII transaction: BEGIN IMMEDIATE on construction, ROLLBACK in the destructor unless
/// Commit() succeeded. Not nestable (use savepoints inside if ever needed).
class Transaction {
 public:
  /// Errors: kUnavailable when another writer holds the lock past the busy timeout.
  static Result<Transaction> Begin(Database& db);
  Transaction(Transaction&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Status Commit();

 private:
  explicit Transaction(Database* db) : db_(db) {}
  Database* db_;
};

/// Maps the SQLite result code `rc` of connection `db` to an anju Error: busy/locked ->
/// kUnavailable, unique -> kConflict, other constraints -> kInvalidArgument, read-only file ->
/// kPermissionDenied (plain message saying to make it writable), the rest kInternal.
Error SqliteError(sqlite3* db, int rc, std::string_view context);

}  // namespace anju::storage
