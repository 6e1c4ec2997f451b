#!/usr/bin/env bash
# tools/bench/consumer-drain-ab.sh SERVICE CONSUMER PAIRS "VAR=a ..." "VAR=b ..." [RATE SECONDS] — how fast one
# consumer of the running deploy/local/up.sh platform drains a backlog of TicketCreated, for two settings, alternated
# in one run. Each measurement SIGKILLs SERVICE, creates tickets through the gateway (Platform.Bench create, RATE/s for
# SECONDS; default 250/s for 10 s), so that their TicketCreated wait in SERVICE's queue, restarts SERVICE with the
# variant's variables, and times until CONSUMER's inbox (inbox_messages.consumer) holds a row for each of them.
# Prints, per measurement, the backlog, the time from restart to ready, from ready to drained, and the drain rate.
# Example: tools/bench/consumer-drain-ab.sh notifications notifications-TicketCreated 3 \
#            "Notifications__GroupCommit=true" "Notifications__GroupCommit=false"
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=tools/bench/restart-lib.sh
source "$here/restart-lib.sh"
(($# >= 5)) || { echo "usage: $0 SERVICE CONSUMER PAIRS \"VAR=a ...\" \"VAR=b ...\" [RATE SECONDS]" >&2; exit 2; }
service=$1 consumer=$2 pairs=$3 a=$4 b=$5 rate=${6:-250} seconds=${7:-10}
bench=$root/tools/bench/Platform.Bench/bin/Release/net10.0/Platform.Bench.dll
[[ -f $bench ]] || { echo "build tools/bench/Platform.Bench first (dotnet build -c Release)" >&2; exit 2; }
# Rows CONSUMER's inbox gained since a time (PostgreSQL's clock; the services share this machine's), read through the
# processed_at index: counting all of a consumer's rows read ~1M index entries (~90 ms, plus a new connection's ~30 ms),
# and at every 0.05 s poll that took most of a core from the drain it measured (until 2026-12-04 22:15).
inbox_since() { up_psql "platform_$service" "SELECT count(*) FROM inbox_messages WHERE processed_at >= '$1' AND consumer = '$consumer'"; }
pg_now() { up_psql "platform_$service" "SELECT now()"; }
unsent() { up_psql platform_ticketing "SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL"; }

# The service's own environment, read once: each variant starts from it (a variable of A does not leak into B).
service_capture "$service"

measure() { # LABEL "VAR=value ..."
  local label=$1 vars
  read -r -a vars <<<"$2"
  service_kill
  local since mark backlog
  since=$(pg_now) mark=$(up_ticket_mark)
  dotnet "$bench" create --seconds "$seconds" --rates "$rate" >/dev/null
  until (( $(unsent) == 0 )); do sleep 0.1; done # every TicketCreated is in the broker
  backlog=$(up_tickets_since "$mark")
  local t0 t1 t2
  t0=$(now_ms)
  service_start "${vars[@]}"
  t1=$(now_ms)
  until (( $(inbox_since "$since") >= backlog )); do sleep 0.05; done
  t2=$(now_ms)
  printf '%s (%s), pair %d: backlog %d, ready %.2f s after its start, drained %.2f s after ready: %.0f messages/s\n' \
    "$label" "$2" "$pair" "$backlog" "$(bc -l <<<"($t1 - $t0) / 1000")" "$(bc -l <<<"($t2 - $t1) / 1000")" \
    "$(bc -l <<<"$backlog * 1000 / ($t2 - $t1)")"
}

for ((pair = 1; pair <= pairs; pair++)); do
  measure A "$a"
  measure B "$b"
done
service_restart_with "$a"
