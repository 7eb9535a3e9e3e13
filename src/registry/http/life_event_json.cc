#include "registry/http/life_event_json.h"

#include <fmt/format.h>

#include "core/date.h"

#include "http/json_body.h"
#include "http/reply.h"
#include "registry/http/json.h"

namespace anju::registry {

using namespace anju::http;  // BodyReader, Field, OptInt …
using nlohmann::json;

namespace {

json OptDateJson(const std::optional<Date>& d) { return d ? json(FormatIsoDate(*d)) : json(nullptr); }

Field<RegisterEventKind> KindField(BodyReader& r) {
  return EnumField<RegisterEventKind>(r, "kind", ParseRegisterEventKind);
}

}  // namespace

json RegisterEventJson(const RegisterEvent& e) {
  json details = json::parse(e.details, nullptr, /*allow_exceptions=*/false);
  if (details.is_discarded()) details = json(e.details);
  return json{{"id", e.id},
              {"kind", RegisterEventKindName(e.kind)},
              {"kind_zh", RegisterEventKindNameZh(e.kind)},
              {"date", FormatIsoDate(e.event_date)},
              {"household_id", e.household_id},
              {"household_no", e.household_no},
              {"other_household_id", OptInt(e.other_household_id)},
              {"other_household_no", OptText(e.other_household_no)},
              {"person_id", OptInt(e.person_id)},
              {"person_name", OptText(e.person_name)},
              {"place", e.place},
              {"reason", e.reason},
              {"details", std::move(details)},
              {"recorded_by", e.recorded_by},
              {"recorded_at", e.recorded_at},
              {"voided_on", OptDateJson(e.voided_on)},
              {"void_reason", OptText(e.void_reason)},
              {"voided_by", OptText(e.voided_by)}};
}

json MembershipJson(const Membership& m) {
  return json{{"person_id", m.person_id},
              {"name", m.name},
              {"household_id", m.household_id},
              {"household_no", m.household_no},
              {"relationship", RelationshipName(m.relationship)},
              {"from", OptDateJson(m.from)},
              {"until", OptDateJson(m.until)},
              {"current", m.latest && !m.until},
              {"end_event_id", OptInt(m.end_event_id)},
              {"end_kind", m.end_kind ? json(RegisterEventKindName(*m.end_kind)) : json(nullptr)},
              {"end_reason", OptText(m.end_reason)}};
}

json HouseholdTimelineJson(const HouseholdTimeline& t) {
  json events = json::array(), ms = json::array();
  for (const auto& e : t.events) events.push_back(RegisterEventJson(e));
  for (const auto& m : t.memberships) ms.push_back(MembershipJson(m));
  return json{{"household_id", t.household_id}, {"household_no", t.household_no}, {"events", std::move(events)},
              {"memberships", std::move(ms)}};
}

json PersonTimelineJson(const PersonTimeline& t) {
  json events = json::array(), ms = json::array();
  for (const auto& e : t.events) events.push_back(RegisterEventJson(e));
  for (const auto& m : t.memberships) ms.push_back(MembershipJson(m));
  return json{{"person_id", t.person_id}, {"name", t.name}, {"events", std::move(events)}, {"memberships", std::move(ms)}};
}

NewMemberEvent ReadNewMemberEvent(BodyReader& r, const json& body) {
  NewMemberEvent in;
  auto kind = KindField(r);
  auto date = r.DateField("date");
  auto reason = r.String("reason");
  auto place = r.String("place");
  auto person_id = r.Int("person_id");
  r.Require("kind", kind);
  if (kind.value) in.kind = *kind.value;
  in.date = date.value;
  in.reason = reason.value.value_or("");
  in.place = place.value.value_or("");
  in.returning_person_id = person_id.value;
  const bool returned = in.kind == RegisterEventKind::kReturned;
  if (!r.Known("person")) {
    r.Fault(InvalidArgument("the new member is missing: give person {name, sex, birth_date, resident_id, relationship, …}",
                            "person", "", "缺少新成员信息（person）").error());
  } else if (!body["person"].is_object()) {
    r.Fault(InvalidArgument("person must be an object", "person", "", "person 应为对象").error());
  } else if (kind.value) {
    auto p = ParseMemberPerson(body["person"], in.kind == RegisterEventKind::kBirth, returned);
    if (!p) {
      for (const Error& e : p.error().details.empty() ? std::vector<Error>{p.error()} : p.error().details) r.Fault(e);
    } else {
      in.person = std::move(*p);
    }
  }
  // The date after today is the service's fault too (LifeEventService::AddMember); it is named
  // here as well so that a request refused for the person's fields gets every fault at once
  // (found by the fresh-clone tester: the date and a birth date both in the future, one named).
  if (const Date today = TodayInChina(); in.date && *in.date > today && !r.Ok()) {
    const std::string v = FormatIsoDate(*in.date);
    r.Fault(InvalidArgument(fmt::format("the date {} is after today ({}); enter the day it happened", v, FormatIsoDate(today)),
                            "date", v, fmt::format("变动日期{}晚于今天（{}），请填写实际发生的日期", v, FormatIsoDate(today)))
                .error());
  }
  return in;
}

LeavingEvent ReadLeavingEvent(BodyReader& r) {
  LeavingEvent in;
  auto kind = KindField(r);
  auto date = r.DateField("date");
  auto reason = r.String("reason");
  auto place = r.String("place");
  if (r.Require("kind", kind)) in.kind = *kind.value;
  if (r.Require("date", date)) in.date = *date.value;
  in.reason = reason.value.value_or("");
  in.place = place.value.value_or("");
  return in;
}

ResidentIdCompletion ReadResidentIdCompletion(BodyReader& r) {
  ResidentIdCompletion in;
  auto id = r.String("resident_id");
  auto reason = r.String("reason");
  if (r.Require("resident_id", id)) in.resident_id = *id.value;
  in.reason = reason.value.value_or("");
  return in;
}

Result<std::string> ParseReason(const json& body) {
  BodyReader r(body);
  auto reason = r.String("reason");
  if (auto st = r.Finish(); !st) return std::unexpected(st.error());
  return reason.value.value_or("");
}

}  // namespace anju::registry
