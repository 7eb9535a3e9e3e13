// The industry module's places routes (docs/industry.md "Places", docs/api.md "Parks and
// workshops"): parks with the sites they serve and the jobs they give, workshops with their
// workers and recognition as of a day. Reads: every role, places in its scope (others 404).
// Writes: Actor::CanManageIndustry; parks by county roles and township staff only (a park serves
// several sites: the site manager manages workshops), every site the write names (and, for a
// change, the park's sites before) in the writer's scope; audited in the same transaction.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "casework/storage/sqlite_casework.h"
#include "core/try.h"
#include "industry/http/field_names.h"
#include "industry/http/list_page.h"
#include "industry/http/routes.h"
#include "industry/places.h"
#include "industry/storage/sqlite_places.h"
#include "http/json_body.h"
#include "http/paging.h"
#include "http/reply.h"
#include "http/route_context.h"
#include "http/router.h"
#include "storage/sqlite.h"

namespace anju::industry {

using namespace anju::http;  // RequestContext, RouteResult, Reply, BodyReader …
using nlohmann::json;

namespace {

json OptDate(const std::optional<Date>& d) { return d ? json(FormatIsoDate(*d)) : json(nullptr); }

json ParkJson(const Park& p) {
  return json{{"id", p.id},
              {"name", p.name},
              {"site_id", p.site_id},
              {"site_name", p.site_name},
              {"kind", p.kind},
              {"area_centimu", OptInt(p.area_centimu)},
              {"area_mu", p.area_centimu ? Hundredths(*p.area_centimu) : json(nullptr)},
              {"head_count", OptInt(p.head_count)},
              {"operator", p.operator_name},
              {"operator_kind", OptText(p.operator_kind)},
              {"status", p.status},
              {"built_on", OptDate(p.built_on)},
              {"planned_on", OptDate(p.planned_on)},
              {"note", p.note},
              {"served_site_ids", p.served_site_ids},
              {"version", p.version}};
}

json WorkshopJson(const Workshop& w) {
  return json{{"id", w.id},
              {"site_id", w.site_id},
              {"site_name", w.site_name},
              {"name", w.name},
              {"kind", OptText(w.kind)},
              {"enterprise", w.enterprise},
              {"products", w.products},
              {"type", OptText(w.type)},
              {"opened_on", OptDate(w.opened_on)},
              {"closed_on", OptDate(w.closed_on)},
              {"close_reason", w.close_reason},
              {"rent_free_years", OptInt(w.rent_free_years)},
              {"subsidy_fen", OptInt(w.subsidy_fen)},
              {"incentive_note", w.incentive_note},
              {"recognised_on", OptDate(w.recognised_on)},
              {"level", OptText(w.level)},
              {"version", w.version}};
}

json RecognitionJson(const Recognition& r) {
  return json{{"recognised", r.recognised},
              {"workers", r.workers},
              {"min_workers", r.min_workers},
              {"below_minimum", r.below_minimum},
              {"meets_minimum", r.meets_minimum}};
}

json JobsJson(const std::vector<storage::PlaceJob>& v) {
  json out = json::array();
  for (const auto& j : v)
    out.push_back(json{{"job_id", j.job_id},
                       {"person_id", j.person_id},
                       {"person_name", j.person_name},
                       {"household_id", j.household_id},
                       {"household_no", j.household_no},
                       {"category", j.category},
                       {"channel", j.channel},
                       {"started_on", j.started_on},
                       {"site_name", j.site_name}});
  return out;
}

// {"field": [before, after], …} of the fields that differ.
std::string Changes(const json& before, const json& after) {
  json c = json::object();
  for (auto it = after.begin(); it != after.end(); ++it) {
    if (it.key() == "version" || it.key() == "site_name") continue;
    const json b = before.is_object() && before.contains(it.key()) ? before[it.key()] : json(nullptr);
    if (b != it.value()) c[it.key()] = json::array({b, it.value()});
  }
  return c.dump();
}

Date Today() { return TodayInChina(); }

Result<Date> AsOf(const RequestContext& ctx) {
  ANJU_TRY(d, ctx.QueryAsOf());
  return d.value_or(Today());
}

Result<int64_t> MinWorkers(storage::Connection& db) {
  ANJU_TRY(settings, casework::LoadSettings(db));
  return settings.Integer("workshop.recognition_min_workers");
}

Status CheckParkWriter(const Actor& a) {
  if (a.CanManageIndustry() && a.role != Role::kSiteManager) return {};
  return PermissionDenied("managing parks is for the county roles and township staff (industry.manage)",
                          "园区台账由县级用户和乡镇工作人员维护");
}
Status CheckWorkshopWriter(const Actor& a) {
  if (a.CanManageIndustry()) return {};
  return PermissionDenied("managing workshops needs industry.manage (county roles, township staff, site manager)",
                          "维护车间台账需要产业管理权限（县级用户、乡镇工作人员、安置点管理员）");
}

// Site `id` exists (else a fault naming `field`) and lies in the writer's scope (else 403).
Status CheckSite(storage::SqlitePlaces& st, const Actor& a, int64_t id, const char* field) {
  ANJU_TRY(site, st.Site(id));
  if (!site)
    return InvalidArgument(fmt::format("{} {} names no site; choose a site from the list", field, id), field,
                           std::to_string(id), fmt::format("安置点 {} 不存在，请从列表中选择", id));
  if (!ScopeCovers(a.scope, Place{"", site->id, site->township_code, 0, 0}))
    return TargetOutsideScope(a.scope, field, std::to_string(id));
  return {};
}

Status CheckParkSites(storage::SqlitePlaces& st, const Actor& a, const Park& p) {
  ANJU_CHECK(CheckSite(st, a, p.site_id, "site_id"));
  for (int64_t sid : p.served_site_ids) ANJU_CHECK(CheckSite(st, a, sid, "served_site_ids"));
  return {};
}

// The park's fields of `body` as far as they parse; faults stay in `r` (the route's WriteNamed
// lists them with the rules'). Refuses only a patch that changes nothing.
Result<ParkInput> ParseParkInput(BodyReader& r, const json& body, bool creating) {
  ParkInput in;
  auto name = Text(r, "name");
  auto site = r.Int("site_id");
  auto kind = r.String("kind");
  auto op = Text(r, "operator");
  auto opk = r.String("operator_kind");
  auto status = r.String("status");
  auto note = Text(r, "note");
  auto head = r.Int("head_count");
  auto built = r.DateField("built_on");
  auto planned = r.DateField("planned_on");
  if (r.Known("area_mu")) {
    const json& v = body["area_mu"];
    if (v.is_null()) in.area_mu = "";
    else if (v.is_string()) in.area_mu = v.get<std::string>();
    else if (v.is_number()) in.area_mu = v.dump();
    else
      r.Fault(Error{ErrorCode::kInvalidArgument, "area_mu must be a number of mu (e.g. 50 or 12.25)",
                    "面积须为亩数（如 50 或 12.25）", "area_mu", v.dump(), {}});
  }
  if (r.Known("served_site_ids")) {
    const json& v = body["served_site_ids"];
    std::vector<int64_t> ids;
    bool ok = v.is_array() || v.is_null();
    if (v.is_array())
      for (const json& e : v) {
        if (e.is_number_integer()) ids.push_back(e.get<int64_t>());
        else ok = false;
      }
    if (!ok)
      r.Fault(Error{ErrorCode::kInvalidArgument, "served_site_ids must be a list of site ids, e.g. [3, 7]",
                    "服务的其他安置点须为安置点编号列表，如 [3, 7]", "served_site_ids", v.dump(), {}});
    in.served_site_ids = ids;
  }
  if (creating) {
    r.Require("name", name);
    r.Require("site_id", site);
    r.Require("kind", kind);
    r.Require("status", status);
  }
  in.name = name.value;
  in.site_id = site.value;
  in.kind = kind.value;
  in.operator_name = op.IsNull() ? std::optional<std::string>("") : op.value;
  in.operator_kind = opk.IsNull() ? std::optional<std::string>("") : opk.value;
  in.status = status.value;
  in.note = note.IsNull() ? std::optional<std::string>("") : note.value;
  in.head_count = head.value;
  in.clear_head_count = head.IsNull();
  in.built_on = built.value;
  in.clear_built_on = built.IsNull();
  in.planned_on = planned.value;
  in.clear_planned_on = planned.IsNull();
  if (!creating && !name.present && !site.present && !kind.present && !op.present && !opk.present &&
      !status.present && !note.present && !head.present && !built.present && !planned.present && !in.area_mu &&
      !in.served_site_ids && r.Ok())
    return std::unexpected(ValidationFailed({NothingToChange()}));
  return in;
}

// The workshop's fields as far as they parse; faults stay in `r` (as ParseParkInput).
Result<WorkshopInput> ParseWorkshopInput(BodyReader& r, bool creating) {
  WorkshopInput in;
  auto site = r.Int("site_id");
  auto name = Text(r, "name");
  auto kind = r.String("kind");
  auto ent = Text(r, "enterprise");
  auto products = Text(r, "products");
  auto type = r.String("type");
  auto inc = Text(r, "incentive_note");
  auto level = r.String("level");
  auto opened = r.DateField("opened_on");
  auto recog = r.DateField("recognised_on");
  auto rent = r.Int("rent_free_years");
  auto subsidy = r.Int("subsidy_fen");
  if (creating) {
    r.Require("site_id", site);
    r.Require("name", name);
  }
  auto text = [](const Field<std::string>& f) { return f.IsNull() ? std::optional<std::string>("") : f.value; };
  in.site_id = site.value;
  in.name = name.value;
  in.kind = text(kind);
  in.enterprise = text(ent);
  in.products = text(products);
  in.type = text(type);
  in.incentive_note = text(inc);
  in.level = text(level);
  in.opened_on = opened.value;
  in.clear_opened_on = opened.IsNull();
  in.recognised_on = recog.value;
  in.clear_recognised_on = recog.IsNull();
  in.rent_free_years = rent.value;
  in.clear_rent_free_years = rent.IsNull();
  in.subsidy_fen = subsidy.value;
  in.clear_subsidy_fen = subsidy.IsNull();
  if (!creating && !site.present && !name.present && !kind.present && !ent.present && !products.present &&
      !type.present && !inc.present && !level.present && !opened.present && !recog.present && !rent.present &&
      !subsidy.present && r.Ok())
    return std::unexpected(ValidationFailed({NothingToChange()}));
  return in;
}

std::unexpected<Error> ParkNotFound(int64_t id) {
  return NotFound(fmt::format("park {} not found (or outside your scope)", id), "id", std::to_string(id),
                  fmt::format("园区 {} 不存在或不在您的管辖范围内", id));
}
std::unexpected<Error> WorkshopNotFound(int64_t id) {
  return NotFound(fmt::format("workshop {} not found (or outside your scope)", id), "id", std::to_string(id),
                  fmt::format("车间 {} 不存在或不在您的管辖范围内", id));
}

// ---- parks ----

RouteResult ListParks(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"as_of", "limit", "cursor"}));
  ANJU_CHECK(OnePage(ctx, "parks"));
  ANJU_TRY(d, AsOf(ctx));
  storage::SqlitePlaces st(*ctx.services.db);
  ANJU_TRY(parks, st.ListParks(ctx.actor.scope));
  json items = json::array();
  for (const Park& p : parks) {
    json j = ParkJson(p);
    ANJU_TRY(n, st.CountParkJobs(p.id, d));
    j["jobs"] = n;
    items.push_back(std::move(j));
  }
  json page = PageJson(std::move(items), "");
  page["as_of"] = FormatIsoDate(d);
  return Reply::Json(page);
}

Result<Park> VisiblePark(RequestContext& ctx, storage::SqlitePlaces& st, int64_t id) {
  ANJU_TRY(seen, st.ParkVisible(ctx.actor.scope, id));
  ANJU_TRY(p, st.FindPark(id));
  if (!seen || !p) return ParkNotFound(id);
  return *p;
}

RouteResult GetPark(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"as_of"}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(d, AsOf(ctx));
  storage::SqlitePlaces st(*ctx.services.db);
  ANJU_TRY(p, VisiblePark(ctx, st, id));
  json j = ParkJson(p);
  json served = json::array();
  for (int64_t sid : p.served_site_ids) {
    ANJU_TRY(s, st.Site(sid));
    if (s) served.push_back(json{{"id", s->id}, {"name", s->name}});
  }
  j["served_sites"] = served;
  ANJU_TRY(n, st.CountParkJobs(id, d));
  j["as_of"] = FormatIsoDate(d);
  j["jobs"] = n;
  return WithEtag(Reply::Json(j), p.version);
}

// The park's jobs current on D, persons in the reader's scope, one page (limit/cursor, list_page.h):
// a park of the demo gives 528 jobs, too many for one table.
RouteResult ListParkJobs(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"as_of", "limit", "cursor"}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(d, AsOf(ctx));
  storage::SqlitePlaces st(*ctx.services.db);
  ANJU_TRY(p, VisiblePark(ctx, st, id));
  ANJU_TRY(jobs, st.ParkJobs(ctx.actor.scope, p.id, d));
  ANJU_TRY(page, PageOf(ctx, fmt::format("park-jobs|{}|{}", id, FormatIsoDate(d)), std::move(jobs)));
  json out = PageJson(JobsJson(page.items), page.next_cursor, page.total);
  out["park_id"] = id;
  out["as_of"] = FormatIsoDate(d);
  return Reply::Json(out);
}

