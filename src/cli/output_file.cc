#include "cli/output_file.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "importer/export.h"

namespace anju::cli {

namespace {

// Redirects fd 2 into a temporary file for its lifetime; Release() restores it and returns
// what was written.
class StderrCapture {
 public:
  StderrCapture() {
    std::fflush(stderr);
    file_ = std::tmpfile();
    saved_ = file_ ? ::dup(STDERR_FILENO) : -1;
    if (saved_ >= 0) ::dup2(::fileno(file_), STDERR_FILENO);
  }
  ~StderrCapture() { Release(); }
  std::string Release() {
    std::string text;
    if (saved_ >= 0) {
      std::fflush(stderr);
      ::dup2(saved_, STDERR_FILENO);
      ::close(saved_);
      saved_ = -1;
      std::rewind(file_);
      char buf[4096];
      size_t n;
      while ((n = std::fread(buf, 1, sizeof buf, file_)) > 0) text.append(buf, n);
    }
    if (file_) std::fclose(file_);
    file_ = nullptr;
    return text;
  }

 private:
  std::FILE* file_ = nullptr;
  int saved_ = -1;
};

// The reason in libxlsxwriter's lines ("… System error = No space left on device"), or "".
std::string SystemReason(const std::string& captured) {
  constexpr std::string_view kTag = "System error = ";
  size_t at = captured.rfind(kTag);
  if (at == std::string::npos) return {};
  std::string r = captured.substr(at + kTag.size());
  if (size_t nl = r.find('\n'); nl != std::string::npos) r.resize(nl);
  return r;
}

Status Failed(const std::string& path, std::string_view option, const std::string& reason) {
  return InvalidArgument(
      fmt::format("cannot write --{} {}: {}; nothing was written; check the disk space and that "
                  "the folder exists and may be written, or choose another file",
                  option, path, reason),
      std::string(option), path,
      fmt::format("无法写入 {}：{}；未留下任何文件。请检查磁盘空间、文件夹是否存在且可写，或另选文件",
                  path, reason));
}

}  // namespace

Status WriteOutputFile(const std::string& path, std::string_view option,
                       const std::function<Status(const std::string& target)>& write) {
  namespace fs = std::filesystem;
  if (auto st = importer::CheckOutputWritable(path, option); !st) return st;
  std::error_code ec;
  const bool direct = fs::exists(path, ec) && !fs::is_regular_file(path, ec);
  std::string target = path;
  if (!direct) {
    fs::path p(path);
    target = (p.parent_path() / fmt::format(".{}.partial-{}{}", p.stem().string(), ::getpid(),
                                            p.extension().string()))
                 .string();
  }
  StderrCapture capture;
  Status st = write(target);
  std::string captured = capture.Release();
  if (st && !direct && std::rename(target.c_str(), path.c_str()) != 0) {
    std::string reason = std::strerror(errno);
    ::unlink(target.c_str());
    return Failed(path, option, reason);
  }
  if (!st) {
    if (!direct) ::unlink(target.c_str());
    std::string reason = SystemReason(captured);
    if (reason.empty()) {
      reason = st.error().message;
      // The writer names the temporary file: name the one the user asked for.
      for (size_t at; (at = reason.find(target)) != std::string::npos;) reason.replace(at, target.size(), path);
    }
    return Failed(path, option, reason);
  }
  if (!captured.empty()) std::fwrite(captured.data(), 1, captured.size(), stderr);
  return {};
}

}  // namespace anju::cli
