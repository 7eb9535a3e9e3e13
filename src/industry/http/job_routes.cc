// The industry module's jobs routes (docs/industry.md). Skeleton from the lead's contract
// commit: the helper building this area replaces it.
#include "industry/http/routes.h"

namespace anju::industry {

void AddJobRoutes(http::Router&) {}

}  // namespace anju::industry
