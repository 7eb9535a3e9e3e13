// `anju backup OUT_DIR`: the database (SQLite online backup), every stored file and the audit
// witness, with SHA256SUMS. `anju backup verify DIR`: re-hashes, opens the database, verifies
// its audit trail; exit 1 listing every fault.
#include "attachments/cli/commands.h"

#include <fmt/format.h>

#include <memory>

#include "attachments/storage/backup.h"
#include "storage/migrate.h"

namespace anju::attachments {

namespace {
struct BackupArgs {
  std::string db;
  std::string out;
  std::string dir;
};
}  // namespace

void AddCommands(CLI::App& app, cli::Runner& run) {
  auto* backup = app.add_subcommand(
      "backup", "Back up the database, its attached files and the audit witness into OUT_DIR");
  auto args = std::make_shared<BackupArgs>();
  cli::AddDbOption(backup, args->db);
  backup->add_option("out_dir", args->out, "a new (or empty) folder for the backup");
  auto* verify = backup->add_subcommand(
      "verify", "Re-hash a backup folder, open its database and verify its audit trail");
  verify->add_option("dir", args->dir, "the backup folder")->required();
  backup->callback([&run, args, verify] {
    if (verify->parsed()) return;
    run = [args] {
      if (args->out.empty()) {
        fmt::print(stderr, "anju backup: give OUT_DIR, a new folder / 请指定备份文件夹\n");
        return kExitUsage;
      }
      auto db = storage::OpenAndMigrate(cli::ResolveDbPath(args->db), true);
      if (!db) return cli::ReportError(db.error());
      auto sum = storage::MakeBackup(**db, args->out);
      if (!sum) return cli::ReportError(sum.error());
      fmt::print("backup written: {} ({} files, {} bytes{})\n", sum->database, sum->files,
                 sum->bytes, sum->witness ? ", audit witness" : "");
      fmt::print("已备份：{}（{} 个附件，{} 字节）\n", sum->database, sum->files, sum->bytes);
      return kExitOk;
    };
  });
  verify->callback([&run, args] {
    run = [args] {
      auto check = storage::VerifyBackup(args->dir);
      if (!check) return cli::ReportError(check.error());
      if (!check->faults.empty()) {
        for (size_t i = 0; i < check->faults.size(); ++i)
          fmt::print("FAULT: {}\n问题：{}\n", check->faults[i], check->faults_zh[i]);
        fmt::print("backup {} is NOT good: {} fault(s) / 备份有 {} 处问题\n", args->dir,
                   check->faults.size(), check->faults.size());
        return kExitInvalid;
      }
      fmt::print("backup good: {} files re-hashed, audit trail intact ({} entries)\n",
                 check->files_checked, check->audit_entries);
      fmt::print("备份完好：已核对 {} 个文件，审计日志完整（{} 条）\n", check->files_checked,
                 check->audit_entries);
      return kExitOk;
    };
  });
}

}  // namespace anju::attachments
