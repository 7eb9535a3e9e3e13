// Route handlers: parse -> one service call -> map. See api_routes.h and docs/api.md.
#include "http/api_routes.h"

#include <fmt/format.h>

#include "auth/hardening.h"
#include "core/try.h"
#include "http/dto.h"
#include "http/import_routes.h"
#include "http/json_body.h"
#include "http/query.h"
#include "http/route_context.h"
#include "http/xlsx_export.h"
#include "reports/report_render.h"
#include "reports/report_service.h"
#include "storage/migrate.h"
#include "storage/sqlite_import_repository.h"

namespace anju::http {

using nlohmann::json;

namespace {

// The body as a JSON object, after the raw-text limits of auth/hardening.h. 413 when over
// kMaxBodyBytes (a chunked body is not stopped by httplib's length check), 415 when the
// Content-Type is not JSON.
std::expected<json, HttpError> Body(const RequestContext& ctx) {
  if (ctx.req.body.size() > auth::kMaxBodyBytes) {
    return std::unexpected(PayloadTooLarge(auth::kMaxBodyBytes));
  }
  if (!IsJsonMediaType(ctx.req.get_header_value("Content-Type"))) {
    return std::unexpected(UnsupportedMediaType(ctx.req.get_header_value("Content-Type")));
  }
  if (auto st = auth::CheckJsonLimits(ctx.req.body); !st) return std::unexpected(st.error());
  return ParseJsonObject(ctx.req.body);
}

Reply WithEtag(Reply r, int64_t version) {
  r.headers.emplace_back("ETag", EtagFor(version));
  return r;
}

Reply Created(const json& j, std::string location, int64_t version) {
  Reply r = WithEtag(Reply::Json(j, 201), version);
  r.headers.emplace_back("Location", std::move(location));
  return r;
}

Reply Xlsx(std::string bytes, std::string_view name) {
  Reply r;
  r.body = std::move(bytes);
  r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.headers.emplace_back("Content-Disposition",
                         fmt::format("attachment; filename=\"{}\"", name));
  return r;
}

// ---- service endpoints -----------------------------------------------------------------------

RouteResult Healthz(RequestContext& ctx) {
  ANJU_TRY(version, storage::SchemaVersion(*ctx.services.db));
  return Reply::Json({{"status", "ok"}, {"schema_version", version}});
}

RouteResult OpenApi(RequestContext&) {
  Reply r;
  r.body = std::string(OpenApiDocument());
  r.content_type = "application/json; charset=utf-8";
  return r;
}

// ---- session -------------------------------------------------------------------------------

RouteResult Login(RequestContext& ctx) {
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  auto username = r.String("username");
  auto password = r.String("password");
  r.Require("username", username);
  r.Require("password", password);
  if (auto st = r.Finish(); !st) return std::unexpected(HttpError(st.error()));
  ANJU_TRY(s, ctx.services.auth->Login(*username.value, *password.value, ctx.client));
  Reply reply = Reply::Json(SessionJson(s, ctx.config.facts));
  reply.headers.emplace_back(
      "Set-Cookie", auth::BuildSetCookie(auth::kSessionCookieName, s.token, {.tls = ctx.config.tls}));
  return reply;
}

RouteResult WhoAmI(RequestContext& ctx) {
  ANJU_TRY(s, ctx.services.auth->GetSession(ctx.session_token, ctx.client));
  return Reply::Json(SessionJson(s, ctx.config.facts));
}

RouteResult Logout(RequestContext& ctx) {
  ANJU_CHECK(ctx.services.auth->Logout(ctx.session_token, ctx.client));
  Reply r = Reply::NoContent();
  r.headers.emplace_back("Set-Cookie", auth::ExpiredSessionCookie(ctx.config.tls));
  return r;
}

// The new password of the session's own user; answers like a login (new cookie, new CSRF
// token: the session is rotated). Allowed while a one-time password must be changed.
RouteResult ChangeOwnPassword(RequestContext& ctx) {
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  auto current = r.String("current_password");
  auto next = r.String("new_password");
  r.Require("current_password", current);
  r.Require("new_password", next);
  if (auto st = r.Finish(); !st) return std::unexpected(HttpError(st.error()));
  ANJU_TRY(s, ctx.services.auth->ChangePassword(ctx.session_token, ctx.client, *current.value,
                                                *next.value));
  Reply reply = Reply::Json(SessionJson(s, ctx.config.facts));
  reply.headers.emplace_back(
      "Set-Cookie", auth::BuildSetCookie(auth::kSessionCookieName, s.token, {.tls = ctx.config.tls}));
  return reply;
}

// ---- user accounts (county_admin; the service refuses others with 403) ----------------------

std::string PathUsername(const RequestContext& ctx) {
  auto it = ctx.params.find("username");
  return it == ctx.params.end() ? std::string() : it->second;
}

// An auth error with the scope fields named as in the body (township_code, site_id, grid_id).
template <class T>
std::expected<T, HttpError> AsBodyFields(Result<T> r) {
  if (!r) return std::unexpected(HttpError(WithBodyScopeField(r.error())));
  return std::move(*r);
}

RouteResult ListUsers(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(users, ctx.services.auth->ListUsers(ctx.actor));
  json items = json::array();
  for (const auto& u : users) items.push_back(UserJson(u));
  return Reply::Json(PageJson(std::move(items), ""));
}

RouteResult CreateUser(RequestContext& ctx) {
  ANJU_TRY(body, Body(ctx));
  ANJU_TRY(input, ParseNewUser(body));
  auto made = AsBodyFields(ctx.services.auth->AddUser(ctx.actor, input));
  if (!made) return std::unexpected(made.error());
  Reply r = Reply::Json(CreatedUserJson(*made), 201);
  r.headers.emplace_back("Location", fmt::format("/api/v1/users/{}", made->user.username));
  return r;
}

RouteResult GetUser(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(u, ctx.services.auth->GetUser(ctx.actor, PathUsername(ctx)));
  return Reply::Json(UserJson(u));
}

RouteResult PatchUser(RequestContext& ctx) {
  ANJU_TRY(body, Body(ctx));
  ANJU_TRY(patch, ParseUserPatch(body));
  auto u = AsBodyFields(ctx.services.auth->UpdateUser(ctx.actor, PathUsername(ctx), patch));
  if (!u) return std::unexpected(u.error());
  return Reply::Json(UserJson(*u));
}

RouteResult ResetUserPassword(RequestContext& ctx) {
  ANJU_TRY(made, ctx.services.auth->ResetPassword(ctx.actor, PathUsername(ctx), std::nullopt));
  ANJU_TRY(info, ctx.services.auth->GetUser(ctx.actor, made.user.username));
  made.user = info;
  return Reply::Json(CreatedUserJson(made));
}

RouteResult UnlockUser(RequestContext& ctx) {
  ANJU_TRY(u, ctx.services.auth->UnlockUser(ctx.actor, PathUsername(ctx)));
  return Reply::Json(UserJson(u));
}

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
  ANJU_TRY(input, ParseNewHousehold(body));
  ANJU_TRY(id, ctx.services.registry->CreateHousehold(ctx.actor, input));
  ANJU_TRY(d, ctx.services.registry->GetHousehold(ctx.actor, id, false));
  return Created(HouseholdDetailJson(d, ctx.services.DefaultAsOf()),
                 fmt::format("/api/v1/households/{}", id), d.household.version);
}

RouteResult PatchHousehold(RequestContext& ctx) {
  ANJU_TRY(id, ctx.PathId());
  auto version = ctx.IfMatchVersion();
  if (!version) return std::unexpected(version.error());
  ANJU_TRY(body, Body(ctx));
  ANJU_TRY(patch, ParseHouseholdPatch(body));
  ANJU_TRY(h, ctx.services.registry->UpdateHousehold(ctx.actor, id, patch, *version));
  return WithEtag(Reply::Json(HouseholdJson(h)), h.version);
}

RouteResult DeleteHousehold(RequestContext& ctx) {
  ANJU_TRY(id, ctx.PathId());
  auto version = ctx.IfMatchVersion();
  if (!version) return std::unexpected(version.error());
  ANJU_CHECK(ctx.services.registry->DeleteHousehold(ctx.actor, id, *version));
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
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(p, ctx.services.registry->GetPerson(ctx.actor, id, true));
  return WithEtag(Reply::Json(PersonJson(p, ctx.services.DefaultAsOf())), p.version);
}

RouteResult CreatePerson(RequestContext& ctx) {
  ANJU_TRY(body, Body(ctx));
  ANJU_TRY(input, ParseNewPerson(body));
  ANJU_TRY(id, ctx.services.registry->AddPerson(ctx.actor, input));
  ANJU_TRY(p, ctx.services.registry->GetPerson(ctx.actor, id, false));
  return Created(PersonJson(p, ctx.services.DefaultAsOf()),
                 fmt::format("/api/v1/persons/{}", id), p.version);
}

RouteResult PatchPerson(RequestContext& ctx) {
  ANJU_TRY(id, ctx.PathId());
  auto version = ctx.IfMatchVersion();
  if (!version) return std::unexpected(version.error());
  ANJU_TRY(body, Body(ctx));
  ANJU_TRY(patch, ParsePersonPatch(body));
  ANJU_TRY(p, ctx.services.registry->UpdatePerson(ctx.actor, id, patch, *version));
  return WithEtag(Reply::Json(PersonJson(p, ctx.services.DefaultAsOf())), p.version);
}

RouteResult DeletePerson(RequestContext& ctx) {
  ANJU_TRY(id, ctx.PathId());
  auto version = ctx.IfMatchVersion();
  if (!version) return std::unexpected(version.error());
  ANJU_CHECK(ctx.services.registry->DeletePerson(ctx.actor, id, *version));
  return Reply::NoContent();
}

// ---- sites and reference data ----------------------------------------------------------------

// The one-page lists (sites, origin villages, divisions) accept limit (1–500, the web UI's
// listAll sends it) but answer every item; they never hand out a cursor, so any is refused.
Status OnePage(const RequestContext& ctx, std::string_view list) {
  auto page = ParsePage(ctx, list);
  if (!page) return std::unexpected(page.error());
  return {};
}

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

RouteResult ListDivisions(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"level", "parent", "limit", "cursor"}));
  ANJU_CHECK(OnePage(ctx, "divisions"));
  ANJU_TRY(list, ctx.services.reference->ListDivisions(ctx.Query("level").value_or(""),
                                                       ctx.Query("parent").value_or("")));
  json items = json::array();
  for (const auto& d : list) items.push_back(DivisionJson(d));
  return Reply::Json(PageJson(std::move(items), ""));
}

