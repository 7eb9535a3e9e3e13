#!/usr/bin/env bash
# End-to-end checks of `anju import` / `anju export` on real SQLite files:
#   - the demo registry (anju demo) exported as CSV and xlsx (its current roster, pending ids as
#     待补录) imports back unchanged (upsert: 0 updated), and into an emptied copy of it so that a
#     second export is byte-identical;
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
# The registry of a copy emptied as a clerk's database before its first import: persons and
# households with what refers to them (issue #14: register events, earlier memberships and
# placements, and the links between households and events; issue #16: the industry records of
# persons — jobs, posts, training, job services, zero-employment follow-ups).
empty_registry() {
  q "$1" "PRAGMA foreign_keys=ON; UPDATE persons SET left_event_id = NULL;
    UPDATE households SET end_event_id = NULL, split_from_id = NULL, merged_into_id = NULL;
    DELETE FROM membership_history; DELETE FROM placement_history; DELETE FROM register_events;
    DELETE FROM cadre_assignments;
    DELETE FROM job_services; DELETE FROM job_seekers; DELETE FROM zero_employment_clearings;
    DELETE FROM post_months; DELETE FROM post_holdings; DELETE FROM jobs;
    DELETE FROM training_certificates; DELETE FROM training_enrolments;
    DELETE FROM visit_people; DELETE FROM visits;
    DELETE FROM case_transitions WHERE case_id IN (SELECT id FROM cases WHERE household_id IS NOT NULL);
    DELETE FROM cases WHERE household_id IS NOT NULL;
    DELETE FROM persons; DELETE FROM households;"
}

