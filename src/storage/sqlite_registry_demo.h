// Writes the demo registry (registry/demo_generator.h) into SQLite fast: one transaction,
// prepared statements, synchronous=OFF and journal_mode=OFF while loading, secondary indexes of
// persons and households dropped before and rebuilt after the bulk insert.
//
// Thread-safety: as Database.
#pragma once

#include "core/actor.h"
#include "core/error.h"
#include "registry/demo_generator.h"
#include "sites/reference_data.h"
#include "storage/sqlite.h"

namespace anju::storage {

/// Loads the reference data if the database has no sites yet, then generates the demo registry
/// and records meta statistics_date, is_demo=1, demo_seed, demo_scale, and one audit entry
/// (action "demo"). Errors: kConflict if the registry already has households ("use a new
/// database file"); kInvalidArgument from the generator; SQLite errors.
Result<registry::DemoSummary> RunDemo(Database& db, const Actor& actor, const registry::DemoOptions& opts,
                                      const sites::ReferenceData& ref);

}  // namespace anju::storage
