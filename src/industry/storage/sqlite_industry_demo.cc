// The industry demo (storage/industry_demo.h): the areas in order, in one transaction.
#include "industry/storage/industry_demo.h"

namespace anju::storage {

Result<IndustryDemoSummary> AddIndustryDemo(Connection& db, const Actor&, uint64_t seed,
                                            Date statistics_date) {
  IndustryDemoSummary sum;
  auto scope = WriteScope::Begin(db, "industry_demo");
  if (!scope) return std::unexpected(scope.error());
  for (auto area : {&AddDemoJobs, &AddDemoPlaces, &AddDemoPosts, &AddDemoServices, &AddDemoTraining})
    if (auto s = area(db, seed, statistics_date, sum); !s) return std::unexpected(s.error());
  if (auto s = scope->Commit(); !s) return std::unexpected(s.error());
  return sum;
}

}  // namespace anju::storage
