// RegistryService: the rules of the registry of relocated households and persons, over a
// RegistryRepository. Every method takes the acting user (core/actor.h).
//
// Reads: lists are filtered by the actor's AccessScope (in SQL, by the repository); a single
// record outside the scope answers kNotFound. Lists mask resident ids and phones
// (MaskResidentId / MaskPhone); GetPerson(…, full=true) and GetHousehold(…, full=true) show them
// whole and append a `view_full` audit entry (changes {"shown":"resident_id phone"}); full=true
// is refused (kPermissionDenied, field "full") unless actor.PrivilegedExports() (auth action
// "ids.view_whole", issue #14 item 6).
//
// Writes: refused with kPermissionDenied unless actor.CanWrite(). Every write checks, with the
// one scope rule ScopeCovers (core/actor.h), both the record's current place (a household's
// origin township, site and grid; a person's household's) and its target place (a new
// household's, or the household as the update would leave it): a record whose current place is
// outside the scope answers kNotFound (as a read: existence does not leak); a target place
// outside it answers kPermissionDenied naming the field that leaves the scope (site_id, grid_id
// or origin_village_id) and its value. Both are checked before anything is written: a refused
// write changes nothing and appends no audit entry. Input is validated (ValidatePerson:
// id/sex/birth-date agreement per GB 11643-1999, the plausibility rules of core/plausible.h for
// names, texts and dates, ethnicity and education from their lists, relationship, disability
// grade; a move-in date from 1900 to today; one head per household; unique resident id; the
// housing unit and grid belong to the household's site) and every fault is reported at once:
// one kInvalidArgument Error whose `details` hold one Error per field. Updates and deletes carry
// the version the caller read; a different stored version answers kConflict (optimistic
// concurrency, the API's ETag/If-Match). Each change appends an audit entry with the before and
// after values of the changed fields in the same transaction.
//
// Invariants kept here and in the schema: a person is in exactly one household
// (persons.household_id NOT NULL); a household with members has exactly one head (the first
// member added must be the head; the head cannot be removed or demoted while others remain
// — use HouseholdChangeService::ChangeHead, household_changes.h); a resident id occurs at most once (unique index); a child is born ≥ 16
// years after the head and a parent ≥ 16 years before (CheckGenerationGap, checked when a
// birth date, id or relationship is written). Housing above 25 m² per person is flagged in
// HouseholdDetail::area_exceeds_standard and in-laws closer than 16 years to the head in
// HouseholdDetail::warnings, not refused.
//
// Thread-safety: as the repository (one thread at a time).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.h"
#include "core/error.h"
#include "registry/registry.h"
#include "registry/registry_repository.h"
#include "sites/sites.h"

namespace anju::registry {

/// A finding that is unusual enough to show but lawful enough not to refuse.
struct DataQualityWarning {
  int64_t person_id = 0;   // the member it is about
  std::string field;       // e.g. "birth_date"
  std::string message;     // English, names the values (birth dates; never a whole id)
  std::string message_zh;
};

/// A household with everything its detail view shows.
struct HouseholdDetail {
  Household household;
  OriginVillage origin_village;
  std::string site_name;
  std::optional<sites::HousingUnit> housing_unit;
  std::vector<Person> members;       // current members (member_until unset), head first; ids/phones masked unless full
  /// Members who left (death, moved away, …) or were ended as entered in error, with the day and
  /// the event (issue #14); ids masked unless full ('' = pending stays '').
  std::vector<FormerMember> former_members;
  /// The day the household ended (its last member left, merged, or entered in error); unset
  /// while open.
  std::optional<Date> ended_on;
  bool area_exceeds_standard = false;  // floor area > 25 m² × members (flag, not an error)
  /// Data-quality warnings about the members (flagged, not refused): a son-/daughter-in-law
  /// born less than 16 years after the head (GenerationGapWarning), and stored records that
  /// break CheckGenerationGap (imported, or written before the rule), with its message.
  std::vector<DataQualityWarning> warnings;
};

/// Whether `role` may add origin villages (迁出村, county reference data): county roles, system
/// and township staff (of their own township, checked by CreateOriginVillage); not site
/// managers or grid workers, whose scope is a site's households, nor the auditor.
bool MayAddOriginVillages(Role role);

/// Input of CreateOriginVillage: either division_code (a 12-digit village code of the division
/// list; name and township_code then empty or equal to the list's) or name and township_code
/// (a legacy village not in the list). relocation_type is required (nullopt is a fault, listed
/// with the others).
struct NewOriginVillage {
  std::string division_code;
  std::string name;
  std::string township_code;
  std::optional<RelocationType> relocation_type;
};

/// Input of CreateHousehold: the household (id/version ignored) and its members (may be empty;
/// if not, exactly one must be the head).
struct NewHousehold {
  Household household;
  std::vector<Person> members;
};

class RegistryService {
 public:
  /// `repo` must outlive the service. `today` is the clock of every date rule (birth and move-in
  /// dates not after today): TodayInChina() in production, a fixed day in tests.
  explicit RegistryService(RegistryRepository& repo, std::function<Date()> today = TodayInChina)
      : repo_(repo), today_(std::move(today)) {}

