// The county-report figures the sites module declares (issue #13, docs/modules.md): its
// descriptor's `figures` (src/sites/module.cc). Compiled into anju_sites_module, not the domain
// anju_sites: the figures read reports::CountyReport and call report helpers, and anju_reports
// depends on this module's domain (a domain linking it would be a cycle).
#pragma once

#include "reports/figure_spec.h"

namespace anju::sites {

/// Its sections and figures, in display order within each section (reports/figure_spec.h).
reports::FigureModule Figures();

}  // namespace anju::sites
