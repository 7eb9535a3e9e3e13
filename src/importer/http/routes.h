// The web import (issue #7): upload -> preview (detected format, encoding, sheets, header and
// column mapping, first cleaned rows, faults) -> confirm (one transaction) -> the error report
// a clerk fixes and sends back. Routes:
//   POST /api/v1/imports/preview        raw file body, X-File-Name header -> ImportJson (dry run)
//   POST /api/v1/imports                 the same body and parameters -> ImportJson (committed)
//   GET  /api/v1/imports/{id}/errors.xlsx  the rejected rows of a preview or import (its "id")
// Query parameters of both POSTs: mode=insert|upsert, all_or_nothing=true|false, sheet=NAME,
// encoding=NAME. The rules (format by content, cleaning, scope, audit) are the importer's
// (importer/importer.h); these handlers parse, call it and map the result. Error reports are
// kept in memory for 30 minutes (at most 64), for the user who made them.
//
// Thread-safety: AddRoutes runs once at start; handlers run concurrently (the report
// store is locked).
#pragma once

#include "http/router.h"

namespace anju::importer {

/// Adds the import routes to `router`.
void AddRoutes(http::Router& router);

}  // namespace anju::importer
