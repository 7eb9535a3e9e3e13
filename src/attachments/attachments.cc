#include "attachments/attachments.h"

#include <fmt/format.h>

#include <algorithm>

namespace anju::attachments {
namespace {

bool StartsWith(std::string_view b, std::string_view magic) { return b.substr(0, magic.size()) == magic; }

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

Result<std::vector<std::string>> ParseTypes(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string t = Trim(text.substr(start, comma == std::string_view::npos ? std::string_view::npos
                                                                             : comma - start));
    if (!t.empty()) {
      if (std::ranges::find(kKnownTypes, std::string_view(t)) == std::end(kKnownTypes))
        return InvalidArgument(
            fmt::format("'{}' is not a type anju recognises; use image/jpeg, image/png, "
                        "image/webp, application/pdf",
                        t),
            "attachments.types", std::string(text),
            fmt::format("不支持的文件类型“{}”；可用 image/jpeg、image/png、image/webp、application/pdf", t));
      out.push_back(t);
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (out.empty())
    return InvalidArgument("no file type is allowed; list at least one, e.g. image/jpeg",
                           "attachments.types", std::string(text),
                           "至少允许一种文件类型，例如 image/jpeg");
  return out;
}

std::string DetectType(std::string_view b) {
  using namespace std::string_view_literals;
  if (StartsWith(b, "\xFF\xD8\xFF"sv)) return "image/jpeg";
  if (StartsWith(b, "\x89PNG\r\n\x1A\n"sv)) return "image/png";
  if (b.size() >= 12 && StartsWith(b, "RIFF") && b.substr(8, 4) == "WEBP") return "image/webp";
  if (StartsWith(b, "%PDF-")) return "application/pdf";
  // ISO base media file (HEIF, ISO/IEC 23008-12): a box "ftyp" at offset 4 with a HEIF brand.
  if (b.size() >= 12 && b.substr(4, 4) == "ftyp") {
    std::string_view brand = b.substr(8, 4);
    for (std::string_view h : {"heic"sv, "heix"sv, "hevc"sv, "hevx"sv, "heim"sv, "heis"sv,
                               "mif1"sv, "msf1"sv})
      if (brand == h) return "image/heic";
  }
  return "";
}

std::expected<std::string, UploadFault> CheckUpload(std::string_view filename,
                                                    std::string_view bytes,
                                                    const UploadLimits& limits) {
  std::string name(filename);
  auto fault = [&](Refusal r, std::string msg, std::string value, std::string zh) {
    Error e;
    e.code = r == Refusal::kEmpty ? ErrorCode::kInvalidArgument
             : r == Refusal::kTooLarge ? ErrorCode::kResourceExhausted
                                       : ErrorCode::kInvalidArgument;
    e.field = "file";
    e.value = std::move(value);
    e.message = std::move(msg);
    e.message_zh = std::move(zh);
    return std::unexpected(UploadFault{r, std::move(e)});
  };
  if (bytes.empty())
    return fault(Refusal::kEmpty, fmt::format("the file '{}' is empty: choose the file again", name),
                 name, fmt::format("文件“{}”为空：请重新选择文件", name));
  const int64_t limit = std::min(limits.max_bytes, kUploadCeilingBytes);
  if (static_cast<int64_t>(bytes.size()) > limit)
    return fault(Refusal::kTooLarge,
                 fmt::format("the file '{}' has {} bytes, more than the limit of {} bytes "
                             "(attachments.max_bytes, {}); send a smaller photo or scan at a "
                             "lower resolution",
                             name, bytes.size(), limit, limits.max_bytes_source),
                 std::to_string(bytes.size()),
                 fmt::format("文件“{}”大小 {} 字节，超过上限 {} 字节（attachments.max_bytes，{}）；"
                             "请缩小照片或降低扫描分辨率",
                             name, bytes.size(), limit, limits.max_bytes_source_zh));
  std::string type = DetectType(bytes);
  if (type == "image/heic")
    return fault(Refusal::kUnsupportedType,
                 fmt::format("the file '{}' is a HEIC/HEIF photo, which browsers cannot show; "
                             "set the phone camera to JPEG (iPhone: Settings > Camera > Formats "
                             "> Most Compatible) and take the photo again",
                             name),
                 "image/heic",
                 fmt::format("文件“{}”是 HEIC/HEIF 格式照片，浏览器无法显示；请将相机设置为兼容格式"
                             "（JPEG，iPhone：设置 > 相机 > 格式 > 兼容性最佳）后重新拍摄",
                             name));
  if (type.empty() || std::ranges::find(limits.types, type) == limits.types.end())
    return fault(Refusal::kUnsupportedType,
                 fmt::format("the file '{}' is {}; accepted: {} (attachments.types, {})", name,
                             type.empty() ? "not an image or PDF anju recognises" : type,
                             Join(limits.types), limits.types_source),
                 type.empty() ? "unknown" : type,
                 fmt::format("文件“{}”的类型{}不被接受；允许的类型：{}（attachments.types，{}）", name,
                             type.empty() ? "无法识别" : "（" + type + "）", Join(limits.types),
                             limits.types_source_zh));
  return type;
}

std::string CleanFileName(std::string_view name) {
  size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string out;
  for (char c : name)
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F && c != '"') out += c;
  // Cut at 200 bytes on a UTF-8 boundary; drop invalid sequences by truncating at them.
  size_t i = 0, good = 0;
  while (i < out.size() && i < 200) {
    unsigned char c = static_cast<unsigned char>(out[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > out.size() || i + len > 200) break;
    bool ok = true;
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(out[i + k]) >> 6) != 2) ok = false;
    if (!ok) break;
    i += len;
    good = i;
  }
  out.resize(good);
  if (out.empty() || out == "." || out == "..") return "file";
  return out;
}

bool SeesWithdrawn(const Actor& a) {
  return a.scope.level == AccessScope::Level::kCounty;
}

}  // namespace anju::attachments
