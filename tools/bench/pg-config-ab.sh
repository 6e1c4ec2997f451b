#!/usr/bin/env bash
# tools/bench/pg-config-ab.sh PAIRS "name=value ..." "name=value ..." [cpu-per-ticket.sh arguments] — an A/B of
# PostgreSQL settings on the running deploy/local/up.sh platform, in one run: PAIRS times, alternating A and B,
# PostgreSQL is restarted with the variant's settings (ALTER SYSTEM, so they win over platform.conf), the services
# reconnect, and tools/bench/cpu-per-ticket.sh measures the CPU per created ticket of every process (one run each,
# after its own warm-up). Prints each measurement's table, labelled. At the end (also on an early exit) the settings
# are reset and PostgreSQL restarted with platform.conf's own.
# Example: tools/bench/pg-config-ab.sh 3 "shared_buffers=128MB" "shared_buffers=1GB" --rate 100 --seconds 10
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tools/bench/restart-lib.sh
source "$here/restart-lib.sh"
(($# >= 3)) || { echo "usage: $0 PAIRS \"name=value ...\" \"name=value ...\" [cpu-per-ticket.sh arguments]" >&2; exit 2; }
pairs=$1 a=$2 b=$3
shift 3
[[ $pairs =~ ^[1-9][0-9]*$ ]] || { echo "PAIRS must be a positive number (got '$pairs')" >&2; exit 2; }

# pg_restart_with "name=value ...": sets each (ALTER SYSTEM; no settings: resets those of both variants), restarts
# PostgreSQL and waits until every service of up.sh answers /health/ready again (which checks its database).
pg_restart_with() {
  local setting
  for setting in $a $b; do up_psql postgres "ALTER SYSTEM RESET ${setting%%=*}" >/dev/null; done
  for setting in $1; do up_psql postgres "ALTER SYSTEM SET ${setting%%=*} = '${setting#*=}'" >/dev/null; done
  bash "$BENCH_ROOT/deploy/local/servers.sh" stop-postgres up >/dev/null
  bash "$BENCH_ROOT/deploy/local/servers.sh" start-postgres up >/dev/null
  local pidfile
  for pidfile in "$BENCH_UP"/pids/*.pid; do
    service_capture "$(basename "$pidfile" .pid)" && ready_wait "$SVC_PORT" "$(basename "$pidfile" .pid)"
  done
  for setting in $1; do echo "PostgreSQL: ${setting%%=*} = $(up_psql postgres "SHOW ${setting%%=*}")" >&2; done
}
trap 'pg_restart_with ""' EXIT

ab_cpu_per_ticket "$pairs" pg_restart_with "$a" "$b" "$@"
