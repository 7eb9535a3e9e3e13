#!/usr/bin/env bash
# Issue #14 item 5: a roster whose households' rows are scattered over the file. Exports the
# persons of `anju demo --scale SCALE` (scale 1 ≈ 40,000 rows), shuffles the data rows (the
# header kept; fixed seed), and times `anju import` of the sorted and of the shuffled file into
# the demo database emptied of households and persons: wall, CPU (user+sys) and peak RSS.
# Usage: bench/run_import_scattered.sh ANJU_BINARY [SCALE=1]
set -euo pipefail
anju=$(realpath "$1"); scale=${2:-1}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/anju-scattered.XXXXXX"); trap 'rm -rf "$tmp"' EXIT
"$anju" demo --db "$tmp/demo.db" --scale "$scale" --no-accounts >/dev/null
"$anju" export persons --db "$tmp/demo.db" --out "$tmp/sorted.csv" >/dev/null
{ head -1 "$tmp/sorted.csv"; tail -n +2 "$tmp/sorted.csv" | shuf --random-source=<(yes); } >"$tmp/shuffled.csv"
echo "rows: $(($(wc -l <"$tmp/sorted.csv") - 1))"
for f in sorted shuffled; do
  cp "$tmp/demo.db" "$tmp/$f.db"
  sqlite3 "$tmp/$f.db" "PRAGMA foreign_keys=OFF; DELETE FROM persons; DELETE FROM households;"
  t0=$(date +%s.%N)
  /usr/bin/time -f "%U %S %M" -o "$tmp/$f.time" "$anju" import --quiet --db "$tmp/$f.db" "$tmp/$f.csv" >"$tmp/$f.out" || true
  t1=$(date +%s.%N)
  read -r u s m < <(tail -1 "$tmp/$f.time")
  printf '%-9s wall %.2f s  cpu %.2f s  peak %d MB  persons %s households %s  | %s\n' "$f" \
    "$(echo "$t1 - $t0" | bc)" "$(echo "$u + $s" | bc)" $((m / 1024)) \
    "$(sqlite3 "$tmp/$f.db" 'SELECT count(*) FROM persons')" "$(sqlite3 "$tmp/$f.db" 'SELECT count(*) FROM households')" \
    "$(tail -1 "$tmp/$f.out" | cut -c1-120)"
done
