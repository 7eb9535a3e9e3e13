#!/usr/bin/env bash
# Employment-rate benchmark (issue #16, docs/industry.md "Benchmark"): labor.employment_rate as
# of a day on a `--scale 240` demo database (≈ 9.6 M persons and their jobs), whole process, wall
# and CPU, beside the same aggregate (persons of working age counted on D, and of them those with
# a job current on D) in the sqlite3 shell, as a ratio. Target: under 2 s whole process.
# Ours: `anju report --figure labor.working_age --figure labor.employed --figure
# labor.employment_rate` — for the whole county these three come from the labour day totals
# (reports migration 0001, reports/storage/labour_spans.h: per-day deltas of each person's spans,
# kept before every write's commit). Also shown once: the same command with --scan (the report
# engine's pass over households, persons and the partial index jobs_current), the check of the
# totals. All must give the same counts: the script fails (exit 1) when they differ.
# Usage: bench/employment_rate.sh BUILD_DIR [SCALE] [AS_OF] [RUNS]   (SCALE default 240; AS_OF
# default the statistics day; RUNS default 3, the median is reported). The database is built
# once and kept in BUILD_DIR/bench-data/ (minutes); delete it when done (≈ 4.5 GB at scale 240).
set -euo pipefail
build=${1:-build}
scale=${2:-240}
runs=${4:-3}
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
# Members counted on D (current and earlier memberships, docs/living-register.md) of households
# counted on D, of working age (18–60 周岁), and whether a job not voided is current on D.
sql="WITH emp AS (SELECT DISTINCT person_id FROM jobs WHERE started_on <= '$as_of'
  AND (ended_on IS NULL OR ended_on > '$as_of') AND voided_at IS NULL),
m AS (SELECT p.id AS pid, p.household_id AS hid FROM persons p
  WHERE (p.member_from IS NULL OR p.member_from <= '$as_of') AND (p.member_until IS NULL OR p.member_until > '$as_of')
  UNION ALL SELECT x.person_id, x.household_id FROM membership_history x
  WHERE (x.start_date IS NULL OR x.start_date <= '$as_of') AND x.end_date > '$as_of')
SELECT count(*), count(e.person_id), round(1.0 * count(e.person_id) / count(*), 4)
FROM m JOIN persons p ON p.id = m.pid JOIN households h ON h.id = m.hid LEFT JOIN emp e ON e.person_id = p.id
WHERE h.move_in_date <= '$as_of' AND (h.ended_on IS NULL OR h.ended_on > '$as_of')
  AND (h.formed_on IS NULL OR h.formed_on <= '$as_of')
  AND p.birth_date <= '$adult' AND p.birth_date > '$old';"
echo "persons: $(sqlite3 "$db" 'SELECT count(*) FROM persons'), jobs: $(sqlite3 "$db" 'SELECT count(*) FROM jobs'), as of $as_of"
figures=(--figure labor.working_age --figure labor.employed --figure labor.employment_rate)
tf=$(mktemp)
trap 'rm -f "$tf" "$tf.json" "$tf.runs"' EXIT
# The first run opens (and, on a database made by an older anju, migrates: industry 0007 builds
# jobs_current) and warms the page cache; it is shown, not counted.
/usr/bin/time -o "$tf" -f "%e %U %S" "$anju" report --db "$db" --as-of "$as_of" "${figures[@]}" --format json --out /dev/null 2>/dev/null
echo "first run (open, migrate if needed, cold cache): wall $(cut -d' ' -f1 "$tf") s"
: >"$tf.runs"
for _ in $(seq "$runs"); do
  /usr/bin/time -o "$tf" -f "%e %U %S" "$anju" report --db "$db" --as-of "$as_of" "${figures[@]}" --format json --out "$tf.json" 2>/dev/null
  cat "$tf" >>"$tf.runs"
done
read -r ours_wall ours_u ours_s < <(sort -n "$tf.runs" | sed -n "$(((runs + 1) / 2))p")
/usr/bin/time -o "$tf" -f "%e %U %S" "$anju" report --db "$db" --as-of "$as_of" "${figures[@]}" --scan --format json --out "$tf.scan.json" 2>/dev/null
read -r scan_wall scan_u scan_s <"$tf"
scan=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(r['labor.working_age'], r['labor.employed'], r['labor.employment_rate'])" "$tf.scan.json")
echo "anju --scan: $scan (wall $scan_wall s, cpu $(python3 -c "print(round($scan_u + $scan_s, 2))") s)"
rm -f "$tf.scan.json"
ours=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(r['labor.working_age'], r['labor.employed'], r['labor.employment_rate'])" "$tf.json")
echo "anju:    $ours"
base=$( { /usr/bin/time -o "$tf" -f "%e %U %S" sqlite3 -readonly -separator ' ' "$db" "$sql"; } )
echo "sqlite3: $base"
read -r base_wall base_u base_s <"$tf"
python3 - "$ours_wall" "$ours_u" "$ours_s" "$base_wall" "$base_u" "$base_s" "$runs" <<'PY'
import sys
ow, ou, os_, bw, bu, bs = map(float, sys.argv[1:7])
print(f"anju report --figure (median of {sys.argv[7]}): wall {ow:.2f} s  cpu {ou + os_:.2f} s  (target < 2 s: {'met' if ow < 2 else 'NOT met'})")
print(f"sqlite3 shell: wall {bw:.2f} s  cpu {bu + bs:.2f} s")
print(f"ratio anju/sqlite3: wall {ow / bw:.3f}  cpu {(ou + os_) / max(bu + bs, 1e-9):.3f}")
PY
a=($ours) b=($base)
c=($scan)
if [[ "${a[0]}" != "${c[0]}" || "${a[1]}" != "${c[1]}" ]]; then
  echo "MISMATCH: anju day totals ${a[0]}/${a[1]}, anju --scan ${c[0]}/${c[1]}" >&2
  exit 1
fi
if [[ "${a[0]}" != "${b[0]}" || "${a[1]}" != "${b[1]}" ]]; then
  echo "MISMATCH: anju working_age/employed ${a[0]}/${a[1]}, sqlite3 ${b[0]}/${b[1]}" >&2
  exit 1
fi
echo "same counts: working_age ${a[0]}, employed ${a[1]}"
