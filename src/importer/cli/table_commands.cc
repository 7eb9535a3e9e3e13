#include "importer/cli/table_commands.h"

#include <fmt/format.h>

#include <utility>

#include "cli/command.h"
#include "cli/output_file.h"
#include "storage/migrate.h"
#include "importer/storage/sqlite_table_repository.h"

namespace anju::cli {


void PrintSheets(const importer::ImportResult& r,
                 const std::function<void(const importer::SheetReport&)>& header_and_columns) {
  for (const auto& s : r.sheets) {
    if (!s.imported) {
      fmt::print("  sheet '{}'{}: skipped ({})\n", s.name, s.hidden ? " (hidden)" : "", s.skipped_reason);
      continue;
    }
    header_and_columns(s);
    if (!s.header->unknown.empty()) {
      std::string u;
      for (auto& x : s.header->unknown) u += (u.empty() ? "" : "; ") + x;
      fmt::print("    not imported columns: {}\n", u);
    }
  }
}

int PrintMoreAndWriteErrorReport(const importer::ImportResult& r, int show, const std::string& errors,
                                 std::optional<importer::SheetFormat> format) {
  if (static_cast<int64_t>(r.faults.size()) + r.faults_dropped > show)
    fmt::print("… {} more (see --errors FILE)\n", static_cast<int64_t>(r.faults.size()) + r.faults_dropped - show);
  if (!format || r.rejected.empty()) return 0;
  if (auto s = importer::WriteErrorReport(r, errors, *format); !s) return ReportError(s.error());
  fmt::print("error report: {} ({} rows to fix and send back)\n", errors, r.rejected.size());
  return 0;
}

int RunTableImport(const importer::TableSpec& spec, const TableImportArgs& a) {
  importer::TableImportOptions opt;
  opt.sheet = a.sheet;
  opt.dry_run = a.dry_run;
  opt.all_or_nothing = a.all_or_nothing;
  opt.encoding = a.encoding;
  std::optional<importer::SheetFormat> errors_format;
  if (!a.errors.empty()) {
    auto f = importer::SheetFormatForPath(a.errors);
    if (!f) return ReportError(f.error());
    errors_format = *f;
    if (auto w = importer::CheckOutputWritable(a.errors, "errors"); !w) return ReportError(w.error());
  }
  if (auto w = storage::RefuseDatabaseFile(a.file, "FILE", ResolveDbPath(a.db)); !w) return ReportError(w.error());
  if (auto w = storage::RefuseDatabaseFile(a.errors, "--errors", ResolveDbPath(a.db)); !w) return ReportError(w.error());
  auto file = importer::InputFile::Open(a.file);
  if (!file) return ReportError(file.error());
  auto db = storage::OpenAndMigrate(ResolveDbPath(a.db), true);
  if (!db) return ReportError(db.error());
  storage::SqliteTableRepository generic(**db);
  // A table a module's storage writes (TableSpec::writer, e.g. industry's migrant_roster → jobs).
  const Actor system = SystemActor();
  std::unique_ptr<importer::TableRepository> own = spec.writer ? spec.writer(**db, system, opt.today) : nullptr;
  importer::TableRepository& repo = own ? *own : generic;
  auto res = importer::ImportTable(spec, *file, repo, system, opt);
  if (!res) return ReportError(res.error());
  const importer::ImportResult& r = res->report;
  fmt::print("file {}: format {}{}; table {}\n", r.files[0], r.formats[0],
             r.encodings[0].empty() ? "" : ", encoding " + r.encodings[0], spec.table);
  PrintSheets(r, [&](const importer::SheetReport& s) {
    fmt::print("  sheet '{}': header row {}, {} data rows, {} blank, {} footer\n", s.name, s.header->last_row,
               s.data_rows, s.blank_rows, s.footer_rows);
    for (const auto& [sheet, cols] : res->columns)
      if (sheet == s.name) fmt::print("    columns: {}\n", cols);
  });
  int shown = 0;
  for (const auto& f : r.faults) {
    if (shown++ >= a.show) break;
    std::string where = f.row ? fmt::format("{} [{}] row {}", f.file, f.sheet, f.row) : fmt::format("{} [{}]", f.file, f.sheet);
    std::string col = f.column.empty() ? (f.header.empty() ? "" : " " + f.header) : fmt::format(" {} {}", f.column, f.header);
    std::string raw = f.raw.empty() ? "" : fmt::format(" '{}'", f.raw);
    fmt::print("{} {}{}{}: {} / {}{}\n", f.error ? "ERROR" : "warning", where, col, raw, f.reason_zh, f.reason,
               f.fix.empty() ? "" : " → " + f.fix);
  }
  int report_failed = PrintMoreAndWriteErrorReport(r, a.show, a.errors, errors_format);
  fmt::print("{}: {} rows read, {} valid, {} rejected; {} errors, {} warnings; {} created, {} updated, {} unchanged\n",
             r.committed ? "imported" : a.dry_run ? "dry run, nothing written" : "NOTHING IMPORTED", r.rows_read,
             r.rows_valid, r.rows_rejected, r.errors, r.warnings, res->created, res->updated, res->unchanged);
  if (!r.committed && a.all_or_nothing && r.errors > 0)
    fmt::print("--all-or-nothing: the file has errors, so nothing was imported\n");
  if (report_failed) return report_failed;
  return r.errors > 0 ? kExitInvalid : kExitOk;
}

int RunTableExport(const importer::TableSpec& spec, const std::string& db_flag, const std::string& out,
                   const std::string& kind_name) {
  auto format = importer::SheetFormatForPath(out);
  if (!format) return ReportError(format.error());
  if (auto w = importer::CheckOutputWritable(out, "out"); !w) return ReportError(w.error());
  if (auto w = storage::RefuseDatabaseFile(out, "--out", ResolveDbPath(db_flag)); !w) return ReportError(w.error());
  auto db = storage::OpenAndMigrate(ResolveDbPath(db_flag), true);
  if (!db) return ReportError(db.error());
  storage::SqliteTableRepository generic(**db);
  const Actor actor = SystemActor();
  std::unique_ptr<importer::TableRepository> own = spec.writer ? spec.writer(**db, actor, TodayInChina()) : nullptr;
  importer::TableRepository& repo = own ? *own : generic;
  int64_t rows = 0;
  auto written = WriteOutputFile(out, "out", [&](const std::string& target) -> Status {
    auto n = importer::ExportTable(spec, repo, actor, target, *format);
    if (!n) return std::unexpected(n.error());
    rows = *n;
    return {};
  });
  if (!written) return ReportError(written.error());
  // The export is an audited act, as the registry exports are.
  if (auto s = repo.Begin(); !s) return ReportError(s.error());
  if (auto s = repo.Audit(actor, {"export", kind_name, "", fmt::format(R"({{"rows":{}}})", rows), "export " + out}); !s)
    return ReportError(s.error());
  if (auto s = repo.Commit(); !s) return ReportError(s.error());
  fmt::print("{} {} rows written to {}\n", rows, kind_name, out);
  return kExitOk;
}

}  // namespace anju::cli
