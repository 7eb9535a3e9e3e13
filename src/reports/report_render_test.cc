// The renderings of the hand-computed example: JSON keys and values, text, a well-formed HTML
// page without scripts, and an xlsx whose sheets and cells are checked by unzipping it.
#include "reports/report_render.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <regex>

#include "modules/module.h"
#include "reports/report_service.h"
#include "reports/report_test_util.h"

namespace anju::reports {
namespace {

// The renderers' key figures come from the module list, installed at start as `anju` does.
class InstallFigures : public ::testing::Environment {
  void SetUp() override { modules::InstallFigures(); }
};
const auto* const kFigures = ::testing::AddGlobalTestEnvironment(new InstallFigures);

CountyReport Example() {
  auto f = testing::ExampleRepository();
  auto r = BuildCountyReport(f, {.today = *ParseIsoDate("2024-01-01")});
  EXPECT_TRUE(r);
  return *r;
}

std::string Shell(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  pclose(p);
  return out;
}

TEST(RenderJson, KeysValuesAndRates) {
  auto j = nlohmann::json::parse(RenderJson(Example()));
  EXPECT_EQ(j["as_of"], "2022-09-30");
  EXPECT_EQ(j["households.total"], 3);
  EXPECT_EQ(j["persons.total"], 7);
  EXPECT_EQ(j["persons.registered_poor"], 5);
  EXPECT_EQ(j["origin_villages.whole_village"], 1);
  EXPECT_EQ(j["sites.by_size_class"]["under_800"], 2);
  EXPECT_EQ(j["sites.by_size_class"]["800_2999"], 0);
  EXPECT_DOUBLE_EQ(j["labor.employment_rate"].get<double>(), 0.4);
  EXPECT_EQ(j["labor.employment_rate.numerator"], 2);
  EXPECT_EQ(j["labor.employment_rate.denominator"], 5);
  EXPECT_DOUBLE_EQ(j["industry.custody_mu"].get<double>(), 2400.0);
  EXPECT_DOUBLE_EQ(j["industry.land_transfer_mu"].get<double>(), 1500.0);
  ASSERT_EQ(j["sites"].size(), 2u);
  for (const char* k : {"name", "mode", "township", "households", "persons", "size_class",
                        "working_age", "employed", "employment_rate", "parks", "has_workshop"})
    EXPECT_TRUE(j["sites"][0].contains(k)) << k;
  EXPECT_EQ(j["sites"][0]["size_class"], "under_800");
  EXPECT_EQ(j["origin_townships"][0]["name"], "城庄镇");
  EXPECT_EQ(j["data_quality"]["housing_over_25m2_per_person"]["count"], 1);
  EXPECT_EQ(j["age_pyramid"].size(), 18u);
}

TEST(RenderJson, NullSectionsCarryNotes) {
  auto f = testing::ExampleRepository();
  f.land.clear();
  auto r = BuildCountyReport(f, {.today = *ParseIsoDate("2024-01-01")});
  ASSERT_TRUE(r);
  auto j = ReportToJson(*r);
  EXPECT_TRUE(j["industry.custody_mu"].is_null());
  EXPECT_TRUE(j["industry.land_transfer_mu"].is_null());
  ASSERT_EQ(j["notes"].size(), 2u);
  EXPECT_NE(j["notes"][0]["en"].get<std::string>().find("custody"), std::string::npos);
}

TEST(RenderText, ChineseAndEnglish) {
  auto r = Example();
  std::string zh = RenderText(r, Lang::kZh);
  EXPECT_NE(zh.find("临县易地扶贫搬迁后续扶持统计报表（截至 2022-09-30）"), std::string::npos) << zh;
  EXPECT_NE(zh.find("建档立卡贫困户数"), std::string::npos);
  EXPECT_NE(zh.find("40.0% (2/5)"), std::string::npos) << zh;
  EXPECT_NE(zh.find("2400 亩"), std::string::npos) << zh;
  std::string en = RenderText(r, Lang::kEn);
  EXPECT_NE(en.find("as of 2022-09-30"), std::string::npos) << en;
  EXPECT_NE(en.find("Employment rate (aged 18–60)"), std::string::npos) << en;
}

// Checks that every opened element is closed in order (void elements excepted).
bool TagsBalanced(const std::string& html, std::string* why) {
  static const std::regex tag(R"(<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>)");
  static const std::set<std::string> kVoid = {"meta", "link", "br", "hr", "img", "input"};
  std::vector<std::string> stack;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), tag); it != std::sregex_iterator();
       ++it) {
    std::string name = (*it)[2], rest = (*it)[3];
    bool closing = (*it)[1] == "/";
    if (kVoid.count(name) || (!rest.empty() && rest.back() == '/')) continue;
    if (!closing) {
      stack.push_back(name);
    } else if (stack.empty() || stack.back() != name) {
      *why = "unexpected </" + name + "> with open <" + (stack.empty() ? "" : stack.back()) + ">";
      return false;
    } else {
      stack.pop_back();
    }
  }
  if (!stack.empty()) *why = "unclosed <" + stack.back() + ">";
  return stack.empty();
}

