// Plain-text rendering of the county report (zh/en), aligned for a terminal.
#include <fmt/format.h>

#include "reports/report_figures.h"
#include "reports/report_render.h"

namespace anju::reports {

using detail::Pad;
using detail::FormatPercent;
using detail::Pick;

namespace {

// Renders rows as columns; `right[i]` right-aligns column i.
std::string Table(const std::vector<std::vector<std::string>>& rows, const std::vector<bool>& right) {
  std::vector<int> width;
  for (const auto& row : rows)
    for (size_t i = 0; i < row.size(); ++i) {
      if (width.size() <= i) width.push_back(0);
      width[i] = std::max(width[i], detail::DisplayWidth(row[i]));
    }
  std::string out;
  for (const auto& row : rows) {
    out += "  ";
    for (size_t i = 0; i < row.size(); ++i) {
      bool last = i + 1 == row.size();
      bool r = i < right.size() && right[i];
      out += last && !r ? row[i] : Pad(row[i], width[i], r);
      if (!last) out += "  ";
    }
    out += "\n";
  }
  return out;
}

}  // namespace

std::string RenderText(const CountyReport& r, Lang lang) {
  std::string out;
  const std::string county = r.county_name.empty() ? Pick(lang, "County", "本县") : r.county_name;
  std::string where = r.site_filter.empty() ? "" : Pick(lang, " — site ", " — 安置点 ") + r.site_filter;
  if (lang == Lang::kZh)
    out += fmt::format("{}易地扶贫搬迁后续扶持统计报表{}（截至 {}）\n", county, where,
                       FormatIsoDate(r.as_of));
  else
    out += fmt::format("{} poverty-alleviation relocation follow-up report{} (as of {})\n", county,
                       where, FormatIsoDate(r.as_of));
  if (r.is_demo)
    out += Pick(lang, "(demo database: fictitious records)\n", "（演示数据库：虚构记录）\n");
  if (r.households_excluded_after_as_of > 0)
    out += lang == Lang::kZh
               ? fmt::format("（{} 户在统计日之后入住，未计入）\n", r.households_excluded_after_as_of)
               : fmt::format("({} households that moved in after that day are not counted)\n",
                             r.households_excluded_after_as_of);

  std::string section;
  std::vector<std::vector<std::string>> rows;
  auto flush = [&] {
    if (!rows.empty()) out += Table(rows, {false, true});
    rows.clear();
  };
  for (const auto& f : detail::KeyFigures(r)) {
    if (f.section != section) {
      flush();
      section = f.section;
      out += fmt::format("\n{}\n", detail::SectionLabel(section, lang));
    }
    rows.push_back({Pick(lang, f.label_en, f.label_zh), detail::FigureValueText(f, lang)});
  }
  flush();

  out += fmt::format("\n{}\n", Pick(lang, std::string("Sites"), std::string("安置点明细")));
  std::vector<std::vector<std::string>> t;
  t.push_back(lang == Lang::kZh
                  ? std::vector<std::string>{"安置点", "模式", "乡镇", "户", "人", "规模",
                                             "18-60岁", "就业", "就业率", "园区", "车间"}
                  : std::vector<std::string>{"site", "mode", "township", "households", "persons",
                                             "size", "aged 18-60", "employed", "rate", "parks",
                                             "workshop"});
  for (const auto& s : r.sites)
    t.push_back({s.name, detail::ModeLabel(s.mode, lang), s.township,
                 detail::FormatCount(s.total.households, lang),
                 detail::FormatCount(s.total.persons, lang), detail::SizeClassLabel(s.size_class, lang),
                 detail::FormatCount(s.working_age, lang), detail::FormatCount(s.employed, lang),
                 FormatPercent(s.employment_rate), std::to_string(s.parks),
                 s.has_workshop ? Pick(lang, "yes", "有") : Pick(lang, "no", "无")});
  out += Table(t, {false, false, false, true, true, false, true, true, true, true, false});

  out += fmt::format("\n{}\n", detail::SectionLabel("townships", lang));
  t.clear();
  t.push_back(lang == Lang::kZh
                  ? std::vector<std::string>{"乡镇", "户", "人", "建档立卡户", "建档立卡人口",
                                             "同步搬迁户", "同步搬迁人口", "整村", "插花"}
                  : std::vector<std::string>{"township", "households", "persons", "poor hh",
                                             "poor persons", "co-reloc. hh", "co-reloc. persons",
                                             "whole-village", "scattered"});
  for (const auto& tw : r.origin_townships)
    t.push_back({tw.name.empty() ? tw.code : tw.name, detail::FormatCount(tw.total.households, lang),
                 detail::FormatCount(tw.total.persons, lang),
                 detail::FormatCount(tw.registered_poor.households, lang),
                 detail::FormatCount(tw.registered_poor.persons, lang),
                 detail::FormatCount(tw.co_relocated.households, lang),
                 detail::FormatCount(tw.co_relocated.persons, lang),
                 std::to_string(tw.whole_village_villages), std::to_string(tw.scattered_villages)});
  out += Table(t, {false, true, true, true, true, true, true, true, true});

  out += fmt::format("\n{}\n", detail::SectionLabel("quality", lang));
  for (const auto& q : r.quality.issues) {
    out += fmt::format("  {}: {}\n", detail::QualityLabel(q.key, lang), detail::FormatCount(q.count, lang));
    for (const auto& e : lang == Lang::kZh ? q.examples_zh : q.examples) out += fmt::format("    - {}\n", e);
  }
  if (!r.notes_en.empty()) {
    out += fmt::format("\n{}\n", detail::SectionLabel("notes", lang));
    const auto& notes = lang == Lang::kZh ? r.notes_zh : r.notes_en;
    for (const auto& n : notes) out += fmt::format("  * {}\n", n);
  }
  return out;
}

}  // namespace anju::reports
