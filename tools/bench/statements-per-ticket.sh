#!/usr/bin/env bash
# tools/bench/statements-per-ticket.sh [--rate N] [--seconds S] [--top K] — what the databases of the running
# deploy/local/up.sh platform do per created ticket: transactions per service database, and each database's most
# frequent statements (calls and execution time per ticket, mean time per call), from pg_stat_statements.
#
# Creates tickets through the gateway at a fixed rate for S seconds (tools/bench/Platform.Bench, open loop), waits
# until the broker's queues and every outbox are empty, and divides by the tickets created. Everything the services
# did meanwhile is counted: the consumers of TicketCreated, outbox dispatch, the delivery worker's mail, and the idle
# polls (outbox, deliveries, SLA clocks) that run whether tickets come or not.
# Needs the up.sh platform with PostgreSQL started under PLATFORM_PG_STATEMENTS=1 (deploy/local/servers.sh), e.g.
#   bash deploy/local/servers.sh stop up && PLATFORM_PG_STATEMENTS=1 bash deploy/local/up.sh
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/local/common.sh
source "$HERE/../../deploy/local/common.sh"
cd "$PLATFORM_ROOT"

RATE=50 SECS=10 TOP=12
while (($#)); do
  case $1 in
    --rate) RATE=$2; shift 2 ;;
    --seconds) SECS=$2; shift 2 ;;
    --top) TOP=$2; shift 2 ;;
    *) die "unknown option $1 (--rate N --seconds S --top K)" ;;
  esac
done
[[ $RATE =~ ^[0-9]+$ && $SECS =~ ^[0-9]+$ && $TOP =~ ^[0-9]+$ ]] || die "--rate, --seconds and --top take whole numbers"

GATEWAY=http://127.0.0.1:${GATEWAY_PORT:-5000}
eval "$(bash deploy/local/servers.sh env up)"
# shellcheck source=tools/bench/restart-lib.sh
source "$HERE/restart-lib.sh" # up_psql, up_bench_warm, up_create

up_psql postgres "SHOW shared_preload_libraries" | grep -q pg_stat_statements ||
  die "PostgreSQL of the up profile does not load pg_stat_statements: bash deploy/local/servers.sh stop up && PLATFORM_PG_STATEMENTS=1 bash deploy/local/up.sh"
up_psql postgres "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null

DBS=(platform_ticketing platform_notifications platform_assets platform_projects platform_identity)
xacts() { up_psql postgres "SELECT datname || ' ' || (xact_commit + xact_rollback) FROM pg_stat_database WHERE datname LIKE 'platform_%'"; }

up_bench_warm "$GATEWAY" "$RATE"

declare -A BEFORE=()
while read -r n x; do BEFORE[$n]=$x; done < <(xacts)
up_psql postgres "SELECT pg_stat_statements_reset()" >/dev/null
up_create "$GATEWAY" "$RATE" "$SECS"
created=$UP_CREATED drained=$UP_DRAINED
((created > 0)) || die "no ticket created"

echo "Per created ticket: $created tickets at $RATE/s for $SECS s, backlog drained: $drained, $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "(the bench's own reads are included: an outbox count per service database each time it polls the backlog, and a count of tickets in platform_ticketing)"
echo
echo "| database | transactions per ticket | statements per ticket | execution ms per ticket |"
echo "|---|---:|---:|---:|"
declare -A STATS=()
while IFS='|' read -r db calls ms; do STATS[$db]="$calls|$ms"; done < <(up_psql postgres "
  SELECT d.datname, sum(s.calls), round(sum(s.total_exec_time)::numeric, 1)
  FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid GROUP BY d.datname")
while read -r n x; do
  IFS='|' read -r calls ms <<<"${STATS[$n]:-0|0}"
  awk -v n="$n" -v a="${BEFORE[$n]:-0}" -v b="$x" -v c="$created" -v s="$calls" -v m="$ms" \
    'BEGIN { printf "| %s | %.2f | %.2f | %.3f |\n", n, (b - a) / c, s / c, m / c }'
done < <(xacts | sort)

for db in "${DBS[@]}"; do
  echo
  echo "$db, the $TOP most frequent statements:"
  echo
  echo "| calls per ticket | ms per ticket | mean ms | statement |"
  echo "|---:|---:|---:|---|"
  up_psql postgres "
    SELECT round(s.calls::numeric / $created, 2) || ' | ' || round((s.total_exec_time / $created)::numeric, 3) || ' | '
           || round(s.mean_exec_time::numeric, 3) || ' | \`'
           || replace(left(regexp_replace(s.query, '\s+', ' ', 'g'), 140), '|', '\|') || '\`'
    FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
    WHERE d.datname = '$db' ORDER BY s.calls DESC, s.total_exec_time DESC LIMIT $TOP" | sed 's/^/| /; s/$/ |/'
done
