#include "importer/table_import.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "core/resident_id.h"
#include "core/try.h"
#include "importer/clean.h"
#include "importer/header.h"

namespace anju::importer {

std::string_view ColumnTypeName(ColumnType t) {
  switch (t) {
    case ColumnType::kText: return "text";
    case ColumnType::kInt: return "int";
    case ColumnType::kDate: return "date";
    case ColumnType::kMu: return "mu";
    case ColumnType::kMoneyFen: return "money_fen";
    case ColumnType::kBool: return "bool";
    case ColumnType::kCodeList: return "code_list";
    case ColumnType::kSite: return "site";
  }
  return "text";
}

int TableSpec::IndexOf(std::string_view name) const {
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == name) return static_cast<int>(i);
  return -1;
}

namespace {

bool IsIdentifier(std::string_view s) {
  if (s.empty() || s.size() > 63 || !(std::islower(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
  });
}

size_t CodePoints(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Every header text that denotes a column: header_zh, header_en, name, synonyms (normalised).
std::vector<std::string> HeaderTexts(const ColumnSpec& c) {
  std::vector<std::string> out;
  for (const std::string& t : {c.header_zh, c.header_en, c.name})
    if (!t.empty()) out.push_back(NormalizeHeader(t));
  for (const auto& t : c.synonyms) out.push_back(NormalizeHeader(t));
  std::erase_if(out, [](const std::string& t) { return t.empty(); });
  return out;
}

}  // namespace

Status TableSpec::Validate() const {
  if (!IsIdentifier(table)) return Internal(fmt::format("table spec: table name '{}' is not an identifier", table));
  if (columns.empty()) return Internal(fmt::format("table spec {}: no columns", table));
  std::map<std::string, std::string> claimed;
  std::set<std::string> names;
  for (const auto& c : columns) {
    if (!IsIdentifier(c.name) || c.name == "id")
      return Internal(fmt::format("table spec {}: column name '{}' is not an identifier (or is id)", table, c.name));
    if (!names.insert(c.name).second) return Internal(fmt::format("table spec {}: column {} twice", table, c.name));
    if (c.header_zh.empty()) return Internal(fmt::format("table spec {}: column {} has no Chinese header", table, c.name));
    if (c.type == ColumnType::kCodeList && c.codes.empty())
      return Internal(fmt::format("table spec {}: code list {} has no codes", table, c.name));
    for (const auto& t : HeaderTexts(c))
      if (auto [it, fresh] = claimed.emplace(t, c.name); !fresh && it->second != c.name)
        return Internal(fmt::format("table spec {}: header '{}' names both {} and {}", table, t, it->second, c.name));
  }
  if (key.empty() && !keyless) return Internal(fmt::format("table spec {}: no key", table));
  for (const auto& k : key) {
    int i = IndexOf(k);
    if (i < 0 || (!columns[static_cast<size_t>(i)].required && !key_any_of))
      return Internal(fmt::format("table spec {}: key column {} is not a required column", table, k));
  }
  if (!scope_column.empty()) {
    int i = IndexOf(scope_column);
    if (i < 0 || columns[static_cast<size_t>(i)].type != ColumnType::kSite || !columns[static_cast<size_t>(i)].required)
      return Internal(fmt::format("table spec {}: scope column {} is not a required site column", table, scope_column));
  }
  return {};
}

namespace {

// Headers every table knows but does not import: row numbers, remarks, and the columns anju's
// error report puts before the original ones (so a corrected error report imports as it is).
bool KnownIgnoredHeader(std::string_view n) {
  for (std::string_view w : {"序号", "编号", "备注", "no", "no.", "错误说明", "原文件", "原工作表", "原行号"})
    if (n == w) return true;
  return false;
}

// "1234.5" -> 123450 with `decimals` 2: digits, at most one point, at most `decimals` digits after
// it. nullopt for anything else (signs, exponents, too many decimals, overflow).
std::optional<int64_t> ParseScaled(std::string_view s, int decimals) {
  if (s.empty()) return std::nullopt;
  int64_t v = 0;
  int frac = -1;
  for (char c : s) {
    if (c == '.') {
      if (frac >= 0) return std::nullopt;
      frac = 0;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    if (frac >= 0 && ++frac > decimals) return std::nullopt;
    if (v > (INT64_MAX - 9) / 10) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (frac == 0 && s.size() == 1) return std::nullopt;  // "."
  for (int i = std::max(frac, 0); i < decimals; ++i) {
    if (v > INT64_MAX / 10) return std::nullopt;
    v *= 10;
  }
  return v;
}

// Removes every occurrence of the given words (units, thousands separators) from `s`.
std::string Without(std::string s, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words)
    for (size_t p; (p = s.find(w)) != std::string::npos;) s.erase(p, w.size());
  return s;
}

// Site names compared without spaces, full-width forms, and the suffixes 安置点/安置小区/安置区.
std::string SiteKey(std::string_view name) {
  std::string k = Without(NormalizeCode(name), {" "});
  for (std::string_view suffix : {"集中安置点", "安置点", "安置小区", "安置区"})
    if (k.size() > suffix.size() && k.ends_with(suffix)) {
      k.resize(k.size() - suffix.size());
      break;
    }
  return k;
}

struct SiteIndex {
  std::vector<SiteName> all;
  std::unordered_map<std::string, std::vector<size_t>> by_key;
  explicit SiteIndex(std::vector<SiteName> sites) : all(std::move(sites)) {
    for (size_t i = 0; i < all.size(); ++i) by_key[SiteKey(all[i].name)].push_back(i);
  }
  // The sites a text names (several when two sites share a shortened name).
  std::vector<const SiteName*> Find(std::string_view text) const {
    std::vector<const SiteName*> out;
    auto it = by_key.find(SiteKey(text));
    if (it == by_key.end()) return out;
    for (size_t i : it->second)
      if (std::none_of(out.begin(), out.end(), [&](const SiteName* s) { return s->id == all[i].id; })) out.push_back(&all[i]);
    return out;
  }
  // Up to three names within half the text's length in edit distance, or containing it.
  std::string Suggest(std::string_view text) const {
    const std::string key = SiteKey(text);
    std::map<int64_t, int> near;  // site id -> best distance over its name and aliases
    for (const auto& s : all) {
      const std::string k = SiteKey(s.name);
      int d = EditDistance(key, k);
      const bool inside = CodePoints(key) >= 2 && (k.find(key) != std::string::npos || key.find(k) != std::string::npos);
      if (d <= std::max<int>(1, static_cast<int>(std::max(CodePoints(key), CodePoints(k)) / 2)) || inside) {
        auto [it, fresh] = near.emplace(s.id, inside ? 0 : d);
        if (!fresh) it->second = std::min(it->second, inside ? 0 : d);
      }
    }
    // Nearest first, each site by its name (the first entry of its id: names precede aliases).
    std::vector<std::pair<int, std::string>> ranked;
    for (auto [id, d] : near)
      for (const auto& s : all)
        if (s.id == id) {
          ranked.push_back({d, s.name});
          break;
        }
    std::sort(ranked.begin(), ranked.end());
    std::string o;
    for (size_t i = 0; i < ranked.size() && i < 3; ++i) o += (o.empty() ? "" : "、") + ranked[i].second;
    return o;
  }
};

std::string ValueText(const TableValue& v) {
  if (std::holds_alternative<int64_t>(v)) return std::to_string(std::get<int64_t>(v));
  if (std::holds_alternative<std::string>(v)) return std::get<std::string>(v);
  return "";
}

nlohmann::json ValueJson(const TableValue& v) {
  if (std::holds_alternative<int64_t>(v)) return std::get<int64_t>(v);
  if (std::holds_alternative<std::string>(v)) return std::get<std::string>(v);
  return nullptr;
}

// The number of a column letter (A = 1, AA = 27); "" (no column) after every column.
int64_t ColumnNumber(std::string_view letters) {
  if (letters.empty()) return INT64_MAX;
  int64_t n = 0;
  for (char c : letters) n = n * 26 + (c - 'A' + 1);
  return n;
}

// "12.50" from 1250 hundredths.
std::string Hundredths(int64_t v) { return fmt::format("{}.{:02}", v / 100, v % 100); }

// One data row read and cleaned, waiting for the duplicate check and the write.
struct Draft {
  std::string sheet;
  int64_t row = 0, header_row = 0;
  size_t present = 0;  // index into the import's present masks (one per sheet)
  TableRow values;
  std::vector<std::string> cells;  // the row's cells as text, for the error report
  std::vector<int> col_of;         // the sheet column of each spec column (-1: not in the sheet)
  std::vector<std::string> col_headers;  // the header text of each spec column ("" when absent)
  std::vector<Fault> faults;
  bool has_error = false;
};

class TableImporter {
 public:
  TableImporter(const TableSpec& spec, std::shared_ptr<InputFile> input, TableRepository& repo, const Actor& actor,
                const TableImportOptions& opt)
      : spec_(spec), input_(std::move(input)), repo_(repo), actor_(actor), opt_(opt) {}

  Result<TableImportResult> Run() {
    ANJU_CHECK(spec_.Validate());
    if (!actor_.CanWrite()) return PermissionDenied("this account may not change records", "该账号无权修改数据");
    // A table without a scope column belongs to the whole county: only county-scope users write it.
    if (spec_.scope_column.empty() && actor_.scope.level != AccessScope::Level::kCounty)
      return PermissionDenied(fmt::format("{} is kept for the whole county; your scope is {}", spec_.title_en,
                                          DescribeScope(actor_.scope)),
                              fmt::format("{}由县级维护，您的管辖范围不能修改", spec_.title_zh));
    OpenOptions oo;
    oo.encoding = opt_.encoding;
    ANJU_TRY(wb, OpenWorkbook(input_, oo));
    ImportResult& rep = res_.report;
    rep.files.push_back(input_->name());
    rep.formats.push_back(wb->format());
    rep.encodings.push_back(wb->encoding());
    ANJU_TRY(sites, repo_.LoadSites());
    sites_.emplace(std::move(sites));
    bool selected_found = opt_.sheet.empty();
    for (size_t si = 0; si < wb->sheets().size(); ++si) {
      const SheetInfo& info = wb->sheets()[si];
      SheetReport sr;
      sr.file = input_->name();
      sr.name = info.name;
      sr.hidden = info.hidden;
      if (!opt_.sheet.empty() && info.name != opt_.sheet) {
        sr.skipped_reason = "not selected";
      } else if (opt_.sheet.empty() && info.hidden) {
        sr.skipped_reason = "hidden sheet";
      } else if (opt_.sheet.empty() && info.name == kErrorReportFaultSheet) {
        sr.skipped_reason = "the error report's fault list";
      } else {
        selected_found = true;
        ANJU_CHECK(ReadSheet(*wb, si, info, sr));
      }
      rep.sheets.push_back(std::move(sr));
    }
    if (!selected_found) {
      std::string names;
      for (auto& s : wb->sheets()) names += (names.empty() ? "" : ", ") + s.name;
      return InvalidArgument(fmt::format("{}: no sheet named '{}'; the sheets are: {}", input_->name(), opt_.sheet, names),
                             "sheet", opt_.sheet, "找不到指定的工作表");
    }
    if (std::none_of(rep.sheets.begin(), rep.sheets.end(), [](const SheetReport& s) { return s.imported; }) &&
        !missing_columns_)
      AddFault(FileFault("", "sheet",
                          Problem{true, fmt::format("no sheet has a header row naming the columns of {} ({})", spec_.title_en, HeaderList()),
                                  fmt::format("没有工作表的表头包含{}的列（{}）", spec_.title_zh, HeaderList()),
                                  fmt::format("put the column names in one row above the data: {}", HeaderList())}));
    MarkDuplicateKeys();
    ANJU_CHECK(Write());
    return std::move(res_);
  }

 private:
  // --- reading ---

  std::string HeaderList() const {
    std::string o;
    for (const auto& c : spec_.columns) o += (o.empty() ? "" : "、") + c.header_zh;
    return o;
  }

  std::optional<int> Match(std::string_view text) const {
    const std::string n = NormalizeHeader(text);
    if (n.empty()) return std::nullopt;
    for (size_t i = 0; i < spec_.columns.size(); ++i)
      for (const auto& t : HeaderTexts(spec_.columns[i]))
        if (t == n) return static_cast<int>(i);
    if (KnownIgnoredHeader(n)) return kKnownIgnored;
    // A longer header containing one known text of at least two CJK characters ("车间名称（全称）"
    // is already "车间名称"; "扶贫车间名称" contains it): the longest wins.
    std::optional<int> best;
    size_t best_len = 0;
    for (size_t i = 0; i < spec_.columns.size(); ++i)
      for (const auto& t : HeaderTexts(spec_.columns[i]))
        if (t.size() >= 6 && t.size() > best_len && n.find(t) != std::string::npos) {
          best = static_cast<int>(i);
          best_len = t.size();
        }
    return best;
  }

  Fault FileFault(std::string sheet, std::string kind, const Problem& p) const {
    Fault f;
    f.error = p.error;
    f.file = input_->name();
    f.sheet = std::move(sheet);
    f.kind = std::move(kind);
    f.reason = p.reason;
    f.reason_zh = p.reason_zh;
    f.fix = p.fix;
    return f;
  }

  Status ReadSheet(Workbook& wb, size_t index, const SheetInfo& info, SheetReport& sr) {
    std::vector<Row> rows;
    int64_t nonblank = 0;
    ANJU_CHECK(wb.ReadRows(index, [&](const Row& r) -> Status {
      if (std::any_of(r.cells.begin(), r.cells.end(), [](const Cell& c) { return !c.empty(); })) ++nonblank;
      if (nonblank > opt_.max_rows + 30)
        return InvalidArgument(fmt::format("{} [{}]: more than {} rows; a ledger is imported whole, split the file",
                                           input_->name(), info.name, opt_.max_rows),
                               "file", input_->name(), fmt::format("工作表行数超过 {} 行，请拆分文件后导入", opt_.max_rows));
      rows.push_back(r);
      return {};
    }));
    // Header: among the first 30 non-empty rows; acceptable with a key column and two known
    // columns (one for a one-column table).
    std::vector<Row> head;
    int64_t seen = 0;
    for (const Row& r : rows) {
      head.push_back(r);
      if (std::any_of(r.cells.begin(), r.cells.end(), [](const Cell& c) { return !c.empty(); }) && ++seen >= 30) break;
    }
    std::set<int> key_cols;
    for (const auto& k : spec_.key) key_cols.insert(spec_.IndexOf(k));
    const size_t need = std::min<size_t>(2, spec_.columns.size());
    auto header = DetectHeaderWith(head, info.merged, [&](std::string_view t) { return Match(t); },
                                   [&](const std::set<int>& keys) {
                                     size_t n = 0;
                                     bool key = false;
                                     for (int k : keys)
                                       if (k >= 0) {
                                         ++n;
                                         key = key || key_cols.contains(k);
                                       }
                                     return (key || key_cols.empty()) && n >= need;
                                   });
    if (!header) {
      sr.skipped_reason = "no header row";
      return {};
    }
    sr.header_texts.clear();
    HeaderInfo hi;
    hi.first_row = header->first_row;
    hi.last_row = header->last_row;
    hi.unknown = header->unknown;
    std::vector<int> col_of(spec_.columns.size(), -1);
    for (const auto& c : header->columns) {
      if (sr.header_texts.size() <= static_cast<size_t>(c.col)) sr.header_texts.resize(static_cast<size_t>(c.col) + 1);
      sr.header_texts[static_cast<size_t>(c.col)] = c.header;
      hi.columns.push_back({c.col, c.header, Field::kIgnored});
      if (c.key >= 0) col_of[static_cast<size_t>(c.key)] = c.col;
    }
    sr.header = hi;
    sr.blocks.push_back({header->last_row, sr.header_texts});
    // Required columns missing: the sheet is not imported (every row would lack the value).
    bool missing = false;
    for (size_t i = 0; i < spec_.columns.size(); ++i) {
      const ColumnSpec& c = spec_.columns[i];
      if (!c.required || col_of[i] >= 0) continue;
      missing = true;
      Fault f = FileFault(info.name, "structure",
                           Problem{true,
                                   fmt::format("the sheet has no column {} ({}), which {} requires; header row {}",
                                               c.header_zh, c.header_en, spec_.title_en, header->last_row),
                                   fmt::format("工作表缺少必填列“{}”（表头在第 {} 行）", c.header_zh, header->last_row),
                                   fmt::format("add a column headed {} to the header row and fill it in", c.header_zh)});
      f.row = header->last_row;
      f.field = c.name;
      AddFault(std::move(f));
    }
    if (missing) {
      missing_columns_ = true;
      sr.skipped_reason = "required column missing";
      return {};
    }
    sr.imported = true;
    std::string mapped;
    for (size_t i = 0; i < spec_.columns.size(); ++i)
      if (col_of[i] >= 0)
        mapped += fmt::format("{}{}={}", mapped.empty() ? "" : ", ", ColumnLetter(col_of[i]), spec_.columns[i].name);
    res_.columns.push_back({info.name, mapped});
    std::vector<bool> present(spec_.columns.size());
    for (size_t i = 0; i < present.size(); ++i) present[i] = col_of[i] >= 0;
    presents_.push_back(std::move(present));
    headers_.push_back(sr.header_texts);
    // Merged ranges below the header: their top-left value carried down (vertical merges of a
    // site over its workshops), per column, as rows go.
    std::map<int64_t, std::vector<const MergedRange*>> merges_from;  // first row number -> ranges
    for (const auto& m : info.merged)
      if (m.last_row > m.first_row && m.first_row + 1 > header->last_row) merges_from[m.first_row + 1].push_back(&m);
    std::unordered_map<int, std::pair<int64_t, Cell>> carry;  // column -> (last row number, value)
    std::vector<std::string> header_norm;
    for (const auto& t : sr.header_texts) header_norm.push_back(NormalizeHeader(t.substr(t.find('/') == std::string::npos ? 0 : t.find('/') + 1)));
    for (const Row& r : rows) {
      if (r.number <= header->last_row) continue;
      if (auto it = merges_from.find(r.number); it != merges_from.end())
        for (const MergedRange* m : it->second) {
          Cell v = static_cast<size_t>(m->first_col) < r.cells.size() ? r.cells[static_cast<size_t>(m->first_col)] : Cell{};
          for (int c = m->first_col; c <= m->last_col; ++c) carry[c] = {m->last_row + 1, v};
        }
      auto cell = [&](int col) -> const Cell& {
        static const Cell kEmpty;
        const Cell* own = static_cast<size_t>(col) < r.cells.size() ? &r.cells[static_cast<size_t>(col)] : &kEmpty;
        if (own->empty())
          if (auto it = carry.find(col); it != carry.end() && r.number <= it->second.first) return it->second.second;
        return *own;
      };
      bool any = false;
      for (int c : col_of)
        if (c >= 0 && !r.cells.empty() && static_cast<size_t>(c) < r.cells.size() && !r.cells[static_cast<size_t>(c)].empty())
          any = true;
      // A footer (合计 …) first: its label is often in an unmapped column (序号), the mapped
      // cells empty (found by the session-5 tester: counted as a blank row).
      if (IsFooterRow(r)) {
        ++sr.footer_rows;
        continue;
      }
      if (!any) {
        ++sr.blank_rows;
        continue;
      }
      // A page's repeated header (a printed ledger pasted together): two or more mapped cells
      // that read exactly as their column's header.
      int own_headers = 0;
      for (size_t i = 0; i < col_of.size(); ++i)
        if (col_of[i] >= 0 && NormalizeHeader(CellText(cell(col_of[i]))) == header_norm[static_cast<size_t>(col_of[i])])
          ++own_headers;
      if (own_headers >= 2) {
        ++sr.blank_rows;
        continue;
      }
      ++sr.data_rows;
      ++res_.report.rows_read;
      Draft d;
      d.sheet = info.name;
      d.row = r.number;
      d.header_row = header->last_row;
      d.present = presents_.size() - 1;
      d.values.resize(spec_.columns.size());
      for (const Cell& c : r.cells) d.cells.push_back(CellText(c));
      d.col_of = col_of;
      d.col_headers.assign(spec_.columns.size(), "");
      for (size_t i = 0; i < spec_.columns.size(); ++i)
        if (col_of[i] >= 0 && static_cast<size_t>(col_of[i]) < sr.header_texts.size())
          d.col_headers[i] = sr.header_texts[static_cast<size_t>(col_of[i])];
      for (size_t i = 0; i < spec_.columns.size(); ++i)
        if (col_of[i] >= 0) Clean(d, i, col_of[i], sr.header_texts[static_cast<size_t>(col_of[i])], cell(col_of[i]), wb.date1904());
      if (spec_.key_any_of) RequireOneKey(d);
      drafts_.push_back(std::move(d));
    }
    return {};
  }

  // The first key column the row's sheet has (key_any_of: a row fault about the key lands there).
  size_t FirstKeyColumn(const Draft& d) const {
    for (const auto& name : spec_.key) {
      const size_t ki = static_cast<size_t>(spec_.IndexOf(name));
      if (ki < d.col_of.size() && d.col_of[ki] >= 0) return ki;
    }
    return static_cast<size_t>(spec_.IndexOf(spec_.key.back()));
  }
  // The header text of sheet column `col` in the row's sheet ("" when none).
  std::string HeaderOf(const Draft& d, int col) const {
    if (col < 0 || d.present >= headers_.size() || static_cast<size_t>(col) >= headers_[d.present].size()) return "";
    return headers_[d.present][static_cast<size_t>(col)];
  }

  // key_any_of: a row naming none of the key columns (and no fault on them already) is refused.
  void RequireOneKey(Draft& d) {
    std::string names;
    for (const auto& name : spec_.key) {
      const size_t ki = static_cast<size_t>(spec_.IndexOf(name));
      if (!std::holds_alternative<std::monostate>(d.values[ki])) return;
      for (const Fault& f : d.faults)
        if (f.error && f.field == name) return;
      names += (names.empty() ? "" : " / ") + spec_.columns[ki].header_zh;
    }
    const size_t ci = FirstKeyColumn(d);
    const int col = d.col_of[ci];
    RowFault(d, ci, col, HeaderOf(d, col), "", "value",
             Problem{true, fmt::format("the row names no record: fill in one of {}", names),
                     fmt::format("该行未填写{}，至少填写其中一项", names),
                     fmt::format("fill in one of {}", names), fmt::format("填写{}中的一项", names)});
  }

  void RowFault(Draft& d, size_t ci, int col, const std::string& header, const std::string& raw, std::string kind,
                const Problem& p) {
    Fault f;
    f.error = p.error;
    f.file = input_->name();
    f.sheet = d.sheet;
    f.row = d.row;
    f.column = col >= 0 ? ColumnLetter(col) : "";
    f.header = header;
    f.field = spec_.columns[ci].name;
    f.raw = spec_.columns[ci].masked ? MaskResidentId(raw) : raw;
    f.kind = std::move(kind);
    f.reason = p.reason;
    f.reason_zh = p.reason_zh;
    f.fix = p.fix;
    f.fix_zh = p.fix_zh;
    if (p.error) d.has_error = true;
    d.faults.push_back(std::move(f));
  }

  // Reads one cell by its column's type into d.values[ci], or records why not.
  void Clean(Draft& d, size_t ci, int col, const std::string& header, const Cell& cell, bool date1904) {
    const ColumnSpec& c = spec_.columns[ci];
    const std::string raw = CellText(cell);
    auto fault = [&](std::string kind, const Problem& p) { RowFault(d, ci, col, header, raw, std::move(kind), p); };
    if (std::string e = FormulaErrorOf(cell); !e.empty()) return fault("formula", FormulaErrorProblem(e));
    if (cell.type == Cell::Type::kFormulaNoValue)
      return fault("formula", Problem{true, "a formula without a computed value", "公式没有计算结果",
                                      "open the file in Excel/WPS, let it calculate and save, or paste as values"});
    const std::string text = c.cleaner ? c.cleaner(raw) : TrimText(raw);
    if (text.empty() && cell.type != Cell::Type::kNumber) {
      if (c.required)
        fault("value", Problem{true, fmt::format("{} is required and the cell is empty", c.header_en),
                               fmt::format("“{}”为必填项，单元格为空", c.header_zh),
                               fmt::format("fill in the {}", c.header_zh)});
      return;
    }
    Problems ps;
    switch (c.type) {
      case ColumnType::kText: {
        if (std::string inv = InvisibleCharacters(text); !inv.empty())
          return fault("value", Problem{true, fmt::format("the text contains invisible characters ({})", inv),
                                        fmt::format("文字中含有不可见字符（{}）", inv),
                                        "retype the text; invisible characters often come with text pasted from a web page"});
        if (size_t n = CodePoints(text); n > c.max_chars)
          return fault("value", Problem{true, fmt::format("{} characters; {} allows at most {}", n, c.header_en, c.max_chars),
                                        fmt::format("共 {} 个字，“{}”最多 {} 个字", n, c.header_zh, c.max_chars),
                                        fmt::format("shorten it to at most {} characters", c.max_chars)});
        d.values[ci] = text;
        return;
      }
      case ColumnType::kInt: {
        std::optional<int64_t> v;
        if (cell.type == Cell::Type::kNumber) {
          if (cell.number == static_cast<double>(static_cast<int64_t>(cell.number))) v = static_cast<int64_t>(cell.number);
        } else {
          v = ParseScaled(Without(NormalizeCode(text), {",", "人", "个", "年"}), 0);
        }
        if (!v)
          return fault("value", Problem{true, fmt::format("'{}' is not a whole number", raw), fmt::format("“{}”不是整数", raw),
                                        "write a whole number such as 12, without decimals or words"});
        return Ranged(d, ci, col, header, raw, *v, std::to_string(*v));
      }
      case ColumnType::kMu:
      case ColumnType::kMoneyFen: {
        const bool money = c.type == ColumnType::kMoneyFen;
        std::string t = Without(NormalizeCode(text), {",", "¥", "￥"});
        std::optional<int64_t> v;
        if (money && t.ends_with("万元")) {
          auto w = ParseScaled(t.substr(0, t.size() - std::string_view("万元").size()), 6);  // 1 万元 = 10^6 分
          v = w;
        } else {
          v = ParseScaled(money ? Without(t, {"元"}) : Without(t, {"亩"}), 2);
        }
        if (!v)
          return fault("value",
                       money ? Problem{true, fmt::format("'{}' is not an amount in yuan with at most two decimals", raw),
                                       fmt::format("“{}”不是金额（元，最多两位小数）", raw),
                                       "write the amount in yuan with at most two decimals, e.g. 1234.50"}
                             : Problem{true, fmt::format("'{}' is not an area in mu with at most two decimals", raw),
                                       fmt::format("“{}”不是面积（亩，最多两位小数）", raw),
                                       "write the area in mu with at most two decimals, e.g. 12.5"});
        return Ranged(d, ci, col, header, raw, *v, Hundredths(*v));
      }
      case ColumnType::kDate: {
        auto v = CleanDate(cell, date1904, ps);
        for (const auto& p : ps) fault("date", p);
        if (!v) return;
        if (*v > opt_.today && !c.future_allowed)
          return fault("date", Problem{true, fmt::format("{} lies after today ({})", FormatIsoDate(*v), FormatIsoDate(opt_.today)),
                                       fmt::format("日期 {} 晚于今天（{}）", FormatIsoDate(*v), FormatIsoDate(opt_.today)),
                                       "check the date; a future date cannot be recorded"});
        if (v->year() < std::chrono::year{1900})
          return fault("date", Problem{true, fmt::format("{} lies before 1900", FormatIsoDate(*v)),
                                       fmt::format("日期 {} 早于 1900 年", FormatIsoDate(*v)), "write the date as 2019-05-01"});
        d.values[ci] = FormatIsoDate(*v);
        return;
      }
      case ColumnType::kBool: {
        auto v = CleanYesNo(cell, ps);
        for (const auto& p : ps) fault("value", p);
        if (v) d.values[ci] = int64_t{*v ? 1 : 0};
        return;
      }
      case ColumnType::kCodeList: {
        const std::string n = NormalizeHeader(text);
        for (const auto& choice : c.codes) {
          bool hit = NormalizeHeader(choice.code) == n || NormalizeHeader(choice.zh) == n;
          for (const auto& s : choice.synonyms) hit = hit || NormalizeHeader(s) == n;
          if (hit) {
            d.values[ci] = choice.code;
            return;
          }
        }
        std::string list;
        for (const auto& choice : c.codes) list += (list.empty() ? "" : "、") + choice.zh;
        return fault("value", Problem{true, fmt::format("'{}' is not one of the values of {}", raw, c.header_en),
                                      fmt::format("“{}”不是“{}”的可选值", raw, c.header_zh),
                                      fmt::format("write one of: {}", list)});
      }
      case ColumnType::kSite: {
        auto found = sites_->Find(text);
        if (found.empty()) {
          std::string sug = sites_->Suggest(text);
          return fault("reference", Problem{true, fmt::format("'{}' is not a known site", text), fmt::format("安置点“{}”不存在", text),
                                            sug.empty() ? "no similar site name; use the site's name as the county lists it"
                                                        : fmt::format("did you mean: {}", sug)});
        }
        if (found.size() > 1) {
          std::string names;
          for (auto* s : found) names += (names.empty() ? "" : "、") + s->name;
          return fault("reference", Problem{true, fmt::format("'{}' names several sites: {}", text, names),
                                            fmt::format("“{}”可指多个安置点：{}", text, names),
                                            fmt::format("write the site's full name, one of: {}", names)});
        }
        const SiteName& s = *found.front();
        if (spec_.scope_column == c.name && !ScopeCovers(actor_.scope, Place{.site_id = s.id, .site_township_code = s.township_code}))
          return fault("scope", Problem{true, fmt::format("site '{}' is outside your scope ({})", s.name, DescribeScope(actor_.scope)),
                                        fmt::format("安置点“{}”不在您的管辖范围内", s.name),
                                        "leave the row out, or ask a user whose scope covers the site to import it"});
        d.values[ci] = s.id;
        return;
      }
    }
  }

  void Ranged(Draft& d, size_t ci, int col, const std::string& header, const std::string& raw, int64_t v,
              const std::string& shown) {
    const ColumnSpec& c = spec_.columns[ci];
    auto show = [&](int64_t x) {
      return c.type == ColumnType::kInt ? std::to_string(x) : Hundredths(x);
    };
    if ((c.min_value && v < *c.min_value) || (c.max_value && v > *c.max_value)) {
      std::string range = fmt::format("{} – {}", c.min_value ? show(*c.min_value) : "", c.max_value ? show(*c.max_value) : "");
      Problem p{true, fmt::format("{} is outside the range {} of {}", shown, range, c.header_en),
                fmt::format("{} 超出“{}”的范围 {}", shown, c.header_zh, range), ""};
      if (c.min_value && c.max_value) p.fix = fmt::format("write a value within {}", range);
      else if (c.min_value) p.fix = fmt::format("write a value of at least {}", show(*c.min_value));
      else p.fix = fmt::format("write a value of at most {}", show(*c.max_value));
      RowFault(d, ci, col, header, raw, "value", p);
      return;
    }
    d.values[ci] = v;
  }

  // The same key twice (or more) in the file: which row is right cannot be known, so every row
  // of the key is refused, each naming the others.
  void MarkDuplicateKeys() {
    if (spec_.key.empty()) return;  // keyless: every row is its own
    if (!spec_.key_any_of) return MarkDuplicates(spec_.key);
    for (const auto& name : spec_.key) MarkDuplicates({name});  // alternatives: each on its own
  }
  void MarkDuplicates(const std::vector<std::string>& key_names) {
    std::map<std::vector<std::string>, std::vector<size_t>> by_key;
    for (size_t i = 0; i < drafts_.size(); ++i) {
      std::vector<std::string> k;
      bool complete = true;
      for (const auto& name : key_names) {
        const TableValue& v = drafts_[i].values[static_cast<size_t>(spec_.IndexOf(name))];
        if (std::holds_alternative<std::monostate>(v)) complete = false;
        k.push_back(ValueText(v));
      }
      if (complete) by_key[k].push_back(i);
    }
    std::string key_headers;
    for (const auto& name : key_names) key_headers += (key_headers.empty() ? "" : "+") + spec_.columns[static_cast<size_t>(spec_.IndexOf(name))].header_zh;
    for (auto& [k, rows] : by_key) {
      if (rows.size() < 2) continue;
      for (size_t i : rows) {
        std::string others;
        for (size_t j : rows)
          if (j != i) others += fmt::format("{}{} [{}] row {}", others.empty() ? "" : ", ", input_->name(), drafts_[j].sheet, drafts_[j].row);
        // The key as the row wrote it (a site's name, not its internal id); the stored value
        // where the cell is empty (a merged cell carried down).
        std::string key_text;
        for (size_t n = 0; n < key_names.size(); ++n) {
          const int ki = spec_.IndexOf(key_names[n]);
          const Draft& d = drafts_[i];
          const int col = static_cast<size_t>(ki) < d.col_of.size() ? d.col_of[static_cast<size_t>(ki)] : -1;
          std::string part = col >= 0 && static_cast<size_t>(col) < d.cells.size() ? TrimText(d.cells[static_cast<size_t>(col)]) : "";
          if (part.empty()) part = k[n];
          if (spec_.columns[static_cast<size_t>(ki)].masked) part = MaskResidentId(part);
          key_text += (key_text.empty() ? "" : " / ") + part;
        }
        const size_t ci = static_cast<size_t>(spec_.IndexOf(key_names.back()));
        const int col = ci < drafts_[i].col_of.size() ? drafts_[i].col_of[ci] : -1;
        RowFault(drafts_[i], ci, col, key_names.size() == 1 ? HeaderOf(drafts_[i], col) : key_headers, key_text, "duplicate",
                 Problem{true, fmt::format("the same {} ({}) is also in {}", key_headers, key_text, others),
                         fmt::format("同一{}（{}）在文件中出现多次：{}", key_headers, key_text, others),
                         "keep one row per key: delete or correct the other rows"});
      }
    }
  }

  // --- writing ---

  std::string Source(const Draft& d) const {
    return fmt::format("import {}{} row {}", input_->name(), d.sheet == input_->name() ? "" : " [" + d.sheet + "]", d.row);
  }

  Status Write() {
    ImportResult& rep = res_.report;
    ANJU_CHECK(repo_.Begin());
    bool begun = true;
    auto fail = [&](Error e) -> Status {
      if (begun) repo_.Rollback();
      return std::unexpected(std::move(e));
    };
    for (Draft& d : drafts_) {
      if (d.has_error) {
        // Not written; the handler's checks of the cells that read still run.
        if (auto s = CheckFaultyRow(d); !s) return fail(s.error());
        continue;
      }
      const std::vector<bool>& present = presents_[d.present];
      auto found = repo_.FindRow(spec_, d.values);
      if (!found) {
        if (found.error().code != ErrorCode::kConflict && found.error().code != ErrorCode::kInvalidArgument)
          return fail(found.error());
        StoreFault(d, found.error());
        continue;
      }
      if (*found && !spec_.scope_column.empty()) {
        // The stored row's own place must be in scope too (an upsert changes it).
        const size_t si = static_cast<size_t>(spec_.IndexOf(spec_.scope_column));
        const TableValue& sv = (*found)->values[si];
        const SiteName* site = nullptr;
        if (std::holds_alternative<int64_t>(sv))
          for (const auto& s : sites_->all)
            if (s.id == std::get<int64_t>(sv)) site = &s;
        if (!site || !ScopeCovers(actor_.scope, Place{.site_id = site->id, .site_township_code = site->township_code})) {
          RowFault(d, si, -1, spec_.columns[si].header_zh, ValueText(sv), "scope",
                   Problem{true, "the stored row lies outside your scope", "已登记的该行不在您的管辖范围内",
                           "leave the row out, or ask a user whose scope covers the site to import it"});
          continue;
        }
      }
      nlohmann::json changes = nlohmann::json::object();
      if (!*found) {
        for (size_t i = 0; i < present.size(); ++i)
          if (present[i]) changes[spec_.columns[i].name] = nlohmann::json::array({nullptr, ValueJson(d.values[i])});
        auto id = repo_.Insert(spec_, d.values, present);
        if (!id) {
          if (id.error().code != ErrorCode::kConflict && id.error().code != ErrorCode::kInvalidArgument) return fail(id.error());
          StoreFault(d, id.error());
          continue;
        }
        ++res_.created;
        if (auto s = repo_.Audit(actor_, {"create", spec_.entity, std::to_string(*id), changes.dump(), Source(d)}); !s)
          return fail(s.error());
        continue;
      }
      const auto& stored = **found;
      for (size_t i = 0; i < present.size(); ++i)
        if (present[i] && stored.values[i] != d.values[i])
          changes[spec_.columns[i].name] = nlohmann::json::array({ValueJson(stored.values[i]), ValueJson(d.values[i])});
      if (changes.empty()) {
        ++res_.unchanged;
        continue;
      }
      if (auto s = repo_.Update(spec_, stored.id, d.values, present); !s) {
        if (s.error().code != ErrorCode::kConflict && s.error().code != ErrorCode::kInvalidArgument) return fail(s.error());
        StoreFault(d, s.error());
        continue;
      }
      ++res_.updated;
      if (auto s = repo_.Audit(actor_, {"update", spec_.entity, std::to_string(stored.id), changes.dump(), Source(d)}); !s)
        return fail(s.error());
    }
    // Faults and rejected rows in file order; a row's faults in column order.
    for (Draft& d : drafts_) {
      std::stable_sort(d.faults.begin(), d.faults.end(),
                       [](const Fault& a, const Fault& b) { return ColumnNumber(a.column) < ColumnNumber(b.column); });
      std::string messages;
      for (Fault& f : d.faults) {
        if (f.error) {
          if (!messages.empty()) messages += "; ";
          messages += (f.column.empty() ? "" : f.column + " " + ShortenForMessage(f.header, 100) + ": ") +
                      ShortenForMessage(f.reason_zh, 400) + " (" + ShortenForMessage(f.reason, 400) + ")" +
                      (f.fix.empty() ? "" : " → " + ShortenForMessage(f.fix, 400));
        }
        AddFault(std::move(f));
      }
      if (!d.has_error) {
        ++rep.rows_valid;
        continue;
      }
      if (auto s = rep.rejected.Add({input_->name(), d.sheet, d.row, d.header_row, std::move(d.cells), std::move(messages)}); !s)
        return fail(s.error());
    }
    rep.rows_rejected = static_cast<int64_t>(rep.rejected.size());
    if (opt_.all_or_nothing && rep.errors > 0) {
      repo_.Rollback();
      rep.rows_valid = 0;
      res_.created = res_.updated = res_.unchanged = 0;
      return {};
    }
    if (opt_.dry_run) {
      repo_.Rollback();
      return {};
    }
    nlohmann::json batch = {{"table", spec_.table},        {"sha256", input_->Sha256()},
                            {"rows_read", rep.rows_read},  {"rows_imported", rep.rows_valid},
                            {"rows_rejected", rep.rows_rejected}, {"created", res_.created},
                            {"updated", res_.updated},     {"unchanged", res_.unchanged},
                            {"all_or_nothing", opt_.all_or_nothing}};
    if (auto s = repo_.Audit(actor_, {"import", "import", input_->name(), batch.dump(), "import " + input_->name()}); !s)
      return fail(s.error());
    if (auto s = repo_.Commit(); !s) return fail(s.error());
    begun = false;
    rep.committed = true;
    return {};
  }

  // True when the row has an error on spec column `name`.
  static bool Faulted(const Draft& d, std::string_view name) {
    return std::any_of(d.faults.begin(), d.faults.end(), [&](const Fault& f) { return f.error && f.field == name; });
  }

  // A row with unreadable cells is never written, but the row handler's checks of the cells that
  // did read (TableRepository::CheckRow) still run, so one pass lists every fault of the row. A
  // column already faulted keeps its own fault; a refusal naming no spec column is dropped (the
  // row is refused already). Errors other than kInvalidArgument / kConflict end the import.
  Status CheckFaultyRow(Draft& d) {
    std::vector<bool> ok(spec_.columns.size());
    for (size_t i = 0; i < ok.size(); ++i) ok[i] = !Faulted(d, spec_.columns[i].name);
    auto checked = repo_.CheckRow(spec_, d.values, ok);
    if (checked) return {};
    const Error& e = checked.error();
    if (e.code != ErrorCode::kConflict && e.code != ErrorCode::kInvalidArgument) return checked;
    std::vector<Error> fresh;
    for (const Error& x : e.details.empty() ? std::vector<Error>{e} : e.details)
      if (!x.field.empty() && spec_.IndexOf(x.field) >= 0 && !Faulted(d, x.field) &&
          std::none_of(fresh.begin(), fresh.end(), [&](const Error& y) { return y.field == x.field; }))
        fresh.push_back(x);
    if (fresh.empty()) return {};
    Error merged;
    merged.code = ErrorCode::kInvalidArgument;
    merged.details = std::move(fresh);
    StoreFault(d, merged);
    return {};
  }

  // A row the database refused (a constraint the spec does not know): a row fault.
  // A row the repository refused, with the reason its error names, on the column of the
  // error's field when it is a spec column the sheet has, else on the key column (every fault
  // names a column letter and its header).
  void StoreFault(Draft& d, const Error& e) {
    // A refusal naming spec columns (a module's writer applying its rules): one fault per named
    // column, on its cell, with the rule's reason.
    std::vector<const Error*> named;
    for (const Error& x : e.details)
      if (!x.field.empty() && spec_.IndexOf(x.field) >= 0) named.push_back(&x);
    if (named.empty() && !e.field.empty() && spec_.IndexOf(e.field) >= 0) named.push_back(&e);
    if (!named.empty() && e.code == ErrorCode::kInvalidArgument) {
      for (const Error* x : named) {
        const size_t ci = static_cast<size_t>(spec_.IndexOf(x->field));
        const int col = ci < d.col_of.size() ? d.col_of[ci] : -1;
        const std::string header = ci < d.col_headers.size() && !d.col_headers[ci].empty() ? d.col_headers[ci]
                                                                                            : spec_.columns[ci].header_zh;
        const std::string raw = col >= 0 && static_cast<size_t>(col) < d.cells.size() ? d.cells[static_cast<size_t>(col)]
                                                                                        : x->value;
        const std::string where = col >= 0 ? ColumnLetter(col) + " " + header : header;
        Problem p{true, x->message, x->message_zh.empty() ? x->message : x->message_zh,
                  fmt::format("correct {} as the reason says, or leave the row out", where)};
        RowFault(d, ci, col, header, raw, "rule", p);
        d.faults.back().fix_zh = fmt::format("按上述原因改正 {}，或删去该行", where);
      }
      return;
    }
    const int named_ix = e.field.empty() ? -1 : spec_.IndexOf(e.field);
    const bool own = named_ix >= 0 && static_cast<size_t>(named_ix) < d.col_of.size() && d.col_of[static_cast<size_t>(named_ix)] >= 0;
    size_t ci = 0;
    if (own) ci = static_cast<size_t>(named_ix);
    else if (!spec_.key.empty()) ci = FirstKeyColumn(d);
    int col = ci < d.col_of.size() ? d.col_of[ci] : -1;
    for (size_t k = 0; col < 0 && k < d.col_of.size(); ++k) col = d.col_of[k];  // any column the sheet has
    const std::string header = HeaderOf(d, col);
    if (own && e.code == ErrorCode::kInvalidArgument) {  // a row handler's rule, in its own words
      RowFault(d, ci, col, header, e.value, "value",
               Problem{true, e.message, e.message_zh.empty() ? e.message : e.message_zh,
                       "correct the row as the message says and import the file again", "按提示更正该行后重新导入"});
      return;
    }
    RowFault(d, ci, col, header, own ? e.value : "", "conflict",
             Problem{true, fmt::format("the database refused the row: {}", e.message),
                     fmt::format("数据库拒绝了该行：{}", e.message_zh.empty() ? e.message : e.message_zh),
                     "check the row's values against the other records of the table"});
  }

  void AddFault(Fault f) {
    f.raw = ShortenForMessage(f.raw, 100);
    f.header = ShortenForMessage(f.header, 100);
    if (f.error) ++res_.report.errors;
    else ++res_.report.warnings;
    if (res_.report.faults.size() < opt_.max_kept_faults) res_.report.faults.push_back(std::move(f));
    else ++res_.report.faults_dropped;
  }

  const TableSpec& spec_;
  std::shared_ptr<InputFile> input_;
  TableRepository& repo_;
  const Actor& actor_;
  const TableImportOptions& opt_;
  TableImportResult res_;
  std::optional<SiteIndex> sites_;
  std::vector<Draft> drafts_;
  std::vector<std::vector<std::string>> headers_;  // per sheet (as presents_): the header texts by column
  std::vector<std::vector<bool>> presents_;
  bool missing_columns_ = false;
};

}  // namespace

Result<TableImportResult> ImportTable(const TableSpec& spec, std::shared_ptr<InputFile> input, TableRepository& repo,
                                      const Actor& actor, const TableImportOptions& options) {
  TableImporter imp(spec, std::move(input), repo, actor, options);
  return imp.Run();
}

Result<int64_t> ExportTable(const TableSpec& spec, TableRepository& repo, const Actor& actor, const std::string& path,
                            SheetFormat format) {
  ANJU_CHECK(spec.Validate());
  ANJU_TRY(sites, repo.LoadSites());
  // The first name of each site id (the name comes before aliases in LoadSites' order).
  std::unordered_map<int64_t, const SiteName*> site_by_id;
  for (const auto& s : sites) site_by_id.emplace(s.id, &s);
  std::vector<std::string> headers;
  std::vector<ColumnKind> kinds;
  for (const auto& c : spec.columns) {
    headers.push_back(c.header_zh);
    kinds.push_back(c.type == ColumnType::kDate                                 ? ColumnKind::kDate
                    : c.type == ColumnType::kInt                                ? ColumnKind::kInt
                    : c.type == ColumnType::kMu || c.type == ColumnType::kMoneyFen ? ColumnKind::kDecimal2
                                                                                : ColumnKind::kText);
  }
  const int scope = spec.scope_column.empty() ? -1 : spec.IndexOf(spec.scope_column);
  int64_t n = 0;
  ANJU_CHECK(WriteSheet(path, format, spec.title_zh, headers, kinds, [&](const auto& emit) -> Status {
    return repo.ForEachRow(spec, [&](int64_t, const TableRow& row) -> Status {
      if (scope >= 0) {
        const TableValue& v = row[static_cast<size_t>(scope)];
        auto it = std::holds_alternative<int64_t>(v) ? site_by_id.find(std::get<int64_t>(v)) : site_by_id.end();
        if (it == site_by_id.end() ||
            !ScopeCovers(actor.scope, Place{.site_id = it->second->id, .site_township_code = it->second->township_code}))
          return {};
      }
      std::vector<std::string> cells;
      for (size_t i = 0; i < spec.columns.size(); ++i) {
        const ColumnSpec& c = spec.columns[i];
        const TableValue& v = row[i];
        if (std::holds_alternative<std::monostate>(v)) {
          cells.emplace_back();
          continue;
        }
        switch (c.type) {
          case ColumnType::kMu:
          case ColumnType::kMoneyFen:
            cells.push_back(std::holds_alternative<int64_t>(v) ? Hundredths(std::get<int64_t>(v)) : ValueText(v));
            break;
          case ColumnType::kBool: cells.push_back(ValueText(v) == "1" ? "是" : "否"); break;
          case ColumnType::kCodeList: {
            std::string t = ValueText(v);
            for (const auto& choice : c.codes)
              if (choice.code == t) t = choice.zh;
            cells.push_back(t);
            break;
          }
          case ColumnType::kSite: {
            auto it = std::holds_alternative<int64_t>(v) ? site_by_id.find(std::get<int64_t>(v)) : site_by_id.end();
            cells.push_back(it == site_by_id.end() ? ValueText(v) : it->second->name);
            break;
          }
          default: cells.push_back(ValueText(v));
        }
      }
      ++n;
      return emit(cells);
    });
  }));
  return n;
}

}  // namespace anju::importer
