// Internal to reports/: the list of key figures shared by every rendering, and label helpers.
// Not part of the public surface (include reports/report_render.h instead).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reports/county_report.h"
#include "reports/report_render.h"

namespace anju::reports::detail {

/// One key figure: its report key, labels, and value. kCount values are exact integers; kMu is
/// a land area in mu (from exact 0.01-mu sums); kRate is numerator/denominator.
struct Figure {
  enum class Kind { kCount, kMu, kRate };
  std::string key;  // e.g. "labor.employment_rate"
  std::string label_en;
  std::string label_zh;
  Kind kind = Kind::kCount;
  std::optional<int64_t> count;     // kCount (nullopt: no records)
  std::optional<int64_t> centimu;   // kMu (nullopt: no records)
  Rate rate;                        // kRate
  std::string section;              // population, sites, labor, industry, governance
};

/// The key figures in report order: reports::AllFigureSpecs() (figure_spec.h), each with its
/// value read from `r`.
std::vector<Figure> KeyFigures(const CountyReport& r);

/// Picks the label for the language.
inline const std::string& Pick(Lang lang, const std::string& en, const std::string& zh) {
  return lang == Lang::kZh ? zh : en;
}
inline const char* Pick(Lang lang, const char* en, const char* zh) {
  return lang == Lang::kZh ? zh : en;
}

/// Site mode label: 县城周边 / near the county town, etc. Unknown modes are returned as given.
std::string ModeLabel(std::string_view mode, Lang lang);
/// Size class label: 3000人以上 / 3,000 persons and more, etc.
std::string SizeClassLabel(SizeClass c, Lang lang);
/// Data-quality issue label by key.
std::string QualityLabel(std::string_view key, Lang lang);
/// Section heading by section id.
std::string SectionLabel(std::string_view section, Lang lang);

/// Integer with thousands separators in English ("13,337"), plain in Chinese ("13337").
std::string FormatCount(int64_t v, Lang lang);
/// "64.2%" (one decimal), or "—" when the rate has no denominator.
std::string FormatPercent(const Rate& rate);
/// Mu with two decimals, trailing ".00" dropped: "24000", "130.5".
std::string FormatMuValue(int64_t centimu);
/// The text shown for a figure's value (count, "24000 亩"/"24,000 mu", "82.1% (21000/25600)"),
/// or "—" when it is null.
std::string FigureValueText(const Figure& f, Lang lang);

/// Columns a terminal uses for `s` (UTF-8): 2 for East Asian wide characters, else 1.
int DisplayWidth(std::string_view s);
/// `s` padded with spaces to `width` columns (left-aligned; right-aligned when `right`).
std::string Pad(std::string_view s, int width, bool right = false);

}  // namespace anju::reports::detail
