# Shared helpers of the end-to-end shell tests (src/*/*_test.sh); sourced, not run.
# check NAME EXPECTED_RC COMMAND... runs COMMAND, keeps its output in $out and counts a pass or
# a failure (printing the output); contains/lacks TEXT check $out. The caller sets fail=0 pass=0
# and ends with its own summary.
check() {
  local name=$1 want=$2; shift 2
  out=$("$@" 2>&1); local rc=$?
  if [[ $rc -ne $want ]]; then echo "FAIL $name: exit $rc, want $want"; echo "$out"; fail=$((fail+1)); else pass=$((pass+1)); fi
}
contains() { if [[ "$out" != *"$1"* ]]; then echo "FAIL: output lacks '$1':"; echo "$out"; fail=$((fail+1)); else pass=$((pass+1)); fi; }
lacks() { if [[ "$out" == *"$1"* ]]; then echo "FAIL: output has '$1':"; echo "$out"; fail=$((fail+1)); else pass=$((pass+1)); fi; }
# served_port FILE: the port of the URL `anju serve` prints into FILE (it listens on port 0);
# waits up to 10 s; prints nothing when no URL appeared.
served_port() {
  local p=""
  for _ in $(seq 100); do
    p=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$1" | head -1)
    [[ -n $p ]] && break
    sleep 0.1
  done
  echo "$p"
}
