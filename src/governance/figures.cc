// The governance module's report figures (communities, party organisations, conventions). Its descriptor's `figures`
// (src/governance/module.cc); compiled into anju_governance_module, which links anju_reports (see figures.h).
#include "governance/figures.h"

#include <utility>

namespace anju::governance {

using namespace reports;  // FigureModule, FigureSpec, FigureUnit, FigureValue, CountyReport …

namespace {
// Plain-Chinese "how computed" per figure key (FigureSpec::how_zh).
const std::pair<const char*, const char*> kHowZh[] = {
      {"governance.sites_with_party_branch",
       "安置点社区中，党支部成立日期不晚于统计日的个数（每个安置点一个社区）；未录入社区时不统计"},
      {"governance.party_organisations",
       "登记为新设党组织的安置点社区个数；未录入社区时不统计"},
      {"governance.convention_rate",
       "已签订居民公约的已入住搬迁户数除以搬迁户数；明细为已签订的户"},
};
}  // namespace

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
  SetHowZh(m, kHowZh);
  return m;
}

}  // namespace anju::governance
