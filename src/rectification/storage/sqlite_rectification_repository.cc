#include "rectification/storage/sqlite_rectification_repository.h"

#include <fmt/format.h>

#include "casework/storage/sqlite_casework.h"
#include "core/try.h"
#include "rectification/finding_type.h"
#include "storage/audit_log.h"

namespace anju::storage {

using rectification::Finding;
using rectification::FindingCounts;
using rectification::Inspection;

namespace {

// A finding's scope, the SQL form of ScopeCovers on Place{f.township_code, f.site_id, the
// site's township, 0} (finding.place()): county all; township its code or its sites; site
// that site; grid none (a finding is not about one grid).
struct Clause {
  std::string sql;
  std::vector<std::variant<int64_t, std::string>> values;
};

Clause ScopeOf(const AccessScope& scope) {
  switch (scope.level) {
    case AccessScope::Level::kCounty: return {"", {}};
    case AccessScope::Level::kTownship:
      return {"(f.township_code = ? OR s.township_code = ?)", {scope.township_code, scope.township_code}};
    case AccessScope::Level::kSite: return {"f.site_id = ?", {scope.site_id}};
    case AccessScope::Level::kGrid:
    case AccessScope::Level::kAssigned: break;  // a finding is about no grid or household
  }
  return {"f.id < 0", {}};
}

// Binds `values` from index `i`; returns the next free index.
int BindAll(Statement& st, const std::vector<std::variant<int64_t, std::string>>& values, int i = 1) {
  for (const auto& v : values) {
    if (std::holds_alternative<int64_t>(v)) st.Bind(i++, std::get<int64_t>(v));
    else st.Bind(i++, std::get<std::string>(v));
  }
  return i;
}

std::string Where(const std::vector<std::string>& conds) {
  std::string w;
  for (const auto& c : conds) w += (w.empty() ? " WHERE " : " AND ") + c;
  return w;
}

std::optional<Date> OptDate(const Statement& st, int col) {
  if (st.ColumnIsNull(col)) return std::nullopt;
  auto d = ParseIsoDate(st.ColumnText(col));
  if (!d) return std::nullopt;
  return *d;
}

constexpr std::string_view kFindingSelect =
    "SELECT f.id, coalesce(f.case_id, 0), f.inspection_id, i.name, f.seq_no, f.township_code, coalesce(d.name, ''), "
    "f.site_id, coalesce(s.name, ''), coalesce(s.township_code, ''), f.responsible_unit, f.description, f.measures, "
    "f.progress, f.deadline, f.rectified_on, f.created_at, f.updated_at, f.version, coalesce(c.state, 'open'), "
    "c.due_on, c.closed_on, coalesce(c.version, 1), coalesce(c.escalation_level, 0) "
    "FROM findings f JOIN inspections i ON i.id = f.inspection_id "
    "LEFT JOIN divisions d ON d.code = f.township_code LEFT JOIN sites s ON s.id = f.site_id "
    "LEFT JOIN cases c ON c.id = f.case_id";

Finding ReadFinding(const Statement& st) {
  Finding f;
  f.id = st.ColumnInt(0);
  f.case_id = st.ColumnInt(1);
  f.inspection_id = st.ColumnInt(2);
  f.inspection_name = st.ColumnText(3);
  f.seq_no = st.ColumnInt(4);
  f.township_code = st.ColumnText(5);
  f.township_name = st.ColumnText(6);
  f.site_id = st.ColumnOptionalInt(7);
  f.site_name = st.ColumnText(8);
  f.site_township_code = st.ColumnText(9);
  f.responsible_unit = st.ColumnText(10);
  f.description = st.ColumnText(11);
  f.measures = st.ColumnText(12);
  f.progress = st.ColumnText(13);
  f.deadline = OptDate(st, 14);
  f.rectified_on = OptDate(st, 15);
  f.created_at = st.ColumnText(16);
  f.updated_at = st.ColumnText(17);
  f.version = st.ColumnInt(18);
  f.state = st.ColumnText(19);
  f.due_on = OptDate(st, 20);
  f.case_version = st.ColumnInt(22);
  f.escalation_level = static_cast<int>(st.ColumnInt(23));
  if (f.state == rectification::kSignedOff) f.signed_off_on = OptDate(st, 21);
  return f;
}

// The counts' SELECT list over findings f joined to cases c; binds `today` once.
constexpr std::string_view kCounts =
    "count(*), "
    "coalesce(sum(CASE WHEN coalesce(c.state, 'open') <> 'signed_off' THEN 1 ELSE 0 END), 0), "
    "coalesce(sum(CASE WHEN coalesce(c.state, 'open') <> 'signed_off' AND c.due_on < ? THEN 1 ELSE 0 END), 0), "
    "coalesce(sum(CASE WHEN c.state = 'signed_off' THEN 1 ELSE 0 END), 0)";

FindingCounts ReadCounts(const Statement& st, int first) {
  return FindingCounts{st.ColumnInt(first), st.ColumnInt(first + 1), st.ColumnInt(first + 2), st.ColumnInt(first + 3)};
}

}  // namespace

Status SqliteRectificationRepository::Atomically(const std::function<Status()>& body) {
  if (db_.InTransaction()) return body();
  ANJU_TRY(tx, Transaction::Begin(db_));
  ANJU_CHECK(body());
  return tx.Commit();
}

Status SqliteRectificationRepository::Audit(const Actor& actor, const AuditEntry& entry) {
  return AppendAudit(db_, actor, entry);
}

Result<std::optional<std::string>> SqliteRectificationRepository::TownshipName(std::string_view code) {
  ANJU_TRY(st, db_.Prepare("SELECT name FROM divisions WHERE code = ?1 AND level = 'township'"));
  st.Bind(1, code);
  ANJU_TRY(row, st.Step());
  if (!row) return std::optional<std::string>{};
  return std::optional<std::string>{st.ColumnText(0)};
}

Result<std::vector<std::pair<std::string, std::string>>> SqliteRectificationRepository::Townships() {
  ANJU_TRY(st, db_.Prepare("SELECT code, name FROM divisions WHERE level = 'township' ORDER BY code"));
  std::vector<std::pair<std::string, std::string>> out;
  for (;;) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    out.emplace_back(st.ColumnText(0), st.ColumnText(1));
  }
  return out;
}