// ---- report and audit ------------------------------------------------------------------------

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

RouteResult Audit(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames(
      {"entity", "entity_id", "username", "action", "since", "limit", "cursor"}));
  auth::AuditQuery q;
  if (auto v = ctx.Query("entity")) q.entity = *v;
  if (auto v = ctx.Query("entity_id")) q.entity_id = *v;
  if (auto v = ctx.Query("username")) q.username = *v;
  if (auto v = ctx.Query("action")) q.action = *v;
  if (auto v = ctx.Query("since")) q.since = *v;
  ANJU_TRY(limit, ctx.QueryInt("limit", 1, 1000));
  q.limit = static_cast<int>(limit.value_or(100));
  if (auto c = ctx.Query("cursor")) {
    ANJU_TRY(raw, OpenCursor("audit", *c));
    auto before = ParseQueryInt("cursor", raw, 1, INT64_MAX);
    if (!before) return std::unexpected(HttpError(before.error()));
    q.before_seq = *before;
  }
  ANJU_TRY(records, ctx.services.audit->Query(ctx.actor, q));
  json items = json::array();
  for (const auto& r : records) items.push_back(AuditRecordJson(r));
  std::string next;
  if (static_cast<int>(records.size()) == q.limit && !records.empty()) {
    next = SealCursor("audit", std::to_string(records.back().seq));
  }
  return Reply::Json(PageJson(std::move(items), next));
}

