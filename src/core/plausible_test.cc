// Plausibility rules (issue #12 item 6) with hand-picked values: the bounds of each rule and
// one value on each side of it.
#include "core/plausible.h"

#include <gtest/gtest.h>

namespace anju {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

const Date kToday{year{2025}, month{6}, day{1}};

Date D(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

TEST(Plausible, DatesFrom1900ToToday) {
  EXPECT_TRUE(ValidateDateInRange("move_in_date", D(1900, 1, 1), kToday));
  EXPECT_TRUE(ValidateDateInRange("move_in_date", kToday, kToday));
  auto before = ValidateDateInRange("birth_date", D(1899, 12, 31), kToday);
  ASSERT_FALSE(before);
  EXPECT_EQ(before.error().field, "birth_date");
  EXPECT_EQ(before.error().value, "1899-12-31");
  EXPECT_NE(before.error().message.find("before 1900-01-01"), std::string::npos);
  EXPECT_NE(before.error().message_zh.find("早于 1900-01-01"), std::string::npos);
  auto tomorrow = ValidateDateInRange("move_in_date", D(2025, 6, 2), kToday);
  ASSERT_FALSE(tomorrow);
  EXPECT_NE(tomorrow.error().message.find("after today, 2025-06-01"), std::string::npos);
  auto far = ValidateDateInRange("move_in_date", D(2099, 1, 1), kToday);
  ASSERT_FALSE(far);
  EXPECT_EQ(far.error().value, "2099-01-01");
  EXPECT_EQ(far.error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(ValidateDateInRange("as_of", D(1800, 1, 1), kToday));
}

TEST(Plausible, NamesBlankOrWhiteSpaceOnlyAreRefused) {
  EXPECT_TRUE(ValidateName("name", "王建国"));
  for (const char* blank : {"", " ", "\xE3\x80\x80", " \xE3\x80\x80 "}) {  // U+3000 ideographic
    auto r = ValidateName("name", blank);
    ASSERT_FALSE(r) << '[' << blank << ']';
    EXPECT_EQ(r.error().field, "name");
    EXPECT_FALSE(r.error().message_zh.empty());
  }
}

TEST(Plausible, InvisibleAndControlCharactersAreNamed) {
  struct Case {
    const char* text;
    const char* named;
  };
  for (const Case& c : {Case{"王\u202E明", "U+202E (RIGHT-TO-LEFT OVERRIDE)"},
                        Case{"王\u200B明", "U+200B (ZERO WIDTH SPACE)"},
                        Case{"王\x1F明", "U+001F"},
                        Case{"王\u2066明", "U+2066"},
                        Case{"王\uFEFF明", "U+FEFF"},
                        Case{"王\u200F明", "U+200F"},
                        Case{"王\xC2\x85明", "U+0085"}}) {  // C1 NEL
    auto r = ValidateName("name", c.text);
    ASSERT_FALSE(r) << c.named;
    EXPECT_NE(r.error().message.find(c.named), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message_zh.find(c.named), std::string::npos) << r.error().message_zh;
    auto t = ValidateFreeText("employer", c.text, kMaxShortTextChars);
    ASSERT_FALSE(t) << c.named;
    EXPECT_EQ(t.error().field, "employer");
  }
  EXPECT_EQ(ForbiddenCharacter("ab\ncd"), U'\n');
  EXPECT_EQ(ForbiddenCharacter("ab\ncd", true), std::nullopt);
  EXPECT_TRUE(ValidateFreeText("notes", "第一行\n第二行", kMaxLongTextChars, true));
  EXPECT_EQ(ForbiddenCharacter("\xFF"), U'\uFFFD');  // not UTF-8
  EXPECT_TRUE(ValidateName("name", "阿不都·热合曼"));     // U+00B7 middle dot is lawful
  EXPECT_TRUE(ValidateName("name", "\xF0\xA0\xAE\xB7田"));  // CJK Extension B
}

TEST(Plausible, LengthsAreCountedInCharactersNotBytes) {
  std::string fifty, fifty_one;
  for (int i = 0; i < 50; ++i) fifty += "王";  // 150 bytes
  fifty_one = fifty + "明";
  EXPECT_EQ(CountChars(fifty), 50u);
  EXPECT_TRUE(ValidateName("name", fifty));
  auto r = ValidateName("name", fifty_one);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("has 51 characters; at most 50"), std::string::npos);
  EXPECT_NE(r.error().message_zh.find("最多 50 个字符"), std::string::npos);
  EXPECT_TRUE(ValidateFreeText("employer", std::string(100, 'a'), kMaxShortTextChars));
  EXPECT_FALSE(ValidateFreeText("employer", std::string(101, 'a'), kMaxShortTextChars));
  EXPECT_TRUE(ValidateFreeText("employer", "", kMaxShortTextChars));  // optional text may be empty
}

}  // namespace
}  // namespace anju