Result<std::optional<std::string>> SqliteRectificationRepository::SiteTownship(int64_t site_id) {
  ANJU_TRY(st, db_.Prepare("SELECT township_code FROM sites WHERE id = ?1"));
  st.Bind(1, site_id);
  ANJU_TRY(row, st.Step());
  if (!row) return std::optional<std::string>{};
  return std::optional<std::string>{st.ColumnText(0)};
}

Result<int64_t> SqliteRectificationRepository::InsertInspection(const rectification::NewInspection& in,
                                                                 int64_t created_by) {
  ANJU_TRY(st, db_.Prepare("INSERT INTO inspections (name, kind, held_on, source, note, created_by, created_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id"));
  st.Bind(1, in.name).Bind(2, in.kind).Bind(3, FormatIsoDate(*in.held_on)).Bind(4, in.source).Bind(5, in.note);
  if (created_by) st.Bind(6, created_by);
  else st.BindNull(6);
  st.Bind(7, UtcTimestampNow());
  auto id = st.RunReturningId();
  if (!id && id.error().code == ErrorCode::kConflict)
    return Conflict(fmt::format("an inspection named '{}' on {} is already recorded", in.name, FormatIsoDate(*in.held_on)),
                    "name", in.name, "同名同日的检查已登记");
  return id;
}

namespace {
constexpr std::string_view kInspectionSelect =
    "SELECT i.id, i.name, i.kind, i.held_on, i.source, i.note, coalesce(i.created_by, 0), i.created_at";

Inspection ReadInspection(const Statement& st) {
  Inspection i;
  i.id = st.ColumnInt(0);
  i.name = st.ColumnText(1);
  i.kind = st.ColumnText(2);
  if (auto d = ParseIsoDate(st.ColumnText(3))) i.held_on = *d;
  i.source = st.ColumnText(4);
  i.note = st.ColumnText(5);
  i.created_by = st.ColumnInt(6);
  i.created_at = st.ColumnText(7);
  return i;
}
}  // namespace

