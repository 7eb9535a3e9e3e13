// The workshops ledger through the generic table import (importer/table_import.h) on a real
// in-memory SQLite database: header detection with synonyms, each fault kind, upsert,
// all-or-nothing, the error report, audit entries, scope, export -> import.
#include "industry/workshop_table.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "importer/clean.h"
#include "importer/fix_zh.h"
#include "importer/xlsx_test_util.h"
#include "storage/audit_log.h"
#include "storage/migrate.h"
#include "importer/storage/sqlite_table_repository.h"

namespace anju::industry {
namespace {

using importer::Fault;
using importer::InputFile;
using importer::TableImportOptions;
using importer::TableImportResult;
using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

std::unique_ptr<storage::Database> TestDb() {
  auto db = storage::OpenAndMigrate(":memory:", false);
  EXPECT_TRUE(db) << db.error().ToString();
  auto s = (*db)->Exec(
      "INSERT INTO divisions (code, name, level, parent_code) VALUES ('141124', '临县', 'county', NULL),"
      " ('141124100', '临泉镇', 'township', '141124'), ('141124101', '白文镇', 'township', '141124');"
      "INSERT INTO sites (id, name, mode, township_code) VALUES (1, '城北安置点', 'county_town', '141124100'),"
      " (2, '白文安置点', 'township_seat', '141124101');"
      "INSERT INTO site_aliases (alias, site_id, reason) VALUES ('城北', 1, 'short form');");
  EXPECT_TRUE(s) << s.error().ToString();
  return std::move(*db);
}

TableImportOptions Opts() {
  TableImportOptions o;
  o.today = Date{year{2026}, month{11}, day{29}};
  return o;
}

int64_t Count(storage::Database& db, const std::string& sql) {
  auto st = db.Prepare(sql);
  EXPECT_TRUE(st) << st.error().ToString();
  auto row = st->Step();
  EXPECT_TRUE(row && *row);
  return st->ColumnInt(0);
}

std::string Text(storage::Database& db, const std::string& sql) {
  auto st = db.Prepare(sql);
  EXPECT_TRUE(st) << st.error().ToString();
  auto row = st->Step();
  EXPECT_TRUE(row && *row);
  return st->ColumnIsNull(0) ? "NULL" : st->ColumnText(0);
}

TableImportResult Import(storage::Database& db, std::string bytes, std::string name, TableImportOptions o = Opts(),
                         Actor actor = SystemActor()) {
  storage::SqliteTableRepository repo(db);
  auto r = importer::ImportTable(WorkshopTableSpec(), InputFile::FromBytes(std::move(bytes), std::move(name)), repo,
                                 actor, o);
  EXPECT_TRUE(r) << r.error().ToString();
  if (r) return std::move(*r);
  TableImportResult none;
  return none;
}

// The faults of kind `kind`.
std::vector<Fault> Faults(const TableImportResult& r, std::string_view kind) {
  std::vector<Fault> out;
  for (const auto& f : r.report.faults)
    if (f.kind == kind) out.push_back(f);
  return out;
}

const char* kLedger =
    "临县扶贫车间台账\n"
    "填报单位：临县乡村振兴局,,,,\n"
    "序号,所在安置点,扶贫车间名称（全称）,主要产品,开办时间,免租期（年）,负责人电话\n"
    "1,城北,城北扶贫车间,小家电,2018/3/1,3,13800000000\n"
    "2,白文安置点,白文服装车间,服装加工,2019年5月1日,5,\n"
    "合计,2,,,,,\n";

TEST(WorkshopTable, SpecIsValid) { EXPECT_TRUE(WorkshopTableSpec().Validate()); }

TEST(WorkshopTable, HeaderSynonymsTitleRowsAndFooterRecognised) {
  auto db = TestDb();
  auto r = Import(*db, kLedger, "车间台账.csv");
  EXPECT_TRUE(r.report.committed);
  EXPECT_EQ(r.report.errors, 0);
  ASSERT_EQ(r.report.sheets.size(), 1u);
  EXPECT_EQ(r.report.sheets[0].header->last_row, 3);
  EXPECT_EQ(r.report.sheets[0].footer_rows, 1);
  ASSERT_EQ(r.columns.size(), 1u);
  EXPECT_EQ(r.columns[0].second, "B=site_id, C=name, D=kind, E=opened_on, F=rent_free_years");
  ASSERT_EQ(r.report.sheets[0].header->unknown.size(), 1u);
  EXPECT_EQ(r.report.sheets[0].header->unknown[0], "G: 负责人电话");
  EXPECT_EQ(r.created, 2);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM workshops"), 2);
  EXPECT_EQ(Text(*db, "SELECT site_id || '|' || kind || '|' || opened_on || '|' || rent_free_years FROM workshops "
                      "WHERE name = '城北扶贫车间'"),
            "1|small_appliance|2018-03-01|3");
  EXPECT_EQ(Text(*db, "SELECT site_id || '|' || kind || '|' || opened_on FROM workshops WHERE name = '白文服装车间'"),
            "2|garment|2019-05-01");
}

// A 合计 row whose mapped cells are empty (the label in 序号) is a footer, not a blank row
// (found by the session-5 tester).
TEST(WorkshopTable, FooterWithEmptyMappedCellsIsAFooter) {
  auto db = TestDb();
  auto r = Import(*db, "序号,安置点,车间名称\n1,城北,甲车间\n,,\n合计,,\n", "f.csv");
  ASSERT_EQ(r.report.sheets.size(), 1u);
  EXPECT_EQ(r.report.sheets[0].footer_rows, 1);
  EXPECT_EQ(r.report.sheets[0].blank_rows, 1);
  EXPECT_EQ(r.report.sheets[0].data_rows, 1);
  EXPECT_EQ(r.created, 1);
}

TEST(WorkshopTable, EnglishHeadersRecognised) {
  auto db = TestDb();
  auto r = Import(*db, "Site,Workshop,Kind,Opened on,Rent-free years\n城北安置点,A车间,garment,2020-01-02,4\n", "en.csv");
  EXPECT_EQ(r.report.errors, 0);
  EXPECT_EQ(r.created, 1);
  EXPECT_EQ(Text(*db, "SELECT name || kind || opened_on || rent_free_years FROM workshops"), "A车间garment2020-01-024");
}

// Checks one fault: where, what, reason in both languages, a fix with Chinese.
void ExpectFault(const Fault& f, int64_t row, std::string_view column, std::string_view field, std::string_view raw) {
  EXPECT_TRUE(f.error);
  EXPECT_EQ(f.file, "f.csv");
  EXPECT_EQ(f.sheet, "f.csv");
  EXPECT_EQ(f.row, row);
  EXPECT_EQ(f.column, column);
  EXPECT_EQ(f.field, field);
  EXPECT_EQ(f.raw, raw);
  EXPECT_FALSE(f.reason.empty());
  EXPECT_FALSE(f.reason_zh.empty());
  EXPECT_FALSE(importer::FixZh(f.fix).empty()) << f.fix;
}

TEST(WorkshopTable, BadDateIsACellFault) {
  auto db = TestDb();
  auto r = Import(*db, "安置点,车间名称,投产日期\n城北,甲车间,2019-13-45\n城北,乙车间,2030-01-01\n城北,丙车间,2019-02-03\n",
                  "f.csv");
  auto f = Faults(r, "date");
  ASSERT_EQ(f.size(), 2u);
  ExpectFault(f[0], 2, "C", "opened_on", "2019-13-45");
  ExpectFault(f[1], 3, "C", "opened_on", "2030-01-01");  // after today (2026-11-29)
  EXPECT_EQ(r.created, 1);
  EXPECT_EQ(r.report.rows_rejected, 2);
}

TEST(WorkshopTable, UnknownSiteSuggestsNearestName) {
  auto db = TestDb();
  auto r = Import(*db, "安置点,车间名称\n城北安置区一期,甲车间\n火星基地,乙车间\n", "f.csv");
  auto f = Faults(r, "reference");
  ASSERT_EQ(f.size(), 2u);
  ExpectFault(f[0], 2, "A", "site_id", "城北安置区一期");
  EXPECT_EQ(f[0].fix, "did you mean: 城北安置点");
  ExpectFault(f[1], 3, "A", "site_id", "火星基地");
  EXPECT_EQ(f[1].fix, "no similar site name; use the site's name as the county lists it");
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM workshops"), 0);
}

TEST(WorkshopTable, DuplicateKeyInFileRefusesEveryRowOfTheKey) {
  auto db = TestDb();
  // 城北 and 城北安置点 are one site: the key (site, name) is the same.
  auto r = Import(*db, "安置点,车间名称,免租年限\n城北,甲车间,3\n白文安置点,甲车间,3\n城北安置点,甲车间,5\n", "f.csv");
  auto f = Faults(r, "duplicate");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].row, 2);
  EXPECT_EQ(f[1].row, 4);
  EXPECT_NE(f[0].reason.find("f.csv [f.csv] row 4"), std::string::npos) << f[0].reason;
  // The key as each row wrote it, not the site's internal id (found by the session-5 tester).
  EXPECT_EQ(f[0].raw, "城北 / 甲车间");
  EXPECT_EQ(f[1].raw, "城北安置点 / 甲车间");
  EXPECT_FALSE(importer::FixZh(f[0].fix).empty());
  EXPECT_EQ(r.created, 1);  // 白文安置点's 甲车间
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM workshops"), 1);
}

