// Reading the audit trail (审计日志): queries for `anju audit log` and the API's GET /audit
// (auditors and county admins only), and the chain check of `anju audit verify`.
//
// Entries are written by storage/audit_log.h (AppendAudit) in the same transaction as each
// change; this module only reads. Listed entries are masked: resident ids and phone numbers in
// `changes` and `source` appear as 141124********015X / 138****5678 (MaskPersonalText), since
// a list is not a detail view.
//
// Thread-safety: as the repository (one thread at a time).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/error.h"

namespace anju::auth {

/// One stored entry of table audit_log.
struct AuditRecord {
  int64_t seq = 0;
  std::string at;        // UTC, YYYY-MM-DDTHH:MM:SS.mmmZ
  std::optional<int64_t> user_id;
  std::string username;
  std::string role;
  std::string client;
  std::string action;
  std::string entity;
  std::string entity_id;
  std::string changes;   // JSON object {"field": [before, after]}
  std::string source;
  std::string hash;      // hex SHA-256 of this entry (chain)
  // Joined at read time (entries store internal ids): the household number of a household
  // entry, or of a person's current household; the person's name and resident id (masked by
  // AuditService). Empty when the record is gone or the entry is about something else.
  std::string household_no;
  std::string person_name;
  std::string person_resident_id;
};

/// Filters of a query; empty fields do not filter. Results are ordered by seq, newest first.
struct AuditQuery {
  std::string entity;     // exact, e.g. "person"
  std::string entity_id;  // exact
  std::string username;   // exact (case-insensitive)
  std::string action;     // exact, e.g. "login_failed"
  std::string since;      // entries at or after: "YYYY-MM-DD" (UTC day start) or a full timestamp
  std::string until;      // entries before (exclusive): a UTC time YYYY-MM-DDTHH:MM:SS.mmm
  std::string household_no;      // exact: the household and its (current) members' entries
  std::string resident_id_tail;  // a person entry whose resident id ends so (4–18 characters)
  // Local (China Standard Time, UTC+8) days, YYYY-MM-DD, inclusive; AuditService turns them
  // into `since`/`until`. Either may be empty.
  std::string from_date;
  std::string to_date;
  int64_t before_seq = 0; // paging: only entries with seq < before_seq (0 = no bound)
  int limit = 100;        // 1..1000
};

/// Result of checking the hash chain.
struct AuditCheck {
  int64_t entries = 0;        // entries checked
  int64_t first_bad_seq = 0;  // 0 when intact
  std::string reason;
  std::string reason_zh;       // "" when only the English reason is specific
  int64_t missing_at_end = 0;  // entries the witness beside the database saw that are gone
  std::string witness_at;      // time of the newest entry the witness names ("" without one)
  /// Non-empty when the end could not be checked (no witness: new or copied database).
  std::string warning, warning_zh;
};

/// Storage of the audit trail: implemented by auth/storage/sqlite_auth_repository.h.
class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  /// Entries matching `q`, newest first, at most q.limit.
  virtual Result<std::vector<AuditRecord>> QueryAudit(const AuditQuery& q) = 0;
  /// Walks the whole chain (storage::VerifyAuditTrail).
  virtual Result<AuditCheck> VerifyAudit() = 0;
  /// The seq of the newest entry, 0 when the trail is empty. Default: the newest entry of an
  /// unfiltered QueryAudit.
  virtual Result<int64_t> LastAuditSeq() {
    AuditQuery q;
    q.limit = 1;
    auto r = QueryAudit(q);
    if (!r) return std::unexpected(r.error());
    return r->empty() ? int64_t{0} : r->front().seq;
  }
};

class AuditService {
 public:
  explicit AuditService(AuditRepository& repo) : repo_(repo) {}
  /// Entries for an auditor, county admin or the system actor, masked.
  /// Errors: kPermissionDenied for other roles; kInvalidArgument for a bad `since` (field
  /// "since"), limit (field "limit"), from_date / to_date (fields "from", "to": not a date, or
  /// to before from) or resident_id_tail (field "resident_id_tail": 4–18 digits, X last).
  Result<std::vector<AuditRecord>> Query(const Actor& actor, const AuditQuery& q);
  /// Checks the chain. Errors: kPermissionDenied as Query.
  Result<AuditCheck> Verify(const Actor& actor);
  /// The sequence number of the newest entry (0 when none), for any caller: it reveals nothing
  /// but how many changes there were. Every change to the records appends an entry in its own
  /// transaction (storage/audit_log.h), so the number changes whenever the data may have
  /// changed: the API's report cache keys on it. Errors: the repository's.
  Result<int64_t> LastSeq() { return repo_.LastAuditSeq(); }

 private:
  AuditRepository& repo_;
};

/// Masks personal data inside free text (audit changes, error messages, log lines): every run
/// of 17 digits followed by a digit or X/x, and every run of exactly 15 digits, becomes
/// MaskResidentId(run); every run of exactly 11 digits starting with 1 (a mainland mobile
/// number) becomes MaskPhone(run). Runs embedded in longer digit runs are left alone.
std::string MaskPersonalText(std::string_view text);

}  // namespace anju::auth
