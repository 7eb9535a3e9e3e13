// The paging query parameters of every list (limit, cursor) and the cursors handed out as
// next_cursor (core/page.h is the paging type). Shared by the modules' routes (issue #13).
//
// Thread-safety: pure functions of the request.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "core/page.h"
#include "http/route_context.h"

namespace anju::http {

/// A cursor for the client: `raw` (the repository's position) with a check tied to `list` (the
/// list and its sort order, e.g. "households|0|1"), so that a truncated or mistyped cursor, or
/// one of another list or sort, is refused instead of being read as some other position.
std::string SealCursor(std::string_view list, std::string_view raw);

/// The raw position of a cursor made by SealCursor for the same `list`. Errors:
/// kInvalidArgument naming "cursor" and saying to restart from the first page (no cursor).
Result<std::string> OpenCursor(std::string_view list, std::string_view sealed);

/// limit (1–500, default 50) and cursor (from next_cursor of the same `list`, see OpenCursor;
/// returned opened, i.e. the repository's position). Errors: kInvalidArgument naming the field.
Result<PageRequest> ParsePage(const RequestContext& ctx, std::string_view list);

/// The one-page lists (sites, origin villages, divisions) accept limit (1–500, the web UI's
/// listAll sends it) but answer every item; they never hand out a cursor, so any is refused.
Status OnePage(const RequestContext& ctx, std::string_view list);

}  // namespace anju::http
