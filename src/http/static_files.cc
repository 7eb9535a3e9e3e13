#include "http/static_files.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace anju::http {

std::string_view ContentTypeFor(std::string_view path) {
  static const std::map<std::string_view, std::string_view> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
  };
  size_t dot = path.rfind('.');
  size_t slash = path.rfind('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
    return "application/octet-stream";
  }
  auto it = kTypes.find(path.substr(dot));
  return it == kTypes.end() ? std::string_view("application/octet-stream") : it->second;
}

bool IsSafeRelativePath(std::string_view rel) {
  if (rel.empty() || rel.front() == '/' || rel.find('\\') != std::string_view::npos ||
      rel.find('\0') != std::string_view::npos) {
    return false;
  }
  size_t i = 0;
  while (i <= rel.size()) {
    size_t j = rel.find('/', i);
    if (j == std::string_view::npos) j = rel.size();
    std::string_view seg = rel.substr(i, j - i);
    if (seg.empty() || seg == "." || seg == "..") return false;
    i = j + 1;
  }
  return true;
}

namespace {
// FNV-1a 64: a cheap content hash for ETags (not security relevant).
std::string Etag(std::string_view bytes) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return fmt::format("\"{:016x}\"", h);
}

StaticAsset Make(std::string_view rel, std::string body) {
  StaticAsset a;
  a.content_type = ContentTypeFor(rel);
  a.etag = Etag(body);
  // Vendor files change only with a new build; the UI's own files are revalidated each load.
  a.cache_control = rel.starts_with("vendor/") ? "public, max-age=86400" : "no-cache";
  a.body = std::move(body);
  return a;
}
}  // namespace

StaticFiles StaticFiles::Embedded() {
  StaticFiles s;
  for (const EmbeddedFile& f : EmbeddedWebFiles()) {
    s.embedded_.emplace(std::string(f.path), Make(f.path, std::string(f.content)));
  }
  return s;
}

Result<StaticFiles> StaticFiles::FromDirectory(const std::string& root,
                                               const std::string& echarts_file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(std::filesystem::path(root) / "index.html", ec)) {
    return NotFound(fmt::format("web root {} has no index.html; pass --web-root pointing at "
                                "the checkout's src/web",
                                root),
                    "web_root", root, "网页目录中没有 index.html");
  }
  StaticFiles s;
  s.root_ = root;
  s.canonical_root_ = std::filesystem::canonical(root, ec).string();
  if (ec) {
    return NotFound(fmt::format("web root {} cannot be resolved: {}", root, ec.message()),
                    "web_root", root, "无法解析网页目录路径");
  }
  s.echarts_file_ = echarts_file;
  return s;
}

std::optional<StaticAsset> StaticFiles::Find(std::string_view rel) const {
  if (!IsSafeRelativePath(rel)) return std::nullopt;
  if (root_.empty()) {
    auto it = embedded_.find(rel);
    if (it == embedded_.end()) return std::nullopt;
    return it->second;
  }
  const bool echarts = rel == "vendor/echarts.min.js" && !echarts_file_.empty();
  std::filesystem::path p = echarts ? std::filesystem::path(echarts_file_)
                                    : std::filesystem::path(root_) / std::string(rel);
  std::error_code ec;
  if (!echarts) {
    // A symlink inside the root may point anywhere: serve only what resolves below the
    // canonical root (the configured ECharts file is the one file allowed outside it).
    std::filesystem::path real = std::filesystem::canonical(p, ec);
    if (ec) return std::nullopt;
    std::string r = real.string();
    if (r.size() <= canonical_root_.size() || !r.starts_with(canonical_root_) ||
        (canonical_root_.back() != '/' && r[canonical_root_.size()] != '/')) {
      return std::nullopt;
    }
    p = std::move(real);
  }
  if (!std::filesystem::is_regular_file(p, ec)) return std::nullopt;
  std::ifstream in(p, std::ios::binary);  // file-open: a web asset under --web-root
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return Make(rel, ss.str());
}

}  // namespace anju::http
