#!/usr/bin/env bash
# Guard for issue #12 item 1: nothing in anju may open the database file, its -wal or its -shm
# other than through SQLite. Closing any descriptor of the database drops every POSIX lock the
# process holds on it, and another process then checkpoints and deletes the -wal under a live
# connection (sqlite.org/howtocorrupt.html §2.2): acknowledged edits vanish at the next crash.
#
# Every call that opens a file by name in src/ (outside tests) must say what it opens with a
# comment `file-open: <what>` on the same line or the line above, so each new one is a decision
# a reviewer sees. A path that could be the database is checked with stat(2) only
# (storage::CheckDatabasePath) and read through SQLite (storage::Database::Open).
# Usage: db_file_opens.sh SOURCE_DIR
set -u
src="${1:-$(dirname "$0")/../../src}"
pattern='std::(i|o|)fstream[ (]|[^_a-z]fopen\(|::open\(|[^_a-z.>]open\([^)]*O_(RDONLY|WRONLY|RDWR)|\bfreopen\(|\bmmap\(|std::filesystem::copy|fs::copy'
bad=0
while IFS=: read -r file line text; do
  prev=$(sed -n "$((line - 1))p" "$file")
  if [[ $text != *"file-open:"* && $prev != *"file-open:"* ]]; then
    echo "$file:$line: opens a file without a 'file-open: <what>' comment: ${text#"${text%%[![:space:]]*}"}"
    bad=$((bad + 1))
  fi
done < <(grep -rnE "$pattern" "$src" --include='*.cc' --include='*.h' | grep -v '_test\.cc:' |
         grep -vE '^[^:]+:[0-9]+:\s*//')
if [[ $bad -gt 0 ]]; then
  echo "db_file_opens: $bad unmarked file opens. If the path can never be the database, its -wal"
  echo "or -shm, add '// file-open: <what it opens>' (see src/storage/sqlite.h); a database is"
  echo "only ever opened through storage::Database::Open."
  exit 1
fi
echo "db_file_opens: ok"
