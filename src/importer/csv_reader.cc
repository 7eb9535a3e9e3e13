// CSV/TSV and HTML-table readers.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>

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

class HtmlWorkbook : public Workbook {
 public:
  HtmlWorkbook(std::shared_ptr<InputFile> f, DecodedText t) : file_(std::move(f)), text_(std::move(t)) {
    if (!text_.owned.empty()) text_.text = text_.owned;
    SheetInfo s;
    s.name = file_->name();
    Parse(s);
    sheets_.push_back(std::move(s));
  }
  std::string format() const override { return "html"; }
  std::string encoding() const override { return text_.encoding; }
  const std::vector<SheetInfo>& sheets() const override { return sheets_; }
  Status ReadRows(size_t index, const RowSink& sink) override {
    if (index != 0) return NotFound("an HTML table file has one sheet", "sheet", std::to_string(index));
    for (const Row& r : rows_)
      if (auto s = sink(r); !s) return s;
    return {};
  }

 private:
  // A small tag scanner: enough for the tables that systems and WPS write as ".xls".
  void Parse(SheetInfo& info) {
    std::string_view t = text_.text;
    std::string low = Lower(t);
    size_t start = low.find("<table");
    if (start == std::string::npos) return;
    size_t end = low.find("</table", start);
    if (end == std::string::npos) end = low.size();
    std::vector<std::vector<bool>> taken;  // cells covered by rowspans from above
    Row* row = nullptr;
    int col = 0;
    size_t i = start;
    bool in_cell = false;
    std::string cell_text;
    int colspan = 1, rowspan = 1;
    auto finish_cell = [&] {
      if (!in_cell || !row) return;
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
      int64_t r = static_cast<int64_t>(rows_.size()) - 1;
      while (static_cast<int>(taken.size()) <= r + rowspan) taken.emplace_back();
      if (row->cells.size() < static_cast<size_t>(col) + 1) row->cells.resize(static_cast<size_t>(col) + 1);
      row->cells[static_cast<size_t>(col)] = std::move(c);
      if (colspan > 1 || rowspan > 1)
        info.merged.push_back({r, r + rowspan - 1, col, col + colspan - 1});
      for (int dr = 0; dr < rowspan; ++dr) {
        auto& tk = taken[static_cast<size_t>(r + dr)];
        if (tk.size() < static_cast<size_t>(col + colspan)) tk.resize(static_cast<size_t>(col + colspan));
        for (int dc = 0; dc < colspan; ++dc) tk[static_cast<size_t>(col + dc)] = true;
      }
      col += colspan;
      cell_text.clear();
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
        finish_cell();
        rows_.emplace_back();
        rows_.back().number = static_cast<int64_t>(rows_.size());
        row = &rows_.back();
        col = 0;
      } else if (is("td") || is("th")) {
        finish_cell();
        if (!row) continue;
        size_t r = rows_.size() - 1;
        while (r < taken.size() && static_cast<size_t>(col) < taken[r].size() && taken[r][static_cast<size_t>(col)]) ++col;
        in_cell = true;
        colspan = AttrInt(tag, "colspan");
        rowspan = AttrInt(tag, "rowspan");
        cell_text.clear();
      } else if (is("/td") || is("/th") || is("/tr")) {
        finish_cell();
      } else if (is("br") || is("br/") || is("p")) {
        if (in_cell) cell_text.push_back('\n');
      }
    }
    finish_cell();
  }

  std::shared_ptr<InputFile> file_;
  DecodedText text_;
  std::vector<Row> rows_;
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
                                                std::string_view forced_encoding) {
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
  return std::unique_ptr<Workbook>(new HtmlWorkbook(std::move(file), std::move(*t)));
}

}  // namespace anju::importer
