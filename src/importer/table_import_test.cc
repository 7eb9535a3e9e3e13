// Generic table import (table_import.h) with a toy spec of every column type and an in-memory
// repository: header detection with synonyms, the readings of mu, money, bool, int and
// code-list cells, each refusal, the spec's own checks.
#include "importer/table_import.h"

#include <gtest/gtest.h>

#include "core/try.h"
#include "importer/clean.h"
#include "importer/fix_zh.h"
#include "importer/header.h"

namespace anju::importer {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

// Rows in memory; one pending copy for the transaction.
class FakeTableRepository : public TableRepository {
 public:
  std::vector<std::pair<int64_t, TableRow>> rows, pending;
  std::vector<AuditEntry> audit, pending_audit;
  Result<std::vector<SiteName>> LoadSites() override {
    return std::vector<SiteName>{{1, "城北安置点", "141124100"}, {2, "白文安置点", "141124101"}};
  }
  Status Begin() override {
    pending = rows;
    pending_audit = audit;
    return {};
  }
  Result<std::optional<Stored>> FindByKey(const TableSpec& spec, const std::vector<TableValue>& key) override {
    for (auto& [id, r] : pending) {
      bool same = true;
      for (size_t i = 0; i < key.size(); ++i) same = same && r[static_cast<size_t>(spec.IndexOf(spec.key[i]))] == key[i];
      if (same) return std::optional<Stored>{Stored{id, r}};
    }
    return std::optional<Stored>{};
  }
  Result<int64_t> Insert(const TableSpec&, const TableRow& values, const std::vector<bool>& present) override {
    TableRow r(values.size());
    for (size_t i = 0; i < values.size(); ++i)
      if (present[i]) r[i] = values[i];
    pending.push_back({static_cast<int64_t>(pending.size()) + 1, r});
    return static_cast<int64_t>(pending.size());
  }
  Status Update(const TableSpec&, int64_t id, const TableRow& values, const std::vector<bool>& present) override {
    for (auto& [rid, r] : pending)
      if (rid == id)
        for (size_t i = 0; i < values.size(); ++i)
          if (present[i]) r[i] = values[i];
    return {};
  }
  Status Audit(const Actor&, const AuditEntry& e) override {
    pending_audit.push_back(e);
    return {};
  }
  Status Commit() override {
    rows = pending;
    audit = pending_audit;
    return {};
  }
  void Rollback() override {}
  Status ForEachRow(const TableSpec&, const std::function<Status(int64_t, const TableRow&)>& fn) override {
    for (auto& [id, r] : rows) ANJU_CHECK(fn(id, r));
    return {};
  }
};

// A land-transfer-like toy ledger with every column type.
const TableSpec& ToySpec() {
  static const TableSpec* s = [] {
    auto* t = new TableSpec;
    t->table = "toy_ledger";
    t->entity = "toy";
    t->title_zh = "测试台账";
    t->title_en = "the toy ledger";
    ColumnSpec code{.name = "contract_no", .type = ColumnType::kText, .required = true, .header_zh = "合同编号",
                    .header_en = "contract no", .synonyms = {"合同号"}};
    code.cleaner = [](std::string_view v) { return NormalizeCode(v); };
    ColumnSpec area{.name = "area_centimu", .type = ColumnType::kMu, .required = true, .header_zh = "面积（亩）",
                    .header_en = "area", .synonyms = {"流转面积", "亩数"}};
    area.min_value = 1;
    ColumnSpec money{.name = "rent_fen", .type = ColumnType::kMoneyFen, .header_zh = "租金（元）", .header_en = "rent",
                     .synonyms = {"年租金", "流转费"}};
    ColumnSpec paid{.name = "paid", .type = ColumnType::kBool, .header_zh = "是否兑付", .header_en = "paid"};
    ColumnSpec kind{.name = "kind", .type = ColumnType::kCodeList, .header_zh = "类型", .header_en = "kind"};
    kind.codes = {{"custody", "托管", {"生产托管", "农业生产托管"}}, {"land_transfer", "流转", {"土地流转"}}};
    ColumnSpec year_{.name = "years", .type = ColumnType::kInt, .header_zh = "年限", .header_en = "years"};
    t->columns = {code, area, money, paid, kind, year_};
    t->key = {"contract_no"};
    return t;
  }();
  return *s;
}

TableImportOptions Opts() {
  TableImportOptions o;
  o.today = Date{year{2026}, month{11}, day{29}};
  return o;
}

Result<TableImportResult> ImportCsv(FakeTableRepository& repo, std::string csv, const TableSpec& spec = ToySpec()) {
  return ImportTable(spec, InputFile::FromBytes(std::move(csv), "t.csv"), repo, SystemActor(), Opts());
}

TEST(TableImport, EveryTypeReadAndStored) {
  FakeTableRepository repo;
  auto r = ImportCsv(repo,
               "合同号,流转面积,年租金,是否兑付,类型,年限\n"
               "ＨＴ－001,12.5亩,\"1,234.50元\",是,生产托管,3\n"
               "HT-002,0.01,3.5万元,否,land_transfer,10\n");
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->report.errors, 0);
  ASSERT_EQ(repo.rows.size(), 2u);
  EXPECT_EQ(repo.rows[0].second, (TableRow{std::string("HT-001"), int64_t{1250}, int64_t{123450}, int64_t{1},
                                           std::string("custody"), int64_t{3}}));
  EXPECT_EQ(repo.rows[1].second, (TableRow{std::string("HT-002"), int64_t{1}, int64_t{3500000}, int64_t{0},
                                           std::string("land_transfer"), int64_t{10}}));
  // One audit entry per row, then the batch.
  ASSERT_EQ(repo.audit.size(), 3u);
  EXPECT_EQ(repo.audit[2].action, "import");
}

