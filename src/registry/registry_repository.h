// Storage interface of the registry (households, persons, origin villages) and the query types
// shared by the service and its callers. Implemented in registry/storage/sqlite_registry_repository.cc;
// domain code never sees SQL.
//
// Scope: every read takes the caller's AccessScope and the implementation filters by it in SQL
// (township: households whose origin village OR site lies in the township; site: households of
// that site; grid: households of that grid). A record outside the scope reads as absent.
//
// Writes run inside a WriteTransaction obtained from BeginWrite(); the service appends its audit
// entries through the same repository so the change and its audit entry commit together.
//
// Thread-safety: an implementation object is used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/audit.h"
#include "core/date.h"
#include "core/error.h"
#include "core/page.h"
#include "registry/life_event_repository.h"
#include "registry/reference_repository.h"
#include "registry/registry.h"
#include "sites/sites.h"

namespace anju::registry {

/// The paging types are core/page.h's (one for every list).
using anju::Page;
using anju::PageRequest;

/// Traits of a person for the household list's member filters: a household matches when at
/// least one of its members matches all the set fields (unset fields do not filter).
struct MemberFilter {
  std::optional<bool> employed;                   // employment_kind != none
  std::optional<EmploymentKind> employment_kind;
  std::optional<int> age_min;                     // completed years (周岁) on `as_of`, inclusive
  std::optional<int> age_max;
  std::optional<Date> as_of;                      // the service fills the statistics date (else
                                                  // today) when an age bound is set without it
  std::optional<bool> able_to_work;
  std::optional<bool> wants_work;
  std::optional<Sex> sex;
  /// True when no field is set (the household list then ignores members).
  bool empty() const {
    return !employed && !employment_kind && !age_min && !age_max && !able_to_work &&
           !wants_work && !sex;
  }
};

/// Filters of the household list; unset fields do not filter. `query` matches the household
/// number exactly, the head's name (prefix), the head's pinyin initials (exact, e.g. "zhm"),
/// the head's whole resident id, or its last 4–6 characters. `member`: households with at
/// least one member matching all its set traits (an EXISTS over persons, in SQL).
/// A report figure's records (drill-down, reports/figure_spec.h): the named filter of the
/// figure's FigureRecords (e.g. "persons.working_age") and the report day. The storage turns
/// the name into the one SQL condition that also defines the figure's total.
struct FigureFilter {
  std::string name;
  Date as_of{};
};

struct HouseholdFilter {
  std::optional<int64_t> site_id;
  std::string township_code;  // 9 digits: origin village OR site in this township
  std::optional<Category> category;
  std::optional<RelocationType> relocation_type;
  std::optional<int64_t> origin_village_id;
  std::optional<int64_t> grid_id;
  std::string query;
  MemberFilter member;
  std::optional<FigureFilter> figure;  // only the records counted by this figure
  /// ?as_of= (docs/living-register.md "Counted on day D"): the households counted on that day,
  /// at their placement then, with the members counted then. Unset: the figure's day when
  /// `figure` is set, else the current households (not ended) and current members.
  std::optional<Date> counted_on;
};

enum class HouseholdSortKey { kHouseholdNo, kMoveInDate, kMembers, kId };
struct HouseholdSort {
  HouseholdSortKey key = HouseholdSortKey::kHouseholdNo;
  bool descending = false;
};
/// Parses "household_no", "-move_in_date", "members", "id". Errors: kInvalidArgument, field "sort".
Result<HouseholdSort> ParseHouseholdSort(std::string_view text);

/// A row of the household list: the household and what the list shows beside it.
struct HouseholdSummary {
  Household household;
  std::string head_name;          // "" when the household has no members yet
  std::string head_resident_id;   // whole from the repository; RegistryService masks it
  int members = 0;
  std::string site_name;
  std::string origin_village_name;
  std::string origin_township_code;
  RelocationType relocation_type = RelocationType::kScattered;
};

/// Filters of the person list; unset fields do not filter. `query`: a name (prefix), pinyin
/// initials ("zhm"), a whole resident id, or the last 4–6 characters of one.
struct PersonFilter {
  std::string query;
  std::optional<int64_t> household_id;
  std::optional<int64_t> site_id;
  std::optional<int64_t> grid_id;                 // the household's grid
  std::string township_code;
  std::optional<Category> category;
  std::optional<bool> employed;                   // employment_kind != none
  std::optional<EmploymentKind> employment_kind;
  std::optional<int> age_min;                     // completed years on `as_of`, inclusive
  std::optional<int> age_max;
  std::optional<Date> as_of;                      // required when age_min/age_max are set
  std::optional<bool> able_to_work;
  std::optional<bool> wants_work;
  std::optional<Sex> sex;
  std::optional<FigureFilter> figure;             // only the records counted by this figure
  /// ?as_of=: the persons counted on that day, each in the household (and relationship) of
  /// that day. Unset: the figure's day when `figure` is set, else the current members.
  std::optional<Date> counted_on;
};

enum class PersonSortKey { kId, kName, kBirthDate };
struct PersonSort {
  PersonSortKey key = PersonSortKey::kId;
  bool descending = false;
};
/// Parses "id", "name", "-birth_date", … Errors: kInvalidArgument, field "sort".
Result<PersonSort> ParsePersonSort(std::string_view text);

/// Fields of a household that an update may change (unset = keep).
struct HouseholdPatch {
  std::optional<Category> category;
  std::optional<int64_t> origin_village_id;
  std::optional<int64_t> site_id;
  std::optional<std::optional<int64_t>> housing_unit_id;  // set to nullopt-inside to clear
  std::optional<std::optional<int64_t>> grid_id;
  std::optional<Date> move_in_date;
  std::optional<bool> convention_signed;
};

/// Fields of a person that an update may change (unset = keep). Changing the resident id
/// re-derives nothing: sex and birth date must agree with it (given or stored).
struct PersonPatch {
  std::optional<std::string> resident_id;
  std::optional<std::string> name;
  std::optional<Sex> sex;
  std::optional<Date> birth_date;
  std::optional<Relationship> relationship;
  std::optional<std::string> ethnicity;
  std::optional<std::string> phone;
  std::optional<std::string> education;
  std::optional<std::optional<Health>> health;
  std::optional<std::optional<int>> disability_grade;
  std::optional<bool> able_to_work;
  std::optional<bool> wants_work;
  std::optional<EmploymentKind> employment_kind;
  std::optional<std::string> employer;
};

/// The stored records a household detail shows, read together (RegistryRepository::LoadHousehold).
struct HouseholdRecords {
  Household household;
  std::optional<OriginVillage> origin_village;  // with township_name
  std::optional<std::string> site_name;
  std::optional<sites::HousingUnit> housing_unit;  // when housing_unit_id is set and exists
  std::vector<Person> members;                     // current members, whole ids; head first, then by id
};

/// A write transaction: rolls back in its destructor unless Commit() succeeded.
class WriteTransaction {
 public:
  virtual ~WriteTransaction() = default;
  /// Errors: kUnavailable when the database is busy.
  virtual Status Commit() = 0;
};

/// The storage operations the registry service needs.
class RegistryRepository {
 public:
  virtual ~RegistryRepository() = default;

