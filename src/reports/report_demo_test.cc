// Every figure of ../shared/reference/linxian-figures.md that the records cover, computed by
// `anju report --format json` on the Lin County demo database (`anju demo`), against the
// article's values. Runs the real binary (ANJU_BINARY) end to end.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace {

namespace fs = std::filesystem;

int Sh(const std::string& cmd) {
  int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

class DemoReport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("anju_report_demo_" + std::to_string(getpid()));
    fs::create_directories(dir_);
    const std::string anju = ANJU_BINARY;
    if (Sh(anju + " demo --help >/dev/null 2>&1") != 0) {
      skip_ = "`anju demo` does not exist yet (registry issue #3 builds it)";
      return;
    }
    const std::string db = (dir_ / "demo.db").string(), out = (dir_ / "report.json").string();
    if (int rc = Sh(anju + " demo --db '" + db + "' >'" + (dir_ / "demo.log").string() + "' 2>&1"); rc != 0) {
      error_ = "anju demo failed with exit " + std::to_string(rc);
      return;
    }
    if (int rc = Sh(anju + " report --db '" + db + "' --format json --out '" + out + "' 2>/dev/null"); rc != 0) {
      error_ = "anju report failed with exit " + std::to_string(rc);
      return;
    }
    std::ifstream f(out);
    report_ = nlohmann::json::parse(f, nullptr, false);
    if (report_.is_discarded()) error_ = "report.json is not JSON";
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }
  void SetUp() override {
    if (!skip_.empty()) GTEST_SKIP() << skip_;
    ASSERT_TRUE(error_.empty()) << error_;
  }
  static int64_t Int(const char* key) {
    EXPECT_TRUE(report_.contains(key)) << key;
    EXPECT_TRUE(report_[key].is_number_integer()) << key << " = " << report_[key];
    return report_[key].is_number_integer() ? report_[key].get<int64_t>() : -1;
  }
  static double Round2(const char* key) {
    EXPECT_TRUE(report_[key].is_number()) << key << " = " << report_[key];
    return report_[key].is_number() ? std::round(report_[key].get<double>() * 100) / 100 : -1;
  }
  static inline fs::path dir_;
  static inline std::string skip_, error_;
  static inline nlohmann::json report_;
};

TEST_F(DemoReport, AsOfIsTheStatisticsDate) { EXPECT_EQ(report_["as_of"], "2022-09-30"); }

TEST_F(DemoReport, RelocatedPopulation) {
  EXPECT_EQ(Int("households.total"), 13337);
  EXPECT_EQ(Int("persons.total"), 40004);
  EXPECT_EQ(Int("households.registered_poor"), 8444);
  EXPECT_EQ(Int("persons.registered_poor"), 23495);
  EXPECT_EQ(Int("households.co_relocated"), 4893);
  EXPECT_EQ(Int("persons.co_relocated"), 16509);
  EXPECT_EQ(Int("origin_villages.whole_village"), 166);
  EXPECT_EQ(Int("origin_villages.scattered"), 117);
}

TEST_F(DemoReport, SitesBySizeClassAndTheArticlesNames) {
  const auto& c = report_["sites.by_size_class"];
  EXPECT_EQ(c["3000_plus"], 2);
  EXPECT_EQ(c["800_2999"], 9);
  EXPECT_EQ(c["under_800"], 7);
  ASSERT_EQ(report_["sites"].size(), 18u);
  std::map<std::string, std::string> cls;
  for (const auto& s : report_["sites"]) cls[s["name"]] = s["size_class"];
  // The article's lists, by class.
  for (const char* n : {"晋泰小区", "万安花园", "元倍花园", "欣阳小区", "三交兴隆湾", "林家坪",
                        "刘家会", "兔坂镇兔坂村", "克虎镇"}) {
    int found = 0;
    for (const auto& [name, klass] : cls)
      if (name.find(n) != std::string::npos) {
        ++found;
        EXPECT_EQ(klass, "800_2999") << name;
      }
    EXPECT_EQ(found, 1) << n;
  }
  for (const char* n : {"白文镇曜头", "城庄五和居", "后麻峪小区", "文苑寨", "三交兴盛山",
                        "碛口樊家沟", "兔坂镇王家峪"}) {
    int found = 0;
    for (const auto& [name, klass] : cls)
      if (name.find(n) != std::string::npos) {
        ++found;
        EXPECT_EQ(klass, "under_800") << name;
      }
    EXPECT_EQ(found, 1) << n;
  }
  EXPECT_EQ(cls["城北安置点"], "3000_plus");
  EXPECT_EQ(cls["湫水文峰苑安置点"], "3000_plus");
  for (const auto& s : report_["sites"])
    EXPECT_EQ(s["has_workshop"], true) << s["name"];
}

TEST_F(DemoReport, Labour) {
  // Article: ≈2.56万 (25,600), 64 %; ≈2.1万 (21,000), 82 %; 0 zero-employment households.
  EXPECT_EQ(Int("labor.working_age"), 25600);
  EXPECT_EQ(Round2("labor.working_age_share"), 0.64);
  EXPECT_EQ(report_["labor.working_age_share.numerator"], 25600);
  EXPECT_EQ(report_["labor.working_age_share.denominator"], 40004);
  EXPECT_EQ(Int("labor.employed"), 21000);
  EXPECT_EQ(Round2("labor.employment_rate"), 0.82);
  EXPECT_EQ(Int("labor.zero_employment_households"), 0);
}

TEST_F(DemoReport, IndustryAndGovernance) {
  EXPECT_EQ(Int("industry.parks"), 15);
  EXPECT_EQ(Int("industry.sites_with_workshop"), 18);
  EXPECT_DOUBLE_EQ(report_["industry.custody_mu"].get<double>(), 24000.0);
  EXPECT_DOUBLE_EQ(report_["industry.land_transfer_mu"].get<double>(), 15000.0);
  EXPECT_EQ(Int("governance.sites_with_party_branch"), 18);
  EXPECT_EQ(Int("governance.party_organisations"), 18);
  EXPECT_EQ(Round2("governance.convention_rate"), 0.70);
}

TEST_F(DemoReport, DataQualityOfTheDemo) {
  // The generator writes valid, consistent ids and one head per household; it plants a few
  // housing units above 25 m² per person (≈0.4 %, "as in real registers").
  const auto& q = report_["data_quality"];
  for (const char* key : {"invalid_resident_id", "head_count", "id_mismatch"})
    EXPECT_EQ(q[key]["count"], 0) << key << ": " << q[key]["examples"];
  const int64_t housing = q["housing_over_25m2_per_person"]["count"].get<int64_t>();
  EXPECT_LT(housing, 13337 / 100);
  EXPECT_EQ(q["housing_over_25m2_per_person"]["examples"].size(),
            static_cast<size_t>(std::min<int64_t>(housing, 10)));
}

}  // namespace
