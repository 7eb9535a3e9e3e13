#include "core/plausible.h"

#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace anju {

namespace {

bool IsForbidden(UChar32 c, bool allow_newlines) {
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return !(allow_newlines && (c == '\n' || c == '\r'));
  switch (c) {
    case 0x00AD:                                      // soft hyphen
    case 0x061C:                                      // Arabic letter mark
    case 0x200B: case 0x200C: case 0x200D:            // zero-width space, non-joiner, joiner
    case 0x200E: case 0x200F:                         // left-to-right / right-to-left mark
    case 0xFEFF:                                      // zero-width no-break space (BOM)
      return true;
    default: break;
  }
  if (c >= 0x202A && c <= 0x202E) return true;  // embeddings and overrides
  if (c >= 0x2060 && c <= 0x2064) return true;  // word joiner, invisible operators
  if (c >= 0x2066 && c <= 0x2069) return true;  // isolates
  return false;
}

// The value for a message: at most 60 characters, then "…".
std::string Shown(std::string_view text) {
  size_t i = 0, chars = 0;
  while (i < text.size() && chars < 60) {
    unsigned char b = static_cast<unsigned char>(text[i]);
    i += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    ++chars;
  }
  if (i >= text.size()) return std::string(text);
  return std::string(text.substr(0, i)) + "…";
}

bool IsBlank(std::string_view text) {
  int32_t i = 0;
  const auto n = static_cast<int32_t>(text.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, n, c);
    if (c < 0 || !(u_isUWhiteSpace(c) || c == '\t' || c == '\n' || c == '\r')) return false;
  }
  return true;
}

Status CheckCharacters(std::string_view field, std::string_view text, size_t max_chars,
                       bool multiline) {
  if (auto bad = ForbiddenCharacter(text, multiline)) {
    const std::string what = DescribeCodePoint(*bad);
    if (*bad == 0xFFFD)
      return InvalidArgument(fmt::format("{} is not valid UTF-8 text; save the text as UTF-8", field),
                             std::string(field), Shown(text), "文本编码无效，请以 UTF-8 保存");
    return InvalidArgument(
        fmt::format("{} contains the invisible or control character {}; delete it (it is often "
                    "pasted in from a web page, a chat or a spreadsheet)",
                    field, what),
        std::string(field), Shown(text),
        fmt::format("含有不可见字符或控制字符 {}，请删除后重新输入（多为从网页、聊天或表格中粘贴带入）",
                    DescribeCodePointZh(*bad)));
  }
  const size_t n = CountChars(text);
  if (n > max_chars)
    return InvalidArgument(
        fmt::format("{} has {} characters; at most {} are allowed", field, n, max_chars),
        std::string(field), Shown(text),
        fmt::format("长度为 {} 个字符，最多 {} 个字符", n, max_chars));
  return {};
}

}  // namespace

std::optional<char32_t> ForbiddenCharacter(std::string_view text, bool allow_newlines) {
  int32_t i = 0;
  const auto n = static_cast<int32_t>(text.size());
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) return U'\uFFFD';
    if (IsForbidden(c, allow_newlines)) return static_cast<char32_t>(c);
  }
  return std::nullopt;
}

std::optional<char32_t> SymbolInName(std::string_view text) {
  int32_t i = 0;
  const auto n = static_cast<int32_t>(text.size());
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) continue;  // invalid UTF-8 is ForbiddenCharacter's answer
    if (c == 0xFE0F || u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) ||
        u_charType(c) == U_OTHER_SYMBOL)
      return static_cast<char32_t>(c);
  }
  return std::nullopt;
}

std::string DescribeCodePoint(char32_t c) {
  char name[128];
  UErrorCode st = U_ZERO_ERROR;
  // The extended name gives "<control-001F>" for controls, which have no proper name.
  int32_t len = u_charName(static_cast<UChar32>(c), U_EXTENDED_CHAR_NAME, name, sizeof name, &st);
  if (U_FAILURE(st) || len <= 0) return fmt::format("U+{:04X}", static_cast<uint32_t>(c));
  return fmt::format("U+{:04X} ({})", static_cast<uint32_t>(c), std::string_view(name, static_cast<size_t>(len)));
}

std::string DescribeCodePointZh(char32_t c) {
  const char* kind = "不可见字符";
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
    kind = "控制字符";
  } else if (c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
             (c >= 0x2066 && c <= 0x2069)) {
    kind = "文字方向控制符";
  } else if ((c >= 0x200B && c <= 0x200D) || (c >= 0x2060 && c <= 0x2064) || c == 0xFEFF) {
    kind = "零宽字符";
  }
  return fmt::format("U+{:04X}（{}）", static_cast<uint32_t>(c), kind);
}

size_t CountChars(std::string_view text) {
  size_t n = 0;
  for (unsigned char b : text) n += (b & 0xC0) != 0x80;
  return n;
}

Status ValidateName(std::string_view field, std::string_view text, size_t max_chars) {
  if (IsBlank(text))
    return InvalidArgument(
        fmt::format("{} is empty or only white space; write the name as in the 户口簿 (household "
                    "register)", field),
        std::string(field), std::string(text), "姓名不能为空或只有空格，请按户口簿填写");
  if (auto sym = SymbolInName(text))
    return InvalidArgument(
        fmt::format("{} contains the symbol {}; write the name as in the 户口簿 (household "
                    "register), without emoji or symbols", field, DescribeCodePoint(*sym)),
        std::string(field), Shown(text),
        fmt::format("姓名中含有符号 U+{:04X}，请按户口簿填写，不要包含表情或符号",
                    static_cast<uint32_t>(*sym)));
  return CheckCharacters(field, text, max_chars, false);
}

Status ValidateFreeText(std::string_view field, std::string_view text, size_t max_chars,
                        bool multiline) {
  return CheckCharacters(field, text, max_chars, multiline);
}

Status ValidateDateInRange(std::string_view field, Date date, Date today) {
  const std::string shown = FormatIsoDate(date);
  if (date < kEarliestPlausibleDate)
    return InvalidArgument(
        fmt::format("{} {} is before {}, the earliest date accepted; check the year", field, shown,
                    FormatIsoDate(kEarliestPlausibleDate)),
        std::string(field), shown,
        fmt::format("日期 {} 早于 {}，请核对年份", shown, FormatIsoDate(kEarliestPlausibleDate)));
  if (date > today)
    return InvalidArgument(
        fmt::format("{} {} is after today, {} (China time); a date in the future cannot be "
                    "recorded yet: check the year",
                    field, shown, FormatIsoDate(today)),
        std::string(field), shown,
        fmt::format("日期 {} 晚于今天（{}），不能填写将来的日期，请核对年份", shown,
                    FormatIsoDate(today)));
  return {};
}

}  // namespace anju
