// `anju user add|list|passwd|disable|enable|grant`: user accounts, run by the operator of the
// machine (the system actor, recorded in the audit trail as cli:<os user>). Passwords are never
// taken as arguments (they would land in the shell history and `ps`): without
// --password-stdin a one-time password is generated, printed once, and must be changed at
// first login.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "auth/auth_service.h"
#include "cli/command.h"
#include "auth/cli/commands.h"
#include "storage/migrate.h"
#include "auth/storage/sqlite_auth_repository.h"

namespace anju::auth {

using cli::AddDbOption;
using cli::NonBlank;
using cli::ReportError;
using cli::ResolveDbPath;
using cli::Runner;
namespace {

struct UserArgs {
  std::string db;
  std::string username;
  std::string role;
  std::string township;
  std::string site;
  int64_t grid = 0;
  std::string display_name;
  bool password_stdin = false;
};

// Opens the database and runs `fn` with an AuthService on it.
int WithService(const UserArgs& a,
                const std::function<int(auth::AuthService&, const Actor&)>& fn) {
  auto db = storage::OpenAndMigrate(ResolveDbPath(a.db), true);
  if (!db) return ReportError(db.error());
  storage::SqliteAuthRepository repo(**db);
  auth::AuthService service(repo);
  return fn(service, SystemActor());
}

Result<auth::Grant> GrantFrom(const UserArgs& a) {
  auto role = ParseRole(a.role);
  if (!role) return std::unexpected(role.error());
  return auth::Grant{*role, a.township, a.site, a.grid};
}

Result<std::optional<std::string>> PasswordFrom(const UserArgs& a) {
  if (!a.password_stdin) return std::optional<std::string>();
  std::string line;
  if (!std::getline(std::cin, line))
    return InvalidArgument("--password-stdin given but standard input is empty", "password", "",
                           "标准输入中没有密码");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return std::optional<std::string>(line);
}

std::string StatusText(const auth::UserInfo& u) {
  if (u.disabled) return "disabled";
  if (u.must_change_password) return "must_change_password";
  return "active";
}

void PrintOneTime(const auth::CreatedUser& c) {
  if (c.one_time_password.empty()) return;
  fmt::print("one-time password: {}\n", c.one_time_password);
  fmt::print("  (shown only now; {} must change it at first login / 首次登录须修改)\n",
             c.user.username);
}

void AddScopeOptions(CLI::App* cmd, UserArgs& a) {
  cmd->add_option("--role", a.role,
                  "county_admin, county_staff, township_staff, site_manager, grid_worker or "
                  "auditor")
      ->required();
  const auto hint = NonBlank("omit the option unless the role needs it", "角色不需要时请省略该选项");
  cmd->add_option("--township", a.township,
                  "township_staff: 9-digit township division code, e.g. 141124100 (临泉镇)")
      ->check(hint);
  cmd->add_option("--site", a.site, "site_manager: site id or name, e.g. 城北安置点")->check(hint);
  cmd->add_option("--grid", a.grid, "grid_worker: grid id (table grids)")->check(hint);
}

}  // namespace

void RegisterUserCommand(CLI::App& app, Runner& run) {
  auto* user = app.add_subcommand("user", "Manage user accounts (roles and scopes)");
  user->require_subcommand(1);
  user->fallthrough();  // --db may follow the leaf command: `anju user list --db x.db`
  auto args = std::make_shared<UserArgs>();
  AddDbOption(user, args->db);

  auto* add = user->add_subcommand("add", "Create an account");
  add->add_option("username", args->username, "3-32 of a-z 0-9 _ . -")->required();
  AddScopeOptions(add, *args);
  add->add_option("--display-name", args->display_name, "the person's name, e.g. 王建国");
  add->add_flag("--password-stdin", args->password_stdin,
                "read the password from standard input instead of generating a one-time one");
  add->callback([&run, args] {
    run = [args] {
      return WithService(*args, [&](auth::AuthService& s, const Actor& actor) {
        auto grant = GrantFrom(*args);
        if (!grant) return ReportError(grant.error());
        auto pw = PasswordFrom(*args);
        if (!pw) return ReportError(pw.error());
        auto made = s.AddUser(actor, {args->username, args->display_name, *grant, *pw});
        if (!made) return ReportError(made.error());
        fmt::print("created {} ({}, {})\n", made->user.username, RoleName(made->user.role),
                   auth::DescribeScope(made->user.scope));
        PrintOneTime(*made);
        return kExitOk;
      });
    };
  });

  auto* list = user->add_subcommand("list", "List accounts (never shows password hashes)");
  list->callback([&run, args] {
    run = [args] {
      return WithService(*args, [&](auth::AuthService& s, const Actor& actor) {
        auto users = s.ListUsers(actor);
        if (!users) return ReportError(users.error());
        fmt::print("{:<4} {:<16} {:<15} {:<32} {:<21} {:<4} {:<20} {}\n", "id", "username",
                   "role", "scope", "status", "demo", "created", "display name");
        for (const auth::UserInfo& u : *users)
          fmt::print("{:<4} {:<16} {:<15} {:<32} {:<21} {:<4} {:<20} {}\n", u.id, u.username,
                     RoleName(u.role),
                     auth::DescribeScope(u.scope) +
                         (u.scope_label.empty() ? "" : " " + u.scope_label),
                     StatusText(u),
                     u.is_demo ? "yes" : "", u.created_at, u.display_name);
        fmt::print("{} accounts\n", users->size());
        return kExitOk;
      });
    };
  });

  auto* passwd = user->add_subcommand(
      "passwd", "Set a new password (one-time, to be changed at next login, unless "
                "--password-stdin); ends the user's sessions");
  passwd->add_option("username", args->username)->required();
  passwd->add_flag("--password-stdin", args->password_stdin,
                   "read the new password from standard input");
  passwd->callback([&run, args] {
    run = [args] {
      return WithService(*args, [&](auth::AuthService& s, const Actor& actor) {
        auto pw = PasswordFrom(*args);
        if (!pw) return ReportError(pw.error());
        auto r = s.ResetPassword(actor, args->username, *pw);
        if (!r) return ReportError(r.error());
        fmt::print("password of {} set; their sessions ended\n", r->user.username);
        PrintOneTime(*r);
        return kExitOk;
      });
    };
  });

  for (bool disable : {true, false}) {
    auto* cmd = user->add_subcommand(
        disable ? "disable" : "enable",
        disable ? "Disable an account (ends its sessions; logins refused)"
                : "Re-enable a disabled account");
    cmd->add_option("username", args->username)->required();
    cmd->callback([&run, args, disable] {
      run = [args, disable] {
        return WithService(*args, [&](auth::AuthService& s, const Actor& actor) {
          auto r = s.SetDisabled(actor, args->username, disable);
          if (!r) return ReportError(r.error());
          fmt::print("{} is {}\n", r->username, disable ? "disabled" : "enabled");
          return kExitOk;
        });
      };
    });
  }

  auto* grant = user->add_subcommand(
      "grant", "Change an account's role and scope (ends its sessions)");
  grant->add_option("username", args->username)->required();
  AddScopeOptions(grant, *args);
  grant->callback([&run, args] {
    run = [args] {
      return WithService(*args, [&](auth::AuthService& s, const Actor& actor) {
        auto g = GrantFrom(*args);
        if (!g) return ReportError(g.error());
        auto r = s.GrantRole(actor, args->username, *g);
        if (!r) return ReportError(r.error());
        fmt::print("{} is now {} ({})\n", r->username, RoleName(r->role),
                   auth::DescribeScope(r->scope));
        return kExitOk;
      });
    };
  });
}

}  // namespace anju::auth
