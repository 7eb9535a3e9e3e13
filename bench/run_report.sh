#!/usr/bin/env bash
# County report benchmark: median whole-process time of `anju report --format json` on the demo
# database and on a `--scale 240` one (≈9.6 M persons), beside the time the sqlite3 shell takes
# for the same aggregates written by hand (bench/report_queries.sql), as a ratio.
# Targets (issue 4): demo well under 100 ms; scale 240 under 3 s.
# Usage: bench/run_report.sh BUILD_DIR [SCALE]   (SCALE default 240; the databases are built
# once and cached in BUILD_DIR/bench-data/, which takes a few minutes for scale 240).
set -euo pipefail
build=${1:-build}
scale=${2:-240}
here=$(cd "$(dirname "$0")" && pwd)
anju="$build/src/cli/anju"
data="$build/bench-data"
mkdir -p "$data"

make_db() {  # make_db PATH SCALE
  if [[ ! -s "$1" ]]; then
    echo "building $1 (anju demo --scale $2) ..."
    rm -f "$1" "$1-wal" "$1-shm"
    "$anju" demo --db "$1" --scale "$2" >/dev/null
  fi
}

# median_ms RUNS COMMAND...: median wall time in milliseconds (output discarded).
median_ms() {
  local runs=$1; shift
  python3 - "$runs" "$@" <<'PY'
import subprocess, sys, time
runs = int(sys.argv[1]); cmd = sys.argv[2:]
stdin = None
if cmd[-2] == "<":  # "cmd ... < file"
    stdin = cmd[-1]; cmd = cmd[:-2]
times = []
for _ in range(runs):
    f = open(stdin) if stdin else subprocess.DEVNULL
    t = time.perf_counter()
    subprocess.run(cmd, stdin=f, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    times.append((time.perf_counter() - t) * 1000)
times.sort()
print(f"{times[len(times) // 2]:.1f}")
PY
}

bench_one() {  # bench_one LABEL DB RUNS TARGET_MS
  local label=$1 db=$2 runs=$3 target=$4
  local as_of
  as_of=$(sqlite3 "$db" "SELECT value FROM meta WHERE key = 'statistics_date'")
  local y=${as_of:0:4} md=${as_of:4}
  sed -e "s/@AS_OF@/$as_of/g" -e "s/@ADULT@/$((y - 18))$md/g" -e "s/@OLD@/$((y - 61))$md/g" \
      "$here/report_queries.sql" >"$data/report_queries.$label.sql"
  local persons
  persons=$(sqlite3 "$db" "SELECT count(*) FROM persons")
  # Warm the page cache once, then measure.
  "$anju" report --db "$db" --format json --out /dev/null 2>/dev/null
  local ours base
  ours=$(median_ms "$runs" "$anju" report --db "$db" --format json --out /dev/null)
  base=$(median_ms "$runs" sqlite3 -readonly "$db" "<" "$data/report_queries.$label.sql")
  python3 - "$label" "$persons" "$ours" "$base" "$target" <<'PY'
import sys
label, persons, ours, base, target = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
verdict = "ok" if ours < target else "OVER TARGET"
print(f"{label:10s} {persons:>10,d} persons   anju report {ours:8.1f} ms (target < {target:.0f} ms: {verdict})"
      f"   sqlite3 shell {base:8.1f} ms   ratio anju/sqlite3 {ours / base:5.2f}")
PY
}

echo "== county report (anju report --format json; baseline: sqlite3 shell, same aggregates by hand) =="
make_db "$data/demo.db" 1
bench_one demo "$data/demo.db" 11 100
make_db "$data/demo-$scale.db" "$scale"
bench_one "scale$scale" "$data/demo-$scale.db" 5 3000
