#include "visits/http/routes.h"

#include <fmt/format.h>

#include "core/try.h"
#include "http/all_faults.h"
#include "http/json_body.h"
#include "http/paging.h"
#include "http/reply.h"
#include "http/route_context.h"
#include "storage/sqlite.h"
#include "visits/storage/sqlite_visits_repository.h"
#include "visits/visits.h"

namespace anju::visits {

using namespace anju::http;
using nlohmann::json;

namespace {

struct Svc {
  explicit Svc(RequestContext& ctx) : repo(*ctx.services.db), svc(repo) {}
  storage::SqliteVisitRepository repo;
  VisitService svc;
};

json VisitJson(const Visit& v) {
  json people = json::array();
  for (const auto& m : v.people) people.push_back({{"person_id", m.person_id}, {"name", m.name}});
  json j = {{"id", v.id},
            {"household_id", v.household_id},
            {"household_no", v.household_no},
            {"site_id", v.site_id},
            {"site_name", v.site_name},
            {"visited_on", FormatIsoDate(v.visited_on)},
            {"visitor_user_id", v.visitor_user_id},
            {"visitor", v.visitor_name},
            {"cadre_id", OptInt(v.cadre_id)},
            {"purpose", PurposeName(v.purpose)},
            {"purpose_zh", PurposeLabelZh(v.purpose)},
            {"purpose_en", PurposeLabelEn(v.purpose)},
            {"people", std::move(people)},
            {"findings", v.findings},
            {"follow_ups", v.follow_ups},
            {"location_consent", v.location_consent},
            {"latitude", v.latitude ? json(*v.latitude) : json(nullptr)},
            {"longitude", v.longitude ? json(*v.longitude) : json(nullptr)},
            {"recorded_at", v.recorded_at},
            {"voided_on", v.voided_on ? json(FormatIsoDate(*v.voided_on)) : json(nullptr)},
            {"voided_by", OptText(v.voided_by)},
            {"void_reason", OptText(v.void_reason)}};
  return j;
}

// A JSON number (not a string) or absent/null; a fault naming `name` otherwise.
std::optional<double> Degrees(BodyReader& r, const json& body, std::string_view name) {
  if (!r.Known(name)) return std::nullopt;
  const json& v = body[std::string(name)];
  if (v.is_null()) return std::nullopt;
  if (!v.is_number()) {
    r.Fault(InvalidArgument(fmt::format("{} must be a number of degrees", name), std::string(name), v.dump(),
                            fmt::format("{} 须为度数（数字）", name == "latitude" ? "纬度" : "经度"))
                .error());
    return std::nullopt;
  }
  return v.get<double>();
}

// The visit's fields as far as they parse; faults stay in `r` (WriteWithAllFaults reports them).
NewVisit ReadNewVisit(BodyReader& r, const json& body) {
  NewVisit v;
  auto day = r.DateField("visited_on");
  auto purpose = EnumField<Purpose>(r, "purpose", ParsePurpose);
  auto findings = r.String("findings");
  auto follow_ups = r.String("follow_ups");
  auto consent = r.Bool("location_consent");
  v.latitude = Degrees(r, body, "latitude");
  v.longitude = Degrees(r, body, "longitude");
  if (r.Known("people")) {
    const json& p = body["people"];
    if (!p.is_null() && !p.is_array()) {
      r.Fault(InvalidArgument("people must be a list of person ids", "people", p.dump(), "见到的人须为人员编号列表").error());
    } else if (p.is_array()) {
      for (const json& x : p) {
        if (!x.is_number_integer()) {
          r.Fault(InvalidArgument("people must be a list of person ids", "people", x.dump(), "见到的人须为人员编号列表").error());
          continue;
        }
        v.people.push_back(x.get<int64_t>());
      }
    }
  }
  r.Require("visited_on", day);
  r.Require("purpose", purpose);
  if (day.value) v.visited_on = *day.value;
  if (purpose.value) v.purpose = *purpose.value;
  v.findings = findings.value.value_or("");
  v.follow_ups = follow_ups.value.value_or("");
  v.location_consent = consent.value.value_or(false);
  return v;
}

RouteResult RecordVisit(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(body, Body(ctx));
  BodyReader reader(body);
  NewVisit in = ReadNewVisit(reader, body);
  Svc s(ctx);
  ANJU_TRY(v, WriteWithAllFaults(*ctx.services.db, reader, [&] { return s.svc.Record(ctx.actor, id, in, TodayInChina()); }));
  Reply r = Reply::Json(VisitJson(v), 201);
  r.headers.emplace_back("Location", fmt::format("/api/v1/visits/{}", v.id));
  return r;
}

RouteResult ListVisits(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"household_id", "cadre_id", "site_id", "from", "to", "voided", "limit", "cursor"}));
  VisitFilter f;
  ANJU_TRY(hh, ctx.QueryInt("household_id", 1, INT64_MAX));
  ANJU_TRY(cadre, ctx.QueryInt("cadre_id", 1, INT64_MAX));
  ANJU_TRY(site, ctx.QueryInt("site_id", 1, INT64_MAX));
  ANJU_TRY(from, ctx.QueryDate("from"));
  ANJU_TRY(to, ctx.QueryDate("to"));
  ANJU_TRY(voided, ctx.QueryBool("voided"));
  f.household_id = hh, f.cadre_id = cadre, f.site_id = site, f.from = from, f.to = to;
  f.include_voided = voided.value_or(false);
  ANJU_TRY(page, ParsePage(ctx, "visits"));
  page.with_total = true;
  Svc s(ctx);
  ANJU_TRY(result, s.svc.List(ctx.actor, f, page));
  json items = json::array();
  for (const Visit& v : result.items) items.push_back(VisitJson(v));
  return Reply::Json(PageJson(std::move(items),
                              result.next_cursor.empty() ? std::string() : SealCursor("visits", result.next_cursor),
                              result.total));
}

