#!/usr/bin/env bash
# End-to-end: `anju import --table workshops` and `anju export workshops` on a real SQLite file
# made by `anju init`: dry run writes nothing, faults name file/row/column/value, --errors
# writes the rejected rows, --all-or-nothing stores nothing, a second import updates by key,
# export -> import changes nothing, the audit chain verifies.
# Usage: table_cli_test.sh ANJU_BINARY SOURCE_DIR
set -u
anju="$1"
source "$2/tests/check.sh"
fail=0; pass=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
same() { if [[ "$1" != "$2" ]]; then echo "FAIL $3: '$1' != '$2'"; fail=$((fail+1)); else pass=$((pass+1)); fi; }
q() { sqlite3 "$tmp/a.db" "$1"; }

check init 0 "$anju" init --db "$tmp/a.db"
printf '临县扶贫车间台账\n序号,所在安置点,扶贫车间名称,主要产品,开办时间,免租期（年）\n1,城北,城北扶贫车间,小家电,2018/3/1,3\n2,湫水文峰苑,文峰服装车间,服装,2019-05-01,5\n' > "$tmp/ok.csv"
check dry-run 0 "$anju" import --db "$tmp/a.db" --table workshops --dry-run "$tmp/ok.csv"
contains "columns: B=site_id, C=name, D=kind, E=opened_on, F=rent_free_years"
contains "dry run, nothing written: 2 rows read, 2 valid, 0 rejected; 0 errors, 0 warnings; 2 created"
same "$(q 'SELECT count(*) FROM workshops')" 0 "dry run stored nothing"
check import 0 "$anju" import --db "$tmp/a.db" --table workshops "$tmp/ok.csv"
contains "imported: 2 rows read, 2 valid"
same "$(q "SELECT s.name || '|' || w.kind || '|' || w.opened_on FROM workshops w JOIN sites s ON s.id = w.site_id WHERE w.name = '文峰服装车间'")" \
  "湫水文峰苑安置点|garment|2019-05-01" "stored row"

printf '安置点,车间名称,免租年限\n城北,城北扶贫车间,4\n火星基地,新车间,3\n' > "$tmp/bad.csv"
check all-or-nothing 1 "$anju" import --db "$tmp/a.db" --table workshops --all-or-nothing --errors "$tmp/err.xlsx" "$tmp/bad.csv"
contains "ERROR bad.csv [bad.csv] row 3 A 安置点 '火星基地': 安置点“火星基地”不存在 / '火星基地' is not a known site"
contains "error report: $tmp/err.xlsx (1 rows to fix and send back)"
contains "--all-or-nothing: the file has errors, so nothing was imported"
same "$(q "SELECT rent_free_years FROM workshops WHERE name = '城北扶贫车间'")" 3 "all-or-nothing left the row"
[[ -s "$tmp/err.xlsx" ]] && pass=$((pass+1)) || { echo "FAIL: no error report"; fail=$((fail+1)); }
check partial 1 "$anju" import --db "$tmp/a.db" --table workshops "$tmp/bad.csv"
contains "imported: 2 rows read, 1 valid, 1 rejected; 1 errors, 0 warnings; 0 created, 1 updated, 0 unchanged"
same "$(q 'SELECT count(*) FROM workshops')" 2 "update by key, no duplicate"
same "$(q "SELECT changes FROM audit_log WHERE action = 'update' AND entity = 'workshop'")" '{"rent_free_years":[3,4]}' "audit of the update"

