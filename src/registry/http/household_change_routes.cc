// Routes of the household changes (issue #14 item 2; docs/living-register.md, docs/api.md):
// move a person, change the head, split, merge, change the placement. Each handler parses the
// body (every fault at once), calls one HouseholdChangeService method over the worker's
// connection, and answers 201 {event_id, …}. The rules live in registry/household_changes.h.
#include <fmt/format.h>

#include <map>

#include "core/try.h"
#include "http/all_faults.h"
#include "http/json_body.h"
#include "http/reply.h"
#include "http/route_context.h"
#include "registry/http/routes.h"
#include "registry/household_changes.h"
#include "registry/storage/sqlite_household_change_repository.h"
#include "registry/storage/sqlite_registry_repository.h"
#include "storage/sqlite.h"

namespace anju::registry {

using namespace anju::http;  // RequestContext, RouteResult, Reply, Body, BodyReader, Field …
using nlohmann::json;

namespace {

// The service over the request's connection (both repositories share it, hence one
// transaction).
struct ChangeServices {
  explicit ChangeServices(RequestContext& ctx) : registry(*ctx.services.db), changes(*ctx.services.db) {}
  storage::SqliteRegistryRepository registry;
  storage::SqliteHouseholdChangeRepository changes;
  HouseholdChangeService service{registry, changes};
};

// {"<person_id>": "<relationship>", …} of field `name`; faults "name.<key>".
std::map<int64_t, Relationship> Relationships(BodyReader& r, const json& body, std::string_view name) {
  std::map<int64_t, Relationship> out;
  if (!r.Known(name)) return out;
  const json& v = body.at(std::string(name));
  if (!v.is_object()) {
    r.Fault(Error{ErrorCode::kInvalidArgument,
                  fmt::format("{} must be an object {{\"<person_id>\": \"<relationship>\", …}}", name),
                  fmt::format("{} 应为对象：{{\"人员id\": \"与户主关系\"}}", name), std::string(name), "", {}});
    return out;
  }
  for (const auto& [key, rel] : v.items()) {
    const std::string field = fmt::format("{}.{}", name, key);
    int64_t id = 0;
    const bool digits = !key.empty() && key.size() <= 18 &&
                        key.find_first_not_of("0123456789") == std::string::npos;
    if (digits) id = std::stoll(key);
    if (id <= 0) {
      r.Fault(Error{ErrorCode::kInvalidArgument, fmt::format("key {} is not a person id", key), "键应为人员 id", field,
                    key, {}});
      continue;
    }
    if (!rel.is_string()) {
      r.Fault(Error{ErrorCode::kInvalidArgument, "the relationship must be a text, e.g. \"child\" or 子女",
                    "关系应为文本，如 child 或 子女", field, rel.dump(), {}});
      continue;
    }
    auto parsed = ParseRelationship(rel.get<std::string>());
    if (!parsed) {
      Error e = parsed.error();
      e.field = field;
      if (e.value.empty()) e.value = rel.get<std::string>();
      r.Fault(std::move(e));
      continue;
    }
    out[id] = *parsed;
  }
  return out;
}

// date (required) and reason (missing = "": the service names it).
void DateAndReason(BodyReader& r, Date& date, std::string& reason) {
  auto d = r.DateField("date");
  if (r.Require("date", d)) date = *d.value;
  reason = r.String("reason").value.value_or("");
}

}  // namespace

Status HouseholdVisible(RequestContext& ctx, int64_t id) {
  storage::SqliteRegistryRepository repo(*ctx.services.db);
  ANJU_TRY(h, repo.FindHousehold(ctx.actor.scope, id));
  if (!h) return NotFound(fmt::format("no household with id {}", id), "id", std::to_string(id), "找不到该搬迁户");
  return {};
}

Status PersonVisible(RequestContext& ctx, int64_t id) {
  storage::SqliteRegistryRepository repo(*ctx.services.db);
  ANJU_TRY(p, repo.FindPerson(ctx.actor.scope, id));
  if (!p) return NotFound(fmt::format("no person with id {}", id), "id", std::to_string(id), "找不到该人员");
  return {};
}

namespace {

RouteResult EventCreated(int64_t event_id) { return Reply::Json(json{{"event_id", event_id}}, 201); }

RouteResult MovePerson(RequestContext& ctx) {
  ANJU_TRY(id, ctx.PathId());
  ANJU_CHECK(PersonVisible(ctx, id));
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  MoveRequest req;
  auto to = r.Int("to_household_id");
  if (r.Require("to_household_id", to)) req.to_household_id = *to.value;
  auto rel = EnumField<Relationship>(r, "relationship", ParseRelationship);
  if (r.Require("relationship", rel)) req.relationship = *rel.value;
  DateAndReason(r, req.date, req.reason);
  ChangeServices s(ctx);
  ANJU_TRY(event_id, WriteWithAllFaults(*ctx.services.db, r, [&] { return s.service.MovePerson(ctx.actor, id, req); }));
  return EventCreated(event_id);
}

// If-Match of a household change, when sent (the web panels send the version they read).
std::expected<std::optional<int64_t>, http::HttpError> OptionalIfMatch(RequestContext& ctx) {
  if (ctx.req.get_header_value("If-Match").empty()) return std::optional<int64_t>();
  auto v = ctx.IfMatchVersion();
  if (!v) return std::unexpected(v.error());
  return std::optional<int64_t>(*v);
}

RouteResult ChangeHead(RequestContext& ctx) {
  ANJU_TRY(id, ctx.PathId());
  ANJU_CHECK(HouseholdVisible(ctx, id));
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  HeadChangeRequest req;
  ANJU_TRY(expected, OptionalIfMatch(ctx));
  req.expected_version = expected;
  auto head = r.Int("new_head_id");
  if (r.Require("new_head_id", head)) req.new_head_id = *head.value;
  req.relationships = Relationships(r, body, "relationships");
  DateAndReason(r, req.date, req.reason);
  ChangeServices s(ctx);
  ANJU_TRY(event_id, WriteWithAllFaults(*ctx.services.db, r, [&] { return s.service.ChangeHead(ctx.actor, id, req); }));
  return EventCreated(event_id);
}

// {decision, housing_unit_id?} of field "housing"; `decision` parses the decision.
template <class D, class Parse>
void Housing(BodyReader& r, const json& body, D& decision, std::optional<int64_t>* unit, Parse parse) {
  if (!r.Known("housing")) return;
  const json& v = body.at("housing");
  if (!v.is_object()) {
    r.Fault(Error{ErrorCode::kInvalidArgument, "housing must be an object {\"decision\": …}",
                  "housing 应为对象 {\"decision\": …}", "housing", "", {}});
    return;
  }
  BodyReader h(v);
  auto d = h.String("decision");
  if (d.value) {
    auto p = parse(*d.value);
    if (!p) r.Fault(p.error());
    else decision = *p;
  }
  if (unit) *unit = h.Int("housing_unit_id").value;
  if (auto f = h.Finish(); !f) {
    Error e = f.error();
    auto prefix = [](Error& x) { x.field = "housing." + x.field; };
    prefix(e);
    for (auto& x : e.details) prefix(x);
    r.Fault(std::move(e));
  }
}

RouteResult Split(RequestContext& ctx) {
  ANJU_TRY(id, ctx.PathId());
  ANJU_CHECK(HouseholdVisible(ctx, id));
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  SplitRequest req;
  ANJU_TRY(expected, OptionalIfMatch(ctx));
  req.expected_version = expected;
  req.household_no = r.String("household_no").value.value_or("");
  if (r.Known("members")) {
    const json& m = body.at("members");
    if (!m.is_array()) {
      r.Fault(Error{ErrorCode::kInvalidArgument, "members must be a list of {person_id, relationship}",
                    "members 应为 {person_id, relationship} 的列表", "members", "", {}});
    } else {
      for (size_t i = 0; i < m.size(); ++i) {
        if (!m[i].is_object()) {
          r.Fault(Error{ErrorCode::kInvalidArgument, "a member is {person_id, relationship}",
                        "成员应为 {person_id, relationship}", fmt::format("members[{}]", i), "", {}});
          continue;
        }
        BodyReader mr(m[i]);
        SplitMember sm;
        auto pid = mr.Int("person_id");
        if (mr.Require("person_id", pid)) sm.person_id = *pid.value;
        auto rel = EnumField<Relationship>(mr, "relationship", ParseRelationship);
        if (mr.Require("relationship", rel)) sm.relationship = *rel.value;
        if (auto f = mr.Finish(); !f) {
          Error e = f.error();
          auto prefix = [&](Error& x) { x.field = fmt::format("members[{}].{}", i, x.field); };
          prefix(e);
          for (auto& x : e.details) prefix(x);
          r.Fault(std::move(e));
          continue;
        }
        req.members.push_back(sm);
      }
    }
  }
  Housing(r, body, req.housing, &req.housing_unit_id, ParseSplitHousing);
  DateAndReason(r, req.date, req.reason);
  ChangeServices s(ctx);
  ANJU_TRY(out, WriteWithAllFaults(*ctx.services.db, r, [&] { return s.service.Split(ctx.actor, id, req); }));
  Reply reply = Reply::Json(json{{"household_id", out.household_id}, {"household_no", out.household_no},
                                 {"event_id", out.event_id}},
                            201);
  reply.headers.emplace_back("Location", fmt::format("/api/v1/households/{}", out.household_id));
  return reply;
}

RouteResult Merge(RequestContext& ctx) {
  ANJU_TRY(id, ctx.PathId());
  ANJU_CHECK(HouseholdVisible(ctx, id));
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  MergeRequest req;
  ANJU_TRY(expected, OptionalIfMatch(ctx));
  req.expected_version = expected;
  auto into = r.Int("into_household_id");
  if (r.Require("into_household_id", into)) req.into_household_id = *into.value;
  req.relationships = Relationships(r, body, "relationships");
  Housing(r, body, req.housing, nullptr, ParseMergeHousing);
  DateAndReason(r, req.date, req.reason);
  ChangeServices s(ctx);
  ANJU_TRY(event_id, WriteWithAllFaults(*ctx.services.db, r, [&] { return s.service.Merge(ctx.actor, id, req); }));
  return EventCreated(event_id);
}

RouteResult ChangePlacement(RequestContext& ctx) {
  ANJU_TRY(id, ctx.PathId());
  ANJU_CHECK(HouseholdVisible(ctx, id));
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  PlacementRequest req;
  ANJU_TRY(expected, OptionalIfMatch(ctx));
  req.expected_version = expected;
  req.site_id = r.Int("site_id").value;
  req.origin_village_id = r.Int("origin_village_id").value;
  // housing_unit_id / grid_id: absent = keep, null = none.
  if (auto u = r.Int("housing_unit_id"); u.present) req.housing_unit_id = u.value;
  if (auto g = r.Int("grid_id"); g.present) req.grid_id = g.value;
  DateAndReason(r, req.date, req.reason);
  ChangeServices s(ctx);
  ANJU_TRY(event_id, WriteWithAllFaults(*ctx.services.db, r, [&] { return s.service.ChangePlacement(ctx.actor, id, req); }));
  return EventCreated(event_id);
}

}  // namespace

void AddHouseholdChangeRoutes(http::Router& r) {
  const Access ses = Access::kSession;
  r.Add("POST", "/api/v1/persons/{id}/move", ses, MovePerson);
  r.Add("POST", "/api/v1/households/{id}/head", ses, ChangeHead);
  r.Add("POST", "/api/v1/households/{id}/split", ses, Split);
  r.Add("POST", "/api/v1/households/{id}/merge", ses, Merge);
  r.Add("POST", "/api/v1/households/{id}/placement", ses, ChangePlacement);
}

}  // namespace anju::registry
