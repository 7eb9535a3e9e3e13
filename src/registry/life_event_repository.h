// Storage interface of the person life events (issue #14, docs/living-register.md): the
// membership period of a persons row, a household's end, earlier memberships
// (membership_history), the register events and the timelines' reads. Implemented in
// registry/storage/sqlite_life_event_repository.cc; obtained from RegistryRepository::Events()
// so that every call runs on the registry's connection, inside its WriteTransaction
// (RegistryRepository::BeginWrite), beside the change's audit entry.
//
// No scope checks here: callers check the household or person first (RegistryService's rule).
//
// Thread-safety: as the registry repository (one thread at a time).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "registry/register_event.h"
#include "registry/registry.h"

namespace anju::registry {

/// The membership period of a persons row (NULL columns = nullopt).
struct MembershipPeriod {
  std::optional<Date> from;                 // member_from (nullopt: since the household's start)
  std::optional<Date> until;                // member_until (nullopt: still a member)
  std::optional<int64_t> left_event_id;     // the event that ended it
};

/// One membership of a person in a household, current or former (a persons row or a
/// membership_history row), for the timelines.
struct Membership {
  int64_t person_id = 0;
  std::string name;
  int64_t household_id = 0;
  std::string household_no;
  Relationship relationship = Relationship::kOther;
  std::optional<Date> from;                 // nullopt: since the household's start
  std::optional<Date> until;                // nullopt: current
  std::optional<int64_t> end_event_id;
  std::optional<RegisterEventKind> end_kind;  // kind of end_event_id
  std::string end_reason;                     // reason of end_event_id
  bool latest = false;                        // the persons row (else a membership_history row)
};

/// A member who left the household: a persons row whose membership ended here (member_until
/// set), or a membership_history row of it (moved, split or merged away; place = the household
/// they went to); with the event that ended it.
struct FormerMember {
  Person person;                              // whole id ('' = pending)
  Date until{};
  std::optional<RegisterEventKind> kind;      // of left_event_id (none for a legacy row)
  std::string reason;
  std::string place;
};

/// A household's start and end (households.formed_on / move_in_date / ended_on).
struct HouseholdPeriod {
  Date start{};                               // formed_on, else move_in_date
  std::optional<Date> ended_on;
  std::optional<int64_t> end_event_id;
};

class LifeEventRepository {
 public:
  virtual ~LifeEventRepository() = default;

  // --- events ---
  /// storage::InsertRegisterEvent on the registry's connection. Returns the event id.
  virtual Result<int64_t> InsertEvent(const RegisterEvent& e) = 0;
  /// One event with its joined names, nullopt when absent.
  virtual Result<std::optional<RegisterEvent>> FindEvent(int64_t id) = 0;
  /// The latest event of the person that is not voided (event_date, then id), nullopt if none.
  virtual Result<std::optional<RegisterEvent>> LatestPersonEvent(int64_t person_id) = 0;
  /// The latest event of the household (as household_id or other_household_id) not voided.
  virtual Result<std::optional<RegisterEvent>> LatestHouseholdEvent(int64_t household_id) = 0;
  /// storage::HouseholdEvents / PersonEvents (oldest first, voided included).
  virtual Result<std::vector<RegisterEvent>> HouseholdEvents(int64_t household_id) = 0;
  virtual Result<std::vector<RegisterEvent>> PersonEvents(int64_t person_id) = 0;
  /// storage::VoidRegisterEvent. Errors: kNotFound, kConflict (voided already).
  virtual Status VoidEvent(int64_t id, Date on, const std::string& by, const std::string& reason) = 0;

  // --- memberships ---
  virtual Result<MembershipPeriod> PeriodOf(int64_t person_id) = 0;
  /// Writes member_from, member_until and left_event_id of the persons row (version + 1).
  virtual Status SetPeriod(int64_t person_id, const MembershipPeriod& p) = 0;
  /// Sets member_from of a persons row inserted in the same transaction (version unchanged: the
  /// new record is still at version 1).
  virtual Status StartMembership(int64_t person_id, Date from) = 0;
  /// Re-points the persons row to `household_id` with `relationship` (version + 1).
  virtual Status SetHousehold(int64_t person_id, int64_t household_id, Relationship relationship) = 0;
  /// Writes resident_id (version + 1). Errors: kConflict when the id is taken.
  virtual Status SetResidentId(int64_t person_id, const std::string& resident_id) = 0;
  /// Appends a membership_history row (the persons row's period before a new membership).
  virtual Result<int64_t> ArchiveMembership(int64_t person_id, int64_t household_id, Relationship relationship,
                                            std::optional<Date> start, Date end,
                                            std::optional<int64_t> end_event_id) = 0;
  /// The person's latest membership_history row, nullopt if none.
  virtual Result<std::optional<Membership>> LatestArchivedMembership(int64_t person_id) = 0;
  /// Removes membership_history row of the person ending with `end_date` (a `returned` voided:
  /// the archived period goes back into the persons row, so it is not kept twice).
  virtual Status UnarchiveLatestMembership(int64_t person_id) = 0;
  /// Every membership in the household (current and former persons rows, history rows),
  /// ordered by from (NULL first), then person id.
  virtual Result<std::vector<Membership>> MembershipsOfHousehold(int64_t household_id) = 0;
  /// Every membership of the person, oldest first (history rows, then the persons row).
  virtual Result<std::vector<Membership>> MembershipsOfPerson(int64_t person_id) = 0;
  /// Persons rows of the household whose membership ended, by until then id.
  virtual Result<std::vector<FormerMember>> FormerMembers(int64_t household_id) = 0;

  // --- households ---
  virtual Result<HouseholdPeriod> HouseholdPeriodOf(int64_t household_id) = 0;
  /// Writes ended_on and end_event_id (version + 1); nullopt clears them.
  virtual Status SetHouseholdEnd(int64_t household_id, std::optional<Date> ended_on,
                                 std::optional<int64_t> end_event_id) = 0;
  /// Bumps the household's version (version + 1): every person-level write that changes its
  /// members calls it in its transaction, so a page read before it (head, split … with If-Match)
  /// is stale. Errors: kNotFound.
  virtual Status TouchHousehold(int64_t household_id) = 0;
};

}  // namespace anju::registry
