// The route table of the HTTP server: method + path template ("/api/v1/households/{id}") ->
// handler. Kept as data so that the OpenAPI test can enumerate every route and compare it with
// src/http/openapi.json (both directions).
//
// Matching is by segments, no regular expressions: a template segment "{name}" matches one
// non-empty path segment and is captured; every other segment must be equal. Literal routes
// win over templated ones when both match ("/households.xlsx" over "/households/{id}" can not
// clash as segments differ, but the order of registration does not matter either way).
//
// Thread-safety: build the table once before serving; Match is const and then safe from any
// thread.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/envelope.h"

namespace anju::http {

struct RequestContext;  // route_context.h

/// Who may call a route.
enum class Access {
  kPublic,   // no session needed (login, health, OpenAPI, static files)
  kSession,  // a valid session; state-changing methods also need the CSRF header
  /// A valid session, also one whose user must first change a one-time password (logout and
  /// the password change itself); state-changing methods need the CSRF header. The handler
  /// gets no actor: it works on the session token.
  kSessionPasswordPending,
};

using Handler = std::function<RouteResult(RequestContext&)>;

struct Route {
  std::string method;    // "GET", "POST", "PATCH", "DELETE"
  std::string pattern;   // "/api/v1/households/{id}"
  Access access = Access::kSession;
  Handler handler;
  std::vector<std::string> segments;  // pattern split at '/', filled by Router::Add
};

/// Path parameters captured by a match: name -> raw segment text.
using PathParams = std::map<std::string, std::string, std::less<>>;

class Router {
 public:
  /// Adds a route. Precondition: no route with the same method and pattern exists.
  void Add(std::string method, std::string pattern, Access access, Handler handler);

  /// Result of Match: the route, or whether another method would have matched (405).
  struct MatchResult {
    const Route* route = nullptr;
    PathParams params;
    bool path_known = false;  // some route matches the path with another method
    std::string allowed;      // "GET, PATCH" when path_known
  };
  /// Finds the route for `method` and `path` (path without the query string).
  MatchResult Match(std::string_view method, std::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace anju::http
