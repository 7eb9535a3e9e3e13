// Skills training storage (storage/sqlite_training.h).
#include "industry/storage/sqlite_training.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/try.h"
#include "industry/storage/sqlite_jobs.h"
#include "registry/storage/sqlite_owner_places.h"
#include "storage/audit_log.h"
#include "storage/scope_sql.h"

namespace anju::storage {
namespace {

using industry::Certificate;
using industry::Course;
using industry::Enrolment;
using industry::TrainingClass;
using nlohmann::json;

std::optional<Date> OptDate(const Statement& st, int i) {
  if (st.ColumnIsNull(i)) return std::nullopt;
  auto d = ParseIsoDate(st.ColumnText(i));
  return d ? std::optional<Date>(*d) : std::nullopt;
}
Date ReqDate(const Statement& st, int i) { return OptDate(st, i).value_or(Date{}); }

template <class T>
Result<std::vector<T>> ReadAll(Statement& st, T (*read)(const Statement&)) {
  std::vector<T> out;
  while (true) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    out.push_back(read(st));
  }
  return out;
}

constexpr std::string_view kClassSelect =
    "SELECT c.id, c.course_id, co.name, c.name, c.provider, c.site_id, s.name, c.from_date, c.until_date, c.hours, "
    "c.capacity, c.note, c.created_by, c.created_at, c.version, "
    "(SELECT count(*) FROM training_enrolments e WHERE e.class_id = c.id AND e.dropped_on IS NULL), "
    "(SELECT count(*) FROM training_enrolments e WHERE e.class_id = c.id AND e.completed_on IS NOT NULL), "
    "(SELECT count(*) FROM training_enrolments e WHERE e.class_id = c.id AND e.dropped_on IS NOT NULL), "
    "(SELECT count(*) FROM training_certificates t WHERE t.class_id = c.id AND t.voided_at IS NULL) "
    "FROM training_classes c JOIN training_courses co ON co.id = c.course_id JOIN sites s ON s.id = c.site_id ";

TrainingClass ReadClass(const Statement& st) {
  TrainingClass c;
  c.id = st.ColumnInt(0);
  c.course_id = st.ColumnInt(1);
  c.course_name = st.ColumnText(2);
  c.name = st.ColumnText(3);
  c.provider = st.ColumnText(4);
  c.site_id = st.ColumnInt(5);
  c.site_name = st.ColumnText(6);
  c.from = ReqDate(st, 7);
  c.until = ReqDate(st, 8);
  c.hours = st.ColumnInt(9);
  c.capacity = st.ColumnOptionalInt(10);
  c.note = st.ColumnText(11);
  c.created_by = st.ColumnText(12);
  c.created_at = st.ColumnText(13);
  c.version = st.ColumnInt(14);
  c.enrolled = st.ColumnInt(15);
  c.completed = st.ColumnInt(16);
  c.dropped = st.ColumnInt(17);
  c.certificates = st.ColumnInt(18);
  return c;
}

constexpr std::string_view kEnrolmentSelect =
    "SELECT e.id, e.class_id, e.person_id, p.name, h.household_no, e.enrolled_on, e.attended_days, e.attended_hours, "
    "e.completed_on, e.dropped_on, e.drop_reason, e.recorded_by, e.recorded_at, e.version "
    "FROM training_enrolments e JOIN persons p ON p.id = e.person_id JOIN households h ON h.id = p.household_id "
    "JOIN origin_villages o ON o.id = h.origin_village_id ";

Enrolment ReadEnrolment(const Statement& st) {
  Enrolment e;
  e.id = st.ColumnInt(0);
  e.class_id = st.ColumnInt(1);
  e.person_id = st.ColumnInt(2);
  e.person_name = st.ColumnText(3);
  e.household_no = st.ColumnText(4);
  e.enrolled_on = ReqDate(st, 5);
  e.attended_days = st.ColumnInt(6);
  e.attended_hours = st.ColumnInt(7);
  e.completed_on = OptDate(st, 8);
  e.dropped_on = OptDate(st, 9);
  e.drop_reason = st.ColumnText(10);
  e.recorded_by = st.ColumnText(11);
  e.recorded_at = st.ColumnText(12);
  e.version = st.ColumnInt(13);
  return e;
}

constexpr std::string_view kCertificateSelect =
    "SELECT t.id, t.person_id, p.name, t.kind, t.level, t.occupation, t.number, t.issuer, t.issued_on, t.class_id, "
    "t.subsidy_fen, t.note, t.recorded_by, t.recorded_at, t.voided_at, t.void_reason, t.version "
    "FROM training_certificates t JOIN persons p ON p.id = t.person_id JOIN households h ON h.id = p.household_id "
    "JOIN origin_villages o ON o.id = h.origin_village_id ";

Certificate ReadCertificate(const Statement& st) {
  Certificate c;
  c.id = st.ColumnInt(0);
  c.person_id = st.ColumnInt(1);
  c.person_name = st.ColumnText(2);
  c.kind = st.ColumnText(3);
  c.level = st.ColumnText(4);
  c.occupation = st.ColumnText(5);
  c.number = st.ColumnText(6);
  c.issuer = st.ColumnText(7);
  c.issued_on = ReqDate(st, 8);
  c.class_id = st.ColumnOptionalInt(9);
  c.subsidy_fen = st.ColumnInt(10);
  c.note = st.ColumnText(11);
  c.recorded_by = st.ColumnText(12);
  c.recorded_at = st.ColumnText(13);
  if (!st.ColumnIsNull(14)) c.voided_at = st.ColumnText(14);
  c.void_reason = st.ColumnText(15);
  c.version = st.ColumnInt(16);
  return c;
}

std::string OptDateText(const std::optional<Date>& d) { return d ? FormatIsoDate(*d) : ""; }

json ClassJson(const TrainingClass& c) {
  return json{{"course_id", c.course_id}, {"name", c.name},         {"provider", c.provider},
              {"site_id", c.site_id},     {"from", FormatIsoDate(c.from)}, {"until", FormatIsoDate(c.until)},
              {"hours", c.hours},         {"capacity", c.capacity ? json(*c.capacity) : json(nullptr)},
              {"note", c.note}};
}

json EnrolmentJson(const Enrolment& e) {
  return json{{"class_id", e.class_id},          {"person_id", e.person_id},
              {"attended_days", e.attended_days}, {"attended_hours", e.attended_hours},
              {"completed_on", OptDateText(e.completed_on)}, {"dropped_on", OptDateText(e.dropped_on)},
              {"drop_reason", e.drop_reason}};
}

// {"field": [before, after]} of the fields that differ (before null on create).
std::string Changes(const json& before, const json& after) {
  json out = json::object();
  for (auto it = after.begin(); it != after.end(); ++it)
    if (before.is_null() || !before.contains(it.key()) || before[it.key()] != it.value())
      out[it.key()] = json::array({before.is_null() ? json(nullptr) : before.value(it.key(), json(nullptr)), it.value()});
  return out.dump();
}

std::unexpected<Error> NoClass(int64_t id) {
  return NotFound(fmt::format("no training class {} in your scope", id), "id", std::to_string(id),
                  fmt::format("在您的权限范围内没有培训班 {}", id));
}
std::unexpected<Error> NoPerson(int64_t id) {
  return NotFound(fmt::format("no person {} in your scope", id), "person_id", std::to_string(id),
                  fmt::format("在您的权限范围内没有人员 {}", id));
}
std::unexpected<Error> Changed(std::string_view what, int64_t version) {
  return Conflict(fmt::format("the {} was changed meanwhile; reload and try again", what), "version",
                  std::to_string(version), "该记录已被他人修改，请刷新后重试");
}

}  // namespace

