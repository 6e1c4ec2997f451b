#!/usr/bin/env bash
# tools/bench/cpu-per-ticket.sh [--rate N] [--seconds S] [--runs K] — the CPU time every process of the running
# deploy/local/up.sh platform spends per created ticket: ticketing, its consumers (notifications, assets, ...), the
# gateway, identity, PostgreSQL (every backend), RabbitMQ and the SMTP sink.
#
# Each run creates tickets through the gateway at a fixed rate for S seconds (tools/bench/Platform.Bench, open loop),
# waits until the broker's queues and every service's outbox are empty (the consumers kept up or caught up), and
# divides each process's CPU time (user + system, from /proc, children reaped included) by the tickets created. The
# median of the runs is printed per process, as a Markdown table, and PostgreSQL's share by kind of process (the
# backends of each database, autovacuum, the WAL writer, the checkpointer…); per-run figures go to stderr.
# Needs: the up.sh platform running (tools/bench/run.sh starts it and calls this script).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/local/common.sh
source "$HERE/../../deploy/local/common.sh"
cd "$PLATFORM_ROOT"

RATE=200 SECS=10 RUNS=3
while (($#)); do
  case $1 in
    --rate) RATE=$2; shift 2 ;;
    --seconds) SECS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    *) die "unknown option $1 (--rate N --seconds S --runs K)" ;;
  esac
done

UP="$PLATFORM_DATA/up"
GATEWAY=http://127.0.0.1:${GATEWAY_PORT:-5000}
eval "$(bash deploy/local/servers.sh env up)"
# shellcheck source=tools/bench/restart-lib.sh
source "$HERE/restart-lib.sh" # up_bench_warm, up_drain, up_create

declare -A PIDS=()
up_processes PIDS # restart-lib.sh: cpu_ticks, snapshot too

up_bench_warm "$GATEWAY" "$RATE"

# SLA notices raised by ticketing's breach checker meanwhile: not part of creating a ticket, but their events and mails
# are work of the same processes. Tickets of earlier bench runs that nobody answers pass their due times for hours
# afterwards, and each pass of the checker (every 30 s, and at once after a restart) raises up to 200 per kind.
sla_notices() { up_psql platform_ticketing "SELECT count(*) FROM sla_notices" 2>/dev/null || echo 0; }

declare -A PER=() PG_PER=()
PG_FILES=$(mktemp)
trap 'rm -f "$PG_FILES" "$PG_FILES.BEFORE" "$PG_FILES.AFTER"' EXIT
# window_mark BEFORE|AFTER: every process's CPU ticks into the associative array of that name, and PostgreSQL's per
# process into $PG_FILES.BEFORE|AFTER (pg_split).
window_mark() {
  local -n into=$1
  local n t
  while read -r n t; do into[$n]=$t; done < <(snapshot PIDS)
  pg_snapshot "${PIDS[postgresql]}" >"$PG_FILES.$1"
}
NOTICES=""
for ((run = 1; run <= RUNS; run++)); do
  up_drain 120 >/dev/null || true
  notices_before=$(sla_notices)
  # The window measured starts after these reads and ends when the backlog is drained, before the counts: each count is
  # a new psql connection (~30 ms of PostgreSQL CPU), which is the bench's work, not the platform's. up_create's own
  # mark and the drain's last outbox reads stay inside (~6 connections per run).
  declare -A BEFORE=() AFTER=()
  window_mark BEFORE
  up_create "$GATEWAY" "$RATE" "$SECS" window_mark AFTER
  created=$UP_CREATED drained=$UP_DRAINED
  ((created > 0)) || die "no ticket created in run $run"
  notices=$(($(sla_notices) - notices_before))
  NOTICES+="$notices "
  line="run $run: $created tickets, $notices SLA notices raised meanwhile, drained: $drained;"
  while read -r n ms; do
    PER[$n]+="$ms "
    line+=" $n $ms"
  done < <(cpu_ms_per PIDS BEFORE "$created" 2 AFTER)
  echo "$line ms/ticket" >&2
  while read -r n t; do
    PG_PER[$n]+="$(awk -v d="$t" -v k="$(getconf CLK_TCK)" -v c="$created" 'BEGIN { printf "%.2f", d * 1000 / k / c }') "
  done < <(pg_split "$PG_FILES.BEFORE" "$PG_FILES.AFTER")
done

echo "CPU time per created ticket ($RATE tickets/s for $SECS s, median of $RUNS runs, $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)):"
echo
echo "| process | CPU ms per ticket |"
echo "|---|---:|"
total=0
for n in $(printf '%s\n' "${!PER[@]}" | sort); do
  mid=$(tr ' ' '\n' <<<"${PER[$n]}" | grep -v '^$' | median) # restart-lib.sh
  total=$(awk -v a="$total" -v b="$mid" 'BEGIN { printf "%.2f", a + b }')
  echo "| $n | $mid |"
done
echo "| **all** | **$total** |"
echo
echo "SLA notices raised by the breach checker during the runs (warnings and breaches of earlier tickets, each with its event and mails; their work is in the figures above): $(tr ' ' '\n' <<<"$NOTICES" | grep -v '^$' | paste -sd, -) per run."
echo
echo "PostgreSQL's share by process (median per run; \"ended\": processes that ended during a run, such as closed pooled connections and autovacuum workers, for the part of their CPU used in it):"
echo
echo "| PostgreSQL process | CPU ms per ticket |"
echo "|---|---:|"
for n in $(printf '%s\n' "${!PG_PER[@]}" | sort); do
  mid=$(tr ' ' '\n' <<<"${PG_PER[$n]}" | grep -v '^$' | median)
  [[ $mid == 0.00 ]] || echo "| ${n//\~/ } | $mid |"
done
