#include "registry/registry.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace anju::registry {

namespace {

struct RelInfo {
  Relationship r;
  std::string_view id;
  std::string_view zh;
};
constexpr std::array<RelInfo, 9> kRel = {{
    {Relationship::kHead, "head", "户主"},
    {Relationship::kSpouse, "spouse", "配偶"},
    {Relationship::kChild, "child", "子女"},
    {Relationship::kDaughterInLaw, "daughter_in_law", "儿媳"},
    {Relationship::kSonInLaw, "son_in_law", "女婿"},
    {Relationship::kGrandchild, "grandchild", "孙子女"},
    {Relationship::kParent, "parent", "父母"},
    {Relationship::kSibling, "sibling", "兄弟姐妹"},
    {Relationship::kOther, "other", "其他"},
}};

std::unexpected<Error> BadEnum(std::string_view field, std::string_view value,
                               std::string_view accepted, std::string_view zh) {
  return InvalidArgument(fmt::format("unknown {} '{}'; use one of: {}", field, value, accepted),
                         std::string(field), std::string(value),
                         fmt::format("{}“{}”无法识别，可用：{}", zh, value, accepted));
}

}  // namespace

std::string_view RelationshipName(Relationship r) {
  for (const auto& i : kRel)
    if (i.r == r) return i.id;
  return "other";
}

std::string_view RelationshipNameZh(Relationship r) {
  for (const auto& i : kRel)
    if (i.r == r) return i.zh;
  return "其他";
}

int RelationshipGbCode(Relationship r, Sex sex) {
  switch (r) {
    case Relationship::kHead: return 2;
    case Relationship::kSpouse: return 10;
    case Relationship::kChild: return sex == Sex::kMale ? 20 : 30;
    case Relationship::kDaughterInLaw: return 38;
    case Relationship::kSonInLaw: return 28;
    case Relationship::kGrandchild: return 40;
    case Relationship::kParent: return 50;
    case Relationship::kSibling: return 70;
    case Relationship::kOther: return 80;
  }
  return 80;
}

Result<Relationship> ParseRelationship(std::string_view t) {
  for (const auto& i : kRel)
    if (t == i.id || t == i.zh) return i.r;
  struct Alias {
    std::string_view text;
    Relationship r;
  };
  static constexpr Alias kAliases[] = {
      {"本人", Relationship::kHead},        {"户主本人", Relationship::kHead},
      {"妻", Relationship::kSpouse},        {"妻子", Relationship::kSpouse},
      {"夫", Relationship::kSpouse},        {"丈夫", Relationship::kSpouse},
      {"子", Relationship::kChild},         {"儿子", Relationship::kChild},
      {"女", Relationship::kChild},         {"女儿", Relationship::kChild},
      {"长子", Relationship::kChild},       {"次子", Relationship::kChild},
      {"长女", Relationship::kChild},       {"次女", Relationship::kChild},
      {"养子", Relationship::kChild},       {"养女", Relationship::kChild},
      {"媳妇", Relationship::kDaughterInLaw}, {"孙子", Relationship::kGrandchild},
      {"孙女", Relationship::kGrandchild},  {"外孙子", Relationship::kGrandchild},
      {"外孙女", Relationship::kGrandchild}, {"外孙", Relationship::kGrandchild},
      {"父亲", Relationship::kParent},      {"母亲", Relationship::kParent},
      {"公公", Relationship::kParent},      {"婆婆", Relationship::kParent},
      {"岳父", Relationship::kParent},      {"岳母", Relationship::kParent},
      {"兄", Relationship::kSibling},       {"弟", Relationship::kSibling},
      {"姐", Relationship::kSibling},       {"妹", Relationship::kSibling},
      {"哥哥", Relationship::kSibling},     {"弟弟", Relationship::kSibling},
      {"姐姐", Relationship::kSibling},     {"妹妹", Relationship::kSibling},
  };
  for (const auto& a : kAliases)
    if (t == a.text) return a.r;
  // GB/T 4761-2008 two-digit codes.
  if (t.size() == 2 && t[0] >= '0' && t[0] <= '9' && t[1] >= '0' && t[1] <= '9') {
    int code = (t[0] - '0') * 10 + (t[1] - '0');
    if (code == 1 || code == 2) return Relationship::kHead;
    if (code >= 10 && code <= 12) return Relationship::kSpouse;
    if (code == 28) return Relationship::kSonInLaw;
    if (code == 38) return Relationship::kDaughterInLaw;
    if (code >= 20 && code <= 39) return Relationship::kChild;
    if (code >= 40 && code <= 49) return Relationship::kGrandchild;
    if (code >= 50 && code <= 59) return Relationship::kParent;
    if (code >= 70 && code <= 79) return Relationship::kSibling;
    if (code >= 60 && code <= 99) return Relationship::kOther;
  }
  return BadEnum("relationship", t, "户主, 配偶, 子女, 儿媳, 女婿, 孙子女, 父母, 兄弟姐妹, 其他",
                 "与户主关系");
}

