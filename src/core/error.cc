#include "core/error.h"

#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace anju {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kPermissionDenied: return "permission_denied";
    case ErrorCode::kUnauthenticated: return "unauthenticated";
    case ErrorCode::kResourceExhausted: return "resource_exhausted";
    case ErrorCode::kUnavailable: return "unavailable";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

std::string Error::ToString() const {
  std::string out;
  if (!field.empty()) {
    out += field;
    if (!value.empty()) out += " '" + value + "'";
    out += ": ";
  } else if (!value.empty()) {
    out += "'" + value + "': ";
  }
  out += message;
  for (const Error& d : details) out += "; " + d.ToString();
  return out;
}

static std::unexpected<Error> Make(ErrorCode code, std::string message, std::string field,
                                   std::string value, std::string message_zh) {
  Error e;
  e.code = code;
  e.message = std::move(message);
  e.message_zh = std::move(message_zh);
  e.field = std::move(field);
  e.value = std::move(value);
  return std::unexpected<Error>(std::move(e));
}

std::unexpected<Error> InvalidArgument(std::string m, std::string f, std::string v,
                                       std::string zh) {
  return Make(ErrorCode::kInvalidArgument, std::move(m), std::move(f), std::move(v),
              std::move(zh));
}
std::unexpected<Error> NotFound(std::string m, std::string f, std::string v, std::string zh) {
  return Make(ErrorCode::kNotFound, std::move(m), std::move(f), std::move(v), std::move(zh));
}
std::unexpected<Error> Conflict(std::string m, std::string f, std::string v, std::string zh) {
  return Make(ErrorCode::kConflict, std::move(m), std::move(f), std::move(v), std::move(zh));
}
std::unexpected<Error> PermissionDenied(std::string m, std::string zh) {
  return Make(ErrorCode::kPermissionDenied, std::move(m), {}, {}, std::move(zh));
}
std::unexpected<Error> Unauthenticated(std::string m, std::string zh) {
  return Make(ErrorCode::kUnauthenticated, std::move(m), {}, {}, std::move(zh));
}
std::unexpected<Error> ResourceExhausted(std::string m, std::string zh) {
  return Make(ErrorCode::kResourceExhausted, std::move(m), {}, {}, std::move(zh));
}
std::unexpected<Error> Unavailable(std::string m) {
  return Make(ErrorCode::kUnavailable, std::move(m), {}, {}, {});
}
std::unexpected<Error> Internal(std::string m) {
  return Make(ErrorCode::kInternal, std::move(m), {}, {}, {});
}

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return 422;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kResourceExhausted: return 429;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

int ExitCodeFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kUnavailable:
    case ErrorCode::kInternal: return kExitInternal;
    default: return kExitInvalid;
  }
}

std::unexpected<Error> AllFaults(std::vector<Error> details) {
  if (details.size() == 1) return std::unexpected(std::move(details[0]));
  Error e;
  e.code = ErrorCode::kInvalidArgument;
  std::vector<std::string> fields;
  for (const auto& d : details) {
    if (d.code == ErrorCode::kConflict) e.code = ErrorCode::kConflict;
    fields.push_back(d.field);
  }
  e.message = fmt::format("{} fields are invalid: {}", details.size(), fmt::join(fields, ", "));
  e.message_zh = fmt::format("{} 个字段有误", details.size());
  e.details = std::move(details);
  return std::unexpected(std::move(e));
}

}  // namespace anju