Status SqliteTraining::CheckCanManage(const Actor& actor) {
  if (actor.CanManageIndustry()) return {};
  return PermissionDenied("keeping training records needs the industry.manage capability (county roles, township "
                          "staff, site managers)",
                          "登记培训信息需要“产业就业管理”权限（县级、乡镇工作人员、安置点管理员）");
}

Result<Place> SqliteTraining::SitePlace(int64_t site_id) {
  ANJU_TRY(st, db_.Prepare("SELECT township_code FROM sites WHERE id = ?"));
  st.Bind(1, site_id);
  ANJU_TRY(row, st.Step());
  if (!row)
    return NotFound(fmt::format("no site {}", site_id), "site_id", std::to_string(site_id),
                    fmt::format("没有安置点 {}", site_id));
  return Place{"", site_id, st.ColumnText(0), 0, 0};
}

// ---- courses ---------------------------------------------------------------------------------

Result<std::vector<Course>> SqliteTraining::Courses(const Actor& actor) {
  const ScopeClause seen = SiteScopeSql(actor.scope, "c.site_id", "s.township_code");
  ANJU_TRY(st, db_.Prepare(fmt::format(
                   "SELECT co.id, co.name, co.name_en, co.occupation, co.reference, (SELECT count(*) FROM "
                   "training_classes c JOIN sites s ON s.id = c.site_id WHERE c.course_id = co.id AND {}) "
                   "FROM training_courses co ORDER BY co.reference DESC, co.id",
                   seen.sql)));
  BindScope(st, seen, 1);
  std::vector<Course> out;
  while (true) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    out.push_back({st.ColumnInt(0), st.ColumnText(1), st.ColumnText(2), st.ColumnText(3), st.ColumnInt(4) != 0,
                   st.ColumnInt(5)});
  }
  return out;
}

