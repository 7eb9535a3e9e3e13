// Until http/api_routes.cc is split into src/<m>/http/routes.cc (issue #13), the registry module's
// routes are its slice of today's table; the handlers stay where they are. Replaced at the merge.
#include "registry/http/routes.h"

#include "http/legacy_route_slice.h"

namespace anju::registry {

void AddRoutes(http::Router& router) {
  http::AddLegacyRouteSlice(router, {"/api/v1/households", "/api/v1/persons", "/api/v1/origin-villages", "/api/v1/divisions"});
}

}  // namespace anju::registry
