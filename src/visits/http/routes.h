// The visits' HTTP routes (docs/api.md "Visits"): record, list, detail, void, statistics.
#pragma once

namespace anju::http {
class Router;
}

namespace anju::visits {

/// POST /api/v1/households/{id}/visits, GET /api/v1/visits, GET /api/v1/visits/stats,
/// GET /api/v1/visits/{id}, POST /api/v1/visits/{id}/void.
void AddRoutes(http::Router& r);

}  // namespace anju::visits
