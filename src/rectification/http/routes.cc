// Route handlers of the rectification ledgers: parse -> one service call -> map. See routes.h
// and docs/api.md.
#include "rectification/http/routes.h"

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "casework/storage/sqlite_casework.h"
#include "core/try.h"
#include "http/all_faults.h"
#include "http/json_body.h"
#include "http/reply.h"
#include "http/route_context.h"
#include "importer/export.h"
#include "importer/http/json.h"
#include "rectification/finding_list.h"
#include "rectification/finding_type.h"
#include "rectification/storage/sqlite_rectification_repository.h"
#include "storage/sqlite.h"

namespace anju::rectification {

using namespace anju::http;  // RequestContext, RouteResult, Reply …
using nlohmann::json;

namespace {

// The service over the worker's connection, with casework's engine on the same connection.
struct Svc {
  casework::CaseService cases;
  RectificationService svc;
  explicit Svc(storage::Connection& db)
      : cases(casework::MakeCaseService(db)),
        svc(std::make_unique<storage::SqliteRectificationRepository>(db), cases) {}
};

json DateOrNull(const std::optional<Date>& d) { return d ? json(FormatIsoDate(*d)) : json(nullptr); }

json CountsJson(const FindingCounts& c) {
  return {{"total", c.total}, {"open", c.open}, {"overdue", c.overdue}, {"signed_off", c.signed_off}};
}

json InspectionJson(const Inspection& i) {
  return {{"id", i.id},           {"name", i.name},     {"kind", i.kind},
          {"held_on", FormatIsoDate(i.held_on)},        {"source", i.source},
          {"note", i.note},       {"created_at", i.created_at}, {"findings", CountsJson(i.counts)}};
}

json FindingJson(const Finding& f) {
  return {{"id", f.id},
          {"case_id", f.case_id},
          {"inspection_id", f.inspection_id},
          {"inspection_name", f.inspection_name},
          {"seq_no", f.seq_no},
          {"township_code", OptText(f.township_code)},
          {"township_name", OptText(f.township_name)},
          {"site_id", OptInt(f.site_id)},
          {"site_name", OptText(f.site_name)},
          {"responsible_unit", f.responsible_unit},
          {"description", f.description},
          {"measures", f.measures},
          {"progress", f.progress},
          {"deadline", DateOrNull(f.deadline)},
          {"rectified_on", DateOrNull(f.rectified_on)},
          {"state", f.state},
          {"state_zh", FindingStateZh(f.state)},
          {"state_en", FindingStateEn(f.state)},
          {"due_on", DateOrNull(f.due_on)},
          {"overdue", f.overdue},
          {"near", f.near},
          {"escalation_level", f.escalation_level},
          {"signed_off_on", DateOrNull(f.signed_off_on)},
          {"version", f.version},
          {"case_version", f.case_version},
          {"created_at", f.created_at},
          {"updated_at", f.updated_at}};
}

// ---- inspections ------------------------------------------------------------------------------

RouteResult ListInspections(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  Svc s(*ctx.services.db);
  ANJU_TRY(list, s.svc.ListInspections(ctx.actor));
  json items = json::array();
  for (const auto& i : list) items.push_back(InspectionJson(i));
  json kinds = json::array();
  for (const auto& k : InspectionKinds()) kinds.push_back({{"code", k.code}, {"zh", k.zh}, {"en", k.en}});
  json j = PageJson(std::move(items), "");
  j["kinds"] = std::move(kinds);
  return Reply::Json(j);
}

RouteResult CreateInspection(RequestContext& ctx) {
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  auto name = r.String("name");
  auto kind = r.String("kind");
  auto held_on = r.DateField("held_on");
  auto source = r.String("source");
  auto note = r.String("note");
  r.Require("name", name);
  r.Require("kind", kind);
  r.Require("held_on", held_on);
  NewInspection in{.name = name.value.value_or(""), .kind = kind.value.value_or(""), .source = source.value.value_or(""),
                   .note = note.value.value_or(""), .held_on = held_on.value};
  Svc s(*ctx.services.db);
  ANJU_TRY(i, WriteWithAllFaults(*ctx.services.db, r, [&] { return s.svc.CreateInspection(ctx.actor, in); }));
  return Created(InspectionJson(i), fmt::format("/api/v1/inspections/{}", i.id), 1);
}

RouteResult GetInspection(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  Svc s(*ctx.services.db);
  ANJU_TRY(d, s.svc.GetInspection(ctx.actor, id));
  json j = InspectionJson(d.inspection);
  json fs = json::array();
  for (const auto& f : d.findings) fs.push_back(FindingJson(f));
  j["items"] = std::move(fs);
  return Reply::Json(j);
}

// The finding's fields as far as they parse; faults stay in `r` (WriteWithAllFaults reports them).
FindingInput ReadFindingInput(BodyReader& r) {
  auto seq = r.Int("seq_no");
  auto township = r.String("township_code");
  auto site = r.Int("site_id");
  auto unit = r.String("responsible_unit");
  auto desc = r.String("description");
  auto measures = r.String("measures");
  auto deadline = r.DateField("deadline");
  r.Require("responsible_unit", unit);
  r.Require("description", desc);
  return FindingInput{.seq_no = seq.value.value_or(0),
                      .township_code = township.value.value_or(""),
                      .site_id = site.value,
                      .responsible_unit = unit.value.value_or(""),
                      .description = desc.value.value_or(""),
                      .measures = measures.value.value_or(""),
                      .deadline = deadline.value};
}

RouteResult AddFinding(RequestContext& ctx) {
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  FindingInput in = ReadFindingInput(r);
  Svc s(*ctx.services.db);
  ANJU_TRY(f, WriteWithAllFaults(*ctx.services.db, r, [&] { return s.svc.AddFinding(ctx.actor, id, in); }));
  return Created(FindingJson(f), fmt::format("/api/v1/findings/{}", f.id), f.version);
}

// POST /api/v1/inspections/{id}/findings/import: the body is the spreadsheet, X-File-Name its
// (URL-encoded) name. Always all or nothing; ?dry_run=true checks without storing.
RouteResult ImportFindings(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"dry_run", "sheet"}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(dry, ctx.QueryBool("dry_run"));
  if (ctx.req.body.empty())
    return std::unexpected(HttpError(InvalidArgument("the request body is empty: send the spreadsheet's bytes as the body",
                                                     "body", "", "请求内容为空：请上传问题清单表格")
                                         .error()));
  auto& db = *ctx.services.db;
  Svc s(db);
  // The inspection must exist (and the import is the county's, as AddFinding).
  ANJU_TRY(insp, s.svc.GetInspection(ctx.actor, id));
  (void)insp;
  storage::SqliteRectificationRepository repo(db);
  ANJU_TRY(towns, repo.Townships());
  importer::TableSpec spec = FindingListSpec(towns);
  importer::TableImportOptions opt;
  opt.dry_run = dry.value_or(false);
  opt.all_or_nothing = true;
  if (auto sh = ctx.Query("sheet")) opt.sheet = *sh;
  std::string name = httplib::detail::decode_url(ctx.req.get_header_value("X-File-Name"), false);
  if (name.empty()) name = "upload.xlsx";
  auto file = importer::InputFile::FromBytes(ctx.req.body, name);
  storage::FindingListTable table(db, s.svc, id, ctx.actor);
  ANJU_TRY(res, importer::ImportTable(spec, file, table, ctx.actor, opt));
  json j = importer::ImportJson(res.report, "");
  // The counts that matter for findings (the roster's household/person counts mean nothing here).
  json& counts = j["counts"];
  for (const char* roster_only : {"persons_created", "persons_updated", "persons_unchanged", "households_created",
                                  "households_updated", "households_unchanged", "events_recorded"})
    counts.erase(roster_only);
  counts["findings_created"] = res.created;
  counts["findings_updated"] = res.updated;
  counts["findings_unchanged"] = res.unchanged;
  j["created"] = res.created;
  j["updated"] = res.updated;
  j["unchanged"] = res.unchanged;
  j["dry_run"] = opt.dry_run;
  return Reply::Json(j, res.report.committed ? 201 : 200);
}

// The ledger (整改台账) of one inspection as xlsx, the findings the reader's scope covers.
RouteResult LedgerXlsx(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  Svc s(*ctx.services.db);
  ANJU_TRY(d, s.svc.GetInspection(ctx.actor, id));
  char tmpl[] = "/tmp/anju-ledger-XXXXXX";
  int fd = ::mkstemp(tmpl);
  if (fd < 0) return std::unexpected(HttpError(Internal("cannot create a temporary file for the ledger").error()));
  ::close(fd);
  std::string path = std::string(tmpl) + ".xlsx";
  ::unlink(tmpl);
  std::vector<importer::ColumnKind> kinds = {importer::ColumnKind::kInt,  importer::ColumnKind::kText,
                                             importer::ColumnKind::kText, importer::ColumnKind::kText,
                                             importer::ColumnKind::kDate, importer::ColumnKind::kText,
                                             importer::ColumnKind::kDate};
  auto st = importer::WriteSheet(path, importer::SheetFormat::kXlsx, "整改台账", LedgerHeaders(), kinds,
                                 [&](const auto& emit) -> Status {
                                   for (const auto& f : d.findings) ANJU_CHECK(emit(LedgerRow(f)));
                                   return {};
                                 });
  if (!st) {
    ::unlink(path.c_str());
    return std::unexpected(HttpError(st.error()));
  }
  std::ifstream in(path, std::ios::binary);  // file-open: our own temporary ledger workbook
  std::stringstream ss;
  ss << in.rdbuf();
  ::unlink(path.c_str());
  return Xlsx(ss.str(), fmt::format("ledger-{}.xlsx", id));
}

// ---- findings ---------------------------------------------------------------------------------

RouteResult ListFindings(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"township", "state", "overdue", "inspection_id", "limit", "after_id"}));
  FindingFilter f;
  if (auto t = ctx.Query("township")) f.township = *t;
  if (auto st = ctx.Query("state")) f.state = *st;
  ANJU_TRY(overdue, ctx.QueryBool("overdue"));
  ANJU_TRY(insp, ctx.QueryInt("inspection_id", 1, INT64_MAX));
  ANJU_TRY(limit, ctx.QueryInt("limit", 1, 1000));
  ANJU_TRY(after, ctx.QueryInt("after_id", 0, INT64_MAX));
  f.overdue = overdue;
  f.inspection_id = insp;
  f.limit = static_cast<int>(limit.value_or(200));
  f.after_id = after.value_or(0);
  Svc s(*ctx.services.db);
  ANJU_TRY(list, s.svc.ListFindings(ctx.actor, f));
  json items = json::array();
  for (const auto& x : list) items.push_back(FindingJson(x));
  json j = PageJson(std::move(items), "");
  j["next_after_id"] = static_cast<int>(list.size()) == f.limit && !list.empty() ? json(list.back().id) : json(nullptr);
  return Reply::Json(j);
}

