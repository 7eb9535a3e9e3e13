// Writing a command's output file (report --out, export --out) so that a late failure (disk
// full, folder removed or made read-only meanwhile, /dev/full) ends in one clear English and
// Chinese message naming the file and the reason, exit 1, and no half-written file.
//
// Thread-safety: call from the main thread only (redirects the process's stderr while the
// writer runs, to fold libxlsxwriter's own "[ERROR] workbook_close(): …" lines into the message).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace anju::cli {

/// Writes `path` through `write`, which is called with the path to write to: a temporary file
/// beside `path` (same extension), renamed onto `path` on success and removed on failure; or
/// `path` itself when it exists and is not a regular file (a device such as /dev/null). First
/// checks the folder exists and may be written. Errors: kInvalidArgument (exit 1) naming
/// `option` and `path`, with the reason ("No space left on device") and what to do.
Status WriteOutputFile(const std::string& path, std::string_view option,
                       const std::function<Status(const std::string& target)>& write);

}  // namespace anju::cli
