// Query-string parsing for the household and person lists: sort and filters (paging and
// cursors: http/paging.h), each fault naming its parameter; several faults answer one 422
// listing them all.
//
// Thread-safety: pure functions of the request.
#pragma once

#include "core/error.h"
#include "http/route_context.h"
#include "registry/registry_repository.h"

namespace anju::registry {

/// The accepted query parameters of the paged lists and their xlsx exports (for
/// RequestContext::CheckQueryNames; kept beside the parsers that read them).
#define ANJU_HOUSEHOLD_FILTER_PARAMS                                                        \
  "site_id", "township", "category", "relocation_type", "origin_village_id", "grid_id", "q", \
      "employment", "age_min", "age_max", "as_of", "able_to_work", "wants_work", "sex", "sort", "figure"
#define ANJU_PERSON_FILTER_PARAMS                                                             \
  "q", "household_id", "site_id", "grid_id", "township", "category", "employment", "age_min", \
      "age_max", "as_of", "able_to_work", "wants_work", "sex", "sort", "figure"

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
    const http::RequestContext& ctx);

/// Person list filters: q, household_id, site_id, township, category, employment
/// ("employed" / "unemployed" or an employment kind), age_min, age_max, as_of, able_to_work,
/// wants_work, sex. Sort: ?sort=id|name|birth_date.
Result<std::pair<registry::PersonFilter, registry::PersonSort>> ParsePersonQuery(
    const http::RequestContext& ctx);

}  // namespace anju::registry
