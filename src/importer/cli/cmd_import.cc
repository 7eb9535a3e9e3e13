// `anju import [--db PATH] FILE... [--sheet NAME] [--dry-run] [--errors OUT.xlsx|.csv]
//   [--mode insert|upsert] [--all-or-nothing] [--mapping MAPPING.json] [--encoding NAME] [--events]`
// Imports township spreadsheets (xlsx, xls, CSV/TSV, HTML tables; format by content) into the
// registry in one transaction, printing a summary and the faults (ids and phones masked), and
// writing the rejected rows for the clerk to fix when --errors is given. An events roster (变动名册:
// a 变动类型 column; importer/events_import.h) is recognised by its header, or forced with
// --events, and imported all or nothing.
// Exit codes: 0 when every row was imported (or would be, with --dry-run), 1 when some rows had
// errors (or nothing was imported), 3 internal/unavailable.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "cli/command.h"
#include "importer/cli/commands.h"
#include "importer/cli/table_commands.h"
#include "core/resident_id.h"
#include "importer/export.h"
#include "importer/importer.h"
#include "storage/migrate.h"
#include "importer/events_import.h"
#include "importer/storage/sqlite_events_repository.h"
#include "importer/storage/sqlite_import_repository.h"

namespace anju::importer {

using cli::AddDbOption;
using cli::ReportError;
using cli::ResolveDbPath;
using cli::Runner;

namespace {

struct ImportArgs {
  std::string db;
  std::vector<std::string> files;
  std::string sheet, errors, mode = "insert", mapping, encoding, table;
  bool dry_run = false, all_or_nothing = false, quiet = false, events = false;
  int show = 50;
};

// The raw value of a fault for the terminal: ids and phones masked.
std::string ShownRaw(const importer::Fault& f) {
  if (f.field == "resident_id" && f.raw != "待补录") return MaskResidentId(f.raw);
  if (f.field == "phone") return MaskPhone(f.raw);
  return f.raw;
}

int RunImportCommand(const ImportArgs& a) {
  if (!a.table.empty()) {  // a table a module declares (cli/table_commands.h)
    const importer::TableSpec* spec = cli::FindTableSpec(a.table);
    if (!spec)
      return ReportError(InvalidArgument(fmt::format("no table named '{}'; the tables are: {}", a.table, cli::TableSpecNames()),
                                         "table", a.table, "没有该名称的表").error());
    if (a.files.size() != 1)
      return ReportError(InvalidArgument("--table imports one file at a time", "FILE", "", "--table 每次导入一个文件").error());
    return cli::RunTableImport(*spec, {a.db, a.files[0], a.sheet, a.errors, a.encoding, a.dry_run, a.all_or_nothing, a.show});
  }
  auto mode = importer::ParseImportMode(a.mode);
  if (!mode) return ReportError(mode.error());
  importer::ImportOptions opt;
  opt.sheet = a.sheet;
  opt.dry_run = a.dry_run;
  opt.mode = *mode;
  opt.all_or_nothing = a.all_or_nothing;
  opt.encoding = a.encoding;
  if (!a.mapping.empty()) {
    // file-open: the --mapping file, read before this process opens the database
    std::ifstream in(a.mapping);
    if (!in) return ReportError(InvalidArgument(fmt::format("cannot read the mapping file {}", a.mapping), "mapping", a.mapping).error());
    std::stringstream ss;
    ss << in.rdbuf();
    auto m = importer::ParseMapping(ss.str());
    if (!m) return ReportError(m.error());
    opt.mapping = std::move(*m);
  }
  std::optional<importer::SheetFormat> errors_format;
  if (!a.errors.empty()) {
    auto f = importer::SheetFormatForPath(a.errors);
    if (!f) return ReportError(f.error());
    errors_format = *f;
    // Refuse before importing: a report that cannot be written after the rows were committed
    // would make a saved import look failed.
    if (auto w = importer::CheckOutputWritable(a.errors, "errors"); !w) return ReportError(w.error());
  }
  // Progress on a terminal, for imports that take more than a second.
  const bool tty = ::isatty(2) && !a.quiet;
  const auto start = std::chrono::steady_clock::now();
  bool progress_shown = false;
  if (tty)
    opt.progress = [&](const std::string& file, int64_t rows) {
      auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (secs < 1.0) return;
      progress_shown = true;
      fmt::print(stderr, "\r{}: {} rows read, {:.0f} rows/s   ", file, rows, rows / secs);
    };
  for (const auto& p : a.files)
    if (auto w = storage::RefuseDatabaseFile(p, "FILE", ResolveDbPath(a.db)); !w)
      return ReportError(w.error());
  if (auto w = storage::RefuseDatabaseFile(a.errors, "--errors", ResolveDbPath(a.db)); !w)
    return ReportError(w.error());
  std::vector<std::shared_ptr<importer::InputFile>> files;
  for (const auto& p : a.files) {
    auto f = importer::InputFile::Open(p);
    if (!f) return ReportError(f.error());
    files.push_back(*f);
  }
  auto db = storage::OpenAndMigrate(ResolveDbPath(a.db), true);
  if (!db) return ReportError(db.error());
  bool events = a.events;
  if (!events) {
    auto k = importer::IsEventsRoster(files[0], opt);
    if (!k) return ReportError(k.error());
    events = *k;
  }
  storage::SqliteImportRepository repo(**db);
  storage::SqliteEventsRepository event_repo(**db, opt.today);
  auto res = events ? importer::ImportEvents(files, opt, SystemActor(), event_repo)
                    : importer::RunImport(files, opt, SystemActor(), repo);
  if (progress_shown) fmt::print(stderr, "\n");
  if (!res) return ReportError(res.error());
  const auto& r = *res;
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (size_t i = 0; i < r.files.size(); ++i)
    fmt::print("file {}: format {}{}\n", r.files[i], r.formats[i],
               r.encodings[i].empty() ? "" : ", encoding " + r.encodings[i]);
  cli::PrintSheets(r, [](const importer::SheetReport& s) {
    fmt::print("  sheet '{}': header row {}{}, {} data rows, {} blank, {} footer\n", s.name,
               s.header->first_row == s.header->last_row ? std::to_string(s.header->last_row)
                                                         : fmt::format("{}-{}", s.header->first_row, s.header->last_row),
               "", s.data_rows, s.blank_rows, s.footer_rows);
    std::string mapped;
    for (const auto& c : s.header->columns)
      if (c.field != importer::Field::kIgnored)
        mapped += fmt::format("{}{}={}", mapped.empty() ? "" : ", ", importer::ColumnLetter(c.col), importer::FieldName(c.field));
    fmt::print("    columns: {}\n", mapped);
  });
  int shown = 0;
  for (const auto& f : r.faults) {
    if (shown++ >= a.show) break;
    std::string where = f.row ? fmt::format("{}{} row {}", f.file, f.sheet == f.file || f.sheet.empty() ? "" : " [" + f.sheet + "]", f.row)
                              : fmt::format("{}{}", f.file, f.sheet.empty() || f.sheet == f.file ? "" : " [" + f.sheet + "]");
    std::string header = f.header;
    for (auto& ch : header)
      if (ch == '\n' || ch == '\r') ch = ' ';
    std::string col = f.column.empty() ? "" : fmt::format(" {} {}", f.column, header);
    std::string raw = f.raw.empty() ? "" : fmt::format(" '{}'", ShownRaw(f));
    fmt::print("{} {}{}{}: {}{}\n", f.error ? "ERROR" : "warning", where, col, raw, f.reason,
               f.fix.empty() ? "" : " → " + f.fix);
  }
  int report_failed = cli::PrintMoreAndWriteErrorReport(r, a.show, a.errors, errors_format);  // the summary follows
  fmt::print("{}: {} rows read, {} valid, {} rejected; {} errors, {} warnings; households {} created, {} updated, "
             "{} unchanged; persons {} created, {} updated, {} unchanged;{} {:.2f} s ({:.0f} rows/s)\n",
             r.committed ? "imported" : a.dry_run ? "dry run, nothing written" : "NOTHING IMPORTED",
             r.rows_read, r.rows_valid, r.rows_rejected, r.errors, r.warnings, r.households_created,
             r.households_updated, r.households_unchanged, r.persons_created, r.persons_updated, r.persons_unchanged,
             events ? fmt::format(" events roster: {} events recorded (all or nothing);", r.events_recorded) : "", secs, secs > 0 ? r.rows_read / secs : 0.0);
  if (!r.committed && a.all_or_nothing && r.errors > 0)
    fmt::print("--all-or-nothing: the file has errors, so nothing was imported\n");
  if (report_failed) return report_failed;
  return r.errors > 0 ? kExitInvalid : kExitOk;
}

}  // namespace

void RegisterImportCommand(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand("import", "Import township spreadsheets (xlsx, xls, CSV in any encoding) into the registry");
  auto a = std::make_shared<ImportArgs>();
  AddDbOption(cmd, a->db);
  cmd->add_option("FILE", a->files, "Spreadsheets to import in one transaction (format recognised by content)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--sheet", a->sheet, "Import only this sheet (also a hidden one)");
  cmd->add_flag("--dry-run", a->dry_run, "Check everything, write nothing");
  cmd->add_option("--errors", a->errors, "Write the rejected rows to OUT.xlsx or OUT.csv for the clerk to fix");
  cmd->add_option("--mode", a->mode, "insert (default: existing households are errors) or upsert (update them)")
      ->check(CLI::IsMember({"insert", "upsert"}));
  cmd->add_flag("--all-or-nothing", a->all_or_nothing, "Import nothing if any row has an error");
  cmd->add_option("--mapping", a->mapping, "JSON file mapping headers or column letters to fields")->check(CLI::ExistingFile);
  cmd->add_option("--encoding", a->encoding, "Text encoding of a CSV (default: detect; e.g. GB18030, UTF-16LE)");
  cmd->add_option("--show", a->show, "Print at most this many faults (default 50)");
  cmd->add_flag("--quiet", a->quiet, "No progress indicator");
  cmd->add_flag("--events", a->events,
                "The files are events rosters (变动名册: 变动类型, 变动日期 …); detected from the header otherwise");
  cmd->add_option("--table", a->table, "Import a declared table instead of the roster: " + cli::TableSpecNames());
  cmd->callback([&run, a] { run = [a] { return RunImportCommand(*a); }; });
}

}  // namespace anju::importer
