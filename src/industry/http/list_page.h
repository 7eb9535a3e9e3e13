// Paging of the industry lists that grow without bound (posts, vacancies, job seekers, training
// classes and enrolments, zero-employment alerts): `limit` (1–500, default 50) and `cursor` (the
// previous page's next_cursor), answering `items`, `next_cursor` and `total`, as the jobs list
// (docs/api.md "Paging"). The list is read in its order and the page cut from it; the cursor is
// the offset, sealed with the list's name and filters (http/paging.h) so another list's or
// filter's cursor is refused.
#pragma once

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/try.h"
#include "http/paging.h"
#include "http/route_context.h"

namespace anju::industry {

/// One page of a list: its items from the offset, the cursor of the next page ("" when last)
/// and the count of the whole list.
template <class T>
struct ListPage {
  std::vector<T> items;
  std::string next_cursor;
  int64_t total = 0;
};

/// The page `ctx` asks for (limit, cursor) of `all`, in its order. `list` names the list and its
/// filters (e.g. "posts|site=3"). Errors: kInvalidArgument naming limit or cursor.
template <class T>
Result<ListPage<T>> PageOf(const http::RequestContext& ctx, std::string_view list, std::vector<T> all) {
  ANJU_TRY(req, http::ParsePage(ctx, list));
  size_t from = 0;
  if (!req.cursor.empty()) {
    const char* end = req.cursor.data() + req.cursor.size();
    auto [p, ec] = std::from_chars(req.cursor.data(), end, from);
    if (ec != std::errc() || p != end)
      return InvalidArgument("cursor is not one of this list's; start again from the first page (no cursor)", "cursor",
                             req.cursor, "分页游标（cursor）无效：请不带游标从第一页重新开始");
  }
  ListPage<T> out;
  out.total = static_cast<int64_t>(all.size());
  from = std::min(from, all.size());
  const size_t to = std::min(all.size(), from + static_cast<size_t>(req.ClampedLimit()));
  out.items.assign(std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(from)),
                   std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(to)));
  if (to < all.size()) out.next_cursor = http::SealCursor(list, std::to_string(to));
  return out;
}

}  // namespace anju::industry
