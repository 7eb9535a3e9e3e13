#include "importer/text_decode.h"

#include <fmt/format.h>
#include <unicode/ucnv.h>

#include <cstdint>
#include <cstring>
#include <memory>

namespace anju::importer {

bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const unsigned char* end = p + s.size();
  while (p < end) {
    unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      // Runs of ASCII (most of a sheet's XML) eight bytes at a time.
      while (end - p >= 8) {
        uint64_t w;
        std::memcpy(&w, p, 8);
        if (w & 0x8080808080808080ull) break;
        p += 8;
      }
      continue;
    }
    int n;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (end - p < n + 1) return false;
    for (int i = 1; i <= n; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    p += n + 1;
  }
  return true;
}

Result<std::string> ConvertToUtf8(std::string_view bytes, std::string_view encoding,
                                  std::string_view file) {
  UErrorCode st = U_ZERO_ERROR;
  std::string name(encoding);
  std::unique_ptr<UConverter, void (*)(UConverter*)> from(ucnv_open(name.c_str(), &st), ucnv_close);
  if (U_FAILURE(st) || !from)
    return InvalidArgument(fmt::format("{}: unknown encoding '{}'; use e.g. UTF-8, GB18030, GBK, "
                                       "Big5, UTF-16LE",
                                       file, encoding),
                           "encoding", std::string(encoding), "未知的编码名称");
  ucnv_setToUCallBack(from.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &st);
  std::unique_ptr<UConverter, void (*)(UConverter*)> to(ucnv_open("UTF-8", &st), ucnv_close);
  if (U_FAILURE(st)) return Internal("ICU UTF-8 converter unavailable");
  std::string out;
  out.resize(bytes.size() * 2 + 16);  // GB18030 2 bytes -> UTF-8 3 bytes; 4 -> 4
  char* target = out.data();
  const char* source = bytes.data();
  const char* source_end = bytes.data() + bytes.size();
  std::vector<UChar> pivot(4096);
  UChar* ps = pivot.data();
  UChar* pt = pivot.data();
  while (true) {
    st = U_ZERO_ERROR;
    ucnv_convertEx(to.get(), from.get(), &target, out.data() + out.size(), &source, source_end,
                   pivot.data(), &ps, &pt, pivot.data() + pivot.size(), false, true, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR) {
      size_t used = static_cast<size_t>(target - out.data());
      out.resize(out.size() * 2);
      target = out.data() + used;
      continue;
    }
    break;
  }
  if (U_FAILURE(st)) {
    size_t offset = static_cast<size_t>(source - bytes.data());
    return InvalidArgument(
        fmt::format("{}: bytes near offset {} are not valid {}; save the file as UTF-8 "
                    "(\"CSV UTF-8\" in Excel/WPS) or name its encoding with --encoding",
                    file, offset, encoding),
        "encoding", std::string(encoding), "文件编码无法识别，请另存为 UTF-8 或用 --encoding 指定");
  }
  out.resize(static_cast<size_t>(target - out.data()));
  return out;
}

// UTF-16 without a BOM: text files in any script have ASCII separators, digits and line breaks,
// whose high byte is 0. UTF-8 and GB18030 text never contains NUL.
static const char* GuessUtf16(std::string_view b) {
  size_t n = std::min<size_t>(b.size(), 8192) & ~size_t{1};
  if (n < 4) return nullptr;
  size_t even = 0, odd = 0;
  for (size_t i = 0; i < n; i += 2) {
    if (b[i] == 0) ++even;
    if (b[i + 1] == 0) ++odd;
  }
  size_t pairs = n / 2;
  if (odd * 10 >= pairs && even * 20 <= odd) return "UTF-16LE";
  if (even * 10 >= pairs && odd * 20 <= even) return "UTF-16BE";
  return nullptr;
}

Result<DecodedText> DecodeText(std::string_view bytes, std::string_view forced,
                               std::string_view file) {
  DecodedText d;
  auto convert = [&](std::string_view body, const char* enc) -> Result<DecodedText> {
    auto s = ConvertToUtf8(body, enc, file);
    if (!s) return std::unexpected(s.error());
    d.owned = std::move(*s);
    // A BOM inside converted text (UTF-16 with BOM converted by a BOM-less name) is dropped.
    if (d.owned.starts_with("\xEF\xBB\xBF")) d.owned.erase(0, 3);
    d.text = d.owned;
    d.encoding = enc;
    return std::move(d);
  };
  if (!forced.empty()) {
    std::string f(forced);
    for (auto& c : f) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (f == "UTF-8" || f == "UTF8") {
      std::string_view body = bytes;
      if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
      if (!IsValidUtf8(body))
        return InvalidArgument(fmt::format("{}: not valid UTF-8 although --encoding UTF-8 was "
                                           "given; try --encoding GB18030",
                                           file),
                               "encoding", "UTF-8", "文件不是有效的 UTF-8");
      d.text = body;
      d.encoding = "UTF-8";
      return d;
    }
    auto r = convert(bytes, f.c_str());
    if (r) r->encoding = f;
    return r;
  }
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    std::string_view body = bytes.substr(3);
    if (!IsValidUtf8(body))
      return InvalidArgument(fmt::format("{}: starts with a UTF-8 byte-order mark but is not valid "
                                         "UTF-8; re-save it, or pass --encoding",
                                         file),
                             "encoding", "UTF-8", "文件带 UTF-8 标记但内容不是 UTF-8");
    d.text = body;
    d.encoding = "UTF-8 (BOM)";
    return d;
  }
  if (bytes.starts_with("\xFF\xFE")) return convert(bytes.substr(2), "UTF-16LE");
  if (bytes.starts_with("\xFE\xFF")) return convert(bytes.substr(2), "UTF-16BE");
  if (const char* u16 = GuessUtf16(bytes)) return convert(bytes, u16);
  if (IsValidUtf8(bytes)) {
    d.text = bytes;
    d.encoding = "UTF-8";
    return d;
  }
  // Not UTF-16 (above), and GB18030 text never contains NUL either: bytes with NULs are no text
  // table at all (a damaged or foreign file), which "not valid GB18030" would not tell a clerk.
  if (bytes.substr(0, 65536).find('\0') != std::string_view::npos)
    return InvalidArgument(fmt::format("{}: this is not a spreadsheet or a text table (it holds binary data that "
                                       "is not an xlsx, xls or CSV file); open it in Excel or WPS, save it as "
                                       ".xlsx and send that",
                                       file),
                           "file", std::string(file), "文件不是表格（含有无法识别的二进制数据），请用 Excel 或 WPS 另存为 .xlsx 后重新导入");
  return convert(bytes, "GB18030");
}

}  // namespace anju::importer
