// SQLite implementation of datacalls::DataCallRepository over the caller's connection; the case
// engine (casework::MakeCaseService) runs on the same connection, so its writes join the
// transaction of Atomically.
//
// Thread-safety: as Connection (one thread at a time).
#pragma once

#include <optional>

#include "casework/case_service.h"
#include "datacalls/datacalls_repository.h"
#include "datacalls/datacalls_service.h"
#include "storage/connection.h"

namespace anju::datacalls {

class SqliteDataCallRepository final : public DataCallRepository {
 public:
  /// `db` must outlive the repository. `today`: the case engine's day (tests pass their own).
  explicit SqliteDataCallRepository(storage::Connection& db, std::optional<Date> today = std::nullopt);
  Status Atomically(const std::function<Status()>& body) override;
  Result<std::vector<Addressee>> Townships() override;
  Result<std::optional<Addressee>> Site(int64_t id) override;
  Result<int64_t> InsertCall(const Call& c) override;
  Result<int64_t> InsertRecipient(int64_t call_id, const Addressee& a) override;
  Status SetRecipientCase(int64_t recipient_id, int64_t case_id) override;
  Result<std::optional<Call>> FindCall(int64_t id) override;
  Result<std::vector<Call>> Calls() override;
  Result<std::vector<Recipient>> Recipients(int64_t call_id, Date today) override;
  Result<std::vector<Row>> Rows(int64_t recipient_id) override;
  Status ReplaceRows(int64_t recipient_id, const std::vector<Row>& rows, int64_t user_id) override;
  Status SetStatus(int64_t recipient_id, std::string_view status, std::optional<int64_t> submitted_by) override;
  Status CloseCall(int64_t call_id, Date on, int64_t user_id) override;
  Status Audit(const Actor& actor, const AuditEntry& entry) override;
  Status NotifyScope(AccessScope::Level level, const Place& place, const casework::NewNotification& n) override;
  casework::CaseService& Cases() override { return cases_; }

 private:
  storage::Connection& db_;
  casework::CaseService cases_;
};

/// The service over `db` (today in China unless given).
DataCallService MakeDataCallService(storage::Connection& db, std::optional<Date> today = std::nullopt);

}  // namespace anju::datacalls
