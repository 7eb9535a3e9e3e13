#include "reports/report_figures.h"

#include <fmt/format.h>

namespace anju::reports::detail {

std::vector<Figure> KeyFigures(const CountyReport& r) {
  using K = Figure::Kind;
  std::vector<Figure> f;
  auto count = [&](const char* section, const char* key, const char* en, const char* zh,
                   std::optional<int64_t> v) {
    Figure x;
    x.section = section;
    x.key = key;
    x.label_en = en;
    x.label_zh = zh;
    x.kind = K::kCount;
    x.count = v;
    f.push_back(std::move(x));
  };
  auto mu = [&](const char* key, const char* en, const char* zh, std::optional<int64_t> v) {
    Figure x;
    x.section = "industry";
    x.key = key;
    x.label_en = en;
    x.label_zh = zh;
    x.kind = K::kMu;
    x.centimu = v;
    f.push_back(std::move(x));
  };
  auto rate = [&](const char* section, const char* key, const char* en, const char* zh, Rate v) {
    Figure x;
    x.section = section;
    x.key = key;
    x.label_en = en;
    x.label_zh = zh;
    x.kind = K::kRate;
    x.rate = v;
    f.push_back(std::move(x));
  };
  count("population", "households.total", "Relocated households", "搬迁户数", r.total.households);
  count("population", "persons.total", "Relocated persons", "搬迁人口", r.total.persons);
  count("population", "households.registered_poor", "Registered-poor households",
        "建档立卡贫困户数", r.registered_poor.households);
  count("population", "persons.registered_poor", "Registered-poor persons", "建档立卡贫困人口",
        r.registered_poor.persons);
  count("population", "households.co_relocated", "Co-relocated households", "同步搬迁户数",
        r.co_relocated.households);
  count("population", "persons.co_relocated", "Co-relocated persons", "同步搬迁人口",
        r.co_relocated.persons);
  count("population", "origin_villages.whole_village", "Whole-village relocation villages",
        "整村搬迁村", r.whole_village_villages);
  count("population", "origin_villages.scattered", "Scattered relocation villages",
        "插花搬迁村", r.scattered_villages);
  count("sites", "sites.total", "Resettlement sites", "安置点",
        static_cast<int64_t>(r.sites.size()));
  for (auto c : {SizeClass::k3000Plus, SizeClass::k800To2999, SizeClass::kUnder800}) {
    auto it = r.sites_by_size_class.find(c);
    std::string key = std::string("sites.by_size_class.") + SizeClassKey(c);
    Figure x;
    x.section = "sites";
    x.key = key;
    x.label_en = fmt::format("Sites: {}", SizeClassLabel(c, Lang::kEn));
    x.label_zh = fmt::format("安置点：{}", SizeClassLabel(c, Lang::kZh));
    x.count = it == r.sites_by_size_class.end() ? 0 : it->second;
    f.push_back(std::move(x));
  }
  count("labor", "labor.working_age", "Persons aged 18–60", "18至60周岁人口",
        r.labor.working_age);
  rate("labor", "labor.working_age_share", "Share of relocated persons aged 18–60",
       "18至60周岁人口占搬迁人口比例", r.labor.working_age_share);
  count("labor", "labor.employed", "Of whom employed or self-employed", "其中就业创业人数",
        r.labor.employed);
  rate("labor", "labor.employment_rate", "Employment rate (aged 18–60)", "就业率（18至60周岁）",
       r.labor.employment_rate);
  count("labor", "labor.zero_employment_households", "Zero-employment households",
        "零就业家庭", r.labor.zero_employment_households);
  count("industry", "industry.parks", "Industrial parks (built and planned)",
        "产业园区（含拟建）", r.industry.parks);
  count("industry", "industry.sites_with_workshop", "Sites with a poverty-alleviation workshop",
        "配套扶贫车间的安置点", r.industry.sites_with_workshop);
  mu("industry.custody_mu", "Agricultural custody service area", "农业生产托管面积",
     r.industry.custody_centimu);
  mu("industry.land_transfer_mu", "Land transfer area", "土地流转面积",
     r.industry.land_transfer_centimu);
  count("governance", "governance.sites_with_party_branch", "Sites with a party branch",
        "成立党支部的安置点", r.governance.sites_with_party_branch);
  count("governance", "governance.party_organisations", "New party organisations",
        "新设党组织", r.governance.party_organisations);
  rate("governance", "governance.convention_rate", "Resident convention signed (households)",
       "居民公约签订率（按户）", r.governance.convention_rate);
  return f;
}

std::string ModeLabel(std::string_view mode, Lang lang) {
  struct M {
    const char* id;
    const char* en;
    const char* zh;
  };
  static constexpr M kModes[] = {{"county_town", "near the county town", "县城周边"},
                                 {"township_seat", "at a township seat", "乡镇所在地"},
                                 {"large_village", "relying on a large village", "依托大村"},
                                 {"dispersed", "dispersed", "分散安置"}};
  for (const auto& m : kModes)
    if (mode == m.id) return Pick(lang, m.en, m.zh);
  return std::string(mode);
}

std::string SizeClassLabel(SizeClass c, Lang lang) {
  switch (c) {
    case SizeClass::k3000Plus: return Pick(lang, "3,000 persons and more", "3000人以上");
    case SizeClass::k800To2999: return Pick(lang, "800–2,999 persons", "800-3000人");
    case SizeClass::kUnder800: return Pick(lang, "under 800 persons", "800人以下");
  }
  return "";
}

std::string QualityLabel(std::string_view key, Lang lang) {
  if (key == "invalid_resident_id")
    return Pick(lang, "Persons with an invalid resident id", "身份证号无效的人员");
  if (key == "head_count")
    return Pick(lang, "Households without exactly one head", "户主不是恰好一人的户");
  if (key == "id_mismatch")
    return Pick(lang, "Persons whose sex or birth date disagrees with the id",
                "性别或出生日期与身份证号不符的人员");
  if (key == "site_over_capacity")
    return Pick(lang, "Sites above planned capacity", "超出规划容量的安置点");
  if (key == "housing_over_25m2_per_person")
    return Pick(lang, "Registered-poor households above 25 m² per person",
                "人均住房面积超过25平方米的建档立卡户");
  return std::string(key);
}

std::string SectionLabel(std::string_view s, Lang lang) {
  if (s == "population") return Pick(lang, "Relocated population", "搬迁人口");
  if (s == "sites") return Pick(lang, "Resettlement sites", "安置点");
  if (s == "labor") return Pick(lang, "Labour and employment", "劳动力与就业");
  if (s == "industry") return Pick(lang, "Industry", "后续产业");
  if (s == "governance") return Pick(lang, "Community governance", "社区治理");
  if (s == "townships") return Pick(lang, "By origin township", "按迁出乡镇");
  if (s == "quality") return Pick(lang, "Data quality", "数据质量");
  if (s == "notes") return Pick(lang, "Notes", "说明");
  return std::string(s);
}

std::string FormatCount(int64_t v, Lang lang) {
  const std::string digits = std::to_string(v < 0 ? -v : v);
  std::string out = v < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (lang == Lang::kEn && i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string FormatPercent(const Rate& rate) {
  auto v = rate.value();
  if (!v) return "—";
  return fmt::format("{:.1f}%", *v * 100.0);
}

std::string FormatMuValue(int64_t centimu) {
  if (centimu % 100 == 0) return std::to_string(centimu / 100);
  return fmt::format("{}.{:02d}", centimu / 100, centimu % 100);
}

std::string FigureValueText(const Figure& f, Lang lang) {
  switch (f.kind) {
    case Figure::Kind::kCount:
      return f.count ? FormatCount(*f.count, lang) : "—";
    case Figure::Kind::kMu:
      if (!f.centimu) return "—";
      return FormatMuValue(*f.centimu) + Pick(lang, " mu", " 亩");
    case Figure::Kind::kRate:
      if (!f.rate.value()) return "—";
      return fmt::format("{} ({}/{})", FormatPercent(f.rate), FormatCount(f.rate.numerator, lang),
                         FormatCount(f.rate.denominator, lang));
  }
  return "—";
}

int DisplayWidth(std::string_view s) {
  int w = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    uint32_t cp = 0;
    size_t n = 1;
    if (c < 0x80) {
      cp = c;
    } else if ((c >> 5) == 6 && i + 1 < s.size()) {
      cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
      n = 2;
    } else if ((c >> 4) == 14 && i + 2 < s.size()) {
      cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
      n = 3;
    } else if ((c >> 3) == 30 && i + 3 < s.size()) {
      cp = 0x10000;  // supplementary planes: CJK extensions, emoji — wide
      n = 4;
    }
    // Wide: Hangul Jamo, CJK radicals..Yi, Hangul syllables, compatibility ideographs,
    // CJK compatibility forms, full-width forms, supplementary ideographs.
    bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x10000;
    w += wide ? 2 : 1;
    i += n;
  }
  return w;
}

std::string Pad(std::string_view s, int width, bool right) {
  int w = DisplayWidth(s);
  std::string pad(static_cast<size_t>(std::max(0, width - w)), ' ');
  return right ? pad + std::string(s) : std::string(s) + pad;
}

}  // namespace anju::reports::detail
