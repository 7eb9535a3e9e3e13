#!/usr/bin/env bash
# End-to-end checks of the anju binary's foundation commands: exit codes and output.
set -u
anju="$1"; fail=0; pass=0
source "$(dirname "$0")/../../tests/check.sh"  # check, contains, lacks

check version 0 "$anju" --version;                    contains "anju 0."
check help 0 "$anju" --help;                          contains "idcheck"
check usage 2 "$anju" no-such-command
check valid 0 "$anju" idcheck 11010519491231002X;     contains "region 110105"; contains "born 1949-12-31"; contains "female"
check upgrade 0 "$anju" idcheck 110105491231002;      contains "11010519491231002X"
check fullwidth 0 "$anju" idcheck "１１０１０５ １９４９１２３１ ００２ｘ"; contains "11010519491231002X"
check checkdigit 1 "$anju" idcheck 110105194912310023; contains "check digit is 3, expected X"
check mixed 1 "$anju" idcheck 11010519491231002X 11010519491231002;  contains "valid"; contains "invalid"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
check init 0 "$anju" init --db "$tmp/a.db";           contains "schema version"
# Tester's defect: a database without --admin has nobody who can log in; init says how to make the first admin.
contains "no county_admin account can log in yet"; contains "anju init --db $tmp/a.db --admin NAME"
contains "尚无可登录的县级管理员账号"
check init-again 0 "$anju" init --db "$tmp/a.db"
ANJU_DB="$tmp/b.db" check init-env 0 "$anju" init;   [[ -f "$tmp/b.db" ]] && pass=$((pass+1)) || { echo "FAIL: ANJU_DB ignored"; fail=$((fail+1)); }
# Storage mistakes: exit 1 with a plain English and Chinese message naming the path.
echo "notes" > "$tmp/notes.txt"
check not-a-db 1 "$anju" init --db "$tmp/notes.txt";   contains "is not an anju database"; contains "不是 anju 数据库"
[[ "$out" != *"journal_mode"* ]] && pass=$((pass+1)) || { echo "FAIL: raw SQLite message"; fail=$((fail+1)); }
mkdir "$tmp/folder"
check db-folder 1 "$anju" init --db "$tmp/folder";     contains "is a folder, not a database file"
check db-no-folder 1 "$anju" init --db "$tmp/nope/x.db"; contains "the folder $tmp/nope does not exist"
check report-a 0 "$anju" report --db "$tmp/a.db"
# A database file the user may not write: a report only reads, so it works read-only.
if [[ $(id -u) -eq 0 ]] && command -v setpriv >/dev/null; then
  as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else
  as_user() { "$@"; }
fi
mkdir -m 777 "$tmp/ro"; cp "$tmp/a.db" "$tmp/ro/r.db"; chmod 755 "$tmp"
[[ $(id -u) -eq 0 ]] && chown 65534 "$tmp/ro/r.db"
chmod 444 "$tmp/ro/r.db"
check report-readonly 0 as_user "$anju" report --db "$tmp/ro/r.db"
[[ "$out" != *"readonly"* ]] && pass=$((pass+1)) || { echo "FAIL: read-only database refused"; fail=$((fail+1)); }
# Writing to it: exit 1 and a plain message (was exit 3, "sqlite: attempt to write a readonly database").
check write-readonly 1 as_user "$anju" user add liming --role county_staff --db "$tmp/ro/r.db"
contains "the database file is read-only"; contains "数据库文件只读"
sqlite3 "$tmp/a.db" "PRAGMA user_version = 9999"
check newer 3 "$anju" init --db "$tmp/a.db";          contains "newer anju"
echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
