// Route handlers of casework: parse -> one service call -> map. See routes.h and docs/api.md.
#include "casework/http/routes.h"

#include <fmt/format.h>

#include "auth/http/routes.h"
#include "casework/storage/sqlite_casework.h"
#include "storage/sqlite.h"
#include "core/try.h"
#include "http/all_faults.h"
#include "http/json_body.h"
#include "http/paging.h"
#include "http/reply.h"
#include "http/route_context.h"

namespace anju::casework {

using namespace anju::http;  // RequestContext, RouteResult, Reply, PageJson …
using nlohmann::json;

namespace {

json OptDate(const std::optional<Date>& d) { return d ? json(FormatIsoDate(*d)) : json(nullptr); }

json TransitionSpecJson(const TransitionSpec& t) {
  return {{"name", t.name}, {"from", t.from}, {"to", t.to}, {"label_zh", t.label_zh},
          {"label_en", t.label_en}, {"note_required", t.note_required},
          {"evidence_required", t.evidence_required}};
}

json CaseJson(const CaseView& v) {
  const Case& c = v.c;
  json j{{"id", c.id},
         {"kind", c.kind},
         {"state", c.state},
         {"title", c.title},
         {"subject_entity", c.subject_entity},
         {"subject_id", c.subject_id},
         {"household_id", c.household_id ? json(*c.household_id) : json(nullptr)},
         {"household_no", c.household_no.empty() ? json(nullptr) : json(c.household_no)},
         {"opened_by_name", c.opened_by_name},
         {"assignee_name", c.assignee_name.empty() ? json(nullptr) : json(c.assignee_name)},
         {"origin_township_code", c.place.origin_township_code},
         {"site_id", c.place.site_id},
         {"site_township_code", c.place.site_township_code},
         {"grid_id", c.place.grid_id},
         {"holder_level", c.holder_level},
         {"supervising_level", c.supervising_level.empty() ? json(nullptr) : json(c.supervising_level)},
         {"assignee_user_id", c.assignee_user_id ? json(*c.assignee_user_id) : json(nullptr)},
         {"opened_on", FormatIsoDate(c.opened_on)},
         {"opened_by", c.opened_by},
         {"state_since", FormatIsoDate(c.state_since)},
         {"due_on", OptDate(c.due_on)},
         {"escalation_level", c.escalation_level},
         {"closed_on", OptDate(c.closed_on)},
         {"details", json::parse(c.details, nullptr, false)},
         {"version", c.version},
         {"overdue", v.overdue},
         {"near", v.near},
         {"supervised", v.supervised}};
  if (j["details"].is_discarded()) j["details"] = json::object();
  if (const CaseType* t = FindCaseType(c.kind)) {
    j["kind_label_zh"] = t->label_zh;
    j["kind_label_en"] = t->label_en;
    for (const auto& s : t->states)
      if (s.name == c.state) {
        j["state_label_zh"] = s.label_zh;
        j["state_label_en"] = s.label_en;
      }
  }
  return j;
}

json NotificationJson(const Notification& n) {
  return {{"id", n.id}, {"kind", n.kind}, {"title", n.title}, {"body", n.body},
          {"entity", n.entity}, {"entity_id", n.entity_id}, {"created_at", n.created_at},
          {"read_at", n.read_at ? json(*n.read_at) : json(nullptr)}};
}

json SettingJson(const SettingValue& v) {
  json j{{"key", v.spec.key},
         {"type", v.spec.type == SettingType::kInteger ? "integer" : "list"},
         {"default", v.spec.default_value},
         {"value", v.value},
         {"unit", v.spec.unit},
         {"source", v.spec.source},
         {"source_zh", v.spec.source_zh},
         {"label_zh", v.spec.label_zh},
         {"label_en", v.spec.label_en},
         {"overridden", v.override_.has_value()}};
  if (v.spec.type == SettingType::kInteger) {
    j["min"] = v.spec.min;
    j["max"] = v.spec.max;
  } else {
    j["allowed"] = v.spec.allowed;
  }
  if (v.override_)
    j["override"] = {{"value", v.override_->value}, {"source", v.override_->source},
                     {"set_by", v.override_->set_by}, {"set_at", v.override_->set_at}};
  return j;
}

CaseService Service(RequestContext& ctx) { return MakeCaseService(*ctx.services.db); }

// ---- calendar --------------------------------------------------------------------------------

Result<int> PathYear(RequestContext& ctx) {
  ANJU_TRY(y, ctx.PathId("year"));
  if (y < 1900 || y > 2200)
    return NotFound("no such year (1900–2200)", "year", std::to_string(y), "年份应在1900–2200之间");
  return static_cast<int>(y);
}

json DaysJson(int year, const std::vector<CalendarDay>& days) {
  json items = json::array();
  for (const auto& d : days)
    items.push_back({{"day", FormatIsoDate(d.day)}, {"kind", DayKindName(d.kind)},
                     {"name", d.name}, {"source", d.source}});
  return {{"year", year}, {"items", std::move(items)}};
}

RouteResult GetCalendar(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(year, PathYear(ctx));
  ANJU_TRY(days, CalendarYear(*ctx.services.db, year));
  return Reply::Json(DaysJson(year, days));
}

RouteResult PutCalendar(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(year, PathYear(ctx));
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  std::vector<CalendarDay> days;
  if (!r.Known("days") || !body["days"].is_array()) {
    r.Fault(InvalidArgument("days must be an array of {day, kind, name}", "days", "",
                            "days 应为 {day, kind, name} 的数组").error());
  } else {
    const auto& arr = body["days"];
    for (size_t i = 0; i < arr.size(); ++i) {
      const json& d = arr[i];
      const std::string at = fmt::format("days[{}]", i);
      if (!d.is_object() || !d.contains("day") || !d["day"].is_string() || !d.contains("kind") ||
          !d["kind"].is_string()) {
        r.Fault(InvalidArgument("each day needs day (YYYY-MM-DD) and kind (holiday|workday)", at,
                                d.dump(), "每项须有 day（YYYY-MM-DD）和 kind（holiday|workday）")
                    .error());
        continue;
      }
      auto day = ParseIsoDate(d["day"].get<std::string>(), at + ".day");
      auto kind = ParseDayKind(d["kind"].get<std::string>());
      if (!day) r.Fault(day.error());
      if (!kind) {
        Error e = kind.error();
        e.field = at + ".kind";
        r.Fault(std::move(e));
      }
      if (!day || !kind) continue;
      std::string name = d.contains("name") && d["name"].is_string() ? d["name"].get<std::string>() : "";
      std::string source = d.contains("source") && d["source"].is_string()
                               ? d["source"].get<std::string>()
                               : "entered by " + ctx.actor.username;
      days.push_back({*day, *kind, name, source});
    }
  }
  ANJU_CHECK(WriteWithAllFaults(*ctx.services.db, r, [&] { return PutCalendarYear(*ctx.services.db, ctx.actor, year, days); }));
  ANJU_TRY(now, CalendarYear(*ctx.services.db, year));
  return Reply::Json(DaysJson(year, now));
}

// ---- settings --------------------------------------------------------------------------------

RouteResult ListSettings(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(s, LoadSettings(*ctx.services.db));
  json items = json::array();
  for (const auto& v : s.All()) items.push_back(SettingJson(v));
  return Reply::Json(json{{"items", std::move(items)}});
}

RouteResult PutSettingRoute(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  auto it = ctx.params.find("key");
  const std::string key = it == ctx.params.end() ? "" : it->second;
  if (ctx.actor.role != Role::kCountyAdmin)
    return std::unexpected(HttpError(
        PermissionDenied("only a county admin changes settings", "只有县管理员可以修改设置").error()));
  if (!FindSetting(key))
    return std::unexpected(HttpError(NotFound("no such setting; GET /api/v1/settings lists them",
                                              "key", key, "没有这个设置项").error()));
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  auto value = r.String("value");
  auto source = r.String("source");
  r.Require("value", value);
  ANJU_TRY(v, WriteWithAllFaults(*ctx.services.db, r, [&] {
    return PutSetting(*ctx.services.db, ctx.actor, key, value.value.value_or(""), source.value.value_or(""));
  }));
  return Reply::Json(SettingJson(v));
}

// ---- cases -----------------------------------------------------------------------------------

RouteResult Queue(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(list, Service(ctx).Queue(ctx.actor));
  json items = json::array();
  for (const auto& v : list) items.push_back(CaseJson(v));
  return Reply::Json(PageJson(std::move(items), ""));
}

RouteResult ListCases(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"kind", "state", "household_id", "overdue", "open", "township",
                                  "limit", "cursor"}));
  CaseFilter f;
  if (auto v = ctx.Query("kind")) f.kind = *v;
  if (auto v = ctx.Query("state")) f.state = *v;
  if (auto v = ctx.Query("township")) f.township = *v;
  ANJU_TRY(hh, ctx.QueryInt("household_id", 1, INT64_MAX));
  ANJU_TRY(overdue, ctx.QueryBool("overdue"));
  ANJU_TRY(open, ctx.QueryBool("open"));
  ANJU_TRY(page, ParsePage(ctx, "cases"));
  f.household_id = hh;
  f.overdue = overdue;
  f.open = open;
  f.limit = page.limit;
  if (!page.cursor.empty()) {
    auto after = ParseQueryInt("cursor", page.cursor, 0, INT64_MAX);
    if (!after) return std::unexpected(HttpError(after.error()));
    f.after_id = *after;
  }
  ANJU_TRY(list, Service(ctx).List(ctx.actor, f));
  json items = json::array();
  for (const auto& v : list) items.push_back(CaseJson(v));
  std::string next;
  if (static_cast<int>(list.size()) == f.limit && !list.empty())
    next = SealCursor("cases", std::to_string(list.back().c.id));
  return Reply::Json(PageJson(std::move(items), next));
}