# --- round trip on the demo registry ---------------------------------------------------------
check demo 0 "$anju" demo --db "$tmp/demo.db" --no-accounts
# Exports are the current roster (issue #14): current members of current households. The demo
# has a year of register events (deaths, departures, splits, a merge, births with pending ids):
# its rows counted here, independently of the exporter, by that rule.
np=$(q "$tmp/demo.db" "SELECT count(*) FROM persons p JOIN households h ON h.id = p.household_id
  WHERE p.member_until IS NULL AND h.ended_on IS NULL")
nh=$(q "$tmp/demo.db" "SELECT count(*) FROM households WHERE ended_on IS NULL")
npending=$(q "$tmp/demo.db" "SELECT count(*) FROM persons p JOIN households h ON h.id = p.household_id
  WHERE p.member_until IS NULL AND h.ended_on IS NULL AND p.resident_id = ''")
(( np > 0 && np != $(q "$tmp/demo.db" "SELECT count(*) FROM persons") && nh != $(q "$tmp/demo.db" "SELECT count(*) FROM households") && npending > 0 )) \
  && pass=$((pass+1)) || { echo "FAIL: the demo has no former members, ended households or pending ids to test with ($np, $nh, $npending)"; fail=$((fail+1)); }
check export-csv 0 "$anju" export persons --db "$tmp/demo.db" --out "$tmp/p.csv"; contains "$np persons rows"
check export-xlsx 0 "$anju" export persons --db "$tmp/demo.db" --out "$tmp/p.xlsx"
check export-households 0 "$anju" export households --db "$tmp/demo.db" --out "$tmp/h.csv"; contains "$nh households rows"
# A pending id is written 待补录 (read back as a pending id), once per pending member.
same "$(grep -c '待补录' "$tmp/p.csv")" "$npending" "pending ids written as 待补录"
check export-sites 0 "$anju" export sites --db "$tmp/demo.db" --out "$tmp/s.xlsx"
check export-site 0 "$anju" export persons --db "$tmp/demo.db" --site 城北安置点 --out "$tmp/site.csv"
check export-bad-site 1 "$anju" export persons --db "$tmp/demo.db" --site 不存在安置点 --out "$tmp/x.csv"
# CSV: UTF-8 with BOM, ids as ="…" text.
same "$(head -c 3 "$tmp/p.csv" | od -An -tx1 | tr -d ' ')" "efbbbf" "csv BOM"
[[ $(sed -n 2p "$tmp/p.csv") == *',="141124'* ]] && pass=$((pass+1)) || { echo "FAIL: ids not written as text in CSV"; fail=$((fail+1)); }
before=$(q "$tmp/demo.db" "SELECT sum(version) FROM persons")
check upsert-csv 0 "$anju" import --db "$tmp/demo.db" --mode upsert "$tmp/p.csv"; contains "persons 0 created, 0 updated, $np unchanged"
check upsert-xlsx 0 "$anju" import --db "$tmp/demo.db" --mode upsert "$tmp/p.xlsx"; contains "households 0 created, 0 updated, $nh unchanged"
same "$(q "$tmp/demo.db" "SELECT sum(version) FROM persons")" "$before" "versions after re-import"
check insert-again 1 "$anju" import --db "$tmp/demo.db" --show 1 "$tmp/p.csv"; contains "already registered"
for f in p.csv p.xlsx; do
  cp "$tmp/demo.db" "$tmp/empty.db"
  empty_registry "$tmp/empty.db"
  check "import-$f" 0 "$anju" import --db "$tmp/empty.db" "$tmp/$f"; contains "persons $np created"
  check "reexport-$f" 0 "$anju" export persons --db "$tmp/empty.db" --out "$tmp/p2.csv"
  cmp -s "$tmp/p.csv" "$tmp/p2.csv" && pass=$((pass+1)) || { echo "FAIL: export -> import($f) -> export differs"; diff <(head -5 "$tmp/p.csv") <(head -5 "$tmp/p2.csv"); fail=$((fail+1)); }
done
same "$(q "$tmp/empty.db" "SELECT count(*) FROM audit_log WHERE entity='person' AND source LIKE 'import p.xlsx [搬迁人口] row %'")" "$np" "audit per person with file and row"
same "$(q "$tmp/empty.db" "SELECT rows_imported FROM import_batches ORDER BY id DESC LIMIT 1")" "$np" "import batch recorded"
same "$(q "$tmp/empty.db" "SELECT count(*) FROM persons WHERE resident_id = ''")" "$npending" "pending ids imported as pending"

# --- export -> import into a FRESH county database (anju init only) is lossless ----------------
# Origin villages come from the division list with 搬迁类型, housing units with 住房面积 and grids
# are created at their sites. Compared: the county report's figures (all but workshops, land
# contracts and communities, which the demo adds and a persons export does not carry) and a hash
# of the registry's content (persons and households with their village, site, unit and grid).
content() {
  sqlite3 "$1" "SELECT h.household_no, p.resident_id, p.name, p.name_initials, p.sex, p.birth_date, p.relationship,
      p.ethnicity, p.phone, p.education, p.health, p.disability_grade, p.able_to_work, p.wants_work, p.employment_kind,
      p.employer FROM persons p JOIN households h ON h.id = p.household_id
      WHERE p.member_until IS NULL AND h.ended_on IS NULL ORDER BY p.resident_id, h.household_no, p.name;
    SELECT h.household_no, h.category, ov.division_code, ov.name, ov.township_code, ov.relocation_type, s.name,
      hu.building, hu.entrance, hu.room, hu.floor_area_dm2, g.name, h.move_in_date, h.convention_signed
      FROM households h JOIN origin_villages ov ON ov.id = h.origin_village_id JOIN sites s ON s.id = h.site_id
      LEFT JOIN housing_units hu ON hu.id = h.housing_unit_id LEFT JOIN grids g ON g.id = h.grid_id
      WHERE h.ended_on IS NULL ORDER BY h.household_no;
    SELECT count(*), sum(relocation_type = 'whole_village') FROM origin_villages;" | sha256sum | cut -c1-64
}
# The roster is the registry as of the demo's last event (nothing changes after it), so the
# report of that day is compared; earlier days differ by design (the roster has no history).
roster_day=$(q "$tmp/demo.db" "SELECT max(event_date) FROM register_events")
figures() {  # the report's JSON as of the roster's day, without the parts a persons export does not carry
  "$anju" report --db "$1" --format json --as-of "$roster_day" | python3 -c '
import json, sys
r = json.load(sys.stdin)
# Employment is the industry module jobs over time (exported by the migrant and employer
# rosters, not by the persons sheet): the 就业 column of an import starts jobs on the import day,
# so the figures read from jobs as of the roster day are not carried by the persons sheet.
skip = ("is_demo", "notes", "governance.", "industry.workshops", "industry.sites_with_workshop", "industry.custody_mu",
        "industry.land_transfer_mu", "industry.welfare_posts", "industry.certificates", "labor.employed",
        "labor.employment_rate", "labor.jobs.", "labor.zero_employment")
r = {k: v for k, v in r.items() if not k.startswith(skip)}
for s in r["sites"]:
    for k in ("has_workshop", "has_party_branch", "employed", "employment_rate", "employment_rate.numerator",
              "employment_rate.denominator", "zero_employment_households"):
        s.pop(k, None)
print(json.dumps(r, sort_keys=True, ensure_ascii=False))'
}
demo_content=$(content "$tmp/demo.db")
[[ "$demo_content" != e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 ]] && pass=$((pass+1)) || { echo "FAIL: content query returned nothing"; fail=$((fail+1)); }
for f in p.csv p.xlsx; do
  rm -f "$tmp/fresh.db"
  check "fresh-init-$f" 0 "$anju" init --db "$tmp/fresh.db"
  check "fresh-import-$f" 0 "$anju" import --db "$tmp/fresh.db" "$tmp/$f"; contains "persons $np created"; contains "households $nh created"
  same "$(content "$tmp/fresh.db")" "$demo_content" "registry content after export -> import($f) into a fresh database"
  fig=$(figures "$tmp/fresh.db")
  # The roster's totals (counted above) and the published villages (reference/linxian-figures.md)
  # are among them, so an empty or broken report cannot compare equal by accident.
  [[ "$fig" == *"\"persons.total\": $np,"* && "$fig" == *"\"households.total\": $nh,"* && "$fig" == *'"origin_villages.whole_village": 166'* ]] && pass=$((pass+1)) || { echo "FAIL: report of the fresh database lacks the roster's totals: ${fig:0:300}"; fail=$((fail+1)); }
  same "$fig" "$(figures "$tmp/demo.db")" "report figures after export -> import($f) into a fresh database"
  check "fresh-reexport-$f" 0 "$anju" export persons --db "$tmp/fresh.db" --out "$tmp/p3.csv"
  cmp -s "$tmp/p.csv" "$tmp/p3.csv" && pass=$((pass+1)) || { echo "FAIL: export -> fresh import($f) -> export differs"; fail=$((fail+1)); }
  check "fresh-upsert-$f" 0 "$anju" import --db "$tmp/fresh.db" --mode upsert "$tmp/$f"; contains "persons 0 created, 0 updated, $np unchanged"
done
# An import into an empty registry drops the non-unique indexes and builds them at commit.
idx="SELECT group_concat(name || ':' || sql, '|') FROM (SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('persons', 'households') ORDER BY name)"
same "$(q "$tmp/fresh.db" "$idx")" "$(q "$tmp/demo.db" "$idx")" "indexes rebuilt after a bulk import"
same "$(q "$tmp/fresh.db" "SELECT count(*) FROM audit_log WHERE entity = 'origin_village' AND action = 'create'")" \
  "$(q "$tmp/demo.db" "SELECT count(*) FROM origin_villages")" "one audit entry per created village"
# A fresh database and a village of the list without 搬迁类型, an unknown one, a unit without area.
rm -f "$tmp/fresh2.db"; "$anju" init --db "$tmp/fresh2.db" >/dev/null
printf '户编号,姓名,身份证号,与户主关系,人口类别,迁出村,安置点,楼栋,单元,房号,网格\n'\
'H1,甲,141124198001010011,户主,建档立卡,临泉镇/凤凰社区,城北安置点,3,1,201,第1网格\n'\
'H2,乙,141124198202020021,户主,建档立卡,测试村,城北安置点,3,1,202,第1网格\n' > "$tmp/fresh2.csv"
check fresh2 1 "$anju" import --db "$tmp/fresh2.db" "$tmp/fresh2.csv"
contains "not yet an origin village"; contains "add a 搬迁类型 column"; contains "no similar name in the county's division list"
printf '户编号,姓名,身份证号,与户主关系,人口类别,迁出村,搬迁类型,安置点,楼栋,单元,房号,网格,入住日期\n'\
'H1,甲,141124198001010011,户主,建档立卡,临泉镇/凤凰社区,整村搬迁,城北安置点,3,1,201,第1网格,2019-05-01\n' > "$tmp/fresh3.csv"
check fresh3 0 "$anju" import --db "$tmp/fresh2.db" "$tmp/fresh3.csv"
same "$(q "$tmp/fresh2.db" "SELECT ov.name || '|' || ov.relocation_type || '|' || hu.building || '-' || hu.room || '|' || ifnull(hu.floor_area_dm2, 'NULL') || '|' || g.name
  FROM households h JOIN origin_villages ov ON ov.id = h.origin_village_id JOIN housing_units hu ON hu.id = h.housing_unit_id
  JOIN grids g ON g.id = h.grid_id")" "凤凰社区居委会|whole_village|3-201|NULL|第1网格" "village, unit without area and grid created"

# --- a killed import leaves the database as it was --------------------------------------------
cp "$tmp/demo.db" "$tmp/kill.db"
empty_registry "$tmp/kill.db"
audit_before=$(q "$tmp/kill.db" "SELECT count(*) FROM audit_log")
"$anju" import --db "$tmp/kill.db" --quiet "$tmp/p.xlsx" >/dev/null 2>&1 &
pid=$!
# Killed once its transaction has reached the WAL (≥ 1 MB), at most after 3 s: a fixed sleep
# could be outrun by a faster import.
for _ in $(seq 60); do
  [[ $(stat -c %s "$tmp/kill.db-wal" 2>/dev/null || echo 0) -ge 1048576 ]] && break
  sleep 0.05
done
# The kill must hit a running import: if it had finished, this test would prove nothing.
if kill -9 $pid 2>/dev/null; then pass=$((pass+1)); else echo "FAIL: the import finished before it was killed; use a bigger file"; fail=$((fail+1)); fi
wait $pid 2>/dev/null
same "$(q "$tmp/kill.db" "SELECT count(*) FROM persons")" "0" "persons after a killed import"
same "$(q "$tmp/kill.db" "SELECT count(*) FROM audit_log")" "$audit_before" "audit after a killed import"
same "$(q "$tmp/kill.db" "PRAGMA integrity_check")" "ok" "integrity after a killed import"
same "$(q "$tmp/kill.db" "$idx")" "$(q "$tmp/demo.db" "$idx")" "indexes dropped by the killed import are back"
same "$(q "$tmp/kill.db" "PRAGMA journal_mode")" "wal" "an import never leaves WAL mode"

# --- the township fixture against test reference names ----------------------------------------
check init 0 "$anju" init --db "$tmp/t.db"
q "$tmp/t.db" "INSERT INTO origin_villages (name, township_code, relocation_type) VALUES ('测试村', '141124100', 'scattered');
  INSERT INTO sites (name, mode, township_code) VALUES ('测试安置点', 'county_town', '141124100');
  INSERT INTO housing_units (site_id, building, entrance, room, floor_area_dm2)
    SELECT id, '1', '2', '101', 8000 FROM sites WHERE name = '测试安置点';
  INSERT INTO housing_units (site_id, building, entrance, room, floor_area_dm2)
    SELECT id, '1', '2', '102', 6000 FROM sites WHERE name = '测试安置点';"
# An error report or export that cannot be written is refused BEFORE importing (was: rows
# committed, then exit 1 without a summary).
check errors-unwritable 1 "$anju" import --db "$tmp/t.db" --errors /nonexistent/err.xlsx "$fx/township_merged.xlsx"
contains "cannot write --errors /nonexistent/err.xlsx: the folder /nonexistent does not exist"
[[ "$out" != *"[ERROR]"* ]] && pass=$((pass+1)) || { echo "FAIL: libxlsxwriter noise"; fail=$((fail+1)); }
same "$(q "$tmp/t.db" "SELECT count(*) FROM persons")" "0" "unwritable --errors imported nothing"
check errors-is-dir 1 "$anju" import --db "$tmp/t.db" --errors "$tmp/" "$fx/township_merged.xlsx"; contains "must end in .xlsx or .csv"
mkdir "$tmp/d.csv"
check errors-dir-named-csv 1 "$anju" import --db "$tmp/t.db" --errors "$tmp/d.csv" "$fx/township_merged.xlsx"; contains "it is a folder"
check export-unwritable 1 "$anju" export persons --db "$tmp/t.db" --out /nonexistent/p.csv; contains "cannot write --out /nonexistent/p.csv"
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
