#!/usr/bin/env bash
# Regression checks of the anju binary for defects a tester found (session 2): household numbers
# typed with spaces or in lower case, empty --site, the audit actor without $USER, and xlsx/html
# outputs that cannot be written (one clear message, exit 1, no half-written file); issue #12:
# unknown commands and a busy --listen port.
set -u
anju="$1"; fail=0; pass=0
source "$(dirname "$0")/../../tests/check.sh"  # check, contains, lacks
tmp=$(mktemp -d); trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
db="$tmp/d.db"
check demo 0 "$anju" demo --db "$db" --scale 0.01

# 3. Household numbers: surrounding spaces (also U+3000) and lower case are normalised.
check hh-plain 0 "$anju" household show LX-0000017 --db "$db";        contains "LX-0000017"
check hh-spaces 0 "$anju" household show " lx-0000017 " --db "$db";   contains "LX-0000017"
check hh-ideo 0 "$anju" household show $'\u3000LX-0000017\u3000' --db "$db"; contains "LX-0000017"
check hh-id 0 "$anju" household show " 17 " --db "$db";               contains "LX-0000017"
check hh-missing 1 "$anju" household show "lx-9999999" --db "$db";    contains "LX-9999999"

# 4. An empty name is a usage error naming the option, not "the whole county".
check report-empty-site 2 "$anju" report --db "$db" --site "";        contains "--site"; contains "omit"
check report-blank-site 2 "$anju" report --db "$db" --site "  ";      contains "--site"
check export-empty-site 2 "$anju" export persons --db "$db" --out "$tmp/p.csv" --site ""; contains "--site"
[[ ! -e "$tmp/p.csv" ]] && pass=$((pass+1)) || { echo "FAIL: export wrote a file"; fail=$((fail+1)); }

# 6. The audit actor without $USER: the passwd name of the uid, else uid:<n>.
me=$(id -un)
check actor 0 env -u USER "$anju" user add actortest --role county_staff --db "$db"
check actor-log 0 "$anju" audit log --db "$db" --entity user
contains "cli:$me"; lacks "cli:unknown"
if [[ $(id -u) -eq 0 ]] && command -v setpriv >/dev/null && ! getent passwd 54321 >/dev/null; then
  chmod 777 "$tmp"; chmod 666 "$db"
  check actor-nopw 0 env -u USER setpriv --reuid=54321 --regid=54321 --clear-groups "$anju" user add actortest2 --role county_staff --db "$db"
  check actor-log2 0 "$anju" audit log --db "$db" --entity user
  contains "cli:uid:54321"
fi

# 7. An output that cannot be written: one bilingual message naming the file, exit 1, no
#    libxlsxwriter noise, and no half-written file left behind.
for fmt in xlsx html; do
  check "report-$fmt-full" 1 "$anju" report --db "$db" --format $fmt --out /dev/full
  contains "/dev/full"; contains "无法写入"; lacks "[ERROR]"; lacks "workbook_close"
  check "report-$fmt-nofolder" 1 "$anju" report --db "$db" --format $fmt --out "$tmp/nope/r.$fmt"
  contains "$tmp/nope"; lacks "[ERROR]"
done
mkdir "$tmp/out"
check report-ok 0 "$anju" report --db "$db" --format xlsx --out "$tmp/out/r.xlsx"
[[ -s "$tmp/out/r.xlsx" && $(ls -A "$tmp/out" | wc -l) -eq 1 ]] && pass=$((pass+1)) || { echo "FAIL: report file"; ls -la "$tmp/out"; fail=$((fail+1)); }
check export-ok 0 "$anju" export persons --db "$db" --out "$tmp/out/p.xlsx"
[[ -s "$tmp/out/p.xlsx" && $(ls -A "$tmp/out" | wc -l) -eq 2 ]] && pass=$((pass+1)) || { echo "FAIL: export file"; ls -la "$tmp/out"; fail=$((fail+1)); }
# Issue #12 item 1: an output or input that is the database itself (or its companions) is
# refused before anything is written or read outside SQLite.
check report-out-db 1 "$anju" report --db "$db" --format html --out "$db"
contains "is the database"; contains "是数据库文件"
check import-db 1 "$anju" import --db "$db" "$db";  contains "is the database"
[[ $(sqlite3 "$db" "PRAGMA integrity_check") == ok ]] && pass=$((pass+1)) ||
  { echo "FAIL: the database was damaged"; fail=$((fail+1)); }

# Issue #12 item 6: an unknown command is named (English and Chinese, exit 2) with the list.
check unknown-cmd 2 "$anju" frobnicate --db "$db"
contains "unknown command 'frobnicate'"; contains "未知命令 'frobnicate'"; contains "serve"; contains "audit"
check unknown-sub 2 "$anju" audit chek --db "$db"
contains "unknown command 'chek' for anju audit"; contains "verify, log"; contains "未知命令"
check unknown-typo 2 "$anju" audit verfy --db "$db"
contains "did you mean 'anju audit verify'"
check unknown-prefix 2 "$anju" serv --db "$db"
contains "did you mean 'anju serve'"; contains "是否应为 'anju serve'"
check unknown-far 2 "$anju" frobnicate --db "$db"
lacks "did you mean"

# Issue #12 item 6: a busy port for serve --listen: exit 1 naming the address (English, Chinese).
if "$anju" serve --help >/dev/null 2>&1 && "$anju" serve --help | grep -q -- --listen; then
  "$anju" serve --db "$db" --listen 127.0.0.1:0 --threads 2 --quiet >"$tmp/serve.out" 2>&1 &
  spid=$!
  port=$(served_port "$tmp/serve.out")
  # Session 10 tester: the demo logins printed are every account the demo made (demo_cadre too).
  out=$(cat "$tmp/serve.out")
  for u in demo_admin demo_staff demo_township demo_site demo_grid demo_auditor demo_cadre; do contains "$u ("; done
  check busy-port 1 timeout 20 "$anju" serve --db "$db" --listen "127.0.0.1:$port" --threads 2
  contains "127.0.0.1:$port"; contains "in use"; contains "无法在 127.0.0.1:$port 上监听"; contains "端口已被"
  check bad-address 1 timeout 20 "$anju" serve --db "$db" --listen "192.0.2.1:$port" --threads 2
  contains "192.0.2.1:$port"; contains "not one of this machine"
  kill $spid; wait $spid 2>/dev/null
fi
echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
