// BuildCountyReport: computes the county report (reports/county_report.h) from the records a
// ReportRepository streams, every time (never from stored totals).
//
// Rules (sources in brackets):
//  - as_of: the given day, else meta statistics_date, else today in China (UTC+8).
//  - Households whose move_in_date is after as_of are excluded, with their persons.
//  - Age is in completed years (周岁) on as_of; working age is 18–60 inclusive
//    [linxian-figures.md, "18至60周岁"; GLOSSARY 劳动年龄人口 18–60].
//  - Employed: employment_kind other than 'none' (employed or self-employed, 就业创业).
//  - Zero-employment household (零就业家庭): at least one member of working age able and
//    willing to work, and no member of working age employed [MOHRSS 零就业家庭 definition].
//  - Size classes: >= 3000, 800–2999, < 800 resident persons [article: 3000人以上/800-3000人/
//    800人以下].
//  - Land contracts count when in force on as_of: start_date <= as_of and (no end_date or
//    end_date >= as_of).
//  - Data quality (over the included households): invalid resident ids (GB 11643-1999, incl.
//    ids stored in a non-canonical form), households without exactly one head, persons whose
//    sex or birth date disagrees with their id, sites whose persons exceed planned_capacity,
//    registered-poor households housed above 25 m² per person [全国"十三五"易地扶贫搬迁规划
//    (发改地区〔2016〕2022号): 建档立卡搬迁户人均住房建设面积不超过25平方米].
//
// Thread-safety: stateless functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/actor.h"
#include "core/date.h"
#include "core/error.h"
#include "reports/county_report.h"
#include "reports/report_repository.h"

namespace anju::reports {

/// What to report.
struct ReportOptions {
  std::optional<Date> as_of;  // default: meta statistics_date, else TodayInChina()
  std::string site;           // a site name or alias (site_aliases); empty = whole county
  std::optional<Date> today;  // bounds birth dates in id checks; default TodayInChina()
  /// Whose report: only the households the scope covers (ScopeCovers, core/actor.h) and their
  /// persons count, and only the sites the scope sees (a site it covers or one holding such a
  /// household: src/auth/README.md); land contracts, which have no place, are left out below
  /// the county. Default county: the whole county, as published.
  AccessScope scope;
  /// The scope's name in Chinese for the report's Chinese note, as the session shows it
  /// (auth ScopeLabel: "临泉镇", "城北安置点", "城北安置点 第1网格"); empty: the report names it
  /// itself (a site's name from its sites, else "网格 7", "安置点 3", "乡镇 141124100").
  std::string scope_label_zh;
  /// BuildLabourFigures: labor.working_age, labor.employed and labor.employment_rate of the
  /// whole county (no site, county scope, no other figure asked) come from the repository's
  /// kept day totals when it has them (ReportRepository::LabourDayTotals); false: always the
  /// scan (`anju report --scan`, a check of the totals).
  bool labour_day_totals = true;
};

/// Builds the report. Errors: kNotFound when `site` names no site or alias (the message lists
/// the site names); kInvalidArgument when meta statistics_date is not a YYYY-MM-DD date (field
/// "meta.statistics_date") or when `as_of` is before 1900-01-01 or after `today` (field
/// "as_of", core/plausible.h); repository errors unchanged.
Result<CountyReport> BuildCountyReport(ReportRepository& repo, const ReportOptions& opts);

/// Birth-date bounds for an age test by plain string comparison of 'YYYY-MM-DD' text: a person
/// born on `b` is at least `years` old (周岁) on `on` exactly when b <= AgeCutoff(on, years).
/// The cutoff may be a non-existent day ('2006-02-29'); the comparison stays exact, including
/// the rule that a 29 February birthday falls on 1 March in common years.
std::string AgeCutoff(Date on, int years);

/// Why a stored resident id is not valid, in English and Chinese.
struct IdProblem {
  std::string en;
  std::string zh;
};
/// Why a stored resident id is not a valid canonical 18-character GB 11643-1999 number, or
/// nullopt when it is. Fast path for the common valid case (no allocation); invalid or
/// non-canonical ids (15 digits, lowercase x, spaces) get ParseResidentId's messages. `today`
/// bounds the birth date.
std::optional<IdProblem> StoredResidentIdProblem(std::string_view id, Date today);

}  // namespace anju::reports
