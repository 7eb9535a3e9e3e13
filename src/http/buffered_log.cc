#include "http/buffered_log.h"

#include <pthread.h>
#include <signal.h>

namespace anju::http {

namespace {
constexpr size_t kFlushAtBytes = 256 * 1024;
}

BufferedLog::BufferedLog(std::FILE* out, std::chrono::milliseconds interval)
    : out_(out), interval_(interval) {
  buffer_.reserve(kFlushAtBytes);
  thread_ = std::thread([this] { Run(); });
}

BufferedLog::~BufferedLog() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_one();
  thread_.join();
  Flush();
}

void BufferedLog::Write(std::string_view line) {
  std::string full;
  {
    std::lock_guard lock(mu_);
    buffer_.append(line);
    buffer_ += '\n';
    if (buffer_.size() < kFlushAtBytes) return;
    full.swap(buffer_);
    buffer_.reserve(kFlushAtBytes);
  }
  WriteOut(full);
}

void BufferedLog::Flush() {
  std::string pending;
  {
    std::lock_guard lock(mu_);
    pending.swap(buffer_);
  }
  WriteOut(pending);
}

void BufferedLog::WriteOut(std::string& buf) {
  if (buf.empty()) return;
  std::lock_guard lock(write_mu_);
  std::fwrite(buf.data(), 1, buf.size(), out_);
  std::fflush(out_);
  buf.clear();
}

void BufferedLog::Run() {
  // Signals belong to the thread that waits for them (`anju serve` uses sigwait).
  sigset_t all;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, nullptr);
  std::string pending;
  std::unique_lock lock(mu_);
  while (!stop_) {
    cv_.wait_for(lock, interval_, [this] { return stop_; });
    pending.swap(buffer_);
    lock.unlock();
    WriteOut(pending);
    lock.lock();
  }
}

}  // namespace anju::http
