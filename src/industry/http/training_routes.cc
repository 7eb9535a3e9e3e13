// The industry module's training routes (docs/industry.md "Training", docs/api.md): parse ->
// one storage call (storage/sqlite_training.h checks capability, scope and rules) -> map.
#include <fmt/format.h>

#include <algorithm>

#include "casework/storage/sqlite_casework.h"
#include "core/try.h"
#include "http/json_body.h"
#include "http/reply.h"
#include "http/route_context.h"
#include "http/router.h"
#include "industry/http/field_names.h"
#include "industry/http/list_page.h"
#include "industry/http/routes.h"
#include "industry/storage/sqlite_training.h"
#include "storage/sqlite.h"

namespace anju::industry {

using namespace anju::http;
using nlohmann::json;

namespace {

json OptDate(const std::optional<Date>& d) { return d ? json(FormatIsoDate(*d)) : json(nullptr); }

json CourseJson(const Course& c) {
  return json{{"id", c.id},           {"name", c.name},           {"name_en", c.name_en},
              {"occupation", c.occupation}, {"reference", c.reference}, {"classes", c.classes}};
}

json ClassJson(const TrainingClass& c) {
  return json{{"id", c.id},
              {"course_id", c.course_id},
              {"course_name", c.course_name},
              {"name", c.name},
              {"provider", c.provider},
              {"site_id", c.site_id},
              {"site_name", c.site_name},
              {"from", FormatIsoDate(c.from)},
              {"until", FormatIsoDate(c.until)},
              {"hours", c.hours},
              {"capacity", c.capacity ? json(*c.capacity) : json(nullptr)},
              {"note", c.note},
              {"enrolled", c.enrolled},
              {"completed", c.completed},
              {"dropped", c.dropped},
              {"certificates", c.certificates},
              {"created_by", c.created_by},
              {"created_at", c.created_at},
              {"version", c.version}};
}

json EnrolmentJson(const Enrolment& e) {
  return json{{"id", e.id},
              {"class_id", e.class_id},
              {"person_id", e.person_id},
              {"person_name", e.person_name},
              {"household_no", e.household_no},
              {"enrolled_on", FormatIsoDate(e.enrolled_on)},
              {"attended_days", e.attended_days},
              {"attended_hours", e.attended_hours},
              {"completed", e.completed_on.has_value()},
              {"completed_on", OptDate(e.completed_on)},
              {"dropped_on", OptDate(e.dropped_on)},
              {"drop_reason", e.drop_reason},
              {"recorded_by", e.recorded_by},
              {"recorded_at", e.recorded_at},
              {"version", e.version}};
}

json CertificateJson(const Certificate& c) {
  return json{{"id", c.id},
              {"person_id", c.person_id},
              {"person_name", c.person_name},
              {"kind", c.kind},
              {"level", c.level},
              {"occupation", c.occupation},
              {"number", c.number},
              {"issuer", c.issuer},
              {"issued_on", FormatIsoDate(c.issued_on)},
              {"class_id", c.class_id ? json(*c.class_id) : json(nullptr)},
              {"subsidy_fen", c.subsidy_fen},
              {"note", c.note},
              {"recorded_by", c.recorded_by},
              {"recorded_at", c.recorded_at},
              {"voided_at", c.voided_at ? json(*c.voided_at) : json(nullptr)},
              {"void_reason", c.void_reason},
              {"version", c.version}};
}

template <class T, class F>
json Items(const std::vector<T>& v, F f) {
  json out = json::array();
  for (const T& x : v) out.push_back(f(x));
  return out;
}

// The months of setting training.followup_months, ascending, unique.
Result<std::vector<int>> FollowUpMonths(RequestContext& ctx) {
  ANJU_TRY(settings, casework::LoadSettings(*ctx.services.db));
  ANJU_TRY(items, settings.List("training.followup_months"));
  std::vector<int> months;
  for (const std::string& s : items) months.push_back(std::stoi(s));
  std::ranges::sort(months);
  months.erase(std::unique(months.begin(), months.end()), months.end());
  return months;
}

RouteResult ListCourses(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  storage::SqliteTraining t(*ctx.services.db);
  ANJU_TRY(v, t.Courses(ctx.actor));
  return Reply::Json(PageJson(Items(v, CourseJson), ""));
}

RouteResult CreateCourse(RequestContext& ctx) {
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  auto name = Text(r, "name");
  auto name_en = Text(r, "name_en");
  auto occupation = Text(r, "occupation");
  r.Require("name", name);
  Course c;
  c.name = name.value.value_or("");
  c.name_en = name_en.value.value_or("");
  c.occupation = occupation.value.value_or("");
  storage::SqliteTraining t(*ctx.services.db);
  ANJU_TRY(out, WriteNamed(*ctx.services.db, r, [&] { return t.CreateCourse(ctx.actor, c); }));
  return Created(CourseJson(out), "/api/v1/courses", 1);
}

RouteResult ListClasses(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"site_id", "course_id", "limit", "cursor"}));
  storage::ClassFilter f;
  ANJU_TRY(site, ctx.QueryInt("site_id", 1, INT64_MAX));
  ANJU_TRY(course, ctx.QueryInt("course_id", 1, INT64_MAX));
  f.site_id = site;
  f.course_id = course;
  storage::SqliteTraining t(*ctx.services.db);
  ANJU_TRY(v, t.Classes(ctx.actor, f));
  ANJU_TRY(page, PageOf(ctx, fmt::format("training-classes|{}|{}", site.value_or(0), course.value_or(0)), std::move(v)));
  return Reply::Json(PageJson(Items(page.items, ClassJson), page.next_cursor, page.total));
}

