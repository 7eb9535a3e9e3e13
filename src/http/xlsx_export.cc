#include "http/xlsx_export.h"

#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace anju::http {

namespace {

// A workbook in a temporary file with one sheet, a bold two-row header and frozen panes.
class Sheet {
 public:
  Sheet() {
    const char* tmp = std::getenv("TMPDIR");
    dir_ = tmp && *tmp ? tmp : "/tmp";
    path_ = fmt::format("{}/anju-export-XXXXXX", dir_);
    int fd = mkstemp(path_.data());
    if (fd < 0) {
      reason_ = std::strerror(errno);
      path_.clear();
      return;
    }
    close(fd);
    wb_ = workbook_new(path_.c_str());
    if (!wb_) return;
    ws_ = workbook_add_worksheet(wb_, nullptr);
    bold_ = workbook_add_format(wb_);
    format_set_bold(bold_);
    text_ = workbook_add_format(wb_);
    format_set_num_format(text_, "@");
  }
  ~Sheet() {
    if (wb_) workbook_close(wb_);
    if (!path_.empty()) std::remove(path_.c_str());
  }
  bool ok() const { return ws_ != nullptr; }

  /// Why the workbook could not be created or written: 503 naming the temporary folder and
  /// the reason, in English and Chinese (the file itself is removed by the destructor).
  std::unexpected<Error> Failed(std::string_view reason) const {
    return std::unexpected(Error{
        ErrorCode::kUnavailable,
        fmt::format("could not write the xlsx export in the temporary folder {}: {}; free disk "
                    "space there (or start anju serve with TMPDIR set to a writable folder) and "
                    "try again",
                    dir_, reason),
        fmt::format("无法在临时文件夹 {} 中写入 xlsx 导出文件：{}；请清理磁盘空间（或以可写的 TMPDIR "
                    "重新启动 anju serve）后重试",
                    dir_, reason),
        "TMPDIR", dir_, {}});
  }
  /// Failed() for a workbook that could not be created.
  std::unexpected<Error> NotCreated() const {
    return Failed(reason_.empty() ? std::string("the workbook could not be created") : reason_);
  }

  void Header(const std::vector<std::pair<const char*, const char*>>& cols) {
    for (size_t c = 0; c < cols.size(); ++c) {
      auto col = static_cast<lxw_col_t>(c);
      worksheet_write_string(ws_, 0, col, cols[c].first, bold_);
      worksheet_write_string(ws_, 1, col, cols[c].second, bold_);
      worksheet_set_column(ws_, col, col, 14, nullptr);
    }
    worksheet_freeze_panes(ws_, 2, 0);
  }
  void Text(int row, int col, const std::string& v) {
    if (!v.empty()) {
      worksheet_write_string(ws_, static_cast<lxw_row_t>(row + 2), static_cast<lxw_col_t>(col),
                             v.c_str(), text_);
    }
  }
  void Number(int row, int col, double v) {
    worksheet_write_number(ws_, static_cast<lxw_row_t>(row + 2), static_cast<lxw_col_t>(col), v,
                           nullptr);
  }

  /// Closes the workbook and returns its bytes.
  Result<std::string> Finish() {
    lxw_error err = workbook_close(wb_);
    wb_ = nullptr;
    if (err != LXW_NO_ERROR) {
      return Failed(err == LXW_ERROR_ZIP_FILE_OPERATION || err == LXW_ERROR_CREATING_XLSX_FILE
                        ? fmt::format("{} ({})", lxw_strerror(err), std::strerror(errno))
                        : std::string(lxw_strerror(err)));
    }
    std::ifstream in(path_, std::ios::binary);  // file-open: our own temporary .xlsx
    std::ostringstream ss;
    ss << in.rdbuf();
    if (!in && !in.eof()) return Failed("the written file could not be read back");
    return ss.str();
  }

