// Resident id tests. Expected values: the two examples printed in GB 11643-1999 itself
// (11010519491231002X, 440524188001010014) and ids whose check characters were computed by hand
// with the MOD 11-2 weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2.
#include "core/resident_id.h"

#include <gtest/gtest.h>

namespace anju {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

const Date kToday{year{2026}, month{11}, day{29}};

TEST(ResidentId, StandardExampleIsValidFemaleBorn19491231) {
  auto id = ParseResidentId("11010519491231002X", kToday);
  ASSERT_TRUE(id) << id.error().ToString();
  EXPECT_EQ(id->str(), "11010519491231002X");
  EXPECT_EQ(id->RegionCode(), "110105");
  EXPECT_EQ(id->BirthDate(), (Date{year{1949}, month{12}, day{31}}));
  EXPECT_EQ(id->sex(), Sex::kFemale);
  EXPECT_EQ(id->AgeOn(Date{year{2022}, month{9}, day{30}}), 72);
  EXPECT_FALSE(id->upgraded_from_15());
}

TEST(ResidentId, SecondStandardExampleIsMaleBorn1880) {
  auto id = ParseResidentId("440524188001010014", kToday);
  ASSERT_TRUE(id) << id.error().ToString();
  EXPECT_EQ(id->sex(), Sex::kMale);
  EXPECT_EQ(id->BirthDate(), (Date{year{1880}, month{1}, day{1}}));
}

TEST(ResidentId, CheckCharacterComputedByHand) {
  EXPECT_EQ(ResidentIdCheckChar("11010519491231002"), 'X');
  EXPECT_EQ(ResidentIdCheckChar("14112419800101123"), '3');
  EXPECT_EQ(ResidentIdCheckChar("14112420000229004"), '3');
  EXPECT_EQ(ResidentIdCheckChar("14112419750615015"), '4');
}

TEST(ResidentId, ChangingAnyOneDigitMakesItInvalid) {
  const std::string good = "11010519491231002X";
  for (size_t pos = 0; pos < 17; ++pos) {
    for (char d = '0'; d <= '9'; ++d) {
      if (d == good[pos]) continue;
      std::string s = good;
      s[pos] = d;
      EXPECT_FALSE(ParseResidentId(s, kToday)) << s;
    }
  }
  for (char d = '0'; d <= '9'; ++d) {
    std::string s = good;
    s[17] = d;
    auto r = ParseResidentId(s, kToday);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("expected X"), std::string::npos) << r.error().message;
  }
}

TEST(ResidentId, CheckDigitMessageNamesBothCharacters) {
  auto r = ParseResidentId("110105194912310023", kToday);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().field, "resident_id");
  EXPECT_NE(r.error().message.find("check digit is 3, expected X"), std::string::npos);
  EXPECT_EQ(r.error().value, "110105********0023");  // masked
}

TEST(ResidentId, FifteenDigitNumbersUpgrade) {
  auto id = ParseResidentId("110105491231002", kToday);
  ASSERT_TRUE(id) << id.error().ToString();
  EXPECT_EQ(id->str(), "11010519491231002X");
  EXPECT_TRUE(id->upgraded_from_15());
  auto id2 = ParseResidentId("440524800101001", kToday);
  ASSERT_TRUE(id2);
  EXPECT_EQ(id2->str(), "440524198001010013");
}

TEST(ResidentId, FullWidthSpacedAndLowercaseInputsNormalise) {
  const char* inputs[] = {
      "１１０１０５１９４９１２３１００２Ｘ",        // full-width digits and letter
      " 110105 19491231 002x ",                      // spaces, lowercase x
      "110105\xC2\xA0" "19491231002X",               // NBSP
      "\xE2\x80\x8B" "11010519491231002X\xEF\xBB\xBF",  // zero-width space, BOM
      "'11010519491231002X",                         // Excel text marker
      "110105\xE3\x80\x80" "19491231002\xEF\xBD\x98",  // ideographic space, full-width x
      "110105194912\t31002X\r\n",
  };
  for (const char* in : inputs) {
    auto id = ParseResidentId(in, kToday);
    ASSERT_TRUE(id) << in << ": " << id.error().ToString();
    EXPECT_EQ(id->str(), "11010519491231002X");
  }
}

TEST(ResidentId, LookAlikeCharactersAreRefusedAndNamed) {
  // Cyrillic Ha (U+0425) in place of X; Latin O in place of 0.
  auto r = ParseResidentId("11010519491231002\xD0\xA5", kToday);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("U+0425"), std::string::npos) << r.error().message;
  auto r2 = ParseResidentId("11O10519491231002X", kToday);
  ASSERT_FALSE(r2);
  EXPECT_NE(r2.error().message.find("position 3"), std::string::npos) << r2.error().message;
}

TEST(ResidentId, WrongLengthBadDateFutureDateAndProvince) {
  EXPECT_NE(ParseResidentId("1101051949123100", kToday).error().message.find("16 characters"),
            std::string::npos);
  // 1949-02-30 does not exist (check char recomputed so only the date is wrong).
  std::string feb30 = "11010519490230002";
  feb30.push_back(ResidentIdCheckChar(feb30));
  EXPECT_NE(ParseResidentId(feb30, kToday).error().message.find("not a calendar day"),
            std::string::npos);
  std::string future = "11010520300101002";
  future.push_back(ResidentIdCheckChar(future));
  EXPECT_NE(ParseResidentId(future, kToday).error().message.find("after today"),
            std::string::npos);
  std::string province = "99010519491231002";
  province.push_back(ResidentIdCheckChar(province));
  EXPECT_NE(ParseResidentId(province, kToday).error().message.find("province"),
            std::string::npos);
  EXPECT_FALSE(ParseResidentId("", kToday));
  EXPECT_FALSE(ParseResidentId("1101051949123100X2", kToday));  // X not last
}

TEST(ResidentId, LeapDayBirth) {
  auto id = ParseResidentId("141124200002290043", kToday);
  ASSERT_TRUE(id) << id.error().ToString();
  EXPECT_EQ(id->sex(), Sex::kFemale);
  // Turns 18 on 2018-03-01 (no 29 February in 2018).
  EXPECT_EQ(id->AgeOn(Date{year{2018}, month{2}, day{28}}), 17);
  EXPECT_EQ(id->AgeOn(Date{year{2018}, month{3}, day{1}}), 18);
}

TEST(Masking, IdsAndPhones) {
  EXPECT_EQ(MaskResidentId("14112419750615015X"), "141124********015X");
  EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
  EXPECT_EQ(MaskPhone("123"), "***");
  // Counted in characters, never cutting one (a phone cell holding text: 电话未知).
  EXPECT_EQ(MaskPhone("电话未知号码"), "******");
  EXPECT_EQ(MaskPhone("电话号码未知请补"), "电话号*未知请补");
  EXPECT_EQ(MaskResidentId("１４１１２４１９７５０６１５０１５Ｘ"), "１４１１２４********０１５Ｘ");
  EXPECT_EQ(MaskResidentId("编号ab"), "**ab");
}

TEST(Sex, ParsesChineseAndCodes) {
  EXPECT_EQ(*ParseSex("男"), Sex::kMale);
  EXPECT_EQ(*ParseSex("2"), Sex::kFemale);
  EXPECT_FALSE(ParseSex("x"));
}

}  // namespace
}  // namespace anju