  /// The household with origin village, site, housing unit and members.
  /// Errors: kNotFound (absent or outside scope). full=true shows whole ids and is audited.
  Result<HouseholdDetail> GetHousehold(const Actor& actor, int64_t id, bool full = false);
  /// Lists households within scope, heads' ids masked. limit is clamped to 1…500. Member
  /// traits with an age bound but no `as_of` count ages on the database's statistics date,
  /// else today. Errors: kInvalidArgument for a malformed cursor or filter.
  Result<Page<HouseholdSummary>> ListHouseholds(const Actor& actor, const HouseholdFilter& filter,
                                                const HouseholdSort& sort = {},
                                                const PageRequest& page = {});
  /// Lists persons within scope, ids and phones masked. If age bounds are given without
  /// `as_of`, the database's statistics date is used, else today.
  Result<Page<Person>> ListPersons(const Actor& actor, const PersonFilter& filter,
                                   const PersonSort& sort = {}, const PageRequest& page = {});
  /// Search by name prefix, pinyin initials ("zhm"), whole resident id or its last 4–6
  /// characters; up to `limit` persons, masked unless `full` (then each shown id is audited).
  Result<std::vector<Person>> FindPersons(const Actor& actor, const std::string& query,
                                          int limit = 50, bool full = false);
  /// One person. Errors: kNotFound. full=true shows the whole id and phone and appends a
  /// `view_full` audit entry.
  Result<Person> GetPerson(const Actor& actor, int64_t id, bool full = false);

  /// Export of a whole list (the lists' "导出" button, issue #5): visits every household the
  /// list with `filter` and `sort` shows the actor (scope in SQL), in order, then appends one
  /// `export` audit entry (entity "household"; changes {"filters": {…}, "rows": N, "ids":
  /// "whole"|"masked"}; source `source`, e.g. "GET /api/v1/households.xlsx") in its own
  /// transaction. Heads' ids are whole for actors with PrivilegedExports() (county_admin,
  /// county_staff, system), masked for everyone else. Returns the number of rows visited.
  /// Errors: as ListHouseholds; `visit`'s error stops the export and is returned (nothing is
  /// audited then); kUnavailable when the audit entry cannot be written.
  Result<int64_t> ExportHouseholds(const Actor& actor, const HouseholdFilter& filter, const HouseholdSort& sort,
                                   const std::function<Status(const HouseholdSummary&)>& visit,
                                   std::string_view source);
  /// The same for the person list (entity "person"): ids and phones whole for
  /// PrivilegedExports(), masked otherwise. Ages as in ListPersons.
  Result<int64_t> ExportPersons(const Actor& actor, const PersonFilter& filter, const PersonSort& sort,
                                const std::function<Status(const Person&)>& visit, std::string_view source);

  /// Adds an origin village (迁出村), so that a county set up by `anju init` alone can enter
  /// households: a village of the division list by its code (name and township from the
  /// list), or a legacy village merged away since the move by name and township. Audited
  /// (create origin_village) in the same transaction. Returns it with its township name.
  /// Errors: kPermissionDenied (role: MayAddOriginVillages; a township account adding a
  /// village of another township: field division_code / township_code), kInvalidArgument
  /// (details per field: division_code not a village of the list, township_code not a
  /// township, name, relocation_type), kConflict (field division_code / name: the same village
  /// is already origin village <id>, named).
  Result<OriginVillage> CreateOriginVillage(const Actor& actor, const NewOriginVillage& input);

  /// Creates a household (and its members). Returns the new household id.
  /// Errors: kPermissionDenied (role, or a place outside the actor's scope: field site_id /
  /// grid_id), kInvalidArgument (with details per field), kConflict (household number or a
  /// resident id already taken, housing unit occupied).
  Result<int64_t> CreateHousehold(const Actor& actor, const NewHousehold& input);
  /// Changes the given fields. Errors: kNotFound (absent or outside the scope),
  /// kPermissionDenied (the change would move it outside the scope: site_id, grid_id,
  /// origin_village_id), kConflict (stale version), kInvalidArgument.
  Result<Household> UpdateHousehold(const Actor& actor, int64_t id, const HouseholdPatch& patch,
                                    int64_t expected_version);
  /// DELETE of a household (issue #14: nothing is deleted): ends a household without current
  /// members as entered in error — an entered_in_error register event (reason required), the
  /// household's ended_on = its start (formed_on, else move_in_date) so it is never counted, its
  /// housing unit released; audited ("delete") in the same transaction. A household with current
  /// members is refused with kConflict (field "members", value the count): end its members first
  /// (DeletePerson, the head last) or record how they left (LifeEventService). Errors:
  /// kInvalidArgument (reason empty), kNotFound, kConflict (members, ended already, stale version).
  Status DeleteHousehold(const Actor& actor, int64_t id, int64_t expected_version, const std::string& reason);

