#!/usr/bin/env bash
# Layering (../shared/CONVENTIONS.md §2, docs/modules.md, issue #13 items 1 and 8): dependencies
# point one way — cli, http -> a module's http/ and cli/ -> its storage/ -> its domain -> core.
#   domain   core/ and each module's own folder src/<m>/*.{h,cc} (module.cc and tests excepted):
#            no sqlite3.h, httplib.h, CLI/, and no storage/, http/ or cli/ header — the platform's
#            or any module's (<m>/storage/, <m>/http/, <m>/cli/).
#   storage  src/<m>/storage/: no httplib.h, CLI/, and no http/ or cli/ header.
#   http     src/<m>/http/: no CLI/ and no cli/ header.
# Modules are the folders of ANJU_MODULES (src/CMakeLists.txt). CMake targets already keep
# SQLite, httplib and CLI11 off the domain libraries' link lines (anju_module); this also
# catches a header-only include that would compile.
# Usage: layering.sh SOURCE_DIR   (exit 1 naming each offending line)
set -u
src="${1:-$(dirname "$0")/../../src}"
modules=$(sed -n 's/^set(ANJU_MODULES \(.*\))$/\1/p' "$src/CMakeLists.txt")
if [[ -z $modules ]]; then
  echo "layering: no set(ANJU_MODULES …) line in $src/CMakeLists.txt"
  exit 1
fi
inc='#include[[:space:]]*[<"]'
sub='([a-z_]+/)?'
bad=0
# check LABEL REGEX FILES...: every include matching REGEX in FILES (tests excepted) is an error.
check() {
  local label=$1 regex=$2
  shift 2
  [[ $# -gt 0 ]] || return 0
  while IFS= read -r hit; do
    echo "$hit: $label"
    bad=$((bad + 1))
  done < <(grep -nHE "$regex" "$@" 2>/dev/null | grep -v '_test\.cc:' | grep -v '_test_util\.h:')
}
files() { find "$1" -maxdepth 1 -type f \( -name '*.cc' -o -name '*.h' \) ! -name module.cc 2>/dev/null; }
for d in core $modules; do
  [[ -d $src/$d ]] || continue
  mapfile -t f < <(files "$src/$d")
  check "a domain file includes a storage/HTTP/CLI header; move the code to $d/storage, $d/http or $d/cli, or talk to a repository interface" \
        "$inc(sqlite3\.h|httplib\.h|CLI/|${sub}(storage|http|cli)/)" "${f[@]}"
done
for d in $modules; do
  mapfile -t f < <(files "$src/$d/storage")
  check "a storage file includes an HTTP/CLI header; storage implements repositories only" \
        "$inc(httplib\.h|CLI/|${sub}(http|cli)/)" "${f[@]}"
  mapfile -t f < <(files "$src/$d/http")
  check "an http file includes a CLI header" "$inc(CLI/|${sub}cli/)" "${f[@]}"
done
if [[ $bad -gt 0 ]]; then
  echo "layering: $bad includes against the layering"
  exit 1
fi
echo "layering: ok (domain: core $modules; and each module's storage/, http/)"
