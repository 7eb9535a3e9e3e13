// Schema migrations: numbered .sql files in storage/migrations/, embedded in the binary at
// build time. The database's PRAGMA user_version is the number of the last applied migration.
//
// Thread-safety: run once per process at start, before other connections write.
#pragma once

#include <string_view>
#include <vector>

#include "core/error.h"
#include "storage/sqlite.h"

namespace anju::storage {

/// One embedded migration: its number (from the file name NNNN_name.sql) and SQL text.
struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

/// All embedded migrations in ascending order.
const std::vector<Migration>& EmbeddedMigrations();

/// The highest migration number this binary knows.
int LatestSchemaVersion();

/// The database's current schema version (0 for a new file).
Result<int> SchemaVersion(Database& db);

/// Applies the missing migrations, each in its own transaction (all-or-nothing per step).
/// Errors: kUnavailable "written by a newer anju" when the database's version is above
/// LatestSchemaVersion() (nothing is changed); SQLite errors as kInternal.
Status Migrate(Database& db);

/// Checks `path` before SQLite opens it, so that mistakes get a plain answer: kInvalidArgument
/// (English and Chinese, naming the path and what to do) when it is a folder or a new file in a
/// folder that does not exist. Sets `*read_only` (when given) to whether the file exists but may
/// not be written. ":memory:" and "" pass. Only stat(2)/access(2): it never opens the file, so
/// it is safe in a process that already holds connections to it (closing any descriptor of the
/// database drops the process's POSIX locks). A file that is not SQLite is refused by
/// Database::Open, which reads the header through SQLite.
Status CheckDatabasePath(const std::string& path, bool* read_only = nullptr);

/// Refuses `path` given as `option` (an output or input file of a command) when it is the
/// database at `db_path`, its -wal, its -shm or its audit witness (same device and inode, by
/// stat(2) only: never opened): writing it would replace the database, and reading it outside
/// SQLite would drop the process's locks. Errors: kInvalidArgument naming the option and path.
Status RefuseDatabaseFile(const std::string& path, std::string_view option,
                          const std::string& db_path);

/// Opens `path` and migrates it; the normal way for commands to get a database.
/// If `must_exist` and the file is missing: kNotFound suggesting `anju init`.
/// kInvalidArgument (English and Chinese, naming the path and what to do) when `path` is a
/// folder, a non-empty file that is not SQLite, or a new file in a folder that does not exist.
/// A file the process may not write is opened read-only (reports work; writes fail), and
/// refused with kInvalidArgument if it would need a migration.
Result<std::unique_ptr<Database>> OpenAndMigrate(const std::string& path, bool must_exist);

}  // namespace anju::storage
