#!/usr/bin/env bash
# End-to-end checks of the anju binary's foundation commands: exit codes and output.
set -u
anju="$1"; fail=0; pass=0
check() {  # check NAME EXPECTED_RC COMMAND... ; output in $out
  local name=$1 want=$2; shift 2
  out=$("$@" 2>&1); local rc=$?
  if [[ $rc -ne $want ]]; then echo "FAIL $name: exit $rc, want $want"; echo "$out"; fail=$((fail+1)); else pass=$((pass+1)); fi
}
contains() { if [[ "$out" != *"$1"* ]]; then echo "FAIL: output lacks '$1':"; echo "$out"; fail=$((fail+1)); else pass=$((pass+1)); fi; }

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
check init-again 0 "$anju" init --db "$tmp/a.db"
ANJU_DB="$tmp/b.db" check init-env 0 "$anju" init;   [[ -f "$tmp/b.db" ]] && pass=$((pass+1)) || { echo "FAIL: ANJU_DB ignored"; fail=$((fail+1)); }
sqlite3 "$tmp/a.db" "PRAGMA user_version = 9999"
check newer 3 "$anju" init --db "$tmp/a.db";          contains "newer anju"
echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