  // --- reads (scope-filtered) ---
  virtual Result<std::optional<Household>> FindHousehold(const AccessScope& scope, int64_t id) = 0;
  virtual Result<Page<HouseholdSummary>> ListHouseholds(const AccessScope& scope,
                                                        const HouseholdFilter& filter,
                                                        const HouseholdSort& sort,
                                                        const PageRequest& page) = 0;
  /// Current members of a household (member_until IS NULL; whole ids), head first then by id. No scope check: callers
  /// check the household first.
  virtual Result<std::vector<Person>> PersonsOfHousehold(int64_t household_id) = 0;
  /// The household (scope-checked like FindHousehold) with its origin village, site name,
  /// housing unit and members: what a detail view reads on every request. nullopt when absent
  /// or outside the scope. Default: FindHousehold, FindOriginVillage, SiteName,
  /// FindHousingUnit and PersonsOfHousehold; the SQLite implementation reads it in one
  /// statement.
  virtual Result<std::optional<HouseholdRecords>> LoadHousehold(const AccessScope& scope, int64_t id) {
    auto h = FindHousehold(scope, id);
    if (!h) return std::unexpected(h.error());
    if (!*h) return std::optional<HouseholdRecords>();
    HouseholdRecords r;
    r.household = std::move(**h);
    auto ov = FindOriginVillage(r.household.origin_village_id);
    if (!ov) return std::unexpected(ov.error());
    r.origin_village = std::move(*ov);
    auto sn = SiteName(r.household.site_id);
    if (!sn) return std::unexpected(sn.error());
    r.site_name = std::move(*sn);
    if (r.household.housing_unit_id) {
      auto u = FindHousingUnit(*r.household.housing_unit_id);
      if (!u) return std::unexpected(u.error());
      r.housing_unit = std::move(*u);
    }
    auto m = PersonsOfHousehold(id);
    if (!m) return std::unexpected(m.error());
    r.members = std::move(*m);
    return std::optional<HouseholdRecords>(std::move(r));
  }
  virtual Result<std::optional<Person>> FindPerson(const AccessScope& scope, int64_t id) = 0;
  /// Persons with whole ids and phones (the service masks them).
  virtual Result<Page<Person>> ListPersons(const AccessScope& scope, const PersonFilter& filter,
                                           const PersonSort& sort, const PageRequest& page) = 0;

