// An employer's roster's writer (用工花名册, industry/job_tables.cc EmployerRosterSpec,
// docs/industry.md "Jobs"): the generic table pipeline (importer/table_import.h: readers, header
// detection, cleaners, per-cell faults, duplicate keys, dry run, all-or-nothing, the batch audit
// entry) calls it for each clean row inside the import's one transaction. A row names the person
// by 身份证号 (checksum checked, 姓名 must agree; a registered person). The key 身份证号 + 用工单位 +
// 入职日期 finds the person's not voided job of that employer from that day: it is updated
// (就业渠道, 务工地点, 离职日期, 月收入 — the columns the file has and fills; an empty 离职日期 cell
// reopens an ended job), or a job is recorded (source import) — both through
// industry::JobService, so the jobs rules apply with their audit entries. A refusal naming a
// column becomes a fault on that cell (importer StoreFault); nothing of the row is stored.
// 统一社会信用代码 and 岗位 are read and checked (the code: 18 characters of GB 32100's set) but
// not stored (jobs has no such columns): an export leaves them empty.
// Export: the current jobs (not voided, not ended on today) with an employer, ordered by employer
// and start; the whole 身份证号 for county users only.
//
// Thread-safety: one import at a time per connection.
#pragma once

#include <memory>
#include <string>

#include "core/actor.h"
#include "core/date.h"
#include "importer/table_import.h"
#include "storage/connection.h"

namespace anju::storage {

/// The repository EmployerRosterSpec's rows are written through (importer::TableWriterFactory);
/// its export covers every employer.
std::unique_ptr<importer::TableRepository> EmployerRosterWriter(Connection& db, const Actor& actor, Date today);
/// The same, whose export is the current roster of the one employer named `employer` (exact text).
std::unique_ptr<importer::TableRepository> EmployerRosterOf(Connection& db, const Actor& actor, Date today,
                                                            std::string employer);

}  // namespace anju::storage
