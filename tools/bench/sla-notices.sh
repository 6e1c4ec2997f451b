#!/usr/bin/env bash
# tools/bench/sla-notices.sh PAIRS DIR_A DIR_B [--seconds S] — what raising one SLA notice costs: ticketing's breach
# checker with two builds of ticketing, alternated in one run on the running deploy/local/up.sh platform.
#
# Needs a backlog of tickets past their warning or due times with no notice yet (every earlier bench run leaves its
# tickets unanswered; tools/bench/run.sh makes thousands). PAIRS times, A then B: ticketing is SIGKILLed and started
# from the build's directory with the checker passing every second (Sla__Checker__CheckInterval=00:00:01, 200 notices
# per kind and pass as configured), left 10 s to warm up, then measured for S seconds (default 20): the notices raised,
# the transactions committed in ticketing's database, and the CPU time of every process (ticketing, PostgreSQL's
# backends, the consumers of the events, RabbitMQ, the SMTP sink), each divided by the notices. Downstream work lags the
# window by up to a few seconds: each line gives the backlog of queued messages and undispatched outbox rows at the
# window's start and end, so that a build whose consumers fell behind shows it. Prints one line per measurement and a Markdown table of the
# medians. Then starts ticketing again as it ran before (its command line and environment).
# DIR_A and DIR_B are copies of ticketing's bin/Release/net10.0 (or of .data/up/apps/ticketing).
# Example: tools/bench/sla-notices.sh 3 /tmp/old-ticketing .data/up/apps/ticketing
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tools/bench/restart-lib.sh
source "$here/restart-lib.sh"
(($# >= 3)) || { echo "usage: $0 PAIRS DIR_A DIR_B [--seconds S]" >&2; exit 2; }
pairs=$1 dir_a=$(cd "$2" && pwd) dir_b=$(cd "$3" && pwd)
shift 3
secs=20
while (($#)); do
  case $1 in
    --seconds) secs=$2; shift 2 ;;
    *) echo "unknown option $1 (--seconds S)" >&2; exit 2 ;;
  esac
done
[[ $pairs =~ ^[1-9][0-9]*$ && $secs =~ ^[1-9][0-9]*$ ]] || { echo "PAIRS and S must be positive numbers" >&2; exit 2; }
service_capture ticketing
for dir in "$dir_a" "$dir_b"; do
  [[ -f $dir/$(service_dll) ]] || { echo "$dir holds no $(service_dll)" >&2; exit 2; }
done
eval "$(bash "$BENCH_ROOT/deploy/local/servers.sh" env up)" # PLATFORM_RABBITMQ_MANAGEMENT for up_backlog
declare -A PIDS=()
up_processes PIDS
# However the script ends, ticketing runs again as captured: the build and settings it ran with before.
trap 'service_kill; service_start' EXIT

backlog=$(up_psql platform_ticketing "SELECT count(*) FROM tickets t WHERE t.first_response_running_since IS NOT NULL
  AND t.first_response_due_at <= now() AND NOT EXISTS (SELECT 1 FROM sla_notices n WHERE n.ticket_id = t.id AND n.kind = 'FirstResponseBreached')" 2>/dev/null || echo "?")
echo "tickets past their first-response due time without a breach notice: $backlog"

notices() { up_psql platform_ticketing "SELECT count(*) FROM sla_notices"; }
xacts() { up_psql platform_ticketing "SELECT xact_commit FROM pg_stat_database WHERE datname = 'platform_ticketing'"; }

declare -A PER_A=() PER_B=()
for ((pair = 1; pair <= pairs; pair++)); do
  for label in A B; do
    dir=$dir_a
    [[ $label == B ]] && dir=$dir_b
    service_kill
    service_start_build "$dir" Sla__Checker__CheckInterval=00:00:01
    sleep 10 # warm-up: the first passes after the start
    declare -A BEFORE=()
    while read -r n t; do BEFORE[$n]=$t; done < <(snapshot PIDS)
    n0=$(notices) x0=$(xacts) b0=$(up_backlog)
    sleep "$secs"
    raised=$(($(notices) - n0)) committed=$(($(xacts) - x0)) b1=$(up_backlog)
    ((raised > 0)) || { echo "$label: no notice raised in $secs s (no backlog left?)" >&2; exit 1; }
    line="$label pair $pair: $raised notices in $secs s, backlog (queued messages and undispatched outbox rows) $b0 → $b1;"
    tx=$(awk -v a="$committed" -v n="$raised" 'BEGIN { printf "%.2f", a / n }')
    line+=" ticketing-db transactions $tx"
    declare -n per=PER_$label
    per[transactions]+="$tx "
    while read -r n ms; do
      per[$n]+="$ms "
      line+=" $n $ms"
    done < <(cpu_ms_per PIDS BEFORE "$raised" 3)
    echo "$line (ms of CPU per notice)"
  done
done

echo
echo "Per SLA notice raised, median of $pairs runs each, A = $dir_a, B = $dir_b ($(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)):"
echo
echo "| per notice | A | B |"
echo "|---|---:|---:|"
total_a=0 total_b=0
for n in $(printf '%s\n' "${!PER_A[@]}" | sort); do
  a=$(tr ' ' '\n' <<<"${PER_A[$n]}" | grep -v '^$' | median)
  b=$(tr ' ' '\n' <<<"${PER_B[$n]}" | grep -v '^$' | median)
  if [[ $n == transactions ]]; then
    echo "| ticketing-db transactions | $a | $b |"
    continue
  fi
  total_a=$(awk -v x="$total_a" -v y="$a" 'BEGIN { printf "%.3f", x + y }')
  total_b=$(awk -v x="$total_b" -v y="$b" 'BEGIN { printf "%.3f", x + y }')
  echo "| $n CPU ms | $a | $b |"
done
echo "| **all CPU ms** | **$total_a** | **$total_b** |"