Result<Course> SqliteTraining::CreateCourse(const Actor& actor, Course c) {
  ANJU_CHECK(CheckCanManage(actor));
  if (c.name.find_first_not_of(" \t") == std::string::npos || c.name.size() > 150)
    return InvalidArgument("give the course's name (1–50 characters)", "name", c.name, "请填写课程名称（1–50 个字）");
  ANJU_TRY(tx, WriteScope::Begin(db_, "anju_training"));
  ANJU_TRY(dup, db_.Prepare("SELECT id FROM training_courses WHERE name = ?"));
  dup.Bind(1, c.name);
  ANJU_TRY(exists, dup.Step());
  if (exists)
    return Conflict(fmt::format("course \"{}\" exists already (id {})", c.name, dup.ColumnInt(0)), "name", c.name,
                    fmt::format("课程“{}”已存在（编号 {}）", c.name, dup.ColumnInt(0)));
  ANJU_TRY(st, db_.Prepare("INSERT INTO training_courses (name, name_en, occupation, reference, created_at) "
                           "VALUES (?, ?, ?, 0, ?) RETURNING id"));
  st.Bind(1, c.name).Bind(2, c.name_en).Bind(3, c.occupation).Bind(4, UtcTimestampNow());
  ANJU_TRY(id, st.RunReturningId());
  c.id = id;
  c.reference = false;
  ANJU_CHECK(AppendAudit(db_, actor,
                         {"create", "training_course", std::to_string(id),
                          Changes(nullptr, json{{"name", c.name}, {"name_en", c.name_en}, {"occupation", c.occupation}}),
                          ""}));
  ANJU_CHECK(tx.Commit());
  return c;
}

// ---- classes ---------------------------------------------------------------------------------

Result<std::vector<TrainingClass>> SqliteTraining::Classes(const Actor& actor, const ClassFilter& f) {
  const ScopeClause seen = SiteScopeSql(actor.scope, "c.site_id", "s.township_code");
  std::string where = "WHERE " + seen.sql;
  if (f.site_id) where += fmt::format(" AND c.site_id = {}", *f.site_id);
  if (f.course_id) where += fmt::format(" AND c.course_id = {}", *f.course_id);
  ANJU_TRY(st, db_.Prepare(fmt::format("{}{} ORDER BY c.from_date DESC, c.id DESC", kClassSelect, where)));
  BindScope(st, seen, 1);
  return ReadAll<TrainingClass>(st, &ReadClass);
}

Result<TrainingClass> SqliteTraining::Class(const Actor& actor, int64_t id) {
  const ScopeClause seen = SiteScopeSql(actor.scope, "c.site_id", "s.township_code");
  ANJU_TRY(st, db_.Prepare(fmt::format("{}WHERE c.id = ? AND {}", kClassSelect, seen.sql)));
  st.Bind(1, id);
  BindScope(st, seen, 2);
  ANJU_TRY(all, ReadAll<TrainingClass>(st, &ReadClass));
  if (all.empty()) return NoClass(id);
  return all.front();
}

