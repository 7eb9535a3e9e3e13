#!/usr/bin/env bash
# Runs every benchmark and prints each figure beside its baseline as a ratio.
# Usage: bench/run.sh BUILD_DIR
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
echo "== resident id validation (baseline: bare MOD 11-2 check) =="
"$build/bench/bench_resident_id" --benchmark_format=json --benchmark_min_time=0.3 >"$build/bench_resident_id.json"
python3 - "$build/bench_resident_id.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
rates = {b["name"]: b["items_per_second"] for b in d["benchmarks"]}
base = rates["BM_Baseline_CheckCharOnly"]
for name, r in rates.items():
    print(f"{name:34s} {r/1e6:8.2f} M ids/s   ratio to baseline {r/base:6.3f}")
PY
# Further benchmarks (demo generation, report, HTTP, import) add their scripts here.
for s in "$here"/run_*.sh; do [[ -x "$s" ]] && "$s" "$build"; done
exit 0
