#!/usr/bin/env bash
# Installs what anju needs on Debian 12, only when something is missing.
# Usage: scripts/setup.sh [--test|--bench]   (--test adds what the test suites need;
#        --bench adds wrk and nginx-light for bench/run_http.sh)
# Runs apt-get only if a package is not installed; runs npm ci only if node_modules is stale.
set -euo pipefail
cd "$(dirname "$0")/.."

pkgs=(build-essential cmake ninja-build pkg-config ccache sqlite3 libsqlite3-dev
      nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev libicu-dev libsodium-dev libssl-dev
      libcpp-httplib-dev libxlsxwriter-dev libzip-dev libexpat1-dev libpugixml-dev libfreexl-dev libjemalloc-dev
      libgtest-dev libgmock-dev libbenchmark-dev fonts-noto-cjk)
# bench/run_import.sh: the Python openpyxl baseline and /usr/bin/time for peak memory.
pkgs+=(python3-openpyxl time)
# reports_test (WriteXlsx) lists and reads the written .xlsx with unzip.
pkgs+=(unzip)
if [[ "${1:-}" == "--bench" ]]; then
  pkgs+=(wrk nginx-light)
fi
if [[ "${1:-}" == "--test" ]]; then
  pkgs+=(chromium clang libclang-rt-14-dev)
  # tests/api/serve_cli_crash_test.sh drives the real server over HTTP.
  pkgs+=(curl jq)
  # fuzz/run_fuzz.sh: clang 16 compiles libstdc++ 12's std::expected (clang 14 cannot).
  pkgs+=(clang-16 libclang-rt-16-dev)
fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js may come from the machine image rather than Debian: only install it when absent.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Web UI packages (ECharts, playwright-core for browser tests), from package-lock.json.
if [[ -f package.json ]]; then
  if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
    echo "setup: npm ci"
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi
