// Shared reply and JSON helpers of the module routes; see reply.h.
#include "http/reply.h"

#include <fmt/format.h>

#include "auth/hardening.h"
#include "http/json_body.h"

namespace anju::http {

using nlohmann::json;

std::expected<json, HttpError> Body(const RequestContext& ctx) {
  if (ctx.req.body.size() > auth::kMaxBodyBytes) {
    return std::unexpected(PayloadTooLarge(auth::kMaxBodyBytes));
  }
  if (!IsJsonMediaType(ctx.req.get_header_value("Content-Type"))) {
    return std::unexpected(UnsupportedMediaType(ctx.req.get_header_value("Content-Type")));
  }
  if (auto st = auth::CheckJsonLimits(ctx.req.body); !st) return std::unexpected(st.error());
  return ParseJsonObject(ctx.req.body);
}

Reply WithEtag(Reply r, int64_t version) {
  r.headers.emplace_back("ETag", EtagFor(version));
  return r;
}

Reply Created(const json& j, std::string location, int64_t version) {
  Reply r = WithEtag(Reply::Json(j, 201), version);
  r.headers.emplace_back("Location", std::move(location));
  return r;
}

Reply Xlsx(std::string bytes, std::string_view name) {
  Reply r;
  r.body = std::move(bytes);
  r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.headers.emplace_back("Content-Disposition",
                         fmt::format("attachment; filename=\"{}\"", name));
  return r;
}

json PageJson(json items, const std::string& next_cursor, std::optional<int64_t> total) {
  json page{{"items", std::move(items)},
            {"next_cursor", next_cursor.empty() ? json(nullptr) : json(next_cursor)}};
  if (total) page["total"] = *total;
  return page;
}

json OptInt(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }
json OptText(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
json Hundredths(int64_t v) { return json(static_cast<double>(v) / 100.0); }

}  // namespace anju::http
