// SHA-256 (FIPS 180-4) of a byte string, as 64 lower-case hex digits. Used for the audit trail's
// hash chain (storage/audit_log.cc) and for the fingerprint of an imported file
// (import_batches.sha256). OpenSSL's implementation: it uses the CPU's SHA instructions where
// there are some (0.6 µs for a 600-byte audit entry against 1.9 µs for libsodium's portable
// code; bench/README.md; 0.44 µs with the implementation fetched once per process and a context
// reused per thread), and the audit chain is written once per changed record.
//
// Thread-safety: safe from any thread.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace anju {

/// SHA-256 of `data` as 64 lower-case hex characters. Never fails for in-memory data (an
/// OpenSSL failure, which would mean a broken installation, aborts with a message).
std::string Sha256Hex(std::string_view data);

/// SHA-256 of the concatenation of the pieces `next()` returns, until it returns an empty
/// view (for data read piece by piece, e.g. a large file whose pages are released as they are
/// hashed). Fails as Sha256Hex.
std::string Sha256Hex(const std::function<std::string_view()>& next);

}  // namespace anju
