#include "registry/http/life_event_routes.h"

#include <fmt/format.h>

#include "core/try.h"
#include "http/all_faults.h"
#include "http/reply.h"
#include "http/route_context.h"
#include "registry/http/json.h"
#include "registry/http/life_event_json.h"
#include "registry/http/routes.h"
#include "registry/life_events.h"
#include "registry/storage/sqlite_registry_repository.h"
#include "storage/sqlite.h"

namespace anju::registry {

using namespace anju::http;
using nlohmann::json;

namespace {

// The service on the worker's connection (the repositories only hold a reference to it).
struct Events {
  explicit Events(RequestContext& ctx) : repo(*ctx.services.db), svc(repo) {}
  storage::SqliteRegistryRepository repo;
  LifeEventService svc;
};

RouteResult AddMember(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_CHECK(HouseholdVisible(ctx, id));
  ANJU_TRY(body, Body(ctx));
  BodyReader reader(body);
  auto in = ReadNewMemberEvent(reader, body);
  Events ev(ctx);
  ANJU_TRY(added, WriteWithAllFaults(*ctx.services.db, reader, [&] { return ev.svc.AddMember(ctx.actor, id, in); }));
  Reply r = Reply::Json(json{{"person_id", added.person_id}, {"event_id", added.event_id}}, 201);
  r.headers.emplace_back("Location", fmt::format("/api/v1/persons/{}", added.person_id));
  return r;
}

RouteResult RecordLeaving(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_CHECK(PersonVisible(ctx, id));
  ANJU_TRY(body, Body(ctx));
  BodyReader reader(body);
  auto in = ReadLeavingEvent(reader);
  Events ev(ctx);
  ANJU_TRY(event_id, WriteWithAllFaults(*ctx.services.db, reader, [&] { return ev.svc.RecordLeaving(ctx.actor, id, in); }));
  return Reply::Json(json{{"event_id", event_id}}, 201);
}

RouteResult CompleteResidentId(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_CHECK(PersonVisible(ctx, id));
  ANJU_TRY(body, Body(ctx));
  BodyReader reader(body);
  auto in = ReadResidentIdCompletion(reader);
  Events ev(ctx);
  ANJU_TRY(p, WriteWithAllFaults(*ctx.services.db, reader, [&] { return ev.svc.CompleteResidentId(ctx.actor, id, in); }));
  ANJU_TRY(shown, ctx.services.registry->GetPerson(ctx.actor, p.id, false));
  return WithEtag(Reply::Json(PersonJson(shown, ctx.services.DefaultAsOf())), shown.version);
}

RouteResult VoidEvent(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(body, Body(ctx));
  ANJU_TRY(reason, ParseReason(body));
  Events ev(ctx);
  ANJU_CHECK(ev.svc.VoidEvent(ctx.actor, id, reason));
  return Reply::Json(json{{"event_id", id}, {"voided", true}});
}

RouteResult GetHouseholdTimeline(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  Events ev(ctx);
  ANJU_TRY(t, ev.svc.GetHouseholdTimeline(ctx.actor, id));
  return Reply::Json(HouseholdTimelineJson(t));
}

RouteResult GetPersonTimeline(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  Events ev(ctx);
  ANJU_TRY(t, ev.svc.GetPersonTimeline(ctx.actor, id));
  return Reply::Json(PersonTimelineJson(t));
}

}  // namespace

void AddLifeEventRoutes(http::Router& r) {
  const Access ses = Access::kSession;
  r.Add("POST", "/api/v1/households/{id}/members", ses, AddMember);
  r.Add("POST", "/api/v1/persons/{id}/events", ses, RecordLeaving);
  r.Add("PUT", "/api/v1/persons/{id}/resident-id", ses, CompleteResidentId);
  r.Add("POST", "/api/v1/register-events/{id}/void", ses, VoidEvent);
  r.Add("GET", "/api/v1/households/{id}/timeline", ses, GetHouseholdTimeline);
  r.Add("GET", "/api/v1/persons/{id}/timeline", ses, GetPersonTimeline);
}

}  // namespace anju::registry
