// Data calls: column and row rules, the upload through the importer's table import, the merged
// workbook and the case type. See datacalls.h.
#include "datacalls/datacalls.h"

#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/china_time.h"
#include "core/try.h"
#include "importer/export.h"
#include "importer/input.h"
#include "importer/table_import.h"

namespace anju::datacalls {

using nlohmann::json;

std::string_view ColumnTypeName(ColumnType t) {
  switch (t) {
    case ColumnType::kText: return "text";
    case ColumnType::kInteger: return "integer";
    case ColumnType::kDecimal: return "decimal";
    case ColumnType::kDate: return "date";
    case ColumnType::kEnum: return "enum";
  }
  return "text";
}

Result<ColumnType> ParseColumnType(std::string_view s, std::string_view field) {
  for (ColumnType t : {ColumnType::kText, ColumnType::kInteger, ColumnType::kDecimal, ColumnType::kDate, ColumnType::kEnum})
    if (ColumnTypeName(t) == s) return t;
  return InvalidArgument(fmt::format("{}: '{}' is not a column type; use text, integer, decimal, date or enum", field, s),
                         std::string(field), std::string(s),
                         fmt::format("{}：“{}”不是列类型，请用 text（文字）、integer（整数）、decimal（小数）、date（日期）或 enum（选项）", field, s));
}

namespace {

size_t CodePoints(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool IsKey(std::string_view s) {
  if (s.empty() || s.size() > 40 || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

Error Fault(std::string field, std::string value, std::string en, std::string zh) {
  Error e;
  e.code = ErrorCode::kInvalidArgument;
  e.field = std::move(field);
  e.value = std::move(value);
  e.message = std::move(en);
  e.message_zh = std::move(zh);
  return e;
}

// "12", "-3.50" → canonical decimal text ("12", "-3.5"); nullopt when not a plain decimal.
std::optional<std::string> CanonicalDecimal(std::string_view s) {
  std::string t;
  for (char c : s)
    if (c != ',') t += c;
  if (t.empty()) return std::nullopt;
  size_t i = (t[0] == '-' || t[0] == '+') ? 1 : 0;
  size_t digits = 0, dots = 0;
  for (size_t k = i; k < t.size(); ++k) {
    if (t[k] == '.') ++dots;
    else if (t[k] >= '0' && t[k] <= '9') ++digits;
    else return std::nullopt;
  }
  if (digits == 0 || dots > 1 || digits > 18) return std::nullopt;
  std::string sign = t[0] == '-' ? "-" : "";
  std::string body = t.substr(i);
  if (body.find('.') != std::string::npos) {
    while (body.back() == '0') body.pop_back();
    if (body.back() == '.') body.pop_back();
  }
  size_t nz = body.find_first_not_of('0');
  if (nz == std::string::npos) return "0";
  if (body[nz] == '.') nz = nz == 0 ? 0 : nz - 1;
  body = body.substr(nz);
  if (body.starts_with(".")) body = "0" + body;
  return sign + body;
}

}  // namespace

Status ValidateColumns(const std::vector<Column>& columns) {
  std::vector<Error> faults;
  if (columns.empty() || columns.size() > kMaxColumns)
    faults.push_back(Fault("columns", std::to_string(columns.size()),
                           fmt::format("a data call needs 1 to {} columns, not {}", kMaxColumns, columns.size()),
                           fmt::format("数据调度需要 1 至 {} 列，现为 {} 列", kMaxColumns, columns.size())));
  std::set<std::string> keys, labels;
  for (size_t i = 0; i < columns.size(); ++i) {
    const Column& c = columns[i];
    const std::string at = fmt::format("columns[{}]", i);
    if (!IsKey(c.key))
      faults.push_back(Fault(at + ".key", c.key,
                             fmt::format("column {}: key '{}' must be 1–40 lower-case letters, digits or _, starting with a letter (e.g. households)", i + 1, c.key),
                             fmt::format("第 {} 列：标识“{}”须为 1–40 个小写字母、数字或下划线，以字母开头（如 households）", i + 1, c.key)));
    else if (!keys.insert(c.key).second)
      faults.push_back(Fault(at + ".key", c.key, fmt::format("column {}: key '{}' is used by another column; give each column its own key", i + 1, c.key),
                             fmt::format("第 {} 列：标识“{}”与其他列重复，请每列用不同标识", i + 1, c.key)));
    const std::string zh = Trim(c.label_zh);
    if (zh.empty() || CodePoints(zh) > 60)
      faults.push_back(Fault(at + ".label_zh", c.label_zh, fmt::format("column {}: the Chinese label is required (at most 60 characters)", i + 1),
                             fmt::format("第 {} 列：中文列名必填（最多 60 个字）", i + 1)));
    else if (!labels.insert(zh).second)
      faults.push_back(Fault(at + ".label_zh", c.label_zh, fmt::format("column {}: the label '{}' is used by another column; spreadsheet headers must differ", i + 1, zh),
                             fmt::format("第 {} 列：列名“{}”与其他列重复，表头须各不相同", i + 1, zh)));
    if (CodePoints(c.label_en) > 80)
      faults.push_back(Fault(at + ".label_en", c.label_en, fmt::format("column {}: the English label has more than 80 characters; shorten it", i + 1),
                             fmt::format("第 {} 列：英文列名超过 80 个字符，请缩短", i + 1)));
    if (c.type == ColumnType::kEnum) {
      std::set<std::string> seen;
      bool bad = c.values.empty() || c.values.size() > 200;
      for (const auto& v : c.values) bad = bad || Trim(v).empty() || CodePoints(v) > 100 || !seen.insert(Trim(v)).second;
      if (bad)
        faults.push_back(Fault(at + ".values", json(c.values).dump(),
                               fmt::format("column {}: an enum column needs 1 to 200 different, non-empty values", i + 1),
                               fmt::format("第 {} 列：选项列需要 1 至 200 个互不相同的非空选项", i + 1)));
    } else if (!c.values.empty()) {
      faults.push_back(Fault(at + ".values", json(c.values).dump(), fmt::format("column {}: values are only for enum columns; remove them or set type enum", i + 1),
                             fmt::format("第 {} 列：只有选项列（enum）才有选项，请删除选项或把类型改为 enum", i + 1)));
    }
  }
  if (!faults.empty()) return AllFaults(std::move(faults));
  return {};
}

json ColumnsToJson(const std::vector<Column>& columns) {
  json a = json::array();
  for (const auto& c : columns) {
    json o = {{"key", c.key}, {"label_zh", c.label_zh}, {"label_en", c.label_en}, {"type", ColumnTypeName(c.type)}, {"required", c.required}};
    if (c.type == ColumnType::kEnum) o["values"] = c.values;
    a.push_back(std::move(o));
  }
  return a;
}

Result<std::vector<Column>> ColumnsFromJson(const json& j) {
  if (!j.is_array())
    return InvalidArgument("columns must be a list of {key, label_zh, label_en, type, required, values}", "columns", j.dump(),
                           "columns 须为列的列表（key、label_zh、label_en、type、required、values）");
  std::vector<Column> out;
  std::vector<Error> faults;
  for (size_t i = 0; i < j.size(); ++i) {
    const json& o = j[i];
    const std::string at = fmt::format("columns[{}]", i);
    if (!o.is_object()) {
      faults.push_back(Fault(at, o.dump(), fmt::format("column {} must be an object", i + 1), fmt::format("第 {} 列须为对象", i + 1)));
      continue;
    }
    Column c;
    auto text = [&](const char* k) { return o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : std::string(); };
    c.key = text("key");
    c.label_zh = Trim(text("label_zh"));
    c.label_en = Trim(text("label_en"));
    c.required = o.contains("required") && o["required"].is_boolean() && o["required"].get<bool>();
    auto t = ParseColumnType(text("type"), at + ".type");
    if (!t) faults.push_back(t.error());
    else c.type = *t;
    if (o.contains("values") && o["values"].is_array())
      for (const auto& v : o["values"])
        if (v.is_string()) c.values.push_back(Trim(v.get<std::string>()));
    out.push_back(std::move(c));
  }
  if (!faults.empty()) return AllFaults(std::move(faults));
  return out;
}

namespace {

// One cell's value checked by its column; `raw` as the user gave it. Returns the stored JSON
// value (null for empty) or a fault.
std::expected<json, Error> CheckCell(const Column& c, const json& given, size_t row_index) {
  const std::string header = fmt::format("{} ({})", c.label_zh, c.label_en.empty() ? c.key : c.label_en);
  const std::string field = fmt::format("rows[{}].{}", row_index, c.key);
  std::string raw;
  if (given.is_string()) raw = Trim(given.get<std::string>());
  else if (given.is_number_integer()) raw = std::to_string(given.get<int64_t>());
  else if (given.is_number()) raw = given.dump();
  else if (!given.is_null()) raw = given.dump();
  auto fault = [&](std::string why_en, std::string why_zh, std::string fix_en, std::string fix_zh) {
    return std::unexpected(Fault(field, raw,
                                 fmt::format("row {}, column {}: '{}' {}; fix: {}", row_index + 1, header, raw, why_en, fix_en),
                                 fmt::format("第 {} 行“{}”列：“{}”{}；请{}", row_index + 1, c.label_zh, raw, why_zh, fix_zh)));
  };
  if (given.is_object() || given.is_array() || given.is_boolean())
    return fault("is not a single value", "不是单个值", "write one value in the cell", "在单元格中只填一个值");
  if (raw.empty()) {
    if (c.required) {
      Error e = Fault(field, "", fmt::format("row {}, column {}: required and empty; fix: fill it in", row_index + 1, header),
                      fmt::format("第 {} 行“{}”列为必填项，不能为空；请填写", row_index + 1, c.label_zh));
      return std::unexpected(std::move(e));
    }
    return json(nullptr);
  }
  switch (c.type) {
    case ColumnType::kText:
      if (CodePoints(raw) > kMaxTextChars)
        return fault(fmt::format("is longer than {} characters", kMaxTextChars), fmt::format("超过 {} 个字", kMaxTextChars),
                     "shorten it", "缩短内容");
      return json(raw);
    case ColumnType::kInteger: {
      std::string t;
      for (char ch : raw)
        if (ch != ',') t += ch;
      char* end = nullptr;
      errno = 0;
      long long v = std::strtoll(t.c_str(), &end, 10);
      if (t.empty() || end != t.c_str() + t.size() || errno != 0)
        return fault("is not a whole number", "不是整数", "write a whole number such as 12", "填写整数，如 12");
      return json(static_cast<int64_t>(v));
    }
    case ColumnType::kDecimal: {
      auto d = given.is_number_float() ? CanonicalDecimal(fmt::format("{}", given.get<double>())) : CanonicalDecimal(raw);
      if (!d) return fault("is not a number", "不是数字", "write a number such as 12.5", "填写数字，如 12.5");
      return json(*d);
    }
    case ColumnType::kDate: {
      auto d = ParseIsoDate(raw, c.key);
      if (!d) return fault("is not a date", "不是日期", "write the date as 2026-05-01", "按 2026-05-01 的格式填写日期");
      return json(FormatIsoDate(*d));
    }
    case ColumnType::kEnum: {
      for (const auto& v : c.values)
        if (v == raw) return json(v);
      std::string list;
      for (const auto& v : c.values) list += (list.empty() ? "" : "、") + v;
      return fault(fmt::format("is not one of the choices ({})", list), fmt::format("不是可选项（{}）之一", list),
                   fmt::format("choose one of: {}", list), fmt::format("从以下选项中选择：{}", list));
    }
  }
  return json(raw);
}

}  // namespace

Result<std::vector<Row>> ValidateRows(const std::vector<Column>& columns, const json& rows) {
  if (!rows.is_array())
    return InvalidArgument("rows must be a list of objects {column key: value}", "rows", rows.dump().substr(0, 100),
                           "rows 须为行的列表，每行为 {列标识: 值}");
  if (rows.size() > kMaxRows)
    return InvalidArgument(fmt::format("{} rows; an answer has at most {} rows", rows.size(), kMaxRows), "rows",
                           std::to_string(rows.size()), fmt::format("共 {} 行，一份填报最多 {} 行", rows.size(), kMaxRows));
  std::vector<Error> faults;
  std::vector<Row> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    const json& r = rows[i];
    if (!r.is_object()) {
      faults.push_back(Fault(fmt::format("rows[{}]", i), r.dump().substr(0, 100), fmt::format("row {} must be an object {{column key: value}}", i + 1),
                             fmt::format("第 {} 行须为对象 {{列标识: 值}}", i + 1)));
      continue;
    }
    for (const auto& [k, v] : r.items()) {
      if (std::none_of(columns.begin(), columns.end(), [&](const Column& c) { return c.key == k; })) {
        std::string keys;
        for (const auto& c : columns) keys += (keys.empty() ? "" : ", ") + c.key;
        faults.push_back(Fault(fmt::format("rows[{}].{}", i, k), v.dump().substr(0, 100),
                               fmt::format("row {}: '{}' is not a column of this call; the columns are {}", i + 1, k, keys),
                               fmt::format("第 {} 行：“{}”不是本次调度的列；列为 {}", i + 1, k, keys)));
      }
    }
    // A row with every cell empty is no row (a blank line left in the browser's table).
    bool blank = true;
    for (const auto& c : columns)
      if (r.contains(c.key) && !r[c.key].is_null() && !(r[c.key].is_string() && Trim(r[c.key].get<std::string>()).empty())) blank = false;
    if (blank) continue;
    Row o = json::object();
    for (const auto& c : columns) {
      auto v = CheckCell(c, r.contains(c.key) ? r[c.key] : json(nullptr), i);
      if (!v) faults.push_back(v.error());
      else if (!v->is_null()) o[c.key] = *v;
    }
    out.push_back(std::move(o));
  }
  if (!faults.empty()) return AllFaults(std::move(faults));
  return out;
}

namespace {

// The importer's table repository as a collector: the rows the table import would insert are
// kept in memory (nothing is written; the data call's service stores them in its own
// transaction).
class Collector final : public importer::TableRepository {
 public:
  std::vector<importer::TableRow> rows;
  Result<std::vector<importer::SiteName>> LoadSites() override { return std::vector<importer::SiteName>{}; }
  Status Begin() override {
    rows.clear();
    return {};
  }
  Result<std::optional<Stored>> FindByKey(const importer::TableSpec&, const std::vector<importer::TableValue>&) override {
    return std::optional<Stored>{};
  }
  Result<int64_t> Insert(const importer::TableSpec&, const importer::TableRow& values, const std::vector<bool>&) override {
    rows.push_back(values);
    return static_cast<int64_t>(rows.size());
  }
  Status Update(const importer::TableSpec&, int64_t, const importer::TableRow&, const std::vector<bool>&) override {
    return Internal("a keyless table import does not update");
  }
  /// The importer audits each inserted row right after Insert with source "import F [S] row N".
  Status Audit(const Actor&, const AuditEntry& e) override {
    if (e.action == "create") {
      auto at = e.source.rfind(" row ");
      source_rows.push_back(at == std::string::npos ? 0 : std::atoll(e.source.c_str() + at + 5));
    }
    return {};
  }
  std::vector<int64_t> source_rows;  // the sheet row of each of `rows`
  Status Commit() override { return {}; }
  void Rollback() override {}  // faults: the caller refuses the whole file
  Status ForEachRow(const importer::TableSpec&, const std::function<Status(int64_t, const importer::TableRow&)>&) override {
    return {};
  }
};

}  // namespace

Result<std::vector<Row>> ReadUpload(const std::vector<Column>& columns, std::shared_ptr<importer::InputFile> file) {
  // The call's columns as a table the importer reads: integers, dates and enums by its
  // cleaners (serial dates, 2026年5月1日, full-width digits …); decimals as text, checked below.
  importer::TableSpec spec;
  spec.table = "data_call_rows";
  spec.entity = "data_call_row";
  spec.title_zh = "数据调度填报";
  spec.title_en = "data call answer";
  spec.keyless = true;
  for (const auto& c : columns) {
    importer::ColumnSpec& s = spec.columns.emplace_back();
    s.name = c.key;
    s.required = c.required;
    s.header_zh = c.label_zh;
    s.header_en = c.label_en;
    if (c.label_en != c.key) s.synonyms.push_back(c.key);
    s.max_chars = kMaxTextChars;
    switch (c.type) {
      case ColumnType::kInteger: s.type = importer::ColumnType::kInt; break;
      case ColumnType::kDate: s.type = importer::ColumnType::kDate; break;
      case ColumnType::kEnum:
        s.type = importer::ColumnType::kCodeList;
        for (const auto& v : c.values) s.codes.push_back({v, v, {}});
        break;
      default: s.type = importer::ColumnType::kText; break;
    }
  }
  // The importer refuses a county-wide table to users below the county and dates after today;
  // neither applies here: the service has already decided this user answers for this
  // recipient, nothing is written by the import, and a data call may ask for planned dates.
  Actor reader = SystemActor();
  importer::TableImportOptions opt;
  opt.all_or_nothing = true;
  opt.today = Date{std::chrono::year{2199}, std::chrono::December, std::chrono::day{31}};
  opt.max_rows = static_cast<int64_t>(kMaxRows);
  opt.max_kept_faults = 500;
  Collector collector;
  ANJU_TRY(res, importer::ImportTable(spec, file, collector, reader, opt));
  std::vector<Error> faults;
  // Decimals are read as text above; a second read with every column as optional text gives
  // each data row's decimal cells with their sheet row, so a bad decimal is reported beside the
  // other faults of the file (every fault at once).
  std::vector<Error> decimal_faults;
  if (std::any_of(columns.begin(), columns.end(), [](const Column& c) { return c.type == ColumnType::kDecimal; })) {
    importer::TableSpec raw = spec;
    for (auto& c : raw.columns) {
      c.type = importer::ColumnType::kText;
      c.required = false;
      c.codes.clear();
      c.max_chars = 100000;
    }
    importer::TableImportOptions ropt = opt;
    ropt.all_or_nothing = false;
    Collector texts;
    ANJU_TRY(rres, importer::ImportTable(raw, file, texts, reader, ropt));
    std::map<std::string, std::string> letter;  // column key -> sheet column letter
    for (const auto& [sheet, mapped] : rres.columns) {
      (void)sheet;
      for (size_t p = 0; p < mapped.size();) {
        size_t comma = mapped.find(", ", p);
        std::string item = mapped.substr(p, comma == std::string::npos ? std::string::npos : comma - p);
        if (auto eq = item.find('='); eq != std::string::npos) letter.emplace(item.substr(eq + 1), item.substr(0, eq));
        if (comma == std::string::npos) break;
        p = comma + 2;
      }
    }
    for (size_t k = 0; k < texts.rows.size(); ++k)
      for (size_t i = 0; i < columns.size(); ++i) {
        const Column& c = columns[i];
        if (c.type != ColumnType::kDecimal || !std::holds_alternative<std::string>(texts.rows[k][i])) continue;
        const std::string& v = std::get<std::string>(texts.rows[k][i]);
        if (v.empty() || CanonicalDecimal(Trim(v))) continue;
        const int64_t row = k < texts.source_rows.size() ? texts.source_rows[k] : 0;
        const std::string col = letter.contains(c.key) ? letter[c.key] : "";
        decimal_faults.push_back(Fault(c.key, v,
                                       fmt::format("{} row {}, column {} ({}): '{}' is not a number; fix: write a number such as 12.5",
                                                   file->name(), row, col, c.label_zh, v),
                                       fmt::format("{} 第 {} 行 {} 列“{}”：“{}”不是数字；请填写数字，如 12.5", file->name(), row, col, c.label_zh, v)));
      }
  }
  for (const auto& f : res.report.faults) {
    if (!f.error) continue;
    std::string where = f.row > 0 ? fmt::format("{} [{}] row {}{}", f.file, f.sheet, f.row, f.column.empty() ? "" : ", column " + f.column)
                                  : fmt::format("{}{}", f.file, f.sheet.empty() ? "" : " [" + f.sheet + "]");
    std::string where_zh = f.row > 0 ? fmt::format("{}［{}］第 {} 行{}", f.file, f.sheet, f.row, f.column.empty() ? "" : " " + f.column + " 列")
                                     : fmt::format("{}{}", f.file, f.sheet.empty() ? "" : "［" + f.sheet + "］");
    std::string head = f.header.empty() ? "" : fmt::format(" ({})", f.header);
    faults.push_back(Fault(f.field.empty() ? "file" : f.field, f.raw,
                           fmt::format("{}{}: {}{}", where, head, f.reason, f.fix.empty() ? "" : "; fix: " + f.fix),
                           fmt::format("{}{}：{}", where_zh, f.header.empty() ? "" : "“" + f.header + "”", f.reason_zh)));
  }
  for (auto& f : decimal_faults) faults.push_back(std::move(f));
  if (!faults.empty()) return AllFaults(std::move(faults));
  // The cleaned values as a JSON rows list, then the same rules as the browser's rows.
  json rows = json::array();
  for (const auto& r : collector.rows) {
    json o = json::object();
    for (size_t i = 0; i < columns.size() && i < r.size(); ++i) {
      if (std::holds_alternative<int64_t>(r[i])) o[columns[i].key] = std::get<int64_t>(r[i]);
      else if (std::holds_alternative<std::string>(r[i])) o[columns[i].key] = std::get<std::string>(r[i]);
    }
    rows.push_back(std::move(o));
  }
  return ValidateRows(columns, rows);
}

namespace {

std::string CellText(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  if (v.is_null()) return "";
  return v.dump();
}

std::string StatusZh(std::string_view s) {
  if (s == "pending") return "待填报";
  if (s == "submitted") return "已提交";
  if (s == "returned") return "已退回";
  if (s == "accepted") return "已采纳";
  return std::string(s);
}

Status XlsxError(const std::string& path, lxw_error e) {
  return InvalidArgument(fmt::format("cannot write {}: {}", path, lxw_strerror(e)), "out", path,
                         fmt::format("无法写入 {}", path));
}

// Writes one header row and data rows of `columns` at row `*r` onwards of `ws`.
lxw_error WriteDataRow(lxw_worksheet* ws, lxw_row_t r, lxw_col_t first, const std::vector<Column>& columns, const Row& row,
                       lxw_format* date_fmt, lxw_format* text_fmt) {
  for (size_t i = 0; i < columns.size(); ++i) {
    const Column& c = columns[i];
    const lxw_col_t col = static_cast<lxw_col_t>(first + i);
    if (!row.contains(c.key) || row[c.key].is_null()) continue;
    const json& v = row[c.key];
    lxw_error e = LXW_NO_ERROR;
    if (c.type == ColumnType::kInteger && v.is_number_integer()) {
      e = worksheet_write_number(ws, r, col, static_cast<double>(v.get<int64_t>()), nullptr);
    } else if (c.type == ColumnType::kDecimal && v.is_string()) {
      e = worksheet_write_number(ws, r, col, std::strtod(v.get<std::string>().c_str(), nullptr), nullptr);
    } else if (c.type == ColumnType::kDate && v.is_string()) {
      auto d = ParseIsoDate(v.get<std::string>());
      if (d) {
        lxw_datetime dt{static_cast<int>(d->year()), static_cast<int>(static_cast<unsigned>(d->month())),
                        static_cast<int>(static_cast<unsigned>(d->day())), 0, 0, 0};
        e = worksheet_write_datetime(ws, r, col, &dt, date_fmt);
      } else {
        e = worksheet_write_string(ws, r, col, v.get<std::string>().c_str(), text_fmt);
      }
    } else {
      e = worksheet_write_string(ws, r, col, CellText(v).c_str(), text_fmt);
    }
    if (e != LXW_NO_ERROR) return e;
  }
  return LXW_NO_ERROR;
}

}  // namespace

Status WriteMergedXlsx(const std::string& path, const std::vector<Column>& columns, const std::vector<RecipientLabel>& recipients,
                       const std::vector<std::vector<Row>>& rows) {
  lxw_workbook* wb = workbook_new(path.c_str());  // file-open: the merged table's --out target or our temporary file
  if (!wb) return InvalidArgument(fmt::format("cannot create {}", path), "out", path, fmt::format("无法创建 {}", path));
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* date_fmt = workbook_add_format(wb);
  format_set_num_format(date_fmt, "yyyy-mm-dd");
  lxw_format* text_fmt = workbook_add_format(wb);
  format_set_num_format(text_fmt, "@");
  lxw_worksheet* ws = workbook_add_worksheet(wb, "汇总");
  worksheet_write_string(ws, 0, 0, "填报单位", bold);
  worksheet_set_column(ws, 0, 0, 18, nullptr);
  for (size_t i = 0; i < columns.size(); ++i) {
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(i + 1), columns[i].label_zh.c_str(), bold);
    worksheet_set_column(ws, static_cast<lxw_col_t>(i + 1), static_cast<lxw_col_t>(i + 1), 14, nullptr);
  }
  lxw_row_t r = 1;
  for (size_t k = 0; k < recipients.size() && k < rows.size(); ++k)
    for (const Row& row : rows[k]) {
      worksheet_write_string(ws, r, 0, recipients[k].name.c_str(), text_fmt);
      if (lxw_error e = WriteDataRow(ws, r, 1, columns, row, date_fmt, text_fmt); e != LXW_NO_ERROR) {
        workbook_close(wb);
        return XlsxError(path, e);
      }
      ++r;
    }
  lxw_worksheet* st = workbook_add_worksheet(wb, "填报情况");
  const char* heads[] = {"填报单位", "状态", "提交时间", "汇总行数"};  // rows in 汇总: submitted and accepted answers only
  for (lxw_col_t c = 0; c < 4; ++c) worksheet_write_string(st, 0, c, heads[c], bold);
  worksheet_set_column(st, 0, 2, 20, nullptr);
  for (size_t k = 0; k < recipients.size(); ++k) {
    const auto row = static_cast<lxw_row_t>(k + 1);
    worksheet_write_string(st, row, 0, recipients[k].name.c_str(), text_fmt);
    worksheet_write_string(st, row, 1, StatusZh(recipients[k].status).c_str(), nullptr);
    worksheet_write_string(st, row, 2, FormatChinaTime(recipients[k].submitted_at).c_str(), nullptr);  // China time
    worksheet_write_number(st, row, 3, static_cast<double>(recipients[k].rows), nullptr);
  }
  if (lxw_error e = workbook_close(wb); e != LXW_NO_ERROR) return XlsxError(path, e);
  return {};
}

Status WriteMergedCsv(const std::string& path, const std::vector<Column>& columns, const std::vector<RecipientLabel>& recipients,
                      const std::vector<std::vector<Row>>& rows) {
  std::vector<std::string> headers{"填报单位"};
  std::vector<importer::ColumnKind> kinds{importer::ColumnKind::kText};
  for (const auto& c : columns) {
    headers.push_back(c.label_zh);
    kinds.push_back(c.type == ColumnType::kInteger ? importer::ColumnKind::kInt
                    : c.type == ColumnType::kDate  ? importer::ColumnKind::kDate
                                                   : importer::ColumnKind::kText);
  }
  return importer::WriteSheet(path, importer::SheetFormat::kCsv, "汇总", headers, kinds,
                              [&](const std::function<Status(const std::vector<std::string>&)>& emit) -> Status {
                                for (size_t k = 0; k < recipients.size() && k < rows.size(); ++k)
                                  for (const Row& row : rows[k]) {
                                    std::vector<std::string> cells{recipients[k].name};
                                    for (const auto& c : columns) cells.push_back(row.contains(c.key) ? CellText(row[c.key]) : "");
                                    ANJU_CHECK(emit(cells));
                                  }
                                return {};
                              });
}

Status WriteTemplateXlsx(const std::string& path, const std::vector<Column>& columns, const std::vector<Row>& rows) {
  lxw_workbook* wb = workbook_new(path.c_str());  // file-open: the blank template's temporary file
  if (!wb) return InvalidArgument(fmt::format("cannot create {}", path), "out", path, fmt::format("无法创建 {}", path));
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* date_fmt = workbook_add_format(wb);
  format_set_num_format(date_fmt, "yyyy-mm-dd");
  lxw_format* text_fmt = workbook_add_format(wb);
  format_set_num_format(text_fmt, "@");
  lxw_worksheet* ws = workbook_add_worksheet(wb, "填报");
  for (size_t i = 0; i < columns.size(); ++i) {
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(i), columns[i].label_zh.c_str(), bold);
    worksheet_set_column(ws, static_cast<lxw_col_t>(i), static_cast<lxw_col_t>(i), 16, nullptr);
  }
  for (size_t k = 0; k < rows.size(); ++k)
    if (lxw_error e = WriteDataRow(ws, static_cast<lxw_row_t>(k + 1), 0, columns, rows[k], date_fmt, text_fmt); e != LXW_NO_ERROR) {
      workbook_close(wb);
      return XlsxError(path, e);
    }
  if (lxw_error e = workbook_close(wb); e != LXW_NO_ERROR) return XlsxError(path, e);
  return {};
}

Result<std::string> WriteToBytes(std::string_view suffix, const std::function<Status(const std::string&)>& write) {
  const char* dir = std::getenv("TMPDIR");
  std::string path = fmt::format("{}/anju-datacall-XXXXXX{}", dir && *dir ? dir : "/tmp", suffix);
  int fd = ::mkstemps(path.data(), static_cast<int>(suffix.size()));  // file-open: our own temporary file
  if (fd < 0) return Unavailable(fmt::format("cannot create a temporary file in {} (set TMPDIR to a writable folder)", dir && *dir ? dir : "/tmp"));
  ::close(fd);
  if (auto s = write(path); !s) {
    ::unlink(path.c_str());
    return std::unexpected(s.error());
  }
  std::ifstream in(path, std::ios::binary);  // file-open: our own temporary file
  std::stringstream ss;
  ss << in.rdbuf();
  ::unlink(path.c_str());
  return ss.str();
}

// Every transition is Who::kSystem: only this module's service takes them, after its own checks
// (the recipient's own users submit; county clerks accept, return, close), so the generic
// POST /api/v1/cases/{id}/transitions cannot move a case away from its answer's status, and an
// escalated case (held a level up) is still submitted by its recipient.
const casework::CaseType& DataCallReplyType() {
  using casework::Who;
  static const casework::CaseType kType{
      .kind = kReplyKind,
      .module = "datacalls",
      .label_zh = "数据调度填报",
      .label_en = "Data call answer",
      .initial_state = "pending",
      .manual_open = false,
      .states =
          {
              {"pending", "待填报", "Pending", 0, "the data call's due date (set by the county when it sends the call)", false,
               "数据调度的截止日期（县在发出调度时设定）"},
              {"submitted", "已提交", "Submitted", 0, "", false},
              {"returned", "已退回", "Returned", kReturnedWorkingDays,
               "anju default: a returned answer is corrected within 3 working days (setting deadline.data_call_reply.returned)", false,
               "anju 默认值：退回的填报须在 3 个工作日内改正（设置项 deadline.data_call_reply.returned）"},
              {"accepted", "已采纳", "Accepted", 0, "", true},
              {"closed", "已关闭", "Closed with the call", 0, "", true},
          },
      .transitions =
          {
              {"submit", "pending", "submitted", "提交", "Submit", Who::kSystem, false, false},
              {"accept", "submitted", "accepted", "采纳", "Accept", Who::kSystem, false, false},
              {"return", "submitted", "returned", "退回", "Return", Who::kSystem, true, false},
              {"resubmit", "returned", "submitted", "重新提交", "Resubmit", Who::kSystem, false, false},
              {"close_pending", "pending", "closed", "随调度关闭", "Close with the call", Who::kSystem, false, false},
              {"close_submitted", "submitted", "closed", "随调度关闭", "Close with the call", Who::kSystem, false, false},
              {"close_returned", "returned", "closed", "随调度关闭", "Close with the call", Who::kSystem, false, false},
          },
  };
  return kType;
}

}  // namespace anju::datacalls
