// The audit trail's head anchored outside the table (issue #12 item 5): a small text file
// `<database>.audit-witness` beside the database naming the newest entry (seq, hash, time).
//
// The hash chain (audit_log.h) shows an entry edited, removed or reordered in the middle, but
// not entries deleted from the end: what remains is still a valid chain. The witness is the
// outside record of how far the chain reached. It is advanced after each commit that appended
// entries (Database calls AdvanceAuditWitness), only forwards and only along the same chain:
// when the table no longer holds the entry the witness names with the same hash, the witness is
// left as it is, as evidence. VerifyAuditTrail compares the table's end with it.
//
// The witness is its own file, never the database, its -wal or its -shm (see sqlite.h on why
// anju never opens those itself). Writers serialise with flock(2) on the witness file (many
// server workers and CLI processes may commit at once); it is replaced whole (a temporary file,
// fdatasync, rename), so a reader sees the old or the new witness, never half of one. A crash
// between a commit and the witness update leaves the witness behind the table, which verifies
// as intact (the witness is a lower bound).
//
// Thread-safety: the functions may be called from any thread and process at the same time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/error.h"
#include "storage/sqlite.h"

namespace anju::storage {

/// What the witness file says.
struct AuditWitness {
  int64_t seq = 0;         // the newest entry the witness has seen
  std::string hash;        // that entry's hash (hex SHA-256)
  std::string at;          // that entry's time (UTC, as in audit_log.at)
};

/// `<db_path>.audit-witness`; "" for an in-memory database (no witness).
std::string AuditWitnessPath(const std::string& db_path);

/// Reads the witness of `db_path`. std::nullopt when the file does not exist.
/// Errors: kInternal naming the file when it exists but cannot be read or parsed.
Result<std::optional<AuditWitness>> ReadAuditWitness(const std::string& db_path);

/// Moves the witness of `db`'s file to the table's newest entry when that entry is newer and the
/// table still holds the witnessed entry unchanged; creates the witness when there is none.
/// Call outside a transaction, after the commit. Errors: kInternal naming the file when it
/// cannot be written (the committed change stands; verify then reports the witness behind).
Status AdvanceAuditWitness(Database& db);

/// Renders a witness as stored: "anju-audit-witness 1\nseq N\nhash H\nat T\n".
std::string FormatAuditWitness(const AuditWitness& w);

}  // namespace anju::storage
