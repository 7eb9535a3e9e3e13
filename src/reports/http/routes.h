// The reports module's route: GET /api/v1/report, the county report as JSON
// (reports::ReportToJson, the same document as `anju report --format json`), cached per audit
// sequence number in the server's ReportCache (http/report_cache.h). Users below county level
// get the data-quality counts without the example households.
//
// Thread-safety: AddRoutes runs once at start; the handler runs concurrently on different
// RequestContexts (the cache is locked).
#pragma once

#include "http/router.h"

namespace anju::reports {

/// Adds GET /api/v1/report to `r`.
void AddRoutes(http::Router& r);

}  // namespace anju::reports
