// Query-string parsing for the list endpoints: paging, sort and the filters of households and
// persons, each fault naming its parameter; several faults answer one 422 listing them all.
//
// Thread-safety: pure functions of the request.
#pragma once

#include "core/error.h"
#include "http/route_context.h"
#include "registry/registry_repository.h"

namespace anju::http {

/// The accepted query parameters of the paged lists and their xlsx exports (for
/// RequestContext::CheckQueryNames; kept beside the parsers that read them).
#define ANJU_HOUSEHOLD_FILTER_PARAMS                                                        \
  "site_id", "township", "category", "relocation_type", "origin_village_id", "grid_id", "q", \
      "employment", "age_min", "age_max", "as_of", "able_to_work", "wants_work", "sex", "sort", "figure"
#define ANJU_PERSON_FILTER_PARAMS                                                             \
  "q", "household_id", "site_id", "grid_id", "township", "category", "employment", "age_min", \
      "age_max", "as_of", "able_to_work", "wants_work", "sex", "sort", "figure"

/// A cursor for the client: `raw` (the repository's position) with a check tied to `list` (the
/// list and its sort order, e.g. "households|0|1"), so that a truncated or mistyped cursor, or
/// one of another list or sort, is refused instead of being read as some other position.
std::string SealCursor(std::string_view list, std::string_view raw);

/// The raw position of a cursor made by SealCursor for the same `list`. Errors:
/// kInvalidArgument naming "cursor" and saying to restart from the first page (no cursor).
Result<std::string> OpenCursor(std::string_view list, std::string_view sealed);

/// limit (1–500, default 50) and cursor (from next_cursor of the same `list`, see OpenCursor;
/// returned opened, i.e. the repository's position). Errors: kInvalidArgument naming the field.
Result<registry::PageRequest> ParsePage(const RequestContext& ctx, std::string_view list);

/// The cursor key of the household list in `sort` order.
std::string HouseholdCursorList(const registry::HouseholdSort& sort);
/// The cursor key of the person list in `sort` order.
std::string PersonCursorList(const registry::PersonSort& sort);

/// Household list filters: site_id, township (9 digits), category, relocation_type,
/// origin_village_id, grid_id, q, and the member traits of the person list (employment,
/// age_min, age_max, as_of, able_to_work, wants_work, sex: households with at least one member
/// matching all of them). Sort: ?sort=household_no|move_in_date|members|id, '-' for
/// descending.
Result<std::pair<registry::HouseholdFilter, registry::HouseholdSort>> ParseHouseholdQuery(
    const RequestContext& ctx);

/// Person list filters: q, household_id, site_id, township, category, employment
/// ("employed" / "unemployed" or an employment kind), age_min, age_max, as_of, able_to_work,
/// wants_work, sex. Sort: ?sort=id|name|birth_date.
Result<std::pair<registry::PersonFilter, registry::PersonSort>> ParsePersonQuery(
    const RequestContext& ctx);

}  // namespace anju::http
