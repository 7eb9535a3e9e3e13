#include "storage/sqlite.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "storage/migrate.h"

namespace anju::storage {
namespace {

TEST(Sqlite, BindStepAndConflictMapping) {
  auto db = Database::Open(":memory:");
  ASSERT_TRUE(db);
  ASSERT_TRUE((*db)->Exec("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER CHECK (v > 0))"));
  auto ins = (*db)->Prepare("INSERT INTO t (k, v) VALUES (?, ?)");
  ASSERT_TRUE(ins);
  ASSERT_TRUE(ins->Bind(1, "a").Bind(2, 5).Run());
  auto dup = ins->Bind(1, "a").Bind(2, 6).Run();
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  auto check = ins->Bind(1, "b").Bind(2, -1).Run();
  ASSERT_FALSE(check);
  EXPECT_EQ(check.error().code, ErrorCode::kInvalidArgument);
  auto sel = (*db)->Prepare("SELECT v FROM t WHERE k = ?");
  sel->Bind(1, "a");
  ASSERT_TRUE(*sel->Step());
  EXPECT_EQ(sel->ColumnInt(0), 5);
}

TEST(Sqlite, TransactionRollsBackUnlessCommitted) {
  auto db = *Database::Open(":memory:");
  ASSERT_TRUE(db->Exec("CREATE TABLE t (v INTEGER)"));
  {
    auto tx = Transaction::Begin(*db);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(db->Exec("INSERT INTO t VALUES (1)"));
  }  // rolled back
  {
    auto tx = Transaction::Begin(*db);
    ASSERT_TRUE(db->Exec("INSERT INTO t VALUES (2)"));
    ASSERT_TRUE(tx->Commit());
  }
  auto st = *db->Prepare("SELECT group_concat(v) FROM t");
  ASSERT_TRUE(*st.Step());
  EXPECT_EQ(st.ColumnText(0), "2");
}

TEST(Migrate, CreatesSchemaAndIsIdempotent) {
  auto db = *Database::Open(":memory:");
  ASSERT_TRUE(Migrate(*db));
  EXPECT_EQ(*SchemaVersion(*db), LatestSchemaVersion());
  EXPECT_GE(LatestSchemaVersion(), 1);
  ASSERT_TRUE(Migrate(*db));
  auto st = *db->Prepare("SELECT count(*) FROM sqlite_master WHERE name = 'persons'");
  ASSERT_TRUE(*st.Step());
  EXPECT_EQ(st.ColumnInt(0), 1);
}

// Numbers must run 1, 2, 3 … without gaps: a database at version N never runs a migration
// numbered below N, so a gap later filled would be skipped on existing databases.
TEST(Migrate, NumbersAreContiguousFromOne) {
  int expected = 1;
  for (const Migration& m : EmbeddedMigrations()) EXPECT_EQ(m.version, expected++) << m.name;
}

TEST(Migrate, RefusesDatabaseFromNewerAnju) {
  auto path = std::filesystem::temp_directory_path() /
              ("anju_newer_" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(path);
  {
    auto db = *Database::Open(path.string());
    ASSERT_TRUE(db->Exec("PRAGMA user_version = 9999"));
  }
  auto r = OpenAndMigrate(path.string(), true);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("newer anju"), std::string::npos) << r.error().message;
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + "-wal");
  std::filesystem::remove(path.string() + "-shm");
}

TEST(Migrate, MissingDatabaseSuggestsInit) {
  auto r = OpenAndMigrate("/nonexistent/dir/x.db", true);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
  EXPECT_NE(r.error().message.find("anju init"), std::string::npos);
}

TEST(Schema, OneHeadPerHouseholdAndUniqueResidentId) {
  auto db = *Database::Open(":memory:");
  ASSERT_TRUE(Migrate(*db));
  ASSERT_TRUE(db->Exec(R"sql(
    INSERT INTO divisions VALUES ('141124','临县','county',NULL,NULL);
    INSERT INTO divisions VALUES ('141124100','临泉镇','township','141124',NULL);
    INSERT INTO sites (id,name,mode,township_code) VALUES (1,'城北安置点','county_town','141124100');
    INSERT INTO origin_villages (id,name,township_code,relocation_type) VALUES (1,'某村','141124100','scattered');
    INSERT INTO households (id,household_no,category,origin_village_id,site_id,move_in_date)
      VALUES (1,'LX-1','registered_poor',1,1,'2019-05-01');
    INSERT INTO persons (household_id,resident_id,name,sex,birth_date,relationship)
      VALUES (1,'141124198001011233','甲','male','1980-01-01','head');
  )sql"));
  EXPECT_FALSE(db->Exec(
      "INSERT INTO persons (household_id,resident_id,name,sex,birth_date,relationship) VALUES "
      "(1,'141124197506150154','乙','male','1975-06-15','head')"));
  EXPECT_FALSE(db->Exec(
      "INSERT INTO persons (household_id,resident_id,name,sex,birth_date,relationship) VALUES "
      "(1,'141124198001011233','丙','male','1980-01-01','child')"));
  EXPECT_FALSE(db->Exec(  // unknown household: foreign key
      "INSERT INTO persons (household_id,resident_id,name,sex,birth_date,relationship) VALUES "
      "(7,'141124197506150154','丁','male','1975-06-15','child')"));
}

}  // namespace
}  // namespace anju::storage
