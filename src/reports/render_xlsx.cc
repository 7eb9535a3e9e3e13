// xlsx rendering of the county report with libxlsxwriter (Debian libxlsxwriter-dev).
#include <fmt/format.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "reports/report_figures.h"
#include "reports/report_render.h"

namespace anju::reports {

using detail::FormatPercent;
using detail::Pick;

namespace {

// Owns the workbook until it is closed (workbook_close writes and frees it).
class Workbook {
 public:
  explicit Workbook(const std::string& path) : wb_(workbook_new(path.c_str())) {}
  ~Workbook() {
    if (wb_) workbook_close(wb_);
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;
  lxw_workbook* get() { return wb_; }
  /// Writes the file; returns libxlsxwriter's error code.
  lxw_error Close() {
    lxw_error e = workbook_close(wb_);
    wb_ = nullptr;
    return e;
  }

 private:
  lxw_workbook* wb_;
};

struct Formats {
  lxw_format* title;
  lxw_format* header;
  lxw_format* text;
  lxw_format* integer;
  lxw_format* mu;
  lxw_format* percent;
  lxw_format* section;
};

// A sheet with a merged title row (row 0), an empty row, and a header row (row 2).
lxw_worksheet* AddTableSheet(lxw_workbook* wb, const Formats& f, const std::string& name,
                             const std::string& title, const std::vector<std::string>& headers,
                             const std::vector<double>& widths) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
  worksheet_set_paper(ws, 9);  // A4
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_set_row(ws, 0, 24, nullptr);
  worksheet_merge_range(ws, 0, 0, 0, static_cast<lxw_col_t>(headers.size() - 1), title.c_str(),
                        f.title);
  for (size_t c = 0; c < headers.size(); ++c) {
    worksheet_write_string(ws, 2, static_cast<lxw_col_t>(c), headers[c].c_str(), f.header);
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                         c < widths.size() ? widths[c] : 12, nullptr);
  }
  worksheet_freeze_panes(ws, 3, 0);
  worksheet_repeat_rows(ws, 2, 2);
  return ws;
}

void Num(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, int64_t v, const Formats& f) {
  worksheet_write_number(ws, r, c, static_cast<double>(v), f.integer);
}
void Str(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::string& v, const Formats& f) {
  worksheet_write_string(ws, r, c, v.c_str(), f.text);
}

}  // namespace

