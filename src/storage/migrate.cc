#include "storage/migrate.h"

#include <fmt/format.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "storage/audit_witness.h"

namespace anju::storage {

int LatestSchemaVersion() {
  const auto& m = EmbeddedMigrations();
  return m.empty() ? 0 : m.back().version;
}

Result<int> SchemaVersion(Database& db) {
  auto st = db.Prepare("PRAGMA user_version");
  if (!st) return std::unexpected(st.error());
  auto row = st->Step();
  if (!row) return std::unexpected(row.error());
  return static_cast<int>(st->ColumnInt(0));
}

Status Migrate(Database& db) {
  auto current = SchemaVersion(db);
  if (!current) return std::unexpected(current.error());
  if (*current > LatestSchemaVersion()) {
    Error e;
    e.code = ErrorCode::kUnavailable;
    e.message = fmt::format(
        "database {} was written by a newer anju (schema {}, this anju knows up to {}); "
        "upgrade anju",
        db.path(), *current, LatestSchemaVersion());
    e.message_zh = "数据库由更新版本的 anju 创建，请升级 anju";
    e.field = "db";
    e.value = db.path();
    return std::unexpected(e);
  }
  for (const Migration& m : EmbeddedMigrations()) {
    if (m.version <= *current) continue;
    auto tx = Transaction::Begin(db);
    if (!tx) return std::unexpected(tx.error());
    if (auto s = db.Exec(m.sql); !s) {
      Error e = s.error();
      e.message = fmt::format("migration {} ({}) failed: {}", m.version, m.name, e.message);
      return std::unexpected(e);
    }
    // user_version takes no bound parameter; the number comes from our own embedded list.
    if (auto s = db.Exec(fmt::format("PRAGMA user_version = {}", m.version)); !s)
      return std::unexpected(s.error());
    if (auto s = tx->Commit(); !s) return std::unexpected(s.error());
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
