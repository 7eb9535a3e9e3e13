#!/usr/bin/env bash
# `anju serve` as operators run it: refuses a missing database with a hint, prints its URL and
# the demo logins, answers /healthz, and on SIGTERM (and SIGINT) finishes and exits 0 with the
# database closed. Usage: serve_test.sh ANJU_BINARY
set -euo pipefail
source "$(dirname "$0")/../check.sh"  # served_port
anju=$1
dir=$(mktemp -d)
pid=""
holder=""
trap '{ [[ -z $pid ]] || kill $pid; [[ -z $holder ]] || kill $holder; } 2>/dev/null || true; rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; echo "--- serve log"; cat "$dir/out" "$dir/err" 2>/dev/null || true; exit 1; }

# A missing database: exit 1 (not found) and a hint naming anju init / anju demo.
set +e
"$anju" serve --db "$dir/missing.db" --listen 127.0.0.1:0 >"$dir/out" 2>"$dir/err"
rc=$?
set -e
[[ $rc -eq 1 ]] || fail "missing db: exit $rc, want 1"
grep -q "anju init" "$dir/err" || fail "missing db: no hint"
[[ ! -e "$dir/missing.db" ]] || fail "serve created the missing database"

# A text file or a folder as --db: exit 1 with a plain message, not SQLite's.
echo notes >"$dir/notes.txt"
set +e
"$anju" serve --db "$dir/notes.txt" --listen 127.0.0.1:0 >"$dir/out" 2>"$dir/err"; rc=$?
set -e
[[ $rc -eq 1 ]] || fail "text file as db: exit $rc, want 1"
grep -q "is not an anju database" "$dir/err" || fail "text file as db: no plain message"
set +e
"$anju" serve --db "$dir" --listen 127.0.0.1:0 >"$dir/out" 2>"$dir/err"; rc=$?
set -e
[[ $rc -eq 1 ]] || fail "folder as db: exit $rc, want 1"
grep -q "is a folder" "$dir/err" || fail "folder as db: no plain message"

"$anju" init --db "$dir/a.db" >/dev/null

# A --trusted-proxy (or ANJU_TRUSTED_PROXIES) entry that is not an address: exit 1 naming it.
set +e
"$anju" serve --db "$dir/a.db" --listen 127.0.0.1:0 --trusted-proxy nginx.local >"$dir/out" 2>"$dir/err"; rc=$?
set -e
[[ $rc -eq 1 ]] || fail "bad --trusted-proxy: exit $rc, want 1"
grep -q -- "--trusted-proxy" "$dir/err" && grep -q "nginx.local" "$dir/err" || fail "bad --trusted-proxy: not named"
set +e
ANJU_TRUSTED_PROXIES="127.0.0.1, 10.0.0.0/33" "$anju" serve --db "$dir/a.db" --listen 127.0.0.1:0 >"$dir/out" 2>"$dir/err"; rc=$?
set -e
[[ $rc -eq 1 ]] || fail "bad ANJU_TRUSTED_PROXIES: exit $rc, want 1"
grep -q "ANJU_TRUSTED_PROXIES" "$dir/err" && grep -q "10.0.0.0/33" "$dir/err" || fail "bad ANJU_TRUSTED_PROXIES: not named"
# GET over bash's /dev/tcp (no curl or python needed on a fresh machine): prints the response.
http_get() {
  exec 3<>"/dev/tcp/127.0.0.1/$1"
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&3
  cat <&3
  exec 3<&-
}

for sig in TERM INT; do
  "$anju" serve --db "$dir/a.db" --listen 127.0.0.1:0 --trusted-proxy 127.0.0.1 >"$dir/out" 2>"$dir/err" &
  pid=$!
  port=$(served_port "$dir/out")
  [[ -n $port ]] || fail "URL not printed"
  grep -q "trusted proxies: 127.0.0.1/32" "$dir/out" || fail "trusted proxies not printed"
  http_get "$port" /healthz >"$dir/health" || fail "no connection"
  grep -q '"status":"ok"' "$dir/health" || fail "no /healthz answer"
  grep -q '^X-Content-Type-Options: nosniff' <(tr -d '\r' <"$dir/health") || fail "no security headers"
  # An access log line without the query string.
  http_get "$port" "/healthz?q=141124199003077031" >/dev/null
  # A path with an encoded newline, terminal escape and NUL cannot forge or colour log lines.
  http_get "$port" "/static/x%0a2026-11-29T21:00:00Z%20POST%20/api/v1/session%20200%20fake%1b%5b31m%00" >/dev/null
  kill -s "$sig" $pid
  set +e
  wait $pid
  rc=$?
  set -e
  pid=""
  [[ $rc -eq 0 ]] || fail "SIG$sig: exit $rc, want 0"
  grep -q "database closed" "$dir/err" || fail "SIG$sig: no clean-stop message"
  grep -q "GET /healthz 200" "$dir/err" || fail "no access log line"
  ! grep -q "141124199003077031\|q=" "$dir/err" || fail "query string in the access log"
  ! grep -q "^2026-11-29T21:00:00Z POST" "$dir/err" || fail "forged access log line"
  grep -qF '/static/x\x0a2026-11-29T21:00:00Z POST /api/v1/session 200 fake\x1b[31m\x00 404' "$dir/err" ||
    fail "escaped path not in the access log"
  ! grep -q $'\x1b' "$dir/err" || fail "terminal escape in the access log"
done
# A stop is prompt (issue #16 tester): SIGTERM while the start-up sweeps (escalation,
# zero-employment, jobs refresh) wait for a lock another process holds ends the server within a
# bound — their lock waits end on stop and their transactions roll back. The bound is generous
# (not a performance test): SQLite's lock wait alone is 5 s.
command -v sqlite3 >/dev/null || fail "sqlite3 is missing (scripts/setup.sh --test installs it)"
mkfifo "$dir/lock"
sqlite3 "$dir/a.db" <"$dir/lock" >/dev/null &
holder=$!
exec 4>"$dir/lock"
echo "BEGIN IMMEDIATE; CREATE TABLE held_by_test (x);" >&4
sleep 0.5
"$anju" serve --db "$dir/a.db" --listen 127.0.0.1:0 >"$dir/out" 2>"$dir/err" &
pid=$!
port=$(served_port "$dir/out")
[[ -n $port ]] || fail "URL not printed while another process holds the lock"
sleep 0.5  # the sweeps are now waiting for the lock
start=$(date +%s%N)
kill -s TERM $pid
set +e
wait $pid
rc=$?
set -e
pid=""
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "ROLLBACK;" >&4
exec 4>&-
wait $holder || true
holder=""
[[ $rc -eq 0 ]] || fail "SIGTERM during locked sweeps: exit $rc, want 0"
(( elapsed_ms < 3000 )) || fail "SIGTERM during locked sweeps: stopped after ${elapsed_ms} ms, want under 3000"
echo "serve_test: stop while the sweeps wait for a lock took ${elapsed_ms} ms"
echo "serve_test: ok"
