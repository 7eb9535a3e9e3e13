// The industry module's jobs routes (docs/industry.md "Jobs", docs/api.md "Jobs"):
//   GET  /api/v1/persons/{id}/jobs            every job of the person (voided too)
//   POST /api/v1/persons/{id}/jobs            record a job (jobs.record)
//   GET  /api/v1/households/{id}/jobs?as_of=D the members' jobs current on D (default today)
//   GET  /api/v1/jobs?site_id=&channel=&as_of=&person_id=&household_id=&voided=&limit=&cursor=
//   GET  /api/v1/jobs/{id}                    one job, ETag = version
//   PATCH /api/v1/jobs/{id}                   If-Match: version
//   POST /api/v1/jobs/{id}/end  {ended_on, reason}   (If-Match optional)
//   POST /api/v1/jobs/{id}/void {reason}             (If-Match optional)
#include <fmt/format.h>

#include "core/try.h"
#include "http/json_body.h"
#include "http/paging.h"
#include "http/reply.h"
#include "http/route_context.h"
#include "http/router.h"
#include "industry/http/field_names.h"
#include "industry/http/routes.h"
#include "industry/jobs.h"
#include "industry/storage/sqlite_jobs.h"
#include "storage/sqlite.h"

namespace anju::industry {

using namespace anju::http;
using nlohmann::json;

namespace {

struct Svc {
  static Result<std::unique_ptr<Svc>> Make(RequestContext& ctx) {
    ANJU_TRY(age_min, storage::LaborAgeMin(*ctx.services.db));
    return std::make_unique<Svc>(ctx, age_min);
  }
  Svc(RequestContext& ctx, int age_min) : repo(*ctx.services.db), svc(repo, age_min) {}
  storage::SqliteJobRepository repo;
  JobService svc;
};

json JobJson(const Job& j, Date today) {
  return {{"id", j.id},
          {"person_id", j.person_id},
          {"person_name", j.person_name},
          {"household_id", j.household_id},
          {"household_no", j.household_no},
          {"site_id", j.site_id},
          {"channel", ChannelName(j.in.channel)},
          {"channel_zh", ChannelLabelZh(j.in.channel)},
          {"channel_en", ChannelLabelEn(j.in.channel)},
          {"employer", j.in.employer},
          {"workshop_id", OptInt(j.in.workshop_id)},
          {"park_id", OptInt(j.in.park_id)},
          {"post_holding_id", OptInt(j.post_holding_id)},
          {"place", j.in.place ? json(WorkPlaceName(*j.in.place)) : json(nullptr)},
          {"place_zh", j.in.place ? json(WorkPlaceLabelZh(*j.in.place)) : json(nullptr)},
          {"place_en", j.in.place ? json(WorkPlaceLabelEn(*j.in.place)) : json(nullptr)},
          {"work_county", j.in.work_county},
          {"started_on", FormatIsoDate(j.in.started_on)},
          {"ended_on", j.in.ended_on ? json(FormatIsoDate(*j.in.ended_on)) : json(nullptr)},
          {"end_reason", OptText(j.in.end_reason)},
          {"monthly_income_fen", OptInt(j.in.monthly_income_fen)},
          {"months_per_year", j.in.months_per_year ? json(*j.in.months_per_year) : json(nullptr)},
          {"note", j.in.note},
          {"source", j.source},
          {"recorded_by", j.recorded_by},
          {"recorded_at", j.recorded_at},
          {"voided_at", OptText(j.voided_at)},
          {"void_reason", OptText(j.void_reason)},
          {"current", j.CurrentOn(today)},
          {"version", j.version}};
}

json Items(const std::vector<Job>& jobs, Date today) {
  json items = json::array();
  for (const Job& j : jobs) items.push_back(JobJson(j, today));
  return items;
}

// The optional integer `name` in 0..max; null sets `cleared`.
void OptionalInt(BodyReader& r, std::string_view name, int64_t max, std::optional<int64_t>& out, bool& cleared) {
  auto f = r.Int(name);
  cleared = f.IsNull();
  if (!f.value) return;
  if (*f.value < 0 || *f.value > max) {
    r.Fault(InvalidArgument(fmt::format("{} must be between 0 and {}", name, max), std::string(name),
                            std::to_string(*f.value), fmt::format("{}（{}）须在 0 到 {} 之间：请改正", IndustryField(name) ? IndustryField(name)->zh : "该项", name, max))
                .error());
    return;
  }
  out = *f.value;
}

// Fields of a job body, shared by record (all required ones) and patch (present ones). Faults
// stay in `r` (the route's WriteNamed lists them with the service's).
JobPatch ReadJobFields(BodyReader& r, bool require) {
  JobPatch p;
  auto channel = EnumField<Channel>(r, "channel", ParseChannel);
  auto place = EnumField<WorkPlace>(r, "place", ParseWorkPlace);
  auto employer = Text(r, "employer");
  auto county = Text(r, "work_county");
  auto note = Text(r, "note");
  auto started = r.DateField("started_on");
  auto ended = r.DateField("ended_on");
  auto end_reason = Text(r, "end_reason");
  std::optional<int64_t> months;
  OptionalInt(r, "workshop_id", INT64_MAX, p.workshop_id, p.clear_workshop);
  OptionalInt(r, "park_id", INT64_MAX, p.park_id, p.clear_park);
  auto income = MonthlyFen(r, "monthly_income_fen");  // 0 to kMaxMonthlyFen (core/plausible.h)
  p.monthly_income_fen = income.value;
  p.clear_income = income.IsNull();
  OptionalInt(r, "months_per_year", 12, months, p.clear_months);
  if (require) {
    r.Require("channel", channel);
    r.Require("started_on", started);
  }
  p.channel = channel.value;
  p.place = place.value;
  p.clear_place = place.IsNull();
  p.employer = employer.value;
  p.work_county = county.value;
  p.note = note.value;
  p.started_on = started.value;
  p.ended_on = ended.value;
  p.clear_ended_on = ended.IsNull();
  p.end_reason = end_reason.value;
  if (months) p.months_per_year = static_cast<int>(*months);
  return p;
}

JobInput InputOf(const JobPatch& p) {
  JobInput in;
  in.channel = p.channel.value_or(Channel::kOther);  // a refused channel: its fault, no rule of a channel
  in.employer = p.employer.value_or("");
  in.workshop_id = p.workshop_id;
  in.park_id = p.park_id;
  in.place = p.place;
  in.work_county = p.work_county.value_or("");
  in.started_on = p.started_on.value_or(kMissingDate);
  in.ended_on = p.ended_on;
  in.end_reason = p.end_reason.value_or("");
  in.monthly_income_fen = p.monthly_income_fen;
  in.months_per_year = p.months_per_year;
  in.note = p.note.value_or("");
  return in;
}

// If-Match when given (end/void accept a missing one).
Result<std::optional<int64_t>> OptionalIfMatch(RequestContext& ctx) {
  if (ctx.req.get_header_value("If-Match").empty()) return std::optional<int64_t>{};
  auto v = ctx.IfMatchVersion();
  if (!v) return InvalidArgument("If-Match is not a version", "If-Match", ctx.req.get_header_value("If-Match"),
                                 "If-Match 不是版本号");
  return std::optional<int64_t>{*v};
}

RouteResult PersonJobs(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(s, Svc::Make(ctx));
  ANJU_TRY(jobs, s->svc.OfPerson(ctx.actor, id));
  const Date today = TodayInChina();
  return Reply::Json({{"person_id", id}, {"items", Items(jobs, today)}});
}

RouteResult RecordJob(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(body, Body(ctx));
  BodyReader reader(body);
  const JobPatch fields = ReadJobFields(reader, true);
  ANJU_TRY(s, Svc::Make(ctx));
  const Date today = TodayInChina();
  ANJU_TRY(j, WriteNamed(*ctx.services.db, reader, [&] { return s->svc.Record(ctx.actor, id, InputOf(fields), today); }));
  Reply r = WithEtag(Reply::Json(JobJson(j, today), 201), j.version);
  r.headers.emplace_back("Location", fmt::format("/api/v1/jobs/{}", j.id));
  return r;
}

RouteResult HouseholdJobs(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"as_of"}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(as_of_q, ctx.QueryAsOf());
  const Date today = TodayInChina();
  const Date as_of = as_of_q.value_or(today);
  ANJU_TRY(s, Svc::Make(ctx));
  ANJU_TRY(jobs, s->svc.OfHousehold(ctx.actor, id, as_of));
  return Reply::Json({{"household_id", id}, {"as_of", FormatIsoDate(as_of)}, {"items", Items(jobs, as_of)}});
}

RouteResult ListJobs(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames(
      {"site_id", "channel", "as_of", "person_id", "household_id", "voided", "limit", "cursor"}));
  JobFilter f;
  ANJU_TRY(site, ctx.QueryInt("site_id", 1, INT64_MAX));
  ANJU_TRY(person, ctx.QueryInt("person_id", 1, INT64_MAX));
  ANJU_TRY(hh, ctx.QueryInt("household_id", 1, INT64_MAX));
  ANJU_TRY(as_of, ctx.QueryAsOf());
  ANJU_TRY(voided, ctx.QueryBool("voided"));
  if (auto c = ctx.Query("channel")) {
    ANJU_TRY(ch, ParseChannel(*c));
    f.channel = ch;
  }
  f.site_id = site, f.person_id = person, f.household_id = hh, f.as_of = as_of;
  f.include_voided = voided.value_or(false);
  ANJU_TRY(page, ParsePage(ctx, "jobs"));
  page.with_total = true;
  ANJU_TRY(s, Svc::Make(ctx));
  ANJU_TRY(result, s->svc.List(ctx.actor, f, page));
  const Date today = as_of.value_or(TodayInChina());
  return Reply::Json(PageJson(Items(result.items, today),
                              result.next_cursor.empty() ? std::string() : SealCursor("jobs", result.next_cursor),
                              result.total));
}

