#include "importer/clean.h"

#include "core/area.h"
#include "core/plausible.h"
#include "importer/text_decode.h"

#include <fmt/format.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <regex>
#include <span>

namespace anju::importer {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

namespace {

std::vector<UChar32> CodePoints(std::string_view s) {
  std::vector<UChar32> out;
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    out.push_back(c < 0 ? 0xFFFD : c);
  }
  return out;
}

void Append(std::string& out, UChar32 c) {
  char buf[4];
  int32_t len = 0;
  UBool err = false;
  U8_APPEND(buf, len, 4, c, err);
  if (!err) out.append(buf, static_cast<size_t>(len));
}

bool IsInvisible(UChar32 c) {
  return u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) || c == 0xFEFF ||
         (u_charType(c) == U_CONTROL_CHAR && c != '\t' && c != '\n' && c != '\r');
}

bool IsSpace(UChar32 c) { return u_isUWhiteSpace(c) || c == '\t' || c == '\n' || c == '\r'; }

bool IsCjk(UChar32 c) {
  UScriptCode sc;
  UErrorCode st = U_ZERO_ERROR;
  sc = uscript_getScript(c, &st);
  return sc == USCRIPT_HAN || c == 0x00B7;
}

Problem Err(std::string reason, std::string zh, std::string fix) {
  return Problem{true, std::move(reason), std::move(zh), std::move(fix)};
}
Problem Warn(std::string reason, std::string zh, std::string fix) {
  return Problem{false, std::move(reason), std::move(zh), std::move(fix)};
}

// Whether an id or phone text is masked as MaskResidentId / MaskPhone write it (the middle
// characters replaced by '*' or its full-width form '＊'): such a value cannot be stored.
bool IsMasked(std::string_view s) {
  return s.find('*') != std::string_view::npos || s.find("\xEF\xBC\x8A") != std::string_view::npos;
}

// Text with whitespace and invisible characters removed everywhere (for codes and words).
std::string Compact(std::string_view s) {
  // Fast path, same result: printable ASCII without spaces has nothing to remove.
  if (std::all_of(s.begin(), s.end(), [](char c) { return c > 0x20 && c < 0x7f; })) return std::string(s);
  std::string out;
  for (UChar32 c : CodePoints(s))
    if (!IsSpace(c) && !IsInvisible(c)) Append(out, c);
  return out;
}

}  // namespace

std::string TrimText(std::string_view s) {
  // Fast path, same result: valid UTF-8 whose first and last characters are neither space nor
  // invisible comes back unchanged (most cells; the general path decodes every character).
  if (s.empty()) return {};
  {
    const int32_t n = static_cast<int32_t>(s.size());
    int32_t i = 0, j = n - 1;
    UChar32 first, last;
    U8_NEXT(s.data(), i, n, first);
    while (j > 0 && (static_cast<unsigned char>(s[static_cast<size_t>(j)]) & 0xC0) == 0x80) --j;  // last lead byte
    int32_t k = j;
    U8_NEXT(s.data(), k, n, last);
    if (first >= 0 && last >= 0 && k == n && !IsSpace(first) && !IsInvisible(first) && !IsSpace(last) &&
        !IsInvisible(last) && IsValidUtf8(s))
      return std::string(s);
  }
  auto cps = CodePoints(s);
  size_t b = 0, e = cps.size();
  while (b < e && (IsSpace(cps[b]) || IsInvisible(cps[b]))) ++b;
  while (e > b && (IsSpace(cps[e - 1]) || IsInvisible(cps[e - 1]))) --e;
  std::string out;
  for (size_t i = b; i < e; ++i) Append(out, cps[i]);
  return out;
}

std::string ShortenForMessage(std::string_view text, size_t max_chars) {
  if (text.size() <= max_chars) return std::string(text);  // bytes >= characters
  size_t chars = 0, cut = text.size();
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xc0) == 0x80) continue;  // continuation byte
    if (chars == max_chars) cut = i;
    ++chars;
  }
  if (chars <= max_chars) return std::string(text);
  return fmt::format("{}…({} chars)", text.substr(0, cut), chars);
}

bool StartsLikeAFormula(std::string_view s) {
  size_t i = s.find_first_not_of('\'');
  if (i == std::string_view::npos) return false;
  char c = s[i];
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

std::string CellText(const Cell& c) {
  switch (c.type) {
    case Cell::Type::kEmpty: return "";
    case Cell::Type::kNumber: {
      double v = c.number;
      if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15)
        return fmt::format("{}", static_cast<int64_t>(v));
      if (!c.text.empty()) return c.text;
      return fmt::format("{}", v);
    }
    case Cell::Type::kText:
      // The quote our CSV export put before text that reads as a formula (NeutraliseCsvFormula).
      if (c.text.size() > 1 && c.text[0] == '\'' && StartsLikeAFormula(c.text)) return c.text.substr(1);
      return c.text;
    default: return c.text;
  }
}

// --- resident ids ---------------------------------------------------------------------------

static bool LooksScientific(std::string_view t) {
  // 1.10105E+17, 1.1E17, 110105E+12: digits, optional point, E, exponent.
  size_t e = t.find_first_of("Ee");
  if (e == std::string_view::npos || e == 0 || e + 1 >= t.size()) return false;
  for (size_t i = 0; i < e; ++i)
    if (!(std::isdigit(static_cast<unsigned char>(t[i])) || t[i] == '.')) return false;
  size_t i = e + 1;
  if (t[i] == '+' || t[i] == '-') ++i;
  if (i >= t.size()) return false;
  for (; i < t.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(t[i]))) return false;
  return true;
}

static int SignificantDigits(std::string_view t) {
  // digits of the mantissa without leading zeros
  int n = 0;
  bool started = false;
  for (char ch : t) {
    if (ch == 'E' || ch == 'e') break;
    if (!std::isdigit(static_cast<unsigned char>(ch))) continue;
    if (ch != '0') started = true;
    if (started) ++n;
  }
  return n;
}

