// xls (BIFF) reader through Debian's libfreexl.
#include <fmt/format.h>
#include <freexl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "importer/readers.h"

namespace anju::importer {
namespace {

class XlsWorkbook : public Workbook {
 public:
  ~XlsWorkbook() override {
    if (handle_) freexl_close(handle_);
    if (!temp_path_.empty()) ::unlink(temp_path_.c_str());
  }
  std::string format() const override { return "xls"; }
  std::string encoding() const override { return encoding_; }
  bool date1904() const override { return date1904_; }
  const std::vector<SheetInfo>& sheets() const override { return sheets_; }

  Status Init(std::shared_ptr<InputFile> file) {
    file_ = std::move(file);
    std::string path = file_->path();
    if (path.empty()) {  // bytes from an upload: libfreexl reads only from a path
      char tmpl[] = "/tmp/anju-xls-XXXXXX";
      int fd = ::mkstemp(tmpl);
      if (fd < 0) return Internal("cannot create a temporary file for the xls upload");
      std::string_view b = file_->bytes();
      size_t off = 0;
      while (off < b.size()) {
        ssize_t w = ::write(fd, b.data() + off, b.size() - off);
        if (w <= 0) {
          ::close(fd);
          ::unlink(tmpl);
          return Internal("cannot write a temporary file for the xls upload");
        }
        off += static_cast<size_t>(w);
      }
      ::close(fd);
      temp_path_ = path = tmpl;
    }
    int rc = freexl_open(path.c_str(), &handle_);
    if (rc != FREEXL_OK) {
      handle_ = nullptr;
      return InvalidArgument(fmt::format("{}: not a readable xls (BIFF) file (libfreexl error {}); "
                                         "it may be damaged or password-protected: open it in "
                                         "Excel/WPS and save it as .xlsx",
                                         file_->name(), rc),
                             "file", file_->name(), "无法读取该 xls 文件，请另存为 xlsx 后重试");
    }
    unsigned int info = 0;
    if (freexl_get_info(handle_, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK && info == FREEXL_BIFF_OBFUSCATED)
      return InvalidArgument(fmt::format("{}: the workbook is password-protected; remove the "
                                         "password in Excel/WPS and send it again",
                                         file_->name()),
                             "file", file_->name(), "文件已加密，请取消密码后重新导入");
    if (freexl_get_info(handle_, FREEXL_BIFF_CODEPAGE, &info) == FREEXL_OK)
      encoding_ = info == FREEXL_BIFF_UTF16LE ? "UTF-16LE" : fmt::format("CP{}", info);
    if (freexl_get_info(handle_, FREEXL_BIFF_DATEMODE, &info) == FREEXL_OK) date1904_ = info == 1;
    unsigned int count = 0;
    freexl_get_info(handle_, FREEXL_BIFF_SHEET_COUNT, &count);
    for (unsigned short i = 0; i < count; ++i) {
      const char* name = nullptr;
      SheetInfo s;
      if (freexl_get_worksheet_name(handle_, i, &name) == FREEXL_OK && name) s.name = name;
      sheets_.push_back(std::move(s));
    }
    return {};
  }

  Status ReadRows(size_t index, const RowSink& sink) override {
    if (index >= sheets_.size()) return NotFound("no such sheet", "sheet", std::to_string(index));
    if (freexl_select_active_worksheet(handle_, static_cast<unsigned short>(index)) != FREEXL_OK)
      return InvalidArgument(fmt::format("{}: cannot select sheet '{}'", file_->name(), sheets_[index].name));
    unsigned int rows = 0;
    unsigned short cols = 0;
    if (freexl_worksheet_dimensions(handle_, &rows, &cols) != FREEXL_OK)
      return InvalidArgument(fmt::format("{}: sheet '{}' is damaged", file_->name(), sheets_[index].name));
    Row row;
    for (unsigned int r = 0; r < rows; ++r) {
      row.number = r + 1;
      row.cells.assign(cols, Cell{});
      for (unsigned short c = 0; c < cols; ++c) {
        FreeXL_CellValue v;
        if (freexl_get_cell_value(handle_, r, c, &v) != FREEXL_OK) continue;
        Cell& cell = row.cells[c];
        switch (v.type) {
          case FREEXL_CELL_INT:
            cell.type = Cell::Type::kNumber;
            cell.number = v.value.int_value;
            cell.text = std::to_string(v.value.int_value);
            break;
          case FREEXL_CELL_DOUBLE:
            cell.type = Cell::Type::kNumber;
            cell.number = v.value.double_value;
            cell.text = fmt::format("{}", v.value.double_value);
            break;
          case FREEXL_CELL_TEXT:
          case FREEXL_CELL_SST_TEXT:
            cell.type = Cell::Type::kText;
            cell.text = v.value.text_value ? v.value.text_value : "";
            break;
          case FREEXL_CELL_DATE:
          case FREEXL_CELL_DATETIME:
            cell.type = Cell::Type::kDate;
            cell.text = std::string(v.value.text_value ? v.value.text_value : "").substr(0, 10);
            break;
          case FREEXL_CELL_TIME:
            cell.type = Cell::Type::kText;
            cell.text = v.value.text_value ? v.value.text_value : "";
            break;
          default:
            break;
        }
      }
      while (!row.cells.empty() && row.cells.back().empty()) row.cells.pop_back();
      if (auto s = sink(row); !s) return s;
    }
    return {};
  }

 private:
  std::shared_ptr<InputFile> file_;
  const void* handle_ = nullptr;
  std::string temp_path_;
  std::string encoding_;
  bool date1904_ = false;
  std::vector<SheetInfo> sheets_;
};

}  // namespace

Result<std::unique_ptr<Workbook>> OpenXls(std::shared_ptr<InputFile> file) {
  auto wb = std::make_unique<XlsWorkbook>();
  if (auto s = wb->Init(std::move(file)); !s) return std::unexpected(s.error());
  return std::unique_ptr<Workbook>(std::move(wb));
}

}  // namespace anju::importer
