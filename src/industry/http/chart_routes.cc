// The industry module's charts routes (docs/industry.md "Figures … charts", docs/api.md): read-only,
// within the reader's scope, for the #/industry page (web/js/modules/industry/charts.js).
//   GET /api/v1/industry/charts/jobs-by-channel?as_of=D        jobs current on D per site and channel
//   GET /api/v1/industry/charts/employment-rate?from=YYYY-MM&to=YYYY-MM
//                                                              the report's rate per site per month end
//   GET /api/v1/industry/charts/certificates-by-kind?as_of=D   null while training has no table
#include <fmt/format.h>

#include <map>

#include "core/try.h"
#include "http/reply.h"
#include "http/route_context.h"
#include "industry/http/routes.h"
#include "industry/storage/sqlite_charts.h"
#include "reports/report_service.h"
#include "storage/sqlite.h"

namespace anju::industry {

using namespace anju::http;  // RequestContext, RouteResult, Reply
using nlohmann::json;

namespace {

// At most this many months per employment-rate request (one report each).
constexpr int kMaxMonths = 36;

RouteResult JobsByChannel(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"as_of"}));
  ANJU_TRY(as_of, ctx.QueryAsOf());
  const Date day = as_of.value_or(ctx.services.DefaultAsOf());
  ANJU_TRY(rows, storage::JobsByChannelPerSite(*ctx.services.db, ctx.actor.scope, day));
  json sites = json::array();
  std::map<std::string, int64_t> totals;
  for (const auto& r : rows) {
    if (sites.empty() || sites.back()["site_id"] != r.site_id)
      sites.push_back(json{{"site_id", r.site_id}, {"site_name", r.site_name}, {"channels", json::object()}});
    sites.back()["channels"][r.channel] = r.jobs;
    totals[r.channel] += r.jobs;
  }
  return Reply::Json({{"as_of", FormatIsoDate(day)}, {"sites", std::move(sites)}, {"totals", totals}});
}

// 'YYYY-MM' -> the month's first day; errors name the field and value (en, zh).
Result<Date> ParseMonth(std::string_view field, std::string_view v) {
  auto d = ParseIsoDate(std::string(v) + "-01");
  if (v.size() != 7 || !d)
    return InvalidArgument(fmt::format("{} must be a month YYYY-MM, e.g. 2022-09; got '{}'", field, v),
                           std::string(field), std::string(v),
                           fmt::format("{}（{}）应为年月 YYYY-MM（例如 2022-09），收到“{}”", field == "from" ? "起始月份" : "截止月份", field, v));
  return *d;
}

RouteResult EmploymentRate(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"from", "to"}));
  const Date today = TodayInChina();
  const Date stat = ctx.services.DefaultAsOf();
  const Date default_to{stat.year(), stat.month(), std::chrono::day{1}};
  Date from = default_to - std::chrono::months{11}, to = default_to;
  if (auto f = ctx.Query("from")) {
    ANJU_TRY(d, ParseMonth("from", *f));
    from = d;
  }
  if (auto t = ctx.Query("to")) {
    ANJU_TRY(d, ParseMonth("to", *t));
    to = d;
  }
  const auto months = (to.year() - from.year()).count() * 12 +
                      static_cast<int>(unsigned(to.month())) - static_cast<int>(unsigned(from.month())) + 1;
  if (months < 1 || months > kMaxMonths)
    return std::unexpected(HttpError(
        InvalidArgument(fmt::format("from … to must span 1 … {} months (from {} to {})", kMaxMonths,
                                    FormatIsoDate(from).substr(0, 7), FormatIsoDate(to).substr(0, 7)),
                        "to", FormatIsoDate(to).substr(0, 7),
                        fmt::format("起止月份须在 1 至 {} 个月之间（{} 至 {}）", kMaxMonths,
                                    FormatIsoDate(from).substr(0, 7), FormatIsoDate(to).substr(0, 7)))
            .error()));
  json points = json::array();
  std::map<int64_t, json> per_site;  // site id -> {site_name, rates[]}
  for (int i = 0; i < months; ++i) {
    const auto first = Date{from.year(), from.month(), std::chrono::day{1}} + std::chrono::months{i};
    Date end{std::chrono::year_month_day_last{first.year(), std::chrono::month_day_last{first.month()}}};
    if (DaysSinceEpoch(end) > DaysSinceEpoch(today)) end = today;  // the month so far
    if (DaysSinceEpoch(first) > DaysSinceEpoch(today)) break;
    reports::ReportOptions opts;
    opts.as_of = end;
    opts.today = today;
    opts.scope = ctx.actor.scope;
    ANJU_TRY(r, reports::BuildCountyReport(*ctx.services.report_repo, opts));
    const auto rate = r.labor.employment_rate.value();
    points.push_back(json{{"month", FormatIsoDate(first).substr(0, 7)},
                      {"as_of", FormatIsoDate(end)},
                      {"working_age", r.labor.working_age},
                      {"employed", r.labor.employed},
                      {"rate", rate ? json(*rate) : json(nullptr)}});
    for (const auto& s : r.sites) {
      json& site = per_site[s.id];
      if (site.is_null()) site = {{"site_id", s.id}, {"site_name", s.name}, {"rates", json::array()}};
      auto v = s.employment_rate.value();
      // Earlier months this site had no report row: pad with nulls so indexes match `months`.
      while (site["rates"].size() + 1 < points.size()) site["rates"].push_back(nullptr);
      site["rates"].push_back(v ? json(*v) : json(nullptr));
    }
  }
  json sites = json::array();
  for (auto& [id, s] : per_site) {
    while (s["rates"].size() < points.size()) s["rates"].push_back(nullptr);
    sites.push_back(std::move(s));
  }
  return Reply::Json({{"county", std::move(points)}, {"sites", std::move(sites)}});
}

RouteResult CertificatesByKind(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"as_of"}));
  ANJU_TRY(as_of, ctx.QueryAsOf());
  const Date day = as_of.value_or(TodayInChina());
  ANJU_TRY(rows, storage::CertificatesByKind(*ctx.services.db, ctx.actor.scope, day));
  json kinds = nullptr;  // null: no certificates table yet (training area)
  if (rows) {
    kinds = json::object();
    for (const auto& [k, n] : *rows) kinds[k] = n;
  }
  return Reply::Json({{"as_of", FormatIsoDate(day)}, {"kinds", std::move(kinds)}});
}

}  // namespace

void AddChartRoutes(http::Router& r) {
  const Access ses = Access::kSession;
  r.Add("GET", "/api/v1/industry/charts/jobs-by-channel", ses, JobsByChannel);
  r.Add("GET", "/api/v1/industry/charts/employment-rate", ses, EmploymentRate);
  r.Add("GET", "/api/v1/industry/charts/certificates-by-kind", ses, CertificatesByKind);
}

}  // namespace anju::industry
