#include "importer/header.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "importer/clean.h"

namespace anju::importer {

namespace {

struct FieldInfo {
  Field field;
  std::string_view name;
  std::string_view header_zh;
  bool household;
};

constexpr FieldInfo kFields[] = {
    {Field::kIgnored, "ignore", "", false},
    {Field::kHouseholdNo, "household_no", "户编号", true},
    {Field::kName, "name", "姓名", false},
    {Field::kResidentId, "resident_id", "公民身份号码", false},
    {Field::kRelationship, "relationship", "与户主关系", false},
    {Field::kSex, "sex", "性别", false},
    {Field::kEthnicity, "ethnicity", "民族", false},
    {Field::kBirthDate, "birth_date", "出生日期", false},
    {Field::kPhone, "phone", "联系电话", false},
    {Field::kHeadName, "head_name", "户主姓名", true},
    {Field::kCategory, "category", "人口类别", true},
    {Field::kOriginVillage, "origin_village", "迁出村", true},
    {Field::kSite, "site", "安置点", true},
    {Field::kBuilding, "building", "楼栋", true},
    {Field::kEntrance, "entrance", "单元", true},
    {Field::kRoom, "room", "房号", true},
    {Field::kMoveInDate, "move_in_date", "入住日期", true},
    {Field::kGrid, "grid", "网格", true},
    {Field::kConvention, "convention_signed", "签订居民公约", true},
    {Field::kEducation, "education", "文化程度", false},
    {Field::kHealth, "health", "健康状况", false},
    {Field::kDisabilityGrade, "disability_grade", "残疾等级", false},
    {Field::kAbleToWork, "able_to_work", "有劳动能力", false},
    {Field::kWantsWork, "wants_work", "有就业意愿", false},
    {Field::kEmployed, "employed", "是否就业", false},
    {Field::kEmploymentKind, "employment_kind", "就业方式", false},
    {Field::kEmployer, "employer", "就业单位", false},
    {Field::kRelocationType, "relocation_type", "搬迁类型", true},
    {Field::kFloorArea, "floor_area_m2", "住房面积", true},
    {Field::kEventDate, "event_date", "变动日期", false},
};

// Header texts as township templates, WPS exports and the county's own systems write them
// (already normalised: no spaces, ASCII lowercase). English ones for exports of other tools.
const std::unordered_map<std::string, Field>& Synonyms() {
  static const auto* m = new std::unordered_map<std::string, Field>{
      {"姓名", Field::kName}, {"名字", Field::kName}, {"成员姓名", Field::kName},
      {"家庭成员姓名", Field::kName}, {"人员姓名", Field::kName}, {"搬迁人口姓名", Field::kName},
      {"name", Field::kName}, {"fullname", Field::kName},
      {"公民身份号码", Field::kResidentId}, {"身份证号", Field::kResidentId},
      {"身份证号码", Field::kResidentId}, {"证件号码", Field::kResidentId},
      {"身份证", Field::kResidentId}, {"居民身份证号码", Field::kResidentId},
      {"公民身份证号码", Field::kResidentId}, {"身份证件号码", Field::kResidentId},
      {"成员身份证号", Field::kResidentId}, {"成员身份证号码", Field::kResidentId},
      {"证件号", Field::kResidentId}, {"residentid", Field::kResidentId}, {"idnumber", Field::kResidentId},
      {"idno", Field::kResidentId}, {"resident_id", Field::kResidentId},
      {"与户主关系", Field::kRelationship}, {"家庭关系", Field::kRelationship},
      {"与户主的关系", Field::kRelationship}, {"关系", Field::kRelationship},
      {"relationship", Field::kRelationship}, {"relationtohead", Field::kRelationship},
      {"性别", Field::kSex}, {"sex", Field::kSex}, {"gender", Field::kSex},
      {"民族", Field::kEthnicity}, {"ethnicity", Field::kEthnicity},
      {"出生日期", Field::kBirthDate}, {"出生年月", Field::kBirthDate}, {"出生年月日", Field::kBirthDate},
      {"生日", Field::kBirthDate}, {"birthdate", Field::kBirthDate}, {"dateofbirth", Field::kBirthDate},
      {"birth_date", Field::kBirthDate},
      {"联系电话", Field::kPhone}, {"手机号码", Field::kPhone}, {"手机号", Field::kPhone},
      {"电话", Field::kPhone}, {"联系方式", Field::kPhone}, {"电话号码", Field::kPhone},
      {"手机", Field::kPhone}, {"phone", Field::kPhone}, {"mobile", Field::kPhone},
      {"户编号", Field::kHouseholdNo}, {"户号", Field::kHouseholdNo}, {"家庭编号", Field::kHouseholdNo},
      {"户编码", Field::kHouseholdNo}, {"householdno", Field::kHouseholdNo},
      {"household_no", Field::kHouseholdNo}, {"household", Field::kHouseholdNo},
      {"户主姓名", Field::kHeadName}, {"户主", Field::kHeadName}, {"headname", Field::kHeadName},
      {"head_name", Field::kHeadName},
      {"迁出村", Field::kOriginVillage}, {"迁出村名称", Field::kOriginVillage},
      {"原居住村", Field::kOriginVillage}, {"迁出地", Field::kOriginVillage},
      {"迁出行政村", Field::kOriginVillage}, {"原籍村", Field::kOriginVillage},
      {"origin_village", Field::kOriginVillage}, {"originvillage", Field::kOriginVillage},
      {"安置点", Field::kSite}, {"安置点名称", Field::kSite}, {"安置地点", Field::kSite},
      {"集中安置点", Field::kSite}, {"安置小区", Field::kSite}, {"site", Field::kSite},
      {"楼栋", Field::kBuilding}, {"楼号", Field::kBuilding}, {"栋号", Field::kBuilding},
      {"楼栋号", Field::kBuilding}, {"building", Field::kBuilding},
      {"单元", Field::kEntrance}, {"单元号", Field::kEntrance}, {"entrance", Field::kEntrance},
      {"房号", Field::kRoom}, {"房间号", Field::kRoom}, {"室", Field::kRoom}, {"门牌号", Field::kRoom},
      {"room", Field::kRoom},
      {"人口类别", Field::kCategory}, {"搬迁类别", Field::kCategory}, {"户类别", Field::kCategory},
      {"人口类型", Field::kCategory}, {"搬迁对象类别", Field::kCategory}, {"户类型", Field::kCategory},
      {"category", Field::kCategory},
      {"入住日期", Field::kMoveInDate}, {"入住时间", Field::kMoveInDate}, {"搬迁入住时间", Field::kMoveInDate},
      {"搬迁日期", Field::kMoveInDate}, {"搬迁时间", Field::kMoveInDate}, {"搬迁入住日期", Field::kMoveInDate},
      {"move_in_date", Field::kMoveInDate}, {"moveindate", Field::kMoveInDate},
      {"网格", Field::kGrid}, {"所属网格", Field::kGrid}, {"grid", Field::kGrid},
      {"签订居民公约", Field::kConvention}, {"居民公约", Field::kConvention},
      {"是否签订居民公约", Field::kConvention}, {"convention_signed", Field::kConvention},
      {"文化程度", Field::kEducation}, {"学历", Field::kEducation}, {"education", Field::kEducation},
      {"健康状况", Field::kHealth}, {"健康状态", Field::kHealth}, {"health", Field::kHealth},
      {"残疾等级", Field::kDisabilityGrade}, {"disability_grade", Field::kDisabilityGrade},
      {"有劳动能力", Field::kAbleToWork}, {"是否有劳动能力", Field::kAbleToWork},
      {"劳动能力", Field::kAbleToWork}, {"able_to_work", Field::kAbleToWork},
      {"有就业意愿", Field::kWantsWork}, {"是否有就业意愿", Field::kWantsWork},
      {"就业意愿", Field::kWantsWork}, {"wants_work", Field::kWantsWork},
      {"是否就业", Field::kEmployed}, {"就业情况", Field::kEmployed}, {"employed", Field::kEmployed},
      {"就业方式", Field::kEmploymentKind}, {"就业类型", Field::kEmploymentKind},
      {"就业形式", Field::kEmploymentKind}, {"就业渠道", Field::kEmploymentKind},
      {"employment_kind", Field::kEmploymentKind}, {"employment", Field::kEmploymentKind},
      {"就业单位", Field::kEmployer}, {"工作单位", Field::kEmployer}, {"就业地点", Field::kEmployer},
      {"务工单位", Field::kEmployer}, {"employer", Field::kEmployer},
      {"序号", Field::kIgnored}, {"编号", Field::kIgnored}, {"备注", Field::kIgnored},
      {"户主身份证号", Field::kIgnored}, {"户主身份证号码", Field::kIgnored}, {"年龄", Field::kIgnored},
      {"no", Field::kIgnored}, {"no.", Field::kIgnored}, {"家庭人口", Field::kIgnored},
      {"家庭人口数", Field::kIgnored}, {"人口数", Field::kIgnored}, {"乡镇", Field::kIgnored},
      {"迁出乡镇", Field::kIgnored},
      // The columns anju's own error report adds before the original ones (export.cc,
      // WriteErrorReport): known, so that a corrected error file imports as it is.
      {"错误说明", Field::kIgnored}, {"原文件", Field::kIgnored}, {"原工作表", Field::kIgnored},
      {"原行号", Field::kIgnored},
      // The origin village's relocation type (整村搬迁/插花搬迁). "安置方式" is NOT one of them:
      // in township templates it holds the placement mode (集中安置/分散安置), a property of the
      // site, so it is recognised as a known column and not imported.
      {"搬迁类型", Field::kRelocationType}, {"搬迁方式", Field::kRelocationType},
      {"搬迁形式", Field::kRelocationType}, {"村搬迁类型", Field::kRelocationType},
      {"迁出村搬迁类型", Field::kRelocationType}, {"relocation_type", Field::kRelocationType},
      {"relocationtype", Field::kRelocationType}, {"安置方式", Field::kIgnored},
      // The housing unit's floor area in m² ("面积(㎡)" normalises to "面积"). Bare "面积" only
      // as the whole header: inside a longer one it may be land (耕地面积, 退耕面积).
      {"住房面积", Field::kFloorArea}, {"安置面积", Field::kFloorArea}, {"安置房面积", Field::kFloorArea},
      {"住房建筑面积", Field::kFloorArea}, {"房屋面积", Field::kFloorArea}, {"安置住房面积", Field::kFloorArea},
      {"面积", Field::kFloorArea}, {"floor_area_m2", Field::kFloorArea}, {"floorarea", Field::kFloorArea},
      {"floor_area", Field::kFloorArea},
      {"变动日期", Field::kEventDate}, {"入户日期", Field::kEventDate}, {"加入日期", Field::kEventDate},
      {"变更日期", Field::kEventDate}, {"成员变动日期", Field::kEventDate}, {"event_date", Field::kEventDate},
      {"eventdate", Field::kEventDate},
  };
  return *m;
}

}  // namespace

std::string_view FieldName(Field f) {
  for (const auto& i : kFields)
    if (i.field == f) return i.name;
  return "ignore";
}
std::string_view FieldHeaderZh(Field f) {
  for (const auto& i : kFields)
    if (i.field == f) return i.header_zh;
  return "";
}
std::optional<Field> ParseFieldName(std::string_view name) {
  for (const auto& i : kFields)
    if (i.name == name) return i.field;
  return std::nullopt;
}
bool IsHouseholdField(Field f) {
  for (const auto& i : kFields)
    if (i.field == f) return i.household;
  return false;
}

std::string NormalizeHeader(std::string_view text) {
  UErrorCode st = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(st);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (nfkc && U_SUCCESS(st)) {
    icu::UnicodeString n = nfkc->normalize(u, st);
    if (U_SUCCESS(st)) u = n;
  }
  icu::UnicodeString out;
  int depth = 0;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (c == '(' || c == '[' || c == 0x3010 || c == 0x3014) {  // ( [ 【 〔
      ++depth;
      continue;
    }
    if (c == ')' || c == ']' || c == 0x3011 || c == 0x3015) {
      if (depth) --depth;
      continue;
    }
    if (depth) continue;
    if (u_isUWhiteSpace(c) || c == '*' || c == 0x203B || c == 0x2605 || c == 0x2606 || c == ':' ||
        u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) || c == 0xFEFF)
      continue;
    if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
    out.append(c);
  }
  std::string s;
  out.toUTF8String(s);
  // English headers: "Resident ID" -> "residentid" already; "resident_id" kept with '_'.
  return s;
}

