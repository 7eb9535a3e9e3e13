// The employment_kind cache refresh run by `anju serve` (docs/industry.md "The registry seam"):
// at start and then every hour on its own connection as the system actor, so a job ended by
// date (ended_on = today) leaves persons.employment_kind within the hour after midnight (China).
// Idempotent: a run changes only persons whose cache differs from their jobs today.
//
// Thread-safety: one background thread; the destructor stops it and waits (at most one run).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace anju::industry {

class JobsRefreshTimer {
 public:
  /// Starts the thread: refreshes `db_path` now and every `every`. `log` gets one line per run
  /// that changed something and each failure (counts only, no personal data).
  JobsRefreshTimer(std::string db_path, std::function<void(std::string_view)> log,
                   std::chrono::seconds every = std::chrono::hours(1));
  ~JobsRefreshTimer();
  JobsRefreshTimer(const JobsRefreshTimer&) = delete;
  JobsRefreshTimer& operator=(const JobsRefreshTimer&) = delete;

 private:
  void Loop();
  std::string db_path_;
  std::function<void(std::string_view)> log_;
  std::chrono::seconds every_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  // Set with stop_: the connection's lock waits and statements end at once (OpenOptions::stop),
  // so a stop (SIGTERM) never waits out a sweep blocked on a lock; its transaction rolls back.
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace anju::industry
