#include "reports/http/figures_routes.h"

#include <fmt/format.h>

#include "core/try.h"
#include "http/paging.h"
#include "http/reply.h"
#include "http/route_context.h"
#include "reports/figure_spec.h"
#include "registry/storage/sqlite_figure_records.h"
#include "reports/storage/sqlite_workshop_records.h"

namespace anju::reports {

using nlohmann::json;

namespace {

// Where a figure's card leads: the list and the query that selects its records.
json DrillJson(const FigureSpec& f) {
  const bool registry_list = f.records.list == "households" || f.records.list == "persons";
  return {{"list", f.records.list},
          {"filter", f.records.filter},
          {"endpoint", registry_list ? fmt::format("/api/v1/{}?figure={}", f.records.list, f.key)
                                     : fmt::format("/api/v1/figures/{}/records", f.key)}};
}

http::RouteResult ListFigures(http::RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  json sections = json::array();
  for (const auto& s : AllSections())
    sections.push_back({{"id", s.id}, {"label_en", s.label_en}, {"label_zh", s.label_zh}});
  json figures = json::array();
  for (const auto& f : AllFigureSpecs()) {
    std::string module;
    for (const auto& m : FigureModules())
      for (const auto& x : m.figures)
        if (x.key == f.key) module = m.module;
    figures.push_back({{"key", f.key},
                       {"module", module},
                       {"section", f.section},
                       {"unit", FigureUnitName(f.unit)},
                       {"label_en", f.label_en},
                       {"label_zh", f.label_zh},
                       {"how", f.how},
                       {"how_zh", f.how_zh},
                       {"records", DrillJson(f)}});
  }
  return http::Reply::Json({{"sections", sections}, {"figures", figures}});
}

http::RouteResult ListFigureRecordsRoute(http::RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"as_of", "limit", "cursor"}));
  auto it = ctx.params.find("key");
  const std::string key = it == ctx.params.end() ? std::string() : it->second;
  const FigureSpec* spec = FindFigure(key);
  if (!spec)
    return NotFound(fmt::format("no report figure is named '{}'; GET /api/v1/figures lists them", key),
                    "key", key.substr(0, 60),
                    fmt::format("没有名为“{}”的报表指标；GET /api/v1/figures 列出全部指标", key));
  ANJU_TRY(as_of, ctx.QueryAsOf());
  const Date day = as_of.value_or(ctx.services.DefaultAsOf());
  ANJU_TRY(page, http::ParsePage(ctx, "figure|" + key));
  // Workshops (industry.workshops_recognised) by the places area's rule; the other lists by SQL.
  ANJU_TRY(rows, spec->records.list == "workshops"
                     ? storage::ListWorkshopFigureRecords(*ctx.services.db, spec->records.filter, day, page,
                                                          ctx.actor.scope)
                     : storage::ListFigureRecords(*ctx.services.db, spec->records, day, page, ctx.actor.scope));
  json items = json::array();
  for (const auto& r : rows.page.items) {
    json j = {{"id", r.id}, {"name", r.name}, {"place", r.place}, {"note", r.note}};
    if (r.persons) j["persons"] = *r.persons;
    if (r.centimu) j["mu"] = static_cast<double>(*r.centimu) / 100.0;
    items.push_back(std::move(j));
  }
  json out = http::PageJson(std::move(items),
                            rows.page.next_cursor.empty()
                                ? std::string()
                                : http::SealCursor("figure|" + key, rows.page.next_cursor),
                            rows.total);
  out["figure"] = key;
  out["list"] = spec->records.list;
  out["as_of"] = FormatIsoDate(day);
  if (rows.sum_centimu) out["sum_mu"] = static_cast<double>(*rows.sum_centimu) / 100.0;
  return http::Reply::Json(out);
}

}  // namespace

void AddFigureRoutes(http::Router& r) {
  r.Add("GET", "/api/v1/figures", http::Access::kSession, ListFigures);
  r.Add("GET", "/api/v1/figures/{key}/records", http::Access::kSession, ListFigureRecordsRoute);
}

}  // namespace anju::reports