TEST(RenderHtml, WellFormedPrintablePageWithChartsAndNoScripts) {
  auto r = Example();
  std::string html = RenderHtml(r, Lang::kZh);
  std::string why;
  EXPECT_TRUE(TagsBalanced(html, &why)) << why;
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find(" style="), std::string::npos);  // strict CSP: no style attributes
  EXPECT_NE(html.find("size: A4"), std::string::npos);
  EXPECT_NE(html.find("Noto Sans CJK SC"), std::string::npos);
  size_t svgs = 0;
  for (size_t p = html.find("<svg"); p != std::string::npos; p = html.find("<svg", p + 1)) ++svgs;
  EXPECT_EQ(svgs, 4u);
  EXPECT_NE(html.find(R"(data-key="persons.total">7<)"), std::string::npos);
  EXPECT_NE(html.find(R"(data-key="labor.employment_rate">40.0% (2/5)<)"), std::string::npos);
  EXPECT_NE(html.find("甲安置点"), std::string::npos);
  std::string linked = RenderHtml(r, Lang::kEn, {.stylesheet_href = "/static/report.css"});
  EXPECT_EQ(linked.find("<style"), std::string::npos);
  EXPECT_NE(linked.find(R"(href="/static/report.css")"), std::string::npos);
  EXPECT_TRUE(TagsBalanced(linked, &why)) << why;
}

TEST(WriteXlsx, SheetsNumbersAndText) {
  auto r = Example();
  auto dir = std::filesystem::temp_directory_path() / ("anju_xlsx_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / "report.xlsx").string();
  ASSERT_TRUE(WriteXlsx(r, Lang::kZh, path));
  std::string list = Shell("unzip -l '" + path + "'");
  for (int i = 1; i <= 5; ++i)
    EXPECT_NE(list.find("xl/worksheets/sheet" + std::to_string(i) + ".xml"), std::string::npos) << list;
  std::string wb = Shell("unzip -p '" + path + "' xl/workbook.xml");
  for (const char* name : {"总表", "安置点", "迁出乡镇", "年龄结构", "数据质量"})
    EXPECT_NE(wb.find(std::string("name=\"") + name + "\""), std::string::npos) << name << wb;
  std::string strings = Shell("unzip -p '" + path + "' xl/sharedStrings.xml");
  EXPECT_NE(strings.find("141124100"), std::string::npos);  // township code as text
  std::string sites = Shell("unzip -p '" + path + "' xl/worksheets/sheet2.xml");
  EXPECT_NE(sites.find("<v>6</v>"), std::string::npos) << "persons of site 1 as a number";
  // An unwritable path is an error naming the path.
  auto bad = WriteXlsx(r, Lang::kEn, (dir / "no" / "such" / "dir.xlsx").string());
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().value, (dir / "no" / "such" / "dir.xlsx").string());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);  // a file problem: exit 1, as exports
  EXPECT_NE(bad.error().message_zh.find("无法写入文件"), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace anju::reports
