// HouseholdChangeService: the changes of the living register that move people between
// households or change a household's structure or place (issue #14 item 2; the model:
// docs/living-register.md): move a person to another household, change the head, split a
// household (分户), merge two (合户), change a household's placement (site, housing unit, grid,
// origin village).
//
// Every operation: refused with kPermissionDenied unless actor.CanWrite(); the old place
// (the household(s) the change starts from) must be within the actor's scope, else kNotFound as
// a read; the target place (the household moved into, the placement written) must be too, else
// kPermissionDenied naming the field (to_household_id, into_household_id, site_id, grid_id,
// origin_village_id) — the one rule ScopeCovers (core/actor.h). Then every fault of the request
// at once: one kInvalidArgument whose `details` hold one Error per field, English and Chinese.
// Dates: not after today, not before the start of the memberships or placements they end
// (persons.member_from, else the household's formed_on, else its move_in_date). Then one
// transaction writes the rows, one register_events row (storage InsertRegisterEvent) and the
// audit entries (before/after of every changed row); a refused write changes nothing.
// The generation rule (CheckGenerationGap, registry_service.h) is checked for every member
// whose head or relationship changes.
//
// Thread-safety: as the repositories (one thread at a time).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/actor.h"
#include "core/date.h"
#include "core/error.h"
#include "registry/household_change_repository.h"
#include "registry/registry.h"
#include "registry/registry_repository.h"

namespace anju::registry {

/// POST /api/v1/persons/{id}/move.
struct MoveRequest {
  int64_t to_household_id = 0;
  Relationship relationship = Relationship::kOther;  // to the target's head; not head
  Date date{};
  std::string reason;
};

/// POST /api/v1/households/{id}/head. `relationships`: person id → relationship to the new
/// head, for every other current member (the old head included).
struct HeadChangeRequest {
  /// The household's version as the user read it (HTTP If-Match); another change since → kConflict
  /// "stale", nothing written. Absent: not checked (scripts). Every change bumps the version.
  std::optional<int64_t> expected_version;
  int64_t new_head_id = 0;
  std::map<int64_t, Relationship> relationships;
  Date date{};
  std::string reason;
};

/// What happens to the original household's housing unit when it splits.
enum class SplitHousing {
  kStays,    // stays:    the unit stays with the original household; the new one has none yet
  kMoves,    // moves:    the unit goes to the new household (the original has none)
  kNewUnit,  // new_unit: the new household gets a free unit of the same site
  kNone,     // none:     as stays, recorded as "to be decided"
};
std::string_view SplitHousingName(SplitHousing h);
/// "stays" | "moves" | "new_unit" | "none". Errors: kInvalidArgument, field housing.decision.
Result<SplitHousing> ParseSplitHousing(std::string_view text);

struct SplitMember {
  int64_t person_id = 0;
  Relationship relationship = Relationship::kOther;  // to the new household's head
};

/// POST /api/v1/households/{id}/split.
struct SplitRequest {
  /// The household's version as the user read it (HTTP If-Match); another change since → kConflict
  /// "stale", nothing written. Absent: not checked (scripts). Every change bumps the version.
  std::optional<int64_t> expected_version;
  std::string household_no;               // "" = the next free number of the county prefix
  std::vector<SplitMember> members;       // exactly one head among them
  SplitHousing housing = SplitHousing::kNone;
  std::optional<int64_t> housing_unit_id; // new_unit only
  Date date{};
  std::string reason;
};

struct SplitResult {
  int64_t household_id = 0;
  std::string household_no;
  int64_t event_id = 0;
};

/// What happens to the merged (ended) household's unit.
enum class MergeHousing {
  kReleased,  // released: the unit becomes free (default)
  kKept,      // kept: the kept household moves into it (its own unit, if any, is released)
};
std::string_view MergeHousingName(MergeHousing h);
Result<MergeHousing> ParseMergeHousing(std::string_view text);

/// POST /api/v1/households/{id}/merge ({id} is the household that ends).
struct MergeRequest {
  /// The household's version as the user read it (HTTP If-Match); another change since → kConflict
  /// "stale", nothing written. Absent: not checked (scripts). Every change bumps the version.
  std::optional<int64_t> expected_version;
  int64_t into_household_id = 0;
  std::map<int64_t, Relationship> relationships;  // every current member of {id}, to the kept head
  MergeHousing housing = MergeHousing::kReleased;
  Date date{};
  std::string reason;
};

/// POST /api/v1/households/{id}/placement. Unset fields keep their value; housing_unit_id and
/// grid_id may be set to none (an inner nullopt).
struct PlacementRequest {
  /// The household's version as the user read it (HTTP If-Match); another change since → kConflict
  /// "stale", nothing written. Absent: not checked (scripts). Every change bumps the version.
  std::optional<int64_t> expected_version;
  std::optional<int64_t> site_id;
  std::optional<std::optional<int64_t>> housing_unit_id;
  std::optional<std::optional<int64_t>> grid_id;
  std::optional<int64_t> origin_village_id;
  Date date{};
  std::string reason;
};

class HouseholdChangeService {
 public:
  /// Both repositories over the same connection, outliving the service. `today`: the clock of
  /// the date rules (TodayInChina in production).
  HouseholdChangeService(RegistryRepository& registry, HouseholdChangeRepository& changes,
                         std::function<Date()> today = TodayInChina)
      : registry_(registry), changes_(changes), today_(std::move(today)) {}

  /// Moves person `person_id` to household `to_household_id`, keeping the person's id: the old
  /// membership goes to membership_history (start = member_from, end = date), the persons row
  /// gets the new household, relationship and member_from = date. A head with other current
  /// members is refused (kConflict, field relationship: change the head first). A source
  /// household left without current members ends (ended_on = date). Event moved_between
  /// (household_id = from, other_household_id = to). Returns the event id.
  /// Errors: kPermissionDenied, kNotFound, kInvalidArgument, kConflict.
  Result<int64_t> MovePerson(const Actor& actor, int64_t person_id, const MoveRequest& req);

  /// Makes `new_head_id` the head of household `household_id`, every other current member
  /// re-stated against the new head and checked by CheckGenerationGap. Event head_changed,
  /// details {old_head, new_head, relationships: {id: [before, after]}}. Returns the event id.
  Result<int64_t> ChangeHead(const Actor& actor, int64_t household_id, const HeadChangeRequest& req);

  /// Splits household `household_id`: a new household (same category, origin village, site and
  /// grid; formed_on = date, split_from_id) takes `members`; at least one current member stays.
  /// Housing per SplitHousing (a unit change of the original writes placement_history).
  Result<SplitResult> Split(const Actor& actor, int64_t household_id, const SplitRequest& req);

  /// Merges household `household_id` into `into_household_id`: all its current members move
  /// (relationships against the kept head; its head becomes non-head), it ends (ended_on,
  /// merged_into_id, end_event_id) and its unit is released or taken by the kept one
  /// (placement_history rows). Event merged (household_id = ended, other = kept).
  Result<int64_t> Merge(const Actor& actor, int64_t household_id, const MergeRequest& req);

  /// Changes the placement of household `household_id`: the previous placement to
  /// placement_history (start = the previous change's date or NULL, end = date), the
  /// households row updated; unit and grid must belong to the (new) site, the unit be free.
  /// Event placement_changed, details {before, after}.
  Result<int64_t> ChangePlacement(const Actor& actor, int64_t household_id, const PlacementRequest& req);

 private:
  RegistryRepository& registry_;
  HouseholdChangeRepository& changes_;
  std::function<Date()> today_;
};

}  // namespace anju::registry
