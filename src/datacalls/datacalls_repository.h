// What the data-call service needs from storage (datacalls/storage/sqlite_datacalls_repository.h).
// No SQL here. Writes happen inside Atomically, which the case engine's writes join (the same
// connection), so a call, its recipients, their cases and the notices are one transaction.
//
// Thread-safety: one repository per connection and thread.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "casework/case_service.h"
#include "casework/inbox.h"
#include "core/actor.h"
#include "core/audit.h"
#include "core/date.h"
#include "core/error.h"
#include "datacalls/datacalls.h"

namespace anju::datacalls {

/// A stored call.
struct Call {
  int64_t id = 0;
  std::string title, instructions;
  Date due_on{};
  std::vector<Column> columns;
  int64_t created_by = 0;
  std::string created_at;
  std::optional<Date> closed_on;
};

/// A stored recipient with what its case says now.
struct Recipient {
  int64_t id = 0;
  int64_t call_id = 0;
  std::string level;  // township | site
  std::string township_code;
  std::optional<int64_t> site_id;
  std::string name;    // the township's or the site's name
  std::string status;  // pending | submitted | returned | accepted
  std::string submitted_at;
  std::optional<int64_t> submitted_by;
  std::optional<int64_t> case_id;
  // From the case (cases row), when there is one.
  std::string case_state, holder_level;
  std::string supervising_level;  // the level supervising an overdue answer (casework escalation), "" none
  std::optional<Date> due_on;
  int escalation_level = 0;
  int64_t case_version = 0;
  int64_t rows = 0;  // stored answer rows
  std::string return_note;  // the latest return's note (case_transitions)

  /// The scope place of the recipient (docs/casework.md "Scope").
  Place place() const {
    return level == "site" ? Place{"", site_id.value_or(0), township_code, 0} : Place{township_code, 0, township_code, 0};
  }
};

/// A division or site a call may be addressed to.
struct Addressee {
  std::string township_code;
  std::optional<int64_t> site_id;
  std::string name;
};

class DataCallRepository {
 public:
  virtual ~DataCallRepository() = default;
  /// Runs `body` in one transaction (committed when it succeeds, else rolled back).
  virtual Status Atomically(const std::function<Status()>& body) = 0;
  /// Every township of the county (divisions of level township), by code.
  virtual Result<std::vector<Addressee>> Townships() = 0;
  /// The site `id` with its township, or nullopt.
  virtual Result<std::optional<Addressee>> Site(int64_t id) = 0;
  virtual Result<int64_t> InsertCall(const Call& c) = 0;
  virtual Result<int64_t> InsertRecipient(int64_t call_id, const Addressee& a) = 0;
  virtual Status SetRecipientCase(int64_t recipient_id, int64_t case_id) = 0;
  virtual Result<std::optional<Call>> FindCall(int64_t id) = 0;
  /// Every call, newest first.
  virtual Result<std::vector<Call>> Calls() = 0;
  /// The recipients of a call (township ones first, by name), with their cases.
  virtual Result<std::vector<Recipient>> Recipients(int64_t call_id, Date today) = 0;
  /// The rows of one answer, in order.
  virtual Result<std::vector<Row>> Rows(int64_t recipient_id) = 0;
  /// Replaces the answer's rows.
  virtual Status ReplaceRows(int64_t recipient_id, const std::vector<Row>& rows, int64_t user_id) = 0;
  virtual Status SetStatus(int64_t recipient_id, std::string_view status, std::optional<int64_t> submitted_by) = 0;
  virtual Status CloseCall(int64_t call_id, Date on, int64_t user_id) = 0;
  virtual Status Audit(const Actor& actor, const AuditEntry& entry) = 0;
  /// Notifies the active users at `level` whose scope covers `place`.
  virtual Status NotifyScope(AccessScope::Level level, const Place& place, const casework::NewNotification& n) = 0;
  /// The case engine over the same connection (joins Atomically's transaction).
  virtual casework::CaseService& Cases() = 0;
};

}  // namespace anju::datacalls
