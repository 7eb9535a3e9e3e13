// Query-string parsing for the list endpoints: paging, sort and the filters of households and
// persons, each fault naming its parameter; several faults answer one 422 listing them all.
//
// Thread-safety: pure functions of the request.
#pragma once

#include "core/error.h"
#include "http/route_context.h"
#include "registry/registry_repository.h"

namespace anju::http {

/// limit (1–500, default 50) and cursor (opaque, from next_cursor).
Result<registry::PageRequest> ParsePage(const RequestContext& ctx);

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
