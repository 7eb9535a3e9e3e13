#include "http/json_body.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <utility>
#include <limits>

#include "http/envelope.h"

namespace anju::http {

namespace {
// nlohmann's what() reads "[json.exception.parse_error.101] parse error at line 1, column 6:
// ..."; callers see the text after the bracketed exception id.
std::string PlainJsonMessage(const char* what) {
  std::string_view w(what);
  if (w.starts_with("[json.exception.")) {
    auto close = w.find("] ");
    if (close != std::string_view::npos) w.remove_prefix(close + 2);
  }
  return std::string(w);
}
}  // namespace

Result<nlohmann::json> ParseJsonObject(std::string_view body, int max_depth) {
  std::string last_key;  // the object key whose value is being parsed (for number overflow)
  nlohmann::json::parser_callback_t cb = [&](int depth, nlohmann::json::parse_event_t event,
                                             nlohmann::json& parsed) {
    if (event == nlohmann::json::parse_event_t::key && parsed.is_string()) {
      last_key = parsed.get<std::string>();
    }
    if ((event == nlohmann::json::parse_event_t::object_start ||
         event == nlohmann::json::parse_event_t::array_start) &&
        depth >= max_depth) {
      throw std::length_error("depth");  // stops the parser; caught below
    }
    return true;
  };
  try {
    nlohmann::json j = nlohmann::json::parse(body.begin(), body.end(), cb);
    if (!j.is_object()) {
      return InvalidArgument(
          fmt::format("the request body must be a JSON object, got a {}", j.type_name()), "body",
          "", "请求体须为 JSON 对象");
    }
    return j;
  } catch (const std::length_error&) {
  } catch (const nlohmann::json::parse_error& e) {
    return InvalidArgument(
        fmt::format("the request body is not valid JSON (byte {}): {}", e.byte,
                    PlainJsonMessage(e.what())),
        "body", "", fmt::format("请求体不是有效的 JSON（第 {} 字节）", e.byte));
  } catch (const nlohmann::json::out_of_range&) {
    // A number too large for a double (e.g. 1e400): the lexer throws out_of_range.406.
    std::string field = last_key.empty() ? "body" : last_key;
    return InvalidArgument(
        fmt::format("{} holds a number too large to read; send a value within the field's range",
                    field),
        field, "", "数值过大，超出可读取范围");
  }
  return InvalidArgument(
      fmt::format("the request body nests JSON deeper than {} levels; flatten it", max_depth),
      "body", "", fmt::format("请求体 JSON 嵌套超过 {} 层", max_depth));
}

namespace {
const nlohmann::json* Find(const nlohmann::json& obj, std::string_view name) {
  auto it = obj.find(name);
  return it == obj.end() ? nullptr : &*it;
}
}  // namespace

void BodyReader::RequiredFault(std::string_view name) {
  for (const Error& earlier : faults_)
    if (earlier.field == name) return;  // its type fault says more than "required"
  Error e;
  e.code = ErrorCode::kInvalidArgument;
  e.field = std::string(name);
  e.message = fmt::format("{} is required", name);
  e.message_zh = "必填";
  faults_.push_back(std::move(e));
}

void BodyReader::TypeFault(std::string_view name, const nlohmann::json& v, std::string_view want,
                           std::string_view want_zh) {
  Error e;
  e.code = ErrorCode::kInvalidArgument;
  e.field = std::string(name);
  std::string shown = v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (shown.size() > 40) shown = shown.substr(0, 37) + "...";
  e.value = shown;
  e.message = fmt::format("{} must be {}, got {}", name, want, v.type_name());
  e.message_zh = fmt::format("应为{}", want_zh);
  faults_.push_back(std::move(e));
}

Field<std::string> BodyReader::String(std::string_view name) {
  seen_.emplace(name);
  Field<std::string> f;
  const nlohmann::json* v = Find(obj_, name);
  if (!v) return f;
  f.present = true;
  if (v->is_null()) return f;
  if (!v->is_string()) {
    TypeFault(name, *v, "a string", "文本");
    return f;
  }
  f.value = v->get<std::string>();
  return f;
}

Field<int64_t> BodyReader::Int(std::string_view name) {
  seen_.emplace(name);
  Field<int64_t> f;
  const nlohmann::json* v = Find(obj_, name);
  if (!v) return f;
  f.present = true;
  if (v->is_null()) return f;
  if (v->is_number_float()) {
    // A fraction (320000.5), a decimal or exponent form (320000.0, 3.2e5) or an integer beyond
    // int64 that the parser could only read as a double (-1e30, -9223372036854775809): refused,
    // never rounded or truncated, since the double may already differ from what was typed.
    // From 2^53 on a double no longer holds every integer, so the typed number (1e30,
    // -9223372036854775809) is answered with the range rather than the form.
    const double d = v->get<double>();
    const bool huge = !(std::fabs(d) < 9007199254740992.0);
    TypeFault(name, *v,
              huge ? "a whole number from -9223372036854775808 to 9223372036854775807"
                   : "a whole number, written without a decimal point or exponent (320000, not "
                     "320000.0 or 3.2e5)",
              huge ? "整数，且在 -9223372036854775808 到 9223372036854775807 之间"
                   : "整数（不带小数点或指数，如 320000，而非 320000.0 或 3.2e5）");
    return f;
  }
  if (!v->is_number_integer()) {
    TypeFault(name, *v, "a whole number", "整数");
    return f;
  }
  if (v->is_number_unsigned() &&
      v->get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    // 18446744073709551615 would otherwise wrap to -1.
    TypeFault(name, *v, "a whole number up to 9223372036854775807", "不超过 9223372036854775807 的整数");
    return f;
  }
  f.value = v->get<int64_t>();
  return f;
}

Field<bool> BodyReader::Bool(std::string_view name) {
  seen_.emplace(name);
  Field<bool> f;
  const nlohmann::json* v = Find(obj_, name);
  if (!v) return f;
  f.present = true;
  if (v->is_null()) return f;
  if (v->is_boolean()) {
    f.value = v->get<bool>();
  } else {
    // Only the JSON literals: 0/1, "true", "yes" are refused rather than guessed at.
    TypeFault(name, *v, "true or false (the JSON literals, not 0/1 or text)", "true 或 false（JSON 布尔值）");
  }
  return f;
}

Field<Date> BodyReader::DateField(std::string_view name) {
  Field<std::string> s = String(name);
  Field<Date> f;
  f.present = s.present;
  if (!s.value) return f;
  auto d = ParseIsoDate(*s.value, name);
  if (!d) {
    Error e = d.error();
    if (e.message_zh.empty()) e.message_zh = "日期格式应为 YYYY-MM-DD";
    faults_.push_back(std::move(e));
    return f;
  }
  f.value = *d;
  return f;
}

std::vector<Error> BodyReader::TakeFaults() {
  for (const auto& [key, value] : obj_.items()) {
    if (seen_.contains(key)) continue;
    Error e;
    e.code = ErrorCode::kInvalidArgument;
    e.field = key;
    e.message = fmt::format("unknown field '{}'; check the spelling against the API document",
                            key);
    e.message_zh = "未知字段";
    faults_.push_back(std::move(e));
  }
  seen_.clear();
  for (const auto& [key, value] : obj_.items()) seen_.emplace(key);  // unknown fields said once
  return std::exchange(faults_, {});
}

Status BodyReader::Finish() {
  std::vector<Error> faults = TakeFaults();
  if (faults.empty()) return {};
  return std::unexpected(ValidationFailed(std::move(faults)));
}

namespace {
// Whether a fault on `a` and one on `b` are about the same input: the same field, or one a part
// of the other ("columns" and "columns[0].type", "housing" and "housing.decision").
bool SameInput(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (!b.starts_with(a)) return false;
  return b.size() == a.size() || b[a.size()] == '.' || b[a.size()] == '[';
}
}  // namespace

std::vector<Error> JoinFaults(std::vector<Error> reader_faults, const Error& service) {
  std::vector<Error> out = std::move(reader_faults);
  const size_t from_reader = out.size();
  auto add = [&](const Error& e) {
    if (e.field.empty()) return;  // not about a field (a state, a scope): the reader's faults decide
    if (e.code != ErrorCode::kInvalidArgument && e.code != ErrorCode::kConflict) return;
    for (size_t i = 0; i < from_reader; ++i)
      if (SameInput(out[i].field, e.field)) return;  // the reader's fault says why it is empty
    out.push_back(e);
  };
  if (service.details.empty()) add(service);
  else if (service.code == ErrorCode::kInvalidArgument || service.code == ErrorCode::kConflict)
    for (const Error& d : service.details) add(d);
  return out;
}

Result<int64_t> ParseQueryInt(std::string_view field, std::string_view text, int64_t min,
                              int64_t max) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v < min || v > max) {
    return InvalidArgument(
        fmt::format("{} must be a whole number from {} to {}", field, min, max),
        std::string(field), std::string(text.substr(0, 40)),
        fmt::format("应为 {} 至 {} 之间的整数", min, max));
  }
  return v;
}

Result<bool> ParseQueryBool(std::string_view field, std::string_view text) {
  if (text == "true" || text == "1") return true;
  if (text == "false" || text == "0") return false;
  return InvalidArgument(fmt::format("{} must be true or false", field), std::string(field),
                         std::string(text.substr(0, 40)), "应为 true 或 false");
}

Error NothingToChange() {
  return InvalidArgument("the body changes no field; send at least one field to change",
                          "body", "", "没有要修改的字段")
              .error();
}

}  // namespace anju::http
