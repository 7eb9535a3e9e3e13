#!/usr/bin/env bash
# End-to-end checks of `anju demo`: runs it into temporary databases and recomputes every
# calibrated figure of ../shared/reference/linxian-figures.md with independent SQL over the rows,
# checks the invariants, and the generator's determinism (same seed -> same content hash,
# different seed -> different). Usage: demo_test.sh ANJU_BINARY
set -u
anju="$1"; fail=0; pass=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
db="$tmp/demo.db"
q() { sqlite3 -batch -noheader "$db" "$1"; }
eq() {  # eq NAME EXPECTED SQL
  local got; got=$(q "$3")
  if [[ "$got" == "$2" ]]; then pass=$((pass+1)); else echo "FAIL $1: got '$got', want '$2'"; fail=$((fail+1)); fi
}

out=$("$anju" demo --db "$db" --seed 7 2>&1) || { echo "FAIL: anju demo exited $?: $out"; exit 1; }
echo "$out"

# Counted on the statistics date (docs/living-register.md "Counted on day D"): m = every
# membership counted then (persons rows and membership_history rows), hh = the households
# counted then, at their placement then. The demo's register events are dated around the date.
S=2022-09-30
counted_h="move_in_date<='$S' AND (formed_on IS NULL OR formed_on<='$S') AND (ended_on IS NULL OR ended_on>'$S')"
W="WITH m AS (SELECT id person_id, household_id, birth_date, employment_kind, able_to_work, wants_work FROM persons WHERE (member_from IS NULL OR member_from<='$S') AND (member_until IS NULL OR member_until>'$S') AND birth_date<='$S' UNION ALL SELECT p.id, mh.household_id, p.birth_date, p.employment_kind, p.able_to_work, p.wants_work FROM membership_history mh JOIN persons p ON p.id=mh.person_id WHERE (mh.start_date IS NULL OR mh.start_date<='$S') AND mh.end_date>'$S' AND p.birth_date<='$S'),
 hh AS (SELECT id, category, origin_village_id, site_id, convention_signed FROM households WHERE $counted_h AND id NOT IN (SELECT household_id FROM placement_history WHERE end_date>'$S') UNION ALL SELECT h.id, h.category, ph.origin_village_id, ph.site_id, h.convention_signed FROM households h JOIN placement_history ph ON ph.household_id=h.id WHERE $counted_h AND (ph.start_date IS NULL OR ph.start_date<='$S') AND ph.end_date>'$S'),
 mh AS (SELECT m.*, hh.category, hh.site_id FROM m JOIN hh ON hh.id=m.household_id)"
