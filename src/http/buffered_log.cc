#include "http/buffered_log.h"

#include <pthread.h>
#include <signal.h>

namespace anju::http {

std::string EscapeLogText(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  auto escape = [&](unsigned char c) {
    out += "\\x";
    out += kHex[c >> 4];
    out += kHex[c & 15];
  };
  size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7f || c == '\\') escape(c);
      else out += static_cast<char>(c);
      ++i;
      continue;
    }
    // Length of a well-formed UTF-8 sequence starting here (0 when ill-formed).
    size_t len = (c >= 0xc2 && c <= 0xdf) ? 2 : (c >= 0xe0 && c <= 0xef) ? 3
                 : (c >= 0xf0 && c <= 0xf4)   ? 4 : 0;
    bool ok = len != 0 && i + len <= text.size();
    for (size_t k = 1; ok && k < len; ++k) {
      ok = (static_cast<unsigned char>(text[i + k]) & 0xc0) == 0x80;
    }
    if (ok && len == 3) {
      auto c1 = static_cast<unsigned char>(text[i + 1]);
      ok = !(c == 0xe0 && c1 < 0xa0) && !(c == 0xed && c1 >= 0xa0);  // overlong, surrogates
    }
    if (ok && len == 4) {
      auto c1 = static_cast<unsigned char>(text[i + 1]);
      ok = !(c == 0xf0 && c1 < 0x90) && !(c == 0xf4 && c1 >= 0x90);
    }
    if (ok && len == 2 && c == 0xc2 && static_cast<unsigned char>(text[i + 1]) < 0xa0) {
      ok = false;  // C1 control characters U+0080-U+009F
    }
    if (!ok) {
      escape(c);
      ++i;
      continue;
    }
    out.append(text.substr(i, len));
    i += len;
  }
  return out;
}


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
