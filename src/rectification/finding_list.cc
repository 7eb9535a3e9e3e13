#include "rectification/finding_list.h"

#include <fmt/format.h>

#include "rectification/finding_type.h"

namespace anju::rectification {

namespace {
// "临泉镇" -> "临泉"; "城庄镇" -> "城庄"; "安业乡" -> "安业"; "xx街道" -> "xx".
std::string ShortName(const std::string& name) {
  for (std::string_view suffix : {"街道办事处", "街道", "镇", "乡"})
    if (name.size() > suffix.size() + 3 && name.ends_with(suffix)) return name.substr(0, name.size() - suffix.size());
  return "";
}
}  // namespace

importer::TableSpec FindingListSpec(const std::vector<std::pair<std::string, std::string>>& townships) {
  using importer::ColumnSpec;
  using importer::ColumnType;
  importer::TableSpec s;
  s.table = "findings";
  s.entity = "finding";
  s.title_zh = "问题清单";
  s.title_en = "Finding list";
  ColumnSpec seq{.name = "seq_no", .type = ColumnType::kInt, .required = true, .header_zh = "序号",
                 .header_en = "No.", .synonyms = {"编号", "问题序号", "问题编号", "seq_no"}};
  seq.min_value = 1;
  seq.max_value = 100000;
  ColumnSpec desc{.name = "description", .type = ColumnType::kText, .required = true, .header_zh = "问题描述",
                  .header_en = "Finding", .synonyms = {"问题", "存在问题", "具体问题", "问题表现", "反馈问题", "问题清单"}};
  desc.max_chars = 2000;
  ColumnSpec town{.name = "township_code", .type = ColumnType::kCodeList, .header_zh = "乡镇",
                  .header_en = "Township", .synonyms = {"乡镇（街道）", "所属乡镇", "涉及乡镇", "乡镇名称"}};
  for (const auto& [code, name] : townships) {
    importer::CodeChoice c{.code = code, .zh = name, .synonyms = {}};
    if (std::string sh = ShortName(name); !sh.empty()) c.synonyms.push_back(sh);
    town.codes.push_back(std::move(c));
  }
  if (town.codes.empty()) town.codes.push_back({.code = "", .zh = "县级", .synonyms = {}});
  ColumnSpec site{.name = "site_id", .type = ColumnType::kSite, .header_zh = "安置点",
                  .header_en = "Site", .synonyms = {"安置区", "安置小区", "涉及安置点", "安置点名称"}};
  ColumnSpec unit{.name = "responsible_unit", .type = ColumnType::kText, .required = true, .header_zh = "责任单位",
                  .header_en = "Responsible unit", .synonyms = {"责任部门", "牵头单位", "责任主体", "整改责任单位"}};
  unit.max_chars = 100;
  ColumnSpec measures{.name = "measures", .type = ColumnType::kText, .header_zh = "整改措施",
                      .header_en = "Measures", .synonyms = {"整改举措", "整改措施及进展"}};
  measures.max_chars = 4000;
  ColumnSpec deadline{.name = "deadline", .type = ColumnType::kDate, .header_zh = "整改时限",
                      .header_en = "Deadline", .synonyms = {"完成时限", "整改期限", "时限", "整改完成时限"}};
  deadline.future_allowed = true;
  s.columns = {seq, desc, town, site, unit, measures, deadline};
  s.key = {"seq_no"};
  return s;
}

std::vector<std::string> LedgerHeaders() {
  return {"序号", "问题", "责任单位", "整改措施", "时限", "进展", "销号日期"};
}

std::vector<std::string> LedgerRow(const Finding& f) {
  std::string where = f.site_name.empty() ? f.township_name : f.township_name + f.site_name;
  std::string problem = where.empty() ? f.description : fmt::format("【{}】{}", where, f.description);
  std::string progress(FindingStateZh(f.state));
  if (f.overdue) progress += "（逾期）";
  if (!f.progress.empty()) progress += "：" + f.progress;
  return {std::to_string(f.seq_no),
          problem,
          f.responsible_unit,
          f.measures,
          f.deadline ? FormatIsoDate(*f.deadline) : (f.due_on ? FormatIsoDate(*f.due_on) : ""),
          progress,
          f.signed_off_on ? FormatIsoDate(*f.signed_off_on) : ""};
}

}  // namespace anju::rectification
