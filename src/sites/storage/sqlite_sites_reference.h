// Loading a county's reference data (divisions, sites with aliases, parks, reference kinds)
// into the database. Idempotent: rows are upserted by their natural keys (division code, site
// name, alias, park name, kind code), so running `anju init` again changes nothing.
//
// Thread-safety: as Connection.
#pragma once

#include "core/error.h"
#include "sites/reference_data.h"
#include "storage/connection.h"

namespace anju::storage {

/// Counts of what a load wrote (rows inserted or updated).
struct ReferenceLoadSummary {
  int divisions = 0, sites = 0, aliases = 0, parks = 0, kinds = 0;
};

/// Upserts everything in `ref` in one transaction and sets meta county_code/county_name.
/// Errors: kInvalidArgument naming the park whose site is not in sites.csv; SQLite errors.
Result<ReferenceLoadSummary> LoadReferenceData(Connection& db, const sites::ReferenceData& ref);

}  // namespace anju::storage
