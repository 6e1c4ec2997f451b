#!/usr/bin/env bash
# portal.sh — the agent's queue page in a real browser with a big ticket table, and a live update's delay.
#
#   tools/bench/portal.sh [--tickets N] [--loads N] [--live N]     defaults: 1,000,000 tickets, 20 loads, 10 live tickets
#
# Needs the platform of deploy/local/up.sh running (with the portal) and Debian's chromium (installed when missing).
# Seeds ticketing's database up to N tickets once (tools/bench/seed-tickets.sql; kept for later runs), then drives
# chromium through Playwright (tools/bench/Platform.Bench, scenario "portal"): bob signs in through identity, loads the
# queue page afresh LOADS times (after 3 warm-ups) and keeps it open while alice creates LIVE tickets through the API.
# Prints one Markdown row per figure: count, p50, p95 and max in milliseconds.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"
source deploy/local/common.sh
TICKETS=1000000 LOADS=20 LIVE=10
while (($#)); do
  case $1 in
    --tickets) TICKETS=$2; shift 2 ;;
    --loads) LOADS=$2; shift 2 ;;
    --live) LIVE=$2; shift 2 ;;
    *) echo "usage: $0 [--tickets N] [--loads N] [--live N]" >&2; exit 2 ;;
  esac
done
source "$HERE/browser-bench.sh"
browser_bench_prepare

eval "$(bash deploy/local/servers.sh env up)"
PSQL=(env PGPASSWORD=platform psql -h 127.0.0.1 -p "$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$PLATFORM_POSTGRES")" -U platform -d platform_ticketing -qAt -v ON_ERROR_STOP=1)
have=$("${PSQL[@]}" -c "SELECT count(*) FROM tickets")
if ((have < TICKETS)); then
  log "seeding $((TICKETS - have)) tickets with SQL (once; kept for later runs)"
  "${PSQL[@]}" -v n=$((TICKETS - have)) -f "$HERE/seed-tickets.sql"
fi
browser_bench_table "The agent's queue page in chromium with $("${PSQL[@]}" -c "SELECT count(*) FROM tickets") tickets"
browser_bench portal --loads "$LOADS" --live "$LIVE"