// The fields of a class body over `c`; `creating`: all but name, capacity and note required.
// Faults stay in `r` (the route's WriteNamed lists them with the service's).
void ReadClassBody(BodyReader& r, TrainingClass& c, bool creating) {
  auto course = r.Int("course_id");
  auto name = Text(r, "name");
  auto provider = Text(r, "provider");
  auto site = r.Int("site_id");
  auto from = r.DateField("from");
  auto until = r.DateField("until");
  auto hours = r.Int("hours");
  auto capacity = r.Int("capacity");
  auto note = Text(r, "note");
  if (creating) {
    r.Require("course_id", course);
    r.Require("provider", provider);
    r.Require("site_id", site);
    r.Require("from", from);
    r.Require("until", until);
    r.Require("hours", hours);
  }
  if (course.value) c.course_id = *course.value;
  if (name.value) c.name = *name.value;
  if (provider.value) c.provider = *provider.value;
  if (site.value) c.site_id = *site.value;
  if (from.value) c.from = *from.value;
  if (until.value) c.until = *until.value;
  if (hours.value) c.hours = *hours.value;
  if (capacity.present) c.capacity = capacity.value;
  if (note.value) c.note = *note.value;
}

RouteResult CreateClass(RequestContext& ctx) {
  ANJU_TRY(body, Body(ctx));
  TrainingClass c;
  BodyReader r(body);
  ReadClassBody(r, c, true);
  storage::SqliteTraining t(*ctx.services.db);
  ANJU_TRY(out, WriteNamed(*ctx.services.db, r, [&] { return t.CreateClass(ctx.actor, c); }));
  return Created(ClassJson(out), fmt::format("/api/v1/training-classes/{}", out.id), out.version);
}

RouteResult GetClass(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  storage::SqliteTraining t(*ctx.services.db);
  ANJU_TRY(c, t.Class(ctx.actor, id));
  ANJU_TRY(enrolments, t.Enrolments(ctx.actor, id));
  ANJU_TRY(certs, t.Certificates(ctx.actor, {.class_id = id}));
  json j = ClassJson(c);
  j["enrolments"] = Items(enrolments, EnrolmentJson);
  j["certificate_list"] = Items(certs, CertificateJson);
  return WithEtag(Reply::Json(j), c.version);
}

