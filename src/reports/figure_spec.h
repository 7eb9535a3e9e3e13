// Report figures declared by modules (issue #13 item 4). Each module contributes a list of
// FigureSpec: the figure's report key, dashboard section, unit, labels, how it is computed, how
// to read its value from a CountyReport, and the records it counts (a list and ONE named filter
// that storage turns into the SQL condition of that list, see storage/sqlite_figure_records.h).
// The county report's renderings (JSON, text, xlsx, HTML), GET /api/v1/figures and the web
// dashboard's cards are all driven by AllFigureSpecs(). A module declares its figures in
// src/<m>/figures.cc, returned by its descriptor's `figures` (modules/module.h); there is no
// other list: the composition roots (the `anju` executable, tests that render the report) call
// modules::InstallFigures() once at start, which hands every module's declarations, in module
// order, to SetFigureModules() (reports cannot include modules/: layering).
//
// Drill-down: a figure's total of records equals the figure. For a rate the records are the
// numerator's (e.g. employment_rate → employed working-age persons); for a mu figure the
// records are land contracts and the figure is the sum of their area.
//
// Thread-safety: SetFigureModules() is called once at start, before any thread reads the lists;
// afterwards they are read-only and safe to read from any thread.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

#include "reports/county_report.h"

namespace anju::reports {

/// What a figure counts; also picks how it is shown ("13,337 户", "64.2%", "24000 亩").
enum class FigureUnit { kHouseholds, kPersons, kSites, kVillages, kParks, kOrganisations, kMu, kRate, kCertificates, kWorkshops };
/// "households", "persons", "sites", "villages", "parks", "organisations", "mu", "rate",
/// "certificates", "workshops".
std::string_view FigureUnitName(FigureUnit u);

/// The records a figure counts: `list` is "households", "persons", "sites", "origin_villages",
/// "parks", "land_contracts", "communities" or "certificates"; `filter` names the one condition (as of the
/// report day) that selects them, e.g. "persons.working_age".
struct FigureRecords {
  std::string list;
  std::string filter;
};

/// A figure's value read from a report: a count, an area in 0.01 mu, or a rate.
struct FigureValue {
  std::optional<int64_t> count;    // kHouseholds … kOrganisations, kCertificates, kWorkshops (nullopt: no records table)
  std::optional<int64_t> centimu;  // kMu (nullopt: no records)
  Rate rate;                       // kRate
};

/// One declared figure.
struct FigureSpec {
  std::string key;      // report key, e.g. "labor.employment_rate" (linxian-figures.md)
  std::string section;  // a SectionSpec id: population, sites, labor, industry, governance
  FigureUnit unit = FigureUnit::kHouseholds;
  std::string label_en;
  std::string label_zh;
  std::string how;      // how computed: source tables and rule (README, API), English
  FigureRecords records;
  std::function<FigureValue(const CountyReport&)> value;
  // How computed in plain Chinese for a county clerk (no table or column names): shown by the
  // web drill-down and sent by GET /api/v1/figures. Set by the module after its list (last field
  // so that the declarations above stay positional); every figure has one.
  std::string how_zh;
};

/// A dashboard/report section heading, in display order of its module's list.
struct SectionSpec {
  std::string id;
  std::string label_en;
  std::string label_zh;
  int order = 0;  // sections are shown by ascending order (population 10 … governance 50)
};

/// What one module contributes (its descriptor's `figures`, src/<m>/figures.cc).
struct FigureModule {
  std::string module;  // the module's name, set by modules::InstallFigures: "registry", "sites" …
  std::vector<SectionSpec> sections;
  std::vector<FigureSpec> figures;
};

/// Sets the how_zh of each figure of `m` from `texts` (figure key -> plain Chinese), for modules
/// that keep those texts in a table beside their positional declarations.
void SetHowZh(FigureModule& m, std::span<const std::pair<const char*, const char*>> texts);

/// Installs every module's declarations, in module order (modules::InstallFigures). Call once
/// at start, before the figures are read and before other threads start; a later call replaces
/// the lists (tests only). Reading any list below before the first call aborts with a message:
/// a report without its figures must not be published.
void SetFigureModules(std::vector<FigureModule> modules);
/// Every module's declarations, in module order.
const std::vector<FigureModule>& FigureModules();
/// Every section, by ascending order.
const std::vector<SectionSpec>& AllSections();
/// Every figure, grouped by section (section order), each module's order kept within one.
const std::vector<FigureSpec>& AllFigureSpecs();
/// The figure with `key`, or nullptr.
const FigureSpec* FindFigure(std::string_view key);

}  // namespace anju::reports
