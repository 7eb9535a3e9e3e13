// Exports that Excel and WPS cannot damage, and the import error report a clerk fixes and
// sends back.
//
// xlsx (libxlsxwriter, constant-memory mode): resident ids and phones are string cells in
// columns formatted as text ("@"), so Excel/WPS never turn them into numbers (which would keep
// only 15 digits); dates are date cells (yyyy-mm-dd). CSV: UTF-8 with a BOM (what Excel opens
// as UTF-8), CRLF, RFC 4180 quoting, and ids/phones written as ="…" so that Excel opening the
// CSV keeps them as text (the CSV reader unwraps ="…" again). Person exports use the Chinese
// headers of importer/header.h, so export -> import is lossless; the web lists' exports are the
// same person export (one column list, kPersonExportFields in export.cc) with the list's filter.
//
// Ids and phones are masked for actors without Actor::PrivilegedExports() (the CLI's system
// actor sees them whole).
//
// Thread-safety: free functions; one call per repository at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "core/actor.h"
#include "core/error.h"
#include "importer/import_repository.h"
#include "importer/importer.h"

namespace anju::importer {

enum class ExportKind { kPersons, kHouseholds, kSites };
enum class SheetFormat { kXlsx, kCsv };

/// "persons" / "households" / "sites". Errors: kInvalidArgument listing them.
Result<ExportKind> ParseExportKind(std::string_view s);
/// The format from the output file's extension (.xlsx or .csv). Errors: kInvalidArgument.
Result<SheetFormat> SheetFormatForPath(std::string_view path);

/// What to export.
struct ExportRequest {
  ExportKind kind = ExportKind::kPersons;
  SheetFormat format = SheetFormat::kXlsx;
  std::optional<int64_t> site_id;  // only this site (after the actor's scope)
  /// Persons only: when set, only these persons (ids), e.g. the web person list's filter
  /// resolved by RegistryService::ExportPersons. Not owned; must outlive the call.
  const std::unordered_set<int64_t>* person_ids = nullptr;
  /// Persons only: when set, only the current members (ExportPersonRow::current) of these
  /// households (ids): the roster of the web household list's filter. Not owned; must outlive
  /// the call.
  const std::unordered_set<int64_t>* household_ids = nullptr;
};

/// Writes the export to `path`; returns the number of data rows. Errors: repository errors,
/// kInvalidArgument when the file cannot be written (naming it).
Result<int64_t> ExportToFile(ExportRepository& repo, const Actor& actor, const ExportRequest& req,
                             const std::string& path);

/// The same, as bytes, written through a temporary file in $TMPDIR (else /tmp): the web lists'
/// "导出" buttons (http/xlsx_export.h), sent with Content-Type from ExportContentType. The
/// persons export is the one column set of `anju export persons`, so a file exported from the
/// browser imports back unchanged (for actors with PrivilegedExports(): masked ids and phones
/// are refused by the importer). Errors: as ExportToFile; kUnavailable naming the folder and
/// TMPDIR when the temporary file cannot be created.
Result<std::string> ExportToBytes(ExportRepository& repo, const Actor& actor, const ExportRequest& req);

/// Checks that ExportToBytes can create its temporary file (before an export is audited).
/// Errors: kUnavailable as ExportToBytes.
Status CheckExportTempFolder();

/// "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" or "text/csv; charset=utf-8".
std::string_view ExportContentType(SheetFormat f);

/// Checks, before any work is done, that a report or export can be written at `path`: its
/// folder exists and is writable, and `path` is not a folder nor a read-only file. Nothing is
/// created. Errors: kInvalidArgument naming `option` (e.g. "errors", "out") and the path, with
/// what to do.
Status CheckOutputWritable(const std::string& path, std::string_view option);

/// A free-text CSV cell made inert: when StartsLikeAFormula (clean.h), a single quote is put in front
/// ("=cmd|' /C calc'!A0" -> "'=cmd|' /C calc'!A0"); otherwise the text unchanged. The importer
/// (CellText) removes exactly that one quote again, so export -> import is lossless.
std::string NeutraliseCsvFormula(std::string_view text);

/// Writes the rows an import rejected, with their original cells under their original headers
/// and a 错误说明 column, plus (xlsx) a sheet 问题明细 listing every fault. The clerk corrects
/// the cells and sends the file back; importing it reads the data sheets as usual.
/// Errors: kInvalidArgument when the file cannot be written.
Status WriteErrorReport(const ImportResult& result, const std::string& path, SheetFormat format);

/// How a column of a sheet written by WriteSheet is stored: text (CSV: formula-neutralised), a
/// code kept as text whatever its digits (xlsx "@" format, CSV ="…"), a date (a YYYY-MM-DD
/// value becomes a date cell), an integer, a decimal with two places (0.00).
enum class ColumnKind { kText, kCode, kDate, kInt, kDecimal2 };
/// Calls `emit` once per row; returns the first error of `emit` or its own.
using RowProducer = std::function<Status(const std::function<Status(const std::vector<std::string>&)>& emit)>;
/// Writes one sheet named `sheet_name` (xlsx; CSV has no sheet): a bold header row of
/// `headers`, then the rows `rows` emits, by `kinds`, with the writers of the exports above.
/// For the generic table export (importer/table_import.h). Errors: kInvalidArgument when the
/// file cannot be written (naming it), or the producer's error.
Status WriteSheet(const std::string& path, SheetFormat format, const std::string& sheet_name,
                  const std::vector<std::string>& headers, const std::vector<ColumnKind>& kinds,
                  const RowProducer& rows);

}  // namespace anju::importer
