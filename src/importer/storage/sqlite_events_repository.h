// SQLite side of the events roster import (importer/events_import.h): the registered households
// with their current members, persons by resident id, the import's one transaction, its audit
// entry and import_batches row. The apply step is registry::LifeEventService (AddMember,
// RecordLeaving) over the registry repository of the same connection, each row inside a
// SAVEPOINT of the import's transaction (the service's own BeginWrite), so that a refused row
// leaves nothing behind and the whole roster commits or rolls back at once. `apply` replaces it
// (tests); NoApply() makes a repository that checks only (ApplyEvent kUnavailable).
//
// Thread-safety: one thread at a time (the connection's).
#pragma once

#include <functional>
#include <optional>

#include "importer/events_import.h"
#include "storage/connection.h"
#include "storage/sqlite.h"

namespace anju::storage {

/// The apply step (EventsRepository::ApplyEvent's contract), run on the same connection.
using EventApplyFn = std::function<Result<int64_t>(const Actor&, const importer::EventHousehold&, const importer::EventRow&)>;

class SqliteEventsRepository : public importer::EventsRepository {
 public:
  /// The life-event service applies the rows; `today` is its clock (the import's options.today).
  SqliteEventsRepository(Database& db, Date today);
  /// `apply` applies the rows (nullptr: none, CanApply() false).
  SqliteEventsRepository(Database& db, EventApplyFn apply) : db_(db), apply_(std::move(apply)) {}
  ~SqliteEventsRepository() override { Rollback(); }

  Result<std::optional<importer::EventHousehold>> FindEventHousehold(const AccessScope& scope,
                                                                     const std::string& household_no) override;
  Result<std::optional<importer::RegisteredPerson>> FindPersonByResidentId(const std::string& resident_id) override;
  Status Begin() override;
  Result<int64_t> ApplyEvent(const Actor& actor, const importer::EventHousehold& household,
                             const importer::EventRow& row) override;
  bool CanApply() const override { return static_cast<bool>(apply_); }
  Status Audit(const Actor& actor, const AuditEntry& entry) override;
  Status RecordBatch(const Actor& actor, const importer::ImportBatchRecord& batch) override;
  Status Commit() override;
  void Rollback() override;

 private:
  Database& db_;
  EventApplyFn apply_;
  std::optional<Transaction> tx_;
};

}  // namespace anju::storage
