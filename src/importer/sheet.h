// The common shape every spreadsheet reader produces: workbooks of sheets, sheets as a stream
// of rows, rows as cells that keep what the file stored (text, a number with its date-format
// flag, a boolean, an error, a formula that has no cached value).
//
// Readers (xlsx, xls, CSV/TSV, HTML tables) never interpret cell contents: cleaning decides what
// a number in an id column means (importer/clean.h). Rows are numbered as the spreadsheet program
// shows them (1-based; for CSV the record number, which is what Excel shows after opening it).
//
// Thread-safety: value types; a Workbook is used by one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace anju::importer {

/// One cell as stored in the file.
struct Cell {
  enum class Type : uint8_t {
    kEmpty,           // no value (possibly formatted: borders, fill)
    kText,            // text (shared, inline, rich text runs joined, formula string result)
    kNumber,          // a number; `text` holds the file's own digits when it had them
    kBool,            // TRUE/FALSE; number = 1 or 0
    kError,           // #N/A, #VALUE! …; text holds it
    kDate,            // an ISO date text "YYYY-MM-DD" given as such by the file (xlsx t="d", xls)
    kFormulaNoValue,  // a formula whose result was never computed or saved; text = the formula
  };
  Type type = Type::kEmpty;
  bool date_format = false;  // kNumber whose number format is a date format (styles)
  double number = 0;
  std::string text;

  bool empty() const { return type == Type::kEmpty || (type == Type::kText && text.empty()); }
};

/// A row: `number` as the spreadsheet shows it (1-based), cells indexed by column (0 = A).
struct Row {
  int64_t number = 0;
  std::vector<Cell> cells;
};

/// A rectangle of merged cells, 0-based inclusive rows and columns in spreadsheet coordinates
/// (row 0 = spreadsheet row 1).
struct MergedRange {
  int64_t first_row = 0, last_row = 0;
  int first_col = 0, last_col = 0;
};

/// What a reader knows about a sheet before its rows are read.
struct SheetInfo {
  std::string name;
  bool hidden = false;                 // state="hidden" or "veryHidden"
  std::vector<MergedRange> merged;     // all merged ranges of the sheet
  int64_t merged_cells = 0;            // cells they cover (Σ rows × columns; ≤ SpanLimits)
};

/// Receives rows in ascending order; return an error to stop reading (it is passed through).
using RowSink = std::function<Status(const Row&)>;

/// An opened workbook (a CSV or HTML file is a workbook of one sheet).
class Workbook {
 public:
  virtual ~Workbook() = default;
  /// "xlsx", "xls", "csv", "tsv" or "html".
  virtual std::string format() const = 0;
  /// The text encoding the reader decoded ("UTF-8", "GB18030", "UTF-16LE", "CP936" for an xls
  /// code page …); "" when the format fixes it (xlsx is always UTF-8 XML).
  virtual std::string encoding() const = 0;
  /// True when dates are serial numbers of the 1904 system (xlsx workbookPr date1904).
  virtual bool date1904() const { return false; }
  /// Sheets in workbook order, with visibility and merged ranges.
  virtual const std::vector<SheetInfo>& sheets() const = 0;
  /// Streams the rows of sheet `index` (0-based into sheets()) to `sink`, skipping nothing:
  /// empty rows may be delivered with no cells or with empty cells. Errors: kInvalidArgument
  /// for a damaged file (naming sheet and position), or the sink's error.
  virtual Status ReadRows(size_t index, const RowSink& sink) = 0;
};

/// Spreadsheet column letters: 0 -> "A", 25 -> "Z", 26 -> "AA".
std::string ColumnLetter(int col);
/// "B12" -> {row 11, col 1} (0-based). Returns false when the text is not a cell reference.
bool ParseCellRef(std::string_view ref, int64_t& row, int& col);

}  // namespace anju::importer