RouteResult GetCase(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(d, Service(ctx).Get(ctx.actor, id));
  json j = CaseJson(d.view);
  json tr = json::array();
  for (const auto& t : d.transitions)
    tr.push_back({{"id", t.id}, {"transition", t.transition}, {"from_state", t.from_state},
                  {"to_state", t.to_state}, {"on_date", FormatIsoDate(t.on_date)}, {"at", t.at},
                  {"user_id", t.user_id}, {"username", t.username}, {"note", t.note},
                  {"due_on", OptDate(t.due_on)}});
  json actions = json::array();
  const CaseType* type = FindCaseType(d.view.c.kind);
  if (type && !type->own_route.empty()) j["own_route"] = std::string(type->own_route);
  else
    for (const TransitionSpec* a : d.actions) actions.push_back(TransitionSpecJson(*a));
  j["transitions"] = std::move(tr);
  j["actions"] = std::move(actions);
  return WithEtag(Reply::Json(j), d.view.c.version);
}

RouteResult CreateCase(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  auto kind = r.String("kind");
  auto title = r.String("title");
  auto household = r.Int("household_id");
  auto township = r.String("township_code");
  auto site = r.Int("site_id");
  auto due = r.DateField("due_on");
  auto assignee = r.Int("assignee_user_id");
  const bool has_details = r.Known("details");
  r.Require("kind", kind);
  r.Require("title", title);
  if (has_details && !body["details"].is_object())
    r.Fault(InvalidArgument("details must be a JSON object", "details", body["details"].dump(),
                            "details 应为 JSON 对象").error());
  if (!household.present && !township.present && !site.present)
    r.Fault(InvalidArgument("say what the case is about: household_id, site_id or township_code",
                            "household_id", "", "请填写事项所涉的户（household_id）、安置点或乡镇")
                .error());
  // The place lookups and the service's checks run on what parsed (all_faults.h).
  auto open = [&]() -> Result<Case> {
    OpenCase o{.kind = kind.value.value_or(""), .title = title.value.value_or("")};
    if (household.value) {
      ANJU_TRY(place, HouseholdPlace(*ctx.services.db, *household.value));
      if (!place || !ScopeCovers(ctx.actor.scope, *place))
        return NotFound("no such household", "household_id", std::to_string(*household.value), "没有这个户");
      o.subject_entity = "household";
      o.subject_id = *household.value;
      o.household_id = household.value;
      o.place = *place;
    } else if (site.value) {
      o.subject_entity = "site";
      o.subject_id = *site.value;
      // A site's place: the site and its township (docs/casework.md "Scope").
      ANJU_TRY(st, ctx.services.db->Prepare("SELECT township_code FROM sites WHERE id = ?"));
      st.Bind(1, *site.value);
      ANJU_TRY(row, st.Step());
      if (!row) return NotFound("no such site", "site_id", std::to_string(*site.value), "没有这个安置点");
      o.place = Place{.site_id = *site.value, .site_township_code = st.ColumnText(0)};
    } else {
      o.subject_entity = "township";
      o.place = Place{.origin_township_code = township.value.value_or(""),
                      .site_township_code = township.value.value_or("")};
    }
    if (has_details && body["details"].is_object()) o.details = body["details"].dump();
    o.due_on = due.value;
    o.assignee_user_id = assignee.value;
    return Service(ctx).Open(ctx.actor, o, /*manual=*/true);
  };
  ANJU_TRY(c, WriteWithAllFaults(*ctx.services.db, r, open));
  ANJU_TRY(d, Service(ctx).Get(ctx.actor, c.id));
  json j = CaseJson(d.view);
  return Created(j, fmt::format("/api/v1/cases/{}", c.id), c.version);
}

