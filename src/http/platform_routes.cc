// The platform's own endpoints (no module's data): /healthz and the OpenAPI document. Moved
// from the former http/api_routes.cc (issue #13); see api_routes.h.
#include "core/try.h"
#include "http/api_routes.h"
#include "http/route_context.h"
#include "storage/migrate.h"

namespace anju::http {

namespace {

// ---- service endpoints -----------------------------------------------------------------------

RouteResult Healthz(RequestContext& ctx) {
  ANJU_TRY(version, storage::SchemaVersion(*ctx.services.db));
  return Reply::Json({{"status", "ok"}, {"schema_version", version}});
}

RouteResult OpenApi(RequestContext&) {
  Reply r;
  r.body = std::string(OpenApiDocument());
  r.content_type = "application/json; charset=utf-8";
  return r;
}

}  // namespace

void AddPlatformRoutes(Router& r) {
  const Access pub = Access::kPublic;
  r.Add("GET", "/healthz", pub, Healthz);
  r.Add("GET", "/api/v1/openapi.json", pub, OpenApi);
}

}  // namespace anju::http
