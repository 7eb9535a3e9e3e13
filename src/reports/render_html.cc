// Printable HTML rendering of the county report: one A4 document, tables and four charts drawn
// as inline SVG here on the server, so the page prints without JavaScript and passes a strict
// CSP (no scripts, no style attributes; the stylesheet is a <style> element or a linked file).
#include <fmt/format.h>

#include <algorithm>

#include "reports/report_figures.h"
#include "reports/report_render.h"

namespace anju::reports {

using detail::FormatPercent;
using detail::Pick;

namespace {

std::string Esc(std::string_view s) {
  std::string o;
  o.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      case '\'': o += "&#39;"; break;
      default: o += c;
    }
  }
  return o;
}

constexpr const char* kFont = "Noto Sans CJK SC, Noto Sans CJK JP, Noto Sans CJK, sans-serif";
constexpr const char* kColorPoor = "#c0392b";
constexpr const char* kColorCo = "#2980b9";

const char* SizeColor(SizeClass c) {
  switch (c) {
    case SizeClass::k3000Plus: return "#1f4e79";
    case SizeClass::k800To2999: return "#2e86c1";
    case SizeClass::kUnder800: return "#85c1e9";
  }
  return "#999999";
}

std::string SvgOpen(int w, int h, const std::string& title) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1}\" width=\"100%\" "
      "role=\"img\" aria-label=\"{2}\" font-family=\"{3}\" font-size=\"11\">"
      "<title>{2}</title>",
      w, h, Esc(title), kFont);
}

// Horizontal bars, one per site: persons (coloured by size class).
std::string SitesByPersonsChart(const CountyReport& r, Lang lang) {
  const int row = 18, left = 150, width = 640, top = 10;
  const int h = top + row * static_cast<int>(r.sites.size()) + 30;
  int64_t max = 1;
  for (const auto& s : r.sites) max = std::max(max, s.total.persons);
  std::string o = SvgOpen(width, h, Pick(lang, "Relocated persons by site", "各安置点搬迁人口"));
  const double span = width - left - 60;
  int y = top;
  for (const auto& s : r.sites) {
    double bw = span * static_cast<double>(s.total.persons) / static_cast<double>(max);
    o += fmt::format(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>"
        "<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" fill=\"{}\"/>"
        "<text x=\"{:.1f}\" y=\"{}\">{}</text>",
        left - 6, y + row - 5, Esc(s.name), left, y + 2, bw, row - 4, SizeColor(s.size_class),
        left + bw + 4, y + row - 5, s.total.persons);
    y += row;
  }
  // Size-class legend.
  int x = left;
  for (auto c : {SizeClass::k3000Plus, SizeClass::k800To2999, SizeClass::kUnder800}) {
    o += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/>"
        "<text x=\"{}\" y=\"{}\">{}</text>",
        x, y + 10, SizeColor(c), x + 14, y + 19, Esc(detail::SizeClassLabel(c, lang)));
    x += 150;
  }
  return o + "</svg>";
}

// Vertical bars: number of sites per size class.
std::string SizeClassChart(const CountyReport& r, Lang lang) {
  const int w = 300, h = 200, base = 160, bar = 60;
  int64_t max = 1;
  for (const auto& [c, n] : r.sites_by_size_class) max = std::max(max, n);
  std::string o = SvgOpen(w, h, Pick(lang, "Sites by size class", "安置点规模分布"));
  int x = 30;
  for (auto c : {SizeClass::k3000Plus, SizeClass::k800To2999, SizeClass::kUnder800}) {
    auto it = r.sites_by_size_class.find(c);
    int64_t n = it == r.sites_by_size_class.end() ? 0 : it->second;
    double bh = 130.0 * static_cast<double>(n) / static_cast<double>(max);
    o += fmt::format(
        "<rect x=\"{}\" y=\"{:.1f}\" width=\"{}\" height=\"{:.1f}\" fill=\"{}\"/>"
        "<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"middle\" font-weight=\"bold\">{}</text>"
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
        x, base - bh, bar, bh, SizeColor(c), x + bar / 2, base - bh - 4, n, x + bar / 2, base + 16,
        Esc(detail::SizeClassLabel(c, lang)));
    x += bar + 30;
  }
  o += fmt::format("<line x1=\"20\" y1=\"{0}\" x2=\"{1}\" y2=\"{0}\" stroke=\"#333\"/>", base, w - 10);
  return o + "</svg>";
}

