// SqliteImportRepository on a real (in-memory) SQLite database: an import commits households,
// persons, audit entries whose hash chain verifies, and an import_batches row; a re-import in
// upsert mode writes nothing; exports mask ids for non-privileged actors and honour the scope.
#include "importer/storage/sqlite_import_repository.h"

#include <gtest/gtest.h>

#include <optional>

#include "importer/events_import.h"
#include "importer/export.h"
#include "importer/storage/sqlite_events_repository.h"
#include "importer/importer.h"
#include "storage/audit_log.h"
#include "storage/migrate.h"

namespace anju::storage {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

std::unique_ptr<Database> TestDb() {
  auto db = OpenAndMigrate(":memory:", false);
  EXPECT_TRUE(db) << db.error().ToString();
  auto s = (*db)->Exec(
      "INSERT INTO divisions (code, name, level, parent_code) VALUES ('141124', '临县', 'county', NULL),"
      " ('141124100', '临泉镇', 'township', '141124'), ('141124101', '白文镇', 'township', '141124');"
      "INSERT INTO origin_villages (id, name, township_code, relocation_type) VALUES"
      " (1, '东村', '141124100', 'scattered'), (2, '西村', '141124101', 'whole_village');"
      "INSERT INTO sites (id, name, mode, township_code) VALUES (1, '城北安置点', 'county_town', '141124100'),"
      " (2, '白文安置点', 'township_seat', '141124101');"
      "INSERT INTO site_aliases (alias, site_id, reason) VALUES ('城北', 1, 'short form');");
  EXPECT_TRUE(s) << s.error().ToString();
  return std::move(*db);
}

// Ids computed with GB 11643-1999 MOD 11-2 (see importer_test.cc).
const char* kCsv =
    "户编号,姓名,公民身份号码,与户主关系,性别,联系电话,人口类别,迁出村,安置点,入住日期\n"
    "LX-000001,王建国,141124196503120158,户主,男,13812345678,建档立卡,东村,城北,2019-05-01\n"
    "LX-000001,李秀英,141124196807200245,配偶,女,,建档立卡,东村,城北,2019-05-01\n"
    "LX-000002,张桂兰,14112419520229028X,户主,女,,同步搬迁,西村,白文安置点,2020-01-15\n";

importer::ImportOptions Opts() {
  importer::ImportOptions o;
  o.today = Date{year{2026}, month{11}, day{29}};
  return o;
}

int64_t Count(Database& db, const std::string& sql) {
  auto st = db.Prepare(sql);
  EXPECT_TRUE(st);
  auto row = st->Step();
  EXPECT_TRUE(row && *row);
  return st->ColumnInt(0);
}

TEST(SqliteImport, CommitsWithAuditChainAndBatch) {
  auto db = TestDb();
  SqliteImportRepository repo(*db);
  auto r = importer::RunImport({importer::InputFile::FromBytes(kCsv, "临泉镇.csv")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->errors, 0) << (r->faults.empty() ? "" : r->faults[0].reason);
  EXPECT_TRUE(r->committed);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM persons"), 3);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM households WHERE site_id = 1 AND origin_village_id = 1"), 1);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM persons WHERE name_initials = 'wjg'"), 1);
  // 2 households + 3 persons + 1 batch entry.
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM audit_log"), 6);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM audit_log WHERE source = 'import 临泉镇.csv row 3'"), 1);
  EXPECT_EQ(Count(*db, "SELECT rows_imported FROM import_batches"), 3);
  auto v = VerifyAuditTrail(*db);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->entries, 6);
  EXPECT_EQ(v->first_bad_seq, 0) << v->reason;

  auto o = Opts();
  o.mode = importer::ImportMode::kUpsert;
  auto again = importer::RunImport({importer::InputFile::FromBytes(kCsv, "临泉镇.csv")}, o, SystemActor(), repo);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->persons_unchanged, 3);
  EXPECT_EQ(Count(*db, "SELECT sum(version) FROM persons"), 3);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM audit_log"), 7);  // the batch entry only

  // A changed phone is an update with its before/after in the audit trail.
  std::string changed = kCsv;
  changed.replace(changed.find("13812345678"), 11, "13912345678");
  auto upd = importer::RunImport({importer::InputFile::FromBytes(changed, "临泉镇.csv")}, o, SystemActor(), repo);
  ASSERT_TRUE(upd);
  EXPECT_EQ(upd->persons_updated, 1);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM audit_log WHERE action = 'update' AND changes LIKE "
                       "'%\"phone\":[\"13812345678\",\"13912345678\"]%'"),
            1);
  v = VerifyAuditTrail(*db);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->first_bad_seq, 0) << v->reason;
}

