#!/usr/bin/env bash
# bench/run.sh — load figures for the running platform (start it first with deploy/local/up.sh).
# Prints requests/s and p50/p99 for: a cheap GET through the gateway and directly, and ticket creation
# through the gateway (outbox on, durable commit). Uses wrk (apt-get install wrk).
set -euo pipefail
GATEWAY=${GATEWAY:-http://127.0.0.1:5000}
TICKETING=${TICKETING:-http://127.0.0.1:5101}
DURATION=${DURATION:-10s}
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

run() { # name, connections, url, script
  local out
  out=$(wrk -t2 -c"$2" -d"$DURATION" --latency -s "$HERE/$4" "$3")
  printf '%-34s %8s req/s\n' "$1" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  grep -E '^  p50' <<<"$out"
}

curl -fsS "$GATEWAY/health/ready" >/dev/null || { echo "platform not running at $GATEWAY (deploy/local/up.sh)" >&2; exit 1; }
echo "== $(nproc) cores, $DURATION per run"
run "GET /api/tickets?limit=1 direct"   16 "$TICKETING/api/tickets?limit=1" get.lua
run "GET /api/tickets?limit=1 gateway"  16 "$GATEWAY/api/tickets?limit=1" get.lua
run "POST /api/tickets via gateway"     32 "$GATEWAY/api/tickets" create-ticket.lua
