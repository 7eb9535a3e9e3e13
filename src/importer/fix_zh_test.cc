// FixZh (the Chinese of an import fault's fix) and the refusal of masked ids and phones, which
// an export for a role without whole ids writes (issue #12, item 9).
#include "importer/fix_zh.h"

#include <gtest/gtest.h>

#include "importer/clean.h"

namespace anju::importer {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

const Date kToday{year{2026}, month{11}, day{29}};

Cell TextCell(std::string s) {
  Cell c;
  c.type = Cell::Type::kText;
  c.text = std::move(s);
  return c;
}

TEST(FixZh, ExactTextsAndPatternsWithTheirValues) {
  EXPECT_EQ(FixZh("write 男 or 女"), "填写 男 或 女");
  EXPECT_EQ(FixZh("did you mean: 城北安置点、城南安置点"), "是否应为：城北安置点、城南安置点");
  EXPECT_EQ(FixZh("the id says 1965-03-12; correct the birth date or the id"),
            "身份证号中的出生日期为 1965-03-12；请改正出生日期或身份证号");
  EXPECT_EQ(FixZh("unhide it and import again, or import it explicitly with --sheet '花名册'"),
            "取消隐藏后重新导入，或用 --sheet '花名册' 指定导入该表");
  // "fill in the {}" (an English word follows) before "fill in {}" (a Chinese header follows).
  EXPECT_EQ(FixZh("fill in the relationship"), "请填写此项");
  EXPECT_EQ(FixZh("fill in 迁出村"), "请填写迁出村");
  EXPECT_EQ(FixZh("fill in the move-in date"), "填写入住日期");
  EXPECT_EQ(FixZh(""), "");
  EXPECT_EQ(FixZh("a text nobody wrote"), "");
}

TEST(Masked, MaskedIdsAndPhonesAreRefusedSayingSo) {
  Problems ps;
  EXPECT_EQ(CleanResidentId(TextCell("141124********015X"), kToday, ps), std::nullopt);
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_TRUE(ps[0].error);
  EXPECT_NE(ps[0].reason.find("this id is masked"), std::string::npos) << ps[0].reason;
  EXPECT_NE(ps[0].reason_zh.find("此身份证号已脱敏"), std::string::npos) << ps[0].reason_zh;
  EXPECT_NE(FixZh(ps[0].fix), "");
  ps.clear();
  EXPECT_EQ(CleanResidentId(TextCell("141124＊＊＊＊＊＊＊＊015X"), kToday, ps), std::nullopt);  // full-width
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_NE(ps[0].reason_zh.find("已脱敏"), std::string::npos) << ps[0].reason_zh;
  ps.clear();
  EXPECT_EQ(CleanPhone(TextCell("138****5678"), ps), std::nullopt);
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_NE(ps[0].reason_zh.find("此电话号码已脱敏"), std::string::npos) << ps[0].reason_zh;
  EXPECT_NE(FixZh(ps[0].fix), "");
  // A whole id and phone are still taken.
  ps.clear();
  EXPECT_EQ(CleanResidentId(TextCell("11010519491231002X"), kToday, ps), "11010519491231002X");
  EXPECT_EQ(CleanPhone(TextCell("13812345678"), ps), "13812345678");
  EXPECT_TRUE(ps.empty());
}

}  // namespace
}  // namespace anju::importer
