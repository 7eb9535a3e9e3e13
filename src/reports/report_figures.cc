#include "reports/report_figures.h"

#include <fmt/format.h>

#include "reports/figure_spec.h"

namespace anju::reports::detail {

std::vector<Figure> KeyFigures(const CountyReport& r) {
  std::vector<Figure> out;
  for (const FigureSpec& spec : AllFigureSpecs()) {
    Figure x;
    x.section = spec.section;
    x.key = spec.key;
    x.label_en = spec.label_en;
    x.label_zh = spec.label_zh;
    const FigureValue v = spec.value(r);
    if (spec.unit == FigureUnit::kMu) {
      x.kind = Figure::Kind::kMu;
      x.centimu = v.centimu;
    } else if (spec.unit == FigureUnit::kRate) {
      x.kind = Figure::Kind::kRate;
      x.rate = v.rate;
    } else {
      x.kind = Figure::Kind::kCount;
      x.count = v.count;
    }
    out.push_back(std::move(x));
  }
  return out;
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
  if (key == "resident_id_pending")
    return Pick(lang, "Persons whose resident id is to be filled (newborns)", "身份证号待补录的人员（新生儿）");
  return std::string(key);
}

std::string SectionLabel(std::string_view s, Lang lang) {
  for (const SectionSpec& spec : AllSections())  // the figure sections, declared by modules
    if (spec.id == s) return Pick(lang, spec.label_en, spec.label_zh);
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
