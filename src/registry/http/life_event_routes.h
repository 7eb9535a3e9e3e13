// Routes of the person life events (issue #14, docs/living-register.md): a member added by an
// event, a member leaving, a pending resident id completed, an event voided, the household's
// and the person's timelines. Each handler parses (life_event_json.h), calls one
// LifeEventService method and maps the result.
//
// Thread-safety: as routes.h.
#pragma once

#include "http/router.h"

namespace anju::registry {

/// Adds the life-event routes to `r` (called from AddRoutes).
void AddLifeEventRoutes(http::Router& r);

}  // namespace anju::registry
