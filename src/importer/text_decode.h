// Decoding the text of CSV/TSV/HTML files to UTF-8.
//
// Order of decisions (issue #7): a byte-order mark (UTF-8, UTF-16LE/BE); UTF-16 without a BOM
// (NUL bytes concentrated on one parity); strict UTF-8 (every sequence valid, no overlongs or
// surrogates); then GB18030 through ICU's converter. GBK is never tried first: it is a subset
// of GB18030, and decoding valid UTF-8 as GBK silently garbles it, while UTF-8 validation of real
// GBK text fails within a few characters.
//
// Thread-safety: free functions; safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace anju::importer {

/// UTF-8 text: a view of the input when it already was UTF-8 (BOM stripped), else owned.
struct DecodedText {
  std::string owned;
  std::string_view text;
  std::string encoding;  // "UTF-8", "UTF-8 (BOM)", "UTF-16LE", "UTF-16BE", "GB18030", or forced
};

/// Decodes `bytes` (see above). `forced` names an ICU converter ("GBK", "Big5", "UTF-16LE" …) to
/// use instead of detection. Errors (kInvalidArgument, field "encoding"): bytes invalid in the
/// chosen encoding, with the byte offset and a hint to pass --encoding; an unknown forced name.
/// `file` only names the file in messages.
Result<DecodedText> DecodeText(std::string_view bytes, std::string_view forced,
                               std::string_view file);

/// True when `s` is valid UTF-8 (RFC 3629: no overlongs, no surrogates, <= U+10FFFF).
bool IsValidUtf8(std::string_view s);

/// Converts `bytes` from ICU converter `encoding` to UTF-8 strictly (stops at the first invalid
/// sequence). Errors: kInvalidArgument with the byte offset.
Result<std::string> ConvertToUtf8(std::string_view bytes, std::string_view encoding,
                                  std::string_view file);

}  // namespace anju::importer
