// The storage seam (issue #13 item 7): the small connection interface every repository talks
// to, so that a second database (PostgreSQL, a later issue) is one more driver beside SQLite.
//
//   Connection   prepare, exec, begin/commit/rollback, changes (abstract; one per thread)
//   Statement    a prepared statement: bind int64/double/text/null (indexes from 1), step,
//                column getters (from 0), run; a move-only handle that gives the compiled
//                statement back to its connection's cache when it ends
//   Transaction  RAII: begins on construction, rolls back in the destructor unless committed
//
// Today's one driver is SQLite (storage::Database in storage/sqlite.h). Errors come back as
// anju::Error with the driver's text: busy/locked -> kUnavailable, unique/primary key ->
// kConflict, other constraints -> kInvalidArgument, read-only file -> kPermissionDenied, the rest
// kInternal. SQL given here is kept to the subset PostgreSQL accepts too (src/storage/README.md;
// ctest lint.portable_sql): no time functions of the database (times are bound values), no
// INSERT OR …, RETURNING id for new rows.
//
// Design: abstract classes with virtual functions, and a value-type Statement handle over a
// driver object the connection keeps between uses. One indirect call per bind/step/column, as
// the previous concrete wrapper made one out-of-line call (measured: bench/README.md, "Storage
// seam"); no allocation per Prepare once a statement is cached.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/error.h"

namespace anju::storage {

/// The driver side of a prepared statement (implemented per database; storage/sqlite.cc).
/// Only Statement calls these; see Statement for each one's contract.
class StatementImpl {
 public:
  virtual void BindInt64(int index, int64_t v) = 0;
  virtual void BindDouble(int index, double v) = 0;
  virtual void BindText(int index, std::string_view v) = 0;
  virtual void BindTextStatic(int index, std::string_view v) = 0;
  virtual void BindNull(int index) = 0;
  virtual Result<bool> Step() = 0;
  virtual Status Run() = 0;
  virtual void Reset() = 0;
  virtual void Rewind() = 0;
  virtual int64_t ColumnInt(int col) const = 0;
  virtual double ColumnDouble(int col) const = 0;
  virtual std::string ColumnText(int col) const = 0;
  virtual bool ColumnIsNull(int col) const = 0;
  virtual int ColumnCount() const = 0;
  virtual std::string ColumnName(int col) const = 0;
  /// The handle ended: reset, clear bindings and give it back to the connection (or free it).
  virtual void Release() = 0;

 protected:
  virtual ~StatementImpl() = default;  // owned by its connection
};

/// A prepared statement. Bind indexes start at 1, columns at 0. Move-only; must not outlive
/// the connection that prepared it.
class Statement {
 public:
  explicit Statement(StatementImpl* impl) : impl_(impl) {}
  Statement(Statement&& o) noexcept : impl_(std::exchange(o.impl_, nullptr)) {}
  Statement& operator=(Statement&& o) noexcept {
    if (this != &o) {
      if (impl_) impl_->Release();
      impl_ = std::exchange(o.impl_, nullptr);
    }
    return *this;
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() {
    if (impl_) impl_->Release();
  }

  Statement& Bind(int index, int64_t v) { return impl_->BindInt64(index, v), *this; }
  Statement& Bind(int index, int v) { return Bind(index, static_cast<int64_t>(v)); }
  Statement& Bind(int index, double v) { return impl_->BindDouble(index, v), *this; }
  /// Copies the text.
  Statement& Bind(int index, std::string_view v) { return impl_->BindText(index, v), *this; }
  Statement& Bind(int index, const char* v) { return Bind(index, std::string_view(v)); }
  Statement& Bind(int index, const std::string& v) { return Bind(index, std::string_view(v)); }
  /// Binds text without copying it where the driver can (SQLite: SQLITE_STATIC): the bytes must
  /// stay valid and unchanged until the statement has been stepped and reset (or the parameter
  /// bound again). For the bulk import's row values, which outlive the INSERT that reads them.
  Statement& BindStatic(int index, std::string_view v) {
    return impl_->BindTextStatic(index, v), *this;
  }
  /// BindStatic, or NULL when `v` is empty.
  Statement& BindStaticOrNull(int index, std::string_view v) {
    return v.empty() ? BindNull(index) : BindStatic(index, v);
  }
  Statement& BindNull(int index) { return impl_->BindNull(index), *this; }
  /// Binds the value or NULL.
  template <class T>
  Statement& Bind(int index, const std::optional<T>& v) {
    return v ? Bind(index, *v) : BindNull(index);
  }

  /// Advances: true when a row is available, false when done. Errors as described above.
  Result<bool> Step() { return impl_->Step(); }
  /// Runs a statement that returns no rows (or ignores them) and resets it for reuse.
  Status Run() { return impl_->Run(); }
  /// Runs an `INSERT … RETURNING id` and gives the new row's id (the portable form of SQLite's
  /// last_insert_rowid), then resets for reuse keeping the bindings. Errors: as Step; kInternal
  /// when the statement gave no row.
  Result<int64_t> RunReturningId() {
    auto row = Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) {
      Rewind();
      return Internal("INSERT … RETURNING id gave no row");
    }
    int64_t id = ColumnInt(0);
    Rewind();
    return id;
  }
  /// Resets for re-execution and clears bindings.
  void Reset() { impl_->Reset(); }
  /// Resets for re-execution and keeps the bindings (cheaper than Reset: for a caller that binds
  /// every parameter before each step anyway).
  void Rewind() { impl_->Rewind(); }

