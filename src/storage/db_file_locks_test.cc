// Issue #12 item 1: opening a second connection (or checking the path) in a process that holds
// one must not drop the process's POSIX locks on the database or its -shm. Those locks are what
// tell another process that a connection is live; without them its closing connection
// checkpoints and deletes the -wal under us ("How To Corrupt An SQLite Database File", §2.2).
// The locks are read from /proc/locks, the kernel's own list.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "storage/migrate.h"
#include "storage/sqlite.h"

namespace anju::storage {
namespace {

// How many POSIX locks this process holds on the file at `path` (by inode, from /proc/locks:
// "1: POSIX  ADVISORY  READ  1234 08:01:123456 128 128").
int PosixLocksHeld(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return -1;
  std::ifstream in("/proc/locks");  // file-open: /proc/locks, never a database
  std::string line;
  int n = 0;
  const std::string pid = fmt::format("{}", ::getpid());
  const std::string ino = fmt::format(":{}", st.st_ino);
  while (std::getline(in, line)) {
    std::istringstream f(line);
    std::string id, kind, advisory, mode, owner, dev;
    f >> id >> kind;
    if (kind == "->") f >> kind;  // a waiting lock
    f >> advisory >> mode >> owner >> dev;
    if (kind == "POSIX" && owner == pid && dev.size() > ino.size() &&
        dev.compare(dev.size() - ino.size(), ino.size(), ino) == 0)
      ++n;
  }
  return n;
}

class DbFileLocks : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           fmt::format("anju-locks-{}-{}", ::getpid(),
                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "a.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
  std::string path_;
};

TEST_F(DbFileLocks, SecondConnectionAndPathCheckKeepTheFirstConnectionsLocks) {
  auto first = OpenAndMigrate(path_, false);
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_TRUE((*first)->Exec("SELECT count(*) FROM sqlite_master"));
  const int db_locks = PosixLocksHeld(path_);
  const int shm_locks = PosixLocksHeld(path_ + "-shm");
  // A live WAL connection holds a shared lock on the file and one on the -shm.
  ASSERT_GT(db_locks, 0);
  ASSERT_GT(shm_locks, 0);

  ASSERT_TRUE(CheckDatabasePath(path_));
  EXPECT_EQ(PosixLocksHeld(path_), db_locks) << "CheckDatabasePath dropped the locks";
  {
    auto second = OpenAndMigrate(path_, true);
    ASSERT_TRUE(second) << second.error().message;
  }
  EXPECT_EQ(PosixLocksHeld(path_), db_locks) << "a second OpenAndMigrate dropped the locks";
  EXPECT_EQ(PosixLocksHeld(path_ + "-shm"), shm_locks);
  {
    auto third = Database::Open(path_, {.read_only = true, .create = false});
    ASSERT_TRUE(third);
  }
  EXPECT_EQ(PosixLocksHeld(path_), db_locks);
}

TEST_F(DbFileLocks, NotSqliteIsRefusedThroughSqliteAndLeftUnchanged) {
  const std::string notes = (dir_ / "notes.txt").string();
  {
    std::ofstream out(notes);  // file-open: a test's text file, never a database
    out << "meeting notes, not a database\n";
  }
  auto db = OpenAndMigrate(notes, true);
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(db.error().field, "db");
  EXPECT_NE(db.error().message.find("is not an anju database"), std::string::npos);
  EXPECT_NE(db.error().message_zh.find("不是 anju 数据库"), std::string::npos);
  EXPECT_EQ(std::filesystem::file_size(notes), 30u);
  EXPECT_FALSE(std::filesystem::exists(notes + "-wal"));
}

}  // namespace
}  // namespace anju::storage
