// What the importer and the exporter need from storage. Implemented for SQLite in
// importer/storage/sqlite_import_repository.cc; tests use an in-memory fake. No SQL here.
//
// Writes happen between Begin() and Commit()/Rollback(): one transaction for a whole import, so
// that a killed import leaves the database as it was (SQLite rolls back an unfinished
// transaction from its journal when the file is next opened).
//
// Thread-safety: one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/audit.h"
#include "core/date.h"
#include "core/error.h"
#include "registry/register_event.h"
#include "registry/registry.h"

namespace anju::importer {

/// Names the import resolves to ids: origin villages (name and legacy name, with township),
/// sites (name and aliases), grids (name within a site), and the villages of the county's
/// division list (NBS 统计用区划代码, table divisions) from which a missing origin village is
/// created.
struct ReferenceNames {
  struct Named {
    int64_t id = 0;
    std::string name;           // the name or alias as matched
    std::string context;        // township name of a village or division; "" otherwise
    int64_t site_id = 0;        // grids: their site
    std::string township_code;  // villages: their township; sites: the township they are in
    std::string kind;           // villages: relocation type (whole_village|scattered);
                                // divisions: the 12-digit village code
  };
  std::vector<Named> villages;
  std::vector<Named> sites;
  std::vector<Named> grids;
  /// Divisions of level 'village' (村委会/居委会) with their township; `id` is their index here,
  /// `kind` their code.
  std::vector<Named> division_villages;
};

/// A housing unit found at a site, with its floor area (nullopt: not known) and the household
/// living there ("" when vacant).
struct FoundHousingUnit {
  int64_t id = 0;
  std::optional<int64_t> floor_area_dm2;  // 0.01 m²
  std::string occupied_by;                // household_no
};

/// A person already in the registry, with the household number it belongs to.
struct RegisteredPerson {
  registry::Person person;
  std::string household_no;
};

/// A summary row of one import batch (table import_batches, migration 0004).
struct ImportBatchRecord {
  std::string file_name;
  std::string sha256;      // hex of the file's bytes
  std::string mode;        // insert | upsert
  bool all_or_nothing = false;
  int64_t rows_read = 0, rows_imported = 0, rows_rejected = 0;
  int64_t persons_created = 0, persons_updated = 0, households_created = 0, households_updated = 0;
};

class ImportRepository {
 public:
  virtual ~ImportRepository() = default;
  virtual Result<ReferenceNames> LoadReference() = 0;
  /// True when the registry has no persons (lets a first import skip per-row look-ups).
  virtual Result<bool> RegistryIsEmpty() = 0;
  virtual Result<std::optional<FoundHousingUnit>> FindHousingUnit(int64_t site_id, const std::string& building,
                                                                  const std::string& entrance,
                                                                  const std::string& room) = 0;
  virtual Result<std::optional<registry::Household>> FindHouseholdByNo(const std::string& household_no) = 0;
  virtual Result<std::optional<RegisteredPerson>> FindPersonByResidentId(const std::string& resident_id) = 0;
  /// The current head (户主, member_until NULL) of household `household_id`, or nullopt (issue
  /// #14: members imported without their head's row are related to the registered head).
  virtual Result<std::optional<registry::Person>> FindCurrentHead(int64_t household_id) = 0;
  /// A current member (member_until NULL) of household `household_id` whose resident id is
  /// pending ('', 待补录) with this name, sex and birth date — the lowest id when several — or
  /// nullopt: how a roster row reading 待补录 finds its registered person.
  virtual Result<std::optional<registry::Person>> FindPendingMember(int64_t household_id, const std::string& name,
                                                                    Sex sex, Date birth_date) = 0;
  /// A new household number "<prefix>-NNNNNN" one above the highest serial in use.
  virtual Result<std::string> NextHouseholdNo() = 0;