RouteResult TakeTransitionRoute(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  auto version = ctx.IfMatchVersion();
  if (!version) return std::unexpected(version.error());
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  auto transition = r.String("transition");
  auto note = r.String("note");
  auto assignee = r.Int("assignee_user_id");
  r.Require("transition", transition);
  {
    ANJU_TRY(cur, Service(ctx).Get(ctx.actor, id));  // 404 outside the scope first
    const CaseType* type = FindCaseType(cur.view.c.kind);
    if (type && !type->own_route.empty())
      return Conflict(fmt::format("a {} case takes its steps on {} (its module's rules)",
                                  type->label_en, type->own_route),
                      "transition", transition.value.value_or(""),
                      fmt::format("“{}”须在 {} 办理（按其模块的规则）", type->label_zh,
                                  type->own_route));
  }
  ANJU_TRY(c, WriteWithAllFaults(*ctx.services.db, r, [&] {
    return Service(ctx).Transition(ctx.actor, {.case_id = id,
                                               .transition = transition.value.value_or(""),
                                               .note = note.value.value_or(""),
                                               .expected_version = *version,
                                               .assignee_user_id = assignee.value});
  }));
  ANJU_TRY(d, Service(ctx).Get(ctx.actor, c.id));
  return WithEtag(Reply::Json(CaseJson(d.view)), c.version);
}

