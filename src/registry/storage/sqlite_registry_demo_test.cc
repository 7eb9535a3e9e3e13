// RunDemo's bulk-load machinery on SQLite :memory: (the figures themselves are checked end to
// end by registry/demo_test.sh): a small run commits with its steps timed and the connection's
// settings put back; a failure on the writer thread stops the generator, rolls everything back
// (dropped indexes included) and still puts the settings back.
#include "registry/storage/sqlite_registry_demo.h"

#include <gtest/gtest.h>

#include "sites/reference_data.h"
#include "storage/migrate.h"

namespace anju::storage {
namespace {

int64_t One(Database& db, const std::string& sql) {
  auto st = db.Prepare(sql);
  EXPECT_TRUE(st) << st.error().ToString();
  auto row = st->Step();
  EXPECT_TRUE(row && *row);
  return st->ColumnInt(0);
}

class DemoLoadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = OpenAndMigrate(":memory:", false);
    ASSERT_TRUE(db) << db.error().ToString();
    db_ = std::move(*db);
    auto ref = sites::LoadReferenceFiles("");  // the embedded Lin County files
    ASSERT_TRUE(ref) << ref.error().ToString();
    ref_ = std::move(*ref);
    ASSERT_TRUE(db_->Exec("PRAGMA cache_size = -3000"));
  }
  int64_t PersonIndexes() {
    return One(*db_, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'persons'");
  }
  std::unique_ptr<Database> db_;
  sites::ReferenceData ref_;
};

TEST_F(DemoLoadTest, SmallRunCommitsTimesItsStepsAndRestoresSettings) {
  const int64_t indexes = PersonIndexes();
  ASSERT_GE(indexes, 6);  // migration 0001's six
  const int64_t rebuilt = One(*db_, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                                    "AND tbl_name IN ('persons', 'households', 'housing_units')");
  registry::DemoOptions opts;
  opts.seed = 3;
  opts.scale = 0.05;  // 0.05 × the published figures, rounded: 422 + 245 households
  auto sum = RunDemo(*db_, SystemActor(), opts, ref_);
  ASSERT_TRUE(sum) << sum.error().ToString();
  EXPECT_EQ(sum->households, 422 + 245);
  // The register events (sqlite_demo_events.h) add a household merged away before the
  // statistics date and one split off after it, and five persons (three who left before it,
  // two born after it); counted on the date, the generated ones remain.
  EXPECT_EQ(One(*db_, "SELECT count(*) FROM households"), 422 + 245 + 2);
  EXPECT_EQ(One(*db_, "SELECT count(*) FROM households WHERE (formed_on IS NULL OR formed_on <= '2022-09-30') AND "
                      "(ended_on IS NULL OR ended_on > '2022-09-30')"), 422 + 245);
  EXPECT_EQ(One(*db_, "SELECT count(*) FROM persons"), sum->persons + 5);
  EXPECT_EQ(sum->persons, 1175 + 825);  // round(23,495 × 0.05) + round(16,509 × 0.05)
  // Steps: the load, one per rebuilt index (persons 6, households 3 in migration 0001), the
  // register events, the commit.
  ASSERT_EQ(static_cast<int64_t>(sum->phases.size()), 1 + rebuilt + 2);
  EXPECT_EQ(sum->phases[sum->phases.size() - 2].name, "register events");
  EXPECT_EQ(sum->phases.front().name, "generate and insert rows");
  EXPECT_EQ(sum->phases.back().name, "meta, audit entry, commit");
  for (const auto& p : sum->phases) EXPECT_GE(p.wall_s, 0.0) << p.name;
  EXPECT_EQ(PersonIndexes(), indexes);
  EXPECT_EQ(One(*db_, "PRAGMA foreign_keys"), 1);
  EXPECT_EQ(One(*db_, "PRAGMA cache_size"), -3000);
  // CHECK constraints are enforced again on this connection.
  auto bad = db_->Exec("UPDATE persons SET relationship = 'cousin' WHERE id = 1");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("CHECK constraint failed"), std::string::npos) << bad.error().message;
  EXPECT_EQ(One(*db_, "SELECT count(*) FROM audit_log WHERE action = 'demo'"), 1);
}

TEST_F(DemoLoadTest, WriterFailureStopsTheRunAndRollsBack) {
  // Person 500's insert fails on the writer thread (a trigger still fires while CHECKs are off).
  ASSERT_TRUE(db_->Exec("CREATE TRIGGER refuse_person BEFORE INSERT ON persons WHEN NEW.id = 500 "
                        "BEGIN SELECT RAISE(ABORT, 'person 500 refused by the test'); END"));
  const int64_t indexes = PersonIndexes();
  registry::DemoOptions opts;
  opts.scale = 0.05;
  auto sum = RunDemo(*db_, SystemActor(), opts, ref_);
  ASSERT_FALSE(sum);
  EXPECT_NE(sum.error().message.find("person 500 refused by the test"), std::string::npos) << sum.error().message;
  EXPECT_EQ(One(*db_, "SELECT count(*) FROM persons"), 0);
  EXPECT_EQ(One(*db_, "SELECT count(*) FROM households"), 0);
  EXPECT_EQ(One(*db_, "SELECT count(*) FROM audit_log"), 0);
  EXPECT_EQ(PersonIndexes(), indexes);  // the DROP INDEX statements were rolled back too
  EXPECT_EQ(One(*db_, "PRAGMA foreign_keys"), 1);
  EXPECT_EQ(One(*db_, "PRAGMA ignore_check_constraints"), 0);
  EXPECT_EQ(One(*db_, "PRAGMA cache_size"), -3000);
  // The database is usable afterwards: the same run without the trigger succeeds.
  ASSERT_TRUE(db_->Exec("DROP TRIGGER refuse_person"));
  auto again = RunDemo(*db_, SystemActor(), opts, ref_);
  ASSERT_TRUE(again) << again.error().ToString();
  EXPECT_EQ(One(*db_, "SELECT count(*) FROM persons"), again->persons + 5);  // + the events' extra persons
}

}  // namespace
}  // namespace anju::storage
