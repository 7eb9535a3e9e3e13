#include "industry/storage/sqlite_migrant_roster.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "core/resident_id.h"
#include "core/try.h"
#include "industry/jobs.h"
#include "industry/storage/roster_rows.h"
#include "industry/storage/sqlite_jobs.h"
#include "storage/audit_log.h"

namespace anju::storage {

namespace {

using importer::TableRow;
using importer::TableValue;

using roster::Empty;
using roster::Int;
using roster::RowError;
using roster::Text;

class MigrantRosterRepository final : public importer::TableRepository {
 public:
  MigrantRosterRepository(Connection& db, const Actor& actor, Date today)
      : db_(db), jobs_(db), actor_(actor), today_(today) {}

  Result<std::vector<importer::SiteName>> LoadSites() override { return std::vector<importer::SiteName>{}; }
  Status Begin() override {
    ANJU_TRY(age_min, LaborAgeMin(db_));  // setting labor.age_min, read once per import
    svc_.emplace(jobs_, age_min);
    return db_.Exec("BEGIN IMMEDIATE");
  }
  Result<std::optional<Stored>> FindByKey(const importer::TableSpec&, const std::vector<TableValue>&) override {
    return Internal("the migrant roster finds rows with FindRow");
  }
  // The person (by 身份证号, or 户编号 + 姓名) and their not voided job of the same 就业渠道,
  // 务工企业名称 and 开始时间, as the row's values: the import compares them and counts the row
  // updated or unchanged (nullopt: a new job, Insert records it).
  Result<std::optional<Stored>> FindRow(const importer::TableSpec& spec, const TableRow& v) override {
    auto at = [&](std::string_view name) -> const TableValue& { return v[static_cast<size_t>(spec.IndexOf(name))]; };
    ANJU_TRY(person, CheckCells(spec, v, std::vector<bool>(spec.columns.size(), true)));
    if (!person) return Internal("migrant roster: a whole row named no person");
    const int64_t person_id = *person;
    person_id_ = person_id;
    ANJU_TRY(channel, industry::ParseChannel(Text(at("channel"))));
    ANJU_TRY(start, ParseIsoDate(Text(at("started_on")), "started_on"));
    auto own = svc_->OfPerson(actor_, person_id);
    if (!own) return std::unexpected(Refusal(own.error()));
    const std::string employer = Text(at("employer"));
    for (const industry::Job& j : *own) {
      if (j.Voided() || j.in.channel != channel || j.in.employer != employer || j.in.started_on != start) continue;
      // The person's columns and the key stay as the file says; the rest is the job's.
      Stored s{j.id, v};
      auto set = [&](std::string_view name, TableValue val) { s.values[static_cast<size_t>(spec.IndexOf(name))] = std::move(val); };
      set("ended_on", j.in.ended_on ? TableValue{FormatIsoDate(*j.in.ended_on)} : TableValue{});
      // An empty 月收入, 务工地点 or 务工所在县 cell leaves the job's value: no change.
      if (!Empty(at("monthly_income_fen")))
        set("monthly_income_fen", j.in.monthly_income_fen ? TableValue{*j.in.monthly_income_fen} : TableValue{});
      if (!Empty(at("place")))
        set("place", j.in.place ? TableValue{std::string(industry::WorkPlaceName(*j.in.place))} : TableValue{});
      if (!Empty(at("work_county")))
        set("work_county", j.in.work_county.empty() ? TableValue{} : TableValue{j.in.work_county});
      return std::optional<Stored>(std::move(s));
    }
    return std::optional<Stored>();
  }
  // A row with unreadable cells: its person is still looked up (the cells naming it that read).
  Status CheckRow(const importer::TableSpec& spec, const TableRow& v, const std::vector<bool>& ok) override {
    if (auto person = CheckCells(spec, v, ok); !person) return std::unexpected(person.error());
    return {};
  }
  // A new job of the person FindRow resolved (source import).
  Result<int64_t> Insert(const importer::TableSpec& spec, const TableRow& v, const std::vector<bool>&) override {
    auto at = [&](std::string_view name) -> const TableValue& { return v[static_cast<size_t>(spec.IndexOf(name))]; };
    industry::JobInput in;
    ANJU_TRY(channel, industry::ParseChannel(Text(at("channel"))));
    in.channel = channel;
    in.employer = Text(at("employer"));
    in.work_county = Text(at("work_county"));
    if (const std::string p = Text(at("place")); !p.empty()) {
      ANJU_TRY(place, industry::ParseWorkPlace(p));
      in.place = place;
    }
    ANJU_TRY(start, ParseIsoDate(Text(at("started_on")), "started_on"));
    in.started_on = start;
    if (const std::string e = Text(at("ended_on")); !e.empty()) {
      ANJU_TRY(end, ParseIsoDate(e, "ended_on"));
      in.ended_on = end;
      in.end_reason = kEndReason;
    }
    in.monthly_income_fen = Int(at("monthly_income_fen"));
    in.note = "已外出务工信息导入";
    auto made = svc_->Record(actor_, person_id_, in, today_, "import");
    if (!made) return std::unexpected(Refusal(made.error()));
    return made->id;
  }
  // The job FindRow found: what the roster says and the job does not (结束时间 — an empty cell
  // reopens an ended job —, 月收入, 务工地点, 务工所在县: the columns the file has and fills).
  Status Update(const importer::TableSpec& spec, int64_t id, const TableRow& v, const std::vector<bool>& present) override {
    auto job = svc_->Get(actor_, id);
    if (!job) return std::unexpected(Refusal(job.error()));
    ANJU_TRY(patch, roster::PatchFromRow(spec, v, present, *job, kEndReason));
    industry::JobPatch& p = patch;
    if (p.Empty()) return {};
    auto done = svc_->Patch(actor_, id, job->version, p, today_);
    if (!done) return std::unexpected(Refusal(done.error()));
    return {};
  }
  Status Audit(const Actor& actor, const AuditEntry& entry) override { return AppendAudit(db_, actor, entry); }
  Status Commit() override { return db_.Exec("COMMIT"); }
  void Rollback() override { (void)db_.Exec("ROLLBACK"); }
  Status ForEachRow(const importer::TableSpec& spec, const std::function<Status(int64_t, const TableRow&)>& fn) override {
    ANJU_TRY(st, db_.Prepare(
                     "SELECT j.id, h.household_no, p.name, p.resident_id, j.work_county, j.channel, j.employer, "
                     "j.started_on, j.ended_on, j.monthly_income_fen, j.place FROM jobs j "
                     "JOIN persons p ON p.id = j.person_id JOIN households h ON h.id = p.household_id "
                     "WHERE j.voided_at IS NULL ORDER BY j.id"));
    const bool whole = actor_.scope.level == AccessScope::Level::kCounty;
    for (;;) {
      ANJU_TRY(row, st.Step());
      if (!row) break;
      TableRow out(spec.columns.size());
      auto set = [&](std::string_view name, TableValue val) { out[static_cast<size_t>(spec.IndexOf(name))] = std::move(val); };
      auto text = [&](int c) -> TableValue { return st.ColumnIsNull(c) ? TableValue{} : TableValue{st.ColumnText(c)}; };
      set("household_no", text(1));
      set("name", text(2));
      set("resident_id", whole ? text(3) : TableValue{MaskResidentId(st.ColumnText(3))});
      set("work_county", text(4));
      set("channel", text(5));
      set("employer", text(6));
      set("started_on", text(7));
      set("ended_on", text(8));
      set("monthly_income_fen", st.ColumnIsNull(9) ? TableValue{} : TableValue{st.ColumnInt(9)});
      set("place", text(10));
      if (auto s = fn(st.ColumnInt(0), out); !s) return s;
    }
    return {};
  }