// ---- inbox -----------------------------------------------------------------------------------

RouteResult Inbox(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"unread", "limit", "cursor"}));
  ANJU_TRY(unread, ctx.QueryBool("unread"));
  ANJU_TRY(page, ParsePage(ctx, "inbox"));
  int64_t before = 0;
  if (!page.cursor.empty()) {
    auto b = ParseQueryInt("cursor", page.cursor, 0, INT64_MAX);
    if (!b) return std::unexpected(HttpError(b.error()));
    before = *b;
  }
  ANJU_TRY(list, ListInbox(*ctx.services.db, ctx.actor.user_id, unread.value_or(false),
                           page.limit, before));
  ANJU_TRY(count, UnreadCount(*ctx.services.db, ctx.actor.user_id));
  json items = json::array();
  for (const auto& n : list) items.push_back(NotificationJson(n));
  std::string next;
  if (static_cast<int>(list.size()) == page.limit && !list.empty())
    next = SealCursor("inbox", std::to_string(list.back().id));
  json j = PageJson(std::move(items), next);
  j["unread"] = count;
  return Reply::Json(j);
}

RouteResult ReadOne(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_CHECK(MarkRead(*ctx.services.db, ctx.actor.user_id, id));
  ANJU_TRY(count, UnreadCount(*ctx.services.db, ctx.actor.user_id));
  return Reply::Json(json{{"id", id}, {"unread", count}});
}

RouteResult ReadAll(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(n, MarkAllRead(*ctx.services.db, ctx.actor.user_id));
  return Reply::Json(json{{"marked", n}, {"unread", int64_t{0}}});
}

}  // namespace

void AddRoutes(http::Router& r) {
  // The session's unread count (GET /api/v1/session "inbox_unread").
  auth::SetSessionExtra("inbox_unread", [](RequestContext& ctx, int64_t user_id,
                                           json& session) -> Status {
    if (user_id <= 0) return {};
    ANJU_TRY(n, UnreadCount(*ctx.services.db, user_id));
    session["inbox_unread"] = n;
    return {};
  });
  const Access ses = Access::kSession;
  r.Add("GET", "/api/v1/calendar/{year}", ses, GetCalendar);
  r.Add("PUT", "/api/v1/calendar/{year}", ses, PutCalendar);
  r.Add("GET", "/api/v1/settings", ses, ListSettings);
  r.Add("PUT", "/api/v1/settings/{key}", ses, PutSettingRoute);
  r.Add("GET", "/api/v1/cases/queue", ses, Queue);
  r.Add("GET", "/api/v1/cases", ses, ListCases);
  r.Add("POST", "/api/v1/cases", ses, CreateCase);
  r.Add("GET", "/api/v1/cases/{id}", ses, GetCase);
  r.Add("POST", "/api/v1/cases/{id}/transitions", ses, TakeTransitionRoute);
  r.Add("GET", "/api/v1/inbox", ses, Inbox);
  r.Add("POST", "/api/v1/inbox/read-all", ses, ReadAll);
  r.Add("POST", "/api/v1/inbox/{id}/read", ses, ReadOne);
}

}  // namespace anju::casework
