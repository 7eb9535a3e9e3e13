// The rectification ledgers on a real in-memory SQLite database with casework's engine:
// transitions of a finding (start, submit, return with a note, sign-off with evidence by a
// supervisor, nothing changes after sign-off), the per-township counts (hand-checked), scope
// per role, the finding's own deadline kept as the clock, and the finding-list import.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <set>

#include "casework/case_type.h"
#include "casework/storage/sqlite_casework.h"
#include "importer/xlsx_test_util.h"
#include "rectification/finding_list.h"
#include "rectification/finding_type.h"
#include "rectification/rectification.h"
#include "rectification/storage/sqlite_rectification_repository.h"
#include "storage/migrate.h"
#include "storage/sqlite.h"

namespace anju::rectification {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

// Thursday 2025-06-12: no holiday in the following four weeks (the next is 2025-10-01).
const Date kToday{year{2025}, month{6}, day{12}};
constexpr std::string_view kLinquan = "141124100";
constexpr std::string_view kBaiwen = "141124101";

// Findings with evidence (the attachments module's hook, simulated: a finding "has a file").
std::set<int64_t>& Evidence() {
  static std::set<int64_t> ids;
  return ids;
}

Actor County() {
  Actor a;
  a.user_id = 1;
  a.username = "county";
  a.role = Role::kCountyStaff;
  return a;
}
Actor Township(std::string_view code = kLinquan, int64_t id = 2) {
  Actor a;
  a.user_id = id;
  a.username = "town";
  a.role = Role::kTownshipStaff;
  a.scope = {.level = AccessScope::Level::kTownship, .township_code = std::string(code)};
  return a;
}
Actor SiteManager(int64_t site) {
  Actor a;
  a.user_id = 4;
  a.username = "site";
  a.role = Role::kSiteManager;
  a.scope = {.level = AccessScope::Level::kSite, .site_id = site};
  return a;
}
Actor Auditor() {
  Actor a;
  a.user_id = 5;
  a.username = "auditor";
  a.role = Role::kAuditor;
  return a;
}

class Rectification : public ::testing::Test {
 protected:
  void SetUp() override {
    casework::SetCaseTypes({&FindingType()});
    Evidence().clear();
    casework::SetEvidenceCheck([](const casework::Case& c) -> Result<bool> {
      return c.subject_entity == "finding" && Evidence().contains(c.subject_id);
    });
    auto d = storage::OpenAndMigrate(":memory:", false);
    ASSERT_TRUE(d) << d.error().ToString();
    db_ = std::move(*d);
    auto s = db_->Exec(
        "INSERT INTO divisions (code, name, level, parent_code) VALUES ('141124', '临县', 'county', NULL),"
        " ('141124100', '临泉镇', 'township', '141124'), ('141124101', '白文镇', 'township', '141124');"
        "INSERT INTO sites (id, name, mode, township_code) VALUES (1, '城北安置点', 'county_town', '141124100'),"
        " (2, '白文安置点', 'township_seat', '141124101');");
    ASSERT_TRUE(s) << s.error().ToString();
    cases_ = std::make_unique<casework::CaseService>(casework::MakeCaseService(*db_, kToday));
    svc_ = std::make_unique<RectificationService>(std::make_unique<storage::SqliteRectificationRepository>(*db_),
                                                  *cases_, kToday);
  }

