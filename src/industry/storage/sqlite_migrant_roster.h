// The migrant roster's writer (（务工月监测）已外出务工信息, industry/job_tables.cc MigrantRosterSpec,
// docs/industry.md "Jobs"): the generic table pipeline (importer/table_import.h: readers, header
// detection, cleaners, per-cell faults, dry run, all-or-nothing, the batch audit entry) calls it for
// each clean row inside the import's one transaction. A row names the person by 身份证号 (the
// checksum is checked), or by 户编号 + 姓名 (a current member); then the person's not voided job of
// the same 就业渠道, 务工企业名称 and 开始时间 is found (FindRow: the import counts the row updated or
// unchanged, so importing a roster again creates nothing) and updated (结束时间, 月收入, 务工地点,
// 务工所在县: the columns the file has and fills), or a job is recorded (source import) — both through industry::JobService, so the jobs rules apply
// (labour age, 结束时间 after 开始时间, no 县外 公益岗/车间, no overlap) with their audit entries. A
// refused row becomes faults on the named columns (importer StoreFault); nothing of it is stored.
// Export: every not voided job as a roster row (the whole 身份证号: county users only).
//
// Thread-safety: one import at a time per connection.
#pragma once

#include <memory>

#include "core/actor.h"
#include "core/date.h"
#include "importer/table_import.h"
#include "storage/connection.h"

namespace anju::storage {

/// The repository MigrantRosterSpec's rows are written through (importer::TableWriterFactory).
std::unique_ptr<importer::TableRepository> MigrantRosterWriter(Connection& db, const Actor& actor, Date today);

}  // namespace anju::storage
