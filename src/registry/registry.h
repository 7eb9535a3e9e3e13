// The registry's domain types: origin villages (迁出村), relocated households (搬迁户) and
// persons (搬迁人口), and the relationship to the household head (与户主关系).
//
// Names follow ../shared/GLOSSARY.md; the database columns of migration 0001 carry the same
// names. Units: floor areas in dm² (0.01 m²) where stored, dates as civil dates (core/date.h).
// These are plain value types with no rules of their own; the rules live in
// registry/validation.h and registry/registry_service.h.
//
// Thread-safety: value types; safe to copy between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/resident_id.h"

namespace anju::registry {

// ---------------------------------------------------------------------------------------------
// Relationship to the household head (与户主关系), GB/T 4761-2008 家庭关系代码.

/// The canonical relationships the registry records (database column persons.relationship).
enum class Relationship {
  kHead,            // 户主            GB/T 4761-2008 code 02
  kSpouse,          // 配偶            10
  kChild,           // 子女            20 (son) / 30 (daughter)
  kDaughterInLaw,   // 儿媳            38
  kSonInLaw,        // 女婿            28
  kGrandchild,      // 孙子女 (incl. 外孙子女)  40
  kParent,          // 父母 (incl. 公婆, 岳父母)  50
  kSibling,         // 兄弟姐妹        70
  kOther,           // 其他            80 (other relative) / 99 (non-relative)
};

/// All relationships in the order above (for menus and validation messages).
inline constexpr Relationship kAllRelationships[] = {
    Relationship::kHead,     Relationship::kSpouse,     Relationship::kChild,
    Relationship::kDaughterInLaw, Relationship::kSonInLaw, Relationship::kGrandchild,
    Relationship::kParent,   Relationship::kSibling,    Relationship::kOther};

/// "head", "spouse", "child", "daughter_in_law", "son_in_law", "grandchild", "parent",
/// "sibling", "other" (the stored identifiers).
std::string_view RelationshipName(Relationship r);
/// 户主, 配偶, 子女, 儿媳, 女婿, 孙子女, 父母, 兄弟姐妹, 其他.
std::string_view RelationshipNameZh(Relationship r);
/// The two-digit GB/T 4761-2008 code. kChild answers 20 for a son and 30 for a daughter
/// (`sex` decides); kOther answers 80. Source: GB/T 4761-2008 家庭关系代码, table 1.
int RelationshipGbCode(Relationship r, Sex sex);
/// Accepts the identifier ("spouse"), the Chinese term (配偶, also 妻/夫/妻子/丈夫, 儿子/女儿,
/// 孙子/孙女/外孙子/外孙女, 父亲/母亲/公公/婆婆/岳父/岳母, 兄/弟/姐/妹, 本人 for the head), or a
/// GB/T 4761-2008 code ("02", "10", "2x" for sons except 28, "3x" for daughters except 38, "28",
/// "38", "4x", "5x", "7x", "8x"/"9x" → other). Errors: kInvalidArgument, field "relationship",
/// listing the accepted Chinese terms.
Result<Relationship> ParseRelationship(std::string_view text);

// ---------------------------------------------------------------------------------------------
// Categories and kinds.

/// 建档立卡贫困户 (registered_poor) or 同步搬迁户 (co_relocated).
enum class Category { kRegisteredPoor, kCoRelocated };
std::string_view CategoryName(Category c);  // "registered_poor" / "co_relocated"
/// Accepts the identifier or 建档立卡/建档立卡贫困户/贫困户, 同步搬迁/同步搬迁户.
Result<Category> ParseCategory(std::string_view text);

/// 整村搬迁 (whole_village) or 插花搬迁 (scattered).
enum class RelocationType { kWholeVillage, kScattered };
std::string_view RelocationTypeName(RelocationType t);  // "whole_village" / "scattered"
/// Accepts the identifier or 整村搬迁/整村, 插花搬迁/插花.
Result<RelocationType> ParseRelocationType(std::string_view text);

/// Employment (就业): kNone means not employed; every other kind counts as employed or
/// self-employed (就业创业) in the labour figures.
enum class EmploymentKind {
  kWorkshop,       // 扶贫车间
  kPark,           // 产业园区
  kWelfarePost,    // 公益岗位
  kEnterprise,     // 企业务工 (local enterprise)
  kMigrantWork,    // 外出务工
  kSelfEmployed,   // 自主创业
  kNone,           // 未就业
};
std::string_view EmploymentKindName(EmploymentKind k);  // "workshop" … "none"
std::string_view EmploymentKindNameZh(EmploymentKind k);
Result<EmploymentKind> ParseEmploymentKind(std::string_view text);

/// Health (健康状况): healthy, chronic_illness, serious_illness, disabled.
enum class Health { kHealthy, kChronicIllness, kSeriousIllness, kDisabled };
std::string_view HealthName(Health h);
Result<Health> ParseHealth(std::string_view text);

// ---------------------------------------------------------------------------------------------
// Ethnicity (民族) and education (文化程度): closed lists, stored as the Chinese name.

/// One ethnic group of GB/T 3304-1991 《中国各民族名称的罗马字母拼写法和代码》: the two-digit code,
/// the name as stored (persons.ethnicity, with 族), and the standard's romanisation.
struct EthnicGroup {
  std::string_view code;   // "01" … "56"; "97", "98"
  std::string_view name;   // 汉族, 蒙古族, …
  std::string_view roman;  // Han, Mongol, …
};
/// The 56 groups of GB/T 3304-1991 table 1 in code order (01 汉族 … 56 基诺族), then the two
/// entries that the code tables built on it append (not in the standard's table itself):
/// 97 其他 (an unrecognised group, e.g. 穿青人) and 98 外国血统中国籍人士 (naturalised).
const std::vector<EthnicGroup>& EthnicGroups();
/// Canonical stored name of an ethnicity as typed: the name with or without 族 (汉族, 汉), the
/// two-digit code (01, 1), the former names 毛难族 (now 毛南族) and 崩龙族 (now 德昂族); white
/// space around it ignored. "" for "" (unknown). Errors: kInvalidArgument, field "ethnicity",
/// the value, and a fix naming the standard and 其他 for a group it does not list.
Result<std::string> ParseEthnicity(std::string_view text);

/// One level of education (文化程度) as stored in persons.education.
struct EducationLevel {
  std::string_view name;     // stored value, e.g. 中专
  std::string_view gb_code;  // GB/T 4658-1984 文化程度代码 code(s) it stands for ("" none)
  std::string_view en;       // English label
};
/// The levels, lowest first: 学龄前 (pre-school; not a level of the standard), 文盲 (90 文盲或半文盲),
/// 小学 (80), 初中 (70), 高中 (60), 技工学校 (50), 中专 (40 中等专业学校), 大专及以上 (30 大学专科,
/// 20 大学本科 and 10 研究生 together, as the 建档立卡 forms ask it). Codes: GB/T 4658-1984 文化程度代码
/// (GB/T 4658-2006 学历代码 keeps 10–80 for the same levels). The web UI receives this list with
/// the session (auth/capabilities.h DomainEnums).
const std::vector<EducationLevel>& EducationLevels();
/// Canonical stored level of an education as typed: the stored name, the standard's words
/// (文盲或半文盲, 中等专业学校, 中等专科, 技校, 大学专科, 大专, 大学本科, 本科, 研究生, 硕士, 博士,
/// 学龄前儿童) or a two-digit code 10–80 of GB/T 4658-1984 (90 is refused: 文盲或半文盲 there, 其他
/// in GB/T 4658-2006). "" for "". Errors: kInvalidArgument,
/// field "education", listing the levels.
Result<std::string> ParseEducation(std::string_view text);

// ---------------------------------------------------------------------------------------------
// Records.

/// An origin village (迁出村): a real village of the NBS division list, or a legacy village
/// (merged away since the move) with division_code empty.
struct OriginVillage {
  int64_t id = 0;
  std::string division_code;   // 12-digit NBS code ("" for a legacy village)
  std::string name;            // e.g. 刘家庄村委会 as in the division list
  std::string township_code;   // 9-digit NBS code
  std::string township_name;   // filled by reads (joined from divisions)
  RelocationType relocation_type = RelocationType::kScattered;
  std::string legacy_name;     // name in 2016-2020 records when it differs ("" if not)
};

/// A relocated household (搬迁户).
struct Household {
  int64_t id = 0;
  std::string household_no;            // 户编号, unique, e.g. "LX-000001"
  Category category = Category::kRegisteredPoor;
  int64_t origin_village_id = 0;
  int64_t site_id = 0;
  std::optional<int64_t> housing_unit_id;  // the unit at its site (at most one household each)
  std::optional<int64_t> grid_id;
  Date move_in_date{};                 // 入住日期
  bool convention_signed = false;      // signed the resident convention (居民公约)
  int64_t version = 1;                 // optimistic concurrency; bumped by every update
};

/// A relocated person (搬迁人口). `resident_id` is the whole id as stored; services mask it in
/// lists (see PersonView). sex and birth_date must agree with the id.
struct Person {
  int64_t id = 0;
  int64_t household_id = 0;
  std::string resident_id;             // 18 characters, GB 11643-1999, unique in the registry
  std::string name;
  Sex sex = Sex::kMale;
  Date birth_date{};
  Relationship relationship = Relationship::kOther;
  std::string ethnicity;               // 民族, a name of EthnicGroups(), e.g. 汉族 ("" unknown)
  std::string phone;                   // 11-digit mobile or landline ("" none)
  std::string education;               // a name of EducationLevels(), e.g. 初中 ("" unknown)
  std::optional<Health> health;
  std::optional<int> disability_grade; // 1..4 (残疾等级), only when disabled
  bool able_to_work = false;           // 有劳动能力
  bool wants_work = false;             // 有就业意愿
  EmploymentKind employment_kind = EmploymentKind::kNone;
  std::string employer;                // workshop/park/enterprise name or destination ("" none)
  int64_t version = 1;
  // Derived, filled by reads, ignored by writes:
  std::string name_initials;           // pinyin initials of the name, e.g. "zhm" for 张海明
  std::string household_no;            // the household's number (lists: of the day listed); "" when not read
};

/// Working age (劳动年龄人口): 18 to 60 inclusive in completed years (周岁), as the article counts
/// "18至60周岁" (linxian-figures.md, labour). `on` is the statistics date.
bool IsWorkingAge(Date birth_date, Date on);
inline constexpr int kWorkingAgeMin = 18;
inline constexpr int kWorkingAgeMax = 60;

/// National standard for centralized resettlement housing: at most 25 m² of floor area per
/// person (《"十三五"时期易地扶贫搬迁工作方案》, 发改地区〔2016〕2022号). Larger units are
/// flagged, not refused.
inline constexpr int64_t kMaxFloorAreaDm2PerPerson = 2500;
/// True when `floor_area_dm2` exceeds 25 m² × `persons` (persons ≥ 1).
bool ExceedsAreaStandard(int64_t floor_area_dm2, int persons);

/// Pinyin initials of a Chinese name, lowercase ASCII: "张海明" → "zhm". Characters that are not
/// Han keep their lowercase ASCII letter/digit form, others are dropped. Uses ICU's Han-Latin
/// transliterator (first reading of each character), cached per character; thread-safe.
std::string NameInitials(std::string_view utf8_name);


/// `text` without surrounding white space: ASCII white space, the ideographic space U+3000 and
/// the other Unicode spaces (what a clerk's input method or a pasted cell adds).
std::string TrimSpace(std::string_view text);

/// A household number as typed, in the stored form: surrounding white space removed (see
/// TrimSpace), full-width ASCII (ＬＸ－００１) made half-width, ASCII letters upper-cased.
/// " lx-0000017　" -> "LX-0000017". Household numbers are stored upper-case.
std::string NormalizeHouseholdNo(std::string_view text);

/// Whether a normalised search text has the shape of a household number: ASCII letters
/// first, then digits, letters and '-' only, with at least one digit ("LX-0000017"). Names,
/// pinyin initials and resident-id tails (which start with a digit) do not.
bool LooksLikeHouseholdNo(std::string_view text);

}  // namespace anju::registry
