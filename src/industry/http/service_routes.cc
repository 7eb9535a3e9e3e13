// The industry module's services routes (docs/industry.md "Services", docs/api.md): the
// zero-employment alert list and its follow-up, vacancies, job seekers and their services.
#include <fmt/format.h>

#include "core/try.h"
#include "http/json_body.h"
#include "http/reply.h"
#include "http/route_context.h"
#include "industry/http/field_names.h"
#include "industry/http/list_page.h"
#include "industry/http/routes.h"
#include "industry/services.h"
#include "industry/storage/sqlite_services.h"
#include "storage/sqlite.h"

namespace anju::industry {

using namespace anju::http;
using nlohmann::json;

namespace {

json OptDateJson(const std::optional<Date>& d) { return d ? json(FormatIsoDate(*d)) : json(nullptr); }

json TallyJson(const ServiceTally& t) {
  return {{"introduction", t.introduction},
          {"job_offer", t.job_offer},
          {"training_offer", t.training_offer},
          {"follow_up", t.follow_up},
          {"return_home_follow_up", t.return_home_follow_up},
          {"text_en", TallyEn(t)},
          {"text_zh", TallyZh(t)}};
}

json AlertJson(const storage::ZeroAlert& a) {
  json j = {{"household_id", a.household_id},
            {"household_no", a.household_no},
            {"head_name", a.head_name},
            {"site_id", a.site_id},
            {"site_name", a.site_name},
            {"grid_id", a.grid_id ? json(a.grid_id) : json(nullptr)},
            {"grid_name", a.grid_name},
            {"candidates", a.candidates},
            {"in_rule", a.candidates > 0},
            {"open", a.open},
            {"case_id", a.case_id ? json(a.case_id) : json(nullptr)},
            {"case_state", OptText(a.case_state)},
            {"case_version", a.case_id ? json(a.case_version) : json(nullptr)},
            {"due_on", OptDateJson(a.due_on)},
            {"clear_reason", OptText(a.clear_reason)},
            {"cleared_on", OptDateJson(a.cleared_on)}};
  if (!a.members.empty()) {
    json members = json::array();
    for (const auto& m : a.members)
      members.push_back({{"person_id", m.person_id},
                         {"name", m.name},
                         {"relationship", m.relationship},
                         {"age", m.age},
                         {"able_to_work", m.able_to_work},
                         {"wants_work", m.wants_work},
                         {"labour_age", m.labour_age},
                         {"seeker_id", OptInt(m.seeker_id)},
                         {"services", TallyJson(m.tally)}});
    j["members"] = std::move(members);
  }
  return j;
}

json VacancyJson(const storage::Vacancy& x) {
  const NewVacancy& v = x.v;
  return {{"id", x.id},
          {"employer", v.employer},
          {"post", v.post},
          {"channel", v.channel},
          {"monthly_pay_fen", OptInt(v.monthly_pay_fen)},
          {"place", v.place ? json(*v.place) : json(nullptr)},
          {"openings", v.openings},
          {"open_from", FormatIsoDate(v.open_from)},
          {"open_until", OptDateJson(v.open_until)},
          {"site_id", OptInt(v.site_id)},
          {"site_name", x.site_name},
          {"age_min", v.age_min ? json(*v.age_min) : json(nullptr)},
          {"age_max", v.age_max ? json(*v.age_max) : json(nullptr)},
          {"note", v.note},
          {"recorded_by", x.recorded_by},
          {"services", x.services},
          {"version", x.version}};
}

json SeekerJson(const storage::Seeker& s) {
  return {{"id", s.id},
          {"person_id", s.person_id},
          {"household_id", s.household_id},
          {"name", s.name},
          {"household_no", s.household_no},
          {"site_name", s.site_name},
          {"age", s.age},
          {"registered_on", FormatIsoDate(s.registered_on)},
          {"ended_on", OptDateJson(s.ended_on)},
          {"wishes", s.wishes},
          {"wanted_place", s.wanted_place ? json(*s.wanted_place) : json(nullptr)},
          {"min_pay_fen", OptInt(s.min_pay_fen)},
          {"employed", s.employed},
          {"services", TallyJson(s.tally)}};
}

json ServiceJson(const storage::Service& s) {
  return {{"id", s.id},
          {"seeker_id", s.seeker_id},
          {"person_id", s.person_id},
          {"kind", s.kind},
          {"vacancy_id", OptInt(s.vacancy_id)},
          {"vacancy", s.vacancy_label},
          {"given_on", FormatIsoDate(s.given_on)},
          {"outcome", s.outcome},
          {"note", s.note},
          {"by", s.by_name}};
}

Result<Date> AsOf(RequestContext& ctx) {
  ANJU_TRY(d, ctx.QueryAsOf());
  return d.value_or(TodayInChina());
}

RouteResult ListAlerts(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"as_of", "site_id", "grid_id", "limit", "cursor"}));
  ANJU_TRY(as_of, AsOf(ctx));
  ANJU_TRY(site, ctx.QueryInt("site_id", 1, INT64_MAX));
  ANJU_TRY(grid, ctx.QueryInt("grid_id", 1, INT64_MAX));
  ANJU_TRY(list, storage::ZeroEmploymentAlerts(*ctx.services.db, ctx.actor, as_of, {.site_id = site, .grid_id = grid}));
  int64_t open = 0;
  for (const auto& a : list) open += a.open ? 1 : 0;
  ANJU_TRY(page, PageOf(ctx, fmt::format("zero-employment|{}|{}|{}", FormatIsoDate(as_of), site.value_or(0), grid.value_or(0)),
                        std::move(list)));
  json items = json::array();
  for (const auto& a : page.items) items.push_back(AlertJson(a));
  json j = PageJson(std::move(items), page.next_cursor, page.total);
  j["as_of"] = FormatIsoDate(as_of);
  j["open"] = open;  // of the whole list, as total
  return Reply::Json(j);
}

