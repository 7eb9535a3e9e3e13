// JSON wire types of the API (DTOs), apart from the domain types: mapping domain values to the
// JSON documented in docs/api.md and src/http/openapi.json, and request bodies to domain
// inputs. Field names follow ../shared/GLOSSARY.md and the database columns.
//
// Units on the wire: floor areas in m² (two decimals, from the stored dm²), land in mu (from
// centimu), dates "YYYY-MM-DD", ages in completed years (周岁) on the given day.
//
// Parsing collects every fault of a body: one kInvalidArgument Error with a detail per field
// (the API answers 422 listing them); enum values accept the identifiers and the Chinese terms
// the registry parsers accept.
//
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>

#include "auth/audit_service.h"
#include "auth/auth_service.h"
#include "core/actor.h"
#include "core/date.h"
#include "core/error.h"
#include "registry/reference_repository.h"
#include "auth/capabilities.h"
#include "http/services.h"
#include "registry/registry_service.h"
#include "sites/sites.h"

namespace anju::http {

/// {"level": "county"|"township"|"site"|"grid", "township_code"?, "site_id"?, "grid_id"?}.
nlohmann::json ScopeJson(const AccessScope& scope);
/// The login / who-am-I answer: username, display_name, role, scope, csrf_token,
/// must_change_password, expires_at (unix seconds), database {is_demo, county_code,
/// county_name, statistics_date}, capabilities (CapabilitiesJson).
nlohmann::json SessionJson(const auth::Session& s, const DatabaseFacts& facts,
                           const auth::Capabilities& caps);
/// {"role", "scope": ScopeJson + "label", "actions": [name…], "enums": {kind: [value…]},
///  "policy": {"working_age": {"min_years", "max_years", "source"}}} (auth/capabilities.h).
nlohmann::json CapabilitiesJson(const auth::Capabilities& caps);

/// A person. `as_of`: adds "age" in completed years on that day.
nlohmann::json PersonJson(const registry::Person& p, std::optional<Date> as_of);
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
/// A site with its figures (size class with the report's keys: 3000_plus, 800_2999,
/// under_800; employment_rate null when nobody is of working age).
nlohmann::json SiteJson(const sites::SiteFigures& f);
nlohmann::json HousingUnitJson(const sites::HousingUnit& u);
nlohmann::json ParkJson(const sites::Park& p);
nlohmann::json GridJson(const sites::Grid& g);
nlohmann::json OriginVillageJson(const registry::OriginVillage& v);
/// {"code","name","level","parent_code","urban_rural_code"}.
nlohmann::json DivisionJson(const registry::Division& d);
/// An audit entry, `changes` as {"field": {"from": …, "to": …}} (already masked by the
/// audit service). Stored changes that are not a JSON object are passed as {"raw": text}.
nlohmann::json AuditRecordJson(const auth::AuditRecord& r);

/// A user account for administrators: id, username, display_name, role, scope (ScopeJson),
/// scope_label, must_change_password, disabled, is_demo, failed_logins, locked_until (unix
/// seconds or null), version, created_at, updated_at. Never a password hash.
nlohmann::json UserJson(const auth::UserInfo& u);
/// {"user": UserJson, "one_time_password": "…" | null}: the answer of create and reset (the
/// one-time password is shown this once).
nlohmann::json CreatedUserJson(const auth::CreatedUser& c);
/// POST /users body: username, display_name?, role, and the scope field of the role
/// (township_code for township_staff, site_id for site_manager, grid_id for grid_worker). No
/// password: the account always gets a one-time password. Errors: kInvalidArgument, a detail
/// per bad field.
Result<auth::NewUser> ParseNewUser(const nlohmann::json& body);
/// PATCH /users/{username} body: any of display_name, role (+ its scope field), disabled.
/// A scope field without role is refused (field "role"); so is a body that changes nothing.
Result<auth::UserPatch> ParseUserPatch(const nlohmann::json& body);
/// Renames the scope fields of an auth error to the body's names (township -> township_code,
/// site -> site_id, grid -> grid_id).
Error WithBodyScopeField(Error e);

/// A page of items: {"items": [...], "next_cursor": "…" | null}, plus "total" (records
/// matching the filters, all pages) when `total` is set.
nlohmann::json PageJson(nlohmann::json items, const std::string& next_cursor,
                        std::optional<int64_t> total = std::nullopt);

/// POST /households body: household_no, category, origin_village_id, site_id,
/// housing_unit_id?, grid_id?, move_in_date, convention_signed?, members? [person bodies
/// without household_id]. Errors: kInvalidArgument with a detail per bad field (members'
/// fields named "members[0].resident_id").
Result<registry::NewHousehold> ParseNewHousehold(const nlohmann::json& body);
/// PATCH /households/{id} body: any of category, origin_village_id, site_id, housing_unit_id
/// (null clears), grid_id (null clears), move_in_date, convention_signed. Errors as above;
/// also when the body changes nothing.
Result<registry::HouseholdPatch> ParseHouseholdPatch(const nlohmann::json& body);
/// POST /persons body: household_id, resident_id, name, sex, birth_date, relationship and the
/// optional fields of a person.
Result<registry::Person> ParseNewPerson(const nlohmann::json& body);
/// PATCH /persons/{id} body: any person field except household_id (health and
/// disability_grade may be null to clear).
Result<registry::PersonPatch> ParsePersonPatch(const nlohmann::json& body);

}  // namespace anju::http
