#!/usr/bin/env bash
# End-to-end checks of `anju init --admin`, `anju user …` and `anju audit …` on a fresh database:
# exit codes, output, and that verify names the entry edited directly in SQLite.
set -u
anju="$1"; fail=0; pass=0
source "$(dirname "$0")/../../tests/check.sh"  # check, contains, lacks

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
db="$tmp/a.db"
check init-admin 0 "$anju" init --db "$db" --admin chief
contains "created county_admin chief"; contains "one-time password: "
lacks "no county_admin account can log in yet"
otp=$(sed -n 's/^one-time password: //p' <<<"$out")
[[ ${#otp} -eq 16 ]] && pass=$((pass+1)) || { echo "FAIL: one-time password '$otp'"; fail=$((fail+1)); }
check init-admin-again 1 "$anju" init --db "$db" --admin chief;  contains "username is taken"
check list 0 "$anju" user list --db "$db"
contains "chief"; contains "county_admin"; contains "must_change_password"; lacks '$argon2id'; lacks "$otp"
check add-stdin 0 bash -c "echo Grain-and-oil-2024 | '$anju' user add --db '$db' liu --role county_staff --display-name 刘芳 --password-stdin"
contains "created liu (county_staff, county)"; lacks "one-time password"
check add-weak 1 bash -c "echo 123456 | '$anju' user add --db '$db' weak --role county_staff --password-stdin"
contains "at least 10 characters"; lacks "123456"
check add-bad-role 1 "$anju" user add --db "$db" x1y --role mayor;         contains "unknown role"
check add-no-township 1 "$anju" user add --db "$db" zhao --role township_staff --township 141124999
contains "township '141124999'"
check add-scope-mismatch 1 "$anju" user add --db "$db" qian --role auditor --site 1; contains "does not take a site"
check add-auditor 0 "$anju" user add --db "$db" sun --role auditor;       contains "one-time password: "
check grant 0 "$anju" user grant --db "$db" liu --role auditor;          contains "liu is now auditor (county)"
check disable 0 "$anju" user disable --db "$db" liu;                      contains "liu is disabled"
check enable 0 "$anju" user enable --db "$db" liu;                        contains "liu is enabled"
check passwd 0 "$anju" user passwd --db "$db" liu;                        contains "one-time password: "
check passwd-unknown 1 "$anju" user passwd --db "$db" nobody;             contains "no such user"
check log 0 "$anju" audit log --db "$db" --entity user
contains "create user#1"; contains "[user grant]"; contains '"disabled":[false,true]'; contains "7 entries"
lacks '$argon2id'; lacks "$otp"
check log-json 0 "$anju" audit log --db "$db" --action create --json --limit 2
contains '"action":"create"'; contains '"seq":3'; lacks '"seq":1,'
check log-since 0 "$anju" audit log --db "$db" --since 2999-01-01;       contains "0 entries"
check log-bad-since 1 "$anju" audit log --db "$db" --since yesterday;    contains "since 'yesterday'"
check verify 0 "$anju" audit verify --db "$db";                           contains "intact: 7 entries"
sqlite3 "$db" "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET changes = '{}' WHERE seq = 5"
check verify-edited 1 "$anju" audit verify --db "$db";                    contains "BROKEN at entry 5"
# Issue #12 item 5: the newest entries deleted (trigger dropped) still form a valid chain; the
# witness beside the database shows them missing. Then entries written again over the gap.
db2="$tmp/t.db"
check t-init 0 "$anju" init --db "$db2" --admin chief
for u in ann bob cai dan; do check "t-add-$u" 0 "$anju" user add --db "$db2" $u --role county_staff; done
check t-verify 0 "$anju" audit verify --db "$db2";   contains "intact: 5 entries"; contains "matches the audit witness"
[[ -f "$db2.audit-witness" ]] && pass=$((pass+1)) || { echo "FAIL: no witness file"; fail=$((fail+1)); }
last_at=$(sqlite3 "$db2" "SELECT at FROM audit_log WHERE seq = 5")
sqlite3 "$db2" "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq > 2"
check t-truncated 1 "$anju" audit verify --db "$db2"
contains "BROKEN at entry 3"; contains "3 entries missing at the end since $last_at"; contains "entries 3-5"
contains "审计日志末尾缺少 3 条"; lacks "intact"
# Writing on after the deletion neither hides it nor moves the witness back.
check t-add-more 0 "$anju" user add --db "$db2" eve --role county_staff
check t-add-more2 0 "$anju" user add --db "$db2" fay --role county_staff
check t-add-more3 0 "$anju" user add --db "$db2" gus --role county_staff
check t-rewritten 1 "$anju" audit verify --db "$db2"; contains "BROKEN at entry 5"; contains "written again"
# No witness (a copied database): the end is not checked, and the output says so.
rm -f "$db2.audit-witness"
check t-nowitness2 0 "$anju" audit verify --db "$db2"
contains "NOT checked"; contains "no audit witness"; contains "缺少审计见证文件"; lacks "audit trail intact"
check verify-missing-db 1 "$anju" audit verify --db "$tmp/none.db";      contains "does not exist"
echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
