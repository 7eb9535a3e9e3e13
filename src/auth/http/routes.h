// The auth module's routes under /api/v1: the session (login, who am I, logout, own password
// change), user accounts (county_admin; the service refuses others with 403) and the audit
// trail. Each handler parses the request (json.h), calls one service method, maps the result.
//
// Thread-safety: AddRoutes runs once at start; handlers run concurrently on different
// RequestContexts.
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "core/error.h"
#include "http/router.h"

namespace anju::http {
struct RequestContext;
}

namespace anju::auth {

/// A field a later module adds to the session JSON (GET /api/v1/session, login, password
/// change) for user `user_id`, e.g. casework's "inbox_unread". Errors end the request.
using SessionExtra =
    std::function<Status(http::RequestContext& ctx, int64_t user_id, nlohmann::json& session)>;
/// Installs `extra` under `name` (a later call with the same name replaces it); called while
/// routes are added, before serving.
void SetSessionExtra(std::string name, SessionExtra extra);

/// Adds the session, user and audit routes to `r`.
void AddRoutes(http::Router& r);

}  // namespace anju::auth
