// JSON of the web import's answers; see json.h. Moved from the former http/import_routes.cc
// (issue #13).
#include "importer/http/json.h"

#include <fmt/format.h>

#include <string>
#include <utility>

#include "core/resident_id.h"
#include "importer/fix_zh.h"

namespace anju::importer {

using nlohmann::json;

namespace {

// Faults sent in one answer; the error report has them all.
constexpr size_t kMaxFaultsInJson = 500;

// The Chinese of SheetReport::skipped_reason (importer.cc); "" for a reason not listed here
// (the page then shows the English).
std::string SkippedReasonZh(std::string_view reason) {
  static constexpr std::pair<std::string_view, std::string_view> kReasons[] = {
      {"not selected (--sheet)", "未选中（--sheet）"},
      {"the list of faults of an anju error report", "anju 错误报告中的问题明细表"},
      {"hidden sheet", "隐藏的工作表"},
      {"no header row", "没有表头行"},
      {"empty sheet", "空工作表"},
  };
  for (const auto& [en, zh] : kReasons)
    if (en == reason) return std::string(zh);
  return "";
}

// The web page has no --sheet / --mapping (command-line flags, found by the session-5 tester):
// a fix that offers them is sent as what the clerk can do on the page, {fix, fix_zh}; other
// fixes as the importer words them (fix_zh.h).
std::pair<std::string, std::string> WebFix(const importer::Fault& f) {
  if (f.fix.find("--sheet") != std::string::npos && f.fix.starts_with("unhide it"))
    return {"unhide the sheet in the spreadsheet and upload the file again",
            "在表格软件中取消隐藏该工作表后重新上传"};
  if (f.fix.find("--mapping") != std::string::npos || f.fix.find("--sheet") != std::string::npos)
    return {"check the sheets and put the column names of the roster template in one header row "
            "above the data, then upload the file again",
            "检查工作表，在数据上方的一行中按花名册模板写明列名后重新上传"};
  return {f.fix, importer::FixZh(f)};
}

}  // namespace

// Faults and preview rows show ids and phones masked for every role (a list on screen; the
// clerk has the file, and the error report download carries the rows whole so they can be
// fixed and sent back).
json ImportJson(const importer::ImportResult& r, const std::string& report_id) {
  json sheets = json::array();
  for (const auto& s : r.sheets) {
    json cols = json::array();
    json j = {{"file", s.file},           {"name", s.name},
              {"hidden", s.hidden},       {"imported", s.imported},
              {"skipped_reason", s.skipped_reason},
              {"skipped_reason_zh", SkippedReasonZh(s.skipped_reason)},
              {"data_rows", s.data_rows}, {"blank_rows", s.blank_rows},
              {"footer_rows", s.footer_rows}};
    if (s.header) {
      for (const auto& c : s.header->columns)
        cols.push_back({{"column", importer::ColumnLetter(c.col)},
                        {"header", c.header},
                        {"field", c.field == importer::Field::kIgnored ? "" : std::string(importer::FieldName(c.field))}});
      j["header_first_row"] = s.header->first_row;
      j["header_last_row"] = s.header->last_row;
      j["unknown_columns"] = s.header->unknown;
    }
    j["columns"] = std::move(cols);
    sheets.push_back(std::move(j));
  }
  json preview = json::array();
  for (const auto& row : r.preview) {
    json o = json::object();
    for (const auto& [k, v] : row) o[k] = v;
    preview.push_back(std::move(o));
  }
  json faults = json::array();
  for (size_t i = 0; i < r.faults.size() && i < kMaxFaultsInJson; ++i) {
    const auto& f = r.faults[i];
    std::string raw = f.raw;
    if (f.field == "resident_id") raw = MaskResidentId(raw);
    if (f.field == "phone") raw = MaskPhone(raw);
    auto [fix, fix_zh] = WebFix(f);
    faults.push_back({{"error", f.error},   {"file", f.file},     {"sheet", f.sheet},   {"row", f.row},
                      {"column", f.column}, {"header", f.header}, {"field", f.field},   {"raw", raw},
                      {"kind", f.kind},     {"reason", f.reason}, {"reason_zh", f.reason_zh}, {"fix", fix},
                      {"fix_zh", fix_zh}});
  }
  json j = {
      {"file", r.files.empty() ? "" : r.files[0]},
      {"format", r.formats.empty() ? "" : r.formats[0]},
      {"encoding", r.encodings.empty() ? "" : r.encodings[0]},
      {"sheets", std::move(sheets)},
      {"preview", std::move(preview)},
      {"faults", std::move(faults)},
      {"faults_total", static_cast<int64_t>(r.faults.size()) + r.faults_dropped},
      {"committed", r.committed},
      {"counts",
       {{"rows_read", r.rows_read},
        {"rows_valid", r.rows_valid},
        {"rows_rejected", r.rows_rejected},
        {"errors", r.errors},
        {"warnings", r.warnings},
        {"persons_created", r.persons_created},
        {"persons_updated", r.persons_updated},
        {"persons_unchanged", r.persons_unchanged},
        {"households_created", r.households_created},
        {"households_updated", r.households_updated},
        {"households_unchanged", r.households_unchanged},
        {"events_recorded", r.events_recorded}}},
  };
  j["id"] = report_id.empty() ? json(nullptr) : json(report_id);
  j["errors_report"] = report_id.empty() ? json(nullptr) : json(fmt::format("/api/v1/imports/{}/errors.xlsx", report_id));
  return j;
}

}  // namespace anju::importer
