// Timestamps as the offices read them: stored and sent by the JSON API as ISO-8601 UTC, shown
// on pages and in spreadsheets as China Standard Time (Asia/Shanghai, UTC+8, no daylight
// saving since 1991). The one C++ formatter for spreadsheets and printed text; the web's twin
// is fmtAt in src/web/js/time.js.
//
// Thread-safety: a free function over values; safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace anju {

/// A stored ISO-8601 UTC timestamp ("2026-12-03T08:40:00Z"; fractions and SQLite's
/// "2026-12-03 08:40:00" accepted) as China time "YYYY-MM-DD HH:MM" ("2026-12-03 16:40").
/// Text of another shape is returned unchanged (never an error: it is display only).
std::string FormatChinaTime(std::string_view iso_utc);

}  // namespace anju
