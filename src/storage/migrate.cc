#include "storage/migrate.h"

#include <fmt/format.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <utility>

#include "core/try.h"
#include "storage/audit_witness.h"

namespace anju::storage {

namespace {

std::string NowUtcSeconds() {
  using namespace std::chrono;
  auto secs = floor<seconds>(system_clock::now());
  auto day = floor<days>(secs);
  year_month_day ymd{day};
  hh_mm_ss hms{secs - day};
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                     hms.hours().count(), hms.minutes().count(), hms.seconds().count());
}

Result<int> UserVersion(Database& db) {
  ANJU_TRY(st, db.Prepare("PRAGMA user_version"));
  ANJU_CHECK(st.Step());
  return static_cast<int>(st.ColumnInt(0));
}

Result<bool> HasTable(Database& db, std::string_view name) {
  ANJU_TRY(st, db.Prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1"));
  st.Bind(1, name);
  ANJU_TRY(row, st.Step());
  return row;
}

Error Newer(Database& db, std::string what) {
  Error e;
  e.code = ErrorCode::kUnavailable;
  e.message = fmt::format("database {} was written by a newer anju ({}); upgrade anju", db.path(),
                          std::move(what));
  e.message_zh = "数据库由更新版本的 anju 创建，请升级 anju";
  e.field = "db";
  e.value = db.path();
  return e;
}

// The ledger itself: created by the runner (not a migration), the same on every path.
constexpr std::string_view kLedgerSql =
    "CREATE TABLE schema_migrations (\n"
    "  module     TEXT NOT NULL,\n"
    "  version    INTEGER NOT NULL,\n"
    "  name       TEXT NOT NULL,\n"
    "  applied_at TEXT NOT NULL,\n"
    "  PRIMARY KEY (module, version)\n"
    ") WITHOUT ROWID";

Status Record(Database& db, std::string_view module, const Migration& m, const std::string& at) {
  ANJU_TRY(st, db.Prepare("INSERT INTO schema_migrations (module, version, name, applied_at) "
                          "VALUES (?1, ?2, ?3, ?4)"));
  return st.Bind(1, module).Bind(2, m.version).Bind(3, m.name).Bind(4, at).Run();
}

Status UserVersionTo(Database& db, int v) {
  // user_version takes no bound parameter; the number comes from this file.
  return db.Exec(fmt::format("PRAGMA user_version = {}", v));
}

}  // namespace

std::span<const Migration> ModuleMigrations(std::string_view module) {
  for (const SchemaModule& s : SchemaModules())
    if (s.name == module) return s.migrations;
  return {};
}

int LatestSchemaVersion() {
  int n = 0;
  for (const SchemaModule& s : SchemaModules()) n += static_cast<int>(s.migrations.size());
  return n;
}

Result<int> SchemaVersion(Database& db) {
  ANJU_TRY(ledger, HasTable(db, "schema_migrations"));
  if (!ledger) return UserVersion(db);
  ANJU_TRY(st, db.Prepare("SELECT count(*) FROM schema_migrations"));
  ANJU_CHECK(st.Step());
  return static_cast<int>(st.ColumnInt(0));
}

Result<std::vector<AppliedMigration>> AppliedMigrations(Database& db) {
  std::vector<AppliedMigration> out;
  ANJU_TRY(ledger, HasTable(db, "schema_migrations"));
  if (!ledger) return out;
  ANJU_TRY(st, db.Prepare("SELECT module, version, name, applied_at FROM schema_migrations"));
  while (true) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    out.push_back({st.ColumnText(0), static_cast<int>(st.ColumnInt(1)), st.ColumnText(2),
                   st.ColumnText(3)});
  }
  // In the order they run: owners in list order (unknown ones last), versions ascending.
  auto rank = [](const std::string& m) {
    const auto& all = SchemaModules();
    for (size_t i = 0; i < all.size(); ++i)
      if (all[i].name == m) return i;
    return all.size();
  };
  std::stable_sort(out.begin(), out.end(), [&](const AppliedMigration& a, const AppliedMigration& b) {
    return std::pair(rank(a.module), a.version) < std::pair(rank(b.module), b.version);
  });
  return out;
}

