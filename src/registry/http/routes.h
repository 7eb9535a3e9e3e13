// The registry module's HTTP routes (households, persons, origin villages, divisions): docs/api.md lists them.
//
// Thread-safety: AddRoutes runs once at start, before the server accepts requests.
#pragma once

#include "http/router.h"

namespace anju::registry {

/// Adds the registry module's routes to `router` (modules::AddAllRoutes calls it).
void AddRoutes(http::Router& router);

}  // namespace anju::registry
