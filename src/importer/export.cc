#include "importer/export.h"

#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "importer/clean.h"
#include "importer/fix_zh.h"
#include "importer/header.h"

namespace anju::importer {

Result<ExportKind> ParseExportKind(std::string_view s) {
  if (s == "persons") return ExportKind::kPersons;
  if (s == "households") return ExportKind::kHouseholds;
  if (s == "sites") return ExportKind::kSites;
  return InvalidArgument("export what: persons, households or sites", "kind", std::string(s),
                         "导出类型应为 persons、households 或 sites");
}

Result<SheetFormat> SheetFormatForPath(std::string_view path) {
  auto ends = [&](std::string_view e) {
    if (path.size() < e.size()) return false;
    for (size_t i = 0; i < e.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(path[path.size() - e.size() + i])) != e[i]) return false;
    return true;
  };
  if (ends(".xlsx")) return SheetFormat::kXlsx;
  if (ends(".csv")) return SheetFormat::kCsv;
  return InvalidArgument("the output file must end in .xlsx or .csv", "out", std::string(path),
                         "输出文件扩展名应为 .xlsx 或 .csv");
}

std::string_view ExportContentType(SheetFormat f) {
  return f == SheetFormat::kXlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                                 : "text/csv; charset=utf-8";
}

Status CheckOutputWritable(const std::string& path, std::string_view option) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path p(path);
  fs::path dir = p.parent_path();
  if (dir.empty()) dir = ".";
  auto fail = [&](std::string why, std::string why_zh) -> Status {
    return InvalidArgument(fmt::format("cannot write --{} {}: {}", option, path, why),
                           std::string(option), path,
                           fmt::format("无法写入 {}：{}", path, why_zh));
  };
  if (!fs::is_directory(dir, ec))
    return fail(fmt::format("the folder {} does not exist; create it or choose another path",
                            dir.string()),
                "文件夹不存在，请先创建或另选路径");
  if (fs::is_directory(p, ec))
    return fail("it is a folder; give a file name such as errors.xlsx", "这是文件夹，请给出文件名");
  if (fs::exists(p, ec) ? ::access(path.c_str(), W_OK) != 0 : ::access(dir.c_str(), W_OK) != 0)
    return fail("permission denied; choose a folder you may write to", "没有写入权限，请另选文件夹");
  return {};
}

std::string NeutraliseCsvFormula(std::string_view text) {
  if (!StartsLikeAFormula(text)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 1);
  out += '\'';
  out.append(text);
  return out;
}

namespace {

enum class Kind { kText, kId, kDate, kInt, kArea };  // how a column is written (kArea: m², 2 decimals)

// A sheet writer for both formats: rows of strings with a column kind each.
class SheetWriter {
 public:
  virtual ~SheetWriter() = default;
  virtual Status Header(const std::vector<std::string>& names, const std::vector<Kind>& kinds) = 0;
  virtual Status Row(const std::vector<std::string>& cells) = 0;
  virtual Status NewSheet(const std::string& name) = 0;
  virtual Status Close() = 0;
};

std::string CsvField(const std::string& raw, Kind k) {
  if (k == Kind::kId && !raw.empty()) return "=\"" + raw + "\"";
  const std::string s = k == Kind::kText ? NeutraliseCsvFormula(raw) : raw;
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string o = "\"";
  for (char c : s) {
    if (c == '"') o += '"';
    o += c;
  }
  return o + "\"";
}

class CsvWriter : public SheetWriter {
 public:
  explicit CsvWriter(std::string path) : path_(std::move(path)) {}
  Status Open() {
    out_.open(path_, std::ios::binary | std::ios::trunc);
    if (!out_)
      return InvalidArgument(fmt::format("cannot write {}", path_), "out", path_, "无法写入输出文件");
    out_ << "\xEF\xBB\xBF";
    return {};
  }
  Status Header(const std::vector<std::string>& names, const std::vector<Kind>& kinds) override {
    kinds_ = kinds;
    std::vector<Kind> text(names.size(), Kind::kText);
    return Line(names, text);
  }
  Status Row(const std::vector<std::string>& cells) override { return Line(cells, kinds_); }
  Status NewSheet(const std::string&) override { return {}; }
  Status Close() override {
    out_.close();
    if (!out_) return InvalidArgument(fmt::format("cannot finish writing {}", path_), "out", path_);
    return {};
  }

