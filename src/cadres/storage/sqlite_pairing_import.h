// The pairing roster import (结对帮扶花名册, issue #15 item 1): the county's sheet of which cadre
// is paired with which household, read by the importer's table pipeline (importer/table_import.h:
// readers, header detection with two-level headers, cleaners, per-cell faults naming file,
// sheet, row, column and value in Chinese and English with a fix, duplicate keys, dry run,
// all-or-nothing, the batch audit entry) without new reader code. Each valid row is written by a
// row handler in place of the generic upsert (PairingTableRepository below): it resolves the
// household (户编号, or 户主身份证号 of its current head), finds the cadre by name + phone (or
// creates it), and assigns / reassigns it from 结对日期 through CadreService (its rules and audit
// entries), inside the import's one transaction. A row the handler refuses becomes a fault of
// that row naming the household column, with the reason (en + zh) and its value.
//
// Columns (header synonyms in PairingTableSpec): household (户编号 | 户主身份证号 | 身份证号码),
// head_name (户主姓名, checked against the current head when given), cadre_name (帮扶责任人,
// 帮扶人, 结对干部), unit (单位 | 工作单位 | 帮扶单位), title (职务), phone (联系电话 | 手机号码),
// paired_on (结对日期).
//
// Thread-safety: one import at a time per connection.
#pragma once

#include <memory>

#include "core/actor.h"
#include "importer/table_import.h"
#include "storage/connection.h"

namespace anju::storage {

/// The declared sheet (table "cadre_pairings": an import-only spec, nothing is stored under that
/// name; the rows go to cadres and cadre_assignments).
const importer::TableSpec& PairingTableSpec();

/// Imports `input` on behalf of `actor` (county roles: Actor::CanManageCadres). Errors as
/// importer::ImportTable; row faults are in the result.
Result<importer::TableImportResult> ImportPairings(Connection& db, std::shared_ptr<importer::InputFile> input,
                                                   const Actor& actor, const importer::TableImportOptions& options);

}  // namespace anju::storage
