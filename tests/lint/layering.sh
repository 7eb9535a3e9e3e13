#!/usr/bin/env bash
# Layering (../shared/CONVENTIONS.md §2, issue #13 item 8): dependencies point one way —
# cli, http -> domain services -> repository interfaces <- storage. Domain code (core, registry,
# sites, reports, auth, importer; tests excepted) never includes SQLite, cpp-httplib, or a header
# of storage/, http/ or cli/. CMake targets already keep SQLite and httplib off the domain
# libraries' link lines; this check also catches a header-only include that would compile.
# Usage: layering.sh SOURCE_DIR   (exit 1 naming each offending line)
set -u
src="${1:-$(dirname "$0")/../../src}"
domain=(core registry sites reports auth importer)
forbidden='#include[[:space:]]*[<"](sqlite3\.h|httplib\.h|storage/|http/|cli/)'
bad=0
for d in "${domain[@]}"; do
  [[ -d $src/$d ]] || continue
  while IFS= read -r hit; do
    echo "$hit: a domain file includes a storage/HTTP/CLI header; move the code to storage/ or http/, or talk to a repository interface"
    bad=$((bad + 1))
  # A module's own http/, storage/ and cli/ subfolders are not domain code (docs/modules.md).
  done < <(grep -rnE "$forbidden" "$src/$d" --include='*.cc' --include='*.h' | grep -v '_test\.cc:' | grep -v '_test_util\.h:' |
           grep -vE "^$src/$d/(http|storage|cli)/")
done
if [[ $bad -gt 0 ]]; then
  echo "layering: $bad includes against the layering"
  exit 1
fi
echo "layering: ok (${domain[*]})"
