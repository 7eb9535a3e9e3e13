#include "attachments/storage/backup.h"

#include <fmt/format.h>

#include <filesystem>
#include <set>
#include <sstream>

#include "attachments/storage/content_store.h"
#include "core/sha256.h"
#include "core/try.h"
#include "storage/audit_log.h"
#include "storage/audit_witness.h"

namespace anju::storage {
namespace {

namespace fs = std::filesystem;

// The distinct hashes the attachments rows of `db` name (none when the table is missing).
Result<std::vector<std::string>> StoredHashes(Connection& db) {
  ANJU_TRY(has, db.Prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'attachments'"));
  ANJU_TRY(r, has.Step());
  if (!r || has.ColumnInt(0) == 0) return std::vector<std::string>{};
  ANJU_TRY(st, db.Prepare("SELECT DISTINCT sha256 FROM attachments ORDER BY sha256"));
  std::vector<std::string> out;
  for (;;) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    out.push_back(st.ColumnText(0));
  }
  return out;
}

Status MakeParent(const std::string& path) {
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  if (ec) return Internal(fmt::format("cannot create folder for {}: {}", path, ec.message()));
  return {};
}

}  // namespace

Result<BackupSummary> MakeBackup(Database& db, const std::string& out_dir) {
  std::error_code ec;
  if (fs::exists(out_dir, ec) && !fs::is_empty(out_dir, ec))
    return InvalidArgument(fmt::format("{} is not empty; back up into a new folder", out_dir), "out",
                           out_dir, fmt::format("{} 不是空文件夹；请备份到新的文件夹", out_dir));
  fs::create_directories(out_dir, ec);
  if (ec) return Internal(fmt::format("cannot create {}: {}", out_dir, ec.message()));
  const std::string name = fs::path(db.path()).filename().string();
  BackupSummary sum;
  sum.database = (fs::path(out_dir) / name).string();
  std::vector<std::pair<std::string, std::string>> manifest;  // hash, relative path

  // The witness first: read before the copy, it names an entry the copy holds (a lower bound).
  const std::string witness = AuditWitnessPath(db.path());
  std::optional<std::string> witness_bytes;
  if (!witness.empty() && fs::exists(witness, ec)) {
    ANJU_TRY(w, ReadWholeFile(witness));
    witness_bytes = w;
  }
  ANJU_CHECK(db.BackupTo(sum.database));
  if (witness_bytes) {
    ANJU_CHECK(WriteFileDurably(AuditWitnessPath(sum.database), *witness_bytes));
    manifest.emplace_back(Sha256Hex(*witness_bytes), name + ".audit-witness");
    sum.witness = true;
  }

  // Every file the copy names, verified on the way (a damaged file is not copied as good).
  ANJU_TRY(copy, Database::Open(sum.database, {.read_only = true, .create = false}));
  ANJU_TRY(hashes, StoredHashes(*copy));
  copy.reset();
  ContentStore from(db.path()), to(sum.database);
  std::vector<Error> damaged;
  for (const std::string& h : hashes) {
    auto bytes = from.Get(h);
    if (!bytes) {
      damaged.push_back(bytes.error());
      continue;
    }
    const std::string dest = to.PathOf(h);
    ANJU_CHECK(MakeParent(dest));
    ANJU_CHECK(WriteFileDurably(dest, *bytes));
    manifest.emplace_back(h, fs::relative(dest, out_dir).string());
    sum.files += 1;
    sum.bytes += static_cast<int64_t>(bytes->size());
  }
  ANJU_TRY(dbbytes, ReadWholeFile(sum.database));  // file-open: the backup copy, closed by SQLite above
  manifest.insert(manifest.begin(), {Sha256Hex(dbbytes), name});
  std::string text;
  for (const auto& [h, rel] : manifest) text += fmt::format("{}  {}\n", h, rel);
  ANJU_CHECK(WriteFileDurably((fs::path(out_dir) / "SHA256SUMS").string(), text));
  if (!damaged.empty()) {
    std::string list;
    for (const Error& e : damaged) list += (list.empty() ? "" : ", ") + e.value;
    Error e;
    e.code = ErrorCode::kInternal;
    e.field = "sha256";
    e.value = list;
    e.message = fmt::format("file damaged: {} stored file(s) no longer match their SHA-256 and "
                            "were left out of the backup: {}; restore them from an earlier backup",
                            damaged.size(), list);
    e.message_zh = fmt::format("文件已损坏：{} 个附件与其 SHA-256 不符，未写入备份；请从以前的备份恢复",
                               damaged.size());
    return std::unexpected(std::move(e));
  }
  return sum;
}

Result<BackupCheck> VerifyBackup(const std::string& dir) {
  const std::string sums = (fs::path(dir) / "SHA256SUMS").string();
  std::error_code ec;
  if (!fs::exists(sums, ec))
    return InvalidArgument(fmt::format("{} has no SHA256SUMS: not a backup made by anju backup", dir),
                           "dir", dir, fmt::format("{} 中没有 SHA256SUMS，不是 anju backup 生成的备份", dir));
  ANJU_TRY(text, ReadWholeFile(sums));
  BackupCheck out;
  std::istringstream in(text);
  std::string line, database;
  std::set<std::string> listed;
  while (std::getline(in, line)) {
    if (line.size() < 67 || line.substr(64, 2) != "  ") {
      out.faults.push_back(fmt::format("SHA256SUMS: unreadable line '{}'", line));
      out.faults_zh.push_back(fmt::format("SHA256SUMS 中无法识别的行：{}", line));
      continue;
    }
    std::string want = line.substr(0, 64), rel = line.substr(66);
    if (database.empty()) database = (fs::path(dir) / rel).string();
    if (rel.find("..") != std::string::npos || rel.starts_with("/")) {
      out.faults.push_back(fmt::format("SHA256SUMS names a path outside the backup: {}", rel));
      out.faults_zh.push_back(fmt::format("SHA256SUMS 中的路径不在备份内：{}", rel));
      continue;
    }
    listed.insert(rel);
    out.files_checked += 1;
    auto bytes = ReadWholeFile((fs::path(dir) / rel).string());
    if (!bytes) {
      out.faults.push_back(fmt::format("{}: missing or unreadable", rel));
      out.faults_zh.push_back(fmt::format("{}：缺失或无法读取", rel));
    } else if (Sha256Hex(*bytes) != want) {
      out.faults.push_back(fmt::format("{}: damaged (SHA-256 differs from SHA256SUMS)", rel));
      out.faults_zh.push_back(fmt::format("{}：已损坏（SHA-256 与 SHA256SUMS 不符）", rel));
    }
  }
  if (database.empty()) {
    out.faults.push_back("SHA256SUMS lists no database");
    out.faults_zh.push_back("SHA256SUMS 中没有数据库");
    return out;
  }
  auto db = Database::Open(database, {.read_only = true, .create = false});
  if (!db) {
    out.faults.push_back(fmt::format("the database does not open: {}", db.error().ToString()));
    out.faults_zh.push_back("数据库无法打开");
    return out;
  }
  ANJU_TRY(hashes, StoredHashes(**db));
  ContentStore copy(database);
  for (const std::string& h : hashes) {
    std::string rel = fs::relative(copy.PathOf(h), dir).string();
    if (!listed.contains(rel)) {
      out.faults.push_back(fmt::format("stored file {} is named by the database but not in the backup", h));
      out.faults_zh.push_back(fmt::format("数据库引用的附件 {} 不在备份中", h));
    }
  }
  ANJU_TRY(v, VerifyAuditTrail(**db));
  out.audit_entries = v.entries;
  if (v.first_bad_seq != 0) {
    out.faults.push_back(fmt::format("audit trail broken at entry {}: {}", v.first_bad_seq, v.reason));
    out.faults_zh.push_back(fmt::format("审计日志第 {} 条异常：{}", v.first_bad_seq, v.reason_zh));
  }
  return out;
}

}  // namespace anju::storage
