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
  struct CaseZh {
    const char* text;
    const char* named;
    const char* named_zh;  // the zh message names the kind in Chinese, not the Unicode name
  };
  for (const CaseZh& c : {CaseZh{"王\u202E明", "U+202E (RIGHT-TO-LEFT OVERRIDE)", "U+202E（文字方向控制符）"},
                          CaseZh{"王\u200B明", "U+200B (ZERO WIDTH SPACE)", "U+200B（零宽字符）"},
                          CaseZh{"王\x1F明", "U+001F", "U+001F（控制字符）"},
                          CaseZh{"王\u2066明", "U+2066", "U+2066（文字方向控制符）"},
                          CaseZh{"王\uFEFF明", "U+FEFF", "U+FEFF（零宽字符）"},
                          CaseZh{"王\u200F明", "U+200F", "U+200F（文字方向控制符）"},
                          CaseZh{"王\u00AD明", "U+00AD", "U+00AD（不可见字符）"},
                          CaseZh{"王\xC2\x85明", "U+0085", "U+0085（控制字符）"}}) {  // C1 NEL
    auto r = ValidateName("name", c.text);
    ASSERT_FALSE(r) << c.named;
    EXPECT_NE(r.error().message.find(c.named), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message_zh.find(c.named_zh), std::string::npos) << r.error().message_zh;
    EXPECT_EQ(r.error().message_zh.find("OVERRIDE"), std::string::npos) << r.error().message_zh;
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
// Names in the 户口簿 have no emoji or pictographic symbols (found by the session-5 tester:
// 李😀四 was saved); the middle dot of ethnic names and letters of every script stay allowed.
TEST(Plausible, EmojiAndSymbolsInNamesAreRefused) {
  auto e = ValidateName("name", "李\U0001F600四");
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().field, "name");
  EXPECT_NE(e.error().message.find("U+1F600"), std::string::npos) << e.error().message;
  EXPECT_NE(e.error().message_zh.find("U+1F600"), std::string::npos) << e.error().message_zh;
  EXPECT_FALSE(ValidateName("name", "王\u2605"));        // BLACK STAR (So)
  EXPECT_FALSE(ValidateName("name", "张\u2764\uFE0F"));  // HEAVY BLACK HEART + emoji selector
  EXPECT_EQ(SymbolInName("阿不都·热合曼"), std::nullopt);
  EXPECT_EQ(SymbolInName("Ayşe Müller"), std::nullopt);
  EXPECT_EQ(SymbolInName("李\U0001F600四"), std::optional<char32_t>(U'\U0001F600'));
  EXPECT_TRUE(ValidateName("name", "阿不都·热合曼"));
  EXPECT_TRUE(ValidateFreeText("note", "好😀", 100, false));  // free text may carry them
}

}  // namespace anju
