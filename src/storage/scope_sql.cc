#include "storage/scope_sql.h"

#include <fmt/format.h>

namespace anju::storage {

namespace {

ScopeClause None() { return {"1 = 0", {}}; }

// The scope's own level, without the assigned households.
ScopeClause LevelScopeSql(const AccessScope& scope, const HouseholdScopeColumns& c) {
  switch (scope.level) {
    case AccessScope::Level::kCounty: return {"1 = 1", {}};
    case AccessScope::Level::kTownship: {
      if (scope.township_code.empty()) return None();
      const std::string site_in_town =
          c.site_township.empty()
              ? fmt::format("{} IN (SELECT id FROM sites WHERE township_code = ?)", c.site_id)
              : fmt::format("{} = ?", c.site_township);
      return {fmt::format("({} = ? OR {})", c.origin_township, site_in_town),
              {scope.township_code, scope.township_code}};
    }
    case AccessScope::Level::kSite:
      if (scope.site_id == 0) return None();
      return {fmt::format("{} = ?", c.site_id), {scope.site_id}};
    case AccessScope::Level::kGrid:
      if (scope.grid_id == 0) return None();
      return {fmt::format("{} = ?", c.grid_id), {scope.grid_id}};
    case AccessScope::Level::kAssigned: return None();
  }
  return None();
}

}  // namespace

ScopeClause HouseholdScopeSql(const AccessScope& scope, const HouseholdScopeColumns& c) {
  ScopeClause out = LevelScopeSql(scope, c);
  if (scope.level == AccessScope::Level::kCounty || scope.assigned_household_ids.empty())
    return out;
  std::string marks;
  for (size_t i = 0; i < scope.assigned_household_ids.size(); ++i) marks += i ? ", ?" : "?";
  out.sql = fmt::format("({} OR {} IN ({}))", out.sql, c.household_id, marks);
  for (int64_t id : scope.assigned_household_ids) out.values.emplace_back(id);
  return out;
}

ScopeClause SiteScopeSql(const AccessScope& scope, std::string_view id, std::string_view township) {
  if (scope.level == AccessScope::Level::kCounty) return {"1 = 1", {}};
  // The site itself: a site's Place is (no origin, the site, its township, no grid).
  ScopeClause own = None();
  if (scope.level == AccessScope::Level::kTownship && !scope.township_code.empty())
    own = {fmt::format("{} = ?", township), {scope.township_code}};
  else if (scope.level == AccessScope::Level::kSite && scope.site_id != 0)
    own = {fmt::format("{} = ?", id), {scope.site_id}};
  // Or a household in scope resettled there.
  ScopeClause held = HouseholdScopeSql(
      scope, {.origin_township = "sc_o.township_code", .site_id = "sc_h.site_id",
              .grid_id = "sc_h.grid_id", .site_township = township, .household_id = "sc_h.id"});
  ScopeClause out;
  out.sql = fmt::format(
      "({} OR EXISTS (SELECT 1 FROM households sc_h JOIN origin_villages sc_o "
      "ON sc_o.id = sc_h.origin_village_id WHERE sc_h.site_id = {} AND {}))",
      own.sql, id, held.sql);
  out.values = std::move(own.values);
  out.values.insert(out.values.end(), held.values.begin(), held.values.end());
  return out;
}

int BindScope(Statement& st, const ScopeClause& clause, int first) {
  for (const auto& v : clause.values) {
    if (std::holds_alternative<int64_t>(v)) st.Bind(first, std::get<int64_t>(v));
    else st.Bind(first, std::get<std::string>(v));
    ++first;
  }
  return first;
}

}  // namespace anju::storage
