// CSV/TSV and HTML-table readers.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <queue>

#include "importer/readers.h"
#include "importer/text_decode.h"

namespace anju::importer {

std::string ColumnLetter(int col) {
  std::string s;
  for (int c = col + 1; c > 0; c = (c - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (c - 1) % 26));
  return s;
}

bool ParseCellRef(std::string_view ref, int64_t& row, int& col) {
  size_t i = 0;
  int c = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    c = c * 26 + (ref[i] - 'A' + 1);
    if (c > 16384) return false;
    ++i;
  }
  if (i == 0 || i == ref.size()) return false;
  int64_t r = 0;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9') return false;
    r = r * 10 + (ref[i] - '0');
    if (r > 100000000) return false;
  }
  if (r == 0) return false;
  row = r - 1;
  col = c - 1;
  return true;
}

static char DetectDelimiter(std::string_view text) {
  size_t counts[3] = {0, 0, 0};
  const char cands[3] = {',', '\t', ';'};
  bool quoted = false;
  int lines = 0;
  for (size_t i = 0; i < text.size() && lines < 20; ++i) {
    char ch = text[i];
    if (ch == '"') quoted = !quoted;
    else if (!quoted && ch == '\n') ++lines;
    else if (!quoted)
      for (int k = 0; k < 3; ++k)
        if (ch == cands[k]) ++counts[k];
  }
  int best = 0;
  for (int k = 1; k < 3; ++k)
    if (counts[k] > counts[best]) best = k;
  return counts[best] ? cands[best] : ',';
}

Status ParseCsv(std::string_view text, char delimiter, const RowSink& sink) {
  if (delimiter == 0) delimiter = DetectDelimiter(text);
  Row row;
  row.number = 1;
  std::string field;
  bool in_quotes = false, field_quoted = false;
  size_t i = 0, n = text.size();
  auto end_field = [&] {
    Cell c;
    // ="…" is how exports keep ids and phones as text when Excel opens a CSV; Excel shows the
    // text inside, and so do we.
    if (field.size() >= 3 && field[0] == '=' && field[1] == '"' && field.back() == '"' &&
        field.find('"', 2) == field.size() - 1)
      field = field.substr(2, field.size() - 3);
    if (!field.empty()) {
      c.type = Cell::Type::kText;
      c.text = std::move(field);
    }
    row.cells.push_back(std::move(c));
    field.clear();
    field_quoted = false;
  };
  auto end_row = [&]() -> Status {
    end_field();
    // A line with nothing at all is a blank row, delivered without cells.
    if (row.cells.size() == 1 && row.cells[0].empty()) row.cells.clear();
    if (auto s = sink(row); !s) return s;
    row.cells.clear();
    ++row.number;
    return {};
  };
  while (i < n) {
    char ch = text[i];
    if (in_quotes) {
      if (ch == '"') {
        if (i + 1 < n && text[i + 1] == '"') {
          field.push_back('"');
          i += 2;
          continue;
        }
        in_quotes = false;
        ++i;
        continue;
      }
      // Fast path: copy up to the next quote.
      const char* q = static_cast<const char*>(std::memchr(text.data() + i, '"', n - i));
      size_t stop = q ? static_cast<size_t>(q - text.data()) : n;
      field.append(text.data() + i, stop - i);
      i = stop;
      continue;
    }
    if (ch == '"' && field.empty() && !field_quoted) {
      in_quotes = true;
      field_quoted = true;
      ++i;
      continue;
    }
    if (ch == delimiter) {
      end_field();
      ++i;
      continue;
    }
    if (ch == '\r' || ch == '\n') {
      if (auto s = end_row(); !s) return s;
      i += (ch == '\r' && i + 1 < n && text[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    // Fast path: copy plain characters up to the next special one.
    size_t j = i;
    while (j < n && text[j] != delimiter && text[j] != '\r' && text[j] != '\n' && text[j] != '"')
      ++j;
    if (j == i) {  // a quote in the middle of an unquoted field is kept as text
      field.push_back(ch);
      ++i;
    } else {
      field.append(text.data() + i, j - i);
      i = j;
    }
  }
  if (!field.empty() || !row.cells.empty() || field_quoted) return end_row();
  return {};
}

namespace {

class CsvWorkbook : public Workbook {
 public:
  CsvWorkbook(std::shared_ptr<InputFile> f, DecodedText t) : file_(std::move(f)), text_(std::move(t)) {
    if (text_.owned.empty() == false) text_.text = text_.owned;
    delim_ = DetectDelimiter(text_.text.substr(0, 65536));
    SheetInfo s;
    s.name = file_->name();
    sheets_.push_back(std::move(s));
  }
  std::string format() const override { return delim_ == '\t' ? "tsv" : "csv"; }
  std::string encoding() const override { return text_.encoding; }
  const std::vector<SheetInfo>& sheets() const override { return sheets_; }
  Status ReadRows(size_t index, const RowSink& sink) override {
    if (index != 0) return NotFound("a CSV file has one sheet", "sheet", std::to_string(index));
    return ParseCsv(text_.text, delim_, sink);
  }

 private:
  std::shared_ptr<InputFile> file_;
  DecodedText text_;
  char delim_ = ',';
  std::vector<SheetInfo> sheets_;
};

// --- HTML tables --------------------------------------------------------------------------

std::string Lower(std::string_view s) {
  std::string o(s);
  for (auto& c : o) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return o;
}

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) out.push_back(static_cast<char>(cp));
  else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp <= 0x10FFFF) {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string DecodeEntities(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out.push_back('&');
      continue;
    }
    std::string_view ent = s.substr(i + 1, semi - i - 1);
    uint32_t cp = 0;
    if (ent == "amp") cp = '&';
    else if (ent == "lt") cp = '<';
    else if (ent == "gt") cp = '>';
    else if (ent == "quot") cp = '"';
    else if (ent == "apos") cp = '\'';
    else if (ent == "nbsp") cp = 0xA0;
    else if (ent.size() > 1 && ent[0] == '#') {
      bool hex = ent[1] == 'x' || ent[1] == 'X';
      for (size_t k = hex ? 2 : 1; k < ent.size(); ++k) {
        char c = ent[k];
        int v = (c >= '0' && c <= '9') ? c - '0'
                : hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
        if (v < 0 || cp > 0x10FFFF) {
          cp = 0;
          break;
        }
        cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(v);
      }
    }
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      out.push_back('&');
      continue;
    }
    AppendUtf8(out, cp);
    i = semi;
  }
  return out;
}

