// Helpers every module's routes and JSON share (moved from the private helpers of the former
// http/api_routes.cc and http/dto.cc, issue #13): the JSON request body with the raw-text
// limits, replies with ETag / Location / an xlsx attachment, the page envelope of every list,
// and the small JSON value mappings (null for absent, hundredths as two-decimal numbers).
//
// Thread-safety: pure functions of their arguments.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include "http/envelope.h"
#include "http/route_context.h"

namespace anju::http {

/// The body as a JSON object, after the raw-text limits of auth/hardening.h. 413 when over
/// kMaxBodyBytes (a chunked body is not stopped by httplib's length check), 415 when the
/// Content-Type is not JSON, 422 (field "body") when not a JSON object.
std::expected<nlohmann::json, HttpError> Body(const RequestContext& ctx);

/// `r` with the ETag of record version `version`.
Reply WithEtag(Reply r, int64_t version);

/// 201 with `j`, the ETag of `version` and Location `location` (the new record's path).
Reply Created(const nlohmann::json& j, std::string location, int64_t version);

/// An xlsx workbook download named `name` (Content-Disposition attachment).
Reply Xlsx(std::string bytes, std::string_view name);

/// A page of items: {"items": [...], "next_cursor": "…" | null}, plus "total" (records
/// matching the filters, all pages) when `total` is set.
nlohmann::json PageJson(nlohmann::json items, const std::string& next_cursor,
                        std::optional<int64_t> total = std::nullopt);

/// The integer, or null when absent.
nlohmann::json OptInt(const std::optional<int64_t>& v);
/// The text, or null when empty.
nlohmann::json OptText(const std::string& s);
/// Two-decimal number from hundredths (dm² -> m², centimu -> mu), exact in decimal text.
nlohmann::json Hundredths(int64_t v);

}  // namespace anju::http