  int64_t NewInspection() {
    auto i = svc_->CreateInspection(County(), {.name = fmt::format("2025年市级督查反馈{}", ++n_), .kind = "city",
                                               .source = "吕督〔2025〕12号", .held_on = Date{year{2025}, month{5}, day{20}}});
    EXPECT_TRUE(i) << i.error().ToString();
    return i ? i->id : 0;
  }
  Finding Add(int64_t insp, std::string_view township, std::optional<int64_t> site = {},
              std::optional<Date> deadline = {}) {
    FindingInput in{.township_code = std::string(township), .site_id = site, .responsible_unit = "乡镇人民政府",
                    .description = "安置点后续扶持台账不完整", .deadline = deadline};
    auto f = svc_->AddFinding(County(), insp, in);
    EXPECT_TRUE(f) << f.error().ToString();
    return f ? *f : Finding{};
  }
  Result<Finding> Take(const Actor& a, int64_t id, std::string t, std::string note = "") {
    return svc_->Transition(a, id, t, note, std::nullopt);
  }
  int64_t Count(const std::string& sql) {
    auto st = db_->Prepare(sql);
    EXPECT_TRUE(st) << st.error().ToString();
    auto row = st->Step();
    EXPECT_TRUE(row && *row);
    return st->ColumnInt(0);
  }

  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<casework::CaseService> cases_;
  std::unique_ptr<RectificationService> svc_;
  int n_ = 0;
};

TEST_F(Rectification, SubmitReturnWithANoteAndSignOffBySupervisorWithEvidence) {
  const Finding f = Add(NewInspection(), kLinquan);
  EXPECT_EQ(f.state, "open");
  ASSERT_TRUE(f.due_on);
  EXPECT_EQ(*f.due_on, (Date{year{2025}, month{6}, day{19}}));  // 5 working days after Thu 06-12
  // The township starts and submits.
  auto r = Take(Township(), f.id, "start");
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->state, "rectifying");
  r = Take(Township(), f.id, "submit");
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->state, "submitted");
  // Return needs a note.
  r = Take(County(), f.id, "return");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "note");
  r = Take(County(), f.id, "return", "佐证材料不全，补充入户核查照片");
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->state, "rectifying");
  ASSERT_TRUE(Take(Township(), f.id, "submit"));
  // Sign-off: refused without evidence, refused to the township (not a supervisor of its own
  // finding), taken by the county with evidence.
  r = Take(County(), f.id, "sign_off");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "evidence") << r.error().ToString();
  Evidence().insert(f.id);
  r = Take(Township(), f.id, "sign_off");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
  r = Take(County(), f.id, "sign_off");
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->state, "signed_off");
  ASSERT_TRUE(r->signed_off_on);
  EXPECT_EQ(*r->signed_off_on, kToday);
  EXPECT_FALSE(r->overdue);
  // Signed off: nothing changes any more.
  auto p = svc_->UpdateFinding(Township(), f.id, r->version, {.measures = "补充"});
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, ErrorCode::kConflict);
  EXPECT_EQ(p.error().field, "state");
  EXPECT_FALSE(Take(County(), f.id, "return", "再看看"));
  // Each move one case_transitions row and audit entry: open + start, submit, return, submit,
  // sign_off.
  EXPECT_EQ(Count(fmt::format("SELECT count(*) FROM case_transitions WHERE case_id = {}", f.case_id)), 6);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE entity = 'finding' AND action = 'create'"), 1);
}

TEST_F(Rectification, MeasuresAndProgressAreTheTownshipsWithTheVersionAndAudited) {
  const Finding f = Add(NewInspection(), kLinquan);
  auto p = svc_->UpdateFinding(Township(), f.id, f.version,
                               {.measures = "逐户核实后补录台账", .progress = "已完成 60%"});
  ASSERT_TRUE(p) << p.error().ToString();
  EXPECT_EQ(p->measures, "逐户核实后补录台账");
  EXPECT_EQ(p->version, f.version + 1);
  // A stale version is refused, nothing written.
  auto stale = svc_->UpdateFinding(Township(), f.id, f.version, {.progress = "已完成"});
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().field, "version");
  // The inspection's words are the county's.
  auto desc = svc_->UpdateFinding(Township(), f.id, p->version, {.description = "改写"});
  ASSERT_FALSE(desc);
  EXPECT_EQ(desc.error().field, "description");
  // The auditor reads only.
  EXPECT_EQ(svc_->UpdateFinding(Auditor(), f.id, p->version, {.progress = "x"}).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(Count(fmt::format("SELECT count(*) FROM audit_log WHERE entity = 'finding' AND entity_id = '{}' "
                              "AND action = 'update'", f.id)),
            1);
}

TEST_F(Rectification, TheFindingsOwnDeadlineIsTheClockWhileOpenAndRectifying) {
  const Date deadline{year{2025}, month{8}, day{31}};
  const Finding f = Add(NewInspection(), kLinquan, std::nullopt, deadline);
  ASSERT_TRUE(f.due_on);
  EXPECT_EQ(*f.due_on, deadline);
  auto r = Take(Township(), f.id, "start");
  ASSERT_TRUE(r) << r.error().ToString();
  ASSERT_TRUE(r->due_on);
  EXPECT_EQ(*r->due_on, deadline);  // not 20 working days after today
  r = Take(Township(), f.id, "submit");
  ASSERT_TRUE(r);
  ASSERT_TRUE(r->due_on);
  EXPECT_EQ(*r->due_on, (Date{year{2025}, month{6}, day{19}}));  // the county's review: 5 working days
}

