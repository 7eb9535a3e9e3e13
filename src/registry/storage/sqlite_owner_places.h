// Where a household's or a person's record lies, for the attachments owner kinds `household`
// and `person` the registry declares (registry/module.cc, attachments/owner_kind.h): the
// registry's own PlaceOf rule (SqliteRegistryRepository::PlaceOf), looked up by id.
//
// Thread-safety: as Connection.
#pragma once

#include <cstdint>
#include <optional>

#include "core/actor.h"
#include "core/error.h"
#include "storage/connection.h"

namespace anju::storage {

/// The Place of household `id`; nullopt when no such household. Errors: storage.
Result<std::optional<Place>> HouseholdPlaceOf(Connection& db, int64_t id);
/// The Place of person `id` (their household's); nullopt when no such person. Errors: storage.
Result<std::optional<Place>> PersonPlaceOf(Connection& db, int64_t id);
/// Household `id` itself (0 when none exists).
Result<int64_t> HouseholdOfHousehold(Connection& db, int64_t id);
/// The household of person `id` (0 when no such person).
Result<int64_t> HouseholdOfPerson(Connection& db, int64_t id);

}  // namespace anju::storage