Result<std::vector<Inspection>> SqliteRectificationRepository::ListInspections(const AccessScope& scope, Date today) {
  // Every inspection is listed (the county's inspections are no secret to its offices); the
  // counts are of the findings the scope covers.
  Clause sc = ScopeOf(scope);
  ANJU_TRY(st, db_.Prepare(fmt::format("{} FROM inspections i ORDER BY i.held_on DESC, i.id DESC", kInspectionSelect)));
  std::vector<Inspection> out;
  for (;;) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    out.push_back(ReadInspection(st));
  }
  // Counts per inspection in one grouped query.
  std::string csql = fmt::format(
      "SELECT f.inspection_id, {} FROM findings f LEFT JOIN sites s ON s.id = f.site_id "
      "LEFT JOIN cases c ON c.id = f.case_id{} GROUP BY f.inspection_id",
      kCounts, Where(sc.sql.empty() ? std::vector<std::string>{} : std::vector<std::string>{sc.sql}));
  ANJU_TRY(cs, db_.Prepare(csql));
  cs.Bind(1, FormatIsoDate(today));
  BindAll(cs, sc.values, 2);
  std::map<int64_t, FindingCounts> counts;
  for (;;) {
    ANJU_TRY(row, cs.Step());
    if (!row) break;
    counts[cs.ColumnInt(0)] = ReadCounts(cs, 1);
  }
  for (auto& i : out)
    if (auto it = counts.find(i.id); it != counts.end()) i.counts = it->second;
  return out;
}

Result<std::optional<Inspection>> SqliteRectificationRepository::FindInspection(int64_t id, const AccessScope& scope,
                                                                                Date today) {
  ANJU_TRY(all, ListInspections(scope, today));
  for (auto& i : all)
    if (i.id == id) return std::optional<Inspection>{std::move(i)};
  return std::optional<Inspection>{};
}

Result<int64_t> SqliteRectificationRepository::LastSeqNo(int64_t inspection_id) {
  ANJU_TRY(st, db_.Prepare("SELECT coalesce(max(seq_no), 0) FROM findings WHERE inspection_id = ?1"));
  st.Bind(1, inspection_id);
  ANJU_TRY(row, st.Step());
  return row ? st.ColumnInt(0) : 0;
}

Result<std::optional<int64_t>> SqliteRectificationRepository::FindingBySeq(int64_t inspection_id, int64_t seq_no) {
  ANJU_TRY(st, db_.Prepare("SELECT id FROM findings WHERE inspection_id = ?1 AND seq_no = ?2"));
  st.Bind(1, inspection_id).Bind(2, seq_no);
  ANJU_TRY(row, st.Step());
  if (!row) return std::optional<int64_t>{};
  return std::optional<int64_t>{st.ColumnInt(0)};
}

Result<int64_t> SqliteRectificationRepository::InsertFinding(int64_t inspection_id,
                                                             const rectification::FindingInput& in,
                                                             int64_t created_by) {
  ANJU_TRY(st, db_.Prepare(
                   "INSERT INTO findings (inspection_id, seq_no, township_code, site_id, responsible_unit, description, "
                   "measures, deadline, created_by, created_at, updated_at) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10) RETURNING id"));
  st.Bind(1, inspection_id).Bind(2, in.seq_no).Bind(3, in.township_code).Bind(4, in.site_id);
  st.Bind(5, in.responsible_unit).Bind(6, in.description).Bind(7, in.measures);
  if (in.deadline) st.Bind(8, FormatIsoDate(*in.deadline));
  else st.BindNull(8);
  if (created_by) st.Bind(9, created_by);
  else st.BindNull(9);
  st.Bind(10, UtcTimestampNow());
  auto id = st.RunReturningId();
  if (!id && id.error().code == ErrorCode::kConflict)
    return Conflict(fmt::format("the inspection already has finding 序号 {}", in.seq_no), "seq_no",
                    std::to_string(in.seq_no), fmt::format("该检查已有序号为 {} 的问题", in.seq_no));
  return id;
}

Status SqliteRectificationRepository::SetCaseId(int64_t finding_id, int64_t case_id) {
  ANJU_TRY(st, db_.Prepare("UPDATE findings SET case_id = ?1 WHERE id = ?2"));
  st.Bind(1, case_id).Bind(2, finding_id);
  return st.Run();
}