 private:
  static constexpr const char* kEndReason = "务工月监测名单";

  // A service refusal as a row fault: rules keep their fields (StoreFault puts them on the
  // columns); "not found" (scope) and "not allowed" name the person.
  Error Refusal(const Error& e) {
    if (e.code == ErrorCode::kInvalidArgument || e.code == ErrorCode::kConflict) {
      Error out = e;
      out.code = ErrorCode::kInvalidArgument;
      return out;
    }
    return RowError("name", e.value, e.message, e.message_zh.empty() ? e.message : e.message_zh);
  }

  // The checks of a row's cells that need no job (`ok[i]`: column i read; see
  // importer::TableRepository::CheckRow): the person the row names, when the cells naming it read.
  // The person's id; nullopt when those cells did not read. Errors: kInvalidArgument on
  // resident_id or name (FindPerson).
  Result<std::optional<int64_t>> CheckCells(const importer::TableSpec& spec, const TableRow& v, const std::vector<bool>& ok) {
    auto read = [&](std::string_view name) { return ok[static_cast<size_t>(spec.IndexOf(name))]; };
    auto text = [&](std::string_view name) { return read(name) ? Text(v[static_cast<size_t>(spec.IndexOf(name))]) : ""; };
    const bool by_id = !text("resident_id").empty();
    if (!by_id && !(read("resident_id") && read("household_no") && read("name"))) return std::optional<int64_t>();
    ANJU_TRY(person_id, FindPerson(text("household_no"), text("name"), text("resident_id")));
    return std::optional<int64_t>(person_id);
  }

