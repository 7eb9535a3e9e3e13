#!/usr/bin/env bash
# The main job on a fresh database. Usage: scripts/demo.sh ANJU_BINARY DB_PATH
set -euo pipefail
anju=$1; db=$2
rm -f "$db" "$db-wal" "$db-shm" "$db.audit-witness"
"$anju" init --db "$db"
"$anju" demo --db "$db"
# The main job: the county report, computed from the records (Chinese; --lang en for English).
"$anju" report --db "$db"
# Then the web application on the demo database (prints the URL and the demo logins; Ctrl-C
# stops it). ANJU_DEMO_NO_SERVE=1 skips this (scripts, CI); ANJU_LISTEN picks the address.
if [[ -z "${ANJU_DEMO_NO_SERVE:-}" ]]; then
  exec "$anju" serve --db "$db" --listen "${ANJU_LISTEN:-127.0.0.1:8080}"
fi