  int64_t ColumnInt(int col) const { return impl_->ColumnInt(col); }
  double ColumnDouble(int col) const { return impl_->ColumnDouble(col); }
  std::string ColumnText(int col) const { return impl_->ColumnText(col); }
  bool ColumnIsNull(int col) const { return impl_->ColumnIsNull(col); }
  std::optional<int64_t> ColumnOptionalInt(int col) const {
    if (ColumnIsNull(col)) return std::nullopt;
    return ColumnInt(col);
  }
  std::optional<std::string> ColumnOptionalText(int col) const {
    if (ColumnIsNull(col)) return std::nullopt;
    return ColumnText(col);
  }
  int ColumnCount() const { return impl_->ColumnCount(); }
  std::string ColumnName(int col) const { return impl_->ColumnName(col); }

 private:
  StatementImpl* impl_;
};

/// One database connection, used by one thread at a time.
class Connection {
 public:
  Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  virtual ~Connection() = default;

  /// Runs one or more statements without parameters (schema). Never pass values here.
  virtual Status Exec(std::string_view sql) = 0;
  /// Compiles one statement (cached per connection: preparing the same text again is cheap).
  /// Errors: kInternal with the driver's message (a bug in the SQL).
  virtual Result<Statement> Prepare(std::string_view sql) = 0;
  /// Rows changed by the last INSERT/UPDATE/DELETE.
  virtual int Changes() const = 0;
  /// Starts a write transaction, taking the write lock at once (SQLite: BEGIN IMMEDIATE).
  /// Errors: kUnavailable when another writer holds it past the busy timeout.
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;
  /// True inside a transaction (Begin not yet committed or rolled back).
  virtual bool InTransaction() const = 0;
  /// Notes that the open transaction appended audit entries (AppendAudit calls it): once it
  /// commits, the audit witness beside the database advances (audit_witness.h); a rollback
  /// forgets the note. Outside a transaction the witness advances at once.
  virtual void NoteAuditAppended() = 0;
  /// Where the database is, for messages and the audit witness beside it (SQLite: the file
  /// path; ":memory:" or "" for a private in-memory database, which has no witness).
  virtual const std::string& path() const = 0;
};

/// RAII transaction: Begin on construction, Rollback in the destructor unless Commit()
/// succeeded. Not nestable (use savepoints inside if ever needed).
class Transaction {
 public:
  /// Errors: kUnavailable when another writer holds the lock past the busy timeout.
  static Result<Transaction> Begin(Connection& c) {
    if (auto s = c.Begin(); !s) return std::unexpected(s.error());
    return Transaction(&c);
  }
  Transaction(Transaction&& o) noexcept : c_(std::exchange(o.c_, nullptr)) {}
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction() {
    if (c_) (void)c_->Rollback();
  }
  Status Commit() {
    if (!c_) return Internal("transaction already finished");
    auto s = c_->Commit();
    if (s) c_ = nullptr;
    return s;
  }

 private:
  explicit Transaction(Connection* c) : c_(c) {}
  Connection* c_;
};

/// A write that may run inside someone else's transaction: a Transaction of its own (Begin,
/// Commit), or — when the connection is already in one (an import batch, another module's
/// service) — SAVEPOINT `name` … RELEASE, rolled back to the savepoint on failure, so the
/// caller's transaction decides. Rolls back in the destructor unless committed.
/// `name` must be an SQL identifier (a constant of the caller). Errors: as Begin/Exec.
class WriteScope {
 public:
  static Result<WriteScope> Begin(Connection& c, std::string_view name) {
    const bool nested = c.InTransaction();
    if (auto s = nested ? c.Exec("SAVEPOINT " + std::string(name)) : c.Begin(); !s)
      return std::unexpected(s.error());
    return WriteScope(&c, nested, name);
  }
  WriteScope(WriteScope&& o) noexcept
      : c_(std::exchange(o.c_, nullptr)), nested_(o.nested_), name_(std::move(o.name_)) {}
  WriteScope& operator=(WriteScope&&) = delete;
  ~WriteScope() {
    if (!c_) return;
    if (nested_) (void)c_->Exec("ROLLBACK TO " + name_ + "; RELEASE " + name_);
    else (void)c_->Rollback();
  }
  Status Commit() {
    if (!c_) return Internal("write already finished");
    auto s = nested_ ? c_->Exec("RELEASE " + name_) : c_->Commit();
    if (s) c_ = nullptr;
    return s;
  }

 private:
  WriteScope(Connection* c, bool nested, std::string_view name)
      : c_(c), nested_(nested), name_(name) {}
  Connection* c_;
  bool nested_;
  std::string name_;
};

/// Now as the tables' created_at/updated_at text, "YYYY-MM-DDTHH:MM:SSZ" (UTC, system clock):
/// the value bound where SQL used to write strftime('%Y-%m-%dT%H:%M:%SZ','now').
std::string UtcTimestampNow();

}  // namespace anju::storage
