#!/usr/bin/env bash
# Times `anju demo --scale 240` (≈ 9.6 M persons; target: within 90 s on the 2-core machine) and
# prints persons/s beside a baseline measured in the same run: the sqlite3 shell inserting the
# same number of person rows through a recursive CTE into the same schema (no generation work).
# Usage: bench/run_demo.sh BUILD_DIR [SCALE]
set -euo pipefail
build=${1:-build}; scale=${2:-240}
anju="$build/src/cli/anju"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/anju-demo-bench.XXXXXX"); trap 'rm -rf "$tmp"' EXIT
echo "== anju demo --scale $scale (baseline: sqlite3 CTE insert of as many person rows) =="
"$anju" init --db "$tmp/demo.db" >/dev/null
t0=$(date +%s.%N)
"$anju" demo --db "$tmp/demo.db" --scale "$scale" --no-accounts >/dev/null
t1=$(date +%s.%N)
persons=$(sqlite3 "$tmp/demo.db" "SELECT count(*) FROM persons")
"$anju" init --db "$tmp/base.db" >/dev/null
t2=$(date +%s.%N)
sqlite3 "$tmp/base.db" <<SQL
PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $persons)
INSERT INTO persons(id, household_id, resident_id, name, name_initials, sex, birth_date, relationship, employment_kind)
SELECT i, i / 3 + 1, printf('141124%012d', i), '张海明', 'zhm', 'male', '1990-01-01', 'other', 'none' FROM n;
COMMIT;
SQL
t3=$(date +%s.%N)
python3 - "$persons" "$t0" "$t1" "$t2" "$t3" <<'PY'
import sys
n, t0, t1, t2, t3 = int(sys.argv[1]), *map(float, sys.argv[2:])
demo, base = t1 - t0, t3 - t2
print(f"anju demo         {n:>10,} persons in {demo:7.1f} s  {n/demo/1e3:8.1f} k persons/s  (target: <= 90 s)")
print(f"sqlite3 CTE insert {n:>9,} rows    in {base:7.1f} s  {n/base/1e3:8.1f} k rows/s")
print(f"ratio to baseline (persons/s) {n/demo/(n/base):.3f}")
PY
