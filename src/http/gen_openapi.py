# Generator of src/http/openapi.json (the served document). Edit this script, run
#   python3 src/http/gen_openapi.py > src/http/openapi.json
# and commit both; api_test checks the document against the route table.
import json
ref = lambda n: {"$ref": f"#/components/schemas/{n}"}
def resp(desc, schema=None, headers=None, ctype="application/json"):
    r = {"description": desc}
    if schema is not None: r["content"] = {ctype: {"schema": schema}}
    if headers: r["headers"] = headers
    return r
err = lambda d: resp(d, ref("ErrorEnvelope"))
etag_h = {"ETag": {"description": "the record's version, quoted; send it back in If-Match", "schema": {"type": "string"}}}
def q(name, desc, typ="string", **kw):
    s = {"type": typ}; s.update(kw)
    return {"name": name, "in": "query", "required": False, "description": desc, "schema": s}
userp = {"name": "username", "in": "path", "required": True, "schema": {"type": "string"}}
idp = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}
ifmatch = {"name": "If-Match", "in": "header", "required": True, "description": "the ETag read before (428 if missing, 409 if stale)", "schema": {"type": "string"}}
csrf = {"name": "X-CSRF-Token", "in": "header", "required": True, "description": "csrf_token of the session (403 if missing or wrong)", "schema": {"type": "string"}}
page = [q("limit", "page size", "integer", minimum=1, maximum=500, default=50), q("cursor", "next_cursor of the previous page (opaque)")]
hh_filters = [q("site_id", "resettlement site", "integer"), q("township", "9-digit township code (origin village or site in it)"),
              q("category", "registered_poor | co_relocated"), q("relocation_type", "whole_village | scattered"),
              q("origin_village_id", "origin village", "integer"), q("grid_id", "grid", "integer"),
              q("q", "household number, head's name (prefix), pinyin initials, resident id or its last 4-6 characters"),
              q("employment", "member trait: employed | unemployed | an employment_kind"),
              q("age_min", "member trait: completed years on as_of", "integer"), q("age_max", "member trait: completed years on as_of", "integer"),
              q("as_of", "YYYY-MM-DD for the member ages; default the statistics date", format="date"),
              q("able_to_work", "member trait: true | false", "boolean"), q("wants_work", "member trait: true | false", "boolean"),
              q("sex", "member trait: male | female"),
              q("sort", "household_no | move_in_date | members | id; '-' prefix for descending"),
              q("figure", "a report figure counted on households (GET /api/v1/figures): only the households it counts as of as_of; the total equals the figure")]
# The member traits select households with at least one member matching all the traits given.
p_filters = [q("q", "name (prefix), pinyin initials (zhm finds 张海明), resident id or its last 4-6 characters"),
             q("household_id", "household", "integer"), q("site_id", "site", "integer"),
             q("grid_id", "the household's grid", "integer"), q("township", "9-digit township code"),
             q("category", "registered_poor | co_relocated"), q("employment", "employed | unemployed | an employment_kind"),
             q("age_min", "completed years on as_of", "integer"), q("age_max", "completed years on as_of", "integer"),
             q("as_of", "YYYY-MM-DD; default the statistics date", format="date"), q("able_to_work", "true | false", "boolean"),
             q("wants_work", "true | false", "boolean"), q("sex", "male | female"),
             q("sort", "id | name | birth_date; '-' prefix for descending"),
             q("figure", "a report figure counted on persons (GET /api/v1/figures): only the persons it counts as of as_of; the total equals the figure")]
common_err = {"401": err("no valid session"), "422": err("invalid parameters, one detail per field")}
def page_of(n): return {"type": "object", "required": ["items", "next_cursor"], "properties": {"items": {"type": "array", "items": ref(n)}, "next_cursor": {"type": ["string", "null"]}}}
# The household and person lists also count every record matching the filters in scope.
def counted_page_of(n):
    p = page_of(n)
    return {**p, "required": p["required"] + ["total"], "properties": {**p["properties"], "total": {"type": "integer", "minimum": 0, "description": "records matching the filters in scope (all pages)"}}}
xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
paths = {
 "/healthz": {"get": {"summary": "Liveness and schema version", "security": [], "responses": {"200": resp("ok", {"type": "object", "properties": {"status": {"type": "string"}, "schema_version": {"type": "integer"}}})}}},
 "/api/v1/openapi.json": {"get": {"summary": "This document", "security": [], "responses": {"200": resp("OpenAPI 3 document", {"type": "object"})}}},
 "/api/v1/session": {
   "post": {"summary": "Log in", "security": [], "requestBody": {"required": True, "content": {"application/json": {"schema": ref("Login")}}},
            "responses": {"200": resp("logged in; sets the anju_session cookie (HttpOnly; SameSite=Strict)", ref("Session"), {"Set-Cookie": {"schema": {"type": "string"}}}),
                          "401": err("wrong username or password"), "422": err("missing field"), "429": err("too many failed logins; Retry-After says when to try again")}},
   "get": {"summary": "Who am I (also returns the CSRF token)", "responses": {"200": resp("the session", ref("Session")), "401": err("no valid session")}},
   "delete": {"summary": "Log out", "parameters": [csrf], "responses": {"204": resp("logged out; the cookie is cleared"), "401": err("no valid session"), "403": err("CSRF token missing or wrong")}}},
 "/api/v1/session/password": {
   "post": {"summary": "Change your own password (also while a one-time password must be changed: then the only call allowed besides GET/DELETE /session). Rotates the session: new cookie and csrf_token", "parameters": [csrf],
            "requestBody": {"required": True, "content": {"application/json": {"schema": ref("PasswordChange")}}},
            "responses": {"200": resp("changed; the new session (the old cookie no longer works)", ref("Session"), {"Set-Cookie": {"schema": {"type": "string"}}}),
                          "401": err("no valid session"), "403": err("CSRF token missing or wrong"), "422": err("current_password wrong, or new_password breaks the rules (10+ characters, not the username, not common, not the current one)"),
                          "429": err("too many failed attempts; Retry-After says when to try again")}}},
 "/api/v1/users": {
   "get": {"summary": "User accounts (county_admin)", "responses": {"200": resp("all accounts (one page)", page_of("User")), "401": err("no session"), "403": err("not a county_admin"), "422": err("bad parameter")}},
   "post": {"summary": "Create an account with a role and its scope (county_admin); answers its one-time password once", "parameters": [csrf],
            "requestBody": {"required": True, "content": {"application/json": {"schema": ref("NewUser")}}},
            "responses": {"201": resp("created", ref("CreatedUser")), "401": err("no session"), "403": err("CSRF, or not a county_admin"), "409": err("username taken"), "422": err("invalid fields (username, role, township_code, site_id, grid_id, display_name)")}}},
 "/api/v1/users/{username}": {
   "parameters": [userp],
   "get": {"summary": "One account (county_admin)", "responses": {"200": resp("the account", ref("User")), "401": err("no session"), "403": err("not a county_admin"), "404": err("no such user")}},
   "patch": {"summary": "Change display name, role and scope, or disable/enable (county_admin); one audit entry; a new role or disabling ends the user's sessions", "parameters": [csrf],
             "requestBody": {"required": True, "content": {"application/json": {"schema": ref("UserPatch")}}},
             "responses": {"200": resp("changed", ref("User")), "401": err("no session"), "403": err("CSRF, or not a county_admin"), "404": err("no such user"), "409": err("changed meanwhile"), "422": err("invalid fields; disabling or demoting yourself")}}},
 "/api/v1/users/{username}/reset-password": {
   "parameters": [userp],
   "post": {"summary": "Give the user a new one-time password (county_admin; not your own): answered once, must be changed at next login; ends the user's sessions", "parameters": [csrf],
            "responses": {"200": resp("reset", ref("CreatedUser")), "401": err("no session"), "403": err("CSRF, or not a county_admin"), "404": err("no such user"), "422": err("your own account (use /session/password)")}}},
 "/api/v1/users/{username}/unlock": {
   "parameters": [userp],
   "post": {"summary": "Clear the account's failed logins (its throttling lock) (county_admin)", "parameters": [csrf],
            "responses": {"200": resp("unlocked", ref("User")), "401": err("no session"), "403": err("CSRF, or not a county_admin"), "404": err("no such user")}}},
 "/api/v1/households": {
   "get": {"summary": "List households in scope (ids masked); member traits: households with at least one member matching all of them", "parameters": hh_filters + page, "responses": {"200": resp("a page", counted_page_of("HouseholdSummary")), **common_err}},
   "post": {"summary": "Create a household (with members)", "parameters": [csrf], "requestBody": {"required": True, "content": {"application/json": {"schema": ref("NewHousehold")}}},
            "responses": {"201": resp("created", ref("HouseholdDetail"), etag_h), "401": err("no session"), "403": err("CSRF, read-only role, or site_id / grid_id outside the user's scope (field and value named; nothing created)"), "409": err("household_no or resident id taken"), "422": err("invalid fields, one detail each")}}},
 "/api/v1/households.xlsx": {"get": {"summary": "The roster of the household list as xlsx: every member of the listed households, one row per person, in the columns of `anju export persons` (imports back through POST /api/v1/imports); ids and phones whole for county_admin/county_staff, masked otherwise (a masked file is refused by the import); audited as export, rows = households", "parameters": hh_filters, "responses": {"200": resp("workbook", {"type": "string", "format": "binary"}, ctype=xlsx), **common_err, "429": err("too many rows")}}},
 "/api/v1/households/{id}": {
   "parameters": [idp],
   "get": {"summary": "A household with origin village, site, housing unit and members", "parameters": [q("full", "true: whole resident ids and phones (audited view_full; county roles only, action ids.view_whole, else 403)", "boolean")],
           "responses": {"200": resp("the household", ref("HouseholdDetail"), etag_h), "401": err("no session"), "404": err("absent or outside scope")}},
   "patch": {"summary": "Change fields of a household", "parameters": [ifmatch, csrf], "requestBody": {"required": True, "content": {"application/json": {"schema": ref("HouseholdPatch")}}},
             "responses": {"200": resp("changed", ref("Household"), etag_h), "401": err("no session"), "403": err("CSRF, read-only role, or a site_id / grid_id / origin_village_id that moves the household outside the user's scope (field named; nothing changed)"), "404": err("absent or outside scope"), "409": err("stale If-Match: nothing changed"), "422": err("invalid fields"), "428": err("If-Match missing")}},
   "delete": {"summary": "Delete an empty household (one with members is refused: delete its members first, the head last)", "parameters": [ifmatch, csrf],
              "responses": {"204": resp("deleted"), "401": err("no session"), "403": err("CSRF, or read-only role"), "404": err("absent or outside scope"), "409": err("stale If-Match, or the household still has members (field members, value the count)"), "428": err("If-Match missing")}}},
 "/api/v1/persons": {
   "get": {"summary": "List or search persons in scope (ids and phones masked)", "parameters": p_filters + page, "responses": {"200": resp("a page", counted_page_of("Person")), **common_err}},
   "post": {"summary": "Add a person to a household", "parameters": [csrf], "requestBody": {"required": True, "content": {"application/json": {"schema": ref("NewPerson")}}},
            "responses": {"201": resp("created", ref("Person"), etag_h), "401": err("no session"), "403": err("CSRF, or read-only role"), "404": err("household absent or outside scope"), "409": err("resident id taken, second head"), "422": err("invalid fields")}}},
 "/api/v1/persons.xlsx": {"get": {"summary": "The person list as xlsx (all pages) in the columns of `anju export persons` (imports back through POST /api/v1/imports), household order, head first; ids and phones whole for county_admin/county_staff, masked otherwise (a masked file is refused by the import); audited as export", "parameters": p_filters, "responses": {"200": resp("workbook", {"type": "string", "format": "binary"}, ctype=xlsx), **common_err, "429": err("too many rows")}}},
 "/api/v1/persons/{id}": {
   "parameters": [idp],
   "get": {"summary": "A person, id and phone masked; with full=true whole (audited as view_full)", "parameters": [q("full", "true: whole resident id and phone (audited view_full; county roles only, action ids.view_whole, else 403)", "boolean")], "responses": {"200": resp("the person", ref("Person"), etag_h), "401": err("no session"), "403": err("full=true for a role without ids.view_whole"), "404": err("absent or outside scope")}},
   "patch": {"summary": "Change fields of a person", "parameters": [ifmatch, csrf], "requestBody": {"required": True, "content": {"application/json": {"schema": ref("PersonPatch")}}},
             "responses": {"200": resp("changed", ref("Person"), etag_h), "401": err("no session"), "403": err("CSRF, or read-only role"), "404": err("absent or outside scope"), "409": err("stale If-Match, id taken"), "422": err("invalid fields"), "428": err("If-Match missing")}},
   "delete": {"summary": "Delete a person", "parameters": [ifmatch, csrf],
              "responses": {"204": resp("deleted"), "401": err("no session"), "403": err("CSRF, or read-only role"), "404": err("absent or outside scope"), "409": err("stale If-Match, or the head of a household with members"), "428": err("If-Match missing")}}},
 "/api/v1/sites": {"get": {"summary": "Sites in scope with figures", "parameters": [q("as_of", "day for working age", format="date")], "responses": {"200": resp("all sites (one page)", page_of("Site")), **common_err}}},
 "/api/v1/sites/{id}": {"parameters": [idp], "get": {"summary": "A site with figures, grids and parks", "parameters": [q("as_of", "day for working age", format="date")], "responses": {"200": resp("the site", ref("SiteDetail")), "401": err("no session"), "404": err("absent or outside scope")}}},
 "/api/v1/housing-units": {"get": {"summary": "Housing units", "parameters": [q("site_id", "site (required outside county scope)", "integer"), q("building", "building number"), q("vacant", "true: nobody lives there", "boolean")] + page,
                                   "responses": {"200": resp("a page", page_of("HousingUnit")), **common_err}}},
 "/api/v1/origin-villages": {"get": {"summary": "Origin villages (reference data, not scoped)", "parameters": [q("township", "9-digit township code"), q("relocation_type", "whole_village | scattered")],
                                     "responses": {"200": resp("all matching (one page)", page_of("OriginVillage")), **common_err}},
                             "post": {"summary": "Add an origin village (county roles; township staff for their township): a village of the division list by division_code (name and township from the list), or a legacy village by name and township_code; audited", "parameters": [csrf],
                                      "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "required": ["relocation_type"], "properties": {"division_code": {"type": "string", "description": "12-digit village code of GET /divisions?level=village"}, "name": {"type": "string", "description": "legacy village only"}, "township_code": {"type": "string", "description": "legacy village only: 9-digit township code"}, "relocation_type": {"type": "string", "enum": ["whole_village", "scattered"]}}}}}},
                                      "responses": {"201": resp("added", ref("OriginVillage")), "401": err("no session"), "403": err("CSRF, role (site, grid, auditor), or another township"), "409": err("the same village is already an origin village (named)"), "422": err("invalid fields")}}},
 "/api/v1/divisions": {"get": {"summary": "Statistical divisions of the county (NBS codes)", "parameters": [q("level", "county | township | village"), q("parent", "parent code, e.g. 141124 for the townships")],
                               "responses": {"200": resp("all matching (one page)", page_of("Division")), **common_err}}},
 "/api/v1/report": {"get": {"summary": "The county report (report library JSON)", "parameters": [q("as_of", "statistics day; default meta statistics_date", format="date"), q("site", "one site by name or alias")],
                            "responses": {"200": resp("flat object keyed as linxian-figures.md", {"type": "object"}), "401": err("no session"), "404": err("unknown site"), "422": err("bad as_of")}}},
 "/api/v1/figures": {"get": {"summary": "The report figures declared by the modules: sections (id, labels) in display order and figures (key, module, section, unit, label_en, label_zh, how (how computed, English, with table names), how_zh (the same in plain Chinese for a clerk), records: list, named filter and drill-down endpoint)",
                             "responses": {"200": resp("the declarations", {"type": "object", "required": ["sections", "figures"], "properties": {"sections": {"type": "array", "items": {"type": "object"}}, "figures": {"type": "array", "items": {"type": "object"}}}}), "401": err("no session")}}},
 "/api/v1/figures/{key}/records": {"get": {"summary": "The records a figure counts (sites, origin villages, parks, land contracts, communities) as of as_of, by id; total (and sum_mu for a mu figure) equals the figure. Household and person figures: GET /api/v1/households|persons?figure=<key>",
                                           "parameters": [{"name": "key", "in": "path", "required": True, "schema": {"type": "string"}}, q("as_of", "report day; default the statistics date", format="date")] + page,
                                           "responses": {"200": resp("a page with total, figure, list, as_of, sum_mu", {"type": "object"}), "401": err("no session"), "404": err("unknown figure"), "422": err("bad as_of, cursor, or a household/person figure")}}},
 "/api/v1/audit": {"get": {"summary": "Audit trail, newest first (auditor, county_admin)", "parameters": [q("entity", "e.g. person"), q("entity_id", "record id"), q("username", "who"), q("action", "e.g. update"), q("since", "YYYY-MM-DD or timestamp"), q("limit", "1-1000", "integer"), q("cursor", "next_cursor"), q("from", "first local day (China time), YYYY-MM-DD", format="date"), q("to", "last local day (China time), YYYY-MM-DD, not before from", format="date"), q("household_no", "the household's and its current members' entries"), q("resident_id_tail", "person entries whose resident id ends so (4-18 characters)")],
                           "responses": {"200": resp("a page", page_of("AuditEntry")), "401": err("no session"), "403": err("not an auditor"), "422": err("bad parameter")}}},
}
nullable = lambda t: {"type": [t, "null"]}
schemas = {
 "ErrorEnvelope": {"type": "object", "required": ["error"], "properties": {"error": ref("Error")}},
 "Error": {"type": "object", "required": ["code", "message", "message_zh", "field", "value", "details"], "properties": {
    "code": {"type": "string", "enum": ["invalid_argument", "not_found", "conflict", "permission_denied", "unauthenticated", "resource_exhausted", "unavailable", "internal", "precondition_required", "payload_too_large", "method_not_allowed", "bad_request"]},
    "message": {"type": "string"}, "message_zh": {"type": "string"}, "field": {"type": "string"}, "value": {"type": "string"},
    "details": {"type": "array", "items": ref("Error")}}},
 "Login": {"type": "object", "required": ["username", "password"], "properties": {"username": {"type": "string"}, "password": {"type": "string"}}},
 "PasswordChange": {"type": "object", "required": ["current_password", "new_password"], "additionalProperties": False, "properties": {"current_password": {"type": "string"}, "new_password": {"type": "string", "minLength": 10}}},
 "User": {"type": "object", "properties": {"id": {"type": "integer"}, "username": {"type": "string"}, "display_name": {"type": "string"}, "role": {"type": "string", "enum": ["county_admin", "county_staff", "township_staff", "site_manager", "grid_worker", "auditor", "cadre"]},
    "scope": ref("Scope"), "scope_label": {"type": "string", "description": "临泉镇, 城北安置点, 城北安置点 第1网格; empty for county"}, "must_change_password": {"type": "boolean"}, "disabled": {"type": "boolean"}, "is_demo": {"type": "boolean"},
    "failed_logins": {"type": "integer", "description": "failed logins in the throttling window"}, "locked_until": {"type": ["integer", "null"], "description": "unix seconds until which logins are refused; null when not locked"},
    "version": {"type": "integer"}, "created_at": {"type": "string"}, "updated_at": {"type": "string"}, "cadre_id": {"type": ["integer", "null"]}}},
 "CreatedUser": {"type": "object", "required": ["user", "one_time_password"], "properties": {"user": ref("User"), "one_time_password": {"type": ["string", "null"], "description": "shown only in this answer"}}},
 "NewUser": {"type": "object", "required": ["username", "role"], "additionalProperties": False, "properties": {"username": {"type": "string", "description": "3-32 of a-z 0-9 _ . -, starting with a letter"}, "display_name": {"type": "string", "maxLength": 64},
    "role": {"type": "string", "enum": ["county_admin", "county_staff", "township_staff", "site_manager", "grid_worker", "auditor", "cadre"]},
    "township_code": {"type": "string", "description": "township_staff: 9-digit township code"}, "site_id": {"type": "integer", "description": "site_manager"}, "grid_id": {"type": "integer", "description": "grid_worker"},
    "cadre_id": {"type": ["integer", "null"], "description": "the cadre record (帮扶责任人) the account acts for: required for role cadre, optional for others (they then also see its assigned households)"}}},
 "UserPatch": {"type": "object", "additionalProperties": False, "minProperties": 1, "properties": {"display_name": {"type": "string", "maxLength": 64}, "disabled": {"type": "boolean"},
    "role": {"type": "string", "description": "with the scope field of the role, as in NewUser"}, "township_code": {"type": "string"}, "site_id": {"type": "integer"}, "grid_id": {"type": "integer"}, "cadre_id": {"type": ["integer", "null"]}}},
 "Scope": {"type": "object", "required": ["level"], "properties": {"level": {"type": "string", "enum": ["county", "township", "site", "grid", "assigned"]}, "township_code": {"type": "string"}, "site_id": {"type": "integer"}, "grid_id": {"type": "integer"},
    "assigned_household_ids": {"type": "array", "items": {"type": "integer"}, "description": "households assigned to the account's cadre record (any level; level assigned: only these)"}}},
 "Session": {"type": "object", "required": ["username", "role", "scope", "csrf_token", "database"], "properties": {
    "username": {"type": "string"}, "display_name": {"type": "string"}, "role": {"type": "string", "enum": ["county_admin", "county_staff", "township_staff", "site_manager", "grid_worker", "auditor", "cadre"]},
    "scope": ref("Scope"), "csrf_token": {"type": "string"}, "must_change_password": {"type": "boolean"}, "expires_at": {"type": "integer", "description": "unix seconds"},
    "database": {"type": "object", "properties": {"is_demo": {"type": "boolean"}, "county_code": {"type": "string"}, "county_name": {"type": "string"}, "statistics_date": nullable("string")}},
    "capabilities": ref("Capabilities")}},
 "Capabilities": {"type": "object", "required": ["role", "scope", "actions", "enums", "policy"],
    "description": "What the user may do and the server's own lists (auth/capabilities.h), so the web UI copies no server knowledge. The actions come from the same predicates the services enforce (auth_capabilities_test checks them for every role)",
    "properties": {
      "role": {"type": "string"},
      "scope": {"allOf": [ref("Scope"), {"type": "object", "properties": {"label": {"type": "string", "description": "readable name of the township, site or grid; empty for the county"}}}]},
      "actions": {"type": "array", "items": {"type": "string", "enum": ["households.create", "households.update", "households.delete", "persons.create", "persons.update", "persons.delete", "import.preview", "import.run", "export", "export.whole_ids", "users.manage", "audit.read"]},
                  "description": "the actions this role may take (scope still limits which records)"},
      "enums": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}},
                "description": "stored values per kind, in the server's order: role, user_role (grantable roles), sex, relationship, category, relocation_type, health, employment_kind, education, ethnicity, site_mode, size_class, import_field"},
      "policy": {"type": "object", "properties": {"working_age": {"type": "object", "required": ["min_years", "max_years", "source"], "properties": {
          "min_years": {"type": "integer"}, "max_years": {"type": "integer", "description": "inclusive, completed years (周岁)"}, "source": {"type": "string"}}}}}}},
 "Household": {"type": "object", "properties": {"id": {"type": "integer"}, "household_no": {"type": "string"}, "category": {"type": "string", "enum": ["registered_poor", "co_relocated"]},
    "origin_village_id": {"type": "integer"}, "site_id": {"type": "integer"}, "housing_unit_id": nullable("integer"), "grid_id": nullable("integer"),
    "move_in_date": {"type": "string", "format": "date"}, "convention_signed": {"type": "boolean"}, "version": {"type": "integer"}}},
 "HouseholdSummary": {"allOf": [ref("Household"), {"type": "object", "properties": {"head_name": nullable("string"), "head_resident_id": {"type": ["string", "null"], "description": "masked"},
    "members_count": {"type": "integer"}, "site_name": {"type": "string"}, "origin_village_name": {"type": "string"}, "origin_township_code": {"type": "string"}, "relocation_type": {"type": "string"}}}]},
 "HouseholdDetail": {"allOf": [ref("Household"), {"type": "object", "properties": {"origin_village": ref("OriginVillage"), "relocation_type": {"type": "string"},
    "site": {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}}, "housing_unit": {"oneOf": [ref("HousingUnit"), {"type": "null"}]},
    "area_exceeds_standard": {"type": "boolean", "description": "floor area above 25 m² per person (flag)"},
    "warnings": {"type": "array", "items": {"type": "object", "properties": {"person_id": {"type": "integer"}, "field": {"type": "string"}, "message": {"type": "string"}, "message_zh": {"type": "string"}}}}, "members": {"type": "array", "items": ref("Person")}, "members_count": {"type": "integer"}}}]},
 "NewHousehold": {"type": "object", "required": ["household_no", "category", "origin_village_id", "site_id", "move_in_date"], "additionalProperties": False, "properties": {
    "household_no": {"type": "string"}, "category": {"type": "string"}, "origin_village_id": {"type": "integer"}, "site_id": {"type": "integer"}, "housing_unit_id": nullable("integer"),
    "grid_id": nullable("integer"), "move_in_date": {"type": "string", "format": "date"}, "convention_signed": {"type": "boolean"}, "members": {"type": "array", "items": ref("PersonFields")}}},
 "HouseholdPatch": {"type": "object", "additionalProperties": False, "minProperties": 1, "properties": {"category": {"type": "string"}, "origin_village_id": {"type": "integer"}, "site_id": {"type": "integer"},
    "housing_unit_id": nullable("integer"), "grid_id": nullable("integer"), "move_in_date": {"type": "string", "format": "date"}, "convention_signed": {"type": "boolean"}}},
 "PersonFields": {"type": "object", "additionalProperties": False, "properties": {
    "resident_id": {"type": "string", "description": "18 characters, GB 11643-1999"}, "name": {"type": "string"}, "sex": {"type": "string", "enum": ["male", "female"]},
    "birth_date": {"type": "string", "format": "date"}, "relationship": {"type": "string", "enum": ["head", "spouse", "child", "daughter_in_law", "son_in_law", "grandchild", "parent", "sibling", "other"]},
    "ethnicity": nullable("string"), "phone": nullable("string"), "education": nullable("string"), "health": {"type": ["string", "null"], "enum": ["healthy", "chronic_illness", "serious_illness", "disabled", None]},
    "disability_grade": {"type": ["integer", "null"], "minimum": 1, "maximum": 4}, "able_to_work": {"type": "boolean"}, "wants_work": {"type": "boolean"},
    "employment_kind": {"type": "string", "enum": ["workshop", "park", "welfare_post", "enterprise", "migrant_work", "self_employed", "none"]}, "employer": nullable("string")}},
 "NewPerson": {"allOf": [ref("PersonFields"), {"type": "object", "required": ["household_id", "resident_id", "name", "relationship"], "properties": {"household_id": {"type": "integer"}}}]},
 "PersonPatch": {"allOf": [ref("PersonFields"), {"minProperties": 1}]},
 "Person": {"allOf": [ref("PersonFields"), {"type": "object", "properties": {"id": {"type": "integer"}, "household_id": {"type": "integer"}, "household_no": {"type": "string", "description": "the household's number (lists as of a day: that day's household)"}, "name_initials": {"type": "string"},
    "age": {"type": "integer", "description": "completed years on as_of"}, "employed": {"type": "boolean"}, "version": {"type": "integer"}}}]},
 "OriginVillage": {"type": "object", "properties": {"id": {"type": "integer"}, "division_code": nullable("string"), "name": {"type": "string"}, "township_code": {"type": "string"},
    "township_name": {"type": "string"}, "relocation_type": {"type": "string", "enum": ["whole_village", "scattered"]}, "legacy_name": nullable("string")}},
 "HousingUnit": {"type": "object", "properties": {"id": {"type": "integer"}, "site_id": {"type": "integer"}, "building": {"type": "string"}, "entrance": {"type": "string"}, "room": {"type": "string"},
    "floor_area_m2": {"type": "number"}, "household_id": nullable("integer")}},
 "Site": {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}, "mode": {"type": "string", "enum": ["county_town", "township_seat", "large_village", "dispersed"]},
    "township_code": {"type": "string"}, "township_name": {"type": "string"}, "community_code": nullable("string"), "planned_capacity": nullable("integer"), "facility_standard": nullable("string"),
    "note": nullable("string"), "aliases": {"type": "array", "items": {"type": "object", "properties": {"alias": {"type": "string"}, "reason": {"type": "string"}}}},
    "size_class": {"type": "string", "enum": ["3000_plus", "800_2999", "under_800"]}, "households": {"type": "integer"}, "persons": {"type": "integer"},
    "registered_poor_persons": {"type": "integer"}, "co_relocated_persons": {"type": "integer"}, "working_age": {"type": "integer"}, "employed": {"type": "integer"}, "employment_rate": nullable("number")}},
 "SiteDetail": {"allOf": [ref("Site"), {"type": "object", "properties": {"grids": {"type": "array", "items": {"type": "object"}}, "parks": {"type": "array", "items": {"type": "object"}}}}]},
 "Division": {"type": "object", "properties": {"code": {"type": "string"}, "name": {"type": "string"}, "level": {"type": "string"}, "parent_code": nullable("string"), "urban_rural_code": nullable("string")}},
 "AuditEntry": {"type": "object", "properties": {"seq": {"type": "integer"}, "at": {"type": "string"}, "username": {"type": "string"}, "role": {"type": "string"}, "action": {"type": "string"},
    "entity": {"type": "string"}, "entity_id": {"type": "string"}, "changes": {"type": "object", "description": "{field: {from, to}}, masked"}, "source": nullable("string"),
    "client": {"type": "string", "description": "client address (the peer, or X-Forwarded-For of a trusted proxy), 'cli' for the command line"}}},
}
# Imports (issue #7): upload -> preview -> confirm -> the error report (src/http/import_routes.h).
import_params = [q("mode", "insert (default: registered households are faults) | upsert (update them; unchanged rows are not written)"),
                 q("all_or_nothing", "true: any fault imports nothing", "boolean"),
                 q("sheet", "only this sheet (by name; may be a hidden one)"),
                 q("encoding", "force the text encoding of a CSV/HTML file (GB18030, UTF-16LE …); default: detected")]
