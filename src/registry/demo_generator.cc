#include "registry/demo_generator.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace anju::registry {

namespace {

// ---- deterministic PRNG: SplitMix64 seeding xoshiro256** (Blackman & Vigna, public domain) ----
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (auto& w : s_) w = SplitMix(seed);
  }
  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }
  /// Uniform in [0, n) (n > 0); modulo bias is below n / 2^64, negligible for our n.
  int64_t Below(int64_t n) {
    return static_cast<int64_t>(Next() % static_cast<uint64_t>(n));
  }
  int64_t Between(int64_t lo, int64_t hi) { return lo + Below(hi - lo + 1); }  // inclusive
  /// True with probability p (0..1), computed on integers (p in millionths).
  bool Chance(double p) { return Below(1000000) < static_cast<int64_t>(p * 1000000.0); }

 private:
  static uint64_t SplitMix(uint64_t& x) {
    uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

template <class T>
void Shuffle(std::vector<T>& v, Rng& rng) {
  for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[static_cast<size_t>(rng.Below(static_cast<int64_t>(i)))]);
}

/// Weighted choice over cumulative counts.
class Weighted {
 public:
  Weighted() = default;
  explicit Weighted(const std::vector<std::pair<std::string, int64_t>>& items) {
    int64_t sum = 0;
    for (const auto& [s, c] : items) {
      sum += c;
      cum_.push_back(sum);
      values_.push_back(s);
    }
  }
  const std::string& Pick(Rng& rng) const {
    int64_t r = rng.Below(cum_.back());
    auto it = std::upper_bound(cum_.begin(), cum_.end(), r);
    return values_[static_cast<size_t>(it - cum_.begin())];
  }
  bool empty() const { return cum_.empty(); }

 private:
  std::vector<int64_t> cum_;
  std::vector<std::string> values_;
};

// Region codes (GB/T 2260) of Lüliang city, Shanxi: 141124 is Lin County; its neighbours give
// the few persons registered elsewhere (spouses married in). Larger scales spread persons over
// all of them so that sequence numbers per birth date never run out.
constexpr std::array<std::string_view, 13> kRegions = {
    "141124", "141102", "141125", "141123", "141128", "141121", "141122",
    "141126", "141127", "141129", "141130", "141181", "141182"};

constexpr int kFirstBirthYear = 1920;
constexpr int kYears = 104;  // birth years 1920 … 2023

// Site templates: share of the county's persons per site (sites.csv order), chosen so that the
// size classes of the article come out (2 ≥ 3,000; 9 of 800–2,999; 7 < 800) with margins far
// wider than one household. 城北 and 湫水文峰苑 are the two large ones.
constexpr std::array<int, 18> kSitePersons = {
    10860, 7900,                                           // 城北, 湫水文峰苑
    2300, 2150, 1900, 2250, 2050, 1700, 1600, 1750, 1560,  // nine of 800–2,999
    600,  560,  700,  480,  640,  420,  584};              // seven under 800 (sum 40,004)

constexpr std::array<std::string_view, 8> kWorkshopKinds = {
    "small_appliance", "garment", "luggage", "electronics_assembly",
    "handicraft", "food_processing", "motor_assembly", "small_fan_assembly"};

constexpr std::array<std::string_view, 8> kMigrantPlaces = {"太原", "吕梁离石", "北京", "西安",
                                                            "鄂尔多斯", "天津", "榆林", "石家庄"};
constexpr std::array<std::string_view, 6> kEnterprises = {
    "临县饲料加工厂", "临县红枣加工有限公司", "临县物业管理公司", "临县建筑工程公司",
    "临县物流配送中心", "临县家政服务公司"};
constexpr std::array<std::string_view, 4> kWelfarePosts = {"巡河员", "护林员", "保洁员",
                                                           "公路养护员"};

int DecadeColumn(int birth_year) {
  if (birth_year < 1960) return 0;
  if (birth_year >= 2000) return 5;
  return (birth_year - 1950) / 10;
}

Date YearsBefore(Date d, int years) {
  return Date{d.year() - std::chrono::years{years}, d.month(), d.day()};
}

// One generated person before ids and names are fixed.
struct Draft {
  Relationship rel = Relationship::kHead;
  Sex sex = Sex::kMale;
  int age = 30;                 // completed years on the statistics date
  bool own_surname = true;      // false: takes the household surname (children, grandchildren)
};

struct DraftHousehold {
  Category category = Category::kRegisteredPoor;
  int site = 0;                 // index into the group's sites
  std::vector<Draft> members;
};

