// The sites module's routes under /api/v1: sites with their figures (list, detail with grids
// and parks) and housing units. Each handler parses the request, calls one service method,
// maps the result (json.h).
//
// Thread-safety: AddRoutes runs once at start; handlers run concurrently on different
// RequestContexts.
#pragma once

#include "http/router.h"

namespace anju::sites {

/// Adds the site and housing-unit routes to `r`.
void AddRoutes(http::Router& r);

}  // namespace anju::sites
