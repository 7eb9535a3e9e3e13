// Opening an import file: its bytes (memory-mapped for files on disk, so a 1 GB CSV costs no
// heap), the format recognised from its content (magic bytes, never the extension), and the
// reader for that format.
//
// Thread-safety: an InputFile is immutable after opening; share it read-only.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"
#include "importer/sheet.h"

namespace anju::importer {

/// The bytes of one uploaded or local file and its display name (for messages and the audit).
class InputFile {
 public:
  /// Maps the file read-only. Errors: kNotFound (no such file), kInvalidArgument (a directory,
  /// or unreadable), naming the path.
  static Result<std::shared_ptr<InputFile>> Open(const std::string& path);
  /// Wraps bytes received in memory (a web upload); `name` is the client's file name.
  static std::shared_ptr<InputFile> FromBytes(std::string bytes, std::string name);
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  std::string_view bytes() const { return view_; }
  /// The file name without directories, e.g. "临泉镇.xlsx".
  const std::string& name() const { return name_; }
  /// The path on disk, or "" for bytes received in memory.
  const std::string& path() const { return path_; }
  /// For a mapped file: tells the kernel this process needs none of its pages resident now
  /// (madvise MADV_DONTNEED). They stay in the page cache and come back on the next access, so
  /// bytes() stays valid; a long sequential read calls this as it goes, so that a 131 MB xlsx
  /// does not add 131 MB to the import's resident memory. No-op for bytes in memory.
  void DropResidentPages() const;
  /// SHA-256 of the bytes (64 hex digits), hashed 64 MiB at a time with the pages released
  /// between pieces.
  std::string Sha256() const;

 private:
  InputFile() = default;
  std::string owned_;
  void* map_ = nullptr;
  size_t map_len_ = 0;
  std::string_view view_;
  std::string name_, path_;
};

/// Formats recognised by content.
enum class FileFormat { kXlsx, kXls, kEncryptedOffice, kHtml, kText, kUnknownZip, kEmpty };

/// Names the format: "xlsx", "xls", "encrypted", "html", "text", "zip", "empty".
std::string_view FileFormatName(FileFormat f);

/// Recognises the format from the first bytes: "PK\3\4" with xl/ parts -> xlsx, an OLE2
/// compound file -> xls (or encrypted Office when it holds an EncryptedPackage stream), markup
/// beginning with <html/<table (also behind a BOM) -> html, anything else -> text (CSV/TSV).
FileFormat DetectFormat(std::string_view bytes);

/// Options for opening a workbook.
struct OpenOptions {
  std::string encoding;  // force a text encoding (ICU name: "GB18030", "GBK", "UTF-16LE" …)
};

/// Opens the right reader for the file's content. Errors (kInvalidArgument, naming the file):
/// encrypted or password-protected workbook, zip bomb or absurd declared sizes, damaged
/// workbook, text in no recognisable encoding, an empty file.
Result<std::unique_ptr<Workbook>> OpenWorkbook(std::shared_ptr<InputFile> file,
                                               const OpenOptions& options = {});

}  // namespace anju::importer