// Builds the members of a household of `n` persons with plausible ages and relationships.
// Ages keep parents at least 20 years older than their children.
std::vector<Draft> BuildMembers(int n, Rng& rng) {
  std::vector<Draft> m;
  // Head's age: mostly 30–70; one-person households are mostly elderly.
  int head_age = n == 1 ? static_cast<int>(rng.Between(45, 88))
                        : static_cast<int>(rng.Between(27, 78));
  Sex head_sex = rng.Chance(0.86) ? Sex::kMale : Sex::kFemale;
  Sex other = head_sex == Sex::kMale ? Sex::kFemale : Sex::kMale;
  m.push_back({Relationship::kHead, head_sex, head_age, true});
  if (n == 1) return m;
  int youngest_parent = head_age;
  if (rng.Chance(0.9) || n == 2) {
    int sa = std::clamp(head_age + static_cast<int>(rng.Between(-5, 3)), 20, 95);
    m.push_back({Relationship::kSpouse, other, sa, true});
    youngest_parent = std::min(youngest_parent, sa);
  }
  int left = n - static_cast<int>(m.size());
  if (youngest_parent >= 58 && left >= 2) {
    // An old couple living with a married son and his children.
    int son_age = youngest_parent - static_cast<int>(rng.Between(22, 30));
    m.push_back({Relationship::kChild, Sex::kMale, son_age, false});
    int dil_age = std::max(20, son_age + static_cast<int>(rng.Between(-4, 2)));
    m.push_back({Relationship::kDaughterInLaw, Sex::kFemale, dil_age, true});
    left -= 2;
    int gp = std::min(son_age, dil_age);
    for (; left > 0; --left) {
      int ga = std::max(0, gp - static_cast<int>(rng.Between(20, 32)));
      m.push_back({Relationship::kGrandchild, rng.Chance(0.52) ? Sex::kMale : Sex::kFemale, ga,
                   false});
    }
    return m;
  }
  if (head_age <= 45 && left >= 2 && rng.Chance(0.45)) {
    int pa = std::min(95, head_age + static_cast<int>(rng.Between(22, 32)));
    m.push_back({Relationship::kParent, rng.Chance(0.5) ? Sex::kMale : Sex::kFemale, pa, true});
    --left;
  }
  if (left >= 3 && rng.Chance(0.08)) {
    int sa = std::clamp(head_age + static_cast<int>(rng.Between(-8, 8)), 16, 90);
    m.push_back({Relationship::kSibling, rng.Chance(0.5) ? Sex::kMale : Sex::kFemale, sa, false});
    --left;
  }
  for (; left > 0; --left) {
    int hi = youngest_parent - 20;
    int lo = std::max(0, youngest_parent - 40);
    int ca = hi < 0 ? 0 : static_cast<int>(rng.Between(std::min(lo, hi), hi));
    if (hi < 0) {
      // A very young couple cannot have children here: add an "other" relative instead.
      m.push_back({Relationship::kOther, rng.Chance(0.5) ? Sex::kMale : Sex::kFemale,
                   static_cast<int>(rng.Between(20, 70)), true});
      continue;
    }
    m.push_back({Relationship::kChild, rng.Chance(0.52) ? Sex::kMale : Sex::kFemale, ca, false});
  }
  return m;
}

// Splits `persons` over `households` sizes 1..8 with mean persons/households, exactly.
std::vector<int> HouseholdSizes(int64_t households, int64_t persons, Rng& rng) {
  std::vector<int> sizes(static_cast<size_t>(households));
  if (households == 0) return sizes;
  int64_t base = persons / households, extra = persons % households;
  for (int64_t i = 0; i < households; ++i)
    sizes[static_cast<size_t>(i)] = static_cast<int>(base + (i < extra ? 1 : 0));
  // Spread: move one person between random households, keeping 1 ≤ size ≤ 8.
  for (int64_t k = 0; k < households * 3; ++k) {
    auto a = static_cast<size_t>(rng.Below(households));
    auto b = static_cast<size_t>(rng.Below(households));
    if (a != b && sizes[a] > 1 && sizes[b] < 8) {
      --sizes[a];
      ++sizes[b];
    }
  }
  return sizes;
}

// The members of household h whose ages constrain member i (their parents in the household).
// Returns the minimum age of i's parents, or 200 when none is present.
int ParentsMinAge(const std::vector<Draft>& m, size_t i) {
  int best = 200;
  auto rel = m[i].rel;
  for (size_t j = 0; j < m.size(); ++j) {
    if (j == i) continue;
    auto r = m[j].rel;
    bool is_parent = false;
    if (rel == Relationship::kChild) is_parent = r == Relationship::kHead || r == Relationship::kSpouse;
    if (rel == Relationship::kGrandchild)
      is_parent = r == Relationship::kDaughterInLaw || (r == Relationship::kChild && m[j].age >= 30);
    if (rel == Relationship::kHead || rel == Relationship::kSpouse)
      is_parent = r == Relationship::kParent;
    if (is_parent) best = std::min(best, m[j].age);
  }
  return best;
}

// The minimum age a member must keep above its own children in the household (0 if none).
int ChildrenMaxAge(const std::vector<Draft>& m, size_t i) {
  int best = -1;
  auto rel = m[i].rel;
  for (size_t j = 0; j < m.size(); ++j) {
    if (j == i) continue;
    auto r = m[j].rel;
    bool is_child = false;
    if (rel == Relationship::kHead || rel == Relationship::kSpouse) is_child = r == Relationship::kChild;
    if (rel == Relationship::kParent) is_child = r == Relationship::kHead;
    if (rel == Relationship::kDaughterInLaw || (rel == Relationship::kChild && m[i].age >= 30))
      is_child = r == Relationship::kGrandchild;
    if (is_child) best = std::max(best, m[j].age);
  }
  return best;
}

