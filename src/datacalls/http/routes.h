// The datacalls module's routes under /api/v1/data-calls (docs/api.md "Data calls"): parse ->
// one DataCallService call (over the worker's connection) -> JSON.
//
// Thread-safety: AddRoutes runs once at start; handlers run concurrently on different
// RequestContexts.
#pragma once

#include "http/router.h"

namespace anju::datacalls {

/// Adds the data-call routes to `r`.
void AddRoutes(http::Router& r);

}  // namespace anju::datacalls