Status SqliteRectificationRepository::UpdateFinding(int64_t id, int64_t expected_version,
                                                    const rectification::FindingPatch& p) {
  std::vector<std::string> sets;
  std::vector<std::optional<std::string>> vals;
  auto text = [&](std::string_view col, const std::optional<std::string>& v) {
    if (!v) return;
    sets.push_back(fmt::format("{} = ?{}", col, sets.size() + 1));
    vals.push_back(*v);
  };
  auto date = [&](std::string_view col, const std::optional<Date>& v, bool clear) {
    if (!v && !clear) return;
    sets.push_back(fmt::format("{} = ?{}", col, sets.size() + 1));
    vals.push_back(clear ? std::nullopt : std::optional<std::string>(FormatIsoDate(*v)));
  };
  text("measures", p.measures);
  text("progress", p.progress);
  text("responsible_unit", p.responsible_unit);
  text("description", p.description);
  date("deadline", p.deadline, p.clear_deadline);
  date("rectified_on", p.rectified_on, p.clear_rectified_on);
  const size_t n = sets.size();
  std::string sql = "UPDATE findings SET ";
  for (const auto& s : sets) sql += s + ", ";
  sql += fmt::format("updated_at = ?{}, version = version + 1 WHERE id = ?{} AND version = ?{}", n + 1, n + 2, n + 3);
  ANJU_TRY(st, db_.Prepare(sql));
  for (size_t i = 0; i < n; ++i) st.Bind(static_cast<int>(i + 1), vals[i]);
  st.Bind(static_cast<int>(n + 1), UtcTimestampNow());
  st.Bind(static_cast<int>(n + 2), id);
  st.Bind(static_cast<int>(n + 3), expected_version);
  ANJU_CHECK(st.Run());
  if (db_.Changes() == 0)
    return Conflict(fmt::format("finding {} was changed by someone else: reload it", id), "version",
                    std::to_string(expected_version), "该问题已被他人修改，请刷新后重试");
  return {};
}

Result<std::optional<Finding>> SqliteRectificationRepository::FindFinding(int64_t id) {
  ANJU_TRY(st, db_.Prepare(fmt::format("{} WHERE f.id = ?1", kFindingSelect)));
  st.Bind(1, id);
  ANJU_TRY(row, st.Step());
  if (!row) return std::optional<Finding>{};
  return std::optional<Finding>{ReadFinding(st)};
}

Result<std::vector<Finding>> SqliteRectificationRepository::ListFindings(const AccessScope& scope,
                                                                         const rectification::FindingFilter& f,
                                                                         Date today) {
  Clause sc = ScopeOf(scope);
  std::vector<std::string> conds;
  std::vector<std::variant<int64_t, std::string>> vals;
  if (!sc.sql.empty()) {
    conds.push_back(sc.sql);
    vals = sc.values;
  }
  if (!f.township.empty()) {
    conds.push_back("(f.township_code = ? OR s.township_code = ?)");
    vals.push_back(f.township);
    vals.push_back(f.township);
  }
  if (!f.state.empty()) {
    conds.push_back("coalesce(c.state, 'open') = ?");
    vals.push_back(f.state);
  }
  if (f.overdue) {
    conds.push_back(*f.overdue ? "(coalesce(c.state, 'open') <> 'signed_off' AND c.due_on < ?)"
                               : "NOT (coalesce(c.state, 'open') <> 'signed_off' AND coalesce(c.due_on, '9999-12-31') < ?)");
    vals.push_back(FormatIsoDate(today));
  }
  if (f.inspection_id) {
    conds.push_back("f.inspection_id = ?");
    vals.push_back(*f.inspection_id);
  }
  if (f.after_id > 0) {
    conds.push_back("f.id > ?");
    vals.push_back(f.after_id);
  }
  std::string sql = fmt::format("{}{} ORDER BY f.inspection_id, f.seq_no, f.id LIMIT {}", kFindingSelect, Where(conds),
                                std::max(1, f.limit));
  ANJU_TRY(st, db_.Prepare(sql));
  BindAll(st, vals);
  std::vector<Finding> out;
  for (;;) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    out.push_back(ReadFinding(st));
  }
  return out;
}

