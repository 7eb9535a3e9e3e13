// What the two job rosters' writers share (sqlite_migrant_roster.cc, sqlite_employer_roster.cc):
// reading a row's typed cells, a row fault, and the patch that brings a found job in line with
// its row.
//
// Thread-safety: stateless functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "importer/table_import.h"
#include "industry/jobs.h"

namespace anju::storage::roster {

/// A text cell's value ('' for an empty or non-text cell).
std::string Text(const importer::TableValue& v);
/// An integer cell's value (fen for money columns), nullopt for an empty or non-integer cell.
std::optional<int64_t> Int(const importer::TableValue& v);
/// True for an empty cell.
bool Empty(const importer::TableValue& v);
/// A row fault of column `field` (kInvalidArgument, English and Chinese).
Error RowError(std::string field, std::string value, std::string en, std::string zh);

/// What the row says and `job` does not, as a patch: 结束时间 (`ended_on`: a date ends the job
/// with `end_reason`, an empty cell reopens an ended one), 月收入 (`monthly_income_fen`), 务工地点
/// (`place`) and 务工所在县 (`work_county`) — each only when the spec has the column and the file
/// has it (`present`, by column index) and fills it. Errors: kInvalidArgument for a cell that is
/// not a date or a work place (the pipeline has checked both already).
Result<industry::JobPatch> PatchFromRow(const importer::TableSpec& spec, const importer::TableRow& v,
                                        const std::vector<bool>& present, const industry::Job& job,
                                        std::string_view end_reason);

}  // namespace anju::storage::roster
