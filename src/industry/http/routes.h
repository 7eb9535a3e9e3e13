// The industry module's HTTP routes (docs/industry.md "Routes", docs/api.md "Industry and
// employment"). One function per area, each in its own file, so the areas are built apart.
#pragma once

namespace anju::http {
class Router;
}

namespace anju::industry {

/// Every route below, in this order (the module descriptor's add_routes).
void AddRoutes(http::Router& r);

/// Jobs of persons and households, the migrant-work roster (job_routes.cc).
void AddJobRoutes(http::Router& r);
/// Parks and workshops (place_routes.cc).
void AddPlaceRoutes(http::Router& r);
/// Public-welfare posts: kinds, quotas, holdings, monthly attendance (post_routes.cc).
void AddPostRoutes(http::Router& r);
/// Skills training: courses, classes, enrolments, certificates (training_routes.cc).
void AddTrainingRoutes(http::Router& r);
/// Zero-employment alerts and their follow-up; job services: vacancies, seekers, services
/// (service_routes.cc).
void AddServiceRoutes(http::Router& r);
/// Charts: jobs by channel per site, employment rate per site over months, certificates by kind
/// (chart_routes.cc).
void AddChartRoutes(http::Router& r);

}  // namespace anju::industry
