#include "reports/report_service.h"
#include "reports/labour_figures.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>
#include <set>
#include <unordered_map>

#include "core/plausible.h"
#include "core/try.h"
#include "core/resident_id.h"

namespace anju::reports {

namespace {

constexpr size_t kMaxExamples = 10;
// Housing area per person allowed to registered-poor households: 25 m² = 2500 dm².
constexpr int64_t kMaxFloorDm2PerPerson = 2500;
// Above this households.id a hash map replaces the dense per-id table.
constexpr int64_t kMaxDenseHouseholdId = 50'000'000;

bool IsKnownProvince(int p) {
  // Same list as core/resident_id.cc (GB/T 2260 plus 81-83 for residence permits).
  switch (p) {
    case 11: case 12: case 13: case 14: case 15: case 21: case 22: case 23: case 31:
    case 32: case 33: case 34: case 35: case 36: case 37: case 41: case 42: case 43:
    case 44: case 45: case 46: case 50: case 51: case 52: case 53: case 54: case 61:
    case 62: case 63: case 64: case 65: case 71: case 81: case 82: case 83:
      return true;
    default:
      return false;
  }
}

// Per-household accumulator, kept small: a scale-240 database has ≈3.2 M households.
struct HouseholdAcc {
  int32_t site = -1;     // index into sites; -1: household not included
  int32_t village = -1;  // index into origin villages; -1 unknown
  int32_t floor_dm2 = -1;
  bool registered_poor = false;
  bool convention = false;
  uint16_t persons = 0;  // the counters below: sums of HouseholdCounts over scan workers
  uint16_t heads = 0;
  uint16_t working_age = 0;
  uint16_t employed_wa = 0;
  uint16_t able_willing_wa = 0;
};

// What one person-scan worker counts per household (saturating at 65535).
struct HouseholdCounts {
  uint16_t persons = 0;
  uint16_t heads = 0;
  uint16_t working_age = 0;
  uint16_t employed_wa = 0;
  uint16_t able_willing_wa = 0;
};

void Bump(uint16_t& c) {
  if (c < UINT16_MAX) ++c;
}
uint16_t SaturatingAdd(uint16_t a, uint16_t b) {
  return static_cast<uint16_t>(std::min<int>(a + b, UINT16_MAX));
}

// Maps households.id to accumulators: a dense vector for ordinary ids, a hash map otherwise.
class HouseholdTable {
 public:
  explicit HouseholdTable(int64_t max_id) : dense_(max_id <= kMaxDenseHouseholdId) {
    if (dense_) slot_.assign(static_cast<size_t>(std::max<int64_t>(max_id, 0) + 1), -1);
  }
  HouseholdAcc& Add(int64_t id) {
    int32_t s = static_cast<int32_t>(accs_.size());
    accs_.emplace_back();
    ids_.push_back(id);
    if (dense_ && id >= 0 && id < static_cast<int64_t>(slot_.size()))
      slot_[static_cast<size_t>(id)] = s;
    else
      sparse_[id] = s;
    return accs_.back();
  }
  /// The slot of household `id`, -1 if not included. Const: safe from several threads.
  int32_t FindSlot(int64_t id) const {
    if (dense_ && id >= 0 && id < static_cast<int64_t>(slot_.size()))
      return slot_[static_cast<size_t>(id)];
    auto it = sparse_.find(id);
    return it == sparse_.end() ? -1 : it->second;
  }
  std::vector<HouseholdAcc>& accs() { return accs_; }
  int64_t id_at(size_t i) const { return ids_[i]; }

 private:
  bool dense_;
  std::vector<int32_t> slot_;
  std::unordered_map<int64_t, int32_t> sparse_;
  std::vector<HouseholdAcc> accs_;
  std::vector<int64_t> ids_;
};

// Below the county: the households outside the scope resident at a site the report lists, by
// id, with the index of their site in r.sites, so that a site's size class counts all its
// residents (ClassifySites). A dense vector for ordinary ids, a hash map otherwise.
class OtherHouseholds {
 public:
  explicit OtherHouseholds(int64_t max_id) : dense_(max_id <= kMaxDenseHouseholdId) {
    if (dense_) site_.assign(static_cast<size_t>(std::max<int64_t>(max_id, 0) + 1), -1);
  }
  void Add(int64_t id, int32_t site) {
    if (dense_ && id >= 0 && id < static_cast<int64_t>(site_.size()))
      site_[static_cast<size_t>(id)] = site;
    else
      sparse_[id] = site;
  }
  /// The site index of household `id`, -1 if not one of them. Const: safe from several threads.
  int32_t SiteOf(int64_t id) const {
    if (dense_ && id >= 0 && id < static_cast<int64_t>(site_.size())) return site_[static_cast<size_t>(id)];
    auto it = sparse_.find(id);
    return it == sparse_.end() ? -1 : it->second;
  }
  /// Re-points the site indexes through `to` (old index -> new, -1: site dropped).
  void Repoint(const std::vector<int32_t>& to) {
    for (auto& s : site_)
      if (s >= 0) s = to[static_cast<size_t>(s)];
    for (auto& [id, s] : sparse_)
      if (s >= 0) s = to[static_cast<size_t>(s)];
  }

