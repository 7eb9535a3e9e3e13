#include <gtest/gtest.h>

#include "auth/audit_service.h"

namespace anju::auth {
namespace {

TEST(MaskPersonalText, IdsAndPhonesInsideText) {
  EXPECT_EQ(MaskPersonalText(R"({"resident_id":["14112419900101015X","141124199001010151"]})"),
            R"({"resident_id":["141124********015X","141124********0151"]})");
  EXPECT_EQ(MaskPersonalText("phone 13812345678, 15-digit 141124900101015 ok"),
            "phone 138****5678, 15-digit 141124*****1015 ok");
  // Other numbers are left alone: seq numbers, dates, division codes, 12-digit codes.
  EXPECT_EQ(MaskPersonalText("seq 17 on 2024-03-01 code 141124100000 x 23456789012"),
            "seq 17 on 2024-03-01 code 141124100000 x 23456789012");
  EXPECT_EQ(MaskPersonalText("1234567890123456789012"), "1234567890123456789012");
}

}  // namespace
}  // namespace anju::auth
