// Route handler of the county report: parse -> one service call -> map. See routes.h and
// docs/api.md. (Moved from the former http/api_routes.cc.)
#include "reports/http/routes.h"

#include "reports/http/figures_routes.h"

#include <fmt/format.h>

#include "core/try.h"
#include "http/reply.h"
#include "http/route_context.h"
#include "reports/report_render.h"
#include "reports/report_service.h"

namespace anju::reports {

using namespace anju::http;  // RequestContext, RouteResult, Reply

namespace {

RouteResult Report(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"as_of", "site"}));
  reports::ReportOptions opts;
  ANJU_TRY(as_of, ctx.QueryAsOf());
  opts.as_of = as_of.value_or(ctx.services.DefaultAsOf());
  opts.today = TodayInChina();
  if (auto site = ctx.Query("site")) opts.site = *site;
  ANJU_TRY(seq, ctx.services.audit->LastSeq());
  // Computed within the actor's scope (reports::ReportOptions::scope), cached per scope.
  opts.scope = ctx.actor.scope;
  const bool county_wide = ctx.actor.scope.level == AccessScope::Level::kCounty;
  // The scope's Chinese name for the Chinese note, as the session shows it ("城北安置点 第1网格");
  // when it cannot be read the report names the scope itself.
  if (!county_wide && ctx.services.auth)
    if (auto label = ctx.services.auth->ScopeLabel(ctx.actor.scope)) opts.scope_label_zh = *label;
  std::string key = fmt::format("{}|{}|{}|{}|{}", seq, FormatIsoDate(*opts.as_of),
                                FormatIsoDate(*opts.today), opts.site, DescribeScope(opts.scope));
  Reply reply;
  if (ctx.config.report_cache) {
    if (auto body = ctx.config.report_cache->Get(key)) {
      reply.body = *body;
      return reply;
    }
  }
  ANJU_TRY(report, reports::BuildCountyReport(*ctx.services.report_repo, opts));
  if (!county_wide) {
    // The county figures are published aggregates, but the data-quality examples name
    // households: a user scoped to a township, site or grid sees the counts only.
    for (auto& issue : report.quality.issues) {
      issue.examples.clear();
      issue.examples_zh.clear();
    }
    report.notes_en.push_back("Data-quality examples are shown to county-level roles only.");
    report.notes_zh.push_back("数据质量问题示例仅向县级角色显示。");
  }
  reply.body = reports::ReportToJson(report).dump(-1, ' ', false,
                                                  nlohmann::json::error_handler_t::replace);
  if (ctx.config.report_cache) {
    ctx.config.report_cache->Put(key, std::make_shared<const std::string>(reply.body));
  }
  return reply;
}

}  // namespace

void AddRoutes(http::Router& r) {
  r.Add("GET", "/api/v1/report", Access::kSession, Report);
  AddFigureRoutes(r);  // /api/v1/figures… (figures_routes.h)
}

}  // namespace anju::reports
