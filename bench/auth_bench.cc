// Cost of authenticating a request (issue 5; the API calls Authenticate once per request and
// CheckCsrf once per state-changing one) beside the cheapest possible database read, a SELECT of
// one users row by primary key, as the baseline. Also argon2id with the production parameters
// (a login's cost), beside the test parameters. On-disk WAL database as `anju serve` uses.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "auth/auth_service.h"
#include "storage/migrate.h"
#include "auth/storage/sqlite_auth_repository.h"

namespace {

using namespace anju;

struct Fixture {
  std::unique_ptr<storage::Database> db;
  std::unique_ptr<storage::SqliteAuthRepository> repo;
  std::unique_ptr<auth::AuthService> svc;
  std::vector<std::string> tokens;
  std::vector<std::string> csrf;

  Fixture() {
    std::string path = (std::filesystem::temp_directory_path() / "anju_auth_bench.db").string();
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
    db = std::move(*storage::OpenAndMigrate(path, false));
    repo = std::make_unique<storage::SqliteAuthRepository>(*db);
    auth::AuthOptions o;
    o.hash = auth::PasswordHashParams::FastForTests();
    svc = std::make_unique<auth::AuthService>(*repo, o);
    // 200 users with 5 sessions each: a busy county office's day.
    for (int u = 0; u < 200; ++u) {
      std::string name = "user" + std::to_string(u);
      auth::NewUser nu;
      nu.username = name;
      nu.password = "Bench-password-1";
      (void)svc->AddUser(SystemActor(), nu);
      for (int s = 0; s < 5; ++s) {
        auto sess = svc->Login(name, "Bench-password-1", "10.0.0.1");
        tokens.push_back(sess->token);
        csrf.push_back(sess->csrf_token);
      }
    }
  }
};

Fixture& F() {
  static Fixture f;
  return f;
}

void BM_Baseline_SelectUserByPk(benchmark::State& state) {
  auto& f = F();
  auto st = *f.db->Prepare("SELECT id, username, role FROM users WHERE id = ?");
  int64_t i = 0;
  for (auto _ : state) {
    st.Reset();
    st.Bind(1, 1 + (i++ % 200));
    benchmark::DoNotOptimize(*st.Step());
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Authenticate(benchmark::State& state) {
  auto& f = F();
  size_t i = 0;
  for (auto _ : state) {
    auto a = f.svc->Authenticate(f.tokens[i++ % f.tokens.size()], "10.0.0.1");
    if (!a) state.SkipWithError("authenticate failed");
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_AuthenticateAndCheckCsrf(benchmark::State& state) {
  auto& f = F();
  size_t i = 0;
  for (auto _ : state) {
    size_t k = i++ % f.tokens.size();
    auto a = f.svc->Authenticate(f.tokens[k], "10.0.0.1");
    auto c = f.svc->CheckCsrf(f.tokens[k], f.csrf[k]);
    if (!a || !c) state.SkipWithError("authenticate failed");
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Argon2idTestParams(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(auth::HashPassword("Bench-password-1",
                                                auth::PasswordHashParams::FastForTests()));
  state.SetItemsProcessed(state.iterations());
}

void BM_Argon2idProduction(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(auth::HashPassword("Bench-password-1",
                                                auth::PasswordHashParams::Production()));
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_Baseline_SelectUserByPk);
BENCHMARK(BM_Authenticate);
BENCHMARK(BM_AuthenticateAndCheckCsrf);
BENCHMARK(BM_Argon2idTestParams);
BENCHMARK(BM_Argon2idProduction)->Unit(benchmark::kMillisecond)->Iterations(5);

}  // namespace

BENCHMARK_MAIN();
