#!/usr/bin/env bash
# The main job on a fresh database. Usage: scripts/demo.sh ANJU_BINARY DB_PATH
set -euo pipefail
anju=$1; db=$2
rm -f "$db" "$db-wal" "$db-shm"
"$anju" init --db "$db"
"$anju" demo --db "$db"