  // --- reads used by validation (no scope) ---
  virtual Result<std::optional<OriginVillage>> FindOriginVillage(int64_t id) = 0;
  virtual Result<std::optional<sites::HousingUnit>> FindHousingUnit(int64_t id) = 0;
  virtual Result<bool> SiteExists(int64_t site_id) = 0;
  /// The site a grid belongs to, or nullopt if the grid does not exist.
  virtual Result<std::optional<int64_t>> SiteOfGrid(int64_t grid_id) = 0;
  /// The person id holding `resident_id`, if any.
  virtual Result<std::optional<int64_t>> PersonIdByResidentId(const std::string& resident_id) = 0;
  /// The household id with `household_no`, if any.
  virtual Result<std::optional<int64_t>> HouseholdIdByNo(const std::string& household_no) = 0;
  /// The site's name, or nullopt if the site does not exist.
  virtual Result<std::optional<std::string>> SiteName(int64_t site_id) = 0;
  /// The place (core/actor.h) of a household with these references, for ScopeCovers: the
  /// townships of its origin village and of its site looked up ("" when absent), grid_id 0
  /// when unset.
  virtual Result<Place> PlaceOf(const Household& h) = 0;
  /// The division with `code` (divisions table), or nullopt.
  virtual Result<std::optional<Division>> FindDivision(const std::string& code) = 0;
  /// An origin village that a new one (`v`) would repeat: the same division code (when
  /// v.division_code is not ""), or the same name in the same township; nullopt if none.
  virtual Result<std::optional<OriginVillage>> FindSameOriginVillage(const OriginVillage& v) = 0;
  /// meta.statistics_date, if set.
  virtual Result<std::optional<Date>> StatisticsDate() = 0;

  // --- writes (inside BeginWrite) ---
  virtual Result<std::unique_ptr<WriteTransaction>> BeginWrite() = 0;
  /// Inserts an origin village (division_code "" stored as NULL) and returns its id.
  virtual Result<int64_t> InsertOriginVillage(const OriginVillage& v) = 0;
  /// Inserts and returns the new id (version 1). Errors: kConflict on a taken household_no.
  virtual Result<int64_t> InsertHousehold(const Household& h) = 0;
  /// Writes every field of `h` with version = h.version + 1 where version = h.version.
  /// Errors: kConflict (stale version) when no row matched.
  virtual Status UpdateHousehold(const Household& h) = 0;
  virtual Status DeleteHousehold(int64_t id) = 0;
  /// Inserts (version 1, name_initials computed by the caller) and returns the new id.
  /// Errors: kConflict on a taken resident id.
  virtual Result<int64_t> InsertPerson(const Person& p) = 0;
  /// As UpdateHousehold, for a person.
  virtual Status UpdatePerson(const Person& p) = 0;
  virtual Status DeletePerson(int64_t id) = 0;
  /// Appends an audit entry in the open write transaction.
  virtual Status AppendAudit(const Actor& actor, const AuditEntry& entry) = 0;
  /// An employment_kind given to a person create/edit becomes jobs (docs/industry.md "The
  /// registry seam"), in the open write, through the recorder the industry module installs
  /// (registry::SetEmploymentRecorder, registry/storage/sqlite_registry_repository.h). Errors:
  /// the recorder's (a job rule, e.g. the labour age minimum); kInvalidArgument naming
  /// "employment_kind" when no recorder is installed.
  virtual Status RecordEmployment(const Actor& actor, int64_t person_id, EmploymentKind kind,
                                  const std::string& employer) = 0;
  /// A person removed as entered in error (DeletePerson): what other modules recorded of them
  /// (industry: jobs, welfare-post holdings) is voided with `reason`, in the open write, through
  /// the hook industry installs (registry::SetPersonVoider); nothing without one. Errors: the
  /// hook's (kConflict: a post holding with money paid).
  virtual Status VoidRecordsOfPerson(const Actor& actor, int64_t person_id, const std::string& reason,
                                     Date today) = 0;

  /// The membership and register-event storage (issue #14) on the same connection, so its
  /// writes join the transaction of BeginWrite().
  virtual LifeEventRepository& Events() = 0;
};

}  // namespace anju::registry