std::optional<Field> MatchHeader(std::string_view text) {
  std::string n = NormalizeHeader(text);
  if (n.empty()) return std::nullopt;
  const auto& syn = Synonyms();
  if (auto it = syn.find(n); it != syn.end()) return it->second;
  // A longer header that contains one known name ("家庭成员身份证号码" …): the longest match wins,
  // if at least two characters long. 户主 prefixes mean the head's columns.
  std::optional<Field> best;
  size_t best_len = 0;
  for (const auto& [k, f] : syn) {
    if (k.size() < 6 || k.size() <= best_len) continue;  // at least two CJK characters
    if (k == "面积") continue;                            // whole-header only (see Synonyms)
    if (n.find(k) != std::string::npos) {
      best = f;
      best_len = k.size();
    }
  }
  if (best && n.starts_with("户主") && *best == Field::kResidentId) return Field::kIgnored;
  if (best && n.starts_with("户主") && *best == Field::kName) return Field::kHeadName;
  return best;
}

int HeaderInfo::ColumnOf(Field f) const {
  for (const auto& c : columns)
    if (c.field == f) return c.col;
  return -1;
}

Result<MappingOverride> ParseMapping(std::string_view json) {
  MappingOverride m;
  nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return InvalidArgument("the mapping file is not a JSON object like {\"columns\": {\"姓名\": \"name\"}}",
                           "mapping", "", "映射文件不是有效的 JSON");
  std::string allowed;
  for (const auto& i : kFields) allowed += (allowed.empty() ? "" : ", ") + std::string(i.name);
  for (auto& [k, v] : j.items()) {
    if (k == "header_row") {
      if (!v.is_number_integer() || v.get<int64_t>() < 1)
        return InvalidArgument("header_row must be a row number (1, 2, …)", "header_row", v.dump());
      m.header_row = v.get<int64_t>();
    } else if (k == "columns") {
      if (!v.is_object()) return InvalidArgument("columns must be an object {\"header or letter\": \"field\"}", "columns", v.dump());
      for (auto& [ck, cv] : v.items()) {
        if (!cv.is_string() || !ParseFieldName(cv.get<std::string>()))
          return InvalidArgument(fmt::format("column '{}' maps to {}, which is not a field; use one of: {}", ck,
                                             cv.dump(), allowed),
                                 "columns", ck, "映射的字段名无效");
        m.columns[ck] = cv.get<std::string>();
      }
    } else {
      return InvalidArgument(fmt::format("unknown key '{}' in the mapping file; keys are header_row and columns", k),
                             "mapping", k);
    }
  }
  return m;
}

