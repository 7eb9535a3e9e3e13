#!/usr/bin/env bash
# HTTP benchmark (issue 6): wrk on loopback against `anju serve` on the demo database, beside
# nginx serving a static JSON file of the same size (the ceiling for HTTP on this machine), as
# a ratio.
#   1. GET /api/v1/households/{id} (a household detail, logged in): requests/s and p99.
#      Target: >= 20,000 req/s with p99 < 10 ms on 2 cores.
#   2. GET /api/v1/report (the dashboard's county report): median latency, one connection, as
#      the dashboard gets it (the server caches the rendered report until the data changes),
#      and computed afresh (distinct as-of days). Target: median < 50 ms.
# wrk and nginx-light are Debian packages (`scripts/setup.sh --bench` installs them).
# Usage: bench/run_http.sh BUILD_DIR [SECONDS]
set -euo pipefail
build=${1:-build}
secs=${2:-10}
anju="$build/src/cli/anju"
data="$build/bench-data"
work=$(mktemp -d)
mkdir -p "$data"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

for tool in wrk nginx; do
  if ! command -v "$tool" >/dev/null && [[ ! -x /usr/sbin/$tool ]]; then
    echo "run_http: $tool is missing; install it with: scripts/setup.sh --bench"
    exit 0
  fi
done
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
conns=${ANJU_BENCH_CONNECTIONS:-8}
threads=${ANJU_BENCH_WRK_THREADS:-2}

db="$data/http-demo.db"
if [[ ! -s "$db" ]]; then
  echo "building $db (anju demo) ..."
  rm -f "$db" "$db-wal" "$db-shm"
  "$anju" init --db "$db" >/dev/null
  "$anju" demo --db "$db" >/dev/null
fi

# anju serve on a free port (it prints its URL).
"$anju" serve --db "$db" --listen 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.log" &
pids+=($!)
port=""
for _ in $(seq 100); do
  port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/serve.out" | head -1)
  [[ -n $port ]] && break
  sleep 0.1
done
[[ -n $port ]] || { echo "run_http: anju serve did not start"; cat "$work/serve.log"; exit 1; }
base="http://127.0.0.1:$port"

# Log in once as county staff; wrk sends the session cookie.
python3 - "$base" "$work" <<'PY'
import json, sys, urllib.request
base, work = sys.argv[1], sys.argv[2]
req = urllib.request.Request(base + "/api/v1/session", method="POST",
    data=json.dumps({"username": "demo_staff", "password": "anju-demo"}).encode(),
    headers={"Content-Type": "application/json"})
with urllib.request.urlopen(req) as r:
    cookie = r.headers["Set-Cookie"].split(";")[0]
def get(path):
    q = urllib.request.Request(base + path, headers={"Cookie": cookie})
    with urllib.request.urlopen(q) as r:
        return r.read()
hh = json.loads(get("/api/v1/households?limit=1&site_id=1"))["items"][0]["id"]
open(work + "/cookie", "w").write(cookie)
open(work + "/hh", "w").write(str(hh))
open(work + "/detail.json", "wb").write(get(f"/api/v1/households/{hh}"))
open(work + "/report.json", "wb").write(get("/api/v1/report"))
# The report computed each time (no cache hit): distinct as-of days, each a new cache key.
import datetime, time
times = []
for i in range(15):
    day = (datetime.date(2022, 9, 30) - datetime.timedelta(days=i + 1)).isoformat()
    t = time.perf_counter()
    get("/api/v1/report?as_of=" + day)
    times.append((time.perf_counter() - t) * 1000)
times.sort()
open(work + "/report_uncached_ms", "w").write(f"{times[len(times) // 2]:.1f}")
PY
cookie=$(cat "$work/cookie")
hh=$(cat "$work/hh")

