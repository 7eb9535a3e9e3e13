// Route handlers of the cadres module: parse -> one service call -> map. See routes.h.
#include "cadres/http/routes.h"

#include <fmt/format.h>

#include "cadres/cadre_service.h"
#include "cadres/storage/sqlite_cadre_repository.h"
#include "core/resident_id.h"
#include "core/try.h"
#include "http/all_faults.h"
#include "http/json_body.h"
#include "http/paging.h"
#include "http/reply.h"
#include "http/route_context.h"
#include "storage/sqlite.h"

namespace anju::cadres {

using namespace anju::http;  // RequestContext, RouteResult, Reply, BodyReader …
using nlohmann::json;

namespace {

// The service over the worker's connection (docs/modules.md "Services for a module's routes").
struct Svc {
  storage::SqliteCadreRepository repo;
  CadreService service;
  explicit Svc(RequestContext& ctx) : repo(*ctx.services.db), service(repo) {}
};

std::string PhoneFor(const RequestContext& ctx, const std::string& phone) {
  return ctx.actor.PrivilegedExports() ? phone : MaskPhone(phone);
}

json OptDate(const std::optional<Date>& d) { return d ? json(FormatIsoDate(*d)) : json(nullptr); }

json CadreJson(const RequestContext& ctx, const Cadre& c) {
  return json{{"id", c.id},
              {"name", c.name},
              {"unit", c.unit},
              {"title", c.title},
              {"phone", PhoneFor(ctx, c.phone)},
              {"township_code", c.township_code.empty() ? json(nullptr) : json(c.township_code)},
              {"note", c.note},
              {"created_at", c.created_at},
              {"ended_on", OptDate(c.ended_on)},
              {"end_reason", c.end_reason},
              {"version", c.version}};
}

json AssignmentJson(const RequestContext& ctx, const Assignment& a) {
  return json{{"id", a.id},
              {"household_id", a.household_id},
              {"household_no", a.household_no},
              {"head_name", a.head_name},
              {"site_name", a.site_name},
              {"cadre_id", a.cadre_id},
              {"cadre_name", a.cadre_name},
              {"cadre_unit", a.cadre_unit},
              {"cadre_phone", PhoneFor(ctx, a.cadre_phone)},
              {"from", FormatIsoDate(a.from)},
              {"until", OptDate(a.until)},
              {"reason", a.reason},
              {"ended_reason", a.ended_reason},
              {"recorded_by", a.recorded_by},
              {"recorded_at", a.recorded_at}};
}

json Assignments(const RequestContext& ctx, const std::vector<Assignment>& v) {
  json out = json::array();
  for (const auto& a : v) out.push_back(AssignmentJson(ctx, a));
  return out;
}

// The text fields of a cadre body as far as they parse (faults stay in `r`); `creating`: name
// required.
CadreInput ReadCadreInput(BodyReader& r, bool creating) {
  CadreInput in;
  auto name = r.String("name");
  auto unit = r.String("unit");
  auto title = r.String("title");
  auto phone = r.String("phone");
  auto town = r.String("township_code");
  auto note = r.String("note");
  Field<Date> ended;
  Field<std::string> end_reason;
  if (!creating) {
    ended = r.DateField("ended_on");
    end_reason = r.String("end_reason");
  }
  if (creating) r.Require("name", name);
  in.name = name.value;
  in.unit = unit.value;
  in.title = title.value;
  in.phone = phone.IsNull() ? std::optional<std::string>("") : phone.value;
  in.township_code = town.IsNull() ? std::optional<std::string>("") : town.value;
  in.note = note.value;
  in.ended_on = ended.value;
  in.end_reason = end_reason.value;
  if (!creating && r.Ok() && !in.name && !in.unit && !in.title && !in.phone && !in.township_code && !in.note &&
      !in.ended_on && !in.end_reason)
    r.Fault(NothingToChange());
  return in;
}

RouteResult ListCadres(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"q", "unit", "include_ended", "limit", "cursor"}));
  ANJU_CHECK(OnePage(ctx, "cadres"));
  CadreFilter f;
  f.q = ctx.Query("q").value_or("");
  f.unit = ctx.Query("unit").value_or("");
  ANJU_TRY(ended, ctx.QueryBool("include_ended"));
  f.include_ended = ended.value_or(false);
  Svc s(ctx);
  ANJU_TRY(rows, s.service.List(ctx.actor, f));
  json items = json::array();
  for (const auto& row : rows) {
    json j = CadreJson(ctx, row.cadre);
    j["households_now"] = row.households_now;
    items.push_back(std::move(j));
  }
  return Reply::Json(PageJson(std::move(items), ""));
}