 private:
  Status Line(const std::vector<std::string>& cells, const std::vector<Kind>& kinds) {
    std::string line;
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i) line += ',';
      line += CsvField(cells[i], i < kinds.size() ? kinds[i] : Kind::kText);
    }
    line += "\r\n";
    out_ << line;
    if (!out_) return InvalidArgument(fmt::format("cannot write {} (disk full?)", path_), "out", path_);
    return {};
  }
  std::string path_;
  std::ofstream out_;  // file-open: the export --out target (cmd_export.cc refuses the database)
  std::vector<Kind> kinds_;
};

class XlsxWriter : public SheetWriter {
 public:
  explicit XlsxWriter(std::string path) : path_(std::move(path)) {}
  ~XlsxWriter() override {
    if (wb_) workbook_close(wb_);
  }
  Status Open() {
    lxw_workbook_options opt{};
    opt.constant_memory = LXW_TRUE;
    wb_ = workbook_new_opt(path_.c_str(), &opt);
    if (!wb_) return InvalidArgument(fmt::format("cannot write {}", path_), "out", path_, "无法写入输出文件");
    text_ = workbook_add_format(wb_);
    format_set_num_format(text_, "@");
    date_ = workbook_add_format(wb_);
    format_set_num_format(date_, "yyyy-mm-dd");
    area_ = workbook_add_format(wb_);
    format_set_num_format(area_, "0.00");
    bold_ = workbook_add_format(wb_);
    format_set_bold(bold_);
    return {};
  }
  Status NewSheet(const std::string& name) override {
    // Sheet names: at most 31 characters, none of []:*?/\ (Excel's rules).
    std::string n;
    for (char c : name)
      if (std::string_view("[]:*?/\\").find(c) == std::string_view::npos) n += c;
    if (n.empty()) n = "Sheet";
    ws_ = workbook_add_worksheet(wb_, TruncateUtf8(n, 31).c_str());
    if (!ws_) ws_ = workbook_add_worksheet(wb_, nullptr);
    row_ = 0;
    return {};
  }
  Status Header(const std::vector<std::string>& names, const std::vector<Kind>& kinds) override {
    if (!ws_) NewSheet("Sheet1");
    kinds_ = kinds;
    for (size_t c = 0; c < names.size(); ++c) {
      Kind k = c < kinds.size() ? kinds[c] : Kind::kText;
      double width = k == Kind::kId ? 21 : k == Kind::kDate ? 12 : 12;
      worksheet_set_column(ws_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width,
                           k == Kind::kId ? text_ : nullptr);
    }
    for (size_t c = 0; c < names.size(); ++c)
      worksheet_write_string(ws_, row_, static_cast<lxw_col_t>(c), names[c].c_str(), bold_);
    worksheet_freeze_panes(ws_, 1, 0);
    ++row_;
    return {};
  }
  Status Row(const std::vector<std::string>& cells) override {
    for (size_t c = 0; c < cells.size(); ++c) {
      const std::string& v = cells[c];
      if (v.empty()) continue;
      Kind k = c < kinds_.size() ? kinds_[c] : Kind::kText;
      lxw_col_t col = static_cast<lxw_col_t>(c);
      lxw_error e = LXW_NO_ERROR;
      if (k == Kind::kDate) {
        auto d = ParseIsoDate(v);
        if (d) {
          lxw_datetime dt{static_cast<int>(d->year()), static_cast<int>(static_cast<unsigned>(d->month())),
                          static_cast<int>(static_cast<unsigned>(d->day())), 0, 0, 0};
          e = worksheet_write_datetime(ws_, row_, col, &dt, date_);
        } else {
          e = worksheet_write_string(ws_, row_, col, v.c_str(), nullptr);
        }
      } else if (k == Kind::kInt) {
        e = worksheet_write_number(ws_, row_, col, std::stod(v), nullptr);
      } else if (k == Kind::kArea) {
        e = worksheet_write_number(ws_, row_, col, std::stod(v), area_);
      } else {
        e = worksheet_write_string(ws_, row_, col, v.c_str(), k == Kind::kId ? text_ : nullptr);
      }
      if (e != LXW_NO_ERROR)
        return InvalidArgument(fmt::format("cannot write {} row {}: {}", path_, row_ + 1, lxw_strerror(e)), "out", path_);
    }
    ++row_;
    if (row_ >= 1048576)
      return InvalidArgument(fmt::format("{}: more than 1,048,576 rows do not fit in an xlsx sheet; export "
                                         "as .csv or by site (--site)",
                                         path_),
                             "out", path_, "超过 Excel 单表行数上限，请导出为 CSV 或按安置点导出");
    return {};
  }
  Status Close() override {
    lxw_error e = workbook_close(wb_);
    wb_ = nullptr;
    if (e != LXW_NO_ERROR)
      return InvalidArgument(fmt::format("cannot write {}: {}", path_, lxw_strerror(e)), "out", path_, "无法写入输出文件");
    return {};
  }