std::string_view CategoryName(Category c) {
  return c == Category::kRegisteredPoor ? "registered_poor" : "co_relocated";
}

Result<Category> ParseCategory(std::string_view t) {
  if (t == "registered_poor" || t == "建档立卡" || t == "建档立卡贫困户" || t == "贫困户" ||
      t == "建档立卡户")
    return Category::kRegisteredPoor;
  if (t == "co_relocated" || t == "同步搬迁" || t == "同步搬迁户") return Category::kCoRelocated;
  return BadEnum("category", t, "registered_poor (建档立卡贫困户), co_relocated (同步搬迁户)",
                 "户类别");
}

std::string_view RelocationTypeName(RelocationType t) {
  return t == RelocationType::kWholeVillage ? "whole_village" : "scattered";
}

Result<RelocationType> ParseRelocationType(std::string_view t) {
  if (t == "whole_village" || t == "整村搬迁" || t == "整村") return RelocationType::kWholeVillage;
  if (t == "scattered" || t == "插花搬迁" || t == "插花") return RelocationType::kScattered;
  return BadEnum("relocation_type", t, "whole_village (整村搬迁), scattered (插花搬迁)",
                 "搬迁类型");
}

namespace {
struct EmpInfo {
  EmploymentKind k;
  std::string_view id, zh;
};
constexpr std::array<EmpInfo, 7> kEmp = {{
    {EmploymentKind::kWorkshop, "workshop", "扶贫车间"},
    {EmploymentKind::kPark, "park", "产业园区"},
    {EmploymentKind::kWelfarePost, "welfare_post", "公益岗位"},
    {EmploymentKind::kEnterprise, "enterprise", "企业务工"},
    {EmploymentKind::kMigrantWork, "migrant_work", "外出务工"},
    {EmploymentKind::kSelfEmployed, "self_employed", "自主创业"},
    {EmploymentKind::kNone, "none", "未就业"},
}};
}  // namespace

std::string_view EmploymentKindName(EmploymentKind k) {
  for (const auto& i : kEmp)
    if (i.k == k) return i.id;
  return "none";
}
std::string_view EmploymentKindNameZh(EmploymentKind k) {
  for (const auto& i : kEmp)
    if (i.k == k) return i.zh;
  return "未就业";
}
Result<EmploymentKind> ParseEmploymentKind(std::string_view t) {
  for (const auto& i : kEmp)
    if (t == i.id || t == i.zh) return i.k;
  if (t.empty() || t == "无") return EmploymentKind::kNone;
  return BadEnum("employment_kind", t,
                 "workshop, park, welfare_post, enterprise, migrant_work, self_employed, none",
                 "就业类型");
}