  /// Adds a person to household `p.household_id`. The first member must be the head; a second
  /// head is refused (kConflict). Writes a member_added register event (a member missing from
  /// the first registration: member_from = the household's start, or the birth date when later).
  /// Life events (birth, moved_in, …) go through LifeEventService::AddMember. Returns the new
  /// person id.
  Result<int64_t> AddPerson(const Actor& actor, const Person& p);
  /// Changes the given fields. Demoting the head is refused (use
  /// HouseholdChangeService::ChangeHead).
  /// Errors: kNotFound, kConflict (stale version, id taken, second head), kInvalidArgument.
  Result<Person> UpdatePerson(const Actor& actor, int64_t id, const PersonPatch& patch,
                              int64_t expected_version);
  /// DELETE of a person (issue #14: nothing is deleted): ends the membership as entered in error
  /// — an entered_in_error register event (reason required), member_until = member_from (the
  /// household's start when unset), so the person is never counted; the row stays. The head only
  /// when no other current member remains. Audited ("delete"). Errors: kInvalidArgument (reason
  /// empty), kNotFound, kConflict (head with members, no longer a member, stale version).
  /// What other modules recorded of the person is voided with the same reason in the same
  /// transaction (RegistryRepository::VoidRecordsOfPerson: industry's jobs and post holdings;
  /// kConflict, nothing changed, for a post holding with money paid).
  Status DeletePerson(const Actor& actor, int64_t id, int64_t expected_version, const std::string& reason);

 private:
  RegistryRepository& repo_;
  std::function<Date()> today_;
};

/// Validates one person record on its own (no database): resident id well-formed and not
/// after `today`, sex and birth date equal to what the id encodes, birth date from 1900-01-01
/// to `today`, name not blank and at most 50 characters without invisible or control
/// characters (core/plausible.h), ethnicity and education in their stored form
/// (ParseEthnicity / ParseEducation of registry.h), employer free text of at most 100
/// characters, disability grade 1–4 only when health is disabled, phone digits only.
/// With `before` (the stored record of an update), the plausibility rules skip fields equal to
/// the stored ones, so an older record breaking a newer rule can still be corrected elsewhere.
/// Returns all faults at once: kInvalidArgument with one detail per field (field names as in
/// the database: resident_id, sex, birth_date, name, ethnicity, education, employer, phone,
/// disability_grade).
Status ValidatePerson(const Person& p, Date today, const Person* before = nullptr);

/// Rewrites ethnicity and education in their stored form when they parse (汉 -> 汉族, 中等专业学校
/// -> 中专); leaves them unchanged otherwise (ValidatePerson then names the fault).
void NormalizePersonCodes(Person& p);

/// The generation rule (代际年龄差), in completed years: a parent is at least this much older
/// than their child. The demo generator keeps it (registry/demo_generator.cc), the service
/// enforces it on writes (CheckGenerationGap) and flags in-laws (GenerationGapWarning).
inline constexpr int kMinGenerationGapYears = 16;

/// Checks a member against the household head (both with valid birth dates):
///   relationship child  → born on or after the head's birth date + 16 years;
///   relationship parent → born on or before the head's birth date − 16 years;
/// any other relationship passes. (29 February + 16 years is 1 March in a common year.)
/// Refused rather than flagged: in a register built from 户口簿 with checked resident ids, a
/// parent–child gap under 16 years is far more often a keying error (a sibling's or
/// grandchild's id, or a wrong relationship code) than a fact; an adopter must be at least 30
/// (民法典 第1098条). The rare step-child (继子女) closer in age is recorded as other (其他).
/// Errors: kInvalidArgument, field "birth_date", value the member's birth date, the message
/// naming both birth dates and the relationship.
Status CheckGenerationGap(const Person& head, const Person& member);

/// For son_in_law / daughter_in_law (the spouse of the head's child): a warning when born less
/// than 16 years after the head. Flagged, not refused: an in-law's age is not bound by the
/// head's (a head's son of 25 may marry a woman of 38), so such gaps are unusual but lawful, and
/// refusing them would push clerks to mis-code the relationship. nullopt when nothing to flag.
std::optional<DataQualityWarning> GenerationGapWarning(const Person& head, const Person& member);

/// Masks a person's resident id and phone in place (lists, logs).
void MaskPerson(Person& p);

}  // namespace anju::registry
