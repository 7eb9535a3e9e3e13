// Route handlers of the attachments module: parse -> AttachmentStore -> map. See routes.h.
#include "attachments/http/routes.h"

#include <fmt/format.h>

#include <cctype>
#include <cstdio>

#include "attachments/storage/sqlite_attachments.h"
#include "auth/hardening.h"
#include "core/date.h"
#include "core/try.h"
#include "http/reply.h"
#include "http/route_context.h"
#include "storage/sqlite.h"

namespace anju::attachments {

using namespace anju::http;
using nlohmann::json;

namespace {

json AttachmentJson(const Attachment& a) {
  return json{{"id", a.id},
              {"owner", a.owner_kind},
              {"owner_id", a.owner_id},
              {"sha256", a.sha256},
              {"size", a.size},
              {"mime", a.mime},
              {"filename", a.filename},
              {"caption", a.caption},
              {"uploaded_by", a.uploaded_by},
              {"uploaded_at", a.uploaded_at},
              {"withdrawn", a.withdrawn()},
              {"withdrawn_on", a.withdrawn_on ? json(*a.withdrawn_on) : json(nullptr)},
              {"withdrawn_by", a.withdrawn_by ? json(*a.withdrawn_by) : json(nullptr)},
              {"withdrawn_reason", a.withdrawn_reason ? json(*a.withdrawn_reason) : json(nullptr)},
              {"content_url", fmt::format("/api/v1/attachments/{}/content", a.id)}};
}

// %XX-decoding of the X-Filename header (the browser encodes with encodeURIComponent).
std::string PercentDecode(std::string_view v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '%' && i + 2 < v.size() && std::isxdigit(static_cast<unsigned char>(v[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(v[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(std::string(v.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(v[i]);
    }
  }
  return out;
}

// RFC 5987 / 6266: filename*=UTF-8''<percent-encoded>, with an ASCII fallback filename="…".
std::string ContentDisposition(std::string_view disposition, std::string_view name) {
  std::string ascii, encoded;
  for (unsigned char c : name) {
    ascii += (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') ? static_cast<char>(c) : '_';
    const bool plain = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                       c == '.' || c == '-' || c == '_';
    if (plain) encoded += static_cast<char>(c);
    else encoded += fmt::format("%{:02X}", static_cast<unsigned>(c));
  }
  return fmt::format("{}; filename=\"{}\"; filename*=UTF-8''{}", disposition, ascii, encoded);
}

Result<int64_t> OwnerId(const RequestContext& ctx) {
  auto id = ctx.QueryInt("owner_id", 1, INT64_MAX);
  if (!id) return std::unexpected(id.error());
  if (!*id)
    return InvalidArgument("owner_id is required: the id of the record the file belongs to",
                           "owner_id", "", "缺少 owner_id：附件所属记录的编号");
  return **id;
}

Result<std::string> OwnerKindParam(const RequestContext& ctx) {
  auto k = ctx.Query("owner");
  if (!k)
    return InvalidArgument("owner is required: the kind of record (household, person, …)",
                           "owner", "", "缺少 owner：记录类型（household、person 等）");
  return *k;
}

HttpError UploadHttpError(const storage::UploadError& e) {
  if (!e.refusal) return HttpError(e.error);
  switch (*e.refusal) {
    case Refusal::kTooLarge: return HttpError(e.error, 413, "payload_too_large");
    case Refusal::kUnsupportedType: return HttpError(e.error, 415, "unsupported_media_type");
    case Refusal::kEmpty: return HttpError(e.error, 400, "bad_request");
  }
  return HttpError(e.error);
}

RouteResult Upload(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"owner", "owner_id", "caption"}));
  ANJU_TRY(kind, OwnerKindParam(ctx));
  ANJU_TRY(owner_id, OwnerId(ctx));
  std::string caption = ctx.Query("caption").value_or("");
  std::string filename;
  std::string_view bytes;
  if (ctx.req.is_multipart_form_data()) {
    if (!ctx.req.has_file("file"))
      return std::unexpected(HttpError(
          InvalidArgument("the form has no field 'file': send the file as field 'file'", "file",
                          "", "表单中没有 file 字段：请以 file 字段上传文件")
              .error(),
          400, "bad_request"));
    const auto& f = ctx.req.files.find("file")->second;
    filename = f.filename;
    bytes = f.content;
    if (ctx.req.has_file("caption")) caption = ctx.req.get_file_value("caption").content;
  } else {
    // X-Filename (the contract); X-File-Name as the import route reads it.
    filename = PercentDecode(ctx.req.has_header("X-Filename") ? ctx.req.get_header_value("X-Filename")
                                                               : ctx.req.get_header_value("X-File-Name"));
    bytes = ctx.req.body;
  }
  storage::AttachmentStore store(*ctx.services.db);
  auto a = store.Upload(ctx.actor, kind, owner_id, filename, caption, bytes);
  if (!a) return std::unexpected(UploadHttpError(a.error()));
  Reply r = Reply::Json(AttachmentJson(*a), 201);
  r.headers.emplace_back("Location", fmt::format("/api/v1/attachments/{}", a->id));
  return r;
}

RouteResult List(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({"owner", "owner_id", "household_id"}));
  storage::AttachmentStore store(*ctx.services.db);
  std::vector<Attachment> list;
  ANJU_TRY(household, ctx.QueryInt("household_id", 1, INT64_MAX));
  if (household) {
    ANJU_TRY(l, store.ListHousehold(ctx.actor, *household));
    list = std::move(l);
  } else {
    ANJU_TRY(kind, OwnerKindParam(ctx));
    ANJU_TRY(owner_id, OwnerId(ctx));
    ANJU_TRY(l, store.List(ctx.actor, kind, owner_id));
    list = std::move(l);
  }
  json items = json::array();
  for (const auto& a : list) items.push_back(AttachmentJson(a));
  return Reply::Json(PageJson(std::move(items), "", static_cast<int64_t>(list.size())));
}

RouteResult Metadata(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  storage::AttachmentStore store(*ctx.services.db);
  ANJU_TRY(a, store.Get(ctx.actor, id));
  return Reply::Json(AttachmentJson(a));
}

RouteResult Content(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  storage::AttachmentStore store(*ctx.services.db);
  ANJU_TRY(a, store.Get(ctx.actor, id));
  auto bytes = store.Content(ctx.actor, a);
  if (!bytes) {
    // Never the wrong bytes: the operator restores the file from a backup.
    std::fprintf(stderr, "anju: attachment %lld: %s\n", static_cast<long long>(id),
                 bytes.error().ToString().c_str());
    // The client is told which file, never where it lies on the server (the log says).
    Error e = bytes.error();
    if (e.code == ErrorCode::kInternal)
      e.message = fmt::format("file {} ({}) is damaged or missing on the server; the operator "
                              "restores it from a backup (anju backup)", a.id, a.filename);
    return std::unexpected(HttpError(e));
  }
  Reply r;
  r.body = std::move(*bytes);
  r.content_type = a.mime;
  r.headers.emplace_back("Content-Disposition", ContentDisposition("inline", a.filename));
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Cache-Control", "private, max-age=3600");
  r.headers.emplace_back("ETag", "\"" + a.sha256 + "\"");
  return r;
}

RouteResult Withdraw(RequestContext& ctx) {
  ANJU_CHECK(ctx.CheckQueryNames({}));
  ANJU_TRY(id, ctx.PathId());
  ANJU_TRY(body, Body(ctx));
  std::string reason;
  if (body.contains("reason") && body["reason"].is_string()) reason = body["reason"].get<std::string>();
  storage::AttachmentStore store(*ctx.services.db);
  ANJU_TRY(a, store.Withdraw(ctx.actor, id, reason, FormatIsoDate(TodayInChina())));
  return Reply::Json(AttachmentJson(a));
}

}  // namespace

void AddRoutes(Router& router) {
  router.Add("POST", "/api/v1/attachments", Access::kSession, Upload);
  router.Add("GET", "/api/v1/attachments", Access::kSession, List);
  router.Add("GET", "/api/v1/attachments/{id}", Access::kSession, Metadata);
  router.Add("GET", "/api/v1/attachments/{id}/content", Access::kSession, Content);
  router.Add("POST", "/api/v1/attachments/{id}/withdraw", Access::kSession, Withdraw);
}

}  // namespace anju::attachments