  // The person: by 身份证号 when given (checksum checked; 姓名 must agree), else by 户编号 + 姓名.
  Result<int64_t> FindPerson(const std::string& household_no, const std::string& name, const std::string& resident_id) {
    if (!resident_id.empty()) {
      const std::string shown = MaskResidentId(resident_id);
      auto id = ParseResidentId(resident_id, today_);
      if (!id)
        return std::unexpected(RowError(
            "resident_id", shown, fmt::format("身份证号 {} is not a valid resident id: {}", shown, id.error().message),
            fmt::format("身份证号 {} 无效：{}", shown, id.error().message_zh.empty() ? id.error().message : id.error().message_zh)));
      ANJU_TRY(st, db_.Prepare("SELECT id, name FROM persons WHERE resident_id = ?1"));
      st.Bind(1, id->str());
      ANJU_TRY(row, st.Step());
      if (!row)
        return std::unexpected(RowError("resident_id", shown,
                                        fmt::format("no person with 身份证号 {} in the register; check the number", shown),
                                        fmt::format("登记册中没有身份证号为 {} 的人员，请核对号码", shown)));
      if (!name.empty() && st.ColumnText(1) != name)
        return std::unexpected(RowError("name", name,
                                        fmt::format("姓名 {} differs from the register's {} for 身份证号 {}; check the row", name,
                                                    st.ColumnText(1), shown),
                                        fmt::format("姓名 {} 与登记册中身份证号 {} 的人员 {} 不一致，请核对", name, shown,
                                                    st.ColumnText(1))));
      return st.ColumnInt(0);
    }
    if (household_no.empty())
      return std::unexpected(RowError("resident_id", "",
                                      "the row names no person: give 身份证号, or 户编号 and 姓名",
                                      "该行未指明人员：请填写身份证号，或户编号和姓名"));
    std::string no = household_no;
    std::transform(no.begin(), no.end(), no.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    ANJU_TRY(st, db_.Prepare("SELECT p.id FROM persons p JOIN households h ON h.id = p.household_id "
                             "WHERE h.household_no = ?1 AND p.name = ?2 AND p.member_until IS NULL"));
    st.Bind(1, no);
    st.Bind(2, name);
    ANJU_TRY(row, st.Step());
    if (!row)
      return std::unexpected(RowError("name", name,
                                      fmt::format("no current member {} in household {}; check 户编号 and 姓名", name, no),
                                      fmt::format("户 {} 中没有现有成员 {}，请核对户编号和姓名", no, name)));
    const int64_t pid = st.ColumnInt(0);
    ANJU_TRY(again, st.Step());
    if (again)
      return std::unexpected(RowError("name", name,
                                      fmt::format("household {} has two members named {}; give 身份证号", no, name),
                                      fmt::format("户 {} 有两名成员叫 {}，请填写身份证号", no, name)));
    return pid;
  }

  Connection& db_;
  SqliteJobRepository jobs_;
  std::optional<industry::JobService> svc_;  // from Begin()
  Actor actor_;
  Date today_;
  int64_t person_id_ = 0;  // the person of the row FindRow last resolved (Insert follows it)
};

}  // namespace

std::unique_ptr<importer::TableRepository> MigrantRosterWriter(Connection& db, const Actor& actor, Date today) {
  return std::make_unique<MigrantRosterRepository>(db, actor, today);
}

}  // namespace anju::storage
