#!/usr/bin/env bash
# Storage seam (issue #13 item 7): the SQL text of the repositories stays within what PostgreSQL
# also accepts, so a second driver needs no second copy of each query. Checked in every .cc/.h
# under a storage/ folder (tests, migrations and the named SQLite-only paths excepted: the driver,
# migrate.cc, the bulk import, the demo load, the report scan; src/storage/README.md says why).
# Flagged, each with the portable form:
#   strftime/datetime/julianday/'now'/CURRENT_TIMESTAMP -> bind the time (UtcTimestampNow, clocks)
#   PRAGMA, user_version                         -> the SQLite driver or migrate.cc only
#   last_insert_rowid, LastInsertRowId, raw()    -> INSERT … RETURNING id (RunReturningId)
#   INSERT OR …, REPLACE INTO                    -> INSERT … ON CONFLICT (…) DO UPDATE/NOTHING
#   IFNULL, IIF, GLOB, group_concat              -> coalesce, CASE, LIKE/substr, string_agg
#   sum(a condition) (a boolean used as 0/1)     -> sum(CASE WHEN … THEN 1 ELSE 0 END)
#   WHERE 1 (an integer as a condition)           -> WHERE 1 = 1
#   TRUE/FALSE literals in SQL                   -> booleans are INTEGER 0/1, compared as = 1
#   \" inside SQL (a double-quoted string literal) -> single quotes
# Usage: portable_sql.sh DIR...   (exit 1 naming each offending line)
set -u
skip='/(sqlite\.h|sqlite\.cc|migrate\.cc|sqlite_import_repository\.(cc|h)|sqlite_registry_demo\.(cc|h)|sqlite_report_repository\.(cc|h))$'
checks=(
  "time functions of the database; bind the time from the clock|strftime\(|datetime\(|julianday\(|'now'|CURRENT_(TIMESTAMP|DATE|TIME)"
  "SQLite pragmas belong in the driver or migrate.cc|(^|[^#[:alnum:]_])PRAGMA[[:space:]]|user_version"
  "last insert rowid; use INSERT … RETURNING id (Statement::RunReturningId)|last_insert_rowid|LastInsertRowId|raw\(\)"
  "INSERT OR …/REPLACE INTO; use ON CONFLICT (…) DO UPDATE/DO NOTHING|INSERT[[:space:]]+OR[[:space:]]|REPLACE[[:space:]]+INTO"
  "SQLite-only function; use coalesce, CASE, LIKE, string_agg|IFNULL\(|IIF\(|[[:space:]]GLOB[[:space:]]|group_concat\("
  "an integer as a condition; write WHERE 1 = 1|WHERE 1([[:space:]]*\"|[[:space:]]+(AND|OR|ORDER|GROUP|LIMIT)\b)"
)
case_sensitive=(
  "a condition summed as an integer; use sum(CASE WHEN … THEN 1 ELSE 0 END)|sum\\([^C()][^()]*([<>=]|[[:space:]](IS|AND|OR)[[:space:]])"
  "TRUE/FALSE in SQL; booleans are INTEGER 0/1 compared as = 1 / = 0|\"[^\"]*[ (=](TRUE|FALSE)\b[^\"]*\""
  "a double-quoted string literal in SQL; use single quotes|\"[^\"]*(SELECT|WHERE|VALUES|SET)[^\"]*\\\\\""
)
bad=0
files=$(grep -rlE '.' "$@" --include='*.cc' --include='*.h' | grep '/storage/' | grep -v '_test\.cc$' |
        grep -v '_test_util\.h$' | grep -Ev "$skip")
report() {  # report WHY GREP-FLAGS PATTERN
  local why=$1 flags=$2 pattern=$3
  while IFS=: read -r file line text; do
    [[ -z $file ]] && continue
    echo "$file:$line: $why: ${text#"${text%%[![:space:]]*}"}"
    bad=$((bad + 1))
  done < <(grep -nE $flags -H "$pattern" $files /dev/null | grep -vE '^[^:]+:[0-9]+:[[:space:]]*//')
}
for c in "${checks[@]}"; do report "${c%%|*}" -i "${c#*|}"; done
for c in "${case_sensitive[@]}"; do report "${c%%|*}" "" "${c#*|}"; done
if [[ $bad -gt 0 ]]; then
  echo "portable_sql: $bad lines of SQL that PostgreSQL would not accept (src/storage/README.md)"
  exit 1
fi
echo "portable_sql: ok ($(echo "$files" | wc -w) files)"
