// The zero-employment sweep run by `anju serve` (docs/industry.md "Services"): at start and then
// at the first check of each new day (China), on its own database connection, as the system
// actor (storage::SweepZeroEmployment: opens the follow-ups of new alert households, clears
// those that left the rule). Checks every `every` (an hour) whether the day changed.
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

namespace anju::storage {

class ZeroEmploymentTimer {
 public:
  /// `log` receives one line per sweep that changed something and each failure (no personal data).
  ZeroEmploymentTimer(std::string db_path, std::function<void(std::string_view)> log,
                      std::chrono::seconds every = std::chrono::hours(1));
  ~ZeroEmploymentTimer();
  ZeroEmploymentTimer(const ZeroEmploymentTimer&) = delete;
  ZeroEmploymentTimer& operator=(const ZeroEmploymentTimer&) = delete;

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

}  // namespace anju::storage
