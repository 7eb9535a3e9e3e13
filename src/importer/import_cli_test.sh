#!/usr/bin/env bash
# End-to-end checks of `anju import` / `anju export` on real SQLite files:
#   - the demo registry (anju demo) exported as CSV and xlsx imports back unchanged (upsert:
#     0 updated), and into an emptied copy of it so that a second export is byte-identical;
#   - the township fixture: exit code 1, rows named, error report written, audit chain intact;
#   - --all-or-nothing and --dry-run write nothing; a killed import leaves the database as it was.
# Usage: import_cli_test.sh ANJU_BINARY SOURCE_DIR
set -u
anju="$1"; src="$2"; fx="$src/tests/fixtures/import"
fail=0; pass=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
check() {  # check NAME EXPECTED_RC COMMAND... ; output in $out
  local name=$1 want=$2; shift 2
  out=$("$@" 2>&1); local rc=$?
  if [[ $rc -ne $want ]]; then echo "FAIL $name: exit $rc, want $want"; echo "$out" | tail -20; fail=$((fail+1)); else pass=$((pass+1)); fi
}
contains() { if [[ "$out" != *"$1"* ]]; then echo "FAIL: output lacks '$1':"; echo "$out" | tail -20; fail=$((fail+1)); else pass=$((pass+1)); fi; }
same() { if [[ "$1" != "$2" ]]; then echo "FAIL $3: '$1' != '$2'"; fail=$((fail+1)); else pass=$((pass+1)); fi; }
q() { sqlite3 "$1" "$2"; }

# --- round trip on the demo registry ---------------------------------------------------------
check demo 0 "$anju" demo --db "$tmp/demo.db" --no-accounts
check export-csv 0 "$anju" export persons --db "$tmp/demo.db" --out "$tmp/p.csv"; contains "40004 persons rows"
check export-xlsx 0 "$anju" export persons --db "$tmp/demo.db" --out "$tmp/p.xlsx"
check export-households 0 "$anju" export households --db "$tmp/demo.db" --out "$tmp/h.csv"; contains "13337 households rows"
check export-sites 0 "$anju" export sites --db "$tmp/demo.db" --out "$tmp/s.xlsx"
check export-site 0 "$anju" export persons --db "$tmp/demo.db" --site 城北安置点 --out "$tmp/site.csv"
check export-bad-site 1 "$anju" export persons --db "$tmp/demo.db" --site 不存在安置点 --out "$tmp/x.csv"
# CSV: UTF-8 with BOM, ids as ="…" text.
same "$(head -c 3 "$tmp/p.csv" | od -An -tx1 | tr -d ' ')" "efbbbf" "csv BOM"
[[ $(sed -n 2p "$tmp/p.csv") == *',="141124'* ]] && pass=$((pass+1)) || { echo "FAIL: ids not written as text in CSV"; fail=$((fail+1)); }
before=$(q "$tmp/demo.db" "SELECT sum(version) FROM persons")
check upsert-csv 0 "$anju" import --db "$tmp/demo.db" --mode upsert "$tmp/p.csv"; contains "persons 0 created, 0 updated, 40004 unchanged"
check upsert-xlsx 0 "$anju" import --db "$tmp/demo.db" --mode upsert "$tmp/p.xlsx"; contains "households 0 created, 0 updated, 13337 unchanged"
same "$(q "$tmp/demo.db" "SELECT sum(version) FROM persons")" "$before" "versions after re-import"
check insert-again 1 "$anju" import --db "$tmp/demo.db" --show 1 "$tmp/p.csv"; contains "already registered"
for f in p.csv p.xlsx; do
  cp "$tmp/demo.db" "$tmp/empty.db"
  q "$tmp/empty.db" "PRAGMA foreign_keys=ON; DELETE FROM persons; DELETE FROM households;"
  check "import-$f" 0 "$anju" import --db "$tmp/empty.db" "$tmp/$f"; contains "persons 40004 created"
  check "reexport-$f" 0 "$anju" export persons --db "$tmp/empty.db" --out "$tmp/p2.csv"
  cmp -s "$tmp/p.csv" "$tmp/p2.csv" && pass=$((pass+1)) || { echo "FAIL: export -> import($f) -> export differs"; diff <(head -5 "$tmp/p.csv") <(head -5 "$tmp/p2.csv"); fail=$((fail+1)); }
