// What a route handler gets: the request, the captured path parameters, the acting user (for
// session routes), the worker's services, and helpers that turn query parameters and headers
// into typed values with errors naming the parameter.
//
// Thread-safety: one per request.
#pragma once

#include <httplib.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "core/actor.h"
#include "core/date.h"
#include "http/envelope.h"
#include "http/report_cache.h"
#include "http/router.h"
#include "http/services.h"

namespace anju::http {

/// Server-wide facts routes need.
struct ApiConfig {
  DatabaseFacts facts;  // meta at start (GET/POST /session "database")
  bool tls = false;     // Secure cookies
  ReportCache* report_cache = nullptr;  // owned by the server; null: no caching
};


struct RequestContext {
  const httplib::Request& req;
  PathParams params;
  Services& services;
  const ApiConfig& config;
  Actor actor;                  // kSession routes: the authenticated user
  std::string session_token;    // the cookie value ("" when none)
  std::string client;           // client address

  /// Refuses query parameters other than `accepted` (a typo such as ?stie=3 must not silently
  /// widen a list). Errors: kInvalidArgument (422), one detail per unknown parameter, each
  /// naming it and listing the accepted ones.
  Status CheckQueryNames(std::initializer_list<std::string_view> accepted) const;
  /// Query parameter `name`, or nullopt when absent. Empty values count as absent.
  std::optional<std::string> Query(std::string_view name) const;
  /// The path parameter `name` as a positive row id. Errors: kNotFound (a path that is not an
  /// id names no record), field = name.
  Result<int64_t> PathId(std::string_view name = "id") const;
  /// Optional bounded integer query parameter. Errors: kInvalidArgument naming it.
  Result<std::optional<int64_t>> QueryInt(std::string_view name, int64_t min, int64_t max) const;
  /// Optional boolean query parameter ("true"/"false"/"1"/"0").
  Result<std::optional<bool>> QueryBool(std::string_view name) const;
  /// Optional date query parameter YYYY-MM-DD.
  Result<std::optional<Date>> QueryDate(std::string_view name) const;
  /// The `as_of` query date (ages and report day): as QueryDate, and refused before 1900-01-01
  /// or after today in China (core/plausible.h ValidateDateInRange), naming field "as_of".
  Result<std::optional<Date>> QueryAsOf() const;
  /// The version in If-Match ("\"3\"", "3" or W/"3"), 0 or more. Errors: 428 when missing; 422
  /// when not a version number (text, a negative number). A well-formed version that is not the
  /// record's, 0 included (no record has version 0), is the service's 409 like any stale one.
  std::expected<int64_t, HttpError> IfMatchVersion() const;
};

/// ETag header value for a record version: "\"<version>\"".
std::string EtagFor(int64_t version);

}  // namespace anju::http
