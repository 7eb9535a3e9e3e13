// JSON of the auth module's routes (session, users, audit trail): the session answer, user
// accounts, audit entries, and the user bodies. Moved from the former http/dto.h (issue #13).
//
// Parsing collects every fault of a body: one kInvalidArgument Error with a detail per field
// (the API answers 422 listing them).
//
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include "auth/capabilities.h"
#include "auth/audit_service.h"
#include "auth/auth_service.h"
#include "core/actor.h"
#include "core/error.h"
#include "http/json_body.h"
#include "http/services.h"

namespace anju::auth {

/// {"level": "county"|"township"|"site"|"grid", "township_code"?, "site_id"?, "grid_id"?}.
nlohmann::json ScopeJson(const AccessScope& scope);
/// The login / who-am-I answer: username, display_name, role, scope, csrf_token,
/// must_change_password, expires_at (unix seconds), database {is_demo, county_code,
/// county_name, statistics_date}, capabilities (CapabilitiesJson).
nlohmann::json SessionJson(const auth::Session& s, const http::DatabaseFacts& facts,
                           const auth::Capabilities& caps);
/// {"role", "scope": ScopeJson + "label", "actions": [name…], "enums": {kind: [value…]},
///  "policy": {"working_age": {"min_years", "max_years", "source"}}} (auth/capabilities.h).
nlohmann::json CapabilitiesJson(const auth::Capabilities& caps);

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
/// password: the account always gets a one-time password. Reads what parses; each bad field is
/// a fault in `r` (the route reports them with the service's: http/all_faults.h).
auth::NewUser ReadNewUser(http::BodyReader& r);
/// PATCH /users/{username} body: any of display_name, role (+ its scope field), disabled.
/// A scope field without role is a fault (field "role"); so is a body that changes nothing.
auth::UserPatch ReadUserPatch(http::BodyReader& r);
/// Renames the scope fields of an auth error to the body's names (township -> township_code,
/// site -> site_id, grid -> grid_id).
Error WithBodyScopeField(Error e);

}  // namespace anju::auth
