// The data-call service (docs/casework.md "datacalls"): who may do what, and each write with
// its audit entry, case transition and notices in one transaction.
//
// Roles: county_admin and county_staff create, accept, return and close calls and download the
// merged table; the auditor reads. A recipient is answered by its own level only: a township
// staff user for its township's recipient, a site manager for its site's. A township user also
// reads (not writes) the answers of the sites in its township. Reads outside the scope answer
// kNotFound; writes to a recipient the actor sees but does not answer for, kPermissionDenied.
//
// Thread-safety: one service per connection and thread.
#pragma once

#include <memory>

#include "datacalls/datacalls_repository.h"

namespace anju::importer {
class InputFile;
}

namespace anju::datacalls {

/// POST /api/v1/data-calls.
struct NewCall {
  std::string title, instructions;
  std::string due_on;  // YYYY-MM-DD, today or later
  std::vector<Column> columns;
  std::string recipients = "townships";        // townships (every township) | chosen
  std::vector<std::string> township_codes;     // chosen townships
  std::vector<int64_t> site_ids;               // chosen sites
};

/// A call in the list: completion and lateness.
struct CallSummary {
  Call call;
  int64_t recipients = 0, submitted = 0, accepted = 0, overdue = 0;  // of the recipients the actor sees
};

struct CallDetail {
  Call call;
  std::vector<Recipient> recipients;  // those the actor sees
};

/// One answer with its rows.
struct Answer {
  Call call;
  Recipient recipient;
  std::vector<Row> rows;
  bool may_edit = false;  // the actor answers for it and it is pending or returned
};

/// The merged table.
struct Merged {
  Call call;
  std::vector<Recipient> recipients;
  std::vector<std::vector<Row>> rows;  // per recipient
};

class DataCallService {
 public:
  explicit DataCallService(std::unique_ptr<DataCallRepository> repo, Date today = TodayInChina());

  /// Creates a call, its recipients, one data_call_reply case per recipient (due on the call's
  /// due date) and a data_call_received notice to each recipient's users. Errors: every fault
  /// at once (title, due_on, columns[i].*, recipients, township_codes[i], site_ids[i]);
  /// kPermissionDenied for non-county roles.
  Result<int64_t> Create(const Actor& actor, const NewCall& c);
  Result<std::vector<CallSummary>> List(const Actor& actor);
  Result<CallDetail> Get(const Actor& actor, int64_t call_id);
  Result<Answer> GetReply(const Actor& actor, int64_t call_id, int64_t recipient_id);
  /// Replaces the answer's rows (validated per column; every fault at once). Returns the rows.
  Result<std::vector<Row>> PutRows(const Actor& actor, int64_t call_id, int64_t recipient_id, const nlohmann::json& rows);
  /// The same from a spreadsheet of the call's columns (all-or-nothing).
  Result<std::vector<Row>> Upload(const Actor& actor, int64_t call_id, int64_t recipient_id,
                                  std::shared_ptr<importer::InputFile> file);
  /// Submits (or resubmits after a return). Errors: kConflict when not pending/returned or
  /// the call is closed; kInvalidArgument (field rows) when the answer has no rows.
  Status Submit(const Actor& actor, int64_t call_id, int64_t recipient_id);
  /// County: accepts a submitted answer.
  Status Accept(const Actor& actor, int64_t call_id, int64_t recipient_id);
  /// County: returns a submitted answer for correction; `note` required (field note).
  Status Return(const Actor& actor, int64_t call_id, int64_t recipient_id, const std::string& note);
  /// County: closes the call (no more answers).
  Status Close(const Actor& actor, int64_t call_id);
  /// County roles and the auditor: every recipient's rows.
  Result<Merged> MergedTable(const Actor& actor, int64_t call_id);

 private:
  Result<Call> VisibleCall(const Actor& actor, int64_t call_id);
  Result<Recipient> VisibleRecipient(const Actor& actor, const Call& call, int64_t recipient_id);
  Result<Recipient> AnsweringRecipient(const Actor& actor, int64_t call_id, int64_t recipient_id, Call* call_out);
  Status Store(const Actor& actor, const Recipient& r, const std::vector<Row>& rows, std::string source);
  Status Decide(const Actor& actor, int64_t call_id, int64_t recipient_id, std::string_view transition, const std::string& note);

  std::unique_ptr<DataCallRepository> repo_;
  Date today_;
};

/// Whether the actor may create/accept/return/close (county_admin, county_staff, system).
bool IsCountyClerk(const Actor& actor);
/// Whether `actor` sees recipient place `r` (county all; township: its township and the sites in
/// it; site: its site).
bool SeesRecipient(const Actor& actor, const Recipient& r);
/// Whether `actor` answers for `r` (its own level and place, and may write).
bool AnswersFor(const Actor& actor, const Recipient& r);

}  // namespace anju::datacalls
