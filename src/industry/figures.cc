// The industry module's report figures (parks, workshops). Its descriptor's `figures`
// (src/industry/module.cc); compiled into anju_industry_module, which links anju_reports (see figures.h).
#include "industry/figures.h"

namespace anju::industry {

using namespace reports;  // FigureModule, FigureSpec, FigureUnit, FigureValue, CountyReport …

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
  return m;
}

}  // namespace anju::industry
