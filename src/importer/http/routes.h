// The importer module's HTTP routes (spreadsheet import and export): docs/api.md lists them.
//
// Thread-safety: AddRoutes runs once at start, before the server accepts requests.
#pragma once

#include "http/router.h"

namespace anju::importer {

/// Adds the importer module's routes to `router` (modules::AddAllRoutes calls it).
void AddRoutes(http::Router& router);

}  // namespace anju::importer
