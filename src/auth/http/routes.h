// The auth module's routes under /api/v1: the session (login, who am I, logout, own password
// change), user accounts (county_admin; the service refuses others with 403) and the audit
// trail. Each handler parses the request (json.h), calls one service method, maps the result.
//
// Thread-safety: AddRoutes runs once at start; handlers run concurrently on different
// RequestContexts.
#pragma once

#include "http/router.h"

namespace anju::auth {

/// Adds the session, user and audit routes to `r`.
void AddRoutes(http::Router& r);

}  // namespace anju::auth
