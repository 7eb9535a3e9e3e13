#include "http/dto.h"

#include <fmt/format.h>

#include <cmath>
#include <functional>

#include "core/plausible.h"
#include "core/resident_id.h"
#include "http/envelope.h"
#include "http/json_body.h"
#include "http/json_writer.h"
#include "reports/county_report.h"

namespace anju::http {

using nlohmann::json;

namespace {

json OptInt(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }
json OptText(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
// Two-decimal number from hundredths (dm² -> m², centimu -> mu), exact in decimal text.
json Hundredths(int64_t v) { return json(static_cast<double>(v) / 100.0); }

std::string_view LevelName(AccessScope::Level l) {
  switch (l) {
    case AccessScope::Level::kCounty: return "county";
    case AccessScope::Level::kTownship: return "township";
    case AccessScope::Level::kSite: return "site";
    case AccessScope::Level::kGrid: return "grid";
  }
  return "county";
}

// Reads an enum-valued text field with the registry's parser; the fault names `name`.
template <class E, class Parse>
Field<E> EnumField(BodyReader& r, std::string_view name, Parse parse) {
  Field<std::string> s = r.String(name);
  Field<E> f;
  f.present = s.present;
  if (!s.value) return f;
  auto v = parse(*s.value);
  if (!v) {
    Error e = v.error();
    e.field = std::string(name);
    if (e.value.empty()) e.value = *s.value;
    r.Fault(std::move(e));
    return f;
  }
  f.value = *v;
  return f;
}

// Prefixes the field names of a validation error's details ("members[0]." + field).
Error Prefixed(Error e, const std::string& prefix) {
  if (e.details.empty()) {
    e.field = prefix + e.field;
    return e;
  }
  for (Error& d : e.details) d.field = prefix + d.field;
  e.field = prefix + e.field;
  return e;
}

// Applies a rule of core/plausible.h to a text field: the fault is recorded (the value is kept,
// so it is not also reported missing; Finish() fails), so one 422 lists every bad field.
void Check(BodyReader& r, const Field<std::string>& f,
           const std::function<Status(const std::string&)>& rule) {
  if (!f.value) return;
  if (auto st = rule(*f.value); !st) r.Fault(st.error());
}

// The same for a code list: the value becomes its stored form (汉 -> 汉族).
void Canonical(BodyReader& r, Field<std::string>& f, Result<std::string> (*parse)(std::string_view)) {
  if (!f.value) return;
  if (auto v = parse(*f.value)) f.value = *v;
  else r.Fault(v.error());
}

void CheckDate(BodyReader& r, const Field<Date>& f, std::string_view name) {
  if (!f.value) return;
  if (auto st = ValidateDateInRange(name, *f.value, TodayInChina()); !st) r.Fault(st.error());
}

// Reads the fields every person body may carry into `p` (create) or `patch` (update).
struct PersonFields {
  Field<std::string> resident_id, name, ethnicity, phone, education, employer;
  Field<Sex> sex;
  Field<Date> birth_date;
  Field<registry::Relationship> relationship;
  Field<registry::Health> health;
  Field<int64_t> disability_grade;
  Field<bool> able_to_work, wants_work;
  Field<registry::EmploymentKind> employment_kind;

  explicit PersonFields(BodyReader& r)
      : resident_id(r.String("resident_id")),
        name(r.String("name")),
        ethnicity(r.String("ethnicity")),
        phone(r.String("phone")),
        education(r.String("education")),
        employer(r.String("employer")),
        sex(EnumField<Sex>(r, "sex", ParseSex)),
        birth_date(r.DateField("birth_date")),
        relationship(EnumField<registry::Relationship>(r, "relationship",
                                                       registry::ParseRelationship)),
        health(EnumField<registry::Health>(r, "health", registry::ParseHealth)),
        disability_grade(r.Int("disability_grade")),
        able_to_work(r.Bool("able_to_work")),
        wants_work(r.Bool("wants_work")),
        employment_kind(EnumField<registry::EmploymentKind>(r, "employment_kind",
                                                            registry::ParseEmploymentKind)) {
    if (disability_grade.value && (*disability_grade.value < 1 || *disability_grade.value > 4)) {
      r.Fault(InvalidArgument("disability_grade must be 1, 2, 3 or 4", "disability_grade",
                               std::to_string(*disability_grade.value),
                               "残疾等级应为 1 至 4 级")
                   .error());
      disability_grade.value.reset();
    }
    Check(r, name, [](const std::string& v) { return ValidateName("name", v); });
    Check(r, employer,
          [](const std::string& v) { return ValidateFreeText("employer", v, kMaxShortTextChars); });
    Canonical(r, ethnicity, registry::ParseEthnicity);
    Canonical(r, education, registry::ParseEducation);
    CheckDate(r, birth_date, "birth_date");
  }
};

// Fills a new person from the fields; sex and birth date default to what the id encodes.
registry::Person NewPersonFrom(BodyReader& r, PersonFields& f) {
  registry::Person p;
  r.Require("resident_id", f.resident_id);
  r.Require("name", f.name);
  r.Require("relationship", f.relationship);
  if (f.resident_id.value) p.resident_id = *f.resident_id.value;
  if (auto id = ParseResidentId(p.resident_id, TodayInChina()); id) {
    p.resident_id = id->str();
    p.sex = f.sex.value.value_or(id->sex());
    p.birth_date = f.birth_date.value.value_or(id->BirthDate());
  } else if (f.resident_id.value) {
    // The id's own fault (wrong check digit, impossible date …); sex and birth date would come
    // from it, so they are not reported missing as well.
    Error e = id.error();
    e.field = "resident_id";
    r.Fault(std::move(e));
    if (f.sex.value) p.sex = *f.sex.value;
    if (f.birth_date.value) p.birth_date = *f.birth_date.value;
  }
  if (f.name.value) p.name = *f.name.value;
  if (f.relationship.value) p.relationship = *f.relationship.value;
  p.ethnicity = f.ethnicity.value.value_or("");
  p.phone = f.phone.value.value_or("");
  p.education = f.education.value.value_or("");
  p.employer = f.employer.value.value_or("");
  p.health = f.health.value;
  if (f.disability_grade.value) p.disability_grade = static_cast<int>(*f.disability_grade.value);
  p.able_to_work = f.able_to_work.value.value_or(false);
  p.wants_work = f.wants_work.value.value_or(false);
  p.employment_kind = f.employment_kind.value.value_or(registry::EmploymentKind::kNone);
  return p;
}

Error NothingToChange() {
  return InvalidArgument("the body changes no field; send at least one field to change",
                          "body", "", "没有要修改的字段")
              .error();
}

}  // namespace

json ScopeJson(const AccessScope& scope) {
  json j{{"level", LevelName(scope.level)}};
  switch (scope.level) {
    case AccessScope::Level::kTownship: j["township_code"] = scope.township_code; break;
    case AccessScope::Level::kSite: j["site_id"] = scope.site_id; break;
    case AccessScope::Level::kGrid: j["grid_id"] = scope.grid_id; break;
    case AccessScope::Level::kCounty: break;
  }
  return j;
}

json CapabilitiesJson(const auth::Capabilities& caps) {
  json scope = ScopeJson(caps.scope);
  scope["label"] = caps.scope_label;
  json actions = json::array();
  for (auth::Action a : caps.actions) actions.push_back(auth::ActionName(a));
  json enums = json::object();
  for (const auto& e : caps.enums) enums[e.kind] = e.values;
  return json{
      {"role", RoleName(caps.role)},
      {"scope", std::move(scope)},
      {"actions", std::move(actions)},
      {"enums", std::move(enums)},
      {"policy",
       {{"working_age",
         {{"min_years", caps.working_age.min_years},
          {"max_years", caps.working_age.max_years},
          {"source", caps.working_age.source}}}}},
  };
}

json SessionJson(const auth::Session& s, const DatabaseFacts& facts,
                 const auth::Capabilities& caps) {
  return json{
      {"username", s.username},
      {"display_name", s.display_name},
      {"role", RoleName(s.role)},
      {"scope", ScopeJson(s.scope)},
      {"csrf_token", s.csrf_token},
      {"must_change_password", s.must_change_password},
      {"expires_at", s.expires_at},
      {"database",
       {{"is_demo", facts.is_demo},
        {"county_code", facts.county_code},
        {"county_name", facts.county_name},
        {"statistics_date", OptText(facts.statistics_date)}}},
      {"capabilities", CapabilitiesJson(caps)},
  };
}

json PersonJson(const registry::Person& p, std::optional<Date> as_of) {
  json j{
      {"id", p.id},
      {"household_id", p.household_id},
      {"resident_id", p.resident_id},
      {"name", p.name},
      {"name_initials", p.name_initials},
      {"sex", SexName(p.sex)},
      {"birth_date", FormatIsoDate(p.birth_date)},
      {"relationship", registry::RelationshipName(p.relationship)},
      {"ethnicity", OptText(p.ethnicity)},
      {"phone", OptText(p.phone)},
      {"education", OptText(p.education)},
      {"health", p.health ? json(registry::HealthName(*p.health)) : json(nullptr)},
      {"disability_grade", p.disability_grade ? json(*p.disability_grade) : json(nullptr)},
      {"able_to_work", p.able_to_work},
      {"wants_work", p.wants_work},
      {"employment_kind", registry::EmploymentKindName(p.employment_kind)},
      {"employed", p.employment_kind != registry::EmploymentKind::kNone},
      {"employer", OptText(p.employer)},
      {"version", p.version},
  };
  if (as_of) j["age"] = AgeInCompletedYears(p.birth_date, *as_of);
  return j;
}

json HouseholdJson(const registry::Household& h) {
  return json{
      {"id", h.id},
      {"household_no", h.household_no},
      {"category", registry::CategoryName(h.category)},
      {"origin_village_id", h.origin_village_id},
      {"site_id", h.site_id},
      {"housing_unit_id", OptInt(h.housing_unit_id)},
      {"grid_id", OptInt(h.grid_id)},
      {"move_in_date", FormatIsoDate(h.move_in_date)},
      {"convention_signed", h.convention_signed},
      {"version", h.version},
  };
}

json HouseholdSummaryJson(const registry::HouseholdSummary& s) {
  json j = HouseholdJson(s.household);
  j["head_name"] = OptText(s.head_name);
  j["head_resident_id"] = OptText(s.head_resident_id);
  j["members_count"] = s.members;
  j["site_name"] = s.site_name;
  j["origin_village_name"] = s.origin_village_name;
  j["origin_township_code"] = s.origin_township_code;
  j["relocation_type"] = registry::RelocationTypeName(s.relocation_type);
  return j;
}

json OriginVillageJson(const registry::OriginVillage& v) {
  return json{
      {"id", v.id},
      {"division_code", OptText(v.division_code)},
      {"name", v.name},
      {"township_code", v.township_code},
      {"township_name", v.township_name},
      {"relocation_type", registry::RelocationTypeName(v.relocation_type)},
      {"legacy_name", OptText(v.legacy_name)},
  };
}

json HousingUnitJson(const sites::HousingUnit& u) {
  return json{
      {"id", u.id},
      {"site_id", u.site_id},
      {"building", u.building},
      {"entrance", u.entrance},
      {"room", u.room},
      {"floor_area_m2", Hundredths(u.floor_area_dm2)},
      {"household_id", OptInt(u.household_id)},
  };
}

json HouseholdDetailJson(const registry::HouseholdDetail& d, Date as_of) {
  json j = HouseholdJson(d.household);
  j["origin_village"] = OriginVillageJson(d.origin_village);
  j["relocation_type"] = registry::RelocationTypeName(d.origin_village.relocation_type);
  j["site"] = json{{"id", d.household.site_id}, {"name", d.site_name}};
  j["housing_unit"] = d.housing_unit ? HousingUnitJson(*d.housing_unit) : json(nullptr);
  j["area_exceeds_standard"] = d.area_exceeds_standard;
  json warnings = json::array();
  for (const auto& w : d.warnings) {
    warnings.push_back({{"person_id", w.person_id}, {"field", w.field}, {"message", w.message},
                        {"message_zh", w.message_zh.empty() ? w.message : w.message_zh}});
  }
  j["warnings"] = std::move(warnings);
  json members = json::array();
  for (const auto& p : d.members) members.push_back(PersonJson(p, as_of));
  j["members"] = std::move(members);
  j["members_count"] = d.members.size();
  return j;
}

namespace {

// PersonJson's keys, sorted as nlohmann::json (std::map) sorts them.
void WritePerson(JsonWriter& w, const registry::Person& p, Date as_of) {
  w.BeginObject();
  w.Key("able_to_work").Bool(p.able_to_work);
  w.Key("age").Int(AgeInCompletedYears(p.birth_date, as_of));
  w.Key("birth_date").String(FormatIsoDate(p.birth_date));
  w.Key("disability_grade");
  if (p.disability_grade) w.Int(*p.disability_grade);
  else w.Null();
  w.Key("education").OptString(p.education);
  w.Key("employed").Bool(p.employment_kind != registry::EmploymentKind::kNone);
  w.Key("employer").OptString(p.employer);
  w.Key("employment_kind").String(registry::EmploymentKindName(p.employment_kind));
  w.Key("ethnicity").OptString(p.ethnicity);
  w.Key("health");
  if (p.health) w.String(registry::HealthName(*p.health));
  else w.Null();
  w.Key("household_id").Int(p.household_id);
  w.Key("id").Int(p.id);
  w.Key("name").String(p.name);
  w.Key("name_initials").String(p.name_initials);
  w.Key("phone").OptString(p.phone);
  w.Key("relationship").String(registry::RelationshipName(p.relationship));
  w.Key("resident_id").String(p.resident_id);
  w.Key("sex").String(SexName(p.sex));
  w.Key("version").Int(p.version);
  w.Key("wants_work").Bool(p.wants_work);
  w.EndObject();
}

void WriteOptInt(JsonWriter& w, const std::optional<int64_t>& v) {
  if (v) w.Int(*v);
  else w.Null();
}

}  // namespace

std::string HouseholdDetailJsonText(const registry::HouseholdDetail& d, Date as_of) {
  std::string out;
  out.reserve(1024 + 700 * d.members.size());
  JsonWriter w(out);
  const registry::Household& h = d.household;
  const registry::OriginVillage& v = d.origin_village;
  w.BeginObject();
  w.Key("area_exceeds_standard").Bool(d.area_exceeds_standard);
  w.Key("category").String(registry::CategoryName(h.category));
  w.Key("convention_signed").Bool(h.convention_signed);
  w.Key("grid_id");
  WriteOptInt(w, h.grid_id);
  w.Key("household_no").String(h.household_no);
  w.Key("housing_unit");
  if (d.housing_unit) {
    const sites::HousingUnit& u = *d.housing_unit;
    w.BeginObject();
    w.Key("building").String(u.building);
    w.Key("entrance").String(u.entrance);
    w.Key("floor_area_m2").Double(static_cast<double>(u.floor_area_dm2) / 100.0);
    w.Key("household_id");
    WriteOptInt(w, u.household_id);
    w.Key("id").Int(u.id);
    w.Key("room").String(u.room);
    w.Key("site_id").Int(u.site_id);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("housing_unit_id");
  WriteOptInt(w, h.housing_unit_id);
  w.Key("id").Int(h.id);
  w.Key("members").BeginArray();
  for (const auto& p : d.members) WritePerson(w, p, as_of);
  w.EndArray();
  w.Key("members_count").Int(static_cast<int64_t>(d.members.size()));
  w.Key("move_in_date").String(FormatIsoDate(h.move_in_date));
  w.Key("origin_village").BeginObject();
  w.Key("division_code").OptString(v.division_code);
  w.Key("id").Int(v.id);
  w.Key("legacy_name").OptString(v.legacy_name);
  w.Key("name").String(v.name);
  w.Key("relocation_type").String(registry::RelocationTypeName(v.relocation_type));
  w.Key("township_code").String(v.township_code);
  w.Key("township_name").String(v.township_name);
  w.EndObject();
  w.Key("origin_village_id").Int(h.origin_village_id);
  w.Key("relocation_type").String(registry::RelocationTypeName(v.relocation_type));
  w.Key("site").BeginObject();
  w.Key("id").Int(h.site_id);
  w.Key("name").String(d.site_name);
  w.EndObject();
  w.Key("site_id").Int(h.site_id);
  w.Key("version").Int(h.version);
  w.Key("warnings").BeginArray();
  for (const auto& x : d.warnings) {
    w.BeginObject();
    w.Key("field").String(x.field);
    w.Key("message").String(x.message);
    w.Key("message_zh").String(x.message_zh.empty() ? x.message : x.message_zh);
    w.Key("person_id").Int(x.person_id);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return out;
}

json SiteJson(const sites::SiteFigures& f) {
  const sites::Site& s = f.site;
  json aliases = json::array();
  for (const auto& a : s.aliases) aliases.push_back({{"alias", a.alias}, {"reason", a.reason}});
  json rate = nullptr;
  if (f.working_age > 0) {
    rate = static_cast<double>(f.employed) / static_cast<double>(f.working_age);
  }
  return json{
      {"id", s.id},
      {"name", s.name},
      {"mode", sites::SiteModeName(s.mode)},
      {"township_code", s.township_code},
      {"township_name", s.township_name},
      {"community_code", OptText(s.community_code)},
      {"planned_capacity", OptInt(s.planned_capacity)},
      {"facility_standard", OptText(s.facility_standard)},
      {"note", OptText(s.note)},
      {"aliases", std::move(aliases)},
      {"size_class", reports::SizeClassKey(reports::SizeClassFor(f.persons))},
      {"households", f.households},
      {"persons", f.persons},
      {"registered_poor_persons", f.registered_poor_persons},
      {"co_relocated_persons", f.co_relocated_persons},
      {"working_age", f.working_age},
      {"employed", f.employed},
      {"employment_rate", rate},
  };
}

json ParkJson(const sites::Park& p) {
  return json{
      {"id", p.id},
      {"name", p.name},
      {"site_id", p.site_id},
      {"shared_with_site_ids", p.shared_with_site_ids},
      {"kind", p.kind},
      {"area_mu", p.area_centimu ? Hundredths(*p.area_centimu) : json(nullptr)},
      {"head_count", OptInt(p.head_count)},
      {"operator", OptText(p.operator_name)},
      {"status", p.planned ? "planned" : "built"},
      {"note", OptText(p.note)},
  };
}

json DivisionJson(const registry::Division& d) {
  return json{{"code", d.code},
              {"name", d.name},
              {"level", d.level},
              {"parent_code", OptText(d.parent_code)},
              {"urban_rural_code", OptText(d.urban_rural_code)}};
}

json GridJson(const sites::Grid& g) {
  return json{{"id", g.id}, {"site_id", g.site_id}, {"name", g.name},
              {"buildings", OptText(g.buildings)}};
}

json AuditRecordJson(const auth::AuditRecord& r) {
  json changes = json::object();
  json parsed = json::parse(r.changes, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_object()) {
    for (auto& [k, v] : parsed.items()) {
      if (v.is_array() && v.size() == 2) changes[k] = json{{"from", v[0]}, {"to", v[1]}};
      else changes[k] = v;
    }
  } else if (!r.changes.empty()) {
    changes["raw"] = r.changes;
  }
  return json{
      {"seq", r.seq},
      {"at", r.at},
      {"username", r.username},
      {"role", r.role},
      {"action", r.action},
      {"entity", r.entity},
      {"entity_id", r.entity_id},
      {"changes", std::move(changes)},
      {"source", OptText(r.source)},
      {"client", r.client},
  };
}

json UserJson(const auth::UserInfo& u) {
  return json{
      {"id", u.id},
      {"username", u.username},
      {"display_name", u.display_name},
      {"role", RoleName(u.role)},
      {"scope", ScopeJson(u.scope)},
      {"scope_label", u.scope_label},
      {"must_change_password", u.must_change_password},
      {"disabled", u.disabled},
      {"is_demo", u.is_demo},
      {"failed_logins", u.failed_logins},
      {"locked_until", u.locked_until > 0 ? json(u.locked_until) : json(nullptr)},
      {"version", u.version},
      {"created_at", u.created_at},
      {"updated_at", u.updated_at},
  };
}

json CreatedUserJson(const auth::CreatedUser& c) {
  return json{{"user", UserJson(c.user)}, {"one_time_password", OptText(c.one_time_password)}};
}

namespace {

// role + the scope field of its level, as read from a body.
struct GrantFields {
  Field<Role> role;
  Field<std::string> township_code;
  Field<int64_t> site_id;
  Field<int64_t> grid_id;
  explicit GrantFields(BodyReader& r)
      : role(EnumField<Role>(r, "role", ParseRole)),
        township_code(r.String("township_code")),
        site_id(r.Int("site_id")),
        grid_id(r.Int("grid_id")) {}
  bool AnyScope() const { return township_code.present || site_id.present || grid_id.present; }
  auth::Grant Grant() const {
    auth::Grant g;
    g.role = role.value.value_or(Role::kCountyStaff);
    g.township_code = township_code.value.value_or("");
    if (site_id.value) g.site = std::to_string(*site_id.value);
    g.grid_id = grid_id.value.value_or(0);
    return g;
  }
};

}  // namespace

Error WithBodyScopeField(Error e) {
  if (e.field == "township") e.field = "township_code";
  else if (e.field == "site") e.field = "site_id";
  else if (e.field == "grid") e.field = "grid_id";
  for (auto& d : e.details) d = WithBodyScopeField(std::move(d));
  return e;
}

Result<auth::NewUser> ParseNewUser(const json& body) {
  BodyReader r(body);
  auth::NewUser u;
  auto username = r.String("username");
  auto display = r.String("display_name");
  GrantFields g(r);
  if (r.Require("username", username)) u.username = *username.value;
  u.display_name = display.value.value_or("");
  r.Require("role", g.role);
  if (auto st = r.Finish(); !st) return std::unexpected(st.error());
  u.grant = g.Grant();
  return u;
}

Result<auth::UserPatch> ParseUserPatch(const json& body) {
  BodyReader r(body);
  auth::UserPatch p;
  auto display = r.String("display_name");
  auto disabled = r.Bool("disabled");
  GrantFields g(r);
  if (display.IsNull()) r.Require("display_name", display);
  if (disabled.IsNull()) r.Require("disabled", disabled);
  if (g.role.IsNull() || (g.AnyScope() && !g.role.present)) {
    r.Fault(InvalidArgument("give role together with its scope field (township_code, site_id "
                            "or grid_id)", "role", "", "请同时给出角色及其范围")
                .error());
  }
  p.display_name = display.value;
  p.disabled = disabled.value;
  if (g.role.value) p.grant = g.Grant();
  if (auto st = r.Finish(); !st) return std::unexpected(st.error());
  if (!p.display_name && !p.disabled && !p.grant) {
    return std::unexpected(ValidationFailed({NothingToChange()}));
  }
  return p;
}

json PageJson(json items, const std::string& next_cursor, std::optional<int64_t> total) {
  json page{{"items", std::move(items)},
            {"next_cursor", next_cursor.empty() ? json(nullptr) : json(next_cursor)}};
  if (total) page["total"] = *total;
  return page;
}

Result<registry::NewHousehold> ParseNewHousehold(const json& body) {
  BodyReader r(body);
  registry::NewHousehold in;
  registry::Household& h = in.household;
  auto no = r.String("household_no");
  auto category = EnumField<registry::Category>(r, "category", registry::ParseCategory);
  auto village = r.Int("origin_village_id");
  auto site = r.Int("site_id");
  auto unit = r.Int("housing_unit_id");
  auto grid = r.Int("grid_id");
  auto move_in = r.DateField("move_in_date");
  auto signed_ = r.Bool("convention_signed");
  CheckDate(r, move_in, "move_in_date");
  Check(r, no, [](const std::string& v) {
    return ValidateFreeText("household_no", v, kMaxShortTextChars);
  });
  if (r.Require("household_no", no)) h.household_no = *no.value;
  if (r.Require("category", category)) h.category = *category.value;
  if (r.Require("origin_village_id", village)) h.origin_village_id = *village.value;
  if (r.Require("site_id", site)) h.site_id = *site.value;
  if (r.Require("move_in_date", move_in)) h.move_in_date = *move_in.value;
  h.housing_unit_id = unit.value;
  h.grid_id = grid.value;
  h.convention_signed = signed_.value.value_or(false);

  r.Known("members");
  if (auto it = body.find("members"); it != body.end() && !it->is_null()) {
    if (!it->is_array()) {
      r.Fault(InvalidArgument("members must be an array of persons", "members", "",
                               "members 应为人员数组")
                   .error());
    } else {
      for (size_t i = 0; i < it->size(); ++i) {
        const json& m = (*it)[i];
        std::string prefix = fmt::format("members[{}].", i);
        if (!m.is_object()) {
          r.Fault(InvalidArgument("each member must be a JSON object", prefix + "body")
                       .error());
          continue;
        }
        BodyReader mr(m);
        PersonFields f(mr);
        registry::Person p = NewPersonFrom(mr, f);
        if (auto st = mr.Finish(); !st) {
          for (const Error& d : st.error().details) r.Fault(Prefixed(d, prefix));
        }
        in.members.push_back(std::move(p));
      }
    }
  }
  if (auto st = r.Finish(); !st) return std::unexpected(st.error());
  return in;
}

Result<registry::HouseholdPatch> ParseHouseholdPatch(const json& body) {
  BodyReader r(body);
  registry::HouseholdPatch p;
  auto category = EnumField<registry::Category>(r, "category", registry::ParseCategory);
  auto village = r.Int("origin_village_id");
  auto site = r.Int("site_id");
  auto unit = r.Int("housing_unit_id");
  auto grid = r.Int("grid_id");
  auto move_in = r.DateField("move_in_date");
  auto signed_ = r.Bool("convention_signed");
  CheckDate(r, move_in, "move_in_date");
  if (category.IsNull()) r.Require("category", category);
  if (village.IsNull()) r.Require("origin_village_id", village);
  if (site.IsNull()) r.Require("site_id", site);
  if (move_in.IsNull()) r.Require("move_in_date", move_in);
  if (signed_.IsNull()) r.Require("convention_signed", signed_);
  p.category = category.value;
  p.origin_village_id = village.value;
  p.site_id = site.value;
  if (unit.present) p.housing_unit_id = unit.value;
  if (grid.present) p.grid_id = grid.value;
  p.move_in_date = move_in.value;
  p.convention_signed = signed_.value;
  if (auto st = r.Finish(); !st) return std::unexpected(st.error());
  if (!p.category && !p.origin_village_id && !p.site_id && !p.housing_unit_id && !p.grid_id &&
      !p.move_in_date && !p.convention_signed) {
    return std::unexpected(ValidationFailed({NothingToChange()}));
  }
  return p;
}

Result<registry::Person> ParseNewPerson(const json& body) {
  BodyReader r(body);
  auto household = r.Int("household_id");
  PersonFields f(r);
  registry::Person p = NewPersonFrom(r, f);
  if (r.Require("household_id", household)) p.household_id = *household.value;
  if (auto st = r.Finish(); !st) return std::unexpected(st.error());
  return p;
}

Result<registry::PersonPatch> ParsePersonPatch(const json& body) {
  BodyReader r(body);
  PersonFields f(r);
  registry::PersonPatch p;
  // Required columns cannot be cleared.
  if (f.resident_id.IsNull()) r.Require("resident_id", f.resident_id);
  if (f.name.IsNull()) r.Require("name", f.name);
  if (f.sex.IsNull()) r.Require("sex", f.sex);
  if (f.birth_date.IsNull()) r.Require("birth_date", f.birth_date);
  if (f.relationship.IsNull()) r.Require("relationship", f.relationship);
  if (f.able_to_work.IsNull()) r.Require("able_to_work", f.able_to_work);
  if (f.wants_work.IsNull()) r.Require("wants_work", f.wants_work);
  if (f.employment_kind.IsNull()) r.Require("employment_kind", f.employment_kind);
  if (r.Known("household_id")) {
    r.Fault(InvalidArgument(
                 "household_id cannot be changed by an edit; delete the person and add them "
                 "to the other household",
                 "household_id", "", "不能直接修改所属户")
                 .error());
  }
  if (f.resident_id.value) {
    if (auto id = ParseResidentId(*f.resident_id.value, TodayInChina()); id) {
      p.resident_id = id->str();
    } else {
      Error e = id.error();
      e.field = "resident_id";
      r.Fault(std::move(e));
    }
  }
  p.name = f.name.value;
  p.sex = f.sex.value;
  p.birth_date = f.birth_date.value;
  p.relationship = f.relationship.value;
  // Optional texts: null clears (empty text).
  if (f.ethnicity.present) p.ethnicity = f.ethnicity.value.value_or("");
  if (f.phone.present) p.phone = f.phone.value.value_or("");
  if (f.education.present) p.education = f.education.value.value_or("");
  if (f.employer.present) p.employer = f.employer.value.value_or("");
  if (f.health.present) p.health = f.health.value;
  if (f.disability_grade.present) {
    p.disability_grade = f.disability_grade.value
                             ? std::optional<int>(static_cast<int>(*f.disability_grade.value))
                             : std::nullopt;
  }
  p.able_to_work = f.able_to_work.value;
  p.wants_work = f.wants_work.value;
  p.employment_kind = f.employment_kind.value;
  if (auto st = r.Finish(); !st) return std::unexpected(st.error());
  if (!p.resident_id && !p.name && !p.sex && !p.birth_date && !p.relationship && !p.ethnicity &&
      !p.phone && !p.education && !p.employer && !p.health && !p.disability_grade &&
      !p.able_to_work && !p.wants_work && !p.employment_kind) {
    return std::unexpected(ValidationFailed({NothingToChange()}));
  }
  return p;
}

}  // namespace anju::http
