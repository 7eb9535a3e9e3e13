// Until http/api_routes.cc is split into src/<m>/http/routes.cc (issue #13), the sites module's
// routes are its slice of today's table; the handlers stay where they are. Replaced at the merge.
#include "sites/http/routes.h"

#include "http/legacy_route_slice.h"

namespace anju::sites {

void AddRoutes(http::Router& router) {
  http::AddLegacyRouteSlice(router, {"/api/v1/sites", "/api/v1/housing-units"});
}

}  // namespace anju::sites
