#include "http/report_cache.h"

namespace anju::http {

std::shared_ptr<const std::string> ReportCache::Get(const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : it->second;
}

void ReportCache::Put(const std::string& key, std::shared_ptr<const std::string> body) {
  std::lock_guard lock(mu_);
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_[key] = std::move(body);
}

}  // namespace anju::http