bool Working(int age) { return age >= kWorkingAgeMin && age <= kWorkingAgeMax; }

// Moves ages across the 18 / 60 boundaries until exactly `target` members are of working age,
// keeping every parent ≥ 17 completed years older than their children in the household.
Status CalibrateWorkingAge(std::vector<DraftHousehold>& hh, int64_t target, Rng& rng) {
  int64_t w = 0;
  for (const auto& h : hh)
    for (const auto& d : h.members) w += Working(d.age) ? 1 : 0;
  std::vector<std::pair<uint32_t, uint16_t>> cand;
  for (int pass = 0; pass < 8 && w != target; ++pass) {
    cand.clear();
    for (uint32_t i = 0; i < hh.size(); ++i)
      for (uint16_t j = 0; j < hh[i].members.size(); ++j) {
        int a = hh[i].members[j].age;
        if (w > target ? (a >= 18 && a <= 20) || (a >= 58 && a <= 60)
                       : (a >= 14 && a <= 17) || (a >= 61 && a <= 64))
          cand.emplace_back(i, j);
      }
    Shuffle(cand, rng);
    for (auto [i, j] : cand) {
      if (w == target) break;
      auto& m = hh[i].members;
      Draft& d = m[j];
      int new_age;
      if (w > target) new_age = d.age <= 20 ? 17 : 61;
      else new_age = d.age <= 17 ? 18 : 60;
      if (new_age < d.age) {  // younger: parents stay older; own children must stay 17 younger
        int kids = ChildrenMaxAge(m, j);
        if (kids >= 0 && new_age - kids < 17) continue;
      } else {  // older: must stay 17 younger than own parents
        if (ParentsMinAge(m, j) - new_age < 17) continue;
      }
      bool was = Working(d.age);
      d.age = new_age;
      w += (Working(new_age) ? 1 : 0) - (was ? 1 : 0);
    }
  }
  if (w != target)
    return std::unexpected(Error{ErrorCode::kInternal,
                                 fmt::format("demo: could not calibrate working-age persons "
                                             "({} generated, {} wanted)", w, target),
                                 "", "working_age", std::to_string(w), {}});
  return {};
}

// Splits `total` into `n` positive integer parts in multiples of `unit` with random weights.
std::vector<int64_t> SplitExact(int64_t total, int n, int64_t unit, Rng& rng) {
  std::vector<int64_t> w(static_cast<size_t>(n));
  int64_t ws = 0;
  for (auto& x : w) ws += (x = rng.Between(20, 100));
  int64_t units = total / unit;
  std::vector<int64_t> out(static_cast<size_t>(n));
  int64_t used = 0;
  for (int i = 0; i < n; ++i) used += out[static_cast<size_t>(i)] = units * w[static_cast<size_t>(i)] / ws;
  for (int i = 0; used < units; i = (i + 1) % n, ++used) ++out[static_cast<size_t>(i)];
  for (auto& x : out) x *= unit;
  out[0] += total - units * unit;  // a remainder below one unit goes to the first contract
  return out;
}

// Writes `v` as exactly `width` decimal digits (zero-padded; v < 10^width) at `out`.
void PutDigits(char* out, uint64_t v, int width) {
  for (int i = width - 1; i >= 0; --i, v /= 10) out[i] = static_cast<char>('0' + v % 10);
}

// Appends `v` zero-padded to at least `width` digits (as fmt's {:0Nd}), without fmt.
void AppendPadded(std::string& s, uint64_t v, int width) {
  int digits = 1;
  for (uint64_t t = v; t >= 10; t /= 10) ++digits;
  const size_t at = s.size();
  s.resize(at + static_cast<size_t>(std::max(width, digits)));
  PutDigits(s.data() + at, v, std::max(width, digits));
}

std::string Phone(Rng& rng) {
  static constexpr std::array<std::string_view, 8> kPrefixes = {"134", "135", "138", "139",
                                                                "150", "152", "158", "187"};
  // The draws in the order the first version's fmt::format call evaluated its arguments
  // (right to left with g++), so that the rows stay the same per seed.
  const uint64_t digits = static_cast<uint64_t>(rng.Below(100000000));
  const size_t prefix = static_cast<size_t>(rng.Below(8));
  std::string out(11, '0');
  std::copy(kPrefixes[prefix].begin(), kPrefixes[prefix].end(), out.begin());
  PutDigits(out.data() + 3, digits, 8);
  return out;
}

