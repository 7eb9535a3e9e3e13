// The escalation sweep run by `anju serve` (docs/casework.md "Escalation"): once at start and
// then every hour, on its own database connection, as the system actor. The sweep is
// idempotent per day, so the hourly runs only pick up cases that became overdue (or near) and
// the first run after midnight (China) escalates the day's overdue cases.
//
// Thread-safety: one background thread; the destructor stops it and waits (at most one sweep).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace anju::casework {

class EscalationTimer {
 public:
  /// Starts the thread: sweeps `db_path` now and every `every`. `log` receives one line per
  /// sweep that changed something and each failure (never personal data).
  EscalationTimer(std::string db_path, std::function<void(std::string_view)> log,
                  std::chrono::seconds every = std::chrono::hours(1));
  ~EscalationTimer();
  EscalationTimer(const EscalationTimer&) = delete;
  EscalationTimer& operator=(const EscalationTimer&) = delete;

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

}  // namespace anju::casework