TEST(SqliteImport, RolledBackImportLeavesNothing) {
  auto db = TestDb();
  SqliteImportRepository repo(*db);
  auto o = Opts();
  o.dry_run = true;
  auto r = importer::RunImport({importer::InputFile::FromBytes(kCsv, "a.csv")}, o, SystemActor(), repo);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->persons_created, 3);  // done inside the transaction …
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM persons"), 0);  // … and rolled back
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM audit_log"), 0);
}

// Inserts household `no` (village 1, site 1) and one person in it through `repo`: 王建国 with
// the given resident id and disability grade (nullopt: none).
void InsertHouseholdWithPerson(SqliteImportRepository& repo, const char* no, const std::string& resident_id,
                               std::optional<int> disability_grade = std::nullopt) {
  registry::Household h;
  h.household_no = no;
  h.origin_village_id = 1;
  h.site_id = 1;
  h.move_in_date = Date{year{2019}, month{5}, day{1}};
  auto hid = repo.InsertHousehold(h);
  ASSERT_TRUE(hid) << hid.error().ToString();
  registry::Person p;
  p.household_id = *hid;
  p.resident_id = resident_id;
  p.name = "王建国";
  p.birth_date = Date{year{1965}, month{3}, day{12}};
  p.disability_grade = disability_grade;
  auto pid = repo.InsertPerson(p);  // a bulk load checks CHECKs and the id index at Commit
  ASSERT_TRUE(pid) << pid.error().ToString();
}

// The CHECK expressions are read from sqlite_master: persons has seven (hand-counted in
// migration 0001: sex, relationship, health, disability_grade, able_to_work, wants_work,
// employment_kind); a CHECK in a comment or a string is not one.
TEST(SqliteImport, CheckConstraintsAreReadFromTheSchema) {
  auto db = TestDb();
  auto st = *db->Prepare("SELECT sql FROM sqlite_master WHERE name = 'persons'");
  ASSERT_TRUE(*st.Step());
  auto checks = CheckConstraints(st.ColumnText(0));
  ASSERT_EQ(checks.size(), 7u);
  EXPECT_EQ(checks[0], "sex IN ('male','female')");
  EXPECT_EQ(checks[3], "disability_grade IS NULL OR disability_grade BETWEEN 1 AND 4");
  auto odd = CheckConstraints("CREATE TABLE t (a INT check(a > (1)), -- CHECK (no)\n b TEXT DEFAULT 'CHECK (x)', "
                              "\"check\" INT, /* CHECK (no) */ CONSTRAINT c CHECK ( b <> ')' ))");
  ASSERT_EQ(odd.size(), 2u);
  EXPECT_EQ(odd[0], "a > (1)");
  EXPECT_EQ(odd[1], " b <> ')' ");
}

// In a bulk load the resident-id index is built at Commit too (random inserts of 9.6 M ids
// overflowed the cache). The importer never sends the same id twice, but if a caller did, the
// UNIQUE index build at Commit refuses it and nothing is stored.
TEST(SqliteImport, BulkLoadChecksResidentIdUniquenessAtCommit) {
  auto db = TestDb();
  {
    SqliteImportRepository repo(*db);
    ASSERT_TRUE(repo.Begin());
    EXPECT_EQ(Count(*db, "SELECT count(*) FROM sqlite_master WHERE name = 'persons_resident_id'"), 0);
    for (const char* no : {"LX-000009", "LX-000010"})  // the same person in both households
      ASSERT_NO_FATAL_FAILURE(InsertHouseholdWithPerson(repo, no, "141124196503120158"));
    auto c = repo.Commit();
    ASSERT_FALSE(c);
    EXPECT_NE(c.error().message.find("UNIQUE"), std::string::npos) << c.error().message;
  }
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM persons"), 0);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM sqlite_master WHERE name = 'persons_resident_id'"), 1);
}