# Population (linxian-figures.md, relocated population).
eq households.total 13337 "$W SELECT count(*) FROM hh"
eq persons.total 40004 "$W SELECT count(*) FROM mh"
eq households.registered_poor 8444 "$W SELECT count(*) FROM hh WHERE category='registered_poor'"
eq persons.registered_poor 23495 "$W SELECT count(*) FROM mh WHERE category='registered_poor'"
eq households.co_relocated 4893 "$W SELECT count(*) FROM hh WHERE category='co_relocated'"
eq persons.co_relocated 16509 "$W SELECT count(*) FROM mh WHERE category='co_relocated'"
# The events: a year of them around the date, some before and some after it.
eq events_before 1 "SELECT count(*) >= 8 FROM register_events WHERE event_date<='$S' AND recorded_by='demo'"
eq events_after 1 "SELECT count(*) >= 6 FROM register_events WHERE event_date>'$S' AND recorded_by='demo'"
eq event_kinds 9 "SELECT count(DISTINCT kind) FROM register_events WHERE kind IN ('birth','death','moved_away','married_out','married_in','moved_between','split','merged','placement_changed')"
eq pending_ids 2 "SELECT count(*) FROM persons WHERE resident_id=''"
# Origin villages: 166 whole-village + 117 scattered, all real 村民委员会 of the division list,
# each with at least one household.
eq origin_villages.whole_village 166 "SELECT count(*) FROM origin_villages WHERE relocation_type='whole_village'"
eq origin_villages.scattered 117 "SELECT count(*) FROM origin_villages WHERE relocation_type='scattered'"
eq villages_real 283 "SELECT count(*) FROM origin_villages o JOIN divisions d ON d.code=o.division_code WHERE d.level='village' AND CAST(substr(o.division_code,10,3) AS INTEGER)>=200 AND d.parent_code=o.township_code"
eq villages_used 283 "$W SELECT count(DISTINCT origin_village_id) FROM hh"
# Sites and size classes (derived from resident persons).
eq sites 18 "SELECT count(*) FROM sites"
eq size_3000_plus "2" "$W SELECT count(*) FROM (SELECT site_id, count(*) n FROM mh GROUP BY site_id) WHERE n>=3000"
eq size_800_2999 "9" "$W SELECT count(*) FROM (SELECT site_id, count(*) n FROM mh GROUP BY site_id) WHERE n BETWEEN 800 AND 2999"
eq size_under_800 "7" "$W SELECT count(*) FROM (SELECT site_id, count(*) n FROM mh GROUP BY site_id) WHERE n<800"
eq big_sites "城北安置点|湫水文峰苑安置点" "$W SELECT group_concat(name,'|') FROM (SELECT s.name FROM sites s JOIN mh ON mh.site_id=s.id GROUP BY s.id HAVING count(*)>=3000 ORDER BY s.id)"
# Labour: age in completed years (周岁) on 2022-09-30, computed from birth_date text.
age="(CAST(strftime('%Y','2022-09-30') AS INTEGER)-CAST(substr(birth_date,1,4) AS INTEGER)-(substr(birth_date,6,5)>'09-30'))"
eq statistics_date 2022-09-30 "SELECT value FROM meta WHERE key='statistics_date'"
eq is_demo 1 "SELECT value FROM meta WHERE key='is_demo'"
eq labor.working_age 25600 "$W SELECT count(*) FROM mh WHERE $age BETWEEN 18 AND 60"
eq labor.employed 21000 "$W SELECT count(*) FROM mh WHERE $age BETWEEN 18 AND 60 AND employment_kind<>'none'"
eq employed_only_working_age 0 "$W SELECT count(*) FROM mh WHERE NOT ($age BETWEEN 18 AND 60) AND employment_kind<>'none'"
eq labor.zero_employment_households 0 "$W SELECT count(*) FROM hh h WHERE EXISTS (SELECT 1 FROM mh p WHERE p.household_id=h.id AND p.able_to_work=1 AND p.wants_work=1) AND NOT EXISTS (SELECT 1 FROM mh p WHERE p.household_id=h.id AND p.employment_kind<>'none')"
# Industry and governance rows the county report counts.
eq industry.parks 15 "SELECT count(*) FROM parks"
eq industry.sites_with_workshop 18 "SELECT count(DISTINCT site_id) FROM workshops"
eq industry.custody_mu 2400000 "SELECT sum(area_centimu) FROM land_contracts WHERE kind='custody'"
eq industry.land_transfer_mu 1500000 "SELECT sum(area_centimu) FROM land_contracts WHERE kind='land_transfer'"
eq governance.sites_with_party_branch 18 "SELECT count(*) FROM communities WHERE party_branch_founded IS NOT NULL"
eq governance.party_organisations 18 "SELECT count(*) FROM communities WHERE party_organisation=1"
eq governance.convention_signed 9336 "$W SELECT count(*) FROM hh WHERE convention_signed=1"
# Invariants (current households and members; a pending id '' is no id yet).
eq one_head_each 0 "SELECT count(*) FROM households h WHERE h.ended_on IS NULL AND (SELECT count(*) FROM persons p WHERE p.household_id=h.id AND relationship='head' AND member_until IS NULL)<>1"
eq one_head_each_on_date 0 "$W SELECT count(*) FROM hh h WHERE (SELECT count(*) FROM (SELECT m.household_id FROM m JOIN persons p ON p.id=m.person_id AND p.household_id=m.household_id WHERE p.relationship='head' UNION ALL SELECT x.household_id FROM membership_history x WHERE x.relationship='head' AND (x.start_date IS NULL OR x.start_date<='$S') AND x.end_date>'$S') z WHERE z.household_id=h.id)<>1"
eq unique_ids 1 "SELECT count(DISTINCT resident_id)=count(*) AND count(*)>=40004 FROM persons WHERE resident_id<>''"
eq every_household_housed 0 "SELECT count(*) FROM households h LEFT JOIN housing_units u ON u.id=h.housing_unit_id WHERE h.ended_on IS NULL AND h.formed_on IS NULL AND (u.id IS NULL OR u.site_id<>h.site_id)"
eq every_household_in_grid 0 "SELECT count(*) FROM households h LEFT JOIN grids g ON g.id=h.grid_id WHERE g.id IS NULL OR g.site_id<>h.site_id"
eq move_in_2017_2020 0 "SELECT count(*) FROM households WHERE move_in_date NOT BETWEEN '2017-01-01' AND '2020-12-31'"
eq id_birth_agrees 0 "SELECT count(*) FROM persons WHERE resident_id<>'' AND substr(resident_id,7,8)<>replace(birth_date,'-','')"
eq id_sex_agrees 0 "SELECT count(*) FROM persons WHERE resident_id<>'' AND (CAST(substr(resident_id,17,1) AS INTEGER)%2=1)<>(sex='male')"
eq mostly_linxian 1 "SELECT count(*)*100/ (SELECT count(*) FROM persons) >= 95 FROM persons WHERE substr(resident_id,1,6)='141124'"
eq children_16_younger 0 "SELECT count(*) FROM persons c JOIN persons h ON h.household_id=c.household_id AND h.relationship IN ('head','spouse') AND h.member_until IS NULL WHERE c.relationship='child' AND c.member_until IS NULL AND date(h.birth_date,'+16 years')>c.birth_date"
eq grandchildren_16_younger 0 "SELECT count(*) FROM persons c JOIN persons d ON d.household_id=c.household_id AND d.relationship='daughter_in_law' AND d.member_until IS NULL WHERE c.relationship='grandchild' AND c.member_until IS NULL AND date(d.birth_date,'+16 years')>c.birth_date"
eq area_flag_few 1 "SELECT count(*) BETWEEN 1 AND 200 FROM households h JOIN housing_units u ON u.id=h.housing_unit_id WHERE u.floor_area_dm2 > 2500*(SELECT count(*) FROM persons p WHERE p.household_id=h.id)"
eq initials "1" "SELECT count(*)=0 FROM persons WHERE name_initials='' OR length(name_initials)<>length(name)"
# The bulk load skips per-row CHECK and FOREIGN KEY enforcement: verify both afterwards, and
# that the connection's settings were put back (WAL journal).
eq foreign_keys_hold "" "PRAGMA foreign_key_check"
eq integrity_and_checks ok "PRAGMA integrity_check"
eq journal_mode_restored wal "PRAGMA journal_mode"
# MOD 11-2 check characters, recomputed in SQL.
eq id_check 0 "WITH w(i,f) AS (VALUES(1,7),(2,9),(3,10),(4,5),(5,8),(6,4),(7,2),(8,1),(9,6),(10,3),(11,7),(12,9),(13,10),(14,5),(15,8),(16,4),(17,2)) SELECT count(*) FROM (SELECT p.resident_id r, sum(CAST(substr(p.resident_id,w.i,1) AS INTEGER)*w.f)%11 m FROM persons p, w WHERE p.resident_id<>'' GROUP BY p.id) WHERE substr(r,18,1)<>substr('10X98765432',m+1,1)"

