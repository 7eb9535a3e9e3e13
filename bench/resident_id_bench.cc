// Resident-id validation throughput. Baseline measured in the same run: the bare MOD 11-2
// check-character computation (the least any validator must do), so the ratio shows the cost
// of normalisation (ICU NFKC) and full validation on top of it.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "core/resident_id.h"

namespace {

std::vector<std::string> MakeIds(size_t n) {
  std::vector<std::string> ids;
  ids.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    std::string s = "14112419" + std::to_string(60 + i % 40) + "0" + std::to_string(1 + i % 9) +
                    "1" + std::to_string(i % 9) + std::to_string(100 + i % 900);
    s.resize(17, '0');
    s.push_back(anju::ResidentIdCheckChar(s));
    ids.push_back(s);
  }
  return ids;
}

const anju::Date kToday{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{29}};

void BM_Baseline_CheckCharOnly(benchmark::State& state) {
  auto ids = MakeIds(4096);
  size_t i = 0;
  for (auto _ : state) {
    const std::string& s = ids[i++ & 4095];
    benchmark::DoNotOptimize(anju::ResidentIdCheckChar(s) == s[17]);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Baseline_CheckCharOnly);

void BM_ParseResidentId(benchmark::State& state) {
  auto ids = MakeIds(4096);
  size_t i = 0;
  for (auto _ : state) {
    auto r = anju::ParseResidentId(ids[i++ & 4095], kToday);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseResidentId);

void BM_ParseResidentId_FullWidth(benchmark::State& state) {
  std::string fw = "１１０１０５１９４９１２３１００２Ｘ";
  for (auto _ : state) {
    auto r = anju::ParseResidentId(fw, kToday);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseResidentId_FullWidth);

}  // namespace

BENCHMARK_MAIN();