// Two 100 % stacked bars: households and persons by category.
std::string CategoryChart(const CountyReport& r, Lang lang) {
  const int w = 360, h = 200, left = 70, span = 270;
  std::string o = SvgOpen(w, h, Pick(lang, "Registered-poor and co-relocated",
                                      "建档立卡与同步搬迁构成"));
  auto bar = [&](int y, const char* label, int64_t poor, int64_t co) {
    int64_t total = poor + co;
    double pw = total ? span * static_cast<double>(poor) / static_cast<double>(total) : 0;
    o += fmt::format(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>"
        "<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"26\" fill=\"{}\"/>"
        "<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"26\" fill=\"{}\"/>",
        left - 6, y + 17, label, left, y, pw, kColorPoor, left + pw, y, span - pw, kColorCo);
    if (total) {
      o += fmt::format(
          "<text x=\"{}\" y=\"{}\" fill=\"#fff\">{} ({})</text>"
          "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#fff\">{} ({})</text>",
          left + 4, y + 17, poor, FormatPercent({poor, total}), left + span - 4, y + 17, co,
          FormatPercent({co, total}));
    }
  };
  bar(20, Pick(lang, "households", "户"), r.registered_poor.households, r.co_relocated.households);
  bar(70, Pick(lang, "persons", "人"), r.registered_poor.persons, r.co_relocated.persons);
  o += fmt::format(
      "<rect x=\"{0}\" y=\"130\" width=\"10\" height=\"10\" fill=\"{1}\"/>"
      "<text x=\"{2}\" y=\"139\">{3}</text>"
      "<rect x=\"{0}\" y=\"150\" width=\"10\" height=\"10\" fill=\"{4}\"/>"
      "<text x=\"{2}\" y=\"159\">{5}</text>",
      left, kColorPoor, left + 14, Pick(lang, "registered poor", "建档立卡贫困"), kColorCo,
      Pick(lang, "co-relocated", "同步搬迁"));
  return o + "</svg>";
}

// Horizontal bars 0–100 %: employment rate of working-age persons per site, with the county
// rate as a dashed line.
std::string EmploymentChart(const CountyReport& r, Lang lang) {
  const int row = 18, left = 150, width = 640, top = 20;
  const int h = top + row * static_cast<int>(r.sites.size()) + 10;
  const double span = width - left - 60;
  std::string o = SvgOpen(width, h, Pick(lang, "Employment rate (aged 18–60) by site",
                                          "各安置点就业率（18至60周岁）"));
  for (int pct = 0; pct <= 100; pct += 25) {
    double x = left + span * pct / 100.0;
    o += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"#ddd\"/>"
        "<text x=\"{0:.1f}\" y=\"{3}\" text-anchor=\"middle\" font-size=\"9\">{4}%</text>",
        x, top, h - 10, top - 6, pct);
  }
  int y = top;
  for (const auto& s : r.sites) {
    auto v = s.employment_rate.value();
    double bw = span * v.value_or(0.0);
    o += fmt::format(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>"
        "<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" fill=\"#27ae60\"/>"
        "<text x=\"{:.1f}\" y=\"{}\">{}</text>",
        left - 6, y + row - 5, Esc(s.name), left, y + 2, bw, row - 4, left + bw + 4, y + row - 5,
        FormatPercent(s.employment_rate));
    y += row;
  }
  if (auto county = r.labor.employment_rate.value()) {
    double x = left + span * *county;
    o += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"#c0392b\" "
        "stroke-dasharray=\"4 3\"/>",
        x, top, y);
  }
  return o + "</svg>";
}

std::string Cell(const std::string& v, bool num = false) {
  return fmt::format("<td{}>{}</td>", num ? " class=\"num\"" : "", Esc(v));
}

}  // namespace

