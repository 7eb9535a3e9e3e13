// The attachments service over a connection (issue #15 item 3): rows of table `attachments`,
// bytes in the ContentStore beside the database, the owner's scope checked on every call
// through the owner kind's place_of (attachments/owner_kind.h), one audit entry per upload and
// withdrawal in the same transaction as the row.
//
// Scope: every call first finds the owner record's Place; when there is no such record or the
// actor's scope does not cover it the answer is kNotFound (404), also for the content. A
// withdrawn file (撤回) keeps its row; county-scope actors (SeesWithdrawn) still list it (marked
// withdrawn) and may open it, others no longer see it at all (404).
//
// Thread-safety: as Connection (one thread at a time).
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "attachments/attachments.h"
#include "attachments/owner_kind.h"
#include "attachments/storage/content_store.h"
#include "core/actor.h"
#include "core/error.h"
#include "storage/connection.h"

namespace anju::storage {

/// The upload limits in force: settings attachments.max_bytes and attachments.types with their
/// source (casework::Settings), else the declared defaults. Errors: storage.
Result<attachments::UploadLimits> LoadUploadLimits(Connection& db);

/// Whether record (owner_kind, owner_id) has a live (not withdrawn) attachment: the evidence a
/// case step asks for (casework's evidence_required, e.g. a finding's sign-off 销号).
/// Errors: storage.
Result<bool> HasLiveAttachment(Connection& db, std::string_view owner_kind, int64_t owner_id);

/// Why an upload failed: a refused file (413/415/400) or another error (404, 403, storage).
struct UploadError {
  std::optional<attachments::Refusal> refusal;  // set when the file itself was refused
  Error error;
};

class AttachmentStore {
 public:
  /// `db` must outlive the store; the file store is the one beside db.path().
  explicit AttachmentStore(Connection& db) : db_(db), files_(db.path()) {}

  /// Stores `bytes` attached to record `owner_id` of kind `owner_kind`. Order of checks: kind
  /// known (kInvalidArgument, field "owner"), record exists in the actor's scope (kNotFound),
  /// actor may upload (kPermissionDenied for the auditor), the file (CheckUpload). Content
  /// first, then row + audit entry in one transaction.
  std::expected<attachments::Attachment, UploadError> Upload(
      const Actor& actor, std::string_view owner_kind, int64_t owner_id,
      std::string_view filename, std::string_view caption, std::string_view bytes);

  /// The files of one record, newest first (withdrawn ones only for SeesWithdrawn actors).
  Result<std::vector<attachments::Attachment>> List(const Actor& actor,
                                                    std::string_view owner_kind,
                                                    int64_t owner_id);
  /// The files of household `household_id` and of its members (the household file), newest
  /// first. kNotFound when the household is outside the scope.
  Result<std::vector<attachments::Attachment>> ListHousehold(const Actor& actor,
                                                             int64_t household_id);
  /// One file's row. kNotFound when absent, outside the scope, or withdrawn and not visible.
  Result<attachments::Attachment> Get(const Actor& actor, int64_t id);
  /// Its bytes, verified against the SHA-256 (kInternal "file damaged" otherwise).
  Result<std::string> Content(const Actor& actor, const attachments::Attachment& a);
  /// Withdraws (撤回) file `id` with `reason` (required, field "reason"): the row stays.
  /// kConflict when already withdrawn; kPermissionDenied for the auditor.
  Result<attachments::Attachment> Withdraw(const Actor& actor, int64_t id, std::string_view reason,
                                           std::string_view today);

  const ContentStore& files() const { return files_; }

 private:
  /// kNotFound unless the owner record exists and the actor's scope covers it.
  Status CheckOwner(const Actor& actor, const attachments::OwnerKind& kind, int64_t owner_id);
  Connection& db_;
  ContentStore files_;
};

/// JSON-free description of a file for the audit trail's `changes`.
std::string AuditChanges(const attachments::Attachment& a);

}  // namespace anju::storage
