// The SQL form of THE scope rule (core/actor.h ScopeCovers): one builder for the WHERE clause
// of every read that lists, counts, sums or exports records of an actor's scope (registry
// lists and counts, exports, the site list, the report). Writes and single-record reads check
// ScopeCovers on the record's Place instead; storage/scope_sql_test.cc checks that both agree
// on every place of a fixture for every level of scope.
//
// The clause uses anonymous `?` parameters only; bind its values in order with BindScope (or
// copy them into a statement builder). An empty township code or a 0 site/grid id admits
// nothing, as ScopeCovers does. The SQL is the subset SQLite and PostgreSQL both accept.
//
// Thread-safety: pure functions of their arguments.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/actor.h"
#include "storage/sqlite.h"

namespace anju::storage {

/// A WHERE fragment (never empty; "1 = 1" for the county) and the values of its `?`s in order.
struct ScopeClause {
  std::string sql;
  std::vector<std::variant<int64_t, std::string>> values;
};

/// The columns of the households row being filtered. `site_township` may be empty when the
/// query does not join sites: the clause then asks the sites table itself.
struct HouseholdScopeColumns {
  std::string_view origin_township = "o.township_code";  // origin_villages.township_code
  std::string_view site_id = "h.site_id";
  std::string_view grid_id = "h.grid_id";
  std::string_view site_township = "";  // sites.township_code of h.site_id, if joined
  std::string_view household_id = "h.id";  // households.id: admits the assigned households
};

/// Households (and so their persons) in `scope`: ScopeCovers on (origin township, site, site
/// township, grid) — county all; township origin OR site in it; site; grid.
ScopeClause HouseholdScopeSql(const AccessScope& scope, const HouseholdScopeColumns& cols = {});

/// Sites in `scope` (the rule for sites, src/auth/README.md "What each role sees"): the scope
/// covers the site itself (county; township: the site lies in it; site: that site) OR covers a
/// household resettled there (township: a household from it; grid: a household of the grid;
/// any level: a household assigned to the account's cadre).
/// `id` and `township` name the sites row's columns (sites s by default).
ScopeClause SiteScopeSql(const AccessScope& scope, std::string_view id = "s.id",
                         std::string_view township = "s.township_code");

/// Binds `clause.values` to `st` from index `first`; returns the next free index.
int BindScope(Statement& st, const ScopeClause& clause, int first = 1);

}  // namespace anju::storage
