// Generic table import and export (issue #13, item 6): a module declares a plain table — its
// columns (type, required, Chinese and English header synonyms, a cleaner), its natural key and
// its scope column — and gets what the roster import has, without new reader code:
//
//   file -> OpenWorkbook (xlsx, xls, CSV/TSV, HTML; format by content) -> sheets (hidden ones and
//   the error report's 问题明细 only when selected) -> DetectHeaderWith (the roster's header
//   search: first 30 rows, two-level headers, bracketed notes and full-width forms ignored) ->
//   rows (merged cells carried down inside real merged ranges; blank, footer and repeated
//   header rows skipped) -> one cleaned value per cell, or a fault naming file, sheet, row,
//   column, header and value with the reason in Chinese and English and a fix (every cell of a
//   row is read, and a row with unreadable cells still gets the row handler's checks of the
//   others, TableRepository::CheckRow: one pass lists every fault of a row) -> duplicate keys
//   within the file refused (every row of the key) -> one transaction: upsert by key (insert,
//   update of the columns the file has, or unchanged), an audit entry per changed row and one
//   per batch -> commit, or rollback for a dry run / all_or_nothing with errors.
//
// The result is an ImportResult (faults, rejected rows under their original headers, counts),
// so WriteErrorReport writes the same error workbook as for the roster import.
//
// Column names and the table name come only from the spec (checked as SQL identifiers by
// TableSpec::Validate); values from the file are always bound (storage/sqlite_table_repository).
//
// Thread-safety: specs are immutable values; one import at a time per repository.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/actor.h"
#include "core/date.h"
#include "core/error.h"
#include "importer/export.h"
#include "importer/importer.h"
#include "importer/input.h"

namespace anju::storage {
class Connection;
}

namespace anju::importer {

class TableRepository;

/// Makes the repository a table's rows are written through in place of the generic upsert (see
/// TableSpec::writer), over the open connection, for `actor`, with `today` for the rules.
using TableWriterFactory = std::unique_ptr<TableRepository> (*)(storage::Connection& db, const Actor& actor, Date today);

/// What a column holds and how a cell is read (stored value in brackets):
///   kText      trimmed text, invisible characters removed (warning), at most max_chars [text]
///   kInt       a whole number, in [min_value, max_value] when given [integer]
///   kDate      a civil date, as CleanDate reads it (serials, 2019-5-1, 2019年5月1日 …) [text YYYY-MM-DD]
///   kMu        an area in 亩 with at most two decimals (12.5, "12.5亩") [integer, 0.01 亩]
///   kMoneyFen  an amount in 元 with at most two decimals ("1,234.50", "1234.5元", "3.5万元") [integer 分]
///   kBool      是/否, 有/无, Y/N, 1/0, √/×, TRUE/FALSE (CleanYesNo) [integer 0/1]
///   kCodeList  one of `codes`, by code, Chinese word or synonym [text: the code]
///   kSite      a resettlement site by name or alias [integer sites.id]; unknown names get the
///              nearest names as suggestions; the scope column of tables that lie at a site
enum class ColumnType { kText, kInt, kDate, kMu, kMoneyFen, kBool, kCodeList, kSite };

/// "text", "int", "date", "mu", "money_fen", "bool", "code_list", "site".
std::string_view ColumnTypeName(ColumnType t);

/// One allowed value of a kCodeList column.
struct CodeChoice {
  std::string code;                   // stored
  std::string zh;                     // written in exports (Chinese)
  std::vector<std::string> synonyms;  // other spellings accepted on import (English too)
};

/// One column of a declared table.
struct ColumnSpec {
  std::string name;       // the SQL column and the field identifier ([a-z_][a-z0-9_]*)
  ColumnType type = ColumnType::kText;
  bool required = false;  // the header must be present and every row's cell filled
  std::string header_zh;  // the header anju writes; recognised on import
  std::string header_en;  // recognised on import; named in English messages
  std::vector<std::string> synonyms;  // further header texts (Chinese or English)
  size_t max_chars = 100;             // kText, kCodeList: longer values are refused
  std::optional<int64_t> min_value, max_value;  // kInt, kMu (0.01 亩), kMoneyFen (分)
  std::vector<CodeChoice> codes;                // kCodeList
  bool future_allowed = false;  // kDate: a day after today is accepted (a deadline, 整改时限)
  /// Applied to the cell's text before it is read by type (kText, kCodeList, kSite);
  /// nullptr: TrimText. E.g. NormalizeCode for codes with full-width digits.
  std::function<std::string(std::string_view)> cleaner;
  /// A resident id: the value is masked (MaskResidentId) wherever a fault shows it.
  bool masked = false;
};

/// A table a module declares (e.g. industry/workshop_table.cc).
struct TableSpec {
  std::string table;      // SQL table name; rows have an INTEGER PRIMARY KEY `id`
  std::string entity;     // audit entity of a row ("workshop")
  std::string title_zh;   // export sheet name (扶贫车间台账)
  std::string title_en;
  std::vector<ColumnSpec> columns;
  std::vector<std::string> key;  // natural key for the upsert: required columns
  std::string scope_column;      // a kSite column the actor's scope must cover; "" = county-wide table
  /// Rows without a natural key (a data call's answer, datacalls/): `key` stays empty, every row
  /// is inserted, no duplicate check, and a header row needs any two known columns (one for a
  /// one-column table).
  bool keyless = false;
  /// The key columns are alternatives (the pairing roster: 户编号 or 户主身份证号): each may be
  /// optional, a row must fill at least one (else a fault on the first key column the sheet
  /// has), duplicates are checked per key column, and the repository (FindRow) checks that
  /// several filled ones name the same record.
  bool key_any_of = false;
  /// A table whose rows a module's storage writes (industry's migrant_roster records jobs through
  /// the jobs rules): `anju import --table` / `anju export` use writer(db, actor, today) in place of
  /// storage::SqliteTableRepository; nullptr = the generic upsert into `table`. A refusal of the
  /// writer naming a spec column (Error::field, or each of Error::details) becomes a fault on that
  /// column's cell.
  TableWriterFactory writer = nullptr;

