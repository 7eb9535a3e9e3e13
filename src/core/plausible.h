// Plausibility rules for values people type (issue #12 item 6), in one place for the API
// (registry/http/json.cc), the registry service (the authority for every write), the importer
// and the report's `as_of`: names and free text (no invisible or control characters, length
// limits in characters) and dates (not before 1900, not after today).
//
// Every refusal is kInvalidArgument naming the field and the value, in English and Chinese, with
// the fix. Characters are counted as Unicode code points, never bytes (汉 is one character).
//
// Thread-safety: pure functions over values; safe from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/error.h"

namespace anju {

// ---------------------------------------------------------------------------------------------
// Settings (local policy; change here, with the reason).

/// Earliest date any record may carry (birth, move-in, a report's as_of): 1900-01-01. Nobody
/// alive and relocated in 2016–2020 was born before it, and it is day 1 of the spreadsheet date
/// system, so an earlier date is a keying error (1800 for 1980, an empty serial read as 0).
inline constexpr Date kEarliestPlausibleDate{std::chrono::year{1900}, std::chrono::month{1},
                                              std::chrono::day{1}};

/// Highest monthly amount of money a record may carry, in fen: 1,000,000,000 fen = ¥10,000,000
/// a month (a monthly income, a vacancy's pay, a post's monthly subsidy). Relocated households'
/// monthly wages are in the thousands of yuan (Lüliang 2022 urban private-sector average about
/// ¥4,000 a month) and public-welfare posts pay a few hundred to ¥1,500; ¥10 million a month is
/// thousands of times any real figure, so it never refuses a true one, yet it catches a value
/// keyed in fen twice over, digits pasted together, or a number beyond 2^53 that JavaScript and
/// spreadsheet clients silently round (9007199254740993 shown as ...992).
inline constexpr int64_t kMaxMonthlyFen = 1'000'000'000;

/// Longest person name, in characters: 50. The longest names in household registers are
/// transliterated minority names with middle dots (阿卜杜热合曼·买买提明·…, about 20–30
/// characters); 50 leaves room and still catches a whole row pasted into the name cell.
inline constexpr size_t kMaxNameChars = 50;
/// Longest one-line text (employer, destination, a household number), in characters: 100.
inline constexpr size_t kMaxShortTextChars = 100;
/// Longest multi-line text (notes, addresses), in characters: 500.
inline constexpr size_t kMaxLongTextChars = 500;

// ---------------------------------------------------------------------------------------------
// Text.

/// The first character of `text` that no name or free text may hold, or nullopt: C0 and C1
/// control characters (U+0000–U+001F, U+007F–U+009F; `allow_newlines` lets \n and \r through),
/// bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F,
/// U+202A–U+202E, U+2066–U+2069: they reorder what is shown, so a name can display as another),
/// and zero-width characters (U+200B–U+200D, U+2060–U+2064, U+FEFF, U+00AD soft hyphen: they
/// make two equal-looking names differ). Invalid UTF-8 answers U+FFFD.
std::optional<char32_t> ForbiddenCharacter(std::string_view text, bool allow_newlines = false);

/// The first emoji or pictographic symbol in a name (Unicode Extended_Pictographic, or general
/// category So "other symbol", and the emoji variation selector U+FE0F), else nullopt. Names in
/// the 户口簿 (household register) are written in letters of a script, with the middle dot of
/// transliterated names; a symbol in a name is a typing or pasting mistake.
std::optional<char32_t> SymbolInName(std::string_view text);

/// "U+202E (RIGHT-TO-LEFT OVERRIDE)": the code point and its Unicode name (ICU), for messages.
std::string DescribeCodePoint(char32_t c);

/// "U+202E（文字方向控制符）": the code point and its kind in Chinese, for the zh messages
/// (控制字符, 文字方向控制符, 零宽字符, else 不可见字符).
std::string DescribeCodePointZh(char32_t c);

/// Number of characters (code points) of UTF-8 `text`.
size_t CountChars(std::string_view text);

/// A person's name: not empty or white space only, no forbidden character (ForbiddenCharacter),
/// no emoji or symbol (SymbolInName), at most `max_chars` characters. Errors: kInvalidArgument naming `field`, the value (cut to
/// 60 characters) and the offending character as U+XXXX with its name.
Status ValidateName(std::string_view field, std::string_view text,
                    size_t max_chars = kMaxNameChars);

/// An optional free text (may be empty): no forbidden character, at most `max_chars`
/// characters; `multiline` allows line breaks. Errors as ValidateName.
Status ValidateFreeText(std::string_view field, std::string_view text, size_t max_chars,
                        bool multiline = false);

// ---------------------------------------------------------------------------------------------
// Dates.

/// A date that must have happened: from kEarliestPlausibleDate to `today` inclusive (a birth,
/// a move-in, a report's as_of). `today` comes from the caller's clock (TodayInChina() in
/// production, a fixed day in tests). Errors: kInvalidArgument naming `field` and the date,
/// saying which bound it breaks (e.g. "move_in_date 2099-01-01 is after today, 2025-06-01").
Status ValidateDateInRange(std::string_view field, Date date, Date today);

}  // namespace anju
