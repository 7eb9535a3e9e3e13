// The jobs area's ledgers for the generic table import/export (docs/industry.md "Jobs", "Tables"):
// migrant_roster = the national （务工月监测）已外出务工信息 sheet. Its rows are not stored under
// that name: the writer (industry/storage/sqlite_migrant_roster.h, installed by module.cc) finds
// the person and records or updates a job (source import) through the jobs rules.
#include <string>
#include <utility>
#include <vector>

#include "importer/table_import.h"
#include "industry/jobs.h"
#include "industry/parts.h"

namespace anju::industry {

namespace {

using importer::CodeChoice;
using importer::ColumnSpec;
using importer::ColumnType;

ColumnSpec Col(std::string name, ColumnType type, bool required, std::string zh, std::string en,
               std::vector<std::string> syn, size_t max_chars = 100) {
  ColumnSpec c;
  c.name = std::move(name);
  c.type = type;
  c.required = required;
  c.header_zh = std::move(zh);
  c.header_en = std::move(en);
  c.synonyms = std::move(syn);
  c.max_chars = max_chars;
  return c;
}

// Text without spaces (ids and numbers typed with spaces or full-width spaces).
std::string NoSpaces(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ' || s[i] == '\t') continue;
    if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE3 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        static_cast<unsigned char>(s[i + 2]) == 0x80) {
      i += 2;
      continue;
    }
    out += s[i];
  }
  return out;
}

// 就业渠道: a wire name, the Chinese label, or the synonyms ParseChannel accepts (jobs.cc).
ColumnSpec ChannelColumn() {
  ColumnSpec channel = Col("channel", ColumnType::kCodeList, true, "就业渠道", "channel", {"就业方式", "务工渠道"});
  for (Channel c : kAllChannels) channel.codes.push_back(CodeChoice{std::string(ChannelName(c)), std::string(ChannelLabelZh(c)), {}});
  // The synonyms ParseChannel accepts (jobs.cc), as the ledgers write them.
  auto add = [&](std::string_view code, std::vector<std::string> syn) {
    for (auto& c : channel.codes)
      if (c.code == code) c.synonyms = std::move(syn);
  };
  add("workshop", {"扶贫车间", "车间", "帮扶车间", "就业帮扶车间"});
  add("park", {"园区", "农业园区", "产业园区"});
  add("welfare_post", {"公益岗位", "公益岗", "公益性岗位"});
  add("enterprise", {"企业就业", "企业", "企业务工"});
  add("migrant_work", {"务工", "劳务输出", "外出务工"});
  add("self_employed", {"创业", "自主经营", "自主创业"});
  add("flexible", {"零工", "打零工", "灵活就业"});
  add("other", {"其它", "其他"});
  return channel;
}

// 务工地点: 乡（镇）内, 乡（镇）外县内, 县外省内, 省外 (or the wire names).
ColumnSpec PlaceColumn() {
  ColumnSpec place = Col("place", ColumnType::kCodeList, false, "务工地点", "place of work", {"务工区域", "务工地域"});
  place.codes = {CodeChoice{"township", "乡（镇）内", {"乡镇内", "乡(镇)内", "镇内", "乡内"}},
                 CodeChoice{"county", "乡（镇）外县内", {"乡镇外县内", "乡(镇)外县内", "县内"}},
                 CodeChoice{"province", "县外省内", {"省内", "县外"}},
                 CodeChoice{"outside", "省外", {"外省", "境外"}}};
  return place;
}

}  // namespace