bool IsPendingResidentIdText(std::string_view t) {
  return t == "待补录" || t == "待补" || t == "待办理" || t == "暂无" || t == "无";
}

std::optional<std::string> CleanResidentId(const Cell& c, Date today, Problems& out) {
  const std::string kTextFix =
      "format the column as 文本 (Text) before typing or pasting ids, or type an apostrophe "
      "before the number; then type the id again from the 户口簿 or ID card";
  if (c.type == Cell::Type::kNumber) {
    std::string t = c.text.empty() ? fmt::format("{}", c.number) : c.text;
    bool integral = std::isfinite(c.number) && c.number == std::floor(c.number);
    if (LooksScientific(t) || !integral || SignificantDigits(t) > 15 || c.number >= 1e15) {
      out.push_back(Err(fmt::format("the id was stored as a number ({}); a spreadsheet keeps only 15 "
                                    "significant digits, so the last digits are lost and cannot be "
                                    "recovered",
                                    MaskResidentId(t)),
                        "身份证号被存成了数字，后几位已丢失，无法恢复", kTextFix));
      return std::nullopt;
    }
    // A 15-digit (1989) number fits a double exactly: take its digits.
    Cell text_cell;
    text_cell.type = Cell::Type::kText;
    text_cell.text = fmt::format("{}", static_cast<int64_t>(c.number));
    return CleanResidentId(text_cell, today, out);
  }
  if (c.type == Cell::Type::kFormulaNoValue) {
    out.push_back(Err("a formula without a computed value", "公式没有计算结果",
                      "open the file in Excel/WPS, let it calculate and save, or paste as values"));
    return std::nullopt;
  }
  std::string raw = c.text;
  // Invisible characters (U+001F that web systems put before ids, zero-width spaces …) are
  // removed by NormalizeResidentIdText; the clerk is told which (a note, not a fault).
  const std::string invisible = InvisibleCharacters(raw);
  auto norm = NormalizeResidentIdText(raw);
  if (!norm) {
    out.push_back(Err(norm.error().message, norm.error().message_zh, "save the file as UTF-8"));
    return std::nullopt;
  }
  if (norm->empty()) {
    out.push_back(Err("the resident id is empty", "身份证号为空",
                      "fill in the 18-character id from the 户口簿 or ID card (a newborn without one yet: 待补录, with 性别 and 出生日期)"));
    return std::nullopt;
  }
  if (IsMasked(*norm)) {
    out.push_back(Err(fmt::format("this id is masked ({}): exports for roles that may not see whole ids hide its "
                                  "middle digits with *, and a masked id cannot be stored",
                                  *norm),
                      "此身份证号已脱敏（中间几位被 * 隐去），不能导入",
                      "export the list again as a county administrator or county staff (whole ids), or type the "
                      "whole id from the 户口簿 or ID card"));
    return std::nullopt;
  }
  if (LooksScientific(*norm)) {
    out.push_back(Err(fmt::format("the id is in scientific notation ({}): it was a number in a "
                                  "spreadsheet before it was saved as text, and its last digits "
                                  "are lost",
                                  *norm),
                      "身份证号为科学计数法，后几位已丢失", kTextFix));
    return std::nullopt;
  }
  auto id = ParseResidentId(raw, today);
  if (!id) {
    Problem p = Err(id.error().message, id.error().message_zh, "");
    // Suggest the most likely fix for each refusal.
    auto cps = CodePoints(*norm);
    std::string lookalike;
    for (UChar32 ch : cps) {
      switch (ch) {
        case 0x0425: case 0x0445: case 0x03A7: case 0x03C7: case 0x2573: case 0x00D7:
          lookalike = "X"; break;  // Cyrillic Х х, Greek Χ χ, box-drawing ╳, ×
        case 'O': case 'o': case 0x041E: case 0x043E: case 0x039F: case 0x03BF: case 0x3007:
          lookalike = "0"; break;  // letter O, Cyrillic О, Greek Ο, 〇
        case 'l': case 'I': case 0x0406: case 0x0399:
          lookalike = "1"; break;
        default: break;
      }
      if (!lookalike.empty()) break;
    }
    if (!lookalike.empty()) {
      p.fix = fmt::format("a look-alike character stands where '{}' belongs; retype the id with "
                          "digits (and X only as the last character)",
                          lookalike);
    } else if (norm->size() == 18 && norm->ends_with("000") &&
               id.error().message.find("check digit") != std::string::npos) {
      p.fix = "the id ends in 000: a spreadsheet probably rounded it as a number; retype it from "
              "the 户口簿 into a Text-formatted cell";
    } else if (id.error().message.find("check digit") != std::string::npos) {
      p.fix = "compare each digit with the ID card; one is mistyped (often two neighbours swapped)";
    } else if (id.error().message.find("characters") != std::string::npos) {
      p.fix = "a digit is missing or extra; copy the id again from the ID card";
    } else {
      p.fix = "check the id against the 户口簿 or ID card";
    }
    out.push_back(std::move(p));
    return std::nullopt;
  }
  if (!invisible.empty())
    out.push_back(Warn(fmt::format("invisible characters removed from the id: {}", invisible),
                       fmt::format("已删除身份证号中的不可见字符：{}", invisible),
                       "none needed; the system that exported the file added them"));
  if (id->upgraded_from_15())
    out.push_back(Warn(fmt::format("15-digit id (issued before 1999) upgraded to {}", id->Masked()),
                       "15位身份证号已升级为18位", "none needed; check it against the new ID card"));
  return id->str();
}

// --- names ----------------------------------------------------------------------------------

