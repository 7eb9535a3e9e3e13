// The sites module's HTTP routes (resettlement sites, grids, housing units): docs/api.md lists them.
//
// Thread-safety: AddRoutes runs once at start, before the server accepts requests.
#pragma once

#include "http/router.h"

namespace anju::sites {

/// Adds the sites module's routes to `router` (modules::AddAllRoutes calls it).
void AddRoutes(http::Router& router);

}  // namespace anju::sites