Result<std::vector<rectification::TownshipSummary>> SqliteRectificationRepository::Summary(
    const AccessScope& scope, Date today, std::optional<int64_t> inspection_id) {
  Clause sc = ScopeOf(scope);
  std::vector<std::string> conds;
  if (!sc.sql.empty()) conds.push_back(sc.sql);
  if (inspection_id) conds.push_back("f.inspection_id = ?");
  // A finding at a site counts for the site's township when the row names none.
  std::string sql = fmt::format(
      "SELECT coalesce(nullif(f.township_code, ''), s.township_code, '') AS t, {} FROM findings f "
      "LEFT JOIN sites s ON s.id = f.site_id LEFT JOIN cases c ON c.id = f.case_id{} GROUP BY t ORDER BY t",
      kCounts, Where(conds));
  ANJU_TRY(st, db_.Prepare(sql));
  st.Bind(1, FormatIsoDate(today));
  int i = BindAll(st, sc.values, 2);
  if (inspection_id) st.Bind(i++, *inspection_id);
  std::vector<rectification::TownshipSummary> out;
  for (;;) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    rectification::TownshipSummary t;
    t.township_code = st.ColumnText(0);
    t.counts = ReadCounts(st, 1);
    out.push_back(std::move(t));
  }
  for (auto& t : out) {
    if (t.township_code.empty()) {
      t.township_name = "县级";
      continue;
    }
    ANJU_TRY(name, TownshipName(t.township_code));
    t.township_name = name.value_or(t.township_code);
  }
  return out;
}

Status SqliteRectificationRepository::SetCaseDue(int64_t case_id, Date due_on) {
  ANJU_TRY(st, db_.Prepare("UPDATE cases SET due_on = ?1 WHERE id = ?2"));
  st.Bind(1, FormatIsoDate(due_on)).Bind(2, case_id);
  return st.Run();
}

Result<rectification::ClockRule> SqliteRectificationRepository::Clock() {
  ANJU_TRY(cal, casework::LoadCalendar(db_));
  ANJU_TRY(settings, casework::LoadSettings(db_));
  ANJU_TRY(near, settings.Integer("inbox.deadline_near_days"));
  return rectification::ClockRule{std::move(cal), static_cast<int>(near)};
}

Result<bool> SqliteRectificationRepository::HasEvidence(int64_t finding_id) {
  ANJU_TRY(st, db_.Prepare("SELECT count(*) FROM attachments WHERE owner_kind = 'finding' AND owner_id = ?1 "
                           "AND withdrawn_on IS NULL"));
  st.Bind(1, finding_id);
  ANJU_TRY(row, st.Step());
  return row && st.ColumnInt(0) > 0;
}

Result<std::optional<Place>> FindingPlace(Connection& db, int64_t id) {
  SqliteRectificationRepository repo(db);
  ANJU_TRY(f, repo.FindFinding(id));
  if (!f) return std::optional<Place>{};
  return std::optional<Place>{f->place()};
}

// ---- the finding list import's adapter --------------------------------------------------------

Result<std::vector<importer::SiteName>> FindingListTable::LoadSites() {
  ANJU_TRY(st, db_.Prepare("SELECT id, name, township_code FROM sites UNION ALL "
                           "SELECT a.site_id, a.alias, s.township_code FROM site_aliases a JOIN sites s ON s.id = a.site_id "
                           "ORDER BY 1"));
  std::vector<importer::SiteName> out;
  for (;;) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    out.push_back({st.ColumnInt(0), st.ColumnText(1), st.ColumnText(2)});
  }
  return out;
}

Status FindingListTable::Begin() { return db_.Begin(); }
Status FindingListTable::Commit() { return db_.Commit(); }
void FindingListTable::Rollback() { (void)db_.Rollback(); }

namespace {
// A finding as the list's row (spec order: seq_no, description, township_code, site_id,
// responsible_unit, measures, deadline).
importer::TableRow RowOf(const Finding& f) {
  importer::TableRow r(7);
  r[0] = f.seq_no;
  r[1] = f.description;
  if (!f.township_code.empty()) r[2] = f.township_code;
  if (f.site_id) r[3] = *f.site_id;
  r[4] = f.responsible_unit;
  if (!f.measures.empty()) r[5] = f.measures;
  if (f.deadline) r[6] = FormatIsoDate(*f.deadline);
  return r;
}

std::string Text(const importer::TableValue& v) {
  return std::holds_alternative<std::string>(v) ? std::get<std::string>(v) : "";
}
}  // namespace