TEST(WorkshopTable, MissingRequiredColumnImportsNothingFromTheSheet) {
  auto db = TestDb();
  auto r = Import(*db, "安置点,投产日期,免租年限\n城北,2019-01-01,3\n", "f.csv");
  auto f = Faults(r, "structure");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].field, "name");
  EXPECT_EQ(f[0].row, 1);
  EXPECT_NE(f[0].reason_zh.find("车间名称"), std::string::npos);
  EXPECT_EQ(importer::FixZh(f[0].fix), "在表头行中增加“车间名称”列并填写");
  EXPECT_EQ(r.report.sheets[0].skipped_reason, "required column missing");
  EXPECT_FALSE(r.report.sheets[0].imported);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM workshops"), 0);
}

TEST(WorkshopTable, EmptyRequiredCellAndTooLongTextAreRefused) {
  auto db = TestDb();
  std::string long_name(101 * 3, '\0');
  long_name.clear();
  for (int i = 0; i < 101; ++i) long_name += "车";
  auto r = Import(*db, "安置点,车间名称\n城北," + long_name + "\n城北,\n城北,正常车间\n", "f.csv");
  auto f = Faults(r, "value");
  ASSERT_EQ(f.size(), 2u);
  ExpectFault(f[0], 2, "B", "name", importer::ShortenForMessage(long_name, 100));  // cut in messages
  EXPECT_EQ(f[0].reason, "101 characters; workshop allows at most 100");
  ExpectFault(f[1], 3, "B", "name", "");
  EXPECT_EQ(r.created, 1);
}

