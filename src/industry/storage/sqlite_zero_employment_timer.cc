#include "industry/storage/sqlite_zero_employment_timer.h"

#include <fmt/format.h>

#include <optional>

#include "industry/storage/sqlite_services.h"
#include "storage/sqlite.h"

namespace anju::storage {

ZeroEmploymentTimer::ZeroEmploymentTimer(std::string db_path, std::function<void(std::string_view)> log,
                                         std::chrono::seconds every)
    : db_path_(std::move(db_path)), log_(std::move(log)), every_(every) {
  thread_ = std::thread([this] { Loop(); });
}

ZeroEmploymentTimer::~ZeroEmploymentTimer() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ZeroEmploymentTimer::Loop() {
  std::optional<Date> swept;
  std::unique_lock lock(mu_);
  while (!stop_) {
    lock.unlock();
    const Date today = TodayInChina();
    if (swept != today) {
      // file-open: the served database (its path from `anju serve --db`), a connection of this thread.
      auto db = Database::Open(db_path_, {.stop = &stopping_});
      if (!db) {
        if (log_ && !stopping_) log_(fmt::format("industry: zero-employment sweep: {}", db.error().ToString()));
      } else if (auto r = SweepZeroEmployment(**db, today); !r) {
        if (log_ && !stopping_) log_(fmt::format("industry: zero-employment sweep: {}", r.error().ToString()));
      } else {
        swept = today;
        if ((r->opened || r->cleared) && log_)
          log_(fmt::format("industry: zero-employment sweep {}: {} follow-ups opened, {} cleared",
                           FormatIsoDate(today), r->opened, r->cleared));
      }
    }
    lock.lock();
    cv_.wait_for(lock, every_, [this] { return stop_; });
  }
}

}  // namespace anju::storage