 private:
  std::string dir_;     // the temporary folder ($TMPDIR, else /tmp)
  std::string reason_;  // why mkstemp failed ("" when it did not)
  std::string path_;
  lxw_workbook* wb_ = nullptr;
  lxw_worksheet* ws_ = nullptr;
  lxw_format* bold_ = nullptr;
  lxw_format* text_ = nullptr;
};

std::unexpected<Error> TooMany() {
  return ResourceExhausted(
      fmt::format("the list has more than {} rows; narrow the filter (site, township) and "
                  "export again",
                  kMaxExportRows),
      fmt::format("超过 {} 行，请缩小筛选范围后再导出", kMaxExportRows));
}

}  // namespace

Result<std::string> ExportHouseholdsXlsx(registry::RegistryService& registry, const Actor& actor,
                                         const registry::HouseholdFilter& filter,
                                         const registry::HouseholdSort& sort) {
  Sheet sheet;
  if (!sheet.ok()) return sheet.NotCreated();
  sheet.Header({{"户编号", "household_no"},
                {"户主姓名", "head_name"},
                {"户主身份证号", "head_resident_id"},
                {"人口数", "members"},
                {"类别", "category"},
                {"安置点", "site"},
                {"迁出村", "origin_village"},
                {"搬迁方式", "relocation_type"},
                {"入住日期", "move_in_date"}});
  int row = 0;
  auto rows = registry.ExportHouseholds(
      actor, filter, sort,
      [&](const registry::HouseholdSummary& s) -> Status {
        if (row >= kMaxExportRows) return TooMany();
        sheet.Text(row, 0, s.household.household_no);
        sheet.Text(row, 1, s.head_name);
        sheet.Text(row, 2, s.head_resident_id);
        sheet.Number(row, 3, s.members);
        sheet.Text(row, 4, s.household.category == registry::Category::kRegisteredPoor
                               ? "建档立卡贫困户"
                               : "同步搬迁户");
        sheet.Text(row, 5, s.site_name);
        sheet.Text(row, 6, s.origin_village_name);
        sheet.Text(row, 7, s.relocation_type == registry::RelocationType::kWholeVillage
                               ? "整村搬迁"
                               : "插花搬迁");
        sheet.Text(row, 8, FormatIsoDate(s.household.move_in_date));
        ++row;
        return {};
      },
      "GET /api/v1/households.xlsx");
  if (!rows) return std::unexpected(rows.error());
  return sheet.Finish();
}

Result<std::string> ExportPersonsXlsx(registry::RegistryService& registry, const Actor& actor,
                                      const registry::PersonFilter& filter,
                                      const registry::PersonSort& sort, Date as_of) {
  Sheet sheet;
  if (!sheet.ok()) return sheet.NotCreated();
  sheet.Header({{"姓名", "name"},
                {"身份证号", "resident_id"},
                {"性别", "sex"},
                {"出生日期", "birth_date"},
                {"年龄", "age"},
                {"与户主关系", "relationship"},
                {"联系电话", "phone"},
                {"有劳动能力", "able_to_work"},
                {"有就业意愿", "wants_work"},
                {"就业情况", "employment_kind"},
                {"就业单位", "employer"}});
  int row = 0;
  auto rows = registry.ExportPersons(
      actor, filter, sort,
      [&](const registry::Person& x) -> Status {
        if (row >= kMaxExportRows) return TooMany();
        sheet.Text(row, 0, x.name);
        sheet.Text(row, 1, x.resident_id);
        sheet.Text(row, 2, x.sex == Sex::kMale ? "男" : "女");
        sheet.Text(row, 3, FormatIsoDate(x.birth_date));
        sheet.Number(row, 4, AgeInCompletedYears(x.birth_date, as_of));
        sheet.Text(row, 5, std::string(registry::RelationshipNameZh(x.relationship)));
        sheet.Text(row, 6, x.phone);
        sheet.Text(row, 7, x.able_to_work ? "是" : "否");
        sheet.Text(row, 8, x.wants_work ? "是" : "否");
        sheet.Text(row, 9, std::string(registry::EmploymentKindNameZh(x.employment_kind)));
        sheet.Text(row, 10, x.employer);
        ++row;
        return {};
      },
      "GET /api/v1/persons.xlsx");
  if (!rows) return std::unexpected(rows.error());
  return sheet.Finish();
}

}  // namespace anju::http
