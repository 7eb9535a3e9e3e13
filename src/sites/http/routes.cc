// Route handlers of sites and housing units: parse -> one service call -> map. See routes.h
// and docs/api.md. (Moved from the former http/api_routes.cc.)
#include "sites/http/routes.h"

#include "core/try.h"
#include "http/json_body.h"
#include "http/paging.h"
#include "http/reply.h"
#include "http/route_context.h"
#include "sites/http/json.h"

namespace anju::sites {

using namespace anju::http;  // RequestContext, RouteResult, Reply, PageJson, OnePage …
using nlohmann::json;

namespace {

// ---- sites -----------------------------------------------------------------------------------

RouteResult ListSites(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"as_of", "limit", "cursor"}));
  ANJU_CHECK(OnePage(ctx, "sites"));
  ANJU_TRY(as_of, ctx.QueryAsOf());
  ANJU_TRY(list, ctx.services.sites->ListSites(ctx.actor, as_of.value_or(ctx.services.DefaultAsOf())));
  json items = json::array();
  for (const auto& s : list) items.push_back(SiteJson(s));
  return Reply::Json(PageJson(std::move(items), ""));
}

RouteResult GetSite(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"as_of"}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(as_of, ctx.QueryAsOf());
  ANJU_TRY(d, ctx.services.sites->GetSite(ctx.actor, id, as_of.value_or(ctx.services.DefaultAsOf())));
  json j = SiteJson(d.figures);
  json g = json::array();
  for (const auto& x : d.grids) g.push_back(GridJson(x));
  json p = json::array();
  for (const auto& x : d.parks) p.push_back(ParkJson(x));
  j["grids"] = std::move(g);
  j["parks"] = std::move(p);
  return Reply::Json(j);
}

RouteResult ListHousingUnits(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"site_id", "vacant", "building", "limit", "cursor"}));
  sites::HousingUnitFilter f;
  ANJU_TRY(site, ctx.QueryInt("site_id", 1, INT64_MAX));
  ANJU_TRY(vacant, ctx.QueryBool("vacant"));
  ANJU_TRY(page, ParsePage(ctx, "housing-units"));
  f.site_id = site;
  f.vacant = vacant;
  if (auto b = ctx.Query("building")) f.building = *b;
  f.limit = page.limit;
  if (!page.cursor.empty()) {
    auto after = ParseQueryInt("cursor", page.cursor, 0, INT64_MAX);
    if (!after) return std::unexpected(HttpError(after.error()));
    f.after_id = *after;
  }
  ANJU_TRY(units, ctx.services.sites->ListHousingUnits(ctx.actor, f, ctx.services.DefaultAsOf()));
  json items = json::array();
  for (const auto& u : units) items.push_back(HousingUnitJson(u));
  std::string next;
  if (static_cast<int>(units.size()) == f.limit && !units.empty()) {
    next = SealCursor("housing-units", std::to_string(units.back().id));
  }
  return Reply::Json(PageJson(std::move(items), next));
}

}  // namespace

void AddRoutes(http::Router& r) {
  const Access ses = Access::kSession;
  r.Add("GET", "/api/v1/sites", ses, ListSites);
  r.Add("GET", "/api/v1/sites/{id}", ses, GetSite);
  r.Add("GET", "/api/v1/housing-units", ses, ListHousingUnits);
}

}  // namespace anju::sites
