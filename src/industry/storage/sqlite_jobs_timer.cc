#include "industry/storage/sqlite_jobs_timer.h"

#include <fmt/format.h>

#include "industry/storage/sqlite_jobs.h"
#include "storage/sqlite.h"

namespace anju::industry {

JobsRefreshTimer::JobsRefreshTimer(std::string db_path, std::function<void(std::string_view)> log,
                                   std::chrono::seconds every)
    : db_path_(std::move(db_path)), log_(std::move(log)), every_(every) {
  thread_ = std::thread([this] { Loop(); });
}

JobsRefreshTimer::~JobsRefreshTimer() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void JobsRefreshTimer::Loop() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    lock.unlock();
    const Date today = TodayInChina();
    auto db = storage::Database::Open(db_path_, {.stop = &stopping_});
    if (!db) {
      if (log_ && !stopping_) log_(fmt::format("industry: jobs refresh: {}", db.error().ToString()));
    } else {
      storage::SqliteJobRepository repo(**db);
      auto r = repo.RefreshCaches(SystemActor(), today);
      if (!r) {
        if (log_ && !stopping_) log_(fmt::format("industry: jobs refresh: {}", r.error().ToString()));
      } else if (*r > 0 && log_) {
        log_(fmt::format("industry: jobs refresh {}: {} persons' employment_kind updated", FormatIsoDate(today), *r));
      }
    }
    lock.lock();
    cv_.wait_for(lock, every_, [this] { return stop_; });
  }
}

}  // namespace anju::industry