int AttrInt(std::string_view tag_lower, std::string_view name) {
  size_t p = tag_lower.find(name);
  if (p == std::string_view::npos) return 1;
  p += name.size();
  while (p < tag_lower.size() && (tag_lower[p] == '=' || tag_lower[p] == '"' || tag_lower[p] == '\'' || tag_lower[p] == ' ')) ++p;
  int v = 0;
  while (p < tag_lower.size() && tag_lower[p] >= '0' && tag_lower[p] <= '9' && v < 10000) v = v * 10 + (tag_lower[p++] - '0');
  return v > 0 ? v : 1;
}

// A cell's span as written in the file (after clamping), for messages.
struct Span {
  int64_t row = 0;
  int col = 0, rowspan = 1, colspan = 1;
  std::string Ref() const { return ColumnLetter(col) + std::to_string(row + 1); }
  int64_t Cells() const { return static_cast<int64_t>(rowspan) * colspan; }
};

Status SpanError(std::string_view file, std::string en, std::string zh) {
  return InvalidArgument(
      fmt::format("{}: {}. Fix: unmerge the cells (remove the rowspan/colspan), or open the file in Excel/WPS and "
                  "save it as .xlsx without merged cells, then import again",
                  file, en),
      "file", std::string(file),
      fmt::format("{}：{}。请取消合并单元格，或用 Excel/WPS 打开后另存为不含合并单元格的 .xlsx 再重新导入", file, zh));
}

class HtmlWorkbook : public Workbook {
 public:
  HtmlWorkbook(std::shared_ptr<InputFile> f, DecodedText t, const SpanLimits& limits)
      : file_(std::move(f)), text_(std::move(t)), limits_(limits) {
    if (!text_.owned.empty()) text_.text = text_.owned;
  }
  Status Init() {
    SheetInfo s;
    s.name = file_->name();
    if (auto st = Parse(s); !st) return st;
    sheets_.push_back(std::move(s));
    return {};
  }
  std::string format() const override { return "html"; }
  std::string encoding() const override { return text_.encoding; }
  const std::vector<SheetInfo>& sheets() const override { return sheets_; }
  // Rows are kept sparse (the cells the file has, with their columns) and made dense here one
  // at a time: spans cost no memory for the cells they cover.
  Status ReadRows(size_t index, const RowSink& sink) override {
    if (index != 0) return NotFound("an HTML table file has one sheet", "sheet", std::to_string(index));
    Row row;
    for (const SparseRow& r : rows_) {
      row.number = r.number;
      row.cells.clear();
      if (!r.cells.empty()) row.cells.resize(static_cast<size_t>(r.cells.back().first) + 1);
      for (const auto& [col, cell] : r.cells) row.cells[static_cast<size_t>(col)] = cell;
      if (auto s = sink(row); !s) return s;
    }
    return {};
  }

