#!/usr/bin/env bash
# `anju report` end to end on a small database: formats, default output files, and the errors
# a user can make (exit codes and messages naming the bad value).
set -u
anju=$(realpath "$1"); fail=0; pass=0
check() {  # check NAME EXPECTED_RC COMMAND... ; output in $out
  local name=$1 want=$2; shift 2
  out=$("$@" 2>&1); local rc=$?
  if [[ $rc -ne $want ]]; then echo "FAIL $name: exit $rc, want $want"; echo "$out"; fail=$((fail+1)); else pass=$((pass+1)); fi
}
contains() { if [[ "$out" != *"$1"* ]]; then echo "FAIL: output lacks '$1':"; echo "$out"; fail=$((fail+1)); else pass=$((pass+1)); fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
db="$tmp/r.db"
"$anju" init --db "$db" >/dev/null || { echo "FAIL: init"; exit 1; }
sqlite3 "$db" "INSERT OR REPLACE INTO meta VALUES ('statistics_date','2022-09-30');
  INSERT INTO divisions (code,name,level,parent_code) SELECT '141124','临县','county',NULL
    WHERE NOT EXISTS (SELECT 1 FROM divisions WHERE code = '141124');
  INSERT INTO divisions (code,name,level,parent_code) SELECT '141124100','临泉镇','township','141124'
    WHERE NOT EXISTS (SELECT 1 FROM divisions WHERE code = '141124100');
  INSERT INTO sites (name,mode,township_code) VALUES ('测试安置点','county_town','141124100');
  INSERT INTO origin_villages (name,township_code,relocation_type) VALUES ('测试村','141124100','scattered');
  INSERT INTO households (household_no,category,origin_village_id,site_id,move_in_date)
    SELECT 'T-1','registered_poor',(SELECT max(id) FROM origin_villages),(SELECT id FROM sites WHERE name='测试安置点'),'2019-01-01';
  INSERT INTO persons (household_id,resident_id,name,sex,birth_date,relationship,employment_kind)
    VALUES ((SELECT id FROM households WHERE household_no='T-1'),'11010519491231002X','测试','female','1949-12-31','head','none');" \
  || { echo "FAIL: fixture"; exit 1; }

check text-zh 0 "$anju" report --db "$db" --site 测试安置点;     contains "截至 2022-09-30"; contains "测试安置点"
check text-en 0 "$anju" report --db "$db" --lang en --as-of 2023-01-01; contains "as of 2023-01-01"
check json 0 "$anju" report --db "$db" --format json --site 测试安置点; contains '"persons.total": 1'
check html 0 "$anju" report --db "$db" --format html --out "$tmp/r.html"; [[ -s "$tmp/r.html" ]] && pass=$((pass+1)) || { echo "FAIL: no html"; fail=$((fail+1)); }
pushd "$tmp" >/dev/null
check xlsx-default 0 "$anju" report --db "$db" --format xlsx --lang en; contains "report written to anju-report-2022-09-30.xlsx"
popd >/dev/null
[[ -s "$tmp/anju-report-2022-09-30.xlsx" ]] && pass=$((pass+1)) || { echo "FAIL: default xlsx file missing"; fail=$((fail+1)); }
check bad-date 1 "$anju" report --db "$db" --as-of 2022-13-01;  contains "as-of"; contains "2022-13-01"
check bad-site 1 "$anju" report --db "$db" --site 没有这个点;    contains "no site is named '没有这个点'"; contains "测试安置点"
check bad-format 2 "$anju" report --db "$db" --format pdf
check bad-out 1 "$anju" report --db "$db" --format html --out "$tmp/no/such/dir/r.html"; contains "cannot write"
check no-db 1 "$anju" report --db "$tmp/missing.db";            contains "anju init"
echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
