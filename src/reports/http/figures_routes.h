// The report figures' routes (issue #13 item 4), registered by one line in http/api_routes.cc:
//   GET /api/v1/figures                     the declared figures and sections (metadata)
//   GET /api/v1/figures/{key}/records       the records a figure counts (sites, villages, parks,
//                                           land contracts, communities), as of ?as_of
// Figures counted on households or persons drill down to GET /api/v1/households?figure=<key>
// and /api/v1/persons?figure=<key> (scope and masking of those lists apply).
#pragma once

#include "http/router.h"

namespace anju::reports {

/// Adds the routes above (session required).
void AddFigureRoutes(http::Router& r);

}  // namespace anju::reports
