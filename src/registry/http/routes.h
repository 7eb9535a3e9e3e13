// The registry's routes under /api/v1: households and persons (list, xlsx export, read,
// create, update, delete) and the reference lists (origin villages, divisions). Each handler
// is short: parse the request (json.h, query.h), call one service method, map the result.
// Rules live in the services, never here.
//
// Thread-safety: AddRoutes runs once at start; handlers run concurrently on different
// RequestContexts.
#pragma once

#include "core/error.h"
#include "http/route_context.h"
#include "http/router.h"

namespace anju::registry {

/// Adds the registry's routes to `r`.
void AddRoutes(http::Router& r);

/// Adds the household changes' routes (household_change_routes.cc): POST
/// /api/v1/persons/{id}/move, /api/v1/households/{id}/head|split|merge|placement.
void AddHouseholdChangeRoutes(http::Router& r);

/// The scope check a change route makes before it reads the body: kNotFound (404, field id)
/// when household (or person) `id` is absent or outside the actor's scope, so that a request
/// about a record the user cannot see never answers the body's faults (422) first (found by
/// the fresh-clone tester). The services check the scope again inside their transaction.
Status HouseholdVisible(http::RequestContext& ctx, int64_t id);
Status PersonVisible(http::RequestContext& ctx, int64_t id);

}  // namespace anju::registry