# nginx with a temporary config on a free port, serving the same bytes as static files.
nport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$work/www" "$work/nginx"
cp "$work/detail.json" "$work/www/detail.json"
cp "$work/report.json" "$work/www/report.json"
chmod -R a+rX "$work"  # nginx workers run as another user when started by root
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes $(nproc);
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log $work/nginx/access.log;
  client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
  default_type application/json;
  server { listen 127.0.0.1:$nport; root $work/www; }
}
EOF
"$nginx_bin" -c "$work/nginx/nginx.conf" -p "$work/nginx" 2>"$work/nginx/stderr" &
pids+=($!)
sleep 0.5

# run_wrk NAME URL CONNECTIONS THREADS [cookie]: writes wrk's --latency report to $work/NAME.
run_wrk() {
  local name=$1 url=$2 c=$3 t=$4
  if [[ -n ${5:-} ]]; then
    wrk -t"$t" -c"$c" -d"${secs}s" --latency -H "Cookie: $5" "$url" >"$work/$name"
  else
    wrk -t"$t" -c"$c" -d"${secs}s" --latency "$url" >"$work/$name"
  fi
}
# CPU time (user+system, clock ticks) of a process so far: the machine is shared, so the
# server's CPU per request is the figure that does not depend on what else runs.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
serve_pid=${pids[0]}
echo "== HTTP (wrk ${secs}s on loopback; $(nproc) cores; $conns connections; load average $(cut -d' ' -f1-3 /proc/loadavg)) =="
t0=$(cpu_ticks "$serve_pid")
run_wrk anju_detail "$base/api/v1/households/$hh" "$conns" "$threads" "$cookie"
t1=$(cpu_ticks "$serve_pid")
echo "$(( t1 - t0 )) $(getconf CLK_TCK)" >"$work/anju_detail_cpu"
run_wrk nginx_detail "http://127.0.0.1:$nport/detail.json" "$conns" "$threads"
run_wrk anju_report "$base/api/v1/report" 1 1 "$cookie"
run_wrk nginx_report "http://127.0.0.1:$nport/report.json" 1 1

python3 - "$work" "$(stat -c %s "$work/detail.json")" "$(stat -c %s "$work/report.json")" <<'PY'
import re, sys
work, dsize, rsize = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def parse(name):
    t = open(f"{work}/{name}").read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
    def lat(p):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", t, re.M)
        v, u = float(m.group(1)), m.group(2)
        return v / 1000 if u == "us" else v * 1000 if u == "s" else v
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", t)
    return rps, lat(50), lat(99), int(non2xx.group(1)) if non2xx else 0
a, n = parse("anju_detail"), parse("nginx_detail")
print(f"household detail ({dsize} B): anju {a[0]:9.0f} req/s  p50 {a[1]:6.2f} ms  p99 {a[2]:6.2f} ms"
      f"   | nginx static {n[0]:9.0f} req/s  p99 {n[2]:6.2f} ms   ratio {a[0]/n[0]:.3f}")
if a[3] or n[3]: print(f"  WARNING: non-2xx responses: anju {a[3]}, nginx {n[3]}")
ticks, hz = map(int, open(f"{work}/anju_detail_cpu").read().split())
reqs = int(re.search(r"(\d+) requests in", open(f"{work}/anju_detail").read()).group(1))
print(f"  anju server CPU per household detail: {ticks / hz / max(reqs, 1) * 1e6:.1f} us (user+system, {reqs} requests)")
print(f"  target >= 20000 req/s, p99 < 10 ms: {'met' if a[0] >= 20000 and a[2] < 10 else 'NOT met'}")
ar, nr = parse("anju_report"), parse("nginx_report")
print(f"county report ({rsize} B), 1 connection: anju median {ar[1]:6.2f} ms  p99 {ar[2]:6.2f} ms"
      f"   | nginx static median {nr[1]:6.3f} ms   ratio (nginx/anju time) {nr[1]/ar[1]:.4f}")
if ar[3]: print(f"  WARNING: non-2xx responses: anju {ar[3]}")
unc = float(open(f"{work}/report_uncached_ms").read())
print(f"  computed each time (distinct as_of, no cache hit): median {unc:.1f} ms")
print(f"  target median < 50 ms: {'met' if ar[1] < 50 else 'NOT met'} (served), "
      f"{'met' if unc < 50 else 'NOT met'} (computed)")
PY
