// BufferedLog: the access log of `anju serve`, written by a background thread so that request
// threads only append a line to memory under a short lock. Writing each line to stderr from the
// request thread (one write(2) per request, inside a mutex so lines do not interleave) made
// the workers queue on that mutex: at 10,000 requests/s it was the largest cause of futex
// waits in the server (strace -c, see bench/README.md).
//
// Lines are flushed every `interval` (default 100 ms), at once when the buffer exceeds
// 256 KiB, on Flush() and in the destructor: a crash (not a SIGTERM, which runs the
// destructor after the server stops) may lose the last `interval` of lines.
//
// Thread-safety: Write and Flush may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace anju::http {

/// Text from a request (path, method) made safe for one access-log line: control characters
/// (U+0000-U+001F, U+007F and the C1 range U+0080-U+009F), backslashes and bytes that are not
/// valid UTF-8 are written as \xNN, so a path with %0a, %1b or %00 cannot forge a line or send
/// terminal escapes. Valid UTF-8 text (Chinese site names) is kept. Source: OWASP logging
/// cheat sheet (log injection).
std::string EscapeLogText(std::string_view text);

class BufferedLog {
 public:
  /// Writes to `out` (not owned; must outlive the log). Starts the flushing thread.
  explicit BufferedLog(std::FILE* out,
                       std::chrono::milliseconds interval = std::chrono::milliseconds(100));
  /// Flushes what is buffered and stops the thread.
  ~BufferedLog();
  BufferedLog(const BufferedLog&) = delete;
  BufferedLog& operator=(const BufferedLog&) = delete;

  /// Appends `line` and a newline.
  void Write(std::string_view line);
  /// Writes out everything appended so far before returning.
  void Flush();

 private:
  void Run();
  // Writes `buf` to out_ (under write_mu_, so flushes keep their order) and clears it.
  void WriteOut(std::string& buf);

  std::FILE* out_;
  std::chrono::milliseconds interval_;
  std::mutex mu_;         // guards buffer_ and stop_
  std::mutex write_mu_;   // orders the writes to out_
  std::condition_variable cv_;
  std::string buffer_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace anju::http
