#include "attachments/storage/sqlite_attachments.h"

#include "casework/settings.h"
#include "casework/storage/sqlite_casework.h"

#include <fmt/format.h>

#include "auth/json_text.h"
#include "core/try.h"
#include "core/china_time.h"
#include "storage/audit_log.h"

namespace anju::storage {
namespace {

using attachments::Attachment;
using attachments::OwnerKind;

constexpr std::string_view kColumns =
    "id, owner_kind, owner_id, sha256, size, mime, filename, caption, uploaded_by, uploaded_at, "
    "withdrawn_on, withdrawn_by, withdrawn_reason";

Attachment Row(const Statement& st) {
  Attachment a;
  a.id = st.ColumnInt(0);
  a.owner_kind = st.ColumnText(1);
  a.owner_id = st.ColumnInt(2);
  a.sha256 = st.ColumnText(3);
  a.size = st.ColumnInt(4);
  a.mime = st.ColumnText(5);
  a.filename = st.ColumnText(6);
  a.caption = st.ColumnText(7);
  a.uploaded_by = st.ColumnText(8);
  a.uploaded_at = st.ColumnText(9);
  a.withdrawn_on = st.ColumnOptionalText(10);
  a.withdrawn_by = st.ColumnOptionalText(11);
  a.withdrawn_reason = st.ColumnOptionalText(12);
  return a;
}

std::unexpected<Error> NoSuchFile(int64_t id) {
  return NotFound(fmt::format("attachment {} not found", id), "id", std::to_string(id),
                  fmt::format("附件 {} 不存在", id));
}

std::unexpected<Error> UnknownKind(std::string_view kind) {
  std::string known;
  for (const OwnerKind* k : attachments::AllOwnerKinds())
    known += (known.empty() ? "" : ", ") + std::string(k->kind);
  return InvalidArgument(
      fmt::format("'{}' is not a kind of record files may be attached to; use one of: {}", kind,
                  known),
      "owner", std::string(kind),
      fmt::format("“{}”不是可添加附件的记录类型；可用：{}", kind, known));
}

Result<std::vector<Attachment>> Rows(Statement& st, bool with_withdrawn) {
  std::vector<Attachment> out;
  for (;;) {
    ANJU_TRY(row, st.Step());
    if (!row) break;
    Attachment a = Row(st);
    if (a.withdrawn() && !with_withdrawn) continue;
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace

Result<attachments::UploadLimits> LoadUploadLimits(Connection& db) {
  // casework_settings (declared in casework/settings.cc with their defaults and source).
  ANJU_TRY(settings, casework::LoadSettings(db));
  attachments::UploadLimits limits;
  ANJU_TRY(max_bytes, settings.Integer("attachments.max_bytes"));
  ANJU_TRY(types, settings.List("attachments.types"));
  limits.max_bytes = max_bytes;
  limits.types = std::move(types);
  for (const casework::SettingValue& v : settings.All()) {
    if (!v.override_) continue;
    // Who changed it and when (China time), and the county's own reason (as entered).
    const std::string when = FormatChinaTime(v.override_->set_at);
    const std::string why = v.override_->source;
    std::string src = "casework_settings (" + v.override_->set_by + ", " + when + ")" +
                      (why.empty() ? "" : ": " + why);
    std::string src_zh = "本县设置（" + v.override_->set_by + "，" + when + "）" +
                         (why.empty() ? "" : "：" + why);
    if (v.spec.key == "attachments.max_bytes") {
      limits.max_bytes_source = src;
      limits.max_bytes_source_zh = src_zh;
    }
    if (v.spec.key == "attachments.types") {
      limits.types_source = src;
      limits.types_source_zh = src_zh;
    }
  }
  return limits;
}

Result<bool> HasLiveAttachment(Connection& db, std::string_view owner_kind, int64_t owner_id) {
  ANJU_TRY(st, db.Prepare("SELECT count(*) FROM attachments WHERE owner_kind = ?1 AND owner_id = ?2 "
                          "AND withdrawn_on IS NULL"));
  st.Bind(1, owner_kind);
  st.Bind(2, owner_id);
  ANJU_TRY(row, st.Step());
  return row && st.ColumnInt(0) > 0;
}

std::string AuditChanges(const Attachment& a) {
  using auth::JsonString;
  return fmt::format(
      R"({{"owner_kind":{},"owner_id":{},"sha256":{},"size":{},"mime":{},"filename":{},"caption":{}}})",
      JsonString(a.owner_kind), a.owner_id, JsonString(a.sha256), a.size, JsonString(a.mime),
      JsonString(a.filename), JsonString(a.caption));
}

Status AttachmentStore::CheckOwner(const Actor& actor, const OwnerKind& kind, int64_t owner_id) {
  if (!kind.place_of) return Internal(fmt::format("owner kind {} has no place_of", kind.kind));
  ANJU_TRY(place, kind.place_of(db_, owner_id));
  if (!place || !ScopeCovers(actor.scope, *place))
    return NotFound(fmt::format("{} {} not found", kind.label_en, owner_id), "owner_id",
                    std::to_string(owner_id),
                    fmt::format("{} {} 不存在", kind.label_zh, owner_id));
  return {};
}

std::expected<Attachment, UploadError> AttachmentStore::Upload(
    const Actor& actor, std::string_view owner_kind, int64_t owner_id, std::string_view filename,
    std::string_view caption, std::string_view bytes) {
  auto fail = [](Error e) { return std::unexpected(UploadError{std::nullopt, std::move(e)}); };
  const OwnerKind* kind = attachments::FindOwnerKind(owner_kind);
  if (!kind) return fail(UnknownKind(owner_kind).error());
  if (auto st = CheckOwner(actor, *kind, owner_id); !st) return fail(st.error());
  if (!attachments::CanUpload(actor))
    return fail(PermissionDenied("the auditor role reads files but cannot upload them",
                                 "审计员只能查看附件，不能上传")
                    .error());
  auto limits = LoadUploadLimits(db_);
  if (!limits) return fail(limits.error());
  Attachment a;
  a.filename = attachments::CleanFileName(filename);
  auto mime = attachments::CheckUpload(a.filename, bytes, *limits);
  if (!mime) return std::unexpected(UploadError{mime.error().refusal, mime.error().error});
  auto sha = files_.Put(bytes);
  if (!sha) return fail(sha.error());
  a.owner_kind = std::string(kind->kind);
  a.owner_id = owner_id;
  a.sha256 = *sha;
  a.size = static_cast<int64_t>(bytes.size());
  a.mime = *mime;
  a.caption = std::string(caption.substr(0, 500));
  a.uploaded_by = actor.username;
  a.uploaded_at = UtcTimestampNow();
  auto write = [&]() -> Status {
    ANJU_TRY(tx, Transaction::Begin(db_));
    ANJU_TRY(st, db_.Prepare(
                     "INSERT INTO attachments (owner_kind, owner_id, sha256, size, mime, filename, "
                     "caption, uploaded_by, uploaded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                     "RETURNING id"));
    st.Bind(1, a.owner_kind).Bind(2, a.owner_id).Bind(3, a.sha256).Bind(4, a.size).Bind(5, a.mime);
    st.Bind(6, a.filename).Bind(7, a.caption).Bind(8, a.uploaded_by).Bind(9, a.uploaded_at);
    ANJU_TRY(id, st.RunReturningId());
    a.id = id;
    ANJU_CHECK(AppendAudit(db_, actor,
                           AuditEntry{.action = "create",
                                      .entity = "attachment",
                                      .entity_id = std::to_string(a.id),
                                      .changes = AuditChanges(a),
                                      .source = "upload " + a.filename}));
    return tx.Commit();
  };
  if (auto st = write(); !st) return fail(st.error());
  return a;
}

Result<std::vector<Attachment>> AttachmentStore::List(const Actor& actor, std::string_view owner_kind,
                                                      int64_t owner_id) {
  const OwnerKind* kind = attachments::FindOwnerKind(owner_kind);
  if (!kind) return UnknownKind(owner_kind);
  ANJU_CHECK(CheckOwner(actor, *kind, owner_id));
  ANJU_TRY(st, db_.Prepare(fmt::format("SELECT {} FROM attachments WHERE owner_kind = ?1 AND "
                                       "owner_id = ?2 ORDER BY id DESC",
                                       kColumns)));
  st.Bind(1, kind->kind).Bind(2, owner_id);
  return Rows(st, attachments::SeesWithdrawn(actor));
}

Result<std::vector<Attachment>> AttachmentStore::ListHousehold(const Actor& actor,
                                                               int64_t household_id) {
  const OwnerKind* kind = attachments::FindOwnerKind("household");
  if (!kind) return UnknownKind("household");
  ANJU_CHECK(CheckOwner(actor, *kind, household_id));
  ANJU_TRY(st, db_.Prepare(fmt::format(
                   "SELECT {} FROM attachments WHERE (owner_kind = 'household' AND owner_id = ?1) "
                   "OR (owner_kind = 'person' AND owner_id IN (SELECT id FROM persons WHERE "
                   "household_id = ?1)) ORDER BY id DESC",
                   kColumns)));
  st.Bind(1, household_id);
  return Rows(st, attachments::SeesWithdrawn(actor));
}

Result<Attachment> AttachmentStore::Get(const Actor& actor, int64_t id) {
  ANJU_TRY(st, db_.Prepare(fmt::format("SELECT {} FROM attachments WHERE id = ?1", kColumns)));
  st.Bind(1, id);
  ANJU_TRY(row, st.Step());
  if (!row) return NoSuchFile(id);
  Attachment a = Row(st);
  st.Reset();
  const OwnerKind* kind = attachments::FindOwnerKind(a.owner_kind);
  if (!kind) return NoSuchFile(id);  // its module is not installed
  if (auto ok = CheckOwner(actor, *kind, a.owner_id); !ok) {
    if (ok.error().code == ErrorCode::kNotFound) return NoSuchFile(id);
    return std::unexpected(ok.error());
  }
  if (a.withdrawn() && !attachments::SeesWithdrawn(actor)) return NoSuchFile(id);
  return a;
}

Result<std::string> AttachmentStore::Content(const Actor&, const Attachment& a) {
  return files_.Get(a.sha256);
}

Result<Attachment> AttachmentStore::Withdraw(const Actor& actor, int64_t id,
                                             std::string_view reason, std::string_view today) {
  ANJU_TRY(a, Get(actor, id));
  if (!attachments::CanUpload(actor))
    return PermissionDenied("the auditor role reads files but cannot withdraw them",
                            "审计员只能查看附件，不能撤回");
  std::string why(reason.substr(0, 500));
  while (!why.empty() && (why.back() == ' ' || why.back() == '\n')) why.pop_back();
  if (why.empty())
    return InvalidArgument("give the reason for withdrawing the file", "reason", "",
                           "请填写撤回原因");
  if (a.withdrawn())
    return Conflict(fmt::format("attachment {} was already withdrawn on {}", id, *a.withdrawn_on),
                    "id", std::to_string(id),
                    fmt::format("附件 {} 已于 {} 撤回", id, *a.withdrawn_on));
  ANJU_TRY(tx, Transaction::Begin(db_));
  ANJU_TRY(st, db_.Prepare("UPDATE attachments SET withdrawn_on = ?2, withdrawn_by = ?3, "
                           "withdrawn_reason = ?4 WHERE id = ?1 AND withdrawn_on IS NULL"));
  st.Bind(1, id).Bind(2, today).Bind(3, actor.username).Bind(4, why);
  ANJU_CHECK(st.Run());
  if (db_.Changes() != 1)
    return Conflict(fmt::format("attachment {} was withdrawn meanwhile", id), "id",
                    std::to_string(id), fmt::format("附件 {} 已被撤回", id));
  ANJU_CHECK(AppendAudit(db_, actor,
                         AuditEntry{.action = "update",
                                    .entity = "attachment",
                                    .entity_id = std::to_string(id),
                                    .changes = fmt::format(R"({{"withdrawn_on":[null,{}],"withdrawn_reason":[null,{}]}})",
                                                           auth::JsonString(today),
                                                           auth::JsonString(why)),
                                    .source = "withdraw"}));
  ANJU_CHECK(tx.Commit());
  a.withdrawn_on = std::string(today);
  a.withdrawn_by = actor.username;
  a.withdrawn_reason = why;
  return a;
}

}  // namespace anju::storage
