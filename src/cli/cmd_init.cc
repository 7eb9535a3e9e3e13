// `anju init [--db PATH]`: creates a database or upgrades its schema. Later issues extend it
// (reference data, the first admin account).
#include <fmt/format.h>

#include "auth/auth_service.h"
#include "cli/command.h"
#include "storage/migrate.h"
#include "storage/sqlite_auth_repository.h"

namespace anju::cli {

void RegisterInitCommand(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand("init", "Create a database or upgrade its schema");
  auto db_flag = std::make_shared<std::string>();
  AddDbOption(cmd, *db_flag);
  auto admin = std::make_shared<std::string>();
  cmd->add_option("--admin", *admin,
                  "also create the first county_admin account NAME with a one-time password "
                  "(printed once; must be changed at first login)");
  cmd->callback([&run, db_flag, admin] {
    run = [db_flag, admin] {
      std::string path = ResolveDbPath(*db_flag);
      auto db = storage::OpenAndMigrate(path, false);
      if (!db) return ReportError(db.error());
      fmt::print("database {} is at schema version {}\n", path,
                 storage::LatestSchemaVersion());
      if (!admin->empty()) {  // issue 5: the first administrator
        storage::SqliteAuthRepository repo(**db);
        auth::AuthService auth_service(repo);
        auto made = auth_service.CreateInitialAdmin(SystemActor(), *admin);
        if (!made) return ReportError(made.error());
        fmt::print("created county_admin {}\none-time password: {}\n", made->user.username,
                   made->one_time_password);
        fmt::print("  (shown only now; change it at first login / 首次登录须修改密码)\n");
      }
      return kExitOk;
    };
  });
}

}  // namespace anju::cli