 private:
  struct SparseRow {
    int64_t number = 0;
    std::vector<std::pair<int, Cell>> cells;  // ascending columns
  };

  // A small tag scanner: enough for the tables that systems and WPS write as ".xls". Spans are
  // tracked per column (the last row a rowspan from above covers), and the cells they cover
  // are counted row by row as rows begin, so that spans over limits_ are refused as soon as
  // they cover too much, whatever their declared size.
  Status Parse(SheetInfo& info) {
    std::string_view t = text_.text;
    std::string low = Lower(t);
    size_t start = low.find("<table");
    if (start == std::string::npos) return {};
    size_t end = low.find("</table", start);
    if (end == std::string::npos) end = low.size();
    std::vector<int64_t> covered_until;  // per column: last 0-based row covered by a rowspan
    // Rowspans still open: (last row, colspan), the earliest ending first; `open_width` is
    // the sum of their colspans, the cells they cover in each new row.
    std::priority_queue<std::pair<int64_t, int>, std::vector<std::pair<int64_t, int>>, std::greater<>> open;
    int64_t open_width = 0, covered = 0;
    Span largest;
    SparseRow* row = nullptr;
    int col = 0;
    size_t i = start;
    bool in_cell = false;
    std::string cell_text;
    int colspan = 1, rowspan = 1;
    auto over_budget = [&](int64_t at_row) -> Status {
      return SpanError(file_->name(),
                       fmt::format("the table's merged cells (rowspan/colspan) cover {} cells by row {}; at most {} "
                                   "are read per sheet. The largest span is the cell {} (rowspan {}, colspan {})",
                                   Thousands(covered), at_row + 1, Thousands(limits_.max_merged_cells),
                                   largest.Ref(), largest.rowspan, largest.colspan),
                       fmt::format("表格的合并单元格（rowspan/colspan）到第 {} 行已覆盖 {} 个单元格，超过每表上限 {} 个；"
                                   "最大的是单元格 {}（跨 {} 行、{} 列）",
                                   at_row + 1, Thousands(covered), Thousands(limits_.max_merged_cells),
                                   largest.Ref(), largest.rowspan, largest.colspan));
    };
    auto finish_cell = [&]() -> Status {
      if (!in_cell || !row) return {};
      in_cell = false;
      Cell c;
      std::string v = DecodeEntities(cell_text);
      // collapse whitespace like a browser
      std::string norm;
      bool space = false;
      for (char ch : v) {
        if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t') {
          space = !norm.empty();
        } else {
          if (space) norm.push_back(' ');
          space = false;
          norm.push_back(ch);
        }
      }
      if (!norm.empty()) {
        c.type = Cell::Type::kText;
        c.text = std::move(norm);
      }
      cell_text.clear();
      const int64_t r = static_cast<int64_t>(rows_.size()) - 1;
      Span span{r, col, rowspan, colspan};
      if (static_cast<int64_t>(col) + colspan > limits_.max_columns)
        return SpanError(
            file_->name(),
            fmt::format("the table cell {} (rowspan {}, colspan {}) would reach column {}; a sheet has at most {} "
                        "columns (A–{}, Excel's limit)",
                        span.Ref(), rowspan, colspan, Thousands(static_cast<int64_t>(col) + colspan),
                        Thousands(limits_.max_columns), ColumnLetter(limits_.max_columns - 1)),
            fmt::format("表格单元格 {}（跨 {} 行、{} 列）将到达第 {} 列，超过每表 {} 列的上限（A–{}，Excel 的列数上限）",
                        span.Ref(), rowspan, colspan, Thousands(static_cast<int64_t>(col) + colspan),
                        Thousands(limits_.max_columns), ColumnLetter(limits_.max_columns - 1)));
      row->cells.emplace_back(col, std::move(c));
      if (rowspan > 1 || colspan > 1) {
        info.merged.push_back({r, r + rowspan - 1, col, col + colspan - 1});
        if (span.Cells() > largest.Cells()) largest = span;
        covered += colspan;  // its first row; the rows below as they begin
        if (rowspan > 1) {
          open.emplace(r + rowspan - 1, colspan);
          open_width += colspan;
          if (covered_until.size() < static_cast<size_t>(col + colspan))
            covered_until.resize(static_cast<size_t>(col + colspan), -1);
          for (int dc = 0; dc < colspan; ++dc) {
            int64_t& u = covered_until[static_cast<size_t>(col + dc)];
            u = std::max(u, r + rowspan - 1);
          }
        }
        if (covered > limits_.max_merged_cells) return over_budget(r);
      }
      col += colspan;
      return {};
    };
    while (i < end) {
      size_t lt = t.find('<', i);
      if (lt == std::string_view::npos || lt >= end) {
        if (in_cell) cell_text.append(t.substr(i, end - i));
        break;
      }
      if (in_cell) cell_text.append(t.substr(i, lt - i));
      size_t gt = t.find('>', lt);
      if (gt == std::string_view::npos) break;
      std::string_view tag(low.data() + lt + 1, gt - lt - 1);
      i = gt + 1;
      auto is = [&](std::string_view name) {
        return tag.starts_with(name) && (tag.size() == name.size() || tag[name.size()] == ' ' || tag[name.size()] == '>' || tag[name.size()] == '/');
      };
      if (is("tr")) {
        if (auto s = finish_cell(); !s) return s;
        rows_.emplace_back();
        rows_.back().number = static_cast<int64_t>(rows_.size());
        row = &rows_.back();
        col = 0;
        // The rowspans from above that reach this row cover open_width more cells.
        const int64_t r = static_cast<int64_t>(rows_.size()) - 1;
        while (!open.empty() && open.top().first < r) {
          open_width -= open.top().second;
          open.pop();
        }
        covered += open_width;
        if (covered > limits_.max_merged_cells) return over_budget(r);
      } else if (is("td") || is("th")) {
        if (auto s = finish_cell(); !s) return s;
        if (!row) continue;
        // Skips the columns covered from above: at most the cells just counted in `covered`.
        const int64_t r = static_cast<int64_t>(rows_.size()) - 1;
        while (static_cast<size_t>(col) < covered_until.size() && covered_until[static_cast<size_t>(col)] >= r) ++col;
        in_cell = true;
        colspan = std::min(AttrInt(tag, "colspan"), limits_.max_colspan);
        rowspan = std::min(AttrInt(tag, "rowspan"), limits_.max_rowspan);
        cell_text.clear();
      } else if (is("/td") || is("/th") || is("/tr")) {
        if (auto s = finish_cell(); !s) return s;
      } else if (is("br") || is("br/") || is("p")) {
        if (in_cell) cell_text.push_back('\n');
      }
    }
    if (auto s = finish_cell(); !s) return s;
    // Rowspans end at the table's last row, as browsers draw them; ranges left with one cell
    // are none. merged_cells is then exactly what the ranges cover (≤ the count above).
    const int64_t last = static_cast<int64_t>(rows_.size()) - 1;
    std::vector<MergedRange> kept;
    for (MergedRange m : info.merged) {
      m.last_row = std::min(m.last_row, last);
      const int64_t cells = (m.last_row - m.first_row + 1) * (m.last_col - m.first_col + 1);
      if (cells < 2) continue;
      info.merged_cells += cells;
      kept.push_back(m);
    }
    info.merged = std::move(kept);
    return {};
  }

  std::shared_ptr<InputFile> file_;
  DecodedText text_;
  SpanLimits limits_;
  std::vector<SparseRow> rows_;
  std::vector<SheetInfo> sheets_;
};

}  // namespace