namespace {

bool IsColumnLetters(std::string_view s) {
  return !s.empty() && s.size() <= 3 && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// Text of (row, col) taking merged ranges into account (the top-left cell's text).
struct Grid {
  std::unordered_map<int64_t, const Row*> by_number;
  const std::vector<MergedRange>* merged;
  // For each row in by_number: the first merged range covering each column (-1: none), and
  // whether a range of several columns covers the row. Built once by Index(): a lookup per
  // cell instead of a scan of every range of the sheet (a sheet may have a million).
  std::unordered_map<int64_t, std::vector<int32_t>> cover;
  std::unordered_set<int64_t> wide_merge_rows;
  void Index() {
    std::vector<int64_t> numbers;
    for (const auto& [n, row] : by_number) numbers.push_back(n);
    std::sort(numbers.begin(), numbers.end());
    for (size_t i = 0; i < merged->size(); ++i) {
      const MergedRange& m = (*merged)[i];
      if (m.first_col < 0 || m.last_col < m.first_col) continue;
      for (auto n = std::lower_bound(numbers.begin(), numbers.end(), m.first_row + 1);
           n != numbers.end() && *n <= m.last_row + 1; ++n) {
        if (m.last_col > m.first_col) wide_merge_rows.insert(*n);
        std::vector<int32_t>& c = cover[*n];
        if (c.size() <= static_cast<size_t>(m.last_col)) c.resize(static_cast<size_t>(m.last_col) + 1, -1);
        for (int col = m.first_col; col <= m.last_col; ++col)
          if (c[static_cast<size_t>(col)] < 0) c[static_cast<size_t>(col)] = static_cast<int32_t>(i);
      }
    }
  }
  std::string Text(int64_t row_number, int col, bool* from_merge = nullptr) const {
    int64_t r0 = row_number - 1;
    if (auto it = cover.find(row_number);
        it != cover.end() && col >= 0 && static_cast<size_t>(col) < it->second.size() && it->second[static_cast<size_t>(col)] >= 0) {
      const MergedRange& m = (*merged)[static_cast<size_t>(it->second[static_cast<size_t>(col)])];
      if (from_merge) *from_merge = !(r0 == m.first_row && col == m.first_col);
      return Own(m.first_row + 1, m.first_col);
    }
    if (from_merge) *from_merge = false;
    return Own(row_number, col);
  }
  std::string Own(int64_t row_number, int col) const {
    auto it = by_number.find(row_number);
    if (it == by_number.end() || static_cast<size_t>(col) >= it->second->cells.size()) return "";
    return TrimText(CellText(it->second->cells[static_cast<size_t>(col)]));
  }
};

struct Candidate {
  int score = 0;
  bool has_key = false;
  HeaderInfo info;
};

// A header row (or pair) read with any vocabulary: `match` gives a column key (>= 0), kKnownIgnored
// for a known column that is not imported, or nullopt for an unknown header. The first column of
// a key wins; the score counts distinct keys.
struct GenericCandidate {
  int score = 0;
  std::set<int> seen;
  GenericHeader info;
};

GenericCandidate EvaluateWith(const Grid& g, const Row& lower, const Row* upper, const HeaderMatcher& match) {
  GenericCandidate c;
  size_t width = lower.cells.size();
  if (upper) width = std::max(width, upper->cells.size());
  for (size_t col = 0; col < width; ++col) {
    int ci = static_cast<int>(col);
    std::string lo = g.Text(lower.number, ci);
    std::string up = upper ? g.Text(upper->number, ci) : "";
    if (lo.empty() && up.empty()) continue;
    std::optional<int> k = lo.empty() ? std::nullopt : match(lo);
    std::string header = lo;
    if (upper && !up.empty() && up != lo) {
      if (!k) k = match(up + lo);
      if (!k && lo.empty()) k = match(up);
      header = lo.empty() ? up : up + "/" + lo;
    }
    GenericHeader::Column m{ci, header, k.value_or(kKnownIgnored)};
    if (k && *k != kKnownIgnored && c.seen.contains(*k)) m.key = kKnownIgnored;  // first wins
    if (k) {
      if (*k != kKnownIgnored && !c.seen.contains(*k)) ++c.score;
      c.seen.insert(*k);
    } else {
      c.info.unknown.push_back(fmt::format("{}: {}", ColumnLetter(ci), header));
    }
    c.info.columns.push_back(std::move(m));
  }
  c.info.first_row = upper ? upper->number : lower.number;
  c.info.last_row = lower.number;
  return c;
}

// The roster's vocabulary (Field) as keys: Field::kIgnored is kKnownIgnored.
Candidate Evaluate(const Grid& g, const Row& lower, const Row* upper) {
  GenericCandidate gc = EvaluateWith(g, lower, upper, [](std::string_view t) -> std::optional<int> {
    std::optional<Field> f = MatchHeader(t);
    if (!f) return std::nullopt;
    return *f == Field::kIgnored ? kKnownIgnored : static_cast<int>(*f);
  });
  Candidate c;
  c.score = gc.score;
  c.has_key = gc.seen.contains(static_cast<int>(Field::kName)) || gc.seen.contains(static_cast<int>(Field::kResidentId));
  c.info.first_row = gc.info.first_row;
  c.info.last_row = gc.info.last_row;
  c.info.unknown = std::move(gc.info.unknown);
  for (auto& m : gc.info.columns)
    c.info.columns.push_back({m.col, std::move(m.header), m.key == kKnownIgnored ? Field::kIgnored : static_cast<Field>(m.key)});
  return c;
}

// Whether `upper` can be the group row of a two-level header above `lower`: it spans several
// columns with one merged cell, or leaves a column empty above a filled one ("基本信息,,,安置
//信息,,"). A fully filled row above another is a header above data (a corrected error report
// has 户主 in row 2's 与户主关系 column), never a two-level header.
bool GroupRow(const Grid& g, const Row& upper, const Row& lower) {
  if (g.wide_merge_rows.contains(upper.number)) return true;
  const size_t width = std::max(upper.cells.size(), lower.cells.size());
  for (size_t col = 0; col < width; ++col) {
    const int ci = static_cast<int>(col);
    if (g.Text(upper.number, ci).empty() && !g.Text(lower.number, ci).empty()) return true;
  }
  return false;
}

// Indexes `rows` into `g` (with `merged`) and returns the first 30 non-empty ones, where the
// header is searched.
std::vector<const Row*> IndexRows(Grid& g, const std::vector<Row>& rows, const std::vector<MergedRange>& merged) {
  g.merged = &merged;
  std::vector<const Row*> nonempty;
  for (const Row& r : rows) {
    g.by_number[r.number] = &r;
    bool any = std::any_of(r.cells.begin(), r.cells.end(), [](const Cell& c) { return !c.empty(); });
    if (any && nonempty.size() < 30) nonempty.push_back(&r);
  }
  g.Index();
  return nonempty;
}

// "; row 1: a | b; row 2: …": the first three of `nonempty` (eight cells each), for the message
// that no header was found.
std::string FirstRowsText(const std::vector<const Row*>& nonempty) {
  std::string seen;
  for (size_t i = 0; i < std::min<size_t>(nonempty.size(), 3); ++i) {
    std::string line;
    for (size_t c = 0; c < nonempty[i]->cells.size() && c < 8; ++c)
      line += (c ? " | " : "") + CellText(nonempty[i]->cells[c]);
    seen += fmt::format("; row {}: {}", nonempty[i]->number, ShortenForMessage(line, 100));
  }
  return seen;
}

}  // namespace

Result<HeaderInfo> DetectHeader(const std::vector<Row>& rows, const std::vector<MergedRange>& merged,
                                const MappingOverride* override) {
  Grid g;
  std::vector<const Row*> nonempty = IndexRows(g, rows, merged);
  Candidate best;
  if (override && override->header_row) {
    auto it = g.by_number.find(*override->header_row);
    if (it == g.by_number.end())
      return InvalidArgument(fmt::format("header_row {} is beyond the first rows of the sheet", *override->header_row),
                             "header_row", std::to_string(*override->header_row));
    best = Evaluate(g, *it->second, nullptr);
    best.has_key = true;
  } else {
    for (size_t i = 0; i < nonempty.size(); ++i) {
      Candidate single = Evaluate(g, *nonempty[i], nullptr);
      if (single.score > best.score) best = single;
      if (i > 0 && nonempty[i - 1]->number == nonempty[i]->number - 1 && GroupRow(g, *nonempty[i - 1], *nonempty[i])) {
        Candidate pair = Evaluate(g, *nonempty[i], nonempty[i - 1]);
        if (pair.score > best.score && pair.score > single.score) best = pair;
      }
    }
  }
  // Apply the override's columns.
  if (override) {
    for (auto& [key, field_name] : override->columns) {
      Field f = *ParseFieldName(field_name);
      bool applied = false;
      if (IsColumnLetters(key)) {
        int col = 0;
        for (char ch : key) col = col * 26 + (ch - 'A' + 1);
        --col;
        for (auto& m : best.info.columns)
          if (m.col == col) {
            m.field = f;
            applied = true;
          }
        if (!applied) {
          best.info.columns.push_back({col, key, f});
          applied = true;
        }
      } else {
        std::string nk = NormalizeHeader(key);
        for (auto& m : best.info.columns)
          if (NormalizeHeader(m.header) == nk || NormalizeHeader(m.header.substr(m.header.find('/') == std::string::npos ? 0 : m.header.find('/') + 1)) == nk) {
            m.field = f;
            applied = true;
          }
      }
      if (!applied)
        return InvalidArgument(fmt::format("the mapping names column '{}', which is not in the header row {}", key,
                                           best.info.last_row),
                               "mapping", key, "映射文件中的列在表头中不存在");
    }
    std::set<Field> seen;
    best.score = 0;
    best.has_key = false;
    for (auto& m : best.info.columns) {
      if (m.field == Field::kIgnored) continue;
      if (seen.insert(m.field).second) ++best.score;
      if (m.field == Field::kName || m.field == Field::kResidentId) best.has_key = true;
    }
    std::erase_if(best.info.unknown, [&](const std::string& u) {
      for (auto& m : best.info.columns)
        if (m.field != Field::kIgnored && u.starts_with(ColumnLetter(m.col) + ":")) return true;
      return false;
    });
  }
  if (best.score < 2 || !best.has_key) {
    const std::string seen = FirstRowsText(nonempty);
    return InvalidArgument(fmt::format("no header row found: no row among the first 30 names at least two known "
                                       "columns including 姓名 or 公民身份号码{}; add a header row or pass "
                                       "--mapping FILE.json",
                                       seen),
                           "header", "", "未找到表头（需包含“姓名”或“公民身份号码”等列名），请检查表格或使用映射文件");
  }
  return best.info;
}

Result<GenericHeader> DetectHeaderWith(const std::vector<Row>& rows, const std::vector<MergedRange>& merged,
                                       const HeaderMatcher& match,
                                       const std::function<bool(const std::set<int>& keys)>& acceptable) {
  Grid g;
  std::vector<const Row*> nonempty = IndexRows(g, rows, merged);
  GenericCandidate best;
  bool found = false;
  for (size_t i = 0; i < nonempty.size(); ++i) {
    GenericCandidate single = EvaluateWith(g, *nonempty[i], nullptr, match);
    if (acceptable(single.seen) && (!found || single.score > best.score)) {
      best = single;
      found = true;
    }
    if (i > 0 && nonempty[i - 1]->number == nonempty[i]->number - 1 && GroupRow(g, *nonempty[i - 1], *nonempty[i])) {
      GenericCandidate pair = EvaluateWith(g, *nonempty[i], nonempty[i - 1], match);
      if (acceptable(pair.seen) && pair.score > single.score && (!found || pair.score > best.score)) {
        best = pair;
        found = true;
      }
    }
  }
  if (!found) {
    const std::string seen = FirstRowsText(nonempty);
    return InvalidArgument(fmt::format("no header row found among the first 30 rows{}", seen), "header", "",
                           "前 30 行中未找到表头");
  }
  return std::move(best.info);
}

}  // namespace anju::importer