RouteResult CreatePark(RequestContext& ctx) {
  ANJU_CHECK(CheckParkWriter(ctx.actor));
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  ANJU_TRY(in, ParseParkInput(r, body, true));
  storage::SqlitePlaces st(*ctx.services.db);
  Park p;
  ANJU_TRY(id, WriteNamed(*ctx.services.db, r, [&]() -> Result<int64_t> {
    ANJU_CHECK(ApplyParkInput(p, in));
    ANJU_CHECK(CheckPark(p, Today()));
    ANJU_CHECK(CheckParkSites(st, ctx.actor, p));
    AuditEntry audit{"create", "park", "", Changes(json::object(), ParkJson(p)), "api"};
    return st.InsertPark(p, ctx.actor, audit);
  }));
  ANJU_TRY(saved, st.FindPark(id));
  return Created(ParkJson(*saved), fmt::format("/api/v1/parks/{}", id), saved->version);
}

RouteResult PatchPark(RequestContext& ctx) {
  ANJU_TRY(id, ctx.PathId());
  auto version = ctx.IfMatchVersion();
  if (!version) return std::unexpected(version.error());
  ANJU_TRY(body, Body(ctx));
  storage::SqlitePlaces st(*ctx.services.db);
  ANJU_TRY(before, VisiblePark(ctx, st, id));
  ANJU_CHECK(CheckParkWriter(ctx.actor));
  BodyReader r(body);
  ANJU_TRY(in, ParseParkInput(r, body, false));
  // The park as it is must be the writer's to change: its sites before the change.
  ANJU_CHECK(CheckParkSites(st, ctx.actor, before));
  Status written = WriteNamed(*ctx.services.db, r, [&]() -> Status {
    Park p = before;
    ANJU_CHECK(ApplyParkInput(p, in));
    ANJU_CHECK(CheckPark(p, Today()));
    ANJU_CHECK(CheckParkSites(st, ctx.actor, p));
    p.version = *version;
    AuditEntry audit{"update", "park", std::to_string(id), Changes(ParkJson(before), ParkJson(p)), "api"};
    return st.UpdatePark(p, ctx.actor, audit);
  });
  if (!written) return std::unexpected(written.error());
  ANJU_TRY(saved, st.FindPark(id));
  return WithEtag(Reply::Json(ParkJson(*saved)), saved->version);
}