static bool IsMiddleDotLookalike(UChar32 c) {
  switch (c) {
    case 0x00B7: case 0x30FB: case 0xFF65: case 0x2022: case 0x2027: case 0x2219: case 0x22C5:
    case 0x0387: case 0x2E31: case 0x318D: case 0x16EB: case 0x2024: case '.': case 0xFF0E:
    case 0x00B8: case 0x02D1: case 0x1427: case 0xA78F: case 0x0F0B: case 0x2981:
      return true;
    default:
      return false;
  }
}

std::optional<std::string> CleanName(const Cell& c, Problems& out) {
  if (c.type == Cell::Type::kFormulaNoValue) {
    out.push_back(Err("a formula without a computed value", "公式没有计算结果",
                      "open the file in Excel/WPS, let it calculate and save, or paste as values"));
    return std::nullopt;
  }
  std::string text = CellText(c);
  // Invisible and control characters around the name are padding and trimmed; inside it they
  // are refused, naming the character (core/plausible.h): removing a bidi override or a control
  // character from the middle would silently change what the clerk sees as the name.
  if (auto bad = ForbiddenCharacter(TrimText(text)); bad && *bad != 0xFFFD) {
    out.push_back(Err(fmt::format("the name contains the invisible or control character {}", DescribeCodePoint(*bad)),
                      fmt::format("姓名中含有不可见字符或控制字符 {}", DescribeCodePointZh(*bad)),
                      fmt::format("retype the name, or delete the character {} (often pasted in from a web page "
                                  "or a chat)", DescribeCodePoint(*bad))));
    return std::nullopt;
  }
  if (auto sym = SymbolInName(text)) {
    Problem p = Err(fmt::format("the name contains the symbol {}", DescribeCodePoint(*sym)),
                    fmt::format("姓名中含有符号 U+{:04X}", static_cast<uint32_t>(*sym)),
                    "write the name as in the 户口簿 (household register), without emoji or symbols");
    p.fix_zh = "请按户口簿填写姓名，不要包含表情或符号";
    out.push_back(std::move(p));
    return std::nullopt;
  }
  std::vector<UChar32> cps;
  for (UChar32 ch : CodePoints(text)) {
    if (IsInvisible(ch)) continue;
    if (IsSpace(ch)) ch = ' ';
    if (IsMiddleDotLookalike(ch)) ch = 0x00B7;
    cps.push_back(ch);
  }
  // Trim, then decide for each inner space run: dropped between CJK characters, else one space.
  std::vector<UChar32> kept;
  for (size_t i = 0; i < cps.size(); ++i) {
    if (cps[i] != ' ') {
      kept.push_back(cps[i]);
      continue;
    }
    size_t j = i;
    while (j < cps.size() && cps[j] == ' ') ++j;
    if (!kept.empty() && j < cps.size() && !(IsCjk(kept.back()) && IsCjk(cps[j]))) kept.push_back(' ');
    i = j - 1;
  }
  // Dots at the ends are stray punctuation, not name separators.
  if (!kept.empty() && kept.front() == 0x00B7) {
    out.push_back(Err("the name begins with a middle dot", "姓名以间隔号开头", "remove the dot or type the missing part"));
    return std::nullopt;
  }
  if (kept.empty()) {
    out.push_back(Err("the name is empty", "姓名为空", "fill in the name as written in the 户口簿"));
    return std::nullopt;
  }
  std::string name;
  bool pua = false, ext = false;
  for (UChar32 ch : kept) {
    if (ch == '?' || ch == 0xFF1F || ch == 0x25A1 || ch == 0x25A0 || ch == 0xFFFD || ch == '*' ||
        ch == 0xFF0A || ch == 0x2610) {
      std::string s;
      Append(s, ch);
      out.push_back(Err(fmt::format("the name contains the placeholder '{}' (U+{:04X}) where a "
                                    "character could not be typed or was lost in conversion",
                                    s, static_cast<uint32_t>(ch)),
                        "姓名中含有占位符（生僻字未录入或转换丢失）",
                        "type the real character (rare characters are in CJK Extension B; the "
                        "input method's 生僻字 mode or the ID card system can enter it)"));
      return std::nullopt;
    }
    if ((ch >= 0xE000 && ch <= 0xF8FF) || ch >= 0xF0000) pua = true;
    if (ch >= 0x20000 || (ch >= 0x3400 && ch <= 0x4DBF)) ext = true;
    Append(name, ch);
  }
  if (kept.size() > kMaxNameChars) {
    out.push_back(Err(fmt::format("the name has {} characters; at most {} are allowed", kept.size(), kMaxNameChars),
                      fmt::format("姓名过长（{} 个字符，最多 {} 个）", kept.size(), kMaxNameChars),
                      "put only the name in this column"));
    return std::nullopt;
  }
  if (pua)
    out.push_back(Warn("the name contains a private-use character (a font-specific glyph, shown "
                       "differently or not at all elsewhere); kept as is",
                       "姓名含有自造字（私用区字符），已原样保留，但在其他系统中可能无法显示",
                       "check the name against the ID card; if the character exists in Unicode "
                       "(CJK Extension B–H), replace it"));
  else if (ext)
    out.push_back(Warn("the name contains a CJK extension character; kept exactly",
                       "姓名含有扩展区生僻字，已原样保留", "none needed; check it displays correctly"));
  return name;
}

// --- dates ----------------------------------------------------------------------------------

