#include <nlohmann/json.hpp>

#include "core/try.h"
#include "registry/registry_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>

#include "core/plausible.h"

namespace anju::registry {

namespace {

// A JSON string literal of `s` (nlohmann/json; bytes that are not UTF-8 become U+FFFD, never
// an exception).
std::string JsonString(std::string_view s) {
  return nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// {"field": [before, after], …} of the fields that differ. A record being created has no
// before (null) and a deleted one no after (null); only fields with a value are listed then,
// so a new person shows no previous birth date rather than "0000-00-00".
class Changes {
 public:
  enum class Kind { kUpdate, kCreate, kDelete };
  explicit Changes(Kind kind = Kind::kUpdate) : kind_(kind) {}
  void Add(std::string_view field, const std::string& before, const std::string& after) {
    std::string pair;
    switch (kind_) {
      case Kind::kCreate:
        if (after.empty()) return;
        pair = fmt::format("[null,{}]", JsonString(after));
        break;
      case Kind::kDelete:
        if (before.empty()) return;
        pair = fmt::format("[{},null]", JsonString(before));
        break;
      case Kind::kUpdate:
        if (before == after) return;
        pair = fmt::format("[{},{}]", JsonString(before), JsonString(after));
        break;
    }
    if (!body_.empty()) body_ += ",";
    body_ += JsonString(field) + ":" + pair;
  }
  std::string Json() const { return "{" + body_ + "}"; }
  bool empty() const { return body_.empty(); }

 private:
  Kind kind_;
  std::string body_;
};

std::string Opt(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : ""; }
std::string OptHealth(const std::optional<Health>& h) { return h ? std::string(HealthName(*h)) : ""; }
std::string Bool(bool b) { return b ? "true" : "false"; }

void DiffHousehold(Changes& c, const Household& a, const Household& b) {
  c.Add("household_no", a.household_no, b.household_no);
  c.Add("category", std::string(CategoryName(a.category)), std::string(CategoryName(b.category)));
  c.Add("origin_village_id", std::to_string(a.origin_village_id), std::to_string(b.origin_village_id));
  c.Add("site_id", std::to_string(a.site_id), std::to_string(b.site_id));
  c.Add("housing_unit_id", Opt(a.housing_unit_id), Opt(b.housing_unit_id));
  c.Add("grid_id", Opt(a.grid_id), Opt(b.grid_id));
  c.Add("move_in_date", FormatIsoDate(a.move_in_date), FormatIsoDate(b.move_in_date));
  c.Add("convention_signed", Bool(a.convention_signed), Bool(b.convention_signed));
}

void DiffPerson(Changes& c, const Person& a, const Person& b) {
  c.Add("household_id", std::to_string(a.household_id), std::to_string(b.household_id));
  c.Add("resident_id", a.resident_id, b.resident_id);
  c.Add("name", a.name, b.name);
  c.Add("sex", std::string(SexName(a.sex)), std::string(SexName(b.sex)));
  c.Add("birth_date", FormatIsoDate(a.birth_date), FormatIsoDate(b.birth_date));
  c.Add("relationship", std::string(RelationshipName(a.relationship)), std::string(RelationshipName(b.relationship)));
  c.Add("ethnicity", a.ethnicity, b.ethnicity);
  c.Add("phone", a.phone, b.phone);
  c.Add("education", a.education, b.education);
  c.Add("health", OptHealth(a.health), OptHealth(b.health));
  c.Add("disability_grade", a.disability_grade ? std::to_string(*a.disability_grade) : "",
        b.disability_grade ? std::to_string(*b.disability_grade) : "");
  c.Add("able_to_work", Bool(a.able_to_work), Bool(b.able_to_work));
  c.Add("wants_work", Bool(a.wants_work), Bool(b.wants_work));
  c.Add("employment_kind", std::string(EmploymentKindName(a.employment_kind)),
        std::string(EmploymentKindName(b.employment_kind)));
  c.Add("employer", a.employer, b.employer);
}

std::unexpected<Error> OutOfScope(std::string_view entity, int64_t id) {
  return NotFound(fmt::format("no {} with id {}", entity, id), "id", std::to_string(id),
                  entity == "household" ? "找不到该搬迁户" : "找不到该人员");
}

// Whole resident ids and phones on a detail (full=true) only for the roles that may see them
// whole (core/actor.h PrivilegedExports: county roles and system; auth "ids.view_whole").
// kPermissionDenied naming field "full" otherwise.
Status CheckViewWhole(const Actor& actor) {
  if (actor.PrivilegedExports()) return {};
  return std::unexpected(Error{
      ErrorCode::kPermissionDenied,
      fmt::format("role {} may not see whole resident ids and phones (full=true); ask a county "
                  "user, or leave out full",
                  RoleName(actor.role)),
      "该角色不能查看完整身份证号和电话（full=true），请联系县级人员或去掉 full", "full", "true", {}});
}

// The optimistic-concurrency refusal: the caller edited version `had`, the record is at `now`.
// kConflict (HTTP 409) naming the version; nothing is changed.
std::unexpected<Error> StaleVersion(std::string_view entity, int64_t id, int64_t now, int64_t had) {
  return Conflict(fmt::format("{} {} was changed by someone else (version {}, you had {}); reload it and try again",
                              entity, id, now, had),
                  "version", std::to_string(had),
                  entity == "household" ? "该户已被他人修改，请刷新后重试" : "该人员已被他人修改，请刷新后重试");
}

Status CheckWrite(const Actor& actor) {
  if (!actor.CanWrite())
    return PermissionDenied(fmt::format("role {} may not change registry records", RoleName(actor.role)),
                            "当前角色无权修改登记记录");
  return {};
}

// --- scope of writes: one rule (ScopeCovers, core/actor.h) for the current and the target place ---

// Household `id` when it exists and the actor's scope covers its current place; nullopt (the
// caller answers kNotFound, as a read would) otherwise.
Result<std::optional<Household>> HouseholdInScope(RegistryRepository& repo, const Actor& actor, int64_t id) {
  auto h = repo.FindHousehold(AccessScope{}, id);  // county: every household; the rule is below
  if (!h || !*h) return h;
  auto place = repo.PlaceOf(**h);
  if (!place) return std::unexpected(place.error());
  if (!ScopeCovers(actor.scope, *place)) return std::optional<Household>();
  return h;
}

// Person `id` when it exists and the actor's scope covers its household's current place.
Result<std::optional<Person>> PersonInScope(RegistryRepository& repo, const Actor& actor, int64_t id) {
  auto p = repo.FindPerson(AccessScope{}, id);
  if (!p || !*p) return p;
  auto h = HouseholdInScope(repo, actor, (*p)->household_id);
  if (!h) return std::unexpected(h.error());
  if (!*h) return std::optional<Person>();
  return p;
}

// The record a change edits: `found` (a *InScope answer) when it exists, is in the actor's scope
// and is still at `expected_version`. kNotFound (OutOfScope) when absent or outside the scope,
// kConflict (StaleVersion) when someone else changed it since; nothing is changed either way.
template <class T>
Result<T> AtVersion(Result<std::optional<T>> found, std::string_view entity, int64_t id, int64_t expected_version) {
  if (!found) return std::unexpected(found.error());
  if (!*found) return OutOfScope(entity, id);
  if ((*found)->version != expected_version) return StaleVersion(entity, id, (*found)->version, expected_version);
  return std::move(**found);
}

// Refuses (kPermissionDenied naming the field that leaves the scope) a household written to a
// place the actor's scope does not cover. `moved`: the fields the write sets (nullptr: a new
// household, all of them).
Status CheckTargetPlace(RegistryRepository& repo, const Actor& actor, const Household& target,
                        const HouseholdPatch* moved) {
  auto place = repo.PlaceOf(target);
  if (!place) return std::unexpected(place.error());
  // A target is a place, not the household: a cadre's assignment (Place::household_id) lets a
  // linked account edit that household but not move it out of its own scope.
  place->household_id = 0;
  if (ScopeCovers(actor.scope, *place)) return {};
  switch (actor.scope.level) {
    case AccessScope::Level::kGrid:
      return TargetOutsideScope(actor.scope, "grid_id", target.grid_id ? std::to_string(*target.grid_id) : "");
    case AccessScope::Level::kTownship:
      if (moved && moved->origin_village_id && !moved->site_id)
        return TargetOutsideScope(actor.scope, "origin_village_id", std::to_string(target.origin_village_id));
      break;
    case AccessScope::Level::kSite:
    case AccessScope::Level::kAssigned:  // no place of its own: CanWrite() is false anyway
    case AccessScope::Level::kCounty:  // covers every place: not reached
      break;
  }
  return TargetOutsideScope(actor.scope, "site_id", std::to_string(target.site_id));
}



// The filters of an export as a JSON object for its audit entry: {"name": "value", …}. A
// search text that looks like (part of) a resident id keeps only its last 4 characters.
class FilterJson {
 public:
  void Add(std::string_view name, const std::string& value) {
    if (value.empty()) return;
    if (!body_.empty()) body_ += ",";
    body_ += JsonString(name) + ":" + JsonString(value);
  }
  template <class T, class F>
  void Opt(std::string_view name, const std::optional<T>& v, F to_text) {
    if (v) Add(name, std::string(to_text(*v)));
  }
  void Query(const std::string& q) {
    const bool id_like = !q.empty() && std::all_of(q.begin(), q.end(), [](char c) {
      return (c >= '0' && c <= '9') || c == 'x' || c == 'X';
    });
    if (id_like && q.size() > 4) Add("q", std::string(q.size() - 4, '*') + q.substr(q.size() - 4));
    else Add("q", q);
  }
  void Traits(const MemberFilter& m, std::string_view prefix) {
    auto key = [&](std::string_view k) { return std::string(prefix) + std::string(k); };
    Opt(key("employed"), m.employed, Bool);
    Opt(key("employment_kind"), m.employment_kind, EmploymentKindName);
    Opt(key("age_min"), m.age_min, [](int v) { return std::to_string(v); });
    Opt(key("age_max"), m.age_max, [](int v) { return std::to_string(v); });
    if (m.age_min || m.age_max) Opt(key("as_of"), m.as_of, FormatIsoDate);
    Opt(key("able_to_work"), m.able_to_work, Bool);
    Opt(key("wants_work"), m.wants_work, Bool);
    Opt(key("sex"), m.sex, SexName);
  }
  std::string Json() const { return "{" + body_ + "}"; }

 private:
  std::string body_;
};

std::string IdText(int64_t v) { return std::to_string(v); }

std::string ExportChanges(const std::string& filters, int64_t rows, bool whole) {
  return fmt::format(R"({{"filters":{},"rows":{},"ids":"{}"}})", filters, rows, whole ? "whole" : "masked");
}

// Fills a missing as_of of an age filter with the statistics date, else today.
Status DefaultAsOf(RegistryRepository& repo, const std::optional<int>& age_min, const std::optional<int>& age_max,
                   std::optional<Date>& as_of) {
  if ((age_min || age_max) && !as_of) {
    auto sd = repo.StatisticsDate();
    if (!sd) return std::unexpected(sd.error());
    as_of = sd->value_or(TodayInChina());
  }
  return {};
}

// Validation of household references; appends faults to `details`.
Status CheckHouseholdRefs(RegistryRepository& repo, const Household& h, std::optional<int64_t> self_id,
                          std::vector<Error>& details, Date today, const Household* before = nullptr) {
  auto ov = repo.FindOriginVillage(h.origin_village_id);
  if (!ov) return std::unexpected(ov.error());
  if (!*ov)
    details.push_back(Error{ErrorCode::kInvalidArgument, fmt::format("origin village {} does not exist", h.origin_village_id),
                            "迁出村不存在", "origin_village_id", std::to_string(h.origin_village_id), {}});
  auto site = repo.SiteExists(h.site_id);
  if (!site) return std::unexpected(site.error());
  if (!*site)
    details.push_back(Error{ErrorCode::kInvalidArgument, fmt::format("site {} does not exist", h.site_id), "安置点不存在",
                            "site_id", std::to_string(h.site_id), {}});
  if (h.housing_unit_id) {
    auto u = repo.FindHousingUnit(*h.housing_unit_id);
    if (!u) return std::unexpected(u.error());
    if (!*u)
      details.push_back(Error{ErrorCode::kInvalidArgument, fmt::format("housing unit {} does not exist", *h.housing_unit_id),
                              "安置房不存在", "housing_unit_id", std::to_string(*h.housing_unit_id), {}});
    else if ((*u)->site_id != h.site_id)
      details.push_back(Error{ErrorCode::kInvalidArgument,
                              fmt::format("housing unit {} is at site {}, not at the household's site {}", *h.housing_unit_id,
                                          (*u)->site_id, h.site_id),
                              "安置房不在该户的安置点", "housing_unit_id", std::to_string(*h.housing_unit_id), {}});
    else if ((*u)->household_id && (*u)->household_id != self_id)
      details.push_back(Error{ErrorCode::kConflict,
                              fmt::format("housing unit {} is already occupied by household {}", *h.housing_unit_id,
                                          *(*u)->household_id),
                              "该安置房已有住户", "housing_unit_id", std::to_string(*h.housing_unit_id), {}});
  }
  if (h.grid_id) {
    auto gs = repo.SiteOfGrid(*h.grid_id);
    if (!gs) return std::unexpected(gs.error());
    if (!*gs || **gs != h.site_id)
      details.push_back(Error{ErrorCode::kInvalidArgument,
                              fmt::format("grid {} does not belong to the household's site {}", *h.grid_id, h.site_id),
                              "网格不属于该户的安置点", "grid_id", std::to_string(*h.grid_id), {}});
  }
  if (h.move_in_date.ok() == false)
    details.push_back(Error{ErrorCode::kInvalidArgument, "move-in date is not a valid date", "入住日期无效", "move_in_date", "", {}});
  else if (!before || before->move_in_date != h.move_in_date)  // a stored date stays editable around
    if (auto r = ValidateDateInRange("move_in_date", h.move_in_date, today); !r) details.push_back(r.error());
  return {};
}

}  // namespace

void MaskPerson(Person& p) {
  p.resident_id = MaskResidentId(p.resident_id);
  if (!p.phone.empty()) p.phone = MaskPhone(p.phone);
}

void NormalizePersonCodes(Person& p) {
  if (auto e = ParseEthnicity(p.ethnicity)) p.ethnicity = *e;
  if (auto e = ParseEducation(p.education)) p.education = *e;
}

Status ValidatePerson(const Person& p, Date today, const Person* before) {
  std::vector<Error> d;
  // A field equal to the stored one is not judged again, so that a record stored before a rule
  // (imported, or older) can still have another field corrected.
  auto changed = [&](auto field) { return !before || (*before).*field != p.*field; };
  // A pending id ('', a newborn's 待补录) kept as it was is not judged: the other fields of the
  // person can be corrected; it is filled by PUT /api/v1/persons/{id}/resident-id.
  const bool still_pending = before && before->resident_id.empty() && p.resident_id.empty();
  auto id = ParseResidentId(p.resident_id, today);
  if (still_pending) {
    // nothing to judge
  } else if (!id) {
    d.push_back(id.error());
  } else {
    if (id->sex() != p.sex)
      d.push_back(Error{ErrorCode::kInvalidArgument,
                        fmt::format("sex {} disagrees with the resident id {}, which encodes {} (17th digit odd = male); "
                                    "correct the sex or the id", SexName(p.sex), id->Masked(), SexName(id->sex())),
                        "性别与公民身份号码不符", "sex", std::string(SexName(p.sex)), {}});
    if (id->BirthDate() != p.birth_date)
      d.push_back(Error{ErrorCode::kInvalidArgument,
                        fmt::format("birth date {} disagrees with the resident id {}, which encodes {}; correct one of them",
                                    FormatIsoDate(p.birth_date), id->Masked(), FormatIsoDate(id->BirthDate())),
                        "出生日期与公民身份号码不符", "birth_date", FormatIsoDate(p.birth_date), {}});
  }
  if (changed(&Person::name))
    if (auto r = ValidateName("name", p.name); !r) d.push_back(r.error());
  if (changed(&Person::birth_date) && p.birth_date.ok())
    if (auto r = ValidateDateInRange("birth_date", p.birth_date, today); !r) d.push_back(r.error());
  if (changed(&Person::ethnicity))
    if (auto e = ParseEthnicity(p.ethnicity); !e || *e != p.ethnicity)
      d.push_back(e ? Error{ErrorCode::kInvalidArgument, fmt::format("write the ethnicity as stored: {}", *e),
                            fmt::format("民族请写作“{}”", *e), "ethnicity", p.ethnicity, {}}
                    : e.error());
  if (changed(&Person::education))
    if (auto e = ParseEducation(p.education); !e || *e != p.education)
      d.push_back(e ? Error{ErrorCode::kInvalidArgument, fmt::format("write the education as stored: {}", *e),
                            fmt::format("文化程度请写作“{}”", *e), "education", p.education, {}}
                    : e.error());
  if (changed(&Person::employer))
    if (auto r = ValidateFreeText("employer", p.employer, kMaxShortTextChars); !r) d.push_back(r.error());
  if (!p.phone.empty() &&
      (p.phone.size() < 7 || p.phone.size() > 15 || !std::all_of(p.phone.begin(), p.phone.end(), [](char c) { return c >= '0' && c <= '9'; })))
    d.push_back(Error{ErrorCode::kInvalidArgument, "phone must be 7 to 15 digits", "电话号码应为7至15位数字", "phone",
                      MaskPhone(p.phone), {}});
  if (p.disability_grade) {
    if (*p.disability_grade < 1 || *p.disability_grade > 4)
      d.push_back(Error{ErrorCode::kInvalidArgument, "disability grade must be 1 to 4 (GB/T 26341-2010)", "残疾等级应为1至4级",
                        "disability_grade", std::to_string(*p.disability_grade), {}});
    else if (p.health != Health::kDisabled)
      d.push_back(Error{ErrorCode::kInvalidArgument, "a disability grade needs health 'disabled'", "填写残疾等级时健康状况应为残疾",
                        "disability_grade", std::to_string(*p.disability_grade), {}});
  }
  if (p.employment_kind != EmploymentKind::kNone && !p.able_to_work)
    d.push_back(Error{ErrorCode::kInvalidArgument, "an employed person must be able to work (able_to_work)", "已就业人员应有劳动能力",
                      "able_to_work", "false", {}});
  if (d.empty()) return {};
  return AllFaults(std::move(d));
}

Result<HouseholdDetail> RegistryService::GetHousehold(const Actor& actor, int64_t id, bool full) {
  if (full) ANJU_CHECK(CheckViewWhole(actor));
  auto rec = repo_.LoadHousehold(actor.scope, id);
  if (!rec) return std::unexpected(rec.error());
  if (!*rec) return OutOfScope("household", id);
  HouseholdDetail d;
  d.household = std::move((*rec)->household);
  if ((*rec)->origin_village) d.origin_village = std::move(*(*rec)->origin_village);
  d.site_name = (*rec)->site_name.value_or("");
  d.housing_unit = std::move((*rec)->housing_unit);
  d.members = std::move((*rec)->members);
  ANJU_TRY(former, repo_.Events().FormerMembers(id));
  d.former_members = std::move(former);
  ANJU_TRY(period, repo_.Events().HouseholdPeriodOf(id));
  d.ended_on = period.ended_on;
  for (const auto& m : d.members) {
    if (m.relationship != Relationship::kHead) continue;
    for (const auto& other : d.members) {
      if (auto w = GenerationGapWarning(m, other)) {
        d.warnings.push_back(std::move(*w));
      } else if (auto g = CheckGenerationGap(m, other); !g) {  // e.g. imported before the rule
        d.warnings.push_back({other.id, g.error().field, g.error().message, g.error().message_zh});
      }
    }
  }
  if (d.housing_unit)
    d.area_exceeds_standard = ExceedsAreaStandard(d.housing_unit->floor_area_dm2, static_cast<int>(std::max<size_t>(1, d.members.size())));
  if (full) {
    auto tx = repo_.BeginWrite();
    if (!tx) return std::unexpected(tx.error());
    ANJU_CHECK(repo_.AppendAudit(actor, {"view_full", "household", std::to_string(id),
                                  fmt::format(R"({{"shown":"resident_id phone","members":{}}})", d.members.size()),
                                  "household detail with whole resident ids and phones"}));
    ANJU_CHECK((*tx)->Commit());
  } else {
    for (auto& p : d.members) MaskPerson(p);
    for (auto& f : d.former_members) MaskPerson(f.person);
  }
  return d;
}

Result<Page<HouseholdSummary>> RegistryService::ListHouseholds(const Actor& actor, const HouseholdFilter& filter,
                                                               const HouseholdSort& sort, const PageRequest& page) {
  HouseholdFilter f = filter;
  ANJU_CHECK(DefaultAsOf(repo_, f.member.age_min, f.member.age_max, f.member.as_of));
  PageRequest p = page;
  p.limit = p.ClampedLimit();
  auto r = repo_.ListHouseholds(actor.scope, f, sort, p);
  if (!r) return std::unexpected(r.error());
  for (auto& s : r->items)
    if (!s.head_resident_id.empty()) s.head_resident_id = MaskResidentId(s.head_resident_id);
  return r;
}

Result<int64_t> RegistryService::ExportHouseholds(const Actor& actor, const HouseholdFilter& filter,
                                                  const HouseholdSort& sort,
                                                  const std::function<Status(const HouseholdSummary&)>& visit,
                                                  std::string_view source) {
  HouseholdFilter f = filter;
  ANJU_CHECK(DefaultAsOf(repo_, f.member.age_min, f.member.age_max, f.member.as_of));
  const bool whole = actor.PrivilegedExports();
  PageRequest page;
  page.limit = 500;
  int64_t rows = 0;
  for (;;) {
    auto r = repo_.ListHouseholds(actor.scope, f, sort, page);
    if (!r) return std::unexpected(r.error());
    for (auto& s : r->items) {
      if (!whole && !s.head_resident_id.empty()) s.head_resident_id = MaskResidentId(s.head_resident_id);
      ANJU_CHECK(visit(s));
      ++rows;
    }
    if (r->next_cursor.empty()) break;
    page.cursor = std::move(r->next_cursor);
  }
  FilterJson fj;
  fj.Opt("site_id", f.site_id, IdText);
  fj.Add("township", f.township_code);
  fj.Opt("category", f.category, CategoryName);
  fj.Opt("relocation_type", f.relocation_type, RelocationTypeName);
  fj.Opt("origin_village_id", f.origin_village_id, IdText);
  fj.Opt("grid_id", f.grid_id, IdText);
  fj.Query(f.query);
  fj.Traits(f.member, "member.");
  auto tx = repo_.BeginWrite();
  if (!tx) return std::unexpected(tx.error());
  ANJU_CHECK(repo_.AppendAudit(actor, {"export", "household", "", ExportChanges(fj.Json(), rows, whole), std::string(source)}));
  ANJU_CHECK((*tx)->Commit());
  return rows;
}

Result<int64_t> RegistryService::ExportPersons(const Actor& actor, const PersonFilter& filter, const PersonSort& sort,
                                               const std::function<Status(const Person&)>& visit,
                                               std::string_view source) {
  PersonFilter f = filter;
  ANJU_CHECK(DefaultAsOf(repo_, f.age_min, f.age_max, f.as_of));
  const bool whole = actor.PrivilegedExports();
  PageRequest page;
  page.limit = 500;
  int64_t rows = 0;
  for (;;) {
    auto r = repo_.ListPersons(actor.scope, f, sort, page);
    if (!r) return std::unexpected(r.error());
    for (auto& person : r->items) {
      if (!whole) MaskPerson(person);
      ANJU_CHECK(visit(person));
      ++rows;
    }
    if (r->next_cursor.empty()) break;
    page.cursor = std::move(r->next_cursor);
  }
  FilterJson fj;
  fj.Query(f.query);
  fj.Opt("household_id", f.household_id, IdText);
  fj.Opt("site_id", f.site_id, IdText);
  fj.Opt("grid_id", f.grid_id, IdText);
  fj.Add("township", f.township_code);
  fj.Opt("category", f.category, CategoryName);
  fj.Traits(MemberFilter{f.employed, f.employment_kind, f.age_min, f.age_max, f.as_of, f.able_to_work, f.wants_work,
                         f.sex},
            "");
  auto tx = repo_.BeginWrite();
  if (!tx) return std::unexpected(tx.error());
  ANJU_CHECK(repo_.AppendAudit(actor, {"export", "person", "", ExportChanges(fj.Json(), rows, whole), std::string(source)}));
  ANJU_CHECK((*tx)->Commit());
  return rows;
}

Result<Page<Person>> RegistryService::ListPersons(const Actor& actor, const PersonFilter& filter, const PersonSort& sort,
                                                  const PageRequest& page) {
  PersonFilter f = filter;
  ANJU_CHECK(DefaultAsOf(repo_, f.age_min, f.age_max, f.as_of));
  PageRequest p = page;
  p.limit = p.ClampedLimit();
  auto r = repo_.ListPersons(actor.scope, f, sort, p);
  if (!r) return std::unexpected(r.error());
  for (auto& person : r->items) MaskPerson(person);
  return r;
}

Result<std::vector<Person>> RegistryService::FindPersons(const Actor& actor, const std::string& query, int limit, bool full) {
  if (query.empty()) return InvalidArgument("the search text is empty; give a name, pinyin initials or id digits", "q", "", "请输入查询内容");
  if (full) ANJU_CHECK(CheckViewWhole(actor));
  PersonFilter f;
  f.query = query;
  PageRequest p;
  p.limit = PageRequest{.limit = limit}.ClampedLimit();
  auto r = repo_.ListPersons(actor.scope, f, {}, p);
  if (!r) return std::unexpected(r.error());
  if (full) {
    auto tx = repo_.BeginWrite();
    if (!tx) return std::unexpected(tx.error());
    for (const auto& person : r->items)
      ANJU_CHECK(repo_.AppendAudit(actor, {"view_full", "person", std::to_string(person.id), R"({"shown":"resident_id phone"})", "person search with whole ids"}));
    ANJU_CHECK((*tx)->Commit());
  } else {
    for (auto& person : r->items) MaskPerson(person);
  }
  return std::move(r->items);
}

Result<Person> RegistryService::GetPerson(const Actor& actor, int64_t id, bool full) {
  if (full) ANJU_CHECK(CheckViewWhole(actor));
  auto p = repo_.FindPerson(actor.scope, id);
  if (!p) return std::unexpected(p.error());
  if (!*p) return OutOfScope("person", id);
  if (full) {
    auto tx = repo_.BeginWrite();
    if (!tx) return std::unexpected(tx.error());
    ANJU_CHECK(repo_.AppendAudit(actor, {"view_full", "person", std::to_string(id), R"({"shown":"resident_id phone"})", "person detail with whole id and phone"}));
    ANJU_CHECK((*tx)->Commit());
  } else {
    MaskPerson(**p);
  }
  return **p;
}

bool MayAddOriginVillages(Role role) {
  return role == Role::kCountyAdmin || role == Role::kCountyStaff || role == Role::kTownshipStaff ||
         role == Role::kSystem;
}

Result<OriginVillage> RegistryService::CreateOriginVillage(const Actor& actor, const NewOriginVillage& in) {
  if (!MayAddOriginVillages(actor.role))
    return PermissionDenied(fmt::format("role {} may not add origin villages; county and township accounts do",
                                        RoleName(actor.role)),
                            "当前角色无权添加迁出村，请由县级或乡镇账号添加");
  std::vector<Error> details;
  auto fault = [&](ErrorCode code, std::string message, std::string message_zh, std::string field, std::string value) {
    details.push_back(Error{code, std::move(message), std::move(message_zh), std::move(field), std::move(value), {}});
  };
  OriginVillage v;
  if (in.relocation_type)
    v.relocation_type = *in.relocation_type;
  else
    fault(ErrorCode::kInvalidArgument, "relocation_type is required: whole_village (整村搬迁) or scattered (插花搬迁)",
          "请填写搬迁类型：整村搬迁（whole_village）或插花搬迁（scattered）", "relocation_type", "");
  auto tx = repo_.BeginWrite();
  if (!tx) return std::unexpected(tx.error());
  // The field that names the village: division_code, or name for a legacy village.
  const std::string field = in.division_code.empty() ? "name" : "division_code";
  std::string place_field;  // the field a scope refusal names
  if (!in.division_code.empty()) {
    ANJU_TRY(d, repo_.FindDivision(in.division_code));
    if (!d || d->level != "village") {
      fault(ErrorCode::kInvalidArgument,
            fmt::format("{} is not a village of the county's division list; give a 12-digit village code "
                        "(GET /api/v1/divisions?level=village)", in.division_code),
            "不是本县区划代码表中的村，请填写 12 位村级区划代码", "division_code", in.division_code);
    } else {
      v.division_code = d->code;
      v.name = d->name;
      v.township_code = d->parent_code;
      place_field = "division_code";
      if (!in.name.empty() && in.name != d->name)
        fault(ErrorCode::kInvalidArgument,
              fmt::format("the division list names {} {}; leave name empty or give that name", d->code, d->name),
              fmt::format("区划代码表中 {} 的名称是 {}，请留空或填写该名称", d->code, d->name), "name", in.name);
      if (!in.township_code.empty() && in.township_code != d->parent_code)
        fault(ErrorCode::kInvalidArgument,
              fmt::format("{} {} lies in township {}; leave township_code empty or give that code", d->code, d->name,
                          d->parent_code),
              fmt::format("{} {} 属于乡镇 {}，请留空或填写该代码", d->code, d->name, d->parent_code), "township_code",
              in.township_code);
    }
  } else {
    if (in.name.empty())
      fault(ErrorCode::kInvalidArgument,
            "give division_code (the village's code in the division list) or, for a village merged away since the "
            "move, its name and township_code",
            "请填写区划代码；已撤并的村请填写村名和所属乡镇", "name", "");
    else if (auto r = ValidateFreeText("name", in.name, kMaxShortTextChars); !r)
      details.push_back(r.error());
    else
      v.name = in.name;
    ANJU_TRY(t, in.township_code.empty() ? Result<std::optional<Division>>() : repo_.FindDivision(in.township_code));
    if (!t || t->level != "township") {
      fault(ErrorCode::kInvalidArgument,
            fmt::format("township_code '{}' is not a township of the county's division list; give a 9-digit "
                        "township code (GET /api/v1/divisions?level=township)", in.township_code),
            "所属乡镇不是本县区划代码表中的乡镇，请填写 9 位乡镇代码", "township_code", in.township_code);
    } else {
      v.township_code = t->code;
      place_field = "township_code";
    }
  }
  // A township account adds the villages of its own township (the scope rule: origin township).
  if (!place_field.empty() && !ScopeCovers(actor.scope, Place{v.township_code, 0, "", 0}))
    return TargetOutsideScope(actor.scope, place_field, place_field == "division_code" ? v.division_code : v.township_code);
  if (details.empty()) {
    ANJU_TRY(same, repo_.FindSameOriginVillage(v));
    if (same)
      fault(ErrorCode::kConflict,
            fmt::format("{} ({}) is already origin village {}; pick it in the list", same->name, same->township_name,
                        same->id),
            fmt::format("{}（{}）已是迁出村（编号 {}），请在列表中选择", same->name, same->township_name, same->id), field,
            field == "name" ? v.name : v.division_code);
  }
  if (!details.empty()) return AllFaults(std::move(details));
  ANJU_TRY(id, repo_.InsertOriginVillage(v));
  Changes c(Changes::Kind::kCreate);
  c.Add("division_code", "", v.division_code);
  c.Add("name", "", v.name);
  c.Add("township_code", "", v.township_code);
  c.Add("relocation_type", "", std::string(RelocationTypeName(v.relocation_type)));
  ANJU_CHECK(repo_.AppendAudit(actor, {"create", "origin_village", std::to_string(id), c.Json(), ""}));
  ANJU_TRY(created, repo_.FindOriginVillage(id));
  ANJU_CHECK((*tx)->Commit());
  if (!created) return std::unexpected(Error{ErrorCode::kInternal, "origin village not found after insert", "新增迁出村后未能读取", "", "", {}});
  return *created;
}

Result<int64_t> RegistryService::CreateHousehold(const Actor& actor, const NewHousehold& given) {
  ANJU_CHECK(CheckWrite(actor));
  const Date today = today_();
  NewHousehold in = given;
  for (Person& m : in.members) NormalizePersonCodes(m);
  std::vector<Error> details;
  const Household& h = in.household;
  if (h.household_no.empty())
    details.push_back(Error{ErrorCode::kInvalidArgument, "household number is empty", "户编号不能为空", "household_no", "", {}});
  else if (auto r = ValidateFreeText("household_no", h.household_no, kMaxShortTextChars); !r)
    details.push_back(r.error());
  auto tx = repo_.BeginWrite();
  if (!tx) return std::unexpected(tx.error());
  ANJU_CHECK(CheckTargetPlace(repo_, actor, h, nullptr));
  ANJU_CHECK(CheckHouseholdRefs(repo_, h, std::nullopt, details, today));
  if (!h.household_no.empty()) {
    auto other = repo_.HouseholdIdByNo(h.household_no);
    if (!other) return std::unexpected(other.error());
    if (*other)
      details.push_back(Error{ErrorCode::kConflict, fmt::format("household number {} is already taken by household {}", h.household_no, **other),
                              "户编号已存在", "household_no", h.household_no, {}});
  }
  int heads = 0;
  std::set<std::string> ids;
  for (size_t i = 0; i < in.members.size(); ++i) {
    const Person& p = in.members[i];
    heads += p.relationship == Relationship::kHead;
    if (auto v = ValidatePerson(p, today); !v) {
      // One detail per faulty field, each named members[i].<field>.
      std::vector<Error> faults = v.error().details;
      if (faults.empty()) faults.push_back(v.error());
      for (Error& e : faults) {
        e.field = fmt::format("members[{}].{}", i, e.field);
        details.push_back(std::move(e));
      }
    }
    if (!ids.insert(p.resident_id).second)
      details.push_back(Error{ErrorCode::kConflict, "the same resident id is given twice", "公民身份号码重复",
                              fmt::format("members[{}].resident_id", i), MaskResidentId(p.resident_id), {}});
    auto taken = repo_.PersonIdByResidentId(p.resident_id);
    if (!taken) return std::unexpected(taken.error());
    if (*taken)
      details.push_back(Error{ErrorCode::kConflict,
                              fmt::format("resident id {} is already registered (person {}); a person is in one household only",
                                          MaskResidentId(p.resident_id), **taken),
                              "该公民身份号码已登记", fmt::format("members[{}].resident_id", i), MaskResidentId(p.resident_id), {}});
  }
  if (!in.members.empty() && heads != 1)
    details.push_back(Error{ErrorCode::kInvalidArgument,
                            fmt::format("a household needs exactly one head (户主); {} given", heads), "每户必须有且只有一名户主",
                            "members", std::to_string(heads), {}});
  if (heads == 1) {
    const Person& head = *std::find_if(in.members.begin(), in.members.end(),
                                       [](const Person& p) { return p.relationship == Relationship::kHead; });
    for (size_t i = 0; i < in.members.size(); ++i)
      if (auto g = CheckGenerationGap(head, in.members[i]); !g) {
        Error e = g.error();
        e.field = fmt::format("members[{}].{}", i, e.field);
        details.push_back(std::move(e));
      }
  }
  if (!details.empty()) return AllFaults(std::move(details));
  auto id = repo_.InsertHousehold(h);
  if (!id) return std::unexpected(id.error());
  Household created = h;
  created.id = *id;
  Changes c(Changes::Kind::kCreate);
  DiffHousehold(c, Household{}, created);
  ANJU_CHECK(repo_.AppendAudit(actor, {"create", "household", std::to_string(*id), c.Json(), ""}));
  // Head first so the one-head index never sees a household without its head.
  std::vector<Person> members = in.members;
  std::stable_sort(members.begin(), members.end(),
                   [](const Person& a, const Person& b) { return a.relationship == Relationship::kHead && b.relationship != Relationship::kHead; });
  for (Person p : members) {
    p.household_id = *id;
    p.name_initials = NameInitials(p.name);
    auto pid = repo_.InsertPerson(p);
    if (!pid) return std::unexpected(pid.error());
    Changes pc(Changes::Kind::kCreate);
    DiffPerson(pc, Person{}, p);
    ANJU_CHECK(repo_.AppendAudit(actor, {"create", "person", std::to_string(*pid), pc.Json(), ""}));
    // The employment given becomes a job (industry, docs/industry.md "The registry seam").
    if (p.employment_kind != EmploymentKind::kNone)
      ANJU_CHECK(repo_.RecordEmployment(actor, *pid, p.employment_kind, p.employer));
  }
  ANJU_CHECK((*tx)->Commit());
  return *id;
}

Result<Household> RegistryService::UpdateHousehold(const Actor& actor, int64_t id, const HouseholdPatch& patch,
                                                   int64_t expected_version) {
  ANJU_CHECK(CheckWrite(actor));
  auto tx = repo_.BeginWrite();
  if (!tx) return std::unexpected(tx.error());
  ANJU_TRY(cur, AtVersion(HouseholdInScope(repo_, actor, id), "household", id, expected_version));
  Household h = cur;
  if (patch.category) h.category = *patch.category;
  if (patch.origin_village_id) h.origin_village_id = *patch.origin_village_id;
  if (patch.site_id) h.site_id = *patch.site_id;
  if (patch.housing_unit_id) h.housing_unit_id = *patch.housing_unit_id;
  if (patch.grid_id) h.grid_id = *patch.grid_id;
  if (patch.move_in_date) h.move_in_date = *patch.move_in_date;
  if (patch.convention_signed) h.convention_signed = *patch.convention_signed;
  ANJU_CHECK(CheckTargetPlace(repo_, actor, h, &patch));
  std::vector<Error> details;
  ANJU_CHECK(CheckHouseholdRefs(repo_, h, id, details, today_(), &cur));
  if (!details.empty()) return AllFaults(std::move(details));
  Changes c;
  DiffHousehold(c, cur, h);
  ANJU_CHECK(repo_.UpdateHousehold(h));
  ANJU_CHECK(repo_.AppendAudit(actor, {"update", "household", std::to_string(id), c.Json(), ""}));
  ANJU_CHECK((*tx)->Commit());
  h.version += 1;
  return h;
}

namespace {
// The reason of an entered_in_error end (DELETE), required.
Status CheckReason(const std::string& reason) {
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
    return InvalidArgument("say why the record is ended as entered in error (reason, e.g. ?reason=重复录入); nothing is "
                           "deleted: the record stays, never counted",
                           "reason", "", "请填写注销原因（如：重复录入）；记录不会被删除，只是不再统计");
  return {};
}
std::string Recorder(const Actor& a) { return a.username.empty() ? std::string("system") : a.username; }
// {"field": [before, after], …} with null for an empty side (the membership and end columns
// an entered-in-error end sets), appended to `base` (another changes object, "{}" or not).
std::string WithPeriod(const std::string& base, std::initializer_list<std::array<std::string, 3>> fields) {
  std::string body = base.size() > 2 ? base.substr(1, base.size() - 2) : "";
  auto v = [](const std::string& x) { return x.empty() ? std::string("null") : JsonString(x); };
  for (const auto& [f, b, a] : fields) {
    if (b == a) continue;
    if (!body.empty()) body += ",";
    body += fmt::format("{}:[{},{}]", JsonString(f), v(b), v(a));
  }
  return "{" + body + "}";
}
}  // namespace

Status RegistryService::DeleteHousehold(const Actor& actor, int64_t id, int64_t expected_version, const std::string& reason) {
  ANJU_CHECK(CheckWrite(actor));
  auto tx = repo_.BeginWrite();
  if (!tx) return std::unexpected(tx.error());
  ANJU_TRY(cur, AtVersion(HouseholdInScope(repo_, actor, id), "household", id, expected_version));
  auto members = repo_.PersonsOfHousehold(id);
  if (!members) return std::unexpected(members.error());
  if (!members->empty())
    return Conflict(fmt::format("household {} still has {} member{} (current); a household is ended as entered in error "
                                "only when it has none: end its members first (the head last), or record how they left",
                                cur.household_no, members->size(), members->size() == 1 ? "" : "s"),
                    "members", std::to_string(members->size()),
                    fmt::format("该户还有{}名成员（在册），只能注销无在册成员的户：请先注销成员（户主最后），或登记其离开", members->size()));
  LifeEventRepository& ev = repo_.Events();
  ANJU_TRY(period, ev.HouseholdPeriodOf(id));
  if (period.ended_on)
    return Conflict(fmt::format("household {} ended on {} already", cur.household_no, FormatIsoDate(*period.ended_on)),
                    "id", std::to_string(id), "该户已注销");
  ANJU_CHECK(CheckReason(reason));
  RegisterEvent e;
  e.kind = RegisterEventKind::kEnteredInError;
  e.event_date = period.start;
  e.household_id = id;
  e.reason = reason;
  e.recorded_by = Recorder(actor);
  ANJU_TRY(eid, ev.InsertEvent(e));
  // Never counted: ended on the day it started. Its housing unit is released for others.
  Household h = cur;
  h.housing_unit_id = std::nullopt;
  if (h.housing_unit_id != cur.housing_unit_id) ANJU_CHECK(repo_.UpdateHousehold(h));
  ANJU_CHECK(ev.SetHouseholdEnd(id, period.start, eid));
  Changes c;
  DiffHousehold(c, cur, h);
  const std::string changes =
      WithPeriod(c.Json(), {{"ended_on", "", FormatIsoDate(period.start)}, {"end_event_id", "", std::to_string(eid)}});
  ANJU_CHECK(repo_.AppendAudit(actor, {"delete", "household", std::to_string(id), changes,
                                       fmt::format("register event {} (entered_in_error): {}", eid, reason)}));
  return (*tx)->Commit();
}

Result<int64_t> RegistryService::AddPerson(const Actor& actor, const Person& given) {
  ANJU_CHECK(CheckWrite(actor));
  Person in = given;
  NormalizePersonCodes(in);
  auto tx = repo_.BeginWrite();
  if (!tx) return std::unexpected(tx.error());
  auto h = HouseholdInScope(repo_, actor, in.household_id);
  if (!h) return std::unexpected(h.error());
  if (!*h) return OutOfScope("household", in.household_id);
  ANJU_CHECK(ValidatePerson(in, today_()));
  auto members = repo_.PersonsOfHousehold(in.household_id);
  if (!members) return std::unexpected(members.error());
  if (members->empty() && in.relationship != Relationship::kHead)
    return InvalidArgument("the first person of a household must be its head (户主); add the head first", "relationship",
                           std::string(RelationshipName(in.relationship)), "请先登记户主");
  if (in.relationship == Relationship::kHead && !members->empty())
    return Conflict(fmt::format("household {} already has a head; a household has exactly one (change the head: POST /api/v1/households/{{id}}/head)",
                                in.household_id), "relationship", "head", "该户已有户主");
  for (const auto& m : *members)
    if (m.relationship == Relationship::kHead) ANJU_CHECK(CheckGenerationGap(m, in));
  auto taken = repo_.PersonIdByResidentId(in.resident_id);
  if (!taken) return std::unexpected(taken.error());
  if (*taken)
    return Conflict(fmt::format("resident id {} is already registered (person {}); a person is in one household only",
                                MaskResidentId(in.resident_id), **taken), "resident_id", MaskResidentId(in.resident_id),
                    "该公民身份号码已登记");
  LifeEventRepository& ev = repo_.Events();
  ANJU_TRY(hp, ev.HouseholdPeriodOf(in.household_id));
  if (hp.ended_on)
    return Conflict(fmt::format("household {} ended on {}; a member cannot join an ended household", (*h)->household_no,
                                FormatIsoDate(*hp.ended_on)),
                    "household_id", std::to_string(in.household_id), "该户已注销，不能再添加成员");
  Person p = in;
  p.name_initials = NameInitials(p.name);
  auto id = repo_.InsertPerson(p);
  if (!id) return std::unexpected(id.error());
  // A member added without a life event (a correction of the first registration): member from
  // the household's start, or the birth date when born later (issue #14).
  RegisterEvent e;
  e.kind = RegisterEventKind::kMemberAdded;
  e.event_date = std::max(hp.start, p.birth_date);
  e.household_id = in.household_id;
  e.person_id = *id;
  e.recorded_by = Recorder(actor);
  ANJU_TRY(eid, ev.InsertEvent(e));
  ANJU_CHECK(ev.StartMembership(*id, e.event_date));
  Changes c(Changes::Kind::kCreate);
  DiffPerson(c, Person{}, p);
  c.Add("member_from", "", FormatIsoDate(e.event_date));
  ANJU_CHECK(repo_.AppendAudit(actor, {"create", "person", std::to_string(*id), c.Json(),
                                       fmt::format("register event {} (member_added)", eid)}));
  if (p.employment_kind != EmploymentKind::kNone)
    ANJU_CHECK(repo_.RecordEmployment(actor, *id, p.employment_kind, p.employer));
  ANJU_CHECK(ev.TouchHousehold(in.household_id));  // a page read before this member is stale
  ANJU_CHECK((*tx)->Commit());
  return *id;
}

Result<Person> RegistryService::UpdatePerson(const Actor& actor, int64_t id, const PersonPatch& patch, int64_t expected_version) {
  ANJU_CHECK(CheckWrite(actor));
  auto tx = repo_.BeginWrite();
  if (!tx) return std::unexpected(tx.error());
  ANJU_TRY(cur, AtVersion(PersonInScope(repo_, actor, id), "person", id, expected_version));
  Person p = cur;
  if (patch.resident_id) p.resident_id = *patch.resident_id;
  if (patch.name) p.name = *patch.name;
  if (patch.sex) p.sex = *patch.sex;
  if (patch.birth_date) p.birth_date = *patch.birth_date;
  if (patch.relationship) p.relationship = *patch.relationship;
  if (patch.ethnicity) p.ethnicity = ParseEthnicity(*patch.ethnicity).value_or(*patch.ethnicity);
  if (patch.phone) p.phone = *patch.phone;
  if (patch.education) p.education = ParseEducation(*patch.education).value_or(*patch.education);
  if (patch.health) p.health = *patch.health;
  if (patch.disability_grade) p.disability_grade = *patch.disability_grade;
  if (patch.able_to_work) p.able_to_work = *patch.able_to_work;
  if (patch.wants_work) p.wants_work = *patch.wants_work;
  if (patch.employment_kind) p.employment_kind = *patch.employment_kind;
  if (patch.employer) p.employer = *patch.employer;
  ANJU_CHECK(ValidatePerson(p, today_(), &cur));
  if (cur.relationship == Relationship::kHead && p.relationship != Relationship::kHead)
    return Conflict("the head cannot be demoted directly: a household has exactly one head; make another member the head instead",
                    "relationship", std::string(RelationshipName(p.relationship)), "不能直接取消户主，请改为指定新户主");
  if (cur.relationship != Relationship::kHead && p.relationship == Relationship::kHead)
    return Conflict("the household already has a head; make this person the head by a change of head (POST /api/v1/households/{id}/head)", "relationship", "head",
                    "该户已有户主");
  if (p.resident_id != cur.resident_id) {
    auto taken = repo_.PersonIdByResidentId(p.resident_id);
    if (!taken) return std::unexpected(taken.error());
    if (*taken)
      return Conflict(fmt::format("resident id {} is already registered (person {})", MaskResidentId(p.resident_id), **taken),
                      "resident_id", MaskResidentId(p.resident_id), "该公民身份号码已登记");
  }
  if (p.birth_date != cur.birth_date || p.relationship != cur.relationship) {
    // Only when the fields the rule reads change, so that an old record breaking it (e.g.
    // imported) can still get its phone corrected.
    auto members = repo_.PersonsOfHousehold(p.household_id);
    if (!members) return std::unexpected(members.error());
    for (const auto& m : *members) {
      if (m.id == p.id) continue;
      if (p.relationship == Relationship::kHead) ANJU_CHECK(CheckGenerationGap(p, m));
      else if (m.relationship == Relationship::kHead) ANJU_CHECK(CheckGenerationGap(m, p));
    }
  }
  p.name_initials = NameInitials(p.name);
  Changes c;
  DiffPerson(c, cur, p);
  ANJU_CHECK(repo_.UpdatePerson(p));
  ANJU_CHECK(repo_.AppendAudit(actor, {"update", "person", std::to_string(id), c.Json(), ""}));
  // A changed employment_kind becomes jobs: the current ones end today, one of the new channel
  // starts today (industry, docs/industry.md "The registry seam").
  if (p.employment_kind != cur.employment_kind)
    ANJU_CHECK(repo_.RecordEmployment(actor, id, p.employment_kind, p.employer));
  ANJU_CHECK((*tx)->Commit());
  p.version += 1;
  return p;
}

Status RegistryService::DeletePerson(const Actor& actor, int64_t id, int64_t expected_version, const std::string& reason) {
  ANJU_CHECK(CheckWrite(actor));
  auto tx = repo_.BeginWrite();
  if (!tx) return std::unexpected(tx.error());
  ANJU_TRY(cur, AtVersion(PersonInScope(repo_, actor, id), "person", id, expected_version));
  LifeEventRepository& ev = repo_.Events();
  ANJU_TRY(old, ev.PeriodOf(id));
  if (old.until)
    return Conflict(fmt::format("person {} is no longer a member (since {}); void that event first if it was wrong", id,
                                FormatIsoDate(*old.until)),
                    "id", std::to_string(id), "该人员已不是在册成员");
  if (cur.relationship == Relationship::kHead) {
    auto members = repo_.PersonsOfHousehold(cur.household_id);
    if (!members) return std::unexpected(members.error());
    if (members->size() > 1)
      return Conflict(fmt::format("person {} is the head of a household with {} other members; make another member the head first",
                                  id, members->size() - 1), "relationship", "head", "请先指定新户主再删除");
  }
  ANJU_CHECK(CheckReason(reason));
  ANJU_TRY(hp, ev.HouseholdPeriodOf(cur.household_id));
  const Date from = old.from.value_or(hp.start);
  RegisterEvent e;
  e.kind = RegisterEventKind::kEnteredInError;
  e.event_date = from;
  e.household_id = cur.household_id;
  e.person_id = id;
  e.reason = reason;
  e.recorded_by = Recorder(actor);
  ANJU_TRY(eid, ev.InsertEvent(e));
  // The membership period made empty (from = until): never counted; the row stays.
  ANJU_CHECK(ev.SetPeriod(id, {from, from, eid}));
  // Never a member, so never employed: the jobs (and post holdings) recorded of them are void.
  ANJU_CHECK(repo_.VoidRecordsOfPerson(actor, id, reason, today_()));
  const std::string changes = WithPeriod("{}", {{"member_from", old.from ? FormatIsoDate(*old.from) : "", FormatIsoDate(from)},
                                                {"member_until", "", FormatIsoDate(from)},
                                                {"left_event_id", "", std::to_string(eid)}});
  ANJU_CHECK(repo_.AppendAudit(actor, {"delete", "person", std::to_string(id), changes,
                                       fmt::format("register event {} (entered_in_error): {}", eid, reason)}));
  ANJU_CHECK(ev.TouchHousehold(cur.household_id));  // a page read before this is stale
  return (*tx)->Commit();
}

Result<HouseholdSort> ParseHouseholdSort(std::string_view text) {
  HouseholdSort s;
  if (text.starts_with('-')) {
    s.descending = true;
    text.remove_prefix(1);
  }
  if (text.empty() || text == "household_no") s.key = HouseholdSortKey::kHouseholdNo;
  else if (text == "move_in_date") s.key = HouseholdSortKey::kMoveInDate;
  else if (text == "members") s.key = HouseholdSortKey::kMembers;
  else if (text == "id") s.key = HouseholdSortKey::kId;
  else return InvalidArgument("unknown sort; use household_no, move_in_date, members or id (prefix - for descending)", "sort",
                              std::string(text), "排序字段无效");
  return s;
}

Result<PersonSort> ParsePersonSort(std::string_view text) {
  PersonSort s;
  if (text.starts_with('-')) {
    s.descending = true;
    text.remove_prefix(1);
  }
  if (text.empty() || text == "id") s.key = PersonSortKey::kId;
  else if (text == "name") s.key = PersonSortKey::kName;
  else if (text == "birth_date") s.key = PersonSortKey::kBirthDate;
  else return InvalidArgument("unknown sort; use id, name or birth_date (prefix - for descending)", "sort", std::string(text),
                              "排序字段无效");
  return s;
}

}  // namespace anju::registry
