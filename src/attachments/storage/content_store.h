// The content-addressed file store beside the database (issue #15 item 3): `<db>.files/sha256/
// ab/<64 hex>` where `ab` are the first two hex digits. The path is built only from the SHA-256
// of the bytes (64 lower-case hex digits, checked), never from anything a user sent, and the
// store is never served as static files.
//
// Writes go to a temporary file in the same folder, are fsynced, renamed over the final name and
// the folder fsynced, so a crash leaves either no file or the whole file. The same content is
// stored once (a second upload of it finds the file and keeps it; a damaged copy is replaced by
// the good bytes). Reads re-hash the bytes and refuse a file whose hash differs ("file damaged").
//
// Thread-safety: any thread and process at the same time (rename is atomic; two writers of the
// same content write the same bytes).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"

namespace anju::storage {

class ContentStore {
 public:
  /// The store of the database at `db_path`: `<db_path>.files`. An in-memory database
  /// (":memory:", "", "file:…") has none: every call answers kUnavailable.
  explicit ContentStore(const std::string& db_path);

  /// `<db_path>.files` ("" for an in-memory database).
  static std::string RootFor(const std::string& db_path);
  /// Whether `sha256` is 64 lower-case hex digits (the only input a path is built from).
  static bool IsHash(std::string_view sha256);
  /// `<root>/sha256/ab/<hex>`; "" when `sha256` is not a hash.
  std::string PathOf(std::string_view sha256) const;

  /// Stores `bytes` and returns their SHA-256 (hex). Errors: kInternal naming the path when the
  /// folder or file cannot be written (nothing half-written stays under the final name).
  Result<std::string> Put(std::string_view bytes);
  /// The bytes stored under `sha256`, verified: kInternal with message "file damaged" / "文件已
  /// 损坏" (field "sha256", value the expected hash) when the file is missing or its content
  /// hashes otherwise.
  Result<std::string> Get(std::string_view sha256) const;

  const std::string& root() const { return root_; }

 private:
  std::string root_;
};

/// Reads a whole file (for backups and verification). Errors: kInternal naming the path.
Result<std::string> ReadWholeFile(const std::string& path);
/// Writes `bytes` to `path` through a temporary file in the same folder, fsync, rename, fsync of
/// the folder. Errors: kInternal naming the path.
Status WriteFileDurably(const std::string& path, std::string_view bytes);

}  // namespace anju::storage
