// Route handlers of the session, user accounts and the audit trail: parse -> one service
// call -> map. See routes.h and docs/api.md. (Moved from the former http/api_routes.cc.)
#include "auth/http/routes.h"

#include <fmt/format.h>

#include <map>

#include "auth/hardening.h"
#include "auth/http/json.h"
#include "core/try.h"
#include "http/all_faults.h"
#include "http/json_body.h"
#include "http/paging.h"
#include "http/reply.h"
#include "http/route_context.h"
#include "storage/sqlite.h"
#include "importer/header.h"

namespace anju::auth {

using namespace anju::http;  // RequestContext, RouteResult, Reply, Body, PageJson, SealCursor …
using nlohmann::json;

namespace {

// ---- session -------------------------------------------------------------------------------

std::map<std::string, SessionExtra>& SessionExtras() {
  static std::map<std::string, SessionExtra> extras;
  return extras;
}

// The session JSON with the fields later modules add (SetSessionExtra).
std::expected<json, HttpError> FullSessionJson(RequestContext& ctx, const auth::Session& s,
                                               const auth::Capabilities& caps) {
  json j = SessionJson(s, ctx.config.facts, caps);
  for (const auto& [name, extra] : SessionExtras()) ANJU_CHECK(extra(ctx, s.user_id, j));
  return j;
}

// The capabilities of session `s` (auth/capabilities.h), with the importer's column list.
std::expected<auth::Capabilities, HttpError> SessionCapabilities(RequestContext& ctx,
                                                                 const auth::Session& s) {
  ANJU_TRY(label, ctx.services.auth->ScopeLabel(s.scope));
  auth::EnumList fields{"import_field", {}};
  for (int f = static_cast<int>(importer::Field::kName);
       f <= static_cast<int>(importer::Field::kFloorArea); ++f)
    fields.values.emplace_back(importer::FieldName(static_cast<importer::Field>(f)));
  return auth::CapabilitiesFor(s.role, s.scope, std::move(label), {std::move(fields)});
}

// The answer to a request that opened a session (login, own password change): the session as
// JSON with its capabilities, and its cookie.
RouteResult NewSessionReply(RequestContext& ctx, const auth::Session& s) {
  ANJU_TRY(caps, SessionCapabilities(ctx, s));
  ANJU_TRY(j, FullSessionJson(ctx, s, caps));
  Reply reply = Reply::Json(j);
  reply.headers.emplace_back(
      "Set-Cookie", auth::BuildSetCookie(auth::kSessionCookieName, s.token, {.tls = ctx.config.tls}));
  return reply;
}

RouteResult Login(RequestContext& ctx) {
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  auto username = r.String("username");
  auto password = r.String("password");
  r.Require("username", username);
  r.Require("password", password);
  if (auto st = r.Finish(); !st) return std::unexpected(HttpError(st.error()));
  ANJU_TRY(s, ctx.services.auth->Login(*username.value, *password.value, ctx.client));
  return NewSessionReply(ctx, s);
}

RouteResult WhoAmI(RequestContext& ctx) {
  ANJU_TRY(s, ctx.services.auth->GetSession(ctx.session_token, ctx.client));
  ANJU_TRY(caps, SessionCapabilities(ctx, s));
  ANJU_TRY(j, FullSessionJson(ctx, s, caps));
  return Reply::Json(j);
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
  return NewSessionReply(ctx, s);
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
  BodyReader reader(body);
  auth::NewUser input = ReadNewUser(reader);
  auto made = WriteWithAllFaults(*ctx.services.db, reader, [&]() -> Result<auth::CreatedUser> {
    auto out = ctx.services.auth->AddUser(ctx.actor, input);
    if (!out) return std::unexpected(WithBodyScopeField(out.error()));
    return out;
  });
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
  BodyReader reader(body);
  auth::UserPatch patch = ReadUserPatch(reader);
  auto u = WriteWithAllFaults(*ctx.services.db, reader, [&]() -> Result<auth::UserInfo> {
    auto out = ctx.services.auth->UpdateUser(ctx.actor, PathUsername(ctx), patch);
    if (!out) return std::unexpected(WithBodyScopeField(out.error()));
    return out;
  });
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

RouteResult Audit(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames(
      {"entity", "entity_id", "username", "action", "since", "limit", "cursor", "from", "to",
       "household_no", "resident_id_tail"}));
  auth::AuditQuery q;
  if (auto v = ctx.Query("entity")) q.entity = *v;
  if (auto v = ctx.Query("entity_id")) q.entity_id = *v;
  if (auto v = ctx.Query("username")) q.username = *v;
  if (auto v = ctx.Query("action")) q.action = *v;
  if (auto v = ctx.Query("since")) q.since = *v;
  if (auto v = ctx.Query("from")) q.from_date = *v;
  if (auto v = ctx.Query("to")) q.to_date = *v;
  if (auto v = ctx.Query("household_no")) q.household_no = *v;
  if (auto v = ctx.Query("resident_id_tail")) q.resident_id_tail = *v;
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

}  // namespace

void SetSessionExtra(std::string name, SessionExtra extra) {
  SessionExtras()[std::move(name)] = std::move(extra);
}

void AddRoutes(http::Router& r) {
  const Access pub = Access::kPublic;
  const Access ses = Access::kSession;
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

  r.Add("GET", "/api/v1/audit", ses, Audit);
}

}  // namespace anju::auth
