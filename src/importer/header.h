// Recognising the header of a township spreadsheet: which row holds the column names and which
// column is which registry field.
//
// Township templates put title rows ("临县易地扶贫搬迁人口花名册"), "填报单位：… 填报日期：…" rows and
// sometimes a two-level header (a merged "安置房" over 楼栋/单元/房号) above the data. The header
// row is the row (or pair of rows) among the first 30 non-empty ones whose cells match the most
// known column names after normalisation: NFKC (full-width forms), line breaks and spaces
// removed, required-field markers (*, ＊, ※) and bracketed notes such as "（必填）" dropped.
// A mapping file (JSON) overrides detection.
//
// Thread-safety: pure functions and value types.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "importer/sheet.h"

namespace anju::importer {

/// The registry fields a column can hold. kIgnored: a recognised column the importer does not
/// store (序号, 备注 …), kept so that header detection counts it.
enum class Field {
  kIgnored,
  kName,             // 姓名
  kResidentId,       // 公民身份号码
  kRelationship,     // 与户主关系
  kSex,              // 性别
  kEthnicity,        // 民族
  kBirthDate,        // 出生日期
  kPhone,            // 联系电话
  kHouseholdNo,      // 户编号
  kHeadName,         // 户主姓名
  kOriginVillage,    // 迁出村
  kSite,             // 安置点
  kBuilding,         // 楼栋
  kEntrance,         // 单元
  kRoom,             // 房号
  kCategory,         // 人口类别
  kMoveInDate,       // 入住日期
  kGrid,             // 网格
  kConvention,       // 签订居民公约
  kEducation,        // 文化程度
  kHealth,           // 健康状况
  kDisabilityGrade,  // 残疾等级
  kAbleToWork,       // 有劳动能力
  kWantsWork,        // 有就业意愿
  kEmployed,         // 是否就业
  kEmploymentKind,   // 就业方式
  kEmployer,         // 就业单位
  kRelocationType,   // 搬迁类型 (整村搬迁/插花搬迁) of the origin village: needed to create the village
  kFloorArea,        // 住房面积 of the housing unit, m² with up to two decimals
  kEventDate,        // 变动日期 (入户日期): the day a member joined a registered household (member_from)
};

/// The identifier used in mapping files and the API ("name", "resident_id", …).
std::string_view FieldName(Field f);
/// The Chinese header anju writes in exports and error reports (姓名, 公民身份号码 …).
std::string_view FieldHeaderZh(Field f);
/// Parses a FieldName. nullopt when unknown.
std::optional<Field> ParseFieldName(std::string_view name);
/// True for fields that belong to the household (filled from merged cells).
bool IsHouseholdField(Field f);

/// Normalises header text: NFKC, whitespace and line breaks removed, *, ＊, ※ dropped, bracketed
/// notes "(必填)" "（选填）" "(例：…)" dropped, ASCII lowercased.
std::string NormalizeHeader(std::string_view text);

/// The field a header text denotes (after NormalizeHeader), or nullopt.
std::optional<Field> MatchHeader(std::string_view text);

/// One recognised column.
struct ColumnMapping {
  int col = 0;             // 0-based
  std::string header;      // the header text as in the file (both levels joined by "/")
  Field field = Field::kIgnored;
};

/// The detected header: its row numbers (as the spreadsheet shows them) and the columns.
struct HeaderInfo {
  int64_t first_row = 0;   // first header row (the upper one of a two-level header)
  int64_t last_row = 0;    // the row after which data starts
  std::vector<ColumnMapping> columns;   // recognised and unrecognised (field kIgnored) columns
  std::vector<std::string> unknown;     // headers that matched nothing (column letter: text)
  /// The column of `f`, or -1.
  int ColumnOf(Field f) const;
};

/// A user-supplied mapping (anju import --mapping FILE.json):
///   {"header_row": 3, "columns": {"姓名": "name", "C": "resident_id", "身份证": "resident_id"}}
/// Keys of "columns" are header texts (matched after NormalizeHeader) or column letters;
/// values are FieldName identifiers or "ignore". "header_row" (optional) fixes the header row.
struct MappingOverride {
  std::optional<int64_t> header_row;
  std::map<std::string, std::string> columns;
};

/// Parses a mapping file's JSON. Errors: kInvalidArgument naming the key or value that is
/// wrong and listing the field identifiers.
Result<MappingOverride> ParseMapping(std::string_view json);

/// Finds the header among `rows` (the first rows of a sheet, blank ones included or not),
/// using merged ranges to read two-level headers, then applies `override` (may be null).
/// Errors: kInvalidArgument when no row has at least two known column names including 姓名 or
/// 公民身份号码, listing what was found, or when the override names an unknown field.
Result<HeaderInfo> DetectHeader(const std::vector<Row>& rows, const std::vector<MergedRange>& merged,
                                const MappingOverride* override);

/// Header detection with another vocabulary than the roster's Field (a module's table,
/// importer/table_import.h). `match` maps a header text (as in the file; normalise it with
/// NormalizeHeader) to a column key >= 0, to kKnownIgnored for a known column that is not
/// imported (序号, 备注 …), or to nullopt. Same search as DetectHeader: the first 30 non-empty
/// rows, single rows and two-level headers (merged group cells), the row with the most distinct
/// keys among those `acceptable` accepts (given the set of keys found).
inline constexpr int kKnownIgnored = -1;
using HeaderMatcher = std::function<std::optional<int>(std::string_view header_text)>;
struct GenericHeader {
  struct Column {
    int col = 0;             // 0-based
    std::string header;      // as in the file (both levels joined by "/")
    int key = kKnownIgnored; // the matcher's key; kKnownIgnored also for unknown headers
  };
  int64_t first_row = 0, last_row = 0;
  std::vector<Column> columns;
  std::vector<std::string> unknown;  // "C: text" of headers that matched nothing
};
/// Errors: kInvalidArgument when no row is acceptable, quoting the first rows.
Result<GenericHeader> DetectHeaderWith(const std::vector<Row>& rows, const std::vector<MergedRange>& merged,
                                       const HeaderMatcher& match,
                                       const std::function<bool(const std::set<int>& keys)>& acceptable);

}  // namespace anju::importer
