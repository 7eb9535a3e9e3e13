#include "registry/http/json.h"

#include <fmt/format.h>

#include <functional>

#include "core/plausible.h"
#include "core/resident_id.h"
#include "http/envelope.h"
#include "http/json_body.h"
#include "http/json_writer.h"
#include "http/reply.h"
#include "sites/http/json.h"

namespace anju::registry {

using namespace anju::http;  // BodyReader, Field, EnumField, OptInt, OptText, JsonWriter …
using nlohmann::json;
using sites::HousingUnitJson;

namespace {

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

// The household fields a new household and a household patch share, read in this order (the
// order their errors are listed in); the move-in date is checked as a date.
struct HouseholdFields {
  Field<registry::Category> category;
  Field<int64_t> village, site, unit, grid;
  Field<Date> move_in;
  Field<bool> signed_;

  explicit HouseholdFields(BodyReader& r)
      : category(EnumField<registry::Category>(r, "category", registry::ParseCategory)),
        village(r.Int("origin_village_id")),
        site(r.Int("site_id")),
        unit(r.Int("housing_unit_id")),
        grid(r.Int("grid_id")),
        move_in(r.DateField("move_in_date")),
        signed_(r.Bool("convention_signed")) {
    CheckDate(r, move_in, "move_in_date");
  }
};

// Fills a new person from the fields; sex and birth date default to what the id encodes.
registry::Person NewPersonFrom(BodyReader& r, PersonFields& f) {
  registry::Person p;
  r.Require("resident_id", f.resident_id);
  r.Require("name", f.name);
  r.Require("relationship", f.relationship);
  if (f.resident_id.value) p.resident_id = *f.resident_id.value;
  if (f.resident_id.value && f.resident_id.value->empty() && f.sex.value && f.birth_date.value) {
    // Pending (ParseMemberPerson of a birth): sex and birth date as entered.
    p.sex = *f.sex.value;
    p.birth_date = *f.birth_date.value;
  } else if (auto id = ParseResidentId(p.resident_id, TodayInChina()); id) {
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

}  // namespace

json PersonJson(const registry::Person& p, std::optional<Date> as_of) {
  json j{
      {"id", p.id},
      {"household_id", p.household_id},
      {"household_no", p.household_no},
      {"resident_id", p.resident_id},
      {"id_pending", p.resident_id.empty()},
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

json FormerMemberJson(const registry::FormerMember& f) {
  return json{{"person_id", f.person.id},
              {"name", f.person.name},
              {"resident_id", f.person.resident_id},
              {"id_pending", f.person.resident_id.empty()},
              {"sex", SexName(f.person.sex)},
              {"birth_date", FormatIsoDate(f.person.birth_date)},
              {"relationship", registry::RelationshipName(f.person.relationship)},
              {"until", FormatIsoDate(f.until)},
              {"kind", f.kind ? json(registry::RegisterEventKindName(*f.kind)) : json(nullptr)},
              {"kind_zh", f.kind ? json(registry::RegisterEventKindNameZh(*f.kind)) : json(nullptr)},
              {"reason", f.reason},
              {"place", f.place}};
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
  for (registry::Person p : d.members) {
    p.household_no = d.household.household_no;
    members.push_back(PersonJson(p, as_of));
  }
  j["members"] = std::move(members);
  j["members_count"] = d.members.size();
  j["ended_on"] = d.ended_on ? json(FormatIsoDate(*d.ended_on)) : json(nullptr);
  json former = json::array();
  for (const auto& f : d.former_members) former.push_back(FormerMemberJson(f));
  j["former_members"] = std::move(former);
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
  w.Key("household_no").String(p.household_no);
  w.Key("id").Int(p.id);
  w.Key("id_pending").Bool(p.resident_id.empty());
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
  w.Key("ended_on");
  if (d.ended_on) w.String(FormatIsoDate(*d.ended_on));
  else w.Null();
  w.Key("former_members").BeginArray();
  for (const auto& f : d.former_members) {
    // FormerMemberJson's keys, sorted.
    w.BeginObject();
    w.Key("birth_date").String(FormatIsoDate(f.person.birth_date));
    w.Key("id_pending").Bool(f.person.resident_id.empty());
    w.Key("kind");
    if (f.kind) w.String(registry::RegisterEventKindName(*f.kind));
    else w.Null();
    w.Key("kind_zh");
    if (f.kind) w.String(registry::RegisterEventKindNameZh(*f.kind));
    else w.Null();
    w.Key("name").String(f.person.name);
    w.Key("person_id").Int(f.person.id);
    w.Key("place").String(f.place);
    w.Key("reason").String(f.reason);
    w.Key("relationship").String(registry::RelationshipName(f.person.relationship));
    w.Key("resident_id").String(f.person.resident_id);
    w.Key("sex").String(SexName(f.person.sex));
    w.Key("until").String(FormatIsoDate(f.until));
    w.EndObject();
  }
  w.EndArray();
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
  for (registry::Person p : d.members) {
    p.household_no = d.household.household_no;
    WritePerson(w, p, as_of);
  }
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

json DivisionJson(const registry::Division& d) {
  return json{{"code", d.code},
              {"name", d.name},
              {"level", d.level},
              {"parent_code", OptText(d.parent_code)},
              {"urban_rural_code", OptText(d.urban_rural_code)}};
}

registry::NewHousehold ReadNewHousehold(BodyReader& r, const json& body) {
  registry::NewHousehold in;
  registry::Household& h = in.household;
  auto no = r.String("household_no");
  HouseholdFields hf(r);
  Check(r, no, [](const std::string& v) {
    return ValidateFreeText("household_no", v, kMaxShortTextChars);
  });
  if (r.Require("household_no", no)) h.household_no = *no.value;
  if (r.Require("category", hf.category)) h.category = *hf.category.value;
  if (r.Require("origin_village_id", hf.village)) h.origin_village_id = *hf.village.value;
  if (r.Require("site_id", hf.site)) h.site_id = *hf.site.value;
  if (r.Require("move_in_date", hf.move_in)) h.move_in_date = *hf.move_in.value;
  h.housing_unit_id = hf.unit.value;
  h.grid_id = hf.grid.value;
  h.convention_signed = hf.signed_.value.value_or(false);

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
  return in;
}

registry::NewOriginVillage ReadNewOriginVillage(BodyReader& r) {
  registry::NewOriginVillage v;
  auto code = r.String("division_code");
  auto name = r.String("name");
  auto township = r.String("township_code");
  auto type = EnumField<registry::RelocationType>(r, "relocation_type", registry::ParseRelocationType);
  v.division_code = code.value.value_or("");
  v.name = name.value.value_or("");
  v.township_code = township.value.value_or("");
  v.relocation_type = type.value;
  return v;
}

registry::HouseholdPatch ReadHouseholdPatch(BodyReader& r) {
  registry::HouseholdPatch p;
  HouseholdFields hf(r);
  if (hf.category.IsNull()) r.Require("category", hf.category);
  if (hf.village.IsNull()) r.Require("origin_village_id", hf.village);
  if (hf.site.IsNull()) r.Require("site_id", hf.site);
  if (hf.move_in.IsNull()) r.Require("move_in_date", hf.move_in);
  if (hf.signed_.IsNull()) r.Require("convention_signed", hf.signed_);
  p.category = hf.category.value;
  p.origin_village_id = hf.village.value;
  p.site_id = hf.site.value;
  if (hf.unit.present) p.housing_unit_id = hf.unit.value;
  if (hf.grid.present) p.grid_id = hf.grid.value;
  p.move_in_date = hf.move_in.value;
  p.convention_signed = hf.signed_.value;
  if (r.Ok() && !p.category && !p.origin_village_id && !p.site_id && !p.housing_unit_id && !p.grid_id &&
      !p.move_in_date && !p.convention_signed) r.Fault(NothingToChange());
  return p;
}

registry::Person ReadNewPerson(BodyReader& r) {
  auto household = r.Int("household_id");
  PersonFields f(r);
  registry::Person p = NewPersonFrom(r, f);
  if (r.Require("household_id", household)) p.household_id = *household.value;
  return p;
}

Result<registry::Person> ParseMemberPerson(const json& body, bool id_optional, bool relationship_only) {
  BodyReader r(body);
  PersonFields f(r);
  const bool pending = id_optional && (!f.resident_id.value || f.resident_id.value->empty());
  registry::Person p;
  if (relationship_only) {
    r.Require("relationship", f.relationship);
    if (f.relationship.value) p.relationship = *f.relationship.value;
  } else if (pending) {
    // A newborn without an id yet (待补录): sex and birth date as entered, both required.
    f.resident_id.value = "";
    r.Require("name", f.name);
    r.Require("relationship", f.relationship);
    r.Require("sex", f.sex);
    r.Require("birth_date", f.birth_date);
    registry::Person q = NewPersonFrom(r, f);  // with resident_id "" it reports no id fault below
    p = std::move(q);
  } else {
    p = NewPersonFrom(r, f);
  }
  if (auto st = r.Finish(); !st) return std::unexpected(Prefixed(st.error(), "person."));
  return p;
}

registry::PersonPatch ReadPersonPatch(BodyReader& r) {
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
  if (r.Ok() && !p.resident_id && !p.name && !p.sex && !p.birth_date && !p.relationship && !p.ethnicity &&
      !p.phone && !p.education && !p.employer && !p.health && !p.disability_grade &&
      !p.able_to_work && !p.wants_work && !p.employment_kind) r.Fault(NothingToChange());
  return p;
}

}  // namespace anju::registry
