#include "http/envelope.h"

#include <fmt/format.h>

#include <cctype>

namespace anju::http {

Reply Reply::Json(const nlohmann::json& j, int status) {
  Reply r;
  r.status = status;
  r.body = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Reply Reply::NoContent() {
  Reply r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

nlohmann::json ErrorJson(const Error& e, std::string_view code_name) {
  nlohmann::json details = nlohmann::json::array();
  for (const Error& d : e.details) details.push_back(ErrorJson(d));
  return nlohmann::json{
      {"code", code_name.empty() ? std::string(ErrorCodeName(e.code)) : std::string(code_name)},
      {"message", e.message},
      {"message_zh", e.message_zh.empty() ? e.message : e.message_zh},
      {"field", e.field},
      {"value", e.value},
      {"details", std::move(details)},
  };
}

std::string EnvelopeBody(const HttpError& err) {
  return nlohmann::json{{"error", ErrorJson(err.error, err.code_name)}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
}

HttpError PreconditionRequired() {
  Error e;
  e.code = ErrorCode::kConflict;
  e.field = "If-Match";
  e.message =
      "this change needs the header If-Match with the record's version (its ETag from GET); "
      "read the record first, then send If-Match: \"<version>\"";
  e.message_zh = "修改须带 If-Match 请求头（记录的版本号，即 GET 返回的 ETag）；请先读取记录";
  return HttpError(std::move(e), 428, "precondition_required");
}

HttpError PayloadTooLarge(size_t limit_bytes) {
  Error e;
  e.code = ErrorCode::kResourceExhausted;
  e.field = "body";
  e.message = fmt::format("the request body is larger than {} bytes; send less data per request",
                          limit_bytes);
  e.message_zh = fmt::format("请求体超过 {} 字节；请分批提交", limit_bytes);
  return HttpError(std::move(e), 413, "payload_too_large");
}

HttpError UnsupportedMediaType(std::string_view got) {
  Error e;
  e.code = ErrorCode::kInvalidArgument;
  e.field = "Content-Type";
  e.value = std::string(got.substr(0, 80));
  e.message = fmt::format("this endpoint takes a JSON body; send the header Content-Type: "
                          "application/json (got '{}')",
                          e.value);
  e.message_zh = "此接口只接受 JSON 请求体，请求头须为 Content-Type: application/json";
  return HttpError(std::move(e), 415, "unsupported_media_type");
}

bool IsJsonMediaType(std::string_view content_type) {
  std::string t;
  for (char c : content_type.substr(0, content_type.find(';'))) {
    if (c == ' ' || c == '\t') continue;
    t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return t == "application/json" || (t.starts_with("application/") && t.ends_with("+json"));
}

Error ValidationFailed(std::vector<Error> faults) {
  if (faults.size() == 1) {
    Error one = faults.front();
    one.details = {faults.front()};
    return one;
  }
  Error e;
  e.code = ErrorCode::kInvalidArgument;
  e.message = fmt::format("{} fields are invalid", faults.size());
  e.message_zh = fmt::format("有 {} 个字段无效", faults.size());
  e.details = std::move(faults);
  return e;
}

}  // namespace anju::http