RouteResult GetCadre(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  Svc s(ctx);
  ANJU_TRY(d, s.service.Get(ctx.actor, id));
  json j = CadreJson(ctx, d.cadre);
  j["households_now"] = Assignments(ctx, d.current);
  j["households_before"] = Assignments(ctx, d.former);
  return WithEtag(Reply::Json(j), d.cadre.version);
}

RouteResult CreateCadre(RequestContext& ctx) {
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  CadreInput in = ReadCadreInput(r, true);
  Svc s(ctx);
  ANJU_TRY(c, WriteWithAllFaults(*ctx.services.db, r, [&] { return s.service.Create(ctx.actor, in); }));
  return Created(CadreJson(ctx, c), fmt::format("/api/v1/cadres/{}", c.id), c.version);
}

RouteResult PatchCadre(RequestContext& ctx) {
  ANJU_TRY(id, ctx.PathId());
  auto version = ctx.IfMatchVersion();
  if (!version) return std::unexpected(version.error());
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  CadreInput in = ReadCadreInput(r, false);
  Svc s(ctx);
  ANJU_TRY(c, WriteWithAllFaults(*ctx.services.db, r, [&] { return s.service.Update(ctx.actor, id, in, *version); }));
  return WithEtag(Reply::Json(CadreJson(ctx, c)), c.version);
}

RouteResult GetHouseholdCadres(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  Svc s(ctx);
  ANJU_TRY(hc, s.service.OfHousehold(ctx.actor, id));
  return Reply::Json(json{{"current", hc.current ? AssignmentJson(ctx, *hc.current) : json(nullptr)},
                          {"history", Assignments(ctx, hc.history)}});
}

RouteResult AssignCadre(RequestContext& ctx) {
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  auto cadre = r.Int("cadre_id");
  auto from = r.DateField("from");
  auto reason = r.String("reason");
  r.Require("cadre_id", cadre);
  r.Require("from", from);
  Svc s(ctx);
  ANJU_TRY(a, WriteWithAllFaults(*ctx.services.db, r, [&] {
    return s.service.Assign(ctx.actor, id, cadre.value.value_or(0), from.value.value_or(Date{}), reason.value.value_or(""));
  }));
  return Created(AssignmentJson(ctx, a), fmt::format("/api/v1/households/{}/cadres", id), 1);
}

RouteResult EndAssignment(RequestContext& ctx) {
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  auto date = r.DateField("date");
  auto reason = r.String("reason");
  r.Require("date", date);
  r.Require("reason", reason);
  Svc s(ctx);
  ANJU_TRY(a, WriteWithAllFaults(*ctx.services.db, r, [&] {
    return s.service.End(ctx.actor, id, date.value.value_or(Date{}), reason.value.value_or(""));
  }));
  return Reply::Json(AssignmentJson(ctx, a));
}

}  // namespace

void AddRoutes(http::Router& r) {
  const Access ses = Access::kSession;
  r.Add("GET", "/api/v1/cadres", ses, ListCadres);
  r.Add("POST", "/api/v1/cadres", ses, CreateCadre);
  r.Add("GET", "/api/v1/cadres/{id}", ses, GetCadre);
  r.Add("PATCH", "/api/v1/cadres/{id}", ses, PatchCadre);
  r.Add("GET", "/api/v1/households/{id}/cadres", ses, GetHouseholdCadres);
  r.Add("POST", "/api/v1/households/{id}/cadre", ses, AssignCadre);
  r.Add("POST", "/api/v1/cadre-assignments/{id}/end", ses, EndAssignment);
}

}  // namespace anju::cadres