// A bulk import into an empty registry defers non-unique indexes and CHECK constraints to
// Commit: a row that breaks a CHECK (disability grade 1-4) makes Commit fail and the rollback
// leaves nothing, indexes included; a good load gets its indexes back.
TEST(SqliteImport, BulkLoadChecksConstraintsAtCommit) {
  auto db = TestDb();
  const std::string idx =
      "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('persons', 'households')";
  int64_t indexes = Count(*db, idx);
  {
    SqliteImportRepository repo(*db);
    ASSERT_TRUE(repo.Begin());
    EXPECT_LT(Count(*db, idx), indexes);  // dropped for the load
    // CHECK (disability_grade BETWEEN 1 AND 4), not checked per row in a bulk load.
    ASSERT_NO_FATAL_FAILURE(InsertHouseholdWithPerson(repo, "LX-000009", "141124196503120158", 7));
    auto c = repo.Commit();
    ASSERT_FALSE(c);
    EXPECT_NE(c.error().message.find("CHECK"), std::string::npos) << c.error().message;
    // The one scan over all CHECKs names the row and the CHECK it breaks.
    EXPECT_NE(c.error().message.find("persons row "), std::string::npos) << c.error().message;
    EXPECT_NE(c.error().message.find("disability_grade"), std::string::npos) << c.error().message;
  }  // the repository's destructor rolls back
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM persons"), 0);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM households"), 0);
  EXPECT_EQ(Count(*db, idx), indexes);
  // Per-row checks are back on the connection.
  EXPECT_FALSE(db->Exec("INSERT INTO households (household_no, category, origin_village_id, site_id, move_in_date) "
                        "VALUES ('X', 'nonsense', 1, 1, '2019-01-01')"));
  SqliteImportRepository repo(*db);
  auto r = importer::RunImport({importer::InputFile::FromBytes(kCsv, "临泉镇.csv")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_TRUE(r->committed);
  EXPECT_EQ(Count(*db, idx), indexes);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM persons"), 3);
}

TEST(SqliteImport, ExportRoundTripAndMasking) {
  auto db = TestDb();
  SqliteImportRepository repo(*db);
  ASSERT_TRUE(importer::RunImport({importer::InputFile::FromBytes(kCsv, "a.csv")}, Opts(), SystemActor(), repo));
  importer::ExportRequest req;
  req.format = importer::SheetFormat::kCsv;
  auto bytes = importer::ExportToBytes(repo, SystemActor(), req);
  ASSERT_TRUE(bytes) << bytes.error().ToString();
  EXPECT_TRUE(bytes->starts_with("\xEF\xBB\xBF户编号,姓名,公民身份号码"));
  EXPECT_NE(bytes->find("=\"141124196503120158\""), std::string::npos);
  // Into a second database: identical export.
  auto db2 = TestDb();
  SqliteImportRepository repo2(*db2);
  auto r = importer::RunImport({importer::InputFile::FromBytes(*bytes, "export.csv")}, Opts(), SystemActor(), repo2);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->errors, 0) << (r->faults.empty() ? "" : r->faults[0].reason);
  auto bytes2 = importer::ExportToBytes(repo2, SystemActor(), req);
  ASSERT_TRUE(bytes2);
  EXPECT_EQ(*bytes, *bytes2);
  // A township clerk of 白文镇 sees only that township, ids and phones masked.
  Actor clerk;
  clerk.role = Role::kTownshipStaff;
  clerk.scope.level = AccessScope::Level::kTownship;
  clerk.scope.township_code = "141124101";
  auto masked = importer::ExportToBytes(repo, clerk, req);
  ASSERT_TRUE(masked);
  EXPECT_EQ(masked->find("王建国"), std::string::npos);
  EXPECT_NE(masked->find("张桂兰"), std::string::npos);
  EXPECT_NE(masked->find("141124********028X"), std::string::npos);
  EXPECT_EQ(masked->find("14112419520229028X"), std::string::npos);
  // Site filter through an alias.
  auto site = repo.SiteIdByName("城北");
  ASSERT_TRUE(site && *site);
  EXPECT_EQ(**site, 1);
}