RouteResult GetAlert(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"as_of"}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(as_of, AsOf(ctx));
  ANJU_TRY(a, storage::ZeroEmploymentHousehold(*ctx.services.db, ctx.actor, id, as_of));
  json j = AlertJson(a);
  j["as_of"] = FormatIsoDate(as_of);
  return Reply::Json(j);
}

Result<storage::NewService> ParseService(BodyReader& r) {
  storage::NewService s;
  auto kind = r.String("kind");
  auto outcome = r.String("outcome");
  auto vacancy = r.Int("vacancy_id");
  auto on = r.DateField("given_on");
  auto note = Text(r, "note");
  r.Require("kind", kind);
  r.Require("given_on", on);
  // Faults stay in `r`: the route's WriteNamed lists them with the service's.
  s.kind = kind.value.value_or("");
  s.outcome = outcome.value.value_or("pending");
  s.vacancy_id = vacancy.value;
  s.given_on = on.value.value_or(kMissingDate);
  s.note = note.value.value_or("");
  return s;
}

// POST /api/v1/zero-employment/{id}/services {person_id, kind, outcome, vacancy_id?, given_on, note}
RouteResult AlertService(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(hid, ctx.PathId());
  if (!ctx.actor.CanRecordJobs())
    return PermissionDenied("your role may not follow up zero-employment households (jobs.record)",
                            "您的角色无权跟进零就业家庭（jobs.record）");
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  auto person = r.Int("person_id");
  r.Require("person_id", person);
  ANJU_TRY(s, ParseService(r));
  const Date today = TodayInChina();
  ANJU_TRY(a, storage::ZeroEmploymentHousehold(*ctx.services.db, ctx.actor, hid, today));
  ANJU_TRY(id, WriteNamed(*ctx.services.db, r, [&]() -> Result<int64_t> {
    if (!person.value) return InvalidArgument("person_id is required", "person_id", "", "请选择人员");
    bool member = false;
    for (const auto& m : a.members) member = member || m.person_id == *person.value;
    if (!member)
      return InvalidArgument("person_id: the person is not a member of this household; choose one of its members",
                             "person_id", std::to_string(*person.value), "人员（person_id）不是该户成员：请选择该户的成员");
    return storage::AddServiceToPerson(*ctx.services.db, ctx.actor, *person.value, s, today);
  }));
  return Reply::Json({{"id", id}}, 201);
}

