// The sites module's report figures: resettlement sites and their size classes. Its descriptor's `figures`
// (src/sites/module.cc); compiled into anju_sites_module, which links anju_reports (see figures.h).
#include <fmt/format.h>

#include "sites/figures.h"
#include "reports/report_figures.h"

namespace anju::sites {

using namespace reports;  // FigureModule, FigureSpec, FigureUnit, FigureValue, CountyReport …

FigureModule Figures() {
  FigureModule m;
  m.sections = {{"sites", "Resettlement sites", "安置点", 20}};
  m.figures.push_back({"sites.total", "sites", FigureUnit::kSites, "Resettlement sites", "安置点",
                       "every row of sites", {"sites", "sites.total"},
                       [](const CountyReport& r) {
                         return FigureValue{static_cast<int64_t>(r.sites.size()), std::nullopt, {}};
                       }});
  for (auto c : {SizeClass::k3000Plus, SizeClass::k800To2999, SizeClass::kUnder800}) {
    const std::string id = SizeClassKey(c);
    m.figures.push_back(
        {"sites.by_size_class." + id, "sites", FigureUnit::kSites,
         fmt::format("Sites: {}", detail::SizeClassLabel(c, Lang::kEn)),
         fmt::format("安置点：{}", detail::SizeClassLabel(c, Lang::kZh)),
         "sites whose persons (persons.total of the site on as_of) fall in the size class "
         "(sites::SizeClassFor: 3000 and more, 800–2999, under 800)",
         {"sites", "sites.size_class." + id}, [c](const CountyReport& r) {
           auto it = r.sites_by_size_class.find(c);
           return FigureValue{it == r.sites_by_size_class.end() ? 0 : it->second, std::nullopt, {}};
         }});
  }
  // Plain-Chinese "how computed" (FigureSpec::how_zh).
  for (FigureSpec& f : m.figures)
    f.how_zh = f.key == "sites.total"
                   ? "全县所有安置点"
                   : "按统计日安置点的已入住搬迁人口（3000人以上、800至2999人、800人以下）划分规模，"
                     "属于该规模的安置点";
  return m;
}

}  // namespace anju::sites
