// Schema migrations, per module (issue #13, docs/modules.md "Migrations").
//
// Each schema owner — the platform (storage/migrations/: meta, divisions, reference_kinds,
// audit_log), then each module of ANJU_MODULES in order (src/<m>/migrations/) — has its own
// numbered NNNN_name.sql files from 0001, embedded in the binary at build time
// (cmake/embed_migrations.cmake). The table schema_migrations(module, version, name, applied_at)
// records what is applied; PRAGMA user_version is kModularUserVersion on such a database (so the
// previous release, which knew user_version 1-6, refuses it as "written by a newer anju").
//
// Upgrade of a database made by the previous release (user_version 1-6, one global sequence,
// no schema_migrations): the missing legacy steps up to 6 run first (storage/legacy/, frozen),
// then every migration marked "-- anju-baseline: schema 6" (each owner's 0001, together exactly
// the schema-6 state) is recorded as applied without running, and the later migrations run.
// A fresh database and an upgraded one end with the same sqlite_master (test Migrate.*).
//
// Thread-safety: run once per process at start, before other connections write.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "storage/sqlite.h"

namespace anju::storage {

/// One embedded migration: its number (from the file name NNNN_name.sql, per owner), its SQL
/// text, and whether it is part of the schema-6 baseline (recorded, not run, on an upgrade).
struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
  bool baseline = false;
};

/// One schema owner: "platform" or a module name, with its migrations in ascending order.
struct SchemaModule {
  std::string_view name;
  std::vector<Migration> migrations;
};

/// A migration whose text holds this line runs with PRAGMA foreign_keys = OFF around its
/// transaction and a PRAGMA foreign_key_check before the commit: a table rebuild (CREATE new,
/// copy, DROP old, RENAME; sqlite.org/lang_altertable.html "other kinds of table schema
/// changes") would otherwise cascade the DROP into child rows (e.g. auth 0002 rebuilding users
/// under sessions ON DELETE CASCADE).
inline constexpr std::string_view kForeignKeysOffMarker = "-- anju-migrate: foreign-keys-off";

/// PRAGMA user_version of a database whose schema is recorded in schema_migrations.
inline constexpr int kModularUserVersion = 7;

/// The previous release's global migrations 1-6 (storage/legacy/), frozen.
const std::vector<Migration>& LegacyMigrations();

/// The platform, then the modules in ANJU_MODULES order: the order migrations run in.
/// Generated from the CMake list; modules_test checks it equals modules::AllModules().
const std::vector<SchemaModule>& SchemaModules();

/// The migrations of `module` (empty when it has none or is unknown).
std::span<const Migration> ModuleMigrations(std::string_view module);

/// The number of migrations this binary embeds over all owners: SchemaVersion of an up-to-date
/// database.
int LatestSchemaVersion();

/// A database's schema state as one number (healthz "schema_version", `anju init`): the count
/// of applied (module, version) rows; for a database of the previous release not yet upgraded,
/// its user_version (1-6); 0 for a new file. Equal to LatestSchemaVersion() when up to date.
Result<int> SchemaVersion(Database& db);

/// One row of schema_migrations.
struct AppliedMigration {
  std::string module;
  int version = 0;
  std::string name;
  std::string applied_at;  // UTC, YYYY-MM-DDTHH:MM:SSZ
};

/// The rows of schema_migrations in the order applied (empty before the first Migrate).
Result<std::vector<AppliedMigration>> AppliedMigrations(Database& db);

/// Brings the database to this binary's schema, each step in its own transaction
/// (all-or-nothing per step; the legacy adoption is one step).
/// Errors: kUnavailable "written by a newer anju" (nothing changed) when user_version is above
/// kModularUserVersion or schema_migrations names a module or version this binary does not
/// know; SQLite errors as kInternal, naming the module and migration.
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
