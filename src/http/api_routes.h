// The route table of the server: the platform's own endpoints (/healthz, the OpenAPI document)
// and every module's routes, each added by `<m>::AddRoutes(http::Router&)` from
// src/<m>/http/routes.h (docs/modules.md). Handlers live with their module; each is short:
// parse the request, call one service method, map the result. Rules live in the services.
//
// Thread-safety: AddApiRoutes runs once at start; handlers run concurrently on different
// RequestContexts.
#pragma once

#include <string>
#include <string_view>

#include "http/router.h"

namespace anju::http {

/// Adds every route of the API (and /healthz) to `router`: AddPlatformRoutes, then each
/// module's AddRoutes (module_routes.cc, the one place that lists them until the module list
/// of src/modules/ does).
void AddApiRoutes(Router& router);

/// Adds the platform's endpoints: GET /healthz (status and schema version) and
/// GET /api/v1/openapi.json (public).
void AddPlatformRoutes(Router& router);

/// The OpenAPI 3 document (src/http/openapi.json, embedded at build time).
std::string_view OpenApiDocument();

}  // namespace anju::http
