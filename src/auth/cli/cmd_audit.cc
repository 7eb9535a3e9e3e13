// `anju audit verify` and `anju audit log`: the hash-chained audit trail (storage/audit_log.h).
// verify exits 0 when the chain is intact and 1 naming the first bad entry (or the entries
// missing at the end, by the witness beside the database: storage/audit_witness.h); without a
// witness it says the end is not checked. log lists entries
// newest first with resident ids and phones masked.
#include <fmt/format.h>

#include <memory>

#include "auth/audit_service.h"
#include "auth/json_text.h"
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

struct AuditArgs {
  std::string db;
  auth::AuditQuery query;
  bool json = false;
};

}  // namespace

void RegisterAuditCommand(CLI::App& app, Runner& run) {
  auto* audit = app.add_subcommand("audit", "Check and read the audit trail");
  audit->require_subcommand(1);
  audit->fallthrough();  // --db may follow the leaf command
  auto args = std::make_shared<AuditArgs>();
  AddDbOption(audit, args->db);

  auto* verify = audit->add_subcommand(
      "verify", "Check the hash chain; exit 1 naming the first edited, deleted or reordered entry");
  verify->callback([&run, args] {
    run = [args] {
      auto db = storage::OpenAndMigrate(ResolveDbPath(args->db), true);
      if (!db) return ReportError(db.error());
      storage::SqliteAuthRepository repo(**db);
      auth::AuditService service(repo);
      auto v = service.Verify(SystemActor());
      if (!v) return ReportError(v.error());
      if (v->first_bad_seq != 0) {
        fmt::print("audit trail BROKEN at entry {}: {}\n", v->first_bad_seq, v->reason);
        if (!v->reason_zh.empty()) fmt::print("审计日志被篡改：{}\n", v->reason_zh);
        else fmt::print("审计日志第 {} 条被篡改、删除或重排\n", v->first_bad_seq);
        return kExitInvalid;
      }
      if (!v->warning.empty()) {
        // Not "intact" alone: entries removed from the end would not show.
        fmt::print("audit trail chain intact: {} entries verified; the end is NOT checked\n",
                   v->entries);
        fmt::print("warning: {}\n警告：{}\n", v->warning, v->warning_zh);
        return kExitOk;
      }
      fmt::print("audit trail intact: {} entries verified{}\n", v->entries,
                 v->witness_at.empty() ? "" : ", the end matches the audit witness");
      return kExitOk;
    };
  });

  auto* log = audit->add_subcommand("log", "List audit entries, newest first (ids/phones masked)");
  log->add_option("--entity", args->query.entity, "entity, e.g. person, household, user, session")
      ->check(NonBlank("omit --entity for every entry", "不加 --entity 即不按此筛选"));
  log->add_option("--entity-id", args->query.entity_id, "the record's id")
      ->check(NonBlank("omit --entity-id for every entry", "不加 --entity-id 即不按此筛选"));
  log->add_option("--user", args->query.username, "username of the actor")
      ->check(NonBlank("omit --user for every entry", "不加 --user 即不按此筛选"));
  log->add_option("--action", args->query.action,
                  "create, update, delete, view_full, login, login_failed, logout, …");
  log->add_option("--since", args->query.since, "YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS (UTC)")
      ->check(NonBlank("omit --since for every entry", "不加 --since 即不按此筛选"));
  log->add_option("--limit", args->query.limit, "at most this many entries (1-1000)")
      ->default_val(100);
  log->add_flag("--json", args->json, "one JSON object per line");
  log->callback([&run, args] {
    run = [args] {
      auto db = storage::OpenAndMigrate(ResolveDbPath(args->db), true);
      if (!db) return ReportError(db.error());
      storage::SqliteAuthRepository repo(**db);
      auth::AuditService service(repo);
      auto rows = service.Query(SystemActor(), args->query);
      if (!rows) return ReportError(rows.error());
      using auth::JsonString;
      for (const auth::AuditRecord& r : *rows) {
        if (args->json) {
          fmt::print(
              "{{\"seq\":{},\"at\":{},\"username\":{},\"role\":{},\"client\":{},\"action\":{},"
              "\"entity\":{},\"entity_id\":{},\"changes\":{},\"source\":{}}}\n",
              r.seq, JsonString(r.at), JsonString(r.username), JsonString(r.role),
              JsonString(r.client), JsonString(r.action), JsonString(r.entity),
              JsonString(r.entity_id), r.changes.empty() ? "{}" : r.changes,
              JsonString(r.source));
        } else {
          fmt::print("{:>6} {} {} ({}, {}) {} {}{}{} {}{}\n", r.seq, r.at, r.username, r.role,
                     r.client, r.action, r.entity, r.entity_id.empty() ? "" : "#", r.entity_id,
                     r.changes == "{}" ? "" : r.changes,
                     r.source.empty() ? "" : "  [" + r.source + "]");
        }
      }
      if (!args->json) fmt::print("{} entries\n", rows->size());
      return kExitOk;
    };
  });
}

}  // namespace anju::auth