file_name_h = {"name": "X-File-Name", "in": "header", "required": False, "description": "the file's name, percent-encoded (encodeURIComponent); shown in faults and the audit trail", "schema": {"type": "string"}}
upload = {"required": True, "description": "the spreadsheet's bytes (xlsx, xls, CSV/TSV in any encoding, HTML table); the format is detected from the content, never the name. At most 1 MiB (the server's body limit); larger files: anju import on the server",
          "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}
paths.update({
 "/api/v1/imports/preview": {"post": {"summary": "Preview an import: a dry run (everything checked in a transaction that is rolled back)", "parameters": [csrf, file_name_h] + import_params, "requestBody": upload,
   "responses": {"200": resp("what the import would do", ref("ImportResult")), "401": err("no session"), "403": err("CSRF"), "413": err("file larger than 1 MiB"), "422": err("unreadable, encrypted, zip bomb, undecodable, no such sheet, bad parameter")}}},
 "/api/v1/imports": {"post": {"summary": "Import (one transaction: the valid households, or nothing with all_or_nothing); audited per record with file and row", "parameters": [csrf, file_name_h] + import_params, "requestBody": upload,
   "responses": {"201": resp("committed", ref("ImportResult")), "200": resp("nothing committed (all_or_nothing with faults)", ref("ImportResult")), "401": err("no session"), "403": err("CSRF, or read-only role (auditor)"), "413": err("file larger than 1 MiB"), "422": err("unreadable file or bad parameter"), "503": err("the database is busy")}}},
 "/api/v1/imports/{id}/errors.xlsx": {"parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
   "get": {"summary": "The rejected rows under their original headers with a 错误说明 column, and every fault (问题明细): fix and upload again. Kept 30 minutes, for the user who imported", "responses": {"200": resp("workbook", {"type": "string", "format": "binary"}, ctype=xlsx), "401": err("no session"), "404": err("unknown or expired")}}},
})
schemas.update({
 "ImportFault": {"type": "object", "properties": {"error": {"type": "boolean", "description": "false: a warning (the value was kept)"}, "file": {"type": "string"}, "sheet": {"type": "string"},
    "row": {"type": "integer", "description": "as the spreadsheet shows it; 0 for a sheet-level fault"}, "column": {"type": "string", "description": "letter"}, "header": {"type": "string"},
    "field": {"type": "string"}, "raw": {"type": "string", "description": "the cell; ids and phones masked (for every role; the error report has the rows whole)"},
    "kind": {"type": "string", "enum": ["resident_id", "name", "date", "phone", "relationship", "value", "structure", "duplicate", "conflict", "reference", "scope", "sheet", "formula"]},
    "reason": {"type": "string"}, "reason_zh": {"type": "string"}, "fix": {"type": "string"}, "fix_zh": {"type": "string", "description": "the fix in Chinese; empty when it has no translation"}}},
 "ImportResult": {"type": "object", "properties": {"file": {"type": "string"}, "format": {"type": "string", "enum": ["xlsx", "xls", "csv", "tsv", "html"]}, "encoding": {"type": "string"},
    "sheets": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}, "hidden": {"type": "boolean"}, "imported": {"type": "boolean"}, "skipped_reason": {"type": "string"}, "skipped_reason_zh": {"type": "string"},
       "header_first_row": {"type": "integer"}, "header_last_row": {"type": "integer"}, "unknown_columns": {"type": "array", "items": {"type": "string"}},
       "columns": {"type": "array", "items": {"type": "object", "properties": {"column": {"type": "string"}, "header": {"type": "string"}, "field": {"type": "string", "description": "\"\": not imported"}}}},
       "data_rows": {"type": "integer"}, "blank_rows": {"type": "integer"}, "footer_rows": {"type": "integer"}}}},
    "preview": {"type": "array", "description": "the first 20 cleaned rows (ids and phones masked)", "items": {"type": "object", "additionalProperties": {"type": "string"}}},
    "faults": {"type": "array", "description": "at most 500; the error report has all", "items": ref("ImportFault")}, "faults_total": {"type": "integer"},
    "counts": {"type": "object", "additionalProperties": {"type": "integer"}, "description": "rows_read, rows_valid, rows_rejected, errors, warnings, persons_/households_ created, updated, unchanged"},
    "committed": {"type": "boolean"}, "id": nullable("string"), "errors_report": {"type": ["string", "null"], "description": "URL of the error report when rows were rejected"}}},
})
# The household changes (issue #14 item 2, registry/household_changes.h): each one transaction with a
# register event, the history rows and audit entries; the old place must be in scope (else 404), the
# target household or placement too (else 403 naming the field); every fault at once (422 details).
change_err = {"401": err("no session"), "403": err("CSRF, read-only role, or the target outside the scope (field named)"),
              "404": err("absent or outside scope"), "409": err("ended household, a head who must be replaced first, number or unit taken; stale If-Match (field version: the household changed since it was read — head, split, merge, placement take an optional If-Match with the household's ETag)"),
              "422": err("invalid fields, one detail per field (date after today or before the membership/placement it ends, generation rule, …)")}
def change_op(summary, schema, created):
    return {"post": {"summary": summary, "parameters": [csrf], "requestBody": {"required": True, "content": {"application/json": {"schema": ref(schema)}}},
                     "responses": {"201": resp("recorded", ref(created)), **change_err}}}
paths.update({
 "/api/v1/persons/{id}/move": {"parameters": [idp], **change_op("Move a person to another household (keeps id and history; the old membership to membership_history; an emptied household ends)", "MoveRequest", "ChangeEvent")},
 "/api/v1/households/{id}/head": {"parameters": [idp], **change_op("Change the head: every other current member re-stated against the new head (generation rule re-checked)", "HeadChangeRequest", "ChangeEvent")},
 "/api/v1/households/{id}/split": {"parameters": [idp], **change_op("Split (分户): a new household (same category, origin village, site, grid) takes the members listed", "SplitRequest", "SplitResult")},
 "/api/v1/households/{id}/merge": {"parameters": [idp], **change_op("Merge (合户) {id} into into_household_id: all its current members move, {id} ends", "MergeRequest", "ChangeEvent")},
 "/api/v1/households/{id}/placement": {"parameters": [idp], **change_op("Change the placement (site, housing unit, grid, origin village) with a date; the previous one to placement_history", "PlacementRequest", "ChangeEvent")},
})
change_common = {"date": {"type": "string", "format": "date", "description": "the day it happened: not after today, not before what it ends"},
                 "reason": {"type": "string", "maxLength": 200, "description": "required: why, or the document"}}