// Hand-checked: 临泉镇 three findings (one at 城北安置点, one overdue by its deadline 2025-06-01),
// 白文镇 two (one signed off), one county-wide. Today 2025-06-12.
TEST_F(Rectification, OpenOverdueAndSignedOffPerTownship) {
  const int64_t i = NewInspection();
  Add(i, kLinquan);
  Add(i, "", 1);  // at 城北安置点: counted for 临泉镇
  Add(i, kLinquan, std::nullopt, Date{year{2025}, month{6}, day{1}});
  const Finding b1 = Add(i, kBaiwen, 2);
  Add(i, kBaiwen);
  Add(i, "");
  Evidence().insert(b1.id);
  // A finding at a site is held by the site (its township supervises).
  ASSERT_FALSE(Take(Township(kBaiwen, 3), b1.id, "start"));
  ASSERT_TRUE(Take(SiteManager(2), b1.id, "start"));
  ASSERT_TRUE(Take(SiteManager(2), b1.id, "submit"));
  ASSERT_TRUE(Take(County(), b1.id, "sign_off"));

  auto s = svc_->Summary(County());
  ASSERT_TRUE(s) << s.error().ToString();
  ASSERT_EQ(s->size(), 3u);
  EXPECT_EQ((*s)[0].township_code, "");
  EXPECT_EQ((*s)[0].township_name, "县级");
  EXPECT_EQ((*s)[0].counts.total, 1);
  EXPECT_EQ((*s)[1].township_name, "临泉镇");
  EXPECT_EQ((*s)[1].counts.total, 3);
  EXPECT_EQ((*s)[1].counts.open, 3);
  EXPECT_EQ((*s)[1].counts.overdue, 1);
  EXPECT_EQ((*s)[1].counts.signed_off, 0);
  EXPECT_EQ((*s)[2].township_name, "白文镇");
  EXPECT_EQ((*s)[2].counts.total, 2);
  EXPECT_EQ((*s)[2].counts.open, 1);
  EXPECT_EQ((*s)[2].counts.overdue, 0);
  EXPECT_EQ((*s)[2].counts.signed_off, 1);
  // A township sees its own row only.
  auto own = svc_->Summary(Township());
  ASSERT_TRUE(own);
  ASSERT_EQ(own->size(), 1u);
  EXPECT_EQ((*own)[0].counts.total, 3);
  // The overdue list and the state filter agree with the counts.
  auto overdue = svc_->ListFindings(County(), {.overdue = true});
  ASSERT_TRUE(overdue);
  ASSERT_EQ(overdue->size(), 1u);
  EXPECT_TRUE((*overdue)[0].overdue);
  auto signed_off = svc_->ListFindings(County(), {.state = "signed_off"});
  ASSERT_TRUE(signed_off);
  ASSERT_EQ(signed_off->size(), 1u);
  EXPECT_EQ((*signed_off)[0].id, b1.id);
  // The inspection's counts.
  auto insp = svc_->ListInspections(County());
  ASSERT_TRUE(insp);
  ASSERT_EQ(insp->size(), 1u);
  EXPECT_EQ((*insp)[0].counts.total, 6);
  EXPECT_EQ((*insp)[0].counts.open, 5);
  EXPECT_EQ((*insp)[0].counts.overdue, 1);
  EXPECT_EQ((*insp)[0].counts.signed_off, 1);
}