RouteResult GetJob(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(s, Svc::Make(ctx));
  ANJU_TRY(j, s->svc.Get(ctx.actor, id));
  return WithEtag(Reply::Json(JobJson(j, TodayInChina())), j.version);
}

RouteResult PatchJob(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  auto version = ctx.IfMatchVersion();
  if (!version) return std::unexpected(version.error());
  ANJU_TRY(body, Body(ctx));
  BodyReader reader(body);
  const JobPatch patch = ReadJobFields(reader, false);
  if (reader.Ok() && patch.Empty()) {
    ANJU_CHECK(reader.Finish());  // an unknown field says more than "nothing to change"
    return std::unexpected(NothingToChange());
  }
  ANJU_TRY(s, Svc::Make(ctx));
  const Date today = TodayInChina();
  ANJU_TRY(j, WriteNamed(*ctx.services.db, reader, [&] { return s->svc.Patch(ctx.actor, id, *version, patch, today); }));
  return WithEtag(Reply::Json(JobJson(j, today)), j.version);
}

RouteResult EndJob(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(version, OptionalIfMatch(ctx));
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  auto ended = r.DateField("ended_on");
  auto reason = Text(r, "reason");
  r.Require("ended_on", ended);
  r.Require("reason", reason);
  ANJU_TRY(s, Svc::Make(ctx));
  const Date today = TodayInChina();
  ANJU_TRY(j, WriteNamed(*ctx.services.db, r, [&] {
    return s->svc.End(ctx.actor, id, version, ended.value.value_or(kMissingDate), reason.value.value_or(""), today);
  }));
  return WithEtag(Reply::Json(JobJson(j, today)), j.version);
}

