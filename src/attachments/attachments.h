// The attachments domain (issue #15 item 3, docs/casework.md): what a stored file is, which
// contents are accepted (by their magic bytes, never by the declared Content-Type or the file
// name), the upload limits as settings with their source, and who may do what.
//
// Thread-safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/hardening.h"
#include "core/actor.h"
#include "core/error.h"

namespace anju::attachments {

/// One attachments row (table attachments, migrations/0001_attachments.sql).
struct Attachment {
  int64_t id = 0;
  std::string owner_kind;   // OwnerKind::kind
  int64_t owner_id = 0;
  std::string sha256;       // 64 lower-case hex digits of the content
  int64_t size = 0;         // bytes
  std::string mime;         // found from the content (DetectType)
  std::string filename;     // as uploaded, display only
  std::string caption;
  std::string uploaded_by;  // username
  std::string uploaded_at;  // ISO-8601 UTC
  std::optional<std::string> withdrawn_on, withdrawn_by, withdrawn_reason;
  bool withdrawn() const { return withdrawn_on.has_value(); }
};

/// The content types anju knows how to recognise (and a browser shows inline).
inline constexpr std::string_view kKnownTypes[] = {"image/jpeg", "image/png", "image/webp",
                                                   "application/pdf"};

/// Local policy for uploads: settings `attachments.max_bytes` and `attachments.types`
/// (casework_settings, docs/casework.md), each with its source. The defaults are the county
/// office's declared defaults; a county changes them with PUT /api/v1/settings/{key}.
struct UploadLimits {
  /// Largest accepted file, bytes. Default 10 MiB: a phone photo (3–6 MB JPEG at 12 MP) or a
  /// scanned multi-page agreement fits; source: docs/casework.md "attachments".
  int64_t max_bytes = 10 * 1024 * 1024;
  std::string max_bytes_source = "default (docs/casework.md: 10 MiB)";
  std::string max_bytes_source_zh = "默认值，见 docs/casework.md：10 MiB";  // in message_zh
  /// Accepted MIME types, a subset of kKnownTypes.
  std::vector<std::string> types = {"image/jpeg", "image/png", "image/webp", "application/pdf"};
  std::string types_source = "default (docs/casework.md: JPEG, PNG, WebP, PDF)";
  std::string types_source_zh = "默认值，见 docs/casework.md：JPEG、PNG、WebP、PDF";
};

/// The largest body the server accepts for an upload, whatever the setting says (bytes): the
/// transport ceiling of POST /api/v1/attachments (http/server.cc). A max_bytes setting above it
/// is read as this value.
inline constexpr int64_t kUploadCeilingBytes = static_cast<int64_t>(auth::kMaxUploadBytes);

/// Parses the setting text of attachments.types ("image/jpeg,application/pdf"): trimmed,
/// comma-separated. Errors: kInvalidArgument naming field "attachments.types" and the value
/// when empty or naming a type not in kKnownTypes.
Result<std::vector<std::string>> ParseTypes(std::string_view text);

/// The MIME type of `bytes` by its magic bytes: "image/jpeg", "image/png", "image/webp",
/// "application/pdf", "image/heic" (HEIC/HEIF, which is refused with a fix), or "" when none of
/// these.
std::string DetectType(std::string_view bytes);

/// Why an upload was refused: the HTTP layer answers 413, 415 or 400.
enum class Refusal { kTooLarge, kUnsupportedType, kEmpty };
struct UploadFault {
  Refusal refusal;
  Error error;  // en + zh, naming the file name (field "file") and the value
};

/// Checks an upload against the limits: empty → kEmpty; over max_bytes → kTooLarge (message
/// names the size, the limit and its source); a content that is not an accepted type →
/// kUnsupportedType (HEIC with the fix "set the phone camera to JPEG"). Returns the detected
/// MIME type. `filename` is only named in messages.
std::expected<std::string, UploadFault> CheckUpload(std::string_view filename,
                                                    std::string_view bytes,
                                                    const UploadLimits& limits);

/// A file name for display and Content-Disposition: the last path component, control
/// characters removed, at most 200 bytes of valid UTF-8; "file" when nothing remains. Never
/// used to build a path.
std::string CleanFileName(std::string_view name);

/// May upload and withdraw (everyone who may write records: not the auditor).
inline bool CanUpload(const Actor& a) { return a.CanWrite(); }
/// Sees withdrawn files' rows and content (county roles, auditor, system); others see a
/// withdrawn file neither in lists nor by its URL.
bool SeesWithdrawn(const Actor& a);

}  // namespace anju::attachments
