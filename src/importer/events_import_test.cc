// The events roster (变动名册, issue #14 item 5) against an in-memory registry: row faults with
// row, column and value; dry run and all or nothing; a 1,000-row roster's fault list. Every
// person is fictitious; ids get their MOD 11-2 check character from core/resident_id.h.
#include "importer/events_import.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>

#include "core/resident_id.h"

namespace anju::importer {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

const Date kToday{year{2026}, month{11}, day{29}};

std::string Id(int y, int m, int d, int seq) {
  std::string s = fmt::format("141124{:04d}{:02d}{:02d}{:03d}", y, m, d, seq);
  return s + ResidentIdCheckChar(s);
}

registry::Person Member(int64_t id, int64_t hid, std::string name, std::string rid, registry::Relationship rel) {
  registry::Person p;
  p.id = id;
  p.household_id = hid;
  p.name = std::move(name);
  auto parsed = ParseResidentId(rid, kToday);
  EXPECT_TRUE(parsed);
  p.sex = parsed->sex();
  p.birth_date = parsed->BirthDate();
  p.resident_id = std::move(rid);
  p.relationship = rel;
  return p;
}

// Households LX-000001 (head 甲 born 1965, spouse 乙 born 1968) and LX-000002 (head 丁 alone).
class FakeEventsRepo : public EventsRepository {
 public:
  FakeEventsRepo() {
    EventHousehold a{1, "LX-000001", Date{year{2019}, month{5}, day{1}}, false, {}};
    a.members = {Member(1, 1, "甲", "141124196503120158", registry::Relationship::kHead),
                 Member(2, 1, "乙", "141124196807200245", registry::Relationship::kSpouse)};
    EventHousehold b{2, "LX-000002", Date{year{2019}, month{5}, day{1}}, false, {}};
    b.members = {Member(3, 2, "丁", Id(1970, 1, 1, 11), registry::Relationship::kHead)};
    households = {{a.household_no, a}, {b.household_no, b}};
  }
  Result<std::optional<EventHousehold>> FindEventHousehold(const AccessScope&, const std::string& no) override {
    auto it = households.find(no);
    if (it == households.end()) return std::optional<EventHousehold>{};
    return std::optional<EventHousehold>{it->second};
  }
  Result<std::optional<RegisteredPerson>> FindPersonByResidentId(const std::string& rid) override {
    for (auto& [no, h] : households)
      for (auto& m : h.members)
        if (m.resident_id == rid) return std::optional<RegisteredPerson>{RegisteredPerson{m, no}};
    return std::optional<RegisteredPerson>{};
  }
  Status Begin() override {
    ++begins;
    return {};
  }
  Result<int64_t> ApplyEvent(const Actor&, const EventHousehold&, const EventRow& row) override {
    applied.push_back(row);
    return static_cast<int64_t>(applied.size());
  }
  Status Audit(const Actor&, const AuditEntry& e) override {
    audit.push_back(e);
    return {};
  }
  Status RecordBatch(const Actor&, const ImportBatchRecord& b) override {
    batches.push_back(b);
    return {};
  }
  Status Commit() override {
    ++commits;
    return {};
  }
  void Rollback() override {
    ++rollbacks;
    applied.clear();
  }
  std::map<std::string, EventHousehold> households;
  std::vector<EventRow> applied;
  std::vector<AuditEntry> audit;
  std::vector<ImportBatchRecord> batches;
  int begins = 0, commits = 0, rollbacks = 0;
};

ImportOptions Opts() {
  ImportOptions o;
  o.today = kToday;
  return o;
}

const Fault* Find(const ImportResult& r, int64_t row, const std::string& kind) {
  for (auto& f : r.faults)
    if (f.row == row && f.kind == kind) return &f;
  return nullptr;
}

const std::string kHeader = "户编号,姓名,身份证号,变动类型,变动日期,原因,去向/来源,与户主关系,性别,出生日期\n";

TEST(EventsRoster, CleanRosterIsAppliedInDateOrderAndCommitted) {
  FakeEventsRepo repo;
  std::string csv = kHeader +
                    "LX-000001,乙,141124196807200245,死亡,2026-03-02,病故,,,,\n"
                    "LX-000001,小甲,待补录,出生,2026-02-10,,,孙子女,女,2026-02-10\n"
                    "LX-000002,戊," + Id(1972, 8, 9, 22) + ",婚入,2025-12-01,结婚,白文镇,配偶,,\n";
  auto file = InputFile::FromBytes(csv, "变动名册.csv");
  auto kind = IsEventsRoster(file, Opts());
  ASSERT_TRUE(kind);
  EXPECT_TRUE(*kind);
  auto r = ImportEvents({file}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->errors, 0) << (r->faults.empty() ? "" : r->faults[0].reason);
  EXPECT_TRUE(r->committed);
  EXPECT_EQ(r->rows_read, 3);
  EXPECT_EQ(r->events_recorded, 3);
  EXPECT_EQ(r->persons_created, 2);
  ASSERT_EQ(repo.applied.size(), 3u);
  // Date order: 婚入 2025-12-01, 出生 2026-02-10, 死亡 2026-03-02.
  EXPECT_EQ(repo.applied[0].kind, registry::RegisterEventKind::kMarriedIn);
  EXPECT_EQ(repo.applied[0].place, "白文镇");
  EXPECT_EQ(repo.applied[1].kind, registry::RegisterEventKind::kBirth);
  EXPECT_EQ(repo.applied[1].person.resident_id, "");
  EXPECT_EQ(repo.applied[1].person.sex, Sex::kFemale);
  EXPECT_EQ(repo.applied[1].person.relationship, registry::Relationship::kGrandchild);
  EXPECT_EQ(repo.applied[2].kind, registry::RegisterEventKind::kDeath);
  EXPECT_EQ(repo.applied[2].person.id, 2);  // the registered member
  EXPECT_EQ(repo.applied[2].reason, "病故");
  ASSERT_EQ(repo.batches.size(), 1u);
  ASSERT_EQ(repo.audit.size(), 1u);
  EXPECT_EQ(repo.batches[0].mode, "insert");
  EXPECT_EQ(repo.batches[0].rows_read, 3);
  EXPECT_NE(repo.audit[0].changes.find(R"("mode":"events","rows_read":3,"events_recorded":3)"), std::string::npos)
      << repo.audit[0].changes;
  ASSERT_EQ(repo.audit.size(), 1u);
  EXPECT_EQ(repo.audit[0].action, "import");
  // The same file as a preview: applied in the transaction, then rolled back.
  FakeEventsRepo dry;
  ImportOptions o = Opts();
  o.dry_run = true;
  auto p = ImportEvents({InputFile::FromBytes(csv, "变动名册.csv")}, o, SystemActor(), dry);
  ASSERT_TRUE(p);
  EXPECT_FALSE(p->committed);
  EXPECT_EQ(p->events_recorded, 3);
  EXPECT_EQ(dry.commits, 0);
  EXPECT_EQ(dry.rollbacks, 1);
}

TEST(EventsRoster, PersonsRosterIsNotAnEventsRoster) {
  auto f = InputFile::FromBytes("户编号,姓名,身份证号,与户主关系\nLX-1,甲,141124196503120158,户主\n", "花名册.csv");
  auto k = IsEventsRoster(f, Opts());
  ASSERT_TRUE(k);
  EXPECT_FALSE(*k);
}

TEST(EventsRoster, RowFaultsNameRowColumnAndValue) {
  FakeEventsRepo repo;
  std::string csv = kHeader +
                    // row 2: a death before the person's birth (乙 born 1968-07-20)
                    "LX-000001,乙,141124196807200245,死亡,1960-01-01,,,,,\n"
                    // row 3: an unknown household number
                    "LX-009999,己," + Id(1980, 2, 3, 33) + ",迁入,2026-01-05,,外县,配偶,,\n"
                    // row 4: the head of LX-000001 dies while 乙 remains
                    "LX-000001,甲,141124196503120158,死亡,2026-04-01,,,,,\n"
                    // row 5: a malformed date
                    "LX-000002,丁," + Id(1970, 1, 1, 11) + ",迁出,2026-13-45,,外省,,,\n"
                    // row 6: a pending id for a non-birth row
                    "LX-000002,庚,待补录,迁入,2026-02-01,,,子女,男,2000-01-01\n";
  auto r = ImportEvents({InputFile::FromBytes(csv, "events.csv")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_FALSE(r->committed);
  EXPECT_EQ(repo.commits, 0);
  EXPECT_TRUE(repo.applied.empty());  // all or nothing: not even the checks' clean rows
  const Fault* before_birth = Find(*r, 2, "date");
  ASSERT_TRUE(before_birth);
  EXPECT_EQ(before_birth->column, "E");
  EXPECT_EQ(before_birth->raw, "1960-01-01");
  EXPECT_NE(before_birth->reason.find("before the person's birth (1968-07-20)"), std::string::npos) << before_birth->reason;
  EXPECT_NE(before_birth->reason_zh.find("出生日期"), std::string::npos);
  const Fault* unknown = Find(*r, 3, "reference");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->column, "A");
  EXPECT_EQ(unknown->field, "household_no");
  EXPECT_EQ(unknown->raw, "LX-009999");
  EXPECT_NE(unknown->reason.find("household LX-009999 is not registered"), std::string::npos);
  const Fault* head = Find(*r, 4, "conflict");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->column, "D");
  EXPECT_EQ(head->raw, "死亡");
  EXPECT_NE(head->reason.find("1 other member(s) remain: new_head"), std::string::npos) << head->reason;
  EXPECT_FALSE(head->fix_zh.empty());
  const Fault* bad_date = Find(*r, 5, "date");
  ASSERT_TRUE(bad_date);
  EXPECT_EQ(bad_date->column, "E");
  EXPECT_EQ(bad_date->raw, "2026-13-45");
  const Fault* pending = Find(*r, 6, "resident_id");
  ASSERT_TRUE(pending);
  EXPECT_EQ(pending->column, "C");
  EXPECT_EQ(pending->raw, "待补录");
  EXPECT_NE(pending->reason.find("for a birth only"), std::string::npos);
  // Every faulty row is in the error report, in row order.
  std::vector<int64_t> rows;
  for (auto& x : r->rejected.ToVector()) rows.push_back(x.row);
  EXPECT_EQ(rows, (std::vector<int64_t>{2, 3, 4, 5, 6}));
}

// The head leaving on the same day as the last other member is not refused.
TEST(EventsRoster, HeadLeavingAfterTheOthersIsAccepted) {
  FakeEventsRepo repo;
  std::string csv = kHeader +
                    "LX-000001,甲,141124196503120158,迁出,2026-04-01,,外省,,,\n"
                    "LX-000001,乙,141124196807200245,迁出,2026-04-01,,外省,,,\n";
  auto r = ImportEvents({InputFile::FromBytes(csv, "events.csv")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->errors, 0) << (r->faults.empty() ? "" : r->faults[0].reason);
  ASSERT_EQ(repo.applied.size(), 2u);
  EXPECT_EQ(repo.applied[0].person.name, "乙");  // the member first, then the head
  EXPECT_EQ(repo.applied[1].person.name, "甲");
}

// The life-event rules' refusal of a row (the apply step) becomes that row's fault.
TEST(EventsRoster, ApplyRefusalIsARowFault) {
  struct Refusing : FakeEventsRepo {
    Result<int64_t> ApplyEvent(const Actor& a, const EventHousehold& h, const EventRow& row) override {
      if (row.row == 3) return std::unexpected(Error{ErrorCode::kConflict, "the household ended", "该户已注销", "date", "2026-02-01"});
      return FakeEventsRepo::ApplyEvent(a, h, row);
    }
  } repo;
  std::string csv = kHeader + "LX-000002,戊," + Id(1972, 8, 9, 22) + ",婚入,2025-12-01,,,配偶,,\n" +
                    "LX-000002,辛," + Id(1998, 8, 9, 44) + ",迁入,2026-02-01,,,子女,,\n";
  auto r = ImportEvents({InputFile::FromBytes(csv, "events.csv")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(r);
  const Fault* f = Find(*r, 3, "conflict");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->column, "E");
  EXPECT_EQ(f->reason, "the household ended");
  EXPECT_FALSE(r->committed);
  EXPECT_EQ(repo.commits, 0);
}

// 1,000 rows, every tenth with an unknown household, every 25th with a malformed date: the fault
// list names exactly those rows, in row order; nothing is applied.
TEST(EventsRoster, ThousandRowFaultList) {
  FakeEventsRepo repo;
  std::string csv = kHeader;
  std::vector<int64_t> want_unknown, want_date;
  for (int i = 0; i < 1000; ++i) {
    int64_t row = i + 2;
    bool unknown = row % 10 == 0, bad_date = row % 25 == 0;
    if (unknown) want_unknown.push_back(row);
    if (bad_date) want_date.push_back(row);
    csv += fmt::format("{},新{},{},迁入,{},,外县,配偶,,\n", unknown ? "LX-404" : "LX-000002", i,
                       Id(1960 + i % 30, 1 + i % 12, 1 + i % 28, (i / 420) * 2 + 1), bad_date ? "2026-02-30" : "2026-01-05");
  }
  auto r = ImportEvents({InputFile::FromBytes(csv, "big.csv")}, Opts(), SystemActor(), repo);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->rows_read, 1000);
  std::vector<int64_t> got_unknown, got_date;
  for (auto& f : r->faults) {
    if (f.kind == "reference" && f.column == "A") got_unknown.push_back(f.row);
    if (f.kind == "date" && f.column == "E" && f.raw == "2026-02-30") got_date.push_back(f.row);
  }
  EXPECT_EQ(got_unknown, want_unknown);
  EXPECT_EQ(got_date, want_date);
  for (size_t i = 1; i < r->faults.size(); ++i) EXPECT_LE(r->faults[i - 1].row, r->faults[i].row);
  EXPECT_FALSE(r->committed);
  EXPECT_TRUE(repo.applied.empty());
}

}  // namespace
}  // namespace anju::importer