TEST(WorkshopTable, FormulaErrorIsACellFaultInCsvAndXlsx) {
  auto db = TestDb();
  auto r = Import(*db, "安置点,车间名称,免租年限\n城北,甲车间,#N/A\n", "f.csv");
  auto f = Faults(r, "formula");
  ASSERT_EQ(f.size(), 1u);
  ExpectFault(f[0], 2, "C", "rent_free_years", "#N/A");

  // xlsx: an error cell (t="e"), a two-level header and a site merged over two rows.
  const std::string sheet =
      R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)"
      R"(<row r="1"><c r="A1" t="inlineStr"><is><t>基本情况</t></is></c><c r="C1" t="inlineStr"><is><t>投产</t></is></c></row>)"
      R"(<row r="2"><c r="A2" t="inlineStr"><is><t>安置点</t></is></c><c r="B2" t="inlineStr"><is><t>车间名称</t></is></c>)"
      R"(<c r="C2" t="inlineStr"><is><t>日期</t></is></c><c r="D2" t="inlineStr"><is><t>免租年限</t></is></c></row>)"
      R"(<row r="3"><c r="A3" t="inlineStr"><is><t>城北</t></is></c><c r="B3" t="inlineStr"><is><t>甲车间</t></is></c>)"
      R"(<c r="C3"><v>43160</v></c><c r="D3" t="e"><v>#REF!</v></c></row>)"
      R"(<row r="4"><c r="B4" t="inlineStr"><is><t>乙车间</t></is></c><c r="D4"><v>4</v></c></row>)"
      R"(</sheetData><mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="A3:A4"/></mergeCells></worksheet>)";
  auto x = Import(*db, importer::test::MakeXlsx(sheet), "x.xlsx");
  EXPECT_EQ(x.report.sheets[0].header->first_row, 1);
  EXPECT_EQ(x.report.sheets[0].header->last_row, 2);
  EXPECT_EQ(x.columns[0].second, "A=site_id, B=name, C=opened_on, D=rent_free_years");  // 投产/日期 read together
  auto fx = Faults(x, "formula");
  ASSERT_EQ(fx.size(), 1u);
  EXPECT_EQ(fx[0].row, 3);
  EXPECT_EQ(fx[0].column, "D");
  EXPECT_EQ(fx[0].raw, "#REF!");
  EXPECT_EQ(x.created, 1);
  // The merged site reached row 4.
  EXPECT_EQ(Text(*db, "SELECT site_id || '|' || rent_free_years FROM workshops WHERE name = '乙车间'"), "1|4");
}

