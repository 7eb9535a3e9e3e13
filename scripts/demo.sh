#!/usr/bin/env bash
# The main job on a fresh database. Usage: scripts/demo.sh ANJU_BINARY DB_PATH
set -euo pipefail
anju=$1; db=$2
rm -f "$db" "$db-wal" "$db-shm"
"$anju" init --db "$db"
"$anju" demo --db "$db"
# The main job: the county report, computed from the records (Chinese; --lang en for English).
"$anju" report --db "$db"
