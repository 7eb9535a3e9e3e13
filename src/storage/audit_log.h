// Appending to and verifying the hash-chained audit trail (table audit_log, migration 0002).
//
// Thread-safety: as Connection (one thread per connection). AppendAudit must run inside the
// caller's write transaction so the entry and the change commit or roll back together.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/actor.h"
#include "core/audit.h"
#include "storage/connection.h"

namespace anju::storage {

/// Appends one entry for `actor`, chaining it to the last entry. Call inside a Transaction.
/// Errors: SQLite errors (kUnavailable when busy, kInternal otherwise).
Status AppendAudit(Connection& db, const Actor& actor, const AuditEntry& entry);

/// The hex SHA-256 that entry `seq` must carry, from its columns and the previous hash.
/// Fields are length-prefixed before hashing so no two different entries hash the same input.
/// The input is "<byte length>:<bytes>" for each of prev_hash, seq (decimal), at, user_id …
/// source in that order.
std::string AuditHash(std::string_view prev_hash, int64_t seq, std::string_view at,
                      std::string_view user_id, std::string_view username, std::string_view role,
                      std::string_view client, std::string_view action, std::string_view entity,
                      std::string_view entity_id, std::string_view changes,
                      std::string_view source);

/// Result of checking the whole chain.
struct AuditVerification {
  int64_t entries = 0;        // entries checked
  int64_t first_bad_seq = 0;  // 0 when the chain is intact
  std::string reason;         // why the first bad entry is bad ("hash mismatch", "gap after 12")
  std::string reason_zh;      // the same in Chinese
  int64_t missing_at_end = 0; // entries the witness saw that the table no longer has
  std::string witness_at;     // time of the newest entry the witness names ("" without one)
  /// Non-empty when the end of the trail could not be checked: no witness file beside the
  /// database (new or copied database), or one that cannot be read. English, then Chinese.
  std::string warning, warning_zh;
};

/// Walks the chain from the first entry, then compares its end with the witness beside the
/// database file (audit_witness.h): fewer entries than the witness names, or a different hash at
/// the witnessed entry, is a broken trail (first_bad_seq = the first missing or replaced entry,
/// missing_at_end = how many). An in-memory database has no witness and no warning.
/// Errors only for SQLite failures; a broken chain is a normal result with first_bad_seq set.
Result<AuditVerification> VerifyAuditTrail(Connection& db);

}  // namespace anju::storage
