// `anju init [--db PATH]`: creates a database or upgrades its schema. Later issues extend it
// (reference data, the first admin account).
#include <fmt/format.h>

#include "cli/command.h"
#include "storage/migrate.h"

namespace anju::cli {

void RegisterInitCommand(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand("init", "Create a database or upgrade its schema");
  auto db_flag = std::make_shared<std::string>();
  AddDbOption(cmd, *db_flag);
  cmd->callback([&run, db_flag] {
    run = [db_flag] {
      std::string path = ResolveDbPath(*db_flag);
      auto db = storage::OpenAndMigrate(path, false);
      if (!db) return ReportError(db.error());
      fmt::print("database {} is at schema version {}\n", path,
                 storage::LatestSchemaVersion());
      return kExitOk;
    };
  });
}

}  // namespace anju::cli