# Determinism: same seed -> identical content; another seed -> different.
hash() {
  sqlite3 -batch "$1" "SELECT * FROM persons ORDER BY id; SELECT * FROM households ORDER BY id; SELECT * FROM housing_units ORDER BY id; SELECT * FROM origin_villages ORDER BY id; SELECT * FROM grids ORDER BY id; SELECT * FROM land_contracts ORDER BY id; SELECT * FROM workshops ORDER BY id; SELECT * FROM communities ORDER BY id; SELECT * FROM membership_history ORDER BY id; SELECT * FROM placement_history ORDER BY id; SELECT id, kind, event_date, household_id, person_id, other_household_id, place, reason FROM register_events ORDER BY id;" | sha256sum | cut -c1-64
}
"$anju" demo --db "$tmp/same.db" --seed 7 --no-accounts >/dev/null 2>&1
"$anju" demo --db "$tmp/other.db" --seed 8 --no-accounts >/dev/null 2>&1
h1=$(hash "$db"); h2=$(hash "$tmp/same.db"); h3=$(hash "$tmp/other.db")
if [[ "$h1" == "$h2" ]]; then pass=$((pass+1)); else echo "FAIL determinism: seed 7 twice gives $h1 and $h2"; fail=$((fail+1)); fi
if [[ "$h1" != "$h3" ]]; then pass=$((pass+1)); else echo "FAIL: seeds 7 and 8 give the same rows"; fail=$((fail+1)); fi

