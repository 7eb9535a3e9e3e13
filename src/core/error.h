// anju::Error — the one error value used at every module boundary.
//
// Functions that can fail return Result<T> (= std::expected<T, Error>). An Error carries a
// code from a small fixed set, an English and a Chinese message, and the field and value that
// caused it (values that are personal data must already be masked by the caller). "Not found"
// is an ordinary result, not an exception. Exceptions are used only inside wrappers of libraries
// that throw and are converted there.
//
// The mapping from codes to HTTP status and CLI exit codes lives here, in one place
// (HttpStatusFor, ExitCodeFor), so every layer answers the same way.
//
// Thread-safety: plain value types; safe to copy between threads.
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace anju {

/// The error codes. Keep this set small; add one only when a caller must act differently.
enum class ErrorCode {
  kInvalidArgument,    // input is malformed or breaks a rule (HTTP 422, exit 1)
  kNotFound,           // the entity does not exist, or is outside the caller's scope (404, 1)
  kConflict,           // unique key taken, stale version, invariant across rows (409, 1)
  kPermissionDenied,   // authenticated but not allowed, or CSRF failure (403, 1)
  kUnauthenticated,    // no valid session (401, 1)
  kResourceExhausted,  // throttled or over a size limit (429, 1)
  kUnavailable,        // database busy or locked, try again (503, 3)
  kInternal,           // a bug or an unexpected library failure (500, 3)
};

/// Returns the wire name of a code: "invalid_argument", "not_found", "conflict",
/// "permission_denied", "unauthenticated", "resource_exhausted", "unavailable", "internal".
std::string_view ErrorCodeName(ErrorCode code);

/// An error value. `message` is English, `message_zh` Chinese (may be empty: then the English
/// one is shown). `field` names the input field or column ("resident_id"), `value` the offending
/// value as given (masked when personal). `details` holds per-field errors of a validation
/// failure that found several faults (e.g. a form with three bad fields).
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::string message_zh;
  std::string field;
  std::string value;
  std::vector<Error> details;

  /// "field 'value': message" style one-line rendering for logs and the CLI.
  std::string ToString() const;
};

template <class T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

/// Every fault of one request at once: `details` (not empty) as one Error — the fault itself
/// when alone, else kConflict when one of them is a conflict, else kInvalidArgument, with the
/// details listed and a message naming their fields (en and zh).
std::unexpected<Error> AllFaults(std::vector<Error> details);

/// Shorthand constructors. Each returns std::unexpected so it can be `return`ed directly.
std::unexpected<Error> InvalidArgument(std::string message, std::string field = {},
                                       std::string value = {}, std::string message_zh = {});
std::unexpected<Error> NotFound(std::string message, std::string field = {},
                                std::string value = {}, std::string message_zh = {});
std::unexpected<Error> Conflict(std::string message, std::string field = {},
                                std::string value = {}, std::string message_zh = {});
std::unexpected<Error> PermissionDenied(std::string message, std::string message_zh = {});
std::unexpected<Error> Unauthenticated(std::string message, std::string message_zh = {});
std::unexpected<Error> ResourceExhausted(std::string message, std::string message_zh = {});
std::unexpected<Error> Unavailable(std::string message);
std::unexpected<Error> Internal(std::string message);

/// HTTP status for a code: 422, 404, 409, 403, 401, 429, 503, 500.
int HttpStatusFor(ErrorCode code);

/// CLI exit codes: 0 ok, 1 invalid input or failed check, 2 usage error (CLI11 reports those
/// itself), 3 internal or unavailable.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalid = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInternal = 3;
int ExitCodeFor(ErrorCode code);

}  // namespace anju
