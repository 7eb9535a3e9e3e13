// Test helpers for reports/: fictitious resident ids with a correct check character, and an
// in-memory ReportRepository. Test-only.
#pragma once

#include <string>
#include <vector>

#include "core/resident_id.h"
#include "reports/report_repository.h"

namespace anju::reports::testing {

/// A valid 18-character id: region + birth (YYYYMMDD) + sequence (3 digits; odd = male) + check.
inline std::string MakeId(const std::string& region, const std::string& birth,
                          const std::string& seq) {
  std::string s = region + birth + seq;
  s.push_back(ResidentIdCheckChar(s));
  return s;
}

/// A ReportRepository over vectors; person/household string fields are owned here.
class FakeRepository : public ReportRepository {
 public:
  struct Household {
    int64_t id;
    bool registered_poor;
    int64_t village;
    int64_t site;
    std::string move_in;
    bool convention = false;
    std::optional<int64_t> floor_dm2;
    std::string formed_on = {};  // empty: NULL
    std::string ended_on = {};
    int64_t grid = 0;  // grids.id; 0: no grid
  };
  struct Person {
    int64_t household;
    std::string resident_id;
    std::string sex;
    std::string birth;
    bool head = false;
    bool able = false;
    bool wants = false;
    bool employed = false;
    std::string member_from = {};  // empty: NULL
    std::string member_until = {};
  };
  ReportMeta meta;
  std::vector<SiteRecord> sites;
  std::map<std::string, int64_t> aliases;
  std::vector<OriginVillageRecord> villages;
  std::vector<ParkRecord> parks;
  std::vector<WorkshopRecord> workshops;
  std::vector<LandContractRecord> land;
  std::vector<CommunityRecord> communities;
  std::vector<Household> households;
  std::vector<Person> persons;
  std::vector<PlacementRecord> placements;
  int snapshots_open = 0;

  Status BeginSnapshot() override {
    ++snapshots_open;
    return {};
  }
  void EndSnapshot() override { --snapshots_open; }
  Result<ReportMeta> Meta() override { return meta; }
  Result<std::vector<SiteRecord>> Sites() override { return sites; }
  Result<std::map<std::string, int64_t>> SiteAliases() override { return aliases; }
  Result<std::vector<OriginVillageRecord>> OriginVillages() override { return villages; }
  Result<std::vector<ParkRecord>> Parks() override { return parks; }
  Result<std::vector<WorkshopRecord>> Workshops() override { return workshops; }
  Result<std::vector<LandContractRecord>> LandContracts() override { return land; }
  Result<std::vector<CommunityRecord>> Communities() override { return communities; }
  Result<int64_t> MaxHouseholdId() override {
    int64_t m = 0;
    for (const auto& h : households) m = std::max(m, h.id);
    return m;
  }
  Status ScanHouseholds(std::optional<int64_t> site,
                        const std::function<void(int, const HouseholdRecord&)>& fn) override {
    const size_t half = workers > 1 ? households.size() / 2 : households.size();
    for (size_t i = 0; i < households.size(); ++i) {
      const auto& h = households[i];
      if (site && h.site != *site) continue;
      fn(i < half ? 0 : 1,
         {h.id, h.registered_poor, h.village, h.site, h.move_in, h.convention, h.floor_dm2, h.grid,
          h.formed_on, h.ended_on});
    }
    return {};
  }
  /// Two workers when `workers` is 2: the first half of the rows on worker 0 and the second
  /// half on worker 1, run one after the other (the split, not the threads, is tested).
  int workers = 1;
  int ScanWorkers(std::optional<int64_t>) override { return workers; }
  Status ScanPersons(std::optional<int64_t>,
                     const std::function<void(int, const PersonRecord&)>& fn) override {
    const size_t half = workers > 1 ? persons.size() / 2 : persons.size();
    for (size_t i = 0; i < persons.size(); ++i) {
      const auto& p = persons[i];
      fn(i < half ? 0 : 1, {static_cast<int64_t>(i + 1), p.household, p.resident_id, p.sex, p.birth, p.head, p.able, p.wants, p.employed,
                            p.member_from, p.member_until});
    }
    return {};
  }
  Result<std::vector<PlacementRecord>> Placements() override { return placements; }
  Result<std::map<int64_t, std::string>> HouseholdNumbers(const std::vector<int64_t>& ids) override {
    std::map<int64_t, std::string> out;
    for (int64_t id : ids) out[id] = "LX-" + std::to_string(100000 + id).substr(1);
    return out;
  }
};

// Two sites, three included households and one that moved in after as_of; every expected value
// below was worked out by hand from the rows (comments give the reasoning).
inline FakeRepository ExampleRepository() {
  FakeRepository f;
  f.meta = {"141124", "临县", "2022-09-30", true};
  f.sites = {{1, "甲安置点", "county_town", "141124100", "临泉镇", 10},
             {2, "乙安置点", "township_seat", "141124101", "白文镇", std::nullopt}};
  f.villages = {{1, "141124102", "城庄镇", true}, {2, "141124103", "兔坂镇", false},
                {3, "141124103", "兔坂镇", false}};
  f.households = {{1, true, 1, 1, "2019-05-01", true, 7500},
                  {2, false, 2, 1, "2020-01-01", false, std::nullopt},
                  {3, true, 2, 2, "2022-10-01", false, std::nullopt},  // after as_of
                  {4, true, 1, 2, "2022-09-30", true, 6000}};          // on as_of: counted
  f.persons = {
      {1, MakeId("141124", "19800101", "011"), "male", "1980-01-01", true, true, true, true},  // 42
      {1, MakeId("141124", "19610930", "022"), "female", "1961-09-30"},  // 61 today: not working age
      {1, MakeId("141124", "20040930", "031"), "male", "2004-09-30", false, true, true, false},  // 18
      {1, MakeId("141124", "20041001", "042"), "female", "2004-10-01"},  // 17
      {2, MakeId("141124", "19621001", "051"), "male", "1962-10-01", true, true, true, false},  // 59
      {2, MakeId("141124", "19611001", "062"), "female", "1961-10-01", false, true, true, false},  // 60
      {3, MakeId("141124", "19900101", "071"), "male", "1990-01-01", true},  // excluded household
      {4, MakeId("141124", "20000229", "082"), "female", "2000-02-29", true, true, true, true},  // 22
      {4, MakeId("141124", "20221201", "091"), "male", "2022-12-01"},  // born after as_of
  };
  f.parks = {{1, 1, false}, {2, 2, true}};
  f.workshops = {{1, "2018-01-01"}, {2, "2023-01-01"}};
  f.land = {{true, 240000, "2019-01-01", std::nullopt},
            {true, 100, "2018-01-01", "2021-12-31"},
            {false, 150000, "2020-03-01", "2030-12-31"},
            {false, 5000, "2022-10-01", std::nullopt}};
  f.communities = {{1, "2019-06-01", true}, {2, std::nullopt, true}};
  return f;
}

}  // namespace anju::reports::testing