 private:
  bool dense_;
  std::vector<int32_t> site_;
  std::unordered_map<int64_t, int32_t> sparse_;
};

// Examples are collected with the household id; household numbers are filled in at the end.
struct PendingExample {
  int64_t household_id;
  std::string en;
  std::string zh;
};
using ExampleText = std::pair<std::string, std::string>;  // English, Chinese

struct IssueAcc {
  int64_t count = 0;
  std::vector<PendingExample> examples;
  void Add(int64_t household_id, const std::function<ExampleText()>& text) {
    ++count;
    if (examples.size() < kMaxExamples) {
      auto [en, zh] = text();
      examples.push_back({household_id, std::move(en), std::move(zh)});
    }
  }
};

bool InForce(std::string_view as_of, const std::string& start,
             const std::optional<std::string>& end) {
  return start <= as_of && (!end || std::string_view(*end) >= as_of);
}


// A household's place for the scope rule (core/actor.h Place): its origin village's township,
// its site with the site's township, its grid.
Place HouseholdPlace(const HouseholdRecord& h, const std::vector<OriginVillageRecord>& villages,
                     const std::unordered_map<int64_t, int32_t>& village_index, const SiteRow& site) {
  auto vi = village_index.find(h.origin_village_id);
  return Place{vi == village_index.end() ? std::string() : villages[static_cast<size_t>(vi->second)].township_code,
               h.site_id, site.township_code, h.grid_id, h.id};
}

// Below the county, the sites a scope sees (src/auth/README.md): those it covers (a site's
// place is the site and its township) and those holding a household it covers. Drops the
// others from r.sites and re-points the households, `others` (when given) and `site_index` at
// the rows kept.
void KeepSitesInScope(const AccessScope& scope, CountyReport& r, HouseholdTable& table,
                      std::unordered_map<int64_t, int32_t>& site_index, OtherHouseholds* others) {
  std::vector<bool> keep(r.sites.size());
  for (size_t i = 0; i < r.sites.size(); ++i)
    keep[i] = ScopeCovers(scope, Place{"", r.sites[i].id, r.sites[i].township_code, 0});
  for (const auto& a : table.accs())
    if (a.site >= 0) keep[static_cast<size_t>(a.site)] = true;
  std::vector<int32_t> to(r.sites.size(), -1);
  std::vector<SiteRow> kept;
  site_index.clear();
  for (size_t i = 0; i < r.sites.size(); ++i) {
    if (!keep[i]) continue;
    to[i] = static_cast<int32_t>(kept.size());
    site_index[r.sites[i].id] = to[i];
    kept.push_back(std::move(r.sites[i]));
  }
  r.sites = std::move(kept);
  for (auto& a : table.accs())
    if (a.site >= 0) a.site = to[static_cast<size_t>(a.site)];
  if (others) others->Repoint(to);
}

// The scope's name in Chinese for the Chinese note: a cadre's paired households by number,
// else `label` (the session's scope label, ReportOptions::scope_label_zh), else a name the
// report has (a site's or township's from its sites), else the kind and its number.
std::string ScopeNameZh(const AccessScope& scope, const std::string& label, const std::vector<SiteRow>& sites) {
  using L = AccessScope::Level;
  if (scope.level == L::kAssigned) return fmt::format("结对帮扶的 {} 户", scope.assigned_household_ids.size());
  if (!label.empty()) return label;
  switch (scope.level) {
    case L::kCounty: return "全县";
    case L::kTownship:
      for (const auto& s : sites)
        if (s.township_code == scope.township_code && !s.township.empty()) return s.township;
      return "乡镇 " + scope.township_code;
    case L::kSite:
      for (const auto& s : sites)
        if (s.id == scope.site_id) return s.name;
      return fmt::format("安置点 {}", scope.site_id);
    case L::kGrid: return fmt::format("网格 {}", scope.grid_id);
    case L::kAssigned: break;
  }
  return "全县";
}

}  // namespace

const char* SizeClassKey(SizeClass c) { return sites::SizeClassName(c).data(); }

const QualityIssue* DataQuality::Find(const std::string& key) const {
  for (const auto& i : issues)
    if (i.key == key) return &i;
  return nullptr;
}

std::string AgeCutoff(Date on, int years) {
  return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(on.year()) - years,
                     static_cast<unsigned>(on.month()), static_cast<unsigned>(on.day()));
}

std::optional<IdProblem> StoredResidentIdProblem(std::string_view s, Date today) {
  bool fast_ok = s.size() == 18;
  for (size_t i = 0; fast_ok && i < 17; ++i) fast_ok = s[i] >= '0' && s[i] <= '9';
  if (fast_ok) fast_ok = (s[17] >= '0' && s[17] <= '9') || s[17] == 'X';
  if (fast_ok) fast_ok = IsKnownProvince((s[0] - '0') * 10 + (s[1] - '0'));
  if (fast_ok) {
    auto num = [&](size_t pos, size_t len) {
      int v = 0;
      for (size_t i = 0; i < len; ++i) v = v * 10 + (s[pos + i] - '0');
      return v;
    };
    Date birth{std::chrono::year{num(6, 4)}, std::chrono::month{static_cast<unsigned>(num(10, 2))},
               std::chrono::day{static_cast<unsigned>(num(12, 2))}};
    fast_ok = birth.ok() && birth <= today && ResidentIdCheckChar(s.substr(0, 17)) == s[17];
  }
  if (fast_ok) return std::nullopt;
  auto parsed = ParseResidentId(s, today);
  if (!parsed)
    return IdProblem{parsed.error().message,
                     parsed.error().message_zh.empty() ? parsed.error().message
                                                       : parsed.error().message_zh};
  return IdProblem{
      fmt::format("stored in a non-canonical form; the canonical number is {}", parsed->Masked()),
      fmt::format("存储格式不规范，规范号码为 {}", parsed->Masked())};
}

namespace {
Result<CountyReport> Build(ReportRepository& repo, const ReportOptions& opts, bool narrow = false,
                           bool day_totals = false);
}  // namespace

Result<CountyReport> BuildCountyReport(ReportRepository& repo, const ReportOptions& opts) {
  if (auto s = repo.BeginSnapshot(); !s) return std::unexpected(s.error());
  auto r = Build(repo, opts);
  repo.EndSnapshot();
  return r;
}

const std::vector<std::string>& NarrowFigureKeys() {
  static const std::vector<std::string> keys{"labor.working_age", "labor.employed", "labor.employment_rate",
                                             "labor.working_age_share", "labor.zero_employment_households"};
  return keys;
}