// ---- workshops ----

RouteResult ListWorkshops(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"as_of", "site_id", "include_closed", "limit", "cursor"}));
  ANJU_CHECK(OnePage(ctx, "workshops"));
  ANJU_TRY(d, AsOf(ctx));
  ANJU_TRY(site, ctx.QueryInt("site_id", 1, INT64_MAX));
  ANJU_TRY(closed, ctx.QueryBool("include_closed"));
  storage::SqlitePlaces st(*ctx.services.db);
  ANJU_TRY(min, MinWorkers(*ctx.services.db));
  ANJU_TRY(rows, st.ListWorkshops(ctx.actor.scope, site.value_or(0), closed.value_or(false), d));
  json items = json::array();
  for (const auto& r : rows) {
    json j = WorkshopJson(r.workshop);
    j["recognition"] = RecognitionJson(EvaluateRecognition(r.workshop, d, r.workers, min));
    items.push_back(std::move(j));
  }
  json page = PageJson(std::move(items), "");
  page["as_of"] = FormatIsoDate(d);
  page["min_workers"] = min;
  return Reply::Json(page);
}

Result<Workshop> VisibleWorkshop(RequestContext& ctx, storage::SqlitePlaces& st, int64_t id) {
  ANJU_TRY(seen, st.WorkshopVisible(ctx.actor.scope, id));
  ANJU_TRY(w, st.FindWorkshop(id));
  if (!seen || !w) return WorkshopNotFound(id);
  return *w;
}

