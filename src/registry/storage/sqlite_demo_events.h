// A year of register events for `anju demo` (issue #14): births (some with the id to be
// filled), deaths, moving away, marrying in and out, moves between households, two splits, one
// merge and a placement change, dated around the statistics date, written as the services write
// them (persons periods, membership_history, placement_history, households formed_on/ended_on,
// register_events recorded_by 'demo'). Every figure as of the statistics date stays as
// generated: events before it are balanced (a person who died or left before it is an extra
// person; a newborn or bride before it is one of the generated persons; a split before it makes
// one generated household; a merge before it ends an extra household); events after it change
// only later days. Deterministic: rows are picked by id order.
#pragma once

#include "core/date.h"
#include "core/error.h"
#include "storage/sqlite.h"

namespace anju::storage {

/// Writes the demo's events into `db` (inside the caller's transaction, after the generated
/// rows and their indexes). Returns the number of events. Errors: SQLite errors; kInternal when
/// the generated rows lack a household the events need.
Result<int64_t> AddDemoEvents(Database& db, Date statistics_date);

}  // namespace anju::storage
