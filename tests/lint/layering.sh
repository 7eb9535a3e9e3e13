#!/usr/bin/env bash
# Layering (../shared/CONVENTIONS.md §2, issue #13 item 8): dependencies point one way —
# cli, http -> domain services -> repository interfaces <- storage. Domain code (core, registry,
# sites, reports, auth, importer; tests excepted) never includes SQLite, cpp-httplib, or a header
# of storage/, http/ or cli/. CMake targets already keep SQLite and httplib off the domain
# libraries' link lines; this check also catches a header-only include that would compile.
# A module's layer folders are not domain code (docs/modules.md): src/<m>/http/ (routes and
# JSON) may include http/ and storage/, src/<m>/storage/ may include storage/, src/<m>/cli/
# may include cli/ and storage/; none of them includes a header of another layer kind's
# platform beyond that (http/ no cli/, storage/ no http/ or cli/, cli/ no http/).
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
  done < <(grep -rnE "$forbidden" "$src/$d" --include='*.cc' --include='*.h' \
               --exclude-dir=http --exclude-dir=storage --exclude-dir=cli |
           grep -v '_test\.cc:' | grep -v '_test_util\.h:')
  for layer in http storage cli; do
    [[ -d $src/$d/$layer ]] || continue
    case $layer in
      http) layer_forbidden='#include[[:space:]]*[<"](sqlite3\.h|cli/)' ;;
      storage) layer_forbidden='#include[[:space:]]*[<"](httplib\.h|http/|cli/)' ;;
      cli) layer_forbidden='#include[[:space:]]*[<"](httplib\.h|http/)' ;;
    esac
    while IFS= read -r hit; do
      echo "$hit: a module's $layer/ file includes a header of another layer"
      bad=$((bad + 1))
    done < <(grep -rnE "$layer_forbidden" "$src/$d/$layer" --include='*.cc' --include='*.h' |
             grep -v '_test\.cc:')
  done
done
if [[ $bad -gt 0 ]]; then
  echo "layering: $bad includes against the layering"
  exit 1
fi
echo "layering: ok (${domain[*]})"