  /// Index of the column named `name` in `columns`, or -1.
  int IndexOf(std::string_view name) const;
  /// Checks the declaration: identifiers, key and scope columns exist and are required, code
  /// lists not empty, no header text claimed by two columns. Errors: kInternal (a bug in the
  /// module's declaration), naming the column.
  Status Validate() const;
};

/// A stored value: NULL, an integer, or text.
using TableValue = std::variant<std::monostate, int64_t, std::string>;
/// One value per spec column, in spec order.
using TableRow = std::vector<TableValue>;

/// A site as the import resolves names (sites.name and site_aliases.alias).
struct SiteName {
  int64_t id = 0;
  std::string name;           // the name or alias
  std::string township_code;  // the site's township (for the scope rule)
};

/// What table import and export need from storage (storage/sqlite_table_repository.h). No SQL
/// here. Writes happen between Begin() and Commit()/Rollback().
class TableRepository {
 public:
  virtual ~TableRepository() = default;
  /// Every site name and alias.
  virtual Result<std::vector<SiteName>> LoadSites() = 0;
  /// Starts the transaction. Errors: kUnavailable when another writer holds the lock.
  virtual Status Begin() = 0;
  /// The stored row whose key columns (spec.key, in that order) equal `key`: its id and all
  /// spec columns; nullopt when none.
  struct Stored {
    int64_t id = 0;
    TableRow values;
  };
  virtual Result<std::optional<Stored>> FindByKey(const TableSpec& spec, const std::vector<TableValue>& key) = 0;
  /// The stored row a file's row (`values`, spec order) would change, or nullopt (a new row);
  /// the import compares the present columns to decide updated or unchanged. Default: FindByKey
  /// with the row's key columns. A row handler that resolves rows itself overrides it. Errors
  /// kInvalidArgument / kConflict (naming `field`, a spec column, with `value`): a fault of
  /// that row; other errors end the import.
  virtual Result<std::optional<Stored>> FindRow(const TableSpec& spec, const TableRow& values) {
    std::vector<TableValue> key;
    for (const auto& name : spec.key) key.push_back(values[static_cast<size_t>(spec.IndexOf(name))]);
    return FindByKey(spec, key);
  }
  /// The checks a row handler makes on a row's cells without writing (a 身份证号's checksum and
  /// registration, a code's shape), run by the import on a row some of whose cells did not read
  /// — such a row is never written, so FindRow/Insert never see it — so that one pass lists every
  /// fault of the row. `ok[i]`: column i has no fault, values[i] is what the file says (empty when
  /// the sheet lacks the column); a check needing a column that is not ok is skipped. Errors
  /// kInvalidArgument / kConflict naming spec columns (Error::field, or one Error::details entry
  /// per column, e.g. AllFaults): faults on those cells (a column already faulted keeps its own
  /// fault; a refusal naming no spec column is dropped); other errors end the import. Nothing is
  /// written. Default: no checks.
  virtual Status CheckRow(const TableSpec& spec, const TableRow& values, const std::vector<bool>& ok) {
    (void)spec, (void)values, (void)ok;
    return {};
  }
  /// Inserts the columns whose `present` flag is set; returns the new id. Errors: kConflict
  /// (a unique constraint), kInvalidArgument (CHECK, NOT NULL, FOREIGN KEY).
  virtual Result<int64_t> Insert(const TableSpec& spec, const TableRow& values, const std::vector<bool>& present) = 0;
  /// Updates the columns whose `present` flag is set. Errors as Insert.
  virtual Status Update(const TableSpec& spec, int64_t id, const TableRow& values, const std::vector<bool>& present) = 0;
  /// Appends to the hash-chained audit trail inside the transaction.
  virtual Status Audit(const Actor& actor, const AuditEntry& entry) = 0;
  virtual Status Commit() = 0;
  /// Undoes everything since Begin().
  virtual void Rollback() = 0;
  /// Every stored row, ordered by id.
  virtual Status ForEachRow(const TableSpec& spec, const std::function<Status(int64_t id, const TableRow&)>& fn) = 0;
};

/// Options of one table import (CLI flags / API parameters).
struct TableImportOptions {
  std::string sheet;          // only this sheet (by name; may be hidden)
  bool dry_run = false;       // everything in the transaction, then rolled back
  bool all_or_nothing = false;  // any error: nothing stored
  std::string encoding;       // force a text encoding for CSV/HTML
  Date today = TodayInChina();  // dates after it are refused
  size_t max_kept_faults = 100000;
  /// Ledgers are read whole before they are written (duplicate keys are refused on every row
  /// of the key); a sheet with more data rows is refused. A county's ledger has hundreds.
  int64_t max_rows = 200000;
};

/// The outcome: `report` is what WriteErrorReport and the roster CLI print read (files,
/// formats, sheets with their header texts, faults, rejected rows, rows_read/valid/rejected,
/// errors, warnings, committed); what the commit did (or would do) per row.
struct TableImportResult {
  ImportResult report;
  int64_t created = 0, updated = 0, unchanged = 0;
  /// Per imported sheet: "A=site, B=name, …" (the recognised columns).
  std::vector<std::pair<std::string, std::string>> columns;
};

/// Imports `input` into the table of `spec` on behalf of `actor` (see the top of this file).
/// Errors (nothing done): the actor may not write (kPermissionDenied; also a user below county
/// scope for a table without a scope column), a file that cannot be
/// opened or decoded, no sheet named options.sheet (kInvalidArgument), more rows than
/// options.max_rows, the database busy (kUnavailable), a bug in the spec (kInternal). Faults in
/// cells and rows are not errors: they are in the result.
Result<TableImportResult> ImportTable(const TableSpec& spec, std::shared_ptr<InputFile> input, TableRepository& repo,
                                      const Actor& actor, const TableImportOptions& options = {});

/// Writes the table's rows the actor's scope covers (by the scope column's site; all rows for a
/// county-wide table) to `path` as xlsx or CSV, with the headers import recognises (header_zh),
/// so export -> import changes nothing. Returns the number of rows. Errors: as WriteSheet, or
/// the repository's.
Result<int64_t> ExportTable(const TableSpec& spec, TableRepository& repo, const Actor& actor, const std::string& path,
                            SheetFormat format);

}  // namespace anju::importer
