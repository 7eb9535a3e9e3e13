// The workshops ledger (扶贫车间台账) as a declared table (importer/table_import.h): what a county
// sends as a spreadsheet of its poverty-alleviation workshops, imported and exported by the
// generic table import (`anju import --table workshops FILE`, `anju export workshops --out F`).
//
// Thread-safety: the spec is built once and immutable.
#pragma once

#include "importer/table_import.h"

namespace anju::industry {

/// Table `workshops` (migration 0001): site (安置点, a site name or alias -> site_id; the scope
/// column), name (车间名称), kind (产品类型: a code list), opened_on (投产日期), rent_free_years
/// (免租年限). Key: site + name (a workshop is named within its site).
const importer::TableSpec& WorkshopTableSpec();

}  // namespace anju::industry
