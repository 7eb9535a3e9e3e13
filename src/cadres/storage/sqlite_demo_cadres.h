// Demo assignments for `anju demo` (issue #15): fictitious cadres (帮扶责任人) of fictitious units,
// one per 5 current households of the first three sites (the first 150 households by id), assigned from the household's
// move-in day (or formed_on), written as the service writes them (recorded_by 'demo') with one
// audit entry for the batch. Deterministic: households by id order. Names are made up.
#pragma once

#include "core/actor.h"
#include "core/date.h"
#include "core/error.h"
#include "storage/sqlite.h"

namespace anju::storage {

/// Adds the demo cadres and assignments to `db` in one transaction; returns the number of
/// cadres (0 when there are already cadres: run once). Errors: SQLite errors.
Result<int64_t> AddDemoCadres(Database& db, const Actor& actor);

}  // namespace anju::storage
