// Cursors and paging parameters of every list; see paging.h. (Moved from the former
// http/query.cc and the one-page check of http/api_routes.cc, issue #13.)
#include "http/paging.h"

#include <fmt/format.h>

#include "http/envelope.h"

namespace anju::http {

namespace {
// FNV-1a 64 of list, a NUL and raw; a check against mistakes, not a signature (a forged
// cursor is only a position: every list is filtered by the actor's scope in SQL).
uint32_t CursorCheck(std::string_view list, std::string_view raw) {
  uint64_t h = 1469598103934665603ULL;
  auto mix = [&h](std::string_view t) {
    for (unsigned char c : t) {
      h ^= c;
      h *= 1099511628211ULL;
    }
  };
  mix(list);
  mix(std::string_view("\0", 1));
  mix(raw);
  return static_cast<uint32_t>(h ^ (h >> 32));
}
}  // namespace

std::string SealCursor(std::string_view list, std::string_view raw) {
  return fmt::format("{}.{:08x}", raw, CursorCheck(list, raw));
}

Result<std::string> OpenCursor(std::string_view list, std::string_view sealed) {
  size_t dot = sealed.rfind('.');
  if (dot != std::string_view::npos && sealed.size() - dot == 9) {
    std::string_view raw = sealed.substr(0, dot);
    if (!raw.empty() && fmt::format("{:08x}", CursorCheck(list, raw)) == sealed.substr(dot + 1)) {
      return std::string(raw);
    }
  }
  return InvalidArgument(
      "the cursor is incomplete or not one this list (with this sort) gave out; restart from "
      "the first page (leave cursor out) and pass each next_cursor back unchanged",
      "cursor", std::string(sealed.substr(0, 40)),
      "分页游标不完整或不属于此列表（及此排序）；请从第一页重新开始（不带 cursor 参数），"
      "并原样传回每页的 next_cursor");
}

Result<PageRequest> ParsePage(const RequestContext& ctx, std::string_view list) {
  PageRequest p;
  auto limit = ctx.QueryInt("limit", 1, 500);
  if (!limit) return std::unexpected(limit.error());
  if (*limit) p.limit = static_cast<int>(**limit);
  if (auto c = ctx.Query("cursor")) {
    auto raw = OpenCursor(list, *c);
    if (!raw) return std::unexpected(raw.error());
    p.cursor = std::move(*raw);
  }
  return p;
}

Status OnePage(const RequestContext& ctx, std::string_view list) {
  auto page = ParsePage(ctx, list);
  if (!page) return std::unexpected(page.error());
  return {};
}

}  // namespace anju::http