RouteResult GetVisit(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  Svc s(ctx);
  ANJU_TRY(v, s.svc.Get(ctx.actor, id));
  return Reply::Json(VisitJson(v));
}

RouteResult VoidVisit(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  auto reason = r.String("reason");
  r.Require("reason", reason);
  Svc s(ctx);
  ANJU_TRY(v, WriteWithAllFaults(*ctx.services.db, r, [&] { return s.svc.Void(ctx.actor, id, reason.value.value_or(""), TodayInChina()); }));
  return Reply::Json(VisitJson(v));
}

RouteResult VisitStats(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"by", "from", "to"}));
  const std::string by_text = ctx.Query("by").value_or("site");
  StatsBy by;
  if (by_text == "site") {
    by = StatsBy::kSite;
  } else if (by_text == "cadre") {
    by = StatsBy::kCadre;
  } else {
    return InvalidArgument(fmt::format("by must be site or cadre, not '{}'", by_text), "by", by_text,
                           fmt::format("by 须为 site（按安置点）或 cadre（按帮扶责任人），而不是“{}”", by_text));
  }
  ANJU_TRY(from_q, ctx.QueryDate("from"));
  ANJU_TRY(to_q, ctx.QueryDate("to"));
  const Date to = to_q.value_or(TodayInChina());
  // Default period: the calendar month of `to` up to `to`.
  const Date from = from_q.value_or(Date{to.year(), to.month(), std::chrono::day{1}});
  Svc s(ctx);
  ANJU_TRY(rows, s.svc.Stats(ctx.actor, by, from, to));
  json items = json::array();
  int64_t visits = 0, visited = 0, in_scope = 0, not_visited = 0;
  for (const StatsRow& x : rows) {
    items.push_back({{"id", x.key_id},
                     {"name", x.name},
                     {"visits", x.visits},
                     {"households_visited", x.households_visited},
                     {"households_in_scope", x.households_in_scope},
                     {"households_not_visited", x.households_not_visited}});
    visits += x.visits, visited += x.households_visited, in_scope += x.households_in_scope,
        not_visited += x.households_not_visited;
  }
  return Reply::Json({{"by", by_text},
                      {"from", FormatIsoDate(from)},
                      {"to", FormatIsoDate(to)},
                      {"items", std::move(items)},
                      {"total",
                       {{"visits", visits},
                        {"households_visited", visited},
                        {"households_in_scope", in_scope},
                        {"households_not_visited", not_visited}}}});
}

}  // namespace

void AddRoutes(http::Router& r) {
  const Access ses = Access::kSession;
  r.Add("POST", "/api/v1/households/{id}/visits", ses, RecordVisit);
  r.Add("GET", "/api/v1/visits", ses, ListVisits);
  r.Add("GET", "/api/v1/visits/stats", ses, VisitStats);
  r.Add("GET", "/api/v1/visits/{id}", ses, GetVisit);
  r.Add("POST", "/api/v1/visits/{id}/void", ses, VoidVisit);
}

}  // namespace anju::visits
