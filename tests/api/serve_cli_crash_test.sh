#!/usr/bin/env bash
# Issue #12 item 1: CLI commands run next to a live `anju serve` on the same database, then the
# server is killed with SIGKILL. Every edit the server acknowledged (200) must survive, the file
# must pass PRAGMA integrity_check and the audit trail must verify.
#
# The defect this guards: code that opened and closed the database file outside SQLite (an
# std::ifstream reading the header) in a process that already held a connection dropped that
# process's POSIX locks (SQLite's "How To Corrupt An SQLite Database File" §2.2). The next CLI
# command then believed it was the last connection, checkpointed and deleted the -wal, and the
# server went on writing into the deleted -wal: gone at the kill.
# Usage: serve_cli_crash_test.sh ANJU_BINARY
set -uo pipefail
source "$(dirname "$0")/../check.sh"  # served_port
anju=$1
dir=$(mktemp -d)
pid=""
trap '[[ -n $pid ]] && kill -9 $pid 2>/dev/null; rm -rf "$dir"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails+1)); }
die() { echo "FAIL: $*"; echo "--- serve log"; cat "$dir/out" "$dir/err" 2>/dev/null; exit 1; }

db="$dir/d.db"
"$anju" demo --db "$db" --scale 0.01 >/dev/null || die "demo"

# More than one worker: each has its own connection, opened one after the other.
"$anju" serve --db "$db" --listen 127.0.0.1:0 --threads 4 --quiet >"$dir/out" 2>"$dir/err" &
pid=$!
port=$(served_port "$dir/out")
[[ -n $port ]] || die "URL not printed"
base="http://127.0.0.1:$port/api/v1"

login=$(curl -sf -c "$dir/jar" -H 'Content-Type: application/json' \
  -d '{"username":"demo_admin","password":"anju-demo"}' "$base/session") || die "login"
csrf=$(jq -r .csrf_token <<<"$login")

# PATCH person $1's phone to $2; records "id phone" in $dir/acked when the server says 200.
edit() {
  local id=$1 phone=$2 etag code
  etag=$(curl -sf -b "$dir/jar" -D - -o /dev/null "$base/persons/$id" | tr -d '\r' |
    sed -n 's/^[Ee][Tt][Aa][Gg]: *//p')
  [[ -n $etag ]] || { fail "GET person $id: no ETag"; return; }
  code=$(curl -s -o "$dir/patch" -w '%{http_code}' -b "$dir/jar" -X PATCH \
    -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" -H "If-Match: $etag" \
    -d "{\"phone\":\"$phone\"}" "$base/persons/$id")
  if [[ $code == 200 ]]; then echo "$id $phone" >>"$dir/acked"; else fail "PATCH person $id: $code $(cat "$dir/patch")"; fi
}

"$anju" export persons --db "$db" --out "$dir/p.csv" >/dev/null || fail "export before"
# Each command in turn, an edit before and after it.
cmds=(
  "audit verify"
  "audit log --limit 5"
  "report"
  "report --format json"
  "export households --out $dir/h.csv"
  "household show LX-0000017"
  "person find 张"
  "user list"
  "user add crashtest --role county_staff"
  "import --dry-run $dir/p.csv"
  "init"
)
n=1
edit $n 139000000$((10 + n))
for c in "${cmds[@]}"; do
  # shellcheck disable=SC2086
  "$anju" $c --db "$db" >"$dir/cmd.out" 2>&1
  rc=$?
  [[ $rc -le 1 ]] || fail "anju $c: exit $rc $(tail -3 "$dir/cmd.out")"
  n=$((n + 1)); edit $n 139000000$((10 + n))
  n=$((n + 1)); edit $n 139000000$((10 + n))
done

kill -9 $pid
wait $pid 2>/dev/null
pid=""

[[ -s $dir/acked ]] || die "no edit acknowledged"
acked=$(wc -l <"$dir/acked")
lost=0
while read -r id phone; do
  got=$(sqlite3 "$db" "SELECT phone FROM persons WHERE id = $id")
  [[ $got == "$phone" ]] || { lost=$((lost + 1)); echo "  person $id: phone '$got', acknowledged '$phone'"; }
done <"$dir/acked"
[[ $lost -eq 0 ]] || fail "$lost of $acked acknowledged edits lost after kill -9"
[[ $(sqlite3 "$db" "SELECT username FROM users WHERE username = 'crashtest'") == crashtest ]] ||
  fail "the CLI's user add is lost"
ic=$(sqlite3 "$db" "PRAGMA integrity_check")
[[ $ic == ok ]] || fail "integrity_check: $ic"
"$anju" audit verify --db "$db" >"$dir/verify" 2>&1 || fail "audit verify: $(cat "$dir/verify")"
grep -q "intact" "$dir/verify" || fail "audit verify: $(cat "$dir/verify")"
echo "serve_cli_crash_test: $acked edits acknowledged, $lost lost, $fails failures"
[[ $fails -eq 0 ]]