std::optional<Date> DateFromSerial(double serial, bool date1904) {
  if (!std::isfinite(serial)) return std::nullopt;
  int64_t n = static_cast<int64_t>(std::floor(serial));
  // Days since 1970-01-01 of the epoch day.
  const int e1900 = DaysSinceEpoch(Date{year{1899}, month{12}, day{31}});
  const int e1904 = DaysSinceEpoch(Date{year{1904}, month{1}, day{1}});
  int64_t days;
  if (date1904) {
    if (n < 0) return std::nullopt;
    days = e1904 + n;
  } else {
    if (n < 1 || n == 60) return std::nullopt;
    days = e1900 + n - (n > 60 ? 1 : 0);  // Lotus 1-2-3 counted 1900 as a leap year
  }
  if (days > DaysSinceEpoch(Date{year{9999}, month{12}, day{31}})) return std::nullopt;
  return FromDaysSinceEpoch(static_cast<int>(days));
}

static std::optional<Date> MakeDate(int y, int m, int d) {
  if (y < 1800 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  Date dt{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!dt.ok()) return std::nullopt;
  return dt;
}

std::optional<Date> CleanDate(const Cell& c, bool date1904, Problems& out) {
  const std::string fix = "write the date as 2019-05-01 (or 2019年5月1日)";
  if (c.type == Cell::Type::kFormulaNoValue) {
    out.push_back(Err("a formula without a computed value", "公式没有计算结果",
                      "open the file in Excel/WPS, let it calculate and save, or paste as values"));
    return std::nullopt;
  }
  if (c.type == Cell::Type::kDate) {
    auto d = ParseIsoDate(c.text.substr(0, 10));
    if (!d) {
      out.push_back(Err(fmt::format("'{}' is not a calendar day", c.text), "日期无效", fix));
      return std::nullopt;
    }
    return *d;
  }
  if (c.type == Cell::Type::kNumber) {
    double v = c.number;
    if (v >= 18000101 && v <= 99991231 && v == std::floor(v) && !c.date_format) {
      int64_t n = static_cast<int64_t>(v);
      if (auto d = MakeDate(static_cast<int>(n / 10000), static_cast<int>(n / 100 % 100), static_cast<int>(n % 100)))
        return d;
    }
    if (!date1904 && std::floor(v) == 60) {
      out.push_back(Err("serial number 60 is 1900-02-29, a day that never existed (a leap-year bug "
                        "spreadsheets keep for compatibility)",
                        "序列号60对应不存在的1900年2月29日", fix));
      return std::nullopt;
    }
    auto d = DateFromSerial(v, date1904);
    if (!d) {
      out.push_back(Err(fmt::format("the number {} is not a date", CellText(c)), "数字不是日期", fix));
      return std::nullopt;
    }
    if (!c.date_format)
      out.push_back(Warn(fmt::format("the number {} was read as a spreadsheet date serial: {}", CellText(c),
                                     FormatIsoDate(*d)),
                         "数字按 Excel 日期序列号读取", "format the column as a date to be sure"));
    return d;
  }
  std::string t = Compact(CellText(c));
  if (t.empty()) {
    out.push_back(Err("the date is empty", "日期为空", fix));
    return std::nullopt;
  }
  // Drop a time of day: "2019-05-01 00:00:00" (spaces removed above) or "2019-05-01T00:00".
  if (size_t colon = t.find(':'); colon != std::string::npos && colon >= 2) {
    size_t cut = colon - 2;
    if (cut > 0 && t[cut - 1] == 'T') --cut;
    t = t.substr(0, cut);
  }
  // Split into numbers at any separator: - / . 年 月 日 and full-width forms.
  std::vector<std::string> parts;
  std::string cur;
  bool bad_char = false;
  for (UChar32 ch : CodePoints(t)) {
    if (ch >= 0xFF10 && ch <= 0xFF19) ch = '0' + (ch - 0xFF10);
    if (ch >= '0' && ch <= '9') {
      cur.push_back(static_cast<char>(ch));
    } else if (ch == '-' || ch == '/' || ch == '.' || ch == 0x5E74 || ch == 0x6708 || ch == 0x65E5 ||
               ch == 0xFF0D || ch == 0xFF0F || ch == 0xFF0E || ch == 0x2014 || ch == 0x2013 || ch == 0x53F7) {
      if (!cur.empty()) parts.push_back(cur);
      cur.clear();
    } else {
      bad_char = true;
    }
  }
  if (!cur.empty()) parts.push_back(cur);
  std::optional<Date> d;
  if (!bad_char) {
    if (parts.size() == 1 && parts[0].size() == 8) {
      int n = std::stoi(parts[0]);
      d = MakeDate(n / 10000, n / 100 % 100, n % 100);
    } else if (parts.size() == 3 && parts[0].size() == 4 && parts[1].size() <= 2 && parts[2].size() <= 2) {
      d = MakeDate(std::stoi(parts[0]), std::stoi(parts[1]), std::stoi(parts[2]));
    } else if (parts.size() == 1 && parts[0].size() <= 5 && parts[0].size() >= 4) {
      int n = std::stoi(parts[0]);
      if (auto s = DateFromSerial(n, date1904); s && n > 60) {
        out.push_back(Warn(fmt::format("the number {} was read as a spreadsheet date serial: {}", parts[0],
                                       FormatIsoDate(*s)),
                           "数字按 Excel 日期序列号读取", "write the date as 2019-05-01"));
        return s;
      }
    }
    if (!d && parts.size() == 3 && parts[0].size() <= 2) {
      out.push_back(Err(fmt::format("'{}' has a two-digit year or day-first order; it is ambiguous", CellText(c)),
                        "日期年份不完整或顺序不明", fix));
      return std::nullopt;
    }
    if (!d && parts.size() == 2) {
      out.push_back(Err(fmt::format("'{}' has no day", CellText(c)), "日期缺少日", fix));
      return std::nullopt;
    }
  }
  if (!d) {
    out.push_back(Err(fmt::format("'{}' is not a date (or not a real calendar day)", CellText(c)),
                      "不是有效日期", fix));
    return std::nullopt;
  }
  return d;
}

// --- phones ---------------------------------------------------------------------------------

std::optional<std::string> CleanPhone(const Cell& c, Problems& out) {
  const std::string fix = "write an 11-digit mobile number (13812345678) or a landline with area "
                          "code (0358-1234567); format the column as 文本 (Text)";
  std::string t;
  if (c.type == Cell::Type::kNumber) {
    if (LooksScientific(c.text) && SignificantDigits(c.text) < 11) {
      out.push_back(Err(fmt::format("the phone number was stored as {} and lost digits", MaskPhone(c.text)),
                        "电话号码被存成科学计数法，位数已丢失", fix));
      return std::nullopt;
    }
    t = CellText(c);
  } else {
    t = CellText(c);
    if (LooksScientific(Compact(t))) {
      out.push_back(Err(fmt::format("the phone number is in scientific notation ({}) and lost digits",
                                    MaskPhone(Compact(t))),
                        "电话号码为科学计数法，位数已丢失", fix));
      return std::nullopt;
    }
  }
  if (IsMasked(Compact(t))) {
    out.push_back(Err(fmt::format("this phone number is masked ({}): exports for roles that may not see whole "
                                  "numbers hide its middle digits with *, and a masked number cannot be stored",
                                  Compact(t)),
                      "此电话号码已脱敏（中间几位被 * 隐去），不能导入",
                      "export the list again as a county administrator or county staff (whole numbers), type the "
                      "whole number, or leave the cell empty"));
    return std::nullopt;
  }
  // Split into candidate numbers at separators; inside a candidate keep digits only.
  std::vector<std::string> found;
  std::string cur;
  auto flush = [&] {
    std::string d = cur;
    cur.clear();
    if (d.ends_with(".0")) d.resize(d.size() - 2);
    std::string digits;
    for (char ch : d)
      if (ch >= '0' && ch <= '9') digits.push_back(ch);
    if (digits.empty()) return;
    found.push_back(digits);
  };
  auto cps = CodePoints(t);
  for (size_t i = 0; i < cps.size(); ++i) {
    UChar32 ch = cps[i];
    if (ch >= 0xFF10 && ch <= 0xFF19) ch = '0' + (ch - 0xFF10);
    if (ch == '/' || ch == ',' || ch == ';' || ch == 0xFF0C || ch == 0x3001 || ch == 0xFF1B || ch == 0xFF0F ||
        ch == '\n') {
      flush();
    } else if (ch == ' ' || u_isUWhiteSpace(ch)) {
      // A space separates two numbers only when what is before it is already a whole number.
      std::string digits;
      for (char x : cur)
        if (x >= '0' && x <= '9') digits.push_back(x);
      if (digits.size() >= 11 || (digits.size() >= 7 && !digits.starts_with("0") && !digits.starts_with("86") &&
                                  !digits.starts_with("1")))
        flush();
    } else if ((ch >= '0' && ch <= '9') || ch == '.' ) {
      cur.push_back(static_cast<char>(ch));
    } else if (ch == '+' || ch == '-' || ch == '(' || ch == ')' || ch == 0xFF08 || ch == 0xFF09 || ch == 0x2014 ||
               ch == 0xFF0D || IsInvisible(ch)) {
      if (ch == '-' || ch == 0xFF0D) cur.push_back('-');
    } else {
      std::string s;
      Append(s, ch);
      out.push_back(Err(fmt::format("'{}' in a phone number", s), "电话号码含有非法字符", fix));
      return std::nullopt;
    }
  }
  flush();
  if (found.empty()) return std::string();
  std::vector<std::string> clean;
  for (std::string d : found) {
    if (d.starts_with("0086")) d = d.substr(4);
    else if (d.starts_with("86") && d.size() == 13) d = d.substr(2);
    if (d.size() == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9') {
      clean.push_back(d);
    } else if (d.size() >= 10 && d.size() <= 12 && d[0] == '0') {
      // Area codes: 3 digits for 010 and 02x, else 4.
      size_t ac = (d[1] == '1' || d[1] == '2') ? 3 : 4;
      clean.push_back(d.substr(0, ac) + "-" + d.substr(ac));
    } else if (d.size() == 7 || d.size() == 8) {
      clean.push_back(d);
      out.push_back(Warn(fmt::format("landline {} has no area code", MaskPhone(d)), "座机号码缺少区号",
                         "add the area code, e.g. 0358-"));
    } else {
      out.push_back(Err(fmt::format("'{}' is not a phone number ({} digits)", MaskPhone(d), d.size()),
                        "电话号码位数不对", fix));
      return std::nullopt;
    }
  }
  std::string joined;
  for (auto& s : clean) joined += (joined.empty() ? "" : ",") + s;
  return joined;
}

// --- codes and words ------------------------------------------------------------------------

namespace {
bool w_is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x80; });
}

