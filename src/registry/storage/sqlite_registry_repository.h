// SQLite implementation of registry::RegistryRepository (households, persons, origin villages).
// Scope filtering is done in SQL (see registry/registry_repository.h); every value is bound.
//
// Thread-safety: as Connection (one thread at a time).
#pragma once

#include "registry/registry_repository.h"
#include "registry/storage/sqlite_life_event_repository.h"
#include "storage/connection.h"

namespace anju::registry {

/// The hook that turns a person's employment_kind given to the registry into jobs (industry
/// installs storage::RecordRegistryEmployment in modules::Install): called inside the registry's
/// write with the person, the channel's wire name ("none": end the current jobs), the employer
/// and today (China). Without one, a person write that changes employment_kind is refused.
using EmploymentRecorder = Status (*)(storage::Connection& db, const Actor& actor, int64_t person_id,
                                      std::string_view channel, const std::string& employer, Date today);
/// Installs the recorder (once at start, before other threads; nullptr removes it).
void SetEmploymentRecorder(EmploymentRecorder recorder);
/// Calls the installed recorder for `kind` (the registry's person write and the household
/// import). Errors: the recorder's; kInvalidArgument naming employment_kind without one.
Status RecordEmployment(storage::Connection& db, const Actor& actor, int64_t person_id, EmploymentKind kind,
                        const std::string& employer, Date today);

/// The hook that voids what other modules recorded of a person removed as entered in error
/// (DeletePerson; industry installs storage::VoidRecordsOfPerson in modules::Install: the
/// person's jobs and welfare-post holdings), called inside the registry's write with the
/// removal's reason and the service's today. Its refusal refuses the removal. Without one: nothing.
using PersonVoider = Status (*)(storage::Connection& db, const Actor& actor, int64_t person_id, const std::string& reason,
                                Date today);
/// Installs the hook (once at start, before other threads; nullptr removes it).
void SetPersonVoider(PersonVoider voider);

}  // namespace anju::registry

namespace anju::storage {

class SqliteRegistryRepository : public registry::RegistryRepository {
 public:
  /// `db` must outlive the repository.
  explicit SqliteRegistryRepository(Connection& db) : db_(db), events_(db) {}

  Result<std::optional<registry::Household>> FindHousehold(const AccessScope& scope, int64_t id) override;
  Result<registry::Page<registry::HouseholdSummary>> ListHouseholds(const AccessScope& scope,
                                                                    const registry::HouseholdFilter& filter,
                                                                    const registry::HouseholdSort& sort,
                                                                    const registry::PageRequest& page) override;
  Result<std::vector<registry::Person>> PersonsOfHousehold(int64_t household_id) override;
  /// One statement (households joined with origin village, division, site, housing unit and
  /// persons), instead of the interface's five.
  Result<std::optional<registry::HouseholdRecords>> LoadHousehold(const AccessScope& scope, int64_t id) override;
  Result<std::optional<registry::Person>> FindPerson(const AccessScope& scope, int64_t id) override;
  Result<registry::Page<registry::Person>> ListPersons(const AccessScope& scope, const registry::PersonFilter& filter,
                                                       const registry::PersonSort& sort,
                                                       const registry::PageRequest& page) override;
  Result<std::optional<registry::OriginVillage>> FindOriginVillage(int64_t id) override;
  Result<std::optional<registry::Division>> FindDivision(const std::string& code) override;
  Result<std::optional<registry::OriginVillage>> FindSameOriginVillage(const registry::OriginVillage& v) override;
  Result<int64_t> InsertOriginVillage(const registry::OriginVillage& v) override;
  Result<std::optional<sites::HousingUnit>> FindHousingUnit(int64_t id) override;
  Result<bool> SiteExists(int64_t site_id) override;
  Result<Place> PlaceOf(const registry::Household& h) override;
  Result<std::optional<int64_t>> SiteOfGrid(int64_t grid_id) override;
  Result<std::optional<int64_t>> PersonIdByResidentId(const std::string& resident_id) override;
  Result<std::optional<int64_t>> HouseholdIdByNo(const std::string& household_no) override;
  Result<std::optional<std::string>> SiteName(int64_t site_id) override;
  Result<std::optional<Date>> StatisticsDate() override;
  Result<std::unique_ptr<registry::WriteTransaction>> BeginWrite() override;
  Result<int64_t> InsertHousehold(const registry::Household& h) override;
  Status UpdateHousehold(const registry::Household& h) override;
  Status DeleteHousehold(int64_t id) override;
  Result<int64_t> InsertPerson(const registry::Person& p) override;
  Status UpdatePerson(const registry::Person& p) override;
  Status DeletePerson(int64_t id) override;
  Status VoidRecordsOfPerson(const Actor& actor, int64_t person_id, const std::string& reason, Date today) override;
  Status RecordEmployment(const Actor& actor, int64_t person_id, registry::EmploymentKind kind,
                          const std::string& employer) override;
  Status AppendAudit(const Actor& actor, const AuditEntry& entry) override;
  registry::LifeEventRepository& Events() override { return events_; }

 private:
  Connection& db_;
  SqliteLifeEventRepository events_;
};

}  // namespace anju::storage
