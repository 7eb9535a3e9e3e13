// Route handlers of the registry: parse -> one service call -> map. See routes.h and
// docs/api.md. (The former http/api_routes.cc; the other modules' handlers moved to their own
// src/<m>/http/routes.cc, issue #13.)
#include "registry/http/routes.h"

#include <fmt/format.h>

#include "core/try.h"
#include "http/all_faults.h"
#include "http/json_body.h"
#include "http/paging.h"
#include "http/reply.h"
#include "http/route_context.h"
#include "registry/http/json.h"
#include "registry/http/life_event_json.h"
#include "registry/http/life_event_routes.h"
#include "registry/http/query.h"
#include "registry/http/xlsx_export.h"
#include "importer/storage/sqlite_import_repository.h"

namespace anju::registry {

using namespace anju::http;  // RequestContext, RouteResult, Reply, Body, PageJson, ParsePage …
using nlohmann::json;

namespace {

// ---- households ------------------------------------------------------------------------------

// The cursor handed out for a repository position ("" stays "": the last page).
std::string Sealed(std::string_view list, const std::string& raw) {
  return raw.empty() ? std::string() : SealCursor(list, raw);
}

RouteResult ListHouseholds(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({ANJU_HOUSEHOLD_FILTER_PARAMS, "limit", "cursor"}));
  ANJU_TRY(q, ParseHouseholdQuery(ctx));
  const std::string list = HouseholdCursorList(q.second);
  ANJU_TRY(page, ParsePage(ctx, list));
  page.with_total = true;
  ANJU_TRY(result, ctx.services.registry->ListHouseholds(ctx.actor, q.first, q.second, page));
  json items = json::array();
  for (const auto& s : result.items) items.push_back(HouseholdSummaryJson(s));
  return Reply::Json(PageJson(std::move(items), Sealed(list, result.next_cursor), result.total));
}

RouteResult ExportHouseholds(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({ANJU_HOUSEHOLD_FILTER_PARAMS}));
  ANJU_TRY(q, ParseHouseholdQuery(ctx));
  storage::SqliteImportRepository exports(*ctx.services.db);
  ANJU_TRY(bytes, ExportHouseholdsXlsx(*ctx.services.registry, exports, ctx.actor, q.first, q.second));
  return Xlsx(std::move(bytes), "households.xlsx");
}

RouteResult GetHousehold(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"full"}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(full, ctx.QueryBool("full"));
  ANJU_TRY(d, ctx.services.registry->GetHousehold(ctx.actor, id, full.value_or(false)));
  Reply r;
  r.body = HouseholdDetailJsonText(d, ctx.services.DefaultAsOf());
  return WithEtag(std::move(r), d.household.version);
}

RouteResult CreateHousehold(RequestContext& ctx) {
  ANJU_TRY(body, Body(ctx));
  BodyReader reader(body);
  auto input = ReadNewHousehold(reader, body);
  ANJU_TRY(id, WriteWithAllFaults(*ctx.services.db, reader, [&] { return ctx.services.registry->CreateHousehold(ctx.actor, input); }));
  ANJU_TRY(d, ctx.services.registry->GetHousehold(ctx.actor, id, false));
  return Created(HouseholdDetailJson(d, ctx.services.DefaultAsOf()),
                 fmt::format("/api/v1/households/{}", id), d.household.version);
}

RouteResult PatchHousehold(RequestContext& ctx) {
  ANJU_TRY(id, ctx.PathId());
  auto version = ctx.IfMatchVersion();
  if (!version) return std::unexpected(version.error());
  ANJU_TRY(body, Body(ctx));
  BodyReader reader(body);
  auto patch = ReadHouseholdPatch(reader);
  ANJU_TRY(h, WriteWithAllFaults(*ctx.services.db, reader, [&] { return ctx.services.registry->UpdateHousehold(ctx.actor, id, patch, *version); }));
  return WithEtag(Reply::Json(HouseholdJson(h)), h.version);
}

// The reason of an entered-in-error DELETE (issue #14): ?reason= or a JSON body {reason}.
std::expected<std::string, HttpError> DeleteReason(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"reason"}));
  if (auto q = ctx.Query("reason"); q && !q->empty()) return *q;
  if (ctx.req.body.empty()) return std::string();
  ANJU_TRY(body, Body(ctx));
  ANJU_TRY(reason, ParseReason(body));
  return reason;
}

RouteResult DeleteHousehold(RequestContext& ctx) {
  ANJU_TRY(id, ctx.PathId());
  auto version = ctx.IfMatchVersion();
  if (!version) return std::unexpected(version.error());
  ANJU_TRY(reason, DeleteReason(ctx));
  ANJU_CHECK(ctx.services.registry->DeleteHousehold(ctx.actor, id, *version, reason));
  return Reply::NoContent();
}

// ---- persons ---------------------------------------------------------------------------------

RouteResult ListPersons(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({ANJU_PERSON_FILTER_PARAMS, "limit", "cursor"}));
  ANJU_TRY(q, ParsePersonQuery(ctx));
  const std::string list = PersonCursorList(q.second);
  ANJU_TRY(page, ParsePage(ctx, list));
  page.with_total = true;
  ANJU_TRY(result, ctx.services.registry->ListPersons(ctx.actor, q.first, q.second, page));
  Date as_of = q.first.as_of.value_or(ctx.services.DefaultAsOf());
  json items = json::array();
  for (const auto& p : result.items) items.push_back(PersonJson(p, as_of));
  return Reply::Json(PageJson(std::move(items), Sealed(list, result.next_cursor), result.total));
}

