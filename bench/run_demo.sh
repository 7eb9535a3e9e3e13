#!/usr/bin/env bash
# Times `anju demo --scale 240` (≈ 9.6 M persons; target: within 90 s on the 2-core machine,
# i.e. ≥ 107 k persons/s) and prints persons/s beside a baseline measured in the same run: the
# sqlite3 shell inserting the same number of person rows through a recursive CTE into the same
# schema (no generation work, indexes kept). Both are reported by wall time and by CPU time
# (user + sys of all threads), because the machine is shared: CPU time is the figure that other
# people's load does not inflate. `anju demo --timings` breaks the run into steps.
# Usage: bench/run_demo.sh BUILD_DIR [SCALE]
set -euo pipefail
build=${1:-build}; scale=${2:-240}
anju="$build/src/cli/anju"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/anju-demo-bench.XXXXXX"); trap 'rm -rf "$tmp"' EXIT
echo "== anju demo --scale $scale (baseline: sqlite3 CTE insert of as many person rows) =="
"$anju" init --db "$tmp/demo.db" >/dev/null
/usr/bin/time -f "%e %U %S" -o "$tmp/demo.time" "$anju" demo --db "$tmp/demo.db" --scale "$scale" --no-accounts --timings
persons=$(sqlite3 "$tmp/demo.db" "SELECT count(*) FROM persons")
rm -f "$tmp/demo.db"*
"$anju" init --db "$tmp/base.db" >/dev/null
cat >"$tmp/base.sql" <<SQL
PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $persons)
INSERT INTO persons(id, household_id, resident_id, name, name_initials, sex, birth_date, relationship, employment_kind)
SELECT i, i / 3 + 1, printf('141124%012d', i), '张海明', 'zhm', 'male', '1990-01-01', 'other', 'none' FROM n;
COMMIT;
SQL
/usr/bin/time -f "%e %U %S" -o "$tmp/base.time" sqlite3 "$tmp/base.db" <"$tmp/base.sql" >/dev/null
python3 - "$persons" "$(cat "$tmp/demo.time")" "$(cat "$tmp/base.time")" <<'PY'
import sys
n = int(sys.argv[1])
dw, du, ds = map(float, sys.argv[2].split())
bw, bu, bs = map(float, sys.argv[3].split())
dc, bc = du + ds, bu + bs
print(f"anju demo          {n:>10,} persons  wall {dw:7.1f} s {n/dw/1e3:7.1f} k/s   cpu {dc:7.1f} s {n/dc/1e3:7.1f} k/s  (target: 90 s, 107 k/s)")
print(f"sqlite3 CTE insert {n:>10,} rows     wall {bw:7.1f} s {n/bw/1e3:7.1f} k/s   cpu {bc:7.1f} s {n/bc/1e3:7.1f} k/s")
print(f"ratio to baseline (persons/s): wall {bw/dw:.3f}  cpu {bc/dc:.3f}")
PY
