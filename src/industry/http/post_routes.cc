// The industry module's public-welfare post routes (docs/industry.md "Posts", docs/api.md):
// kinds, quotas, holdings (assign, change, end), monthly attendance and candidates. Rules and
// refusals: industry/posts.h; storage and scope: industry/storage/sqlite_posts.h.
#include <fmt/format.h>

#include "core/try.h"
#include "http/json_body.h"
#include "http/reply.h"
#include "http/route_context.h"
#include "industry/http/field_names.h"
#include "industry/http/list_page.h"
#include "industry/http/routes.h"
#include "industry/posts.h"
#include "industry/storage/sqlite_posts.h"
#include "storage/sqlite.h"

namespace anju::industry {

using namespace anju::http;
using nlohmann::json;

namespace {

json KindJson(const PostKind& k) {
  return {{"id", k.id},
          {"name", k.name},
          {"level", PostLevelName(k.level)},
          {"level_zh", PostLevelLabelZh(k.level)},
          {"funding", k.funding},
          {"monthly_subsidy_fen", k.monthly_subsidy_fen},
          {"note", k.note},
          {"version", k.version}};
}

json QuotaJson(const PostQuota& q) {
  return {{"id", q.id},
          {"site_id", q.site_id},
          {"site_name", q.site_name},
          {"kind_id", q.kind_id},
          {"kind_name", q.kind_name},
          {"quota", q.quota},
          {"used", q.used},
          {"valid_from", FormatIsoDate(q.valid_from)},
          {"valid_until", q.valid_until ? json(FormatIsoDate(*q.valid_until)) : json(nullptr)},
          {"note", q.note},
          {"version", q.version}};
}

json HoldingJson(const PostHolding& x, Date today) {
  json months = json::array();
  for (const PostMonth& m : x.months)
    months.push_back({{"month", m.month},
                      {"days_worked", m.days_worked},
                      {"assessment", m.assessment ? json(AssessmentName(*m.assessment)) : json(nullptr)},
                      {"paid_fen", OptInt(m.paid_fen)},
                      {"note", m.note},
                      {"recorded_by", m.recorded_by},
                      {"recorded_at", m.recorded_at}});
  return {{"id", x.id},
          {"person_id", x.person_id},
          {"person_name", x.person_name},
          {"household_id", x.household_id},
          {"household_no", x.household_no},
          {"category", x.category},
          {"kind_id", x.kind_id},
          {"kind_name", x.kind_name},
          {"site_id", x.site_id},
          {"site_name", x.site_name},
          {"contract_from", FormatIsoDate(x.contract_from)},
          {"contract_until", FormatIsoDate(x.contract_until)},
          {"publicity_from", FormatIsoDate(x.publicity_from)},
          {"publicity_until", FormatIsoDate(x.publicity_until)},
          {"monthly_subsidy_fen", x.monthly_subsidy_fen},
          {"ended_on", x.ended_on ? json(FormatIsoDate(*x.ended_on)) : json(nullptr)},
          {"end_reason", x.end_reason},
          {"note", x.note},
          {"current", x.CurrentOn(today)},
          {"job_id", OptInt(x.job_id)},
          {"recorded_by", x.recorded_by},
          {"recorded_at", x.recorded_at},
          {"version", x.version},
          {"months", std::move(months)}};
}

RouteResult ListKinds(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  SqlitePosts s(*ctx.services.db);
  ANJU_TRY(kinds, s.Kinds());
  json items = json::array();
  for (const PostKind& k : kinds) items.push_back(KindJson(k));
  return Reply::Json({{"items", std::move(items)}});
}

RouteResult CreateKind(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  auto name = Text(r, "name");
  auto level = EnumField<PostLevel>(r, "level", ParsePostLevel);
  auto funding = Text(r, "funding");
  auto subsidy = MonthlyFen(r, "monthly_subsidy_fen");
  auto note = Text(r, "note");
  r.Require("name", name);
  r.Require("level", level);
  r.Require("monthly_subsidy_fen", subsidy);
  NewPostKind in{name.value.value_or(""), level.value.value_or(PostLevel{}), funding.value.value_or(""),
                 subsidy.value.value_or(0), note.value.value_or("")};
  SqlitePosts s(*ctx.services.db);
  ANJU_TRY(k, WriteNamed(*ctx.services.db, r, [&] { return s.CreateKind(ctx.actor, in); }));
  return Created(KindJson(k), fmt::format("/api/v1/post-kinds/{}", k.id), k.version);
}

RouteResult ListQuotas(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"site_id", "as_of"}));
  ANJU_TRY(site, ctx.QueryInt("site_id", 1, INT64_MAX));
  ANJU_TRY(as_of, ctx.QueryDate("as_of"));
  SqlitePosts s(*ctx.services.db);
  ANJU_TRY(quotas, s.Quotas(ctx.actor, site, as_of.value_or(TodayInChina())));
  json items = json::array();
  for (const PostQuota& q : quotas) items.push_back(QuotaJson(q));
  return Reply::Json({{"items", std::move(items)}});
}