Result<TrainingClass> SqliteTraining::CreateClass(const Actor& actor, TrainingClass c) {
  ANJU_CHECK(CheckCanManage(actor));
  if (auto faults = industry::CheckClass(c); !faults.empty()) return AllFaults(std::move(faults));
  ANJU_TRY(place, SitePlace(c.site_id));
  if (!ScopeCovers(actor.scope, place)) return TargetOutsideScope(actor.scope, "site_id", std::to_string(c.site_id));
  ANJU_TRY(tx, WriteScope::Begin(db_, "anju_training"));
  ANJU_TRY(course, db_.Prepare("SELECT 1 FROM training_courses WHERE id = ?"));
  course.Bind(1, c.course_id);
  ANJU_TRY(has_course, course.Step());
  if (!has_course)
    return NotFound(fmt::format("no course {}", c.course_id), "course_id", std::to_string(c.course_id),
                    fmt::format("没有课程 {}", c.course_id));
  ANJU_TRY(st, db_.Prepare("INSERT INTO training_classes (course_id, name, provider, site_id, from_date, until_date, "
                           "hours, capacity, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                           "RETURNING id"));
  st.Bind(1, c.course_id).Bind(2, c.name).Bind(3, c.provider).Bind(4, c.site_id).Bind(5, FormatIsoDate(c.from))
      .Bind(6, FormatIsoDate(c.until)).Bind(7, c.hours).Bind(8, c.capacity).Bind(9, c.note).Bind(10, actor.username)
      .Bind(11, UtcTimestampNow());
  ANJU_TRY(id, st.RunReturningId());
  ANJU_CHECK(AppendAudit(db_, actor, {"create", "training_class", std::to_string(id), Changes(nullptr, ClassJson(c)), ""}));
  ANJU_CHECK(tx.Commit());
  return Class(actor, id);
}

Result<TrainingClass> SqliteTraining::UpdateClass(const Actor& actor, TrainingClass c, int64_t version) {
  ANJU_CHECK(CheckCanManage(actor));
  ANJU_TRY(before, Class(actor, c.id));
  ANJU_TRY(old_place, SitePlace(before.site_id));
  if (!ScopeCovers(actor.scope, old_place)) return NoClass(c.id);
  if (auto faults = industry::CheckClass(c); !faults.empty()) return AllFaults(std::move(faults));
  ANJU_TRY(place, SitePlace(c.site_id));
  if (!ScopeCovers(actor.scope, place)) return TargetOutsideScope(actor.scope, "site_id", std::to_string(c.site_id));
  // The recorded attendance must still fit.
  ANJU_TRY(fit, db_.Prepare("SELECT max(attended_days), max(attended_hours), min(coalesce(completed_on, dropped_on)) "
                            "FROM training_enrolments WHERE class_id = ?"));
  fit.Bind(1, c.id);
  ANJU_TRY(has, fit.Step());
  if (has && !fit.ColumnIsNull(0)) {
    const int64_t days = DaysSinceEpoch(c.until) - DaysSinceEpoch(c.from) + 1;
    if (fit.ColumnInt(0) > days || fit.ColumnInt(1) > c.hours)
      return Conflict(fmt::format("enrolments record up to {} days and {} hours, more than the changed class has "
                                  "({} days, {} hours); correct them first",
                                  fit.ColumnInt(0), fit.ColumnInt(1), days, c.hours),
                      "hours", std::to_string(c.hours),
                      fmt::format("已登记的出勤最多 {} 天、{} 课时，超过修改后的培训期（{} 天、{} 课时）；请先更正出勤",
                                  fit.ColumnInt(0), fit.ColumnInt(1), days, c.hours));
  }
  ANJU_TRY(tx, WriteScope::Begin(db_, "anju_training"));
  ANJU_TRY(st, db_.Prepare("UPDATE training_classes SET course_id = ?, name = ?, provider = ?, site_id = ?, "
                           "from_date = ?, until_date = ?, hours = ?, capacity = ?, note = ?, version = version + 1 "
                           "WHERE id = ? AND version = ?"));
  st.Bind(1, c.course_id).Bind(2, c.name).Bind(3, c.provider).Bind(4, c.site_id).Bind(5, FormatIsoDate(c.from))
      .Bind(6, FormatIsoDate(c.until)).Bind(7, c.hours).Bind(8, c.capacity).Bind(9, c.note).Bind(10, c.id)
      .Bind(11, version);
  ANJU_CHECK(st.Run());
  if (db_.Changes() == 0) return Changed("training class", version);
  ANJU_CHECK(AppendAudit(db_, actor,
                         {"update", "training_class", std::to_string(c.id), Changes(ClassJson(before), ClassJson(c)), ""}));
  ANJU_CHECK(tx.Commit());
  return Class(actor, c.id);
}

// ---- enrolments ------------------------------------------------------------------------------

Result<std::vector<Enrolment>> SqliteTraining::Enrolments(const Actor& actor, int64_t class_id) {
  ANJU_CHECK(Class(actor, class_id));
  const ScopeClause held = HouseholdScopeSql(actor.scope);
  ANJU_TRY(st, db_.Prepare(fmt::format("{}WHERE e.class_id = ? AND {} ORDER BY e.id", kEnrolmentSelect, held.sql)));
  st.Bind(1, class_id);
  BindScope(st, held, 2);
  return ReadAll<Enrolment>(st, &ReadEnrolment);
}

Result<Enrolment> SqliteTraining::EnrolmentById(const Actor& actor, int64_t id) {
  const ScopeClause held = HouseholdScopeSql(actor.scope);
  ANJU_TRY(st, db_.Prepare(fmt::format("{}WHERE e.id = ? AND {}", kEnrolmentSelect, held.sql)));
  st.Bind(1, id);
  BindScope(st, held, 2);
  ANJU_TRY(all, ReadAll<Enrolment>(st, &ReadEnrolment));
  if (all.empty())
    return NotFound(fmt::format("no enrolment {} in your scope", id), "id", std::to_string(id),
                    fmt::format("在您的权限范围内没有报名记录 {}", id));
  ANJU_CHECK(Class(actor, all.front().class_id));
  return all.front();
}

Result<Enrolment> SqliteTraining::Enrol(const Actor& actor, int64_t class_id, int64_t person_id, Date enrolled_on) {
  ANJU_CHECK(CheckCanManage(actor));
  ANJU_TRY(cls, Class(actor, class_id));
  ANJU_TRY(site, SitePlace(cls.site_id));
  if (!ScopeCovers(actor.scope, site)) return NoClass(class_id);
  ANJU_TRY(place, PersonPlaceOf(db_, person_id));
  if (!place || !ScopeCovers(actor.scope, *place)) return NoPerson(person_id);
  ANJU_CHECK(CheckLabourAge(db_, person_id, enrolled_on, "enrolled in training", "参加培训"));
  ANJU_TRY(tx, WriteScope::Begin(db_, "anju_training"));
  ANJU_TRY(dup, db_.Prepare("SELECT id FROM training_enrolments WHERE class_id = ? AND person_id = ?"));
  dup.Bind(1, class_id).Bind(2, person_id);
  ANJU_TRY(exists, dup.Step());
  if (exists)
    return Conflict(fmt::format("person {} is enrolled in class {} already (enrolment {})", person_id, class_id,
                                dup.ColumnInt(0)),
                    "person_id", std::to_string(person_id),
                    fmt::format("该人员已报名本培训班（报名记录 {}）", dup.ColumnInt(0)));
  if (cls.capacity && cls.enrolled >= *cls.capacity)
    return Conflict(fmt::format("the class is full: {} of {} places taken; raise capacity or drop someone first",
                                cls.enrolled, *cls.capacity),
                    "capacity", std::to_string(*cls.capacity),
                    fmt::format("本班已满：名额 {}，已报名 {}；请先调整名额", *cls.capacity, cls.enrolled));
  ANJU_TRY(st, db_.Prepare("INSERT INTO training_enrolments (class_id, person_id, enrolled_on, recorded_by, recorded_at) "
                           "VALUES (?, ?, ?, ?, ?) RETURNING id"));
  st.Bind(1, class_id).Bind(2, person_id).Bind(3, FormatIsoDate(enrolled_on)).Bind(4, actor.username)
      .Bind(5, UtcTimestampNow());
  ANJU_TRY(id, st.RunReturningId());
  Enrolment e;
  e.class_id = class_id;
  e.person_id = person_id;
  ANJU_CHECK(AppendAudit(db_, actor, {"create", "training_enrolment", std::to_string(id), Changes(nullptr, EnrolmentJson(e)), ""}));
  ANJU_CHECK(tx.Commit());
  return EnrolmentById(actor, id);
}

Result<Enrolment> SqliteTraining::UpdateEnrolment(const Actor& actor, Enrolment e, int64_t version) {
  ANJU_CHECK(CheckCanManage(actor));
  ANJU_TRY(before, EnrolmentById(actor, e.id));
  ANJU_TRY(cls, Class(actor, before.class_id));
  ANJU_TRY(site, SitePlace(cls.site_id));
  if (!ScopeCovers(actor.scope, site)) return NoClass(cls.id);
  if (!e.dropped_on) e.drop_reason.clear();
  if (auto faults = industry::CheckEnrolment(e, cls, TodayInChina()); !faults.empty()) return AllFaults(std::move(faults));
  ANJU_TRY(tx, WriteScope::Begin(db_, "anju_training"));
  ANJU_TRY(st, db_.Prepare("UPDATE training_enrolments SET attended_days = ?, attended_hours = ?, completed_on = ?, "
                           "dropped_on = ?, drop_reason = ?, version = version + 1 WHERE id = ? AND version = ?"));
  st.Bind(1, e.attended_days).Bind(2, e.attended_hours);
  if (e.completed_on) st.Bind(3, FormatIsoDate(*e.completed_on)); else st.BindNull(3);
  if (e.dropped_on) st.Bind(4, FormatIsoDate(*e.dropped_on)); else st.BindNull(4);
  st.Bind(5, e.drop_reason).Bind(6, e.id).Bind(7, version);
  ANJU_CHECK(st.Run());
  if (db_.Changes() == 0) return Changed("enrolment", version);
  ANJU_CHECK(AppendAudit(db_, actor, {"update", "training_enrolment", std::to_string(e.id),
                                      Changes(EnrolmentJson(before), EnrolmentJson(e)), ""}));
  ANJU_CHECK(tx.Commit());
  return EnrolmentById(actor, e.id);
}

// ---- certificates ----------------------------------------------------------------------------

Result<std::vector<Certificate>> SqliteTraining::Certificates(const Actor& actor, const CertificateFilter& f) {
  const ScopeClause held = HouseholdScopeSql(actor.scope);
  std::string where = "WHERE " + held.sql;
  if (f.person_id) where += fmt::format(" AND t.person_id = {}", *f.person_id);
  if (f.class_id) where += fmt::format(" AND t.class_id = {}", *f.class_id);
  if (!f.include_voided) where += " AND t.voided_at IS NULL";
  ANJU_TRY(st, db_.Prepare(fmt::format("{}{} ORDER BY t.issued_on DESC, t.id DESC LIMIT 2000", kCertificateSelect, where)));
  BindScope(st, held, 1);
  return ReadAll<Certificate>(st, &ReadCertificate);
}

Result<Certificate> SqliteTraining::CertificateById(const Actor& actor, int64_t id) {
  const ScopeClause held = HouseholdScopeSql(actor.scope);
  ANJU_TRY(st, db_.Prepare(fmt::format("{}WHERE t.id = ? AND {}", kCertificateSelect, held.sql)));
  st.Bind(1, id);
  BindScope(st, held, 2);
  ANJU_TRY(all, ReadAll<Certificate>(st, &ReadCertificate));
  if (all.empty())
    return NotFound(fmt::format("no certificate {} in your scope", id), "id", std::to_string(id),
                    fmt::format("在您的权限范围内没有证书 {}", id));
  return all.front();
}

Result<Certificate> SqliteTraining::CreateCertificate(const Actor& actor, Certificate c) {
  ANJU_CHECK(CheckCanManage(actor));
  ANJU_TRY(place, PersonPlaceOf(db_, c.person_id));
  if (!place || !ScopeCovers(actor.scope, *place)) return NoPerson(c.person_id);
  {
    std::vector<Error> faults = industry::CheckCertificate(c, TodayInChina());
    if (auto age = CheckLabourAge(db_, c.person_id, c.issued_on, "given a training certificate", "获得培训证书"); !age)
      faults.push_back(age.error());
    if (!faults.empty()) return AllFaults(std::move(faults));
  }
  if (c.class_id) {
    auto cls = Class(actor, *c.class_id);
    if (!cls)
      return NotFound(fmt::format("no training class {} in your scope", *c.class_id), "class_id",
                      std::to_string(*c.class_id), fmt::format("在您的权限范围内没有培训班 {}", *c.class_id));
  }
  ANJU_TRY(tx, WriteScope::Begin(db_, "anju_training"));
  ANJU_TRY(prev, db_.Prepare(fmt::format("{}WHERE t.person_id = ? AND t.voided_at IS NULL", kCertificateSelect)));
  prev.Bind(1, c.person_id);
  ANJU_TRY(earlier, ReadAll<Certificate>(prev, &ReadCertificate));
  ANJU_CHECK(industry::CheckSubsidyOnce(c, earlier));
  ANJU_TRY(st, db_.Prepare("INSERT INTO training_certificates (person_id, kind, level, occupation, number, issuer, "
                           "issued_on, class_id, subsidy_fen, note, recorded_by, recorded_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
  st.Bind(1, c.person_id).Bind(2, c.kind).Bind(3, c.level).Bind(4, c.occupation).Bind(5, c.number).Bind(6, c.issuer)
      .Bind(7, FormatIsoDate(c.issued_on)).Bind(8, c.class_id).Bind(9, c.subsidy_fen).Bind(10, c.note)
      .Bind(11, actor.username).Bind(12, UtcTimestampNow());
  ANJU_TRY(id, st.RunReturningId());
  json after{{"person_id", c.person_id}, {"kind", c.kind}, {"level", c.level}, {"occupation", c.occupation},
             {"number", c.number}, {"issuer", c.issuer}, {"issued_on", FormatIsoDate(c.issued_on)},
             {"class_id", c.class_id ? json(*c.class_id) : json(nullptr)}, {"subsidy_fen", c.subsidy_fen}};
  ANJU_CHECK(AppendAudit(db_, actor, {"create", "training_certificate", std::to_string(id), Changes(nullptr, after), ""}));
  ANJU_CHECK(tx.Commit());
  return CertificateById(actor, id);
}

Result<Certificate> SqliteTraining::VoidCertificate(const Actor& actor, int64_t id, const std::string& reason,
                                                    int64_t version) {
  ANJU_CHECK(CheckCanManage(actor));
  ANJU_TRY(c, CertificateById(actor, id));
  if (reason.find_first_not_of(" \t") == std::string::npos)
    return InvalidArgument("give the reason the certificate is voided", "reason", reason, "请填写作废原因");
  if (c.voided_at)
    return Conflict(fmt::format("certificate {} is voided already", id), "id", std::to_string(id), "该证书已作废");
  ANJU_TRY(tx, WriteScope::Begin(db_, "anju_training"));
  ANJU_TRY(st, db_.Prepare("UPDATE training_certificates SET voided_at = ?, void_reason = ?, version = version + 1 "
                           "WHERE id = ? AND version = ? AND voided_at IS NULL"));
  st.Bind(1, UtcTimestampNow()).Bind(2, reason).Bind(3, id).Bind(4, version);
  ANJU_CHECK(st.Run());
  if (db_.Changes() == 0) return Changed("certificate", version);
  ANJU_CHECK(AppendAudit(db_, actor, {"update", "training_certificate", std::to_string(id),
                                      json{{"void_reason", json::array({"", reason})}}.dump(), ""}));
  ANJU_CHECK(tx.Commit());
  return CertificateById(actor, id);
}

// ---- follow-up -------------------------------------------------------------------------------

Result<industry::FollowUp> SqliteTraining::FollowUpOf(const Actor& actor, int64_t id, const std::vector<int>& months,
                                                      Date today) {
  ANJU_TRY(cls, Class(actor, id));
  ANJU_TRY(enrolments, Enrolments(actor, id));
  std::vector<industry::FollowUpPerson> persons;
  ANJU_TRY(jobs, db_.Prepare("SELECT started_on, ended_on FROM jobs WHERE person_id = ? AND voided_at IS NULL"));
  for (const Enrolment& e : enrolments) {
    industry::FollowUpPerson p{e.id, e.person_id, e.person_name, e.completed_on.has_value(), e.dropped_on.has_value(), {}};
    jobs.Reset();
    jobs.Bind(1, e.person_id);
    while (true) {
      ANJU_TRY(row, jobs.Step());
      if (!row) break;
      p.jobs.push_back({ReqDate(jobs, 0), OptDate(jobs, 1)});
    }
    persons.push_back(std::move(p));
  }
  return industry::ComputeFollowUp(cls.until, months, persons, today);
}

}  // namespace anju::storage
