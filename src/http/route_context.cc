#include "http/route_context.h"

#include <fmt/format.h>

#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <set>

#include "core/plausible.h"

#include "http/json_body.h"

namespace anju::http {

Status RequestContext::CheckQueryNames(std::initializer_list<std::string_view> accepted) const {
  std::vector<Error> faults;
  std::set<std::string, std::less<>> seen;
  for (const auto& [name, value] : req.params) {
    if (std::find(accepted.begin(), accepted.end(), name) != accepted.end()) {
      // No parameter takes several values: a second one would be silently ignored (Query reads
      // the first), so "?limit=2&limit=3" is refused rather than answered with limit 2.
      if (req.params.count(name) > 1 && seen.insert(name).second) {
        std::string shown = name.substr(0, 40);
        faults.push_back(Error{
            ErrorCode::kInvalidArgument,
            fmt::format("query parameter '{}' is given {} times; give it once", shown, req.params.count(name)),
            fmt::format("查询参数“{}”重复出现{}次，只能给一次", shown, req.params.count(name)), shown,
            value.substr(0, 40), {}});
      }
      continue;
    }
    if (!seen.insert(name).second) continue;
    std::string shown = name.substr(0, 40);
    std::string list = accepted.size() == 0 ? std::string("none")
                                            : fmt::format("{}", fmt::join(accepted, ", "));
    faults.push_back(Error{
        ErrorCode::kInvalidArgument,
        fmt::format("unknown query parameter '{}'; check its spelling. This endpoint accepts: {}",
                    shown, list),
        fmt::format("未知的查询参数“{}”，请检查拼写。本接口接受：{}", shown,
                    accepted.size() == 0 ? std::string("无") : list),
        shown, value.substr(0, 40), {}});
  }
  if (faults.empty()) return {};
  return std::unexpected(ValidationFailed(std::move(faults)));
}

std::optional<std::string> RequestContext::Query(std::string_view name) const {
  auto it = req.params.find(std::string(name));
  if (it == req.params.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

Result<int64_t> RequestContext::PathId(std::string_view name) const {
  auto it = params.find(name);
  std::string_view text = it == params.end() ? std::string_view() : std::string_view(it->second);
  int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || p != text.data() + text.size() || v <= 0) {
    return NotFound(fmt::format("no record with {} '{}': ids are positive whole numbers", name,
                                text.substr(0, 30)),
                    std::string(name), std::string(text.substr(0, 30)), "记录不存在");
  }
  return v;
}

Result<std::optional<int64_t>> RequestContext::QueryInt(std::string_view name, int64_t min,
                                                        int64_t max) const {
  auto text = Query(name);
  if (!text) return std::optional<int64_t>();
  auto v = ParseQueryInt(name, *text, min, max);
  if (!v) return std::unexpected(v.error());
  return std::optional<int64_t>(*v);
}

Result<std::optional<bool>> RequestContext::QueryBool(std::string_view name) const {
  auto text = Query(name);
  if (!text) return std::optional<bool>();
  auto v = ParseQueryBool(name, *text);
  if (!v) return std::unexpected(v.error());
  return std::optional<bool>(*v);
}

Result<std::optional<Date>> RequestContext::QueryDate(std::string_view name) const {
  auto text = Query(name);
  if (!text) return std::optional<Date>();
  auto v = ParseIsoDate(*text, name);
  if (!v) {
    Error e = v.error();
    if (e.message_zh.empty()) e.message_zh = "日期格式应为 YYYY-MM-DD";
    return std::unexpected(std::move(e));
  }
  return std::optional<Date>(*v);
}

Result<std::optional<Date>> RequestContext::QueryAsOf() const {
  auto d = QueryDate("as_of");
  if (!d || !*d) return d;
  if (auto st = ValidateDateInRange("as_of", **d, TodayInChina()); !st) return std::unexpected(st.error());
  return d;
}

std::expected<int64_t, HttpError> RequestContext::IfMatchVersion() const {
  std::string h = req.get_header_value("If-Match");
  if (h.empty()) return std::unexpected(PreconditionRequired());
  std::string_view t = h;
  if (t.starts_with("W/")) t.remove_prefix(2);
  if (t.size() >= 2 && t.front() == '"' && t.back() == '"') t = t.substr(1, t.size() - 2);
  int64_t v = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || p != t.data() + t.size() || v < 0) {
    return std::unexpected(HttpError(InvalidArgument(
        "If-Match must be the record's ETag, e.g. \"3\"", "If-Match", h.substr(0, 30),
        "If-Match 应为记录的 ETag（版本号）").error()));
  }
  return v;
}

std::string EtagFor(int64_t version) { return fmt::format("\"{}\"", version); }

}  // namespace anju::http
