// The industry part of `anju demo` (docs/industry.md "Demo"): job records, park and workshop
// details, welfare posts, job services and training for the fictitious Lin County registry made
// by storage::RunDemo, calibrated so the report gives the article's figures from these records
// (25,600 aged 18–60, 21,000 employed on the statistics day, 15 parks, 18 workshops, no open
// zero-employment household). One function per area, each in its own file.
#pragma once

#include <cstdint>

#include "core/actor.h"
#include "core/date.h"
#include "core/error.h"
#include "storage/connection.h"

namespace anju::storage {

/// Rows the industry demo added.
struct IndustryDemoSummary {
  int64_t jobs = 0;            // jobs rows (current and ended)
  int64_t parks = 0;           // parks with their details
  int64_t workshops = 0;
  int64_t post_holdings = 0;   // welfare-post holdings
  int64_t vacancies = 0;       // job-service vacancies
  int64_t classes = 0;         // training classes
  int64_t certificates = 0;
};

/// Fills the industry tables after storage::RunDemo in one transaction, calling the areas below in
/// this order (jobs first: the others link to them). `statistics_date`: the report day the demo is
/// calibrated to (registry::DemoOptions::statistics_date). Errors: storage; the database is
/// unchanged on error.
Result<IndustryDemoSummary> AddIndustryDemo(Connection& db, const Actor& actor, uint64_t seed,
                                            Date statistics_date);

/// Jobs from the demo persons' employment (sqlite_jobs_demo.cc).
Status AddDemoJobs(Connection& db, uint64_t seed, Date statistics_date, IndustryDemoSummary& sum);
/// Park and workshop details, workshops' workers (sqlite_places_demo.cc).
Status AddDemoPlaces(Connection& db, uint64_t seed, Date statistics_date, IndustryDemoSummary& sum);
/// Post kinds, quotas, holdings for the welfare_post jobs, attendance (sqlite_posts_demo.cc).
Status AddDemoPosts(Connection& db, uint64_t seed, Date statistics_date, IndustryDemoSummary& sum);
/// Vacancies, seekers, services, cleared zero-employment follow-ups (sqlite_services_demo.cc).
Status AddDemoServices(Connection& db, uint64_t seed, Date statistics_date, IndustryDemoSummary& sum);
/// Courses, classes, enrolments, certificates (sqlite_training_demo.cc).
Status AddDemoTraining(Connection& db, uint64_t seed, Date statistics_date, IndustryDemoSummary& sum);

}  // namespace anju::storage
