// HTTP routes of the cadres module (docs/api.md "Cadres", docs/casework.md "cadres"):
//   GET/POST  /api/v1/cadres                      list (q, unit, include_ended) / create
//   GET/PATCH /api/v1/cadres/{id}                 with its households now and before / change (If-Match)
//   GET       /api/v1/households/{id}/cadres      {current, history}
//   POST      /api/v1/households/{id}/cadre       {cadre_id, from, reason}: assign or reassign
//   POST      /api/v1/cadre-assignments/{id}/end  {date, reason}
//   POST      /api/v1/cadres/pairings/import      the pairing roster (body = the file; ?dry_run=true)
// Phones are masked (138****5678) unless the session may see whole ids (PrivilegedExports).
//
// Thread-safety: AddRoutes runs once at start; handlers run concurrently on different contexts.
#pragma once

#include "http/router.h"

namespace anju::cadres {

/// Adds the cadre routes to `r`.
void AddRoutes(http::Router& r);

}  // namespace anju::cadres
