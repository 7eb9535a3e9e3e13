// The one paging type of every list (registry, sites, audit trail, users, programme ledgers).
//
// Keyset paging: a list returns at most `limit` items and an opaque `next_cursor` ("" on the
// last page) to pass back unchanged for the next page; stable under inserts. `total` counts
// every matching record in the caller's scope (all pages), only when asked for (one COUNT).
// The HTTP shape is {"items": [...], "next_cursor": "…"|null, "total": N} (http/reply.h PageJson).
//
// Thread-safety: plain value types.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace anju {

/// One page of a list (see above). `total`: set only when PageRequest::with_total.
template <class T>
struct Page {
  std::vector<T> items;
  std::string next_cursor;
  std::optional<int64_t> total;
};

/// Paging: limit kMinLimit…kMaxLimit (ClampedLimit), cursor from the previous page or "";
/// with_total: also count every matching record (Page::total; the lists' "共 N 户").
struct PageRequest {
  static constexpr int kMinLimit = 1;
  static constexpr int kMaxLimit = 500;  // one page of a list on a slow office machine
  int limit = 50;
  std::string cursor;
  bool with_total = false;
  /// `limit` clamped to kMinLimit…kMaxLimit.
  int ClampedLimit() const { return std::clamp(limit, kMinLimit, kMaxLimit); }
};

}  // namespace anju
