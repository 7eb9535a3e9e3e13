#include "storage/audit_witness.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>
#include <utility>

namespace anju::storage {
namespace {

constexpr std::string_view kMagic = "anju-audit-witness 1";

std::unexpected<Error> FileError(const std::string& path, std::string_view what, int err) {
  return Internal(fmt::format("audit witness {}: {}: {}", path, what, std::strerror(err)));
}

// Closes a descriptor when it goes out of scope (and with it the flock).
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

// The whole content of an open descriptor, from offset 0.
bool ReadAll(int fd, std::string* out) {
  out->clear();
  char buf[512];
  off_t off = 0;
  while (true) {
    ssize_t n = ::pread(fd, buf, sizeof buf, off);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (n == 0) return true;
    out->append(buf, static_cast<size_t>(n));
    off += n;
    if (out->size() > 4096) return true;  // a witness is ~130 bytes; more is not ours
  }
}

// std::nullopt for an empty file (created by a writer that stopped before writing);
// kInternal for anything else that is not a witness.
Result<std::optional<AuditWitness>> Parse(const std::string& path, const std::string& text) {
  if (text.empty()) return std::optional<AuditWitness>();
  std::istringstream in(text);
  std::string line;
  AuditWitness w;
  bool magic = false, seq = false;
  while (std::getline(in, line)) {
    if (line == kMagic) {
      magic = true;
    } else if (line.rfind("seq ", 0) == 0) {
      try {
        w.seq = std::stoll(line.substr(4));
        seq = w.seq > 0;
      } catch (const std::exception&) {
        seq = false;
      }
    } else if (line.rfind("hash ", 0) == 0) {
      w.hash = line.substr(5);
    } else if (line.rfind("at ", 0) == 0) {
      w.at = line.substr(3);
    }
  }
  if (!magic || !seq || w.hash.size() != 64) {
    return Internal(fmt::format("audit witness {} is not a witness written by anju (damaged or "
                                "replaced); the end of the audit trail cannot be checked",
                                path));
  }
  return std::optional<AuditWitness>(std::move(w));
}

}  // namespace

std::string AuditWitnessPath(const std::string& db_path) {
  if (db_path.empty() || db_path == ":memory:" || db_path.rfind("file:", 0) == 0) return {};
  return db_path + ".audit-witness";
}

std::string FormatAuditWitness(const AuditWitness& w) {
  return fmt::format("{}\nseq {}\nhash {}\nat {}\n", kMagic, w.seq, w.hash, w.at);
}

Result<std::optional<AuditWitness>> ReadAuditWitness(const std::string& db_path) {
  std::string path = AuditWitnessPath(db_path);
  if (path.empty()) return std::optional<AuditWitness>();
  Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};  // file-open: the witness, not the db
  if (f.fd < 0) {
    if (errno == ENOENT) return std::optional<AuditWitness>();
    return FileError(path, "cannot be read", errno);
  }
  std::string text;
  if (!ReadAll(f.fd, &text)) return FileError(path, "cannot be read", errno);
  return Parse(path, text);
}

Status AdvanceAuditWitness(Database& db) {
  const std::string path = AuditWitnessPath(db.path());
  if (path.empty()) return {};
  // Lock the file that is the witness now: a writer replaces it by rename, so after waiting
  // for the lock check that the locked file is still the one at `path`.
  Fd f;
  for (int attempt = 0;; ++attempt) {
    // file-open: the witness, its own file beside the database (never the db, -wal, -shm)
    f.fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (f.fd < 0) return FileError(path, "cannot be opened", errno);
    while (::flock(f.fd, LOCK_EX) != 0) {
      if (errno != EINTR) return FileError(path, "cannot be locked", errno);
    }
    struct stat locked {}, named {};
    if (::fstat(f.fd, &locked) == 0 && ::stat(path.c_str(), &named) == 0 &&
        locked.st_ino == named.st_ino && locked.st_dev == named.st_dev)
      break;
    ::close(f.fd);
    f.fd = -1;
    if (attempt > 100) return Internal(fmt::format("audit witness {} keeps changing", path));
  }
  std::string text;
  if (!ReadAll(f.fd, &text)) return FileError(path, "cannot be read", errno);
  auto current = Parse(path, text);
  if (!current) return std::unexpected(current.error());  // not ours: leave it for verify

  // The head read under the lock, so two writers never move the witness backwards.
  auto head = db.Prepare("SELECT seq, hash, at FROM audit_log ORDER BY seq DESC LIMIT 1");
  if (!head) return std::unexpected(head.error());
  auto row = head->Step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return {};
  AuditWitness next{head->ColumnInt(0), head->ColumnText(1), head->ColumnText(2)};
  if (*current) {
    const AuditWitness& w = **current;
    if (w.seq >= next.seq) return {};
    // Only along the same chain: if the witnessed entry is gone or changed, keep the evidence.
    auto at = db.Prepare("SELECT hash FROM audit_log WHERE seq = ?");
    if (!at) return std::unexpected(at.error());
    at->Bind(1, w.seq);
    auto r = at->Step();
    if (!r) return std::unexpected(r.error());
    if (!*r || at->ColumnText(0) != w.hash) return {};
  }

  const std::string tmp = path + ".tmp";
  const std::string content = FormatAuditWitness(next);
  {
    // file-open: the witness's temporary replacement
    Fd t{::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)};
    if (t.fd < 0) return FileError(tmp, "cannot be created", errno);
    size_t done = 0;
    while (done < content.size()) {
      ssize_t n = ::write(t.fd, content.data() + done, content.size() - done);
      if (n < 0) {
        if (errno == EINTR) continue;
        int e = errno;
        ::unlink(tmp.c_str());
        return FileError(tmp, "cannot be written", e);
      }
      done += static_cast<size_t>(n);
    }
    if (::fdatasync(t.fd) != 0) {
      int e = errno;
      ::unlink(tmp.c_str());
      return FileError(tmp, "cannot be written", e);
    }
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int e = errno;
    ::unlink(tmp.c_str());
    return FileError(path, "cannot be replaced", e);
  }
  return {};
}

}  // namespace anju::storage
