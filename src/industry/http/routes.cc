#include "industry/http/routes.h"

namespace anju::industry {

void AddRoutes(http::Router& r) {
  AddJobRoutes(r);
  AddPlaceRoutes(r);
  AddPostRoutes(r);
  AddTrainingRoutes(r);
  AddServiceRoutes(r);
  AddChartRoutes(r);
}

}  // namespace anju::industry