Status WriteXlsx(const CountyReport& r, Lang lang, const std::string& path) {
  Workbook book(path);
  lxw_workbook* wb = book.get();
  if (!wb)
    return std::unexpected(Error{ErrorCode::kInvalidArgument, fmt::format("cannot create {}", path),
                                 fmt::format("无法创建文件 {}", path), "out", path, {}});
  Formats f{};
  const char* font = "Noto Sans CJK SC";
  auto add = [&](bool bold, bool border, const char* num) {
    lxw_format* x = workbook_add_format(wb);
    format_set_font_name(x, font);
    format_set_font_size(x, 10);
    if (bold) format_set_bold(x);
    if (border) format_set_border(x, LXW_BORDER_THIN);
    if (num) format_set_num_format(x, num);
    format_set_align(x, LXW_ALIGN_VERTICAL_TOP);
    return x;
  };
  f.title = add(true, false, nullptr);
  format_set_font_size(f.title, 14);
  format_set_align(f.title, LXW_ALIGN_LEFT);
  f.header = add(true, true, nullptr);
  format_set_bg_color(f.header, 0xE7E6E6);
  format_set_text_wrap(f.header);
  f.text = add(false, true, "@");
  f.integer = add(false, true, "#,##0");
  f.mu = add(false, true, "#,##0.00");
  f.percent = add(false, true, "0.0%");
  f.section = add(true, true, nullptr);
  format_set_bg_color(f.section, 0xF2F2F2);

  const std::string county = r.county_name.empty() ? Pick(lang, "County", "本县") : r.county_name;
  const std::string as_of = FormatIsoDate(r.as_of);
  const std::string where = r.site_filter.empty() ? "" : fmt::format(" — {}", r.site_filter);
  auto title = [&](const char* en, const char* zh) {
    return lang == Lang::kZh ? fmt::format("{}{}{}（截至 {}）", county, zh, where, as_of)
                             : fmt::format("{} — {}{} (as of {})", county, en, where, as_of);
  };

  // Summary: key figures.
  lxw_worksheet* ws = AddTableSheet(
      wb, f, Pick(lang, "Summary", "总表"), title("relocation follow-up report", "易地扶贫搬迁后续扶持统计报表"),
      lang == Lang::kZh ? std::vector<std::string>{"指标", "数值", "分子", "分母", "报表键"}
                        : std::vector<std::string>{"Figure", "Value", "Numerator", "Denominator",
                                                   "Report key"},
      {40, 14, 12, 12, 34});
  lxw_row_t row = 3;
  std::string section;
  for (const auto& fig : detail::KeyFigures(r)) {
    if (fig.section != section) {
      section = fig.section;
      worksheet_merge_range(ws, row, 0, row, 4, detail::SectionLabel(section, lang).c_str(), f.section);
      ++row;
    }
    Str(ws, row, 0, Pick(lang, fig.label_en, fig.label_zh), f);
    switch (fig.kind) {
      case detail::Figure::Kind::kCount:
        if (fig.count) Num(ws, row, 1, *fig.count, f);
        else Str(ws, row, 1, "—", f);
        worksheet_write_blank(ws, row, 2, f.text);
        worksheet_write_blank(ws, row, 3, f.text);
        break;
      case detail::Figure::Kind::kMu:
        if (fig.centimu)
          worksheet_write_number(ws, row, 1, static_cast<double>(*fig.centimu) / 100.0, f.mu);
        else
          Str(ws, row, 1, "—", f);
        worksheet_write_blank(ws, row, 2, f.text);
        worksheet_write_blank(ws, row, 3, f.text);
        break;
      case detail::Figure::Kind::kRate:
        if (auto v = fig.rate.value()) worksheet_write_number(ws, row, 1, *v, f.percent);
        else Str(ws, row, 1, "—", f);
        Num(ws, row, 2, fig.rate.numerator, f);
        Num(ws, row, 3, fig.rate.denominator, f);
        break;
    }
    Str(ws, row, 4, fig.key, f);
    ++row;
  }
  const auto& notes = lang == Lang::kZh ? r.notes_zh : r.notes_en;
  row += 1;
  for (const auto& n : notes) worksheet_write_string(ws, row++, 0, n.c_str(), nullptr);

  // Sites.
  ws = AddTableSheet(
      wb, f, Pick(lang, "Sites", "安置点"), title("resettlement sites", "安置点明细"),
      lang == Lang::kZh
          ? std::vector<std::string>{"安置点", "模式", "乡镇", "乡镇代码", "户", "人",
                                     "建档立卡户", "建档立卡人口", "同步搬迁户", "同步搬迁人口",
                                     "规模", "规划容量", "18-60岁", "就业", "就业率",
                                     "零就业家庭", "园区", "扶贫车间", "党支部"}
          : std::vector<std::string>{"Site", "Mode", "Township", "Township code", "Households",
                                     "Persons", "Poor hh", "Poor persons", "Co-reloc. hh",
                                     "Co-reloc. persons", "Size class", "Planned capacity",
                                     "Aged 18–60", "Employed", "Employment rate",
                                     "Zero-employment hh", "Parks", "Workshop", "Party branch"},
      {22, 14, 12, 12, 9, 9, 10, 10, 10, 10, 14, 10, 10, 9, 10, 10, 7, 9, 9});
  row = 3;
  for (const auto& s : r.sites) {
    Str(ws, row, 0, s.name, f);
    Str(ws, row, 1, detail::ModeLabel(s.mode, lang), f);
    Str(ws, row, 2, s.township, f);
    Str(ws, row, 3, s.township_code, f);
    Num(ws, row, 4, s.total.households, f);
    Num(ws, row, 5, s.total.persons, f);
    Num(ws, row, 6, s.registered_poor.households, f);
    Num(ws, row, 7, s.registered_poor.persons, f);
    Num(ws, row, 8, s.co_relocated.households, f);
    Num(ws, row, 9, s.co_relocated.persons, f);
    Str(ws, row, 10, detail::SizeClassLabel(s.size_class, lang), f);
    if (s.planned_capacity) Num(ws, row, 11, *s.planned_capacity, f);
    else worksheet_write_blank(ws, row, 11, f.text);
    Num(ws, row, 12, s.working_age, f);
    Num(ws, row, 13, s.employed, f);
    if (auto v = s.employment_rate.value()) worksheet_write_number(ws, row, 14, *v, f.percent);
    else Str(ws, row, 14, "—", f);
    Num(ws, row, 15, s.zero_employment_households, f);
    Num(ws, row, 16, s.parks, f);
    Str(ws, row, 17, s.has_workshop ? Pick(lang, "yes", "有") : Pick(lang, "no", "无"), f);
    Str(ws, row, 18, s.has_party_branch ? Pick(lang, "yes", "有") : Pick(lang, "no", "无"), f);
    ++row;
  }

  // Origin townships.
  ws = AddTableSheet(
      wb, f, Pick(lang, "Origin townships", "迁出乡镇"), title("relocated population by origin township", "按迁出乡镇统计"),
      lang == Lang::kZh
          ? std::vector<std::string>{"乡镇", "代码", "户", "人", "建档立卡户", "建档立卡人口",
                                     "同步搬迁户", "同步搬迁人口", "整村搬迁村", "插花搬迁村"}
          : std::vector<std::string>{"Township", "Code", "Households", "Persons", "Poor hh",
                                     "Poor persons", "Co-reloc. hh", "Co-reloc. persons",
                                     "Whole-village villages", "Scattered villages"},
      {14, 12, 9, 9, 10, 10, 10, 10, 10, 10});
  row = 3;
  for (const auto& t : r.origin_townships) {
    Str(ws, row, 0, t.name, f);
    Str(ws, row, 1, t.code, f);
    Num(ws, row, 2, t.total.households, f);
    Num(ws, row, 3, t.total.persons, f);
    Num(ws, row, 4, t.registered_poor.households, f);
    Num(ws, row, 5, t.registered_poor.persons, f);
    Num(ws, row, 6, t.co_relocated.households, f);
    Num(ws, row, 7, t.co_relocated.persons, f);
    Num(ws, row, 8, t.whole_village_villages, f);
    Num(ws, row, 9, t.scattered_villages, f);
    ++row;
  }

  // Age bands.
  ws = AddTableSheet(wb, f, Pick(lang, "Age bands", "年龄结构"),
                     title("persons by age band (completed years)", "搬迁人口年龄结构（周岁）"),
                     lang == Lang::kZh ? std::vector<std::string>{"年龄段", "男", "女", "合计"}
                                       : std::vector<std::string>{"Age band", "Male", "Female", "Total"},
                     {12, 10, 10, 10});
  row = 3;
  for (const auto& b : r.age_pyramid) {
    Str(ws, row, 0, b.band, f);
    Num(ws, row, 1, b.male, f);
    Num(ws, row, 2, b.female, f);
    Num(ws, row, 3, b.male + b.female, f);
    ++row;
  }

  // Data quality: one row per example (ids masked, written as text).
  ws = AddTableSheet(wb, f, Pick(lang, "Data quality", "数据质量"), title("data quality", "数据质量检查"),
                     lang == Lang::kZh ? std::vector<std::string>{"检查项", "数量", "示例（身份证号已遮盖）"}
                                       : std::vector<std::string>{"Check", "Count",
                                                                  "Example (ids masked)"},
                     {40, 10, 80});
  row = 3;
  for (const auto& q : r.quality.issues) {
    Str(ws, row, 0, detail::QualityLabel(q.key, lang), f);
    Num(ws, row, 1, q.count, f);
    const auto& examples = lang == Lang::kZh ? q.examples_zh : q.examples;
    if (examples.empty()) worksheet_write_blank(ws, row, 2, f.text);
    for (size_t i = 0; i < examples.size(); ++i) {
      if (i > 0) {
        worksheet_write_blank(ws, row, 0, f.text);
        worksheet_write_blank(ws, row, 1, f.text);
      }
      Str(ws, row, 2, examples[i], f);
      if (i + 1 < examples.size()) ++row;
    }
    ++row;
  }

  errno = 0;
  lxw_error e = book.Close();
  if (e != LXW_NO_ERROR) {
    // A file problem (folder missing, disk full, no permission): the caller's input, exit 1 as
    // for exports; no half-written file is left (a device such as /dev/full is never removed).
    const std::string why = errno != 0 ? fmt::format("{} ({})", lxw_strerror(e), std::strerror(errno))
                                       : std::string(lxw_strerror(e));
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec)) std::filesystem::remove(path, ec);
    return std::unexpected(Error{ErrorCode::kInvalidArgument,
                                 fmt::format("cannot write {}: {}; check the folder exists and "
                                             "is writable",
                                             path, why),
                                 fmt::format("无法写入文件 {}：{}", path, why), "out", path, {}});
  }
  return {};
}

}  // namespace anju::reports