RouteResult PatchClass(RequestContext& ctx) {
  ANJU_TRY(id, ctx.PathId());
  auto version = ctx.IfMatchVersion();
  if (!version) return std::unexpected(version.error());
  ANJU_TRY(body, Body(ctx));
  storage::SqliteTraining t(*ctx.services.db);
  ANJU_TRY(c, t.Class(ctx.actor, id));
  BodyReader r(body);
  ReadClassBody(r, c, false);
  ANJU_TRY(out, WriteNamed(*ctx.services.db, r, [&] { return t.UpdateClass(ctx.actor, c, *version); }));
  return WithEtag(Reply::Json(ClassJson(out)), out.version);
}

RouteResult ListEnrolments(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"limit", "cursor"}));
  ANJU_TRY(id, ctx.PathId());
  storage::SqliteTraining t(*ctx.services.db);
  ANJU_TRY(v, t.Enrolments(ctx.actor, id));
  ANJU_TRY(page, PageOf(ctx, fmt::format("training-enrolments|{}", id), std::move(v)));
  return Reply::Json(PageJson(Items(page.items, EnrolmentJson), page.next_cursor, page.total));
}

RouteResult Enrol(RequestContext& ctx) {
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  auto person = r.Int("person_id");
  auto on = r.DateField("enrolled_on");
  r.Require("person_id", person);
  storage::SqliteTraining t(*ctx.services.db);
  ANJU_TRY(e, WriteNamed(*ctx.services.db, r, [&] {
    return t.Enrol(ctx.actor, id, person.value.value_or(0), on.value.value_or(TodayInChina()));
  }));
  return Created(EnrolmentJson(e), fmt::format("/api/v1/training-enrolments/{}", e.id), e.version);
}

RouteResult PatchEnrolment(RequestContext& ctx) {
  ANJU_TRY(id, ctx.PathId());
  auto version = ctx.IfMatchVersion();
  if (!version) return std::unexpected(version.error());
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  auto days = r.Int("attended_days");
  auto hours = r.Int("attended_hours");
  auto completed = r.DateField("completed_on");
  auto dropped = r.DateField("dropped_on");
  auto reason = Text(r, "drop_reason");
  storage::SqliteTraining t(*ctx.services.db);
  ANJU_TRY(e, t.EnrolmentById(ctx.actor, id));
  if (days.value) e.attended_days = *days.value;
  if (hours.value) e.attended_hours = *hours.value;
  if (completed.present) e.completed_on = completed.value;
  if (dropped.present) e.dropped_on = dropped.value;
  if (reason.value) e.drop_reason = *reason.value;
  ANJU_TRY(out, WriteNamed(*ctx.services.db, r, [&] { return t.UpdateEnrolment(ctx.actor, e, *version); }));
  return WithEtag(Reply::Json(EnrolmentJson(out)), out.version);
}

RouteResult ListCertificates(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"person_id", "class_id", "include_voided"}));
  storage::CertificateFilter f;
  ANJU_TRY(person, ctx.QueryInt("person_id", 1, INT64_MAX));
  ANJU_TRY(cls, ctx.QueryInt("class_id", 1, INT64_MAX));
  ANJU_TRY(voided, ctx.QueryBool("include_voided"));
  f.person_id = person;
  f.class_id = cls;
  f.include_voided = voided.value_or(false);
  storage::SqliteTraining t(*ctx.services.db);
  ANJU_TRY(v, t.Certificates(ctx.actor, f));
  return Reply::Json(PageJson(Items(v, CertificateJson), ""));
}

RouteResult GetCertificate(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  storage::SqliteTraining t(*ctx.services.db);
  ANJU_TRY(c, t.CertificateById(ctx.actor, id));
  return WithEtag(Reply::Json(CertificateJson(c)), c.version);
}