TEST(TableImport, EachRefusalNamesCellValueAndFix) {
  FakeTableRepository repo;
  auto r = ImportCsv(repo,
               "合同编号,面积,租金,是否兑付,类型,年限\n"
               "A1,12.345,100,是,托管,1\n"      // three decimals of mu
               "A2,0,100,是,托管,1\n"           // below min 0.01
               "A3,5,12.3.4,是,托管,1\n"        // not an amount
               "A4,5,100,x,托管,1\n"            // ambiguous yes/no
               "A5,5,100,是,出租,1\n"           // not in the code list
               "A6,5,100,是,托管,三年\n"        // not a whole number
               "A7,5,100,是,托管,1\n");
  ASSERT_TRUE(r) << r.error().ToString();
  ASSERT_EQ(r->report.faults.size(), 6u);
  const std::vector<std::pair<std::string, std::string>> want = {{"B", "12.345"}, {"B", "0"},   {"C", "12.3.4"},
                                                                {"D", "x"},      {"E", "出租"}, {"F", "三年"}};
  for (size_t i = 0; i < want.size(); ++i) {
    const Fault& f = r->report.faults[i];
    EXPECT_EQ(f.row, static_cast<int64_t>(i) + 2);
    EXPECT_EQ(f.column, want[i].first);
    EXPECT_EQ(f.raw, want[i].second);
    EXPECT_FALSE(f.reason_zh.empty());
    EXPECT_FALSE(FixZh(f.fix).empty()) << f.fix;
  }
  EXPECT_EQ(r->report.faults[1].fix, "write a value of at least 0.01");
  EXPECT_EQ(r->report.faults[4].fix, "write one of: 托管、流转");
  EXPECT_EQ(repo.rows.size(), 1u);
}

TEST(TableImport, HeaderNeedsAKeyColumn) {
  FakeTableRepository repo;
  // 面积 and 租金 are known, but without 合同编号 (the key) the row is no header.
  auto r = ImportCsv(repo, "面积,租金\n1,2\n");
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->report.sheets[0].imported);
  EXPECT_EQ(r->report.sheets[0].skipped_reason, "no header row");
  ASSERT_EQ(r->report.faults.size(), 1u);
  EXPECT_EQ(r->report.faults[0].kind, "sheet");
  EXPECT_EQ(FixZh(r->report.faults[0].fix), "在数据上方的一行中写明列名：合同编号、面积（亩）、租金（元）、是否兑付、类型、年限");
}

TEST(TableImport, DetectHeaderWithPicksTheRowWithMostKeys) {
  std::vector<Row> rows(3);
  auto text = [](std::string t) {
    Cell c;
    c.type = Cell::Type::kText;
    c.text = std::move(t);
    return c;
  };
  rows[0] = {1, {text("年度台账"), text("年限")}};
  rows[1] = {2, {text("序号"), text("合同号（必填）"), text("流转 面积"), text("备注")}};
  rows[2] = {3, {text("1"), text("A"), text("2")}};
  HeaderMatcher m = [](std::string_view t) -> std::optional<int> {
    std::string n = NormalizeHeader(t);
    if (n == "合同号") return 0;
    if (n == "流转面积") return 1;
    if (n == "年限") return 2;
    if (n == "序号") return kKnownIgnored;
    return std::nullopt;
  };
  auto h = DetectHeaderWith(rows, {}, m, [](const std::set<int>& k) { return k.contains(0); });
  ASSERT_TRUE(h) << h.error().ToString();
  EXPECT_EQ(h->last_row, 2);
  ASSERT_EQ(h->columns.size(), 4u);
  EXPECT_EQ(h->columns[1].key, 0);
  EXPECT_EQ(h->columns[2].key, 1);
  EXPECT_EQ(h->unknown, std::vector<std::string>{"D: 备注"});
  auto none = DetectHeaderWith(rows, {}, m, [](const std::set<int>& k) { return k.contains(2) && k.size() > 5; });
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, ErrorCode::kInvalidArgument);
}

