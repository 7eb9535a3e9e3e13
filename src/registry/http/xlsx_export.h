// Export of the current household or person list (same filters as the list endpoint, all
// pages) to an .xlsx workbook, for GET /api/v1/households.xlsx and /api/v1/persons.xlsx.
//
// The workbook is the person export of `anju export persons` (importer::ExportToBytes: one
// column list, Chinese headers the importer reads, ids and phones as text cells), restricted to
// the list's rows, so that export -> correct in Excel/WPS -> web import works (issue #12,
// item 9). The household list exports the roster of its households (every member, one row per
// person; the household columns repeat on each member's row). Rows are in household-number
// order, head first, whatever the list's sort, so that a household's rows stay together.
//
// Which rows: RegistryService::ExportHouseholds/ExportPersons walk the list with its filter and
// the actor's scope (in SQL) and append the `export` audit entry (filters, rows = households or
// persons listed, ids whole/masked), as before. Ids and phones are whole for actors with
// Actor::PrivilegedExports() (county_admin, county_staff) and masked for everyone else (issue
// #5); a masked file cannot be imported back as is (the importer refuses masked ids and phones
// cell by cell).
//
// Thread-safety: reentrant (each call writes its own temporary file, removed before return).
#pragma once

#include <string>

#include "core/actor.h"
#include "core/error.h"
#include "importer/import_repository.h"
#include "registry/registry_service.h"

namespace anju::registry {

/// Largest number of list rows (households or persons) exported in one file; more answers
/// kResourceExhausted asking for a narrower filter.
inline constexpr int kMaxExportRows = 200000;

/// The roster of the household list as xlsx bytes (audited by the service). Errors: the
/// service's; kResourceExhausted over kMaxExportRows (nothing audited); kUnavailable when the
/// temporary file cannot be written (nothing audited when the folder is unusable).
Result<std::string> ExportHouseholdsXlsx(registry::RegistryService& registry, importer::ExportRepository& exports,
                                         const Actor& actor, const registry::HouseholdFilter& filter,
                                         const registry::HouseholdSort& sort);

/// The person list as xlsx bytes. Errors as above.
Result<std::string> ExportPersonsXlsx(registry::RegistryService& registry, importer::ExportRepository& exports,
                                      const Actor& actor, const registry::PersonFilter& filter,
                                      const registry::PersonSort& sort);

}  // namespace anju::registry
