// Resident identity number (公民身份号码), GB 11643-1999.
//
// Layout of the 18 characters: 6-digit address (region) code (GB/T 2260), 8-digit birth date
// YYYYMMDD, 3-digit sequence (odd = male, even = female), 1 check character computed with
// ISO 7064:1983 MOD 11-2 over the first 17 digits ('X' stands for 10).
// 15-digit numbers (GB 11643-1989) have a 6-digit birth date YYMMDD, all 19YY, and no check
// character; they are upgraded to 18 by inserting "19" and appending the check character.
//
// Thread-safety: free functions and a value type; safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include "core/date.h"
#include "core/error.h"

namespace anju {

enum class Sex { kMale, kFemale };

/// "male" / "female" (the identifiers stored in the database and the API).
std::string_view SexName(Sex s);
/// Parses "male"/"female", "男"/"女", "1"/"2" (GB/T 2261.1). Errors: kInvalidArgument.
Result<Sex> ParseSex(std::string_view text);

/// A validated 18-character resident identity number. Construct only through ParseResidentId.
class ResidentId {
 public:
  /// The 18 characters, digits and possibly a final 'X'.
  const std::string& str() const { return value_; }
  /// First 6 digits: the region code of the place of first registration (GB/T 2260).
  std::string_view RegionCode() const { return std::string_view(value_).substr(0, 6); }
  Date BirthDate() const { return birth_; }
  Sex sex() const { return sex_; }
  /// Age in completed years (周岁) on `on`.
  int AgeOn(Date on) const { return AgeInCompletedYears(birth_, on); }
  /// Masked for lists and logs: the first 6 and last 4 characters kept, e.g. 141124********015X.
  std::string Masked() const;
  /// True when the input was a 15-digit number that was upgraded.
  bool upgraded_from_15() const { return upgraded_; }

  friend bool operator==(const ResidentId& a, const ResidentId& b) { return a.value_ == b.value_; }

 private:
  friend Result<ResidentId> ParseResidentId(std::string_view, Date);
  std::string value_;
  Date birth_{};
  Sex sex_ = Sex::kMale;
  bool upgraded_ = false;
};

/// Cleans text the way people and spreadsheets write ids, without judging it: trims, removes
/// spaces, NBSP, ideographic spaces, tabs, line breaks, zero-width characters, BOMs, C0/C1
/// control characters (U+001F before ids from web systems) and grouping hyphens or dashes
/// ("141124-19800315-001X", U+2010–2015, U+2212, full-width －) anywhere,
/// maps full-width digits and letters to ASCII (Unicode NFKC), a leading apostrophe (Excel's
/// text marker) is dropped, and lowercase 'x' becomes 'X'. Anything else is kept, so that
/// ParseResidentId can name it. Errors: kInvalidArgument if the text is not valid UTF-8.
Result<std::string> NormalizeResidentIdText(std::string_view raw);

/// Normalises (as above) and validates a resident identity number, upgrading a 15-digit one.
/// `today` bounds the birth date (a birth date after it is an error).
/// Errors (all kInvalidArgument, field "resident_id", value = the raw input masked):
///   wrong length; a character that is not a digit (or X as the 18th), e.g. a look-alike
///   letter 'O' or 'Х'; a province code not in GB/T 2260; a birth date that is not a real
///   calendar day or is after `today`; "check digit is 3, expected X".
Result<ResidentId> ParseResidentId(std::string_view raw, Date today);

/// The MOD 11-2 check character ('0'..'9' or 'X') for the first 17 digits (precondition:
/// exactly 17 ASCII digits).
char ResidentIdCheckChar(std::string_view first17);

/// Masks any id-like text for logs: keeps the first 6 and last 4 characters of 15/18-character
/// text, replaces the rest with '*'; shorter text is fully masked except its last 2 characters.
std::string MaskResidentId(std::string_view id);

/// Masks a phone number: 138****5678 (first 3 and last 4 digits kept).
std::string MaskPhone(std::string_view phone);

}  // namespace anju
