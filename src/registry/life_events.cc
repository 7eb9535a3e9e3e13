#include "registry/life_events.h"

#include <fmt/format.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/resident_id.h"
#include "core/try.h"
#include "registry/registry_service.h"

namespace anju::registry {

namespace {

// A JSON string literal of `s` (nlohmann/json; bytes that are not UTF-8 become U+FFFD, never
// an exception).
std::string JsonText(std::string_view s) {
  return nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The audit entry's {"field": [before, after], …}; "" stands for null (no value).
class Diff {
 public:
  void Add(std::string_view field, const std::string& before, const std::string& after) {
    if (before == after) return;
    auto v = [](const std::string& s) { return s.empty() ? std::string("null") : JsonText(s); };
    if (!body_.empty()) body_ += ",";
    body_ += fmt::format("{}:[{},{}]", JsonText(field), v(before), v(after));
  }
  std::string Json() const { return "{" + body_ + "}"; }

 private:
  std::string body_;
};

std::string Iso(const std::optional<Date>& d) { return d ? FormatIsoDate(*d) : ""; }
std::string Id(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : ""; }

void DiffPeriod(Diff& d, const MembershipPeriod& a, const MembershipPeriod& b) {
  d.Add("member_from", Iso(a.from), Iso(b.from));
  d.Add("member_until", Iso(a.until), Iso(b.until));
  d.Add("left_event_id", Id(a.left_event_id), Id(b.left_event_id));
}

std::string Recorder(const Actor& a) { return a.username.empty() ? std::string("system") : a.username; }

std::string Source(int64_t event_id, RegisterEventKind k) {
  return fmt::format("register event {} ({})", event_id, RegisterEventKindName(k));
}

Status CheckWrite(const Actor& actor) {
  if (!actor.CanWrite())
    return PermissionDenied(fmt::format("role {} may not change registry records", RoleName(actor.role)),
                            "当前角色无权修改登记记录");
  return {};
}

std::unexpected<Error> NoHousehold(int64_t id) {
  return NotFound(fmt::format("no household with id {}", id), "id", std::to_string(id), "找不到该搬迁户");
}
std::unexpected<Error> NoPerson(int64_t id, std::string field = "id") {
  return NotFound(fmt::format("no person with id {}", id), std::move(field), std::to_string(id), "找不到该人员");
}

// Household `id` when it exists and the actor's scope covers its place (RegistryService's rule).
Result<std::optional<Household>> HouseholdInScope(RegistryRepository& repo, const Actor& actor, int64_t id) {
  auto h = repo.FindHousehold(AccessScope{}, id);
  if (!h || !*h) return h;
  ANJU_TRY(place, repo.PlaceOf(**h));
  if (!ScopeCovers(actor.scope, place)) return std::optional<Household>();
  return h;
}

Result<std::optional<Person>> PersonInScope(RegistryRepository& repo, const Actor& actor, int64_t id) {
  auto p = repo.FindPerson(AccessScope{}, id);
  if (!p || !*p) return p;
  ANJU_TRY(h, HouseholdInScope(repo, actor, (*p)->household_id));
  if (!h) return std::optional<Person>();
  return p;
}

Error Fault(std::string field, std::string value, std::string en, std::string zh, ErrorCode code = ErrorCode::kInvalidArgument) {
  return Error{code, std::move(en), std::move(zh), std::move(field), std::move(value), {}};
}

// One error of all the faults (one detail per field); kConflict when one of them is.
std::unexpected<Error> Faults(std::vector<Error> d) {
  if (d.size() == 1) return std::unexpected(d[0]);
  Error e;
  e.code = ErrorCode::kInvalidArgument;
  for (const auto& x : d)
    if (x.code == ErrorCode::kConflict) e.code = ErrorCode::kConflict;
  if (std::all_of(d.begin(), d.end(), [&](const Error& x) { return x.field == d[0].field; })) {
    e.field = d[0].field;  // several faults of one field (e.g. a date before birth and before the start)
    e.value = d[0].value;
  }
  std::string all, all_zh;
  for (const auto& x : d) {
    all += (all.empty() ? "" : "; ") + x.field + ": " + x.message;
    all_zh += (all_zh.empty() ? "" : "；") + (x.message_zh.empty() ? x.message : x.message_zh);
  }
  e.message = fmt::format("{} faults: {}", d.size(), all);
  e.message_zh = fmt::format("{} 处有误：{}", d.size(), all_zh);
  e.details = std::move(d);
  return std::unexpected(e);
}

// The faults of a Status, one per detail.
std::vector<Error> Split(const Error& e) { return e.details.empty() ? std::vector<Error>{e} : e.details; }

// Faults of an event date: not after today; not before the binding lower bound, the later of
// `birth` and `not_before` (the start of the membership or household, named by
// `start_en`/`start_zh`). One fault names the bound that binds, both when they fall on the same
// day (a date before a birth in 1990 and a start in 2019 names the start: found by the
// fresh-clone tester, two faults of one field showed the wrong one).
void CheckDate(std::vector<Error>& d, Date date, Date today, Date birth, std::optional<Date> not_before,
               std::string_view start_en, std::string_view start_zh) {
  const std::string v = FormatIsoDate(date);
  if (date > today)
    d.push_back(Fault("date", v, fmt::format("the date {} is after today ({}); enter the day it happened", v, FormatIsoDate(today)),
                      fmt::format("变动日期{}晚于今天（{}），请填写实际发生的日期", v, FormatIsoDate(today))));
  const bool by_birth = birth.ok() && (!not_before || birth >= *not_before);
  const bool by_start = not_before && (!birth.ok() || *not_before >= birth);
  if (!by_birth && !by_start) return;
  const Date bound = by_birth ? birth : *not_before;
  if (date >= bound) return;
  const std::string b = FormatIsoDate(bound);
  std::string en, zh;
  if (by_birth && by_start) {
    en = fmt::format("the person's birth date and {} ({})", start_en, b);
    zh = fmt::format("该人出生日期和{}（{}）", start_zh, b);
  } else if (by_birth) {
    en = fmt::format("the person's birth date ({})", b);
    zh = fmt::format("该人出生日期（{}）", b);
  } else {
    en = fmt::format("{} ({})", start_en, b);
    zh = fmt::format("{}（{}）", start_zh, b);
  }
  d.push_back(Fault("date", v, fmt::format("the date {} is before {}; check the date", v, en),
                    fmt::format("变动日期{}早于{}，请核对日期", v, zh)));
}

Status AuditPerson(RegistryRepository& repo, const Actor& actor, std::string action, int64_t person_id, const Diff& d,
                   int64_t event_id, RegisterEventKind k) {
  return repo.AppendAudit(actor, {std::move(action), "person", std::to_string(person_id), d.Json(), Source(event_id, k)});
}

// Ends the household on `date` by event `event_id` when it has no current member left.
Status EndIfEmpty(RegistryRepository& repo, const Actor& actor, int64_t household_id, Date date, int64_t event_id,
                  RegisterEventKind k) {
  ANJU_TRY(left, repo.PersonsOfHousehold(household_id));
  if (!left.empty()) return {};
  ANJU_CHECK(repo.Events().SetHouseholdEnd(household_id, date, event_id));
  Diff d;
  d.Add("ended_on", "", FormatIsoDate(date));
  d.Add("end_event_id", "", std::to_string(event_id));
  return repo.AppendAudit(actor, {"update", "household", std::to_string(household_id), d.Json(), Source(event_id, k)});
}

}  // namespace

Result<AddedMember> LifeEventService::AddMember(const Actor& actor, int64_t household_id, const NewMemberEvent& in) {
  ANJU_CHECK(CheckWrite(actor));
  if (!StartsMembership(in.kind))
    return InvalidArgument(fmt::format("kind {} does not add a member; use birth, married_in, moved_in, returned or member_added",
                                       RegisterEventKindName(in.kind)),
                           "kind", std::string(RegisterEventKindName(in.kind)), "变动类型应为出生、婚入、迁入、返回或补录成员");
  const Date today = today_();
  ANJU_TRY(tx, repo_.BeginWrite());
  ANJU_TRY(hh, HouseholdInScope(repo_, actor, household_id));
  if (!hh) return NoHousehold(household_id);
  LifeEventRepository& ev = repo_.Events();
  ANJU_TRY(period, ev.HouseholdPeriodOf(household_id));
  if (period.ended_on)
    return Conflict(fmt::format("household {} ended on {}; a member cannot join an ended household (register a new household, "
                                "or void the event that ended it if it was entered by mistake)",
                                hh->household_no, FormatIsoDate(*period.ended_on)),
                    "household_id", std::to_string(household_id),
                    fmt::format("该户已于{}注销，不能再添加成员；请新建户，或作废误录的注销事件", FormatIsoDate(*period.ended_on)));

  std::vector<Error> d;
  Person p = in.person;
  std::optional<Person> returning;
  if (in.kind == RegisterEventKind::kReturned) {
    std::optional<int64_t> pid = in.returning_person_id;
    if (!pid && !p.resident_id.empty()) {
      ANJU_TRY(found, repo_.PersonIdByResidentId(p.resident_id));
      pid = found;
    }
    if (!pid)
      return InvalidArgument("a return needs the person who had left: person_id (or their resident id)", "person_id", "",
                             "返回登记须指明原已离开的人员（person_id 或身份证号）");
    ANJU_TRY(rp, PersonInScope(repo_, actor, *pid));
    if (!rp) return NoPerson(*pid, "person_id");
    ANJU_TRY(old, ev.PeriodOf(*pid));
    if (!old.until)
      return Conflict(fmt::format("person {} is still a member of household {}; only a person who had left can return", *pid,
                                  rp->household_id),
                      "person_id", std::to_string(*pid), "该人员仍是在册成员，只有已离开的人员才能返回");
    if (old.left_event_id) {
      ANJU_TRY(left_by, ev.FindEvent(*old.left_event_id));
      if (left_by && (left_by->kind == RegisterEventKind::kDeath || left_by->kind == RegisterEventKind::kEnteredInError))
        return Conflict(fmt::format("person {} left by {} (event {}); void that event if it was entered by mistake", *pid,
                                    RegisterEventKindName(left_by->kind), left_by->id),
                        "person_id", std::to_string(*pid), "该人员已死亡或作为误录注销，不能返回；如系误录请作废该事件");
    }
    returning = *rp;
    const Relationship rel = p.relationship;
    p = *rp;
    p.relationship = rel;
    if (!in.date) d.push_back(Fault("date", "", "the date of the return is missing", "请填写返回日期"));
    else if (*in.date < *old.until)
      d.push_back(Fault("date", FormatIsoDate(*in.date),
                        fmt::format("the return {} is before the day the person left ({}); periods cannot overlap",
                                    FormatIsoDate(*in.date), FormatIsoDate(*old.until)),
                        fmt::format("返回日期{}早于离开日期{}", FormatIsoDate(*in.date), FormatIsoDate(*old.until))));
  } else {
    NormalizePersonCodes(p);
    const bool pending = p.resident_id.empty();
    if (pending && in.kind != RegisterEventKind::kBirth)
      d.push_back(Fault("person.resident_id", "",
                        "the resident id is missing; only a newborn (kind birth) may be registered with the id to be filled",
                        "缺少公民身份号码；只有出生登记可暂不填写（待补录）"));
    if (auto v = ValidatePerson(p, today); !v)
      for (Error e : Split(v.error())) {
        if (pending && e.field == "resident_id") continue;
        e.field = "person." + e.field;
        d.push_back(std::move(e));
      }
    if (!pending) {
      ANJU_TRY(taken, repo_.PersonIdByResidentId(p.resident_id));
      if (taken)
        d.push_back(Fault("person.resident_id", MaskResidentId(p.resident_id),
                          fmt::format("resident id {} is already registered (person {}); a person who had left comes back "
                                      "with kind returned", MaskResidentId(p.resident_id), *taken),
                          "该公民身份号码已登记；已离开的人员请按“返回”登记", ErrorCode::kConflict));
    }
    if (in.kind == RegisterEventKind::kBirth) {
      if (in.date && *in.date != p.birth_date)
        d.push_back(Fault("date", FormatIsoDate(*in.date),
                          fmt::format("a birth's date is the birth date ({}), not {}; leave date out or make them equal",
                                      FormatIsoDate(p.birth_date), FormatIsoDate(*in.date)),
                          fmt::format("出生登记的变动日期即出生日期（{}）", FormatIsoDate(p.birth_date))));
    } else if (!in.date) {
      d.push_back(Fault("date", "", "the date of the event is missing", "请填写变动日期"));
    }
  }
  const Date date = in.kind == RegisterEventKind::kBirth ? p.birth_date : in.date.value_or(today);
  const bool birth = in.kind == RegisterEventKind::kBirth;
  if (birth ? p.birth_date.ok() : in.date.has_value())
    CheckDate(d, date, today, birth ? Date{} : p.birth_date, period.start,
              birth ? "the household's start (a child born before it joins by moved_in or member_added)"
                    : "the household's start",
              birth ? "该户的起始日期（入住或分户日期；此前出生的子女请按迁入或补录成员登记）" : "该户的起始日期（入住或分户日期）");
  ANJU_TRY(members, repo_.PersonsOfHousehold(household_id));
  const auto head = std::find_if(members.begin(), members.end(), [](const Person& m) { return m.relationship == Relationship::kHead; });
  const std::string rel = std::string(RelationshipName(p.relationship));
  if (members.empty() && p.relationship != Relationship::kHead)
    d.push_back(Fault("person.relationship", rel, "the household has no current member: the first member must be its head (户主)",
                      "该户暂无在册成员，第一位成员须为户主"));
  else if (!members.empty() && p.relationship == Relationship::kHead)
    d.push_back(Fault("person.relationship", rel,
                      "the household already has a head; relate the new member to the head (change the head afterwards "
                      "with POST /api/v1/households/{id}/head)",
                      "该户已有户主，请填写新成员与户主的关系", ErrorCode::kConflict));
  else if (head != members.end() && p.birth_date.ok())
    if (auto g = CheckGenerationGap(*head, p); !g) {
      Error e = g.error();
      e.field = "person." + e.field;
      d.push_back(std::move(e));
    }
  if (!d.empty()) return Faults(std::move(d));

  RegisterEvent e;
  e.kind = in.kind;
  e.event_date = date;
  e.household_id = household_id;
  e.place = in.place;
  e.reason = in.reason;
  e.recorded_by = Recorder(actor);
  AddedMember out;
  if (returning) {
    ANJU_TRY(old, ev.PeriodOf(returning->id));
    ANJU_TRY(hist, ev.ArchiveMembership(returning->id, returning->household_id, returning->relationship, old.from, *old.until,
                                        old.left_event_id));
    (void)hist;
    e.person_id = returning->id;
    e.details = fmt::format(R"({{"from_household_id":{},"relationship":{}}})", returning->household_id, JsonText(rel));
    ANJU_TRY(eid, ev.InsertEvent(e));
    ANJU_CHECK(ev.SetHousehold(returning->id, household_id, p.relationship));
    const MembershipPeriod now{date, std::nullopt, std::nullopt};
    ANJU_CHECK(ev.SetPeriod(returning->id, now));
    Diff df;
    df.Add("household_id", std::to_string(returning->household_id), std::to_string(household_id));
    df.Add("relationship", std::string(RelationshipName(returning->relationship)), rel);
    DiffPeriod(df, old, now);
    ANJU_CHECK(AuditPerson(repo_, actor, "update", returning->id, df, eid, e.kind));
    out = {returning->id, eid};
  } else {
    p.household_id = household_id;
    p.name_initials = NameInitials(p.name);
    ANJU_TRY(pid, repo_.InsertPerson(p));
    e.person_id = pid;
    e.details = fmt::format(R"({{"relationship":{},"id_pending":{}}})", JsonText(rel), p.resident_id.empty() ? "true" : "false");
    ANJU_TRY(eid, ev.InsertEvent(e));
    ANJU_CHECK(ev.StartMembership(pid, date));
    Diff df;
    df.Add("household_id", "", std::to_string(household_id));
    df.Add("resident_id", "", p.resident_id);
    df.Add("name", "", p.name);
    df.Add("sex", "", std::string(SexName(p.sex)));
    df.Add("birth_date", "", FormatIsoDate(p.birth_date));
    df.Add("relationship", "", rel);
    df.Add("ethnicity", "", p.ethnicity);
    df.Add("phone", "", p.phone);
    df.Add("education", "", p.education);
    df.Add("member_from", "", FormatIsoDate(date));
    ANJU_CHECK(AuditPerson(repo_, actor, "create", pid, df, eid, e.kind));
    out = {pid, eid};
  }
  ANJU_CHECK(ev.TouchHousehold(household_id));
  if (returning) ANJU_CHECK(ev.TouchHousehold(returning->household_id));
  ANJU_CHECK(tx->Commit());
  return out;
}

Result<int64_t> LifeEventService::RecordLeaving(const Actor& actor, int64_t person_id, const LeavingEvent& in) {
  ANJU_CHECK(CheckWrite(actor));
  if (!EndsMembership(in.kind) || in.kind == RegisterEventKind::kEnteredInError)
    return InvalidArgument(fmt::format("kind {} does not end a membership; use death, moved_away or married_out",
                                       RegisterEventKindName(in.kind)),
                           "kind", std::string(RegisterEventKindName(in.kind)), "变动类型应为死亡、迁出或婚出");
  const Date today = today_();
  ANJU_TRY(tx, repo_.BeginWrite());
  ANJU_TRY(found, PersonInScope(repo_, actor, person_id));
  if (!found) return NoPerson(person_id);
  const Person& p = *found;
  LifeEventRepository& ev = repo_.Events();
  ANJU_TRY(old, ev.PeriodOf(person_id));
  if (old.until)
    return Conflict(fmt::format("person {} left household {} on {} already; void that event first if it was wrong", person_id,
                                p.household_id, FormatIsoDate(*old.until)),
                    "id", std::to_string(person_id), fmt::format("该人员已于{}离开该户", FormatIsoDate(*old.until)));
  ANJU_TRY(hp, ev.HouseholdPeriodOf(p.household_id));
  std::vector<Error> d;
  CheckDate(d, in.date, today, p.birth_date, old.from.value_or(hp.start),
            old.from ? "the start of the membership" : "the household's start",
            old.from ? "该成员的入户日期" : "该户的起始日期");
  if (!d.empty()) return Faults(std::move(d));
  ANJU_TRY(members, repo_.PersonsOfHousehold(p.household_id));
  if (p.relationship == Relationship::kHead && members.size() > 1)
    return Conflict(fmt::format("person {} is the head of a household with {} other current member{}; change the head first "
                                "(POST /api/v1/households/{}/head), then record the {}",
                                person_id, members.size() - 1, members.size() == 2 ? "" : "s", p.household_id,
                                RegisterEventKindName(in.kind)),
                    "new_head", "",
                    fmt::format("该人员是户主，户内还有{}名在册成员：请先变更户主（POST /api/v1/households/{}/head），再登记{}",
                                members.size() - 1, p.household_id, RegisterEventKindNameZh(in.kind)));
  RegisterEvent e;
  e.kind = in.kind;
  e.event_date = in.date;
  e.household_id = p.household_id;
  e.person_id = person_id;
  e.place = in.place;
  e.reason = in.reason;
  e.recorded_by = Recorder(actor);
  ANJU_TRY(eid, ev.InsertEvent(e));
  const MembershipPeriod now{old.from, in.date, eid};
  ANJU_CHECK(ev.SetPeriod(person_id, now));
  Diff df;
  DiffPeriod(df, old, now);
  ANJU_CHECK(AuditPerson(repo_, actor, "update", person_id, df, eid, in.kind));
  ANJU_CHECK(ev.TouchHousehold(p.household_id));
  ANJU_CHECK(EndIfEmpty(repo_, actor, p.household_id, in.date, eid, in.kind));
  ANJU_CHECK(tx->Commit());
  return eid;
}

Result<Person> LifeEventService::CompleteResidentId(const Actor& actor, int64_t person_id, const ResidentIdCompletion& in) {
  ANJU_CHECK(CheckWrite(actor));
  const Date today = today_();
  ANJU_TRY(tx, repo_.BeginWrite());
  ANJU_TRY(found, PersonInScope(repo_, actor, person_id));
  if (!found) return NoPerson(person_id);
  Person p = *found;
  if (!p.resident_id.empty())
    return Conflict(fmt::format("person {} has a resident id already ({}); correct it with PATCH /api/v1/persons/{}", person_id,
                                MaskResidentId(p.resident_id), person_id),
                    "resident_id", MaskResidentId(p.resident_id), "该人员已有公民身份号码，如需更正请修改人员信息");
  auto id = ParseResidentId(in.resident_id, today);
  if (!id) {
    Error e = id.error();
    e.field = "resident_id";
    return std::unexpected(e);
  }
  std::vector<Error> d;
  if (id->sex() != p.sex)
    d.push_back(Fault("resident_id", id->Masked(),
                      fmt::format("the resident id {} encodes sex {}, but the person was entered as {}; check the id, or correct "
                                  "the sex first (PATCH)", id->Masked(), SexName(id->sex()), SexName(p.sex)),
                      fmt::format("身份证号码{}的性别为{}，与登记的{}不符；请核对号码，或先更正性别", id->Masked(),
                                  id->sex() == Sex::kFemale ? "女" : "男", p.sex == Sex::kFemale ? "女" : "男")));
  if (id->BirthDate() != p.birth_date)
    d.push_back(Fault("resident_id", id->Masked(),
                      fmt::format("the resident id {} encodes birth date {}, but the person was entered as born {}; check the "
                                  "id, or correct the birth date first (PATCH)",
                                  id->Masked(), FormatIsoDate(id->BirthDate()), FormatIsoDate(p.birth_date)),
                      fmt::format("身份证号码{}的出生日期为{}，与登记的出生日期{}不符；请核对号码，或先更正出生日期", id->Masked(),
                                  FormatIsoDate(id->BirthDate()), FormatIsoDate(p.birth_date))));
  ANJU_TRY(taken, repo_.PersonIdByResidentId(in.resident_id));
  if (taken)
    d.push_back(Fault("resident_id", id->Masked(),
                      fmt::format("resident id {} is already registered (person {})", id->Masked(), *taken),
                      "该公民身份号码已登记", ErrorCode::kConflict));
  if (!d.empty()) return Faults(std::move(d));
  LifeEventRepository& ev = repo_.Events();
  RegisterEvent e;
  e.kind = RegisterEventKind::kIdCompleted;
  e.event_date = today;
  e.household_id = p.household_id;
  e.person_id = person_id;
  e.reason = in.reason;
  e.recorded_by = Recorder(actor);
  ANJU_TRY(eid, ev.InsertEvent(e));
  ANJU_CHECK(ev.SetResidentId(person_id, in.resident_id));
  Diff df;
  df.Add("resident_id", "", in.resident_id);
  ANJU_CHECK(AuditPerson(repo_, actor, "update", person_id, df, eid, e.kind));
  ANJU_CHECK(ev.TouchHousehold(p.household_id));
  ANJU_CHECK(tx->Commit());
  p.resident_id = in.resident_id;
  p.version += 1;
  return p;
}

Status LifeEventService::VoidEvent(const Actor& actor, int64_t event_id, const std::string& reason) {
  ANJU_CHECK(CheckWrite(actor));
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
    return InvalidArgument("say why the event is voided (reason)", "reason", "", "请填写作废原因");
  const Date today = today_();
  ANJU_TRY(tx, repo_.BeginWrite());
  LifeEventRepository& ev = repo_.Events();
  ANJU_TRY(found, ev.FindEvent(event_id));
  auto none = [&] {
    return NotFound(fmt::format("no register event with id {}", event_id), "id", std::to_string(event_id), "找不到该变动记录");
  };
  if (!found) return none();
  const RegisterEvent e = *found;
  ANJU_TRY(hh, HouseholdInScope(repo_, actor, e.household_id));
  if (!hh) return none();
  if (e.voided_on)
    return Conflict(fmt::format("register event {} was voided on {} already", event_id, FormatIsoDate(*e.voided_on)), "id",
                    std::to_string(event_id), "该变动记录已作废");
  const std::optional<RegisterEvent> latest =
      e.person_id ? ev.LatestPersonEvent(*e.person_id).value_or(std::nullopt) : ev.LatestHouseholdEvent(e.household_id).value_or(std::nullopt);
  if (!latest || latest->id != event_id)
    return Conflict(fmt::format("register event {} is not the {}'s latest (that is event {}, {} on {}); void the later events "
                                "first, newest first",
                                event_id, e.person_id ? "person" : "household", latest ? latest->id : 0,
                                latest ? RegisterEventKindName(latest->kind) : "", latest ? FormatIsoDate(latest->event_date) : ""),
                    "id", std::to_string(event_id), "只能作废该人员（或该户）最近的一条变动记录，请从最新的一条起依次作废");
  // A later household change (head, split, merge, move) re-stated the members against the
  // household as it then was: undoing an earlier person event would bring someone back with a
  // relationship nobody checked (found by the fresh-clone tester).
  if (e.person_id) {
    ANJU_TRY(later, ev.HouseholdEvents(e.household_id));
    for (const auto& l : later) {
      const bool after = l.event_date > e.event_date || (l.event_date == e.event_date && l.id > e.id);
      const bool change = l.kind == RegisterEventKind::kHeadChanged || l.kind == RegisterEventKind::kSplit ||
                          l.kind == RegisterEventKind::kMerged || l.kind == RegisterEventKind::kMovedBetween;
      if (after && change && !l.voided_on && l.id != event_id)
        return Conflict(fmt::format("register event {} cannot be voided: the household changed after it ({} on {}, event "
                                    "{}); record a new event instead (e.g. returned) so the relationships are checked",
                                    event_id, RegisterEventKindName(l.kind), FormatIsoDate(l.event_date), l.id),
                        "id", std::to_string(event_id),
                        fmt::format("该户在此之后已有{}（{}），不能作废此记录；请改为登记新的变动（如返回），以便重新核对与户主关系",
                                    RegisterEventKindNameZh(l.kind), FormatIsoDate(l.event_date)));
    }
  }
  auto unsupported = [&] {
    return Conflict(fmt::format("a {} event is undone through the household changes, not voided here",
                                RegisterEventKindName(e.kind)),
                    "id", std::to_string(event_id), "该类变动不能在此作废");
  };
  ANJU_CHECK(ev.VoidEvent(event_id, today, Recorder(actor), reason));
  const std::string src = fmt::format("void of register event {} ({}): {}", event_id, RegisterEventKindName(e.kind), reason);
  if (!e.person_id) {
    if (e.kind != RegisterEventKind::kEnteredInError) return unsupported();
    ANJU_TRY(hp, ev.HouseholdPeriodOf(e.household_id));
    ANJU_CHECK(ev.SetHouseholdEnd(e.household_id, std::nullopt, std::nullopt));
    Diff df;
    df.Add("ended_on", Iso(hp.ended_on), "");
    df.Add("end_event_id", Id(hp.end_event_id), "");
    ANJU_CHECK(repo_.AppendAudit(actor, {"update", "household", std::to_string(e.household_id), df.Json(), src}));
    return tx->Commit();
  }
  const int64_t pid = *e.person_id;
  ANJU_TRY(person, repo_.FindPerson(AccessScope{}, pid));
  if (!person) return none();
  ANJU_TRY(old, ev.PeriodOf(pid));
  Diff df;
  if (EndsMembership(e.kind)) {
    // The membership reopens, and the household it ended with it.
    if (person->relationship == Relationship::kHead) {
      ANJU_TRY(members, repo_.PersonsOfHousehold(person->household_id));
      for (const auto& m : members)
        if (m.relationship == Relationship::kHead)
          return Conflict(fmt::format("household {} has another head now ({}); change the head back first", hh->household_no,
                                      m.id),
                          "id", std::to_string(event_id), "该户现已有另一名户主，请先变更户主");
    }
    const MembershipPeriod now{old.from, std::nullopt, std::nullopt};
    ANJU_CHECK(ev.SetPeriod(pid, now));
    DiffPeriod(df, old, now);
    ANJU_TRY(hp, ev.HouseholdPeriodOf(person->household_id));
    if (hp.end_event_id == event_id) {
      ANJU_CHECK(ev.SetHouseholdEnd(person->household_id, std::nullopt, std::nullopt));
      Diff hd;
      hd.Add("ended_on", Iso(hp.ended_on), "");
      hd.Add("end_event_id", Id(hp.end_event_id), "");
      ANJU_CHECK(repo_.AppendAudit(actor, {"update", "household", std::to_string(person->household_id), hd.Json(), src}));
    }
  } else if (e.kind == RegisterEventKind::kReturned) {
    ANJU_TRY(prev, ev.LatestArchivedMembership(pid));
    if (!prev) return unsupported();
    ANJU_CHECK(ev.UnarchiveLatestMembership(pid));
    ANJU_CHECK(ev.SetHousehold(pid, prev->household_id, prev->relationship));
    const MembershipPeriod now{prev->from, prev->until, prev->end_event_id};
    ANJU_CHECK(ev.SetPeriod(pid, now));
    df.Add("household_id", std::to_string(person->household_id), std::to_string(prev->household_id));
    df.Add("relationship", std::string(RelationshipName(person->relationship)), std::string(RelationshipName(prev->relationship)));
    DiffPeriod(df, old, now);
  } else if (StartsMembership(e.kind)) {
    // Never a member: the period is made empty (never counted), as a record entered in error.
    ANJU_TRY(members, repo_.PersonsOfHousehold(person->household_id));
    if (person->relationship == Relationship::kHead && members.size() > 1)
      return Conflict(fmt::format("person {} is the head of a household with other members; change the head first", pid),
                      "new_head", "", "该人员是户主且户内还有其他成员，请先变更户主");
    const Date from = old.from.value_or(e.event_date);
    const MembershipPeriod now{from, from, event_id};
    ANJU_CHECK(ev.SetPeriod(pid, now));
    DiffPeriod(df, old, now);
  } else if (e.kind == RegisterEventKind::kIdCompleted) {
    ANJU_CHECK(ev.SetResidentId(pid, ""));
    df.Add("resident_id", person->resident_id, "");
  } else {
    return unsupported();
  }
  ANJU_CHECK(repo_.AppendAudit(actor, {"update", "person", std::to_string(pid), df.Json(), src}));
  ANJU_CHECK(ev.TouchHousehold(person->household_id));
  if (e.kind == RegisterEventKind::kReturned) ANJU_CHECK(ev.TouchHousehold(e.household_id));
  return tx->Commit();
}

Result<HouseholdTimeline> LifeEventService::GetHouseholdTimeline(const Actor& actor, int64_t household_id) {
  ANJU_TRY(hh, repo_.FindHousehold(actor.scope, household_id));
  if (!hh) return NoHousehold(household_id);
  HouseholdTimeline t;
  t.household_id = household_id;
  t.household_no = hh->household_no;
  ANJU_TRY(events, repo_.Events().HouseholdEvents(household_id));
  t.events = std::move(events);
  ANJU_TRY(ms, repo_.Events().MembershipsOfHousehold(household_id));
  t.memberships = std::move(ms);
  return t;
}

Result<PersonTimeline> LifeEventService::GetPersonTimeline(const Actor& actor, int64_t person_id) {
  ANJU_TRY(p, repo_.FindPerson(actor.scope, person_id));
  if (!p) return NoPerson(person_id);
  PersonTimeline t;
  t.person_id = person_id;
  t.name = p->name;
  ANJU_TRY(events, repo_.Events().PersonEvents(person_id));
  t.events = std::move(events);
  ANJU_TRY(ms, repo_.Events().MembershipsOfPerson(person_id));
  t.memberships = std::move(ms);
  return t;
}

}  // namespace anju::registry
