// LifeEventService: person life events of the living register (issue #14, item 1; the model and
// the routes: docs/living-register.md). A person joins a household by an event (birth,
// married_in, moved_in, returned, member_added) and leaves by one (death, moved_away,
// married_out); a pending resident id (newborn, 待补录) is completed later (id_completed); the
// person's latest event can be voided as entered in error. Nothing is deleted: a membership has
// a start (persons.member_from) and an end (member_until, left_event_id); the last member leaving
// ends the household (households.ended_on, end_event_id).
//
// Every write: refused with kPermissionDenied unless actor.CanWrite(); a household or person
// outside the actor's scope answers kNotFound (as a read); faults of the input are reported at
// once (kInvalidArgument, one detail per field, zh+en); the change, its register_events row and
// its audit entries (before/after of the rows changed) are written in ONE transaction, so a
// refused write changes nothing.
//
// Date rules (each event's `date`, civil, China): not after today; not before the person's birth
// date; a new membership not before the household's start (formed_on, else move_in_date); a
// leaving not before the start of the membership it ends (member_from, else the household's
// start). A birth's date is the birth date.
//
// Thread-safety: as the repository (one thread at a time).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/date.h"
#include "core/error.h"
#include "registry/life_event_repository.h"
#include "registry/register_event.h"
#include "registry/registry.h"
#include "registry/registry_repository.h"

namespace anju::registry {

/// POST /api/v1/households/{id}/members: a new member by an event.
struct NewMemberEvent {
  RegisterEventKind kind = RegisterEventKind::kMemberAdded;  // birth|married_in|moved_in|returned|member_added
  std::optional<Date> date;       // the day; a birth: the birth date (may be omitted, or must equal it)
  std::string reason;             // why / the document ("" none)
  std::string place;              // where from ("" none)
  /// The person (household_id ignored: the household of the route). resident_id "" = pending,
  /// allowed for kind birth only; sex and birth_date then as entered.
  Person person;
  /// kind returned: the person who had left (else found by person.resident_id). Their former
  /// period goes to membership_history; the persons row is reopened in this household.
  std::optional<int64_t> returning_person_id;
};

/// The answer of AddMember.
struct AddedMember {
  int64_t person_id = 0;
  int64_t event_id = 0;
};

/// POST /api/v1/persons/{id}/events: the person leaves.
struct LeavingEvent {
  RegisterEventKind kind = RegisterEventKind::kDeath;  // death|moved_away|married_out
  Date date{};
  std::string reason;
  std::string place;              // moved_away: where to
};

/// PUT /api/v1/persons/{id}/resident-id.
struct ResidentIdCompletion {
  std::string resident_id;
  std::string reason;
};

/// GET /api/v1/households/{id}/timeline.
struct HouseholdTimeline {
  int64_t household_id = 0;
  std::string household_no;
  std::vector<RegisterEvent> events;        // oldest first, voided included
  std::vector<Membership> memberships;      // every period in the household
};

/// GET /api/v1/persons/{id}/timeline.
struct PersonTimeline {
  int64_t person_id = 0;
  std::string name;
  std::vector<RegisterEvent> events;        // oldest first, voided included
  std::vector<Membership> memberships;      // oldest first, all households
};

class LifeEventService {
 public:
  /// `repo` must outlive the service; its Events() hold the membership SQL. `today`: the clock
  /// of the date rules (TodayInChina() in production, a fixed day in tests).
  explicit LifeEventService(RegistryRepository& repo, std::function<Date()> today = TodayInChina)
      : repo_(repo), today_(std::move(today)) {}

  /// A new member of household `household_id` by an event. The relationship is to the current
  /// head (the first current member must be the head; a second head is kConflict);
  /// CheckGenerationGap applies. With a resident id the full person checks (ValidatePerson:
  /// GB 11643-1999 check digit, sex and birth date agree, unique); pending ('') only for a
  /// birth. member_from = the event date. Errors: kPermissionDenied, kNotFound (household, or
  /// the returning person), kInvalidArgument (fields), kConflict (id taken, second head, the
  /// household ended, the returning person is still a member or dead).
  Result<AddedMember> AddMember(const Actor& actor, int64_t household_id, const NewMemberEvent& in);

  /// The person leaves their household on `in.date`: member_until = date, left_event_id. A head
  /// leaving while other current members remain is kConflict (field "new_head": change the head
  /// first, POST /api/v1/households/{id}/head). The last member leaving ends the household on
  /// that day. Errors: kPermissionDenied, kNotFound, kInvalidArgument (kind, date), kConflict
  /// (left already, head with members). Returns the event id.
  Result<int64_t> RecordLeaving(const Actor& actor, int64_t person_id, const LeavingEvent& in);

  /// Fills a pending resident id with every id check; the sex and birth date the id encodes must
  /// equal those entered (else kInvalidArgument naming both). Event id_completed dated today.
  /// Errors: kNotFound, kInvalidArgument, kConflict (not pending: correct it by PATCH; id taken).
  /// Returns the person (whole id).
  Result<Person> CompleteResidentId(const Actor& actor, int64_t person_id, const ResidentIdCompletion& in);

  /// Voids event `event_id` (kept, with voided_on/by/reason) and undoes its membership effect:
  /// a leaving reopens the membership (and the household it ended); an adding empties the
  /// period (member_until = member_from); a `returned` restores the former period; an
  /// id_completed makes the id pending again; a household's entered_in_error reopens the
  /// household. Only the person's (or, for a household event, the household's) latest event
  /// that is not voided. Errors: kNotFound, kInvalidArgument (reason empty), kConflict (not the
  /// latest, voided already, a kind this service does not undo).
  Status VoidEvent(const Actor& actor, int64_t event_id, const std::string& reason);

  /// Reads (scope: kNotFound outside it). Resident ids do not appear.
  Result<HouseholdTimeline> GetHouseholdTimeline(const Actor& actor, int64_t household_id);
  Result<PersonTimeline> GetPersonTimeline(const Actor& actor, int64_t person_id);

 private:
  RegistryRepository& repo_;
  std::function<Date()> today_;
};

}  // namespace anju::registry