Result<CountyReport> BuildLabourFigures(ReportRepository& repo, const ReportOptions& opts,
                                        const std::vector<std::string>& figures) {
  const auto& keys = NarrowFigureKeys();
  std::string list;
  for (const auto& k : keys) list += (list.empty() ? "" : ", ") + k;
  if (figures.empty())
    return InvalidArgument(fmt::format("name at least one figure: {}", list), "figure", "",
                           fmt::format("请至少指定一个指标：{}", list));
  for (const std::string& key : figures) {
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
    return InvalidArgument(
        fmt::format("figure '{}' cannot be computed alone; one of: {} (or no --figure for the whole report)",
                    key, list),
        "figure", key,
        fmt::format("指标“{}”不能单独计算；可单独计算的指标：{}（不加 --figure 即为完整报表）", key, list));
  }
  // The county's working age and employed (and their rate) alone: the kept day totals answer
  // them without a scan (reports/storage/labour_spans.h); every other figure needs the scan.
  const bool day_totals =
      opts.labour_day_totals && opts.site.empty() && opts.scope.level == AccessScope::Level::kCounty &&
      std::all_of(figures.begin(), figures.end(), [](const std::string& k) {
        return k == "labor.working_age" || k == "labor.employed" || k == "labor.employment_rate";
      });
  if (auto s = repo.BeginSnapshot(); !s) return std::unexpected(s.error());
  auto r = Build(repo, opts, true, day_totals);
  repo.EndSnapshot();
  return r;
}

