// Migrations per module (issue #13 item 3, storage/migrate.h): a fresh database and one made by
// the previous release (user_version 6, the frozen storage/legacy sequence) end with the same
// schema; the upgrade keeps every row; unknown ledger entries are refused as a newer anju's.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "storage/migrate.h"
#include "storage/sqlite.h"

namespace anju::storage {
namespace {

// The rows of `sql`, each as its first `columns` values joined by '|'.
std::vector<std::string> Rows(Database& db, const std::string& sql, int columns = 1) {
  std::vector<std::string> out;
  auto st = db.Prepare(sql);
  EXPECT_TRUE(st) << sql << ": " << st.error().message;
  if (!st) return out;
  while (*st->Step()) {
    std::string row;
    for (int c = 0; c < columns; ++c) {
      if (c) row.push_back('|');
      row.append(st->ColumnIsNull(c) ? std::string("NULL") : st->ColumnText(c));
    }
    out.push_back(row);
  }
  return out;
}

// Every schema object but the root page (which depends on creation order), sorted by name.
std::vector<std::string> Schema(Database& db) {
  return Rows(db, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name", 4);
}

// The database the previous release made: its migrations 1..`version`, as it ran them.
std::unique_ptr<Database> PreviousRelease(const std::string& path, int version) {
  auto db = std::move(*Database::Open(path));
  for (const Migration& m : LegacyMigrations()) {
    if (m.version > version) break;
    EXPECT_TRUE(db->Exec(m.sql)) << m.name;
    EXPECT_TRUE(db->Exec("PRAGMA user_version = " + std::to_string(m.version)));
  }
  return db;
}

// A few rows in every table of schema 6 (fictitious people; ids with valid check digits are
// not needed at this layer).
void FillSchemaSix(Database& db) {
  ASSERT_TRUE(db.Exec(R"sql(
    INSERT INTO meta VALUES ('statistics_date','2022-09-30'), ('county_code','141124');
    INSERT INTO divisions VALUES ('141124','临县','county',NULL,NULL),
      ('141124100','临泉镇','township','141124',NULL), ('141124100200','某村','village','141124100','220');
    INSERT INTO reference_kinds VALUES ('certificate','cook','中式烹调师','Chinese cook');
    INSERT INTO sites (id,name,mode,township_code,planned_capacity) VALUES (1,'城北安置点','county_town','141124100',900);
    INSERT INTO site_aliases VALUES ('城北','1','short name');
    INSERT INTO grids (id,site_id,name,buildings) VALUES (1,1,'一网格','1,2');
    INSERT INTO housing_units (id,site_id,building,entrance,room,floor_area_dm2) VALUES (1,1,'1','1','101',8000), (2,1,'1','1','102',NULL);
    INSERT INTO origin_villages (id,division_code,name,township_code,relocation_type) VALUES (1,'141124100200','某村','141124100','whole_village');
    INSERT INTO households (id,household_no,category,origin_village_id,site_id,housing_unit_id,grid_id,move_in_date)
      VALUES (1,'LX-000001','registered_poor',1,1,1,1,'2019-06-30'), (2,'LX-000002','co_relocated',1,1,2,NULL,'2020-01-15');
    INSERT INTO persons (id,household_id,resident_id,name,sex,birth_date,relationship,employment_kind)
      VALUES (1,1,'141124198001010011','张测试','male','1980-01-01','head','workshop'),
             (2,1,'141124198202020022','李测试','female','1982-02-02','spouse','none'),
             (3,2,'141124197003030033','王测试','male','1970-03-03','head','none');
    INSERT INTO parks (id,name,site_id,kind,status) VALUES (1,'某园区',1,'shiitake','built');
    INSERT INTO park_sites VALUES (1,1);
    INSERT INTO workshops (id,site_id,name,opened_on) VALUES (1,1,'某车间','2019-09-01');
    INSERT INTO land_contracts (id,kind,origin_village_id,operator,area_centimu,start_date) VALUES (1,'custody',1,'某合作社',12000,'2020-03-01');
    INSERT INTO communities (id,site_id,name,party_organisation) VALUES (1,1,'城北社区',1);
    INSERT INTO audit_log VALUES (1,'2022-09-30T00:00:00.000Z',NULL,'system','system','cli','create','household','1','{}','test',
      '0000000000000000000000000000000000000000000000000000000000000000','ab');
    INSERT INTO users (id,username,role,site_id,password_hash) VALUES (1,'site1','site_manager',1,'$argon2id$x');
    INSERT INTO sessions VALUES (1,'h',1,'c','cli',1,1,2);
    INSERT INTO login_failures VALUES (1,1,'u','cli');
    INSERT INTO import_batches (id,username,file_name,sha256,mode,all_or_nothing,rows_read,rows_imported,rows_rejected,
      persons_created,persons_updated,households_created,households_updated) VALUES (1,'admin','a.xlsx','00','insert',1,3,3,0,3,0,2,0);
  )sql"));
}

// Every row of every table (sqlite_master's tables but the ledger), in rowid/key order. With
// `like`, only the tables and columns `like` has (a later migration adds tables and columns).
std::map<std::string, std::vector<std::string>> AllRows(Database& db, Database* like = nullptr) {
  Database& shape = like ? *like : db;
  std::map<std::string, std::vector<std::string>> out;
  for (const std::string& t : Rows(shape, "SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                          "name NOT IN ('schema_migrations') AND name NOT LIKE 'sqlite_%'")) {
    std::string cols;
    for (const std::string& c : Rows(shape, "SELECT name FROM pragma_table_info('" + t + "')"))
      cols += (cols.empty() ? "" : ", ") + c;
    out[t] = Rows(db, "SELECT " + cols + " FROM " + t + " ORDER BY 1, 2",
                  static_cast<int>(Rows(shape, "SELECT name FROM pragma_table_info('" + t + "')").size()));
  }
  return out;
}

// The schema-6 database `db` brought up to date by running every migration after the baseline
// directly (what an upgrade must amount to).
void RunLaterMigrations(Database& db) {
  for (const auto& m : SchemaModules())
    for (const auto& g : m.migrations)
      if (!g.baseline) {
        ASSERT_TRUE(db.Exec(g.sql)) << m.name << " " << g.name;
      }
}

struct TempDb {
  std::string path = (std::filesystem::temp_directory_path() /
                      ("anju_migrate_" + std::to_string(::getpid()) + "_" + std::to_string(++n) + ".db"))
                         .string();
  static inline int n = 0;
  ~TempDb() {
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path + s);
  }
};

TEST(ModuleMigrations, FreshAndUpgradedDatabasesHaveTheSameSchema) {
  auto fresh = *Database::Open(":memory:");
  ASSERT_TRUE(Migrate(*fresh));
  auto old = PreviousRelease(":memory:", 6);
  const auto before = Schema(*old);
  ASSERT_TRUE(Migrate(*old));
  EXPECT_EQ(Schema(*fresh), Schema(*old));
  // The upgrade ran only the migrations after the baseline: the schema is the previous one,
  // those migrations, and the ledger.
  auto after = Schema(*old);
  std::erase_if(after, [](const std::string& r) { return r.find("schema_migrations") != std::string::npos; });
  auto expected_db = PreviousRelease(":memory:", 6);
  RunLaterMigrations(*expected_db);
  EXPECT_EQ(after, Schema(*expected_db));
  EXPECT_NE(after, before);  // registry 0002 (living register) changed it
  const std::string ledger = "SELECT module, version, name FROM schema_migrations ORDER BY 1, 2";
  EXPECT_EQ(Rows(*fresh, ledger, 3), Rows(*old, ledger, 3));
  EXPECT_EQ(*SchemaVersion(*old), LatestSchemaVersion());
  EXPECT_EQ(Rows(*old, "PRAGMA user_version"), std::vector<std::string>{std::to_string(kModularUserVersion)});
}

// A database of an older previous release (schema 3) first finishes the legacy sequence.
TEST(ModuleMigrations, OlderLegacyDatabaseRunsTheRestOfTheLegacySequenceFirst) {
  auto fresh = *Database::Open(":memory:");
  ASSERT_TRUE(Migrate(*fresh));
  auto old = PreviousRelease(":memory:", 3);
  ASSERT_TRUE(Migrate(*old));
  EXPECT_EQ(Schema(*fresh), Schema(*old));
}

TEST(ModuleMigrations, UpgradeInPlaceKeepsEveryRow) {
  TempDb f;
  std::map<std::string, std::vector<std::string>> before;
  auto shape = PreviousRelease(":memory:", 6);  // the schema-6 tables and columns
  {
    auto old = PreviousRelease(f.path, 6);
    FillSchemaSix(*old);
    before = AllRows(*old);
  }
  ASSERT_EQ(before.size(), 20u);  // every table of schema 6
  for (const auto& [t, rows] : before) EXPECT_FALSE(rows.empty()) << t;
  auto db = OpenAndMigrate(f.path, true);
  ASSERT_TRUE(db) << db.error().message;
  EXPECT_EQ(AllRows(**db, shape.get()), before);
  // Columns added later are NULL (or their default) on the old rows: registry 0002's periods.
  EXPECT_EQ(Rows(**db, "SELECT count(*) FROM persons WHERE member_from IS NULL AND member_until IS NULL"),
            Rows(**db, "SELECT count(*) FROM persons"));
  EXPECT_EQ(Rows(**db, "SELECT count(*) FROM register_events"), std::vector<std::string>{"0"});
  // auth 0002 rebuilt users (role 'cadre', cadre_id) under sessions ON DELETE CASCADE: the
  // session and the audit trail are still there (migrate.h kForeignKeysOffMarker).
  EXPECT_EQ(Rows(**db, "SELECT user_id, token_hash FROM sessions", 2), (std::vector<std::string>{"1|h"}));
  EXPECT_EQ(Rows(**db, "SELECT count(*) FROM audit_log"), std::vector<std::string>{"1"});
  EXPECT_EQ(Rows(**db, "SELECT count(*) FROM users WHERE cadre_id IS NULL"), std::vector<std::string>{"1"});
  EXPECT_EQ(Rows(**db, "PRAGMA foreign_keys"), std::vector<std::string>{"1"});  // back on
  EXPECT_EQ(Rows(**db, "PRAGMA integrity_check"), std::vector<std::string>{"ok"});
  EXPECT_TRUE(Rows(**db, "PRAGMA foreign_key_check").empty());
  // Baselines recorded, not run; each with when.
  auto applied = *AppliedMigrations(**db);
  ASSERT_EQ(static_cast<int>(applied.size()), LatestSchemaVersion());
  EXPECT_EQ(applied.front().module, "platform");
  for (const auto& a : applied) EXPECT_EQ(a.applied_at.size(), 20u) << a.module << " " << a.applied_at;
  // Opening again changes nothing.
  db->reset();
  auto again = OpenAndMigrate(f.path, true);
  ASSERT_TRUE(again);
  EXPECT_EQ(AllRows(**again, shape.get()), before);
}

TEST(ModuleMigrations, EachOwnerIsNumberedFromOneAndOnlyZeroZeroZeroOneIsABaseline) {
  ASSERT_FALSE(SchemaModules().empty());
  EXPECT_EQ(SchemaModules().front().name, "platform");
  std::set<std::string_view> names;
  for (const SchemaModule& s : SchemaModules()) {
    EXPECT_TRUE(names.insert(s.name).second) << s.name;
    int expected = 1;
    for (const Migration& m : s.migrations) {
      EXPECT_EQ(m.version, expected++) << s.name << " " << m.name;
      // Only a 0001 can be a baseline; owners new since schema 6 (cadres, …) have none.
      if (m.baseline) {
        EXPECT_EQ(m.version, 1) << s.name << " " << m.name;
      }
    }
  }
  EXPECT_EQ(LegacyMigrations().size(), 6u);
}

TEST(ModuleMigrations, RefusesALedgerEntryThisBinaryDoesNotKnow) {
  for (const char* row : {"('sites', 99, '0099_x.sql', 'x')", "('points', 1, '0001_points.sql', 'x')"}) {
    auto db = *Database::Open(":memory:");
    ASSERT_TRUE(Migrate(*db));
    ASSERT_TRUE(db->Exec(std::string("INSERT INTO schema_migrations VALUES ") + row));
    const auto before = Schema(*db);
    auto r = Migrate(*db);
    ASSERT_FALSE(r) << row;
    EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
    EXPECT_NE(r.error().message.find("newer anju"), std::string::npos) << r.error().message;
    EXPECT_EQ(Schema(*db), before);
  }
}

}  // namespace
}  // namespace anju::storage
