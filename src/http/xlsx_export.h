// Export of the current household or person list (same filters and sort as the list
// endpoint, all pages) to an .xlsx workbook, for GET /api/v1/households.xlsx and
// /api/v1/persons.xlsx. Written with libxlsxwriter (Debian libxlsxwriter-dev) by the API
// because the importer's export functions were not available when this was built; ids and
// phones are masked exactly as in the list (the registry service masks them).
//
// Columns use the Chinese header names township spreadsheets use, with the identifier in a
// second header row so files round-trip through the importer.
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

/// The household list as xlsx bytes. Errors: the service's; kResourceExhausted over
/// kMaxExportRows; kUnavailable when the temporary file cannot be written.
Result<std::string> ExportHouseholdsXlsx(registry::RegistryService& registry, const Actor& actor,
                                         const registry::HouseholdFilter& filter,
                                         const registry::HouseholdSort& sort);

/// The person list as xlsx bytes, ages in completed years on `as_of`. Errors as above.
Result<std::string> ExportPersonsXlsx(registry::RegistryService& registry, const Actor& actor,
                                      const registry::PersonFilter& filter,
                                      const registry::PersonSort& sort, Date as_of);

}  // namespace anju::http