rels = {"type": "object", "description": "person id -> relationship to the (new/kept) head", "additionalProperties": {"type": "string"}}
schemas.update({
 "ChangeEvent": {"type": "object", "required": ["event_id"], "properties": {"event_id": {"type": "integer", "description": "the register_events row"}}},
 "SplitResult": {"type": "object", "required": ["household_id", "household_no", "event_id"], "properties": {"household_id": {"type": "integer"}, "household_no": {"type": "string"}, "event_id": {"type": "integer"}}},
 "MoveRequest": {"type": "object", "additionalProperties": False, "required": ["to_household_id", "relationship", "date", "reason"],
    "properties": {"to_household_id": {"type": "integer"}, "relationship": {"type": "string", "description": "to the target's head (head only into a household without members)"}, **change_common}},
 "HeadChangeRequest": {"type": "object", "additionalProperties": False, "required": ["new_head_id", "relationships", "date", "reason"],
    "properties": {"new_head_id": {"type": "integer"}, "relationships": {**rels, "description": "every other current member (the old head included) -> relationship to the new head"}, **change_common}},
 "SplitRequest": {"type": "object", "additionalProperties": False, "required": ["members", "date", "reason"],
    "properties": {"household_no": {"type": "string", "description": "the new number; absent: the next free number of the original's prefix"},
                   "members": {"type": "array", "items": {"type": "object", "additionalProperties": False, "required": ["person_id", "relationship"], "properties": {"person_id": {"type": "integer"}, "relationship": {"type": "string"}}}, "description": "exactly one head; at least one member stays"},
                   "housing": {"type": "object", "additionalProperties": False, "properties": {"decision": {"type": "string", "enum": ["stays", "moves", "new_unit", "none"], "default": "none"}, "housing_unit_id": {"type": "integer", "description": "new_unit: a free unit of the same site"}}}, **change_common}},
 "MergeRequest": {"type": "object", "additionalProperties": False, "required": ["into_household_id", "relationships", "date", "reason"],
    "properties": {"into_household_id": {"type": "integer"}, "relationships": {**rels, "description": "every current member of {id} -> relationship to the kept household's head"},
                   "housing": {"type": "object", "additionalProperties": False, "properties": {"decision": {"type": "string", "enum": ["released", "kept"], "default": "released"}}}, **change_common}},
 "PlacementRequest": {"type": "object", "additionalProperties": False, "required": ["date", "reason"],
    "properties": {"site_id": {"type": "integer"}, "housing_unit_id": {"type": ["integer", "null"], "description": "null: none"}, "grid_id": {"type": ["integer", "null"], "description": "null: none"},
                   "origin_village_id": {"type": "integer"}, **change_common}},
})
# The living register (issue #14, docs/living-register.md): person life events (LifeEventService).
reason_q = q("reason", "why the record is ended as entered in error (required here or as body {reason})")
paths["/api/v1/households/{id}"]["delete"]["parameters"] = [ifmatch, csrf, reason_q]
paths["/api/v1/households/{id}"]["delete"]["summary"] = "End a household without current members as entered in error (nothing is deleted: ended_on = its start, never counted; housing unit released); reason required"
paths["/api/v1/persons/{id}"]["delete"]["parameters"] = [ifmatch, csrf, reason_q]
paths["/api/v1/persons/{id}"]["delete"]["summary"] = "End a person's membership as entered in error (nothing is deleted: member_until = member_from, never counted); reason required"
ev_err = {"401": err("no session"), "403": err("CSRF, or read-only role"), "404": err("absent or outside scope"), "422": err("invalid fields, one detail per field")}
paths.update({
 "/api/v1/households/{id}/members": {"parameters": [idp], "post": {"summary": "A new member by an event (birth, married_in, moved_in, returned, member_added); member_from = the date", "parameters": [csrf],
   "requestBody": {"required": True, "content": {"application/json": {"schema": ref("NewMemberEvent")}}},
   "responses": {"201": resp("added", {"type": "object", "properties": {"person_id": {"type": "integer"}, "event_id": {"type": "integer"}}}), **ev_err, "409": err("resident id taken, second head, household ended, the returning person is still a member or dead")}}},
 "/api/v1/households/{id}/timeline": {"parameters": [idp], "get": {"summary": "The household's register events (oldest first) and every membership period in it", "responses": {"200": resp("the timeline", ref("HouseholdTimeline")), "401": err("no session"), "404": err("absent or outside scope")}}},
 "/api/v1/persons/{id}/events": {"parameters": [idp], "post": {"summary": "The person leaves (death, moved_away, married_out): member_until = date; the last member ends the household", "parameters": [csrf],
   "requestBody": {"required": True, "content": {"application/json": {"schema": ref("LeavingEvent")}}},
   "responses": {"201": resp("recorded", {"type": "object", "properties": {"event_id": {"type": "integer"}}}), **ev_err, "409": err("left already; the head while other current members remain (field new_head: change the head first)")}}},
 "/api/v1/persons/{id}/resident-id": {"parameters": [idp], "put": {"summary": "Complete a pending resident id (every id check; sex and birth date must equal those entered)", "parameters": [csrf],
   "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "required": ["resident_id"], "additionalProperties": False, "properties": {"resident_id": {"type": "string"}, "reason": {"type": "string"}}}}}},
   "responses": {"200": resp("the person", ref("Person"), etag_h), **ev_err, "409": err("not pending (correct it by PATCH), or id taken")}}},
 "/api/v1/persons/{id}/timeline": {"parameters": [idp], "get": {"summary": "The person's register events and memberships in every household", "responses": {"200": resp("the timeline", ref("PersonTimeline")), "401": err("no session"), "404": err("absent or outside scope")}}},
 "/api/v1/register-events/{id}/void": {"parameters": [idp], "post": {"summary": "Void the person's (or household's) latest event as entered in error and undo its membership effect; the event stays", "parameters": [csrf],
   "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "required": ["reason"], "additionalProperties": False, "properties": {"reason": {"type": "string"}}}}}},
   "responses": {"200": resp("voided", {"type": "object", "properties": {"event_id": {"type": "integer"}, "voided": {"type": "boolean"}}}), **ev_err, "409": err("not the latest event, voided already, or a kind undone elsewhere")}}},
})
ev_kinds = ["birth", "death", "moved_away", "married_out", "married_in", "moved_in", "returned", "moved_between", "id_completed", "head_changed", "split", "merged", "placement_changed", "entered_in_error", "household_added", "member_added"]
schemas["Person"]["allOf"][1]["properties"]["id_pending"] = {"type": "boolean", "description": "resident_id is \"\": to be filled (待补录)"}
schemas["HouseholdDetail"]["allOf"][1]["properties"]["ended_on"] = nullable("string")
schemas["HouseholdDetail"]["allOf"][1]["properties"]["former_members"] = {"type": "array", "items": ref("FormerMember")}
schemas.update({
 "NewMemberEvent": {"type": "object", "required": ["kind", "person"], "additionalProperties": False, "properties": {
    "kind": {"type": "string", "enum": ["birth", "married_in", "moved_in", "returned", "member_added"]}, "date": {"type": "string", "format": "date", "description": "a birth: the birth date (may be left out)"},
    "reason": {"type": "string"}, "place": {"type": "string", "description": "where from"}, "person_id": {"type": "integer", "description": "kind returned: the person who had left"},
    "person": {"allOf": [ref("PersonFields"), {"description": "resident_id \"\" or absent = pending (birth only: then sex and birth_date required); returned: only relationship"}]}}},
 "LeavingEvent": {"type": "object", "required": ["kind", "date"], "additionalProperties": False, "properties": {
    "kind": {"type": "string", "enum": ["death", "moved_away", "married_out"]}, "date": {"type": "string", "format": "date"}, "reason": {"type": "string"}, "place": {"type": "string", "description": "moved_away: where to"}}},
 "RegisterEvent": {"type": "object", "properties": {"id": {"type": "integer"}, "kind": {"type": "string", "enum": ev_kinds}, "kind_zh": {"type": "string"}, "date": {"type": "string", "format": "date"},
    "household_id": {"type": "integer"}, "household_no": {"type": "string"}, "other_household_id": nullable("integer"), "other_household_no": nullable("string"), "person_id": nullable("integer"), "person_name": nullable("string"),
    "place": {"type": "string"}, "reason": {"type": "string"}, "details": {"type": "object"}, "recorded_by": {"type": "string"}, "recorded_at": {"type": "string"},
    "voided_on": nullable("string"), "void_reason": nullable("string"), "voided_by": nullable("string")}},
 "Membership": {"type": "object", "properties": {"person_id": {"type": "integer"}, "name": {"type": "string"}, "household_id": {"type": "integer"}, "household_no": {"type": "string"},
    "relationship": {"type": "string"}, "from": {"type": ["string", "null"], "description": "null: since the household's start"}, "until": {"type": ["string", "null"], "description": "first day no longer a member; null: current"},
    "current": {"type": "boolean"}, "end_event_id": nullable("integer"), "end_kind": nullable("string"), "end_reason": nullable("string")}},
 "FormerMember": {"type": "object", "properties": {"person_id": {"type": "integer"}, "name": {"type": "string"}, "resident_id": {"type": "string"}, "id_pending": {"type": "boolean"}, "sex": {"type": "string"},
    "birth_date": {"type": "string", "format": "date"}, "relationship": {"type": "string"}, "until": {"type": "string", "format": "date"}, "kind": nullable("string"), "kind_zh": nullable("string"), "reason": {"type": "string"}, "place": {"type": "string"}}},
 "HouseholdTimeline": {"type": "object", "properties": {"household_id": {"type": "integer"}, "household_no": {"type": "string"}, "events": {"type": "array", "items": ref("RegisterEvent")}, "memberships": {"type": "array", "items": ref("Membership")}}},
 "PersonTimeline": {"type": "object", "properties": {"person_id": {"type": "integer"}, "name": {"type": "string"}, "events": {"type": "array", "items": ref("RegisterEvent")}, "memberships": {"type": "array", "items": ref("Membership")}}},
})
# casework (issue #15, docs/casework.md): calendar, settings, cases, inbox.
obj = {"type": "object"}
yearp = {"name": "year", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1900, "maximum": 2200}}
keyp = {"name": "key", "in": "path", "required": True, "schema": {"type": "string"}, "description": "a declared setting key, e.g. deadline.service_request.open"}
write_err = {"401": err("no valid session"), "403": err("role may not write, or CSRF"), "422": err("invalid body, one detail per field")}
paths.update({
 "/api/v1/calendar/{year}": {"parameters": [yearp],
   "get": {"summary": "Listed days of a year (public holidays 休, adjusted working days 班) with their source", "responses": {"200": resp("the year's days", obj), **common_err}},
   "put": {"summary": "Replace the year's listed days (county_admin, audited)", "parameters": [csrf], "requestBody": {"content": {"application/json": {"schema": obj}}}, "responses": {"200": resp("the year's days now", obj), **write_err}}},
 "/api/v1/settings": {"get": {"summary": "Every declared setting of local policy: default, value, unit, source, override", "responses": {"200": resp("settings", obj), **common_err}}},
 "/api/v1/settings/{key}": {"parameters": [keyp], "put": {"summary": "Override a setting {value, source} (county_admin, audited, validated by its declaration)", "parameters": [csrf], "requestBody": {"content": {"application/json": {"schema": obj}}}, "responses": {"200": resp("the setting now", obj), "404": err("no such setting"), **write_err}}},
 "/api/v1/cases/queue": {"get": {"summary": "Open cases the user must act on now (held or escalated to their level), soonest due first", "responses": {"200": resp("cases", obj), **common_err}}},
 "/api/v1/cases": {
   "get": {"summary": "Cases in scope", "parameters": [q("kind", "case type"), q("state", "state"), q("household_id", "household", "integer"), q("overdue", "due_on before today, open", "boolean"), q("open", "not closed", "boolean"), q("township", "9-digit township code")] + page, "responses": {"200": resp("a page of cases", obj), **common_err}},
   "post": {"summary": "Open a case of a manual_open type {kind, title, household_id | site_id | township_code, details?, due_on?, assignee_user_id?}", "parameters": [csrf], "requestBody": {"content": {"application/json": {"schema": obj}}}, "responses": {"201": resp("the case", obj, etag_h), "404": err("household or site absent or outside scope"), **write_err}}},
 "/api/v1/cases/{id}": {"parameters": [idp], "get": {"summary": "A case with its transitions and the actions the user may take now", "responses": {"200": resp("the case", obj, etag_h), "401": err("no session"), "404": err("absent or outside scope")}}},
 "/api/v1/cases/{id}/transitions": {"parameters": [idp], "post": {"summary": "Take a transition {transition, note?, assignee_user_id?}", "parameters": [ifmatch, csrf], "requestBody": {"content": {"application/json": {"schema": obj}}}, "responses": {"200": resp("the case now", obj, etag_h), "404": err("absent or outside scope"), "409": err("not possible from this state, or stale version"), "428": err("If-Match missing"), **write_err}}},
 "/api/v1/inbox": {"get": {"summary": "The user's notifications, newest first, with the unread count", "parameters": [q("unread", "only unread", "boolean")] + page, "responses": {"200": resp("a page of notifications", obj), **common_err}}},
 "/api/v1/inbox/{id}/read": {"parameters": [idp], "post": {"summary": "Mark one notification read", "parameters": [csrf], "responses": {"200": resp("unread count", obj), "404": err("not the user's"), **write_err}}},
 "/api/v1/inbox/read-all": {"post": {"summary": "Mark every notification read", "parameters": [csrf], "responses": {"200": resp("marked", obj), **write_err}}},
})
# Attachments (issue #15 item 3, src/attachments/http/routes.h): files on records, scope of the owner record.
att_owner = [q("owner", "kind of record: household | person (| visit | finding … as modules declare them)"), q("owner_id", "the record's id", "integer")]
filename_h = {"name": "X-Filename", "in": "header", "required": False, "description": "raw body: the file's name, percent-encoded (encodeURIComponent); display only (X-File-Name also read)", "schema": {"type": "string"}}
att_upload = {"required": True, "description": "the file: the raw bytes (any Content-Type; the type is found from the content: JPEG, PNG, WebP or PDF; HEIC refused) or multipart/form-data with field `file` (and optional `caption`). At most attachments.max_bytes (default 10 MiB)",
              "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
                          "multipart/form-data": {"schema": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}, "caption": {"type": "string"}}}}}}
paths.update({
 "/api/v1/attachments": {
   "post": {"summary": "Attach a file to a record (owner in scope; not the auditor); stored once by SHA-256 beside the database; audited", "parameters": [csrf, filename_h] + att_owner + [q("caption", "a short caption")], "requestBody": att_upload,
     "responses": {"201": resp("stored", ref("Attachment")), "400": err("empty file, or no field `file` in the form"), "401": err("no session"), "403": err("CSRF, or the auditor"), "404": err("no such record in your scope"),
                   "413": err("larger than attachments.max_bytes (names the file, size and limit)"), "415": err("not an accepted type by its content (HEIC: set the phone camera to JPEG)"), "422": err("owner unknown or owner_id missing")}},
   "get": {"summary": "The files of one record (owner + owner_id), or of a household and its members (household_id), newest first; withdrawn ones only for county-scope roles", "parameters": att_owner + [q("household_id", "a household: its own and its members' files (the household file)", "integer")],
     "responses": {"200": resp("the files", counted_page_of("Attachment")), "401": err("no session"), "404": err("no such record in your scope"), "422": err("bad parameter")}}},
 "/api/v1/attachments/{id}": {"parameters": [idp],
   "get": {"summary": "One file's metadata (404 outside the owner's scope, or withdrawn for non-county roles)", "responses": {"200": resp("the file", ref("Attachment")), "401": err("no session"), "404": err("not found or outside your scope")}}},
 "/api/v1/attachments/{id}/content": {"parameters": [idp],
   "get": {"summary": "The bytes, SHA-256 verified on every read; inline with the UTF-8 file name, X-Content-Type-Options: nosniff", "responses": {"200": resp("the file", {"type": "string", "format": "binary"}, ctype="application/octet-stream"), "401": err("no session"), "404": err("not found or outside your scope"), "500": err("file damaged (hash mismatch): restore from a backup")}}},
 "/api/v1/attachments/{id}/withdraw": {"parameters": [idp],
   "post": {"summary": "Withdraw (撤回) a file with a reason: the row stays (county roles still see it), the content is no longer served to others; audited", "parameters": [csrf],
     "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "required": ["reason"], "properties": {"reason": {"type": "string"}}}}}},
     "responses": {"200": resp("withdrawn", ref("Attachment")), "401": err("no session"), "403": err("CSRF, or the auditor"), "404": err("not found or outside your scope"), "409": err("already withdrawn"), "422": err("reason missing")}}},
})
schemas["Attachment"] = {"type": "object", "properties": {"id": {"type": "integer"}, "owner": {"type": "string"}, "owner_id": {"type": "integer"}, "sha256": {"type": "string"}, "size": {"type": "integer", "description": "bytes"},
    "mime": {"type": "string", "description": "found from the content"}, "filename": {"type": "string"}, "caption": {"type": "string"}, "uploaded_by": {"type": "string"}, "uploaded_at": {"type": "string"},
    "withdrawn": {"type": "boolean"}, "withdrawn_on": nullable("string"), "withdrawn_by": nullable("string"), "withdrawn_reason": nullable("string"), "content_url": {"type": "string"}}}
