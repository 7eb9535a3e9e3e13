// JSON of the web import's answers (POST /api/v1/imports/preview and /api/v1/imports; see
// routes.h and docs/api.md). Moved from the former http/import_routes.cc (issue #13).
//
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "importer/importer.h"

namespace anju::importer {

/// The answer of a preview or an import: file, format, encoding, sheets (header rows, column
/// mapping, skipped reason in English and Chinese), preview rows, faults (at most 500; ids and
/// phones masked for every role: the clerk has the file, the error report carries the rows
/// whole), faults_total, committed, counts, and "id" / "errors_report" (the error report's id
/// and download path; null when `report_id` is "").
nlohmann::json ImportJson(const ImportResult& r, const std::string& report_id);

}  // namespace anju::importer
