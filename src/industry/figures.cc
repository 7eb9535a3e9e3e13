// The industry module's report figures (parks, workshops). Its descriptor's `figures`
// (src/industry/module.cc); compiled into anju_industry_module, which links anju_reports (see figures.h).
#include "industry/figures.h"

#include <utility>

namespace anju::industry {

using namespace reports;  // FigureModule, FigureSpec, FigureUnit, FigureValue, CountyReport …

namespace {
// Plain-Chinese "how computed" per figure key (FigureSpec::how_zh).
const std::pair<const char*, const char*> kHowZh[] = {
      {"industry.parks",
       "已建成和拟建的产业园区个数；未录入园区时不统计"},
      {"industry.sites_with_workshop",
       "统计日前已开办（或未填开办日期）至少一个扶贫车间的安置点个数；未录入车间时不统计"},
};
}  // namespace

FigureModule Figures() {
  FigureModule m;
  m.sections = {{"industry", "Industry", "后续产业", 40}};
  m.figures = {
      {"industry.parks", "industry", FigureUnit::kParks, "Industrial parks (built and planned)",
       "产业园区（含拟建）", "every row of parks (status built or planned); null while parks is empty",
       {"parks", "parks.total"},
       [](const CountyReport& r) { return FigureValue{r.industry.parks, std::nullopt, {}}; }},
      {"industry.sites_with_workshop", "industry", FigureUnit::kSites,
       "Sites with a poverty-alleviation workshop", "配套扶贫车间的安置点",
       "sites with at least one workshops row opened on or before as_of (or with no opening "
       "date); null while workshops is empty",
       {"sites", "sites.with_workshop"},
       [](const CountyReport& r) {
         return FigureValue{r.industry.sites_with_workshop, std::nullopt, {}};
       }},
  };
  SetHowZh(m, kHowZh);
  return m;
}

}  // namespace anju::industry
