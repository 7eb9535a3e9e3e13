#!/usr/bin/env bash
# Authentication benchmark (issue 5): requests authenticated per second (session lookup + user,
# last_seen written at most once a minute) and with the CSRF check, beside a bare SELECT by
# primary key as the baseline; argon2id hashes per second with production parameters (the cost
# of one login) beside the test parameters.
# Usage: bench/run_auth.sh BUILD_DIR
set -euo pipefail
build=${1:-build}
echo "== authentication (baseline: SELECT one users row by primary key) =="
"$build/bench/bench_auth" --benchmark_format=json --benchmark_min_time=0.3 >"$build/bench_auth.json"
python3 - "$build/bench_auth.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
rates = {b["name"].split("/")[0]: b["items_per_second"] for b in d["benchmarks"]}
base = rates["BM_Baseline_SelectUserByPk"]
for name in ("BM_Baseline_SelectUserByPk", "BM_Authenticate", "BM_AuthenticateAndCheckCsrf"):
    r = rates[name]
    print(f"{name:30s} {r:12.0f} req/s   ratio to baseline {r/base:6.3f}")
t, p = rates["BM_Argon2idTestParams"], rates["BM_Argon2idProduction"]
print(f"{'argon2id production':30s} {p:12.1f} hashes/s ({1000/p:.0f} ms each; test params {t:.0f}/s, ratio {p/t:.4f})")
PY
