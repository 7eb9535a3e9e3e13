#include "industry/storage/sqlite_employer_roster.h"

#include <fmt/format.h>

#include <optional>
#include <utility>

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

// 统一社会信用代码 (GB 32100-2015): 18 characters of 0-9 and A-Z without I, O, S, V, Z.
bool CreditCodeShape(std::string_view s) {
  static constexpr std::string_view kChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  if (s.size() != 18) return false;
  for (char c : s)
    if (kChars.find(c) == std::string_view::npos) return false;
  return true;
}

class EmployerRosterRepository final : public importer::TableRepository {
 public:
  EmployerRosterRepository(Connection& db, const Actor& actor, Date today, std::optional<std::string> only)
      : db_(db), jobs_(db), actor_(actor), today_(today), only_(std::move(only)) {}

  Result<std::vector<importer::SiteName>> LoadSites() override { return std::vector<importer::SiteName>{}; }
  Status Begin() override {
    ANJU_TRY(age_min, LaborAgeMin(db_));  // setting labor.age_min, read once per import
    svc_.emplace(jobs_, age_min);
    return db_.Exec("BEGIN IMMEDIATE");
  }
  Result<std::optional<Stored>> FindByKey(const importer::TableSpec&, const std::vector<TableValue>&) override {
    return Internal("the employer roster finds rows with FindRow");
  }
  // The person (by 身份证号) and their job of this employer from this day, as the row's values.
  Result<std::optional<Stored>> FindRow(const importer::TableSpec& spec, const TableRow& v) override {
    auto at = [&](std::string_view name) -> const TableValue& { return v[static_cast<size_t>(spec.IndexOf(name))]; };
    ANJU_TRY(person, CheckCells(spec, v, std::vector<bool>(spec.columns.size(), true)));
    if (!person) return Internal("employer roster: a whole row named no person");
    const int64_t person_id = *person;
    person_id_ = person_id;
    ANJU_TRY(start, ParseIsoDate(Text(at("started_on")), "started_on"));
    auto own = svc_->OfPerson(actor_, person_id);
    if (!own) return std::unexpected(Refusal(own.error()));
    const std::string employer = Text(at("employer"));
    for (const industry::Job& j : *own) {
      if (j.Voided() || j.in.employer != employer || j.in.started_on != start) continue;
      // The key and the columns jobs do not keep stay as the file says; the rest is the job's.
      Stored s{j.id, v};
      auto set = [&](std::string_view name, TableValue val) { s.values[static_cast<size_t>(spec.IndexOf(name))] = std::move(val); };
      set("channel", std::string(industry::ChannelName(j.in.channel)));
      set("ended_on", j.in.ended_on ? TableValue{FormatIsoDate(*j.in.ended_on)} : TableValue{});
      // An empty 月收入 or 务工地点 cell leaves the job's value: no change.
      if (!Empty(at("monthly_income_fen")))
        set("monthly_income_fen", j.in.monthly_income_fen ? TableValue{*j.in.monthly_income_fen} : TableValue{});
      if (!Empty(at("place")))
        set("place", j.in.place ? TableValue{std::string(industry::WorkPlaceName(*j.in.place))} : TableValue{});
      return std::optional<Stored>(std::move(s));
    }
    return std::optional<Stored>();
  }
  // A row with unreadable cells: the 统一社会信用代码 and the person are still checked (the cells that read).
  Status CheckRow(const importer::TableSpec& spec, const TableRow& v, const std::vector<bool>& ok) override {
    if (auto person = CheckCells(spec, v, ok); !person) return std::unexpected(person.error());
    return {};
  }
  Result<int64_t> Insert(const importer::TableSpec& spec, const TableRow& v, const std::vector<bool>&) override {
    auto at = [&](std::string_view name) -> const TableValue& { return v[static_cast<size_t>(spec.IndexOf(name))]; };
    industry::JobInput in;
    ANJU_TRY(channel, industry::ParseChannel(Text(at("channel"))));
    in.channel = channel;
    in.employer = Text(at("employer"));
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
    in.note = "用工花名册导入";
    auto made = svc_->Record(actor_, person_id_, in, today_, "import");
    if (!made) return std::unexpected(Refusal(made.error()));
    return made->id;
  }
  Status Update(const importer::TableSpec& spec, int64_t id, const TableRow& v, const std::vector<bool>& present) override {
    auto at = [&](std::string_view name) -> const TableValue& { return v[static_cast<size_t>(spec.IndexOf(name))]; };
    auto job = svc_->Get(actor_, id);
    if (!job) return std::unexpected(Refusal(job.error()));
    ANJU_TRY(patch, roster::PatchFromRow(spec, v, present, *job, kEndReason));
    industry::JobPatch p = std::move(patch);
    ANJU_TRY(channel, industry::ParseChannel(Text(at("channel"))));
    if (channel != job->in.channel) p.channel = channel;
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
                     "SELECT j.id, j.employer, p.name, p.resident_id, j.channel, j.place, j.started_on, j.ended_on, "
                     "j.monthly_income_fen, h.site_id, s.township_code, h.grid_id, h.id, ov.township_code FROM jobs j "
                     "JOIN persons p ON p.id = j.person_id JOIN households h ON h.id = p.household_id "
                     "LEFT JOIN sites s ON s.id = h.site_id LEFT JOIN origin_villages ov ON ov.id = h.origin_village_id "
                     "WHERE j.voided_at IS NULL AND j.employer IS NOT NULL AND j.employer <> '' "
                     "AND j.started_on <= ?1 AND (j.ended_on IS NULL OR j.ended_on > ?1) "
                     "AND (?2 IS NULL OR j.employer = ?2) ORDER BY j.employer, j.started_on, j.id"));
    st.Bind(1, FormatIsoDate(today_));
    if (only_) st.Bind(2, *only_);
    const bool whole = actor_.scope.level == AccessScope::Level::kCounty;
    for (;;) {
      ANJU_TRY(row, st.Step());
      if (!row) break;
      // The actor's scope: the worker's household's site.
      if (!ScopeCovers(actor_.scope, Place{.origin_township_code = st.ColumnIsNull(13) ? "" : st.ColumnText(13),
                                           .site_id = st.ColumnIsNull(9) ? 0 : st.ColumnInt(9),
                                           .site_township_code = st.ColumnIsNull(10) ? "" : st.ColumnText(10),
                                           .grid_id = st.ColumnIsNull(11) ? 0 : st.ColumnInt(11),
                                           .household_id = st.ColumnInt(12)}))
        continue;
      TableRow out(spec.columns.size());
      auto set = [&](std::string_view name, TableValue val) { out[static_cast<size_t>(spec.IndexOf(name))] = std::move(val); };
      auto text = [&](int c) -> TableValue { return st.ColumnIsNull(c) ? TableValue{} : TableValue{st.ColumnText(c)}; };
      set("employer", text(1));
      set("name", text(2));
      set("resident_id", whole ? text(3) : TableValue{MaskResidentId(st.ColumnText(3))});
      set("channel", text(4));
      set("place", text(5));
      set("started_on", text(6));
      set("ended_on", text(7));
      set("monthly_income_fen", st.ColumnIsNull(8) ? TableValue{} : TableValue{st.ColumnInt(8)});
      if (auto s = fn(st.ColumnInt(0), out); !s) return s;
    }
    return {};
  }

 private:
  static constexpr const char* kEndReason = "用工花名册离职日期";

  // A service refusal as a row fault: rules keep their fields (StoreFault puts them on the
  // columns); "not found" (scope) and "not allowed" name the person's 身份证号.
  Error Refusal(const Error& e) {
    if (e.code == ErrorCode::kInvalidArgument || e.code == ErrorCode::kConflict) {
      Error out = e;
      out.code = ErrorCode::kInvalidArgument;
      return out;
    }
    return RowError("resident_id", e.value, e.message, e.message_zh.empty() ? e.message : e.message_zh);
  }

  // The checks of a row's cells that need no job (`ok[i]`: column i read; see
  // importer::TableRepository::CheckRow), every fault at once: the 统一社会信用代码's shape, and
  // the registered person of the 身份证号 (姓名 must agree when it read). The person's id; nullopt
  // when the 身份证号 did not read. Errors: kInvalidArgument on credit_code, resident_id, name
  // (several: AllFaults, one detail each).
  Result<std::optional<int64_t>> CheckCells(const importer::TableSpec& spec, const TableRow& v, const std::vector<bool>& ok) {
    auto read = [&](std::string_view name) { return ok[static_cast<size_t>(spec.IndexOf(name))]; };
    auto text = [&](std::string_view name) { return read(name) ? Text(v[static_cast<size_t>(spec.IndexOf(name))]) : ""; };
    std::vector<Error> faults;
    if (const std::string code = text("credit_code"); !code.empty() && !CreditCodeShape(code))
      faults.push_back(RowError(
          "credit_code", code,
          fmt::format("统一社会信用代码 {} is not 18 characters of 0-9 and A-Z without I, O, S, V, Z (GB 32100-2015); "
                      "copy it from the business licence or leave the cell empty",
                      code),
          fmt::format("统一社会信用代码 {} 应为18位数字或大写字母（不含I、O、S、V、Z，GB 32100-2015）：请照营业执照填写或留空", code)));
    std::optional<int64_t> person;
    if (read("resident_id")) {
      auto found = FindPerson(text("name"), text("resident_id"));
      if (found) person = *found;
      else if (found.error().code == ErrorCode::kInvalidArgument) faults.push_back(found.error());
      else return std::unexpected(found.error());
    }
    if (!faults.empty()) return AllFaults(std::move(faults));
    return person;
  }

  // The registered person of the 身份证号 (checksum checked; 姓名 must agree).
  Result<int64_t> FindPerson(const std::string& name, const std::string& resident_id) {
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
                                      fmt::format("no person with 身份证号 {} in the register; check the number, or "
                                                  "register the person first",
                                                  shown),
                                      fmt::format("登记册中没有身份证号为 {} 的人员：请核对号码，或先登记该人员", shown)));
    if (!name.empty() && st.ColumnText(1) != name)
      return std::unexpected(RowError(
          "name", name,
          fmt::format("姓名 {} differs from the register's {} for 身份证号 {}; check the row", name, st.ColumnText(1), shown),
          fmt::format("姓名 {} 与登记册中身份证号 {} 的人员 {} 不一致，请核对", name, shown, st.ColumnText(1))));
    return st.ColumnInt(0);
  }

  Connection& db_;
  SqliteJobRepository jobs_;
  std::optional<industry::JobService> svc_;  // from Begin()
  Actor actor_;
  Date today_;
  std::optional<std::string> only_;  // export: this employer only
  int64_t person_id_ = 0;            // the person of the row FindRow last resolved (Insert follows it)
};

}  // namespace

std::unique_ptr<importer::TableRepository> EmployerRosterWriter(Connection& db, const Actor& actor, Date today) {
  return std::make_unique<EmployerRosterRepository>(db, actor, today, std::nullopt);
}

std::unique_ptr<importer::TableRepository> EmployerRosterOf(Connection& db, const Actor& actor, Date today,
                                                            std::string employer) {
  return std::make_unique<EmployerRosterRepository>(db, actor, today, std::move(employer));
}

}  // namespace anju::storage