Status Migrate(Database& db) {
  ANJU_TRY(user_version, UserVersion(db));
  if (user_version > kModularUserVersion)
    return std::unexpected(Newer(db, fmt::format("user_version {}", user_version)));
  ANJU_TRY(ledger, HasTable(db, "schema_migrations"));
  const std::string at = NowUtcSeconds();
  if (!ledger) {
    // The previous release's database (1-6): finish its own sequence first, as it would have.
    const bool legacy = user_version >= 1 && user_version < kModularUserVersion;
    if (legacy) {
      for (const Migration& m : LegacyMigrations()) {
        if (m.version <= user_version) continue;
        ANJU_TRY(tx, Transaction::Begin(db));
        if (auto s = db.Exec(m.sql); !s) {
          Error e = s.error();
          e.message = fmt::format("legacy migration {} ({}) failed: {}", m.version, m.name, e.message);
          return std::unexpected(e);
        }
        ANJU_CHECK(UserVersionTo(db, m.version));
        ANJU_CHECK(tx.Commit());
      }
    }
    // One step: the ledger, the baselines recorded (legacy) or nothing yet (new), the mark.
    ANJU_TRY(tx, Transaction::Begin(db));
    ANJU_CHECK(db.Exec(kLedgerSql));
    if (legacy) {
      for (const SchemaModule& owner : SchemaModules())
        for (const Migration& m : owner.migrations)
          if (m.baseline) ANJU_CHECK(Record(db, owner.name, m, at));
    }
    ANJU_CHECK(UserVersionTo(db, kModularUserVersion));
    ANJU_CHECK(tx.Commit());
  }
  // What is applied; anything this binary does not know means a newer anju wrote it.
  std::set<std::pair<std::string, int>> applied;
  {
    ANJU_TRY(st, db.Prepare("SELECT module, version FROM schema_migrations"));
    while (true) {
      ANJU_TRY(row, st.Step());
      if (!row) break;
      applied.emplace(st.ColumnText(0), static_cast<int>(st.ColumnInt(1)));
    }
  }
  for (const auto& [module, version] : applied) {
    auto known = ModuleMigrations(module);
    bool found = false;
    for (const Migration& m : known) found |= m.version == version;
    if (!found)
      return std::unexpected(Newer(db, fmt::format("migration {} {} is unknown here", module, version)));
  }
  for (const SchemaModule& owner : SchemaModules()) {
    for (const Migration& m : owner.migrations) {
      if (applied.contains({std::string(owner.name), m.version})) continue;
      // A table rebuild (https://sqlite.org/lang_altertable.html#otheralter, the 12 steps):
      // foreign keys off around the transaction (the pragma is a no-op inside one), so that
      // DROP TABLE of a parent does not cascade into its children (sessions ON DELETE CASCADE
      // of users), then PRAGMA foreign_key_check before the commit.
      const bool fk_off = m.sql.find(kForeignKeysOffMarker) != std::string_view::npos;
      if (fk_off) ANJU_CHECK(db.Exec("PRAGMA foreign_keys = OFF"));
      auto step = [&]() -> Status {
        ANJU_TRY(tx, Transaction::Begin(db));
        if (auto s = db.Exec(m.sql); !s) {
          Error e = s.error();
          e.message = fmt::format("migration {} {} ({}) failed: {}", owner.name, m.version, m.name,
                                  e.message);
          return std::unexpected(e);
        }
        if (fk_off) {
          ANJU_TRY(check, db.Prepare("PRAGMA foreign_key_check"));
          ANJU_TRY(broken, check.Step());
          if (broken) {
            Error e;
            e.code = ErrorCode::kInternal;
            e.message = fmt::format("migration {} {} ({}) left a broken foreign key in table {}",
                                    owner.name, m.version, m.name, check.ColumnText(0));
            e.message_zh = "数据库迁移后外键不一致，未作任何修改";
            return std::unexpected(e);
          }
        }
        ANJU_CHECK(Record(db, owner.name, m, at));
        return tx.Commit();
      };
      Status done = step();
      if (fk_off) ANJU_CHECK(db.Exec("PRAGMA foreign_keys = ON"));
      if (!done) return done;
    }
  }
  return {};
}