struct Word {
  std::string_view text, canonical;
};

constexpr Word kRelationships[] = {
    {"户主", "head"}, {"本人", "head"}, {"本人(户主)", "head"}, {"head", "head"},
    {"配偶", "spouse"}, {"妻", "spouse"}, {"妻子", "spouse"}, {"夫", "spouse"}, {"丈夫", "spouse"},
    {"之妻", "spouse"}, {"之夫", "spouse"}, {"爱人", "spouse"}, {"spouse", "spouse"},
    {"子", "child"}, {"儿子", "child"}, {"长子", "child"}, {"次子", "child"}, {"三子", "child"},
    {"四子", "child"}, {"五子", "child"}, {"独生子", "child"}, {"养子", "child"}, {"继子", "child"},
    {"之子", "child"}, {"女", "child"}, {"女儿", "child"}, {"长女", "child"}, {"次女", "child"},
    {"三女", "child"}, {"四女", "child"}, {"五女", "child"}, {"独生女", "child"}, {"养女", "child"},
    {"继女", "child"}, {"之女", "child"}, {"子女", "child"}, {"child", "child"},
    {"儿媳", "daughter_in_law"}, {"媳妇", "daughter_in_law"}, {"长媳", "daughter_in_law"},
    {"次媳", "daughter_in_law"}, {"之媳", "daughter_in_law"}, {"daughter_in_law", "daughter_in_law"},
    {"女婿", "son_in_law"}, {"son_in_law", "son_in_law"},
    {"孙子", "grandchild"}, {"孙女", "grandchild"}, {"外孙", "grandchild"}, {"外孙子", "grandchild"},
    {"外孙女", "grandchild"}, {"孙", "grandchild"}, {"之孙", "grandchild"}, {"之孙女", "grandchild"},
    {"孙子女", "grandchild"}, {"grandchild", "grandchild"},
    {"父亲", "parent"}, {"母亲", "parent"}, {"父", "parent"}, {"母", "parent"}, {"公公", "parent"},
    {"婆婆", "parent"}, {"岳父", "parent"}, {"岳母", "parent"}, {"继父", "parent"}, {"继母", "parent"},
    {"养父", "parent"}, {"养母", "parent"}, {"父母", "parent"}, {"parent", "parent"},
    {"兄", "sibling"}, {"弟", "sibling"}, {"姐", "sibling"}, {"妹", "sibling"}, {"哥哥", "sibling"},
    {"弟弟", "sibling"}, {"姐姐", "sibling"}, {"妹妹", "sibling"}, {"兄弟", "sibling"},
    {"姐妹", "sibling"}, {"兄弟姐妹", "sibling"}, {"sibling", "sibling"},
    {"其他", "other"}, {"其它", "other"}, {"祖父", "other"}, {"祖母", "other"}, {"侄子", "other"},
    {"侄女", "other"}, {"外甥", "other"}, {"外甥女", "other"}, {"嫂", "other"}, {"嫂子", "other"},
    {"弟媳", "other"}, {"姐夫", "other"}, {"妹夫", "other"}, {"曾孙", "other"}, {"叔", "other"},
    {"伯父", "other"}, {"other", "other"},
};

