#include "storage/migrate.h"

#include <fmt/format.h>

#include <filesystem>

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

Result<std::unique_ptr<Database>> OpenAndMigrate(const std::string& path, bool must_exist) {
  if (must_exist && path != ":memory:" && !std::filesystem::exists(path)) {
    return NotFound(fmt::format("database {} does not exist; create it with `anju init --db {}` "
                                "or `anju demo --db {}`",
                                path, path, path),
                    "db", path, "数据库不存在，请先运行 anju init");
  }
  auto db = Database::Open(path);
  if (!db) return std::unexpected(db.error());
  if (auto s = Migrate(**db); !s) return std::unexpected(s.error());
  return db;
}

}  // namespace anju::storage