// Issue #14: a file of new members of registered households (no head rows) on SQLite: the
// member's period starts on 变动日期, a member_added register event recorded by the importing
// user, audited, the audit chain intact. A scattered household's rows on SQLite too.
TEST(SqliteImport, NewMembersGetMemberFromAndAnEvent) {
  auto db = TestDb();
  SqliteImportRepository repo(*db);
  ASSERT_TRUE(importer::RunImport({importer::InputFile::FromBytes(kCsv, "seed.csv")}, Opts(), SystemActor(), repo));
  auto head = repo.FindCurrentHead(1);
  ASSERT_TRUE(head && *head);
  EXPECT_EQ((*head)->name, "王建国");
  Actor clerk = SystemActor();
  clerk.username = "clerk_li";
  // 141124199501010012: born 1995-01-01, sequence 001 (male), check digit 2 (MOD 11-2).
  const char* members = "户编号,姓名,公民身份号码,与户主关系,变动日期\n"
                        "LX-000001,王小军,141124199501010012,子女,2026-10-08\n";
  auto r = importer::RunImport({importer::InputFile::FromBytes(members, "members.csv")}, Opts(), clerk, repo);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->errors, 0) << (r->faults.empty() ? "" : r->faults[0].reason);
  EXPECT_TRUE(r->committed);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM persons WHERE household_id = 1 AND name = '王小军' "
                       "AND member_from = '2026-10-08' AND member_until IS NULL"), 1);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM register_events e JOIN persons p ON p.id = e.person_id "
                       "WHERE e.kind = 'member_added' AND e.event_date = '2026-10-08' AND e.household_id = 1 "
                       "AND e.recorded_by = 'clerk_li' AND p.name = '王小军'"), 1);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM audit_log WHERE entity = 'register_event' AND username = 'clerk_li'"), 1);
  auto v = VerifyAuditTrail(*db);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->first_bad_seq, 0) << v->reason;
}

// The events roster on SQLite without the life-event service wired in: households are found
// within the actor's scope only (a 白文镇 clerk does not see 临泉镇's LX-000001), a preview
// checks every row, a real run is refused and writes nothing.
TEST(SqliteImport, EventsRosterPreviewWithinScope) {
  auto db = TestDb();
  SqliteImportRepository repo(*db);
  ASSERT_TRUE(importer::RunImport({importer::InputFile::FromBytes(kCsv, "seed.csv")}, Opts(), SystemActor(), repo));
  SqliteEventsRepository events(*db, EventApplyFn{});
  auto found = events.FindEventHousehold(SystemActor().scope, "LX-000001");
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->start, (Date{year{2019}, month{5}, day{1}}));
  ASSERT_EQ((*found)->members.size(), 2u);
  EXPECT_EQ((*found)->members[0].name, "王建国");  // the head first
  AccessScope baiwen;
  baiwen.level = AccessScope::Level::kTownship;
  baiwen.township_code = "141124101";
  auto hidden = events.FindEventHousehold(baiwen, "LX-000001");
  ASSERT_TRUE(hidden);
  EXPECT_FALSE(*hidden);
  const std::string csv = "户编号,姓名,身份证号,变动类型,变动日期,原因\n"
                          "LX-000001,李秀英,141124196807200245,死亡,2026-03-02,病故\n";
  importer::ImportOptions o = Opts();
  o.dry_run = true;
  auto preview = importer::ImportEvents({importer::InputFile::FromBytes(csv, "变动.csv")}, o, SystemActor(), events);
  ASSERT_TRUE(preview) << preview.error().ToString();
  EXPECT_EQ(preview->errors, 0) << (preview->faults.empty() ? "" : preview->faults[0].reason);
  EXPECT_EQ(preview->warnings, 1);  // the life-event rules were not run
  auto run = importer::ImportEvents({importer::InputFile::FromBytes(csv, "变动.csv")}, Opts(), SystemActor(), events);
  ASSERT_FALSE(run);
  EXPECT_EQ(run.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM register_events"), 0);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM persons WHERE member_until IS NOT NULL"), 0);
}