# Rectification ledgers (issue #15 item 6, src/rectification/http/routes.h): inspections, findings (cases of type finding).
robj = {"type": "object"}
rect_write = {"401": err("no valid session"), "403": err("read-only role, below county scope (inspections, findings, import), or CSRF"), "422": err("invalid body, one detail per field")}
paths.update({
 "/api/v1/inspections": {
   "get": {"summary": "Inspections and assessments (县级自查, 市/省督查, 国家考核, 审计) with the counts of their findings in the reader's scope (total, open, overdue, signed_off), and the kinds", "responses": {"200": resp("inspections", robj), **common_err}},
   "post": {"summary": "Record an inspection {name, kind, held_on, source?, note?} (county scope, audited)", "parameters": [csrf], "requestBody": {"content": {"application/json": {"schema": robj}}}, "responses": {"201": resp("the inspection", robj, etag_h), "409": err("same name and day already recorded"), **rect_write}}},
 "/api/v1/inspections/{id}": {"parameters": [idp], "get": {"summary": "An inspection with its findings in the reader's scope: state, due_on, overdue, near", "responses": {"200": resp("the inspection", robj), "401": err("no session"), "404": err("no such inspection")}}},
 "/api/v1/inspections/{id}/findings": {"parameters": [idp], "post": {"summary": "Add a finding {description, responsible_unit, township_code?, site_id?, measures?, deadline?, seq_no?} and open its case (county scope, audited)", "parameters": [csrf], "requestBody": {"content": {"application/json": {"schema": robj}}}, "responses": {"201": resp("the finding", robj, etag_h), "404": err("no such inspection"), "409": err("seq_no taken"), **rect_write}}},
 "/api/v1/inspections/{id}/findings/import": {"parameters": [idp], "post": {"summary": "Import the inspection's finding list (问题清单: 序号, 问题描述, 乡镇, 安置点, 责任单位, 整改措施, 整改时限) from xlsx/xls/CSV, all or nothing; faults name file, sheet, row, column and value with a fix (county scope)", "parameters": [csrf, q("dry_run", "check only, store nothing", "boolean"), q("sheet", "only this sheet")], "requestBody": {"required": True, "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}, "responses": {"200": resp("dry run or refused: faults and counts", robj), "201": resp("imported", robj), "404": err("no such inspection"), **rect_write}}},
 "/api/v1/inspections/{id}/ledger.xlsx": {"parameters": [idp], "get": {"summary": "The ledger (整改台账) as xlsx: 序号, 问题, 责任单位, 整改措施, 时限, 进展, 销号日期; findings in the reader's scope", "responses": {"200": resp("the workbook", {"type": "string", "format": "binary"}, ctype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), "401": err("no session"), "404": err("no such inspection")}}},
 "/api/v1/findings": {"get": {"summary": "Findings in the reader's scope", "parameters": [q("township", "9-digit township code"), q("state", "open | rectifying | submitted | signed_off"), q("overdue", "not signed off and due before today", "boolean"), q("inspection_id", "inspection", "integer"), q("limit", "page size", "integer", minimum=1, maximum=1000, default=200), q("after_id", "next_after_id of the previous page", "integer")], "responses": {"200": resp("findings", robj), **common_err}}},
 "/api/v1/findings/summary": {"get": {"summary": "Per township (in scope): findings total, open, overdue, signed off — the county's 整改台账 view", "parameters": [q("inspection_id", "one inspection only", "integer")], "responses": {"200": resp("per township and total", robj), **common_err}}},
 "/api/v1/findings/{id}": {"parameters": [idp],
   "get": {"summary": "A finding with its clock, its case's transitions, the actions the user may take now, has_evidence", "responses": {"200": resp("the finding", robj, etag_h), "401": err("no session"), "404": err("absent or outside scope")}},
   "patch": {"summary": "Change measures, progress, rectified_on (whoever's scope covers it), description, responsible_unit, deadline (county); refused once signed off (409 field state)", "parameters": [ifmatch, csrf], "requestBody": {"content": {"application/json": {"schema": robj}}}, "responses": {"200": resp("the finding", robj, etag_h), "404": err("absent or outside scope"), "409": err("signed off, or stale version"), "428": err("If-Match missing"), **rect_write}}},
 "/api/v1/findings/{id}/transitions": {"parameters": [idp], "post": {"summary": "Take a transition of the finding's case through the engine {transition: start | submit | return | sign_off, note?}; return needs a note, sign_off evidence and the county; If-Match (optional) = case_version", "parameters": [csrf], "requestBody": {"content": {"application/json": {"schema": robj}}}, "responses": {"200": resp("the finding now", robj, etag_h), "404": err("absent or outside scope"), "409": err("not possible from this state, or stale case version"), **rect_write}}},
})
# ---- cadres (帮扶责任人, issue #15; src/cadres/README.md) ----
cadre_w = {"401": err("no session"), "403": err("CSRF, or a role that may not manage cadres (county roles only: action cadres.manage)"), "404": err("absent or outside scope"), "422": err("invalid fields (each named, en + zh)")}
paths.update({
 "/api/v1/cadres": {
   "get": {"summary": "Cadres the scope sees (county: all; else those paired with a household in scope), with current households in scope; phones masked unless ids.view_whole", "parameters": [q("q", "name, unit or phone contains"), q("unit", "unit contains"), q("include_ended", "true: also cadres who have ended", "boolean")], "responses": {"200": resp("all cadres (one page)", page_of("Cadre")), **common_err}},
   "post": {"summary": "Add a cadre (county roles)", "parameters": [csrf], "requestBody": {"required": True, "content": {"application/json": {"schema": ref("CadreFields")}}},
            "responses": {"201": resp("created", ref("Cadre"), etag_h), **cadre_w}}},
 "/api/v1/cadres/{id}": {"parameters": [idp],
   "get": {"summary": "A cadre with its households now and before (in the reader's scope)", "responses": {"200": resp("the cadre", ref("CadreDetail"), etag_h), "401": err("no session"), "404": err("absent or not seen by the scope")}},
   "patch": {"summary": "Change a cadre; ended_on + end_reason ends it (refused while it has current households)", "parameters": [ifmatch, csrf], "requestBody": {"required": True, "content": {"application/json": {"schema": ref("CadreFields")}}},
             "responses": {"200": resp("changed", ref("Cadre"), etag_h), **cadre_w, "409": err("stale If-Match"), "428": err("If-Match missing")}}},
 "/api/v1/households/{id}/cadres": {"parameters": [idp], "get": {"summary": "The household's current cadre and its earlier ones", "responses": {"200": resp("current and history", {"type": "object", "properties": {"current": {"anyOf": [ref("CadreAssignment"), {"type": "null"}]}, "history": {"type": "array", "items": ref("CadreAssignment")}}}), "401": err("no session"), "404": err("absent or outside scope")}}},
 "/api/v1/households/{id}/cadre": {"parameters": [idp], "post": {"summary": "Assign or reassign the household's cadre from a date (the old assignment ends that day); not in the future, not before move-in, current households only", "parameters": [csrf],
   "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "required": ["cadre_id", "from"], "additionalProperties": False, "properties": {"cadre_id": {"type": "integer"}, "from": {"type": "string", "format": "date"}, "reason": {"type": "string"}}}}}},
   "responses": {"201": resp("the new assignment", ref("CadreAssignment")), **cadre_w, "409": err("changed meanwhile")}}},
 "/api/v1/cadre-assignments/{id}/end": {"parameters": [idp], "post": {"summary": "End a current assignment on a date with a reason", "parameters": [csrf],
   "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "required": ["date", "reason"], "additionalProperties": False, "properties": {"date": {"type": "string", "format": "date"}, "reason": {"type": "string"}}}}}},
   "responses": {"200": resp("the ended assignment", ref("CadreAssignment")), **cadre_w, "409": err("already ended")}}},
})
schemas.update({
 "CadreFields": {"type": "object", "additionalProperties": False, "properties": {"name": {"type": "string"}, "unit": {"type": "string"}, "title": {"type": "string"}, "phone": {"type": ["string", "null"], "description": "7–12 digits; spaces, dashes, +86 removed"}, "township_code": {"type": ["string", "null"]}, "note": {"type": "string"}, "ended_on": {"type": "string", "format": "date", "description": "PATCH only"}, "end_reason": {"type": "string", "description": "PATCH only"}}},
 "Cadre": {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}, "unit": {"type": "string"}, "title": {"type": "string"}, "phone": {"type": "string", "description": "masked unless ids.view_whole"}, "township_code": nullable("string"), "note": {"type": "string"}, "created_at": {"type": "string"}, "ended_on": nullable("string"), "end_reason": {"type": "string"}, "version": {"type": "integer"}, "households_now": {"type": "integer", "description": "list only: current households in scope"}}},
 "CadreAssignment": {"type": "object", "properties": {"id": {"type": "integer"}, "household_id": {"type": "integer"}, "household_no": {"type": "string"}, "head_name": {"type": "string"}, "site_name": {"type": "string"}, "cadre_id": {"type": "integer"}, "cadre_name": {"type": "string"}, "cadre_unit": {"type": "string"}, "cadre_phone": {"type": "string"},
    "from": {"type": "string", "format": "date"}, "until": {"type": ["string", "null"], "description": "the day it ended (periods are [from, until)); null: current"}, "reason": {"type": "string"}, "ended_reason": {"type": "string"}, "recorded_by": {"type": "string"}, "recorded_at": {"type": "string"}}},
 "CadreDetail": {"allOf": [ref("Cadre"), {"type": "object", "properties": {"households_now": {"type": "array", "items": ref("CadreAssignment")}, "households_before": {"type": "array", "items": ref("CadreAssignment")}}}]},
})
# Data calls (数据调度, issue #15 item 7, src/datacalls/README.md).
ridp = {"name": "recipient_id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}
dc_err = {"401": err("no session"), "403": err("not a county clerk (create, accept, return, close, merged), or not the recipient's own township staff / site manager (answers)"), "404": err("absent or outside scope")}
dc_reply = resp("the answer", ref("DataCallReply"))
paths.update({
 "/api/v1/data-calls": {
   "get": {"summary": "Data calls: county users all, with completion (submitted of recipients) and overdue recipients; a township or site the calls addressed to it", "responses": {"200": resp("all calls (one page)", page_of("DataCallSummary")), "401": err("no session")}},
   "post": {"summary": "Send a data call (county clerks): recipients, one data_call_reply case each due on due_on, a data_call_received notice — one transaction", "parameters": [csrf],
     "requestBody": {"required": True, "content": {"application/json": {"schema": ref("NewDataCall")}}},
     "responses": {"201": resp("the call with its recipients", ref("DataCall")), **dc_err, "422": err("every fault at once: title, due_on, columns[i].*, recipients, township_codes[i], site_ids[i]")}}},
 "/api/v1/data-calls/{id}": {"parameters": [idp], "get": {"summary": "A call: columns, completion, the recipients the user sees with status and clock", "responses": {"200": resp("the call", ref("DataCall")), **dc_err}}},
 "/api/v1/data-calls/{id}/close": {"parameters": [idp], "post": {"summary": "Close the call (county clerks): open answers' cases end", "parameters": [csrf], "responses": {"200": resp("the call", ref("DataCall")), **dc_err, "409": err("closed already")}}},
 "/api/v1/data-calls/{id}/merged.xlsx": {"parameters": [idp], "get": {"summary": "The merged table (county users): sheet 汇总 (填报单位 then the call's columns; submitted and accepted answers) and sheet 填报情况 (recipients with status)", "responses": {"200": resp("the workbook", {"type": "string", "format": "binary"}, ctype=xlsx), **dc_err}}},
 "/api/v1/data-calls/{id}/merged.csv": {"parameters": [idp], "get": {"summary": "The merged sheet 汇总 as CSV (UTF-8 with BOM)", "responses": {"200": resp("the CSV", {"type": "string"}, ctype="text/csv"), **dc_err}}},
 "/api/v1/data-calls/{id}/replies/{recipient_id}": {"parameters": [idp, ridp],
   "get": {"summary": "One recipient's answer: columns, rows, status, clock, may_edit", "responses": {"200": dc_reply, **dc_err}},
   "put": {"summary": "Replace the answer's rows (the recipient's own users, while pending or returned); validated per column, every fault at once (field rows[i].key)", "parameters": [csrf],
     "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "required": ["rows"], "properties": {"rows": {"type": "array", "items": {"type": "object"}}}}}}},
     "responses": {"200": dc_reply, **dc_err, "409": err("submitted or accepted, or the call is closed"), "422": err("one detail per faulty cell: row, column, value, fix")}}},
 "/api/v1/data-calls/{id}/replies/{recipient_id}/template.xlsx": {"parameters": [idp, ridp], "get": {"summary": "A template of the call's columns (with the rows saved so far)", "responses": {"200": resp("the workbook", {"type": "string", "format": "binary"}, ctype=xlsx), **dc_err}}},
 "/api/v1/data-calls/{id}/replies/{recipient_id}/upload": {"parameters": [idp, ridp], "post": {"summary": "Replace the answer's rows from a spreadsheet of the call's columns (xlsx, xls, CSV, HTML; the importer's readers, header detection and cleaners); all or nothing", "parameters": [csrf, {"name": "X-File-Name", "in": "header", "required": False, "schema": {"type": "string"}, "description": "the file's name, percent-encoded"}],
     "requestBody": {"required": True, "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
     "responses": {"200": dc_reply, **dc_err, "409": err("submitted or accepted, or the call is closed"), "422": err("one detail per faulty cell: sheet, row, column letter, value, fix")}}},
 "/api/v1/data-calls/{id}/replies/{recipient_id}/submit": {"parameters": [idp, ridp], "post": {"summary": "Submit (or resubmit after a return): case transition submit/resubmit", "parameters": [csrf], "responses": {"200": dc_reply, **dc_err, "409": err("not pending or returned, or the call is closed"), "422": err("no rows")}}},
 "/api/v1/data-calls/{id}/replies/{recipient_id}/accept": {"parameters": [idp, ridp], "post": {"summary": "Accept a submitted answer (county clerks)", "parameters": [csrf], "responses": {"200": dc_reply, **dc_err, "409": err("not submitted, or the call is closed")}}},
 "/api/v1/data-calls/{id}/replies/{recipient_id}/return": {"parameters": [idp, ridp], "post": {"summary": "Return a submitted answer for correction (county clerks); note required", "parameters": [csrf],
     "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "required": ["note"], "properties": {"note": {"type": "string"}}}}}},
     "responses": {"200": dc_reply, **dc_err, "409": err("not submitted, or the call is closed"), "422": err("note missing")}}},
})
dc_col = {"type": "object", "required": ["key", "label_zh", "type"], "properties": {"key": {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,39}$"}, "label_zh": {"type": "string"}, "label_en": {"type": "string"},
  "type": {"type": "string", "enum": ["text", "integer", "decimal", "date", "enum"]}, "required": {"type": "boolean"}, "values": {"type": "array", "items": {"type": "string"}}}}
dc_recipient = {"type": "object", "properties": {"id": {"type": "integer"}, "level": {"type": "string", "enum": ["township", "site"]}, "township_code": {"type": "string"}, "site_id": nullable("integer"), "name": {"type": "string"},
  "status": {"type": "string", "enum": ["pending", "submitted", "returned", "accepted"]}, "submitted_at": nullable("string"), "rows": {"type": "integer"}, "case_id": nullable("integer"), "case_state": nullable("string"),
  "holder_level": nullable("string"), "due_on": nullable("string"), "overdue": {"type": "boolean"}, "escalation_level": {"type": "integer"}, "return_note": nullable("string"), "answers": {"type": "boolean"}}}
schemas.update({
 "NewDataCall": {"type": "object", "required": ["title", "due_on", "columns"], "properties": {"title": {"type": "string"}, "instructions": {"type": "string"}, "due_on": {"type": "string", "format": "date"},
   "columns": {"type": "array", "items": dc_col}, "recipients": {"type": "string", "enum": ["townships", "chosen"], "default": "townships"},
   "township_codes": {"type": "array", "items": {"type": "string"}}, "site_ids": {"type": "array", "items": {"type": "integer"}}}},
 "DataCallSummary": {"type": "object", "properties": {"id": {"type": "integer"}, "title": {"type": "string"}, "instructions": {"type": "string"}, "due_on": {"type": "string", "format": "date"}, "created_at": {"type": "string"},
   "closed_on": nullable("string"), "recipients": {"type": "integer"}, "submitted": {"type": "integer"}, "accepted": {"type": "integer"}, "overdue": {"type": "integer"}}},
 "DataCall": {"type": "object", "properties": {"id": {"type": "integer"}, "title": {"type": "string"}, "instructions": {"type": "string"}, "due_on": {"type": "string", "format": "date"}, "created_at": {"type": "string"},
   "closed_on": nullable("string"), "columns": {"type": "array", "items": dc_col}, "recipients": {"type": "array", "items": dc_recipient},
   "completion": {"type": "object", "properties": {"submitted": {"type": "integer"}, "of": {"type": "integer"}, "overdue": {"type": "integer"}}}, "may_manage": {"type": "boolean"}}},
 "DataCallReply": {"type": "object", "properties": {"call_id": {"type": "integer"}, "recipient": dc_recipient, "columns": {"type": "array", "items": dc_col}, "rows": {"type": "array", "items": {"type": "object"}}, "may_edit": {"type": "boolean"}}},
})
# visits (issue #15 item 2, docs/casework.md "visits") and the household's benefits (item 8).
visit_purposes = ["routine", "policy", "employment", "hardship", "follow_up", "other"]
visit_err = {"401": err("no session"), "403": err("CSRF token missing or wrong, or a role that may not record visits (auditor)"), "404": err("absent or outside scope"), "422": err("invalid fields, one detail per field")}
schemas.update({
 "NewVisit": {"type": "object", "required": ["visited_on", "purpose"], "additionalProperties": False, "properties": {
    "visited_on": {"type": "string", "format": "date", "description": "not in the future, not before the household's move-in (or split day), the household not ended by then"},
    "purpose": {"type": "string", "enum": visit_purposes, "description": "走访, 政策宣传, 就业帮扶, 困难排查, 回访, 其他"},
    "people": {"type": "array", "items": {"type": "integer"}, "description": "persons met: members of the household on the day"},
    "findings": {"type": "string"}, "follow_ups": {"type": "string"},
    "location_consent": {"type": "boolean", "default": False, "description": "the visitor ticked 'record my location' for this visit (PIPL art. 13/14); without it coordinates are refused (422 field location_consent)"},
    "latitude": {"type": ["number", "null"], "minimum": -90, "maximum": 90}, "longitude": {"type": ["number", "null"], "minimum": -180, "maximum": 180}}},
 "Visit": {"type": "object", "properties": {"id": {"type": "integer"}, "household_id": {"type": "integer"}, "household_no": {"type": "string"}, "site_id": {"type": "integer"}, "site_name": {"type": "string"},
    "visited_on": {"type": "string", "format": "date"}, "visitor_user_id": {"type": "integer"}, "visitor": {"type": "string"}, "cadre_id": nullable("integer"),
    "purpose": {"type": "string", "enum": visit_purposes}, "purpose_zh": {"type": "string"}, "purpose_en": {"type": "string"},
    "people": {"type": "array", "items": {"type": "object", "properties": {"person_id": {"type": "integer"}, "name": {"type": "string"}}}},
    "findings": {"type": "string"}, "follow_ups": {"type": "string"}, "location_consent": {"type": "boolean"}, "latitude": nullable("number"), "longitude": nullable("number"),
    "recorded_at": {"type": "string"}, "voided_on": nullable("string"), "voided_by": nullable("string"), "void_reason": nullable("string")}},
 "VisitStatsRow": {"type": "object", "properties": {"id": {"type": "integer", "description": "site id, or cadre id (0: visits credited to no cadre)"}, "name": {"type": "string"},
    "visits": {"type": "integer"}, "households_visited": {"type": "integer"}, "households_in_scope": {"type": "integer"}, "households_not_visited": {"type": "integer"}}},
 "Benefit": {"type": "object", "properties": {"module": {"type": "string"}, "kind": {"type": "string"}, "label_zh": {"type": "string"}, "label_en": {"type": "string"},
    "from": nullable("string"), "until": nullable("string"), "amount_fen": nullable("integer"), "person_id": nullable("integer"), "entity": nullable("string"), "entity_id": nullable("integer")}},
})
paths.update({
 "/api/v1/households/{id}/visits": {"parameters": [idp], "post": {"summary": "Record a visit (走访) to the household: any writing role in scope", "parameters": [csrf],
   "requestBody": {"required": True, "content": {"application/json": {"schema": ref("NewVisit")}}},
   "responses": {"201": resp("recorded", ref("Visit"), {"Location": {"schema": {"type": "string"}}}), **visit_err}}},
 "/api/v1/visits": {"get": {"summary": "Visits in scope, newest visit day first (voided ones only with voided=true)",
   "parameters": [q("household_id", "household", "integer"), q("cadre_id", "cadre credited", "integer"), q("site_id", "the household's site", "integer"),
                  q("from", "first day, inclusive", format="date"), q("to", "last day, inclusive", format="date"), q("voided", "true: include voided visits", "boolean"), *page],
   "responses": {"200": resp("a page", counted_page_of("Visit")), **common_err}}},
 "/api/v1/visits/stats": {"get": {"summary": "Visit statistics per site or per cadre over a period: visits, households visited, households in scope not visited",
   "parameters": [q("by", "site (default) | cadre"), q("from", "first day; default the first of to's month", format="date"), q("to", "last day; default today (China)", format="date")],
   "responses": {"200": resp("the table", {"type": "object", "properties": {"by": {"type": "string"}, "from": {"type": "string"}, "to": {"type": "string"},
       "items": {"type": "array", "items": ref("VisitStatsRow")}, "total": ref("VisitStatsRow")}}), **common_err}}},
 "/api/v1/visits/{id}": {"parameters": [idp], "get": {"summary": "One visit", "responses": {"200": resp("the visit", ref("Visit")), "401": err("no session"), "404": err("absent or outside scope")}}},
 "/api/v1/visits/{id}/void": {"parameters": [idp], "post": {"summary": "Void a visit entered in error (the row stays, with the reason)", "parameters": [csrf],
   "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "required": ["reason"], "additionalProperties": False, "properties": {"reason": {"type": "string"}}}}}},
   "responses": {"200": resp("voided", ref("Visit")), **visit_err, "409": err("already voided")}}},
 "/api/v1/households/{id}/benefits": {"parameters": [idp], "get": {"summary": "What the household has received from every programme (享受政策) as of a day: each module's Module::benefits",
   "parameters": [q("as_of", "YYYY-MM-DD; default today (China)", format="date")],
   "responses": {"200": resp("the list", {"type": "object", "properties": {"household_id": {"type": "integer"}, "as_of": {"type": "string"}, "items": {"type": "array", "items": ref("Benefit")}}}),
                 "401": err("no session"), "404": err("absent or outside scope"), "422": err("invalid as_of")}}},
})
# Industry charts (issue #16, figures area; docs/industry.md): read-only, within the reader's scope.
paths.update({
 "/api/v1/industry/charts/jobs-by-channel": {"get": {"summary": "Jobs current on as_of (not voided) of persons counted then, per site (current site of the household) and channel, with totals",
   "parameters": [q("as_of", "YYYY-MM-DD; default the statistics date", format="date")],
   "responses": {"200": resp("{as_of, sites: [{site_id, site_name, channels: {channel: jobs}}], totals: {channel: jobs}}", {"type": "object"}), "401": err("no session"), "422": err("invalid as_of")}}},
 "/api/v1/industry/charts/employment-rate": {"get": {"summary": "The county report's labour figures at each month end from..to (at most 36 months; the current month up to today): county and per site",
   "parameters": [q("from", "YYYY-MM; default 11 months before to"), q("to", "YYYY-MM; default the statistics date's month")],
   "responses": {"200": resp("{county: [{month, as_of, working_age, employed, rate}], sites: [{site_id, site_name, rates: [rate|null per month]}]}", {"type": "object"}), "401": err("no session"), "422": err("from/to not YYYY-MM, or more than 36 months")}}},
 "/api/v1/industry/charts/certificates-by-kind": {"get": {"summary": "Certificates issued on or before as_of by kind, of persons in scope; kinds null while the training area has no certificates table",
   "parameters": [q("as_of", "YYYY-MM-DD; default today (China)", format="date")],
   "responses": {"200": resp("{as_of, kinds: {kind: count} | null}", {"type": "object"}), "401": err("no session"), "422": err("invalid as_of")}}},
})
# ---- industry: skills training (issue #16 item 5; docs/industry.md "Training") ----
obj = {"type": "object"}
tr_w = {"401": err("no session"), "403": err("CSRF, or a role without industry.manage, or a target site outside the scope (field named)"), "404": err("absent or outside scope"), "409": err("conflict: already enrolled, class full, one subsidy per person + occupation + level (names the earlier certificate), stale If-Match"), "422": err("invalid fields (each named, en + zh)")}
def body(props, required=()): return {"required": True, "content": {"application/json": {"schema": {"type": "object", "required": list(required), "additionalProperties": False, "properties": props}}}}
class_props = {"course_id": {"type": "integer"}, "name": {"type": "string"}, "provider": {"type": "string"}, "site_id": {"type": "integer"}, "from": {"type": "string", "format": "date"}, "until": {"type": "string", "format": "date", "description": "the class's last day (inclusive)"}, "hours": {"type": "integer", "minimum": 1}, "capacity": {"type": ["integer", "null"], "minimum": 1}, "note": {"type": "string"}}
paths.update({
 "/api/v1/courses": {
   "get": {"summary": "Courses (the article's 11 reference kinds and those added), with the classes the scope sees", "responses": {"200": resp("all courses (one page)", obj), **common_err}},
   "post": {"summary": "Add a course (industry.manage)", "parameters": [csrf], "requestBody": body({"name": {"type": "string"}, "name_en": {"type": "string"}, "occupation": {"type": "string"}}, ["name"]), "responses": {"201": resp("created", obj), **tr_w}}},
 "/api/v1/training-classes": {
   "get": {"summary": "Training classes at sites the scope sees, newest first, with enrolled/completed/dropped/certificate counts", "parameters": [q("site_id", "site", "integer"), q("course_id", "course", "integer")], "responses": {"200": resp("classes (one page)", obj), **common_err}},
   "post": {"summary": "Add a class at a site in scope (industry.manage)", "parameters": [csrf], "requestBody": body(class_props, ["course_id", "provider", "site_id", "from", "until", "hours"]), "responses": {"201": resp("created", obj, etag_h), **tr_w}}},
 "/api/v1/training-classes/{id}": {"parameters": [idp],
   "get": {"summary": "A class with its enrolments (persons in scope) and certificates", "responses": {"200": resp("the class", obj, etag_h), "401": err("no session"), "404": err("absent or outside scope")}},
   "patch": {"summary": "Change a class (If-Match); recorded attendance must still fit", "parameters": [ifmatch, csrf], "requestBody": body(class_props), "responses": {"200": resp("changed", obj, etag_h), **tr_w, "428": err("If-Match missing")}}},
 "/api/v1/training-classes/{id}/enrolments": {"parameters": [idp],
   "get": {"summary": "Enrolments of the class (persons in scope)", "responses": {"200": resp("enrolments (one page)", obj), "401": err("no session"), "404": err("absent or outside scope")}},
   "post": {"summary": "Enrol a person in scope (not twice, not beyond capacity)", "parameters": [csrf], "requestBody": body({"person_id": {"type": "integer"}, "enrolled_on": {"type": "string", "format": "date"}}, ["person_id"]), "responses": {"201": resp("created", obj, etag_h), **tr_w}}},
 "/api/v1/training-classes/{id}/follow-up": {"parameters": [idp],
   "get": {"summary": "Who of the class has a current job N months after its last day, N from setting training.followup_months; per person and the rate among completers per N", "responses": {"200": resp("points and rows", obj), "401": err("no session"), "404": err("absent or outside scope")}}},
 "/api/v1/training-enrolments/{id}": {"parameters": [idp],
   "patch": {"summary": "Record attendance, completion (completed_on) or a drop (dropped_on + drop_reason); never deleted", "parameters": [ifmatch, csrf], "requestBody": body({"attended_days": {"type": "integer"}, "attended_hours": {"type": "integer"}, "completed_on": {"type": ["string", "null"], "format": "date"}, "dropped_on": {"type": ["string", "null"], "format": "date"}, "drop_reason": {"type": "string"}}), "responses": {"200": resp("changed", obj, etag_h), **tr_w, "428": err("If-Match missing")}}},
 "/api/v1/certificates": {
   "get": {"summary": "Certificates of persons in scope", "parameters": [q("person_id", "person", "integer"), q("class_id", "class", "integer"), q("include_voided", "true: also voided ones", "boolean")], "responses": {"200": resp("certificates (one page, at most 2000)", obj), **common_err}},
   "post": {"summary": "Record a certificate (kind training | skill_level | qualification | special; level for skill_level and qualification); one subsidy per person + occupation + level", "parameters": [csrf], "requestBody": body({"person_id": {"type": "integer"}, "kind": {"type": "string"}, "level": {"type": "string"}, "occupation": {"type": "string"}, "number": {"type": "string"}, "issuer": {"type": "string"}, "issued_on": {"type": "string", "format": "date"}, "class_id": {"type": "integer"}, "subsidy_fen": {"type": "integer", "minimum": 0}, "note": {"type": "string"}}, ["person_id", "kind", "occupation", "issued_on"]), "responses": {"201": resp("created", obj, etag_h), **tr_w}}},
 "/api/v1/certificates/{id}": {"parameters": [idp],
   "get": {"summary": "A certificate", "responses": {"200": resp("the certificate", obj, etag_h), "401": err("no session"), "404": err("absent or outside scope")}}},
 "/api/v1/certificates/{id}/void": {"parameters": [idp],
   "post": {"summary": "Void a certificate entered in error (kept, no longer counted nor blocking a subsidy)", "parameters": [ifmatch, csrf], "requestBody": body({"reason": {"type": "string"}}, ["reason"]), "responses": {"200": resp("voided", obj, etag_h), **tr_w, "428": err("If-Match missing")}}},
})
# ---- places: parks and workshops (issue #16 items 1-2; docs/industry.md "Places", src/industry/README.md) ----
place_w = {"401": err("no session"), "403": err("CSRF, a role that may not manage them (parks: county roles and township staff; workshops: also site managers — action industry.manage), or a site named outside the scope (field site_id / served_site_ids)"), "404": err("absent or outside scope"), "422": err("invalid fields, every one named (en + zh)")}
asof_q = q("as_of", "YYYY-MM-DD: jobs and workers current on that day; default today (China)", format="date")
paths.update({
 "/api/v1/parks": {
   "get": {"summary": "Parks the scope sees (one of its sites, own or served, is seen), each with jobs = current jobs with park_id on as_of", "parameters": [asof_q], "responses": {"200": resp("all parks (one page)", page_of("Park")), **common_err}},
   "post": {"summary": "Add a park (county roles, township staff; every site in scope)", "parameters": [csrf], "requestBody": {"required": True, "content": {"application/json": {"schema": ref("ParkFields")}}},
            "responses": {"201": resp("created", ref("Park"), etag_h), **place_w, "409": err("name taken")}}},
 "/api/v1/parks/{id}": {"parameters": [idp],
   "get": {"summary": "A park with the sites it serves and its current jobs on as_of (persons in the reader's scope)", "parameters": [asof_q], "responses": {"200": resp("the park", ref("Park"), etag_h), "401": err("no session"), "404": err("absent or outside scope")}},
   "patch": {"summary": "Change a park (the fields given; null clears)", "parameters": [ifmatch, csrf], "requestBody": {"required": True, "content": {"application/json": {"schema": ref("ParkFields")}}},
             "responses": {"200": resp("changed", ref("Park"), etag_h), **place_w, "409": err("stale If-Match, or name taken"), "428": err("If-Match missing")}}},
 "/api/v1/workshops": {
   "get": {"summary": "Workshops the scope sees with their recognition on as_of (workers, min_workers from setting workshop.recognition_min_workers, below_minimum flag)", "parameters": [asof_q, q("site_id", "site", "integer"), q("include_closed", "true: also workshops closed on as_of", "boolean")], "responses": {"200": resp("all workshops (one page)", page_of("Workshop")), **common_err}},
   "post": {"summary": "Add a workshop (industry.manage, site in scope)", "parameters": [csrf], "requestBody": {"required": True, "content": {"application/json": {"schema": ref("WorkshopFields")}}},
            "responses": {"201": resp("created", ref("Workshop"), etag_h), **place_w, "409": err("the site has a workshop of that name")}}},
 "/api/v1/workshops/{id}": {"parameters": [idp],
   "get": {"summary": "A workshop with its recognition on as_of", "parameters": [asof_q], "responses": {"200": resp("the workshop", ref("Workshop"), etag_h), "401": err("no session"), "404": err("absent or outside scope")}},
   "patch": {"summary": "Change a workshop (the fields given; null clears); closing is POST …/close", "parameters": [ifmatch, csrf], "requestBody": {"required": True, "content": {"application/json": {"schema": ref("WorkshopFields")}}},
             "responses": {"200": resp("changed", ref("Workshop"), etag_h), **place_w, "409": err("stale If-Match, or name taken at the site"), "428": err("If-Match missing")}}},
 "/api/v1/workshops/{id}/workers": {"parameters": [idp], "get": {"summary": "Workers on as_of (persons of relocated households with a current job with workshop_id; rows of persons in the reader's scope, count over all) and the count on the first day of each of the 12 months up to as_of", "parameters": [asof_q],
   "responses": {"200": resp("the workers", {"type": "object", "properties": {"workshop_id": {"type": "integer"}, "as_of": {"type": "string"}, "workers": {"type": "integer"}, "recognition": ref("Recognition"), "items": {"type": "array", "items": ref("PlaceJob")}, "months": {"type": "array", "items": {"type": "object", "properties": {"on": {"type": "string", "format": "date"}, "workers": {"type": "integer"}}}}}}), "401": err("no session"), "404": err("absent or outside scope")}}},
 "/api/v1/workshops/{id}/close": {"parameters": [idp], "post": {"summary": "Close a workshop: closed_on (first day closed; after opened_on, not after today) and reason", "parameters": [ifmatch, csrf],
   "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "required": ["closed_on", "reason"], "additionalProperties": False, "properties": {"closed_on": {"type": "string", "format": "date"}, "reason": {"type": "string"}}}}}},
   "responses": {"200": resp("closed", ref("Workshop"), etag_h), **place_w, "409": err("stale If-Match"), "428": err("If-Match missing")}}},
})
schemas.update({
 "ParkFields": {"type": "object", "additionalProperties": False, "properties": {"name": {"type": "string"}, "site_id": {"type": "integer"}, "kind": {"type": "string", "description": "shiitake | vegetable_greenhouse | e_commerce | edible_fungus_greenhouse | leisure_agriculture | fruit_vegetable_greenhouse | solar_greenhouse_vegetable | donkey_breeding | red_date_processing | red_date_walnut_processing | other"},
    "area_mu": {"type": ["string", "number", "null"], "description": "mu, ≥ 0, at most two decimals (stored in centimu)"}, "head_count": {"type": ["integer", "null"]}, "operator": {"type": ["string", "null"]}, "operator_kind": {"type": ["string", "null"], "description": "cooperative | enterprise | village"},
    "status": {"type": "string", "description": "built | planned"}, "built_on": {"type": ["string", "null"], "format": "date", "description": "built: not after today"}, "planned_on": {"type": ["string", "null"], "format": "date", "description": "planned: required"}, "note": {"type": ["string", "null"]}, "served_site_ids": {"type": "array", "items": {"type": "integer"}, "description": "further sites it serves (in the writer's scope)"}}},
 "Park": {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}, "site_id": {"type": "integer"}, "site_name": {"type": "string"}, "kind": {"type": "string"}, "area_centimu": nullable("integer"), "area_mu": {"type": ["number", "null"]}, "head_count": nullable("integer"), "operator": {"type": "string"}, "operator_kind": nullable("string"),
    "status": {"type": "string"}, "built_on": nullable("string"), "planned_on": nullable("string"), "note": {"type": "string"}, "served_site_ids": {"type": "array", "items": {"type": "integer"}}, "version": {"type": "integer"}, "jobs": {"type": "integer", "description": "current jobs with park_id on as_of (list and detail)"},
    "served_sites": {"type": "array", "description": "detail only", "items": {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}}}, "job_list": {"type": "array", "description": "detail only", "items": ref("PlaceJob")}}},
 "WorkshopFields": {"type": "object", "additionalProperties": False, "properties": {"site_id": {"type": "integer"}, "name": {"type": "string"}, "kind": {"type": ["string", "null"], "description": "product kind of the ledger"}, "enterprise": {"type": ["string", "null"]}, "products": {"type": ["string", "null"]}, "type": {"type": ["string", "null"], "description": "factory | home | farming | trade | tourism"},
    "opened_on": {"type": ["string", "null"], "format": "date"}, "rent_free_years": {"type": ["integer", "null"], "description": "0–20 (the county's ten policies: 3–5)"}, "subsidy_fen": {"type": ["integer", "null"]}, "incentive_note": {"type": ["string", "null"]}, "recognised_on": {"type": ["string", "null"], "format": "date"}, "level": {"type": ["string", "null"], "description": "workshop | factory; with recognised_on"}}},
 "Workshop": {"type": "object", "properties": {"id": {"type": "integer"}, "site_id": {"type": "integer"}, "site_name": {"type": "string"}, "name": {"type": "string"}, "kind": nullable("string"), "enterprise": {"type": "string"}, "products": {"type": "string"}, "type": nullable("string"), "opened_on": nullable("string"), "closed_on": nullable("string"), "close_reason": {"type": "string"},
    "rent_free_years": nullable("integer"), "subsidy_fen": nullable("integer"), "incentive_note": {"type": "string"}, "recognised_on": nullable("string"), "level": nullable("string"), "version": {"type": "integer"}, "recognition": ref("Recognition")}},
 "Recognition": {"type": "object", "properties": {"recognised": {"type": "boolean"}, "workers": {"type": "integer"}, "min_workers": {"type": "integer"}, "below_minimum": {"type": "boolean", "description": "recognised and fewer workers than min_workers: flagged"}, "meets_minimum": {"type": "boolean"}}},
 "PlaceJob": {"type": "object", "properties": {"job_id": {"type": "integer"}, "person_id": {"type": "integer"}, "person_name": {"type": "string"}, "household_id": {"type": "integer"}, "household_no": {"type": "string"}, "category": {"type": "string"}, "channel": {"type": "string"}, "started_on": {"type": "string"}, "site_name": {"type": "string"}}},
})
# industry services (issue #16 items 4 and 7, docs/industry.md "Services"): zero-employment
# alerts and their follow-up, vacancies, job seekers and their services.
svc_err = {"401": err("no session"), "403": err("CSRF token missing or wrong, or a role without jobs.record / industry.manage"), "404": err("absent or outside scope"), "422": err("invalid fields, one detail per field")}
obj = {"type": "object"}
new_service = {"type": "object", "required": ["kind", "given_on"], "properties": {
    "kind": {"type": "string", "enum": ["introduction", "job_offer", "training_offer", "follow_up", "return_home_follow_up"]},
    "outcome": {"type": "string", "enum": ["pending", "accepted", "refused", "no_answer"], "default": "pending"},
    "vacancy_id": nullable("integer"), "given_on": {"type": "string", "format": "date"}, "note": {"type": "string"}}}
