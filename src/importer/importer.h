// Importing township spreadsheets into the registry (issue #7): the pipeline from file bytes to
// committed households and persons, with a row-level fault list.
//
//   file -> OpenWorkbook (format by magic bytes, encoding) -> sheets (hidden ones never
//   silently) -> DetectHeader -> rows: merged household cells filled inside real merged ranges,
//   blank/formatted-empty and footer rows skipped -> cleaning per cell (importer/clean.h) ->
//   households grouped by 户编号 (or, without that column, a new household at each 户主 row) ->
//   structure checks (one head, consistent household cells, known villages/sites with nearest
//   names suggested, conflicts with persons registered elsewhere) -> one transaction.
//
// The unit of import is the household: a household with any faulty row is not imported (its
// other rows are listed too, so the clerk sends the household back whole). With all_or_nothing
// any fault imports nothing. dry_run does everything in the transaction, then rolls it back, so
// that database constraints are checked too. Re-importing the same file in upsert mode changes
// nothing (unchanged records are not written and get no audit entry).
//
// Thread-safety: one import at a time per repository.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.h"
#include "core/date.h"
#include "core/error.h"
#include "importer/header.h"
#include "importer/import_repository.h"
#include "importer/input.h"

namespace anju::importer {

enum class ImportMode { kInsert, kUpsert };

/// Options of one import (CLI flags / API parameters).
/// Name of the sheet listing every fault that WriteErrorReport adds after the rejected rows;
/// an import skips a sheet of this name unless --sheet selects it.
inline constexpr std::string_view kErrorReportFaultSheet = "问题明细";

struct ImportOptions {
  std::string sheet;                 // only this sheet (by name; may be a hidden one)
  bool dry_run = false;
  ImportMode mode = ImportMode::kInsert;
  bool all_or_nothing = false;
  std::optional<MappingOverride> mapping;
  std::string encoding;              // force a text encoding for CSV/HTML
  Date today = TodayInChina();       // ids born after it are refused
  size_t preview_rows = 0;           // keep this many cleaned rows (masked) for a preview
  size_t max_kept_faults = 100000;   // faults beyond this are counted, not kept
  /// Rejected rows (for the error report) kept in memory up to about this many bytes; the rest
  /// go to an unnamed temporary file (RejectedRows), so that an import whose rows are mostly
  /// rejected needs no more memory than a clean one.
  size_t rejected_memory_bytes = 8u << 20;
  /// Write households on a second thread while the calling thread reads and cleans rows
  /// (importer.cc, GroupWriter). The result is the same either way; false: one thread.
  bool pipeline = true;
  /// Called every ~4096 rows with (file name, rows read so far); for a progress indicator.
  std::function<void(const std::string&, int64_t)> progress;
};

/// One fault of one cell or row.
struct Fault {
  bool error = true;          // false: a warning (the value was kept)
  std::string file;
  std::string sheet;
  int64_t row = 0;            // as the spreadsheet shows it; 0 for a sheet- or file-level fault
  std::string column;         // column letter ("C"), "" when about the whole row
  std::string header;         // the column's header text in the file
  std::string field;          // FieldName ("resident_id"), "" when about the row
  std::string raw;            // the raw cell text (whole; mask it before logging)
  std::string kind;           // resident_id, name, date, phone, relationship, structure,
                              // duplicate, conflict, reference, sheet, formula, value
  std::string reason;
  std::string reason_zh;
  std::string fix;
  std::string fix_zh;         // the fix in Chinese as written at the call site, or "" (then
                              // FixZh(const Fault&), fix_zh.h, takes it from the catalogue)
};

/// A row that was not imported, with its cells as text, for the error report a clerk fixes.
struct RejectedRow {
  std::string file, sheet;
  int64_t row = 0;
  int64_t header_row = 0;     // last row of the header its sheet block had (SheetReport::blocks)
  std::vector<std::string> cells;
  std::string messages;       // all faults of the row, "C 公民身份号码: reason → fix; …"
};

/// The rejected rows of an import, in file order: the first ones in memory (up to a byte
/// budget), the rest appended to an unnamed temporary file (tmpfile(3): removed when closed or
/// when the process ends), read back by ForEach. Move-only. Thread-safety: one thread at a time.
class RejectedRows {
 public:
  explicit RejectedRows(size_t memory_bytes = 8u << 20) : budget_(memory_bytes) {}
  RejectedRows(RejectedRows&&) noexcept = default;
  RejectedRows& operator=(RejectedRows&&) noexcept = default;
  size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  /// Rows kept in memory (the rest are in the file); for tests of the bound.
  size_t in_memory() const { return rows_.size(); }
  /// Appends a row. Errors: kUnavailable when the temporary file cannot be created or written
  /// (disk full), naming $TMPDIR.
  Status Add(RejectedRow row);
  /// Calls `f` for every row in order; stops at and returns the first error (of `f`, or
  /// kUnavailable reading the file back).
  Status ForEach(const std::function<Status(const RejectedRow&)>& f) const;
  /// All rows (tests, small imports).
  std::vector<RejectedRow> ToVector() const;

