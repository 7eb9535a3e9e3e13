// Until http/api_routes.cc is split into src/<m>/http/routes.cc (issue #13), the auth module's
// routes are its slice of today's table; the handlers stay where they are. Replaced at the merge.
#include "auth/http/routes.h"

#include "http/legacy_route_slice.h"

namespace anju::auth {

void AddRoutes(http::Router& router) {
  http::AddLegacyRouteSlice(router, {"/api/v1/session", "/api/v1/users", "/api/v1/audit"});
}

}  // namespace anju::auth
