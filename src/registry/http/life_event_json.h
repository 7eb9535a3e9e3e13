// JSON of the person life-event routes (issue #14, docs/living-register.md): request bodies to
// LifeEventService inputs, events, memberships and timelines to JSON. Dates "YYYY-MM-DD".
// Parsing collects every fault (one 422 listing each field, zh+en).
//
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "core/error.h"
#include "http/json_body.h"
#include "registry/life_events.h"

namespace anju::registry {

/// {id, kind, kind_zh, date, household_id, household_no, other_household_id,
/// other_household_no, person_id, person_name, place, reason, details (object), recorded_by,
/// recorded_at, voided_on, void_reason, voided_by} (null for the absent ones).
nlohmann::json RegisterEventJson(const RegisterEvent& e);
/// {person_id, name, household_id, household_no, relationship, from, until, current,
/// end_event_id, end_kind, end_reason} (from null: since the household's start; until null:
/// current).
nlohmann::json MembershipJson(const Membership& m);
nlohmann::json HouseholdTimelineJson(const HouseholdTimeline& t);
nlohmann::json PersonTimelineJson(const PersonTimeline& t);

/// POST /households/{id}/members: {kind, date?, reason?, place?, person: {…}, person_id?
/// (kind returned)}. Reads what parses; each bad field is a fault in `r` (the route reports them
/// with the service's: http/all_faults.h).
NewMemberEvent ReadNewMemberEvent(http::BodyReader& r, const nlohmann::json& body);
/// POST /persons/{id}/events: {kind, date, reason?, place?}. Faults in `r`, as above.
LeavingEvent ReadLeavingEvent(http::BodyReader& r);
/// PUT /persons/{id}/resident-id: {resident_id, reason?}. Faults in `r`, as above.
ResidentIdCompletion ReadResidentIdCompletion(http::BodyReader& r);
/// {reason} of a void or of an entered-in-error DELETE ("" when absent).
Result<std::string> ParseReason(const nlohmann::json& body);

}  // namespace anju::registry