 private:
  static std::string TruncateUtf8(const std::string& s, size_t chars) {
    size_t n = 0, i = 0;
    while (i < s.size() && n < chars) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      ++n;
    }
    return s.substr(0, std::min(i, s.size()));
  }
  std::string path_;
  lxw_workbook* wb_ = nullptr;
  lxw_worksheet* ws_ = nullptr;
  lxw_format *text_ = nullptr, *date_ = nullptr, *bold_ = nullptr, *area_ = nullptr;
  lxw_row_t row_ = 0;
  std::vector<Kind> kinds_;
};

Result<std::unique_ptr<SheetWriter>> OpenWriter(const std::string& path, SheetFormat f) {
  if (f == SheetFormat::kCsv) {
    auto w = std::make_unique<CsvWriter>(path);
    if (auto s = w->Open(); !s) return std::unexpected(s.error());
    return std::unique_ptr<SheetWriter>(std::move(w));
  }
  auto w = std::make_unique<XlsxWriter>(path);
  if (auto s = w->Open(); !s) return std::unexpected(s.error());
  return std::unique_ptr<SheetWriter>(std::move(w));
}

// What a person export writes for a pending resident id ('', a newborn's id to be filled).
constexpr std::string_view kPendingIdCell = "待补录";

constexpr Field kPersonExportFields[] = {
    Field::kHouseholdNo, Field::kName,          Field::kResidentId,   Field::kRelationship, Field::kSex,
    Field::kBirthDate,   Field::kEthnicity,     Field::kPhone,        Field::kCategory,     Field::kOriginVillage,
    Field::kRelocationType, Field::kSite,       Field::kBuilding,     Field::kEntrance,     Field::kRoom,
    Field::kFloorArea,   Field::kMoveInDate,
    Field::kGrid,        Field::kConvention,    Field::kEducation,    Field::kHealth,       Field::kDisabilityGrade,
    Field::kAbleToWork,  Field::kWantsWork,     Field::kEmploymentKind, Field::kEmployer,
};

// A floor area in 0.01 m² as m² with two decimals ("85.50"); "" when unknown.
std::string AreaText(std::optional<int64_t> dm2) {
  if (!dm2) return "";
  return fmt::format("{}.{:02d}", *dm2 / 100, *dm2 % 100);
}

