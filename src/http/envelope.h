// The one JSON error envelope of the HTTP API, and the reply type every route returns.
//
// Every error any route produces, and every error httplib itself produces (413, 404 of an
// unknown path, a handler exception), leaves the server as
//   {"error": {"code", "message", "message_zh", "field", "value", "details": [...]}}
// with the status from anju::HttpStatusFor (core/error.h), so the web UI and scripts handle one
// shape. The only statuses not derived from an ErrorCode are 428 (If-Match missing) and 413
// (body too large), carried by HttpError::status.
//
// Thread-safety: value types and pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include <expected>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"

namespace anju::http {

/// An error of a route: an anju::Error and, rarely, a status that overrides
/// HttpStatusFor(error.code) (428 precondition_required, 413 payload_too_large), with the wire
/// code name to use then. Implicitly built from an Error so `return InvalidArgument(...)` works.
struct HttpError {
  Error error;
  int status = 0;          // 0: HttpStatusFor(error.code)
  std::string code_name;   // "" : ErrorCodeName(error.code)

  HttpError(Error e) : error(std::move(e)) {}  // NOLINT(google-explicit-constructor)
  HttpError(Error e, int s, std::string name)
      : error(std::move(e)), status(s), code_name(std::move(name)) {}
  int Status() const { return status ? status : HttpStatusFor(error.code); }
};

/// A successful answer of a route: status, body and its content type, extra headers.
struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;

  /// 200 (or `status`) with `j` serialised compactly (UTF-8 kept as is, invalid UTF-8 replaced).
  static Reply Json(const nlohmann::json& j, int status = 200);
  /// 204 No Content.
  static Reply NoContent();
};

/// What a route returns.
using RouteResult = std::expected<Reply, HttpError>;

/// The error object (without the outer {"error": …}) of `e`, recursively for details.
/// `code_name` overrides the code's wire name when not empty.
nlohmann::json ErrorJson(const Error& e, std::string_view code_name = {});

/// The whole envelope {"error": ErrorJson(...)} serialised, for `err`.
std::string EnvelopeBody(const HttpError& err);

/// 428: a PATCH/DELETE came without If-Match. Field "If-Match".
HttpError PreconditionRequired();
/// 413: the request body is over `limit_bytes`.
HttpError PayloadTooLarge(size_t limit_bytes);
/// 415: a JSON endpoint got a body of another media type (`got`, the Content-Type header as
/// sent, "" when missing). Field "Content-Type".
HttpError UnsupportedMediaType(std::string_view got);
/// Whether a Content-Type header names JSON: application/json or application/…+json, any case,
/// with or without parameters such as "; charset=utf-8".
bool IsJsonMediaType(std::string_view content_type);

/// 422 with one detail per fault, when a body or query had several bad fields: message
/// "N fields are invalid" / "有 N 个字段无效". With one fault, returns that fault itself (with
/// itself as the single detail, so clients can always read `details`).
Error ValidationFailed(std::vector<Error> faults);

}  // namespace anju::http
