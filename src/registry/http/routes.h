// The registry's routes under /api/v1: households and persons (list, xlsx export, read,
// create, update, delete) and the reference lists (origin villages, divisions). Each handler
// is short: parse the request (json.h, query.h), call one service method, map the result.
// Rules live in the services, never here.
//
// Thread-safety: AddRoutes runs once at start; handlers run concurrently on different
// RequestContexts.
#pragma once

#include "http/router.h"

namespace anju::registry {

/// Adds the registry's routes to `r`.
void AddRoutes(http::Router& r);

/// Adds the household changes' routes (household_change_routes.cc): POST
/// /api/v1/persons/{id}/move, /api/v1/households/{id}/head|split|merge|placement.
void AddHouseholdChangeRoutes(http::Router& r);

}  // namespace anju::registry
