#include "storage/sqlite.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <set>

#include "storage/migrate.h"
#include "reports/storage/sqlite_report_repository.h"

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

// The previous release's numbers ran 1, 2, 3 … without gaps (a database at version N never ran
// a migration numbered below N). Per-module numbering: migrate_test.cc.
TEST(Migrate, NumbersAreContiguousFromOne) {
  int expected = 1;
  for (const Migration& m : LegacyMigrations()) EXPECT_EQ(m.version, expected++) << m.name;
}

// Builds a database at schema 4 of the previous release (before its 0005 rebuilt housing_units)
// with `n` households, each in its own housing unit; returns it ready for Migrate to run 0005.
std::unique_ptr<Database> SchemaFourWithHouseholds(int n) {
  auto db = std::move(*Database::Open(":memory:"));
  for (const Migration& m : LegacyMigrations()) {
    if (m.version > 4) break;
    EXPECT_TRUE(db->Exec(m.sql)) << m.name;
  }
  EXPECT_TRUE(db->Exec("PRAGMA user_version = 4"));
  EXPECT_TRUE(db->Exec(R"(
    INSERT INTO divisions (code, name, level) VALUES ('141124', '临县', 'county'),
      ('141124100', '临泉镇', 'township'), ('141124100200', '某村', 'village');
    INSERT INTO sites (id, name, mode, township_code) VALUES (1, '城北安置点', 'county_town', '141124100');
    INSERT INTO origin_villages (id, division_code, name, township_code, relocation_type)
      VALUES (1, '141124100200', '某村', '141124100', 'whole_village');)"));
  auto unit = *db->Prepare("INSERT INTO housing_units (id, site_id, building, entrance, room, floor_area_dm2) "
                           "VALUES (?1, 1, '1', '1', ?1, 8000)");
  auto hh = *db->Prepare("INSERT INTO households (id, household_no, category, origin_village_id, site_id, "
                         "housing_unit_id, move_in_date) VALUES (?1, 'LX-' || ?1, 'registered_poor', 1, 1, ?2, '2019-06-30')");
  bool ok = true;
  for (int i = 1; i <= n && ok; ++i) {
    unit.Reset();
    ok = static_cast<bool>(unit.Bind(1, i).Run());
  }
  for (int i = 1; i <= n && ok; ++i) {
    hh.Reset();
    ok = static_cast<bool>(hh.Bind(1, i).Bind(2, n + 1 - i).Run());  // units in reverse order
  }
  EXPECT_TRUE(ok);
  return db;
}

// SQLite virtual-machine instructions Migrate takes on `db` (a count, not a time: the same on
// every machine).
int64_t MigrateInstructions(Database& db) {
  int64_t ticks = 0;
  sqlite3_progress_handler(
      db.raw(), 1000, [](void* p) { ++*static_cast<int64_t*>(p); return 0; }, &ticks);
  EXPECT_TRUE(Migrate(db));
  sqlite3_progress_handler(db.raw(), 0, nullptr, nullptr);
  return ticks * 1000;
}

// 0005 rebuilds housing_units and restores every household's link to its unit. The restore was
// once a scan of an unkeyed temporary table per household: quadratic, and a 3.2 M-household
// (national-scale) database did not finish in 10 minutes. Doubling the households must about
// double the work (ratio 2; the quadratic restore gave ≈ 4).
TEST(Migrate, UnknownAreaMigrationKeepsUnitLinksInLinearWork) {
  auto small = SchemaFourWithHouseholds(2000);
  auto large = SchemaFourWithHouseholds(4000);
  const int64_t a = MigrateInstructions(*small), b = MigrateInstructions(*large);
  EXPECT_LT(static_cast<double>(b) / static_cast<double>(a), 2.6) << a << " then " << b;
  auto st = *large->Prepare("SELECT count(*), sum(housing_unit_id = 4001 - id) FROM households");
  ASSERT_TRUE(*st.Step());
  EXPECT_EQ(st.ColumnInt(0), 4000);
  EXPECT_EQ(st.ColumnInt(1), 4000);  // every link kept, none moved
  auto fk = *large->Prepare("PRAGMA foreign_key_check");
  EXPECT_FALSE(*fk.Step());
}

// The county report's person scan must be answered from the covering index persons_report
// alone (migration 0006): no column read from the persons table itself, whose 20-column rows
// cost twice as much to scan at the national scale. Changing the packed expression in either
// place without the other makes SQLite evaluate it on the table row again; this catches that.
TEST(Migrate, ReportPersonScanReadsOnlyItsCoveringIndex) {
  auto db = *Database::Open(":memory:");
  ASSERT_TRUE(Migrate(*db));
  auto root = *db->Prepare("SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'persons'");
  ASSERT_TRUE(*root.Step());
  const int64_t persons_root = root.ColumnInt(0);
  for (int of_site : {0, 1, 2}) {  // 2: persons of households placed at the site earlier
    auto ex = db->Prepare("EXPLAIN " + std::string(of_site == 2 ? SqliteReportRepository::EarlierOfSitePersonScanSql()
                                                                : SqliteReportRepository::PersonScanSql(of_site == 1)));
    ASSERT_TRUE(ex) << ex.error().message;
    std::set<int64_t> table_cursors;
    int index_columns = 0;
    while (*ex->Step()) {
      const std::string op = ex->ColumnText(1);
      const int64_t p1 = ex->ColumnInt(2), p2 = ex->ColumnInt(3);
      if (op == "OpenRead" && p2 == persons_root) table_cursors.insert(p1);
      if (op == "Column" || op == "Rowid") {
        EXPECT_FALSE(table_cursors.count(p1)) << "reads the persons table (cursor " << p1 << "), of_site=" << of_site;
        if (!table_cursors.count(p1)) ++index_columns;
      }
    }
    EXPECT_GE(index_columns, 4) << of_site;
  }
}

// The report's jobs pass ("employed on D", docs/industry.md) must be answered from the partial
// index jobs_current (industry 0007: jobs not voided, covering started_on, ended_on, person_id,
// channel) alone: no column of the jobs table row. Through jobs_period every row cost a table
// lookup for voided_at (46 s at --scale 240, bench/employment_rate.sh).
TEST(Migrate, JobsPassReadsOnlyThePartialIndexOfJobsNotVoided) {
  auto db = *Database::Open(":memory:");
  ASSERT_TRUE(Migrate(*db));
  auto root = *db->Prepare("SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'jobs'");
  ASSERT_TRUE(*root.Step());
  const int64_t jobs_root = root.ColumnInt(0);
  for (bool channels : {false, true}) {
    const std::string sql(SqliteReportRepository::JobsPassSql(channels));
    auto plan = *db->Prepare("EXPLAIN QUERY PLAN " + sql);
    std::string text;
    while (*plan.Step()) text += plan.ColumnText(3) + "\n";
    EXPECT_NE(text.find("COVERING INDEX jobs_current"), std::string::npos) << text;
    auto ex = *db->Prepare("EXPLAIN " + sql);
    std::set<int64_t> table_cursors;
    int index_columns = 0;
    while (*ex.Step()) {
      const std::string op = ex.ColumnText(1);
      const int64_t p1 = ex.ColumnInt(2), p2 = ex.ColumnInt(3);
      if (op == "OpenRead" && p2 == jobs_root) table_cursors.insert(p1);
      if (op == "Column" || op == "Rowid") {
        EXPECT_FALSE(table_cursors.count(p1)) << "reads the jobs table (cursor " << p1 << "), channels=" << channels;
        if (!table_cursors.count(p1)) ++index_columns;
      }
    }
    EXPECT_GE(index_columns, channels ? 4 : 3) << channels;  // started_on, ended_on, person_id (, channel)
  }
}

// persons_resident_id is partial since registry 0002 (a pending id '' may repeat): SQLite
// takes it for a lookup only when the WHERE implies resident_id <> ''. Without that clause the
// import's per-row lookup scanned the table (an upsert of the demo's 40,004 persons did not
// finish in 10 minutes; importer.cli timed out).
TEST(Migrate, LookupByResidentIdUsesTheIndex) {
  auto db = *Database::Open(":memory:");
  ASSERT_TRUE(Migrate(*db));
  auto plan = [&](const std::string& sql) {
    auto st = *db->Prepare("EXPLAIN QUERY PLAN " + sql);
    std::string out;
    while (*st.Step()) out += st.ColumnText(3) + "\n";
    return out;
  };
  EXPECT_NE(plan("SELECT id FROM persons WHERE resident_id = ?1 AND resident_id <> ''").find("persons_resident_id"),
            std::string::npos);
  EXPECT_EQ(plan("SELECT id FROM persons WHERE resident_id = ?1").find("persons_resident_id"), std::string::npos)
      << "SQLite learnt to use the partial index without the clause: the clause may go";
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