Kind KindOf(Field f) {
  switch (f) {
    case Field::kResidentId: case Field::kPhone: case Field::kHouseholdNo: case Field::kBuilding:
    case Field::kEntrance: case Field::kRoom:
      return Kind::kId;
    case Field::kBirthDate: case Field::kMoveInDate:
      return Kind::kDate;
    case Field::kFloorArea:
      return Kind::kArea;
    default:
      return Kind::kText;
  }
}

// Error reports write the clerk's raw cells back: ids and phones as text, everything else as
// text too (a rejected date or area may not parse).
Kind ReportKind(Field f) { return KindOf(f) == Kind::kId ? Kind::kId : Kind::kText; }

}  // namespace

namespace {
Result<int64_t> WriteExport(ExportRepository& repo, const Actor& actor, const ExportRequest& req,
                            const std::string& path);
}  // namespace

Result<int64_t> ExportToFile(ExportRepository& repo, const Actor& actor, const ExportRequest& req,
                             const std::string& path) {
  auto n = WriteExport(repo, actor, req, path);
  // A failed export leaves no half-written file behind (never removes a device like /dev/full).
  std::error_code ec;
  if (!n && std::filesystem::is_regular_file(path, ec)) std::filesystem::remove(path, ec);
  return n;
}

namespace {
Result<int64_t> WriteExport(ExportRepository& repo, const Actor& actor, const ExportRequest& req,
                            const std::string& path) {
  auto w = OpenWriter(path, req.format);
  if (!w) return std::unexpected(w.error());
  SheetWriter& out = **w;
  const bool whole = actor.PrivilegedExports();
  int64_t rows = 0;
  Status st;
  if (req.kind == ExportKind::kPersons) {
    out.NewSheet("搬迁人口");
    std::vector<std::string> names;
    std::vector<Kind> kinds;
    for (Field f : kPersonExportFields) {
      names.emplace_back(FieldHeaderZh(f));
      kinds.push_back(KindOf(f));
    }
    if (auto s = out.Header(names, kinds); !s) return std::unexpected(s.error());
    std::vector<std::string> cells(std::size(kPersonExportFields));
    st = repo.ForEachPerson(actor.scope, req.site_id, [&](const ExportPersonRow& r) -> Status {
      const registry::Person& p = r.person;
      if (req.person_ids && !req.person_ids->contains(p.id)) return {};
      // A household's roster lists its current members only (as the lists do): imported back it
      // must not add again the persons who left.
      if (req.household_ids && (!r.current || !req.household_ids->contains(p.household_id))) return {};
      size_t i = 0;
      cells[i++] = r.household_no;
      cells[i++] = p.name;
      // A pending id ('') as 待补录, which the importer reads back as '' (with sex and birth date).
      cells[i++] = p.resident_id.empty() ? std::string(kPendingIdCell)
                   : whole             ? p.resident_id
                                       : MaskResidentId(p.resident_id);
      cells[i++] = std::string(RelationshipZh(registry::RelationshipName(p.relationship)));
      cells[i++] = p.sex == Sex::kMale ? "男" : "女";
      cells[i++] = FormatIsoDate(p.birth_date);
      cells[i++] = p.ethnicity;
      cells[i++] = p.phone.empty() ? "" : whole ? p.phone : MaskPhone(p.phone);
      cells[i++] = std::string(CategoryZh(r.category));
      cells[i++] = r.origin_village;
      cells[i++] = std::string(RelocationTypeZh(r.relocation_type));
      cells[i++] = r.site;
      cells[i++] = r.building;
      cells[i++] = r.entrance;
      cells[i++] = r.room;
      cells[i++] = AreaText(r.floor_area_dm2);
      cells[i++] = r.move_in_date;
      cells[i++] = r.grid;
      cells[i++] = r.convention_signed ? "是" : "否";
      cells[i++] = p.education;
      cells[i++] = p.health ? std::string(HealthZh(registry::HealthName(*p.health))) : "";
      cells[i++] = p.disability_grade ? std::to_string(*p.disability_grade) : "";
      cells[i++] = p.able_to_work ? "是" : "否";
      cells[i++] = p.wants_work ? "是" : "否";
      cells[i++] = std::string(EmploymentKindZh(registry::EmploymentKindName(p.employment_kind)));
      cells[i++] = p.employer;
      ++rows;
      return out.Row(cells);
    });
  } else if (req.kind == ExportKind::kHouseholds) {
    out.NewSheet("搬迁户");
    if (auto s = out.Header({"户编号", "户主姓名", "户主身份证号码", "家庭人口", "人口类别", "迁出乡镇", "迁出村", "搬迁类型",
                             "安置点", "楼栋", "单元", "房号", "住房面积", "入住日期", "网格", "签订居民公约"},
                            {Kind::kId, Kind::kText, Kind::kId, Kind::kInt, Kind::kText, Kind::kText, Kind::kText,
                             Kind::kText, Kind::kText, Kind::kId, Kind::kId, Kind::kId, Kind::kArea, Kind::kDate,
                             Kind::kText, Kind::kText});
        !s)
      return std::unexpected(s.error());
    st = repo.ForEachHousehold(actor.scope, req.site_id, [&](const ExportHouseholdRow& r) -> Status {
      ++rows;
      return out.Row({r.household.household_no, r.head_name,
                      r.head_name.empty()              ? ""
                      : r.head_resident_id.empty()     ? std::string(kPendingIdCell)
                      : whole                          ? r.head_resident_id
                                                       : MaskResidentId(r.head_resident_id),
                      std::to_string(r.members),
                      std::string(CategoryZh(r.category)), r.township, r.origin_village,
                      std::string(RelocationTypeZh(r.relocation_type)), r.site, r.building, r.entrance, r.room,
                      AreaText(r.floor_area_dm2), r.move_in_date, r.grid, r.household.convention_signed ? "是" : "否"});
    });
  } else {
    out.NewSheet("安置点");
    if (auto s = out.Header({"编号", "安置点", "安置方式", "所在乡镇", "规划安置人口", "搬迁户数", "搬迁人口"},
                            {Kind::kInt, Kind::kText, Kind::kText, Kind::kText, Kind::kInt, Kind::kInt, Kind::kInt});
        !s)
      return std::unexpected(s.error());
    st = repo.ForEachSite(actor.scope, [&](const ExportSiteRow& r) -> Status {
      ++rows;
      return out.Row({std::to_string(r.id), r.name, r.mode, r.township,
                      r.planned_capacity ? std::to_string(*r.planned_capacity) : "", std::to_string(r.households),
                      std::to_string(r.persons)});
    });
  }
  if (!st) return std::unexpected(st.error());
  if (auto s = out.Close(); !s) return std::unexpected(s.error());
  return rows;
}

}  // namespace