RouteResult CreateQuota(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  auto site = r.Int("site_id");
  auto kind = r.Int("kind_id");
  auto quota = r.Int("quota");
  auto from = r.DateField("valid_from");
  auto until = r.DateField("valid_until");
  auto note = Text(r, "note");
  r.Require("site_id", site);
  r.Require("kind_id", kind);
  r.Require("quota", quota);
  r.Require("valid_from", from);
  NewPostQuota in{site.value.value_or(0), kind.value.value_or(0), quota.value.value_or(0),
                  from.value.value_or(kMissingDate), until.value, note.value.value_or("")};
  SqlitePosts s(*ctx.services.db);
  ANJU_TRY(q, WriteNamed(*ctx.services.db, r, [&] { return s.CreateQuota(ctx.actor, in); }));
  return Created(QuotaJson(q), fmt::format("/api/v1/post-quotas/{}", q.id), q.version);
}

RouteResult ListHoldings(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"site_id", "kind_id", "person_id", "household_id", "as_of", "current", "limit", "cursor"}));
  HoldingFilter f;
  ANJU_TRY(site, ctx.QueryInt("site_id", 1, INT64_MAX));
  ANJU_TRY(kind, ctx.QueryInt("kind_id", 1, INT64_MAX));
  ANJU_TRY(person, ctx.QueryInt("person_id", 1, INT64_MAX));
  ANJU_TRY(household, ctx.QueryInt("household_id", 1, INT64_MAX));
  ANJU_TRY(as_of, ctx.QueryDate("as_of"));
  ANJU_TRY(current, ctx.QueryBool("current"));
  f.site_id = site, f.kind_id = kind, f.person_id = person, f.household_id = household;
  const Date today = TodayInChina();
  if (as_of) f.current_on = *as_of;
  else if (current.value_or(false)) f.current_on = today;
  SqlitePosts s(*ctx.services.db);
  ANJU_TRY(rows, s.Holdings(ctx.actor, f));
  const std::string list =
      fmt::format("posts|{}|{}|{}|{}|{}", site.value_or(0), kind.value_or(0), person.value_or(0), household.value_or(0),
                  f.current_on ? FormatIsoDate(*f.current_on) : std::string());
  ANJU_TRY(page, PageOf(ctx, list, std::move(rows)));
  json items = json::array();
  for (const PostHolding& x : page.items) items.push_back(HoldingJson(x, f.current_on.value_or(today)));
  return Reply::Json(PageJson(std::move(items), page.next_cursor, page.total));
}

RouteResult GetHolding(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  SqlitePosts s(*ctx.services.db);
  ANJU_TRY(x, s.Holding(ctx.actor, id));
  return WithEtag(Reply::Json(HoldingJson(x, TodayInChina())), x.version);
}

json WarningsJson(const std::vector<PostWarning>& ws) {
  json out = json::array();
  for (const PostWarning& w : ws)
    out.push_back({{"rule", w.rule}, {"field", w.field}, {"value", w.value}, {"message", w.message},
                   {"message_zh", w.message_zh}});
  return out;
}

RouteResult Assign(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  auto person = r.Int("person_id");
  auto kind = r.Int("kind_id");
  auto site = r.Int("site_id");
  auto cf = r.DateField("contract_from");
  auto cu = r.DateField("contract_until");
  auto pf = r.DateField("publicity_from");
  auto pu = r.DateField("publicity_until");
  auto subsidy = MonthlyFen(r, "monthly_subsidy_fen");
  auto note = Text(r, "note");
  r.Require("person_id", person);
  r.Require("kind_id", kind);
  r.Require("contract_from", cf);
  r.Require("contract_until", cu);
  r.Require("publicity_from", pf);
  r.Require("publicity_until", pu);
  NewPostHolding in;
  in.person_id = person.value.value_or(0), in.kind_id = kind.value.value_or(0), in.site_id = site.value;
  in.contract_from = cf.value.value_or(kMissingDate), in.contract_until = cu.value.value_or(kMissingDate);
  in.publicity_from = pf.value.value_or(kMissingDate), in.publicity_until = pu.value.value_or(kMissingDate);
  in.monthly_subsidy_fen = subsidy.value, in.note = note.value.value_or("");
  SqlitePosts s(*ctx.services.db);
  const Date today = TodayInChina();
  ANJU_TRY(done, WriteNamed(*ctx.services.db, r, [&] { return s.Assign(ctx.actor, in, today); }));
  json j = HoldingJson(done.first, today);
  j["warnings"] = WarningsJson(done.second);
  return Created(j, fmt::format("/api/v1/posts/{}", done.first.id), done.first.version);
}