// GB/T 4761-2008 家庭关系代码, by two-digit code.
std::string_view RelationshipFromGbCode(int code) {
  if (code == 1 || code == 2) return "head";              // 01 本人, 02 户主
  if (code >= 10 && code <= 12) return "spouse";          // 10 配偶, 11 夫, 12 妻
  if (code == 28) return "son_in_law";                    // 28 女婿
  if (code == 38) return "daughter_in_law";               // 38 儿媳
  if (code >= 20 && code <= 39) return "child";           // 20–27 子, 29 其他儿子, 30–37 女, 39
  if (code >= 40 && code <= 49) return "grandchild";      // 41 孙子 … 48 曾孙女 (4x 孙子女)
  if (code >= 50 && code <= 59) return "parent";          // 51 父亲 … 58 继母或养母
  if (code >= 70 && code <= 79) return "sibling";         // 71 兄 … 78 妹夫 (兄弟姐妹)
  if (code >= 60 && code <= 99) return "other";           // 6x 祖父母, 8x 其他亲属, 99 非亲属
  return "";
}

constexpr Word kCategories[] = {
    {"建档立卡", "registered_poor"}, {"建档立卡户", "registered_poor"},
    {"建档立卡贫困户", "registered_poor"}, {"建档立卡贫困人口", "registered_poor"},
    {"贫困户", "registered_poor"}, {"registered_poor", "registered_poor"},
    {"同步搬迁", "co_relocated"}, {"同步搬迁户", "co_relocated"}, {"同步搬迁人口", "co_relocated"},
    {"非贫困户", "co_relocated"}, {"co_relocated", "co_relocated"},
};

constexpr Word kRelocationTypes[] = {
    {"整村搬迁", "whole_village"}, {"整村", "whole_village"}, {"整体搬迁", "whole_village"},
    {"整村易地搬迁", "whole_village"}, {"whole_village", "whole_village"},
    {"插花搬迁", "scattered"}, {"插花", "scattered"}, {"插花式搬迁", "scattered"},
    {"零散搬迁", "scattered"}, {"分散搬迁", "scattered"}, {"scattered", "scattered"},
};

constexpr Word kEmployment[] = {
    {"扶贫车间", "workshop"}, {"车间", "workshop"}, {"workshop", "workshop"},
    {"产业园区", "park"}, {"园区", "park"}, {"park", "park"},
    {"公益岗位", "welfare_post"}, {"公益性岗位", "welfare_post"}, {"welfare_post", "welfare_post"},
    {"企业", "enterprise"}, {"企业务工", "enterprise"}, {"企业就业", "enterprise"}, {"enterprise", "enterprise"},
    {"外出务工", "migrant_work"}, {"务工", "migrant_work"}, {"外出就业", "migrant_work"},
    {"migrant_work", "migrant_work"},
    {"自主创业", "self_employed"}, {"自主就业", "self_employed"}, {"个体", "self_employed"},
    {"个体经营", "self_employed"}, {"自营", "self_employed"}, {"self_employed", "self_employed"},
    {"未就业", "none"}, {"无", "none"}, {"否", "none"}, {"none", "none"},
};

constexpr Word kHealth[] = {
    {"健康", "healthy"}, {"良好", "healthy"}, {"healthy", "healthy"},
    {"慢性病", "chronic_illness"}, {"长期慢性病", "chronic_illness"}, {"chronic_illness", "chronic_illness"},
    {"大病", "serious_illness"}, {"患有大病", "serious_illness"}, {"重病", "serious_illness"},
    {"serious_illness", "serious_illness"},
    {"残疾", "disabled"}, {"残疾人", "disabled"}, {"disabled", "disabled"},
};

