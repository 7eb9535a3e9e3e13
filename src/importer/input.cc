#include "importer/input.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/sha256.h"
#include "importer/readers.h"

namespace anju::importer {

Result<std::shared_ptr<InputFile>> InputFile::Open(const std::string& path) {
  // An import input, opened before the database (cmd_import.cc refuses the database itself;
  // the server imports from its own temporary copy of the upload). file-open: import input
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int e = errno;
    if (e == ENOENT)
      return NotFound(fmt::format("no such file: {}", path), "file", path, "文件不存在");
    return InvalidArgument(fmt::format("cannot open {}: {}", path, std::strerror(e)), "file", path,
                           "无法打开文件");
  }
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return InvalidArgument(fmt::format("{} is not a regular file", path), "file", path, "不是文件");
  }
  std::shared_ptr<InputFile> f(new InputFile());
  f->path_ = path;
  size_t slash = path.rfind('/');
  f->name_ = slash == std::string::npos ? path : path.substr(slash + 1);
  if (st.st_size > 0) {
    // file-open: maps the import input opened above
  void* m = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (m == MAP_FAILED) {
      ::close(fd);
      return InvalidArgument(fmt::format("cannot read {}: {}", path, std::strerror(errno)), "file", path);
    }
    ::madvise(m, static_cast<size_t>(st.st_size), MADV_SEQUENTIAL);
    f->map_ = m;
    f->map_len_ = static_cast<size_t>(st.st_size);
    f->view_ = std::string_view(static_cast<const char*>(m), f->map_len_);
  }
  ::close(fd);
  return f;
}

std::shared_ptr<InputFile> InputFile::FromBytes(std::string bytes, std::string name) {
  std::shared_ptr<InputFile> f(new InputFile());
  f->owned_ = std::move(bytes);
  f->view_ = f->owned_;
  f->name_ = std::move(name);
  return f;
}

InputFile::~InputFile() {
  if (map_) ::munmap(map_, map_len_);
}

void InputFile::DropResidentPages() const {
  if (map_) ::madvise(map_, map_len_, MADV_DONTNEED);
}

std::string InputFile::Sha256() const {
  constexpr size_t kPiece = 64u << 20;
  size_t at = 0;
  return Sha256Hex([&]() -> std::string_view {
    if (at > 0) DropResidentPages();
    std::string_view piece = view_.substr(std::min(at, view_.size()), kPiece);
    at += piece.size();
    return piece;
  });
}

std::string_view FileFormatName(FileFormat f) {
  switch (f) {
    case FileFormat::kXlsx: return "xlsx";
    case FileFormat::kXls: return "xls";
    case FileFormat::kEncryptedOffice: return "encrypted";
    case FileFormat::kHtml: return "html";
    case FileFormat::kText: return "text";
    case FileFormat::kUnknownZip: return "zip";
    case FileFormat::kEmpty: return "empty";
  }
  return "?";
}

static bool ContainsUtf16Name(std::string_view b, std::string_view ascii) {
  std::string u16;
  for (char c : ascii) {
    u16.push_back(c);
    u16.push_back('\0');
  }
  return b.find(u16) != std::string_view::npos;
}

FileFormat DetectFormat(std::string_view b) {
  if (b.empty()) return FileFormat::kEmpty;
  if (b.starts_with("PK\x03\x04") || b.starts_with("PK\x05\x06")) {
    // An OOXML package names its parts in the local headers: look for xl/ parts.
    std::string_view head = b.substr(0, std::min<size_t>(b.size(), 1 << 20));
    if (head.find("xl/") != std::string_view::npos || head.find("[Content_Types].xml") != std::string_view::npos)
      return FileFormat::kXlsx;
    return FileFormat::kUnknownZip;
  }
  if (b.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
    // An encrypted xlsx is an OLE2 file with EncryptionInfo and EncryptedPackage streams.
    if (ContainsUtf16Name(b, "EncryptedPackage")) return FileFormat::kEncryptedOffice;
    return FileFormat::kXls;
  }
  std::string_view s = b;
  if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);
  std::string head;
  for (char c : s.substr(0, 4096)) head.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  size_t first = head.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && head[first] == '<' &&
      (head.find("<table") != std::string::npos || head.find("<html") != std::string::npos))
    return FileFormat::kHtml;
  return FileFormat::kText;
}

Result<std::unique_ptr<Workbook>> OpenWorkbook(std::shared_ptr<InputFile> file,
                                               const OpenOptions& options) {
  switch (DetectFormat(file->bytes())) {
    case FileFormat::kXlsx: return OpenXlsx(std::move(file));
    case FileFormat::kXls: return OpenXls(std::move(file));
    case FileFormat::kHtml: return OpenHtmlTable(std::move(file), options.encoding);
    case FileFormat::kText: return OpenCsv(std::move(file), options.encoding);
    case FileFormat::kEncryptedOffice:
      return InvalidArgument(fmt::format("{}: the workbook is encrypted (password-protected); "
                                         "remove the password in Excel/WPS and send it again",
                                         file->name()),
                             "file", file->name(), "文件已加密，请取消密码后重新导入");
    case FileFormat::kUnknownZip:
      return InvalidArgument(fmt::format("{}: a zip archive that is not an xlsx workbook; send the "
                                         "spreadsheet itself (.xlsx, .xls or .csv)",
                                         file->name()),
                             "file", file->name(), "压缩包不是 Excel 文件");
    case FileFormat::kEmpty:
      return InvalidArgument(fmt::format("{}: the file is empty (0 bytes): it was not saved or was cut off "
                                         "when sent; open it in Excel or WPS, check that the rows are there, "
                                         "save it and send it again",
                                         file->name()),
                             "file", file->name(), "文件为空（0字节），可能未保存或传送中断，请在 Excel/WPS 中确认内容后重新保存并发送");
  }
  return Internal("unreachable format");
}

}  // namespace anju::importer