std::string EducationFor(int age, Rng& rng) {
  if (age < 7) return "学龄前";
  if (age < 13) return "小学";
  if (age < 16) return "初中";
  int r = static_cast<int>(rng.Below(100));
  if (age >= 60) return r < 35 ? "文盲" : r < 80 ? "小学" : "初中";
  if (age >= 40) return r < 8 ? "文盲" : r < 40 ? "小学" : r < 85 ? "初中" : "高中";
  return r < 10 ? "小学" : r < 55 ? "初中" : r < 80 ? "高中" : r < 90 ? "中专" : "大专及以上";
}

}  // namespace

DemoTargets DemoTargets::Scaled(double scale) {
  DemoTargets t;
  auto s = [scale](int64_t v) { return static_cast<int64_t>(std::llround(static_cast<double>(v) * scale)); };
  t.households_registered_poor = s(t.households_registered_poor);
  t.persons_registered_poor = s(t.persons_registered_poor);
  t.households_co_relocated = s(t.households_co_relocated);
  t.persons_co_relocated = s(t.persons_co_relocated);
  t.working_age = s(t.working_age);
  t.employed = s(t.employed);
  t.convention_signed = s(t.convention_signed);
  t.custody_centimu = s(t.custody_centimu);
  t.land_transfer_centimu = s(t.land_transfer_centimu);
  return t;  // villages are not scaled: there are only so many real villages
}

Result<NameLists> ParseNameLists(std::string_view surnames_csv, std::string_view given_csv) {
  NameLists out;
  auto lines = [](std::string_view text) {
    std::vector<std::string_view> v;
    size_t p = 0;
    while (p < text.size()) {
      size_t e = text.find('\n', p);
      if (e == std::string_view::npos) e = text.size();
      std::string_view l = text.substr(p, e - p);
      if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
      if (!l.empty()) v.push_back(l);
      p = e + 1;
    }
    return v;
  };
  auto split = [](std::string_view l) {
    std::vector<std::string_view> f;
    size_t p = 0;
    for (;;) {
      size_t c = l.find(',', p);
      f.push_back(l.substr(p, c == std::string_view::npos ? l.size() - p : c - p));
      if (c == std::string_view::npos) break;
      p = c + 1;
    }
    return f;
  };
  auto num = [](std::string_view s, std::string_view file, size_t row, int col) -> Result<int64_t> {
    int64_t v = 0;
    if (s.empty()) return InvalidArgument(fmt::format("{} row {} column {}: empty count", file, row, col), "count", "");
    for (char c : s) {
      if (c < '0' || c > '9')
        return InvalidArgument(fmt::format("{} row {} column {}: '{}' is not a whole number", file, row, col, s),
                               "count", std::string(s));
      v = v * 10 + (c - '0');
    }
    return v;
  };
  auto sl = lines(surnames_csv);
  for (size_t i = 1; i < sl.size(); ++i) {
    auto f = split(sl[i]);
    if (f.size() != 3)
      return InvalidArgument(fmt::format("surnames.csv row {}: want 3 columns (rank,surname,count_1930_2008), got {}", i + 1, f.size()),
                             "row", std::string(sl[i]));
    auto n = num(f[2], "surnames.csv", i + 1, 3);
    if (!n) return std::unexpected(n.error());
    out.surnames.emplace_back(std::string(f[1]), *n);
  }
  auto gl = lines(given_csv);
  for (size_t i = 1; i < gl.size(); ++i) {
    auto f = split(gl[i]);
    if (f.size() != 37)
      return InvalidArgument(fmt::format("given_name_chars.csv row {}: want 37 columns, got {}", i + 1, f.size()),
                             "row", std::string(gl[i]));
    for (int sex = 0; sex < 2; ++sex)
      for (int d = 0; d < 6; ++d) {
        int ccol = 13 + sex * 12 + d, ncol = ccol + 6;
        auto n = num(f[static_cast<size_t>(ncol)], "given_name_chars.csv", i + 1, ncol + 1);
        if (!n) return std::unexpected(n.error());
        out.given[d][sex].emplace_back(std::string(f[static_cast<size_t>(ccol)]), *n);
      }
  }
  if (out.surnames.empty() || out.given[0][0].empty())
    return InvalidArgument("name lists are empty: surnames.csv and given_name_chars.csv need data rows",
                           "names", "");
  return out;
}

