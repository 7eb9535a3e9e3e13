// A cache of rendered county reports (GET /api/v1/report), shared by the server's workers.
//
// The report is computed from every household and person (tens of milliseconds on the demo
// database, seconds on a large county), and the dashboard asks for it on every visit. An entry
// is keyed by what the answer depends on: the newest audit sequence number (every change to the
// records appends an audit entry in the same transaction, so any change gives a new key), the
// as-of date, the site filter and today's date (which bounds birth dates in the id checks).
// Stale entries are never served: a changed database simply misses.
//
// Thread-safety: all methods are safe from any thread (one mutex).
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace anju::http {

class ReportCache {
 public:
  /// The body cached under `key`, or nullptr.
  std::shared_ptr<const std::string> Get(const std::string& key);
  /// Stores `body` under `key`; when full (kMaxEntries), the cache is emptied first.
  void Put(const std::string& key, std::shared_ptr<const std::string> body);

  static constexpr size_t kMaxEntries = 16;

 private:
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<const std::string>> entries_;
};

}  // namespace anju::http
