#!/usr/bin/env bash
# warmup-ab.sh — what a freshly started service costs while it warms up under a light load, for runtime settings
# given as environment variables, alternated on the same machine at the same time.
#
#   tools/bench/warmup-ab.sh SERVICE RUNS "VAR=value ..." ["VAR=value ..." ...]
#   e.g. tools/bench/warmup-ab.sh ticketing 3 "DOTNET_TieredPGO=1" "DOTNET_TieredPGO=0"
#
# Needs the platform of deploy/local/up.sh running. Each run SIGKILLs SERVICE, starts it again with its own command
# line and environment plus the variant's variables, waits for /health/ready, then creates tickets through the gateway
# at 15/s (as bob; the fault suite's rate) for 30 s and reads the process's CPU time from /proc: CPU to ready, in the
# first 20 s of the load, and in the 10 s after. A variant "" is the build as it is. Prints the medians per variant.
# Leaves SERVICE running with the last variant: restart up.sh afterwards.
set -euo pipefail
name=$1; runs=$2; shift 2; variants=("$@")
# shellcheck source=tools/bench/restart-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/restart-lib.sh"
gateway=${PLATFORM_GATEWAY:-http://127.0.0.1:5000}
service_capture "$name"
# The variants decide the tiering settings: the service's own are left out.
mapfile -d '' SVC_ENVS < <(printf '%s\0' "${SVC_ENVS[@]}" | grep -zv '^DOTNET_Tiered\|^DOTNET_TC_')
tck=$(getconf CLK_TCK)
cpu_ms() { awk -v t="$tck" '{print int(($14+$15)*1000/t)}' "/proc/$1/stat"; }
# Ticket creations at a fixed rate, each on its own thread (an open loop: a slow answer does not slow the rate).
load() {
  python3 - "$gateway" "$1" "$2" "$3" <<'PY'
import json, sys, threading, time, urllib.request, uuid
gateway, token, rate, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
failed = 0
def create(n):
    global failed
    body = json.dumps({"title": f"warm-up {n}", "description": "warmup-ab.sh", "category": "network",
                       "impact": "Medium", "urgency": "Low"}).encode()
    request = urllib.request.Request(gateway + "/api/tickets", data=body, method="POST", headers={
        "Authorization": "Bearer " + token, "Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4())})
    try:
        urllib.request.urlopen(request, timeout=30).read()
    except Exception:
        failed += 1
start, n, threads = time.time(), 0, []
while time.time() - start < seconds:
    t = threading.Thread(target=create, args=(n,)); t.start(); threads.append(t); n += 1
    time.sleep(max(0.0, start + n / rate - time.time()))
for t in threads: t.join()
if failed: print(f"{failed} of {n} creations failed", file=sys.stderr)
PY
}
declare -A ready start first next
for _ in $(seq "$runs"); do
  for v in "${variants[@]}"; do
    service_kill
    t0=$(now_ms)
    # shellcheck disable=SC2086 # the variant is a list of VAR=value words
    service_start $v
    r=$(( $(now_ms) - t0 )); pid=$(cat "$SVC_PIDFILE"); c0=$(cpu_ms "$pid")
    tk=$(bench_token "$gateway")
    load "$tk" 15 20; c1=$(cpu_ms "$pid")
    load "$tk" 15 10; c2=$(cpu_ms "$pid")
    k="[$v]"; ready[$k]+="$r "; start[$k]+="$c0 "; first[$k]+="$(( c1 - c0 )) "; next[$k]+="$(( c2 - c1 )) "
    echo "$name [$v]: kill→ready $r ms, CPU to ready $c0 ms, CPU in the load's first 20 s $(( c1 - c0 )) ms, in the next 10 s $(( c2 - c1 )) ms (load $(cut -d' ' -f1 /proc/loadavg))"
  done
done
for v in "${variants[@]}"; do
  k="[$v]"; m() { tr ' ' '\n' <<<"$1" | grep . | median; }
  echo "$name $k median: kill→ready $(m "${ready[$k]}") ms, CPU to ready $(m "${start[$k]}") ms, first 20 s $(m "${first[$k]}") ms, next 10 s $(m "${next[$k]}") ms"
done
