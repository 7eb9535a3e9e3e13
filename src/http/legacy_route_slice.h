// Until the routes move into src/<m>/http/routes.cc (issue #13, helper "httpsplit"), each
// module's <m>::AddRoutes takes its slice of today's table (AddApiRoutes): the routes whose
// pattern is one of `prefixes` or continues it with '/' or '.'. Handler bodies stay in
// api_routes.cc / import_routes.cc. The lead deletes this file at the merge.
//
// Thread-safety: run once at start, like AddApiRoutes.
#pragma once

#include <initializer_list>
#include <string_view>

#include "http/router.h"

namespace anju::http {

/// Adds to `router` the routes of AddApiRoutes whose pattern is, or starts with, one of
/// `prefixes` followed by '/' or '.' ("/api/v1/households" takes "/api/v1/households.xlsx" and
/// "/api/v1/households/{id}", not "/api/v1/householdsX").
void AddLegacyRouteSlice(Router& router, std::initializer_list<std::string_view> prefixes);

/// The platform's routes (not a module's): GET /healthz and GET /api/v1/openapi.json.
void AddPlatformRoutes(Router& router);

}  // namespace anju::http
