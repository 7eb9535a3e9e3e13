// The events roster (变动名册, issue #14 item 5): one row per life event of a person in a
// registered household — births, deaths, moves away, marriages in and out, moves in, returns,
// members added — read like the persons roster (any spreadsheet format, header found among the
// first rows with Chinese synonyms, row-level faults naming file, row, column, value, reason and
// fix in Chinese and English) and applied through the life-event rules, all or nothing.
//
// Columns (header synonyms in events_import.cc): 户编号, 姓名, 身份证号 (or 待补录 for a newborn
// without an id yet), 变动类型 (registry::ParseRegisterEventKind: 出生, 死亡, 迁出, 婚出, 婚入,
// 迁入, 返回, 补录成员 and their synonyms), 变动日期, 原因, 去向/来源; for a new member also
// 与户主关系, 性别, 出生日期 (sex and birth date are read from the id when there is one), and
// optionally 民族, 文化程度.
//
// Checked here, row by row, before anything is written (each a Fault on its cell): the household
// number is registered; the kind is a person's joining or leaving; the date is a date, not after
// today, not before 1900, not before the person's birth, not before the household's start; 待补录
// only for a birth; a leaving person is a current member of that household (else: where the id is
// registered); a new member's id is not registered anywhere (naming the household), has a
// relationship that is not 户主, and keeps the generation rule with the current head
// (registry::CheckGenerationGap); a head leaving while other members remain (after the file's
// other leavings) is refused, naming the change of head to make first. Then the rows are applied
// in date order (for one day: joinings, then leavings of members, then of heads) through
// EventsRepository::ApplyEvent — the life-event service's rules — whose refusals become faults
// of their rows. Any fault: nothing is written (an events roster is always all or nothing: its
// rows depend on one another). dry_run (the preview) applies everything in the transaction and
// rolls it back. The import batch and an `import` audit entry are recorded with the commit.
//
// Thread-safety: one import at a time per repository.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/date.h"
#include "core/error.h"
#include "importer/import_repository.h"
#include "importer/importer.h"
#include "importer/input.h"
#include "registry/register_event.h"
#include "registry/registry.h"

namespace anju::importer {

/// One cleaned row of an events roster.
struct EventRow {
  int64_t row = 0;                   // as the spreadsheet shows it
  std::string household_no;
  registry::RegisterEventKind kind = registry::RegisterEventKind::kMemberAdded;
  Date date{};                       // 变动日期
  std::string reason;                // 原因
  std::string place;                 // 去向/来源
  /// The person: name and resident_id ("" = pending, 待补录; births only). For a new member also
  /// relationship, sex, birth_date (from the id, else the columns), ethnicity, education. For a
  /// leaving: the registered member (id, household, birth date …) once found.
  registry::Person person;
  std::string source;                // audit source "import FILE [SHEET] row N"
};

/// A registered household as the checks need it.
struct EventHousehold {
  int64_t id = 0;
  std::string household_no;
  Date start{};                           // formed_on, else move_in_date
  bool ended = false;                     // ended_on set: no events any more
  std::vector<registry::Person> members;  // current members (member_until NULL)
};

/// What the events import needs from the registry. The apply step is the life-event service's
/// (registry::LifeEventService::AddMember / RecordLeaving, branch lr-events); the SQLite
/// implementation runs it inside the import's one transaction.
class EventsRepository {
 public:
  virtual ~EventsRepository() = default;
  /// The household of this number within `scope` (outside it: nullopt, as unregistered).
  virtual Result<std::optional<EventHousehold>> FindEventHousehold(const AccessScope& scope,
                                                                   const std::string& household_no) = 0;
  /// The person registered with this id and the household number, or nullopt.
  virtual Result<std::optional<RegisteredPerson>> FindPersonByResidentId(const std::string& resident_id) = 0;
  /// Starts the import's transaction. Errors: kUnavailable (another writer).
  virtual Status Begin() = 0;
  /// Applies one checked row through the life-event rules, with its register event and audit
  /// entries: a joining (registry::StartsMembership) adds row.person to `household`; a leaving
  /// (EndsMembership) ends the membership of row.person (its id set). Returns the event's id.
  /// Errors kInvalidArgument, kConflict, kNotFound: the rules refused the row (its fault; the
  /// error's field names the column); other errors stop the import.
  virtual Result<int64_t> ApplyEvent(const Actor& actor, const EventHousehold& household, const EventRow& row) = 0;
  /// False while no apply step is wired in (SqliteEventsRepository without the life-event
  /// service): a preview then checks every row and says the rows were not applied (a warning);
  /// a real run is refused (kUnavailable) with nothing written.
  virtual bool CanApply() const { return true; }
  virtual Status Audit(const Actor& actor, const AuditEntry& entry) = 0;
  virtual Status RecordBatch(const Actor& actor, const ImportBatchRecord& batch) = 0;
  virtual Status Commit() = 0;
  virtual void Rollback() = 0;
};

/// Whether the file's first imported sheet is an events roster: among its first 30 rows one
/// names a 变动类型 column (or a synonym) with 姓名 or 身份证号. Used by `anju import` and the
/// web upload to choose the importer. Errors: the file cannot be opened (as RunImport).
Result<bool> IsEventsRoster(const std::shared_ptr<InputFile>& file, const ImportOptions& options);

/// Reads, checks and (unless options.dry_run or a fault) applies the events rosters `files` in
/// one transaction of `repo` on behalf of `actor`. options.mode and all_or_nothing are ignored
/// (always all or nothing). Result: faults, rejected rows (every row with a fault, for the error
/// report), rows_read, rows_valid, persons_created (new members), events_recorded, committed.
/// Errors: as RunImport (unreadable file, kPermissionDenied, the database's).
Result<ImportResult> ImportEvents(const std::vector<std::shared_ptr<InputFile>>& files, const ImportOptions& options,
                                  const Actor& actor, EventsRepository& repo);

}  // namespace anju::importer