 private:
  struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  size_t budget_, used_ = 0, count_ = 0;
  std::vector<RejectedRow> rows_;
  std::unique_ptr<std::FILE, FileCloser> spill_;
};

/// What happened to one sheet.
struct SheetReport {
  std::string file, name;
  bool hidden = false;
  bool imported = false;       // rows were read as data
  std::string skipped_reason;  // why not ("hidden sheet", "no header row", "not selected")
  std::optional<HeaderInfo> header;       // the first block's header
  std::vector<std::string> header_texts;  // header text per column of the current/last block
  /// Each block of the sheet: (the last row of its header, header text per column). One block
  /// unless several rosters are stacked in the sheet, each under its own title and header.
  std::vector<std::pair<int64_t, std::vector<std::string>>> blocks;
  int64_t data_rows = 0, blank_rows = 0, footer_rows = 0;
};

/// The outcome of an import or a preview.
struct ImportResult {
  std::vector<std::string> files, formats, encodings;
  std::vector<SheetReport> sheets;
  int64_t rows_read = 0;       // data rows (not blank, not footer)
  int64_t rows_valid = 0;      // rows without errors in households without errors
  int64_t rows_rejected = 0;
  int64_t errors = 0, warnings = 0;
  int64_t persons_created = 0, persons_updated = 0, persons_unchanged = 0;
  int64_t households_created = 0, households_updated = 0, households_unchanged = 0;
  int64_t events_recorded = 0; // events roster (events_import.h): register events written
  bool committed = false;      // the transaction was committed
  std::vector<Fault> faults;   // up to max_kept_faults, errors and warnings in file order
  int64_t faults_dropped = 0;
  RejectedRows rejected;
  /// Preview: the first cleaned rows, FieldName -> value, ids and phones masked.
  std::vector<std::vector<std::pair<std::string, std::string>>> preview;
};

/// Reads and checks `files` and, unless options.dry_run, writes them in one transaction of
/// `repo` on behalf of `actor` (audit entries carry "import <file> [sheet] row N").
/// Errors (the import is not done): a file that cannot be opened or decoded, the database
/// busy, or an actor who may not write (kPermissionDenied). Faults in rows are not errors:
/// they are in the result.
Result<ImportResult> RunImport(const std::vector<std::shared_ptr<InputFile>>& files,
                               const ImportOptions& options, const Actor& actor, ImportRepository& repo);

/// For the web UI's preview step: a dry run of one uploaded file that also keeps the first
/// `preview_rows` cleaned rows. Same errors as RunImport.
Result<ImportResult> PreviewImport(std::shared_ptr<InputFile> file, ImportOptions options,
                                   const Actor& actor, ImportRepository& repo);

/// "insert" / "upsert". ParseImportMode errors: kInvalidArgument.
std::string_view ImportModeName(ImportMode m);
Result<ImportMode> ParseImportMode(std::string_view s);

}  // namespace anju::importer