RouteResult CreateCertificate(RequestContext& ctx) {
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  auto person = r.Int("person_id");
  auto kind = r.String("kind");
  auto level = r.String("level");
  auto occupation = Text(r, "occupation");
  auto number = Text(r, "number");
  auto issuer = Text(r, "issuer");
  auto issued = r.DateField("issued_on");
  auto cls = r.Int("class_id");
  auto subsidy = r.Int("subsidy_fen");
  auto note = Text(r, "note");
  r.Require("person_id", person);
  r.Require("kind", kind);
  r.Require("occupation", occupation);
  r.Require("issued_on", issued);
  Certificate c;
  c.person_id = person.value.value_or(0);
  c.kind = kind.value.value_or("");
  c.level = level.value.value_or("");
  c.occupation = occupation.value.value_or("");
  c.number = number.value.value_or("");
  c.issuer = issuer.value.value_or("");
  c.issued_on = issued.value.value_or(kMissingDate);
  c.class_id = cls.value;
  c.subsidy_fen = subsidy.value.value_or(0);
  c.note = note.value.value_or("");
  storage::SqliteTraining t(*ctx.services.db);
  ANJU_TRY(out, WriteNamed(*ctx.services.db, r, [&] { return t.CreateCertificate(ctx.actor, c); }));
  return Created(CertificateJson(out), fmt::format("/api/v1/certificates/{}", out.id), out.version);
}

RouteResult VoidCertificate(RequestContext& ctx) {
  ANJU_TRY(id, ctx.PathId());
  auto version = ctx.IfMatchVersion();
  if (!version) return std::unexpected(version.error());
  ANJU_TRY(body, Body(ctx));
  BodyReader r(body);
  auto reason = Text(r, "reason");
  r.Require("reason", reason);
  storage::SqliteTraining t(*ctx.services.db);
  ANJU_TRY(out, WriteNamed(*ctx.services.db, r, [&] {
    return t.VoidCertificate(ctx.actor, id, reason.value.value_or(""), *version);
  }));
  return WithEtag(Reply::Json(CertificateJson(out)), out.version);
}

RouteResult GetFollowUp(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(months, FollowUpMonths(ctx));
  storage::SqliteTraining t(*ctx.services.db);
  ANJU_TRY(fu, t.FollowUpOf(ctx.actor, id, months, TodayInChina()));
  json points = json::array();
  for (const FollowUpPoint& p : fu.points)
    points.push_back(json{{"months", p.months},
                          {"due_on", FormatIsoDate(p.due_on)},
                          {"due", p.due},
                          {"completers", p.completers},
                          {"employed", p.employed},
                          {"rate_percent", p.rate_percent ? json(*p.rate_percent) : json(nullptr)}});
  json rows = json::array();
  for (const FollowUpRow& row : fu.rows) {
    json employed = json::array();
    for (const auto& e : row.employed) employed.push_back(e ? json(*e) : json(nullptr));
    rows.push_back(json{{"enrolment_id", row.enrolment_id},
                        {"person_id", row.person_id},
                        {"person_name", row.person_name},
                        {"completed", row.completed},
                        {"dropped", row.dropped},
                        {"employed", employed}});
  }
  return Reply::Json(json{{"class_id", id}, {"months", months}, {"points", points}, {"rows", rows}});
}

}  // namespace

void AddTrainingRoutes(http::Router& r) {
  const Access ses = Access::kSession;
  r.Add("GET", "/api/v1/courses", ses, ListCourses);
  r.Add("POST", "/api/v1/courses", ses, CreateCourse);
  r.Add("GET", "/api/v1/training-classes", ses, ListClasses);
  r.Add("POST", "/api/v1/training-classes", ses, CreateClass);
  r.Add("GET", "/api/v1/training-classes/{id}", ses, GetClass);
  r.Add("PATCH", "/api/v1/training-classes/{id}", ses, PatchClass);
  r.Add("GET", "/api/v1/training-classes/{id}/enrolments", ses, ListEnrolments);
  r.Add("POST", "/api/v1/training-classes/{id}/enrolments", ses, Enrol);
  r.Add("GET", "/api/v1/training-classes/{id}/follow-up", ses, GetFollowUp);
  r.Add("PATCH", "/api/v1/training-enrolments/{id}", ses, PatchEnrolment);
  r.Add("GET", "/api/v1/certificates", ses, ListCertificates);
  r.Add("POST", "/api/v1/certificates", ses, CreateCertificate);
  r.Add("GET", "/api/v1/certificates/{id}", ses, GetCertificate);
  r.Add("POST", "/api/v1/certificates/{id}/void", ses, VoidCertificate);
}

}  // namespace anju::industry
