// `anju datacalls list | merged`. See commands.h. Runs as the CLI's system actor (county scope).
#include "datacalls/cli/commands.h"

#include <fmt/format.h>

#include <memory>

#include "core/actor.h"
#include "datacalls/storage/sqlite_datacalls_repository.h"
#include "importer/export.h"
#include "storage/migrate.h"
#include "storage/sqlite.h"

namespace anju::datacalls {

namespace {

struct Args {
  std::string db, out;
  int64_t id = 0;
};

int List(const Args& a) {
  auto db = storage::OpenAndMigrate(cli::ResolveDbPath(a.db), true);
  if (!db) return cli::ReportError(db.error());
  auto svc = MakeDataCallService(**db);
  auto list = svc.List(SystemActor());
  if (!list) return cli::ReportError(list.error());
  fmt::print("{:>4}  {:<10}  {:>9}  {:>8}  {:<8}  {}\n", "id", "due_on", "submitted", "overdue", "state", "title");
  for (const auto& s : *list)
    fmt::print("{:>4}  {:<10}  {:>4} of {:<2}  {:>8}  {:<8}  {}\n", s.call.id, FormatIsoDate(s.call.due_on), s.submitted, s.recipients,
               s.overdue, s.call.closed_on ? "closed" : "open", s.call.title);
  return 0;
}

int MergedOut(const Args& a) {
  auto format = importer::SheetFormatForPath(a.out);
  if (!format) return cli::ReportError(format.error());
  if (auto w = importer::CheckOutputWritable(a.out, "out"); !w) return cli::ReportError(w.error());
  if (auto w = storage::RefuseDatabaseFile(a.out, "--out", cli::ResolveDbPath(a.db)); !w) return cli::ReportError(w.error());
  auto db = storage::OpenAndMigrate(cli::ResolveDbPath(a.db), true);
  if (!db) return cli::ReportError(db.error());
  auto svc = MakeDataCallService(**db);
  auto m = svc.MergedTable(SystemActor(), a.id);
  if (!m) return cli::ReportError(m.error());
  std::vector<RecipientLabel> labels;
  int64_t rows = 0;
  for (size_t i = 0; i < m->recipients.size(); ++i) {
    labels.push_back({m->recipients[i].name, m->recipients[i].status, m->recipients[i].submitted_at, static_cast<int64_t>(m->rows[i].size())});
    rows += static_cast<int64_t>(m->rows[i].size());
  }
  auto s = *format == importer::SheetFormat::kXlsx ? WriteMergedXlsx(a.out, m->call.columns, labels, m->rows)
                                                   : WriteMergedCsv(a.out, m->call.columns, labels, m->rows);
  if (!s) return cli::ReportError(s.error());
  fmt::print("{}: {} rows from {} recipients → {}\n", m->call.title, rows, m->recipients.size(), a.out);
  return 0;
}

}  // namespace

void AddCommands(CLI::App& app, cli::Runner& run) {
  auto args = std::make_shared<Args>();
  CLI::App* dc = app.add_subcommand("datacalls", "data calls (数据调度): list, merged table");
  dc->require_subcommand(1);
  CLI::App* list = dc->add_subcommand("list", "every data call with its completion (x of n) and overdue recipients");
  cli::AddDbOption(list, args->db);
  list->callback([&run, args] { run = [args] { return List(*args); }; });
  CLI::App* merged = dc->add_subcommand("merged", "write a call's merged table (recipient column first) to --out F.xlsx|F.csv");
  cli::AddDbOption(merged, args->db);
  merged->add_option("ID", args->id, "the data call's id")->required()->check(CLI::PositiveNumber);
  merged->add_option("--out", args->out, "the output file (.xlsx: sheets 汇总 and 填报情况; .csv: 汇总 only)")->required();
  merged->callback([&run, args] { run = [args] { return MergedOut(*args); }; });
}

}  // namespace anju::datacalls
