// The records behind each report figure (drill-down, issue #13 item 4): a figure's
// FigureRecords {list, filter} names ONE condition, written here as SQL, that selects the
// records the figure counts as of a day. The household and person lists use it for
// `?figure=<key>` (SqliteRegistryRepository), the records list below for the other lists
// (sites, origin villages, parks, land contracts, communities). storage_test
// FigureDrillDown.* checks on the demo database that every figure equals its records' total.
// Kept with the registry (it owns the household and person conditions); the records list of the
// other modules' tables should move to those modules (figure declarations name their module).
//
// Thread-safety: as Database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.h"
#include "core/date.h"
#include "core/error.h"
#include "core/page.h"
#include "reports/figure_spec.h"
#include "storage/sqlite.h"

namespace anju::storage {

/// A SQL condition and its bound values (in order of the '?' in `sql`).
struct FigureCondition {
  std::string sql;
  std::vector<std::string> binds;  // dates as YYYY-MM-DD text
};

/// SQL of the living register's counting rule (docs/living-register.md "Counted on day D"),
/// shared by the lists and the drill-down so that they count what the report counts. `d` is the
/// day as SQL text: a parameter ("?1") or a quoted date literal (DateLiteral).
/// A derived table (columns person_id, household_id, relationship): every membership counted
/// on d — persons rows and membership_history rows whose period covers d, persons born by d.
std::string MembersOnSql(std::string_view d);
/// A derived table with the households columns id, household_no, category, origin_village_id,
/// site_id, housing_unit_id, grid_id, move_in_date, convention_signed, version: the households
/// counted on d (moved in, formed, not ended), placed as they were on d (placement_history).
std::string HouseholdsOnSql(std::string_view d);
/// A scalar: members of household `h_id` (an SQL expression) counted on d (index lookups).
std::string MemberCountOnSql(std::string_view h_id, std::string_view d);
/// 'YYYY-MM-DD' quoted, for the SQL above (a Date formats to digits and dashes only).
std::string DateLiteral(Date d);

/// The condition of the named `filter` on `list` as of `as_of`. For "households" it reads
/// alias h (households); for "persons" aliases p (persons) and h (their household). Errors:
/// kInvalidArgument (field "figure") when `filter` is not one of `list`'s named filters.
Result<FigureCondition> FigureFilterSql(std::string_view list, std::string_view filter, Date as_of);

/// One record counted by a figure: its id, name, where it is (site, village or township), a
/// short note (status, kind, dates), the persons of a site, the area of a land contract.
struct FigureRecord {
  int64_t id = 0;
  std::string name;
  std::string place;
  std::string note;
  std::optional<int64_t> persons;
  std::optional<int64_t> centimu;
};

/// A page of records with the total over all pages: `total` rows and, for land contracts,
/// `sum_centimu` (the figure of a mu figure).
struct FigureRecordsPage {
  Page<FigureRecord> page;
  int64_t total = 0;
  std::optional<int64_t> sum_centimu;
};

/// The records of `records` as of `as_of`, ordered by id, keyset-paged by id (cursor: the last
/// id). Lists: sites, origin_villages, parks, land_contracts, communities, certificates (read
/// whole). Errors: kInvalidArgument for households/persons (use their lists' ?figure=) or an
/// unknown filter; SQLite errors.
/// `scope`: below the county only the records of the actor's scope, as its report counts them
/// (sites it sees and their parks and communities, persons of a site and origin villages from
/// the households it covers; no land contracts).
Result<FigureRecordsPage> ListFigureRecords(Database& db, const reports::FigureRecords& records,
                                            Date as_of, const PageRequest& page,
                                            const AccessScope& scope = {});

}  // namespace anju::storage
