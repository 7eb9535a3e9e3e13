#!/usr/bin/env bash
# Employment-rate benchmark (issue #16, docs/industry.md "Benchmark"): labor.employment_rate as
# of a day on a `--scale 240` demo database (≈ 9.6 M persons and their jobs), whole process, wall
# and CPU, beside the same aggregate (persons of working age counted on D, and of them those with
# a job current on D) in the sqlite3 shell, as a ratio. Target: under 2 s whole process.
# `anju report` computes the figure within the county report (one pass over jobs_period into a
# bitset by person id, then the person scan); there is no narrower command yet.
# Usage: bench/employment_rate.sh BUILD_DIR [SCALE] [AS_OF]   (SCALE default 240; AS_OF default
# the statistics day). The database is built once and kept in BUILD_DIR/bench-data/ (minutes).
set -euo pipefail
build=${1:-build}
scale=${2:-240}
anju="$build/src/cli/anju"
data="$build/bench-data"
db="$data/employment_rate_$scale.db"
mkdir -p "$data"
if [[ ! -s "$db" ]]; then
  echo "building $db (anju demo --scale $scale) ..."
  rm -f "$db" "$db-wal" "$db-shm"
  /usr/bin/time -f "demo: wall %e s, cpu %U+%S s" "$anju" demo --db "$db" --scale "$scale" --no-accounts
fi
as_of=${3:-$(sqlite3 "$db" "SELECT value FROM meta WHERE key = 'statistics_date'")}
y=${as_of:0:4} md=${as_of:4}
adult="$((y - 18))$md" old="$((y - 61))$md"
sql="WITH emp AS (SELECT DISTINCT person_id FROM jobs WHERE started_on <= '$as_of'
  AND (ended_on IS NULL OR ended_on > '$as_of') AND voided_at IS NULL)
SELECT count(*), count(e.person_id), round(1.0 * count(e.person_id) / count(*), 4)
FROM persons p JOIN households h ON h.id = p.household_id LEFT JOIN emp e ON e.person_id = p.id
WHERE h.move_in_date <= '$as_of' AND (h.ended_on IS NULL OR h.ended_on > '$as_of')
  AND (h.formed_on IS NULL OR h.formed_on <= '$as_of')
  AND (p.member_from IS NULL OR p.member_from <= '$as_of') AND (p.member_until IS NULL OR p.member_until > '$as_of')
  AND p.birth_date <= '$adult' AND p.birth_date > '$old';"
echo "persons: $(sqlite3 "$db" 'SELECT count(*) FROM persons'), jobs: $(sqlite3 "$db" 'SELECT count(*) FROM jobs'), as of $as_of"
"$anju" report --db "$db" --as-of "$as_of" --format json --out /dev/null 2>/dev/null  # warm the page cache
tf=$(mktemp)
trap 'rm -f "$tf" "$tf.json"' EXIT
/usr/bin/time -o "$tf" -f "%e %U %S" "$anju" report --db "$db" --as-of "$as_of" --format json --out "$tf.json"
read -r ours_wall ours_u ours_s <"$tf"
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print('anju:   ', r['labor.working_age'], r['labor.employed'], r['labor.employment_rate'])" "$tf.json"
/usr/bin/time -o "$tf" -f "%e %U %S" sqlite3 -readonly "$db" "$sql" | sed 's/^/sqlite3: /'
read -r base_wall base_u base_s <"$tf"
python3 - "$ours_wall" "$ours_u" "$ours_s" "$base_wall" "$base_u" "$base_s" <<'PY'
import sys
ow, ou, os_, bw, bu, bs = map(float, sys.argv[1:])
print(f"anju report:  wall {ow:.2f} s  cpu {ou + os_:.2f} s  (target < 2 s: {'met' if ow < 2 else 'NOT met'})")
print(f"sqlite3 shell: wall {bw:.2f} s  cpu {bu + bs:.2f} s")
print(f"ratio anju/sqlite3: wall {ow / bw:.2f}  cpu {(ou + os_) / max(bu + bs, 1e-9):.2f}")
PY
