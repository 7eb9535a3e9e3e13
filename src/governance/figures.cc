// The governance module's report figures (communities, party organisations, conventions). Its descriptor's `figures`
// (src/governance/module.cc); compiled into anju_governance_module, which links anju_reports (see figures.h).
#include "governance/figures.h"

namespace anju::governance {

using namespace reports;  // FigureModule, FigureSpec, FigureUnit, FigureValue, CountyReport …

FigureModule Figures() {
  FigureModule m;
  m.sections = {{"governance", "Community governance", "社区治理", 50}};
  m.figures = {
      {"governance.sites_with_party_branch", "governance", FigureUnit::kSites,
       "Sites with a party branch", "成立党支部的安置点",
       "communities (one per site) whose party_branch_founded is on or before as_of; null while "
       "communities is empty",
       {"communities", "communities.party_branch"},
       [](const CountyReport& r) {
         return FigureValue{r.governance.sites_with_party_branch, std::nullopt, {}};
       }},
      {"governance.party_organisations", "governance", FigureUnit::kOrganisations,
       "New party organisations", "新设党组织",
       "communities with party_organisation = 1; null while communities is empty",
       {"communities", "communities.party_organisation"},
       [](const CountyReport& r) {
         return FigureValue{r.governance.party_organisations, std::nullopt, {}};
       }},
      {"governance.convention_rate", "governance", FigureUnit::kRate,
       "Resident convention signed (households)", "居民公约签订率（按户）",
       "included households with convention_signed = 1 / households.total; the records are "
       "the households that signed",
       {"households", "households.convention_signed"},
       [](const CountyReport& r) {
         return FigureValue{std::nullopt, std::nullopt, r.governance.convention_rate};
       }},
  };
  return m;
}

}  // namespace anju::governance
