// Cleaning one cell of a township spreadsheet into the value the registry stores, or saying
// exactly why it cannot be (issue #7, "Cleaning and validation per row").
//
// Each function takes the cell as the reader delivered it (so that a number stored by the
// spreadsheet can be told from text), appends Problems (an error refuses the value; a warning
// keeps it but tells the clerk) and returns the clean value or nothing. Nothing here is
// "repaired" by guessing: a value is either normalised by a rule named in the comment, or refused.
//
// Thread-safety: pure functions; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/resident_id.h"
#include "importer/sheet.h"

namespace anju::importer {

/// One thing wrong with a value: `reason` (English), `reason_zh`, and `fix`, a suggestion the
/// clerk can act on, with `fix_zh`, its Chinese written at the call site ("" → the catalogue
/// of fix_zh.h translates `fix`). Warnings keep the value.
struct Problem {
  bool error = true;
  std::string reason;
  std::string reason_zh;
  std::string fix;
  std::string fix_zh;
};
using Problems = std::vector<Problem>;

/// `text` cut for a fault message or report: at most `max_chars` characters (code points, so
/// Chinese is not split), then "…(N chars)" giving the whole length in characters. Shorter text
/// unchanged. A 5-million-character name or a 60 MB line must not flood the terminal or log.
std::string ShortenForMessage(std::string_view text, size_t max_chars = 100);

/// Whether `s`, after any leading apostrophes, begins with a character a spreadsheet reads as
/// the start of a formula: = + - @ tab or CR (OWASP "CSV Injection").
bool StartsLikeAFormula(std::string_view s);

/// The cell as text, the way the clerk sees it: text as is, numbers without a trailing ".0"
/// (integral doubles printed in full), booleans TRUE/FALSE, errors and formulas as stored. Text
/// beginning with a quote followed by = + - @ tab or CR loses that one quote (the guard our CSV
/// export adds against formula injection, see NeutraliseCsvFormula in export.h).
std::string CellText(const Cell& c);

/// A resident identity number (GB 11643-1999) -> its 18 characters.
/// Normalisation (core/resident_id.h): odd whitespace and invisible characters anywhere,
/// full-width forms, lowercase x, a leading apostrophe; 15-digit numbers upgraded (warning).
/// Refused: a number cell that cannot hold the id (scientific notation or more than 15
/// significant digits: Excel keeps 15, the rest were lost), text in scientific notation, look-
/// alike letters (Cyrillic/Greek X, letter O for zero …), wrong length, unknown province, a
/// birth date that is no calendar day or lies after `today`, a wrong check digit.
std::optional<std::string> CleanResidentId(const Cell& c, Date today, Problems& out);

/// True when an id cell's trimmed text marks a pending resident id (a newborn's id to be
/// filled, stored as ''; docs/living-register.md): 待补录 — what exports write — or 待补,
/// 待办理, 暂无, 无. Rosters accept it only with 性别 and 出生日期, events rosters for births.
bool IsPendingResidentIdText(std::string_view trimmed);

/// A person's name. Invisible characters (zero-width, BOM, soft hyphen, controls) around it
/// removed; inside it, a character core/plausible.h forbids (controls, bidi overrides, zero-width)
/// is refused naming it as U+XXXX; other default-ignorable characters inside are removed;
/// spaces between CJK characters removed (alignment padding such as "张  三"), other runs of
/// whitespace collapsed; the middle dot of minority names and its look-alikes (U+30FB, U+FF65,
/// U+2022, U+2027, U+2219, U+22C5, U+0387, U+2E31, U+318D, '.', '．') become U+00B7. Characters
/// outside the BMP and in CJK extensions are kept exactly; private-use characters are kept and
/// warned about (they depend on a font and cannot be trusted elsewhere). Refused: empty names,
/// placeholders for a character that could not be typed (?, ？, □, ■, U+FFFD, *, ＊), names
/// over kMaxNameChars (50) characters.
std::optional<std::string> CleanName(const Cell& c, Problems& out);

/// A civil date. Numbers: spreadsheet serials (1900 system with its fictitious 1900-02-29, which
/// is refused; or the 1904 system), or an 8-digit yyyymmdd number. Text: 2019-5-1, 2019/5/1,
/// 2019.5.1, 2019年5月1日, 20190501, with or without a time of day after it. Integer arithmetic
/// only, no time zone. Refused: two-digit years, month-only dates, days that do not exist.
std::optional<Date> CleanDate(const Cell& c, bool date1904, Problems& out);

/// Date of a spreadsheet serial number (days, fraction = time of day, dropped).
/// 1900 system: 1 = 1900-01-01, 60 = the non-existent 1900-02-29 (nullopt), 61 = 1900-03-01.
/// 1904 system: 0 = 1904-01-01. nullopt for serials below 1 (1900) / 0 (1904) or past 9999-12-31.
std::optional<Date> DateFromSerial(double serial, bool date1904);

/// Phone numbers: digits from numbers stored as floats ("13812345678.0"), without +86/0086,
/// spaces, dashes, dots or brackets. Mobiles are 11 digits starting 1[3-9]; landlines 0 + area
/// code + 7–8 digits, written "0358-1234567". Several numbers in one cell (separated by / , 、 ;
/// or spaces) are all kept, joined by ",". Refused: scientific notation (digits lost), numbers
/// of another shape.
std::optional<std::string> CleanPhone(const Cell& c, Problems& out);

/// Relationship to the head -> canonical identifier (head, spouse, child, daughter_in_law,
/// son_in_law, grandchild, parent, sibling, other). Accepts the words of household registers
/// (户主, 本人, 妻, 长子, 儿媳, 孙女, 岳母 …) and the two-digit codes of GB/T 4761-2008
/// "家庭关系代码" (02 户主, 10–12 spouse, 20–37 children and children-in-law …).
std::optional<std::string> CleanRelationship(const Cell& c, Problems& out);

/// Sex: 男/女, 男性/女性, male/female, 1/2 (GB/T 2261.1) -> "male"/"female".
std::optional<std::string> CleanSex(const Cell& c, Problems& out);

/// Population category: 建档立卡(户/贫困户/贫困人口), 贫困户 -> registered_poor;
/// 同步搬迁(户/人口), 非贫困户 -> co_relocated.
std::optional<std::string> CleanCategory(const Cell& c, Problems& out);

/// Relocation type of an origin village: 整村搬迁/整村/整体搬迁 -> whole_village; 插花搬迁/插花/
/// 零散搬迁/分散搬迁 -> scattered (and the identifiers). "" for an empty cell (not given).
std::optional<std::string> CleanRelocationType(const Cell& c, Problems& out);

/// Floor area of a housing unit in m² -> hundredths of m² (dm², the database unit), exactly:
/// number cells (85.5) and text ("85.50", "85.5㎡", "85.5平方米"; core/area.h ParseSquareMetres).
/// An empty cell: a value holding nullopt (unknown area). nullopt with a Problem: not a positive
/// number, or more than two decimals (never rounded silently).
std::optional<std::optional<int64_t>> CleanFloorArea(const Cell& c, Problems& out);

/// Yes/no: 是/否, 有/无, Y/N, 1/0, √/×, TRUE/FALSE; an empty cell is no. Refused: "x" (a cross
/// for no, or the mark that ticks a box) and anything else.
std::optional<bool> CleanYesNo(const Cell& c, Problems& out);

/// Employment kind: 扶贫车间 workshop, 产业园区 park, 公益岗位 welfare_post, 企业(务工) enterprise,
/// 外出务工/务工 migrant_work, 自主创业/个体 self_employed, 未就业/无 none (and the identifiers).
std::optional<std::string> CleanEmploymentKind(const Cell& c, Problems& out);

/// Health: 健康 healthy, (长期)慢性病 chronic_illness, 大病/重病 serious_illness, 残疾 disabled.
std::optional<std::string> CleanHealth(const Cell& c, Problems& out);

/// The spreadsheet error value a cell holds, or "": an error cell (xlsx t="e") or a text cell
/// that is exactly one of Excel's error literals (#N/A, #REF!, #VALUE!, #DIV/0!, #NAME?, #NUM!,
/// #NULL!, #SPILL!, #CALC!, #GETTING_DATA; what a CSV or HTML export writes for them). No
/// registry value can be spelled like that, so this is never a guess.
std::string FormulaErrorOf(const Cell& c);

/// The fault of a formula error cell: "公式错误 #N/A / formula error #N/A in the cell", fix:
/// replace the formula by its value.
Problem FormulaErrorProblem(std::string_view error_value);

/// Invisible characters removed from a value, named for the clerk ("U+001F, U+200B"): C0/C1
/// controls (line breaks and tabs excepted), default-ignorable code points (zero-width spaces
/// and joiners, soft hyphen …) and the BOM. "" when there are none.
std::string InvisibleCharacters(std::string_view text);

/// Codes (户编号, 楼栋, 单元, 房号): Unicode NFKC (ICU; full-width digits, letters and
/// punctuation such as ３、Ａ、－、＃ become ASCII), invisible characters removed, trimmed.
/// Text that is not valid UTF-8 comes back trimmed only.
std::string NormalizeCode(std::string_view text);

/// The three parts of a housing unit's address.
enum class UnitPart { kBuilding, kEntrance, kRoom };

/// The canonical text of one part of a housing unit's address, so that one flat written two
/// ways is one unit: NormalizeCode, whitespace removed, ASCII letters upper-cased, then the
/// unit word dropped when what is left is ASCII letters, digits or '-': building 号楼/栋/幢/号/楼/#
/// ("３号楼" -> "3", "A栋" -> "A"), entrance 单元 ("2单元" -> "2"), room 室/号 ("301室" -> "301").
/// Anything else is kept as normalised ("北区3号楼" stays).
std::string CanonicalUnitPart(std::string_view text, UnitPart part);

/// A whole address written in one cell (a 房号 column when the 楼栋 and 单元 cells are empty):
/// "3号楼2单元301(室)", "3栋2单元301", "３号楼２单元３０１" (after NormalizeCode) -> {3, 2, 301};
/// `dashed` "3-2-301" -> {3, 2, 301} with dashed = true (read as 楼栋-单元-房号, the usual order
/// of Chinese residential addresses; the importer says so in a warning). Anything else
/// (e.g. "2-301", "301") is not an address: nullopt.
struct UnitAddress {
  std::string building, entrance, room;
  bool dashed = false;
};
std::optional<UnitAddress> SplitUnitAddress(std::string_view text);

/// Canonical relationship identifiers (for export: back to the Chinese word).
std::string_view RelationshipZh(std::string_view canonical);
std::string_view CategoryZh(std::string_view canonical);
std::string_view EmploymentKindZh(std::string_view canonical);
std::string_view HealthZh(std::string_view canonical);
std::string_view RelocationTypeZh(std::string_view canonical);

/// A footer row under a table: its first non-empty cell begins with 合计/总计/小计, a signature
/// line (填表人, 审核人, 负责人 …) or a note (备注, 说明, 注：). Such rows are not data.
bool IsFooterRow(const Row& r);

/// Edit distance between two UTF-8 strings counted in code points (for "did you mean").
int EditDistance(std::string_view a, std::string_view b);

/// Trims ASCII and Unicode whitespace and invisible characters at both ends and inside removes
/// nothing; for codes and short words (categories, yes/no).
std::string TrimText(std::string_view s);

}  // namespace anju::importer