TEST(WorkshopTable, CodeListAndRangeFaults) {
  auto db = TestDb();
  auto r = Import(*db, "安置点,车间名称,产品类型,免租年限\n城北,甲车间,火箭,3\n城北,乙车间,服装,25\n城北,丙车间,服装,3.5\n",
                  "f.csv");
  auto f = Faults(r, "value");
  ASSERT_EQ(f.size(), 3u);
  ExpectFault(f[0], 2, "C", "kind", "火箭");
  EXPECT_NE(f[0].fix.find("小家电加工"), std::string::npos);
  ExpectFault(f[1], 3, "D", "rent_free_years", "25");
  EXPECT_EQ(f[1].fix, "write a value within 0 – 20");
  ExpectFault(f[2], 4, "D", "rent_free_years", "3.5");
}

TEST(WorkshopTable, SecondImportUpdatesByKeyInsteadOfDuplicating) {
  auto db = TestDb();
  auto first = Import(*db, kLedger, "v1.csv");
  EXPECT_EQ(first.created, 2);
  const std::string v2 =
      "安置点,车间名称,免租年限\n"
      "城北安置点,城北扶贫车间,5\n"   // changed: 3 -> 5
      "白文安置点,白文服装车间,5\n"   // unchanged
      "白文安置点,白文箱包车间,4\n";  // new
  auto second = Import(*db, v2, "v2.csv");
  EXPECT_TRUE(second.report.committed);
  EXPECT_EQ(second.created, 1);
  EXPECT_EQ(second.updated, 1);
  EXPECT_EQ(second.unchanged, 1);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM workshops"), 3);
  // Only the columns the file has are written: kind and opened_on stay.
  EXPECT_EQ(Text(*db, "SELECT kind || '|' || opened_on || '|' || rent_free_years FROM workshops WHERE name = '城北扶贫车间'"),
            "small_appliance|2018-03-01|5");
  auto third = Import(*db, v2, "v2.csv");
  EXPECT_EQ(third.created + third.updated, 0);
  EXPECT_EQ(third.unchanged, 3);
}

