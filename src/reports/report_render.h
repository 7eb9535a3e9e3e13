// Renderings of the county report: JSON (the wire form the API serves), plain text (zh/en,
// what `make demo` prints), xlsx (one sheet per table, for the offices' spreadsheets) and a
// printable A4 HTML page with charts drawn as inline SVG on the server (no JavaScript).
//
// JSON shape: a flat object whose keys are the report keys of linxian-figures.md written with
// dots ("households.total", "labor.employment_rate", "sites.by_size_class"), so that every key
// named there appears verbatim; each rate has "<key>.numerator" and "<key>.denominator" beside
// it; land areas are in mu ("industry.custody_mu", two decimals exact, from 0.01-mu records);
// "sites" is the array of site rows, "origin_townships" the breakdown by origin township,
// "data_quality" an object per defect kind ({count, examples}), "notes" [{en, zh}] explains
// every figure that is null. Keys and shapes are listed in README.md ("County report").
//
// Thread-safety: pure functions of their arguments.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "core/error.h"
#include "reports/county_report.h"

namespace anju::reports {

/// Language of labels in text, xlsx and HTML (JSON keys are language-neutral).
enum class Lang { kZh, kEn };
/// Parses "zh" / "zh-CN" / "en". Errors: kInvalidArgument naming field "lang".
Result<Lang> ParseLang(std::string_view text);

/// The report as a JSON value (see the shape above).
nlohmann::json ReportToJson(const CountyReport& r);
/// ReportToJson, serialised with 2-space indentation and UTF-8 kept as is.
std::string RenderJson(const CountyReport& r);

/// Plain-text report for a terminal (CJK characters counted as two columns when aligning).
std::string RenderText(const CountyReport& r, Lang lang);

/// Options for the HTML page.
struct HtmlOptions {
  /// If empty, the CSS (ReportCss()) is embedded in a <style> element. If set, the page links
  /// this stylesheet instead, for pages served under a CSP without 'unsafe-inline' styles.
  std::string stylesheet_href;
};
/// A complete printable HTML5 document (A4 portrait): title, key figures, the tables, and four
/// SVG charts (sites by persons, size classes, category split, employment rate per site).
/// No scripts and no style attributes; fonts "Noto Sans CJK SC" (Debian fonts-noto-cjk).
std::string RenderHtml(const CountyReport& r, Lang lang, const HtmlOptions& opts = {});
/// The stylesheet RenderHtml uses (A4 @page rules, table and chart styles).
const std::string& ReportCss();

/// Writes an .xlsx workbook to `path`: sheets Summary (总表), Sites (安置点), Origin townships
/// (迁出乡镇), Data quality (数据质量); each with a title row, a bold header row, numbers as
/// numbers, rates as percentages, codes and ids as text, set column widths and frozen headers.
/// Errors: kUnavailable when the file cannot be written (message names the path).
Status WriteXlsx(const CountyReport& r, Lang lang, const std::string& path);

}  // namespace anju::reports