#undef ANJU_TRY
#undef ANJU_CHECK

}  // namespace

void AddApiRoutes(Router& r) {
  const Access pub = Access::kPublic;
  const Access ses = Access::kSession;
  r.Add("GET", "/healthz", pub, Healthz);
  r.Add("GET", "/api/v1/openapi.json", pub, OpenApi);

  r.Add("POST", "/api/v1/session", pub, Login);
  r.Add("GET", "/api/v1/session", pub, WhoAmI);  // answers 401 itself without a session
  // Logout and the password change also for a user who must change a one-time password.
  r.Add("DELETE", "/api/v1/session", Access::kSessionPasswordPending, Logout);
  r.Add("POST", "/api/v1/session/password", Access::kSessionPasswordPending, ChangeOwnPassword);

  r.Add("GET", "/api/v1/users", ses, ListUsers);
  r.Add("POST", "/api/v1/users", ses, CreateUser);
  r.Add("GET", "/api/v1/users/{username}", ses, GetUser);
  r.Add("PATCH", "/api/v1/users/{username}", ses, PatchUser);
  r.Add("POST", "/api/v1/users/{username}/reset-password", ses, ResetUserPassword);
  r.Add("POST", "/api/v1/users/{username}/unlock", ses, UnlockUser);

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

  r.Add("GET", "/api/v1/sites", ses, ListSites);
  r.Add("GET", "/api/v1/sites/{id}", ses, GetSite);
  r.Add("GET", "/api/v1/housing-units", ses, ListHousingUnits);
  r.Add("GET", "/api/v1/origin-villages", ses, ListOriginVillages);
  r.Add("GET", "/api/v1/divisions", ses, ListDivisions);

  r.Add("GET", "/api/v1/report", ses, Report);
  r.Add("GET", "/api/v1/audit", ses, Audit);

  AddImportRoutes(r);  // /api/v1/imports… (import_routes.h)
}

}  // namespace anju::http