check export 0 "$anju" export workshops --db "$tmp/a.db" --out "$tmp/w.xlsx"; contains "2 workshops rows written"
check reimport 0 "$anju" import --db "$tmp/a.db" --table workshops "$tmp/w.xlsx"; contains "0 created, 0 updated, 2 unchanged"
check export-site 1 "$anju" export workshops --db "$tmp/a.db" --site 城北 --out "$tmp/x.csv"
check no-table 1 "$anju" import --db "$tmp/a.db" --table parks "$tmp/ok.csv"; contains "no table named 'parks'; the tables are: workshops"
# The unknown kind's message lists the declared tables too (found by the tester: workshops was left out).
check no-kind 1 "$anju" export nosuch --db "$tmp/a.db" --out "$tmp/n.csv"
contains "export what: persons, households, sites or a table (workshops, migrant_roster, employer_roster)"
contains "persons、households、sites 或表（workshops, migrant_roster, employer_roster）"
# The employer roster (用工花名册): a person not in the register is a fault on the 身份证号 cell,
# the id masked; the export writes the (empty) current roster with the import's headers.
printf '用工单位,姓名,身份证号,岗位,就业渠道,入职日期,月收入（元）\n虚构服装厂,测试甲,110101199001011237,缝纫工,扶贫车间,2023-03-01,2800\n' > "$tmp/er.csv"
check employer-roster 1 "$anju" import --db "$tmp/a.db" --table employer_roster "$tmp/er.csv"
contains "ERROR er.csv [er.csv] row 2 C 身份证号 '110101********1237'"
lacks "110101199001011237"
check employer-export 0 "$anju" export employer_roster --db "$tmp/a.db" --out "$tmp/er.xlsx"; contains "0 employer_roster rows written"
# The migrant roster (务工月监测) imported twice (regression, session 10): the second run finds the
# job — "1 unchanged", not "1 created" again — and there is still one job. Person: 测试甲 of T-1.
q "INSERT INTO origin_villages (name,township_code,relocation_type) VALUES ('测试村','141124100','scattered');
   INSERT INTO households (household_no,category,origin_village_id,site_id,move_in_date)
     SELECT 'T-1','registered_poor',(SELECT max(id) FROM origin_villages),(SELECT id FROM sites WHERE name='城北安置点'),'2019-01-01';
   INSERT INTO persons (household_id,resident_id,name,sex,birth_date,relationship,employment_kind)
     VALUES ((SELECT id FROM households WHERE household_no='T-1'),'141124199001011238','测试甲','male','1990-01-01','head','none');"
mr_head='户编号,姓名,身份证号,务工所在县,就业渠道,务工企业名称,开始时间,结束时间,月收入（元）,务工地点'
printf '%s\nT-1,测试甲,141124199001011238,广东省东莞市,外出务工,虚构企业,2023-03-01,,3500,省外\n' "$mr_head" > "$tmp/mr.csv"
check migrant 0 "$anju" import --db "$tmp/a.db" --table migrant_roster "$tmp/mr.csv"; contains "1 created, 0 updated, 0 unchanged"
check migrant-again 0 "$anju" import --db "$tmp/a.db" --table migrant_roster "$tmp/mr.csv"; contains "0 created, 0 updated, 1 unchanged"
same "$(q 'SELECT count(*) FROM jobs')" 1 "a re-import stores no second job"
# A row with three faults (a 身份证号 with a wrong check character, an unknown 就业渠道, an
# impossible 开始时间) lists all three at once, in column order (regression, session 10).
printf '%s\nT-1,测试甲,141124199001011230,广东省东莞市,挖矿,虚构企业,2023-13-45,,3500,省外\n' "$mr_head" > "$tmp/mr-bad.csv"
check migrant-faults 1 "$anju" import --db "$tmp/a.db" --table migrant_roster "$tmp/mr-bad.csv"
contains "ERROR mr-bad.csv [mr-bad.csv] row 2 C 身份证号 '141124********1230'"
contains "ERROR mr-bad.csv [mr-bad.csv] row 2 E 就业渠道 '挖矿'"
contains "ERROR mr-bad.csv [mr-bad.csv] row 2 G 开始时间 '2023-13-45'"
contains "3 errors"
lacks "141124199001011230"
check audit 0 "$anju" audit verify --db "$tmp/a.db"

echo "table_cli_test: $pass passed, $fail failed"
[[ $fail -eq 0 ]]