Result<std::optional<FindingListTable::Stored>> FindingListTable::FindByKey(const importer::TableSpec&,
                                                                              const std::vector<importer::TableValue>& key) {
  if (key.size() != 1 || !std::holds_alternative<int64_t>(key[0])) return std::optional<Stored>{};
  SqliteRectificationRepository repo(db_);
  ANJU_TRY(id, repo.FindingBySeq(inspection_id_, std::get<int64_t>(key[0])));
  if (!id) return std::optional<Stored>{};
  ANJU_TRY(f, repo.FindFinding(*id));
  if (!f) return std::optional<Stored>{};
  return std::optional<Stored>{Stored{f->id, RowOf(*f)}};
}

Result<int64_t> FindingListTable::Insert(const importer::TableSpec&, const importer::TableRow& v,
                                         const std::vector<bool>&) {
  rectification::FindingInput in;
  in.seq_no = std::get<int64_t>(v[0]);
  in.description = Text(v[1]);
  in.township_code = Text(v[2]);
  if (std::holds_alternative<int64_t>(v[3])) in.site_id = std::get<int64_t>(v[3]);
  in.responsible_unit = Text(v[4]);
  in.measures = Text(v[5]);
  if (auto t = Text(v[6]); !t.empty()) {
    ANJU_TRY(d, ParseIsoDate(t, "deadline"));
    in.deadline = d;
  }
  return service_.AddFindingIn(actor_, inspection_id_, in);
}

Status FindingListTable::Update(const importer::TableSpec&, int64_t id, const importer::TableRow& v,
                                const std::vector<bool>& present) {
  SqliteRectificationRepository repo(db_);
  ANJU_TRY(f, repo.FindFinding(id));
  if (!f) return NotFound(fmt::format("no finding {}", id));
  const Finding& cur = *f;
  if (cur.state == rectification::kSignedOff)
    return Conflict(fmt::format("finding 序号 {} is signed off (销号) and cannot change", cur.seq_no), "seq_no",
                    std::to_string(cur.seq_no), fmt::format("序号 {} 的问题已销号，不能再修改", cur.seq_no));
  if ((present[2] && Text(v[2]) != cur.township_code) ||
      (present[3] && (std::holds_alternative<int64_t>(v[3]) ? std::optional<int64_t>(std::get<int64_t>(v[3]))
                                                             : std::nullopt) != cur.site_id))
    return Conflict(fmt::format("finding 序号 {} is recorded for another township or site; a finding does not move: "
                                "record it under a new 序号",
                                cur.seq_no),
                    "township_code", Text(v[2]), fmt::format("序号 {} 的问题已登记在其他乡镇或安置点，不能改动", cur.seq_no));
  rectification::FindingPatch p;
  p.description = Text(v[1]);
  p.responsible_unit = Text(v[4]);
  if (present[5]) p.measures = Text(v[5]);
  if (present[6]) {
    if (auto t = Text(v[6]); !t.empty()) {
      ANJU_TRY(d, ParseIsoDate(t, "deadline"));
      p.deadline = d;
    } else {
      p.clear_deadline = true;
    }
  }
  auto r = service_.UpdateFinding(actor_, id, cur.version, p);
  if (!r) return std::unexpected(r.error());
  return {};
}

Status FindingListTable::Audit(const Actor& actor, const AuditEntry& entry) {
  if (entry.entity == "finding") return {};  // written by the service with the change itself
  return AppendAudit(db_, actor, entry);
}

Status FindingListTable::ForEachRow(const importer::TableSpec&,
                                    const std::function<Status(int64_t, const importer::TableRow&)>& fn) {
  SqliteRectificationRepository repo(db_);
  rectification::FindingFilter f;
  f.inspection_id = inspection_id_;
  f.limit = 1000000;
  ANJU_TRY(list, repo.ListFindings(AccessScope{}, f, TodayInChina()));
  for (const auto& x : list) ANJU_CHECK(fn(x.id, RowOf(x)));
  return {};
}

}  // namespace anju::storage