Result<json> WorkshopDetail(RequestContext& ctx, storage::SqlitePlaces& st, const Workshop& w, Date d) {
  ANJU_TRY(min, MinWorkers(*ctx.services.db));
  ANJU_TRY(n, st.CountWorkers(w.id, d));
  json j = WorkshopJson(w);
  j["as_of"] = FormatIsoDate(d);
  j["recognition"] = RecognitionJson(EvaluateRecognition(w, d, n, min));
  return j;
}

RouteResult GetWorkshop(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"as_of"}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(d, AsOf(ctx));
  storage::SqlitePlaces st(*ctx.services.db);
  ANJU_TRY(w, VisibleWorkshop(ctx, st, id));
  ANJU_TRY(j, WorkshopDetail(ctx, st, w, d));
  return WithEtag(Reply::Json(j), w.version);
}

// Workers on D, and the count on the first day of each of the 12 months up to D (over time).
RouteResult GetWorkers(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"as_of"}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(d, AsOf(ctx));
  storage::SqlitePlaces st(*ctx.services.db);
  ANJU_TRY(w, VisibleWorkshop(ctx, st, id));
  ANJU_TRY(min, MinWorkers(*ctx.services.db));
  ANJU_TRY(n, st.CountWorkers(id, d));
  ANJU_TRY(rows, st.Workers(ctx.actor.scope, id, d));
  json months = json::array();
  const std::chrono::year_month ym{d.year(), d.month()};
  for (int k = 11; k >= 0; --k) {
    const std::chrono::year_month m = ym - std::chrono::months{k};
    const Date first{m.year(), m.month(), std::chrono::day{1}};
    ANJU_TRY(c, st.CountWorkers(id, first));
    months.push_back(json{{"on", FormatIsoDate(first)}, {"workers", c}});
  }
  return Reply::Json(json{{"workshop_id", id},
                          {"as_of", FormatIsoDate(d)},
                          {"workers", n},
                          {"recognition", RecognitionJson(EvaluateRecognition(w, d, n, min))},
                          {"items", JobsJson(rows)},
                          {"months", months}});
}

RouteResult CreateWorkshop(RequestContext& ctx) {
  ANJU_CHECK(CheckWorkshopWriter(ctx.actor));
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  ANJU_TRY(in, ParseWorkshopInput(r, true));
  storage::SqlitePlaces st(*ctx.services.db);
  ANJU_TRY(id, WriteNamed(*ctx.services.db, r, [&]() -> Result<int64_t> {
    Workshop w;
    ApplyWorkshopInput(w, in);
    ANJU_CHECK(CheckWorkshop(w, Today()));
    ANJU_CHECK(CheckSite(st, ctx.actor, w.site_id, "site_id"));
    ANJU_TRY(taken, st.WorkshopNameTaken(w.site_id, w.name, 0));
    if (taken)
      return Conflict(fmt::format("the site has a workshop named '{}' already; give another name", w.name), "name",
                      w.name, fmt::format("该安置点已有名为“{}”的车间，请换一个名称", w.name));
    AuditEntry audit{"create", "workshop", "", Changes(json::object(), WorkshopJson(w)), "api"};
    return st.InsertWorkshop(w, ctx.actor, audit);
  }));
  ANJU_TRY(saved, st.FindWorkshop(id));
  ANJU_TRY(j, WorkshopDetail(ctx, st, *saved, Today()));
  return Created(j, fmt::format("/api/v1/workshops/{}", id), saved->version);
}

