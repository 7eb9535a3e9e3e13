// The inspection's finding list (问题清单) as a table for importer::ImportTable, and the ledger
// (整改台账) the county hands to inspectors.
//
// Import columns (header synonyms in finding_list.cc): 序号 (required, the key within the
// inspection), 问题描述 (required), 乡镇, 安置点, 责任单位 (required), 整改措施, 整改时限 (a
// date; a day after today is accepted). 乡镇 is one of the county's townships by name, short
// name (临泉 for 临泉镇) or 9-digit code. Rows are read, cleaned and checked by the importer
// (per-cell faults naming file, sheet, row, column and value, with a fix, in Chinese and
// English); the rows are stored by storage::FindingListTable.
//
// Ledger columns: 序号, 问题, 责任单位, 整改措施, 时限, 进展, 销号日期 (进展: the state and the
// township's progress text).
//
// Thread-safety: values.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "importer/table_import.h"
#include "rectification/rectification.h"

namespace anju::rectification {

/// The import spec; `townships` (code, name) are the county's townships (the 乡镇 choices).
importer::TableSpec FindingListSpec(const std::vector<std::pair<std::string, std::string>>& townships);

/// The ledger's headers and one finding's cells, in that order.
std::vector<std::string> LedgerHeaders();
std::vector<std::string> LedgerRow(const Finding& f);

}  // namespace anju::rectification
