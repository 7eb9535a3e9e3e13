// The land module's report figures (land contracts in force). Its descriptor's `figures`
// (src/land/module.cc); compiled into anju_land_module, which links anju_reports (see figures.h).
#include "land/figures.h"

namespace anju::land {

using namespace reports;  // FigureModule, FigureSpec, FigureUnit, FigureValue, CountyReport …

FigureModule Figures() {
  FigureModule m;
  // shown in the industry section (declared by industry)
  m.figures = {
      {"industry.custody_mu", "industry", FigureUnit::kMu, "Agricultural custody service area",
       "农业生产托管面积",
       "sum of area_centimu of land_contracts of kind custody in force on as_of (start_date <= "
       "as_of and no end_date or end_date >= as_of); null while there is no custody contract",
       {"land_contracts", "land_contracts.custody"},
       [](const CountyReport& r) {
         return FigureValue{std::nullopt, r.industry.custody_centimu, {}};
       }},
      {"industry.land_transfer_mu", "industry", FigureUnit::kMu, "Land transfer area",
       "土地流转面积",
       "sum of area_centimu of land_contracts of kind land_transfer in force on as_of; null "
       "while there is no land transfer contract",
       {"land_contracts", "land_contracts.land_transfer"},
       [](const CountyReport& r) {
         return FigureValue{std::nullopt, r.industry.land_transfer_centimu, {}};
       }},
  };
  return m;
}

}  // namespace anju::land
