#include "http/legacy_route_slice.h"

#include "http/api_routes.h"

namespace anju::http {

void AddLegacyRouteSlice(Router& router, std::initializer_list<std::string_view> prefixes) {
  static const Router all = [] {
    Router r;
    AddApiRoutes(r);
    return r;
  }();
  for (const Route& route : all.routes()) {
    std::string_view p = route.pattern;
    for (std::string_view prefix : prefixes) {
      if (p == prefix ||
          (p.starts_with(prefix) && (p[prefix.size()] == '/' || p[prefix.size()] == '.'))) {
        router.Add(route.method, route.pattern, route.access, route.handler);
        break;
      }
    }
  }
}

void AddPlatformRoutes(Router& router) {
  AddLegacyRouteSlice(router, {"/healthz", "/api/v1/openapi.json"});
}

}  // namespace anju::http