RouteResult ExportPersons(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({ANJU_PERSON_FILTER_PARAMS}));
  ANJU_TRY(q, ParsePersonQuery(ctx));
  storage::SqliteImportRepository exports(*ctx.services.db);
  ANJU_TRY(bytes, ExportPersonsXlsx(*ctx.services.registry, exports, ctx.actor, q.first, q.second));
  return Xlsx(std::move(bytes), "persons.xlsx");
}

RouteResult GetPerson(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"full"}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(full, ctx.QueryBool("full"));
  ANJU_TRY(p, ctx.services.registry->GetPerson(ctx.actor, id, full.value_or(false)));
  return WithEtag(Reply::Json(PersonJson(p, ctx.services.DefaultAsOf())), p.version);
}

RouteResult CreatePerson(RequestContext& ctx) {
  ANJU_TRY(body, Body(ctx));
  BodyReader reader(body);
  auto input = ReadNewPerson(reader);
  ANJU_TRY(id, WriteWithAllFaults(*ctx.services.db, reader, [&] { return ctx.services.registry->AddPerson(ctx.actor, input); }));
  ANJU_TRY(p, ctx.services.registry->GetPerson(ctx.actor, id, false));
  return Created(PersonJson(p, ctx.services.DefaultAsOf()),
                 fmt::format("/api/v1/persons/{}", id), p.version);
}

RouteResult PatchPerson(RequestContext& ctx) {
  ANJU_TRY(id, ctx.PathId());
  auto version = ctx.IfMatchVersion();
  if (!version) return std::unexpected(version.error());
  ANJU_TRY(body, Body(ctx));
  BodyReader reader(body);
  auto patch = ReadPersonPatch(reader);
  ANJU_TRY(p, WriteWithAllFaults(*ctx.services.db, reader, [&] { return ctx.services.registry->UpdatePerson(ctx.actor, id, patch, *version); }));
  return WithEtag(Reply::Json(PersonJson(p, ctx.services.DefaultAsOf())), p.version);
}

RouteResult DeletePerson(RequestContext& ctx) {
  ANJU_TRY(id, ctx.PathId());
  auto version = ctx.IfMatchVersion();
  if (!version) return std::unexpected(version.error());
  ANJU_TRY(reason, DeleteReason(ctx));
  ANJU_CHECK(ctx.services.registry->DeletePerson(ctx.actor, id, *version, reason));
  return Reply::NoContent();
}

// ---- reference data --------------------------------------------------------------------------

RouteResult ListOriginVillages(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"township", "relocation_type", "limit", "cursor"}));
  ANJU_CHECK(OnePage(ctx, "origin-villages"));
  std::optional<registry::RelocationType> type;
  if (auto t = ctx.Query("relocation_type")) {
    auto v = registry::ParseRelocationType(*t);
    if (!v) {
      Error e = v.error();
      e.field = "relocation_type";
      return std::unexpected(HttpError(std::move(e)));
    }
    type = *v;
  }
  ANJU_TRY(list, ctx.services.reference->ListOriginVillages(ctx.Query("township").value_or(""), type));
  json items = json::array();
  for (const auto& v : list) items.push_back(OriginVillageJson(v));
  return Reply::Json(PageJson(std::move(items), ""));
}

RouteResult CreateOriginVillage(RequestContext& ctx) {
  ANJU_TRY(body, Body(ctx));
  BodyReader reader(body);
  auto input = ReadNewOriginVillage(reader);
  ANJU_TRY(v, WriteWithAllFaults(*ctx.services.db, reader, [&] { return ctx.services.registry->CreateOriginVillage(ctx.actor, input); }));
  Reply r = Reply::Json(OriginVillageJson(v), 201);  // no ETag: an origin village has no version
  r.headers.emplace_back("Location", fmt::format("/api/v1/origin-villages?township={}", v.township_code));
  return r;
}

RouteResult ListDivisions(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"level", "parent", "limit", "cursor"}));
  ANJU_CHECK(OnePage(ctx, "divisions"));
  ANJU_TRY(list, ctx.services.reference->ListDivisions(ctx.Query("level").value_or(""),
                                                       ctx.Query("parent").value_or("")));
  json items = json::array();
  for (const auto& d : list) items.push_back(DivisionJson(d));
  return Reply::Json(PageJson(std::move(items), ""));
}

}  // namespace

void AddRoutes(http::Router& r) {
  const Access ses = Access::kSession;
  r.Add("GET", "/api/v1/households", ses, ListHouseholds);
  r.Add("GET", "/api/v1/households.xlsx", ses, ExportHouseholds);
  r.Add("POST", "/api/v1/households", ses, CreateHousehold);
  r.Add("GET", "/api/v1/households/{id}", ses, GetHousehold);
  r.Add("PATCH", "/api/v1/households/{id}", ses, PatchHousehold);
  r.Add("DELETE", "/api/v1/households/{id}", ses, DeleteHousehold);

  r.Add("GET", "/api/v1/persons", ses, ListPersons);
  r.Add("GET", "/api/v1/persons.xlsx", ses, ExportPersons);
  r.Add("POST", "/api/v1/persons", ses, CreatePerson);
  r.Add("GET", "/api/v1/persons/{id}", ses, GetPerson);
  r.Add("PATCH", "/api/v1/persons/{id}", ses, PatchPerson);
  r.Add("DELETE", "/api/v1/persons/{id}", ses, DeletePerson);

  r.Add("GET", "/api/v1/origin-villages", ses, ListOriginVillages);
  r.Add("POST", "/api/v1/origin-villages", ses, CreateOriginVillage);
  r.Add("GET", "/api/v1/divisions", ses, ListDivisions);
  AddHouseholdChangeRoutes(r);
  AddLifeEventRoutes(r);
}

}  // namespace anju::registry