// POST /api/v1/zero-employment/cases/{id}/clear {reason, date?, note} (If-Match: the case's version)
RouteResult ClearCase(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  auto version = ctx.IfMatchVersion();
  if (!version) return std::unexpected(version.error());
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  auto reason = EnumField<ClearReason>(r, "reason", ParseClearReason);
  auto on = r.DateField("date");
  auto note = Text(r, "note");
  r.Require("reason", reason);
  const ClearReason why = reason.value.value_or(ClearReason::kEmployed);  // a refused reason: its fault
  ANJU_TRY(v, WriteNamed(*ctx.services.db, r, [&] {
    return storage::ClearZeroEmployment(*ctx.services.db, ctx.actor, id, why, on.value.value_or(TodayInChina()),
                                        note.value.value_or(""), *version);
  }));
  Reply rep = Reply::Json({{"case_id", id}, {"version", v}, {"reason", ClearReasonName(why)}});
  rep.headers.emplace_back("ETag", EtagFor(v));
  return rep;
}

RouteResult ListVacancies(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"as_of", "site_id", "all", "limit", "cursor"}));
  ANJU_TRY(as_of, AsOf(ctx));
  ANJU_TRY(site, ctx.QueryInt("site_id", 1, INT64_MAX));
  ANJU_TRY(all, ctx.QueryBool("all"));
  ANJU_TRY(list, storage::ListVacancies(*ctx.services.db, as_of, site, all.value_or(false)));
  ANJU_TRY(page, PageOf(ctx, fmt::format("vacancies|{}|{}|{}", FormatIsoDate(as_of), site.value_or(0), all.value_or(false)),
                        std::move(list)));
  json items = json::array();
  for (const auto& v : page.items) items.push_back(VacancyJson(v));
  json j = PageJson(std::move(items), page.next_cursor, page.total);
  j["as_of"] = FormatIsoDate(as_of);
  return Reply::Json(j);
}

RouteResult CreateVacancy(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  NewVacancy v;
  auto employer = Text(r, "employer");
  auto post = Text(r, "post");
  auto channel = r.String("channel");
  auto pay = MonthlyFen(r, "monthly_pay_fen");
  auto place = r.String("place");
  auto openings = r.Int("openings");
  auto from = r.DateField("open_from");
  auto until = r.DateField("open_until");
  auto site = r.Int("site_id");
  auto age_min = r.Int("age_min");
  auto age_max = r.Int("age_max");
  auto note = Text(r, "note");
  r.Require("employer", employer);
  r.Require("post", post);
  r.Require("openings", openings);
  r.Require("open_from", from);
  v.employer = employer.value.value_or("");
  v.post = post.value.value_or("");
  v.channel = channel.value.value_or("enterprise");
  v.monthly_pay_fen = pay.value;
  v.place = place.value;
  v.openings = openings.value.value_or(0);
  v.open_from = from.value.value_or(kMissingDate);
  v.open_until = until.value;
  v.site_id = site.value;
  if (age_min.value) v.age_min = static_cast<int>(std::clamp<int64_t>(*age_min.value, -1, 1000));
  if (age_max.value) v.age_max = static_cast<int>(std::clamp<int64_t>(*age_max.value, -1, 1000));
  v.note = note.value.value_or("");
  ANJU_TRY(id, WriteNamed(*ctx.services.db, r, [&] { return storage::CreateVacancy(*ctx.services.db, ctx.actor, v); }));
  ANJU_TRY(got, storage::GetVacancy(*ctx.services.db, id));
  Reply rep = Reply::Json(VacancyJson(*got), 201);
  rep.headers.emplace_back("Location", fmt::format("/api/v1/vacancies/{}", id));
  return rep;
}

RouteResult GetVacancy(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(got, storage::GetVacancy(*ctx.services.db, id));
  if (!got) return NotFound("no such vacancy", "id", std::to_string(id), "没有这个岗位");
  return Reply::Json(VacancyJson(*got));
}

