#!/usr/bin/env bash
# tools/bench/gateway-ab.sh PAIRS "VAR=a ..." "VAR=b ..." [SECONDS] — an A/B of the gateway's settings on the running
# deploy/local/up.sh platform (started with the rate limit out of the way, as tools/bench/run.sh does), in one run:
# PAIRS times, alternating A and B, the gateway is restarted with the variant's variables (on top of its own
# environment), warmed up for 5 s, and then wrk (2 threads, 64 connections) measures the cheap authenticated GET
# (GET /api/tickets/priority-matrix) directly on ticketing and through the gateway, SECONDS each (default 10).
# Prints one line per measurement and the medians of the ratio gateway/direct per variant; the gateway is left
# running with variant A.
# Example: tools/bench/gateway-ab.sh 3 "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=0" "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1"
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tools/bench/restart-lib.sh
source "$here/restart-lib.sh"
(($# >= 3)) || { echo "usage: $0 PAIRS \"VAR=a ...\" \"VAR=b ...\" [SECONDS]" >&2; exit 2; }
pairs=$1 a=$2 b=$3 seconds=${4:-10}
[[ $pairs =~ ^[1-9][0-9]*$ ]] || { echo "PAIRS must be a positive number (got '$pairs')" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }

service_capture gateway
gateway="http://127.0.0.1:$SVC_PORT"
ticketing_pid=$(cat "$BENCH_UP/pids/ticketing.pid")
direct="http://127.0.0.1:$(tr '\0' '\n' <"/proc/$ticketing_pid/cmdline" | sed -n 's#^http://127.0.0.1:\([0-9]*\).*#\1#p' | head -1)"
token=$(bench_token "$gateway")

rps() { # URL SECONDS → requests/s
  wrk -t2 -c64 -d"$2"s -H "Authorization: Bearer $token" "$1/api/tickets/priority-matrix" | awk '/^Requests\/sec/ {print $2}'
}
declare -A ratios=([A]="" [B]="")
run_variant() { # LABEL "VAR=value ..."
  local label=$1 env=$2 d g cpu0 cpu1
  service_restart_with "$env"
  rps "$gateway" 5 >/dev/null # warm-up (JIT tiers, connection pool)
  d=$(rps "$direct" "$seconds")
  cpu0=$(awk '{print $14 + $15}' "/proc/$(cat "$SVC_PIDFILE")/stat")
  g=$(rps "$gateway" "$seconds")
  cpu1=$(awk '{print $14 + $15}' "/proc/$(cat "$SVC_PIDFILE")/stat")
  local ratio; ratio=$(awk -v g="$g" -v d="$d" 'BEGIN { printf "%.3f", g / d }')
  ratios[$label]+="$ratio "
  printf '%s pair %d (%s): direct %s req/s, gateway %s req/s, ratio %s, gateway CPU %.1f µs/request\n' "$label" "$pair" "$env" \
    "$d" "$g" "$ratio" "$(awk -v c=$((cpu1 - cpu0)) -v g="$g" -v s="$seconds" -v hz="$(getconf CLK_TCK)" 'BEGIN { print c / hz / (g * s) * 1e6 }')"
}
for ((pair = 1; pair <= pairs; pair++)); do
  run_variant A "$a"
  run_variant B "$b"
done
for label in A B; do
  printf 'median ratio %s: %s\n' "$label" "$(tr ' ' '\n' <<<"${ratios[$label]}" | grep . | median)"
done
service_restart_with "$a"