RouteResult PatchHolding(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  auto version = ctx.IfMatchVersion();
  if (!version) return std::unexpected(version.error());
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  auto cu = r.DateField("contract_until");
  auto subsidy = MonthlyFen(r, "monthly_subsidy_fen");
  auto note = Text(r, "note");
  PostHoldingPatch p{cu.value, subsidy.value, note.value};
  if (r.Ok() && !p.contract_until && !p.monthly_subsidy_fen && !p.note) {
    ANJU_CHECK(r.Finish());  // an unknown field says more than "nothing to change"
    return std::unexpected(NothingToChange());
  }
  SqlitePosts s(*ctx.services.db);
  const Date today = TodayInChina();
  ANJU_TRY(x, WriteNamed(*ctx.services.db, r, [&] { return s.Patch(ctx.actor, id, *version, p, today); }));
  return WithEtag(Reply::Json(HoldingJson(x, today)), x.version);
}

RouteResult EndHolding(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  auto version = ctx.IfMatchVersion();
  if (!version) return std::unexpected(version.error());
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  auto on = r.DateField("ended_on");
  auto reason = Text(r, "reason");
  r.Require("ended_on", on);
  r.Require("reason", reason);
  SqlitePosts s(*ctx.services.db);
  const Date today = TodayInChina();
  ANJU_TRY(x, WriteNamed(*ctx.services.db, r, [&] {
    return s.End(ctx.actor, id, *version, on.value.value_or(kMissingDate), reason.value.value_or(""), today);
  }));
  return WithEtag(Reply::Json(HoldingJson(x, today)), x.version);
}

RouteResult PutMonth(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  auto it = ctx.params.find("month");
  ANJU_TRY(month, ParseMonth(it == ctx.params.end() ? std::string_view() : std::string_view(it->second)));
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  auto days = r.Int("days_worked");
  auto assessment = EnumField<Assessment>(r, "assessment", ParseAssessment);
  auto paid = MonthlyFen(r, "paid_fen");
  auto note = Text(r, "note");
  r.Require("days_worked", days);
  PostMonthInput in{days.value.value_or(0), assessment.value, paid.value, note.value.value_or("")};
  SqlitePosts s(*ctx.services.db);
  ANJU_TRY(x, WriteNamed(*ctx.services.db, r, [&] { return s.PutMonth(ctx.actor, id, month, in); }));
  return WithEtag(Reply::Json(HoldingJson(x, TodayInChina())), x.version);
}

RouteResult Candidates(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"site_id", "as_of"}));
  ANJU_TRY(site, ctx.QueryInt("site_id", 1, INT64_MAX));
  if (!site)
    return InvalidArgument("site_id is required", "site_id", "", "请指定安置点（site_id）");
  ANJU_TRY(as_of, ctx.QueryDate("as_of"));
  SqlitePosts s(*ctx.services.db);
  ANJU_TRY(rows, s.Candidates(ctx.actor, *site, as_of.value_or(TodayInChina())));
  json items = json::array();
  for (const PostCandidate& c : rows)
    items.push_back({{"person_id", c.person_id},
                     {"name", c.name},
                     {"household_id", c.household_id},
                     {"household_no", c.household_no},
                     {"category", c.category},
                     {"age", c.age},
                     {"able_to_work", c.able_to_work},
                     {"age_warning", c.age_warning}});
  return Reply::Json({{"items", std::move(items)}});
}

}  // namespace

void AddPostRoutes(http::Router& r) {
  const Access ses = Access::kSession;
  r.Add("GET", "/api/v1/post-kinds", ses, ListKinds);
  r.Add("POST", "/api/v1/post-kinds", ses, CreateKind);
  r.Add("GET", "/api/v1/post-quotas", ses, ListQuotas);
  r.Add("POST", "/api/v1/post-quotas", ses, CreateQuota);
  r.Add("GET", "/api/v1/posts/candidates", ses, Candidates);
  r.Add("GET", "/api/v1/posts", ses, ListHoldings);
  r.Add("POST", "/api/v1/posts", ses, Assign);
  r.Add("GET", "/api/v1/posts/{id}", ses, GetHolding);
  r.Add("PATCH", "/api/v1/posts/{id}", ses, PatchHolding);
  r.Add("POST", "/api/v1/posts/{id}/end", ses, EndHolding);
  r.Add("PUT", "/api/v1/posts/{id}/months/{month}", ses, PutMonth);
}

}  // namespace anju::industry
