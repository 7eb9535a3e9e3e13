// The storage seam (connection.h) used through the interface only, as a repository does, with
// SQLite as the driver behind it.
#include "storage/connection.h"

#include <gtest/gtest.h>

#include <chrono>
#include <regex>

#include "storage/sqlite.h"

namespace anju::storage {
namespace {

// Seconds since 1970 of a "YYYY-MM-DDTHH:MM:SSZ" text, computed by SQLite (independently of
// UtcTimestampNow's own formatting).
int64_t UnixSeconds(Connection& c, const std::string& text) {
  auto st = c.Prepare("SELECT CAST(strftime('%s', ?) AS INTEGER)");
  EXPECT_TRUE(st);
  st->Bind(1, text);
  EXPECT_TRUE(*st->Step());
  return st->ColumnInt(0);
}

TEST(Connection, StatementsThroughTheInterface) {
  auto db = *Database::Open(":memory:");
  Connection& c = *db;
  ASSERT_TRUE(c.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, x REAL, n INTEGER)"));
  auto ins = c.Prepare("INSERT INTO t (name, x, n) VALUES (?, ?, ?) RETURNING id");
  ASSERT_TRUE(ins);
  auto a = ins->Bind(1, "甲").Bind(2, 1.5).Bind(3, std::optional<int64_t>{}).RunReturningId();
  ASSERT_TRUE(a);
  auto b = ins->Bind(1, std::string("乙")).Bind(2, 2.25).Bind(3, 7).RunReturningId();
  ASSERT_TRUE(b);
  EXPECT_EQ(*a, 1);
  EXPECT_EQ(*b, 2);
  EXPECT_EQ(c.Changes(), 1);

  auto sel = c.Prepare("SELECT id, name, x, n FROM t ORDER BY id");
  ASSERT_TRUE(sel);
  EXPECT_EQ(sel->ColumnCount(), 4);
  EXPECT_EQ(sel->ColumnName(1), "name");
  ASSERT_TRUE(*sel->Step());
  EXPECT_EQ(sel->ColumnInt(0), 1);
  EXPECT_EQ(sel->ColumnText(1), "甲");
  EXPECT_DOUBLE_EQ(sel->ColumnDouble(2), 1.5);
  EXPECT_TRUE(sel->ColumnIsNull(3));
  EXPECT_EQ(sel->ColumnOptionalInt(3), std::nullopt);
  ASSERT_TRUE(*sel->Step());
  EXPECT_EQ(sel->ColumnOptionalInt(3), 7);
  EXPECT_EQ(sel->ColumnOptionalText(1), "乙");
  EXPECT_FALSE(*sel->Step());
}

TEST(Connection, ReturningIdOfNoRowIsAnError) {
  auto db = *Database::Open(":memory:");
  Connection& c = *db;
  ASSERT_TRUE(c.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT UNIQUE)"));
  auto st = c.Prepare("INSERT INTO t (k) VALUES (?) ON CONFLICT (k) DO NOTHING RETURNING id");
  ASSERT_TRUE(st);
  ASSERT_EQ(*st->Bind(1, "a").RunReturningId(), 1);
  auto again = st->Bind(1, "a").RunReturningId();
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kInternal);
  auto dup = c.Prepare("INSERT INTO t (k) VALUES (?) RETURNING id");
  auto conflict = dup->Bind(1, "a").RunReturningId();
  ASSERT_FALSE(conflict);
  EXPECT_EQ(conflict.error().code, ErrorCode::kConflict);
}

TEST(Connection, CachedStatementComesBackWithoutBindings) {
  auto db = *Database::Open(":memory:");
  Connection& c = *db;
  {
    auto st = c.Prepare("SELECT ?");
    st->Bind(1, 42);
    ASSERT_TRUE(*st->Step());
    EXPECT_EQ(st->ColumnInt(0), 42);
  }  // back into the cache, reset and cleared
  auto st = c.Prepare("SELECT ?");
  ASSERT_TRUE(*st->Step());
  EXPECT_TRUE(st->ColumnIsNull(0));
  // Moving a handle keeps one owner: the moved-from one gives nothing back twice.
  Statement moved = std::move(*st);
  moved.Reset();
  moved.Bind(1, "x");
  ASSERT_TRUE(*moved.Step());
  EXPECT_EQ(moved.ColumnText(0), "x");
}

TEST(Connection, TransactionThroughTheInterface) {
  auto db = *Database::Open(":memory:");
  Connection& c = *db;
  ASSERT_TRUE(c.Exec("CREATE TABLE t (v INTEGER)"));
  EXPECT_FALSE(c.InTransaction());
  {
    auto tx = Transaction::Begin(c);
    ASSERT_TRUE(tx);
    EXPECT_TRUE(c.InTransaction());
    ASSERT_TRUE(c.Prepare("INSERT INTO t VALUES (1)")->Run());
  }  // rolled back
  EXPECT_FALSE(c.InTransaction());
  {
    auto tx = Transaction::Begin(c);
    ASSERT_TRUE(c.Prepare("INSERT INTO t VALUES (2)")->Run());
    ASSERT_TRUE(tx->Commit());
    EXPECT_FALSE(c.InTransaction());
    auto again = tx->Commit();
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::kInternal);
  }
  auto sum = c.Prepare("SELECT count(*), sum(v) FROM t");
  ASSERT_TRUE(*sum->Step());
  EXPECT_EQ(sum->ColumnInt(0), 1);
  EXPECT_EQ(sum->ColumnInt(1), 2);
}

TEST(Connection, UtcTimestampNowIsTheTimeSqliteWouldHaveWritten) {
  auto db = *Database::Open(":memory:");
  const int64_t before = std::chrono::duration_cast<std::chrono::seconds>(
                             std::chrono::system_clock::now().time_since_epoch()).count();
  const std::string now = UtcTimestampNow();
  const int64_t after = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch()).count();
  EXPECT_TRUE(std::regex_match(now, std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)"))) << now;
  const int64_t t = UnixSeconds(*db, now);
  EXPECT_GE(t, before);
  EXPECT_LE(t, after);
  EXPECT_EQ(UnixSeconds(*db, "2026-12-03T08:40:00Z"), 1796287200);  // date -u -d … +%s
}

}  // namespace
}  // namespace anju::storage