namespace {

// What the steps of Build share: the inputs, the site and village indexes, the per-household
// table and the data-quality accumulators. Each step reads what earlier steps filled in.
struct BuildState {
  ReportRepository& repo;
  const ReportOptions& opts;
  CountyReport r;
  Date today{};
  std::string as_of;  // r.as_of as YYYY-MM-DD (records compare dates as text)
  std::vector<SiteRecord> sites;
  std::vector<OriginVillageRecord> villages;
  std::optional<int64_t> only_site;  // --site, resolved to its id
  std::unordered_map<int64_t, int32_t> site_index, village_index;  // id -> index in r.sites / villages
  std::optional<HouseholdTable> table;  // the included households
  int workers = 1;                      // scan workers of the repository
  IssueAcc invalid_ids, mismatches, heads, housing, capacity;
  IssueAcc pending_ids;  // resident_id '' (a newborn's id to be filled, 待补录)
  int64_t convention = 0;
  // Earlier placements by household id (placement_history: a few households).
  std::unordered_map<int64_t, std::vector<PlacementRecord>> placements;  // included households that signed the resident convention
  bool narrow = false;  // BuildLabourFigures: only the labour figures (reports/labour_figures.h)
  // Below the county (not for the labour figures alone): the households outside the scope
  // resident on as_of at a listed site (their persons count in the site's size class only).
  std::optional<OtherHouseholds> others;
};

// Step 1: county facts from meta, and the report day (as_of, else meta statistics_date, else
// today), refused outside 1900-01-01 … today.
Status ResolveReportDay(BuildState& state) {
  CountyReport& r = state.r;
  ReportRepository& repo = state.repo;
  const ReportOptions& opts = state.opts;
  auto meta = repo.Meta();
  if (!meta) return std::unexpected(meta.error());
  r.county_code = meta->county_code;
  r.county_name = meta->county_name;
  r.is_demo = meta->is_demo;
  state.today = opts.today.value_or(TodayInChina());
  const Date today = state.today;
  if (opts.as_of) {
    // A report day before 1900 or after today gives nonsense (ages of -185, households that
    // have not moved in yet): refused, for the API's ?as_of= and the CLI's --as-of alike.
    if (auto st = ValidateDateInRange("as_of", *opts.as_of, today); !st) return std::unexpected(st.error());
    r.as_of = *opts.as_of;
  } else if (meta->statistics_date) {
    auto d = ParseIsoDate(*meta->statistics_date, "meta.statistics_date");
    if (!d) return std::unexpected(d.error());
    r.as_of = *d;
  } else {
    r.as_of = today;
  }
  state.as_of = FormatIsoDate(r.as_of);
  return {};
}

// Step 2: sites and origin villages; --site resolved by name or alias (kNotFound lists the
// site names).
Status LoadPlaces(BuildState& state) {
  CountyReport& r = state.r;
  ReportRepository& repo = state.repo;
  const ReportOptions& opts = state.opts;
  ANJU_TRY(site_list, repo.Sites());
  state.sites = std::move(site_list);
  ANJU_TRY(village_list, repo.OriginVillages());
  state.villages = std::move(village_list);
  const auto* sites = &state.sites;

  // --site: a name or an alias.
  std::optional<int64_t>& only_site = state.only_site;
  if (!opts.site.empty()) {
    for (const auto& s : *sites)
      if (s.name == opts.site) only_site = s.id;
    if (!only_site) {
      auto aliases = repo.SiteAliases();
      if (!aliases) return std::unexpected(aliases.error());
      if (auto it = aliases->find(opts.site); it != aliases->end()) only_site = it->second;
    }
    if (!only_site) {
      std::string names;
      for (const auto& s : *sites) names += (names.empty() ? "" : ", ") + s.name;
      return NotFound(fmt::format("no site is named '{}'; sites: {}", opts.site,
                                  names.empty() ? "(none)" : names),
                      "site", opts.site, fmt::format("没有名为“{}”的安置点", opts.site));
    }
    r.site_filter = opts.site;
  }
  return {};
}

// Step 3: one SiteRow per site in scope, and the id -> index maps of sites and villages.
Status IndexPlaces(BuildState& state) {
  CountyReport& r = state.r;
  const auto* sites = &state.sites;
  const auto* villages = &state.villages;
  const std::optional<int64_t>& only_site = state.only_site;
  // Site and village indexes.
  auto& site_index = state.site_index;
  auto& village_index = state.village_index;
  for (const auto& s : *sites) {
    if (only_site && s.id != *only_site) continue;
    site_index[s.id] = static_cast<int32_t>(r.sites.size());
    SiteRow row;
    row.id = s.id;
    row.name = s.name;
    row.mode = s.mode;
    row.township_code = s.township_code;
    row.township = s.township_name;
    row.planned_capacity = s.planned_capacity;
    r.sites.push_back(std::move(row));
  }
  for (size_t i = 0; i < villages->size(); ++i)
    village_index[(*villages)[i].id] = static_cast<int32_t>(i);
  return {};
}

// Step 4: the households moved in by as_of at a site in scope, into the per-household table
// (in id order); those moved in later are counted as excluded.
Status ScanHouseholds(BuildState& state) {
  CountyReport& r = state.r;
  ReportRepository& repo = state.repo;
  const std::string& as_of = state.as_of;
  const std::optional<int64_t>& only_site = state.only_site;
  const ReportOptions& opts = state.opts;
  const auto* villages = &state.villages;
  auto& site_index = state.site_index;
  const auto& village_index = state.village_index;
  // Households.
  auto max_id = repo.MaxHouseholdId();
  if (!max_id) return std::unexpected(max_id.error());
  state.table.emplace(*max_id);
  HouseholdTable& table = *state.table;
  state.workers = std::max(1, repo.ScanWorkers(only_site));
  const int workers = state.workers;
  // Each worker collects its included households; they are added to the table in worker order
  // afterwards (so the table is in id order and only one thread writes it).
  std::vector<std::vector<std::pair<int64_t, HouseholdAcc>>> found(static_cast<size_t>(workers));
  std::vector<int64_t> excluded_by(static_cast<size_t>(workers), 0);
  // Below the county: the households the actor's scope covers (the one rule, ScopeCovers); the
  // others resident at a site are kept apart for the site's size class (a fact of the site).
  const bool county = opts.scope.level == AccessScope::Level::kCounty;
  const bool keep_others = !county && !state.narrow;
  std::vector<std::vector<std::pair<int64_t, int32_t>>> others_by(static_cast<size_t>(workers));
  r.scope = DescribeScope(opts.scope);
  ANJU_TRY(placement_rows, repo.Placements());
  for (auto& p : placement_rows) state.placements[p.household_id].push_back(std::move(p));
  const auto& placements = state.placements;
  const std::string_view day(as_of);
  auto st = repo.ScanHouseholds(only_site, [&](int worker, const HouseholdRecord& current) {
    // Counted on as_of (docs/living-register.md): formed (a split's day) and not ended yet.
    if (!current.formed_on.empty() && current.formed_on > day) return;
    if (!current.ended_on.empty() && current.ended_on <= day) return;
    // Its placement on as_of: the placement_history row valid then, else the current one.
    const HouseholdRecord* hp = &current;
    HouseholdRecord earlier;
    if (auto pit = placements.find(current.id); pit != placements.end())
      for (const PlacementRecord& p : pit->second)
        if ((p.start_date.empty() || p.start_date <= day) && day < p.end_date) {
          earlier = current;
          earlier.site_id = p.site_id;
          earlier.origin_village_id = p.origin_village_id;
          earlier.grid_id = p.grid_id;
          earlier.floor_area_dm2 = p.floor_area_dm2;
          hp = &earlier;
          break;
        }
    const HouseholdRecord& h = *hp;
    auto si = site_index.find(h.site_id);
    if (si == site_index.end()) return;  // not in scope
    if (!county && !ScopeCovers(opts.scope, HouseholdPlace(h, *villages, village_index, r.sites[static_cast<size_t>(si->second)]))) {
      if (keep_others && h.move_in_date <= std::string_view(as_of))
        others_by[static_cast<size_t>(worker)].emplace_back(h.id, si->second);
      return;
    }
    if (h.move_in_date > std::string_view(as_of)) {
      ++excluded_by[static_cast<size_t>(worker)];
      return;
    }
    HouseholdAcc a;
    a.site = si->second;
    auto vi = village_index.find(h.origin_village_id);
    a.village = vi == village_index.end() ? -1 : vi->second;
    a.registered_poor = h.registered_poor;
    a.convention = h.convention_signed;
    if (h.floor_area_dm2)
      a.floor_dm2 = static_cast<int32_t>(std::min<int64_t>(*h.floor_area_dm2, INT32_MAX));
    found[static_cast<size_t>(worker)].emplace_back(h.id, a);
  });
  if (!st) return std::unexpected(st.error());
  int64_t excluded = 0;
  for (int w = 0; w < workers; ++w) {
    excluded += excluded_by[static_cast<size_t>(w)];
    for (const auto& [id, a] : found[static_cast<size_t>(w)]) table.Add(id) = a;
    found[static_cast<size_t>(w)] = {};
  }
  r.households_excluded_after_as_of = excluded;
  if (keep_others) {
    state.others.emplace(*max_id);
    for (auto& list : others_by)
      for (const auto& [id, site] : list) state.others->Add(id, site);
  }
  if (!county) {
    KeepSitesInScope(opts.scope, r, table, site_index, state.others ? &*state.others : nullptr);
    r.notes_en.push_back(fmt::format(
        "Figures of your scope ({}) only: households it covers (a township: from it or resettled "
        "in it) and their sites; the county office publishes the county figures",
        r.scope));
    r.notes_zh.push_back(fmt::format("本报表仅统计本账号管辖范围（{}）内的搬迁户及其安置点；全县数据以县级办公室发布为准",
                                     ScopeNameZh(opts.scope, opts.scope_label_zh, r.sites)));
  }
  return {};
}

// Step 5: one pass over the persons of included households: per-household counts (persons,
// heads, working age, employed, able and willing), the age pyramid, resident-id problems and
// sex/birth-date mismatches.
Status ScanPersons(BuildState& state) {
  CountyReport& r = state.r;
  ReportRepository& repo = state.repo;
  const std::string& as_of = state.as_of;
  const Date today = state.today;
  const std::optional<int64_t>& only_site = state.only_site;
  HouseholdTable& table = *state.table;
  const int workers = state.workers;
  // Persons: one pass for counts, ages, employment and id checks.
  const std::string adult = AgeCutoff(r.as_of, 18);  // born on or before: at least 18
  const std::string old = AgeCutoff(r.as_of, 61);    // born on or before: at least 61
  constexpr int kBands = 18;  // 0-4 … 80-84, 85+
  // One accumulator per scan worker (the repository may call from several threads).
  struct WorkerAcc {
    std::vector<HouseholdCounts> counts;
    IssueAcc invalid_ids, mismatches, pending_ids;
    int64_t bands[kBands][2] = {};
    int64_t born_after = 0;
    std::array<int64_t, 8> job_bits{};  // counted persons per PersonRecord::job_mask bit
    std::vector<int64_t> residents_outside;  // per site: members of state.others on as_of
  };
  std::vector<WorkerAcc> work(static_cast<size_t>(workers));
  for (auto& w : work) w.counts.resize(table.accs().size());
  const OtherHouseholds* others = state.others ? &*state.others : nullptr;
  if (others)
    for (auto& w : work) w.residents_outside.assign(r.sites.size(), 0);
  const std::string as_of_mmdd = as_of.substr(5);
  const int as_of_year = static_cast<int>(r.as_of.year());
  // Employed on as_of from the jobs current then (docs/industry.md), not the employment_kind cache.
  const bool narrow = state.narrow;
  if (auto loaded = repo.LoadEmployment(as_of); !loaded) return loaded;
  auto st = repo.ScanPersons(only_site, [&](int worker, const PersonRecord& p) {
    const int32_t slot = table.FindSlot(p.household_id);
    const int32_t other_site = slot < 0 && others ? others->SiteOf(p.household_id) : -1;
    if (slot < 0 && other_site < 0) return;
    // A member on as_of: (from empty or from <= as_of) and (until empty or until > as_of).
    if (!p.member_from.empty() && p.member_from > std::string_view(as_of)) return;
    if (!p.member_until.empty() && p.member_until <= std::string_view(as_of)) return;
    WorkerAcc& w = work[static_cast<size_t>(worker)];
    if (other_site >= 0) {  // outside the scope: a resident of the site (its size class) only
      if (p.birth_date <= std::string_view(as_of)) ++w.residents_outside[static_cast<size_t>(other_site)];
      return;
    }
    if (p.birth_date > std::string_view(as_of)) {  // not yet born on as_of
      ++w.born_after;
      return;
    }
    HouseholdCounts& a = w.counts[static_cast<size_t>(slot)];
    // Completed years (周岁): the mm-dd comparison also gets 29 February right (see AgeCutoff).
    int age = -1;
    if (p.birth_date.size() == 10) {
      int y = 0;
      for (size_t i = 0; i < 4; ++i) y = y * 10 + (p.birth_date[i] - '0');
      age = as_of_year - y - (p.birth_date.substr(5) > std::string_view(as_of_mmdd) ? 1 : 0);
    }
    if (age >= 0 && !narrow) w.bands[std::min(age / 5, kBands - 1)][p.sex == "female" ? 1 : 0] += 1;
    Bump(a.persons);
    for (size_t b = 0; p.job_mask != 0 && b < w.job_bits.size(); ++b)
      if ((p.job_mask >> b) & 1) ++w.job_bits[b];
    if (p.is_head) Bump(a.heads);
    const bool wa = p.birth_date <= std::string_view(adult) && p.birth_date > std::string_view(old);
    if (wa) {
      Bump(a.working_age);
      if (p.employed) Bump(a.employed_wa);
      if (p.able_to_work && p.wants_work) Bump(a.able_willing_wa);
    }
    if (narrow) return;  // the rest is data quality, not a labour figure
    if (p.resident_id.empty()) {  // pending (待补录): to be filled, not an invalid id
      w.pending_ids.Add(p.household_id, [&] {
        return ExampleText{fmt::format("born {}: id to be filled", p.birth_date),
                           fmt::format("{} 出生：身份证号待补录", p.birth_date)};
      });
      return;
    }
    if (auto problem = StoredResidentIdProblem(p.resident_id, today)) {
      w.invalid_ids.Add(p.household_id, [&] {
        const std::string masked = MaskResidentId(p.resident_id);
        return ExampleText{fmt::format("{}: {}", masked, problem->en),
                           fmt::format("{}：{}", masked, problem->zh)};
      });
      return;
    }
    // Valid id: sex digit (odd = male) and birth date YYYYMMDD must agree with the columns.
    const bool id_male = (p.resident_id[16] - '0') % 2 == 1;
    const bool sex_ok = p.sex == (id_male ? "male" : "female");
    const std::string_view idb = p.resident_id.substr(6, 8);
    const bool birth_ok = p.birth_date.size() == 10 && p.birth_date.substr(0, 4) == idb.substr(0, 4) &&
                          p.birth_date.substr(5, 2) == idb.substr(4, 2) &&
                          p.birth_date.substr(8, 2) == idb.substr(6, 2);
    if (!sex_ok || !birth_ok) {
      w.mismatches.Add(p.household_id, [&] {
        std::string en, zh;
        auto sex_zh = [](std::string_view x) { return x == "male" ? "男" : x == "female" ? "女" : "?"; };
        if (!sex_ok) {
          en = fmt::format("sex {} but the id says {}", p.sex, id_male ? "male" : "female");
          zh = fmt::format("性别登记为{}，身份证号为{}", sex_zh(p.sex), id_male ? "男" : "女");
        }
        if (!birth_ok) {
          const std::string id_birth =
              fmt::format("{}-{}-{}", idb.substr(0, 4), idb.substr(4, 2), idb.substr(6, 2));
          en += fmt::format("{}birth date {} but the id says {}", en.empty() ? "" : "; ",
                            p.birth_date, id_birth);
          zh += fmt::format("{}出生日期登记为{}，身份证号为{}", zh.empty() ? "" : "；",
                            p.birth_date, id_birth);
        }
        const std::string masked = MaskResidentId(p.resident_id);
        return ExampleText{fmt::format("{}: {}", masked, en), fmt::format("{}：{}", masked, zh)};
      });
    }
  });
  if (!st) return std::unexpected(st.error());
  // Merge the workers in order (worker k read rows before worker k+1, so the examples are the
  // first ten in row order, as a single scan would give).
  IssueAcc& invalid_ids = state.invalid_ids;
  IssueAcc& mismatches = state.mismatches;
  IssueAcc& pending_ids = state.pending_ids;
  int64_t band_counts[kBands][2] = {};
  // Jobs by channel and welfare posts held (docs/industry.md "Figures"): null without jobs.
  const auto tables = repo.LoadedEmploymentTables();
  if (tables.jobs && !narrow) {  // a narrow scan reads no channels
    std::array<int64_t, 8> channels{};
    for (const auto& w : work)
      for (size_t c = 0; c < channels.size(); ++c) channels[c] += w.job_bits[c];
    r.labor.jobs_by_channel = channels;
    // A post holding makes a welfare_post job and ends it with the holding (docs/industry.md).
    r.industry.welfare_posts_held = channels[2];  // kJobChannels[2] = welfare_post
  }
  for (auto& w : work) {
    for (size_t i = 0; i < w.residents_outside.size(); ++i) r.sites[i].residents_outside_scope += w.residents_outside[i];
    r.persons_excluded_born_after_as_of += w.born_after;
    for (int b = 0; b < kBands; ++b)
      for (int x = 0; x < 2; ++x) band_counts[b][x] += w.bands[b][x];
    for (auto [acc, part] : {std::pair{&invalid_ids, &w.invalid_ids}, std::pair{&mismatches, &w.mismatches},
                             std::pair{&pending_ids, &w.pending_ids}}) {
      acc->count += part->count;
      for (auto& e : part->examples)
        if (acc->examples.size() < kMaxExamples) acc->examples.push_back(std::move(e));
    }
    auto& accs = table.accs();
    for (size_t i = 0; i < accs.size(); ++i) {
      const HouseholdCounts& c = w.counts[i];
      HouseholdAcc& a = accs[i];
      a.persons = SaturatingAdd(a.persons, c.persons);
      a.heads = SaturatingAdd(a.heads, c.heads);
      a.working_age = SaturatingAdd(a.working_age, c.working_age);
      a.employed_wa = SaturatingAdd(a.employed_wa, c.employed_wa);
      a.able_willing_wa = SaturatingAdd(a.able_willing_wa, c.able_willing_wa);
    }
    w.counts = {};
  }
  for (int b = 0; b < kBands; ++b)
    r.age_pyramid.push_back({b + 1 < kBands ? fmt::format("{}-{}", b * 5, b * 5 + 4)
                                            : fmt::format("{}+", b * 5),
                             band_counts[b][0], band_counts[b][1]});
  return {};
}

// 零就业家庭 on as_of (the rule in report_service.h): a working-age member able and willing
// to work, none of working age employed.
bool InZeroEmployment(const HouseholdAcc& a) { return a.able_willing_wa > 0 && a.employed_wa == 0; }

// Step 6: households folded into the county, site and origin-township counts; villages by
// relocation type; head-count and housing-area issues.
Status FoldHouseholds(BuildState& state) {
  CountyReport& r = state.r;
  const auto* villages = &state.villages;
  HouseholdTable& table = *state.table;
  // Fold households into sites, categories, townships.
  std::map<std::string, TownshipRow> townships;
  std::vector<TownshipRow*> village_township(villages->size());
  for (size_t i = 0; i < villages->size(); ++i) {
    const auto& v = (*villages)[i];
    TownshipRow& t = townships[v.township_code];
    t.code = v.township_code;
    t.name = v.township_name;
    village_township[i] = &t;
  }
  std::vector<char> village_used(villages->size(), 0);
  IssueAcc& heads = state.heads;
  IssueAcc& housing = state.housing;
  int64_t& convention = state.convention;
  auto& accs = table.accs();
  for (size_t i = 0; i < accs.size(); ++i) {
    const HouseholdAcc& a = accs[i];
    SiteRow& s = r.sites[static_cast<size_t>(a.site)];
    Counts& cat = a.registered_poor ? r.registered_poor : r.co_relocated;
    Counts& scat = a.registered_poor ? s.registered_poor : s.co_relocated;
    for (Counts* c : {&r.total, &cat, &s.total, &scat}) {
      c->households += 1;
      c->persons += a.persons;
    }
    s.working_age += a.working_age;
    s.employed += a.employed_wa;
    if (InZeroEmployment(a)) ++s.zero_employment_households;
    if (a.convention) {
      ++convention;
      ++s.convention_signed_households;
    }
    if (a.village >= 0) {
      village_used[static_cast<size_t>(a.village)] = 1;
      TownshipRow& t = *village_township[static_cast<size_t>(a.village)];
      Counts& tcat = a.registered_poor ? t.registered_poor : t.co_relocated;
      for (Counts* c : {&t.total, &tcat}) {
        c->households += 1;
        c->persons += a.persons;
      }
    }
    const int64_t hid = table.id_at(i);
    if (a.heads != 1)
      heads.Add(hid, [&] {
        return ExampleText{fmt::format("{} head{} among {} person{}", a.heads,
                                       a.heads == 1 ? "" : "s", a.persons, a.persons == 1 ? "" : "s"),
                           fmt::format("{}人中户主{}人", a.persons, a.heads)};
      });
    if (a.registered_poor && a.floor_dm2 >= 0 && a.persons > 0 &&
        a.floor_dm2 > kMaxFloorDm2PerPerson * a.persons)
      housing.Add(hid, [&] {
        const double m2 = a.floor_dm2 / 100.0, per = m2 / a.persons;
        return ExampleText{fmt::format("{:.2f} m² for {} person{} = {:.2f} m² per person", m2,
                                       a.persons, a.persons == 1 ? "" : "s", per),
                           fmt::format("{:.2f} 平方米，{} 人，人均 {:.2f} 平方米", m2, a.persons, per)};
      });
  }
  for (size_t i = 0; i < villages->size(); ++i) {
    if (!village_used[i]) continue;
    const auto& v = (*villages)[i];
    (v.whole_village ? r.whole_village_villages : r.scattered_villages) += 1;
    TownshipRow& t = townships[v.township_code];
    (v.whole_village ? t.whole_village_villages : t.scattered_villages) += 1;
  }
  for (auto& [code, t] : townships)
    if (t.total.households > 0) r.origin_townships.push_back(std::move(t));
  return {};
}

// Step 7: labour figures, the sum of the sites'.
Status SumLabour(BuildState& state) {
  CountyReport& r = state.r;
  // Labour.
  for (const auto& s : r.sites) {
    r.labor.working_age += s.working_age;
    r.labor.employed += s.employed;
    r.labor.zero_employment_households += s.zero_employment_households;
  }
  r.labor.working_age_share = {r.labor.working_age, r.total.persons};
  r.labor.employment_rate = {r.labor.employed, r.labor.working_age};
  return {};
}

// Step 7b: labor.zero_employment_open, the zero-employment households without a valid
// non-employment clearing on as_of (docs/industry.md "Services"); null without the table.
Status AddZeroEmploymentOpen(BuildState& state) {
  auto cleared = state.repo.ZeroEmploymentCleared(state.as_of);
  if (!cleared) return std::unexpected(cleared.error());
  if (!*cleared) return {};
  HouseholdTable& table = *state.table;
  std::vector<char> is_cleared(table.accs().size(), 0);
  for (int64_t id : **cleared)
    if (const int32_t slot = table.FindSlot(id); slot >= 0) is_cleared[static_cast<size_t>(slot)] = 1;
  int64_t open = 0;
  for (size_t i = 0; i < table.accs().size(); ++i)
    if (InZeroEmployment(table.accs()[i]) && !is_cleared[i]) ++open;
  state.r.labor.zero_employment_open = open;
  return {};
}

// Step 7c: industry.certificates_issued, the certificates issued by as_of, not voided, whose
// holder's household the report counts; by kind. Null without the table.
Status AddCertificates(BuildState& state) {
  auto certs = state.repo.Certificates(state.as_of);
  if (!certs) return std::unexpected(certs.error());
  if (!*certs) return {};
  std::array<int64_t, kCertificateKinds.size()> by_kind{};
  for (const CertificateRecord& c : **certs)
    if (c.kind >= 0 && static_cast<size_t>(c.kind) < by_kind.size() && state.table->FindSlot(c.household_id) >= 0)
      ++by_kind[static_cast<size_t>(c.kind)];
  int64_t total = 0;
  for (int64_t n : by_kind) total += n;
  state.r.industry.certificates_issued = total;
  state.r.industry.certificates_by_kind = by_kind;
  return {};
}

// Step 8: industrial parks (built and planned), per site and in all; null with a note when
// parks is empty.
Status AddParks(BuildState& state) {
  CountyReport& r = state.r;
  ReportRepository& repo = state.repo;
  const auto& site_index = state.site_index;
  // Industry.
  auto parks = repo.Parks();
  if (!parks) return std::unexpected(parks.error());
  if (parks->empty()) {
    r.notes_en.push_back("industry.parks: no parks recorded yet (table parks is empty)");
    r.notes_zh.push_back("产业园区：尚无园区记录");
  } else {
    int64_t built = 0, planned = 0;
    for (const auto& p : *parks) {
      auto si = site_index.find(p.site_id);
      if (si == site_index.end()) continue;
      (p.planned ? planned : built) += 1;
      r.sites[static_cast<size_t>(si->second)].parks += 1;
    }
    r.industry.parks = built + planned;
    r.industry.parks_built = built;
    r.industry.parks_planned = planned;
  }
  return {};
}

// Step 9: workshops opened by as_of (or with no date) and the sites that have one; null with a
// note when workshops is empty.
Status AddWorkshops(BuildState& state) {
  CountyReport& r = state.r;
  ReportRepository& repo = state.repo;
  const std::string& as_of = state.as_of;
  const auto& site_index = state.site_index;
  auto workshops = repo.Workshops();
  if (!workshops) return std::unexpected(workshops.error());
  if (workshops->empty()) {
    r.notes_en.push_back("industry.sites_with_workshop: no workshops recorded yet");
    r.notes_zh.push_back("扶贫车间：尚无车间记录");
  } else {
    int64_t count = 0;
    for (const auto& w : *workshops) {
      auto si = site_index.find(w.site_id);
      if (si == site_index.end()) continue;
      if (w.opened_on && *w.opened_on > as_of) continue;
      ++count;
      r.sites[static_cast<size_t>(si->second)].has_workshop = true;
    }
    r.industry.workshops = count;
    r.industry.sites_with_workshop =
        std::count_if(r.sites.begin(), r.sites.end(), [](const SiteRow& s) { return s.has_workshop; });
  }
  return {};
}

// Step 9b: industry.workshops_recognised, the workshops of the report's sites that count as
// recognised on as_of (the places area's rule, read through the repository); null while
// workshops is empty (AddWorkshops notes it).
Status AddWorkshopsRecognised(BuildState& state) {
  auto rows = state.repo.WorkshopRecognitions(state.as_of);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return {};
  int64_t n = 0;
  for (const WorkshopRecognitionRecord& w : *rows)
    if (w.recognised && state.site_index.contains(w.site_id)) ++n;
  state.r.industry.workshops_recognised = n;
  return {};
}

// Step 10: custody and land-transfer areas of the contracts in force on as_of (county report
// only: contracts belong to origin villages, not to a site).
Status AddLandContracts(BuildState& state) {
  CountyReport& r = state.r;
  ReportRepository& repo = state.repo;
  const std::string& as_of = state.as_of;
  const std::optional<int64_t>& only_site = state.only_site;
  const bool county = state.opts.scope.level == AccessScope::Level::kCounty;
  if (only_site) {
    r.notes_en.push_back(
        "industry.custody_mu, industry.land_transfer_mu: land contracts belong to origin "
        "villages, not to one site; see the county report");
    r.notes_zh.push_back("农业生产托管、土地流转面积按迁出村统计，不分安置点；见全县报表");
  } else if (!county) {
    r.notes_en.push_back(
        "industry.custody_mu, industry.land_transfer_mu: land contracts are recorded for the "
        "county, not by township, site or grid; see the county report");
    r.notes_zh.push_back("农业生产托管、土地流转面积按全县统计，不分乡镇、安置点或网格；见全县报表");
  } else {
    auto land = repo.LandContracts();
    if (!land) return std::unexpected(land.error());
    bool any_custody = false, any_transfer = false;
    int64_t custody = 0, transfer = 0;
    for (const auto& c : *land) {
      (c.custody ? any_custody : any_transfer) = true;
      if (InForce(as_of, c.start_date, c.end_date)) (c.custody ? custody : transfer) += c.area_centimu;
    }
    if (any_custody) {
      r.industry.custody_centimu = custody;
    } else {
      r.notes_en.push_back("industry.custody_mu: no agricultural custody contracts recorded yet");
      r.notes_zh.push_back("农业生产托管：尚无托管合同记录");
    }
    if (any_transfer) {
      r.industry.land_transfer_centimu = transfer;
    } else {
      r.notes_en.push_back("industry.land_transfer_mu: no land transfer contracts recorded yet");
      r.notes_zh.push_back("土地流转：尚无流转合同记录");
    }
  }
  return {};
}

// Step 11: convention rate; communities with a party branch founded by as_of and new party
// organisations; null with a note when communities is empty.
Status AddGovernance(BuildState& state) {
  CountyReport& r = state.r;
  ReportRepository& repo = state.repo;
  const std::string& as_of = state.as_of;
  const auto& site_index = state.site_index;
  const int64_t convention = state.convention;
  // Governance.
  auto communities = repo.Communities();
  if (!communities) return std::unexpected(communities.error());
  r.governance.convention_rate = {convention, r.total.households};
  if (communities->empty()) {
    r.notes_en.push_back(
        "governance.sites_with_party_branch, governance.party_organisations: no communities "
        "recorded yet");
    r.notes_zh.push_back("社区治理：尚无社区记录");
  } else {
    int64_t n = 0, branches = 0, orgs = 0;
    for (const auto& c : *communities) {
      auto si = site_index.find(c.site_id);
      if (si == site_index.end()) continue;
      ++n;
      if (c.party_branch_founded && *c.party_branch_founded <= as_of) {
        ++branches;
        r.sites[static_cast<size_t>(si->second)].has_party_branch = true;
      }
      if (c.party_organisation) ++orgs;
    }
    r.governance.communities = n;
    r.governance.sites_with_party_branch = branches;
    r.governance.party_organisations = orgs;
  }
  return {};
}

// Step 12: each site's size class (of all its residents on as_of), employment rate, sites above planned capacity; sites
// ordered by persons, descending.
Status ClassifySites(BuildState& state) {
  CountyReport& r = state.r;
  // Sites: size classes, rates, capacity.
  IssueAcc& capacity = state.capacity;
  for (auto c : {SizeClass::k3000Plus, SizeClass::k800To2999, SizeClass::kUnder800})
    r.sites_by_size_class[c] = 0;
  for (auto& s : r.sites) {
    // A fact of the site: all its residents, whatever the scope (residents_outside_scope).
    s.size_class = SizeClassFor(s.total.persons + s.residents_outside_scope);
    r.sites_by_size_class[s.size_class] += 1;
    s.employment_rate = {s.employed, s.working_age};
    if (s.planned_capacity && s.total.persons > *s.planned_capacity)
      capacity.Add(0, [&] {
        return ExampleText{fmt::format("{}: {} persons, planned capacity {}", s.name,
                                       s.total.persons, *s.planned_capacity),
                           fmt::format("{}：{} 人，规划容量 {} 人", s.name, s.total.persons,
                                       *s.planned_capacity)};
      });
  }
  std::stable_sort(r.sites.begin(), r.sites.end(), [](const SiteRow& a, const SiteRow& b) {
    return a.total.persons > b.total.persons;
  });
  return {};
}

// Step 13: the data-quality section, its examples naming households by household number.
Status NameQualityIssues(BuildState& state) {
  CountyReport& r = state.r;
  ReportRepository& repo = state.repo;
  IssueAcc& invalid_ids = state.invalid_ids;
  IssueAcc& heads = state.heads;
  IssueAcc& mismatches = state.mismatches;
  IssueAcc& housing = state.housing;
  IssueAcc& capacity = state.capacity;
  IssueAcc& pending_ids = state.pending_ids;
  // Data quality: name households by their number.
  std::vector<int64_t> ids;
  for (const IssueAcc* acc : {&invalid_ids, &heads, &mismatches, &housing, &pending_ids})
    for (const auto& e : acc->examples) ids.push_back(e.household_id);
  std::map<int64_t, std::string> numbers;
  if (!ids.empty()) {
    auto n = repo.HouseholdNumbers(ids);
    if (!n) return std::unexpected(n.error());
    numbers = std::move(*n);
  }
  auto issue = [&](std::string key, const IssueAcc& acc, bool name_household) {
    QualityIssue q;
    q.key = std::move(key);
    q.count = acc.count;
    for (const auto& e : acc.examples) {
      if (!name_household) {
        q.examples.push_back(e.en);
        q.examples_zh.push_back(e.zh);
        continue;
      }
      auto it = numbers.find(e.household_id);
      const std::string no =
          it == numbers.end() ? fmt::format("#{}", e.household_id) : it->second;
      q.examples.push_back(fmt::format("{} {}", no, e.en));
      q.examples_zh.push_back(fmt::format("{} {}", no, e.zh));
    }
    r.quality.issues.push_back(std::move(q));
  };
  issue("invalid_resident_id", invalid_ids, true);
  issue("head_count", heads, true);
  issue("id_mismatch", mismatches, true);
  issue("site_over_capacity", capacity, false);
  issue("housing_over_25m2_per_person", housing, true);
  issue("resident_id_pending", pending_ids, true);
  return {};
}

// The report, step by step (each step above; the first error stops it).
Result<CountyReport> Build(ReportRepository& repo, const ReportOptions& opts, bool narrow, bool day_totals) {
  BuildState state{repo, opts, {}, {}, {}, {}, {}, {}, {}, {}, {}, 1, {}, {}, {}, {}, {}, {}, 0, {}, narrow};
  if (day_totals) {  // BuildLabourFigures of the county's working age and employed
    ANJU_CHECK(ResolveReportDay(state));
    ANJU_TRY(totals, repo.LabourDayTotals(state.as_of));
    if (totals) {
      CountyReport& r = state.r;
      r.scope = DescribeScope(opts.scope);
      r.labor.working_age = totals->working_age;
      r.labor.employed = totals->employed;
      r.labor.employment_rate = {r.labor.employed, r.labor.working_age};
      return std::move(state.r);
    }
  }
  if (narrow) {  // BuildLabourFigures: the same steps up to the labour sums
    for (Status (*step)(BuildState&) :
         {ResolveReportDay, LoadPlaces, IndexPlaces, ScanHouseholds, ScanPersons, FoldHouseholds, SumLabour})
      ANJU_CHECK(step(state));
    return std::move(state.r);
  }
  for (Status (*step)(BuildState&) :
       {ResolveReportDay, LoadPlaces, IndexPlaces, ScanHouseholds, ScanPersons, FoldHouseholds,
        SumLabour, AddZeroEmploymentOpen, AddCertificates, AddParks, AddWorkshops, AddWorkshopsRecognised, AddLandContracts, AddGovernance, ClassifySites,
        NameQualityIssues})
    ANJU_CHECK(step(state));
  return std::move(state.r);
}

}  // namespace

}  // namespace anju::reports
