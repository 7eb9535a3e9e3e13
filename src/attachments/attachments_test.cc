// The attachments domain: type by content (never by name), size limit, HEIC refusal with a fix,
// the types setting, file names for display.
#include "attachments/attachments.h"

#include <gtest/gtest.h>

#include <string>

namespace anju::attachments {
namespace {

const std::string kPng = std::string("\x89PNG\r\n\x1A\n", 8) + std::string(40, '\0');
const std::string kJpeg = std::string("\xFF\xD8\xFF\xE0", 4) + "JFIF" + std::string(40, 'x');
const std::string kWebp = std::string("RIFF\x24\x00\x00\x00WEBPVP8 ", 16) + std::string(20, 'x');
const std::string kPdf = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n";
const std::string kHeic = std::string("\x00\x00\x00\x18", 4) + "ftypheic" + std::string(20, '\0');

TEST(AttachmentsType, DetectedFromTheContent) {
  EXPECT_EQ(DetectType(kPng), "image/png");
  EXPECT_EQ(DetectType(kJpeg), "image/jpeg");
  EXPECT_EQ(DetectType(kWebp), "image/webp");
  EXPECT_EQ(DetectType(kPdf), "application/pdf");
  EXPECT_EQ(DetectType(kHeic), "image/heic");
  EXPECT_EQ(DetectType("hello, this is text"), "");
  EXPECT_EQ(DetectType(std::string("RIFF\x24\x00\x00\x00WAVE", 12)), "");  // RIFF but audio
}

TEST(AttachmentsType, APngNamedPdfIsAPng) {
  auto r = CheckUpload("协议.pdf", kPng, UploadLimits{});
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, "image/png");
}

TEST(AttachmentsType, TextNamedJpgIsRefusedNamingTheFile) {
  auto r = CheckUpload("photo.jpg", "just some text\n", UploadLimits{});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().refusal, Refusal::kUnsupportedType);
  EXPECT_EQ(r.error().error.field, "file");
  EXPECT_EQ(r.error().error.value, "unknown");
  EXPECT_NE(r.error().error.message.find("photo.jpg"), std::string::npos);
  EXPECT_NE(r.error().error.message_zh.find("photo.jpg"), std::string::npos);
}

TEST(AttachmentsType, HeicIsRefusedWithTheCameraFix) {
  auto r = CheckUpload("IMG_0001.HEIC", kHeic, UploadLimits{});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().refusal, Refusal::kUnsupportedType);
  EXPECT_EQ(r.error().error.value, "image/heic");
  EXPECT_NE(r.error().error.message.find("set the phone camera to JPEG"), std::string::npos);
  EXPECT_NE(r.error().error.message_zh.find("相机设置为兼容格式"), std::string::npos);
}

TEST(AttachmentsSize, OneByteOverTheLimitIsRefused) {
  UploadLimits l;
  l.max_bytes = 100;
  l.max_bytes_source = "test setting";
  std::string at_limit = kJpeg + std::string(100 - kJpeg.size(), 'x');
  ASSERT_EQ(at_limit.size(), 100u);
  EXPECT_TRUE(CheckUpload("a.jpg", at_limit, l));
  auto over = CheckUpload("a.jpg", at_limit + "x", l);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().refusal, Refusal::kTooLarge);
  EXPECT_EQ(over.error().error.value, "101");
  EXPECT_NE(over.error().error.message.find("limit of 100 bytes"), std::string::npos);
  EXPECT_NE(over.error().error.message.find("test setting"), std::string::npos);
}

// Tester (session 8): the 413's message_zh carried the English default source text. Both
// refusals read in Chinese with the default limits (whose source is the declared setting).
TEST(AttachmentsSize, TheRefusalsReadInChineseWithTheDefaultLimits) {
  auto over = CheckUpload("a.jpg", kJpeg + std::string(10 * 1024 * 1024, 'x'), UploadLimits{});
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().refusal, Refusal::kTooLarge);
  EXPECT_EQ(over.error().error.message_zh,
            "文件“a.jpg”大小 " + std::to_string(kJpeg.size() + 10 * 1024 * 1024) +
                " 字节，超过上限 10485760 字节（attachments.max_bytes，默认值，见 docs/casework.md："
                "10 MiB）；请缩小照片或降低扫描分辨率");
  UploadLimits pdf_only;
  pdf_only.types = {"application/pdf"};
  auto png = CheckUpload("a.png", kPng, pdf_only);
  ASSERT_FALSE(png);
  EXPECT_EQ(png.error().error.message_zh,
            "文件“a.png”的类型（image/png）不被接受；允许的类型：application/pdf"
            "（attachments.types，默认值，见 docs/casework.md：JPEG、PNG、WebP、PDF）");
}

TEST(AttachmentsSize, EmptyIsRefused) {
  auto r = CheckUpload("a.jpg", "", UploadLimits{});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().refusal, Refusal::kEmpty);
}

TEST(AttachmentsTypes, SettingLimitsTheTypes) {
  UploadLimits l;
  auto types = ParseTypes(" image/jpeg , application/pdf ");
  ASSERT_TRUE(types);
  EXPECT_EQ(*types, (std::vector<std::string>{"image/jpeg", "application/pdf"}));
  l.types = *types;
  auto png = CheckUpload("a.png", kPng, l);
  ASSERT_FALSE(png);
  EXPECT_EQ(png.error().error.value, "image/png");
  EXPECT_TRUE(CheckUpload("a.pdf", kPdf, l));
  auto bad = ParseTypes("image/jpeg,image/gif");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "attachments.types");
  EXPECT_FALSE(ParseTypes(" , "));
}

TEST(AttachmentsName, CleanFileNameKeepsUtf8AndDropsPaths) {
  EXPECT_EQ(CleanFileName("../../etc/passwd"), "passwd");
  EXPECT_EQ(CleanFileName("C:\\照片\\走访.jpg"), "走访.jpg");
  EXPECT_EQ(CleanFileName("a\"b\nc.pdf"), "abc.pdf");
  EXPECT_EQ(CleanFileName(".."), "file");
  EXPECT_EQ(CleanFileName(""), "file");
  std::string longname(150, 'a');
  for (int i = 0; i < 30; ++i) longname += "走";  // 3 bytes each
  std::string c = CleanFileName(longname);
  EXPECT_LE(c.size(), 200u);
  EXPECT_EQ(c.size(), 150u + 3 * 16);  // cut on a character boundary
}

}  // namespace
}  // namespace anju::attachments