# A second demo into a filled database is refused with a clear message.
out=$("$anju" demo --db "$db" 2>&1); rc=$?
if [[ $rc -eq 1 && "$out" == *"already has 13339 households"* ]]; then pass=$((pass+1)); else echo "FAIL refill: exit $rc: $out"; fail=$((fail+1)); fi

# CLI lookup on the demo: masked by default, whole with --full (and audited).
out=$("$anju" person find zhm --db "$db" --limit 5 2>&1)
if [[ $? -eq 0 && "$out" == *"********"* && "$out" == *"5 shown, the limit; there may be more"* ]]; then pass=$((pass+1)); else echo "FAIL person find zhm: $out"; fail=$((fail+1)); fi
tail=$(q "SELECT substr(resident_id,13,6) FROM persons WHERE id=17")
out=$("$anju" person find "$tail" --db "$db" 2>&1)
if [[ "$out" == *$'17\t'* && "$out" == *" found"* && "$out" != *"the limit"* ]]; then pass=$((pass+1)); else echo "FAIL person find by id tail $tail: $out"; fail=$((fail+1)); fi
# The household is named by its number (户编号), not the internal id (carried over since session 2).
hno=$(q "SELECT h.household_no FROM persons p JOIN households h ON h.id = p.household_id WHERE p.id=17")
if [[ "$out" == *$'\t'"户 $hno"$'\t'* ]]; then pass=$((pass+1)); else echo "FAIL person find names the household number $hno: $out"; fail=$((fail+1)); fi
full=$(q "SELECT resident_id FROM persons WHERE id=17")
out=$("$anju" person find "$full" --db "$db" --full 2>&1)
if [[ "$out" == *"$full"* ]]; then pass=$((pass+1)); else echo "FAIL person find --full: $out"; fail=$((fail+1)); fi
eq view_full_audited 1 "SELECT count(*) FROM audit_log WHERE action='view_full' AND entity='person' AND entity_id='17'"
out=$("$anju" household show LX-0000001 --db "$db" 2>&1)
if [[ $? -eq 0 && "$out" == *"户主"* && "$out" == *"********"* ]]; then pass=$((pass+1)); else echo "FAIL household show: $out"; fail=$((fail+1)); fi
out=$("$anju" household show 999999 --db "$db" 2>&1)
if [[ $? -eq 1 && "$out" == *"no household with id 999999"* ]]; then pass=$((pass+1)); else echo "FAIL household show missing: $out"; fail=$((fail+1)); fi

echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
