// The auth module's HTTP routes (sessions, users, the audit trail): docs/api.md lists them.
//
// Thread-safety: AddRoutes runs once at start, before the server accepts requests.
#pragma once

#include "http/router.h"

namespace anju::auth {

/// Adds the auth module's routes to `router` (modules::AddAllRoutes calls it).
void AddRoutes(http::Router& router);

}  // namespace anju::auth
