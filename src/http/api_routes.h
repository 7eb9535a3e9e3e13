// The platform's own endpoints (/healthz, the OpenAPI document). Every module adds its routes
// with `<m>::AddRoutes(http::Router&)` (src/<m>/http/routes.h), called by the module list
// (modules::AddAllRoutes, src/modules/modules.cc; docs/modules.md).
//
// Thread-safety: AddPlatformRoutes runs once at start.
#pragma once

#include <string>
#include <string_view>

#include "http/router.h"

namespace anju::http {

/// Adds the platform's endpoints: GET /healthz (status and schema version) and
/// GET /api/v1/openapi.json (public).
void AddPlatformRoutes(Router& router);

/// The OpenAPI 3 document (src/http/openapi.json, embedded at build time).
std::string_view OpenApiDocument();

}  // namespace anju::http
