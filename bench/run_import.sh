#!/usr/bin/env bash
# Import benchmarks (issue #7), each printed beside its baseline from the same run:
#  1. CSV import of the national-scale registry (`anju demo --scale 240`, ≈ 9.6 M persons,
#     exported with `anju export persons`) into the demo's reference data, against the sqlite3
#     shell's `.import` of the same person rows into the same schema and indexes (which checks
#     nothing): rows/s and their ratio (target ≥ 1).
#  2. xlsx import of ≈ 1 M rows (`--scale 25`, exported as xlsx): peak memory from
#     /usr/bin/time -v (target < 300 MB) and time against a Python openpyxl + sqlite3 script doing
#     the same inserts (bench/import_openpyxl_baseline.py; target ≥ 10× faster).
# Both wall time and CPU time (user+sys of the timed processes, from /usr/bin/time) are printed;
# the machine is shared, so the CPU ratio is the one to compare.
# Usage: bench/run_import.sh BUILD_DIR [CSV_SCALE=240] [XLSX_SCALE=25]
# Needs: sqlite3, /usr/bin/time, python3-openpyxl (scripts/setup.sh installs them).
set -euo pipefail
build=${1:-build}; csv_scale=${2:-240}; xlsx_scale=${3:-25}
anju="$(cd "$build" && pwd)/src/cli/anju"
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/anju-import-bench.XXXXXX"); trap 'rm -rf "$tmp"' EXIT
py=/usr/bin/python3   # Debian's python, where python3-openpyxl is installed

now() { date +%s.%N; }
cpu() { awk '{print $1 + $2}' "$1"; }  # user+sys seconds from /usr/bin/time -f "%U %S" -o FILE
emptied() {  # emptied SRC DST: a copy of SRC with the registry's households and persons removed
  cp "$1" "$2"
  sqlite3 "$2" "PRAGMA foreign_keys=OFF; DELETE FROM persons; DELETE FROM households;"
}

echo "== CSV import, scale $csv_scale (baseline: sqlite3 .import of the same person rows, same schema and indexes) =="
"$anju" demo --db "$tmp/demo.db" --scale "$csv_scale" --no-accounts >/dev/null
"$anju" export persons --db "$tmp/demo.db" --out "$tmp/persons.csv" >/dev/null
rows=$(($(wc -l <"$tmp/persons.csv") - 1))
# The baseline's input: the same persons as plain CSV in the table's column order.
sqlite3 -csv "$tmp/demo.db" "SELECT * FROM persons ORDER BY id" >"$tmp/persons_table.csv"
emptied "$tmp/demo.db" "$tmp/base.db"
sqlite3 "$tmp/base.db" "DELETE FROM households" >/dev/null
# .import needs the households the persons belong to: insert them first, outside the timing.
sqlite3 "$tmp/base.db" "ATTACH '$tmp/demo.db' AS d; INSERT INTO households SELECT * FROM d.households;"
# .import stores empty fields as '' (never NULL), which the CHECK constraints of persons refuse:
# the rows go through an unindexed all-text table, then into persons with NULLIF; both timed.
cols=$(sqlite3 "$tmp/base.db" "SELECT group_concat(name, ',') FROM pragma_table_info('persons')")
sel=$(sqlite3 "$tmp/base.db" "SELECT group_concat(CASE WHEN \"notnull\" THEN name ELSE 'NULLIF(' || name || ','''')' END, ',') FROM pragma_table_info('persons')")
sqlite3 "$tmp/base.db" "CREATE TABLE raw ($cols)"
t0=$(now)
/usr/bin/time -f "%U %S" -o "$tmp/base.cpu" sqlite3 "$tmp/base.db" <<SQL
.mode csv
.import $tmp/persons_table.csv raw
INSERT INTO persons ($cols) SELECT $sel FROM raw;
SQL
t1=$(now)
base_rows=$(sqlite3 "$tmp/base.db" "SELECT count(*) FROM persons")
emptied "$tmp/demo.db" "$tmp/anju.db"
t2=$(now)
/usr/bin/time -f "%U %S" -o "$tmp/anju.cpu" "$anju" import --quiet --db "$tmp/anju.db" "$tmp/persons.csv" >"$tmp/import.out" || { cat "$tmp/import.out"; exit 1; }
t3=$(now)
tail -1 "$tmp/import.out"
anju_rows=$(sqlite3 "$tmp/anju.db" "SELECT count(*) FROM persons")
rm -f "$tmp/base.db" "$tmp/persons_table.csv"
python3 - "$rows" "$base_rows" "$anju_rows" "$t0" "$t1" "$t2" "$t3" "$(cpu "$tmp/base.cpu")" "$(cpu "$tmp/anju.cpu")" <<'PY'
import sys
rows, base_rows, anju_rows = map(int, sys.argv[1:4]); t0, t1, t2, t3, bc, ac = map(float, sys.argv[4:])
b, a = t1 - t0, t3 - t2
print(f"sqlite3 .import   {base_rows:>10,} rows in {b:7.1f} s wall {bc:7.1f} s CPU  {base_rows/bc/1e3:8.1f} k rows/CPU-s (no checks, persons only)")
print(f"anju import (CSV) {anju_rows:>10,} rows in {a:7.1f} s wall {ac:7.1f} s CPU  {anju_rows/ac/1e3:8.1f} k rows/CPU-s (cleaned, validated, households, audit)")
print(f"ratio anju / sqlite3 .import (rows per second): wall {(anju_rows/a)/(base_rows/b):.3f}, CPU {(anju_rows/ac)/(base_rows/bc):.3f}   (target >= 1)")
PY
rm -f "$tmp/demo.db" "$tmp/anju.db" "$tmp/persons.csv"

