// casework's routes (docs/api.md "Casework"): calendar, settings, cases, inbox.
#pragma once

#include "http/router.h"

namespace anju::casework {

void AddRoutes(http::Router& r);

}  // namespace anju::casework