RouteResult Matches(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"as_of"}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(as_of, AsOf(ctx));
  ANJU_TRY(list, storage::VacancyMatches(*ctx.services.db, ctx.actor, id, as_of));
  json items = json::array();
  for (const auto& s : list) items.push_back(SeekerJson(s));
  return Reply::Json({{"as_of", FormatIsoDate(as_of)}, {"vacancy_id", id}, {"items", std::move(items)}});
}

RouteResult ListSeekers(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"as_of", "site_id", "limit", "cursor"}));
  ANJU_TRY(as_of, AsOf(ctx));
  ANJU_TRY(site, ctx.QueryInt("site_id", 1, INT64_MAX));
  ANJU_TRY(list, storage::ListSeekers(*ctx.services.db, ctx.actor, as_of, site));
  ANJU_TRY(page, PageOf(ctx, fmt::format("job-seekers|{}|{}", FormatIsoDate(as_of), site.value_or(0)), std::move(list)));
  json items = json::array();
  for (const auto& s : page.items) items.push_back(SeekerJson(s));
  json j = PageJson(std::move(items), page.next_cursor, page.total);
  j["as_of"] = FormatIsoDate(as_of);
  return Reply::Json(j);
}

RouteResult CreateSeeker(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  auto person = r.Int("person_id");
  auto on = r.DateField("registered_on");
  auto wishes = Text(r, "wishes");
  auto place = r.String("wanted_place");
  auto pay = MonthlyFen(r, "min_pay_fen");
  r.Require("person_id", person);
  const Date today = TodayInChina();
  ANJU_TRY(id, WriteNamed(*ctx.services.db, r, [&] {
    return storage::RegisterSeeker(*ctx.services.db, ctx.actor,
                                   {.person_id = person.value.value_or(0), .registered_on = on.value.value_or(today),
                                    .wishes = wishes.value.value_or(""), .wanted_place = place.value,
                                    .min_pay_fen = pay.value});
  }));
  ANJU_TRY(s, storage::GetSeeker(*ctx.services.db, ctx.actor, id, today));
  return Reply::Json(SeekerJson(s), 201);
}

RouteResult GetSeeker(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(s, storage::GetSeeker(*ctx.services.db, ctx.actor, id, TodayInChina()));
  return Reply::Json(SeekerJson(s));
}

RouteResult ListServices(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(seeker, storage::GetSeeker(*ctx.services.db, ctx.actor, id, TodayInChina()));
  ANJU_TRY(list, storage::SeekerServices(*ctx.services.db, ctx.actor, id));
  json items = json::array();
  for (const auto& s : list) items.push_back(ServiceJson(s));
  return Reply::Json({{"seeker", SeekerJson(seeker)}, {"items", std::move(items)}});
}

RouteResult AddService(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  ANJU_TRY(s, ParseService(r));
  ANJU_TRY(sid, WriteNamed(*ctx.services.db, r, [&] { return storage::AddService(*ctx.services.db, ctx.actor, id, s, TodayInChina()); }));
  return Reply::Json({{"id", sid}}, 201);
}

}  // namespace

void AddServiceRoutes(http::Router& r) {
  const Access ses = Access::kSession;
  r.Add("GET", "/api/v1/zero-employment", ses, ListAlerts);
  r.Add("GET", "/api/v1/zero-employment/{id}", ses, GetAlert);
  r.Add("POST", "/api/v1/zero-employment/{id}/services", ses, AlertService);
  r.Add("POST", "/api/v1/zero-employment/cases/{id}/clear", ses, ClearCase);
  r.Add("GET", "/api/v1/vacancies", ses, ListVacancies);
  r.Add("POST", "/api/v1/vacancies", ses, CreateVacancy);
  r.Add("GET", "/api/v1/vacancies/{id}", ses, GetVacancy);
  r.Add("GET", "/api/v1/vacancies/{id}/matches", ses, Matches);
  r.Add("GET", "/api/v1/job-seekers", ses, ListSeekers);
  r.Add("POST", "/api/v1/job-seekers", ses, CreateSeeker);
  r.Add("GET", "/api/v1/job-seekers/{id}", ses, GetSeeker);
  r.Add("GET", "/api/v1/job-seekers/{id}/services", ses, ListServices);
  r.Add("POST", "/api/v1/job-seekers/{id}/services", ses, AddService);
}

}  // namespace anju::industry
