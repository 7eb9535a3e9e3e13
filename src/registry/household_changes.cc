#include "registry/household_changes.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "core/plausible.h"
#include "core/try.h"
#include "registry/registry_service.h"

namespace anju::registry {

using nlohmann::json;

namespace {

// Longest reason kept (a cause or a document's name and number).
constexpr size_t kMaxReasonChars = 200;

Error Fault(ErrorCode code, std::string field, std::string value, std::string message, std::string message_zh) {
  return Error{code, std::move(message), std::move(message_zh), std::move(field), std::move(value), {}};
}
Error Invalid(std::string field, std::string value, std::string message, std::string message_zh) {
  return Fault(ErrorCode::kInvalidArgument, std::move(field), std::move(value), std::move(message), std::move(message_zh));
}

Status CheckWrite(const Actor& actor) {
  if (!actor.CanWrite())
    return PermissionDenied(fmt::format("role {} may not change registry records", RoleName(actor.role)),
                            "当前角色无权修改登记记录");
  return {};
}

std::unexpected<Error> OutOfScope(std::string_view entity, int64_t id) {
  return NotFound(fmt::format("no {} with id {}", entity, id), "id", std::to_string(id),
                  entity == "household" ? "找不到该搬迁户" : "找不到该人员");
}

std::string Iso(const std::optional<Date>& d) { return d ? FormatIsoDate(*d) : ""; }
std::string Opt(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : ""; }
std::string Rel(Relationship r) { return std::string(RelationshipName(r)); }
json OptJson(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

// The first day of a household: formed_on (a split) else move_in_date.
Date StartOf(const Household& h, const HouseholdLife& life) { return life.formed_on.value_or(h.move_in_date); }

// Faults of the change's day: a real date from 1900 to today, not before `earliest` (the start
// of what it ends; `what` names it in the message).
void CheckDate(std::vector<Error>& details, Date date, Date today, Date earliest, std::string_view what,
               std::string_view what_zh) {
  if (!date.ok()) {
    details.push_back(Invalid("date", "", "date is not a valid date (YYYY-MM-DD)", "日期无效（格式：YYYY-MM-DD）"));
    return;
  }
  if (auto r = ValidateDateInRange("date", date, today); !r) {
    details.push_back(r.error());
    return;
  }
  if (date < earliest)
    details.push_back(Invalid("date", FormatIsoDate(date),
                              fmt::format("date {} is before {} ({}); a change cannot end what had not begun",
                                          FormatIsoDate(date), what, FormatIsoDate(earliest)),
                              fmt::format("变动日期 {} 早于{}（{}）", FormatIsoDate(date), what_zh, FormatIsoDate(earliest))));
}

void CheckReason(std::vector<Error>& details, const std::string& reason) {
  if (TrimSpace(reason).empty())
    details.push_back(Invalid("reason", "", "reason is required: say why, or name the document (e.g. 分户申请书)",
                              "请填写变动原因或依据（如分户申请书）"));
  else if (auto r = ValidateFreeText("reason", reason, kMaxReasonChars); !r)
    details.push_back(r.error());
}

// The generation rule for `member` (with its new relationship) under `head`; the fault renamed
// to `field` (the request's field that chose the relationship).
void CheckGap(std::vector<Error>& details, const Person& head, const Person& member, std::string field) {
  Person as_head = head;
  as_head.relationship = Relationship::kHead;
  if (auto g = CheckGenerationGap(as_head, member); !g) {
    Error e = g.error();
    e.field = std::move(field);
    e.value = Rel(member.relationship);
    details.push_back(std::move(e));
  }
}

std::unexpected<Error> Ended(const Household& h, Date on, std::string field) {
  return Conflict(fmt::format("household {} ended on {}; an ended household does not change", h.household_no,
                              FormatIsoDate(on)),
                  std::move(field), std::to_string(h.id),
                  fmt::format("户 {} 已于 {} 注销，不能再变动", h.household_no, FormatIsoDate(on)));
}

// {"field": [before, after], …} of the values that differ (the audit trail's shape).
class Changes {
 public:
  void Add(std::string_view field, const std::string& before, const std::string& after) {
    if (before != after) body_[std::string(field)] = json::array({before, after});
  }
  std::string Json() const { return body_.dump(); }

 private:
  json body_ = json::object();
};

std::string Source(std::string_view what, int64_t event_id) {
  return fmt::format("{} (register event {})", what, event_id);
}

json PlacementJson(const Household& h) {
  return json{{"site_id", h.site_id}, {"housing_unit_id", OptJson(h.housing_unit_id)},
              {"grid_id", OptJson(h.grid_id)}, {"origin_village_id", h.origin_village_id}};
}

}  // namespace

std::string_view SplitHousingName(SplitHousing h) {
  switch (h) {
    case SplitHousing::kStays: return "stays";
    case SplitHousing::kMoves: return "moves";
    case SplitHousing::kNewUnit: return "new_unit";
    case SplitHousing::kNone: return "none";
  }
  return "none";
}

Result<SplitHousing> ParseSplitHousing(std::string_view text) {
  for (SplitHousing h : {SplitHousing::kStays, SplitHousing::kMoves, SplitHousing::kNewUnit, SplitHousing::kNone})
    if (text == SplitHousingName(h)) return h;
  return InvalidArgument("housing decision must be stays, moves, new_unit or none", "housing.decision",
                         std::string(text), "住房安排应为 stays（留原户）、moves（随新户）、new_unit（新房）或 none（待定）");
}

std::string_view MergeHousingName(MergeHousing h) { return h == MergeHousing::kKept ? "kept" : "released"; }

Result<MergeHousing> ParseMergeHousing(std::string_view text) {
  if (text == "released") return MergeHousing::kReleased;
  if (text == "kept") return MergeHousing::kKept;
  return InvalidArgument("housing decision must be released or kept", "housing.decision", std::string(text),
                         "住房安排应为 released（腾退）或 kept（并入户迁入该房）");
}

// ---- shared steps ----------------------------------------------------------------------------

namespace {

struct Ctx {
  RegistryRepository& registry;
  HouseholdChangeRepository& changes;
  const Actor& actor;
};

// Household `id` when it exists and the actor's scope covers its place; nullopt otherwise.
Result<std::optional<Household>> HouseholdInScope(Ctx& c, int64_t id) {
  auto h = c.registry.FindHousehold(AccessScope{}, id);
  if (!h || !*h) return h;
  ANJU_TRY(place, c.registry.PlaceOf(**h));
  if (!ScopeCovers(c.actor.scope, place)) return std::optional<Household>();
  return h;
}

// The household a change starts from: kNotFound when absent or outside the scope, kConflict
// when it has ended.
Result<std::pair<Household, HouseholdLife>> FromHousehold(Ctx& c, int64_t id,
                                                          std::optional<int64_t> expected_version = {}) {
  ANJU_TRY(h, HouseholdInScope(c, id));
  if (!h) return OutOfScope("household", id);
  ANJU_TRY(life, c.changes.LifeOf(id));
  if (life.ended_on) return Ended(*h, *life.ended_on, "id");
  // Inside the change's transaction: a change from a stale page is refused (lost edit found by
  // the fresh-clone tester: two clerks changing the head at once both succeeded).
  ANJU_CHECK(c.changes.TouchHousehold(id, expected_version));
  h->version += 1;
  return std::pair<Household, HouseholdLife>{std::move(*h), life};
}

// The household a change goes to (`field` names it in the request): absent → a fault; outside
// the scope → kPermissionDenied naming the field (returned at once, before any other fault);
// ended → a fault.
Result<std::optional<std::pair<Household, HouseholdLife>>> Target(Ctx& c, int64_t id, const std::string& field,
                                                                  std::vector<Error>& details) {
  using Out = std::optional<std::pair<Household, HouseholdLife>>;
  ANJU_TRY(h, c.registry.FindHousehold(AccessScope{}, id));
  if (!h) {
    details.push_back(Invalid(field, std::to_string(id), fmt::format("no household with id {}", id), "找不到该搬迁户"));
    return Out();
  }
  ANJU_TRY(place, c.registry.PlaceOf(*h));
  if (!ScopeCovers(c.actor.scope, place)) return TargetOutsideScope(c.actor.scope, field, std::to_string(id));
  ANJU_TRY(life, c.changes.LifeOf(id));
  if (life.ended_on) {
    details.push_back(Fault(ErrorCode::kConflict, field, std::to_string(id),
                            fmt::format("household {} ended on {}", h->household_no, FormatIsoDate(*life.ended_on)),
                            fmt::format("户 {} 已于 {} 注销", h->household_no, FormatIsoDate(*life.ended_on))));
    return Out();
  }
  return Out(std::pair<Household, HouseholdLife>{std::move(*h), life});
}

// Ends person `m`'s membership of `from` on `date` (membership_history) and starts the one of
// `to` with `rel` (the persons row), audited.
Status MoveMembership(Ctx& c, const CurrentMember& m, int64_t to, Relationship rel, Date date, int64_t event_id,
                      std::string_view what) {
  ANJU_CHECK(c.changes.InsertMembershipHistory(PastMembership{m.person.id, m.person.household_id, m.person.relationship,
                                                              m.member_from, date, event_id}));
  ANJU_CHECK(c.changes.SetMembership(m.person.id, to, rel, date));
  Changes ch;
  ch.Add("household_id", std::to_string(m.person.household_id), std::to_string(to));
  ch.Add("relationship", Rel(m.person.relationship), Rel(rel));
  ch.Add("member_from", Iso(m.member_from), FormatIsoDate(date));
  return c.registry.AppendAudit(c.actor, {"update", "person", std::to_string(m.person.id), ch.Json(),
                                          Source(what, event_id)});
}

// Writes household `after` (same id, version as read) and, when its placement changed, the
// previous placement to placement_history (start = the previous change, end = date). Audited.
Status WritePlacement(Ctx& c, const Household& before, const Household& after, Date date, int64_t event_id,
                      std::string_view what) {
  ANJU_TRY(last, c.changes.LastPlacementChange(before.id));
  ANJU_CHECK(c.changes.InsertPlacementHistory(PastPlacement{before.id, before.site_id, before.housing_unit_id,
                                                            before.grid_id, before.origin_village_id, last, date,
                                                            event_id}));
  ANJU_CHECK(c.registry.UpdateHousehold(after));
  Changes ch;
  ch.Add("site_id", std::to_string(before.site_id), std::to_string(after.site_id));
  ch.Add("housing_unit_id", Opt(before.housing_unit_id), Opt(after.housing_unit_id));
  ch.Add("grid_id", Opt(before.grid_id), Opt(after.grid_id));
  ch.Add("origin_village_id", std::to_string(before.origin_village_id), std::to_string(after.origin_village_id));
  return c.registry.AppendAudit(c.actor, {"update", "household", std::to_string(before.id), ch.Json(),
                                          Source(what, event_id)});
}

// Ends household `h` on `date` (ended_on, end_event_id, merged_into_id), releasing its unit
// (placement_history) first. Audited.
Status EndHousehold(Ctx& c, const Household& h, Date date, int64_t event_id, std::optional<int64_t> merged_into,
                    std::string_view what) {
  if (h.housing_unit_id) {
    Household released = h;
    released.housing_unit_id.reset();
    ANJU_CHECK(WritePlacement(c, h, released, date, event_id, what));
  }
  ANJU_CHECK(c.changes.EndHousehold(h.id, date, event_id, merged_into));
  Changes ch;
  ch.Add("ended_on", "", FormatIsoDate(date));
  if (merged_into) ch.Add("merged_into_id", "", std::to_string(*merged_into));
  return c.registry.AppendAudit(c.actor, {"update", "household", std::to_string(h.id), ch.Json(),
                                          Source(what, event_id)});
}

const CurrentMember* FindMember(const std::vector<CurrentMember>& members, int64_t id) {
  for (const auto& m : members)
    if (m.person.id == id) return &m;
  return nullptr;
}

const CurrentMember* HeadOf(const std::vector<CurrentMember>& members) {
  for (const auto& m : members)
    if (m.person.relationship == Relationship::kHead) return &m;
  return nullptr;
}

// Checks `relationships` (person id → relationship to `head`) against `members` (all of them but
// `skip` must be listed, none other, none head) and the generation rule. Fields
// "relationships.<id>".
void CheckRelationships(std::vector<Error>& details, const std::map<int64_t, Relationship>& relationships,
                        const std::vector<CurrentMember>& members, const Person& head, std::optional<int64_t> skip) {
  for (const auto& [id, rel] : relationships) {
    const std::string field = fmt::format("relationships.{}", id);
    const CurrentMember* m = FindMember(members, id);
    if (!m || (skip && id == *skip)) {
      details.push_back(Invalid(field, std::to_string(id),
                                fmt::format("person {} is not one of the members to re-state", id),
                                fmt::format("人员 {} 不是需重新确定关系的成员", id)));
      continue;
    }
    if (rel == Relationship::kHead) {
      details.push_back(Invalid(field, "head", "a household has one head; give this member another relationship",
                                "一户只有一名户主，请为该成员选择其他关系"));
      continue;
    }
    Person p = m->person;
    p.relationship = rel;
    CheckGap(details, head, p, field);
  }
  for (const auto& m : members) {
    if (skip && m.person.id == *skip) continue;
    if (!relationships.count(m.person.id))
      details.push_back(Invalid(fmt::format("relationships.{}", m.person.id), "",
                                fmt::format("give the relationship of {} (person {}) to the head {}", m.person.name,
                                            m.person.id, head.name),
                                fmt::format("请填写 {} 与户主 {} 的关系", m.person.name, head.name)));
  }
}

}  // namespace

// ---- move ----------------------------------------------------------------------------------

Result<int64_t> HouseholdChangeService::MovePerson(const Actor& actor, int64_t person_id, const MoveRequest& req) {
  ANJU_CHECK(CheckWrite(actor));
  Ctx c{registry_, changes_, actor};
  ANJU_TRY(tx, registry_.BeginWrite());
  ANJU_TRY(person, registry_.FindPerson(AccessScope{}, person_id));
  if (!person) return OutOfScope("person", person_id);
  ANJU_TRY(from_h, HouseholdInScope(c, person->household_id));
  if (!from_h) return OutOfScope("person", person_id);
  ANJU_TRY(period, changes_.MembershipPeriod(person_id));
  if (period.second)
    return Conflict(fmt::format("{} left household {} on {}; only a current member moves", person->name,
                                from_h->household_no, FormatIsoDate(*period.second)),
                    "id", std::to_string(person_id),
                    fmt::format("{} 已于 {} 离开户 {}，只能迁移现有成员", person->name, FormatIsoDate(*period.second),
                                from_h->household_no));
  ANJU_TRY(from_life, changes_.LifeOf(from_h->id));
  std::vector<Error> details;
  ANJU_TRY(to, Target(c, req.to_household_id, "to_household_id", details));
  ANJU_TRY(from_members, changes_.CurrentMembers(from_h->id));
  const CurrentMember* me = FindMember(from_members, person_id);
  if (!me) return Internal(fmt::format("person {} is current but not among the members", person_id));
  if (me->person.relationship == Relationship::kHead && from_members.size() > 1)
    details.push_back(Fault(ErrorCode::kConflict, "relationship", "head",
                            fmt::format("{} is the head of household {} with {} other current member(s); change the head "
                                        "first (POST /api/v1/households/{}/head)",
                                        person->name, from_h->household_no, from_members.size() - 1, from_h->id),
                            fmt::format("{} 是户 {} 的户主，户内还有 {} 名成员，请先变更户主", person->name,
                                        from_h->household_no, from_members.size() - 1)));
  if (to && to->first.id == from_h->id)
    details.push_back(Invalid("to_household_id", std::to_string(req.to_household_id),
                              fmt::format("{} is already a member of household {}", person->name, from_h->household_no),
                              fmt::format("{} 已是户 {} 的成员", person->name, from_h->household_no)));
  else if (to) {
    ANJU_TRY(to_members, changes_.CurrentMembers(to->first.id));
    const CurrentMember* head = HeadOf(to_members);
    if (!head && req.relationship != Relationship::kHead)
      details.push_back(Invalid("relationship", Rel(req.relationship),
                                fmt::format("household {} has no current member; the person moving in is its head",
                                            to->first.household_no),
                                fmt::format("户 {} 没有现有成员，迁入者应为户主", to->first.household_no)));
    else if (head && req.relationship == Relationship::kHead)
      details.push_back(Fault(ErrorCode::kConflict, "relationship", "head",
                              fmt::format("household {} already has a head ({}); move in with another relationship, then "
                                          "change the head",
                                          to->first.household_no, head->person.name),
                              fmt::format("户 {} 已有户主（{}），请选择其他关系，迁入后再变更户主", to->first.household_no,
                                          head->person.name)));
    else if (head) {
      Person p = *person;
      p.relationship = req.relationship;
      CheckGap(details, head->person, p, "relationship");
    }
    CheckDate(details, req.date, today_(), StartOf(to->first, to->second), "the start of the household moved into",
              "迁入户的建户日期");
  }
  CheckDate(details, req.date, today_(), me->member_from.value_or(StartOf(*from_h, from_life)),
            "the start of the membership it ends", "原成员关系的开始日期");
  CheckReason(details, req.reason);
  if (!details.empty()) {
    // One fault per field: the date checked twice keeps its first fault.
    std::set<std::string> seen;
    std::erase_if(details, [&](const Error& e) { return e.field == "date" && !seen.insert(e.field).second; });
    return AllFaults(std::move(details));
  }
  RegisterEvent e;
  e.kind = RegisterEventKind::kMovedBetween;
  e.event_date = req.date;
  e.household_id = from_h->id;
  e.person_id = person_id;
  e.other_household_id = to->first.id;
  e.place = to->first.household_no;
  e.reason = req.reason;
  e.details = json{{"from_household_no", from_h->household_no}, {"to_household_no", to->first.household_no},
                   {"relationship", json::array({Rel(me->person.relationship), Rel(req.relationship)})}}
                  .dump();
  e.recorded_by = actor.username;
  ANJU_TRY(event_id, changes_.InsertEvent(e));
  ANJU_CHECK(MoveMembership(c, *me, to->first.id, req.relationship, req.date, event_id, "moved between households"));
  // Both households' members changed: pages read before the move are stale.
  ANJU_CHECK(changes_.TouchHousehold(from_h->id, std::nullopt));
  from_h->version += 1;  // EndHousehold below writes the placement at the current version
  ANJU_CHECK(changes_.TouchHousehold(to->first.id, std::nullopt));
  if (from_members.size() == 1)
    ANJU_CHECK(EndHousehold(c, *from_h, req.date, event_id, std::nullopt, "last member moved away"));
  ANJU_CHECK(tx->Commit());
  return event_id;
}

// ---- head ----------------------------------------------------------------------------------

Result<int64_t> HouseholdChangeService::ChangeHead(const Actor& actor, int64_t household_id,
                                                   const HeadChangeRequest& req) {
  ANJU_CHECK(CheckWrite(actor));
  Ctx c{registry_, changes_, actor};
  ANJU_TRY(tx, registry_.BeginWrite());
  ANJU_TRY(src, FromHousehold(c, household_id, req.expected_version));
  const auto& [h, life] = src;
  ANJU_TRY(members, changes_.CurrentMembers(household_id));
  std::vector<Error> details;
  const CurrentMember* old_head = HeadOf(members);
  const CurrentMember* new_head = FindMember(members, req.new_head_id);
  if (!new_head)
    details.push_back(Invalid("new_head_id", std::to_string(req.new_head_id),
                              fmt::format("person {} is not a current member of household {}", req.new_head_id,
                                          h.household_no),
                              fmt::format("人员 {} 不是户 {} 的现有成员", req.new_head_id, h.household_no)));
  else if (new_head == old_head)
    details.push_back(Invalid("new_head_id", std::to_string(req.new_head_id),
                              fmt::format("{} is already the head of household {}", new_head->person.name, h.household_no),
                              fmt::format("{} 已是户 {} 的户主", new_head->person.name, h.household_no)));
  else
    CheckRelationships(details, req.relationships, members, new_head->person, new_head->person.id);
  Date earliest = StartOf(h, life);
  if (new_head && new_head->member_from) earliest = std::max(earliest, *new_head->member_from);
  CheckDate(details, req.date, today_(), earliest, "the new head's membership", "新户主成为本户成员的日期");
  CheckReason(details, req.reason);
  if (!details.empty()) return AllFaults(std::move(details));

  json rels = json::object();
  for (const auto& m : members) {
    if (m.person.id == new_head->person.id) continue;
    rels[std::to_string(m.person.id)] = json::array({Rel(m.person.relationship), Rel(req.relationships.at(m.person.id))});
  }
  RegisterEvent e;
  e.kind = RegisterEventKind::kHeadChanged;
  e.event_date = req.date;
  e.household_id = household_id;
  e.person_id = new_head->person.id;
  e.reason = req.reason;
  e.details = json{{"old_head", old_head ? json(old_head->person.id) : json(nullptr)},
                   {"new_head", new_head->person.id},
                   {"new_head_relationship_before", Rel(new_head->person.relationship)},
                   {"relationships", rels}}
                  .dump();
  e.recorded_by = actor.username;
  ANJU_TRY(event_id, changes_.InsertEvent(e));
  // The others first (the old head stops being head), then the new head: the one-head index
  // never sees two.
  auto set = [&](const Person& p, Relationship rel) -> Status {
    if (p.relationship == rel) return {};
    ANJU_CHECK(changes_.SetRelationship(p.id, rel));
    Changes ch;
    ch.Add("relationship", Rel(p.relationship), Rel(rel));
    return registry_.AppendAudit(actor, {"update", "person", std::to_string(p.id), ch.Json(),
                                         Source("change of head", event_id)});
  };
  for (const auto& m : members)
    if (m.person.id != new_head->person.id) ANJU_CHECK(set(m.person, req.relationships.at(m.person.id)));
  ANJU_CHECK(set(new_head->person, Relationship::kHead));
  ANJU_CHECK(tx->Commit());
  return event_id;
}

// ---- split ---------------------------------------------------------------------------------

Result<SplitResult> HouseholdChangeService::Split(const Actor& actor, int64_t household_id, const SplitRequest& req) {
  ANJU_CHECK(CheckWrite(actor));
  Ctx c{registry_, changes_, actor};
  ANJU_TRY(tx, registry_.BeginWrite());
  ANJU_TRY(src, FromHousehold(c, household_id, req.expected_version));
  const auto& [h, life] = src;
  ANJU_TRY(members, changes_.CurrentMembers(household_id));
  std::vector<Error> details;

  // Who moves, and their new head.
  std::vector<const CurrentMember*> moving;
  const SplitMember* new_head = nullptr;
  int heads = 0;
  std::set<int64_t> ids;
  for (size_t i = 0; i < req.members.size(); ++i) {
    const SplitMember& sm = req.members[i];
    const CurrentMember* m = FindMember(members, sm.person_id);
    if (!m) {
      details.push_back(Invalid(fmt::format("members[{}].person_id", i), std::to_string(sm.person_id),
                                fmt::format("person {} is not a current member of household {}", sm.person_id, h.household_no),
                                fmt::format("人员 {} 不是户 {} 的现有成员", sm.person_id, h.household_no)));
      continue;
    }
    if (!ids.insert(sm.person_id).second) {
      details.push_back(Invalid(fmt::format("members[{}].person_id", i), std::to_string(sm.person_id),
                                "the same person is listed twice", "同一人员重复列出"));
      continue;
    }
    if (m->person.relationship == Relationship::kHead)
      details.push_back(Fault(ErrorCode::kConflict, fmt::format("members[{}].person_id", i), std::to_string(sm.person_id),
                              fmt::format("{} is the head of household {}, which keeps its head; change the head first",
                                          m->person.name, h.household_no),
                              fmt::format("{} 是原户 {} 的户主，原户须保留户主，请先变更户主", m->person.name,
                                          h.household_no)));
    moving.push_back(m);
    if (sm.relationship == Relationship::kHead) {
      ++heads;
      new_head = &sm;
    }
  }
  if (req.members.empty())
    details.push_back(Invalid("members", "0", "list the members who form the new household (one of them its head)",
                              "请列出组成新户的成员（其中一人为户主）"));
  else if (heads != 1)
    details.push_back(Invalid("members", std::to_string(heads),
                              fmt::format("the new household needs exactly one head (户主); {} given", heads),
                              "新户必须有且只有一名户主"));
  if (!req.members.empty() && ids.size() >= members.size())
    details.push_back(Invalid("members", std::to_string(ids.size()),
                              fmt::format("at least one member must stay in household {}", h.household_no),
                              fmt::format("原户 {} 至少保留一名成员", h.household_no)));
  if (heads == 1) {
    const CurrentMember* head = FindMember(members, new_head->person_id);
    for (size_t i = 0; i < req.members.size(); ++i) {
      const CurrentMember* m = FindMember(members, req.members[i].person_id);
      if (!m || !head) continue;
      Person p = m->person;
      p.relationship = req.members[i].relationship;
      CheckGap(details, head->person, p, fmt::format("members[{}].relationship", i));
    }
  }

  // The new number.
  std::string no = NormalizeHouseholdNo(req.household_no);
  if (no.empty()) {
    auto next = changes_.NextHouseholdNo(h.household_no);
    if (!next) details.push_back(next.error());
    else no = *next;
  } else {
    ANJU_TRY(taken, registry_.HouseholdIdByNo(no));
    if (taken)
      details.push_back(Fault(ErrorCode::kConflict, "household_no", no,
                              fmt::format("household number {} is already taken by household {}", no, *taken),
                              "户编号已存在"));
  }

  // Housing.
  if (req.housing != SplitHousing::kNewUnit && req.housing_unit_id)
    details.push_back(Invalid("housing.housing_unit_id", std::to_string(*req.housing_unit_id),
                              "a housing unit is given only with the decision new_unit",
                              "只有选择 new_unit（新房）时才填写安置房"));
  if (req.housing == SplitHousing::kMoves && !h.housing_unit_id)
    details.push_back(Invalid("housing.decision", "moves",
                              fmt::format("household {} has no housing unit to give to the new household", h.household_no),
                              fmt::format("原户 {} 没有安置房，无法随新户", h.household_no)));
  if (req.housing == SplitHousing::kNewUnit) {
    if (!req.housing_unit_id) {
      details.push_back(Invalid("housing.housing_unit_id", "", "new_unit needs the free housing unit of the new household",
                                "选择 new_unit（新房）时请填写新户的空置安置房"));
    } else {
      ANJU_TRY(u, registry_.FindHousingUnit(*req.housing_unit_id));
      const std::string v = std::to_string(*req.housing_unit_id);
      if (!u)
        details.push_back(Invalid("housing.housing_unit_id", v, fmt::format("housing unit {} does not exist", v),
                                  "安置房不存在"));
      else if (u->site_id != h.site_id)
        details.push_back(Invalid("housing.housing_unit_id", v,
                                  fmt::format("housing unit {} is at site {}, not at the household's site {}", v, u->site_id,
                                              h.site_id),
                                  "安置房不在该户的安置点"));
      else if (u->household_id)
        details.push_back(Fault(ErrorCode::kConflict, "housing.housing_unit_id", v,
                                fmt::format("housing unit {} is occupied by household {}; choose a free unit of site {}", v,
                                            *u->household_id, h.site_id),
                                "该安置房已有住户，请选择本安置点的空置房"));
    }
  }

  Date earliest = StartOf(h, life);
  for (const CurrentMember* m : moving)
    if (m->member_from) earliest = std::max(earliest, *m->member_from);
  CheckDate(details, req.date, today_(), earliest, "the start of a moving member's membership",
            "迁出成员成为本户成员的日期");
  CheckReason(details, req.reason);
  if (!details.empty()) return AllFaults(std::move(details));

  // Writes: the unit leaves the original first (housing_unit_id is UNIQUE), then the new
  // household, the event, the memberships, the placement history.
  Household nh = h;
  nh.id = 0;
  nh.version = 1;
  nh.household_no = no;
  nh.housing_unit_id.reset();
  if (req.housing == SplitHousing::kMoves) {
    Household cleared = h;
    cleared.housing_unit_id.reset();
    ANJU_CHECK(registry_.UpdateHousehold(cleared));
    nh.housing_unit_id = h.housing_unit_id;
  } else if (req.housing == SplitHousing::kNewUnit) {
    nh.housing_unit_id = req.housing_unit_id;
  }
  ANJU_TRY(new_id, registry_.InsertHousehold(nh));
  nh.id = new_id;
  ANJU_CHECK(changes_.SetFormed(new_id, req.date, household_id));

  json moved = json::array();
  for (const auto& sm : req.members) {
    const CurrentMember* m = FindMember(members, sm.person_id);
    moved.push_back(json{{"person_id", sm.person_id}, {"name", m->person.name},
                         {"relationship", json::array({Rel(m->person.relationship), Rel(sm.relationship)})}});
  }
  RegisterEvent e;
  e.kind = RegisterEventKind::kSplit;
  e.event_date = req.date;
  e.household_id = household_id;
  e.other_household_id = new_id;
  e.place = no;
  e.reason = req.reason;
  e.details = json{{"new_household_no", no},
                   {"members", moved},
                   {"housing", json{{"decision", SplitHousingName(req.housing)},
                                    {"housing_unit_id", OptJson(nh.housing_unit_id)}}}}
                  .dump();
  e.recorded_by = actor.username;
  ANJU_TRY(event_id, changes_.InsertEvent(e));

  {
    Changes ch;
    ch.Add("household_no", "", no);
    ch.Add("category", "", std::string(CategoryName(nh.category)));
    ch.Add("origin_village_id", "", std::to_string(nh.origin_village_id));
    ch.Add("site_id", "", std::to_string(nh.site_id));
    ch.Add("housing_unit_id", "", Opt(nh.housing_unit_id));
    ch.Add("grid_id", "", Opt(nh.grid_id));
    ch.Add("formed_on", "", FormatIsoDate(req.date));
    ch.Add("split_from_id", "", std::to_string(household_id));
    ANJU_CHECK(registry_.AppendAudit(actor, {"create", "household", std::to_string(new_id), ch.Json(),
                                             Source("split", event_id)}));
  }
  // The head first: the new household's one head.
  std::vector<SplitMember> order = req.members;
  std::stable_sort(order.begin(), order.end(), [](const SplitMember& a, const SplitMember& b) {
    return a.relationship == Relationship::kHead && b.relationship != Relationship::kHead;
  });
  for (const auto& sm : order)
    ANJU_CHECK(MoveMembership(c, *FindMember(members, sm.person_id), new_id, sm.relationship, req.date, event_id, "split"));
  if (req.housing == SplitHousing::kMoves) {
    // The original's unit change: its previous placement to history (the row was updated above).
    ANJU_TRY(last, changes_.LastPlacementChange(household_id));
    ANJU_CHECK(changes_.InsertPlacementHistory(PastPlacement{household_id, h.site_id, h.housing_unit_id, h.grid_id,
                                                             h.origin_village_id, last, req.date, event_id}));
    Changes ch;
    ch.Add("housing_unit_id", Opt(h.housing_unit_id), "");
    ANJU_CHECK(registry_.AppendAudit(actor, {"update", "household", std::to_string(household_id), ch.Json(),
                                             Source("split: the unit goes to the new household", event_id)}));
  }
  ANJU_CHECK(tx->Commit());
  return SplitResult{new_id, no, event_id};
}

// ---- merge ---------------------------------------------------------------------------------

Result<int64_t> HouseholdChangeService::Merge(const Actor& actor, int64_t household_id, const MergeRequest& req) {
  ANJU_CHECK(CheckWrite(actor));
  Ctx c{registry_, changes_, actor};
  ANJU_TRY(tx, registry_.BeginWrite());
  ANJU_TRY(src, FromHousehold(c, household_id, req.expected_version));
  const auto& [h, life] = src;
  std::vector<Error> details;
  ANJU_TRY(kept, Target(c, req.into_household_id, "into_household_id", details));
  ANJU_TRY(members, changes_.CurrentMembers(household_id));
  Date earliest = StartOf(h, life);
  for (const auto& m : members)
    if (m.member_from) earliest = std::max(earliest, *m.member_from);
  if (kept && kept->first.id == household_id) {
    details.push_back(Invalid("into_household_id", std::to_string(household_id), "a household cannot merge into itself",
                              "不能与本户合并"));
  } else if (kept) {
    ANJU_TRY(kept_members, changes_.CurrentMembers(kept->first.id));
    const CurrentMember* head = HeadOf(kept_members);
    if (!head)
      details.push_back(Invalid("into_household_id", std::to_string(kept->first.id),
                                fmt::format("household {} has no head to relate the members to", kept->first.household_no),
                                fmt::format("户 {} 没有户主，无法确定并入成员的关系", kept->first.household_no)));
    else
      CheckRelationships(details, req.relationships, members, head->person, std::nullopt);
    earliest = std::max(earliest, StartOf(kept->first, kept->second));
    if (req.housing == MergeHousing::kKept) {
      if (!h.housing_unit_id)
        details.push_back(Invalid("housing.decision", "kept",
                                  fmt::format("household {} has no housing unit to keep", h.household_no),
                                  fmt::format("户 {} 没有安置房", h.household_no)));
      else if (kept->first.site_id != h.site_id)
        details.push_back(Invalid("housing.decision", "kept",
                                  fmt::format("the unit is at site {}, household {} at site {}; change its placement instead",
                                              h.site_id, kept->first.household_no, kept->first.site_id),
                                  "该安置房与并入户不在同一安置点，请改用变更安置"));
    }
  }
  CheckDate(details, req.date, today_(), earliest, "the start of a membership it ends", "所结束成员关系的开始日期");
  CheckReason(details, req.reason);
  if (!details.empty()) return AllFaults(std::move(details));

  const Household& k = kept->first;
  json moved = json::array();
  for (const auto& m : members)
    moved.push_back(json{{"person_id", m.person.id}, {"name", m.person.name},
                         {"relationship", json::array({Rel(m.person.relationship), Rel(req.relationships.at(m.person.id))})}});
  RegisterEvent e;
  e.kind = RegisterEventKind::kMerged;
  e.event_date = req.date;
  e.household_id = household_id;
  e.other_household_id = k.id;
  e.place = k.household_no;
  e.reason = req.reason;
  e.details = json{{"into_household_no", k.household_no},
                   {"members", moved},
                   {"housing", json{{"decision", MergeHousingName(req.housing)},
                                    {"housing_unit_id", OptJson(h.housing_unit_id)}}}}
                  .dump();
  e.recorded_by = actor.username;
  ANJU_TRY(event_id, changes_.InsertEvent(e));
  for (const auto& m : members)
    ANJU_CHECK(MoveMembership(c, m, k.id, req.relationships.at(m.person.id), req.date, event_id, "merge"));
  ANJU_CHECK(EndHousehold(c, h, req.date, event_id, k.id, "merged"));
  if (req.housing == MergeHousing::kKept) {
    Household moved_in = k;
    moved_in.housing_unit_id = h.housing_unit_id;
    ANJU_CHECK(WritePlacement(c, k, moved_in, req.date, event_id, "merge: moved into the merged household's unit"));
  }
  ANJU_CHECK(tx->Commit());
  return event_id;
}

// ---- placement -----------------------------------------------------------------------------

Result<int64_t> HouseholdChangeService::ChangePlacement(const Actor& actor, int64_t household_id,
                                                        const PlacementRequest& req) {
  ANJU_CHECK(CheckWrite(actor));
  Ctx c{registry_, changes_, actor};
  ANJU_TRY(tx, registry_.BeginWrite());
  ANJU_TRY(src, FromHousehold(c, household_id, req.expected_version));
  const auto& [h, life] = src;
  Household t = h;
  if (req.site_id) t.site_id = *req.site_id;
  if (req.housing_unit_id) t.housing_unit_id = *req.housing_unit_id;
  if (req.grid_id) t.grid_id = *req.grid_id;
  if (req.origin_village_id) t.origin_village_id = *req.origin_village_id;
  std::vector<Error> details;
  const bool changed = t.site_id != h.site_id || t.housing_unit_id != h.housing_unit_id || t.grid_id != h.grid_id ||
                       t.origin_village_id != h.origin_village_id;
  if (!changed)
    details.push_back(Invalid("site_id", std::to_string(t.site_id),
                              "the placement given equals the current one; give the site, housing unit, grid or origin "
                              "village that changes",
                              "所填安置信息与现有相同，请填写变更后的安置点、安置房、网格或迁出村"));
  // The references (every fault), then the target place's scope.
  ANJU_TRY(ov, registry_.FindOriginVillage(t.origin_village_id));
  if (!ov)
    details.push_back(Invalid("origin_village_id", std::to_string(t.origin_village_id),
                              fmt::format("origin village {} does not exist", t.origin_village_id), "迁出村不存在"));
  ANJU_TRY(site, registry_.SiteExists(t.site_id));
  if (!site)
    details.push_back(Invalid("site_id", std::to_string(t.site_id), fmt::format("site {} does not exist", t.site_id),
                              "安置点不存在"));
  if (t.housing_unit_id) {
    const std::string v = std::to_string(*t.housing_unit_id);
    ANJU_TRY(u, registry_.FindHousingUnit(*t.housing_unit_id));
    if (!u)
      details.push_back(Invalid("housing_unit_id", v, fmt::format("housing unit {} does not exist", v), "安置房不存在"));
    else if (u->site_id != t.site_id)
      details.push_back(Invalid("housing_unit_id", v,
                                fmt::format("housing unit {} is at site {}, not at the household's (new) site {}; give the "
                                            "unit of the new site, or none",
                                            v, u->site_id, t.site_id),
                                "安置房不在该户（变更后）的安置点，请选择新安置点的住房或清空"));
    else if (u->household_id && *u->household_id != household_id)
      details.push_back(Fault(ErrorCode::kConflict, "housing_unit_id", v,
                              fmt::format("housing unit {} is occupied by household {}", v, *u->household_id),
                              "该安置房已有住户"));
  }
  if (t.grid_id) {
    const std::string v = std::to_string(*t.grid_id);
    ANJU_TRY(gs, registry_.SiteOfGrid(*t.grid_id));
    if (!gs || *gs != t.site_id)
      details.push_back(Invalid("grid_id", v,
                                fmt::format("grid {} does not belong to the household's (new) site {}", v, t.site_id),
                                "网格不属于该户（变更后）的安置点"));
  }
  if (details.empty() || (ov && site)) {
    ANJU_TRY(place, registry_.PlaceOf(t));
    place.household_id = 0;  // the target place, not the household (registry_service.cc CheckTargetPlace)
    if (!ScopeCovers(actor.scope, place)) {
      if (actor.scope.level == AccessScope::Level::kGrid) return TargetOutsideScope(actor.scope, "grid_id", Opt(t.grid_id));
      if (actor.scope.level == AccessScope::Level::kTownship && req.origin_village_id && t.site_id == h.site_id)
        return TargetOutsideScope(actor.scope, "origin_village_id", std::to_string(t.origin_village_id));
      return TargetOutsideScope(actor.scope, "site_id", std::to_string(t.site_id));
    }
  }
  ANJU_TRY(last, changes_.LastPlacementChange(household_id));
  CheckDate(details, req.date, today_(), last.value_or(StartOf(h, life)), "the start of the current placement",
            "现安置的开始日期");
  CheckReason(details, req.reason);
  if (!details.empty()) return AllFaults(std::move(details));

  RegisterEvent e;
  e.kind = RegisterEventKind::kPlacementChanged;
  e.event_date = req.date;
  e.household_id = household_id;
  e.reason = req.reason;
  e.details = json{{"before", PlacementJson(h)}, {"after", PlacementJson(t)}}.dump();
  e.recorded_by = actor.username;
  ANJU_TRY(event_id, changes_.InsertEvent(e));
  ANJU_CHECK(WritePlacement(c, h, t, req.date, event_id, "placement change"));
  ANJU_CHECK(tx->Commit());
  return event_id;
}

}  // namespace anju::registry
