// The registration of every module's routes (api_routes.h AddApiRoutes): the one function
// that names the modules' http parts. Issue #13: to be replaced by the module list
// (src/modules/modules.cc, each module's descriptor adding its routes).
#include "auth/http/routes.h"
#include "http/api_routes.h"
#include "importer/http/routes.h"
#include "registry/http/routes.h"
#include "reports/http/routes.h"
#include "sites/http/routes.h"

namespace anju::http {

void AddApiRoutes(Router& r) {
  AddPlatformRoutes(r);  // /healthz, /api/v1/openapi.json
  auth::AddRoutes(r);      // /api/v1/session…, /api/v1/users…, /api/v1/audit
  registry::AddRoutes(r);  // /api/v1/households…, /persons…, /origin-villages, /divisions
  sites::AddRoutes(r);     // /api/v1/sites…, /api/v1/housing-units
  reports::AddRoutes(r);   // /api/v1/report
  importer::AddRoutes(r);  // /api/v1/imports…
}

}  // namespace anju::http