std::string_view HealthName(Health h) {
  switch (h) {
    case Health::kHealthy: return "healthy";
    case Health::kChronicIllness: return "chronic_illness";
    case Health::kSeriousIllness: return "serious_illness";
    case Health::kDisabled: return "disabled";
  }
  return "healthy";
}
Result<Health> ParseHealth(std::string_view t) {
  if (t == "healthy" || t == "健康") return Health::kHealthy;
  if (t == "chronic_illness" || t == "慢性病" || t == "长期慢性病") return Health::kChronicIllness;
  if (t == "serious_illness" || t == "大病" || t == "患有大病") return Health::kSeriousIllness;
  if (t == "disabled" || t == "残疾") return Health::kDisabled;
  return BadEnum("health", t, "healthy (健康), chronic_illness (慢性病), serious_illness (大病), "
                 "disabled (残疾)", "健康状况");
}

const std::vector<EthnicGroup>& EthnicGroups() {
  // GB/T 3304-1991 table 1 (codes 01–56, Chinese names, romanisation), then 97 and 98.
  static const std::vector<EthnicGroup> kGroups = {
      {"01", "汉族", "Han"},
      {"02", "蒙古族", "Mongol"},
      {"03", "回族", "Hui"},
      {"04", "藏族", "Zang"},
      {"05", "维吾尔族", "Uygur"},
      {"06", "苗族", "Miao"},
      {"07", "彝族", "Yi"},
      {"08", "壮族", "Zhuang"},
      {"09", "布依族", "Buyei"},
      {"10", "朝鲜族", "Chosen"},
      {"11", "满族", "Man"},
      {"12", "侗族", "Dong"},
      {"13", "瑶族", "Yao"},
      {"14", "白族", "Bai"},
      {"15", "土家族", "Tujia"},
      {"16", "哈尼族", "Hani"},
      {"17", "哈萨克族", "Kazak"},
      {"18", "傣族", "Dai"},
      {"19", "黎族", "Li"},
      {"20", "傈僳族", "Lisu"},
      {"21", "佤族", "Va"},
      {"22", "畲族", "She"},
      {"23", "高山族", "Gaoshan"},
      {"24", "拉祜族", "Lahu"},
      {"25", "水族", "Sui"},
      {"26", "东乡族", "Dongxiang"},
      {"27", "纳西族", "Naxi"},
      {"28", "景颇族", "Jingpo"},
      {"29", "柯尔克孜族", "Kirgiz"},
      {"30", "土族", "Tu"},
      {"31", "达斡尔族", "Daur"},
      {"32", "仫佬族", "Mulao"},
      {"33", "羌族", "Qiang"},
      {"34", "布朗族", "Blang"},
      {"35", "撒拉族", "Salar"},
      {"36", "毛南族", "Maonan"},
      {"37", "仡佬族", "Gelao"},
      {"38", "锡伯族", "Xibe"},
      {"39", "阿昌族", "Achang"},
      {"40", "普米族", "Pumi"},
      {"41", "塔吉克族", "Tajik"},
      {"42", "怒族", "Nu"},
      {"43", "乌孜别克族", "Uzbek"},
      {"44", "俄罗斯族", "Russ"},
      {"45", "鄂温克族", "Ewenki"},
      {"46", "德昂族", "Deang"},
      {"47", "保安族", "Bonan"},
      {"48", "裕固族", "Yugur"},
      {"49", "京族", "Gin"},
      {"50", "塔塔尔族", "Tatar"},
      {"51", "独龙族", "Derung"},
      {"52", "鄂伦春族", "Oroqen"},
      {"53", "赫哲族", "Hezhen"},
      {"54", "门巴族", "Monba"},
      {"55", "珞巴族", "Lhoba"},
      {"56", "基诺族", "Jino"},
      {"97", "其他", "Other"},
      {"98", "外国血统中国籍人士", "Naturalised"},
  };
  return kGroups;
}

