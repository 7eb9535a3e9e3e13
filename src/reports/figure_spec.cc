// The installed figure declarations of the modules (SetFigureModules), and the lookups over them.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <utility>

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
    case FigureUnit::kCertificates: return "certificates";
    case FigureUnit::kWorkshops: return "workshops";
  }
  return "";
}

namespace {

/// The installed declarations and the lists derived from them (SetFigureModules).
struct Installed {
  bool set = false;
  std::vector<FigureModule> modules;
  std::vector<SectionSpec> sections;
  std::vector<FigureSpec> figures;
};

Installed& State() {
  static Installed state;
  return state;
}

const Installed& Read() {
  const Installed& s = State();
  if (!s.set) {
    std::fputs("anju: the report figures are not installed; the program must call "
               "modules::InstallFigures() at start (modules/module.h)\n",
               stderr);
    std::abort();
  }
  return s;
}

}  // namespace

void SetHowZh(FigureModule& m, std::span<const std::pair<const char*, const char*>> texts) {
  for (FigureSpec& f : m.figures)
    for (const auto& [key, text] : texts)
      if (f.key == key) f.how_zh = text;
}

void SetFigureModules(std::vector<FigureModule> modules) {
  Installed s;
  s.set = true;
  s.modules = std::move(modules);
  for (const auto& m : s.modules)
    s.sections.insert(s.sections.end(), m.sections.begin(), m.sections.end());
  std::stable_sort(s.sections.begin(), s.sections.end(),
                   [](const SectionSpec& a, const SectionSpec& b) { return a.order < b.order; });
  // Grouped by section (section order), each module's order kept within one.
  for (const auto& sec : s.sections)
    for (const auto& m : s.modules)
      for (const auto& x : m.figures)
        if (x.section == sec.id) s.figures.push_back(x);
  State() = std::move(s);
}

const std::vector<FigureModule>& FigureModules() { return Read().modules; }

const std::vector<SectionSpec>& AllSections() { return Read().sections; }

const std::vector<FigureSpec>& AllFigureSpecs() { return Read().figures; }

const FigureSpec* FindFigure(std::string_view key) {
  for (const auto& f : AllFigureSpecs())
    if (f.key == key) return &f;
  return nullptr;
}

}  // namespace anju::reports