Status CheckDatabasePath(const std::string& path, bool* read_only) {
  if (read_only) *read_only = false;
  if (path != ":memory:" && !path.empty()) {
    // Plain answers for the usual mistakes, before SQLite's own messages ("file is not a
    // database (PRAGMA journal_mode = WAL…)", "unable to open database file").
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      return InvalidArgument(
          fmt::format("{} is a folder, not a database file; give a file path such as {}/anju.db",
                      path, fs::path(path).lexically_normal().string()),
          "db", path, fmt::format("{} 是文件夹，不是数据库文件；请给出文件路径，如 anju.db", path));
    }
    if (fs::is_regular_file(path, ec)) {
      // Whether the file is SQLite is checked by SQLite itself when Database::Open reads the
      // header, never by opening the file here: closing any descriptor of the database file
      // drops every POSIX lock this process holds on it (the HTTP server opens a connection
      // per worker, one after another), and the next process then checkpoints and deletes the
      // -wal under a live connection ("How To Corrupt An SQLite Database File", §2.2).
      // A file we may not write is opened read-only: reports and lists still work; writing
      // commands fail with SQLite's "readonly database" error when they write.
      if (read_only) *read_only = ::access(path.c_str(), W_OK) != 0;
    } else if (!fs::exists(path, ec)) {
      fs::path dir = fs::path(path).parent_path();
      if (!dir.empty() && !fs::is_directory(dir, ec)) {
        return InvalidArgument(
            fmt::format("cannot create database {}: the folder {} does not exist; create it first",
                        path, dir.string()),
            "db", path, fmt::format("无法创建数据库 {}：文件夹 {} 不存在，请先创建", path, dir.string()));
      }
    }
  }
  return {};
}

Status RefuseDatabaseFile(const std::string& path, std::string_view option,
                          const std::string& db_path) {
  if (db_path.empty() || db_path == ":memory:" || path.empty()) return {};
  struct stat p {};
  if (::stat(path.c_str(), &p) != 0) return {};
  for (const std::string& f : {db_path, db_path + "-wal", db_path + "-shm",
                               AuditWitnessPath(db_path)}) {
    struct stat d {};
    if (!f.empty() && ::stat(f.c_str(), &d) == 0 && d.st_dev == p.st_dev && d.st_ino == p.st_ino) {
      return InvalidArgument(
          fmt::format("{} {} is the database {} (or its -wal, -shm or audit witness); give "
                      "another file name",
                      option, path, db_path),
          std::string(option), path,
          fmt::format("{} {} 是数据库文件（或其附属文件），请换一个文件名", option, path));
    }
  }
  return {};
}

Result<std::unique_ptr<Database>> OpenAndMigrate(const std::string& path, bool must_exist) {
  if (must_exist && path != ":memory:" && !std::filesystem::exists(path)) {
    return NotFound(fmt::format("database {} does not exist; create it with `anju init --db {}` "
                                "or `anju demo --db {}`",
                                path, path, path),
                    "db", path, "数据库不存在，请先运行 anju init");
  }
  OpenOptions opts;
  if (auto s = CheckDatabasePath(path, &opts.read_only); !s) return std::unexpected(s.error());
  std::error_code ec;
  const bool created = path != ":memory:" && !std::filesystem::exists(path, ec);
  auto db = Database::Open(path, opts);
  if (!db) return std::unexpected(db.error());
  // A new database has no history: a witness left by a deleted one would call it truncated.
  if (created && !AuditWitnessPath(path).empty()) ::unlink(AuditWitnessPath(path).c_str());
  if (opts.read_only) {
    auto v = SchemaVersion(**db);
    if (!v) {
      // Reading a read-only WAL database needs its -shm file, created next to it.
      return InvalidArgument(
          fmt::format("database {} is read-only and cannot be read here ({}); make the file and "
                      "its folder writable, or copy it to a folder you may write to",
                      path, v.error().message),
          "db", path, fmt::format("数据库 {} 只读且无法读取；请设为可写，或复制到可写的文件夹", path));
    }
    if (*v < LatestSchemaVersion()) {
      return InvalidArgument(
          fmt::format("database {} is read-only and must be upgraded (schema {} -> {}); make the "
                      "file writable (chmod u+w) and run the command again",
                      path, *v, LatestSchemaVersion()),
          "db", path, fmt::format("数据库 {} 只读且需要升级，请设为可写后重试", path));
    }
  }
  if (auto s = Migrate(**db); !s) return std::unexpected(s.error());
  return db;
}

}  // namespace anju::storage
