// The drill-down of industry.workshops_recognised (GET /api/v1/figures/{key}/records, list
// "workshops"): the workshops that count as recognised on a day by the places area's own rule
// (industry/storage/sqlite_places.h WorkshopRecognitions), so that the records are the report's.
//
// Thread-safety: as the connection.
#pragma once

#include <string_view>

#include "core/actor.h"
#include "core/date.h"
#include "core/error.h"
#include "core/page.h"
#include "registry/storage/sqlite_figure_records.h"
#include "storage/connection.h"

namespace anju::storage {

/// The workshops the scope sees that count as recognised on `as_of` (filter
/// "workshops.recognised"), by id, keyset-paged by id (cursor: the last id); `total` over all
/// pages equals the figure for a county user. Each record: id, name, site, note "level workers/
/// min". Errors: kInvalidArgument for another filter (field figure); SQLite; kInternal when the
/// setting workshop.recognition_min_workers is not declared.
Result<FigureRecordsPage> ListWorkshopFigureRecords(Connection& db, std::string_view filter, Date as_of,
                                                    const PageRequest& page, const AccessScope& scope);

}  // namespace anju::storage