importer::TableSpec& MigrantRosterSpec() {
  static importer::TableSpec* spec = [] {
    auto* s = new importer::TableSpec;
    s->table = "migrant_roster";
    s->entity = "migrant_roster_row";
    s->title_zh = "已外出务工信息";
    s->title_en = "migrant work roster";
    ColumnSpec no = Col("household_no", ColumnType::kText, false, "户编号", "household no.", {"户号", "household_no"}, 30);
    no.cleaner = NoSpaces;
    s->columns.push_back(std::move(no));
    s->columns.push_back(Col("name", ColumnType::kText, true, "姓名", "name", {"务工人员姓名", "人员姓名"}, 64));
    ColumnSpec id = Col("resident_id", ColumnType::kText, false, "身份证号", "resident id",
                        {"身份证号码", "公民身份号码", "证件号码", "resident_id"}, 30);
    id.cleaner = NoSpaces;
    id.masked = true;  // shown as 141124********123X in faults
    s->columns.push_back(std::move(id));
    s->columns.push_back(Col("work_county", ColumnType::kText, false, "务工所在县", "county of work",
                             {"务工所在地", "务工县", "务工所在县（市、区）"}, 100));
    s->columns.push_back(ChannelColumn());
    s->columns.push_back(Col("employer", ColumnType::kText, false, "务工企业名称", "employer",
                             {"企业名称", "务工单位", "就业单位", "用工单位"}, 100));
    s->columns.push_back(Col("started_on", ColumnType::kDate, true, "开始时间", "start", {"务工开始时间", "外出时间", "就业时间"}));
    s->columns.push_back(Col("ended_on", ColumnType::kDate, false, "结束时间", "end", {"务工结束时间", "返乡时间"}));
    ColumnSpec income = Col("monthly_income_fen", ColumnType::kMoneyFen, false, "月收入（元）", "monthly income (yuan)",
                            {"月收入", "月均收入", "月工资"});
    income.min_value = 0;
    s->columns.push_back(std::move(income));
    s->columns.push_back(PlaceColumn());
    // Rows are people's jobs, not keyed records: two persons of one name are two rows.
    s->keyless = true;
    return s;
  }();
  return *spec;
}

importer::TableSpec& EmployerRosterSpec() {
  static importer::TableSpec* spec = [] {
    auto* s = new importer::TableSpec;
    s->table = "employer_roster";
    s->entity = "employer_roster_row";
    s->title_zh = "用工花名册";
    s->title_en = "employer roster";
    s->columns.push_back(Col("employer", ColumnType::kText, true, "用工单位", "employer",
                             {"用工单位名称", "单位名称", "企业名称", "务工企业名称", "就业单位"}, 100));
    ColumnSpec code = Col("credit_code", ColumnType::kText, false, "统一社会信用代码", "unified social credit code",
                          {"信用代码", "社会信用代码"}, 18);
    code.cleaner = NoSpaces;
    s->columns.push_back(std::move(code));
    s->columns.push_back(Col("name", ColumnType::kText, true, "姓名", "name", {"职工姓名", "员工姓名", "人员姓名"}, 64));
    ColumnSpec id = Col("resident_id", ColumnType::kText, true, "身份证号", "resident id",
                        {"身份证号码", "公民身份号码", "证件号码", "resident_id"}, 30);
    id.cleaner = NoSpaces;
    id.masked = true;  // shown as 141124********123X in faults
    s->columns.push_back(std::move(id));
    s->columns.push_back(Col("post", ColumnType::kText, false, "岗位", "post", {"工作岗位", "工种", "职务"}, 64));
    s->columns.push_back(ChannelColumn());
    s->columns.push_back(PlaceColumn());
    s->columns.push_back(Col("started_on", ColumnType::kDate, true, "入职日期", "start", {"入职时间", "上岗时间", "开始时间"}));
    ColumnSpec end = Col("ended_on", ColumnType::kDate, false, "离职日期", "end", {"离职时间", "结束时间"});
    end.future_allowed = true;  // a notice already given; the export's current jobs may carry one
    s->columns.push_back(std::move(end));
    ColumnSpec income = Col("monthly_income_fen", ColumnType::kMoneyFen, false, "月收入（元）", "monthly income (yuan)",
                            {"月收入", "月工资", "月均工资", "月均收入"});
    income.min_value = 0;
    s->columns.push_back(std::move(income));
    // One job of one person with one employer from one day: the same key twice in a file is
    // refused on both rows (which is right cannot be known).
    s->key = {"resident_id", "employer", "started_on"};
    return s;
  }();
  return *spec;
}

std::vector<const importer::TableSpec*> JobTables() { return {&MigrantRosterSpec(), &EmployerRosterSpec()}; }

}  // namespace anju::industry