Result<std::unique_ptr<Workbook>> OpenCsv(std::shared_ptr<InputFile> file,
                                          std::string_view forced_encoding) {
  auto t = DecodeText(file->bytes(), forced_encoding, file->name());
  if (!t) return std::unexpected(t.error());
  return std::unique_ptr<Workbook>(new CsvWorkbook(std::move(file), std::move(*t)));
}

Result<std::unique_ptr<Workbook>> OpenHtmlTable(std::shared_ptr<InputFile> file,
                                                std::string_view forced_encoding, const SpanLimits& spans) {
  std::string_view b = file->bytes();
  std::string forced(forced_encoding);
  // <meta charset=gb2312> and friends: HTML exports by Chinese systems declare GBK-family text.
  if (forced.empty() && !b.starts_with("\xEF\xBB\xBF") && !b.starts_with("\xFF\xFE") && !IsValidUtf8(b)) {
    std::string head = Lower(b.substr(0, 2048));
    if (head.find("gb2312") != std::string::npos || head.find("gbk") != std::string::npos ||
        head.find("gb18030") != std::string::npos)
      forced = "GB18030";
  }
  auto t = DecodeText(b, forced, file->name());
  if (!t) return std::unexpected(t.error());
  auto wb = std::make_unique<HtmlWorkbook>(std::move(file), std::move(*t), spans);
  if (auto s = wb->Init(); !s) return std::unexpected(s.error());
  return std::unique_ptr<Workbook>(std::move(wb));
}

}  // namespace anju::importer
