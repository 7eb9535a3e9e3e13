// `anju export persons|households|sites --out FILE.xlsx|.csv [--site NAME] [--db PATH]`
// Writes the registry as a spreadsheet Excel and WPS cannot damage (importer/export.h). The CLI
// acts as the system actor, so ids and phones are whole; the export is recorded in the audit
// trail. A persons export imports back unchanged (`anju import --mode upsert` changes nothing).
#include <fmt/format.h>

#include "cli/command.h"
#include "cli/output_file.h"
#include "importer/cli/commands.h"
#include "importer/cli/table_commands.h"
#include "importer/export.h"
#include "storage/migrate.h"
#include "importer/storage/sqlite_import_repository.h"

namespace anju::importer {

using cli::AddDbOption;
using cli::NonBlank;
using cli::ReportError;
using cli::ResolveDbPath;
using cli::Runner;
using cli::WriteOutputFile;

void RegisterExportCommand(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand("export", "Export persons, households or sites to .xlsx or .csv");
  struct Args {
    std::string db, kind, out, site;
  };
  auto a = std::make_shared<Args>();
  AddDbOption(cmd, a->db);
  cmd->add_option("KIND", a->kind, "persons, households, sites or a declared table (" + cli::TableSpecNames() + ")")->required();
  cmd->add_option("--out", a->out, "Output file, .xlsx or .csv (UTF-8 with BOM)")
      ->required()
      ->check(NonBlank("give a file name such as persons.xlsx", "请给出文件名，如 persons.xlsx"));
  cmd->add_option("--site", a->site, "Only this resettlement site (name or alias)")
      ->check(NonBlank("omit --site to export the whole county", "不加 --site 即导出全县"));
  cmd->callback([&run, a] {
    run = [a] {
      if (const importer::TableSpec* spec = cli::FindTableSpec(a->kind)) {
        if (!a->site.empty())
          return ReportError(InvalidArgument("--site applies to persons, households and sites; a table is exported whole",
                                             "site", a->site, "--site 仅用于人口、户和安置点导出").error());
        return cli::RunTableExport(*spec, a->db, a->out, a->kind);
      }
      auto kind = importer::ParseExportKind(a->kind);
      // The declared tables are exported too: the message names them (ParseExportKind knows
      // only the roster kinds; the tables come from the module list).
      if (!kind)
        return ReportError(InvalidArgument(
            fmt::format("export what: persons, households, sites or a table ({})", cli::TableSpecNames()),
            "kind", a->kind,
            fmt::format("导出类型应为 persons、households、sites 或表（{}）", cli::TableSpecNames())).error());
      auto fmt_ = importer::SheetFormatForPath(a->out);
      if (!fmt_) return ReportError(fmt_.error());
      if (auto w = importer::CheckOutputWritable(a->out, "out"); !w) return ReportError(w.error());
      if (auto w = storage::RefuseDatabaseFile(a->out, "--out", ResolveDbPath(a->db)); !w)
        return ReportError(w.error());
      auto db = storage::OpenAndMigrate(ResolveDbPath(a->db), true);
      if (!db) return ReportError(db.error());
      storage::SqliteImportRepository repo(**db);
      importer::ExportRequest req;
      req.kind = *kind;
      req.format = *fmt_;
      if (!a->site.empty()) {
        auto id = repo.SiteIdByName(a->site);
        if (!id) return ReportError(id.error());
        if (!*id)
          return ReportError(NotFound(fmt::format("no resettlement site named '{}'", a->site), "site", a->site,
                                      "安置点不存在").error());
        req.site_id = *id;
      }
      Actor actor = SystemActor();
      int64_t rows = 0;
      auto written = WriteOutputFile(a->out, "out", [&](const std::string& target) -> Status {
        auto n = importer::ExportToFile(repo, actor, req, target);
        if (!n) return std::unexpected(n.error());
        rows = *n;
        return {};
      });
      if (!written) return ReportError(written.error());
      // The export itself is an audited act (whole ids left the system).
      if (auto s = repo.Begin(); !s) return ReportError(s.error());
      std::string site_json;  // the site name as a JSON string
      for (char c : a->site) {
        if (c == '"' || c == '\\') site_json += '\\';
        if (static_cast<unsigned char>(c) >= 0x20) site_json += c;
      }
      AuditEntry e{"export", a->kind, "", fmt::format(R"({{"rows":{},"site":"{}"}})", rows, site_json),
                   "export " + a->out};
      if (auto s = repo.Audit(actor, e); !s) return ReportError(s.error());
      if (auto s = repo.Commit(); !s) return ReportError(s.error());
      fmt::print("{} {} rows written to {}\n", rows, a->kind, a->out);
      return kExitOk;
    };
  });
}

}  // namespace anju::importer
