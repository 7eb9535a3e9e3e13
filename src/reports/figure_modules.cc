// The list of modules that declare report figures, and the lookups over it.
#include <algorithm>

#include "reports/figure_spec.h"

namespace anju::reports {

std::string_view FigureUnitName(FigureUnit u) {
  switch (u) {
    case FigureUnit::kHouseholds: return "households";
    case FigureUnit::kPersons: return "persons";
    case FigureUnit::kSites: return "sites";
    case FigureUnit::kVillages: return "villages";
    case FigureUnit::kParks: return "parks";
    case FigureUnit::kOrganisations: return "organisations";
    case FigureUnit::kMu: return "mu";
    case FigureUnit::kRate: return "rate";
  }
  return "";
}

const std::vector<FigureModule>& FigureModules() {
  // One line per module, in module order (the lead joins this to modules::AllModules()).
  static const std::vector<FigureModule> kModules = {
      RegistryFigures(),
      SitesFigures(),
      IndustryFigures(),
      LandFigures(),
      GovernanceFigures(),
  };
  return kModules;
}

const std::vector<SectionSpec>& AllSections() {
  static const std::vector<SectionSpec> kSections = [] {
    std::vector<SectionSpec> s;
    for (const auto& m : FigureModules()) s.insert(s.end(), m.sections.begin(), m.sections.end());
    std::stable_sort(s.begin(), s.end(),
                     [](const SectionSpec& a, const SectionSpec& b) { return a.order < b.order; });
    return s;
  }();
  return kSections;
}

const std::vector<FigureSpec>& AllFigureSpecs() {
  static const std::vector<FigureSpec> kFigures = [] {
    std::vector<FigureSpec> f;
    for (const auto& s : AllSections())
      for (const auto& m : FigureModules())
        for (const auto& x : m.figures)
          if (x.section == s.id) f.push_back(x);
    return f;
  }();
  return kFigures;
}

const FigureSpec* FindFigure(std::string_view key) {
  for (const auto& f : AllFigureSpecs())
    if (f.key == key) return &f;
  return nullptr;
}

}  // namespace anju::reports