RouteResult Summary(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"inspection_id"}));
  ANJU_TRY(insp, ctx.QueryInt("inspection_id", 1, INT64_MAX));
  Svc s(*ctx.services.db);
  ANJU_TRY(list, s.svc.Summary(ctx.actor, insp));
  json items = json::array();
  FindingCounts total;
  for (const auto& t : list) {
    json row = CountsJson(t.counts);
    row["township_code"] = t.township_code;
    row["township_name"] = t.township_name;
    items.push_back(std::move(row));
    total.total += t.counts.total;
    total.open += t.counts.open;
    total.overdue += t.counts.overdue;
    total.signed_off += t.counts.signed_off;
  }
  return Reply::Json({{"items", std::move(items)}, {"total", CountsJson(total)}});
}

RouteResult GetFinding(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  Svc s(*ctx.services.db);
  ANJU_TRY(d, s.svc.GetFinding(ctx.actor, id));
  json j = FindingJson(d.finding);
  json tr = json::array();
  for (const auto& t : d.transitions)
    tr.push_back({{"transition", t.transition}, {"from_state", t.from_state}, {"to_state", t.to_state},
                  {"on_date", FormatIsoDate(t.on_date)}, {"at", t.at}, {"username", t.username}, {"note", t.note},
                  {"due_on", DateOrNull(t.due_on)}});
  json acts = json::array();
  for (const auto* a : d.actions)
    acts.push_back({{"name", a->name}, {"label_zh", a->label_zh}, {"label_en", a->label_en},
                    {"note_required", a->note_required}, {"evidence_required", a->evidence_required}});
  j["transitions"] = std::move(tr);
  j["actions"] = std::move(acts);
  j["has_evidence"] = d.has_evidence;
  return WithEtag(Reply::Json(j), d.finding.version);
}

