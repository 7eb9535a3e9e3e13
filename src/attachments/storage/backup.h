// `anju backup` (issue #15 item 3): a backup folder holding the database, every stored file
// and the audit witness, with a manifest of hashes, and its verification.
//
// Layout of OUT_DIR (the database's own name kept, so the copy is usable as it is:
// `anju --db OUT_DIR/anju.db …`):
//   <name>                         the database, copied with SQLite's online backup API
//   <name>.audit-witness           the witness, read before the copy (a lower bound of its trail)
//   <name>.files/sha256/ab/<hex>   every file the copy's attachments rows name
//   SHA256SUMS                     "<sha256>  <relative path>" per file above (sha256sum -c)
//
// Thread-safety: as Connection; the server may keep running while a backup is taken.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "storage/sqlite.h"

namespace anju::storage {

struct BackupSummary {
  std::string database;   // path of the copied database
  int64_t files = 0;      // stored files copied
  int64_t bytes = 0;      // their total size
  bool witness = false;   // the audit witness was copied
};

/// Writes a backup of `db` into `out_dir` (created; must not exist or be empty). Errors:
/// kInvalidArgument (field "out") when out_dir is not empty; kInternal "file damaged" naming
/// the stored file whose content no longer matches its hash (the backup is then incomplete:
/// restore that file first); kInternal for I/O errors.
Result<BackupSummary> MakeBackup(Database& db, const std::string& out_dir);

struct BackupCheck {
  int64_t files_checked = 0;         // entries of SHA256SUMS re-hashed
  std::vector<std::string> faults;   // one line per fault (English), empty when the backup is good
  std::vector<std::string> faults_zh;
  int64_t audit_entries = 0;         // entries of the audit trail verified in the copy
};

/// Re-hashes every file of SHA256SUMS, checks every attachment row of the copied database has
/// its file, opens the database (read-only) and verifies its audit trail against the copied
/// witness. Faults are results, not errors. Errors: kInvalidArgument (field "dir") when the
/// folder has no SHA256SUMS.
Result<BackupCheck> VerifyBackup(const std::string& dir);

}  // namespace anju::storage
