#include "reports/storage/sqlite_workshop_records.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "core/try.h"
#include "industry/storage/sqlite_places.h"

namespace anju::storage {

Result<FigureRecordsPage> ListWorkshopFigureRecords(Connection& db, std::string_view filter, Date as_of,
                                                    const PageRequest& page, const AccessScope& scope) {
  if (filter != "workshops.recognised")
    return InvalidArgument(fmt::format("'{}' is not a figure of the workshops list; GET /api/v1/figures lists "
                                       "each figure with the list it drills down to",
                                       filter),
                           "figure", std::string(filter.substr(0, 60)),
                           fmt::format("“{}”不是车间列表的统计指标；GET /api/v1/figures 列出每个指标及其明细列表", filter));
  ANJU_TRY(rows, WorkshopRecognitions(db, scope, as_of));
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.workshop.id < b.workshop.id; });
  const int64_t after = page.cursor.empty() ? 0 : std::atoll(page.cursor.c_str());
  const int limit = page.ClampedLimit();
  FigureRecordsPage out;
  for (const WorkshopRecognitionRow& r : rows) {
    if (!industry::CountsAsRecognised(r.recognition)) continue;
    ++out.total;
    if (r.workshop.id <= after) continue;
    if (static_cast<int>(out.page.items.size()) == limit) {
      if (out.page.next_cursor.empty()) out.page.next_cursor = std::to_string(out.page.items.back().id);
      continue;
    }
    out.page.items.push_back({r.workshop.id, r.workshop.name, r.workshop.site_name,
                              fmt::format("{} {}/{}", r.workshop.level, r.recognition.workers,
                                          r.recognition.min_workers),
                              r.recognition.workers, std::nullopt});
  }
  out.page.total = out.total;
  return out;
}

}  // namespace anju::storage
