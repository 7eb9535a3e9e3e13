// The demo registry generator (`anju demo`): a deterministic, fictitious registry calibrated to
// the published Lin County figures (../shared/reference/linxian-figures.md).
//
// With scale 1 the generated rows give exactly: 13,337 households / 40,004 persons; registered
// poor 8,444 / 23,495; co-relocated 4,893 / 16,509; 166 whole-village + 117 scattered origin
// villages (real 村民委员会 of the division list); 18 sites, 2 with ≥ 3,000 persons, 9 with
// 800–2,999 and 7 under 800; 25,600 persons aged 18–60 (周岁) on 2022-09-30, 21,000 of them
// employed; no household with an able-and-willing member but nobody employed; 9,336 households
// with the resident convention signed; land contracts of exactly 24,000 mu custody and 15,000 mu
// land transfer. Scale F multiplies population, sites (copies named "<name>-<k>"), conventions
// and land areas by F (rounded); origin villages stay the 283 real ones.
//
// Determinism: the only randomness is SplitMix64/xoshiro256** seeded from `seed`; no standard
// library distribution is used (their output differs between library versions), no clock, no
// hash-map iteration order. Same seed and scale → identical rows.
//
// Thread-safety: a generator object is used by one thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "registry/registry.h"
#include "sites/sites.h"

namespace anju::registry {

/// The targets of one demo run (totals over all groups).
struct DemoTargets {
  int64_t households_registered_poor = 8444;
  int64_t persons_registered_poor = 23495;
  int64_t households_co_relocated = 4893;
  int64_t persons_co_relocated = 16509;
  int64_t villages_whole = 166;
  int64_t villages_scattered = 117;
  int64_t working_age = 25600;
  int64_t employed = 21000;
  int64_t convention_signed = 9336;
  int64_t custody_centimu = 2400000;        // 24,000 mu
  int64_t land_transfer_centimu = 1500000;  // 15,000 mu
  /// The published figures × scale, rounded to the nearest integer.
  static DemoTargets Scaled(double scale);
};

/// A candidate origin village from the division list.
struct VillageRef {
  std::string code;  // 12 digits
  std::string name;
  std::string township_code;
};

/// A reference site (from sites.csv, already in the database).
struct SiteRef {
  int64_t id = 0;
  std::string name;
  std::string township_code;
  std::string community_code;  // "" if unknown
  std::string community_name;  // division name of community_code, "" if unknown
};

/// Land contract, workshop and community rows the generator emits beside the registry.
struct DemoLandContract {
  int64_t id = 0;
  std::string kind;  // custody | land_transfer
  int64_t origin_village_id = 0;
  std::string operator_name;
  int64_t area_centimu = 0;
  Date start_date{};
};
struct DemoWorkshop {
  int64_t id = 0;
  int64_t site_id = 0;
  std::string name, kind;
  Date opened_on{};
  int rent_free_years = 3;
};
struct DemoCommunity {
  int64_t id = 0;
  int64_t site_id = 0;
  std::string name;
  std::string division_code;  // "" if unknown
  Date party_branch_founded{};
};

/// Where generated rows go (storage implements it with prepared statements in one
/// transaction). Rows arrive with their ids set; parents before children.
class DemoSink {
 public:
  virtual ~DemoSink() = default;
  virtual Status AddSite(const sites::Site& s) = 0;  // copies for scale > 1 only
  virtual Status AddOriginVillage(const OriginVillage& v) = 0;
  virtual Status AddGrid(const sites::Grid& g) = 0;
  virtual Status AddHousingUnit(const sites::HousingUnit& u) = 0;
  virtual Status AddHousehold(const Household& h) = 0;
  virtual Status AddPerson(const Person& p) = 0;
  virtual Status AddWorkshop(const DemoWorkshop& w) = 0;
  virtual Status AddCommunity(const DemoCommunity& c) = 0;
  virtual Status AddLandContract(const DemoLandContract& c) = 0;
};

/// Name frequency lists (data/surnames.csv, data/given_name_chars.csv).
struct NameLists {
  std::vector<std::pair<std::string, int64_t>> surnames;  // surname, count
  /// given-name characters by decade column (0 = before 1960, 1 = 1960s … 5 = 2000s) and sex
  /// (0 male, 1 female): (character, count).
  std::vector<std::pair<std::string, int64_t>> given[6][2];
};

/// Parses the two CSV files. Errors: kInvalidArgument naming the file, row and column.
Result<NameLists> ParseNameLists(std::string_view surnames_csv, std::string_view given_csv);

/// Options of a run.
struct DemoOptions {
  uint64_t seed = 1;
  double scale = 1.0;
  Date statistics_date = Date{std::chrono::year{2022}, std::chrono::month{9}, std::chrono::day{30}};
};

/// One timed step of a demo load (`anju demo --timings`): wall seconds and CPU seconds of the
/// whole process (all threads) spent in it.
struct DemoPhase {
  std::string name;
  double wall_s = 0, cpu_s = 0;
};

/// What a run produced (for the CLI's summary line).
struct DemoSummary {
  int64_t sites = 0, households = 0, persons = 0, working_age = 0, employed = 0;
  std::vector<DemoPhase> phases;  // filled by the storage loader, in order
};

/// Generates the registry into `sink`. `sites` are the 18 reference sites (in sites.csv order),
/// `villages` the candidate villages (村民委员会 of the division list, ≥ 283 of them).
/// Errors: kInvalidArgument when the inputs cannot meet the targets (too few villages, a scale
/// ≤ 0 or > 1000), or the sink's error.
Result<DemoSummary> GenerateDemo(const DemoOptions& opts, const std::vector<SiteRef>& sites,
                                 const std::vector<VillageRef>& villages, const NameLists& names,
                                 DemoSink& sink);

}  // namespace anju::registry
