#include "http/buffered_log.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

namespace anju::http {
namespace {

// A temporary file written through a FILE* and read back by name (a separate handle, so the
// log's writes and the test's reads never share a stream position).
struct TempFile {
  TempFile() {
    int fd = mkstemp(path.data());
    if (fd >= 0) f = fdopen(fd, "w");
  }
  ~TempFile() {
    if (f) std::fclose(f);
    std::remove(path.c_str());
  }
  std::string Read() const {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  std::string path = "/tmp/anju-buffered-log-XXXXXX";
  std::FILE* f = nullptr;
};

TEST(BufferedLog, EveryLineOfEveryThreadArrivesWholeAfterFlush) {
  TempFile tmp;
  ASSERT_NE(tmp.f, nullptr);
  {
    BufferedLog log(tmp.f, std::chrono::milliseconds(5));
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&log, t] {
        // 4 × 20,000 lines of ~40 bytes: past the 256 KiB immediate-flush size several times.
        for (int i = 0; i < 20000; ++i) log.Write("thread " + std::to_string(t) + " line " + std::to_string(i) + " GET /x 200");
      });
    }
    for (auto& th : threads) th.join();
    log.Flush();
    std::istringstream in(tmp.Read());
    std::set<std::string> seen;
    std::string line;
    while (std::getline(in, line)) {
      EXPECT_TRUE(line.starts_with("thread ") && line.ends_with(" GET /x 200")) << line;
      EXPECT_TRUE(seen.insert(line).second) << "twice: " << line;
    }
    EXPECT_EQ(seen.size(), 80000u);
  }
}

TEST(BufferedLog, TheThreadWritesWithinTheIntervalAndTheDestructorFlushes) {
  TempFile tmp;
  ASSERT_NE(tmp.f, nullptr);
  {
    BufferedLog log(tmp.f, std::chrono::milliseconds(10));
    log.Write("first");
    std::string got;
    for (int i = 0; i < 200 && got.empty(); ++i) {  // up to 2 s on a loaded machine
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      got = tmp.Read();
    }
    EXPECT_EQ(got, "first\n");
    log.Write("last");
  }
  EXPECT_EQ(tmp.Read(), "first\nlast\n");
}

}  // namespace
}  // namespace anju::http

namespace anju::http {
namespace {

// A path with %0a, %1b and %00 decoded by the server must stay on one log line.
TEST(EscapeLogText, ControlCharactersCannotForgeALine) {
  std::string path = "/static/x\n2026-11-29T21:00:00Z POST /api/v1/session 200 fake";
  std::string e = EscapeLogText(path);
  EXPECT_EQ(e.find('\n'), std::string::npos);
  EXPECT_EQ(e, "/static/x\\x0a2026-11-29T21:00:00Z POST /api/v1/session 200 fake");
  EXPECT_EQ(EscapeLogText(std::string("a\x1b[31mb", 7)), "a\\x1b[31mb");
  EXPECT_EQ(EscapeLogText(std::string("a\0b", 3)), "a\\x00b");
  EXPECT_EQ(EscapeLogText("a\\x0ab"), "a\\x5cx0ab");  // a literal backslash is escaped too
  EXPECT_EQ(EscapeLogText("a\x7f"), "a\\x7f");
}

TEST(EscapeLogText, KeepsUtf8AndEscapesBrokenBytesAndC1Controls) {
  EXPECT_EQ(EscapeLogText("/api/v1/sites/城北安置点"), "/api/v1/sites/城北安置点");
  EXPECT_EQ(EscapeLogText("x\xff\xe5"), "x\\xff\\xe5");
  EXPECT_EQ(EscapeLogText("x\xc2\x9b"), "x\\xc2\\x9b");  // U+009B CSI
}

}  // namespace
}  // namespace anju::http