Result<std::string> ParseEthnicity(std::string_view raw) {
  const std::string t = TrimSpace(raw);
  if (t.empty()) return std::string();
  const auto& groups = EthnicGroups();
  for (const auto& g : groups)
    if (t == g.name) return std::string(g.name);
  for (const auto& g : groups) {
    // Without 族: 汉 -> 汉族 (only the 56 end in 族).
    if (g.name.ends_with("族") && t == g.name.substr(0, g.name.size() - std::string_view("族").size()))
      return std::string(g.name);
  }
  if (t.size() <= 2 && std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    const std::string code = t.size() == 1 ? "0" + t : t;
    for (const auto& g : groups)
      if (code == g.code) return std::string(g.name);
  }
  struct Alias {
    std::string_view text, name;
  };
  static constexpr Alias kAliases[] = {
      {"毛难族", "毛南族"}, {"毛难", "毛南族"}, {"崩龙族", "德昂族"}, {"崩龙", "德昂族"},
      {"未识别民族", "其他"}, {"其它", "其他"}, {"外国血统", "外国血统中国籍人士"},
      {"入籍", "外国血统中国籍人士"}};
  for (const auto& a : kAliases)
    if (t == a.text) return std::string(a.name);
  return InvalidArgument(
      fmt::format("unknown ethnicity '{}'; use one of the 56 groups of GB/T 3304-1991 by name (汉族 or "
                  "汉) or two-digit code (01), 其他 (97) for a group the standard does not list (e.g. "
                  "穿青人), or 外国血统中国籍人士 (98)", t),
      "ethnicity", t,
      fmt::format("民族“{}”不在 GB/T 3304-1991 的 56 个民族之列；请填写民族名称（如 汉族 或 汉）或两位代码"
                  "（如 01），未识别民族（如 穿青人）填“其他”", t));
}

const std::vector<EducationLevel>& EducationLevels() {
  static const std::vector<EducationLevel> kLevels = {
      {"学龄前", "", "pre-school"},
      {"文盲", "90", "illiterate or semi-literate"},
      {"小学", "80", "primary school"},
      {"初中", "70", "junior secondary"},
      {"高中", "60", "senior secondary"},
      {"技工学校", "50", "skilled-worker school"},
      {"中专", "40", "secondary specialised school"},
      {"大专及以上", "30,20,10", "college or higher"},
  };
  return kLevels;
}

Result<std::string> ParseEducation(std::string_view raw) {
  const std::string t = TrimSpace(raw);
  if (t.empty()) return std::string();
  for (const auto& l : EducationLevels())
    if (t == l.name) return std::string(l.name);
  struct Alias {
    std::string_view text, name;
  };
  static constexpr Alias kAliases[] = {
      {"学龄前儿童", "学龄前"}, {"文盲或半文盲", "文盲"}, {"半文盲", "文盲"},
      {"中等专业学校", "中专"}, {"中等专科", "中专"}, {"技校", "技工学校"},
      {"大学专科", "大专及以上"}, {"大专", "大专及以上"}, {"大学本科", "大专及以上"},
      {"本科", "大专及以上"}, {"本科及以上", "大专及以上"}, {"研究生", "大专及以上"},
      {"硕士", "大专及以上"}, {"博士", "大专及以上"},
      // GB/T 4658-1984 codes; 90 is left out on purpose (see the header).
      {"10", "大专及以上"}, {"20", "大专及以上"}, {"30", "大专及以上"}, {"40", "中专"},
      {"50", "技工学校"}, {"60", "高中"}, {"70", "初中"}, {"80", "小学"}};
  for (const auto& a : kAliases)
    if (t == a.text) return std::string(a.name);
  std::vector<std::string_view> names;
  for (const auto& l : EducationLevels()) names.push_back(l.name);
  return InvalidArgument(
      fmt::format("unknown education '{}'; use one of: {} (or a GB/T 4658-1984 code 10–80)", t,
                  fmt::join(names, ", ")),
      "education", t,
      fmt::format("文化程度“{}”无法识别，可用：{}", t, fmt::join(names, "、")));
}

