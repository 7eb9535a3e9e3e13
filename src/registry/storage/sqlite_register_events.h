// Storage of register events (issue #14), shared by the services that record them (life events,
// household changes, the events roster import): one INSERT and the timeline reads. Callers run
// these inside their own write transaction, beside the change and its audit entry.
#pragma once

#include <cstdint>
#include <vector>

#include "core/error.h"
#include "registry/register_event.h"
#include "storage/connection.h"

namespace anju::storage {

/// Inserts `e` (id, recorded_at, the joined names and the void fields ignored; recorded_at =
/// now, UTC) and returns its id. Errors: kInvalidArgument for an empty recorded_by; the
/// connection's errors (a foreign key to a missing household or person: kInvalidArgument).
Result<int64_t> InsertRegisterEvent(Connection& db, const registry::RegisterEvent& e);

/// The events of household `household_id` (as household_id or other_household_id), oldest
/// first (event_date, then id), voided ones included (voided_on set), with household numbers and
/// the person's name joined. Scope is the caller's (check the household first).
Result<std::vector<registry::RegisterEvent>> HouseholdEvents(Connection& db, int64_t household_id);

/// The events of person `person_id`, oldest first, as HouseholdEvents.
Result<std::vector<registry::RegisterEvent>> PersonEvents(Connection& db, int64_t person_id);

/// Marks event `id` voided on `on` by `by` for `reason` (the event is kept). Errors: kNotFound;
/// kConflict when it is voided already.
Status VoidRegisterEvent(Connection& db, int64_t id, Date on, std::string_view by,
                         std::string_view reason);

}  // namespace anju::storage
