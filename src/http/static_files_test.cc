#include "http/static_files.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>
#include <unistd.h>

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


// --web-root DIR followed symlinks inside DIR to files outside it (tester, session 2): only
// files whose canonical path stays under the canonical root are served.
TEST(StaticFiles, SymlinksLeavingTheWebRootAreNotServed) {
  namespace fs = std::filesystem;
  fs::path base = fs::temp_directory_path() / ("anju-static-test-" + std::to_string(::getpid()));
  fs::remove_all(base);
  fs::create_directories(base / "root" / "js");
  fs::create_directories(base / "outside");
  auto write = [](const fs::path& p, const std::string& text) { std::ofstream(p) << text; };
  write(base / "root" / "index.html", "<!doctype html>");
  write(base / "root" / "js" / "app.js", "app");
  write(base / "outside" / "secret.txt", "secret");
  fs::create_symlink(base / "outside" / "secret.txt", base / "root" / "leak.txt");
  fs::create_directory_symlink(base / "outside", base / "root" / "out");
  fs::create_symlink("../../outside/secret.txt", base / "root" / "js" / "rel.txt");
  fs::create_symlink(base / "root" / "js" / "app.js", base / "root" / "alias.js");
  // The root itself reached through a symlink is fine.
  fs::create_directory_symlink(base / "root", base / "root-link");

  for (const fs::path& root : {base / "root", base / "root-link"}) {
    auto files = StaticFiles::FromDirectory(root.string(), "");
    ASSERT_TRUE(files) << files.error().ToString();
    EXPECT_TRUE(files->Find("index.html")) << root;
    EXPECT_TRUE(files->Find("js/app.js")) << root;
    EXPECT_TRUE(files->Find("alias.js")) << root;  // a link that stays inside the root
    EXPECT_FALSE(files->Find("leak.txt")) << root;
    EXPECT_FALSE(files->Find("out/secret.txt")) << root;
    EXPECT_FALSE(files->Find("js/rel.txt")) << root;
  }
  fs::remove_all(base);
}

}  // namespace
}  // namespace anju::http