RouteResult PatchWorkshop(RequestContext& ctx) {
  ANJU_TRY(id, ctx.PathId());
  auto version = ctx.IfMatchVersion();
  if (!version) return std::unexpected(version.error());
  ANJU_TRY(body, Body(ctx));
  storage::SqlitePlaces st(*ctx.services.db);
  ANJU_TRY(before, VisibleWorkshop(ctx, st, id));
  ANJU_CHECK(CheckWorkshopWriter(ctx.actor));
  BodyReader r(body);
  ANJU_TRY(in, ParseWorkshopInput(r, false));
  ANJU_CHECK(CheckSite(st, ctx.actor, before.site_id, "site_id"));
  Status written = WriteNamed(*ctx.services.db, r, [&]() -> Status {
    Workshop w = before;
    ApplyWorkshopInput(w, in);
    ANJU_CHECK(CheckWorkshop(w, Today()));
    if (w.site_id != before.site_id) ANJU_CHECK(CheckSite(st, ctx.actor, w.site_id, "site_id"));
    ANJU_TRY(taken, st.WorkshopNameTaken(w.site_id, w.name, id));
    if (taken)
      return Conflict(fmt::format("the site has a workshop named '{}' already; give another name", w.name), "name",
                      w.name, fmt::format("该安置点已有名为“{}”的车间，请换一个名称", w.name));
    w.version = *version;
    AuditEntry audit{"update", "workshop", std::to_string(id), Changes(WorkshopJson(before), WorkshopJson(w)), "api"};
    return st.UpdateWorkshop(w, ctx.actor, audit);
  });
  if (!written) return std::unexpected(written.error());
  ANJU_TRY(saved, st.FindWorkshop(id));
  ANJU_TRY(j, WorkshopDetail(ctx, st, *saved, Today()));
  return WithEtag(Reply::Json(j), saved->version);
}

RouteResult CloseWorkshop(RequestContext& ctx) {
  ANJU_TRY(id, ctx.PathId());
  auto version = ctx.IfMatchVersion();
  if (!version) return std::unexpected(version.error());
  ANJU_TRY(body, Body(ctx));
  storage::SqlitePlaces st(*ctx.services.db);
  ANJU_TRY(before, VisibleWorkshop(ctx, st, id));
  ANJU_CHECK(CheckWorkshopWriter(ctx.actor));
  BodyReader r(body);
  auto on = r.DateField("closed_on");
  auto reason = Text(r, "reason");
  r.Require("closed_on", on);
  r.Require("reason", reason);
  ANJU_CHECK(CheckSite(st, ctx.actor, before.site_id, "site_id"));
  Status written = WriteNamed(*ctx.services.db, r, [&]() -> Status {
    const Date closed = on.value.value_or(kMissingDate);
    ANJU_CHECK(CheckClose(before, closed, reason.value.value_or(""), Today()));
    Workshop w = before;
    w.closed_on = closed;
    w.close_reason = reason.value.value_or("");
    w.version = *version;
    AuditEntry audit{"update", "workshop", std::to_string(id), Changes(WorkshopJson(before), WorkshopJson(w)),
                     "api close"};
    return st.UpdateWorkshop(w, ctx.actor, audit);
  });
  if (!written) return std::unexpected(written.error());
  ANJU_TRY(saved, st.FindWorkshop(id));
  ANJU_TRY(j, WorkshopDetail(ctx, st, *saved, Today()));
  return WithEtag(Reply::Json(j), saved->version);
}

}  // namespace

void AddPlaceRoutes(http::Router& r) {
  const Access ses = Access::kSession;
  r.Add("GET", "/api/v1/parks", ses, ListParks);
  r.Add("POST", "/api/v1/parks", ses, CreatePark);
  r.Add("GET", "/api/v1/parks/{id}", ses, GetPark);
  r.Add("PATCH", "/api/v1/parks/{id}", ses, PatchPark);
  r.Add("GET", "/api/v1/parks/{id}/jobs", ses, ListParkJobs);
  r.Add("GET", "/api/v1/workshops", ses, ListWorkshops);
  r.Add("POST", "/api/v1/workshops", ses, CreateWorkshop);
  r.Add("GET", "/api/v1/workshops/{id}", ses, GetWorkshop);
  r.Add("PATCH", "/api/v1/workshops/{id}", ses, PatchWorkshop);
  r.Add("GET", "/api/v1/workshops/{id}/workers", ses, GetWorkers);
  r.Add("POST", "/api/v1/workshops/{id}/close", ses, CloseWorkshop);
}

}  // namespace anju::industry
