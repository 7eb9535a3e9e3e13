// JSON of the auth module's routes (session, users, audit trail); see json.h. Moved from the
// former http/dto.cc (issue #13).
#include "auth/http/json.h"

#include "http/envelope.h"
#include "http/json_body.h"
#include "http/reply.h"

namespace anju::auth {

using namespace anju::http;  // BodyReader, Field, EnumField, OptText, NothingToChange …
using nlohmann::json;

namespace {

std::string_view LevelName(AccessScope::Level l) {
  switch (l) {
    case AccessScope::Level::kCounty: return "county";
    case AccessScope::Level::kTownship: return "township";
    case AccessScope::Level::kSite: return "site";
    case AccessScope::Level::kGrid: return "grid";
    case AccessScope::Level::kAssigned: return "assigned";
  }
  return "county";
}

}  // namespace

json ScopeJson(const AccessScope& scope) {
  json j{{"level", LevelName(scope.level)}};
  switch (scope.level) {
    case AccessScope::Level::kTownship: j["township_code"] = scope.township_code; break;
    case AccessScope::Level::kSite: j["site_id"] = scope.site_id; break;
    case AccessScope::Level::kGrid: j["grid_id"] = scope.grid_id; break;
    case AccessScope::Level::kCounty:
    case AccessScope::Level::kAssigned: break;
  }
  // A cadre's households (any level; docs/casework.md "Roles").
  if (!scope.assigned_household_ids.empty()) j["assigned_household_ids"] = scope.assigned_household_ids;
  return j;
}

json CapabilitiesJson(const auth::Capabilities& caps) {
  json scope = ScopeJson(caps.scope);
  scope["label"] = caps.scope_label;
  json actions = json::array();
  for (auth::Action a : caps.actions) actions.push_back(auth::ActionName(a));
  json enums = json::object();
  for (const auto& e : caps.enums) enums[e.kind] = e.values;
  return json{
      {"role", RoleName(caps.role)},
      {"scope", std::move(scope)},
      {"actions", std::move(actions)},
      {"enums", std::move(enums)},
      {"policy",
       {{"working_age",
         {{"min_years", caps.working_age.min_years},
          {"max_years", caps.working_age.max_years},
          {"source", caps.working_age.source}}}}},
  };
}

json SessionJson(const auth::Session& s, const DatabaseFacts& facts,
                 const auth::Capabilities& caps) {
  return json{
      {"username", s.username},
      {"display_name", s.display_name},
      {"role", RoleName(s.role)},
      {"scope", ScopeJson(s.scope)},
      {"csrf_token", s.csrf_token},
      {"must_change_password", s.must_change_password},
      {"expires_at", s.expires_at},
      {"database",
       {{"is_demo", facts.is_demo},
        {"county_code", facts.county_code},
        {"county_name", facts.county_name},
        {"statistics_date", OptText(facts.statistics_date)}}},
      {"capabilities", CapabilitiesJson(caps)},
  };
}

json AuditRecordJson(const auth::AuditRecord& r) {
  json changes = json::object();
  json parsed = json::parse(r.changes, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_object()) {
    for (auto& [k, v] : parsed.items()) {
      if (v.is_array() && v.size() == 2) changes[k] = json{{"from", v[0]}, {"to", v[1]}};
      else changes[k] = v;
    }
  } else if (!r.changes.empty()) {
    changes["raw"] = r.changes;
  }
  return json{
      {"seq", r.seq},
      {"at", r.at},
      {"username", r.username},
      {"role", r.role},
      {"action", r.action},
      {"entity", r.entity},
      {"entity_id", r.entity_id},
      {"household_no", OptText(r.household_no)},
      {"person",
       r.person_name.empty() && r.person_resident_id.empty()
           ? json(nullptr)
           : json{{"name", r.person_name}, {"resident_id", r.person_resident_id}}},
      {"changes", std::move(changes)},
      {"source", OptText(r.source)},
      {"client", r.client},
  };
}

json UserJson(const auth::UserInfo& u) {
  return json{
      {"id", u.id},
      {"username", u.username},
      {"display_name", u.display_name},
      {"role", RoleName(u.role)},
      {"scope", ScopeJson(u.scope)},
      {"scope_label", u.scope_label},
      {"cadre_id", u.cadre_id ? json(u.cadre_id) : json(nullptr)},
      {"must_change_password", u.must_change_password},
      {"disabled", u.disabled},
      {"is_demo", u.is_demo},
      {"failed_logins", u.failed_logins},
      {"locked_until", u.locked_until > 0 ? json(u.locked_until) : json(nullptr)},
      {"version", u.version},
      {"created_at", u.created_at},
      {"updated_at", u.updated_at},
  };
}

json CreatedUserJson(const auth::CreatedUser& c) {
  return json{{"user", UserJson(c.user)}, {"one_time_password", OptText(c.one_time_password)}};
}

namespace {

// role + the scope field of its level, as read from a body.
struct GrantFields {
  Field<Role> role;
  Field<std::string> township_code;
  Field<int64_t> site_id;
  Field<int64_t> grid_id;
  Field<int64_t> cadre_id;  // the cadre record the account acts for (null: none)
  explicit GrantFields(BodyReader& r)
      : role(EnumField<Role>(r, "role", ParseRole)),
        township_code(r.String("township_code")),
        site_id(r.Int("site_id")),
        grid_id(r.Int("grid_id")),
        cadre_id(r.Int("cadre_id")) {}
  bool AnyScope() const {
    return township_code.present || site_id.present || grid_id.present || cadre_id.present;
  }
  auth::Grant Grant() const {
    auth::Grant g;
    g.role = role.value.value_or(Role::kCountyStaff);
    g.township_code = township_code.value.value_or("");
    if (site_id.value) g.site = std::to_string(*site_id.value);
    g.grid_id = grid_id.value.value_or(0);
    g.cadre_id = cadre_id.value.value_or(0);
    return g;
  }
};

}  // namespace

Error WithBodyScopeField(Error e) {
  if (e.field == "township") e.field = "township_code";
  else if (e.field == "site") e.field = "site_id";
  else if (e.field == "grid") e.field = "grid_id";
  else if (e.field == "cadre") e.field = "cadre_id";
  for (auto& d : e.details) d = WithBodyScopeField(std::move(d));
  return e;
}

auth::NewUser ReadNewUser(BodyReader& r) {
  auth::NewUser u;
  auto username = r.String("username");
  auto display = r.String("display_name");
  GrantFields g(r);
  if (r.Require("username", username)) u.username = *username.value;
  u.display_name = display.value.value_or("");
  r.Require("role", g.role);
  u.grant = g.Grant();
  return u;
}

auth::UserPatch ReadUserPatch(BodyReader& r) {
  auth::UserPatch p;
  auto display = r.String("display_name");
  auto disabled = r.Bool("disabled");
  GrantFields g(r);
  if (display.IsNull()) r.Require("display_name", display);
  if (disabled.IsNull()) r.Require("disabled", disabled);
  if (g.role.IsNull() || (g.AnyScope() && !g.role.present)) {
    r.Fault(InvalidArgument("give role together with its scope field (township_code, site_id "
                            "or grid_id)", "role", "", "请同时给出角色及其范围")
                .error());
  }
  p.display_name = display.value;
  p.disabled = disabled.value;
  if (g.role.value) p.grant = g.Grant();
  if (r.Ok() && !p.display_name && !p.disabled && !p.grant) r.Fault(NothingToChange());
  return p;
}

}  // namespace anju::auth
