// Storage interface of the household changes (issue #14 item 2: moves and structure): the rows
// of the living register that RegistryRepository does not know — membership periods of persons,
// membership_history, placement_history, households' formed_on / ended_on / split / merge links,
// register events, and the next free household number. Implemented in
// registry/storage/sqlite_household_change_repository.cc over the same connection as the
// SqliteRegistryRepository the service also uses, so both write inside one transaction
// (RegistryRepository::BeginWrite).
//
// No scope filtering here: HouseholdChangeService checks the places (ScopeCovers) first.
//
// Thread-safety: an implementation object is used by one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "registry/register_event.h"
#include "registry/registry.h"

namespace anju::registry {

/// A current member (persons.member_until IS NULL) with the start of their membership.
struct CurrentMember {
  Person person;                     // whole id; version as stored
  std::optional<Date> member_from;   // NULL: since the household's start
};

/// The life of a household: when it began and ended, and how.
struct HouseholdLife {
  std::optional<Date> formed_on;     // a split's day (NULL: since move_in_date)
  std::optional<Date> ended_on;      // NULL: open
  std::optional<int64_t> split_from_id;
  std::optional<int64_t> merged_into_id;
};

/// An earlier membership (a row of membership_history).
struct PastMembership {
  int64_t person_id = 0;
  int64_t household_id = 0;
  Relationship relationship = Relationship::kOther;
  std::optional<Date> start_date;    // NULL: since the household's start
  Date end_date{};                   // first day no longer a member
  std::optional<int64_t> end_event_id;
};

/// An earlier placement (a row of placement_history).
struct PastPlacement {
  int64_t household_id = 0;
  int64_t site_id = 0;
  std::optional<int64_t> housing_unit_id;
  std::optional<int64_t> grid_id;
  int64_t origin_village_id = 0;
  std::optional<Date> start_date;    // NULL: since the household's start
  Date end_date{};                   // first day of the next placement
  std::optional<int64_t> end_event_id;
};

class HouseholdChangeRepository {
 public:
  virtual ~HouseholdChangeRepository() = default;

  // --- reads (no scope) ---
  /// Current members of household `id`, head first, then by id.
  virtual Result<std::vector<CurrentMember>> CurrentMembers(int64_t household_id) = 0;
  /// persons.member_from and member_until of person `id` (nullopt pair when absent).
  virtual Result<std::pair<std::optional<Date>, std::optional<Date>>> MembershipPeriod(int64_t person_id) = 0;
  /// formed_on, ended_on and the split / merge links of household `id`. kNotFound when absent.
  virtual Result<HouseholdLife> LifeOf(int64_t household_id) = 0;
  /// The latest end_date of the household's placement_history rows (the day of its previous
  /// placement change), nullopt when none.
  virtual Result<std::optional<Date>> LastPlacementChange(int64_t household_id) = 0;
  /// The next free household number after `like` (the county prefix: the non-digit head of
  /// `like`, e.g. "LX-" of "LX-0000017"): that prefix + (the largest number of the same width
  /// among the stored numbers with that prefix) + 1, zero-padded to the same width.
  /// Errors: kInvalidArgument (field household_no) when `like` does not end in digits.
  virtual Result<std::string> NextHouseholdNo(const std::string& like) = 0;

  // --- writes (inside RegistryRepository::BeginWrite) ---
  /// storage::InsertRegisterEvent; returns the id.
  virtual Result<int64_t> InsertEvent(const RegisterEvent& e) = 0;
  virtual Status InsertMembershipHistory(const PastMembership& m) = 0;
  virtual Status InsertPlacementHistory(const PastPlacement& p) = 0;
  /// Re-points person `id`'s persons row: household_id, relationship, member_from (member_until
  /// and left_event_id untouched), version + 1. kNotFound when absent.
  virtual Status SetMembership(int64_t person_id, int64_t household_id, Relationship relationship,
                               std::optional<Date> member_from) = 0;
  /// Sets only the relationship (version + 1).
  virtual Status SetRelationship(int64_t person_id, Relationship relationship) = 0;
  /// Checks that household `id` has `expected` version (when given), then bumps it by one: a
  /// household change made from a stale page is refused. Errors: kConflict "stale" (field
  /// version), nothing changed.
  virtual Status TouchHousehold(int64_t household_id, std::optional<int64_t> expected) = 0;
  /// Ends household `id` on `on` (ended_on, end_event_id, merged_into_id when given), version + 1.
  virtual Status EndHousehold(int64_t household_id, Date on, int64_t end_event_id,
                              std::optional<int64_t> merged_into_id) = 0;
  /// Marks household `id` as formed by a split of `from` on `on` (formed_on, split_from_id).
  virtual Status SetFormed(int64_t household_id, Date on, int64_t from) = 0;
};

}  // namespace anju::registry