TEST(WorkshopTable, AllOrNothingStoresNothingAndTheErrorReportListsTheRow) {
  auto db = TestDb();
  TableImportOptions o = Opts();
  o.all_or_nothing = true;
  auto r = Import(*db, "安置点,车间名称,投产日期\n城北,甲车间,2019-01-01\n城北,乙车间,不详\n城北,丙车间,2020-02-02\n", "f.csv", o);
  EXPECT_FALSE(r.report.committed);
  EXPECT_EQ(r.report.errors, 1);
  EXPECT_EQ(r.created, 0);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM workshops"), 0);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM audit_log"), 0);
  auto rows = r.report.rejected.ToVector();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].row, 3);
  EXPECT_EQ(rows[0].cells, (std::vector<std::string>{"城北", "乙车间", "不详"}));
  EXPECT_NE(rows[0].messages.find("C 投产日期"), std::string::npos) << rows[0].messages;
  // The same error workbook as the roster import: original headers, the row, 错误说明.
  const std::string path = (std::filesystem::temp_directory_path() / ("ws_err_" + std::to_string(::getpid()) + ".csv")).string();
  ASSERT_TRUE(importer::WriteErrorReport(r.report, path, importer::SheetFormat::kCsv));
  auto in = InputFile::Open(path);
  ASSERT_TRUE(in);
  const std::string text((*in)->bytes());
  std::filesystem::remove(path);
  EXPECT_NE(text.find("错误说明,原文件,原工作表,原行号,安置点,车间名称,投产日期"), std::string::npos) << text;
  EXPECT_NE(text.find(",f.csv,f.csv,3,城北,乙车间,不详"), std::string::npos) << text;
  // Without all_or_nothing the good rows go in.
  auto partial = Import(*db, "安置点,车间名称,投产日期\n城北,甲车间,2019-01-01\n城北,乙车间,不详\n", "f.csv");
  EXPECT_TRUE(partial.report.committed);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM workshops"), 1);
}

TEST(WorkshopTable, DryRunWritesNothing) {
  auto db = TestDb();
  TableImportOptions o = Opts();
  o.dry_run = true;
  auto r = Import(*db, kLedger, "f.csv", o);
  EXPECT_EQ(r.created, 2);
  EXPECT_FALSE(r.report.committed);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM workshops"), 0);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM audit_log"), 0);
}

TEST(WorkshopTable, AuditEntriesPerRowAndPerBatchInTheSameTransaction) {
  auto db = TestDb();
  Import(*db, kLedger, "车间台账.csv");
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM audit_log WHERE action = 'create' AND entity = 'workshop'"), 2);
  EXPECT_EQ(Text(*db, "SELECT source FROM audit_log WHERE entity = 'workshop' ORDER BY seq LIMIT 1"), "import 车间台账.csv row 4");
  EXPECT_EQ(Text(*db, "SELECT changes FROM audit_log WHERE entity = 'workshop' ORDER BY seq LIMIT 1"),
            R"({"kind":[null,"small_appliance"],"name":[null,"城北扶贫车间"],"opened_on":[null,"2018-03-01"],)"
            R"("rent_free_years":[null,3],"site_id":[null,1]})");
  const std::string batch = Text(*db, "SELECT changes FROM audit_log WHERE action = 'import'");
  EXPECT_NE(batch.find(R"("table":"workshops")"), std::string::npos) << batch;
  EXPECT_NE(batch.find(R"("created":2)"), std::string::npos) << batch;
  Import(*db, "安置点,车间名称,免租年限\n城北,城北扶贫车间,4\n", "v2.csv");
  EXPECT_EQ(Text(*db, "SELECT changes FROM audit_log WHERE action = 'update'"), R"({"rent_free_years":[3,4]})");
  auto v = storage::VerifyAuditTrail(*db);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->first_bad_seq, 0);
  EXPECT_EQ(v->entries, 5);  // 2 creates + batch, update + batch
}

TEST(WorkshopTable, ScopeOfTheActorIsChecked) {
  auto db = TestDb();
  Actor town;
  town.username = "baiwen";
  town.role = Role::kTownshipStaff;
  town.scope.level = AccessScope::Level::kTownship;
  town.scope.township_code = "141124101";  // 白文镇: 白文安置点 only
  auto r = Import(*db, "安置点,车间名称\n城北,甲车间\n白文安置点,乙车间\n", "f.csv", Opts(), town);
  auto f = Faults(r, "scope");
  ASSERT_EQ(f.size(), 1u);
  ExpectFault(f[0], 2, "A", "site_id", "城北");
  EXPECT_EQ(r.created, 1);
  Actor auditor = town;
  auditor.role = Role::kAuditor;
  storage::SqliteTableRepository repo(*db);
  auto refused = importer::ImportTable(WorkshopTableSpec(), InputFile::FromBytes("安置点,车间名称\n", "f.csv"), repo, auditor, Opts());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
}

