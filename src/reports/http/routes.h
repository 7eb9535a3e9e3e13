// The reports module's HTTP routes (the county report): docs/api.md lists them.
//
// Thread-safety: AddRoutes runs once at start, before the server accepts requests.
#pragma once

#include "http/router.h"

namespace anju::reports {

/// Adds the reports module's routes to `router` (modules::AddAllRoutes calls it).
void AddRoutes(http::Router& router);

}  // namespace anju::reports
