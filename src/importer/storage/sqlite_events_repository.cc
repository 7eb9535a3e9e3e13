#include "importer/storage/sqlite_events_repository.h"

#include <fmt/format.h>

#include "core/try.h"
#include "importer/storage/sqlite_import_repository.h"
#include "registry/life_events.h"
#include "registry/storage/sqlite_registry_repository.h"
#include "storage/audit_log.h"
#include "storage/scope_sql.h"

namespace anju::storage {

namespace {

// The registry repository of the import's connection whose write transactions are savepoints
// of the import's transaction: the life-event service's BeginWrite/Commit per row become
// SAVEPOINT/RELEASE, its rollback ROLLBACK TO (the import commits or rolls back the whole).
class SavepointWrite : public registry::WriteTransaction {
 public:
  explicit SavepointWrite(Database& db) : db_(&db) {}
  ~SavepointWrite() override {
    if (db_) (void)db_->Exec("ROLLBACK TO import_event; RELEASE import_event");
  }
  Status Commit() override {
    auto s = db_->Exec("RELEASE import_event");
    if (s) db_ = nullptr;
    return s;
  }

 private:
  Database* db_;
};

class SavepointRegistryRepository : public SqliteRegistryRepository {
 public:
  explicit SavepointRegistryRepository(Database& db) : SqliteRegistryRepository(db), db_(db) {}
  Result<std::unique_ptr<registry::WriteTransaction>> BeginWrite() override {
    ANJU_CHECK(db_.Exec("SAVEPOINT import_event"));
    return std::unique_ptr<registry::WriteTransaction>(std::make_unique<SavepointWrite>(db_));
  }

 private:
  Database& db_;
};

}  // namespace

SqliteEventsRepository::SqliteEventsRepository(Database& db, Date today) : db_(db) {
  // One registry repository and service for the import (prepared statements kept between rows).
  auto registry = std::make_shared<SavepointRegistryRepository>(db);
  auto service = std::make_shared<registry::LifeEventService>(*registry, [today] { return today; });
  apply_ = [registry, service](const Actor& actor, const importer::EventHousehold& h,
                               const importer::EventRow& row) -> Result<int64_t> {
    if (registry::StartsMembership(row.kind)) {
      registry::NewMemberEvent in;
      in.kind = row.kind;
      in.date = row.date;
      in.reason = row.reason;
      in.place = row.place;
      in.person = row.person;
      in.person.household_id = h.id;
      ANJU_TRY(added, service->AddMember(actor, h.id, in));
      return added.event_id;
    }
    registry::LeavingEvent out;
    out.kind = row.kind;
    out.date = row.date;
    out.reason = row.reason;
    out.place = row.place;
    return service->RecordLeaving(actor, row.person.id, out);
  };
}

Result<std::optional<importer::EventHousehold>> SqliteEventsRepository::FindEventHousehold(const AccessScope& scope,
                                                                                         const std::string& no) {
  const ScopeClause in_scope = HouseholdScopeSql(scope);
  ANJU_TRY(h, db_.Prepare(fmt::format(
                  "SELECT h.id, h.household_no, COALESCE(h.formed_on, h.move_in_date), h.ended_on IS NOT NULL "
                  "FROM households h JOIN origin_villages o ON o.id = h.origin_village_id WHERE h.household_no = ? AND ({})",
                  in_scope.sql)));
  h.Bind(1, no);
  BindScope(h, in_scope, 2);
  ANJU_TRY(row, h.Step());
  if (!row) return std::optional<importer::EventHousehold>{};
  importer::EventHousehold out;
  out.id = h.ColumnInt(0);
  out.household_no = h.ColumnText(1);
  if (auto d = ParseIsoDate(h.ColumnText(2))) out.start = *d;
  out.ended = h.ColumnInt(3) != 0;
  ANJU_TRY(m, db_.Prepare("SELECT id, resident_id, name, sex, birth_date, relationship FROM persons "
                          "WHERE household_id = ? AND member_until IS NULL ORDER BY relationship <> 'head', id"));
  m.Bind(1, out.id);
  while (true) {
    ANJU_TRY(more, m.Step());
    if (!more) break;
    registry::Person p;
    p.id = m.ColumnInt(0);
    p.household_id = out.id;
    p.resident_id = m.ColumnText(1);
    p.name = m.ColumnText(2);
    p.sex = m.ColumnText(3) == "female" ? Sex::kFemale : Sex::kMale;
    if (auto d = ParseIsoDate(m.ColumnText(4))) p.birth_date = *d;
    if (auto r = registry::ParseRelationship(m.ColumnText(5))) p.relationship = *r;
    out.members.push_back(std::move(p));
  }
  return std::optional<importer::EventHousehold>{std::move(out)};
}

Result<std::optional<importer::RegisteredPerson>> SqliteEventsRepository::FindPersonByResidentId(const std::string& id) {
  SqliteImportRepository reads(db_);  // its reads need no transaction
  return reads.FindPersonByResidentId(id);
}

Status SqliteEventsRepository::Begin() {
  ANJU_TRY(tx, Transaction::Begin(db_));
  tx_.emplace(std::move(tx));
  return {};
}

Result<int64_t> SqliteEventsRepository::ApplyEvent(const Actor& actor, const importer::EventHousehold& household,
                                                   const importer::EventRow& row) {
  if (!apply_)
    return std::unexpected(Error{ErrorCode::kUnavailable,
                                 "the events roster is checked but cannot be applied yet: the life-event service "
                                 "(registry::LifeEventService) is not wired into the import",
                                 "变动名册已检查，但暂不能写入：导入尚未接入人员变动服务", "", ""});
  return apply_(actor, household, row);
}

Status SqliteEventsRepository::Audit(const Actor& actor, const AuditEntry& entry) {
  return AppendAudit(db_, actor, entry);
}

Status SqliteEventsRepository::RecordBatch(const Actor& actor, const importer::ImportBatchRecord& b) {
  ANJU_TRY(st, db_.Prepare("INSERT INTO import_batches (username, file_name, sha256, mode, all_or_nothing, rows_read, "
                           "rows_imported, rows_rejected, persons_created, persons_updated, households_created, "
                           "households_updated) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"));
  st.Bind(1, actor.username).Bind(2, b.file_name).Bind(3, b.sha256).Bind(4, b.mode).Bind(5, b.all_or_nothing ? 1 : 0)
      .Bind(6, b.rows_read).Bind(7, b.rows_imported).Bind(8, b.rows_rejected).Bind(9, b.persons_created)
      .Bind(10, b.persons_updated).Bind(11, b.households_created).Bind(12, b.households_updated);
  return st.Run();
}

Status SqliteEventsRepository::Commit() {
  if (!tx_) return Internal("commit without a transaction");
  ANJU_CHECK(tx_->Commit());
  tx_.reset();
  return {};
}

void SqliteEventsRepository::Rollback() { tx_.reset(); }

}  // namespace anju::storage
