#include "cadres/cli/commands.h"

#include <fmt/format.h>

#include <memory>

#include "cadres/cadre_service.h"
#include "cadres/storage/sqlite_cadre_repository.h"
#include "core/resident_id.h"
#include "cadres/storage/sqlite_pairing_import.h"
#include "importer/fix_zh.h"
#include "storage/migrate.h"

namespace anju::cadres {

using cli::AddDbOption;
using cli::ReportError;
using cli::ResolveDbPath;
using cli::Runner;

void AddCommands(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand("cadres", "Assigned cadres (帮扶责任人) and their households");
  cmd->require_subcommand(1);
  auto* list = cmd->add_subcommand("list", "List the cadres with their current households");
  struct Opts {
    std::string db, q;
    bool all = false, full = false;
  };
  auto o = std::make_shared<Opts>();
  AddDbOption(list, o->db);
  list->add_option("--q", o->q, "only cadres whose name, unit or phone contains TEXT");
  list->add_flag("--all", o->all, "include cadres who have ended");
  list->add_flag("--full", o->full, "show whole phone numbers");
  list->callback([&run, o] {
    run = [o] {
      auto db = storage::OpenAndMigrate(ResolveDbPath(o->db), true);
      if (!db) return ReportError(db.error());
      storage::SqliteCadreRepository repo(**db);
      CadreService svc(repo);
      auto rows = svc.List(SystemActor(), CadreFilter{o->q, "", o->all});
      if (!rows) return ReportError(rows.error());
      fmt::print("{:>6}  {}\t{}\t{}\t{}\t{}\n", "id", "姓名 name", "单位 unit", "职务 title", "电话 phone",
                 "现结对户 households");
      for (const auto& r : *rows)
        fmt::print("{:>6}  {}\t{}\t{}\t{}\t{}{}\n", r.cadre.id, r.cadre.name, r.cadre.unit.empty() ? "-" : r.cadre.unit,
                   r.cadre.title.empty() ? "-" : r.cadre.title,
                   r.cadre.phone.empty() ? "-" : (o->full ? r.cadre.phone : MaskPhone(r.cadre.phone)),
                   r.households_now, r.cadre.ended_on ? "  (ended " + FormatIsoDate(*r.cadre.ended_on) + ")" : "");
      fmt::print("{} cadres\n", rows->size());
      return kExitOk;
    };
  });

  // `anju cadres import FILE`: the pairing roster (结对帮扶花名册) through the importer's table
  // pipeline with the pairing row handler (storage/sqlite_pairing_import.h). All-or-nothing.
  auto* imp = cmd->add_subcommand("import", "Import the pairing roster (结对帮扶花名册): cadres and their households");
  struct ImportOpts {
    std::string db, file, sheet;
    bool dry_run = false;
  };
  auto io = std::make_shared<ImportOpts>();
  imp->add_option("FILE", io->file, "the roster (xlsx, xls, csv, html)")->required();
  AddDbOption(imp, io->db);
  imp->add_option("--sheet", io->sheet, "only this sheet");
  imp->add_flag("--dry-run", io->dry_run, "check everything, store nothing");
  imp->callback([&run, io] {
    run = [io] {
      auto db = storage::OpenAndMigrate(ResolveDbPath(io->db), true);
      if (!db) return ReportError(db.error());
      // file-open: the roster named on the command line, read-only (importer::InputFile::Open).
      auto input = importer::InputFile::Open(io->file);
      if (!input) return ReportError(input.error());
      importer::TableImportOptions opts;
      opts.sheet = io->sheet;
      opts.dry_run = io->dry_run;
      opts.all_or_nothing = true;
      auto r = storage::ImportPairings(**db, *input, SystemActor(), opts);
      if (!r) return ReportError(r.error());
      for (const auto& f : r->report.faults)
        fmt::print("{} [{}] row {} column {} {}: {} ({}) → {}\n", f.file, f.sheet, f.row, f.column, f.header,
                   f.reason_zh, f.reason, f.fix.empty() ? "" : importer::FixZh(f) + " / " + f.fix);
      fmt::print("rows read {}, paired {}, reassigned {}, unchanged {}, errors {}, warnings {}{}\n", r->report.rows_read,
                 r->created, r->updated, r->unchanged, r->report.errors, r->report.warnings,
                 r->report.committed ? "" : (io->dry_run ? " (dry run: nothing stored)" : " (nothing stored: fix the rows above)"));
      return r->report.errors > 0 ? 1 : kExitOk;
    };
  });
}

}  // namespace anju::cadres
