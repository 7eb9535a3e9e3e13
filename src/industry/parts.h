// The industry module's declarations for other modules, one function per area so the areas are
// built apart (docs/industry.md): module.cc joins them into the descriptor.
#pragma once

#include <vector>

namespace anju::importer {
struct TableSpec;
}
namespace anju::casework {
struct CaseType;
}

namespace anju::industry {

/// The jobs area's ledgers for the generic table import/export: the monthly migrant-work roster
/// (务工月监测) and employer rosters (job_tables.cc).
std::vector<const importer::TableSpec*> JobTables();
/// The migrant roster (（务工月监测）已外出务工信息, job_tables.cc); module.cc installs its writer
/// (storage::MigrantRosterWriter: each row records or updates a job through the jobs rules).
importer::TableSpec& MigrantRosterSpec();
/// An employer's roster (用工花名册, job_tables.cc): one row per worker of an employer, keyed by
/// 身份证号 + 用工单位 + 入职日期; module.cc installs its writer (storage::EmployerRosterWriter).
importer::TableSpec& EmployerRosterSpec();
/// The case types of the zero-employment follow-up (service_case_types.cc).
std::vector<const casework::CaseType*> ServiceCaseTypes();

}  // namespace anju::industry