TEST(TableImport, CountyWideTableIsWrittenOnlyWithCountyScope) {
  FakeTableRepository repo;
  Actor town;
  town.role = Role::kTownshipStaff;
  town.scope.level = AccessScope::Level::kTownship;
  town.scope.township_code = "141124101";
  auto r = ImportTable(ToySpec(), InputFile::FromBytes("合同编号,面积\nA1,5\n", "t.csv"), repo, town, Opts());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
  EXPECT_TRUE(repo.rows.empty());
  town.scope.level = AccessScope::Level::kCounty;
  town.role = Role::kCountyStaff;
  EXPECT_TRUE(ImportTable(ToySpec(), InputFile::FromBytes("合同编号,面积\nA1,5\n", "t.csv"), repo, town, Opts()));
  EXPECT_EQ(repo.rows.size(), 1u);
}

// A row handler with its own cell checks (as industry's roster writers): a contract number
// starting with X is refused, and it also objects to every 类型 (a column it should not be asked
// about when the cell did not read).
class CheckingRepository : public FakeTableRepository {
 public:
  std::vector<std::vector<bool>> oks;  // the masks CheckRow was given
  Status CheckRow(const TableSpec& spec, const TableRow& values, const std::vector<bool>& ok) override {
    oks.push_back(ok);
    std::vector<Error> faults;
    const auto& no = values[static_cast<size_t>(spec.IndexOf("contract_no"))];
    if (ok[0] && std::holds_alternative<std::string>(no) && std::get<std::string>(no).starts_with("X"))
      faults.push_back(InvalidArgument("contract numbers starting with X are withdrawn", "contract_no",
                                       std::get<std::string>(no), "以X开头的合同编号已作废").error());
    faults.push_back(InvalidArgument("a kind the handler refuses", "kind", "", "处理程序拒绝该类型").error());
    return AllFaults(std::move(faults));
  }
};

// Regression (session 10): a row stopped at its parse faults — the row handler's checks of the
// cells that did read never ran — so the clerk saw one set of faults, fixed them, and met the
// next. Now one pass lists the parse faults and the handler's, in column order; the handler's
// objection to a column already faulted is dropped (the cell keeps its own fault).
TEST(TableImport, ARowListsItsParseFaultsAndTheHandlersChecksAtOnce) {
  CheckingRepository repo;
  auto r = ImportCsv(repo,
                     "合同编号,面积,租金,是否兑付,类型,年限\n"
                     "X1,12.345,100,x,出租,1\n");  // A: handler; B: decimals; D: yes/no; E: code list
  ASSERT_TRUE(r) << r.error().ToString();
  std::vector<std::pair<std::string, std::string>> got;
  for (const Fault& f : r->report.faults) {
    got.emplace_back(f.column, f.raw);
    EXPECT_TRUE(f.error);
    EXPECT_EQ(f.row, 2);
    EXPECT_FALSE(f.reason.empty()) << f.column;
    EXPECT_FALSE(f.reason_zh.empty()) << f.column;
    EXPECT_FALSE(FixZh(f).empty()) << f.column << ": " << f.fix;
  }
  const std::vector<std::pair<std::string, std::string>> want = {{"A", "X1"}, {"B", "12.345"}, {"D", "x"}, {"E", "出租"}};
  EXPECT_EQ(got, want);
  EXPECT_EQ(r->report.faults[0].reason_zh, "以X开头的合同编号已作废");
  ASSERT_EQ(repo.oks.size(), 1u);
  EXPECT_EQ(repo.oks[0], (std::vector<bool>{true, false, true, false, false, true}));
  EXPECT_EQ(r->report.rows_rejected, 1);
  EXPECT_TRUE(repo.rows.empty());
}

TEST(TableImport, SpecValidationRefusesUnsafeNames) {
  TableSpec bad = ToySpec();
  bad.columns[0].name = "contract_no; DROP TABLE x";
  EXPECT_FALSE(bad.Validate());
  TableSpec bad_key = ToySpec();
  bad_key.key = {"paid"};  // not required
  EXPECT_FALSE(bad_key.Validate());
  TableSpec clash = ToySpec();
  clash.columns[2].synonyms.push_back("亩数");  // claimed by the area column already
  EXPECT_FALSE(clash.Validate());
  EXPECT_TRUE(ToySpec().Validate());
}

}  // namespace
}  // namespace anju::importer