echo "== xlsx import, scale $xlsx_scale (baseline: python3 openpyxl read-only + sqlite3, same inserts) =="
"$anju" demo --db "$tmp/demo.db" --scale "$xlsx_scale" --no-accounts >/dev/null
"$anju" export persons --db "$tmp/demo.db" --out "$tmp/persons.xlsx" >/dev/null
emptied "$tmp/demo.db" "$tmp/anju.db"
emptied "$tmp/demo.db" "$tmp/py.db"
t0=$(now)
/usr/bin/time -v -o "$tmp/time.out" "$anju" import --quiet --db "$tmp/anju.db" "$tmp/persons.xlsx" >"$tmp/import.out" || { cat "$tmp/import.out" "$tmp/time.out"; exit 1; }
t1=$(now)
tail -1 "$tmp/import.out"
rss_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$tmp/time.out")
anju_cpu=$(awk -F: '/User time|System time/ {s += $2} END {print s}' "$tmp/time.out")
anju_rows=$(sqlite3 "$tmp/anju.db" "SELECT count(*) FROM persons")
t2=$(now)
/usr/bin/time -f "%U %S" -o "$tmp/py.cpu" "$py" "$here/import_openpyxl_baseline.py" "$tmp/persons.xlsx" "$tmp/py.db"
t3=$(now)
py_rows=$(sqlite3 "$tmp/py.db" "SELECT count(*) FROM persons")
python3 - "$anju_rows" "$py_rows" "$rss_kb" "$t0" "$t1" "$t2" "$t3" "$anju_cpu" "$(cpu "$tmp/py.cpu")" <<'PY'
import sys
a_rows, p_rows, rss = map(int, sys.argv[1:4]); t0, t1, t2, t3, ac, pc = map(float, sys.argv[4:])
a, p = t1 - t0, t3 - t2
print(f"anju import (xlsx) {a_rows:>9,} rows in {a:7.1f} s wall {ac:7.1f} s CPU  peak RSS {rss/1024:6.1f} MB (target < 300 MB)")
print(f"python openpyxl    {p_rows:>9,} rows in {p:7.1f} s wall {pc:7.1f} s CPU")
print(f"speed-up anju / python (rows per second): wall {(a_rows/a)/(p_rows/p):.1f}x, CPU {(a_rows/ac)/(p_rows/pc):.1f}x   (target >= 10x)")
PY