template <size_t N>
std::optional<std::string> Lookup(const Word (&table)[N], const Cell& c, Problems& out,
                                  std::string_view what, std::string_view what_zh, bool empty_ok) {
  std::string t = Compact(CellText(c));
  if (t.empty()) {
    if (empty_ok) return std::string();
    out.push_back(Err(fmt::format("the {} is empty", what), fmt::format("{}为空", what_zh),
                      fmt::format("fill in the {}", what)));
    return std::nullopt;
  }
  // Full-width brackets to ASCII for "本人（户主）" (U+FF08/U+FF09 are EF BC 88/89 in UTF-8).
  std::string k;
  if (t.find("\xEF\xBC") != std::string::npos)
    for (UChar32 ch : CodePoints(t)) Append(k, ch == 0xFF08 ? '(' : ch == 0xFF09 ? ')' : ch);
  const std::string& key = k.empty() ? t : k;
  for (const Word& w : table)
    if (w.text == key) return std::string(w.canonical);
  std::string allowed;
  for (size_t i = 0; i < N && i < 40; ++i) {
    if (w_is_ascii(table[i].text)) continue;
    allowed += (allowed.empty() ? "" : "、") + std::string(table[i].text);
  }
  out.push_back(Err(fmt::format("'{}' is not a known {}", t, what), fmt::format("{}“{}”无法识别", what_zh, t),
                    fmt::format("use one of: {}", allowed)));
  return std::nullopt;
}

}  // namespace

std::optional<std::string> CleanRelationship(const Cell& c, Problems& out) {
  std::string t = Compact(CellText(c));
  if (!t.empty() && t.size() <= 2 && std::all_of(t.begin(), t.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
    std::string_view r = RelationshipFromGbCode(std::stoi(t));
    if (!r.empty()) return std::string(r);
  }
  return Lookup(kRelationships, c, out, "relationship to the head", "与户主关系", false);
}

std::optional<std::string> CleanSex(const Cell& c, Problems& out) {
  std::string t = Compact(CellText(c));
  if (t == "男性") t = "男";
  if (t == "女性") t = "女";
  auto s = ParseSex(t);
  if (!s) {
    out.push_back(Err(fmt::format("'{}' is not a sex", t), "性别应为 男 或 女", "write 男 or 女"));
    return std::nullopt;
  }
  return std::string(SexName(*s));
}

std::optional<std::string> CleanCategory(const Cell& c, Problems& out) {
  return Lookup(kCategories, c, out, "population category", "人口类别", false);
}

std::optional<std::string> CleanRelocationType(const Cell& c, Problems& out) {
  return Lookup(kRelocationTypes, c, out, "relocation type", "搬迁类型", true);
}

std::optional<std::optional<int64_t>> CleanFloorArea(const Cell& c, Problems& out) {
  std::string t = Compact(CellText(c));
  if (t.empty()) return std::optional<int64_t>{};
  if (c.type == Cell::Type::kNumber) {
    // A number cell: hundredths of m² must be a whole number (85.5 or 85.55, not 85.555).
    double hundredths = c.number * 100.0;
    double r = std::round(hundredths);
    if (c.number > 0 && c.number < 1e7 && std::fabs(hundredths - r) < 1e-6) return std::optional<int64_t>{static_cast<int64_t>(r)};
  }
  auto a = ParseSquareMetres(t);
  if (!a || a->units() <= 0) {
    out.push_back(Err(fmt::format("floor area '{}' is not a positive number of m² with at most two decimals", t),
                      fmt::format("住房面积“{}”不是有效的平方米数（最多两位小数）", t),
                      "write the area in m², e.g. 85.5 (or leave the cell empty when unknown)"));
    return std::nullopt;
  }
  return std::optional<int64_t>{a->RoundedSquareDecimetres()};
}

std::string_view RelocationTypeZh(std::string_view c) {
  return c == "whole_village" ? "整村搬迁" : c == "scattered" ? "插花搬迁" : "";
}

std::optional<std::string> CleanEmploymentKind(const Cell& c, Problems& out) {
  return Lookup(kEmployment, c, out, "employment kind", "就业方式", true);
}

std::optional<std::string> CleanHealth(const Cell& c, Problems& out) {
  return Lookup(kHealth, c, out, "health status", "健康状况", true);
}

std::optional<bool> CleanYesNo(const Cell& c, Problems& out) {
  if (c.type == Cell::Type::kBool) return c.number != 0;
  std::string t = Compact(CellText(c));
  std::string l;
  for (char ch : t) l.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
  if (l == "是" || l == "有" || l == "y" || l == "yes" || l == "1" || l == "√" || l == "true" || l == "✓") return true;
  if (l == "否" || l == "无" || l == "n" || l == "no" || l == "0" || l == "×" || l == "false" || l.empty())
    return false;
  if (l == "x")  // a cross for "no", or the mark that ticks a box: ambiguous, so not guessed
    out.push_back(Err("'x' can mean a cross (no) or a tick (yes)", "“x”既可表示否也可表示勾选，无法判断",
                      "write 是 or 否"));
  else
    out.push_back(Err(fmt::format("'{}' is not yes or no", t), "应填 是 或 否", "write 是 or 否"));
  return std::nullopt;
}

std::string_view RelationshipZh(std::string_view c) {
  if (c == "head") return "户主";
  if (c == "spouse") return "配偶";
  if (c == "child") return "子女";
  if (c == "daughter_in_law") return "儿媳";
  if (c == "son_in_law") return "女婿";
  if (c == "grandchild") return "孙子女";
  if (c == "parent") return "父母";
  if (c == "sibling") return "兄弟姐妹";
  return "其他";
}

std::string_view CategoryZh(std::string_view c) {
  return c == "registered_poor" ? "建档立卡" : c == "co_relocated" ? "同步搬迁" : "";
}

std::string_view EmploymentKindZh(std::string_view c) {
  for (const Word& w : kEmployment)
    if (w.canonical == c && !w_is_ascii(w.text)) return w.text;
  return "";
}

std::string_view HealthZh(std::string_view c) {
  for (const Word& w : kHealth)
    if (w.canonical == c && !w_is_ascii(w.text)) return w.text;
  return "";
}

// --- formula errors, invisible characters, codes and housing units ------------------------

std::string FormulaErrorOf(const Cell& c) {
  static constexpr std::string_view kErrors[] = {"#N/A",  "#REF!",  "#VALUE!", "#DIV/0!", "#NAME?",
                                                 "#NUM!", "#NULL!", "#SPILL!", "#CALC!",  "#GETTING_DATA"};
  if (c.type == Cell::Type::kError) return c.text.empty() ? std::string("#N/A") : c.text;
  if (c.type != Cell::Type::kText || c.text.empty() || c.text.size() > 20 || c.text.find('#') == std::string::npos)
    return {};
  std::string t = TrimText(c.text);
  for (std::string_view e : kErrors)
    if (t == e) return t;
  return {};
}

Problem FormulaErrorProblem(std::string_view e) {
  return Err(fmt::format("formula error {} in the cell (the formula could not be computed)", e),
             fmt::format("公式错误 {}（单元格中的公式无法计算出结果）", e),
             "replace the formula by its value: copy the column and paste it as values (选择性粘贴→数值), "
             "then correct the cells that still show the error");
}

std::string InvisibleCharacters(std::string_view text) {
  std::string out;
  if (std::all_of(text.begin(), text.end(), [](char ch) { return ch >= 0x20 && ch < 0x7f; })) return out;
  for (UChar32 ch : CodePoints(text))
    if (IsInvisible(ch)) {
      std::string name = fmt::format("U+{:04X}", static_cast<uint32_t>(ch));
      if (out.find(name) == std::string::npos) out += (out.empty() ? "" : ", ") + name;
    }
  return out;
}

std::string NormalizeCode(std::string_view text) {
  if (std::all_of(text.begin(), text.end(), [](char ch) { return ch > 0x20 && ch < 0x7f; })) return std::string(text);
  if (!IsValidUtf8(text)) return TrimText(text);
  UErrorCode st = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(st);
  if (U_FAILURE(st)) return TrimText(text);
  icu::UnicodeString n =
      nfkc->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size()))), st);
  if (U_FAILURE(st)) return TrimText(text);
  std::string utf8;
  n.toUTF8String(utf8);
  std::string out;
  for (UChar32 ch : CodePoints(utf8))
    if (!IsInvisible(ch)) Append(out, ch);
  return TrimText(out);
}