paths.update({
 "/api/v1/zero-employment": {"get": {"summary": "Zero-employment households (零就业家庭) on as_of in scope, with their follow-up case and clearing; a grid worker sees its grid",
   "parameters": [q("as_of", "YYYY-MM-DD; default today (China)", format="date"), q("site_id", "site", "integer"), q("grid_id", "grid", "integer")],
   "responses": {"200": resp("the list: {as_of, total, open, items}", obj), **common_err}}},
 "/api/v1/zero-employment/{id}": {"parameters": [idp], "get": {"summary": "One household (id = household id) as of a day: the rule, the follow-up, members with the services given to them",
   "parameters": [q("as_of", "YYYY-MM-DD; default today (China)", format="date")],
   "responses": {"200": resp("the household", obj), "401": err("no session"), "404": err("absent or outside scope")}}},
 "/api/v1/zero-employment/{id}/services": {"parameters": [idp], "post": {"summary": "Record a service (offer, contact) to a member of the household (registers them as a job seeker when needed); an open follow-up moves to following_up. jobs.record, in scope", "parameters": [csrf],
   "requestBody": {"required": True, "content": {"application/json": {"schema": {"allOf": [new_service, {"type": "object", "required": ["person_id"], "properties": {"person_id": {"type": "integer"}}}]}}}},
   "responses": {"201": resp("recorded: {id}", obj), **svc_err}}},
 "/api/v1/zero-employment/cases/{id}/clear": {"parameters": [idp], "post": {"summary": "Clear a zero-employment follow-up (case id) with a documented reason: refused_offers (>= zero_employment.refusals refused job offers), lost_contact (>= zero_employment.lost_contact_months months of unanswered contacts), no_longer_able; employed clears by itself. jobs.record, in scope",
   "parameters": [csrf, ifmatch],
   "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "required": ["reason"], "properties": {
       "reason": {"type": "string", "enum": ["employed", "refused_offers", "lost_contact", "no_longer_able"]}, "date": {"type": "string", "format": "date"}, "note": {"type": "string"}}}}}},
   "responses": {"200": resp("cleared: {case_id, version, reason}", obj, etag_h), **svc_err, "409": err("stale version, or employed while no member works"), "428": err("If-Match missing")}}},
 "/api/v1/vacancies": {"get": {"summary": "Vacancies open on as_of (all=true: every one); every role reads them",
   "parameters": [q("as_of", "YYYY-MM-DD; default today (China)", format="date"), q("site_id", "site (and county-wide ones)", "integer"), q("all", "true: also closed ones", "boolean")],
   "responses": {"200": resp("the list", obj), **common_err}},
   "post": {"summary": "Create a vacancy (industry.manage; its site in scope)", "parameters": [csrf],
   "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "required": ["employer", "post", "openings", "open_from"], "properties": {
       "employer": {"type": "string"}, "post": {"type": "string"}, "channel": {"type": "string"}, "monthly_pay_fen": nullable("integer"), "place": nullable("string"),
       "openings": {"type": "integer", "minimum": 1}, "open_from": {"type": "string", "format": "date"}, "open_until": nullable("string"), "site_id": nullable("integer"),
       "age_min": nullable("integer"), "age_max": nullable("integer"), "note": {"type": "string"}}}}}},
   "responses": {"201": resp("created", obj, {"Location": {"schema": {"type": "string"}}}), **svc_err}}},
 "/api/v1/vacancies/{id}": {"parameters": [idp], "get": {"summary": "One vacancy", "responses": {"200": resp("the vacancy", obj), "401": err("no session"), "404": err("absent")}}},
 "/api/v1/vacancies/{id}/matches": {"parameters": [idp], "get": {"summary": "Registered job seekers in scope that fit the vacancy on as_of (members of zero-employment households first)",
   "parameters": [q("as_of", "YYYY-MM-DD; default today (China)", format="date")],
   "responses": {"200": resp("the seekers", obj), "401": err("no session"), "404": err("absent")}}},
 "/api/v1/job-seekers": {"get": {"summary": "Job seekers registered on as_of in scope, with the services given (\"1 introduction, 3 job offers, 1 training offer\")",
   "parameters": [q("as_of", "YYYY-MM-DD; default today (China)", format="date"), q("site_id", "site", "integer")],
   "responses": {"200": resp("the list", obj), **common_err}},
   "post": {"summary": "Register a person as a job seeker (jobs.record, in scope; one open registration per person)", "parameters": [csrf],
   "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "required": ["person_id"], "properties": {
       "person_id": {"type": "integer"}, "registered_on": {"type": "string", "format": "date"}, "wishes": {"type": "string"}, "wanted_place": nullable("string"), "min_pay_fen": nullable("integer")}}}}},
   "responses": {"201": resp("registered", obj), **svc_err, "409": err("already registered")}}},
 "/api/v1/job-seekers/{id}": {"parameters": [idp], "get": {"summary": "One job seeker", "responses": {"200": resp("the seeker", obj), "401": err("no session"), "404": err("absent or outside scope")}}},
 "/api/v1/job-seekers/{id}/services": {"parameters": [idp], "get": {"summary": "The services given to a seeker", "responses": {"200": resp("{seeker, items}", obj), "401": err("no session"), "404": err("absent or outside scope")}},
   "post": {"summary": "Record a service to the seeker (jobs.record, in scope)", "parameters": [csrf],
   "requestBody": {"required": True, "content": {"application/json": {"schema": new_service}}},
   "responses": {"201": resp("recorded: {id}", obj), **svc_err}}},
})
# public-welfare posts (issue #16 item 6, docs/industry.md "Posts", src/industry/posts.h).
post_err = {"401": err("no session"), "403": err("CSRF token wrong, or no industry.manage (CanManageIndustry)"), "404": err("absent or outside scope"), "409": err("a named rule (posts.one_per_person, posts.per_household, posts.quota) or a stale If-Match"), "422": err("invalid fields or a named rule (posts.age_min, posts.age_block, posts.outside_county, posts.publicity_days), one detail each")}
obj = {"type": "object"}
month_p = {"name": "month", "in": "path", "required": True, "schema": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"}}
paths.update({
 "/api/v1/post-kinds": {"get": {"summary": "The post kinds catalogue (巡河员, 护林员, 保洁员, 公路养护员 …: level, funding, monthly subsidy fen)", "responses": {"200": resp("the kinds", obj), "401": err("no session")}},
   "post": {"summary": "Add a post kind (county-level industry.manage)", "parameters": [csrf], "requestBody": {"required": True, "content": {"application/json": {"schema": obj}}},
            "responses": {"201": resp("added", obj), **post_err}}},
 "/api/v1/post-quotas": {"get": {"summary": "Quotas per site and kind in scope with their use on as_of", "parameters": [q("site_id", "one site", "integer"), q("as_of", "YYYY-MM-DD; default today", format="date")],
            "responses": {"200": resp("the quotas", obj), "401": err("no session"), "422": err("invalid parameter")}},
   "post": {"summary": "Set a quota of a kind at a site from a day (periods of one site and kind never overlap)", "parameters": [csrf], "requestBody": {"required": True, "content": {"application/json": {"schema": obj}}},
            "responses": {"201": resp("added", obj), **post_err}}},
 "/api/v1/posts": {"get": {"summary": "Post holdings in scope", "parameters": [q("site_id", "site", "integer"), q("kind_id", "kind", "integer"), q("person_id", "person", "integer"), q("household_id", "household", "integer"), q("as_of", "only holdings current on the day", format="date"), q("current", "true: current today", "boolean")],
            "responses": {"200": resp("the holdings", obj), "401": err("no session"), "422": err("invalid parameter")}},
   "post": {"summary": "Assign a post: checks the rules (named refusals), makes the holding's job (channel welfare_post) in the same transaction; answers warnings (posts.age_max)", "parameters": [csrf], "requestBody": {"required": True, "content": {"application/json": {"schema": obj}}},
            "responses": {"201": resp("assigned", obj, etag_h), **post_err}}},
 "/api/v1/posts/candidates": {"get": {"summary": "Persons at a site who may be given a post today: formerly-poor households first", "parameters": [q("site_id", "the site (required)", "integer"), q("as_of", "YYYY-MM-DD; default today", format="date")],
            "responses": {"200": resp("the candidates", obj), "401": err("no session"), "404": err("no such site"), "422": err("site_id missing")}}},
 "/api/v1/posts/{id}": {"parameters": [idp], "get": {"summary": "A holding with its months", "responses": {"200": resp("the holding", obj, etag_h), "401": err("no session"), "404": err("absent or outside scope")}},
   "patch": {"summary": "Change contract_until, monthly_subsidy_fen, note (the job follows)", "parameters": [ifmatch, csrf], "requestBody": {"required": True, "content": {"application/json": {"schema": obj}}},
             "responses": {"200": resp("changed", obj, etag_h), **post_err, "428": err("If-Match missing")}}},
 "/api/v1/posts/{id}/end": {"parameters": [idp], "post": {"summary": "End a holding and its job on ended_on with a reason", "parameters": [ifmatch, csrf], "requestBody": {"required": True, "content": {"application/json": {"schema": obj}}},
             "responses": {"200": resp("ended", obj, etag_h), **post_err, "428": err("If-Match missing")}}},
 "/api/v1/posts/{id}/months/{month}": {"parameters": [idp, month_p], "put": {"summary": "Record a month's attendance and assessment (days_worked, assessment excellent/pass/fail, paid_fen, note)", "parameters": [csrf], "requestBody": {"required": True, "content": {"application/json": {"schema": obj}}},
             "responses": {"200": resp("recorded", obj, etag_h), **post_err}}},
})
# industry jobs (issue #16 item 3, docs/industry.md "Jobs").
job_channels = ["workshop", "park", "welfare_post", "enterprise", "migrant_work", "self_employed", "flexible", "other"]
job_places = ["township", "county", "province", "outside"]
job_err = {"401": err("no session"), "403": err("CSRF token missing or wrong, or a role without jobs.record (auditor)"), "404": err("absent or outside scope"), "422": err("invalid fields or a job rule, one detail per field")}
job_fields = {
    "channel": {"type": "string", "enum": job_channels, "description": "就业渠道 (wire name or Chinese label)"},
    "employer": {"type": "string"}, "workshop_id": nullable("integer"), "park_id": nullable("integer"),
    "place": {"type": ["string", "null"], "enum": job_places + [None], "description": "务工地点; province/outside (县外) not with welfare_post or workshop (5_01_003)"},
    "work_county": {"type": "string", "description": "务工所在县"},
    "started_on": {"type": "string", "format": "date", "description": "not after today, not before birth + labor.age_min"},
    "ended_on": {"type": ["string", "null"], "format": "date", "description": "first day without the job (after started_on)"},
    "end_reason": {"type": "string"}, "monthly_income_fen": nullable("integer"), "months_per_year": {"type": ["integer", "null"], "minimum": 0, "maximum": 12},
    "note": {"type": "string"}}
schemas.update({
 "NewJob": {"type": "object", "required": ["channel", "started_on"], "additionalProperties": False, "properties": job_fields},
 "JobPatch": {"type": "object", "additionalProperties": False, "properties": job_fields},
 "Job": {"type": "object", "properties": {**job_fields, "id": {"type": "integer"}, "person_id": {"type": "integer"}, "person_name": {"type": "string"},
    "household_id": {"type": "integer"}, "household_no": {"type": "string"}, "site_id": {"type": "integer"}, "channel_zh": {"type": "string"}, "channel_en": {"type": "string"},
    "place_zh": nullable("string"), "place_en": nullable("string"), "post_holding_id": nullable("integer"),
    "source": {"type": "string", "enum": ["entered", "import", "migrated", "post", "registry"]}, "recorded_by": {"type": "string"}, "recorded_at": {"type": "string"},
    "voided_at": nullable("string"), "void_reason": nullable("string"), "current": {"type": "boolean", "description": "current today (or on as_of in lists)"}, "version": {"type": "integer"}}},
})
job_list = {"type": "object", "properties": {"items": {"type": "array", "items": ref("Job")}}}
paths.update({
 "/api/v1/persons/{id}/jobs": {"parameters": [idp],
   "get": {"summary": "Every job of the person (ended and voided too), oldest start first", "responses": {"200": resp("the jobs", job_list), "401": err("no session"), "404": err("absent or outside scope")}},
   "post": {"summary": "Record a job (jobs.record: writing roles and the cadre, in scope); writes persons.employment_kind (cache) in the same transaction", "parameters": [csrf],
     "requestBody": {"required": True, "content": {"application/json": {"schema": ref("NewJob")}}},
     "responses": {"201": resp("recorded", ref("Job"), {"Location": {"schema": {"type": "string"}}, **etag_h}), **job_err}}},
 "/api/v1/households/{id}/jobs": {"parameters": [idp], "get": {"summary": "The members' jobs current on as_of (default today)",
   "parameters": [q("as_of", "YYYY-MM-DD; default today (China)", format="date")],
   "responses": {"200": resp("the jobs", job_list), "401": err("no session"), "404": err("absent or outside scope"), "422": err("invalid as_of")}}},
 "/api/v1/jobs": {"get": {"summary": "Jobs in scope, newest record first (voided only with voided=true; as_of: current on that day)",
   "parameters": [q("site_id", "the household's site", "integer"), q("channel", "a channel"), q("as_of", "only jobs current on this day", format="date"),
                  q("person_id", "person", "integer"), q("household_id", "the person's household", "integer"), q("voided", "true: include voided jobs", "boolean"), *page],
   "responses": {"200": resp("a page", counted_page_of("Job")), **common_err}}},
 "/api/v1/jobs/{id}": {"parameters": [idp],
   "get": {"summary": "One job", "responses": {"200": resp("the job", ref("Job"), etag_h), "401": err("no session"), "404": err("absent or outside scope")}},
   "patch": {"summary": "Change a job's entered values (If-Match)", "parameters": [csrf, ifmatch],
     "requestBody": {"required": True, "content": {"application/json": {"schema": ref("JobPatch")}}},
     "responses": {"200": resp("changed", ref("Job"), etag_h), **job_err, "409": err("stale version or voided"), "428": err("If-Match missing")}}},
 "/api/v1/jobs/{id}/end": {"parameters": [idp], "post": {"summary": "End a job on ended_on (first day without it) with a reason; If-Match optional", "parameters": [csrf],
   "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "required": ["ended_on", "reason"], "additionalProperties": False,
       "properties": {"ended_on": {"type": "string", "format": "date"}, "reason": {"type": "string"}}}}}},
   "responses": {"200": resp("ended", ref("Job"), etag_h), **job_err, "409": err("already ended, voided or stale version")}}},
 "/api/v1/jobs/{id}/void": {"parameters": [idp], "post": {"summary": "Void a job entered in error (the row stays, with the reason); If-Match optional", "parameters": [csrf],
   "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "required": ["reason"], "additionalProperties": False, "properties": {"reason": {"type": "string"}}}}}},
   "responses": {"200": resp("voided", ref("Job"), etag_h), **job_err, "409": err("already voided or stale version")}}},
})
doc = {"openapi": "3.1.0",
       "info": {"title": "anju (安居) API", "version": "1", "description": "Registry and follow-up support for poverty-alleviation relocation (易地扶贫搬迁). Errors: one envelope {error:{code,message,message_zh,field,value,details}}. See docs/api.md."},
       "servers": [{"url": "/"}],
       "security": [{"session": []}],
       "paths": paths,
       "components": {"securitySchemes": {"session": {"type": "apiKey", "in": "cookie", "name": "anju_session"}}, "schemas": schemas}}
print(json.dumps(doc, ensure_ascii=False, indent=1))
