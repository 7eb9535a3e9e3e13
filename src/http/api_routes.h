// The JSON API under /api/v1 and the service endpoints (/healthz): which handler answers
// which method and path. Each handler is short: parse the request (dto.h), call one service
// method, map the result (dto.h). Rules live in the services, never here.
//
// Thread-safety: AddApiRoutes runs once at start; handlers run concurrently on different
// RequestContexts.
#pragma once

#include <string>
#include <string_view>

#include "http/report_cache.h"
#include "http/router.h"
#include "http/services.h"

namespace anju::http {

/// Server-wide facts routes need.
struct ApiConfig {
  DatabaseFacts facts;  // meta at start (GET/POST /session "database")
  bool tls = false;     // Secure cookies
  ReportCache* report_cache = nullptr;  // owned by the server; null: no caching
};

/// Adds every route of the API (and /healthz) to `router`.
void AddApiRoutes(Router& router);

/// The OpenAPI 3 document (src/http/openapi.json, embedded at build time).
std::string_view OpenApiDocument();

}  // namespace anju::http
