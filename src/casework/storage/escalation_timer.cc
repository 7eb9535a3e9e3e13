#include "casework/storage/escalation_timer.h"

#include <fmt/format.h>

#include "casework/storage/sqlite_casework.h"
#include "storage/sqlite.h"

namespace anju::casework {

EscalationTimer::EscalationTimer(std::string db_path, std::function<void(std::string_view)> log,
                                 std::chrono::seconds every)
    : db_path_(std::move(db_path)), log_(std::move(log)), every_(every) {
  thread_ = std::thread([this] { Loop(); });
}

EscalationTimer::~EscalationTimer() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void EscalationTimer::Loop() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    lock.unlock();
    const Date today = TodayInChina();
    auto db = storage::Database::Open(db_path_, {.stop = &stopping_});
    if (!db) {
      if (log_ && !stopping_) log_(fmt::format("casework: escalation sweep: {}", db.error().ToString()));
    } else {
      auto r = MakeCaseService(**db, today).Sweep(SystemActor(), today);
      if (!r) {
        if (log_ && !stopping_) log_(fmt::format("casework: escalation sweep: {}", r.error().ToString()));
      } else if ((r->escalated || r->near_notified) && log_) {
        log_(fmt::format("casework: escalation sweep {}: {} cases escalated, {} deadline-near "
                         "notices", FormatIsoDate(today), r->escalated, r->near_notified));
      }
    }
    lock.lock();
    cv_.wait_for(lock, every_, [this] { return stop_; });
  }
}

}  // namespace anju::casework
