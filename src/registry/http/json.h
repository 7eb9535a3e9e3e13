// JSON of the registry module's routes (households, persons, origin villages, divisions):
// mapping domain values to the JSON documented in docs/api.md and src/http/openapi.json, and
// request bodies to domain inputs. Field names follow ../shared/GLOSSARY.md and the database
// columns. (The former http/dto.h; the other modules' JSON is in their own http/json.h.)
//
// Units on the wire: floor areas in m² (two decimals, from the stored dm²), dates
// "YYYY-MM-DD", ages in completed years (周岁) on the given day.
//
// Parsing collects every fault of a body: one kInvalidArgument Error with a detail per field
// (the API answers 422 listing them); enum values accept the identifiers and the Chinese terms
// the registry parsers accept.
//
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "core/date.h"
#include "core/error.h"
#include "http/json_body.h"
#include "registry/reference_repository.h"
#include "registry/registry_service.h"

namespace anju::registry {

/// A person. `as_of`: adds "age" in completed years on that day.
nlohmann::json PersonJson(const registry::Person& p, std::optional<Date> as_of);
/// A member who left: {person_id, name, resident_id ("" pending), id_pending, sex, birth_date,
/// relationship, until, kind, kind_zh (of the event that ended the membership; null for a
/// legacy row), reason, place}.
nlohmann::json FormerMemberJson(const registry::FormerMember& f);
/// A household list row (ids already masked by the service).
nlohmann::json HouseholdSummaryJson(const registry::HouseholdSummary& s);
/// The household detail with origin village, site, housing unit and members.
nlohmann::json HouseholdDetailJson(const registry::HouseholdDetail& d, Date as_of);
/// The same document as HouseholdDetailJson(d, as_of).dump(), byte for byte, written directly
/// (http/json_writer.h) without building the tree: the household detail is the API's hottest
/// read.
std::string HouseholdDetailJsonText(const registry::HouseholdDetail& d, Date as_of);
/// A bare household (the answer of PATCH).
nlohmann::json HouseholdJson(const registry::Household& h);
nlohmann::json OriginVillageJson(const registry::OriginVillage& v);
/// {"code","name","level","parent_code","urban_rural_code"}.
nlohmann::json DivisionJson(const registry::Division& d);

// The Read… functions read what parses into the input and leave each bad field as a fault in
// `r` (wrong JSON type, unknown code, unknown field, a body that changes nothing); the route
// reports them together with the service's own (http/all_faults.h WriteWithAllFaults).

/// POST /origin-villages body: division_code? (12-digit village code of the division list),
/// name?, township_code? (a legacy village: name and 9-digit township code), relocation_type
/// (whole_village | scattered; absent is reported by the service with the other faults).
/// Faults: per bad field (wrong JSON type, unknown relocation type, unknown field).
registry::NewOriginVillage ReadNewOriginVillage(http::BodyReader& r);
/// POST /households body: household_no, category, origin_village_id, site_id,
/// housing_unit_id?, grid_id?, move_in_date, convention_signed?, members? [person bodies
/// without household_id]. Faults: per bad field (members' fields named
/// "members[0].resident_id").
registry::NewHousehold ReadNewHousehold(http::BodyReader& r, const nlohmann::json& body);
/// PATCH /households/{id} body: any of category, origin_village_id, site_id, housing_unit_id
/// (null clears), grid_id (null clears), move_in_date, convention_signed. Faults as above;
/// also when the body changes nothing.
registry::HouseholdPatch ReadHouseholdPatch(http::BodyReader& r);
/// POST /persons body: household_id, resident_id, name, sex, birth_date, relationship and the
/// optional fields of a person.
registry::Person ReadNewPerson(http::BodyReader& r);
/// The `person` object of POST /households/{id}/members (issue #14): as ReadNewPerson without
/// household_id; `id_optional` (kind birth): resident_id "" or absent = pending, then sex and
/// birth_date are required; `relationship_only` (kind returned): only relationship is read.
/// Fields of faults are named "person.<field>".
Result<registry::Person> ParseMemberPerson(const nlohmann::json& body, bool id_optional, bool relationship_only);
/// PATCH /persons/{id} body: any person field except household_id (health and
/// disability_grade may be null to clear).
registry::PersonPatch ReadPersonPatch(http::BodyReader& r);

}  // namespace anju::registry