// The events roster through registry::LifeEventService on SQLite, all or nothing: a member's
// death and a newborn with a pending id are applied (membership ended, person added, two
// register events, the import batch); a roster with one refused row writes nothing.
TEST(SqliteImport, EventsRosterAppliedThroughTheLifeEventService) {
  auto db = TestDb();
  SqliteImportRepository repo(*db);
  ASSERT_TRUE(importer::RunImport({importer::InputFile::FromBytes(kCsv, "seed.csv")}, Opts(), SystemActor(), repo));
  const Date today = Opts().today;
  {
    SqliteEventsRepository events(*db, today);
    const std::string bad = "户编号,姓名,身份证号,变动类型,变动日期,与户主关系,性别\n"
                            "LX-000001,王小宝,待补录,出生,2026-05-01,孙子女,男\n"
                            "LX-000002,张桂兰,14112419520229028X,死亡,1940-01-01,,\n";  // before her birth
    auto r = importer::ImportEvents({importer::InputFile::FromBytes(bad, "变动.csv")}, Opts(), SystemActor(), events);
    ASSERT_TRUE(r) << r.error().ToString();
    EXPECT_FALSE(r->committed);
    EXPECT_EQ(Count(*db, "SELECT count(*) FROM register_events"), 0);
    EXPECT_EQ(Count(*db, "SELECT count(*) FROM persons"), 3);
  }
  SqliteEventsRepository events(*db, today);
  const std::string csv = "户编号,姓名,身份证号,变动类型,变动日期,原因,去向/来源,与户主关系,性别\n"
                          "LX-000001,李秀英,141124196807200245,迁出,2026-03-02,务工,太原市,,\n"
                          "LX-000001,王小宝,待补录,出生,2026-05-01,,,孙子女,男\n";
  auto r = importer::ImportEvents({importer::InputFile::FromBytes(csv, "变动.csv")}, Opts(), SystemActor(), events);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->errors, 0) << (r->faults.empty() ? "" : r->faults[0].reason);
  EXPECT_TRUE(r->committed);
  EXPECT_EQ(r->events_recorded, 2);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM persons WHERE name = '李秀英' AND member_until = '2026-03-02'"), 1);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM persons WHERE name = '王小宝' AND resident_id = '' AND household_id = 1 "
                       "AND birth_date = '2026-05-01'"), 1);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM register_events WHERE kind IN ('moved_away','birth')"), 2);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM register_events WHERE kind = 'moved_away' AND place = '太原市'"), 1);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM import_batches WHERE file_name = '变动.csv'"), 1);
  auto v = VerifyAuditTrail(*db);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->first_bad_seq, 0) << v->reason;
}

