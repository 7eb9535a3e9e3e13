// The CLI side of the generic table import/export (importer/table_import.h): `anju import
// --table NAME FILE` and `anju export NAME --out FILE` for the tables modules declare.
//
// Thread-safety: main thread only.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "importer/table_import.h"

namespace anju::cli {

/// The declared table named `name` ("workshops"), or nullptr: the tables of every module's
/// descriptor (modules::Module::tables). Defined by the module list (src/modules/modules.cc),
/// which every executable that links the importer's commands links too.
const importer::TableSpec* FindTableSpec(std::string_view name);
/// "workshops, …": the names FindTableSpec knows, for help and messages.
std::string TableSpecNames();

struct TableImportArgs {
  std::string db, file, sheet, errors, encoding;
  bool dry_run = false, all_or_nothing = false;
  int show = 50;
};
/// Imports args.file into `spec`'s table as the system actor; prints the sheets, the faults and
/// a summary; writes the error report to args.errors when given. Exit codes as `anju import`:
/// 0 every row imported (or would be), 1 some rows with errors, 3 internal/unavailable.
int RunTableImport(const importer::TableSpec& spec, const TableImportArgs& args);

/// The sheets of an import's report, one block each: "skipped (reason)" for a sheet not
/// imported; else `header_and_columns(sheet)` (each import prints its header rows and mapped
/// columns its own way), then the columns not imported.
void PrintSheets(const importer::ImportResult& r,
                 const std::function<void(const importer::SheetReport&)>& header_and_columns);

/// The tail of both imports' fault listing: "… N more (see --errors FILE)" when more than `show`
/// faults were found, then the rejected rows written to `errors` in `format` (when a format is
/// given and rows were rejected). 0, or the exit code of a failed error report (the caller still
/// prints its summary: rows may be saved).
int PrintMoreAndWriteErrorReport(const importer::ImportResult& r, int show, const std::string& errors,
                                 std::optional<importer::SheetFormat> format);

/// Writes `spec`'s table to `out` (.xlsx or .csv) and records the export in the audit trail.
int RunTableExport(const importer::TableSpec& spec, const std::string& db, const std::string& out,
                   const std::string& kind_name);

}  // namespace anju::cli