RouteResult VoidJob(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(version, OptionalIfMatch(ctx));
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  auto reason = Text(r, "reason");
  r.Require("reason", reason);
  ANJU_TRY(s, Svc::Make(ctx));
  const Date today = TodayInChina();
  ANJU_TRY(j, WriteNamed(*ctx.services.db, r, [&] { return s->svc.Void(ctx.actor, id, version, reason.value.value_or(""), today); }));
  return WithEtag(Reply::Json(JobJson(j, today)), j.version);
}

}  // namespace

void AddJobRoutes(http::Router& r) {
  const Access ses = Access::kSession;
  r.Add("GET", "/api/v1/persons/{id}/jobs", ses, PersonJobs);
  r.Add("POST", "/api/v1/persons/{id}/jobs", ses, RecordJob);
  r.Add("GET", "/api/v1/households/{id}/jobs", ses, HouseholdJobs);
  r.Add("GET", "/api/v1/jobs", ses, ListJobs);
  r.Add("GET", "/api/v1/jobs/{id}", ses, GetJob);
  r.Add("PATCH", "/api/v1/jobs/{id}", ses, PatchJob);
  r.Add("POST", "/api/v1/jobs/{id}/end", ses, EndJob);
  r.Add("POST", "/api/v1/jobs/{id}/void", ses, VoidJob);
}

}  // namespace anju::industry