// Issue #14 (fix-import): exports write the CURRENT roster — current members of current
// households — and a pending id (待补录) survives export -> import. After a member moved away,
// a newborn with a pending id joined, and the only member of LX-000002 died (the household
// ended): the persons export lists 王建国 and 王小宝 (待补录) only, the households export
// LX-000001 with 2 members; the export imports into a fresh database without a fault (the
// newborn stored with resident_id '' and its sex and birth date) and exports identically
// from there; re-imported in upsert mode it changes nothing.
TEST(SqliteImport, ExportIsTheCurrentRosterAndKeepsPendingIds) {
  auto db = TestDb();
  SqliteImportRepository repo(*db);
  ASSERT_TRUE(importer::RunImport({importer::InputFile::FromBytes(kCsv, "seed.csv")}, Opts(), SystemActor(), repo));
  {
    SqliteEventsRepository events(*db, Opts().today);
    const std::string csv = "户编号,姓名,身份证号,变动类型,变动日期,原因,去向/来源,与户主关系,性别\n"
                            "LX-000001,李秀英,141124196807200245,迁出,2026-03-02,务工,太原市,,\n"
                            "LX-000001,王小宝,待补录,出生,2026-05-01,,,孙子女,男\n"
                            "LX-000002,张桂兰,14112419520229028X,死亡,2026-04-01,病故,,,\n";
    auto r = importer::ImportEvents({importer::InputFile::FromBytes(csv, "变动.csv")}, Opts(), SystemActor(), events);
    ASSERT_TRUE(r) << r.error().ToString();
    ASSERT_TRUE(r->committed) << (r->faults.empty() ? "" : r->faults[0].reason);
  }
  ASSERT_EQ(Count(*db, "SELECT count(*) FROM households WHERE ended_on IS NOT NULL"), 1);
  importer::ExportRequest req;
  req.format = importer::SheetFormat::kCsv;
  auto bytes = importer::ExportToBytes(repo, SystemActor(), req);
  ASSERT_TRUE(bytes) << bytes.error().ToString();
  EXPECT_NE(bytes->find("王建国"), std::string::npos);
  EXPECT_EQ(bytes->find("李秀英"), std::string::npos);  // moved away
  EXPECT_EQ(bytes->find("张桂兰"), std::string::npos);  // died; her household ended
  const size_t baby = bytes->find("王小宝");
  ASSERT_NE(baby, std::string::npos);
  const std::string baby_row = bytes->substr(baby, bytes->find('\n', baby) - baby);
  EXPECT_TRUE(baby_row.starts_with("王小宝,=\"待补录\",孙子女,男,2026-05-01,")) << baby_row;
  importer::ExportRequest hreq = req;
  hreq.kind = importer::ExportKind::kHouseholds;
  auto households = importer::ExportToBytes(repo, SystemActor(), hreq);
  ASSERT_TRUE(households) << households.error().ToString();
  EXPECT_NE(households->find("=\"LX-000001\",王建国,=\"141124196503120158\",2,"), std::string::npos) << *households;
  EXPECT_EQ(households->find("LX-000002"), std::string::npos) << *households;
  // Into a fresh database: no fault, the pending id stored as '', the same export again.
  auto db2 = TestDb();
  SqliteImportRepository repo2(*db2);
  auto r2 = importer::RunImport({importer::InputFile::FromBytes(*bytes, "export.csv")}, Opts(), SystemActor(), repo2);
  ASSERT_TRUE(r2) << r2.error().ToString();
  EXPECT_EQ(r2->errors, 0) << (r2->faults.empty() ? "" : r2->faults[0].reason);
  EXPECT_EQ(r2->persons_created, 2);
  EXPECT_EQ(Count(*db2, "SELECT count(*) FROM persons WHERE name = '王小宝' AND resident_id = '' AND sex = 'male' "
                        "AND birth_date = '2026-05-01' AND relationship = 'grandchild'"), 1);
  auto bytes2 = importer::ExportToBytes(repo2, SystemActor(), req);
  ASSERT_TRUE(bytes2);
  EXPECT_EQ(*bytes, *bytes2);
  // The roster back into the first database, upsert: all unchanged, nothing written.
  const int64_t versions = Count(*db, "SELECT sum(version) FROM persons");
  auto o = Opts();
  o.mode = importer::ImportMode::kUpsert;
  auto again = importer::RunImport({importer::InputFile::FromBytes(*bytes, "export.csv")}, o, SystemActor(), repo);
  ASSERT_TRUE(again) << again.error().ToString();
  EXPECT_EQ(again->errors, 0) << (again->faults.empty() ? "" : again->faults[0].reason);
  EXPECT_EQ(again->persons_created, 0);
  EXPECT_EQ(again->persons_updated, 0);
  EXPECT_EQ(again->persons_unchanged, 2);
  EXPECT_EQ(again->households_unchanged, 1);
  EXPECT_EQ(Count(*db, "SELECT sum(version) FROM persons"), versions);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM persons"), 4);
}

}  // namespace
}  // namespace anju::storage