  /// Starts the import's transaction. Errors: kUnavailable when another writer holds the lock.
  virtual Status Begin() = 0;
  /// Inserts (version 1) and returns the id. Errors: kConflict (number taken, unit occupied).
  virtual Result<int64_t> InsertHousehold(const registry::Household& h) = 0;
  /// Writes every field, version + 1. Errors: kConflict when the unit is occupied.
  virtual Status UpdateHousehold(const registry::Household& h) = 0;
  /// Inserts (name_initials given) and returns the id. Errors: kConflict (id taken, second head).
  virtual Result<int64_t> InsertPerson(const registry::Person& p) = 0;
  /// Writes every field, version + 1.
  virtual Status UpdatePerson(const registry::Person& p) = 0;
  /// Creates the origin village of a division-list village (division_code, name, township_code,
  /// relocation_type) and returns its id. Errors: kConflict (the division already has one).
  virtual Result<int64_t> InsertOriginVillage(const registry::OriginVillage& v) = 0;
  /// Creates a housing unit at a site; floor area in 0.01 m², nullopt when unknown (migration
  /// 0005 allows NULL). Errors: kConflict (the site already has that building/entrance/room).
  virtual Result<int64_t> InsertHousingUnit(int64_t site_id, const std::string& building, const std::string& entrance,
                                            const std::string& room, std::optional<int64_t> floor_area_dm2) = 0;
  /// Sets a housing unit's floor area (0.01 m²).
  virtual Status UpdateHousingUnitArea(int64_t unit_id, int64_t floor_area_dm2) = 0;
  /// Creates a grid (a name at a site). Errors: kConflict (the site has a grid of that name).
  virtual Result<int64_t> InsertGrid(int64_t site_id, const std::string& name) = 0;
  /// A member added to a registered household (issue #14): sets persons.member_from of
  /// `e.person_id` to `e.event_date` and inserts `e` into register_events, in this transaction.
  /// Returns the event's id. Errors: kInvalidArgument (no recorded_by, a missing person), the
  /// database's.
  virtual Result<int64_t> RecordMemberAdded(const registry::RegisterEvent& e) = 0;
  /// A person's employment given to the import (就业方式 / 是否就业) becomes jobs through the
  /// registry seam (registry::SetEmploymentRecorder, installed by industry; docs/industry.md "The
  /// registry seam"), in this transaction, from `today`. Errors: the recorder's (a job rule:
  /// kInvalidArgument); kInvalidArgument naming employment_kind when none is installed.
  /// Default (repositories without jobs): nothing.
  virtual Status RecordEmployment(const Actor& actor, int64_t person_id, registry::EmploymentKind kind,
                                  const std::string& employer, Date today) {
    (void)actor, (void)person_id, (void)kind, (void)employer, (void)today;
    return {};
  }
  /// A savepoint around one household's writes (a household whose employment becomes jobs):
  /// MarkGroup sets it, ReleaseGroup keeps the writes, UndoGroup rolls them back. Default: none.
  virtual Status MarkGroup() { return {}; }
  virtual Status ReleaseGroup() { return {}; }
  virtual Status UndoGroup() { return {}; }
  /// Appends to the hash-chained audit trail in this transaction.
  virtual Status Audit(const Actor& actor, const AuditEntry& entry) = 0;
  virtual Status RecordBatch(const Actor& actor, const ImportBatchRecord& batch) = 0;
  virtual Status Commit() = 0;
  /// Undoes everything since Begin() (also done by the destructor of an implementation).
  virtual void Rollback() = 0;
};

/// One row of a person export: the person, and the household's values by name.
struct ExportPersonRow {
  registry::Person person;
  std::string household_no;
  std::string category;        // identifier
  std::string origin_village;  // name (unique within the county, else "乡镇/村")
  std::string site;
  std::string building, entrance, room;
  std::optional<int64_t> floor_area_dm2;  // of the housing unit, 0.01 m²; nullopt: unknown
  std::string relocation_type;            // of the origin village: whole_village | scattered
  std::string move_in_date;    // YYYY-MM-DD
  std::string grid;
  bool convention_signed = false;
  /// A current member (persons.member_until IS NULL) of a household not ended (ended_on IS
  /// NULL); false: a former member or an ended household (docs/living-register.md).
  bool current = true;
};

/// One row of a household export.
struct ExportHouseholdRow {
  registry::Household household;
  std::string category, origin_village, township, site, building, entrance, room, grid;
  std::optional<int64_t> floor_area_dm2;  // 0.01 m²
  std::string relocation_type;            // whole_village | scattered
  std::string head_name, head_resident_id;
  int64_t members = 0;
  std::string move_in_date;
};

/// One row of a site export.
struct ExportSiteRow {
  int64_t id = 0;
  std::string name, mode, township;
  std::optional<int64_t> planned_capacity;
  int64_t households = 0, persons = 0;
};

/// Streams registry rows for exports, filtered by the actor's scope in SQL and optionally by
/// site; persons ordered by household number, head first. Exports are the CURRENT roster (issue
/// #14, as the lists): current members (persons.member_until IS NULL) of current households
/// (households.ended_on IS NULL); a household's member count and head are its current ones; a
/// site's figures count the same.
class ExportRepository {
 public:
  virtual ~ExportRepository() = default;
  virtual Status ForEachPerson(const AccessScope& scope, std::optional<int64_t> site_id,
                               const std::function<Status(const ExportPersonRow&)>& fn) = 0;
  virtual Status ForEachHousehold(const AccessScope& scope, std::optional<int64_t> site_id,
                                  const std::function<Status(const ExportHouseholdRow&)>& fn) = 0;
  virtual Status ForEachSite(const AccessScope& scope, const std::function<Status(const ExportSiteRow&)>& fn) = 0;
  /// The id of a site by name or alias, or nullopt.
  virtual Result<std::optional<int64_t>> SiteIdByName(const std::string& name) = 0;
};

}  // namespace anju::importer