namespace {

// A new empty temporary file in $TMPDIR, else /tmp; a missing, full or read-only folder is a
// clear, bilingual kUnavailable (503 over HTTP) naming the folder and TMPDIR.
Result<std::string> NewTempFile() {
  const char* env = std::getenv("TMPDIR");
  const std::string dir = env && *env ? env : "/tmp";
  std::string path = dir + "/anju-export-XXXXXX";
  int fd = ::mkstemp(path.data());
  if (fd < 0) {
    const int e = errno;
    return std::unexpected(Error{
        ErrorCode::kUnavailable,
        fmt::format("cannot create a temporary file for the export in the temporary folder {}: {}; free disk "
                    "space there (or start anju serve with TMPDIR set to a writable folder) and try again",
                    dir, std::strerror(e)),
        fmt::format("无法在临时文件夹 {} 中创建导出用的临时文件：{}；请清理磁盘空间（或以可写的 TMPDIR 重新启动 anju "
                    "serve）后重试",
                    dir, std::strerror(e)),
        "TMPDIR", dir, {}});
  }
  ::close(fd);
  return path;
}

}  // namespace

Status CheckExportTempFolder() {
  auto path = NewTempFile();
  if (!path) return std::unexpected(path.error());
  ::unlink(path->c_str());
  return {};
}

