// The registry's lines of a household's benefits list (享受政策, core/benefit.h; the descriptor's
// `.benefits`, docs/casework.md "Descriptor seams"): the housing placement.
#pragma once

#include <vector>

#include "core/benefit.h"
#include "core/date.h"
#include "storage/connection.h"

namespace anju::storage {

/// The housing placement of household `household_id` as of `as_of`: one line "安置住房 <site>
/// <building>号楼<entrance>单元<room> (<area> m²)" from its move-in day (or the day that
/// placement began, placement_history), the site only when it has no unit; none when the
/// household does not exist, had not moved in (or been formed) by `as_of`, or had ended by then.
/// Errors: storage.
Result<std::vector<Benefit>> HousingBenefits(Connection& db, int64_t household_id, Date as_of);

}  // namespace anju::storage
