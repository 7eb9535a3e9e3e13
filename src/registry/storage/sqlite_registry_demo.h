// Writes the demo registry (registry/demo_generator.h) into SQLite fast: one transaction; the
// generator on the calling thread hands batches of encoded rows through a bounded queue to a
// writer thread that binds them with SQLITE_STATIC into prepared INSERTs; synchronous=OFF,
// journal_mode=MEMORY, CHECK and FOREIGN KEY enforcement off while loading (the generator's rows
// are verified by registry/demo_test.sh); the secondary indexes of persons, households and
// housing units dropped before and rebuilt after the bulk insert (PRAGMA threads=2 for the
// sorts). The connection's pragmas are restored afterwards (WAL, foreign keys on).
// Profile and figures: bench/README.md (demo row).
//
// Thread-safety: as Database; RunDemo starts and joins its own writer thread, the caller must
// not use `db` from another thread meanwhile.
#pragma once

#include "core/actor.h"
#include "core/error.h"
#include "registry/demo_generator.h"
#include "sites/reference_data.h"
#include "storage/sqlite.h"

namespace anju::storage {

/// Loads the reference data if the database has no sites yet, then generates the demo registry
/// and records meta statistics_date, is_demo=1, demo_seed, demo_scale, and one audit entry
/// (action "demo"). DemoSummary::phases holds the wall/CPU seconds of each step.
/// Errors: kConflict if the registry already has households ("use a new
/// database file"); kInvalidArgument from the generator; SQLite errors.
Result<registry::DemoSummary> RunDemo(Database& db, const Actor& actor, const registry::DemoOptions& opts,
                                      const sites::ReferenceData& ref);

}  // namespace anju::storage
