// The land module's report figures (land contracts in force). Its descriptor's `figures`
// (src/land/module.cc); compiled into anju_land_module, which links anju_reports (see figures.h).
#include "land/figures.h"

#include <utility>

namespace anju::land {

using namespace reports;  // FigureModule, FigureSpec, FigureUnit, FigureValue, CountyReport …

namespace {
// Plain-Chinese "how computed" per figure key (FigureSpec::how_zh).
const std::pair<const char*, const char*> kHowZh[] = {
      {"industry.custody_mu",
       "统计日仍在有效期内（已开始、未到期或未填结束日期）的农业生产托管合同面积之和；没有托管合同时不统计"},
      {"industry.land_transfer_mu",
       "统计日仍在有效期内的土地流转合同面积之和；没有流转合同时不统计"},
};
}  // namespace

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
  SetHowZh(m, kHowZh);
  return m;
}

}  // namespace anju::land
