#!/usr/bin/env bash
# Storage seam (issue #13 item 7): only the SQLite driver and the named SQLite-only paths include
# sqlite3.h; every other file talks to storage/connection.h (Connection, Statement, Transaction),
# so that a second database is one more driver. The list and the reasons: src/storage/README.md.
# Files are matched by name inside a storage/ folder, so a move into src/<m>/storage/ keeps them.
# Usage: sqlite_confined.sh DIR...   (exit 1 naming each offending line)
set -u
allowed=(
  sqlite.h sqlite.cc sqlite_test.cc    # the driver and its test
  migrate.cc                           # PRAGMA user_version of the previous release
  sqlite_import_repository.cc          # bulk import (SQLITE_STATIC binds, deferred checks/indexes)
  sqlite_registry_demo.cc              # bulk load of the demo (anju demo --scale)
  sqlite_report_repository.cc          # report scan (raw statements, no text copies)
)
bad=0
while IFS=: read -r file line text; do
  base=${file##*/}
  ok=0
  if [[ $file == */storage/* ]]; then
    for a in "${allowed[@]}"; do [[ $base == "$a" ]] && ok=1; done
  fi
  if [[ $ok -eq 0 ]]; then
    echo "$file:$line: includes SQLite outside the driver: ${text#"${text%%[![:space:]]*}"}"
    bad=$((bad + 1))
  fi
done < <(grep -rnE '#include[[:space:]]*[<"]sqlite3\.h[>"]' "$@" --include='*.cc' --include='*.h')
if [[ $bad -gt 0 ]]; then
  echo "sqlite_confined: $bad files include sqlite3.h. Use storage/connection.h (Connection,"
  echo "Statement, Transaction); a path that must stay SQLite-only is named, with why, in"
  echo "src/storage/README.md and in the list at the top of tests/lint/sqlite_confined.sh."
  exit 1
fi
echo "sqlite_confined: ok"
