// The labour figures alone (`anju report --figure KEY`, the issue #16 benchmark): the county
// report's engine (reports/report_service.h) run with only the steps those figures need.
//
// Same rules, same code: the households counted on as_of, the person scan with the report's
// working-age (18–60 周岁) and employed-on-D (a current, not voided job) tests, the per-site
// folding and the labour sums. Left out: the data-quality checks, the age pyramid, the job
// channels, parks, workshops, land contracts, governance, site classes. A storage may be told to
// skip the columns only those read (storage::SqliteReportRepository::SetScanNeeds).
//
// Thread-safety: stateless functions.
#pragma once

#include <string>
#include <vector>

#include "reports/report_service.h"

namespace anju::reports {

/// The figures BuildLabourFigures computes: labor.working_age, labor.employed,
/// labor.employment_rate, labor.working_age_share, labor.zero_employment_households.
const std::vector<std::string>& NarrowFigureKeys();

/// A report whose labour section (r.labor, r.total, the sites' labour counts) is computed
/// exactly as BuildCountyReport computes it; every other field is left empty and must not be
/// published. Errors: kInvalidArgument (field "figure") when `figures` is empty or names a key
/// not in NarrowFigureKeys() (the message lists them, in English and Chinese); otherwise those
/// of BuildCountyReport.
Result<CountyReport> BuildLabourFigures(ReportRepository& repo, const ReportOptions& opts,
                                        const std::vector<std::string>& figures);

}  // namespace anju::reports
