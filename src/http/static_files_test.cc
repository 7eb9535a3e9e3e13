#include "http/static_files.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "http/api_routes.h"

namespace anju::http {
namespace {

TEST(StaticFiles, ContentTypesTheBrowserNeeds) {
  EXPECT_EQ(ContentTypeFor("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("js/app.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("css/app.css"), "text/css; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("i18n/zh.json"), "application/json; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("img/logo.svg"), "image/svg+xml");
  EXPECT_EQ(ContentTypeFor("a.dir/noext"), "application/octet-stream");
}

TEST(StaticFiles, RefusesUnsafePaths) {
  EXPECT_TRUE(IsSafeRelativePath("js/app.js"));
  EXPECT_FALSE(IsSafeRelativePath("../anju.db"));
  EXPECT_FALSE(IsSafeRelativePath("js/../../x"));
  EXPECT_FALSE(IsSafeRelativePath("/etc/passwd"));
  EXPECT_FALSE(IsSafeRelativePath("js//app.js"));
  EXPECT_FALSE(IsSafeRelativePath("js\\app.js"));
  EXPECT_FALSE(IsSafeRelativePath(""));
}

TEST(StaticFiles, EmbeddedCopyEqualsTheSourceTree) {
  const char* src = std::getenv("ANJU_SOURCE_DIR");
  ASSERT_NE(src, nullptr);
  StaticFiles embedded = StaticFiles::Embedded();
  auto disk = StaticFiles::FromDirectory(std::string(src) + "/src/web", "");
  ASSERT_TRUE(disk) << disk.error().ToString();
  auto a = embedded.Find("index.html");
  auto b = disk->Find("index.html");
  ASSERT_TRUE(a);
  ASSERT_TRUE(b);
  EXPECT_EQ(a->body, b->body);
  EXPECT_EQ(a->etag, b->etag);
  EXPECT_EQ(a->cache_control, "no-cache");
  EXPECT_FALSE(embedded.Find("../CMakeLists.txt"));
  EXPECT_FALSE(disk->Find("../http/server.cc"));
}

TEST(StaticFiles, OpenApiDocumentIsEmbedded) {
  auto doc = nlohmann::json::parse(OpenApiDocument(), nullptr, false);
  ASSERT_TRUE(doc.is_object());
  EXPECT_TRUE(doc["openapi"].get<std::string>().starts_with("3."));
}

}  // namespace
}  // namespace anju::http
