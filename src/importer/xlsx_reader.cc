// xlsx reader: libzip for the package, expat for the XML, both streaming.
#include <expat.h>
#include <fmt/format.h>
#include <zip.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>

#include "importer/readers.h"

namespace anju::importer {
namespace {

std::string_view LocalName(const XML_Char* name) {
  std::string_view n(name);
  size_t colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

const char* Attr(const XML_Char** atts, std::string_view local) {
  for (int i = 0; atts[i]; i += 2)
    if (LocalName(atts[i]) == local) return atts[i + 1];
  return nullptr;
}

// Built-in number formats that are dates (ECMA-376 Part 1, 18.8.30, and the CJK built-ins that
// Excel and WPS write for zh-CN: 27–36, 50–58).
bool BuiltinIsDate(int id) {
  return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

// A custom format is a date format when, outside quotes, brackets and escapes, it has a date
// letter (y, m with d or y, d) or the Chinese 年/月/日.
bool CustomIsDate(std::string_view f) {
  bool y = false, d = false, m = false, h = false;
  for (size_t i = 0; i < f.size(); ++i) {
    char c = f[i];
    if (c == '"') {
      size_t e = f.find('"', i + 1);
      std::string_view lit = f.substr(i + 1, e == std::string_view::npos ? f.npos : e - i - 1);
      if (lit.find("年") != lit.npos) y = true;
      if (lit.find("日") != lit.npos) d = true;
      if (lit.find("月") != lit.npos) m = true;
      if (e == std::string_view::npos) break;
      i = e;
      continue;
    }
    if (c == '[') {
      size_t e = f.find(']', i);
      if (e == std::string_view::npos) break;
      i = e;
      continue;
    }
    if (c == '\\' || c == '_' || c == '*') {
      ++i;
      continue;
    }
    switch (c | 0x20) {
      case 'y': y = true; break;
      case 'd': d = true; break;
      case 'm': m = true; break;
      case 'h': case 's': h = true; break;
      default: break;
    }
    if (f.substr(i).starts_with("年")) y = true;
    if (f.substr(i).starts_with("日")) d = true;
  }
  // "m" alone is a month only next to y or d; with h or s it is minutes (a time format).
  (void)m;
  (void)h;
  return y || d;
}

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};
struct ParserFree {
  void operator()(XML_Parser p) const { XML_ParserFree(p); }
};

// Resolves a relationship target against the folder of the part that owns it.
std::string ResolveTarget(std::string_view base_dir, std::string_view target) {
  if (target.starts_with("/")) return std::string(target.substr(1));
  std::string path = std::string(base_dir) + std::string(target);
  // collapse "x/../"
  std::vector<std::string> parts;
  size_t s = 0;
  while (s <= path.size()) {
    size_t e = path.find('/', s);
    if (e == std::string::npos) e = path.size();
    std::string seg = path.substr(s, e - s);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    s = e + 1;
  }
  std::string out;
  for (auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

class XlsxWorkbook : public Workbook {
 public:
  std::string format() const override { return "xlsx"; }
  std::string encoding() const override { return ""; }
  bool date1904() const override { return date1904_; }
  const std::vector<SheetInfo>& sheets() const override { return sheets_; }
  Status ReadRows(size_t index, const RowSink& sink) override;

  Status Init(std::shared_ptr<InputFile> file, const XlsxLimits& limits);

 private:
  // Streams a part through `fn(chunk)`. Errors: missing part, read failure.
  Status StreamPart(const std::string& name, const std::function<Status(std::string_view)>& fn);
  // Parses a whole part with expat, with start/end/char handlers given through user data.
  template <class Handler>
  Status ParsePart(const std::string& name, Handler& h, bool required);
  Status Bad(std::string what) const {
    return InvalidArgument(fmt::format("{}: {}", file_->name(), what), "file", file_->name(),
                           "无法读取该 Excel 文件：" + what);
  }

  std::shared_ptr<InputFile> file_;
  std::unique_ptr<zip_t, ZipCloser> zip_;
  zip_source_t* src_ = nullptr;
  bool date1904_ = false;
  std::vector<SheetInfo> sheets_;
  std::vector<std::string> sheet_parts_;
  // Shared strings as one buffer + offsets, to keep a million strings cheap.
  std::string sst_chars_;
  std::vector<uint64_t> sst_offsets_;  // start of string i; sst_offsets_[n] = end
  std::vector<bool> xf_is_date_;
};

template <class Handler>
Status XlsxWorkbook::ParsePart(const std::string& name, Handler& h, bool required) {
  if (zip_name_locate(zip_.get(), name.c_str(), 0) < 0) {
    if (!required) return {};
    return Bad(fmt::format("the workbook part {} is missing", name));
  }
  std::unique_ptr<XML_ParserStruct, ParserFree> p(XML_ParserCreate("UTF-8"));
  XML_SetUserData(p.get(), &h);
  XML_SetElementHandler(
      p.get(),
      [](void* u, const XML_Char* n, const XML_Char** a) { static_cast<Handler*>(u)->Start(LocalName(n), a); },
      [](void* u, const XML_Char* n) { static_cast<Handler*>(u)->End(LocalName(n)); });
  XML_SetCharacterDataHandler(p.get(), [](void* u, const XML_Char* s, int len) {
    static_cast<Handler*>(u)->Text(std::string_view(s, static_cast<size_t>(len)));
  });
  auto st = StreamPart(name, [&](std::string_view chunk) -> Status {
    if (XML_Parse(p.get(), chunk.data(), static_cast<int>(chunk.size()), 0) == XML_STATUS_ERROR)
      return Bad(fmt::format("{} is not well-formed XML at line {}: {}", name,
                             XML_GetCurrentLineNumber(p.get()), XML_ErrorString(XML_GetErrorCode(p.get()))));
    if (h.error) return std::unexpected(*h.error);
    return {};
  });
  if (!st) return st;
  if (XML_Parse(p.get(), "", 0, 1) == XML_STATUS_ERROR)
    return Bad(fmt::format("{} is not well-formed XML at line {}: {}", name,
                           XML_GetCurrentLineNumber(p.get()), XML_ErrorString(XML_GetErrorCode(p.get()))));
  if (h.error) return std::unexpected(*h.error);
  return {};
}

Status XlsxWorkbook::StreamPart(const std::string& name,
                                const std::function<Status(std::string_view)>& fn) {
  std::unique_ptr<zip_file_t, ZipFileCloser> f(zip_fopen(zip_.get(), name.c_str(), 0));
  if (!f) return Bad(fmt::format("cannot open part {}: {}", name, zip_strerror(zip_.get())));
  std::vector<char> buf(1 << 16);
  while (true) {
    zip_int64_t n = zip_fread(f.get(), buf.data(), buf.size());
    if (n < 0) return Bad(fmt::format("cannot inflate part {}: {}", name, zip_file_strerror(f.get())));
    if (n == 0) break;
    if (auto s = fn(std::string_view(buf.data(), static_cast<size_t>(n))); !s) return s;
  }
  return {};
}

// --- handlers -------------------------------------------------------------------------------

struct HandlerBase {
  std::optional<Error> error;
  void Text(std::string_view) {}
};

struct RelsHandler : HandlerBase {
  std::map<std::string, std::string> by_id;  // Id -> Target
  std::string office_document;
  void Start(std::string_view n, const XML_Char** a) {
    if (n != "Relationship") return;
    const char* id = Attr(a, "Id");
    const char* target = Attr(a, "Target");
    const char* type = Attr(a, "Type");
    if (id && target) by_id[id] = target;
    if (type && target && std::string_view(type).ends_with("/officeDocument")) office_document = target;
  }
  void End(std::string_view) {}
};

struct WorkbookHandler : HandlerBase {
  struct S { std::string name, rid; bool hidden; };
  std::vector<S> sheets;
  bool date1904 = false;
  void Start(std::string_view n, const XML_Char** a) {
    if (n == "workbookPr") {
      const char* d = Attr(a, "date1904");
      date1904 = d && (std::string_view(d) == "1" || std::string_view(d) == "true");
    } else if (n == "sheet") {
      const char* name = Attr(a, "name");
      const char* rid = Attr(a, "id");
      const char* state = Attr(a, "state");
      sheets.push_back({name ? name : "", rid ? rid : "",
                        state && std::string_view(state) != "visible"});
    }
  }
  void End(std::string_view) {}
};

struct StylesHandler : HandlerBase {
  std::map<int, bool> custom_is_date;
  std::vector<bool> xf_is_date;
  int depth_cellxfs = 0;
  void Start(std::string_view n, const XML_Char** a) {
    if (n == "numFmt") {
      const char* id = Attr(a, "numFmtId");
      const char* code = Attr(a, "formatCode");
      if (id && code) custom_is_date[std::atoi(id)] = CustomIsDate(code);
    } else if (n == "cellXfs") {
      depth_cellxfs = 1;
    } else if (n == "xf" && depth_cellxfs) {
      const char* id = Attr(a, "numFmtId");
      int f = id ? std::atoi(id) : 0;
      auto it = custom_is_date.find(f);
      xf_is_date.push_back(it != custom_is_date.end() ? it->second : BuiltinIsDate(f));
    }
  }
  void End(std::string_view n) {
    if (n == "cellXfs") depth_cellxfs = 0;
  }
};

struct SstHandler : HandlerBase {
  std::string* chars;
  std::vector<uint64_t>* offsets;
  bool in_t = false;
  int in_rph = 0;
  void Start(std::string_view n, const XML_Char**) {
    if (n == "si") offsets->push_back(chars->size());
    else if (n == "t") in_t = true;
    else if (n == "rPh") ++in_rph;
  }
  void End(std::string_view n) {
    if (n == "t") in_t = false;
    else if (n == "rPh") --in_rph;
  }
  void Text(std::string_view s) {
    if (in_t && !in_rph) chars->append(s);
  }
};

}  // namespace

Status XlsxWorkbook::Init(std::shared_ptr<InputFile> file, const XlsxLimits& limits) {
  file_ = std::move(file);
  zip_error_t zerr;
  zip_error_init(&zerr);
  src_ = zip_source_buffer_create(file_->bytes().data(), file_->bytes().size(), 0, &zerr);
  if (!src_) return Bad("cannot read the zip container");
  zip_t* z = zip_open_from_source(src_, ZIP_RDONLY, &zerr);
  if (!z) {
    zip_source_free(src_);
    std::string why = zip_error_strerror(&zerr);
    zip_error_fini(&zerr);
    return Bad(fmt::format("not a readable xlsx (zip) file: {}; re-save it in Excel or WPS", why));
  }
  zip_error_fini(&zerr);
  zip_.reset(z);
  zip_int64_t n = zip_get_num_entries(z, 0);
  if (n > limits.max_entries) return Bad(fmt::format("has {} parts; refusing (limit {})", n, limits.max_entries));
  uint64_t total = 0;
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    if (zip_stat_index(z, static_cast<zip_uint64_t>(i), 0, &st) != 0) return Bad("damaged zip directory");
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
      return InvalidArgument(fmt::format("{}: the workbook is encrypted (password-protected); "
                                         "remove the password in Excel/WPS (文件 → 信息 → 保护工作簿) "
                                         "and send it again",
                                         file_->name()),
                             "file", file_->name(), "文件已加密，请取消密码后重新导入");
    if (st.size > limits.max_entry_bytes ||
        (st.size > (1u << 20) && st.comp_size > 0 && st.size / st.comp_size > limits.max_ratio) ||
        (st.size > (1u << 20) && st.comp_size == 0))
      return InvalidArgument(fmt::format("{}: part {} declares {} bytes from {} compressed (a zip "
                                         "bomb or a damaged file); refusing to inflate it",
                                         file_->name(), st.name ? st.name : "?", st.size, st.comp_size),
                             "file", file_->name(), "文件声明的解压大小异常（疑似压缩炸弹），拒绝导入");
    total += st.size;
    if (total > limits.max_total_bytes)
      return InvalidArgument(fmt::format("{}: parts declare more than {} bytes in all; refusing",
                                         file_->name(), limits.max_total_bytes),
                             "file", file_->name(), "文件解压后过大，拒绝导入");
  }
  // Package relationships -> workbook part.
  RelsHandler root;
  if (auto s = ParsePart("_rels/.rels", root, false); !s) return s;
  std::string wb_part = root.office_document.empty() ? "xl/workbook.xml"
                                                     : ResolveTarget("", root.office_document);
  std::string wb_dir = wb_part.substr(0, wb_part.rfind('/') + 1);
  std::string wb_rels = wb_dir + "_rels/" + wb_part.substr(wb_dir.size()) + ".rels";
  WorkbookHandler wb;
  if (auto s = ParsePart(wb_part, wb, true); !s) return s;
  RelsHandler rels;
  if (auto s = ParsePart(wb_rels, rels, true); !s) return s;
  date1904_ = wb.date1904;
  std::string sst_part = wb_dir + "sharedStrings.xml", styles_part = wb_dir + "styles.xml";
  for (auto& [id, target] : rels.by_id) {
    if (target.ends_with("sharedStrings.xml")) sst_part = ResolveTarget(wb_dir, target);
    if (target.ends_with("styles.xml")) styles_part = ResolveTarget(wb_dir, target);
  }
  for (auto& s : wb.sheets) {
    auto it = rels.by_id.find(s.rid);
    if (it == rels.by_id.end())
      return Bad(fmt::format("sheet '{}' has no relationship {}", s.name, s.rid));
    SheetInfo info;
    info.name = s.name;
    info.hidden = s.hidden;
    sheets_.push_back(std::move(info));
    sheet_parts_.push_back(ResolveTarget(wb_dir, it->second));
  }
  StylesHandler styles;
  if (auto s = ParsePart(styles_part, styles, false); !s) return s;
  xf_is_date_ = std::move(styles.xf_is_date);
  SstHandler sst;
  sst.chars = &sst_chars_;
  sst.offsets = &sst_offsets_;
  if (auto s = ParsePart(sst_part, sst, false); !s) return s;
  sst_offsets_.push_back(sst_chars_.size());
  // Merged ranges come after <sheetData>; a fast byte scan collects them before rows are read,
  // so that the rows can be filled from them as they stream.
  for (size_t i = 0; i < sheet_parts_.size(); ++i) {
    if (zip_name_locate(z, sheet_parts_[i].c_str(), 0) < 0)
      return Bad(fmt::format("sheet '{}' part {} is missing", sheets_[i].name, sheet_parts_[i]));
    std::string tail;
    auto& merged = sheets_[i].merged;
    auto st = StreamPart(sheet_parts_[i], [&](std::string_view chunk) -> Status {
      std::string buf = tail;
      buf.append(chunk);
      size_t pos = 0, keep_from = buf.size() > 200 ? buf.size() - 200 : 0;
      while ((pos = buf.find("mergeCell ", pos)) != std::string::npos) {
        size_t ref = buf.find("ref=\"", pos);
        size_t close = ref == std::string::npos ? ref : buf.find('"', ref + 5);
        if (close == std::string::npos) {
          keep_from = std::min(keep_from, pos > 1 ? pos - 1 : 0);
          break;
        }
        std::string_view r(buf.data() + ref + 5, close - ref - 5);
        size_t colon = r.find(':');
        MergedRange m;
        if (colon != r.npos && ParseCellRef(r.substr(0, colon), m.first_row, m.first_col) &&
            ParseCellRef(r.substr(colon + 1), m.last_row, m.last_col))
          merged.push_back(m);
        pos = close;
        keep_from = std::max(keep_from, close);
      }
      tail = buf.substr(keep_from);
      return {};
    });
    if (!st) return st;
  }
  return {};
}

namespace {

struct SheetHandler : HandlerBase {
  const RowSink* sink;
  const std::string* sst_chars;
  const std::vector<uint64_t>* sst_offsets;
  const std::vector<bool>* xf_is_date;
  std::string sheet_name;
  Row row;
  int64_t next_row = 0;  // 0-based
  int next_col = 0;
  bool in_row = false, in_cell = false, in_v = false, in_t = false, in_f = false;
  int in_rph = 0;
  bool has_v = false;
  std::string type;
  int style = 0;
  int col = 0;
  std::string v, is_text, f_text;

  void Start(std::string_view n, const XML_Char** a) {
    if (error) return;
    if (n == "row") {
      const char* r = Attr(a, "r");
      int64_t num = r ? std::atoll(r) : next_row + 1;
      if (num < 1) num = next_row + 1;
      row.number = num;
      row.cells.clear();
      next_row = num;
      next_col = 0;
      in_row = true;
    } else if (n == "c" && in_row) {
      in_cell = true;
      const char* r = Attr(a, "r");
      int64_t rr;
      int cc;
      col = (r && ParseCellRef(r, rr, cc)) ? cc : next_col;
      next_col = col + 1;
      const char* t = Attr(a, "t");
      type = t ? t : "n";
      const char* s = Attr(a, "s");
      style = s ? std::atoi(s) : 0;
      v.clear();
      is_text.clear();
      f_text.clear();
      has_v = false;
    } else if (in_cell) {
      if (n == "v") { in_v = true; has_v = true; }
      else if (n == "t") in_t = true;
      else if (n == "f") in_f = true;
      else if (n == "rPh") ++in_rph;
    }
  }
  void Text(std::string_view s) {
    if (in_v) v.append(s);
    else if (in_t && !in_rph) is_text.append(s);
    else if (in_f) f_text.append(s);
  }
  void End(std::string_view n) {
    if (error) return;
    if (n == "v") in_v = false;
    else if (n == "t") in_t = false;
    else if (n == "f") in_f = false;
    else if (n == "rPh") --in_rph;
    else if (n == "c" && in_cell) {
      in_cell = false;
      Cell c;
      if (type == "s") {
        char* end = nullptr;
        unsigned long long idx = std::strtoull(v.c_str(), &end, 10);
        if (!has_v || idx + 1 >= sst_offsets->size()) {
          error = InvalidArgument(fmt::format("sheet '{}' cell {}{}: shared string {} does not exist",
                                              sheet_name, ColumnLetter(col), row.number, v))
                      .error();
          return;
        }
        c.type = Cell::Type::kText;
        c.text.assign(*sst_chars, (*sst_offsets)[idx], (*sst_offsets)[idx + 1] - (*sst_offsets)[idx]);
      } else if (type == "inlineStr") {
        c.type = Cell::Type::kText;
        c.text = std::move(is_text);
      } else if (type == "str") {
        c.type = has_v ? Cell::Type::kText : Cell::Type::kFormulaNoValue;
        c.text = has_v ? std::move(v) : "=" + f_text;
      } else if (type == "b") {
        c.type = has_v ? Cell::Type::kBool : Cell::Type::kFormulaNoValue;
        c.number = v == "1" ? 1 : 0;
        c.text = has_v ? (v == "1" ? "TRUE" : "FALSE") : "=" + f_text;
      } else if (type == "e") {
        c.type = Cell::Type::kError;
        c.text = std::move(v);
      } else if (type == "d") {
        c.type = Cell::Type::kDate;
        c.text = v.substr(0, 10);
      } else {  // "n"
        if (!has_v || v.empty()) {
          if (!f_text.empty()) {
            c.type = Cell::Type::kFormulaNoValue;
            c.text = "=" + f_text;
          }
        } else {
          char* end = nullptr;
          c.number = std::strtod(v.c_str(), &end);
          c.type = Cell::Type::kNumber;
          c.text = std::move(v);
          c.date_format = style >= 0 && static_cast<size_t>(style) < xf_is_date->size() &&
                          (*xf_is_date)[static_cast<size_t>(style)];
        }
      }
      if (c.type != Cell::Type::kEmpty) {
        if (row.cells.size() <= static_cast<size_t>(col)) row.cells.resize(static_cast<size_t>(col) + 1);
        row.cells[static_cast<size_t>(col)] = std::move(c);
      }
    } else if (n == "row" && in_row) {
      in_row = false;
      if (auto s = (*sink)(row); !s) error = s.error();
    }
  }
};

}  // namespace

Status XlsxWorkbook::ReadRows(size_t index, const RowSink& sink) {
  if (index >= sheets_.size()) return NotFound("no such sheet", "sheet", std::to_string(index));
  SheetHandler h;
  h.sink = &sink;
  h.sst_chars = &sst_chars_;
  h.sst_offsets = &sst_offsets_;
  h.xf_is_date = &xf_is_date_;
  h.sheet_name = sheets_[index].name;
  return ParsePart(sheet_parts_[index], h, true);
}

Result<std::unique_ptr<Workbook>> OpenXlsx(std::shared_ptr<InputFile> file, const XlsxLimits& limits) {
  auto wb = std::make_unique<XlsxWorkbook>();
  if (auto s = wb->Init(std::move(file), limits); !s) return std::unexpected(s.error());
  return std::unique_ptr<Workbook>(std::move(wb));
}

}  // namespace anju::importer
