#!/usr/bin/env bash
# tools/bench/profile.sh SERVICE SECONDS RATE [OUT] — where a service of the running deploy/local/up.sh platform spends
# its CPU while tickets are created through the gateway at RATE/s: restarts SERVICE with perf maps
# (DOTNET_PerfMapEnabled=1 and W^X off, so perf can name JIT-compiled and ReadyToRun methods), creates tickets for 60 s as a warm-up
# (JIT tiers), then records SERVICE with `perf record -g` for SECONDS while tickets are created, and writes
# `perf script` output to OUT (default /tmp/perf-SERVICE.txt). The service keeps running with perf maps afterwards.
# Summarise with tools/bench/profile-summary.py OUT.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=deploy/local/common.sh
source "$here/../../deploy/local/common.sh"
# shellcheck source=tools/bench/restart-lib.sh
source "$here/restart-lib.sh"
(($# >= 3)) || { echo "usage: $0 SERVICE SECONDS RATE [OUT]" >&2; exit 2; }
svc=$1 secs=$2 rate=$3 out=${4:-/tmp/perf-$1.txt}
command -v perf >/dev/null || { echo "perf is missing: apt-get install linux-perf" >&2; exit 1; }
eval "$(bash "$BENCH_ROOT/deploy/local/servers.sh" env up)"
gateway=http://127.0.0.1:${GATEWAY_PORT:-5000}
service_capture "$svc"
service_restart_with "DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0"
service_capture "$svc"
up_bench_warm "$gateway" "$rate"
"${UP_BENCH[@]}" create --gateway "$gateway" --seconds 60 --rates "$rate" >/dev/null 2>&1
up_drain 120 >/dev/null || true
data=$(mktemp /tmp/perf-XXXXXX.data)
trap 'rm -f "$data"' EXIT
"${UP_BENCH[@]}" create --gateway "$gateway" --seconds $((secs + 4)) --rates "$rate" >/dev/null 2>&1 &
bench=$!
sleep 2 # the bench's own start-up (tokens, connections) stays outside the recording
perf record -F 999 -g -p "$SVC_PID" -o "$data" -- sleep "$secs" 2>/dev/null
wait "$bench" || true
perf script -i "$data" 2>/dev/null >"$out"
echo "$svc: $(grep -c '^\S' "$out") samples in $out" >&2