done
same "$(q "$tmp/empty.db" "SELECT count(*) FROM audit_log WHERE entity='person' AND source LIKE 'import p.xlsx [搬迁人口] row %'")" "40004" "audit per person with file and row"
same "$(q "$tmp/empty.db" "SELECT rows_imported FROM import_batches ORDER BY id DESC LIMIT 1")" "40004" "import batch recorded"

# --- a killed import leaves the database as it was --------------------------------------------
cp "$tmp/demo.db" "$tmp/kill.db"
q "$tmp/kill.db" "PRAGMA foreign_keys=ON; DELETE FROM persons; DELETE FROM households;"
audit_before=$(q "$tmp/kill.db" "SELECT count(*) FROM audit_log")
"$anju" import --db "$tmp/kill.db" --quiet "$tmp/p.xlsx" >/dev/null 2>&1 &
pid=$!
sleep 1.5
kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
same "$(q "$tmp/kill.db" "SELECT count(*) FROM persons")" "0" "persons after a killed import"
same "$(q "$tmp/kill.db" "SELECT count(*) FROM audit_log")" "$audit_before" "audit after a killed import"
same "$(q "$tmp/kill.db" "PRAGMA integrity_check")" "ok" "integrity after a killed import"

# --- the township fixture against test reference names ----------------------------------------
check init 0 "$anju" init --db "$tmp/t.db"
q "$tmp/t.db" "INSERT INTO origin_villages (name, township_code, relocation_type) VALUES ('测试村', '141124100', 'scattered');
  INSERT INTO sites (name, mode, township_code) VALUES ('测试安置点', 'county_town', '141124100');
  INSERT INTO housing_units (site_id, building, entrance, room, floor_area_dm2)
    SELECT id, '1', '2', '101', 8000 FROM sites WHERE name = '测试安置点';
  INSERT INTO housing_units (site_id, building, entrance, room, floor_area_dm2)
    SELECT id, '1', '2', '102', 6000 FROM sites WHERE name = '测试安置点';"
check aon 1 "$anju" import --db "$tmp/t.db" --all-or-nothing "$fx/township_merged.xlsx"; contains "nothing was imported"
same "$(q "$tmp/t.db" "SELECT count(*) FROM persons")" "0" "all-or-nothing wrote nothing"
check dry 1 "$anju" import --db "$tmp/t.db" --dry-run "$fx/township_merged.xlsx"; contains "dry run, nothing written: 6 rows read, 4 valid"
same "$(q "$tmp/t.db" "SELECT count(*) FROM persons")" "0" "dry run wrote nothing"
check township 1 "$anju" import --db "$tmp/t.db" --errors "$tmp/errors.xlsx" "$fx/township_merged.xlsx"
contains "header row 3-4"
contains "ERROR township_merged.xlsx [花名册] row 12 C 公民身份号码 （必填）"
contains "the id was stored as a number"
contains "did you mean: 临泉镇/测试村"
contains "hidden and has 2 non-empty rows"
contains "error report: $tmp/errors.xlsx (2 rows"
[[ "$out" != *"141124199001"* ]] && pass=$((pass+1)) || { echo "FAIL: whole id printed"; fail=$((fail+1)); }
same "$(q "$tmp/t.db" "SELECT group_concat(name, ',') FROM (SELECT name FROM persons ORDER BY id)")" "王建国,李秀英,王小明,张桂兰" "persons imported"
same "$(q "$tmp/t.db" "SELECT phone FROM persons WHERE name='王小明'")" "13712345678,13612345678" "phones"
check errors-reimport 1 "$anju" import --db "$tmp/t.db" --dry-run "$tmp/errors.xlsx"; contains "2 rows read, 0 valid"
check gbk 0 "$anju" import --db "$tmp/t.db" "$fx/gb18030.csv"; contains "encoding GB18030"; contains "persons 3 created"
check html 0 "$anju" import --db "$tmp/t.db" --mode upsert "$fx/html_disguised.xls"; contains "format html"; contains "persons 0 created, 0 updated, 2 unchanged"
check xls 0 "$anju" import --db "$tmp/t.db" "$fx/biff8.xls"; contains "format xls"
check bomb 1 "$anju" import --db "$tmp/t.db" "$fx/zip_bomb.xlsx"; contains "zip bomb"
check encrypted 1 "$anju" import --db "$tmp/t.db" "$fx/encrypted.xlsx"; contains "encrypted"
check no-sheet 1 "$anju" import --db "$tmp/t.db" --sheet 没有 "$fx/township_merged.xlsx"; contains "no sheet named"
echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