const std::string& ReportCss() {
  static const std::string kCss = R"css(@page { size: A4 portrait; margin: 14mm 12mm; }
html { font-family: "Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK", sans-serif; font-size: 10pt; color: #111; }
body { margin: 0; }
main.report { max-width: 186mm; margin: 0 auto; }
h1 { font-size: 16pt; margin: 0 0 2mm; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; border-bottom: 1px solid #444; }
p.meta { margin: 0 0 2mm; color: #444; }
table { border-collapse: collapse; width: 100%; margin-bottom: 3mm; }
th, td { border: 1px solid #999; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
thead { display: table-header-group; }
tr, figure { break-inside: avoid; page-break-inside: avoid; }
figure { margin: 2mm 0 4mm; }
figcaption { font-weight: bold; margin-bottom: 1mm; }
.charts-row { display: flex; gap: 6mm; }
.charts-row figure { flex: 1; }
ul.examples { margin: 0; padding-left: 5mm; font-size: 9pt; }
.note { color: #555; font-size: 9pt; }
@media print { h2 { break-after: avoid; } }
)css";
  return kCss;
}

std::string RenderHtml(const CountyReport& r, Lang lang, const HtmlOptions& opts) {
  const std::string county = r.county_name.empty() ? Pick(lang, "County", "本县") : r.county_name;
  const std::string title =
      lang == Lang::kZh ? fmt::format("{}易地扶贫搬迁后续扶持统计报表", county)
                        : fmt::format("{} poverty-alleviation relocation follow-up report", county);
  std::string o = "<!DOCTYPE html>\n";
  o += fmt::format("<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title>\n",
                   lang == Lang::kZh ? "zh-CN" : "en", Esc(title));
  if (opts.stylesheet_href.empty())
    o += fmt::format("<style>\n{}</style>\n", ReportCss());
  else
    o += fmt::format("<link rel=\"stylesheet\" href=\"{}\">\n", Esc(opts.stylesheet_href));
  o += "</head><body><main class=\"report\">\n";
  o += fmt::format("<h1>{}</h1>\n", Esc(title));
  std::string meta = fmt::format("{} {}", Pick(lang, "As of", "截至"), FormatIsoDate(r.as_of));
  if (!r.site_filter.empty()) meta += fmt::format(" · {} {}", Pick(lang, "site", "安置点"), r.site_filter);
  if (r.is_demo) meta += Pick(lang, " · demo database (fictitious records)", " · 演示数据库（虚构记录）");
  if (r.households_excluded_after_as_of)
    meta += lang == Lang::kZh
                ? fmt::format(" · {} 户在统计日之后入住，未计入", r.households_excluded_after_as_of)
                : fmt::format(" · {} households moved in later, not counted",
                              r.households_excluded_after_as_of);
  o += fmt::format("<p class=\"meta\">{}</p>\n", Esc(meta));

  // Key figures.
  o += fmt::format("<h2>{}</h2>\n<table class=\"figures\"><thead><tr><th>{}</th><th>{}</th>"
                   "<th>{}</th></tr></thead><tbody>\n",
                   Pick(lang, "Key figures", "主要指标"), Pick(lang, "Figure", "指标"),
                   Pick(lang, "Value", "数值"), Pick(lang, "Report key", "报表键"));
  std::string section;
  for (const auto& f : detail::KeyFigures(r)) {
    if (f.section != section) {
      section = f.section;
      o += fmt::format("<tr><th colspan=\"3\">{}</th></tr>\n", Esc(detail::SectionLabel(section, lang)));
    }
    o += fmt::format("<tr><td>{}</td><td class=\"num\" data-key=\"{}\">{}</td><td><code>{}</code></td></tr>\n",
                     Esc(Pick(lang, f.label_en, f.label_zh)), Esc(f.key),
                     Esc(detail::FigureValueText(f, lang)), Esc(f.key));
  }
  o += "</tbody></table>\n";

  // Charts.
  o += fmt::format("<h2>{}</h2>\n", Pick(lang, "Charts", "图表"));
  o += fmt::format("<figure class=\"chart\" id=\"chart-sites\"><figcaption>{}</figcaption>{}</figure>\n",
                   Pick(lang, "Relocated persons by site", "各安置点搬迁人口"), SitesByPersonsChart(r, lang));
  o += "<div class=\"charts-row\">";
  o += fmt::format("<figure class=\"chart\" id=\"chart-size\"><figcaption>{}</figcaption>{}</figure>",
                   Pick(lang, "Sites by size class", "安置点规模分布"), SizeClassChart(r, lang));
  o += fmt::format("<figure class=\"chart\" id=\"chart-category\"><figcaption>{}</figcaption>{}</figure>",
                   Pick(lang, "Category split", "搬迁对象构成"), CategoryChart(r, lang));
  o += "</div>\n";
  o += fmt::format("<figure class=\"chart\" id=\"chart-employment\"><figcaption>{}</figcaption>{}</figure>\n",
                   Pick(lang, "Employment rate by site", "各安置点就业率"), EmploymentChart(r, lang));

  // Sites.
  o += fmt::format("<h2>{}</h2>\n<table class=\"sites\"><thead><tr>", Pick(lang, "Sites", "安置点明细"));
  for (const char* h : lang == Lang::kZh
                           ? std::vector<const char*>{"安置点", "模式", "乡镇", "户", "人", "规模",
                                                      "18-60岁", "就业", "就业率", "园区", "车间"}
                           : std::vector<const char*>{"Site", "Mode", "Township", "Households",
                                                      "Persons", "Size class", "Aged 18–60",
                                                      "Employed", "Rate", "Parks", "Workshop"})
    o += fmt::format("<th>{}</th>", h);
  o += "</tr></thead><tbody>\n";
  for (const auto& s : r.sites) {
    o += fmt::format("<tr>{}</tr>\n", Cell(s.name) + Cell(detail::ModeLabel(s.mode, lang)) + Cell(s.township) +
         Cell(detail::FormatCount(s.total.households, lang), true) +
         Cell(detail::FormatCount(s.total.persons, lang), true) +
         Cell(detail::SizeClassLabel(s.size_class, lang)) +
         Cell(detail::FormatCount(s.working_age, lang), true) +
         Cell(detail::FormatCount(s.employed, lang), true) +
         Cell(FormatPercent(s.employment_rate), true) + Cell(std::to_string(s.parks), true) +
         Cell(s.has_workshop ? Pick(lang, "yes", "有") : Pick(lang, "no", "无")));
  }
  o += "</tbody></table>\n";

  // Origin townships.
  o += fmt::format("<h2>{}</h2>\n<table class=\"townships\"><thead><tr>",
                   Esc(detail::SectionLabel("townships", lang)));
  for (const char* h : lang == Lang::kZh
                           ? std::vector<const char*>{"乡镇", "代码", "户", "人", "建档立卡户",
                                                      "建档立卡人口", "同步搬迁户", "同步搬迁人口",
                                                      "整村搬迁村", "插花搬迁村"}
                           : std::vector<const char*>{"Township", "Code", "Households", "Persons",
                                                      "Poor hh", "Poor persons", "Co-reloc. hh",
                                                      "Co-reloc. persons", "Whole-village",
                                                      "Scattered"})
    o += fmt::format("<th>{}</th>", h);
  o += "</tr></thead><tbody>\n";
  for (const auto& t : r.origin_townships)
    o += fmt::format("<tr>{}</tr>\n", Cell(t.name) + Cell(t.code) + Cell(detail::FormatCount(t.total.households, lang), true) +
         Cell(detail::FormatCount(t.total.persons, lang), true) +
         Cell(detail::FormatCount(t.registered_poor.households, lang), true) +
         Cell(detail::FormatCount(t.registered_poor.persons, lang), true) +
         Cell(detail::FormatCount(t.co_relocated.households, lang), true) +
         Cell(detail::FormatCount(t.co_relocated.persons, lang), true) +
         Cell(std::to_string(t.whole_village_villages), true) +
         Cell(std::to_string(t.scattered_villages), true));
  o += "</tbody></table>\n";

  // Data quality.
  o += fmt::format("<h2>{}</h2>\n<table class=\"quality\"><thead><tr><th>{}</th><th>{}</th><th>{}</th>"
                   "</tr></thead><tbody>\n",
                   Esc(detail::SectionLabel("quality", lang)), Pick(lang, "Check", "检查项"),
                   Pick(lang, "Count", "数量"), Pick(lang, "Examples (ids masked)", "示例（身份证号已遮盖）"));
  for (const auto& q : r.quality.issues) {
    o += fmt::format("<tr><td>{}</td><td class=\"num\" data-key=\"data_quality.{}\">{}</td><td>",
                     Esc(detail::QualityLabel(q.key, lang)), Esc(q.key), q.count);
    const auto& examples = lang == Lang::kZh ? q.examples_zh : q.examples;
    if (!examples.empty()) {
      o += "<ul class=\"examples\">";
      for (const auto& e : examples) o += fmt::format("<li>{}</li>", Esc(e));
      o += "</ul>";
    }
    o += "</td></tr>\n";
  }
  o += "</tbody></table>\n";
  if (!r.notes_en.empty()) {
    o += fmt::format("<h2>{}</h2>\n<ul class=\"note\">", Esc(detail::SectionLabel("notes", lang)));
    for (const auto& n : lang == Lang::kZh ? r.notes_zh : r.notes_en) o += fmt::format("<li>{}</li>", Esc(n));
    o += "</ul>\n";
  }
  o += "</main></body></html>\n";
  return o;
}

}  // namespace anju::reports