TEST_F(Rectification, EachRoleSeesItsOwnFindings) {
  const int64_t i = NewInspection();
  const Finding town = Add(i, kLinquan);
  const Finding site1 = Add(i, "", 1);
  const Finding other = Add(i, kBaiwen, 2);
  auto ids = [&](const Actor& a) {
    std::set<int64_t> out;
    auto l = svc_->ListFindings(a, {});
    EXPECT_TRUE(l) << l.error().ToString();
    if (l)
      for (const auto& f : *l) out.insert(f.id);
    return out;
  };
  EXPECT_EQ(ids(County()), (std::set<int64_t>{town.id, site1.id, other.id}));
  EXPECT_EQ(ids(Auditor()), (std::set<int64_t>{town.id, site1.id, other.id}));
  EXPECT_EQ(ids(Township()), (std::set<int64_t>{town.id, site1.id}));
  EXPECT_EQ(ids(SiteManager(2)), (std::set<int64_t>{other.id}));
  Actor grid;
  grid.role = Role::kGridWorker;
  grid.scope = {.level = AccessScope::Level::kGrid, .grid_id = 1};
  EXPECT_TRUE(ids(grid).empty());
  // Outside the scope: not found, for reads and writes alike.
  EXPECT_EQ(svc_->UpdateFinding(Township(), other.id, other.version, {.progress = "x"}).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(Take(Township(), other.id, "start").error().code, ErrorCode::kNotFound);
  // Inspections and findings are recorded by the county.
  EXPECT_EQ(svc_->CreateInspection(Township(), {.name = "乡镇自查", .kind = "county_check",
                                                .held_on = kToday})
                .error()
                .code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(svc_->AddFinding(Township(), i, {.township_code = std::string(kLinquan), .responsible_unit = "x",
                                             .description = "y"})
                .error()
                .code,
            ErrorCode::kPermissionDenied);
}

TEST_F(Rectification, BadInputNamesEveryFieldAtOnce) {
  auto bad = svc_->CreateInspection(County(), {.name = "", .kind = "inspection", .held_on = std::nullopt});
  ASSERT_FALSE(bad);
  std::set<std::string> fields;
  for (const auto& d : bad.error().details) fields.insert(d.field);
  EXPECT_EQ(fields, (std::set<std::string>{"name", "kind", "held_on"}));
  const int64_t i = NewInspection();
  auto f = svc_->AddFinding(County(), i, {.township_code = kBaiwen.data(), .site_id = 1, .responsible_unit = "",
                                          .description = "台账"});
  ASSERT_FALSE(f);
  fields.clear();
  for (const auto& d : f.error().details) fields.insert(d.field);
  EXPECT_EQ(fields, (std::set<std::string>{"responsible_unit", "site_id"}));  // 城北 lies in 临泉镇
  EXPECT_FALSE(f.error().details.empty() || f.error().details[1].message_zh.empty());
  EXPECT_EQ(Count("SELECT count(*) FROM findings"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM cases"), 0);
}

// ---- the finding list import ------------------------------------------------------------------

std::string MakeSheetXml(const std::string& rows) {
  return R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" + rows +
         R"(</sheetData><mergeCells count="1"><mergeCell ref="E4:E5"/></mergeCells></worksheet>)";
}

std::string Cell(std::string_view ref, std::string_view text) {
  return fmt::format(R"(<c r="{}" t="inlineStr"><is><t>{}</t></is></c>)", ref, text);
}
std::string Num(std::string_view ref, double v) { return fmt::format(R"(<c r="{}"><v>{}</v></c>)", ref, v); }

// A list as inspectors send it: a title row, a blank row, headers in their own words (问题序号,
// 存在问题, 所属乡镇, 牵头单位, 完成时限), the responsible unit merged over two rows, a date as a
// serial and one in Chinese, a short township name, a footer. `row4_town` is row 6's 乡镇.
std::string MessyList(std::string_view row6_town) {
  std::string rows =
      "<row r=\"1\">" + Cell("A1", "2025年市级督查反馈问题整改清单") + "</row>" +
      "<row r=\"3\">" + Cell("A3", "问题序号") + Cell("B3", "存在问题") + Cell("C3", "所属乡镇") + Cell("D3", "安置点") +
      Cell("E3", "牵头单位") + Cell("F3", "整改措施") + Cell("G3", "完成时限") + Cell("H3", "备注") + "</row>" +
      "<row r=\"4\">" + Num("A4", 1) + Cell("B4", "  后续扶持台账不完整　") + Cell("C4", "临泉") + Cell("D4", "城北") +
      Cell("E4", "临泉镇人民政府") + Cell("F4", "逐户核实补录") + Num("G4", 45900) + "</row>" +  // 2025-08-31
      "<row r=\"5\">" + Num("A5", 2) + Cell("B5", "就业帮扶车间用工登记缺失") + Cell("C5", "临泉镇") +
      Cell("G5", "2025年9月30日") + "</row>" +  // E5 merged with E4
      "<row r=\"6\">" + Num("A6", 3) + Cell("B6", "公益岗位考勤不规范") + Cell("C6", row6_town) + Cell("E6", "县人社局") +
      "</row>" + "<row r=\"7\">" + Cell("A7", "合计") + Cell("B7", "3项") + "</row>";
  return MakeSheetXml(rows);
}

class FindingListImport : public Rectification {
 protected:
  Result<importer::TableImportResult> Import(int64_t insp, std::string bytes, bool dry_run = false) {
    storage::SqliteRectificationRepository repo(*db_);
    auto towns = repo.Townships();
    EXPECT_TRUE(towns);
    importer::TableImportOptions o;
    o.today = kToday;
    o.dry_run = dry_run;
    o.all_or_nothing = true;
    storage::FindingListTable table(*db_, *svc_, insp, actor_);
    return importer::ImportTable(FindingListSpec(*towns), importer::InputFile::FromBytes(std::move(bytes), "督查问题清单.xlsx"),
                                 table, actor_, o);
  }
  Actor actor_ = County();
};

TEST_F(FindingListImport, AMessyListWithOneBadCellStoresNothingAndNamesTheCell) {
  const int64_t i = NewInspection();
  auto r = Import(i, importer::test::MakeXlsx(MessyList("石楼镇")));
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_FALSE(r->report.committed);
  ASSERT_EQ(r->report.errors, 1);
  // The serial in G4 is read as a date with a warning; the one error is the unknown township.
  const importer::Fault* found = nullptr;
  bool serial_warned = false;
  for (const auto& x : r->report.faults) {
    if (x.error) found = &x;
    serial_warned = serial_warned || (!x.error && x.row == 4 && x.column == "G");
  }
  EXPECT_TRUE(serial_warned);
  ASSERT_NE(found, nullptr);
  const importer::Fault& f = *found;
  EXPECT_EQ(f.file, "督查问题清单.xlsx");
  EXPECT_EQ(f.sheet, "S");
  EXPECT_EQ(f.row, 6);
  EXPECT_EQ(f.column, "C");
  EXPECT_EQ(f.header, "所属乡镇");
  EXPECT_EQ(f.raw, "石楼镇");
  EXPECT_NE(f.reason_zh.find("石楼镇"), std::string::npos);
  EXPECT_NE(f.fix.find("临泉镇"), std::string::npos);  // the fix lists the townships
  EXPECT_EQ(Count("SELECT count(*) FROM findings"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM cases"), 0);
}

TEST_F(FindingListImport, ADryRunChecksEverythingAndStoresNothing) {
  const int64_t i = NewInspection();
  auto r = Import(i, importer::test::MakeXlsx(MessyList("白文")), true);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->report.errors, 0) << (r->report.faults.empty() ? "" : r->report.faults[0].reason);
  EXPECT_EQ(r->created, 3);
  EXPECT_FALSE(r->report.committed);
  EXPECT_EQ(Count("SELECT count(*) FROM findings"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM cases"), 0);
}

TEST_F(FindingListImport, TheListBecomesFindingsWithTheirCasesAndReimportsUnchanged) {
  const int64_t i = NewInspection();
  const std::string bytes = importer::test::MakeXlsx(MessyList("白文"));
  auto r = Import(i, bytes);
  ASSERT_TRUE(r) << r.error().ToString();
  ASSERT_EQ(r->report.errors, 0) << r->report.faults[0].reason;
  EXPECT_TRUE(r->report.committed);
  EXPECT_EQ(r->created, 3);
  auto list = svc_->ListFindings(County(), {.inspection_id = i});
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 3u);
  const Finding& a = (*list)[0];
  EXPECT_EQ(a.seq_no, 1);
  EXPECT_EQ(a.description, "后续扶持台账不完整");  // trimmed, the ideographic space too
  EXPECT_EQ(a.township_code, kLinquan);
  EXPECT_EQ(a.site_id, std::optional<int64_t>(1));
  EXPECT_EQ(a.deadline, (std::optional<Date>{Date{year{2025}, month{8}, day{31}}}));
  EXPECT_EQ(a.due_on, a.deadline);
  const Finding& b = (*list)[1];
  EXPECT_EQ(b.responsible_unit, "临泉镇人民政府");  // carried down the merged cell
  EXPECT_EQ(b.deadline, (std::optional<Date>{Date{year{2025}, month{9}, day{30}}}));
  const Finding& c = (*list)[2];
  EXPECT_EQ(c.township_code, kBaiwen);
  EXPECT_FALSE(c.deadline);
  EXPECT_EQ(c.state, "open");
  EXPECT_EQ(Count("SELECT count(*) FROM cases WHERE kind = 'finding'"), 3);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'import'"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE entity = 'finding' AND action = 'create'"), 3);
  // The same list again: nothing changes.
  auto again = Import(i, bytes);
  ASSERT_TRUE(again) << again.error().ToString();
  EXPECT_EQ(again->report.errors, 0);
  EXPECT_EQ(again->unchanged, 3);
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(Count("SELECT count(*) FROM findings"), 3);
  // The ledger row of the first: 序号, 问题, 责任单位, 整改措施, 时限, 进展, 销号日期.
  EXPECT_EQ(LedgerRow(a), (std::vector<std::string>{"1", "【临泉镇城北安置点】后续扶持台账不完整", "临泉镇人民政府",
                                                    "逐户核实补录", "2025-08-31", "待整改", ""}));
}

TEST_F(FindingListImport, ATownshipCannotImportTheCountysList) {
  const int64_t i = NewInspection();
  actor_ = Township();
  auto r = Import(i, importer::test::MakeXlsx(MessyList("白文")));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(Count("SELECT count(*) FROM findings"), 0);
}

}  // namespace
}  // namespace anju::rectification