TEST(WorkshopTable, TheNewColumnsImportWithTheirCodesAndUnits) {
  auto db = TestDb();
  const std::string csv =
      "安置点,车间名称,投产日期,运营企业,产品名称,车间形式,补贴金额,认定日期,认定级别,关闭日期,关闭原因\n"
      "城北安置点,城北扶贫车间,2018-03-01,临县示例电器有限公司,电风扇,厂房式,125000,2019-03-01,扶贫车间,,\n"
      "白文安置点,白文居家车间,2019-05-01,,手工布鞋,居家,3000.50,,,2024-07-01,企业迁出\n";
  auto r = Import(*db, csv, "full.csv");
  for (const auto& f : r.report.faults) ADD_FAILURE() << f.row << " " << f.field << " '" << f.raw << "': " << f.reason;
  ASSERT_EQ(r.report.errors, 0);
  EXPECT_EQ(Text(*db, "SELECT enterprise || '|' || products || '|' || type || '|' || subsidy_fen || '|' || recognised_on "
                      "|| '|' || level FROM workshops WHERE name = '城北扶贫车间'"),
            "临县示例电器有限公司|电风扇|factory|12500000|2019-03-01|workshop");
  EXPECT_EQ(Text(*db, "SELECT type || '|' || subsidy_fen || '|' || closed_on || '|' || close_reason FROM workshops "
                      "WHERE name = '白文居家车间'"),
            "home|300050|2024-07-01|企业迁出");
}

TEST(WorkshopTable, ExportImportsBackUnchanged) {
  auto db = TestDb();
  Import(*db, kLedger, "f.csv");
  storage::SqliteTableRepository repo(*db);
  for (auto format : {importer::SheetFormat::kCsv, importer::SheetFormat::kXlsx}) {
    const std::string path = (std::filesystem::temp_directory_path() /
                              ("ws_exp_" + std::to_string(::getpid()) + (format == importer::SheetFormat::kCsv ? ".csv" : ".xlsx")))
                                 .string();
    auto n = importer::ExportTable(WorkshopTableSpec(), repo, SystemActor(), path, format);
    ASSERT_TRUE(n) << n.error().ToString();
    EXPECT_EQ(*n, 2);
    auto in = InputFile::Open(path);
    ASSERT_TRUE(in);
    if (format == importer::SheetFormat::kCsv) {
      // Since industry 0003 the export has the ledger's new columns too (empty here: the file
      // imported had the first five only, and still imports).
      EXPECT_EQ(std::string((*in)->bytes()),
                "\xEF\xBB\xBF安置点,车间名称,产品类型,投产日期,免租年限,经营主体,产品名称,车间类别,关闭日期,关闭原因,"
                "补贴金额,优惠政策,认定日期,认定级别\r\n城北安置点,城北扶贫车间,小家电加工,2018-03-01,3,,,,,,,,,\r\n"
                "白文安置点,白文服装车间,服装加工,2019-05-01,5,,,,,,,,,\r\n");
    }
    auto r = importer::ImportTable(WorkshopTableSpec(), *in, repo, SystemActor(), Opts());
    std::filesystem::remove(path);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->report.errors, 0);
    EXPECT_EQ(r->unchanged, 2);
    EXPECT_EQ(r->created + r->updated, 0);
  }
  // A township user exports only the workshops of sites in the township.
  Actor town;
  town.role = Role::kTownshipStaff;
  town.scope.level = AccessScope::Level::kTownship;
  town.scope.township_code = "141124101";
  const std::string path = (std::filesystem::temp_directory_path() / ("ws_town_" + std::to_string(::getpid()) + ".csv")).string();
  auto n = importer::ExportTable(WorkshopTableSpec(), repo, town, path, importer::SheetFormat::kCsv);
  std::filesystem::remove(path);
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, 1);
}

TEST(WorkshopTable, HeaderTextsAreNeverSql) {
  auto db = TestDb();
  auto r = Import(*db, "安置点,车间名称,\"name); DROP TABLE workshops; --\"\n城北,甲车间,x\n", "f.csv");
  EXPECT_EQ(r.created, 1);
  EXPECT_EQ(Count(*db, "SELECT count(*) FROM workshops"), 1);
  EXPECT_EQ(Text(*db, "SELECT name FROM workshops"), "甲车间");
}

}  // namespace
}  // namespace anju::industry