RouteResult PatchFinding(RequestContext& ctx) {
  ANJU_TRY(id, ctx.PathId());
  auto version = ctx.IfMatchVersion();
  if (!version) return std::unexpected(version.error());
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  auto measures = r.String("measures");
  auto progress = r.String("progress");
  auto unit = r.String("responsible_unit");
  auto desc = r.String("description");
  auto deadline = r.DateField("deadline");
  auto rectified = r.DateField("rectified_on");
  FindingPatch p;
  p.measures = measures.value;
  p.progress = progress.value;
  p.responsible_unit = unit.value;
  p.description = desc.value;
  p.deadline = deadline.value;
  p.clear_deadline = deadline.IsNull();
  p.rectified_on = rectified.value;
  p.clear_rectified_on = rectified.IsNull();
  Svc s(*ctx.services.db);
  ANJU_TRY(f, WriteWithAllFaults(*ctx.services.db, r, [&] { return s.svc.UpdateFinding(ctx.actor, id, *version, p); }));
  return WithEtag(Reply::Json(FindingJson(f)), f.version);
}

// POST /api/v1/findings/{id}/transitions {transition, note}; If-Match: the case's version
// (case_version), optional.
RouteResult TransitionFinding(RequestContext& ctx) {
  ANJU_TRY(id, ctx.PathId());
  std::optional<int64_t> version;
  if (!ctx.req.get_header_value("If-Match").empty()) {
    auto v = ctx.IfMatchVersion();
    if (!v) return std::unexpected(v.error());
    version = *v;
  }
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  auto transition = r.String("transition");
  auto note = r.String("note");
  r.Require("transition", transition);
  Svc s(*ctx.services.db);
  ANJU_TRY(f, WriteWithAllFaults(*ctx.services.db, r, [&] {
    return s.svc.Transition(ctx.actor, id, transition.value.value_or(""), note.value.value_or(""), version);
  }));
  return WithEtag(Reply::Json(FindingJson(f)), f.version);
}

}  // namespace

void AddRoutes(http::Router& r) {
  const Access ses = Access::kSession;
  r.Add("GET", "/api/v1/inspections", ses, ListInspections);
  r.Add("POST", "/api/v1/inspections", ses, CreateInspection);
  r.Add("GET", "/api/v1/inspections/{id}", ses, GetInspection);
  r.Add("POST", "/api/v1/inspections/{id}/findings", ses, AddFinding);
  r.Add("POST", "/api/v1/inspections/{id}/findings/import", ses, ImportFindings);
  r.Add("GET", "/api/v1/inspections/{id}/ledger.xlsx", ses, LedgerXlsx);
  r.Add("GET", "/api/v1/findings", ses, ListFindings);
  r.Add("GET", "/api/v1/findings/summary", ses, Summary);
  r.Add("GET", "/api/v1/findings/{id}", ses, GetFinding);
  r.Add("PATCH", "/api/v1/findings/{id}", ses, PatchFinding);
  r.Add("POST", "/api/v1/findings/{id}/transitions", ses, TransitionFinding);
}

}  // namespace anju::rectification