Result<std::string> ExportToBytes(ExportRepository& repo, const Actor& actor, const ExportRequest& req) {
  auto temp = NewTempFile();
  if (!temp) return std::unexpected(temp.error());
  const std::string& path = *temp;
  auto n = ExportToFile(repo, actor, req, path);
  if (!n) {
    ::unlink(path.c_str());
    return std::unexpected(n.error());
  }
  std::ifstream in(path, std::ios::binary);  // file-open: our own temporary export
  std::stringstream ss;
  ss << in.rdbuf();
  ::unlink(path.c_str());
  return ss.str();
}

Status WriteErrorReport(const ImportResult& result, const std::string& path, SheetFormat format) {
  auto w = OpenWriter(path, format);
  if (!w) return std::unexpected(w.error());
  SheetWriter& out = **w;
  // Rejected rows are read in passes (they may be in a temporary file, RejectedRows): the
  // sources and widths first, then the rows of each source.
  // Group rejected rows by (file, sheet); one output sheet each (CSV: all in one, with the
  // source named in the first columns).
  std::vector<std::pair<std::string, std::string>> sources;
  std::vector<size_t> widths;
  size_t all_width = 0;
  if (auto s = result.rejected.ForEach([&](const RejectedRow& r) -> Status {
        std::pair<std::string, std::string> k{r.file, r.sheet};
        auto it = std::find(sources.begin(), sources.end(), k);
        if (it == sources.end()) {
          sources.push_back(k);
          widths.push_back(0);
          it = sources.end() - 1;
        }
        size_t& wd = widths[static_cast<size_t>(it - sources.begin())];
        wd = std::max(wd, r.cells.size());
        all_width = std::max(all_width, r.cells.size());
        return {};
      });
      !s)
    return s;
  auto sheet_of = [&](const std::pair<std::string, std::string>& k) -> const SheetReport* {
    for (const auto& s : result.sheets)
      if (s.file == k.first && s.name == k.second) return &s;
    return nullptr;
  };
  auto headers_of = [&](const std::pair<std::string, std::string>& k) {
    const SheetReport* s = sheet_of(k);
    return s ? (s->blocks.empty() ? s->header_texts : s->blocks.front().second) : std::vector<std::string>{};
  };
  // The header texts of the block whose header ends at `header_row` (stacked rosters).
  auto block_of = [&](const SheetReport* s, int64_t header_row) -> const std::vector<std::string>* {
    if (!s) return nullptr;
    for (const auto& b : s->blocks)
      if (b.first == header_row) return &b.second;
    return nullptr;
  };
  auto kinds_of = [](const std::vector<std::string>& h) {
    std::vector<Kind> kinds;
    for (auto& t : h) {
      auto f = MatchHeader(t);
      kinds.push_back(f ? ReportKind(*f) : Kind::kText);
    }
    return kinds;
  };
  if (format == SheetFormat::kCsv) {
    size_t width = all_width;
    for (auto& k : sources) width = std::max(width, headers_of(k).size());
    std::vector<std::string> names = {"错误说明", "原文件", "原工作表", "原行号"};
    std::vector<Kind> kinds = {Kind::kText, Kind::kText, Kind::kText, Kind::kText};
    std::vector<std::string> h = sources.empty() ? std::vector<std::string>{} : headers_of(sources.front());
    h.resize(width);
    for (size_t i = 0; i < width; ++i) {
      names.push_back(h[i]);
      auto f = MatchHeader(h[i]);
      kinds.push_back(f ? ReportKind(*f) : Kind::kText);
    }
    if (auto s = out.Header(names, kinds); !s) return s;
    std::vector<std::string> cells;
    if (auto s = result.rejected.ForEach([&](const RejectedRow& r) -> Status {
          cells = {r.messages, r.file, r.sheet, std::to_string(r.row)};
          for (size_t i = 0; i < width; ++i) cells.push_back(i < r.cells.size() ? r.cells[i] : "");
          return out.Row(cells);
        });
        !s)
      return s;
    return out.Close();
  }
  for (size_t si = 0; si < sources.size(); ++si) {
    const auto& k = sources[si];
    out.NewSheet(k.second);
    const SheetReport* sheet = sheet_of(k);
    std::vector<std::string> h = headers_of(k);
    size_t width = h.size();
    if (sheet)
      for (const auto& b : sheet->blocks) width = std::max(width, b.second.size());
    width = std::max(width, widths[si]);
    h.resize(width);
    std::vector<Kind> kinds = kinds_of(h);
    h.push_back("错误说明");
    h.push_back("原行号");
    kinds.push_back(Kind::kText);
    kinds.push_back(Kind::kText);
    if (auto s = out.Header(h, kinds); !s) return s;
    // Rows of a later block of stacked rosters come under that block's header again, so that
    // the corrected report imports as the original did.
    const int64_t first_block = sheet && !sheet->blocks.empty() ? sheet->blocks.front().first : 0;
    int64_t block = first_block;
    std::vector<std::string> cells;
    if (auto s = result.rejected.ForEach([&](const RejectedRow& r) -> Status {
          if (r.file != k.first || r.sheet != k.second) return {};
          if (r.header_row != block) {
            block = r.header_row;
            if (const auto* bh = block_of(sheet, block); bh && block != first_block) {
              cells = *bh;
              cells.resize(width);
              cells.push_back("错误说明");
              cells.push_back("原行号");
              if (auto s2 = out.Row(cells); !s2) return s2;
            }
          }
          cells = r.cells;
          cells.resize(width);
          cells.push_back(r.messages);
          cells.push_back(std::to_string(r.row));
          return out.Row(cells);
        });
        !s)
      return s;
  }
  out.NewSheet(std::string(kErrorReportFaultSheet));
  if (auto s = out.Header({"文件", "工作表", "行号", "列", "表头", "原值", "级别", "问题", "Problem", "修改建议", "Fix"},
                          {Kind::kText, Kind::kText, Kind::kText, Kind::kText, Kind::kText, Kind::kId, Kind::kText,
                           Kind::kText, Kind::kText, Kind::kText, Kind::kText});
      !s)
    return s;
  for (const auto& f : result.faults) {
    std::string fix_zh = FixZh(f);
    if (auto s = out.Row({f.file, f.sheet, f.row ? std::to_string(f.row) : "", f.column, f.header, f.raw,
                          f.error ? "错误" : "提示", f.reason_zh, f.reason, fix_zh.empty() ? f.fix : fix_zh, f.fix});
        !s)
      return s;
  }
  return out.Close();
}

Status WriteSheet(const std::string& path, SheetFormat format, const std::string& sheet_name,
                  const std::vector<std::string>& headers, const std::vector<ColumnKind>& kinds,
                  const RowProducer& rows) {
  auto w = OpenWriter(path, format);
  if (!w) return std::unexpected(w.error());
  SheetWriter& out = **w;
  std::vector<Kind> k;
  for (ColumnKind c : kinds)
    k.push_back(c == ColumnKind::kCode ? Kind::kId
                : c == ColumnKind::kDate ? Kind::kDate
                : c == ColumnKind::kInt ? Kind::kInt
                : c == ColumnKind::kDecimal2 ? Kind::kArea
                                             : Kind::kText);
  if (auto s = out.NewSheet(sheet_name); !s) return s;
  if (auto s = out.Header(headers, k); !s) return s;
  if (auto s = rows([&](const std::vector<std::string>& cells) { return out.Row(cells); }); !s) return s;
  return out.Close();
}

}  // namespace anju::importer
