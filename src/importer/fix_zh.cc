#include "importer/fix_zh.h"

#include <vector>

namespace anju::importer {

namespace {

// English fix (as the importer writes it; `{}` for a varying part) -> Chinese ({N}: the N-th
// varying part). Exact texts are tried before patterns, and patterns in this order, so a
// longer pattern ("fill in the {}") comes before a shorter one ("fill in {}").
struct FixText {
  std::string_view en;
  std::string_view zh;
};

constexpr FixText kFixes[] = {
    // resident ids (clean.cc, CleanResidentId)
    {"format the column as 文本 (Text) before typing or pasting ids, or type an apostrophe before the number; then "
     "type the id again from the 户口簿 or ID card",
     "先把该列设为“文本”格式再录入或粘贴身份证号（或在数字前加英文单引号），然后按户口簿或身份证重新录入"},
    {"open the file in Excel/WPS, let it calculate and save, or paste as values",
     "用 Excel/WPS 打开文件，重新计算后保存，或选择性粘贴为数值"},
    {"save the file as UTF-8", "将文件另存为 UTF-8 编码"},
    {"none needed", "无需处理"},
    {"fill in the 18-character id from the 户口簿 or ID card (a newborn without one yet: 待补录, with 性别 and 出生日期)",
     "按户口簿或身份证填写 18 位身份证号（新生儿暂无身份证号的写“待补录”，并填写性别和出生日期）"},
    {"a look-alike character stands where '{}' belongs; retype the id with digits (and X only as the last "
     "character)",
     "应为“{0}”的位置是一个形似字符；请用数字重新录入（X 只能是最后一位）"},
    {"the id ends in 000: a spreadsheet probably rounded it as a number; retype it from the 户口簿 into a "
     "Text-formatted cell",
     "身份证号以 000 结尾，可能被表格当作数字截断；请在“文本”格式的单元格中按户口簿重新录入"},
    {"compare each digit with the ID card; one is mistyped (often two neighbours swapped)",
     "逐位与身份证核对，有一位录错（常见为相邻两位颠倒）"},
    {"a digit is missing or extra; copy the id again from the ID card", "少了或多了一位，请按身份证重新录入"},
    {"check the id against the 户口簿 or ID card", "请与户口簿或身份证核对"},
    {"none needed; check it against the new ID card", "无需修改；请与新身份证核对"},
    {"export the list again as a county administrator or county staff (whole ids), or type the whole id from the "
     "户口簿 or ID card",
     "请由县级管理员或县级工作人员重新导出（导出完整身份证号），或按户口簿、身份证填写完整的身份证号"},
    {"export the list again as a county administrator or county staff (whole numbers), type the whole number, or "
     "leave the cell empty",
     "请由县级管理员或县级工作人员重新导出（导出完整号码），或填写完整号码，或留空"},
    // names
    {"remove the dot or type the missing part", "删去圆点或补全缺少的部分"},
    {"fill in the name as written in the 户口簿", "按户口簿填写姓名"},
    {"type the real character (rare characters are in CJK Extension B; the input method's 生僻字 mode or the ID "
     "card system can enter it)",
     "录入真实的汉字（生僻字在 CJK 扩展 B 区，可用输入法的生僻字模式或身份证系统录入）"},
    {"put only the name in this column", "此列只填姓名"},
    {"check the name against the ID card; if the character exists in Unicode (CJK Extension B–H), replace it",
     "与身份证核对姓名；若该字已收入 Unicode（CJK 扩展 B–H 区），请替换"},
    {"none needed; check it displays correctly", "无需修改；请确认显示正确"},
    // dates, phones, words, numbers
    {"write the date as 2019-05-01 (or 2019年5月1日)", "日期写作 2019-05-01（或 2019年5月1日）"},
    {"format the column as a date to be sure", "为稳妥起见，把该列设为日期格式"},
    {"write the date as 2019-05-01", "日期写作 2019-05-01"},
    {"write an 11-digit mobile number (13812345678) or a landline with area code (0358-1234567); format the "
     "column as 文本 (Text)",
     "填写 11 位手机号（13812345678）或带区号的座机号（0358-1234567），并把该列设为“文本”格式"},
    {"add the area code, e.g. 0358-", "加上区号，如 0358-"},
    {"write 男 or 女", "填写 男 或 女"},
    {"write the area in m², e.g. 85.5 (or leave the cell empty when unknown)",
     "以平方米填写面积，如 85.5（不详时留空）"},
    {"write 是 or 否", "填写 是 或 否"},
    // sheets and headers (importer.cc)
    {"check the sheets and the header row, or pass --sheet / --mapping",
     "检查工作表和表头行，或用 --sheet / --mapping 指定"},
    {"add a header row or pass --mapping", "添加表头行，或用 --mapping 指定列的对应关系"},
    {"fill in the rows under the header, or check that you sent the right file and sheet",
     "在表头下填写数据行，或确认上传的文件和工作表无误"},
    // rows and households
    {"fill in the move-in date", "填写入住日期"},
    {"none needed; the system that exported the file added them", "无需处理；这些字符是导出该文件的系统加上的"},
    {"replace the formula by its value: copy the column and paste it as values (选择性粘贴→数值), then "
     "correct the cells that still show the error",
     "将公式换成数值：复制该列后“选择性粘贴→数值”，再改正仍显示错误的单元格"},
    {"write the name as in the 户口簿 (household register), without emoji or symbols",
     "请按户口簿填写姓名，不要包含表情或符号"},
    // generic table import (table_import.cc)
    {"no similar site name; use the site's name as the county lists it",
     "没有相近的安置点名称；请按县里登记的名称填写安置点"},
    {"retype the text; invisible characters often come with text pasted from a web page",
     "重新输入该内容；不可见字符常随网页上复制的文字带入"},
    {"write a whole number such as 12, without decimals or words", "填写整数，如 12，不带小数或文字"},
    {"write the amount in yuan with at most two decimals, e.g. 1234.50", "以元为单位填写金额，最多两位小数，如 1234.50"},
    {"write the area in mu with at most two decimals, e.g. 12.5", "以亩为单位填写面积，最多两位小数，如 12.5"},
    {"check the date; a future date cannot be recorded", "请核对日期；不能登记将来的日期"},
    {"leave the row out, or ask a user whose scope covers the site to import it",
     "删去该行，或请管辖该安置点的用户导入"},
    {"keep one row per key: delete or correct the other rows", "每个关键字只保留一行：删除或改正其他重复的行"},
    {"check the row's values against the other records of the table", "请对照该表中已有的记录核对该行的数据"},
    // patterns, most specific first
    {"retype the name, or delete the character {} (often pasted in from a web page or a chat)",
     "重新输入姓名，或删除字符 {0}（常由网页或聊天软件粘贴带入）"},
    {"unhide it and import again, or import it explicitly with --sheet '{}'",
     "取消隐藏后重新导入，或用 --sheet '{0}' 指定导入该表"},
    {"the id says {}; correct the birth date or the id", "身份证号中的出生日期为 {0}；请改正出生日期或身份证号"},
    {"put the column names in one row above the data: {}", "在数据上方的一行中写明列名：{0}"},
    {"add a column headed {} to the header row and fill it in", "在表头行中增加“{0}”列并填写"},
    {"shorten it to at most {} characters", "缩短到不超过 {0} 个字"},
    {"write the site's full name, one of: {}", "请填写安置点全称，为以下之一：{0}"},
    {"write a value within {}", "请填写 {0} 范围内的值"},
    {"write a value of at least {}", "请填写不小于 {0} 的值"},
    {"write a value of at most {}", "请填写不大于 {0} 的值"},
    {"write one of: {}", "请填写以下之一：{0}"},
    {"did you mean: {}", "是否应为：{0}"},
    {"use one of: {}", "请填写以下之一：{0}"},
    {"fill in the {}", "请填写此项"},
    {"fill in {}", "请填写{0}"},
};

// Matches `text` against `pattern` ("{}" = any text, leftmost shortest); the varying parts in
// `parts`. False when it does not match.
bool Match(std::string_view pattern, std::string_view text, std::vector<std::string_view>& parts) {
  parts.clear();
  size_t brace = pattern.find("{}");
  if (brace == std::string_view::npos) return pattern == text;
  if (!text.starts_with(pattern.substr(0, brace))) return false;
  size_t at = brace;  // position in text after the literal matched so far
  pattern.remove_prefix(brace + 2);
  while (true) {
    size_t next = pattern.find("{}");
    std::string_view lit = pattern.substr(0, next);
    if (next == std::string_view::npos) {
      // The last literal ends the text.
      if (text.size() < at + lit.size() || !text.ends_with(lit)) return false;
      parts.push_back(text.substr(at, text.size() - lit.size() - at));
      return true;
    }
    size_t found = lit.empty() ? at : text.find(lit, at);
    if (found == std::string_view::npos) return false;
    parts.push_back(text.substr(at, found - at));
    at = found + lit.size();
    pattern.remove_prefix(next + 2);
  }
}

// `zh` with {0}, {1} … replaced by the parts.
std::string Fill(std::string_view zh, const std::vector<std::string_view>& parts) {
  std::string out;
  for (size_t i = 0; i < zh.size(); ++i) {
    if (zh[i] == '{' && i + 2 < zh.size() && zh[i + 1] >= '0' && zh[i + 1] <= '9' && zh[i + 2] == '}') {
      size_t n = static_cast<size_t>(zh[i + 1] - '0');
      if (n < parts.size()) out.append(parts[n]);
      i += 2;
    } else {
      out.push_back(zh[i]);
    }
  }
  return out;
}

}  // namespace

std::string FixZh(std::string_view fix) {
  if (fix.empty()) return "";
  for (const FixText& f : kFixes)
    if (f.en == fix) return std::string(f.zh);
  std::vector<std::string_view> parts;
  for (const FixText& f : kFixes)
    if (f.en.find("{}") != std::string_view::npos && Match(f.en, fix, parts)) return Fill(f.zh, parts);
  return "";
}

std::string FixZh(const Fault& fault) { return fault.fix_zh.empty() ? FixZh(fault.fix) : fault.fix_zh; }

}  // namespace anju::importer
