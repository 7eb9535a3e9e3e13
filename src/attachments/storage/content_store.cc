#include "attachments/storage/content_store.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/sha256.h"

namespace anju::storage {
namespace {

namespace fs = std::filesystem;

std::unexpected<Error> IoError(std::string_view what, const std::string& path, int err) {
  return Internal(fmt::format("cannot {} {}: {}", what, path, std::strerror(err)));
}

Status FsyncDir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);  // file-open: the store's own folder, for fsync
  if (fd < 0) return IoError("open folder", dir, errno);
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0) return IoError("fsync folder", dir, err);
  return {};
}

std::unexpected<Error> Damaged(std::string_view sha256, const std::string& path,
                               std::string_view why) {
  Error e;
  e.code = ErrorCode::kInternal;
  e.field = "sha256";
  e.value = std::string(sha256);
  e.message = fmt::format("file damaged: {} ({}); restore it from a backup (anju backup)", path, why);
  e.message_zh = "文件已损坏，请从备份恢复（anju backup）";
  return std::unexpected(std::move(e));
}

}  // namespace

ContentStore::ContentStore(const std::string& db_path) : root_(RootFor(db_path)) {}

std::string ContentStore::RootFor(const std::string& db_path) {
  if (db_path.empty() || db_path == ":memory:" || db_path.rfind("file:", 0) == 0) return {};
  return db_path + ".files";
}

bool ContentStore::IsHash(std::string_view h) {
  if (h.size() != 64) return false;
  for (char c : h)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::string ContentStore::PathOf(std::string_view sha256) const {
  if (root_.empty() || !IsHash(sha256)) return {};
  return fmt::format("{}/sha256/{}/{}", root_, sha256.substr(0, 2), sha256);
}

Result<std::string> ReadWholeFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);  // file-open: a stored attachment or backup file (never the database)
  if (fd < 0) return IoError("read", path, errno);
  std::string out;
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      return IoError("read", path, err);
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

Status WriteFileDurably(const std::string& path, std::string_view bytes) {
  const std::string dir = fs::path(path).parent_path().string();
  std::string tmpl = dir + "/.tmp-XXXXXX";
  int fd = ::mkstemp(tmpl.data());  // file-open: a temporary file in the store's own folder
  if (fd < 0) return IoError("create a temporary file in", dir, errno);
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int err = errno;
      ::close(fd);
      ::unlink(tmpl.c_str());
      return IoError("write", tmpl, err);
    }
    done += static_cast<size_t>(n);
  }
  ::fchmod(fd, 0640);
  if (::fsync(fd) != 0) {
    int err = errno;
    ::close(fd);
    ::unlink(tmpl.c_str());
    return IoError("fsync", tmpl, err);
  }
  ::close(fd);
  if (::rename(tmpl.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmpl.c_str());
    return IoError("rename into place", path, err);
  }
  return FsyncDir(dir);
}

Result<std::string> ContentStore::Put(std::string_view bytes) {
  if (root_.empty()) return Unavailable("an in-memory database has no file store");
  std::string sha = Sha256Hex(bytes);
  std::string path = PathOf(sha);
  std::error_code ec;
  const std::string dir = fs::path(path).parent_path().string();
  fs::create_directories(dir, ec);
  if (ec) return Internal(fmt::format("cannot create folder {}: {}", dir, ec.message()));
  if (fs::exists(path, ec)) {
    auto have = Get(sha);
    if (have) return sha;  // the same content is stored once
    // A damaged copy: replaced below by the good bytes.
  }
  if (auto st = WriteFileDurably(path, bytes); !st) return std::unexpected(st.error());
  return sha;
}

Result<std::string> ContentStore::Get(std::string_view sha256) const {
  if (root_.empty()) return Unavailable("an in-memory database has no file store");
  std::string path = PathOf(sha256);
  if (path.empty()) return Damaged(sha256, root_, "not a SHA-256");
  auto bytes = ReadWholeFile(path);
  if (!bytes) return Damaged(sha256, path, "missing or unreadable");
  if (Sha256Hex(*bytes) != sha256) return Damaged(sha256, path, "content does not match its SHA-256");
  return bytes;
}

}  // namespace anju::storage
