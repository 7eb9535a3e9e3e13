// `anju init [--db PATH]`: creates a database or upgrades its schema. Later issues extend it
// (reference data, the first admin account).
#include <fmt/format.h>

#include "auth/auth_service.h"
#include "cli/command.h"
#include "sites/reference_data.h"
#include "storage/migrate.h"
#include "sites/storage/sqlite_sites_reference.h"
#include "auth/storage/sqlite_auth_repository.h"

namespace anju::cli {

namespace {
// When no active (not disabled) county_admin account exists in `db`, nobody can log in to create
// one: prints, in English and Chinese, the command that makes the first admin. Errors: reading
// the users.
Status SayHowToCreateTheFirstAdmin(storage::Connection& db, const std::string& path) {
  storage::SqliteAuthRepository repo(db);
  auto users = repo.ListUsers();
  if (!users) return std::unexpected(users.error());
  for (const auth::UserRecord& u : *users)
    if (u.role == Role::kCountyAdmin && !u.disabled) return {};
  fmt::print(
      "no county_admin account can log in yet: create the first one with\n"
      "  anju init --db {} --admin NAME\n"
      "  (it prints a one-time password, to be changed at first login)\n"
      "尚无可登录的县级管理员账号：请运行上面的命令创建首个管理员（NAME 为用户名），"
      "将显示一次性密码，首次登录须修改\n",
      path);
  return {};
}
}  // namespace

void RegisterInitCommand(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand("init", "Create a database or upgrade its schema");
  auto db_flag = std::make_shared<std::string>();
  AddDbOption(cmd, *db_flag);
  auto admin = std::make_shared<std::string>();
  cmd->add_option("--admin", *admin,
                  "also create the first county_admin account NAME with a one-time password "
                  "(printed once; must be changed at first login)");
  auto data_dir = std::make_shared<std::string>();
  cmd->add_option("--data", *data_dir,
                  "load another county's reference files from DIR (default: Lin County's, "
                  "built into the binary; see data/README.md)");
  cmd->callback([&run, db_flag, admin, data_dir] {
    run = [db_flag, admin, data_dir] {
      std::string path = ResolveDbPath(*db_flag);
      auto db = storage::OpenAndMigrate(path, false);
      if (!db) return ReportError(db.error());
      fmt::print("database {} is at schema version {}\n", path,
                 storage::LatestSchemaVersion());
      if (auto applied = storage::AppliedMigrations(**db); applied && !applied->empty()) {
        // The newest migration of each owner, in the order they run: "platform 1, sites 1, …".
        std::string owners;
        for (size_t i = 0; i < applied->size(); ++i) {
          const auto& a = (*applied)[i];
          if (i + 1 < applied->size() && (*applied)[i + 1].module == a.module) continue;
          owners += fmt::format("{}{} {}", owners.empty() ? "" : ", ", a.module, a.version);
        }
        fmt::print("migrations: {}\n", owners);
      }
      {  // issue 3: reference data (divisions, sites, parks, kinds); idempotent
        auto ref = sites::LoadReferenceFiles(*data_dir);
        if (!ref) return ReportError(ref.error());
        auto loaded = storage::LoadReferenceData(**db, *ref);
        if (!loaded) return ReportError(loaded.error());
        fmt::print("reference data of {}: {} divisions, {} sites ({} aliases), {} parks, {} kinds\n",
                   ref->county_code, loaded->divisions, loaded->sites, loaded->aliases,
                   loaded->parks, loaded->kinds);
      }
      if (!admin->empty()) {  // issue 5: the first administrator
        storage::SqliteAuthRepository repo(**db);
        auth::AuthService auth_service(repo);
        auto made = auth_service.CreateInitialAdmin(SystemActor(), *admin);
        if (!made) return ReportError(made.error());
        fmt::print("created county_admin {}\none-time password: {}\n", made->user.username,
                   made->one_time_password);
        fmt::print("  (shown only now; change it at first login / 首次登录须修改密码)\n");
      }
      if (auto st = SayHowToCreateTheFirstAdmin(**db, path); !st) return ReportError(st.error());
      return kExitOk;
    };
  });
}

}  // namespace anju::cli