namespace {
bool UnitCode(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char ch) {
    return (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || ch == '-';
  });
}
}  // namespace

std::string CanonicalUnitPart(std::string_view text, UnitPart part) {
  std::string out;
  for (UChar32 ch : CodePoints(NormalizeCode(text))) {
    if (IsSpace(ch)) continue;
    Append(out, ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch);
  }
  static constexpr std::string_view kBuilding[] = {"号楼", "栋", "幢", "号", "楼", "#"};
  static constexpr std::string_view kEntrance[] = {"单元"};
  static constexpr std::string_view kRoom[] = {"室", "号"};
  std::span<const std::string_view> words = part == UnitPart::kBuilding   ? std::span<const std::string_view>(kBuilding)
                                            : part == UnitPart::kEntrance ? std::span<const std::string_view>(kEntrance)
                                                                          : std::span<const std::string_view>(kRoom);
  for (std::string_view w : words)
    if (out.size() > w.size() && out.ends_with(w) && UnitCode(std::string_view(out).substr(0, out.size() - w.size()))) {
      out.resize(out.size() - w.size());
      break;
    }
  return out;
}

std::optional<UnitAddress> SplitUnitAddress(std::string_view text) {
  std::string t;
  for (UChar32 ch : CodePoints(NormalizeCode(text)))
    if (!IsSpace(ch)) Append(t, ch);
  static const std::regex kWords("^([0-9A-Za-z]+)(?:号楼|栋|幢|#|号)([0-9A-Za-z]+)单元([0-9A-Za-z]+)(?:室|号)?$");
  static const std::regex kDashed("^([0-9]+[A-Za-z]?)-([0-9]+)-([0-9]+)$");
  std::smatch m;
  if (std::regex_match(t, m, kWords))
    return UnitAddress{CanonicalUnitPart(m[1].str(), UnitPart::kBuilding), CanonicalUnitPart(m[2].str(), UnitPart::kEntrance),
                       CanonicalUnitPart(m[3].str(), UnitPart::kRoom), false};
  if (std::regex_match(t, m, kDashed))
    return UnitAddress{CanonicalUnitPart(m[1].str(), UnitPart::kBuilding), m[2].str(), m[3].str(), true};
  return std::nullopt;
}

int EditDistance(std::string_view a, std::string_view b) {
  auto x = CodePoints(a), y = CodePoints(b);
  std::vector<int> prev(y.size() + 1), cur(y.size() + 1);
  for (size_t j = 0; j <= y.size(); ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= x.size(); ++i) {
    cur[0] = static_cast<int>(i);
    for (size_t j = 1; j <= y.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[y.size()];
}

bool IsFooterRow(const Row& r) {
  for (const Cell& c : r.cells) {
    if (c.empty()) continue;
    std::string t = TrimText(CellText(c));
    for (std::string_view w : {"合计", "总计", "小计", "填表人", "填报人", "审核人", "制表人", "负责人", "单位负责人",
                               "备注", "说明", "注:", "注：", "填表说明", "统计人", "联系人", "经办人"})
      if (t.starts_with(w)) return true;
    return false;
  }
  return false;
}

}  // namespace anju::importer
