// Export of the current household or person list (same filters and sort as the list
// endpoint, all pages) to an .xlsx workbook, for GET /api/v1/households.xlsx and
// /api/v1/persons.xlsx. The rows come from RegistryService::ExportHouseholds/ExportPersons,
// which apply the actor's scope in SQL, give whole resident ids and phones only to actors with
// Actor::PrivilegedExports() (county_admin, county_staff; masked for everyone else, issue #5)
// and append the `export` audit entry (filters, row count). Written here with libxlsxwriter
// (Debian libxlsxwriter-dev) because importer::ExportToBytes takes only a site, not the
// list's filters (township, category, search, member traits …).
//
// Ids and phones are string cells in a text-formatted ("@") style, so Excel and WPS never turn
// them into numbers (which keeps only 15 digits). Columns carry the Chinese header names
// township spreadsheets use, with the identifier in a second header row.
//
// Thread-safety: reentrant (each call writes its own temporary file, removed before return).
#pragma once

#include <string>

#include "core/actor.h"
#include "core/date.h"
#include "core/error.h"
#include "registry/registry_service.h"

namespace anju::http {

/// Largest number of rows exported in one file; more answers kResourceExhausted asking for a
/// narrower filter.
inline constexpr int kMaxExportRows = 200000;

/// The household list as xlsx bytes (audited by the service). Errors: the service's;
/// kResourceExhausted over kMaxExportRows (nothing audited); kUnavailable when the temporary
/// file cannot be written.
Result<std::string> ExportHouseholdsXlsx(registry::RegistryService& registry, const Actor& actor,
                                         const registry::HouseholdFilter& filter,
                                         const registry::HouseholdSort& sort);

/// The person list as xlsx bytes, ages in completed years on `as_of`. Errors as above.
Result<std::string> ExportPersonsXlsx(registry::RegistryService& registry, const Actor& actor,
                                      const registry::PersonFilter& filter,
                                      const registry::PersonSort& sort, Date as_of);

}  // namespace anju::http