Result<DemoSummary> GenerateDemo(const DemoOptions& opts, const std::vector<SiteRef>& ref_sites,
                                 const std::vector<VillageRef>& villages, const NameLists& names,
                                 DemoSink& sink) {
  if (!(opts.scale > 0.0) || opts.scale > 1000.0)
    return InvalidArgument(fmt::format("--scale must be above 0 and at most 1000, got {}", opts.scale),
                           "scale", fmt::format("{}", opts.scale));
  if (ref_sites.size() != kSitePersons.size())
    return InvalidArgument(fmt::format("the demo needs the 18 reference sites of sites.csv, found {}; run `anju init` first",
                                       ref_sites.size()), "sites", std::to_string(ref_sites.size()));
  const DemoTargets t = DemoTargets::Scaled(opts.scale);
  if (static_cast<int64_t>(villages.size()) < t.villages_whole + t.villages_scattered)
    return InvalidArgument(fmt::format("the demo needs at least {} villages (村民委员会) in the division list, found {}",
                                       t.villages_whole + t.villages_scattered, villages.size()),
                           "villages", std::to_string(villages.size()));
  Rng rng(opts.seed);
  const Date stat = opts.statistics_date;
  const int stat_year = static_cast<int>(stat.year());
  const int groups = std::max(1, static_cast<int>(std::llround(opts.scale)));
  DemoSummary summary;

  // Name pickers.
  Weighted surname(names.surnames);
  Weighted given[6][2];
  for (int d = 0; d < 6; ++d)
    for (int s = 0; s < 2; ++s) given[d][s] = Weighted(names.given[d][s]);

  // --- sites: group 0 is the reference sites; group k > 0 copies them as "<name>-<k+1>".
  std::vector<SiteRef> all_sites = ref_sites;
  int64_t next_site_id = 0;
  for (const auto& s : ref_sites) next_site_id = std::max(next_site_id, s.id);
  for (int g = 1; g < groups; ++g)
    for (const auto& s : ref_sites) {
      sites::Site copy;
      copy.id = ++next_site_id;
      copy.name = fmt::format("{}-{}", s.name, g + 1);
      copy.township_code = s.township_code;
      copy.mode = sites::SiteMode::kCountyTown;
      copy.note = fmt::format("demo copy of {} (anju demo --scale)", s.name);
      if (auto st = sink.AddSite(copy); !st) return std::unexpected(st.error());
      all_sites.push_back({copy.id, copy.name, s.township_code, "", ""});
    }
  summary.sites = static_cast<int64_t>(all_sites.size());

  // --- origin villages: 283 村民委员会 at random, 166 of them whole-village.
  std::vector<size_t> vidx(villages.size());
  std::iota(vidx.begin(), vidx.end(), size_t{0});
  Shuffle(vidx, rng);
  const int64_t nv = t.villages_whole + t.villages_scattered;
  vidx.resize(static_cast<size_t>(nv));
  std::sort(vidx.begin(), vidx.end());  // ids in division-code order
  std::vector<OriginVillage> ovs;
  {
    std::vector<char> whole(static_cast<size_t>(nv), 0);
    for (int64_t i = 0; i < t.villages_whole; ++i) whole[static_cast<size_t>(i)] = 1;
    Shuffle(whole, rng);
    for (int64_t i = 0; i < nv; ++i) {
      const VillageRef& v = villages[vidx[static_cast<size_t>(i)]];
      OriginVillage o;
      o.id = i + 1;
      o.division_code = v.code;
      o.name = v.name;
      o.township_code = v.township_code;
      o.relocation_type = whole[static_cast<size_t>(i)] ? RelocationType::kWholeVillage : RelocationType::kScattered;
      if (auto st = sink.AddOriginVillage(o); !st) return std::unexpected(st.error());
      ovs.push_back(o);
    }
  }
  // Village weights: whole-village relocations move more households.
  std::vector<int64_t> vcum;
  {
    int64_t s = 0;
    for (const auto& o : ovs) vcum.push_back(s += o.relocation_type == RelocationType::kWholeVillage ? 5 : 2);
  }

  // --- per-(region, birth day, sex) sequence counters for resident ids.
  const int days_span = kYears * 366 + 1;
  const int epoch0 = DaysSinceEpoch(Date{std::chrono::year{kFirstBirthYear}, std::chrono::month{1}, std::chrono::day{1}});
  std::vector<uint16_t> seq_used(kRegions.size() * static_cast<size_t>(days_span) * 2, 0);

  int64_t hh_id = 0, person_id = 0, unit_id = 0, grid_id = 0;
  auto split_total = [groups](int64_t total, int g) { return total / groups + (g < total % groups ? 1 : 0); };

  for (int g = 0; g < groups; ++g) {
    const int64_t hp = split_total(t.households_registered_poor, g), pp = split_total(t.persons_registered_poor, g);
    const int64_t hc = split_total(t.households_co_relocated, g), pc = split_total(t.persons_co_relocated, g);
    const int64_t wa = split_total(t.working_age, g), em = split_total(t.employed, g);
    const int64_t conv = split_total(t.convention_signed, g);
    // Households with sizes and members.
    std::vector<DraftHousehold> hh;
    hh.reserve(static_cast<size_t>(hp + hc));
    for (int cat = 0; cat < 2; ++cat) {
      auto sizes = cat == 0 ? HouseholdSizes(hp, pp, rng) : HouseholdSizes(hc, pc, rng);
      for (int n : sizes) {
        DraftHousehold d;
        d.category = cat == 0 ? Category::kRegisteredPoor : Category::kCoRelocated;
        d.members = BuildMembers(n, rng);
        hh.push_back(std::move(d));
      }
    }
    Shuffle(hh, rng);
    if (auto st = CalibrateWorkingAge(hh, wa, rng); !st) return std::unexpected(st.error());

    // Sites: fill sites in order up to each one's share of this group's persons.
    int64_t group_persons = pp + pc;
    {
      size_t k = 0;
      int site = 0;
      int64_t acc = 0, goal = 0, share_acc = 0;
      auto goal_for = [&](int s) {
        share_acc += kSitePersons[static_cast<size_t>(s)];
        return group_persons * share_acc / 40004;
      };
      goal = goal_for(0);
      for (; k < hh.size(); ++k) {
        auto n = static_cast<int64_t>(hh[k].members.size());
        while (site < 17 && acc + n / 2 >= goal) goal = goal_for(++site);
        hh[k].site = site;
        acc += n;
      }
    }
    // Stable order by site so that housing units are numbered per site.
    std::stable_sort(hh.begin(), hh.end(), [](const DraftHousehold& a, const DraftHousehold& b) { return a.site < b.site; });

    // Able/wants/employment.
    struct Labour {
      bool able = false, wants = false, employed = false;
    };
    std::vector<std::vector<Labour>> lab(hh.size());
    std::vector<std::pair<uint32_t, uint16_t>> aw;  // able & willing members
    for (uint32_t i = 0; i < hh.size(); ++i) {
      lab[i].resize(hh[i].members.size());
      for (uint16_t j = 0; j < hh[i].members.size(); ++j) {
        if (!Working(hh[i].members[j].age)) continue;
        Labour& l = lab[i][j];
        l.able = rng.Chance(0.95);
        l.wants = l.able && rng.Chance(0.94);
        if (l.able && l.wants) aw.emplace_back(i, j);
      }
    }
    if (static_cast<int64_t>(aw.size()) < em) {
      // Not enough willing workers drawn: make more working-age members able and willing.
      for (uint32_t i = 0; i < hh.size() && static_cast<int64_t>(aw.size()) < em; ++i)
        for (uint16_t j = 0; j < hh[i].members.size() && static_cast<int64_t>(aw.size()) < em; ++j)
          if (Working(hh[i].members[j].age) && !(lab[i][j].able && lab[i][j].wants)) {
            lab[i][j].able = lab[i][j].wants = true;
            aw.emplace_back(i, j);
          }
    }
    int64_t employed = 0;
    {
      // Every household with an able-and-willing member gets one employed first ("每户至少一人就业").
      std::vector<int> first(hh.size(), -1);
      std::vector<std::pair<uint32_t, uint16_t>> order = aw;
      Shuffle(order, rng);
      for (auto [i, j] : order)
        if (first[i] < 0) {
          first[i] = j;
          lab[i][j].employed = true;
          ++employed;
        }
      if (employed > em)
        return std::unexpected(Error{ErrorCode::kInternal, fmt::format("demo: {} households need an employed member but only {} may be employed", employed, em), "", "employed", "", {}});
      for (auto [i, j] : order) {
        if (employed == em) break;
        if (!lab[i][j].employed) {
          lab[i][j].employed = true;
          ++employed;
        }
      }
    }
    // Convention signed: exactly `conv` households (selection sampling).
    std::vector<char> signed_conv(hh.size(), 0);
    {
      int64_t need = conv, left = static_cast<int64_t>(hh.size());
      for (size_t i = 0; i < hh.size(); ++i, --left)
        if (rng.Below(left) < need) {
          signed_conv[i] = 1;
          --need;
        }
    }
    // Villages: in group 0 the first households cover every village once.
    std::vector<int64_t> village_of(hh.size());
    {
      std::vector<size_t> order(hh.size());
      std::iota(order.begin(), order.end(), size_t{0});
      Shuffle(order, rng);
      for (size_t k = 0; k < order.size(); ++k) {
        int64_t v;
        if (g == 0 && static_cast<int64_t>(k) < nv) v = static_cast<int64_t>(k);
        else v = std::upper_bound(vcum.begin(), vcum.end(), rng.Below(vcum.back())) - vcum.begin();
        village_of[order[k]] = ovs[static_cast<size_t>(v)].id;
      }
    }

    // Write: per site, grids of 4 buildings, buildings of 2 entrances × 6 floors × 2 rooms.
    int cur_site = -1, idx_in_site = 0;
    int64_t cur_grid = 0;
    std::vector<std::string> grid_buildings;
    auto flush_grid = [&]() -> Status { return {}; };
    (void)flush_grid;
    for (size_t i = 0; i < hh.size(); ++i) {
      const DraftHousehold& d = hh[i];
      const SiteRef& site = all_sites[static_cast<size_t>(g * 18 + d.site)];
      if (d.site != cur_site) {
        cur_site = d.site;
        idx_in_site = 0;
        // Workshop and community of the site.
        DemoWorkshop w;
        w.id = site.id;
        w.site_id = site.id;
        std::string base = site.name;
        if (size_t pos = base.find("安置点"); pos != std::string::npos) base.erase(pos, std::string_view("安置点").size());
        w.name = fmt::format("{}扶贫车间", base);
        w.kind = std::string(kWorkshopKinds[static_cast<size_t>(site.id % 8)]);
        if (g == 0 && d.site == 0) w.kind = "small_appliance";  // the photo: 小家电加工帮扶车间
        w.opened_on = FromDaysSinceEpoch(DaysSinceEpoch(Date{std::chrono::year{2018}, std::chrono::month{3}, std::chrono::day{1}}) + static_cast<int>(rng.Below(900)));
        w.rent_free_years = static_cast<int>(rng.Between(3, 5));
        if (auto st = sink.AddWorkshop(w); !st) return std::unexpected(st.error());
        DemoCommunity c;
        c.id = site.id;
        c.site_id = site.id;
        c.name = !site.community_name.empty() ? site.community_name : fmt::format("{}社区", base);
        c.division_code = site.community_code;
        c.party_branch_founded = FromDaysSinceEpoch(DaysSinceEpoch(Date{std::chrono::year{2018}, std::chrono::month{1}, std::chrono::day{1}}) + static_cast<int>(rng.Below(1000)));
        if (auto st = sink.AddCommunity(c); !st) return std::unexpected(st.error());
      }
      const int building = idx_in_site / 24 + 1;
      const int in_b = idx_in_site % 24;
      if (idx_in_site % 96 == 0) {
        sites::Grid gr;
        gr.id = ++grid_id;
        gr.site_id = site.id;
        gr.name = fmt::format("第{}网格", idx_in_site / 96 + 1);
        gr.buildings = fmt::format("{},{},{},{}", building, building + 1, building + 2, building + 3);
        if (auto st = sink.AddGrid(gr); !st) return std::unexpected(st.error());
        cur_grid = gr.id;
      }
      const int n = static_cast<int>(d.members.size());
      sites::HousingUnit u;
      u.id = ++unit_id;
      u.site_id = site.id;
      u.building = std::to_string(building);
      u.entrance = std::to_string(in_b / 12 + 1);
      u.room = {static_cast<char>('0' + (in_b % 12) / 2 + 1), '0', static_cast<char>('0' + in_b % 2 + 1)};
      // ≤ 25 m² per person (the standard), a few above it (flagged, as in real registers).
      int64_t std_dm2 = kMaxFloorAreaDm2PerPerson * n;
      if (rng.Chance(0.004)) u.floor_area_dm2 = std_dm2 + rng.Between(100, 1500);
      else u.floor_area_dm2 = std_dm2 - rng.Between(0, 300 + 150 * n);
      if (auto st = sink.AddHousingUnit(u); !st) return std::unexpected(st.error());
      ++idx_in_site;

      Household h;
      h.id = ++hh_id;
      h.household_no = "LX-";
      AppendPadded(h.household_no, static_cast<uint64_t>(h.id), 7);
      h.category = d.category;
      h.origin_village_id = village_of[i];
      h.site_id = site.id;
      h.housing_unit_id = u.id;
      h.grid_id = cur_grid;
      h.move_in_date = FromDaysSinceEpoch(DaysSinceEpoch(Date{std::chrono::year{2017}, std::chrono::month{1}, std::chrono::day{1}}) + static_cast<int>(rng.Below(1461)));
      h.convention_signed = signed_conv[i] != 0;
      if (auto st = sink.AddHousehold(h); !st) return std::unexpected(st.error());
      ++summary.households;

      const std::string& family = surname.Pick(rng);
      for (size_t j = 0; j < d.members.size(); ++j) {
        const Draft& m = d.members[j];
        Person p;
        p.id = ++person_id;
        p.household_id = h.id;
        p.relationship = m.rel;
        p.sex = m.sex;
        // Birth date: completed age m.age on the statistics date.
        const int hi = DaysSinceEpoch(YearsBefore(stat, m.age));
        const int lo = DaysSinceEpoch(YearsBefore(stat, m.age + 1)) + 1;
        p.birth_date = FromDaysSinceEpoch(static_cast<int>(rng.Between(lo, hi)));
        const int by = static_cast<int>(p.birth_date.year());
        // Resident id: region (mostly Lin County at scale 1), birth date, sequence, check.
        size_t region = 0;
        if (g > 0) region = static_cast<size_t>(g) % kRegions.size();
        if (m.rel == Relationship::kSpouse || m.rel == Relationship::kDaughterInLaw) {
          if (rng.Chance(0.06)) region = 1 + static_cast<size_t>(rng.Below(4));
        }
        const int day = DaysSinceEpoch(p.birth_date) - epoch0;
        const int sexi = p.sex == Sex::kMale ? 0 : 1;
        int seq = -1;
        for (size_t tries = 0; tries < kRegions.size(); ++tries, region = (region + 1) % kRegions.size()) {
          uint16_t& used = seq_used[(region * static_cast<size_t>(days_span) + static_cast<size_t>(day)) * 2 + static_cast<size_t>(sexi)];
          if (used < 499) {
            const int k = (used++ + (day * 7 + static_cast<int>(region) * 13) % 499) % 499;
            seq = 2 * k + (sexi == 0 ? 1 : 2);
            break;
          }
        }
        if (seq < 0) return std::unexpected(Error{ErrorCode::kInternal, "demo: ran out of resident id sequence numbers", "", "resident_id", "", {}});
        // region (6) · YYYYMMDD (8) · sequence (3) · check character (1), GB 11643-1999.
        p.resident_id.resize(18);
        char* rid = p.resident_id.data();
        std::copy(kRegions[region].begin(), kRegions[region].end(), rid);
        PutDigits(rid + 6, static_cast<uint64_t>(by), 4);
        PutDigits(rid + 10, static_cast<unsigned>(p.birth_date.month()), 2);
        PutDigits(rid + 12, static_cast<unsigned>(p.birth_date.day()), 2);
        PutDigits(rid + 14, static_cast<uint64_t>(seq), 3);
        rid[17] = ResidentIdCheckChar(std::string_view(rid, 17));
        // Name: the household's surname for children and grandchildren of the head.
        const std::string& sn = m.own_surname ? surname.Pick(rng) : family;
        std::string nm = j == 0 ? family : sn;
        const int dc = DecadeColumn(by);
        nm += given[dc][sexi].Pick(rng);
        if (rng.Chance(by >= 1970 ? 0.7 : 0.55)) nm += given[dc][sexi].Pick(rng);
        p.name = std::move(nm);
        p.name_initials = NameInitials(p.name);
        p.ethnicity = rng.Chance(0.998) ? "汉族" : "回族";
        p.education = EducationFor(m.age, rng);
        const int hr = static_cast<int>(rng.Below(1000));
        if (m.age >= 60) p.health = hr < 550 ? Health::kHealthy : hr < 900 ? Health::kChronicIllness : hr < 960 ? Health::kSeriousIllness : Health::kDisabled;
        else p.health = hr < 930 ? Health::kHealthy : hr < 975 ? Health::kChronicIllness : hr < 988 ? Health::kSeriousIllness : Health::kDisabled;
        if (p.health == Health::kDisabled) p.disability_grade = static_cast<int>(rng.Between(1, 4));
        const Labour& l = lab[i][j];
        p.able_to_work = l.able;
        p.wants_work = l.wants;
        if (l.employed) {
          const int r = static_cast<int>(rng.Below(100));
          if (r < 35) { p.employment_kind = EmploymentKind::kMigrantWork; p.employer = std::string(kMigrantPlaces[static_cast<size_t>(rng.Below(8))]); }
          else if (r < 55) { p.employment_kind = EmploymentKind::kEnterprise; p.employer = std::string(kEnterprises[static_cast<size_t>(rng.Below(6))]); }
          else if (r < 70) { p.employment_kind = EmploymentKind::kWorkshop; p.employer = fmt::format("{}扶贫车间", site.name.substr(0, site.name.find("安置点"))); }
          else if (r < 80) { p.employment_kind = EmploymentKind::kPark; p.employer = "安置点产业园区"; }
          else if (r < 88) { p.employment_kind = EmploymentKind::kWelfarePost; p.employer = std::string(kWelfarePosts[static_cast<size_t>(rng.Below(4))]); }
          else { p.employment_kind = EmploymentKind::kSelfEmployed; }
          ++summary.employed;
        }
        if (m.age >= 16 && rng.Chance(0.75)) p.phone = Phone(rng);
        if (Working(m.age)) ++summary.working_age;
        if (auto st = sink.AddPerson(p); !st) return std::unexpected(st.error());
        ++summary.persons;
      }
    }
  }
  (void)stat_year;

  // --- land contracts over origin villages: custody and land transfer, exact totals.
  {
    int64_t lc_id = 0;
    for (int kind = 0; kind < 2; ++kind) {
      const int64_t total = kind == 0 ? t.custody_centimu : t.land_transfer_centimu;
      const int n = kind == 0 ? 120 : 80;
      auto parts = SplitExact(total, n, 50, rng);  // half-mu multiples
      for (int k = 0; k < n; ++k) {
        DemoLandContract c;
        c.id = ++lc_id;
        c.kind = kind == 0 ? "custody" : "land_transfer";
        const auto& v = ovs[static_cast<size_t>(rng.Below(static_cast<int64_t>(ovs.size())))];
        c.origin_village_id = v.id;
        std::string vname = v.name;
        for (std::string_view suf : {"村民委员会", "村委会"})
          if (vname.size() > suf.size() && vname.ends_with(suf)) vname.resize(vname.size() - suf.size());
        c.operator_name = kind == 0 ? fmt::format("{}农业生产托管专业合作社", vname) : fmt::format("{}家庭农场", vname);
        c.area_centimu = parts[static_cast<size_t>(k)];
        c.start_date = FromDaysSinceEpoch(DaysSinceEpoch(Date{std::chrono::year{2019}, std::chrono::month{1}, std::chrono::day{1}}) + static_cast<int>(rng.Below(1200)));
        if (auto st = sink.AddLandContract(c); !st) return std::unexpected(st.error());
      }
    }
  }
  return summary;
}

}  // namespace anju::registry
