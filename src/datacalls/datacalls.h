// Data calls (数据调度, issue #15 item 7, docs/casework.md): the county sends a template (columns,
// due date) to townships and sites; each recipient answers with rows, typed in the browser or
// uploaded as a spreadsheet; the county tracks completion, accepts or returns each answer and
// downloads the merged table. Each recipient's answer is a case of type `data_call_reply` run by
// casework's engine (its clock is the call's due date, so overdue answers escalate).
//
// This header: the values (calls, columns, recipients, rows), the pure rules (column and row
// validation, every fault at once, en + zh), the case type, and the spreadsheet side (reading an
// upload through the importer's table import, writing the merged workbook and the blank
// template). No storage here.
//
// Thread-safety: pure functions and immutable statics.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "casework/case_type.h"
#include "core/date.h"
#include "core/error.h"

namespace anju::importer {
class InputFile;
}

namespace anju::datacalls {

/// What a column holds (wire names): text, integer, decimal, date (YYYY-MM-DD), enum (one of
/// `values`).
enum class ColumnType { kText, kInteger, kDecimal, kDate, kEnum };
std::string_view ColumnTypeName(ColumnType t);
/// Errors: kInvalidArgument naming `field` and the value, listing the types.
Result<ColumnType> ParseColumnType(std::string_view s, std::string_view field);

/// One column of a call's template.
struct Column {
  std::string key;  // identifier [a-z][a-z0-9_]*, unique in the call; the JSON key of a row value
  std::string label_zh, label_en;  // the headers (label_zh is the spreadsheet header anju writes)
  ColumnType type = ColumnType::kText;
  bool required = false;
  std::vector<std::string> values;  // kEnum: the allowed values (as written, Chinese)
};

/// Limits of a template and an answer (technical bounds, not local policy).
inline constexpr size_t kMaxColumns = 60;
inline constexpr size_t kMaxRows = 5000;
inline constexpr size_t kMaxTextChars = 500;

/// Checks a template's columns: 1..kMaxColumns, keys identifiers and unique, labels present
/// and unique, enum values given (1..200, unique). Every fault at once (AllFaults), each
/// naming `columns[i].<field>` and the value, en + zh, with a fix.
Status ValidateColumns(const std::vector<Column>& columns);

/// Columns as JSON ([{key,label_zh,label_en,type,required,values?}]) and back (the stored form
/// and the API's). FromJson errors: kInvalidArgument naming `columns[i].<field>`.
nlohmann::json ColumnsToJson(const std::vector<Column>& columns);
Result<std::vector<Column>> ColumnsFromJson(const nlohmann::json& j);

/// One answer row: a JSON object {column key: value}; value a string (text, decimal as
/// written canonically, date, enum), an integer (integer) or absent (empty).
using Row = nlohmann::json;

/// Checks and normalises rows given as JSON (the browser's PUT): each must be an object whose
/// keys are the call's columns; values by type (numbers may come as strings); required cells
/// filled; at most kMaxRows rows. Returns the normalised rows (empty optional cells dropped,
/// fully empty rows dropped). Every fault at once: field `rows[i].<key>` (i from 0), value as
/// given, message "row N, column 户数 (households): …; fix: …" in en and zh.
Result<std::vector<Row>> ValidateRows(const std::vector<Column>& columns, const nlohmann::json& rows);

/// Reads an uploaded spreadsheet of the call's columns through the importer's table import
/// (readers for xlsx/xls/CSV/HTML by content, header detection by label_zh/label_en/key,
/// cleaners for integers, dates, enums), then ValidateRows. All-or-nothing: any fault → the
/// error with every fault as a detail (field `<column key>` or `file`, value the cell, message
/// naming sheet, row and column letter, with the importer's fix). `name` is for messages.
Result<std::vector<Row>> ReadUpload(const std::vector<Column>& columns, std::shared_ptr<importer::InputFile> file);

/// A recipient as the merged table and lists show it.
struct RecipientLabel {
  std::string name;    // the township's or the site's name
  std::string status;  // pending | submitted | returned | accepted
  std::string submitted_at;
  int64_t rows = 0;
};

/// Writes the merged workbook to `path`: sheet 汇总 with header 填报单位 then each column's
/// label_zh, one row per answer row (integers and decimals as numbers, dates as date cells);
/// sheet 填报情况 listing recipients (单位, 状态, 提交时间, 行数). `rows[i]` are the rows of
/// `recipients[i]`. Errors: kInvalidArgument when the file cannot be written.
Status WriteMergedXlsx(const std::string& path, const std::vector<Column>& columns,
                       const std::vector<RecipientLabel>& recipients, const std::vector<std::vector<Row>>& rows);
/// The same merged sheet as CSV (UTF-8 with BOM, the importer's CSV writer).
Status WriteMergedCsv(const std::string& path, const std::vector<Column>& columns,
                      const std::vector<RecipientLabel>& recipients, const std::vector<std::vector<Row>>& rows);
/// A blank template (one sheet 填报, the columns' label_zh headers, plus `rows` already given).
Status WriteTemplateXlsx(const std::string& path, const std::vector<Column>& columns, const std::vector<Row>& rows);
/// Reads a file written to a temporary path and removes it (for the HTTP downloads). Errors:
/// kUnavailable when no temporary file can be made. `write` gets the path.
Result<std::string> WriteToBytes(std::string_view suffix, const std::function<Status(const std::string&)>& write);

/// The case type of a recipient's answer (pending → submitted → accepted; submitted →
/// returned (note) → submitted; any open state → closed when the county closes the call). Its
/// clock is the call's due date, set when the case is opened.
const casework::CaseType& DataCallReplyType();
inline constexpr std::string_view kReplyKind = "data_call_reply";
/// Default clock of a returned answer, in working days (overridable by the setting
/// deadline.data_call_reply.returned): the call's due date may have passed when the county
/// returns it, so the correction gets its own short clock. Source: anju default (local rule).
inline constexpr int kReturnedWorkingDays = 3;

}  // namespace anju::datacalls