bool IsWorkingAge(Date birth_date, Date on) {
  int age = AgeInCompletedYears(birth_date, on);
  return age >= kWorkingAgeMin && age <= kWorkingAgeMax;
}

bool ExceedsAreaStandard(int64_t floor_area_dm2, int persons) {
  if (persons < 1) persons = 1;
  return floor_area_dm2 > kMaxFloorAreaDm2PerPerson * persons;
}

namespace {

// ICU's Han-Latin transliterator followed by Latin-ASCII; created once, guarded by a mutex
// (a Transliterator is not safe for concurrent use). Results are cached per code point in a
// thread-local map, so a generator calling this millions of times seldom takes the lock.
char InitialOf(UChar32 c) {
  if (c < 0x80) {
    if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return static_cast<char>(c);
    return 0;
  }
  thread_local std::unordered_map<UChar32, char> local;
  if (auto it = local.find(c); it != local.end()) return it->second;
  static std::mutex mu;
  static std::unique_ptr<icu::Transliterator> tr;
  char result = 0;
  {
    std::lock_guard lock(mu);
    if (!tr) {
      UErrorCode st = U_ZERO_ERROR;
      tr.reset(icu::Transliterator::createInstance("Han-Latin; Latin-ASCII", UTRANS_FORWARD, st));
      if (U_FAILURE(st)) tr.reset();
    }
    if (tr) {
      icu::UnicodeString s(c);
      tr->transliterate(s);
      for (int i = 0; i < s.length(); ++i) {
        char16_t u = s.charAt(i);
        if (u >= 'a' && u <= 'z') { result = static_cast<char>(u); break; }
        if (u >= 'A' && u <= 'Z') { result = static_cast<char>(u - 'A' + 'a'); break; }
      }
    }
  }
  local.emplace(c, result);
  return result;
}

}  // namespace

std::string NameInitials(std::string_view name) {
  std::string out;
  int32_t i = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(name.data());
  const auto n = static_cast<int32_t>(name.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) continue;
    if (char ch = InitialOf(c)) out.push_back(ch);
  }
  return out;
}


namespace {
// Decodes UTF-8 into code points (invalid bytes become U+FFFD).
std::vector<UChar32> CodePoints(std::string_view text) {
  std::vector<UChar32> out;
  int32_t i = 0;
  const auto n = static_cast<int32_t>(text.size());
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    out.push_back(c < 0 ? 0xFFFD : c);
  }
  return out;
}
bool IsSpace(UChar32 c) { return c == ' ' || (c >= 0x09 && c <= 0x0D) || u_isUWhiteSpace(c); }
void AppendUtf8(std::string& out, UChar32 c) {
  char buf[4];
  int32_t len = 0;
  UBool err = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, c, err);
  if (!err) out.append(buf, static_cast<size_t>(len));
}
}  // namespace

std::string TrimSpace(std::string_view text) {
  std::vector<UChar32> cps = CodePoints(text);
  size_t b = 0, e = cps.size();
  while (b < e && IsSpace(cps[b])) ++b;
  while (e > b && IsSpace(cps[e - 1])) --e;
  std::string out;
  for (size_t i = b; i < e; ++i) AppendUtf8(out, cps[i]);
  return out;
}

std::string NormalizeHouseholdNo(std::string_view text) {
  std::string out;
  for (UChar32 c : CodePoints(TrimSpace(text))) {
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII
    if (c >= 'a' && c <= 'z') c -= 'a' - 'A';
    AppendUtf8(out, c);
  }
  return out;
}

bool LooksLikeHouseholdNo(std::string_view text) {
  auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (text.empty() || !letter(text.front())) return false;
  bool has_digit = false;
  for (char c : text) {
    if (digit(c)) has_digit = true;
    else if (!letter(c) && c != '-') return false;
  }
  return has_digit;
}

}  // namespace anju::registry
